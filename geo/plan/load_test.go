package plan_test

import (
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/planar"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/seeds"
)

func load(t testing.TB) *plan.Plan {
	t.Helper()
	p, err := planpkg.BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func gazetteerIDs(t *testing.T) []string {
	t.Helper()
	var ids []string
	for _, r := range gazetteerRows(t) {
		ids = append(ids, r["id"])
	}
	return ids
}

// gazetteerRows reads the gazetteer as maps from column to value.
func gazetteerRows(t *testing.T) []map[string]string {
	t.Helper()
	f, err := os.Open("../../assets/source/gazetteer.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		rows = append(rows, m)
	}
	return rows
}

func fmtSscan(s string, v *float64) (int, error) { return fmt.Sscan(s, v) }

func TestLoadHasEveryGazetteerEntry(t *testing.T) {
	p := load(t)
	ids := gazetteerIDs(t)
	if len(ids) != 96 {
		t.Fatalf("gazetteer has %d rows, want 96", len(ids))
	}
	for _, id := range ids {
		f, ok := p.Feature(id)
		if !ok {
			t.Errorf("no feature %s", id)
			continue
		}
		if len(f.Clauses) == 0 || len(f.Quotes) == 0 {
			t.Errorf("%s: cites %v and quotes %d sentences", id, f.Clauses, len(f.Quotes))
		}
	}
	if len(p.Layers) != 9 {
		t.Errorf("%d layers, want the decision's 9", len(p.Layers))
	}
}

func TestFeaturePlacement(t *testing.T) {
	p := load(t)
	tests := []struct {
		id, layer, kind string
		stage           plan.Stage
		precision       plan.Precision
		geom            string
		at              orb.Point // for points; zero to skip
	}{
		{"enyang_airport", "corridor", "airport", plan.StageExisting, plan.PrecisionExact, "Point", orb.Point{106.645, 31.738}},
		{"guangwushan_scenic_area", "culture", "scenic", plan.StageExisting, plan.PrecisionSourced, "Point", orb.Point{106.79656, 32.69072}},
		{"city_chengdu", "region", "city", plan.StageExisting, plan.PrecisionExact, "Point", orb.Point{104.06333, 30.66}},
		{"national_agri_sci_park", "industry", "park", plan.StageExisting, plan.PrecisionTown, "Point", orb.Point{106.7648, 31.85348}},
		{"party_school", "culture", "heritage", plan.StagePromoted, plan.PrecisionTown, "Point", orb.Point{106.7648, 31.85348}},
		{"chuandongbei_culture_tourism_belt", "region", "region", plan.StagePromoted, plan.PrecisionSchematic, "Polygon", orb.Point{}},
		{"pingchang_ga_airport", "corridor", "airport", plan.StageStudy, plan.PrecisionTown, "Point", orb.Point{107.09944, 31.565}},
		{"hongyudong_reservoir", "ecology", "reservoir", plan.StageUnderConstruction, plan.PrecisionApproximate, "Point", orb.Point{106.85, 32.5}},
		{"bawan_expressway", "corridor", "expressway", plan.StageUnderConstruction, plan.PrecisionSchematic, "LineString", orb.Point{}},
		{"nancangyan_expressway", "network", "expressway", plan.StagePromoted, plan.PrecisionSchematic, "LineString", orb.Point{}},
		{"red_railway", "corridor", "rail", plan.StageSeekingInclusion, plan.PrecisionSchematic, "LineString", orb.Point{}},
		{"banan_hsr_section", "corridor", "hsr", plan.StageUnderConstruction, plan.PrecisionSchematic, "LineString", orb.Point{}},
		{"chengdu_bazhong_intercity", "corridor", "intercity", plan.StageStudy, plan.PrecisionSchematic, "LineString", orb.Point{}},
		{"nanjiang_county", "county", "role", plan.StageExisting, plan.PrecisionExact, "MultiPolygon", orb.Point{}},
		{"wandakai_demo_zone", "region", "region", plan.StageExisting, plan.PrecisionSchematic, "Polygon", orb.Point{}},
		{"chengyu_dual_core", "region", "region", plan.StageExisting, plan.PrecisionSchematic, "MultiPolygon", orb.Point{}},
		{"qujiang_corridor", "ecology", "corridor", plan.StageExisting, plan.PrecisionApproximate, "MultiLineString", orb.Point{}},
		{"tongjiang_gas_conversion_base", "industry", "energy", plan.StagePromoted, plan.PrecisionTown, "Point", orb.Point{107.244, 31.911}},
		{"guangwu_nuoshui_geopark", "culture", "geopark", plan.StageExisting, plan.PrecisionSchematic, "Polygon", orb.Point{}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			f, ok := p.Feature(tt.id)
			if !ok {
				t.Fatal("missing")
			}
			if string(f.Layer) != tt.layer || string(f.Kind) != tt.kind || f.Stage != tt.stage || f.Precision != tt.precision {
				t.Errorf("got %s/%s %s %s, want %s/%s %s %s", f.Layer, f.Kind, f.Stage, f.Precision, tt.layer, tt.kind, tt.stage, tt.precision)
			}
			if got := f.Geometry.GeoJSONType(); got != tt.geom {
				t.Errorf("geometry %s, want %s", got, tt.geom)
			}
			if tt.at != (orb.Point{}) && f.Geometry.(orb.Point) != tt.at {
				t.Errorf("at %v, want %v", f.Geometry, tt.at)
			}
		})
	}
}

