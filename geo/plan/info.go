package plan

import (
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/paulmach/orb"
)

// InfoFile is the file of a plan folder that says what the plan is: its
// titles, dates, source, groups, kinds and words.
const InfoFile = "plan.json"

// Text is a string in Chinese and English.
type Text struct {
	Zh string `json:"zh"`
	En string `json:"en"`
}

// In returns the text in lang ("en", or Chinese for anything else).
func (t Text) In(lang string) string {
	if lang == "en" {
		return t.En
	}
	return t.Zh
}

// Or returns the text in lang, or in Chinese when it has none in lang.
func (t Text) Or(lang string) string {
	if s := t.In(lang); s != "" {
		return s
	}
	return t.Zh
}

// Info is what a plan says of itself, from its package: the renderer, the
// app and the command line know no plan of their own.
type Info struct {
	// ID is a short stable name of the plan (letters, digits, - and _):
	// the app keeps what a planner made for a plan under it.
	ID       string `json:"id"`
	Title    Text   `json:"title"`    // the map's title
	Subtitle Text   `json:"subtitle"` // the line under it: the document and its date
	// ShortTitle names the plan where room is short (the window's title,
	// the head of the layer panel); the title when not given.
	ShortTitle Text `json:"short_title,omitempty"`
	// Issuer is who adopted the document.
	Issuer Text `json:"issuer,omitempty"`
	// Adopted is the day the document was adopted (YYYY-MM-DD): the plan's
	// stages are as of this day, and its timeline starts here.
	Adopted string `json:"adopted"`
	// Cite is how a quote of the document is cited: a title in 《》 in
	// Chinese, a short name and date in English.
	Cite Text `json:"cite,omitempty"`
	// Source is where the document's text was published.
	Source Citation `json:"source,omitempty"`
	// Licence is the terms of the package's data.
	Licence string `json:"licence,omitempty"`
	// Attribution lines are printed on every map drawn from the package.
	Attribution []Text `json:"attribution,omitempty"`
	// ExportName is the default file name of a map export.
	ExportName Text `json:"export_name,omitempty"`
	// Outline is the id of the feature holding the plan's area: the
	// whole-plan view, and where the plan's own sites must lie ("" none).
	Outline       string `json:"outline,omitempty"`
	OutlineLegend Text   `json:"outline_legend,omitempty"`
	// Centre is the id of the plan's central city, drawn with its own symbol.
	Centre       string `json:"centre,omitempty"`
	CentreLegend Text   `json:"centre_legend,omitempty"`
	// Scope is the value of a feature's scope that places it in the plan's
	// area (checked against the outline).
	Scope string `json:"scope,omitempty"`
	// Bounds is the whole-plan view (minlon, minlat, maxlon, maxlat) when
	// there is no outline; the features' bound when zero.
	Bounds [4]float64 `json:"bounds,omitempty"`
	// ProgressTitle heads the progress report and table (the date follows).
	ProgressTitle Text `json:"progress_title,omitempty"`
	// Labels name the properties a plan's features use for the words the
	// format knows: "role_short" and "role_short_en" (a role's short name
	// on the map), "river_level" (a river's class, 1 the largest) and
	// "sub_centre" (a sub-centre flag). Empty: those very names.
	Labels map[string]string `json:"labels,omitempty"`
	// Groups are the layer groups, in draw order (from the package).
	Groups []LayerInfo `json:"groups,omitempty"`
	// Kinds are the kinds the plan defines (from the package).
	Kinds []KindDef `json:"kinds,omitempty"`
	// Format is the plan package format version the data was written in.
	Format string `json:"format,omitempty"`
}

// Bound is the whole-plan view: the outline's bound, else Bounds, else
// the bound of every feature.
func (p *Plan) Bound() orb.Bound {
	if f, ok := p.Feature(p.Info.Outline); ok && f.Geometry != nil {
		return f.Geometry.Bound()
	}
	if b := p.Info.Bounds; b[0] < b[2] && b[1] < b[3] {
		return orb.Bound{Min: orb.Point{b[0], b[1]}, Max: orb.Point{b[2], b[3]}}
	}
	var b orb.Bound
	first := true
	for _, f := range p.Features() {
		if f.Geometry == nil {
			continue
		}
		if first {
			b, first = f.Geometry.Bound(), false
		} else {
			b = b.Union(f.Geometry.Bound())
		}
	}
	return b
}

// Prop is the name a plan uses for the property role (see Labels).
func (in Info) Prop(role string) string {
	if n := in.Labels[role]; n != "" {
		return n
	}
	return role
}

// Short returns the plan's short title in lang, or its title.
func (in Info) Short(lang string) string {
	if s := in.ShortTitle.In(lang); s != "" {
		return s
	}
	return in.Title.Or(lang)
}

// Citation returns how a quote is cited in lang: Cite, or the title in 《》.
func (in Info) Citation(lang string) string {
	if s := in.Cite.In(lang); s != "" {
		return s
	}
	if lang == "en" && in.Title.En != "" {
		return in.Title.En
	}
	return "《" + in.Title.Zh + "》"
}

var (
	dateRE = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$`)
	idRE   = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
)

// ValidDate reports whether s is a day written YYYY-MM-DD.
func ValidDate(s string) bool { return dateRE.MatchString(s) }

// ParseInfo reads plan.json.
func ParseInfo(b []byte) (Info, error) {
	var in Info
	if err := json.Unmarshal(b, &in); err != nil {
		return Info{}, fmt.Errorf("%s: not valid JSON: %w", InfoFile, err)
	}
	return in, in.Check()
}

// Check reports what is missing or malformed in the plan's description.
func (in Info) Check() error {
	if in.Title.Zh == "" {
		return fmt.Errorf("%s: title needs its Chinese text (zh)", InfoFile)
	}
	if !ValidDate(in.Adopted) {
		return fmt.Errorf("%s: adopted should be a day written YYYY-MM-DD, is %q", InfoFile, in.Adopted)
	}
	if in.ID != "" && !idRE.MatchString(in.ID) {
		return fmt.Errorf("%s: id should be letters, digits, - and _, is %q", InfoFile, in.ID)
	}
	return nil
}

var monthsEn = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// FormatDate writes a date of any precision (YYYY, YYYY-MM, YYYY-MM-DD) as
// a reader writes it in lang: 2023年3月15日, 15 March 2023.
func FormatDate(date, lang string) string {
	var y, m, d int
	n, _ := fmt.Sscanf(date, "%d-%d-%d", &y, &m, &d)
	if n < 1 || (n >= 2 && (m < 1 || m > 12)) {
		return date
	}
	switch {
	case lang == "en" && n == 1:
		return fmt.Sprint(y)
	case lang == "en" && n == 2:
		return fmt.Sprintf("%s %d", monthsEn[m-1], y)
	case lang == "en":
		return fmt.Sprintf("%d %s %d", d, monthsEn[m-1], y)
	case n == 1:
		return fmt.Sprintf("%d年", y)
	case n == 2:
		return fmt.Sprintf("%d年%d月", y, m)
	}
	return fmt.Sprintf("%d年%d月%d日", y, m, d)
}

// ProgressHeading heads the plan's progress report and table in lang.
func (in Info) ProgressHeading(lang string) string {
	if s := in.ProgressTitle.Or(lang); s != "" {
		return s
	}
	if lang == "en" {
		return in.Citation(lang) + ": progress"
	}
	return in.Citation(lang) + "实施进展"
}
