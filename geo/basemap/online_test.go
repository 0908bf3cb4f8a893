package basemap_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/proj"
)

// tileServer serves 256-pixel PNG tiles coloured by their address on
// loopback, and records what it was asked.
type tileServer struct {
	*httptest.Server
	hits   atomic.Int64
	mu     sync.Mutex
	agents map[string]bool
	inUse  atomic.Int64
	most   atomic.Int64
}

func newTileServer(t *testing.T, key string) *tileServer {
	ts := &tileServer{agents: map[string]bool{}}
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := ts.inUse.Add(1)
		defer ts.inUse.Add(-1)
		for m := ts.most.Load(); n > m && !ts.most.CompareAndSwap(m, n); m = ts.most.Load() {
		}
		ts.hits.Add(1)
		ts.mu.Lock()
		ts.agents[r.UserAgent()] = true
		ts.mu.Unlock()
		if key != "" && r.URL.Query().Get("tk") != key {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, "<html>bad key</html>")
			return
		}
		var z, x, y int
		if _, err := fmt.Sscanf(r.URL.Path, "/%d/%d/%d.png", &z, &x, &y); err != nil {
			http.NotFound(w, r)
			return
		}
		if z > 14 {
			http.NotFound(w, r)
			return
		}
		time.Sleep(2 * time.Millisecond)
		img := image.NewRGBA(image.Rect(0, 0, 256, 256))
		c := color.RGBA{uint8(x * 37), uint8(y * 53), uint8(z * 11), 255}
		for i := 0; i < len(img.Pix); i += 4 {
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
		}
		w.Header().Set("Content-Type", "image/png")
		png.Encode(w, img)
	}))
	t.Cleanup(ts.Close)
	return ts
}

var bazhong = proj.View{Center: orb.Point{106.75, 31.86}, Scale: 250000, Width: 800, Height: 600, DPI: 96}

func opaque(img *image.RGBA) int {
	n := 0
	for i := 3; i < len(img.Pix); i += 4 {
		if img.Pix[i] == 255 {
			n++
		}
	}
	return n
}

