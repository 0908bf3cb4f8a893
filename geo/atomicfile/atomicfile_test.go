package atomicfile_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/planatlas/planatlas/geo/atomicfile"
)

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "map.png")
	if err := atomicfile.WriteFile(path, []byte("first")); err != nil {
		t.Fatal(err)
	}
	// A writer that fails half-way leaves the first file intact and no temp file.
	err := atomicfile.Write(path, func(w io.Writer) error {
		w.Write([]byte("half"))
		return errors.New("disk full")
	})
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "first" {
		t.Errorf("file = %q, want the old content", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the folder, want 1", len(entries))
	}
	if err := atomicfile.WriteFile(filepath.Join(dir, "no", "such", "dir.png"), nil); err == nil {
		t.Error("writing into a missing folder succeeded")
	}
}
