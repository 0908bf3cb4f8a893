package formats_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/formats"
	"github.com/planatlas/planatlas/geo/formats/gpkg"
	"github.com/planatlas/planatlas/geo/layer"
)

// bigFile writes a file of n items once per test binary run: a header,
// each item, a footer.
func bigFile(tb testing.TB, name string, n int, head, foot string, item func(w *bufio.Writer, r *rand.Rand, i int)) string {
	tb.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("planatlas-%d-%d-%s", os.Getpid(), n, name))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	f, err := os.Create(path + ".tmp")
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(head)
	r := rand.New(rand.NewSource(1))
	for i := 0; i < n; i++ {
		item(w, r, i)
	}
	w.WriteString(foot)
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
	if err := os.Rename(path+".tmp", path); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { os.Remove(path) })
	return path
}

// placemarksKML is n named points as KML, the shape of a 奥维 or Google
// Earth export (about 120 bytes a placemark).
func placemarksKML(tb testing.TB, n int) string {
	return bigFile(tb, "placemarks.kml", n, `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>big</name><Folder><name>点</name>
`, "</Folder></Document></kml>\n", func(w *bufio.Writer, r *rand.Rand, i int) {
		fmt.Fprintf(w, "<Placemark><name>P%d</name><Point><coordinates>%.6f,%.6f,0</coordinates></Point></Placemark>\n",
			i, 106.4+1.3*r.Float64(), 31.3+1.4*r.Float64())
	})
}

// placemarksGeoJSON is the same points as GeoJSON.
func placemarksGeoJSON(tb testing.TB, n int) string {
	return bigFile(tb, "placemarks.geojson", n, `{"type":"FeatureCollection","features":[`+"\n", "]}\n", func(w *bufio.Writer, r *rand.Rand, i int) {
		if i > 0 {
			w.WriteString(",\n")
		}
		fmt.Fprintf(w, `{"type":"Feature","properties":{"name":"P%d"},"geometry":{"type":"Point","coordinates":[%.6f,%.6f]}}`,
			i, 106.4+1.3*r.Float64(), 31.3+1.4*r.Float64())
	})
}

// trackGPX is one GPS track of n points, as a phone records it.
func trackGPX(tb testing.TB, n int) string {
	return bigFile(tb, "track.gpx", n, `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>轨迹</name><trkseg>
`, "</trkseg></trk></gpx>\n", func(w *bufio.Writer, r *rand.Rand, i int) {
		fmt.Fprintf(w, "<trkpt lat=\"%.6f\" lon=\"%.6f\"><ele>%.1f</ele><time>2024-06-27T08:%02d:%02dZ</time></trkpt>\n",
			31.3+1.4*float64(i)/float64(n), 106.4+1.3*r.Float64()*0.01+float64(i)/float64(n), 400+r.Float64()*50, (i/60)%60, i%60)
	})
}

// pointsShapefile is n named points as a shapefile.
func pointsShapefile(tb testing.TB, n int) string {
	t := tb.(*testing.T)
	stem := filepath.Join(t.TempDir(), "points")
	recs := make([][]byte, n)
	names := make([]string, n)
	r := rand.New(rand.NewSource(1))
	for i := range recs {
		recs[i] = shpPoint(106.4+1.3*r.Float64(), 31.3+1.4*r.Float64())
		names[i] = fmt.Sprintf("P%d", i)
	}
	writeShapefile(t, stem, recs, names, nil)
	return stem + ".shp"
}

// pointsGeoPackage is n named points as a GeoPackage.
func pointsGeoPackage(t *testing.T, n int) string {
	path := filepath.Join(t.TempDir(), "points.gpkg")
	fs := make([]layer.Feature, n)
	r := rand.New(rand.NewSource(1))
	for i := range fs {
		fs[i] = layer.Feature{Geometry: orb.Point{106.4 + 1.3*r.Float64(), 31.3 + 1.4*r.Float64()}, Props: map[string]any{"name": fmt.Sprintf("P%d", i)}}
	}
	if err := gpkg.Write(path, "points", fs); err != nil {
		t.Fatal(err)
	}
	return path
}

// size picks the full size, or a tenth of it under -short.
func size(full int) int {
	if testing.Short() {
		return full / 10
	}
	return full
}

// 400,000 placemarks (48 MB) and a 200,000-point track open, in time
// linear in their size: the XML readers once took 217 s and 87 s. The
// test fails only on a hang; the time is printed (the benchmarks measure).
func TestLargeXMLOpens(t *testing.T) {
	for _, tc := range []struct {
		name, path string
		features   int
	}{
		{"KML 400k placemarks", placemarksKML(t, size(400000)), size(400000)},
		{"GPX 200k-point track", trackGPX(t, size(200000)), 1},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
		start := time.Now()
		l, err := formats.Open(tc.path, layer.Options{Context: ctx})
		cancel()
		if err != nil {
			t.Fatalf("%s: %v (after %v)", tc.name, err, time.Since(start))
		}
		if len(l.Features) != tc.features {
			t.Errorf("%s: %d features", tc.name, len(l.Features))
		}
		st, _ := os.Stat(tc.path)
		t.Logf("%s (%d MB): %v", tc.name, st.Size()>>20, time.Since(start).Round(time.Millisecond))
	}
}

// Cancel stops a read of any format soon: the planner's Cancel button.
// The test fails only if the read goes on for many seconds after it; the
// delay is printed (the target is 200 ms).
func TestCancelStopsEveryReader(t *testing.T) {
	files := map[string]string{
		"KML":        placemarksKML(t, size(400000)),
		"GeoJSON":    placemarksGeoJSON(t, size(400000)),
		"GPX":        trackGPX(t, size(200000)),
		"Shapefile":  pointsShapefile(t, size(400000)),
		"GeoPackage": pointsGeoPackage(t, size(200000)),
	}
	for name, path := range files {
		for _, after := range []time.Duration{0, 30 * time.Millisecond, 150 * time.Millisecond} {
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() {
				_, err := formats.Open(path, layer.Options{Context: ctx})
				done <- err
			}()
			time.Sleep(after)
			cancel()
			at := time.Now()
			select {
			case err := <-done:
				delay := time.Since(at)
				if err != nil && !errors.Is(err, context.Canceled) {
					t.Errorf("%s cancelled after %v: %v", name, after, err)
				}
				t.Logf("%s cancelled after %v: returned in %v", name, after, delay.Round(time.Microsecond))
			case <-time.After(20 * time.Second):
				t.Fatalf("%s: still reading 20 s after Cancel", name)
			}
		}
	}
	// A deadline says so in the planner's words.
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	time.Sleep(2 * time.Millisecond)
	_, err := formats.Open(files["KML"], layer.Options{Context: ctx})
	var re *layer.ReadError
	if !errors.As(err, &re) || !errors.Is(err, context.DeadlineExceeded) || re.Message("zh") == "" {
		t.Errorf("deadline: %v", err)
	} else if zh := re.Message("zh"); zh != filepath.Base(files["KML"])+"：读取超时，已停止" {
		t.Errorf("deadline: %q", zh)
	}
}

// Opening 400,000 points as KML and as GeoJSON (the target: KML within 3×
// GeoJSON), and a 200,000-point GPX track (target ≤ 2 s).
func BenchmarkOpenLarge(b *testing.B) {
	for _, tc := range []struct{ name, path string }{
		{"kml-400k", placemarksKML(b, 400000)},
		{"geojson-400k", placemarksGeoJSON(b, 400000)},
		{"gpx-200k", trackGPX(b, 200000)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := formats.Open(tc.path, layer.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
