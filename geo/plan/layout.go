package plan

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The layouts a document's numbering may follow.
const (
	LayoutDecision = "decision" // 一、 parts, (一) clauses numbered across parts
	LayoutChapter  = "chapter"  // 第一章 chapters, 第一节 sections, 第一条 articles numbered through the text
	LayoutNumbered = "numbered" // 1. parts, 1.1 clauses, (1) items
)

const cnNum = `[〇零一二三四五六七八九十百两]+`

var (
	chapterRE  = regexp.MustCompile(`^第(` + cnNum + `|[0-9]+)章[ \t　]*`)
	sectionRE  = regexp.MustCompile(`^第(` + cnNum + `|[0-9]+)节[ \t　]*`)
	articleRE  = regexp.MustCompile(`^第(` + cnNum + `|[0-9]+)条[ \t　]*`)
	numPartRE  = regexp.MustCompile(`^([0-9]+)[.、][ \t　]*`)
	numSubRE   = regexp.MustCompile(`^([0-9]+)\.([0-9]+)[ \t　]*`)
	numItemRE  = regexp.MustCompile(`^[(]([0-9]+)[)][ \t　]*`)
	decPartRE  = regexp.MustCompile(`^` + cnNum + `、`)
	refTrimmer = strings.NewReplacer(" ", "", "\t", "", "　", "")
)

// fold writes full-width digits, letters and punctuation as ASCII, so that
// "（１）" and "(1)" and "１．１" and "1.1" read alike. Lengths change, so
// it is used for matching only: what is kept is always the text as written.
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == '　':
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}

// detectLayout guesses a document's layout from its headings.
func detectLayout(text string) string {
	dec, num := 0, 0
	for _, l := range strings.Split(text, "\n") {
		t := fold(strings.TrimSpace(l))
		switch {
		case chapterRE.MatchString(t) || articleRE.MatchString(t):
			return LayoutChapter
		case decPartRE.MatchString(t):
			dec++
		case numSubRE.MatchString(t) || numPartRE.MatchString(t):
			num++
		}
	}
	if num > dec {
		return LayoutNumbered
	}
	return LayoutDecision
}

// number reads a heading's number: a Chinese numeral or figures.
func number(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil && n > 0 {
		return n, true
	}
	return NumeralValue(s)
}

// para is one non-empty line of a document: its text without surrounding
// space, where it starts in the document, and its line number.
type para struct {
	s    string
	off  int
	line int
}

func paragraphs(text string) []para {
	var out []para
	off, line := 0, 1
	for _, l := range strings.SplitAfter(text, "\n") {
		body := strings.TrimRight(l, "\r\n")
		if t := strings.TrimSpace(strings.Trim(body, "　")); t != "" {
			out = append(out, para{t, off + strings.Index(body, t), line})
		}
		off += len(l)
		line++
	}
	return out
}

// span is the document text from the start of one paragraph (after skip
// bytes) to the end of another: a block of several paragraphs, still a
// slice of the text.
func span(text string, first, last para, skip int) string {
	return text[first.off+skip : last.off+len(last.s)]
}

// leadTitle is a clause's lead title: the words before its first 。 when
// they are a short phrase, else its first words.
func leadTitle(body string) string {
	if i := strings.Index(body, "。"); i > 0 && utf8.RuneCountInString(body[:i]) <= 24 && !strings.ContainsAny(body[:i], "，；：") {
		return body[:i]
	}
	end := strings.IndexAny(body, "，。；：,;:")
	if end < 0 {
		end = len(body)
	}
	return clip(body[:end], 18)
}

