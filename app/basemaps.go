package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/crs"
	"github.com/planatlas/planatlas/geo/layer"
	"github.com/planatlas/planatlas/geo/render"
)

// BasemapManager opens base maps — files in the background, online
// sources only when the planner turns one on — closes them, owns the tile
// cache on disk, and remembers them between runs. What is open, and how
// it is drawn, is in the State.
type BasemapManager struct {
	at    *Atlas
	cache *basemap.DiskCache

	// LastError is the last failure shown to the planner.
	LastError error

	arrived atomic.Bool // tiles came in since the map was last told
}

// keyPref is where the planner's 天地图 key is kept (the work file only:
// never in an export, a log or a message).
const keyPref = workTiandituKey

func newBasemapManager(at *Atlas) *BasemapManager {
	bm := &BasemapManager{at: at}
	dir := filepath.Join(os.TempDir(), "planatlas-tiles")
	if d, err := os.UserCacheDir(); err == nil {
		dir = filepath.Join(d, "planatlas", "tiles")
	}
	mb := at.App.Preferences().IntWithFallback("basemap.cache.mb", 1024)
	bm.cache = basemap.NewDiskCache(dir, int64(max(mb, 64))<<20)
	at.State.Subscribe(func(c Change) {
		if c&ChangeBasemaps != 0 {
			bm.save()
		}
	})
	return bm
}

// Cache is the tile cache on disk.
func (bm *BasemapManager) Cache() *basemap.DiskCache { return bm.cache }

// savedBasemap is how a base map is remembered between runs.
type savedBasemap struct {
	Spec    string  `json:"spec"`
	EPSG    int     `json:"epsg,omitempty"`
	Visible bool    `json:"visible"`
	Opacity float64 `json:"opacity"`
	Grey    bool    `json:"grey,omitempty"`
	Tint    bool    `json:"tint,omitempty"`
	Over    bool    `json:"over,omitempty"`
	Online  bool    `json:"online,omitempty"`
}

func (bm *BasemapManager) save() {
	var out []savedBasemap
	for _, b := range bm.at.State.Basemaps() {
		out = append(out, savedBasemap{Spec: b.Spec, EPSG: b.EPSG, Visible: b.Visible, Opacity: b.Opacity, Grey: b.Grey, Tint: b.Tint, Over: b.Over, Online: b.Online})
	}
	if err := bm.at.Work.file.Set(workBasemaps, out); err != nil {
		bm.at.Work.workSaveFailed(err)
	}
}

// restore reopens what was open last time, in the same order; an online
// source comes back only if the planner had turned it on, and files that
// are gone are left out quietly.
func (bm *BasemapManager) restore() {
	var saved []savedBasemap
	if !bm.at.Work.file.Get(workBasemaps, &saved) {
		return
	}
	bm.restoreFrom(saved)
}

// restoreFrom opens the first remembered base map, and the rest after it:
// one at a time, so they come back in their order (bottom first).
func (bm *BasemapManager) restoreFrom(saved []savedBasemap) {
	if len(saved) == 0 {
		return
	}
	s, rest := saved[0], saved[1:]
	next := func() { bm.restoreFrom(rest) }
	style := func(b *OpenBasemap) {
		b.Visible, b.Opacity, b.Grey, b.Tint, b.Over = s.Visible, s.Opacity, s.Grey, s.Tint, s.Over
	}
	if s.Online {
		var b OpenBasemap
		var err error
		lang, key := bm.at.Lang(), bm.at.Work.shared.String(keyPref)
		bm.at.background(func() { b, err = bm.online(s.Spec, lang, key) }, func() {
			if err == nil {
				style(&b)
				bm.add(b)
			}
			next()
		})
		return
	}
	if _, err := os.Stat(s.Spec); err != nil {
		next() // a file that is gone is left out quietly
		return
	}
	bm.OpenFile(s.Spec, s.EPSG, style, func(error) { next() })
}

