package planpkg_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
)

// TestEditHelperProcess is not a test: run by TestKillDuringEditSaves, it
// edits the built-in plan over and over as the app's edit mode does (a
// copy, an edit, the package written) and prints each edit's number once
// its save has returned.
func TestEditHelperProcess(t *testing.T) {
	path := os.Getenv("PLANATLAS_EDIT_HELPER")
	if path == "" {
		t.Skip("a helper process for TestKillDuringEditSaves")
	}
	p, _, err := planpkg.Open(path)
	if err != nil {
		p, err = planpkg.BuiltIn()
		if err != nil {
			os.Exit(2)
		}
	}
	for i := len(p.Edits) + 1; ; i++ {
		np := p.Clone()
		f, _ := np.Feature("redarmy_martyrs_cemetery")
		e := plan.Edit{Feature: f.ID, Field: plan.FieldGeometry, Old: plan.GeometryText(f.Geometry),
			New: plan.GeometryText(orb.Point{107.25 + float64(i%100)*1e-4, 32.19}), Who: strconv.Itoa(i),
			When: "2026-12-04T10:30:00+08:00", Why: "kill test", Source: plan.EditSource{Kind: plan.SourceLocal}}
		if err := np.Apply(e); err != nil {
			os.Exit(3)
		}
		if err := planpkg.Write(path, np); err != nil {
			os.Exit(4)
		}
		p = np
		fmt.Println(i)
	}
}

// A save killed part way (the process killed at a random moment, 25
// times) leaves the package readable with every edit saved before it.
func TestKillDuringEditSaves(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills a process 25 times")
	}
	path := filepath.Join(t.TempDir(), "own.gpkg")
	last := 0
	for round := 0; round < 25; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestEditHelperProcess$")
		cmd.Env = append(os.Environ(), "PLANATLAS_EDIT_HELPER="+path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		saved := make(chan int, 1<<16)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				if n, err := strconv.Atoi(sc.Text()); err == nil {
					saved <- n
				}
			}
			close(saved)
		}()
		select {
		case n, ok := <-saved:
			if ok {
				last = n
			}
		case <-time.After(60 * time.Second):
			cmd.Process.Kill()
			t.Fatal("the helper saved nothing in a minute")
		}
		time.Sleep(time.Duration(rand.IntN(120)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		for n := range saved {
			last = n
		}
		p, problems, err := planpkg.Open(path)
		if err != nil {
			t.Fatalf("round %d: the package cannot be opened after the kill: %v", round, err)
		}
		if len(problems) > 0 {
			t.Fatalf("round %d: problems %v", round, problems)
		}
		if len(p.Edits) < last {
			t.Fatalf("round %d: %d edits in the package, the killed process had saved %d", round, len(p.Edits), last)
		}
		for i, e := range p.Edits {
			if e.Who != strconv.Itoa(i+1) {
				t.Fatalf("round %d: edit %d is by %q", round, i+1, e.Who)
			}
		}
	}
	t.Logf("%d edits saved across 25 kills", last)
	// What the kills left beside the package goes with the next save once
	// it is older than any save under way could be.
	stale, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*"))
	old := time.Now().Add(-time.Hour)
	for _, n := range stale {
		os.Chtimes(n, old, old)
	}
	p, _, err := planpkg.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := planpkg.Write(path, p); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*")); len(left) > 0 {
		t.Errorf("%d files the kills left stay after a save: %v", len(left), left)
	}
}
