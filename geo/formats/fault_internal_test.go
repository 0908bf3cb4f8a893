package formats

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planatlas/planatlas/geo/layer"
)

// A fault in the feature decoder on a worker goroutine (where Open's own
// recover cannot reach) becomes a report naming the feature; the other
// features are kept and the process goes on.
func TestWorkerFaultIsReported(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	const n = 5000 // several workers on any machine with two cores or more
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"Feature","properties":{"i":%d},"geometry":{"type":"Point","coordinates":[%.4f,31.8]}}`, i, 106+float64(i)/n)
	}
	b.WriteString(`]}`)
	path := filepath.Join(t.TempDir(), "many.geojson")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	faulty := map[int]bool{7: true, 2600: true, n - 1: true}
	opt := layer.Options{WorkerFault: func(i int) {
		if faulty[i] {
			var m map[string]int
			m["boom"]++ // a nil-map write: a runtime panic, as a decoder bug would raise
		}
	}}
	l, err := Open(path, opt)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if len(l.Features) != n-len(faulty) || l.Report.Skipped != len(faulty) {
		t.Fatalf("%d features, %d skipped; want %d and %d", len(l.Features), l.Report.Skipped, n-len(faulty), len(faulty))
	}
	zh := l.Report.Message("zh", len(l.Features), 0)
	for _, want := range []string{"第 8 个要素", "第 2601 个要素", "程序缺陷"} {
		if !strings.Contains(zh, want) {
			t.Errorf("report %q lacks %q", zh, want)
		}
	}
}
