package plan

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Precision says how well a feature's geometry is known.
type Precision string

// The precisions, from best to worst.
const (
	PrecisionExact       Precision = "exact"       // from a source that locates this very thing
	PrecisionTown        Precision = "town"        // placed at the seat of the town or county it is named after
	PrecisionApproximate Precision = "approximate" // estimated or proxy placement
	PrecisionSchematic   Precision = "schematic"   // a drawn line or shape between real places, not an alignment
)

// Precisions lists every precision.
var Precisions = []Precision{PrecisionExact, PrecisionTown, PrecisionApproximate, PrecisionSchematic}

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
	ID          string    // stable slug, e.g. "bawan_expressway"
	NameZh      string    // Chinese name
	NameEn      string    // English name
	Layer       GroupID   // layer group, e.g. GroupCorridor
	Kind        Kind      // e.g. KindHSR, KindExpressway, KindPark
	Stage       Stage     // derived from StageVerb
	StageVerb   string    // the text's own verb, e.g. "加快…建设"
	Precision   Precision // how well the position is known
	Scope       string    // "bazhong" when the text places it in Bazhong, "region" otherwise
	Clauses     []string  // refs of the blocks that name it, e.g. ["十一"]
	Quotes      []Quote   // the sentences that name it
	StatusSince string    // what happened after 2020, with date, where known
	StatusSrc   string    // source of StatusSince
	Source      string    // where the geometry comes from
	Role        string    // for county roles: the text's role sentence
	Via         []string  // for schematic lines and areas: the places they are drawn through
	Anchor      orb.Point // label anchor (a county seat, an area's centre); zero when none
	LabelAt     orb.Point // an area's label point (LabelAnchor), computed when the layers are generated; zero when none
	Props       map[string]any
	Geometry    orb.Geometry
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
