package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"github.com/planatlas/planatlas/geo/atomicfile"
)

// The planner's own work — annotations, own scenes, the layers and base
// maps she opened, her Tianditu key — is kept in the app's own file,
// work.json in the app's storage folder, not in Fyne's preferences (which
// Fyne rewrites in place: a kill during a write left it empty, and the
// next start began from nothing). Each save writes the previous version to
// work.json.bak and then the new one, each through a temporary file that is
// flushed to disk and renamed over the old: at any moment both files are
// whole, and a kill loses at most the change being saved. Disposable
// settings (window size, last folder, language) stay in the preferences.

// workKeys are the work file's members. Values are JSON.
const (
	workAnnotations   = "annotations"    // GeoJSON FeatureCollection (annot.GeoJSON)
	workAnnotationsOn = "annotations.on" // bool
	workOwnScenes     = "scenes.own"     // plan.MarshalOwnScenes
	workOverlays      = "overlays"       // []savedOverlay
	workBasemaps      = "basemaps"       // []savedBasemap
	workTiandituKey   = "basemap.tianditu.key"
)

// workFile is the planner's work on disk and in memory. Its methods may be
// called from any goroutine.
type workFile struct {
	path string

	mu   sync.Mutex
	data map[string]json.RawMessage
	last []byte // what the file holds now: written to the backup before the next save
}

// workLoad says what opening the work file found, for the planner.
type workLoad struct {
	Damaged  bool     // the file was damaged (cut off or garbled)
	Restored []string // members read from the damaged file anyway
	FromBak  []string // members taken from the previous version
	Lost     bool     // neither file could be read at all
}

// openWorkFile reads work.json in dir (made if missing). A damaged file is
// read for what it still holds, the rest taken from the previous version.
func openWorkFile(dir string) (*workFile, workLoad) {
	w := &workFile{path: filepath.Join(dir, "work.json"), data: map[string]json.RawMessage{}}
	var rep workLoad
	// Temporary files of saves a kill interrupted.
	if stale, err := filepath.Glob(filepath.Join(dir, ".work.json*.tmp")); err == nil {
		for _, f := range stale {
			os.Remove(f)
		}
	}
	main, mainErr := os.ReadFile(w.path)
	if mainErr == nil {
		got, whole := salvageJSON(main)
		w.data, w.last = got, main
		if whole {
			return w, rep
		}
		rep.Damaged = true
		for k := range got {
			rep.Restored = append(rep.Restored, k)
		}
	}
	// The previous version is read only when the file is missing or damaged.
	if bak, bakErr := os.ReadFile(w.path + ".bak"); bakErr == nil {
		old, _ := salvageJSON(bak)
		for k, v := range old {
			if _, ok := w.data[k]; !ok {
				w.data[k] = v
				rep.FromBak = append(rep.FromBak, k)
			}
		}
		if mainErr != nil && errors.Is(mainErr, os.ErrNotExist) && len(old) > 0 {
			rep.Damaged = true // killed between the two renames: the backup is the work
		}
	}
	if rep.Damaged && len(w.data) == 0 {
		rep.Lost = true
	}
	sort.Strings(rep.Restored)
	sort.Strings(rep.FromBak)
	return w, rep
}

// salvageJSON reads the members of a JSON object one by one, keeping each
// that is whole: a file cut off or garbled part way keeps what came before.
// whole says the object was read to its end and nothing followed.
func salvageJSON(b []byte) (map[string]json.RawMessage, bool) {
	out := map[string]json.RawMessage{}
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return out, false
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return out, false
		}
		key, ok := t.(string)
		if !ok {
			return out, false
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return out, false
		}
		out[key] = v
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('}') {
		return out, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return out, false
	}
	return out, true
}

// Raw returns member key's JSON, nil if absent.
func (w *workFile) Raw(key string) json.RawMessage {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.data[key]
}

// Get decodes member key into v, reporting whether it was there and whole.
func (w *workFile) Get(key string, v any) bool {
	raw := w.Raw(key)
	return raw != nil && json.Unmarshal(raw, v) == nil
}

// String returns a string member, "" if absent.
func (w *workFile) String(key string) string {
	var s string
	w.Get(key, &s)
	return s
}

// Set stores v (encoded as JSON) as member key and saves the file.
func (w *workFile) Set(key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return w.SetRaw(key, b)
}

// SetRaw stores raw JSON as member key and saves the file; nil removes it.
func (w *workFile) SetRaw(key string, raw json.RawMessage) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if raw == nil {
		delete(w.data, key)
	} else {
		w.data[key] = append(json.RawMessage(nil), raw...)
	}
	return w.saveLocked()
}

