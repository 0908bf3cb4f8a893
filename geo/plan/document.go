package plan

import (
	"fmt"
	"strings"
)

// Document is a planning decision parsed into its blocks. Every string field
// is a slice of Text, so a quote shown to a user is never retyped.
type Document struct {
	// Layout is how the text is numbered: LayoutDecision (一、 parts and
	// (一) clauses), LayoutChapter (第一章, 第一节, 第一条 numbered through
	// the document) or LayoutNumbered (1. parts, 1.1 clauses, (1) items).
	Layout string
	// Text is the whole source, byte for byte.
	Text string
	// Title is the decision's title line.
	Title string
	// Adoption is the line that says when and by whom it was adopted.
	Adoption string
	// SourceLine is the publication line (date, newspaper).
	SourceLine string
	// Preamble is the paragraph before the first part.
	Preamble string
	// Parts are the numbered parts 一、… in order.
	Parts []Part
	// Clauses are the numbered clauses (一)… in order; their numbering runs
	// across parts.
	Clauses []Clause
}

// Part is one numbered part of a decision (一、…).
type Part struct {
	// Num is the part's number: a Chinese numeral ("三") in the decision
	// and chapter layouts, figures ("3") in the numbered layout.
	Num string
	// Label is the number as written: "三、", "第三章", "3.".
	Label string
	// Sections are the headings of the sections (第一节…) inside a chapter.
	Sections []string
	// Index is Num as a number (1-based).
	Index int
	// Heading is the whole heading line, e.g. "三、着力推动区域协同发展".
	Heading string
	// Title is the heading without its number, e.g. "着力推动区域协同发展".
	Title string
	// Intro is the paragraph between the heading and the part's first clause.
	Intro string
	// Clauses lists the numbers of the part's clauses.
	Clauses []string
}

// Clause is one numbered clause of a decision, e.g. (十一).
type Clause struct {
	// Num is the clause's reference: the Chinese numeral of a decision's
	// clause ("十一"), an article as written without spaces ("第十一条"),
	// a numbered clause's figures ("2.3", "2(1)").
	Num string
	// Index is Num as a number (1-based).
	Index int
	// Part is the number of the part that holds the clause, e.g. "四".
	Part string
	// Label is the number as printed, e.g. "(十一)".
	Label string
	// Title is the lead title: the phrase before the first 。, e.g.
	// "拓展外向战略性大通道" (an article's first words when it has none).
	Title string
	// Section is the heading of the section (节) that holds it, if any.
	Section string
	// Text is the paragraph after the label, lead title included.
	Text string
	// Offset is the byte offset of Text in Document.Text.
	Offset int
}

