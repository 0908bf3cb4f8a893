package cli_test

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// goodTile is a 256-pixel PNG tile of one colour.
func goodTile() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 256, 256))
	for i := range img.Pix {
		img.Pix[i] = 0xB0
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

// declaring is a 1×1 PNG whose header declares w × h pixels, with a valid
// checksum: only the size is a lie.
func declaring(w, h uint32) []byte {
	var b bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 1, 1))
	img.Set(0, 0, color.Gray{0x80})
	png.Encode(&b, img)
	p := b.Bytes()
	binary.BigEndian.PutUint32(p[16:], w)
	binary.BigEndian.PutUint32(p[20:], h)
	binary.BigEndian.PutUint32(p[29:], crc32.ChecksumIEEE(p[12:29]))
	return p
}

// hostileServer answers /CASE/z/x/y.png on 127.0.0.1 as a hostile or
// broken tile server would, one way per CASE.
func hostileServer(t *testing.T) *httptest.Server {
	good := goodTile()
	var bomb bytes.Buffer // 256 MB of zeros in 250 KB of gzip
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	zero := make([]byte, 1<<20)
	for i := 0; i < 256; i++ {
		zw.Write(zero)
	}
	zw.Close()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
		if len(parts) != 4 {
			http.NotFound(w, r)
			return
		}
		png := func(b []byte) {
			w.Header().Set("Content-Type", "image/png")
			w.Write(b)
		}
		switch parts[0] {
		case "good":
			png(good)
		case "slow": // 30 s a tile
			select {
			case <-time.After(30 * time.Second):
				png(good)
			case <-r.Context().Done():
			}
		case "trickle": // a byte a second
			w.Header().Set("Content-Type", "image/png")
			for i := 0; i < len(good); i++ {
				if _, err := w.Write(good[i : i+1]); err != nil {
					return
				}
				w.(http.Flusher).Flush()
				select {
				case <-time.After(time.Second):
				case <-r.Context().Done():
					return
				}
			}
		case "stall": // the headers, then nothing
			w.Header().Set("Content-Type", "image/png")
			w.WriteHeader(http.StatusOK)
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		case "error":
			http.Error(w, "internal error", http.StatusInternalServerError)
		case "html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, "<html><body>请登录</body></html>")
		case "bomb":
			w.Header().Set("Content-Type", "image/png")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb.Bytes())
		case "forty": // 40 MB for one tile
			w.Header().Set("Content-Type", "image/png")
			chunk := bytes.Repeat([]byte{0x89}, 1<<20)
			for i := 0; i < 40; i++ {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case "loop":
			http.Redirect(w, r, r.URL.Path, http.StatusFound)
		case "elsewhere":
			http.Redirect(w, r, "http://127.0.0.2:9/"+strings.Join(parts[1:], "/"), http.StatusFound)
		case "declares":
			png(declaring(50_000, 50_000))
		case "mixed": // every other tile fails
			if n.Add(1)%2 == 0 {
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			png(good)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// peakHeap samples the heap until stop is closed and returns the most
// it saw in use.
func peakHeap(stop chan struct{}) func() uint64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	return func() uint64 { <-done; return peak.Load() }
}

// Every way a tile server can be hostile ends an export within the time
// a person can wait and within bounded memory, with a map (the bad tiles
// blank and counted) or a sentence in the planner's language that names
// the server — never Go's own words, never a hang.
func TestHostileTileServers(t *testing.T) {
	srv := hostileServer(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // the tile cache is the test's
	t.Setenv("HOME", t.TempDir())
	host := strings.TrimPrefix(srv.URL, "http://")
	cases := []struct {
		name   string
		ok     bool     // a map is written
		want   []string // in stderr, in Chinese
		slowOK bool     // waits out a deadline
	}{
		{"good", true, nil, false},
		{"mixed", true, []string{"张底图瓦片无法读取"}, false},
		{"declares", false, []string{"文件已损坏或不完整"}, false},
		{"error", false, []string{host, "HTTP 500"}, false},
		{"html", false, []string{host, "网页"}, false},
		{"bomb", false, []string{host, "超过 8 MB"}, false},
		{"forty", false, []string{host, "超过 8 MB"}, false},
		{"loop", false, []string{host, "循环转向"}, false},
		{"elsewhere", false, []string{host, "另一个网站", "127.0.0.2"}, false},
		{"slow", false, []string{host, "秒内没有送来"}, true},
		{"trickle", false, []string{host, "秒内没有送来"}, true},
		{"stall", false, []string{host, "秒内没有送来"}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.slowOK && testing.Short() {
				t.Skip("waits out the 10 s tile deadline")
			}
			t.Parallel()
			out := filepath.Join(t.TempDir(), tc.name+".png")
			stop := make(chan struct{})
			peak := peakHeap(stop)
			start := time.Now()
			code, _, errs := run("export", "-o", out, "--size", "400x300", "--bbox", "106.6,31.8,106.9,32.0",
				"--basemap", srv.URL+"/"+tc.name+"/{z}/{x}/{y}.png")
			took := time.Since(start)
			close(stop)
			t.Logf("%s: exit %d in %.1f s, heap at most %d MB (all cases together): %s", tc.name, code, took.Seconds(), peak()>>20, strings.TrimSpace(errs))
			if took > 90*time.Second {
				t.Errorf("%s took %v", tc.name, took)
			}
			if _, err := os.Stat(out); (err == nil) != tc.ok || (code == 0) != tc.ok {
				t.Errorf("exit %d, file written %v; want a map %v (%s)", code, err == nil, tc.ok, errs)
			}
			for _, w := range tc.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr %q lacks %q", errs, w)
				}
			}
			for _, goWords := range []string{"context deadline", "Client.Timeout", "stopped after", "net/http", "EOF", "dial tcp"} {
				if strings.Contains(errs, goWords) {
					t.Errorf("stderr %q speaks Go (%q)", errs, goWords)
				}
			}
			if p := peak(); p > 1<<30 {
				t.Errorf("heap reached %d MB", p>>20)
			}
		})
	}
}
