package xmlstream

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/planatlas/planatlas/geo/layer"
	"golang.org/x/text/encoding/htmlindex"
)

// xmlNode is one parsed XML element: local name, attributes, text and
// children. Readers build a tree for one element at a time (a placemark,
// a waypoint) and drop it when done.
type Node struct {
	Name     string
	Attr     map[string]string
	Text     string
	Children []*Node
	Line     int
	text     []byte
}

func (n *Node) Child(name string) *Node {
	for _, c := range n.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// ChildText is the trimmed text of the first child called name ("" when none).
func (n *Node) ChildText(name string) string {
	if c := n.Child(name); c != nil {
		return strings.TrimSpace(c.Text)
	}
	return ""
}

// maxXMLDepth is how deep elements may nest.
const maxDepth = 200

// xmlStream reads an XML document token by token in linear time, checking
// the context as it goes and reporting progress in bytes. Depth counts the
// open elements; a stream that ends with elements open is truncated.
type Stream struct {
	d        *xml.Decoder
	ctx      context.Context
	size     int64
	progress func(done, total int64)
	tokens   int
	depth    int
	open     []string // names of the open elements
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// New reads r (size bytes, for progress): a UTF-8 byte-order mark
// is skipped, and a declared encoding (GBK, GB18030, Big5, Latin-1…) decoded.
func New(r io.Reader, size int64, opt layer.Options) *Stream {
	br := bufio.NewReaderSize(r, 256<<10)
	if b, _ := br.Peek(3); bytes.Equal(b, utf8BOM) {
		br.Discard(3)
	}
	d := xml.NewDecoder(br)
	d.Strict = false
	d.CharsetReader = charsetReader
	return &Stream{d: d, ctx: opt.Ctx(), size: size, progress: opt.Progress}
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
		return nil, layer.NewFault(layer.ProblemUnknownEncoding, label, "")
	}
	return enc.NewDecoder().Reader(input), nil
}

// Next returns the next token (io.EOF at the end). Every 1024 tokens it
// looks at the context, so a cancelled read stops within milliseconds.
func (s *Stream) Next() (xml.Token, error) {
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
			return nil, layer.NewReadError(layer.LinePlace(s.Line()), layer.NewFault(layer.ProblemTruncated, "XML", s.open[len(s.open)-1]), nil)
		}
		return nil, io.EOF
	}
	if err != nil {
		var f *layer.Fault
		if errors.As(err, &f) {
			return nil, layer.NewReadError(layer.Place{}, f, err)
		}
		if strings.Contains(err.Error(), "unexpected EOF") {
			name := ""
			if len(s.open) > 0 {
				name = s.open[len(s.open)-1]
			}
			return nil, layer.NewReadError(layer.LinePlace(s.Line()), layer.NewFault(layer.ProblemTruncated, "XML", name), err)
		}
		return nil, layer.NewReadError(layer.LinePlace(s.Line()), layer.NewFault(layer.ProblemMalformed, "XML", err.Error()), err)
	}
	switch t := tok.(type) {
	case xml.StartElement:
		s.depth++
		if s.depth > maxDepth {
			return nil, layer.NewReadError(layer.LinePlace(s.Line()), layer.NewFault(layer.ProblemTooDeep, "", ""), nil)
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

// Each calls fn with every token to the end of the document, stopping at
// the first error.
func (s *Stream) Each(fn func(xml.Token) error) error {
	for {
		tok, err := s.Next()
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

// Line is the line the decoder has reached.
func (s *Stream) Line() int {
	l, _ := s.d.InputPos()
	return l
}

// Parent names the element that holds the one just started ("" at the top).
func (s *Stream) Parent() string {
	if len(s.open) < 2 {
		return ""
	}
	return s.open[len(s.open)-2]
}

// Element reads the rest of the element that start began into a tree.
// Text is gathered per element, each byte copied once.
func (s *Stream) Element(start xml.StartElement) (*Node, error) {
	root := newNode(start, s.Line())
	stack := []*Node{root}
	for len(stack) > 0 {
		tok, err := s.Next()
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			n := newNode(t, s.Line())
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

// Skip reads to the end of the element just started.
func (s *Stream) Skip() error {
	depth := s.depth
	for s.depth >= depth {
		if _, err := s.Next(); err != nil {
			return err
		}
	}
	return nil
}

func newNode(t xml.StartElement, line int) *Node {
	n := &Node{Name: t.Name.Local, Line: line}
	if len(t.Attr) > 0 {
		n.Attr = make(map[string]string, len(t.Attr))
		for _, a := range t.Attr {
			n.Attr[a.Name.Local] = a.Value
		}
	}
	return n
}

// LonLat reads two numbers; NaN and infinities are not coordinates.
func LonLat(lon, lat string) (orb.Point, bool) {
	x, err1 := strconv.ParseFloat(lon, 64)
	y, err2 := strconv.ParseFloat(lat, 64)
	if err1 != nil || err2 != nil || !layer.Finite(x) || !layer.Finite(y) {
		return orb.Point{}, false
	}
	return orb.Point{x, y}, true
}

// Depth is the number of elements open.
func (s *Stream) Depth() int { return s.depth }
