package planpkg_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/planatlas/planatlas/geo/guard"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
)

// FuzzOpen opens mutated packages as the app does (planpkg.Open on a
// file): a fault inside the reader, caught by its guard, fails the fuzz.
//
//	cd geo/planpkg && go test -run XXX -fuzz FuzzOpen -fuzztime 120s -fuzzminimizetime 2s
//
// (a package is 800 KB: without a bound on minimising, the fuzzer spends
// minutes shrinking each new input and counts no executions meanwhile).
func FuzzOpen(f *testing.F) {
	good := samplePackage(f)
	b, err := os.ReadFile(good)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add(b[:4096])
	f.Add([]byte("SQLite format 3\x00"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "f.gpkg")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Skip()
		}
		var p *plan.Plan
		var err error
		done := make(chan struct{})
		go func() { p, _, err = planpkg.Open(path); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatal("Open hung for 20 s")
		}
		var pe *guard.PanicError
		if errors.As(err, &pe) {
			t.Fatalf("fault: %v\n%s", pe, pe.Stack)
		}
		if err == nil && p == nil {
			t.Fatal("no plan and no error")
		}
	})
}

// FuzzReadDocument reads bytes as each kind of document a plan folder may
// hold and parses what comes out, as plan build does: no crash, no hang,
// text bounded.
func FuzzReadDocument(f *testing.F) {
	for _, name := range []string{"testdata/documents/guangyuan.docx", "testdata/documents/guangyuan.html", "testdata/guangyuan/document.txt"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<html><nav><div><p>x</nav></p><footer>第一条 y`))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, name := range []string{"document.docx", "document.html", "document.txt"} {
			text, err := planpkg.ReadDocument(name, b)
			if err != nil {
				continue
			}
			if len(text) > planpkg.MaxText {
				t.Fatalf("%s: %d bytes of text", name, len(text))
			}
			plan.Parse(text)
		}
	})
}
