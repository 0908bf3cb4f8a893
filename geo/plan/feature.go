package plan

import (
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Precision says how well a feature's geometry is known.
type Precision string

// The precisions, from best to worst.
const (
	PrecisionExact       Precision = "exact"       // located by a cited source and within 2 km of a second, independent one
	PrecisionSourced     Precision = "sourced"     // located by one cited source, not confirmed by a second within 2 km
	PrecisionTown        Precision = "town"        // placed at the seat of the town or county it is named after
	PrecisionApproximate Precision = "approximate" // estimated or proxy placement
	PrecisionSchematic   Precision = "schematic"   // a drawn line or shape between real places, not an alignment
)

// Precisions lists every precision.
var Precisions = []Precision{PrecisionExact, PrecisionSourced, PrecisionTown, PrecisionApproximate, PrecisionSchematic}

// Valid reports whether p is one of Precisions.
func (p Precision) Valid() bool {
	for _, q := range Precisions {
		if p == q {
			return true
		}
	}
	return false
}

// Indicative reports whether the position is only indicative (位置示意).
func (p Precision) Indicative() bool { return p == PrecisionApproximate || p == PrecisionSchematic }

// Reliability grades the source of a later-status claim.
type Reliability string

// The reliabilities, from most to least trusted.
const (
	ReliabilityOfficial  Reliability = "official"  // a government body or its official paper
	ReliabilityNews      Reliability = "news"      // a news organisation, or its article copied elsewhere
	ReliabilitySecondary Reliability = "secondary" // a forum, encyclopedia or aggregator page
)

// Valid reports whether r is a known reliability (or empty).
func (r Reliability) Valid() bool {
	return r == "" || r == ReliabilityOfficial || r == ReliabilityNews || r == ReliabilitySecondary
}

// Citation is one source as a planner cites it.
type Citation struct {
	Publisher string `json:"publisher,omitempty"`
	Title     string `json:"title,omitempty"`
	Date      string `json:"date,omitempty"`
	Link      string `json:"link,omitempty"`
}

// String formats c as publisher《title》date link, leaving out what is unknown.
func (c Citation) String() string {
	s := c.Publisher
	if c.Title != "" {
		s += "《" + c.Title + "》"
	}
	for _, p := range []string{c.Date, c.Link} {
		if p != "" {
			if s != "" && !strings.HasSuffix(s, "》") {
				s += " "
			}
			s += p
		}
	}
	return s
}

// ParseCitations reads citations written "publisher|title|date|link" and
// joined by " ; " (the gazetteer's later_status_source). A piece without
// bars is kept whole as the publisher.
func ParseCitations(s string) []Citation {
	var out []Citation
	for _, piece := range strings.Split(s, " ; ") {
		piece = strings.TrimSpace(piece)
		if piece == "" {
			continue
		}
		f := strings.SplitN(piece, "|", 4)
		for len(f) < 4 {
			f = append(f, "")
		}
		out = append(out, Citation{strings.TrimSpace(f[0]), strings.TrimSpace(f[1]), strings.TrimSpace(f[2]), strings.TrimSpace(f[3])})
	}
	return out
}

// Quote is a verbatim sentence of the document that names a feature.
type Quote struct {
	// Ref is the block it comes from: a clause numeral, "P"+part numeral,
	// "title" or "preamble".
	Ref string `json:"ref"`
	// Text is the sentence, verbatim.
	Text string `json:"text"`
}

// Feature is one mapped thing of the plan and the words that put it there.
type Feature struct {
	ID            string      // stable slug, e.g. "bawan_expressway"
	NameZh        string      // Chinese name
	NameEn        string      // English name
	Layer         GroupID     // layer group, e.g. GroupCorridor
	Kind          Kind        // the plan's kind id, e.g. "expressway"
	Class         Class       // its kind's class in the style library ("" for none); set when the plan is indexed
	Def           *KindDef    // its kind's definition; nil for a kind the plan does not define
	Stage         Stage       // derived from StageVerb
	StageVerb     string      // the text's own verb, e.g. "加快…建设"
	Precision     Precision   // how well the position is known
	Scope         string      // the plan's Info.Scope when the text places it in the plan's area, "region" beyond it, "" unsaid
	Clauses       []string    // refs of the blocks that name it, e.g. ["十一"]
	Quotes        []Quote     // the sentences that name it
	StatusSince   string      // what happened after 2020, with date, where known
	StatusSinceZh string      // the same in Chinese, where written ("" otherwise)
	StatusSrc     string      // citations of StatusSince ("publisher|title|date|link", joined by " ; ")
	StatusDate    string      // date of the latest event in StatusSince (YYYY, YYYY-MM or YYYY-MM-DD); with no StatusSince, the month by which nothing was found
	StatusRel     Reliability // how far StatusSrc can be trusted; empty when there is no status
	Events        []Event     // dated steps of its progress, oldest first (before and after adoption)
	Check         string      // a second, independent source of the position (a citation), for points
	CheckKm       float64     // distance in km between the position and Check's coordinate; 0 without Check
	Source        string      // where the geometry comes from
	Role          string      // for county roles: the text's role sentence
	Via           []string    // for schematic lines and areas: the places they are drawn through
	Anchor        orb.Point   // label anchor (a county seat, an area's centre); zero when none
	LabelAt       orb.Point   // an area's label point (LabelAnchor), computed when the layers are generated; zero when none
	Props         map[string]any
	Geometry      orb.Geometry

	adopted string // the plan's adoption date, set when the plan is indexed
}

// Name returns the feature's name in lang ("zh" or "en"), falling back to Chinese.
func (f *Feature) Name(lang string) string {
	if lang == "en" && f.NameEn != "" {
		return f.NameEn
	}
	return f.NameZh
}

// LabelPoint returns where to put the feature's label: its anchor when set,
// else its point, else the centre of its bound.
func (f *Feature) LabelPoint() orb.Point {
	if f.Anchor != (orb.Point{}) {
		return f.Anchor
	}
	if p, ok := f.Geometry.(orb.Point); ok {
		return p
	}
	return f.Geometry.Bound().Center()
}

// Cites reports whether the feature cites ref.
func (f *Feature) Cites(ref string) bool {
	for _, c := range f.Clauses {
		if c == ref {
			return true
		}
	}
	return false
}

// Contains reports whether a lon/lat point lies inside an area feature
// (false for points and lines).
func (f *Feature) Contains(ll orb.Point) bool {
	switch g := f.Geometry.(type) {
	case orb.Polygon:
		return planar.PolygonContains(g, ll)
	case orb.MultiPolygon:
		return planar.MultiPolygonContains(g, ll)
	}
	return false
}