// Schematic lines pass through every located waypoint, in order.
func TestSchematicLinesPassThroughWaypoints(t *testing.T) {
	p := load(t)
	f, _ := p.Feature("zhenguang_expressway")
	ls := f.Geometry.(orb.LineString)
	want := []orb.Point{{107.883, 32.533}, {107.244, 31.911}, {107.09944, 31.565}, {107.4678, 31.2093}, {106.97306, 30.83694}, {106.6326, 30.4564}}
	i := 0
	for _, q := range ls {
		if i < len(want) && math.Abs(q[0]-want[i][0]) < 1e-5 && math.Abs(q[1]-want[i][1]) < 1e-5 {
			i++
		}
	}
	if i != len(want) {
		t.Errorf("passes through %d of %d waypoints in order", i, len(want))
	}
	if strings.Join(f.Via, "—") != "镇巴县—通江县—平昌县—达州—渠县—广安" {
		t.Errorf("via = %v", f.Via)
	}
}

// The five divisions tile Bazhong, with the areas PROVENANCE.md gives.
func TestDivisionsTileBazhong(t *testing.T) {
	p := load(t)
	want := map[string]float64{"bazhou_district": 1405, "enyang_district": 1157, "tongjiang_county": 4099, "nanjiang_county": 3376, "pingchang_county": 2229}
	var polys []orb.MultiPolygon
	var sum float64
	for id, km2 := range want {
		f, _ := p.Feature(id)
		mp := f.Geometry.(orb.MultiPolygon)
		polys = append(polys, mp)
		a := geo.Area(mp) / 1e6
		sum += a
		if math.Abs(a-km2)/km2 > 0.01 {
			t.Errorf("%s: %.0f km², want %.0f ±1%%", id, a, km2)
		}
		if !planar.MultiPolygonContains(mp, f.Anchor) {
			t.Errorf("%s: seat %v outside its division", id, f.Anchor)
		}
	}
	outline, _ := p.Feature(p.Info.Outline)
	city := outline.Geometry.(orb.MultiPolygon)
	if a := geo.Area(city) / 1e6; math.Abs(sum-a)/a > 0.001 || math.Abs(a-12265)/12265 > 0.01 {
		t.Errorf("divisions sum to %.0f km², city is %.0f km² (PROVENANCE: 12,265)", sum, a)
	}
	// Every sample point of the city lies in exactly one division.
	b := city.Bound()
	for i := 0; i < 60; i++ {
		for j := 0; j < 60; j++ {
			pt := orb.Point{b.Min[0] + (b.Max[0]-b.Min[0])*(float64(i)+0.5)/60, b.Min[1] + (b.Max[1]-b.Min[1])*(float64(j)+0.5)/60}
			in := 0
			for _, d := range polys {
				if planar.MultiPolygonContains(d, pt) {
					in++
				}
			}
			if c := planar.MultiPolygonContains(city, pt); (c && in != 1) || (!c && in != 0) {
				t.Errorf("%v: in city %v, in %d divisions", pt, c, in)
			}
		}
	}
}

func TestCiting(t *testing.T) {
	p := load(t)
	var ids []string
	for _, f := range p.Citing("十二") {
		ids = append(ids, f.ID)
	}
	got := strings.Join(ids, ",")
	for _, id := range []string{"nancangyan_expressway", "micang_avenue", "nuoshui_avenue", "bacheng_bypass"} {
		if !strings.Contains(got, id) {
			t.Errorf("Citing(十二) = %s, lacks %s", got, id)
		}
	}
}

// mutate loads the embedded plan, applies change to one feature and validates.
func mutate(t *testing.T, id string, change func(p *plan.Plan, f *plan.Feature)) error {
	t.Helper()
	p := load(t)
	f, ok := p.Feature(id)
	if !ok {
		t.Fatalf("no feature %s", id)
	}
	change(p, f)
	return plan.Validate(p)
}