// parseChapters reads the chapter layout: a title, front matter (an
// adoption line in parentheses, a preamble), chapters 第一章…, optional
// sections 第一节… and articles 第一条… numbered through the document.
// Paragraphs after an article (its items) belong to it.
func parseChapters(text string) (*Document, error) {
	d := &Document{Text: text, Layout: LayoutChapter}
	ps := paragraphs(text)
	if len(ps) == 0 {
		return nil, &ParseError{1, "empty document"}
	}
	d.Title = ps[0].s
	var part *Part
	section := ""
	cl := -1 // index of the open article
	var clFirst, clLast para
	closeArticle := func() {
		if cl >= 0 {
			c := &d.Clauses[cl]
			c.Text = span(text, clFirst, clLast, c.Offset-clFirst.off)
			cl = -1
		}
	}
	var introFirst, introLast *para
	closeIntro := func() {
		if part != nil && introFirst != nil {
			part.Intro = span(text, *introFirst, *introLast, 0)
		}
		introFirst, introLast = nil, nil
	}
	for _, p := range ps[1:] {
		f := fold(p.s)
		if m := chapterRE.FindStringSubmatch(f); m != nil {
			closeArticle()
			closeIntro()
			n, ok := number(m[1])
			if !ok || n != len(d.Parts)+1 {
				return nil, &ParseError{p.line, fmt.Sprintf("chapter %s out of order (expected 第%s章)", clip(p.s, 8), Numeral(len(d.Parts)+1))}
			}
			label := p.s[:labelLen(p.s, m[0])]
			d.Parts = append(d.Parts, Part{Num: Numeral(n), Label: strings.TrimSpace(label), Index: n, Heading: p.s, Title: strings.TrimSpace(p.s[len(label):])})
			part, section = &d.Parts[len(d.Parts)-1], ""
			continue
		}
		if m := sectionRE.FindStringSubmatch(f); m != nil && part != nil {
			closeArticle()
			closeIntro()
			section = p.s
			part.Sections = append(part.Sections, p.s)
			continue
		}
		if m := articleRE.FindStringSubmatch(f); m != nil {
			closeArticle()
			closeIntro()
			n, ok := number(m[1])
			if !ok || n != len(d.Clauses)+1 {
				return nil, &ParseError{p.line, fmt.Sprintf("article %s out of order (expected 第%s条)", clip(p.s, 8), Numeral(len(d.Clauses)+1))}
			}
			if part == nil {
				// Articles before any chapter: one unnamed part holds them.
				d.Parts = append(d.Parts, Part{Num: "", Index: 0})
				part = &d.Parts[len(d.Parts)-1]
			}
			ll := labelLen(p.s, m[0])
			label := strings.TrimSpace(p.s[:ll])
			body := p.s[ll:]
			d.Clauses = append(d.Clauses, Clause{Num: refTrimmer.Replace(label), Index: n, Part: part.Num, Label: label,
				Title: leadTitle(body), Section: section, Text: body, Offset: p.off + ll})
			part.Clauses = append(part.Clauses, d.Clauses[len(d.Clauses)-1].Num)
			cl, clFirst, clLast = len(d.Clauses)-1, p, p
			continue
		}
		switch {
		case cl >= 0:
			clLast = p // an item of the open article
		case part == nil && d.Adoption == "" && d.Preamble == "" && (strings.HasPrefix(p.s, "(") || strings.HasPrefix(p.s, "（")):
			d.Adoption = p.s
		case part == nil && d.Preamble == "":
			d.Preamble = p.s
		case part == nil:
			// More front matter: kept in the preamble's block as written.
			d.Preamble = text[strings.Index(text, d.Preamble) : p.off+len(p.s)]
		default:
			pp := p
			if introFirst == nil {
				introFirst = &pp
			}
			introLast = &pp
		}
	}
	closeArticle()
	closeIntro()
	if len(d.Clauses) == 0 {
		return nil, &ParseError{len(ps), "no articles (第一条…) found"}
	}
	return d, nil
}

