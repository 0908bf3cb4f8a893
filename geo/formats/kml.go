package formats

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// xmlNode is a parsed XML element: local name, text and children.
type xmlNode struct {
	Name     string
	Attr     map[string]string
	Text     string
	Children []*xmlNode
	Line     int
}

func (n *xmlNode) child(name string) *xmlNode {
	for _, c := range n.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// parseXML reads a whole XML document into nodes (namespaces dropped),
// with line numbers for messages.
func parseXML(b []byte) (*xmlNode, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	root := &xmlNode{Name: "#root"}
	stack := []*xmlNode{root}
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil && strings.HasSuffix(err.Error(), "unexpected EOF") {
			line, _ := d.InputPos()
			return nil, readErr(atLine(line), fault(ProblemTruncated, "XML", ""), err)
		}
		if err != nil {
			line, _ := d.InputPos()
			return nil, readErr(atLine(line), fault(ProblemMalformed, "XML", err.Error()), err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > 200 {
				return nil, readErr(Place{}, fault(ProblemTooDeep, "", ""), nil)
			}
			line, _ := d.InputPos()
			n := &xmlNode{Name: t.Name.Local, Line: line}
			for _, a := range t.Attr {
				if n.Attr == nil {
					n.Attr = map[string]string{}
				}
				n.Attr[a.Name.Local] = a.Value
			}
			top := stack[len(stack)-1]
			top.Children = append(top.Children, n)
			stack = append(stack, n)
		case xml.EndElement:
			depth--
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			top := stack[len(stack)-1]
			top.Text += string(t)
		}
	}
	if len(stack) != 1 {
		return nil, readErr(Place{}, fault(ProblemTruncated, "XML", stack[len(stack)-1].Name), nil)
	}
	return root, nil
}

// walk visits every node depth-first.
func walk(n *xmlNode, fn func(*xmlNode) bool) {
	if !fn(n) {
		return
	}
	for _, c := range n.Children {
		walk(c, fn)
	}
}

// ParseKML reads the Placemarks of a KML document: points, lines, polygons
// and multi-geometries, with name, description and extended data as
// attributes.
func ParseKML(b []byte) (*Layer, error) {
	root, err := parseXML(b)
	if err != nil {
		return nil, err
	}
	if root.child("kml") == nil && root.child("Document") == nil && root.child("Placemark") == nil {
		return nil, readErr(Place{}, fault(ProblemNotFormat, "KML", ""), nil)
	}
	l := &Layer{Format: "kml", CRS: "EPSG:4326"}
	var perr error
	walk(root, func(n *xmlNode) bool {
		if perr != nil {
			return false
		}
		if n.Name != "Placemark" {
			return true
		}
		props := map[string]any{}
		var geoms []orb.Geometry
		for _, c := range n.Children {
			switch c.Name {
			case "name", "description", "address":
				props[c.Name] = strings.TrimSpace(c.Text)
			case "ExtendedData":
				walk(c, func(d *xmlNode) bool {
					switch d.Name {
					case "Data":
						if v := d.child("value"); v != nil {
							props[d.Attr["name"]] = strings.TrimSpace(v.Text)
						}
					case "SimpleData":
						props[d.Attr["name"]] = strings.TrimSpace(d.Text)
					}
					return true
				})
			default:
				g, err := kmlGeometry(c)
				if err != nil {
					perr = readErr(atLine(c.Line), asFault(err, ProblemBadGeometry), nil)
					return false
				}
				if g != nil {
					geoms = append(geoms, g)
				}
			}
		}
		switch len(geoms) {
		case 0:
			// A placemark without geometry (e.g. a network link) is skipped.
		case 1:
			l.Features = append(l.Features, Feature{Geometry: geoms[0], Props: props})
		default:
			l.Features = append(l.Features, Feature{Geometry: orb.Collection(geoms), Props: props})
		}
		return false
	})
	if perr != nil {
		return nil, perr
	}
	return l, nil
}

// kmlGeometry converts a KML geometry element (nil for other elements).
func kmlGeometry(n *xmlNode) (orb.Geometry, error) {
	switch n.Name {
	case "Point":
		pts, err := kmlCoords(n.child("coordinates"))
		if err != nil {
			return nil, err
		}
		if len(pts) != 1 {
			return nil, fmt.Errorf("<Point> with %d coordinates", len(pts))
		}
		return pts[0], nil
	case "LineString":
		pts, err := kmlCoords(n.child("coordinates"))
		if err != nil {
			return nil, err
		}
		if len(pts) < 2 {
			return nil, fmt.Errorf("<LineString> with %d coordinates", len(pts))
		}
		return orb.LineString(pts), nil
	case "LinearRing":
		r, err := kmlRing(n)
		if err != nil {
			return nil, err
		}
		return orb.Polygon{r}, nil
	case "Polygon":
		var pg orb.Polygon
		for _, c := range n.Children {
			if c.Name != "outerBoundaryIs" && c.Name != "innerBoundaryIs" {
				continue
			}
			lr := c.child("LinearRing")
			if lr == nil {
				return nil, fmt.Errorf("<%s> without <LinearRing>", c.Name)
			}
			r, err := kmlRing(lr)
			if err != nil {
				return nil, err
			}
			if c.Name == "outerBoundaryIs" {
				pg = append(orb.Polygon{r}, pg...)
			} else {
				pg = append(pg, r)
			}
		}
		if len(pg) == 0 {
			return nil, fmt.Errorf("<Polygon> without <outerBoundaryIs>")
		}
		return pg, nil
	case "MultiGeometry":
		var out orb.Collection
		for _, c := range n.Children {
			g, err := kmlGeometry(c)
			if err != nil {
				return nil, err
			}
			if g != nil {
				out = append(out, g)
			}
		}
		if len(out) == 0 {
			return nil, nil
		}
		return simplifyCollection(out), nil
	}
	return nil, nil
}

func kmlRing(n *xmlNode) (orb.Ring, error) {
	pts, err := kmlCoords(n.child("coordinates"))
	if err != nil {
		return nil, err
	}
	if len(pts) < 3 {
		return nil, fmt.Errorf("ring with %d coordinates", len(pts))
	}
	r := orb.Ring(pts)
	if !r.Closed() {
		r = append(r, r[0])
	}
	return r, nil
}

// kmlCoords reads "lon,lat[,alt] lon,lat[,alt] …".
func kmlCoords(n *xmlNode) ([]orb.Point, error) {
	if n == nil {
		return nil, fmt.Errorf("geometry without <coordinates>")
	}
	var pts []orb.Point
	for _, tuple := range strings.Fields(n.Text) {
		parts := strings.Split(tuple, ",")
		if len(parts) < 2 {
			return nil, fmt.Errorf("bad coordinate %q", tuple)
		}
		lon, err1 := strconv.ParseFloat(parts[0], 64)
		lat, err2 := strconv.ParseFloat(parts[1], 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("bad coordinate %q", tuple)
		}
		pts = append(pts, orb.Point{lon, lat})
	}
	return pts, nil
}

// simplifyCollection turns a collection of one kind into its multi-type.
func simplifyCollection(c orb.Collection) orb.Geometry {
	var pts orb.MultiPoint
	var lines orb.MultiLineString
	var polys orb.MultiPolygon
	for _, g := range c {
		switch g := g.(type) {
		case orb.Point:
			pts = append(pts, g)
		case orb.LineString:
			lines = append(lines, g)
		case orb.Polygon:
			polys = append(polys, g)
		default:
			return c
		}
	}
	switch {
	case len(pts) == len(c):
		return pts
	case len(lines) == len(c):
		return lines
	case len(polys) == len(c):
		return polys
	}
	return c
}

// A KMZ's document may unpack to kmzMaxRatio times the archive's size, and
// to kmzMinLimit bytes whatever its size.
const (
	kmzMaxRatio = 200
	kmzMinLimit = 64 << 20
)

// ParseKMZ reads the main KML document of a KMZ (zipped KML).
func ParseKMZ(b []byte) (*Layer, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, readErr(Place{}, fault(ProblemNotFormat, "KMZ", err.Error()), err)
	}
	var doc *zip.File
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, "doc.kml") {
			doc = f
			break
		}
		if doc == nil && strings.HasSuffix(strings.ToLower(f.Name), ".kml") {
			doc = f
		}
	}
	if doc == nil {
		return nil, readErr(Place{}, fault(ProblemNoDocument, "", ""), nil)
	}
	// KML packs 10–30 times; past kmzMaxRatio (or 1 GB) it is a broken or
	// hostile archive, refused before it fills the memory.
	limit := min(max(kmzMinLimit, kmzMaxRatio*int64(len(b))), 1<<30)
	tooBig := readErr(Place{}, &Fault{Problem: ProblemUnpackTooLarge, Subject: doc.Name, N: limit >> 20}, nil)
	if doc.UncompressedSize64 > uint64(limit) {
		return nil, tooBig
	}
	rc, err := doc.Open()
	if err != nil {
		return nil, readErr(Place{}, fault(ProblemCannotUnpack, doc.Name, err.Error()), err)
	}
	defer rc.Close()
	kml, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, readErr(Place{}, fault(ProblemCannotUnpack, doc.Name, err.Error()), err)
	}
	if int64(len(kml)) > limit {
		return nil, tooBig
	}
	l, err := ParseKML(kml)
	if err != nil {
		return nil, err
	}
	l.Format = "kmz"
	return l, nil
}

