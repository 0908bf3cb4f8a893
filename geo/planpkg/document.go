package planpkg

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// Document files a plan folder may hold, in the order they are looked for.
var DocumentFiles = []string{"document.txt", "document.docx", "document.html", "document.htm"}

// ReadDocument returns the text of a plan's document from its file: plain
// UTF-8 text (.txt, as written), a Word document (.docx: its
// paragraphs, a line each) or a web page (.html, .htm: its text, a line
// for each paragraph, heading, list item or line break; scripts and
// styles left out; the charset the page declares). What is returned is
// what the plan's parser reads and its quotes are checked against.
func ReadDocument(name string, b []byte) (string, error) {
	if len(b) > MaxText*4 {
		return "", fmt.Errorf("%s: %d MB is more than a plan's document", name, len(b)>>20)
	}
	var text string
	var err error
	switch strings.ToLower(path.Ext(name)) {
	case ".docx":
		text, err = docxText(b)
		text = tidy(text)
	case ".html", ".htm":
		text, err = htmlText(b)
		text = tidy(text)
	default:
		text, err = plainText(b) // as written: quotes are checked against it byte for byte
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	if len(text) > MaxText {
		return "", fmt.Errorf("%s: %d MB of text is more than a plan's (%d MB)", name, len(text)>>20, MaxText>>20)
	}
	return text, nil
}

// plainText reads UTF-8 text (a byte-order mark dropped).
func plainText(b []byte) (string, error) {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if !utf8.Valid(b) {
		return "", errors.New("not UTF-8 text (save it as UTF-8)")
	}
	return string(b), nil
}

// docxText reads the paragraphs of a Word document's body (its
// word/document.xml), a line each: runs' text, tabs and breaks in order.
func docxText(b []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return "", errors.New("not a Word document (.docx is a zip file)")
	}
	var doc *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			doc = f
		}
	}
	if doc == nil {
		return "", errors.New("a zip file without word/document.xml: not a Word document")
	}
	if doc.UncompressedSize64 > MaxText*8 {
		return "", fmt.Errorf("the document's body claims %d MB", doc.UncompressedSize64>>20)
	}
	rc, err := doc.Open()
	if err != nil {
		return "", err
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, MaxText*8))
	var out strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("the document's body: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab":
				out.WriteByte('\t')
			case "br", "cr":
				out.WriteByte('\n')
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				out.WriteByte('\n')
			}
		case xml.CharData:
			if inText {
				out.Write(t)
			}
		}
		if out.Len() > MaxText*2 {
			return "", errors.New("more text than a plan's document")
		}
	}
	return out.String(), nil
}

// blockTags end a line of a web page's text.
var blockTags = map[string]bool{"p": true, "div": true, "br": true, "li": true, "tr": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "section": true, "article": true, "blockquote": true, "pre": true, "table": true}

// htmlText reads a web page's text in its declared charset (GBK pages are
// common on government sites), a line per block. Scripts and styles are
// left out, and so are a site's own parts around the document — its
// navigation, header, footer, side bar, breadcrumbs and copyright line
// (<nav>, <header>, <footer>, <aside>, or a class or id saying so).
func htmlText(b []byte) (string, error) {
	r, err := charset.NewReader(bytes.NewReader(b), "text/html")
	if err != nil {
		return "", err
	}
	z := html.NewTokenizer(r)
	var out strings.Builder
	depth := 0     // open elements
	skipFrom := -1 // the depth at which a left-out element opened
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return out.String(), nil
			}
			return "", z.Err()
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			void := tt == html.SelfClosingTagToken || voidTags[tag]
			if !void {
				depth++
				if skipFrom < 0 && (skipTags[tag] || hasAttr && siteChrome(z)) {
					skipFrom = depth
				}
			}
			if skipFrom < 0 && blockTags[tag] {
				out.WriteByte('\n')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if voidTags[tag] {
				continue
			}
			if skipFrom < 0 && blockTags[tag] {
				out.WriteByte('\n')
			}
			if depth == skipFrom {
				skipFrom = -1
			}
			if depth > 0 {
				depth--
			}
		case html.TextToken:
			if skipFrom < 0 {
				out.Write(collapse(z.Text()))
			}
		}
		if out.Len() > MaxText*2 {
			return "", errors.New("more text than a plan's document")
		}
	}
}

// skipTags are elements whose text is never the document's.
var skipTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true,
	"nav": true, "header": true, "footer": true, "aside": true, "title": true}

// voidTags have no end tag.
var voidTags = map[string]bool{"br": true, "img": true, "meta": true, "link": true, "input": true, "hr": true,
	"area": true, "base": true, "col": true, "embed": true, "source": true, "track": true, "wbr": true}

// chromeWords name a site's own parts in a class or id.
var chromeWords = regexp.MustCompile(`(?i)(^|[\s_-])(nav|navbar|menu|footer|header|breadcrumbs?|crumbs?|copyright|sidebar|share)($|[\s_-])`)

// siteChrome says whether the element whose attributes the tokenizer is
// at is part of the site around the document, by its class or id.
func siteChrome(z *html.Tokenizer) bool {
	for {
		key, val, more := z.TagAttr()
		if (string(key) == "class" || string(key) == "id") && chromeWords.Match(val) {
			return true
		}
		if !more {
			return false
		}
	}
}

// collapse turns a page's runs of white space (its source's line breaks
// and indents) into one space, as a browser shows them.
func collapse(b []byte) []byte {
	return spaceRun.ReplaceAll(b, []byte(" "))
}

var spaceRun = regexp.MustCompile(`[ \t\r\n\f]+`)

// tidy trims each line and drops runs of empty lines to one: the same text
// from a .txt, a .docx and a web page reads alike.
func tidy(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\u00a0", " ")
	var out []string
	blank := true
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, l)
		blank = false
	}
	return strings.TrimSpace(strings.Join(out, "\n")) + "\n"
}
