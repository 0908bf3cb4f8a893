package app

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// Opening and closing a million-point overlay ten times, drawing it each
// time, leaves the heap where it was: closing releases the overlay from
// the state, the map's render cache and the last frame.
func TestOverlayOpenCloseLeavesHeap(t *testing.T) {
	if testing.Short() || raceOn {
		t.Skip("a million points, ten times: not in -short or under -race")
	}
	path := filepath.Join(t.TempDir(), "survey.geojson")
	writePoints(t, path, 1_000_000)
	at := newTestAtlas(t, test.NewTempApp(t))
	heap := func() uint64 {
		var m runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	// Fyne loads font faces the first time a style of text is measured
	// (the overlay row's italic line, say), and keeps them: open and close
	// a small layer once before taking the measure where it starts.
	small, err := open(t, at, testdata+"shp/areas.shp")
	if err != nil {
		t.Fatal(err)
	}
	paint(at)
	at.Overlays.Close(small.ID)
	paint(at)
	start := heap()
	if os.Getenv("HEAPPROF") != "" {
		f, _ := os.Create(os.Getenv("HEAPPROF") + ".start")
		pprof.WriteHeapProfile(f)
		f.Close()
		defer func() {
			f, _ := os.Create(os.Getenv("HEAPPROF") + ".end")
			pprof.WriteHeapProfile(f)
			f.Close()
		}()
	}
	var peak uint64
	t0 := time.Now()
	for i := 0; i < 10; i++ {
		o, err := open(t, at, path)
		if err != nil {
			t.Fatal(err)
		}
		if len(o.Layer.Features) != 1_000_000 {
			t.Fatalf("%d features", len(o.Layer.Features))
		}
		paint(at)
		if s, _ := at.Map.Result(); len(s.Overlays) != 1 {
			t.Fatal("the overlay was not drawn")
		}
		peak = max(peak, heap())
		at.Overlays.Close(o.ID)
		paint(at)
	}
	end := heap()
	t.Logf("heap %.1f MB at the start, %.1f MB with the overlay open, %.1f MB after ten opens and closes (%.1f s)",
		float64(start)/1e6, float64(peak)/1e6, float64(end)/1e6, time.Since(t0).Seconds())
	if float64(end) > 1.1*float64(start) {
		t.Errorf("the heap grew from %.1f MB to %.1f MB", float64(start)/1e6, float64(end)/1e6)
	}
}

// writePoints writes n points over Bazhong as a GeoJSON file.
func writePoints(t *testing.T, path string, n int) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			w.WriteByte(',')
		}
		lon := 106.3 + 1.5*float64(i%1000)/1000
		lat := 31.2 + 1.6*float64(i/1000)/float64(n/1000)
		fmt.Fprintf(w, `{"type":"Feature","properties":{"name":"P%d"},"geometry":{"type":"Point","coordinates":[%.5f,%.5f]}}`, i, lon, lat)
	}
	w.WriteString("]}")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}
