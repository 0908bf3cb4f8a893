package crs

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// The worked example of IOGP Guidance Note 7-2 (EPSG method 9606, position
// vector, WGS 72 to WGS 84), and the same by the coordinate-frame
// convention (9607) with the rotation's sign reversed.
func TestHelmertGuidanceNoteExample(t *testing.T) {
	for _, h := range []Helmert{
		{DZ: 4.5, RZ: 0.554, S: 0.219},
		{DZ: 4.5, RZ: -0.554, S: 0.219, CoordinateFrame: true},
	} {
		X, Y, Z := h.ecef(3657660.66, 255768.55, 5201382.11)
		want := [3]float64{3657660.78, 255778.43, 5201387.75}
		for i, got := range [3]float64{X, Y, Z} {
			if math.Abs(got-want[i]) > 0.01 {
				t.Errorf("%+v: axis %d = %.3f, want %.2f", h, i, got, want[i])
			}
		}
	}
}

// Earth-centred coordinates go there and back on each datum's ellipsoid.
func TestECEFRoundTrip(t *testing.T) {
	for _, e := range []ellipsoid{wgs84Datum, xian1980Datum, beijing1954Dtm} {
		p := orb.Point{106.75, 31.867}
		x, y, z := toECEF(p, e.a, e.invF)
		if d := geo.Distance(fromECEF(x, y, z, e.a, e.invF), p); d > 1e-6 {
			t.Errorf("%s: %.9f m", e.name, d)
		}
	}
}

// With seven parameters, a Xi'an 1980 file moves by them; without, it is
// read unshifted, with a warning.
func TestHelmertOnRead(t *testing.T) {
	c, err := FromEPSG(2381)
	if err != nil {
		t.Fatal(err)
	}
	if c.Note != NoteNoShift {
		t.Fatalf("note %v", c.Note)
	}
	// 106.75°E 31.867°N on the IAG 1975 ellipsoid, from PROJ.
	xy := orb.Point{381709.1488, 3527787.5947}
	h := &Helmert{DX: 115.8, DY: -154.4, DZ: -82.3, RX: 0.2, RY: -0.4, RZ: 1.1, S: 2.5}
	shifted := c.WithHelmert(h)
	// PROJ: echo "106.75 31.867 0" | cs2cs -f %.9f +proj=longlat +ellps=IAU76
	//   +towgs84=115.8,-154.4,-82.3,0.2,-0.4,1.1,2.5 +to +proj=longlat +datum=WGS84
	want := orb.Point{106.749679560, 31.867253104}
	if d := geo.Distance(shifted.ToLonLat(xy), want); d > 0.01 {
		t.Errorf("%.3f m from PROJ", d)
	}
	if shifted.Note != NoteHelmert {
		t.Errorf("note %v", shifted.Note)
	}
	// A CGCS2000 file is not touched by the parameters.
	g, _ := FromEPSG(4545)
	if g.WithHelmert(h).Note != NoteNone {
		t.Error("CGCS2000 shifted")
	}
}
