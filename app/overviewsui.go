package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/planatlas/planatlas/geo/basemap"
)

// overviewDir is where overviews go for images in folders that cannot be
// written: the app's cache.
func overviewDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		d = os.TempDir()
	}
	dir := filepath.Join(d, "planatlas", "overviews")
	os.MkdirAll(dir, 0o755)
	return dir
}

// offerOverviews asks whether to build the overviews (pyramids) of a big
// image opened without them, as ArcGIS asks on first open: until then it
// is drawn from a decimated read, slower and coarser at the city's scale.
func (bm *BasemapManager) offerOverviews(b OpenBasemap) {
	at := bm.at
	l := at.Lang()
	dest := basemap.OverviewPath(b.Spec, overviewDir())
	at.Dialogs.confirm(tr(l, "ovrTitle"), fmt.Sprintf(tr(l, "ovrOffer"), filepath.Base(b.Spec), dest), tr(l, "ovrBuild"), func() {
		bm.BuildOverviews(b.ID, dest, nil)
	})
}

// BuildOverviews builds the overviews of base map id (a GeoTIFF) into
// dest in the background, with a progress bar and Cancel, then reopens
// the base map with them, drawn as it was. done (may be nil) gets the
// outcome on the UI goroutine.
func (bm *BasemapManager) BuildOverviews(id, dest string, done func(error)) {
	at := bm.at
	l := at.Lang()
	b, ok := at.State.Basemap(id)
	if !ok {
		return
	}
	ctx, step, end := at.Dialogs.progressBar(tr(l, "ovrTitle"), fmt.Sprintf(tr(l, "ovrBuilding"), filepath.Base(b.Spec)))
	var err error
	at.background(func() {
		err = basemap.BuildOverviews(ctx, b.Spec, dest, step)
	}, func() {
		end()
		switch {
		case errors.Is(err, context.Canceled):
		case err != nil:
			bm.fail(err)
		default:
			// Reopened with its overviews, drawn as it was.
			bm.OpenFile(b.Spec, b.EPSG, func(nb *OpenBasemap) {
				nb.Visible, nb.Opacity, nb.Grey, nb.Tint, nb.Over = b.Visible, b.Opacity, b.Grey, b.Tint, b.Over
			}, done)
			return
		}
		if done != nil {
			done(err)
		}
	})
}
