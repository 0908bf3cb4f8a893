package plan

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"

	"github.com/paulmach/orb"
)

// WriteChanges writes the plan's edits as a change list to send to whoever
// keeps the data: CSV (UTF-8 with a byte-order mark, so Excel reads the
// Chinese), a row per edit: feature, its name, field, old, new, who, when,
// why, source. Points are written as "lon, lat"; other geometries as
// GeoJSON.
func (p *Plan) WriteChanges(w io.Writer, lang string) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	head := []string{"要素 feature", "名称 name", "字段 field", "原值 old", "新值 new", "修改人 who", "时间 when", "原因 why", "来源 source"}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, e := range p.Edits {
		name := e.Feature
		if f, ok := p.Feature(e.Feature); ok {
			name = f.Name(lang)
		}
		cw.Write([]string{e.Feature, name, e.Field, changeValue(e.Field, e.Old), changeValue(e.Field, e.New), e.Who, e.When, e.Why, e.SourceText(lang)})
	}
	cw.Flush()
	return cw.Error()
}

// changeValue writes an edit's value as a reader of the list wants it.
func changeValue(field, v string) string {
	switch field {
	case FieldGeometry:
		if g, err := ParseGeometryText(v); err == nil {
			if pt, ok := g.(orb.Point); ok {
				return fmt.Sprintf("%.6f, %.6f", pt.X(), pt.Y())
			}
		}
	case FieldQuoteAdd, FieldQuoteDrop:
		var q Quote
		if json.Unmarshal([]byte(v), &q) == nil && q.Text != "" {
			return q.Ref + "：" + q.Text
		}
	}
	return v
}