func TestOnlineTilesAreCachedAndDrawOffline(t *testing.T) {
	ts := newTileServer(t, "")
	cache := basemap.NewDiskCache(t.TempDir(), 0)
	src, err := basemap.Open(ts.URL+"/{z}/{x}/{y}.png", basemap.OpenOptions{Online: true, Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	img := image.NewRGBA(image.Rect(0, 0, bazhong.Width, bazhong.Height))
	st, err := src.Draw(context.Background(), bazhong, img, true)
	if err != nil || st.Missing != 0 || opaque(img) != bazhong.Width*bazhong.Height {
		t.Fatalf("export draw: %+v, %v; %d of %d pixels drawn", st, err, opaque(img), bazhong.Width*bazhong.Height)
	}
	first := ts.hits.Load()
	if ts.most.Load() > 2 {
		t.Errorf("%d requests at once; a tile server gets at most 2", ts.most.Load())
	}
	ts.mu.Lock()
	for ua := range ts.agents {
		if !strings.HasPrefix(ua, "PlanAtlas/") {
			t.Errorf("User-Agent %q does not identify Plan Atlas", ua)
		}
	}
	ts.mu.Unlock()
	if used, _ := cache.Bytes(); used == 0 {
		t.Fatal("nothing cached on disk")
	}
	// The network goes away: a new source (a new run) draws from the disk cache.
	ts.Close()
	src2, _ := basemap.Open(ts.URL+"/{z}/{x}/{y}.png", basemap.OpenOptions{Online: true, Cache: basemap.NewDiskCache(cache.Dir(), 0)})
	defer src2.Close()
	img2 := image.NewRGBA(img.Rect)
	st, err = src2.Draw(context.Background(), bazhong, img2, false)
	if err != nil || st.Pending != 0 || opaque(img2) != bazhong.Width*bazhong.Height {
		t.Errorf("offline screen draw from the cache: %+v, %v, %d pixels", st, err, opaque(img2))
	}
	// Where some is cached, an export draws what it has and counts the rest missing.
	img3 := image.NewRGBA(img.Rect)
	st, err = src2.Draw(context.Background(), bazhong.Pan(400, 0), img3, true)
	if err != nil || st.Missing == 0 || st.Drawn == 0 {
		t.Errorf("offline, half cached: %+v, %v; want tiles drawn, the rest counted missing and no error", st, err)
	}
	// Where nothing is, the export fails saying it cannot reach the server.
	st, err = src2.Draw(context.Background(), bazhong.Pan(3000, 0), img3, true)
	host := strings.TrimPrefix(ts.URL, "http://")
	if msg := basemap.Message(err, "zh"); !errors.Is(err, basemap.ErrOffline) || !strings.Contains(msg, "无法连接 "+host) {
		t.Errorf("offline, uncached: %+v, %v (%q); want the server named as unreachable", st, err, msg)
	}
	t.Logf("%d tiles fetched for the view", first)
}

func TestScreenDrawsDoNotWaitForTheNetwork(t *testing.T) {
	ts := newTileServer(t, "")
	src, err := basemap.Open(ts.URL+"/{z}/{x}/{y}.png", basemap.OpenOptions{Online: true})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	tiles := src.(*basemap.Tiles)
	arrived := make(chan struct{}, 1000)
	tiles.SetNotify(func() { arrived <- struct{}{} })
	img := image.NewRGBA(image.Rect(0, 0, bazhong.Width, bazhong.Height))
	st, err := src.Draw(context.Background(), bazhong, img, false)
	if err != nil || st.Pending == 0 || st.Drawn != 0 {
		t.Fatalf("first screen draw: %+v, %v; want every tile pending", st, err)
	}
	for i := 0; i < st.Pending; i++ {
		select {
		case <-arrived:
		case <-time.After(30 * time.Second):
			t.Fatalf("only %d of %d tiles arrived", i, st.Pending)
		}
	}
	st, err = src.Draw(context.Background(), bazhong, img, false)
	if err != nil || st.Pending != 0 || opaque(img) != bazhong.Width*bazhong.Height {
		t.Errorf("second screen draw: %+v, %v, %d pixels", st, err, opaque(img))
	}
	// Zooming in: the coarser tiles at hand stand in while the new ones come.
	defer func() {
		// The network goes: the screen counts the tiles it cannot get as
		// missing, rather than waiting for them.
		ts.Close()
		far := bazhong.Pan(5000, 0)
		img3 := image.NewRGBA(img.Rect)
		deadline := time.Now().Add(30 * time.Second)
		for {
			st, _ := src.Draw(context.Background(), far, img3, false)
			if st.Missing > 0 && st.Pending == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("offline screen draw: %+v; want the tiles counted missing", st)
			}
			select {
			case <-arrived:
			case <-time.After(time.Second):
			}
		}
	}()
	zoomed := bazhong.ZoomAt(2, 400, 300)
	img2 := image.NewRGBA(img.Rect)
	st, _ = src.Draw(context.Background(), zoomed, img2, false)
	if st.Pending == 0 || opaque(img2) < zoomed.Width*zoomed.Height*9/10 {
		t.Errorf("zoomed screen draw: %+v and %d pixels; want pending tiles and the old ones scaled in their place", st, opaque(img2))
	}
}

func TestKeyNeverInMessages(t *testing.T) {
	const key = "0123456789abcdef0123456789abcdef"
	ts := newTileServer(t, "right-key-right-key-right-key-00")
	src, err := basemap.Open(ts.URL+"/{z}/{x}/{y}.png?tk="+key, basemap.OpenOptions{Online: true})
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewRGBA(image.Rect(0, 0, 300, 200))
	v := bazhong
	v.Width, v.Height = 300, 200
	_, err = src.Draw(context.Background(), v, img, true)
	if msg := basemap.Message(err, "en"); err == nil || strings.Contains(msg, key) || !strings.Contains(msg, "key") {
		t.Errorf("refused key: %v; want a message about the key without the key", err)
	}
	src.Close()
	// A server that is not there: the error names no key either.
	ts.Close()
	src, _ = basemap.Open(ts.URL+"/{z}/{x}/{y}.png?tk="+key, basemap.OpenOptions{Online: true})
	defer src.Close()
	tl := src.(*basemap.Tiles)
	_, err = tl.Store().Tile(context.Background(), basemap.TileKey{Z: 8, X: 203, Y: 105})
	if !errors.Is(err, basemap.ErrOffline) || strings.Contains(err.Error(), key) {
		t.Errorf("offline: %v; want ErrOffline without the key", err)
	}
	// Providers: a 天地图 key goes only into requests.
	p, _ := basemap.ProviderByID("tianditu-img")
	if _, err := p.Source("", "zh", nil); err == nil {
		t.Error("天地图 without a key was accepted")
	}
}

func TestOnlineNeedsTheChoice(t *testing.T) {
	for _, spec := range []string{"osm", "https://tile.example.org/{z}/{x}/{y}.png?key=secretsecretsecret"} {
		_, err := basemap.Open(spec, basemap.OpenOptions{})
		if err == nil || !strings.Contains(err.Error(), "online") || strings.Contains(err.Error(), "secretsecret") {
			t.Errorf("%s without Online: %v", spec, err)
		}
	}
	if _, err := basemap.Open("https://tile.example.org/tiles.png", basemap.OpenOptions{Online: true}); err == nil {
		t.Error("an address without {z}/{x}/{y} was accepted")
	}
}

func TestDiskCacheStaysWithinItsBound(t *testing.T) {
	dir := t.TempDir()
	c := basemap.NewDiskCache(dir, 10_000)
	blob := bytes.Repeat([]byte{7}, 1000)
	for i := 0; i < 40; i++ {
		if err := c.Put(fmt.Sprintf("src/8/%d/1", i), blob); err != nil {
			t.Fatal(err)
		}
		if i == 5 {
			c.Get("src/8/0/1") // used recently: kept
		}
	}
	used, max := c.Bytes()
	if used > max {
		t.Errorf("cache holds %d bytes, bound %d", used, max)
	}
	if _, ok := c.Get("src/8/39/1"); !ok {
		t.Error("the newest tile was evicted")
	}
	if _, ok := c.Get("src/8/1/1"); ok {
		t.Error("an old, unused tile survived")
	}
	// A new run indexes what is on disk and keeps the bound.
	var n int64
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n += info.Size()
		}
		return nil
	})
	if used2, _ := basemap.NewDiskCache(dir, 10_000).Bytes(); used2 != n || n > 10_000 {
		t.Errorf("a new run counts %d bytes; %d on disk", used2, n)
	}
}

func TestSaveAreaListsTiles(t *testing.T) {
	b := orb.Bound{Min: orb.Point{106.5, 31.7}, Max: orb.Point{107.0, 32.0}}
	keys, trunc := basemap.TilesIn(b, 8, 12, 100000)
	if trunc || len(keys) == 0 {
		t.Fatalf("%d tiles, truncated %v", len(keys), trunc)
	}
	if keys[0].Z != 8 || keys[len(keys)-1].Z != 12 {
		t.Errorf("zooms %d..%d", keys[0].Z, keys[len(keys)-1].Z)
	}
	if _, trunc := basemap.TilesIn(b, 8, 18, 1000); !trunc {
		t.Error("a limit of 1000 tiles was not kept")
	}
}

// bluePNG is a 256-pixel opaque blue tile.
func bluePNG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 256, 256))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = 20, 20, 230, 255
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}