// ParseGPX reads waypoints (points), routes and tracks (lines) of a GPX file.
func ParseGPX(b []byte) (*Layer, error) {
	root, err := parseXML(b)
	if err != nil {
		return nil, err
	}
	gpx := root.child("gpx")
	if gpx == nil {
		return nil, readErr(Place{}, fault(ProblemNotFormat, "GPX", ""), nil)
	}
	l := &Layer{Format: "gpx", CRS: "EPSG:4326"}
	pt := func(n *xmlNode) (orb.Point, error) {
		lat, err1 := strconv.ParseFloat(n.Attr["lat"], 64)
		lon, err2 := strconv.ParseFloat(n.Attr["lon"], 64)
		if err1 != nil || err2 != nil {
			return orb.Point{}, readErr(atLine(n.Line), fault(ProblemNoLonLat, n.Name, ""), nil)
		}
		return orb.Point{lon, lat}, nil
	}
	named := func(n *xmlNode, kind string) map[string]any {
		props := map[string]any{"kind": kind}
		for _, k := range []string{"name", "desc", "cmt", "type"} {
			if c := n.child(k); c != nil {
				props[k] = strings.TrimSpace(c.Text)
			}
		}
		return props
	}
	for _, c := range gpx.Children {
		switch c.Name {
		case "wpt":
			p, err := pt(c)
			if err != nil {
				return nil, err
			}
			l.Features = append(l.Features, Feature{Geometry: p, Props: named(c, "waypoint")})
		case "rte":
			var ls orb.LineString
			for _, r := range c.Children {
				if r.Name == "rtept" {
					p, err := pt(r)
					if err != nil {
						return nil, err
					}
					ls = append(ls, p)
				}
			}
			if len(ls) >= 2 {
				l.Features = append(l.Features, Feature{Geometry: ls, Props: named(c, "route")})
			}
		case "trk":
			var ml orb.MultiLineString
			for _, seg := range c.Children {
				if seg.Name != "trkseg" {
					continue
				}
				var ls orb.LineString
				for _, r := range seg.Children {
					if r.Name == "trkpt" {
						p, err := pt(r)
						if err != nil {
							return nil, err
						}
						ls = append(ls, p)
					}
				}
				if len(ls) >= 2 {
					ml = append(ml, ls)
				}
			}
			switch len(ml) {
			case 0:
			case 1:
				l.Features = append(l.Features, Feature{Geometry: ml[0], Props: named(c, "track")})
			default:
				l.Features = append(l.Features, Feature{Geometry: ml, Props: named(c, "track")})
			}
		}
	}
	return l, nil
}