// labelLen is the length in s (as written) of a label matched in fold(s):
// folding keeps the count of runes, so the label is as many runes of s.
func labelLen(s, foldedLabel string) int {
	n := utf8.RuneCountInString(foldedLabel)
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// parseNumbered reads the numbered layout: a title, front matter, parts
// "1." (or "1、"), clauses "1.1" and items "(1)". Items directly under a
// part are its clauses ("2(1)"); items under a clause belong to it.
func parseNumbered(text string) (*Document, error) {
	d := &Document{Text: text, Layout: LayoutNumbered}
	ps := paragraphs(text)
	if len(ps) == 0 {
		return nil, &ParseError{1, "empty document"}
	}
	d.Title = ps[0].s
	var part *Part
	cl := -1
	var clFirst, clLast para
	subs := false // the open part has 1.1 clauses
	closeClause := func() {
		if cl >= 0 {
			c := &d.Clauses[cl]
			c.Text = span(text, clFirst, clLast, c.Offset-clFirst.off)
			cl = -1
		}
	}
	add := func(p para, num, label string) {
		ll := labelLen(p.s, label)
		body := p.s[ll:]
		d.Clauses = append(d.Clauses, Clause{Num: num, Index: len(d.Clauses) + 1, Part: part.Num, Label: strings.TrimSpace(p.s[:ll]),
			Title: leadTitle(body), Text: body, Offset: p.off + ll})
		part.Clauses = append(part.Clauses, num)
		cl, clFirst, clLast = len(d.Clauses)-1, p, p
	}
	for _, p := range ps[1:] {
		f := fold(p.s)
		if m := numSubRE.FindStringSubmatch(f); m != nil && part != nil {
			closeClause()
			if m[1] != part.Num {
				return nil, &ParseError{p.line, fmt.Sprintf("clause %s.%s inside part %s", m[1], m[2], part.Num)}
			}
			subs = true
			add(p, m[1]+"."+m[2], m[0])
			continue
		}
		if m := numItemRE.FindStringSubmatch(f); m != nil && part != nil && (!subs || cl < 0) {
			closeClause()
			add(p, part.Num+"("+m[1]+")", m[0])
			continue
		}
		if m := numPartRE.FindStringSubmatch(f); m != nil && utf8.RuneCountInString(p.s) <= 40 && !strings.Contains(p.s, "。") {
			closeClause()
			n, _ := strconv.Atoi(m[1])
			if n != len(d.Parts)+1 {
				return nil, &ParseError{p.line, fmt.Sprintf("part %d out of order (expected %d)", n, len(d.Parts)+1)}
			}
			ll := labelLen(p.s, m[0])
			d.Parts = append(d.Parts, Part{Num: m[1], Label: strings.TrimSpace(p.s[:ll]), Index: n, Heading: p.s, Title: p.s[ll:]})
			part, subs = &d.Parts[len(d.Parts)-1], false
			continue
		}
		switch {
		case cl >= 0:
			clLast = p
		case part == nil && d.Preamble == "":
			d.Preamble = p.s
		case part == nil:
			d.Preamble = text[strings.Index(text, d.Preamble) : p.off+len(p.s)]
		case part.Intro == "":
			part.Intro = p.s
		default:
			part.Intro = text[strings.Index(text, part.Intro) : p.off+len(p.s)]
		}
	}
	closeClause()
	if len(d.Parts) == 0 {
		return nil, &ParseError{len(ps), "no numbered parts (1. …) found"}
	}
	return d, nil
}

// normRef writes a reference the way clauseIndex compares it: folded to
// ASCII, spaces out, and one pair of surrounding brackets off.
func normRef(ref string) string {
	r := refTrimmer.Replace(fold(strings.TrimSpace(ref)))
	if strings.HasPrefix(r, "(") && strings.HasSuffix(r, ")") && strings.Count(r, "(") == 1 {
		r = r[1 : len(r)-1]
	}
	return r
}

func (d *Document) clauseIndex(ref string) int {
	r := normRef(ref)
	if r == "" {
		return -1
	}
	for i := range d.Clauses {
		if d.Clauses[i].Num == ref || normRef(d.Clauses[i].Num) == r {
			return i
		}
	}
	n := -1
	switch d.Layout {
	case LayoutDecision:
		if v, ok := number(r); ok {
			n = v
		}
	case LayoutChapter:
		if m := articleRE.FindStringSubmatch(r); m != nil && len(m[0]) == len(r) {
			if v, ok := number(m[1]); ok {
				n = v
			}
		} else if v, ok := number(r); ok {
			n = v
		}
	}
	if n >= 1 && n <= len(d.Clauses) {
		return n - 1
	}
	return -1
}

func (d *Document) partIndex(ref string) int {
	r := normRef(ref)
	if m := chapterRE.FindStringSubmatch(r); m != nil && len(strings.TrimSpace(m[0])) == len(r) {
		r = m[1]
	}
	r = strings.TrimRight(r, ".、")
	for i := range d.Parts {
		if d.Parts[i].Num == r && r != "" {
			return i
		}
	}
	if n, ok := number(r); ok {
		for i := range d.Parts {
			if d.Parts[i].Index == n {
				return i
			}
		}
	}
	return -1
}

// PartName names a part in lang: 第三部分 / Part 3 in a decision, 第三章 /
// Chapter 3 in the chapter layout, 第3部分 / Part 3 in the numbered one.
func (d *Document) PartName(p *Part, lang string) string {
	switch {
	case lang == "en" && d.Layout == LayoutChapter:
		return fmt.Sprintf("Chapter %d", p.Index)
	case lang == "en":
		return fmt.Sprintf("Part %d", p.Index)
	case d.Layout == LayoutChapter:
		return p.Label
	}
	return "第" + p.Num + "部分"
}

// ClauseName names a clause in lang: its label as written in Chinese;
// "Clause 11 (十一)", "Article 3 (第三条)" or "2.1" in English.
func (d *Document) ClauseName(c *Clause, lang string) string {
	if lang != "en" {
		return c.Label
	}
	switch d.Layout {
	case LayoutChapter:
		return fmt.Sprintf("Article %d %s", c.Index, c.Label)
	case LayoutNumbered:
		return c.Label
	}
	return fmt.Sprintf("Clause %d %s", c.Index, c.Label)
}
