package sources

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// PlacesFile lists the places corridors are drawn through that are not
// features of the plan (a county seat a railway passes, the town a station
// stands in), each with the citation of its coordinate, so that every
// point a line is drawn through is cited.
const PlacesFile = "places.csv"

// Place is a located waypoint that is not a gazetteer row.
type Place struct {
	NameZh        string
	Point         orb.Point
	CoordCitation string    // "publisher|title|date|link"
	CheckSource   string    // a second source, when there is one
	Check         orb.Point // its coordinate
	Line          int
}

var placeColumns = []string{"name_zh", "lat", "lon", "coord_citation", "check_source", "check_lat", "check_lon", "coord_source"}

// ReadPlaces reads the places file.
func ReadPlaces(r io.Reader) ([]Place, error) {
	cr := csv.NewReader(r)
	col, err := readHeader(cr, PlacesFile, placeColumns)
	if err != nil {
		return nil, err
	}
	var out []Place
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %w", PlacesFile, line, err)
		}
		get := func(c string) string { return rec[col[c]] }
		p := Place{NameZh: get("name_zh"), CoordCitation: get("coord_citation"), CheckSource: get("check_source"), Line: line}
		if p.Point, err = parseLatLon(get("lat"), get("lon")); err != nil {
			return nil, fmt.Errorf("%s line %d (%s): %w", PlacesFile, line, p.NameZh, err)
		}
		if p.CoordCitation == "" {
			return nil, fmt.Errorf("%s line %d (%s): no coord_citation", PlacesFile, line, p.NameZh)
		}
		if p.CheckSource != "" {
			if p.Check, err = parseLatLon(get("check_lat"), get("check_lon")); err != nil {
				return nil, fmt.Errorf("%s line %d (%s): check: %w", PlacesFile, line, p.NameZh, err)
			}
			if km := geo.Distance(p.Point, p.Check) / 1000; km > 2 {
				return nil, fmt.Errorf("%s line %d (%s): the second source is %.1f km away (more than 2 km)", PlacesFile, line, p.NameZh, km)
			}
		}
		out = append(out, p)
	}
}

// checkWaypoints makes sure every located waypoint of every row is a
// cited coordinate (a gazetteer point with its own citation, or a place),
// and that a waypoint named like a place or a point row stands where that
// place or row does: a corridor ending at a county seat ends at the seat
// the gazetteer gives, not at an older estimate.
func checkWaypoints(rows []Row, places []Place, cited map[orb.Point]string) error {
	at := map[string]orb.Point{}
	for _, r := range rows {
		if r.HasPoint && len(r.Waypoints) == 0 {
			at[r.NameZh] = r.Point
		}
	}
	for _, p := range places {
		at[p.NameZh] = p.Point
	}
	for _, r := range rows {
		for _, w := range r.Waypoints {
			if !w.Known {
				continue
			}
			if p, ok := at[w.Name]; ok && !samePoint(p, w.Point) {
				return fmt.Errorf("gazetteer line %d (%s): waypoint %s at %.5f,%.5f, but the gazetteer places it at %.5f,%.5f (%.1f km away)",
					r.Line, r.ID, w.Name, w.Point[1], w.Point[0], p[1], p[0], geo.Distance(p, w.Point)/1000)
			}
			if _, ok := cited[w.Point]; !ok {
				return fmt.Errorf("gazetteer line %d (%s): waypoint %s at %.5f,%.5f cites no source (add it to %s)",
					r.Line, r.ID, w.Name, w.Point[1], w.Point[0], PlacesFile)
			}
		}
	}
	return nil
}

// samePoint reports whether two gazetteer coordinates are the same to
// the precision they are written in (five decimals).
func samePoint(a, b orb.Point) bool {
	return math.Abs(a[0]-b[0]) < 5e-6 && math.Abs(a[1]-b[1]) < 5e-6
}