// ParseError reports where a document could not be parsed.
type ParseError struct {
	Line int    // 1-based line number
	Msg  string // what is wrong
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Parse splits a decision into title, adoption line, source line, preamble,
// parts and clauses. It expects the layout of Chinese Party and government
// decisions: a title line, a parenthesised adoption line, a publication line,
// one preamble paragraph, then parts headed "一、…" each with an intro
// paragraph and clauses "(一)…" numbered consecutively across parts.
//
// Other layouts are recognised from their headings: see ParseLayout.
func Parse(text string) (*Document, error) {
	switch detectLayout(text) {
	case LayoutChapter:
		return parseChapters(text)
	case LayoutNumbered:
		return parseNumbered(text)
	}
	return parseDecision(text)
}

func parseDecision(text string) (*Document, error) {
	d := &Document{Text: text, Layout: LayoutDecision}
	type para struct {
		s    string
		off  int
		line int
	}
	var paras []para
	off, line := 0, 1
	for _, l := range strings.SplitAfter(text, "\n") {
		body := strings.TrimRight(l, "\r\n")
		if t := strings.TrimSpace(body); t != "" {
			lead := strings.Index(body, t)
			paras = append(paras, para{t, off + lead, line})
		}
		off += len(l)
		line++
	}
	if len(paras) < 4 {
		return nil, &ParseError{line, "too short: expected title, adoption line, source line and preamble"}
	}
	d.Title, d.Adoption, d.SourceLine = paras[0].s, paras[1].s, paras[2].s
	if !strings.HasPrefix(d.Adoption, "(") && !strings.HasPrefix(d.Adoption, "（") {
		return nil, &ParseError{paras[1].line, "adoption line should be in parentheses"}
	}
	var part *Part
	for i, p := range paras[3:] {
		if num, rest, ok := partHeading(p.s); ok {
			n, _ := NumeralValue(num)
			if n != len(d.Parts)+1 {
				return nil, &ParseError{p.line, fmt.Sprintf("part %s、 out of order (expected %s、)", num, Numeral(len(d.Parts)+1))}
			}
			d.Parts = append(d.Parts, Part{Num: num, Label: p.s[:len(p.s)-len(rest)], Index: n, Heading: p.s, Title: rest})
			part = &d.Parts[len(d.Parts)-1]
			continue
		}
		if num, label, ok := clauseLabel(p.s); ok {
			if part == nil {
				return nil, &ParseError{p.line, "clause " + label + " before the first part"}
			}
			n, _ := NumeralValue(num)
			if n != len(d.Clauses)+1 {
				return nil, &ParseError{p.line, fmt.Sprintf("clause %s out of order (expected (%s))", label, Numeral(len(d.Clauses)+1))}
			}
			body := p.s[len(label):]
			end := strings.Index(body, "。")
			if end <= 0 {
				return nil, &ParseError{p.line, "clause " + label + " has no lead title ending in 。"}
			}
			d.Clauses = append(d.Clauses, Clause{Num: num, Index: n, Part: part.Num, Label: label,
				Title: body[:end], Text: body, Offset: p.off + len(label)})
			part.Clauses = append(part.Clauses, num)
			continue
		}
		switch {
		case i == 0:
			d.Preamble = p.s
		case part != nil && part.Intro == "" && len(part.Clauses) == 0:
			part.Intro = p.s
		default:
			return nil, &ParseError{p.line, "paragraph outside any clause: " + clip(p.s, 20)}
		}
	}
	if d.Preamble == "" {
		return nil, &ParseError{paras[3].line, "no preamble before the first part"}
	}
	if len(d.Parts) == 0 {
		return nil, &ParseError{line, "no parts (一、…) found"}
	}
	return d, nil
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// partHeading recognises "三、着力推动区域协同发展".
func partHeading(s string) (num, rest string, ok bool) {
	i := strings.Index(s, "、")
	if i <= 0 {
		return "", "", false
	}
	num = s[:i]
	if _, ok := NumeralValue(num); !ok {
		return "", "", false
	}
	rest = s[i+len("、"):]
	// A heading is one short line with no sentence end.
	if strings.Contains(rest, "。") {
		return "", "", false
	}
	return num, rest, true
}

// clauseLabel recognises "(十一)" at the start of a paragraph. The source
// uses ASCII parentheses; full-width ones are accepted as well.
func clauseLabel(s string) (num, label string, ok bool) {
	for _, pair := range [][2]string{{"(", ")"}, {"（", "）"}} {
		if !strings.HasPrefix(s, pair[0]) {
			continue
		}
		j := strings.Index(s, pair[1])
		if j < 0 {
			return "", "", false
		}
		num = s[len(pair[0]):j]
		if _, ok := NumeralValue(num); !ok {
			return "", "", false
		}
		return num, s[:j+len(pair[1])], true
	}
	return "", "", false
}

// Clause returns the clause a reference names, written as the text
// writes it or as its Num: "十一", "(十一)", "（十一）", "第十一条",
// "第11条", "2.3".
func (d *Document) Clause(ref string) (*Clause, bool) {
	i := d.clauseIndex(ref)
	if i < 0 {
		return nil, false
	}
	return &d.Clauses[i], true
}

// Part returns the part a reference names: "四", "第四章", "4".
func (d *Document) Part(ref string) (*Part, bool) {
	i := d.partIndex(ref)
	if i < 0 {
		return nil, false
	}
	return &d.Parts[i], true
}

// Sentences splits text after each 。; the pieces are slices of text and
// join back to it.
func Sentences(text string) []string {
	var out []string
	for text != "" {
		i := strings.Index(text, "。")
		if i < 0 {
			out = append(out, text)
			break
		}
		out = append(out, text[:i+len("。")])
		text = text[i+len("。"):]
	}
	return out
}

// SentencesWith returns the sentences of clause num that contain phrase,
// each a slice of the document text.
func (d *Document) SentencesWith(num, phrase string) []string {
	c, ok := d.Clause(num)
	if !ok {
		return nil
	}
	var out []string
	for _, s := range Sentences(c.Text) {
		if strings.Contains(s, phrase) {
			out = append(out, s)
		}
	}
	return out
}

// Offset returns the byte offset of s in d.Text when s is a slice of it
// (shares its memory), or the offset of its first occurrence otherwise; -1
// when it does not occur.
func (d *Document) Offset(s string) int {
	return strings.Index(d.Text, s)
}

// Walk visits the text's parts in order and, in each, its clauses or
// articles; section is the heading of the section (节) a clause opens, ""
// for one in the same section as the clause before.
func (d *Document) Walk(part func(p *Part), clause func(p *Part, section string, c *Clause)) {
	for i := range d.Parts {
		pt := &d.Parts[i]
		if part != nil {
			part(pt)
		}
		current := ""
		for _, num := range pt.Clauses {
			c, ok := d.Clause(num)
			if !ok {
				continue
			}
			section := ""
			if c.Section != "" && c.Section != current {
				current, section = c.Section, c.Section
			}
			if clause != nil {
				clause(pt, section, c)
			}
		}
	}
}