func TestValidateFailures(t *testing.T) {
	tests := []struct {
		name, id, file, field, msg string
		change                     func(p *plan.Plan, f *plan.Feature)
	}{
		{"duplicate id", "cangba_expressway", "corridor.geojson", "id", "duplicate", func(p *plan.Plan, f *plan.Feature) { f.ID = "bawan_expressway" }},
		{"unknown clause", "bawan_expressway", "corridor.geojson", "clauses", "no clause or block \"三十二\"", func(p *plan.Plan, f *plan.Feature) { f.Clauses = append(f.Clauses, "三十二") }},
		{"no clauses", "bawan_expressway", "corridor.geojson", "clauses", "empty", func(p *plan.Plan, f *plan.Feature) { f.Clauses, f.Quotes = nil, nil }},
		{"retyped quote", "bawan_expressway", "corridor.geojson", "quote", "not found verbatim", func(p *plan.Plan, f *plan.Feature) {
			f.Quotes[0].Text = strings.Replace(f.Quotes[0].Text, ",", "，", 1) // full-width comma: not the source's
		}},
		{"quote from an uncited clause", "bawan_expressway", "corridor.geojson", "quote", "not among its clauses", func(p *plan.Plan, f *plan.Feature) { f.Quotes[0].Ref = "十二" }},
		{"unknown stage", "bawan_expressway", "corridor.geojson", "stage", "unknown stage", func(p *plan.Plan, f *plan.Feature) { f.Stage = "done" }},
		{"stage contradicts verb", "bawan_expressway", "corridor.geojson", "stage", "means", func(p *plan.Plan, f *plan.Feature) { f.Stage = plan.StageExisting }},
		{"unknown precision", "bawan_expressway", "corridor.geojson", "precision", "unknown precision", func(p *plan.Plan, f *plan.Feature) { f.Precision = "perfect" }},
		{"unknown kind", "bawan_expressway", "corridor.geojson", "kind", "unknown kind", func(p *plan.Plan, f *plan.Feature) { f.Kind = "canal" }},
		{"kind in wrong layer", "bawan_expressway", "corridor.geojson", "kind", "does not belong", func(p *plan.Plan, f *plan.Feature) { f.Kind = "reservoir" }},
		{"layer mismatch", "bawan_expressway", "corridor.geojson", "layer", "is \"network\"", func(p *plan.Plan, f *plan.Feature) { f.Layer = "network" }},
		{"missing name", "bawan_expressway", "corridor.geojson", "name_zh", "empty", func(p *plan.Plan, f *plan.Feature) { f.NameZh = "" }},
		{"one-point line", "bawan_expressway", "corridor.geojson", "geometry", "line with 1 point", func(p *plan.Plan, f *plan.Feature) { f.Geometry = orb.LineString{{106.7, 31.8}} }},
		{"NaN coordinate", "enyang_airport", "corridor.geojson", "geometry", "not a number", func(p *plan.Plan, f *plan.Feature) { f.Geometry = orb.Point{math.NaN(), 31.7} }},
		{"unclosed ring", "wandakai_demo_zone", "region.geojson", "geometry", "not closed", func(p *plan.Plan, f *plan.Feature) {
			f.Geometry = orb.Polygon{{{108, 31}, {108.2, 31}, {108.2, 31.2}, {108, 31.2}}}
		}},
		{"swapped lon/lat", "city_dazhou", "region.geojson", "geometry", "not lon/lat", func(p *plan.Plan, f *plan.Feature) { f.Geometry = orb.Point{31.2093, 107.4678} }},
		{"typo in a degree", "city_dazhou", "region.geojson", "geometry", "outside China", func(p *plan.Plan, f *plan.Feature) { f.Geometry = orb.Point{17.4678, 31.2093} }},
		{"Bazhong site outside Bazhong", "enyang_airport", "corridor.geojson", "geometry", "outside the plan's outline", func(p *plan.Plan, f *plan.Feature) { f.Geometry = orb.Point{106.07528, 30.79139} }},
		{"Bazhong route outside Bazhong", "bacheng_bypass", "network.geojson", "geometry", "outside the bound of the plan's outline", func(p *plan.Plan, f *plan.Feature) {
			f.Geometry = orb.LineString{{106.65, 31.78}, {106.07, 30.79}}
		}},
		{"bad scope", "enyang_airport", "corridor.geojson", "scope", "should be", func(p *plan.Plan, f *plan.Feature) { f.Scope = "city" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := mutate(t, tt.id, tt.change)
			if err == nil {
				t.Fatal("Validate accepted the broken plan")
			}
			var fe *plan.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("err %v is not a FieldError", err)
			}
			// The built-in plan comes from its package: a group's features
			// are in its table, plan_<group>.
			file := "plan_" + strings.TrimSuffix(tt.file, ".geojson")
			want := fmt.Sprintf("%s: feature %s: %s:", file, tt.id, tt.field)
			if tt.name == "duplicate id" {
				want = fmt.Sprintf("%s: feature %s: %s:", file, "bawan_expressway", tt.field)
			}
			if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v\nwant it to contain %q and %q", err, want, tt.msg)
			}
		})
	}
}

