package basemap_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/planatlas/planatlas/geo/basemap"
)

// hostileStore answers tile requests as a hostile server or package
// might: one tile's store code panics, one tile declares 50,000² pixels,
// the rest are good.
type hostileStore struct{ asked atomic.Int64 }

func (s *hostileStore) Tile(ctx context.Context, k basemap.TileKey) ([]byte, error) {
	s.asked.Add(1)
	switch (k.X + k.Y) % 3 {
	case 0:
		var m map[basemap.TileKey]int
		m[k]++ // a fault in a store, as a bug in a decoder of a server's bytes would raise
	case 1:
		return hugePNG(50_000, 50_000), nil
	}
	var b bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 256, 256))
	for i := range img.Pix {
		img.Pix[i] = 0xC0
	}
	png.Encode(&b, img)
	return b.Bytes(), nil
}

func (s *hostileStore) Close() error { return nil }

// allBad answers every tile with a PNG declaring 50,000² pixels.
type allBad struct{}

func (allBad) Tile(context.Context, basemap.TileKey) ([]byte, error) {
	return hugePNG(50_000, 50_000), nil
}
func (allBad) Close() error { return nil }

// hugePNG is a 1×1 PNG whose header is rewritten to declare w × h pixels
// (with a valid checksum, so only the size is a lie).
func hugePNG(w, h uint32) []byte {
	var b bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 1, 1))
	img.Set(0, 0, color.Gray{0x80})
	png.Encode(&b, img)
	p := b.Bytes()
	ihdr := p[8+8 : 8+8+13] // after the signature, the chunk's length and type
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	binary.BigEndian.PutUint32(p[8+8+13:], crc32.ChecksumIEEE(p[8+4:8+8+13]))
	return p
}

// A panicking store and a tile that claims 10 GB of pixels are each one
// blank tile in an export, counted and told (the good tiles drawn), and
// missing tiles in the screen's background fetches: the process goes on,
// and memory stays near what the tiles hold. Only when no tile can be read
// does the export fail, saying why.
func TestHostileTilesNeitherCrashNorBalloon(t *testing.T) {
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	st := &hostileStore{}
	tiles := basemap.NewTiles(st, basemap.Info{Name: "hostile"}, 256, 0, 18, 64<<20)
	defer tiles.Close()
	v := view4x()
	img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	stats, err := tiles.Draw(context.Background(), v, img, true)
	if err != nil {
		t.Fatalf("an export over some bad tiles failed: %v", err)
	}
	if stats.Bad == 0 || stats.Drawn == 0 {
		t.Fatalf("%d tiles drawn, %d bad: want the good drawn and the bad counted", stats.Drawn, stats.Bad)
	}
	if msg := basemap.BadTiles(stats, "zh"); !strings.Contains(msg, "张底图瓦片无法读取") || !strings.Contains(msg, "已留空") {
		t.Errorf("the planner is told %q", msg)
	}
	// Every tile bad: the export fails, naming why.
	bad := basemap.NewTiles(allBad{}, basemap.Info{Name: "bad"}, 256, 0, 18, 64<<20)
	defer bad.Close()
	if _, err := bad.Draw(context.Background(), v, img, true); err == nil {
		t.Error("an export with no readable tile drew without a word")
	} else if msg := err.Error(); !strings.Contains(msg, "50000 × 50000") {
		t.Errorf("message %q does not name the declared size", msg)
	}
	// The screen's draw does not wait: the tiles are fetched behind it.
	tiles.Draw(context.Background(), v.ZoomAt(2, 400, 300), img, false)
	deadline := time.Now().Add(30 * time.Second)
	for tiles.Pending() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := tiles.Pending(); n > 0 {
		t.Fatalf("%d background fetches never ended", n)
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if grew := int64(after.HeapInuse) - int64(before.HeapInuse); grew > 512<<20 {
		t.Errorf("the heap grew by %d MB for tiles that hold a few hundred bytes each", grew>>20)
	}
	if st.asked.Load() == 0 {
		t.Fatal("no tile was asked for")
	}
}
