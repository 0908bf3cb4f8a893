package coord_test

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/planatlas/planatlas/geo/coord"
)

// PROJ 9.1 reference (cs2cs +proj=longlat +ellps=GRS80 +to +proj=tmerc
// +lon_0=… +k=1 +x_0=… +ellps=GRS80): 106.75°E 31.86°N is
// E 36381700.2628 N 3527009.6771 in the 3° zone of 108°E, and
// E 665625.2597 N 3527663.8238 in the 6° zone of 105°E.
func TestGridAgainstPROJ(t *testing.T) {
	p := orb.Point{106.75, 31.86}
	tests := []struct {
		o    coord.Options
		e, n float64
		zone int
	}{
		{coord.Options{Form: coord.GK3, Prefix: true, Zone: 36}, 36381700.2628, 3527009.6771, 36},
		{coord.Options{Form: coord.GK6}, 665625.2597, 3527663.8238, 18},
		{coord.Options{Form: coord.GK6, Prefix: true}, 18665625.2597, 3527663.8238, 18},
	}
	for _, tt := range tests {
		e, n, zone := coord.Grid(p, tt.o)
		if math.Abs(e-tt.e) > 0.001 || math.Abs(n-tt.n) > 0.001 || zone != tt.zone {
			t.Errorf("%+v: %.4f %.4f zone %d, want %.4f %.4f zone %d", tt.o, e, n, zone, tt.e, tt.n, tt.zone)
		}
	}
}

// Every grid form written and read back lands within a centimetre, for
// points across Bazhong, in both 3° zones (105°E and 108°E), with and
// without the zone number.
func TestGridRoundTrip(t *testing.T) {
	for lat := 31.2; lat <= 32.8; lat += 0.2 {
		for lon := 106.3; lon <= 107.8; lon += 0.25 {
			p := orb.Point{lon, lat}
			for _, o := range []coord.Options{
				{Form: coord.GK3, Prefix: true}, {Form: coord.GK3, Zone: 35}, {Form: coord.GK3, Zone: 36},
				{Form: coord.GK3, Prefix: true, Zone: 35}, {Form: coord.GK3, Prefix: true, Zone: 36},
				{Form: coord.GK6, Prefix: true}, {Form: coord.GK6, Zone: 18},
			} {
				s := coord.Format(p, o, "zh")
				back, err := coord.Parse(s, o)
				if err != nil {
					t.Fatalf("%v %+v: %q: %v", p, o, s, err)
				}
				if d := geo.Distance(p, back); d > 0.01 {
					t.Errorf("%v %+v: %q reads back %.3f m away", p, o, s, d)
				}
			}
		}
	}
}

func TestParse(t *testing.T) {
	want := orb.Point{106.75, 31.86}
	tests := []struct {
		in   string
		o    coord.Options
		want orb.Point
		tol  float64 // metres
		err  error
	}{
		{"31.86, 106.75", coord.Options{}, want, 0.01, nil},
		{"106.75, 31.86", coord.Options{}, want, 0.01, nil},
		{"31.86 106.75", coord.Options{}, want, 0.01, nil},
		{"31.860000°N 106.750000°E", coord.Options{}, want, 0.01, nil},
		{"E106.75 N31.86", coord.Options{}, want, 0.01, nil},
		{"北纬31.86，东经106.75", coord.Options{}, want, 0.01, nil},
		{"31°51′36.00″N 106°45′00.00″E", coord.Options{}, want, 0.01, nil},
		{"北纬31°51'36\" 东经106°45'", coord.Options{}, want, 0.01, nil},
		{"３１．８６，１０６．７５", coord.Options{}, want, 0.01, nil},
		{"X=3527009.68 Y=36381700.26", coord.Options{}, want, 0.01, nil},
		{"36381700.26, 3527009.68", coord.Options{}, want, 0.01, nil},
		{"3527663.82 665625.26", coord.Options{Form: coord.GK6, Zone: 18}, want, 0.01, nil},
		{"3527663.82 665625.26", coord.Options{}, orb.Point{}, 0, coord.ErrNeedZone},
		{"3527663.82 99665625.26", coord.Options{}, orb.Point{}, 0, coord.ErrBadZone},
		{"95, 106", coord.Options{}, orb.Point{}, 0, coord.ErrOutOfRange},
		{"巴中", coord.Options{}, orb.Point{}, 0, coord.ErrUnrecognised},
		{"31.86", coord.Options{}, orb.Point{}, 0, coord.ErrUnrecognised},
	}
	for _, tt := range tests {
		got, err := coord.Parse(tt.in, tt.o)
		if !errors.Is(err, tt.err) {
			t.Errorf("Parse(%q): error %v, want %v", tt.in, err, tt.err)
			continue
		}
		if err == nil && geo.Distance(got, tt.want) > tt.tol {
			t.Errorf("Parse(%q) = %v, %.3f m from %v", tt.in, got, geo.Distance(got, tt.want), tt.want)
		}
	}
}

func TestFormat(t *testing.T) {
	p := orb.Point{106.75, 31.86}
	tests := []struct {
		o    coord.Options
		lang string
		want string
	}{
		{coord.Options{}, "zh", "31.860000°N 106.750000°E"},
		{coord.Options{Form: coord.DMS}, "zh", "31°51′36.00″N 106°45′00.00″E"},
		{coord.Options{Form: coord.GK3, Prefix: true}, "zh", "X 3527009.68  Y 36381700.26（CGCS2000 3°带 第36带）"},
		{coord.Options{Form: coord.GK3, Zone: 35}, "en", "X 3527663.82  Y 665625.26  (CGCS2000 3° zone 35)"},
		{coord.Options{Form: coord.DMS}, "zh", "31°51′36.00″N 106°45′00.00″E"},
	}
	for _, tt := range tests {
		if got := coord.Format(p, tt.o, tt.lang); got != tt.want {
			t.Errorf("Format(%+v, %s) = %q, want %q", tt.o, tt.lang, got, tt.want)
		}
	}
	// 59.999…″ carries into the minute.
	if got := coord.Format(orb.Point{106.99999999, 31.5}, coord.Options{Form: coord.DMS}, "zh"); got != "31°30′00.00″N 107°00′00.00″E" {
		t.Errorf("carry: %q", got)
	}
}

func ExampleFormat() {
	p := orb.Point{106.75, 31.86}
	fmt.Println(coord.Format(p, coord.Options{Form: coord.GK3, Prefix: true}, "zh"))
	// Output: X 3527009.68  Y 36381700.26（CGCS2000 3°带 第36带）
}
