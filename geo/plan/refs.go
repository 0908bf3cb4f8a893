package plan

import "strings"

// Refs to blocks of a document that are not clauses. A clause is referred to
// by its numeral ("十一"), a part's heading or intro by "P" and its numeral
// ("P六").
const (
	RefTitle    = "title"
	RefPreamble = "preamble"
)

// Blocks returns the text blocks that ref names: a clause's text for "十一",
// a part's heading and intro for "P六", the title for "title" and the
// preamble for "preamble". ok is false when the document has no such block.
func (d *Document) Blocks(ref string) (blocks []string, ok bool) {
	switch {
	case ref == RefTitle:
		return []string{d.Title}, true
	case ref == RefPreamble:
		return []string{d.Preamble}, true
	case strings.HasPrefix(ref, "P") && d.partIndex(ref[1:]) >= 0:
		p, ok := d.Part(ref[1:])
		if !ok {
			return nil, false
		}
		return []string{p.Heading, p.Intro}, true
	}
	c, ok := d.Clause(ref)
	if !ok {
		return nil, false
	}
	return []string{c.Text}, true
}

// Contains reports whether quote occurs verbatim in the block(s) that ref names.
func (d *Document) Contains(ref, quote string) bool {
	blocks, ok := d.Blocks(ref)
	if !ok || quote == "" {
		return false
	}
	for _, b := range blocks {
		if strings.Contains(b, quote) {
			return true
		}
	}
	return false
}

// Canonical returns ref as the document numbers the block it names: a
// clause's Num, "P" and a part's Num, or ref itself when it names none.
func (d *Document) Canonical(ref string) string {
	switch {
	case ref == RefTitle || ref == RefPreamble:
		return ref
	case strings.HasPrefix(ref, "P"):
		if p, ok := d.Part(ref[1:]); ok {
			return "P" + p.Num
		}
		return ref
	}
	if c, ok := d.Clause(ref); ok {
		return c.Num
	}
	if p, ok := d.Part(ref); ok && d.Layout == LayoutChapter && strings.HasSuffix(normRef(ref), "章") {
		return "P" + p.Num
	}
	return ref
}
