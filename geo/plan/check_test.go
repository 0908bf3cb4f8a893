package plan_test

import (
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/planatlas/planatlas/geo/plan"
)

// Every point marked exact has a second, independent source within 2 km;
// the distance is recomputed here from the coordinates in the gazetteer,
// not taken from the generated layers.
func TestExactPointsAreCrossChecked(t *testing.T) {
	p := load(t)
	rows := gazetteerRows(t)
	exact := 0
	for _, r := range rows {
		if r["confidence"] != "exact" {
			continue
		}
		exact++
		if r["check_source"] == "" || r["check_lat"] == "" {
			t.Errorf("%s: exact without a second source", r["id"])
			continue
		}
		a, b := latLon(t, r["lat"], r["lon"]), latLon(t, r["check_lat"], r["check_lon"])
		if km := geo.Distance(a, b) / 1000; km > 2 {
			t.Errorf("%s: second source %.2f km away (more than 2 km)", r["id"], km)
		}
		if strings.Contains(r["check_source"], r["coord_source"]) {
			t.Errorf("%s: the second source repeats the first", r["id"])
		}
		f, ok := p.Feature(r["id"])
		if !ok || f.Check == "" {
			t.Errorf("%s: the layer feature does not carry its check_source", r["id"])
		}
	}
	t.Logf("%d points exact, each within 2 km of a second source", exact)
	if exact < 25 {
		t.Errorf("only %d exact points", exact)
	}
}

// Every later-status claim has a citation with a publisher and a link, a
// reliability, and a well-formed date; a feature with no claim says by when
// nothing was found.
func TestStatusesAreCited(t *testing.T) {
	p := load(t)
	claims, none := 0, 0
	for _, l := range p.Layers {
		for _, f := range l.Features {
			if f.Layer == plan.GroupBase {
				continue
			}
			if f.StatusSince == "" {
				if f.StatusSrc != "" || f.StatusRel != "" {
					t.Errorf("%s: citations or reliability without a claim", f.ID)
				}
				if f.StatusDate != "" {
					none++
				}
				continue
			}
			claims++
			cites := plan.ParseCitations(f.StatusSrc)
			if len(cites) == 0 {
				t.Errorf("%s: claim without a citation", f.ID)
			}
			for _, c := range cites {
				if c.Publisher == "" || !strings.HasPrefix(c.Link, "http") {
					t.Errorf("%s: citation %+v lacks a publisher or a link", f.ID, c)
				}
				if strings.Contains(c.String(), "corpus") || strings.Contains(c.String(), "search") {
					t.Errorf("%s: citation %q is a working note", f.ID, c)
				}
			}
			if f.StatusRel == "" || !f.StatusRel.Valid() {
				t.Errorf("%s: reliability %q", f.ID, f.StatusRel)
			}
		}
	}
	t.Logf("%d features with a cited later status, %d with none found by a stated month", claims, none)
	if claims == 0 || none == 0 {
		t.Errorf("claims %d, none-found %d", claims, none)
	}
}

func TestParseCitations(t *testing.T) {
	tests := []struct {
		in   string
		want []plan.Citation
		str  string
	}{
		{"", nil, ""},
		{"人民网||2023-05-10|http://example.org/a", []plan.Citation{{"人民网", "", "2023-05-10", "http://example.org/a"}}, "人民网 2023-05-10 http://example.org/a"},
		{"China Daily|Wangping Scenic Area|2021-03-15|http://x ; 巴中广电||2018-08|http://y",
			[]plan.Citation{{"China Daily", "Wangping Scenic Area", "2021-03-15", "http://x"}, {"巴中广电", "", "2018-08", "http://y"}},
			"China Daily《Wangping Scenic Area》2021-03-15 http://x"},
		{"a bare note", []plan.Citation{{"a bare note", "", "", ""}}, "a bare note"},
	}
	for _, tt := range tests {
		got := plan.ParseCitations(tt.in)
		if len(got) != len(tt.want) {
			t.Fatalf("%q: %d citations, want %d", tt.in, len(got), len(tt.want))
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%q: %+v, want %+v", tt.in, got[i], tt.want[i])
			}
		}
		if len(got) > 0 && got[0].String() != tt.str {
			t.Errorf("%q: String %q, want %q", tt.in, got[0].String(), tt.str)
		}
	}
}

func latLon(t *testing.T, lat, lon string) orb.Point {
	t.Helper()
	var la, lo float64
	if _, err := fmtSscan(lat, &la); err != nil {
		t.Fatalf("lat %q: %v", lat, err)
	}
	if _, err := fmtSscan(lon, &lo); err != nil {
		t.Fatalf("lon %q: %v", lon, err)
	}
	return orb.Point{lo, la}
}
