package sources

import (
	"fmt"
	"strings"

	"github.com/planatlas/planatlas/geo/plan"
)

// ParseQuotes splits the gazetteer's quotes column — pieces joined by " | ",
// each prefixed with its block: "(十一)…" a clause, "[标题]" the title,
// "[序言]" the preamble, "[第六部分标题]"/"[第六部分引言]" a part — into
// quotes, checking each against the document. A "[… N more sentences]"
// marker is skipped.
func ParseQuotes(doc *plan.Document, s string) ([]plan.Quote, error) {
	var out []plan.Quote
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	for _, piece := range strings.Split(s, " | ") {
		piece = strings.TrimSpace(piece)
		var ref, text string
		switch {
		case strings.HasPrefix(piece, "[…"):
			continue
		case strings.HasPrefix(piece, "("):
			j := strings.Index(piece, ")")
			if j < 0 {
				return nil, fmt.Errorf("quote %q: unclosed clause label", piece)
			}
			ref, text = piece[1:j], piece[j+1:]
		case strings.HasPrefix(piece, "["):
			j := strings.Index(piece, "]")
			if j < 0 {
				return nil, fmt.Errorf("quote %q: unclosed block label", piece)
			}
			label := piece[1:j]
			text = piece[j+1:]
			switch {
			case label == "标题":
				ref = plan.RefTitle
			case label == "序言":
				ref = plan.RefPreamble
			case strings.HasPrefix(label, "第") && strings.Contains(label, "部分"):
				ref = "P" + label[len("第"):strings.Index(label, "部分")]
			default:
				return nil, fmt.Errorf("quote %q: unknown block label %q", piece, label)
			}
		default:
			return nil, fmt.Errorf("quote %q: no block label", piece)
		}
		if !doc.Contains(ref, text) {
			return nil, fmt.Errorf("quote not found verbatim in %s: %q", ref, text)
		}
		out = append(out, plan.Quote{Ref: ref, Text: text})
	}
	return out, nil
}