// OpenFile opens a base map file in the background and puts it on top of
// the base maps; style (may be nil) sets how it is drawn first; done (may
// be nil) gets the outcome on the UI goroutine, after the planner has been
// told of a failure.
func (bm *BasemapManager) OpenFile(path string, epsg int, style func(*OpenBasemap), done func(error)) {
	var src basemap.Source
	var err error
	lang := bm.at.Lang() // read here: the state belongs to the UI goroutine
	bm.at.background(func() {
		src, err = basemap.Open(path, basemap.OpenOptions{EPSG: epsg, Lang: lang, OverviewDir: overviewDir()})
	}, func() {
		if err != nil {
			bm.fail(err)
			if done != nil {
				done(err)
			}
			return
		}
		if r, ok := src.(*basemap.Raster); ok && r.NeedsOverviews() && style == nil {
			// Opened by the planner (not restored at start): offer pyramids.
			defer func() {
				if b, ok := bm.at.State.Basemap(newBasemapOf(path, src).ID); ok {
					bm.offerOverviews(b)
				}
			}()
		}
		info := src.Info()
		b := OpenBasemap{Basemap: newBasemapOf(path, src), Spec: path, EPSG: epsg}
		if style != nil {
			style(&b)
		}
		if r, ok := src.(*basemap.Raster); ok {
			r.SetTint(b.Tint)
		}
		bm.add(b)
		if notice := basemapNotice(info, bm.at.Lang()); notice != "" {
			bm.at.Dialogs.showMessage(tr(bm.at.Lang(), "basemaps"), notice)
		}
		if done != nil {
			done(nil)
		}
	})
}

func newBasemapOf(spec string, src basemap.Source) render.Basemap {
	return render.Basemap{ID: "basemap:" + spec, Source: src, Visible: true, Opacity: 1}
}

// AddOnline turns an online source on: a provider id (天地图, OSM), a
// tile address or a WMTS capabilities address (read in the background).
// The planner has been told it goes online (ShowOnline). done (may be
// nil) gets the outcome on the UI goroutine.
func (bm *BasemapManager) AddOnline(spec string, done func(error)) {
	var b OpenBasemap
	var err error
	lang, key := bm.at.Lang(), bm.at.Work.shared.String(keyPref)
	bm.at.background(func() { b, err = bm.online(spec, lang, key) }, func() {
		if err != nil {
			bm.fail(err)
		} else {
			bm.add(b)
		}
		if done != nil {
			done(err)
		}
	})
}

// online builds an online source (off the UI goroutine: a WMTS address
// is read); lang and key are read by the caller on the UI goroutine.
func (bm *BasemapManager) online(spec, lang, key string) (OpenBasemap, error) {
	src, err := basemap.Open(spec, basemap.OpenOptions{Online: true, Cache: bm.cache, Lang: lang, Key: key})
	if err != nil {
		return OpenBasemap{}, err
	}
	if n, ok := src.(interface{ SetNotify(func()) }); ok {
		n.SetNotify(bm.tileArrived)
	}
	return OpenBasemap{Basemap: newBasemapOf(spec, src), Spec: spec, Online: true}, nil
}

// tileArrived is called (on a fetch goroutine) for each tile that came
// in; the map is told at most every 150 ms.
func (bm *BasemapManager) tileArrived() {
	if bm.arrived.Swap(true) {
		return
	}
	time.AfterFunc(150*time.Millisecond, func() {
		bm.arrived.Store(false)
		bm.at.do(bm.at.State.BasemapTilesArrived)
	})
}

func (bm *BasemapManager) add(b OpenBasemap) {
	if old, ok := bm.at.State.Basemap(b.ID); ok && old.Source != nil && old.Source != b.Source {
		defer old.Source.Close()
	}
	bm.at.State.AddBasemap(b)
}

