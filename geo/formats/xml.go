package formats

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
)

// xmlNode is one parsed XML element: local name, attributes, text and
// children. Readers build a tree for one element at a time (a placemark,
// a waypoint) and drop it when done.
type xmlNode struct {
	Name     string
	Attr     map[string]string
	Text     string
	Children []*xmlNode
	Line     int
	text     []byte
}

func (n *xmlNode) child(name string) *xmlNode {
	for _, c := range n.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// childText is the trimmed text of the first child called name ("" when none).
func (n *xmlNode) childText(name string) string {
	if c := n.child(name); c != nil {
		return strings.TrimSpace(c.Text)
	}
	return ""
}

// maxXMLDepth is how deep elements may nest.
const maxXMLDepth = 200

// xmlStream reads an XML document token by token in linear time, checking
// the context as it goes and reporting progress in bytes. Depth counts the
// open elements; a stream that ends with elements open is truncated.
type xmlStream struct {
	d        *xml.Decoder
	ctx      context.Context
	size     int64
	progress func(done, total int64)
	tokens   int
	depth    int
	open     []string // names of the open elements
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// newXMLStream reads r (size bytes, for progress): a UTF-8 byte-order mark
// is skipped, and a declared encoding (GBK, GB18030, Big5, Latin-1…) decoded.
func newXMLStream(r io.Reader, size int64, opt Options) *xmlStream {
	br := bufio.NewReaderSize(r, 256<<10)
	if b, _ := br.Peek(3); bytes.Equal(b, utf8BOM) {
		br.Discard(3)
	}
	d := xml.NewDecoder(br)
	d.Strict = false
	d.CharsetReader = charsetReader
	return &xmlStream{d: d, ctx: opt.ctx(), size: size, progress: opt.Progress}
}

// charsetReader decodes the encodings a document may declare; GB2312 is
// read as GBK (its superset), as every Chinese tool does.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return input, nil
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, fault(ProblemUnknownEncoding, label, "")
	}
	return enc.NewDecoder().Reader(input), nil
}

// next returns the next token (io.EOF at the end). Every 1024 tokens it
// looks at the context, so a cancelled read stops within milliseconds.
func (s *xmlStream) next() (xml.Token, error) {
	s.tokens++
	if s.tokens&1023 == 0 {
		if err := s.ctx.Err(); err != nil {
			return nil, err
		}
		if s.progress != nil {
			s.progress(s.d.InputOffset(), s.size)
		}
	}
	tok, err := s.d.RawToken()
	if err == io.EOF {
		if s.depth > 0 {
			return nil, readErr(atLine(s.line()), fault(ProblemTruncated, "XML", s.open[len(s.open)-1]), nil)
		}
		return nil, io.EOF
	}
	if err != nil {
		var f *Fault
		if errors.As(err, &f) {
			return nil, readErr(Place{}, f, err)
		}
		if strings.Contains(err.Error(), "unexpected EOF") {
			name := ""
			if len(s.open) > 0 {
				name = s.open[len(s.open)-1]
			}
			return nil, readErr(atLine(s.line()), fault(ProblemTruncated, "XML", name), err)
		}
		return nil, readErr(atLine(s.line()), fault(ProblemMalformed, "XML", err.Error()), err)
	}
	switch t := tok.(type) {
	case xml.StartElement:
		s.depth++
		if s.depth > maxXMLDepth {
			return nil, readErr(atLine(s.line()), fault(ProblemTooDeep, "", ""), nil)
		}
		s.open = append(s.open, t.Name.Local)
	case xml.EndElement:
		if s.depth > 0 {
			s.depth--
			s.open = s.open[:len(s.open)-1]
		}
	}
	return tok, nil
}

// each calls fn with every token to the end of the document, stopping at
// the first error.
func (s *xmlStream) each(fn func(xml.Token) error) error {
	for {
		tok, err := s.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(tok); err != nil {
			return err
		}
	}
}

// line is the line the decoder has reached.
func (s *xmlStream) line() int {
	l, _ := s.d.InputPos()
	return l
}

// parent names the element that holds the one just started ("" at the top).
func (s *xmlStream) parent() string {
	if len(s.open) < 2 {
		return ""
	}
	return s.open[len(s.open)-2]
}

// element reads the rest of the element that start began into a tree.
// Text is gathered per element, each byte copied once.
func (s *xmlStream) element(start xml.StartElement) (*xmlNode, error) {
	root := newXMLNode(start, s.line())
	stack := []*xmlNode{root}
	for len(stack) > 0 {
		tok, err := s.next()
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			n := newXMLNode(t, s.line())
			if len(bytes.TrimSpace(top.text)) == 0 {
				top.text = top.text[:0] // whitespace between children
			}
			top.Children = append(top.Children, n)
			stack = append(stack, n)
		case xml.EndElement:
			top.Text, top.text = string(top.text), nil
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.text = append(top.text, t...)
		}
	}
	return root, nil
}

// skip reads to the end of the element just started.
func (s *xmlStream) skip() error {
	depth := s.depth
	for s.depth >= depth {
		if _, err := s.next(); err != nil {
			return err
		}
	}
	return nil
}

func newXMLNode(t xml.StartElement, line int) *xmlNode {
	n := &xmlNode{Name: t.Name.Local, Line: line}
	if len(t.Attr) > 0 {
		n.Attr = make(map[string]string, len(t.Attr))
		for _, a := range t.Attr {
			n.Attr[a.Name.Local] = a.Value
		}
	}
	return n
}
