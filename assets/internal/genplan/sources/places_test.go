package sources

import (
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestReadPlaces(t *testing.T) {
	head := "name_zh,lat,lon,coord_citation,check_source,check_lat,check_lon,coord_source\n"
	tests := []struct {
		name, csv, err string
		n              int
	}{
		{"a place with a close second source", head + "渠县,30.83694,106.97306,W|Qu||http://w,G|Qu||http://g,30.84071,106.96898,note\n", "", 1},
		{"a place with one source", head + "马鞍,31.46478,106.59798,M|list||http://m,,,,note\n", "", 1},
		{"no citation", head + "渠县,30.83694,106.97306,,,,,note\n", "no coord_citation", 0},
		{"a second source 9 km away", head + "盐亭县,31.24794,105.47907,W|x||http://w,G|y||http://g,31.2264,105.38614,note\n", "more than 2 km", 0},
		{"a bad coordinate", head + "渠县,north,106.9,W|x||http://w,,,,\n", "bad coordinate", 0},
		{"a missing column", "name_zh,lat,lon\n渠县,30.8,106.9\n", "missing column", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := ReadPlaces(strings.NewReader(tt.csv))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || len(ps) != tt.n {
				t.Fatalf("%d places, %v", len(ps), err)
			}
		})
	}
}

func TestCheckWaypoints(t *testing.T) {
	yanting := Row{ID: "city_yanting", NameZh: "盐亭县", Point: orb.Point{105.38614, 31.2264}, HasPoint: true, CoordCitation: "G|Yunxi||http://g"}
	qu := Place{NameZh: "渠县", Point: orb.Point{106.97306, 30.83694}, CoordCitation: "W|Qu||http://w"}
	line := func(wps ...Waypoint) Row { return Row{ID: "road", Line: 9, Waypoints: wps} }
	tests := []struct {
		name string
		row  Row
		err  string
	}{
		{"through a row and a place", line(Waypoint{"盐亭县", yanting.Point, true}, Waypoint{"渠县", qu.Point, true}), ""},
		{"an unlocated waypoint is not checked", line(Waypoint{Name: "两河口"}), ""},
		{"ending at an older estimate of a row", line(Waypoint{"盐亭县", orb.Point{105.47907, 31.24794}, true}), "9.2 km away"},
		{"through a coordinate nothing cites", line(Waypoint{"某镇", orb.Point{106.5, 31.5}, true}), "cites no source"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := []Row{yanting, tt.row}
			cited := positionSources(rows)
			cited[qu.Point] = qu.CoordCitation
			err := checkWaypoints(rows, []Place{qu}, cited)
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
				t.Fatalf("error %v, want %q", err, tt.err)
			}
		})
	}
}
