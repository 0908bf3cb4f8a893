package sources_test

import (
	"os"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/planatlas/planatlas/assets/internal/genplan/sources"
	"github.com/planatlas/planatlas/geo/planpkg"
)

// The railway stations come from OpenStreetMap with its licence and one
// source each ("sourced", not "exact"); the town seats from GeoNames, by
// their simplified Chinese names; and the railways of the plan pass
// through the stations their cited station lists name.
func TestStationsTownsAndRailways(t *testing.T) {
	f, err := os.Open("../../../source/" + sources.StationsFile)
	if err != nil {
		t.Fatal(err)
	}
	stations, err := sources.ReadStations(f)
	f.Close()
	if err != nil || len(stations) != 8 {
		t.Fatalf("%d stations, %v", len(stations), err)
	}
	at := map[string]orb.Point{}
	for _, s := range stations {
		if s.Precision != "sourced" || !strings.Contains(s.Source, "OpenStreetMap") || s.Props["licence"] != "ODbL 1.0, (c) OpenStreetMap contributors" {
			t.Errorf("%s: %s, %q, %v", s.NameZh, s.Precision, s.Source, s.Props["licence"])
		}
		at[s.NameZh] = s.Geometry.(orb.Point)
	}
	p, err := planpkg.BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	var towns []string
	for _, f := range p.Features() {
		if f.Kind == "town" {
			towns = append(towns, f.NameZh)
		}
	}
	if len(towns) != 23 || !strings.Contains(strings.Join(towns, " "), "黑潭") || strings.Contains(strings.Join(towns, " "), "黒") {
		t.Errorf("towns %v", towns)
	}
	for id, names := range map[string][]string{
		"banan_hsr_section":      {"巴中东站", "巴中西站", "马鞍站", "仪陇站", "蓬安西站", "南充北站"},
		"hanbanan_hsr":           {"巴中东站", "巴中西站", "马鞍站", "仪陇站", "蓬安西站", "南充北站"},
		"hanba_hsr_section":      {"巴中东站"},
		"guangbada_rail_upgrade": {"巴中站", "巴中东站", "曾口站"},
	} {
		line, ok := p.Feature(id)
		if !ok {
			t.Fatalf("no %s", id)
		}
		for _, n := range names {
			if d := nearest(line.Geometry, at[n]); d > 1 {
				t.Errorf("%s passes %.0f m from %s", id, d, n)
			}
		}
	}
}

// nearest is the distance in metres from p to the nearest vertex of g.
func nearest(g orb.Geometry, p orb.Point) float64 {
	best := 1e12
	var walk func(orb.Geometry)
	walk = func(g orb.Geometry) {
		switch g := g.(type) {
		case orb.LineString:
			for _, q := range g {
				if d := geo.Distance(p, q); d < best {
					best = d
				}
			}
		case orb.MultiLineString:
			for _, l := range g {
				walk(l)
			}
		}
	}
	walk(g)
	return best
}