// Close removes a base map and closes its file.
func (bm *BasemapManager) Close(id string) {
	if b, ok := bm.at.State.RemoveBasemap(id); ok && b.Source != nil {
		b.Source.Close()
	}
}

func (bm *BasemapManager) fail(err error) {
	bm.LastError = err
	bm.at.Dialogs.showError(basemap.Message(err, bm.at.Lang()))
}

// SaveArea downloads the tiles of an online base map over the lon/lat box
// of the view for zoom levels zmin..zmax into the cache, for use offline:
// progress gets (done, total) now and then; ctx cancels. Only sources
// whose terms allow it (天地图 with a key, a custom address) are saved.
//
// SaveArea runs where it is called, reading the state: call it on the UI
// goroutine (the dialog reads the state there and saves in the
// background with saveArea).
func (bm *BasemapManager) SaveArea(ctx context.Context, id string, zmin, zmax int, progress func(done, total int)) (saved, missing int, err error) {
	b, ok := bm.at.State.Basemap(id)
	if !ok || !b.Online {
		return 0, 0, fmt.Errorf("not an online base map")
	}
	return saveArea(ctx, b, bm.at.Map.View().Bound(), bm.at.Lang(), zmin, zmax, progress)
}

// saveArea fetches the tiles of b over area for zmin..zmax into the
// cache; it touches no state, so it runs in the background.
func saveArea(ctx context.Context, b OpenBasemap, area orb.Bound, lang string, zmin, zmax int, progress func(done, total int)) (saved, missing int, err error) {
	if !saveAllowed(b.Spec) {
		return 0, 0, fmt.Errorf("%s", tr(lang, "saveNotAllowed"))
	}
	keys, trunc := basemap.TilesIn(area, zmin, zmax, maxSaveTiles)
	if trunc {
		return 0, 0, fmt.Errorf(tr(lang, "saveTooMany"), maxSaveTiles)
	}
	var stores []basemap.TileStore
	switch s := b.Source.(type) {
	case *basemap.Tiles:
		stores = append(stores, s.Store())
	case *basemap.Stack:
		for _, l := range s.Layers {
			if t, ok := l.(*basemap.Tiles); ok {
				stores = append(stores, t.Store())
			}
		}
	}
	total := len(keys) * len(stores)
	done := 0
	for _, st := range stores {
		for _, k := range keys {
			if err := ctx.Err(); err != nil {
				return saved, missing, err
			}
			if _, err := st.Tile(ctx, k); err != nil {
				missing++
			} else {
				saved++
			}
			done++
			if progress != nil && (done%8 == 0 || done == total) {
				progress(done, total)
			}
		}
	}
	return saved, missing, nil
}

// maxSaveTiles bounds one offline save (about 0.5–2 GB of tiles at most
// is more than the cache keeps anyway).
const maxSaveTiles = 20000

// saveAllowed says whether a source's terms allow saving an area: not
// OpenStreetMap's tiles (its tile usage policy forbids bulk downloads).
func saveAllowed(spec string) bool {
	if p, ok := basemap.ProviderByID(spec); ok {
		return p.AllowSave
	}
	return !strings.Contains(spec, "openstreetmap.org")
}

// basemapNotice is what the planner is told about a base map file as it
// opens: the file's notice, and what was done about its datum.
func basemapNotice(info basemap.Info, lang string) string {
	var parts []string
	if info.Notice != "" {
		parts = append(parts, info.Notice)
	}
	switch info.CRS.Note {
	case crs.NoteNoShift:
		parts = append(parts, (&layer.Fault{Problem: layer.ProblemNoDatumShift, Subject: info.CRS.Name, Detail: info.CRS.Datum}).Words(lang))
	case crs.NoteHelmert:
		parts = append(parts, (&layer.Fault{Problem: layer.ProblemHelmertApplied, Subject: info.CRS.Name, Detail: info.CRS.Datum}).Words(lang))
	}
	return strings.Join(parts, "\n")
}
