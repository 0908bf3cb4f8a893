package app

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

func TestSalvageJSON(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		keys  []string
		whole bool
	}{
		{"whole", `{"a":1,"b":{"c":[1,2]},"d":"x"}`, []string{"a", "b", "d"}, true},
		{"cut inside the second member", `{"a":1,"b":{"c":[1,`, []string{"a"}, false},
		{"cut after a member", `{"a":1,"b":2,`, []string{"a", "b"}, false},
		{"garbage after a member", `{"a":1,"b":2 ###`, []string{"a", "b"}, false},
		{"trailing garbage", `{"a":1} x`, []string{"a"}, false},
		{"empty file", ``, nil, false},
		{"zeros (a file a crash left allocated)", "\x00\x00\x00\x00", nil, false},
		{"not an object", `[1,2]`, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, whole := salvageJSON([]byte(tt.in))
			var keys []string
			for k := range got {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			if whole != tt.whole || !reflect.DeepEqual(keys, tt.keys) {
				t.Errorf("got %v (whole %v), want %v (whole %v)", keys, whole, tt.keys, tt.whole)
			}
		})
	}
}

// A damaged work file is read for what it holds, the rest comes from the
// previous version, and the planner is told which is which.
func TestDamagedWorkFileIsReadForWhatItHolds(t *testing.T) {
	dir := t.TempDir()
	w, _ := openWorkFile(dir)
	w.Set(workAnnotations, map[string]any{"type": "FeatureCollection", "features": []any{}})
	w.Set(workOverlays, []savedOverlay{{Path: "/data/路网.shp"}})
	w.Set(workOverlays, []savedOverlay{{Path: "/data/路网.shp"}, {Path: "/data/站点.geojson"}})
	// The new version cut off inside its overlays.
	b, _ := os.ReadFile(w.path)
	cut := strings.Index(string(b), `"overlays"`) + 20
	os.WriteFile(w.path, b[:cut], 0o644)

	w2, rep := openWorkFile(dir)
	if !rep.Damaged || rep.Lost || !reflect.DeepEqual(rep.Restored, []string{workAnnotations}) || !reflect.DeepEqual(rep.FromBak, []string{workOverlays}) {
		t.Fatalf("load report %+v", rep)
	}
	var ov []savedOverlay
	if !w2.Get(workOverlays, &ov) || len(ov) != 1 {
		t.Errorf("overlays from the previous version: %+v", ov)
	}
	// The app says so, in the planner's language.
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Work.load = rep
	at.Work.tellWorkLoad()
	top := at.Win.Canvas().Overlays().Top()
	if got := labelTexts(top); !strings.Contains(got, "已损坏") || !strings.Contains(got, "从上一版本恢复：打开的图层") || !strings.Contains(got, "已从中读回：批注") {
		t.Errorf("message %q", got)
	}
}

// Work kept in the preferences by an earlier version moves to the work file
// once, and leaves the preferences.
func TestWorkMovesOutOfThePreferences(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString("annotations", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kind":"text","colour":"#E01B24","width":1,"text":"旧批注"},"geometry":{"type":"Point","coordinates":[106.75,31.86]}}]}`)
	a.Preferences().SetString(keyPref, "secret-key")
	at := newTestAtlas(t, a)
	if n := len(at.State.Annotations()); n != 1 {
		t.Fatalf("%d annotations after the move, want 1", n)
	}
	if at.Work.file.String(keyPref) != "secret-key" || a.Preferences().String("annotations") != "" || a.Preferences().String(keyPref) != "" {
		t.Error("the work did not move out of the preferences")
	}
}

// The helper process of TestKillDuringSaves: it saves ever larger work and
// prints each number once its save has returned.
func TestWorkFileHelperProcess(t *testing.T) {
	dir := os.Getenv("PLANATLAS_WORK_HELPER")
	if dir == "" {
		t.Skip("run by TestKillDuringSaves")
	}
	w, _ := openWorkFile(dir)
	start := 0
	w.Get("n", &start)
	out := bufio.NewWriter(os.Stdout)
	for n := start + 1; ; n++ {
		// Annotations of a realistic size (a few hundred strokes' worth).
		pad := strings.Repeat(fmt.Sprintf("[106.%06d,31.8],", n), 2000)
		if err := w.SetRaw(workAnnotations, json.RawMessage(`{"n":`+strconv.Itoa(n)+`,"pts":[`+pad+`[0,0]]}`)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if err := w.Set("n", n); err != nil {
			os.Exit(1)
		}
		fmt.Fprintln(out, n)
		out.Flush()
	}
}

// Killing the process during saves, many times over, never loses work
// saved before the kill: every start reads at least the last number the
// killed process had saved, from the file or its previous version.
func TestKillDuringSaves(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills a process 40 times")
	}
	dir := t.TempDir()
	for round := 0; round < 40; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestWorkFileHelperProcess$")
		cmd.Env = append(os.Environ(), "PLANATLAS_WORK_HELPER="+dir)
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
		// Wait for a first save, then kill at a random moment among the
		// next ones.
		select {
		case <-saved:
		case <-time.After(60 * time.Second):
			cmd.Process.Kill()
			t.Fatal("the helper saved nothing in a minute")
		}
		time.Sleep(time.Duration(rand.IntN(40)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		last := 0
		for n := range saved {
			last = n
		}
		w, rep := openWorkFile(dir)
		got := 0
		if !w.Get("n", &got) || got < last {
			t.Fatalf("round %d: the work file has n=%d, the killed process had saved %d (%+v)", round, got, last, rep)
		}
		var ann struct{ N int }
		if !w.Get(workAnnotations, &ann) || ann.N < last {
			t.Fatalf("round %d: annotations of save %d, the killed process had saved %d (%+v)", round, ann.N, last, rep)
		}
	}
	if stale, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(stale) > 1 {
		t.Errorf("temporary files pile up: %v", stale)
	}
}
