package sources_test

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/planatlas/planatlas/assets/internal/genplan/sources"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/seeds"
)

// The committed layer files are exactly what the generator makes from the
// committed sources: edit a source, run `go generate ./assets/...`.
func TestCommittedLayersAreFresh(t *testing.T) {
	doc, err := plan.Parse(seeds.BuiltIn)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../../../plan/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	info, err := plan.ParseInfo(b)
	if err != nil {
		t.Fatal(err)
	}
	files, err := sources.Build(os.DirFS("../../../source"), doc, info.Groups)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range info.Groups {
		committed, err := os.ReadFile("../../../plan/" + g.File)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(committed, files[g.File]) {
			t.Errorf("assets/plan/%s is stale: run `go generate ./assets/...` and commit it", g.File)
		}
	}
}

func TestParseQuotes(t *testing.T) {
	doc, _ := plan.Parse(seeds.BuiltIn)
	tests := []struct {
		name, in string
		want     []plan.Quote
		err      string
	}{
		{"clause", "(十二)推动建设南江—苍溪—盐亭等高速公路。", []plan.Quote{{Ref: "十二", Text: "推动建设南江—苍溪—盐亭等高速公路。"}}, ""},
		{"blocks", "[标题]中共巴中市委关于加快融入成渝地区双城经济圈建设的决定 | [第六部分标题]六、联动建设渠江生态廊道 | [… 3 more sentences]",
			[]plan.Quote{{Ref: "title", Text: "中共巴中市委关于加快融入成渝地区双城经济圈建设的决定"}, {Ref: "P六", Text: "六、联动建设渠江生态廊道"}}, ""},
		{"preamble", "[序言]中共巴中市委四届十次全体会议结合巴中实际", []plan.Quote{{Ref: "preamble", Text: "中共巴中市委四届十次全体会议结合巴中实际"}}, ""},
		{"not verbatim", "(十二)推动建设南江—苍溪—盐亭高速公路。", nil, "not found verbatim"},
		{"wrong clause", "(十一)推动建设南江—苍溪—盐亭等高速公路。", nil, "not found verbatim in 十一"},
		{"no label", "推动建设", nil, "no block label"},
		{"unknown label", "[附件]推动建设", nil, "unknown block label"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sources.ParseQuotes(doc, tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("quote %d = %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestStageVerb(t *testing.T) {
	tests := map[string]string{
		"under construction – accelerate (加快…建设)":                                     "加快…建设",
		"5A creation (加快推进…创建国家AAAAA级旅游景区); red-leaf festival continues (接续申办光雾山红叶节)": "加快推进…创建国家AAAAA级旅游景区",
		"":           "",
		"no verb":    "",
		"open (verb": "",
	}
	for in, want := range tests {
		if got := sources.StageVerb(in); got != want {
			t.Errorf("StageVerb(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSchematicLine(t *testing.T) {
	pts := []orb.Point{{106.0, 31.0}, {106.5, 31.6}, {107.2, 31.7}, {107.4, 32.3}}
	ls := sources.SchematicLine(pts, 8)
	if len(ls) != 1+3*8 {
		t.Fatalf("%d points, want %d", len(ls), 1+3*8)
	}
	for i, p := range pts {
		if q := ls[i*8]; math.Abs(q[0]-p[0]) > 1e-9 || math.Abs(q[1]-p[1]) > 1e-9 {
			t.Errorf("point %d = %v, want waypoint %v", i*8, q, p)
		}
	}
	// No overshoot: the curve stays near the waypoints' bound.
	b := orb.MultiPoint(pts).Bound().Pad(0.1)
	for _, q := range ls {
		if !b.Contains(q) {
			t.Errorf("%v overshoots %v", q, b)
		}
	}
	if two := sources.SchematicLine(pts[:2], 4); len(two) != 5 || planar.Distance(two[2], orb.Point{106.25, 31.3}) > 1e-4 {
		t.Errorf("two waypoints give %v, want a straight line", two)
	}
	if one := sources.SchematicLine(pts[:1], 4); one != nil {
		t.Errorf("one waypoint gives %v", one)
	}
}

func TestRoundedHull(t *testing.T) {
	members := []orb.Point{{108.46694, 30.9}, {107.4678, 31.2093}, {108.40389, 31.17222}}
	poly := sources.RoundedHull(members, 25)
	ring := poly[0]
	if !ring.Closed() || ring.Orientation() != orb.CCW {
		t.Errorf("ring closed %v, orientation %v; want closed and CCW", ring.Closed(), ring.Orientation())
	}
	for _, m := range members {
		if !planar.PolygonContains(poly, m) {
			t.Errorf("member %v outside the hull", m)
		}
		// 25 km ≈ 0.22° of latitude: points 0.2° north are inside, 0.3° north are not (for the top member).
	}
	if !planar.PolygonContains(poly, orb.Point{107.4678, 31.2093 + 0.2}) {
		t.Error("hull narrower than its radius")
	}
	if planar.PolygonContains(poly, orb.Point{107.4678, 31.2093 + 0.3}) {
		t.Error("hull wider than its radius")
	}
}
