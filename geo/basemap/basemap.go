// Package basemap draws raster base maps under a plan: web map tiles
// (online only by the planner's choice, or from MBTiles packages),
// GeoTIFF imagery and elevation models (drawn as relief), and images
// placed by a world file — each resampled to a map view's pixels.
//
// A Source draws into a transparent RGBA image of the view's size; the
// renderer lays that image under the plan's layers on screen and in every
// export. Nothing here touches the network unless the caller built an
// online source (NewXYZ) on purpose.
package basemap

import (
	"context"
	"errors"
	"image"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/crs"
	"github.com/planatlas/planatlas/geo/proj"
)

// Info describes a source for the layer panel and the map's attribution.
type Info struct {
	Name        string    // shown in the layer panel
	Attribution string    // printed in the map frame (provider, licence)
	Online      bool      // the source fetches over the network
	Bound       orb.Bound // lon/lat extent; zero for the whole world
	Elevation   bool      // an elevation model drawn as relief
	// Notice is for the planner about the file (a link not followed, a
	// CRS assumed); "" when there is nothing to say.
	Notice string
	// CRS is the coordinate system the file's numbers are in, when it
	// names one: its Note (a datum not shifted) is for the planner too.
	CRS crs.CRS
}

// Stats tells what one draw found.
type Stats struct {
	Drawn   int // tiles or blocks drawn
	Missing int // tiles that are not there (offline, outside the package)
	Pending int // tiles asked for in the background (online, not waited for)
	// Bad counts tiles that are there but cannot be read (damaged, not an
	// image, too large): each is left blank, the rest of the map drawn;
	// BadZoom is the zoom level of the first.
	Bad, BadZoom int
	// Late counts tiles an export stopped waiting for (ExportWait).
	Late int
	// Decimated counts images drawn from a decimated read (a big image
	// without overviews this coarse: slower, and building its overviews
	// makes it fast); Preview says blocks were skipped (a huge image read
	// as a coarse preview).
	Decimated int
	Preview   bool
	// Approx says a screen frame's base maps were resampled from a level
	// drawn at a nearby scale, not from their sources: an exact frame
	// follows when the map is at rest.
	Approx bool
}

// Add adds o's counts to s.
func (s *Stats) Add(o Stats) {
	s.Drawn += o.Drawn
	s.Missing += o.Missing
	s.Pending += o.Pending
	if s.Bad == 0 {
		s.BadZoom = o.BadZoom
	}
	s.Bad += o.Bad
	s.Late += o.Late
	s.Decimated += o.Decimated
	s.Preview = s.Preview || o.Preview
	s.Approx = s.Approx || o.Approx
}

// Source is where a base map's pixels come from.
type Source interface {
	// Info describes the source.
	Info() Info
	// Draw paints the source's pixels for view v into dst, which is
	// v.Width × v.Height and transparent on entry; it stays transparent
	// where the source has nothing.
	// With wait false (the screen) an online source draws what it holds
	// and asks for the rest in the background; with wait true (exports)
	// it fetches what the view needs first.
	Draw(ctx context.Context, v proj.View, dst *image.RGBA, wait bool) (Stats, error)
	// Close releases the source's files and memory.
	Close() error
}

// ErrNoTile says a tile store has no tile at that address.
var ErrNoTile = errors.New("basemap: no such tile")

// ErrOffline says an online tile could not be fetched and is not cached.
var ErrOffline = errors.New("basemap: tile not cached and the network is unavailable")