// planFS copies the embedded layer files so that a test can break one.
func planFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, name := range append(groupFiles(), plan.ScenesFile, plan.InfoFile) {
		b, err := fsReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		m[name] = &fstest.MapFile{Data: b}
	}
	return m
}

func groupFiles() []string {
	b, err := fsReadFile(plan.InfoFile)
	if err != nil {
		panic(err)
	}
	info, err := plan.ParseInfo(b)
	if err != nil {
		panic(err)
	}
	var out []string
	for _, g := range info.Groups {
		out = append(out, g.File)
	}
	return out
}

func fsReadFile(name string) ([]byte, error) {
	f, err := os.DirFS("../../assets/plan").Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, _ := f.Stat()
	b := make([]byte, st.Size())
	_, err = f.Read(b)
	return b, err
}

func TestLoadFSFailures(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		edit  func(string) string
		wants []string
	}{
		{"missing file", "ecology.geojson", nil, []string{"ecology.geojson", "file does not exist"}},
		{"malformed JSON", "culture.geojson", func(s string) string { return s[:len(s)/2] }, []string{"culture.geojson: not valid GeoJSON"}},
		{"missing property", "logistics.geojson", func(s string) string {
			return strings.Replace(s, `"quote":`, `"quotes":`, 1)
		}, []string{"logistics.geojson: feature", ": quote: missing"}},
		{"mistyped property", "logistics.geojson", func(s string) string {
			return strings.Replace(s, `"kind":"logistics"`, `"kind":7`, 1)
		}, []string{"logistics.geojson: feature", "kind: should be a string"}},
		{"no geometry", "network.geojson", func(s string) string {
			i := strings.Index(s, `"geometry":{`)
			j := strings.Index(s[i:], "},") + i + 1
			return s[:i] + `"geometry":null` + s[j:]
		}, []string{"network.geojson: feature", "geometry: missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := planFS(t)
			if tt.edit == nil {
				delete(m, tt.file)
			} else {
				m[tt.file].Data = []byte(tt.edit(string(m[tt.file].Data)))
			}
			_, err := plan.LoadFS(m, seeds.BuiltIn)
			if err == nil {
				t.Fatal("LoadFS accepted the broken file")
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("err = %v\nwant it to contain %q", err, w)
				}
			}
		})
	}
	if _, err := plan.LoadFS(planFS(t), "不是决定"); err == nil || !strings.Contains(err.Error(), "document text") {
		t.Errorf("LoadFS(bad decision) err = %v", err)
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := planpkg.BuiltIn(); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleDocument_Clause() {
	d, _ := plan.Parse(seeds.BuiltIn)
	c, _ := d.Clause("十三")
	fmt.Println(c.Label, c.Title, "— part", c.Part)
	// Output: (十三) 加快建设川陕渝结合部物流枢纽 — part 四
}

// Every feature's position is cited as a planner cites a source
// (publisher, title, date, link), never with the compiler's working notes.
func TestPositionSourcesAreCitations(t *testing.T) {
	p, err := planpkg.BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	notes := []string{"placed at", "not found", "gazetteer", "Waypoint", "assumption", "cities rows", "infobox"}
	for _, f := range p.Features() {
		cs := plan.ParseCitations(f.Source)
		if len(cs) == 0 {
			t.Errorf("%s: no source for its position", f.ID)
		}
		for _, c := range cs {
			if c.Publisher == "" || !strings.HasPrefix(c.Link, "http") {
				t.Errorf("%s: source %q is not a citation with a publisher and a link", f.ID, c.String())
			}
		}
		for _, n := range notes {
			if strings.Contains(f.Source, n) {
				t.Errorf("%s: source holds a working note (%q): %s", f.ID, n, f.Source)
			}
		}
	}
	// A site placed at its county seat cites where the seat's coordinate
	// came from; a corridor, where its cities' did.
	for id, want := range map[string]string{
		"tongjiang_ga_airport": "Tongjiang County",
		"cangba_expressway":    "Цанси",
		"bazhong_edz":          "Bazhong",
	} {
		f, _ := p.Feature(id)
		if !strings.Contains(f.Source, want) {
			t.Errorf("%s: source %q does not cite %s", id, f.Source, want)
		}
	}
}