// saveLocked writes the previous version to the backup and then the new
// one, each atomically. A failure leaves both files as they were.
func (w *workFile) saveLocked() error {
	b, err := json.MarshalIndent(w.data, "", " ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(w.path), 0o755); err != nil {
		return err
	}
	if bytes.Equal(w.last, b) {
		return nil
	}
	if w.last != nil {
		if err := atomicfile.WriteFile(w.path+".bak", w.last); err != nil {
			return err
		}
	}
	if err := atomicfile.WriteFile(w.path, b); err != nil {
		return err
	}
	w.last = b
	return nil
}

// migrateWork moves the planner's work from Fyne's preferences, where
// earlier versions kept it, into the work file, once: a member already in
// the file is not overwritten, and the preferences lose the moved keys.
func migrateWork(p fyne.Preferences, w *workFile) error {
	moved := false
	w.mu.Lock()
	for _, key := range []string{workAnnotations, workOwnScenes, workOverlays, workBasemaps} {
		s := p.String(key)
		if _, have := w.data[key]; have || s == "" || !json.Valid([]byte(s)) {
			continue
		}
		w.data[key], moved = json.RawMessage(s), true
	}
	if s := p.String(workTiandituKey); s != "" {
		if _, have := w.data[workTiandituKey]; !have {
			b, _ := json.Marshal(s)
			w.data[workTiandituKey], moved = b, true
		}
	}
	if _, have := w.data[workAnnotationsOn]; !have && p.String(workAnnotations) != "" {
		b, _ := json.Marshal(p.BoolWithFallback(workAnnotationsOn, true))
		w.data[workAnnotationsOn], moved = b, true
	}
	var err error
	if moved {
		err = w.saveLocked()
	}
	w.mu.Unlock()
	if err != nil {
		return err // the preferences keep the work until it is safely moved
	}
	for _, key := range []string{workAnnotations, workAnnotationsOn, workOwnScenes, workOverlays, workBasemaps, workTiandituKey} {
		p.RemoveValue(key)
	}
	return nil
}

// saveWork stores v as member key of the work file, telling the planner if
// Work is the planner's own work on disk for the open plan: the work file,
// what opening it found (told once the window is up) and the last reason
// it could not be saved (told once).
type Work struct {
	at      *Atlas
	file    *workFile
	load    workLoad
	lastErr string
	// shared is the work file of what is the planner's, not one plan's
	// (her 天地图 key): the built-in plan's file, whichever plan is open.
	shared *workFile
}

// saveShared keeps what belongs to the planner rather than to one plan.
func (wx *Work) saveShared(key string, v any) {
	if err := wx.shared.Set(key, v); err != nil {
		wx.workSaveFailed(err)
	}
}

// it could not be saved.
func (wx *Work) saveWork(key string, v any) {
	at := wx.at
	if err := at.Work.file.Set(key, v); err != nil {
		at.Work.workSaveFailed(err)
	}
}

// workSaveFailed tells the planner, once for each new reason, that her
// work could not be saved (a full disk, a folder made read-only), and where.
func (wx *Work) workSaveFailed(err error) {
	at := wx.at
	msg := err.Error()
	if we, ok := errors.AsType[*atomicfile.WriteError](err); ok {
		msg = we.Message(at.Lang())
	}
	if msg == at.Work.lastErr {
		return
	}
	at.Work.lastErr = msg
	fmt.Fprintf(os.Stderr, "planatlas: cannot save the planner's work to %s: %v\n", at.Work.file.path, err)
	at.Dialogs.showError(fmt.Sprintf(tr(at.Lang(), "workNotSaved"), msg))
}

// tellWorkLoad says, once the window is up, what opening a damaged work
// file found: what was read from it, and what came from the previous
// version.
func (wx *Work) tellWorkLoad() {
	at := wx.at
	r := at.Work.load
	if !r.Damaged {
		return
	}
	l := at.Lang()
	names := func(keys []string) string {
		var out []string
		for _, k := range keys {
			out = append(out, tr(l, "work."+k))
		}
		return strings.Join(out, tr(l, "listSep"))
	}
	var b strings.Builder
	b.WriteString(tr(l, "workDamaged"))
	switch {
	case r.Lost:
		b.WriteString(tr(l, "workLost"))
	default:
		if len(r.Restored) > 0 {
			b.WriteString(fmt.Sprintf(tr(l, "workRestored"), names(r.Restored)))
		}
		if len(r.FromBak) > 0 {
			b.WriteString(fmt.Sprintf(tr(l, "workFromBak"), names(r.FromBak)))
		}
	}
	at.Dialogs.showMessage(tr(l, "workTitle"), b.String())
}
