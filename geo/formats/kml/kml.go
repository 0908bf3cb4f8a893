package kml

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"github.com/paulmach/orb"
	"github.com/planatlas/planatlas/geo/formats/internal/xmlstream"
	"github.com/planatlas/planatlas/geo/layer"
)

// Parse reads the placemarks of a KML document; see DecodeKML.
func Parse(b []byte) (*layer.Layer, error) {
	return Decode(bytes.NewReader(b), int64(len(b)), layer.Options{})
}

// Decode reads the placemarks of a KML document as a stream, in time
// linear in its size: points, lines, polygons, MultiGeometry nested to any
// depth, the non-conformant MultiPolygon/MultiLineString/MultiPoint some
// tools write, and gx:Track/gx:MultiTrack (GPS apps, Google Earth). Name,
// description, address and extended data become attributes, and the
// folders a placemark sits in its "folder" (a planner's categories). A
// placemark without geometry is kept attribute-only (Layer.Unplaced); one
// with a bad geometry is left out and reported; the rest open.
func Decode(r io.Reader, size int64, opt layer.Options) (*layer.Layer, error) {
	s := xmlstream.New(r, size, opt)
	l := &layer.Layer{Format: "kml", CRS: "EPSG:4326"}
	var folders []string // the open folders' names
	folder := ""         // their path, kept as they change (not joined per placemark)
	rooted := false
	err := s.Each(func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if !rooted {
				switch name {
				case "kml", "Document", "Folder", "Placemark":
					rooted = true
				default:
					return layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemNotFormat, "KML", ""), nil)
				}
			}
			switch name {
			case "Placemark":
				n, err := s.Element(t)
				if err != nil {
					return err
				}
				kmlPlacemark(n, folder, l)
			case "Folder":
				folders = append(folders, "")
			case "name":
				if s.Parent() == "Folder" && len(folders) > 0 {
					n, err := s.Element(t)
					if err != nil {
						return err
					}
					folders[len(folders)-1] = strings.TrimSpace(n.Text)
					folder = folderPath(folders)
				}
			case "NetworkLink", "GroundOverlay", "ScreenOverlay", "PhotoOverlay":
				// Links and images are not followed: an opened file never
				// makes the app go online. The planner is told.
				n, err := s.Element(t)
				if err != nil {
					return err
				}
				href := ""
				for _, c := range n.Children {
					if c.Name == "Link" || c.Name == "Url" || c.Name == "Icon" {
						href = strings.TrimSpace(c.ChildText("href"))
					}
				}
				if href != "" {
					l.Report.Warn(layer.NewFault(layer.ProblemLinkNotFollowed, name, href))
				}
			case "Style", "StyleMap", "Schema", "NetworkLinkControl":
				return s.Skip()
			}
		case xml.EndElement:
			if t.Name.Local == "Folder" && len(folders) > 0 {
				folders = folders[:len(folders)-1]
				folder = folderPath(folders)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !rooted {
		return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemNotFormat, "KML", ""), nil)
	}
	return l, nil
}

// kmlPlacemark adds a placemark to l: a feature, an attribute-only record,
// or a skip with its reason.
func kmlPlacemark(n *xmlstream.Node, folder string, l *layer.Layer) {
	props := make(map[string]any, 4)
	if folder != "" {
		props["folder"] = folder
	}
	var geoms []orb.Geometry
	for _, c := range n.Children {
		switch c.Name {
		case "name", "description", "address", "Snippet":
			props[c.Name] = strings.TrimSpace(c.Text)
		case "ExtendedData":
			kmlExtendedData(c, props)
		default:
			g, err := kmlGeometry(c, 0)
			if err != nil {
				l.Report.Skip(layer.LinePlace(c.Line), layer.AsFault(err, layer.ProblemBadGeometry))
				return
			}
			if g != nil {
				geoms = append(geoms, g)
			}
		}
	}
	switch len(geoms) {
	case 0:
		l.Unplaced = append(l.Unplaced, layer.Feature{Props: props, Src: layer.At(layer.LinePlace(n.Line))})
	case 1:
		l.Features = append(l.Features, layer.Feature{Geometry: geoms[0], Props: props, Src: layer.At(layer.LinePlace(n.Line))})
	default:
		l.Features = append(l.Features, layer.Feature{Geometry: simplifyCollection(geoms), Props: props, Src: layer.At(layer.LinePlace(n.Line))})
	}
}

// folderPath joins the named folders: "规划 / 交通".
func folderPath(folders []string) string {
	var named []string
	for _, f := range folders {
		if f != "" {
			named = append(named, f)
		}
	}
	return strings.Join(named, " / ")
}

// kmlExtendedData reads <Data name><value>, <SchemaData><SimpleData name>.
func kmlExtendedData(n *xmlstream.Node, props map[string]any) {
	for _, d := range n.Children {
		switch d.Name {
		case "Data":
			if k := d.Attr["name"]; k != "" {
				props[k] = d.ChildText("value")
			}
		case "SimpleData":
			if k := d.Attr["name"]; k != "" {
				props[k] = strings.TrimSpace(d.Text)
			}
		case "SchemaData":
			kmlExtendedData(d, props)
		}
	}
}

// kmlGeometry converts a KML geometry element: nil, nil for an element
// that is not a geometry or a multi-geometry with nothing in it.
func kmlGeometry(n *xmlstream.Node, depth int) (orb.Geometry, error) {
	switch n.Name {
	case "Point":
		pts, err := kmlCoords(n)
		if err != nil || len(pts) == 0 {
			return nil, err
		}
		return pts[0], nil
	case "LineString":
		pts, err := kmlCoords(n)
		if err != nil || len(pts) == 0 {
			return nil, err
		}
		if len(pts) < 2 {
			return nil, &layer.Fault{Problem: layer.ProblemTooFewPoints, Subject: n.Name, N: int64(len(pts)), M: 2}
		}
		return orb.LineString(pts), nil
	case "LinearRing":
		r, err := kmlRing(n)
		if err != nil || r == nil {
			return nil, err
		}
		return orb.Polygon{r}, nil
	case "Polygon":
		var pg orb.Polygon
		for _, c := range n.Children {
			if c.Name != "outerBoundaryIs" && c.Name != "innerBoundaryIs" {
				continue
			}
			lr := c.Child("LinearRing")
			if lr == nil {
				continue
			}
			r, err := kmlRing(lr)
			if err != nil {
				return nil, err
			}
			if r == nil {
				continue
			}
			if c.Name == "outerBoundaryIs" {
				pg = append(orb.Polygon{r}, pg...)
			} else {
				pg = append(pg, r)
			}
		}
		if len(pg) == 0 {
			return nil, nil
		}
		return pg, nil
	case "Track": // gx:Track: <when>s then <gx:coord>s "lon lat alt"
		var ls orb.LineString
		for _, c := range n.Children {
			if c.Name != "coord" {
				continue
			}
			f := strings.Fields(c.Text)
			if len(f) < 2 {
				return nil, layer.NewFault(layer.ProblemBadCoordinate, strings.TrimSpace(c.Text), "")
			}
			p, ok := xmlstream.LonLat(f[0], f[1])
			if !ok {
				return nil, layer.NewFault(layer.ProblemBadCoordinate, strings.TrimSpace(c.Text), "")
			}
			ls = append(ls, p)
		}
		switch len(ls) {
		case 0:
			return nil, nil
		case 1:
			return ls[0], nil
		}
		return ls, nil
	case "MultiGeometry", "MultiTrack", "MultiPolygon", "MultiLineString", "MultiPoint":
		if depth > 50 {
			return nil, layer.NewFault(layer.ProblemTooDeep, "", "")
		}
		var out []orb.Geometry
		for _, c := range n.Children {
			g, err := kmlGeometry(c, depth+1)
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

// kmlRing reads a LinearRing, closing it if the file did not; nil when it
// has no coordinates.
func kmlRing(n *xmlstream.Node) (orb.Ring, error) {
	pts, err := kmlCoords(n)
	if err != nil || len(pts) == 0 {
		return nil, err
	}
	if len(pts) < 3 {
		return nil, &layer.Fault{Problem: layer.ProblemTooFewPoints, Subject: "LinearRing", N: int64(len(pts)), M: 4}
	}
	r := orb.Ring(pts)
	if !r.Closed() {
		r = append(r, r[0])
	}
	return r, nil
}

// kmlCoords reads the <coordinates> of n: "lon,lat[,alt] lon,lat[,alt] …",
// tolerating spaces after commas as some tools write them. None is not an
// error (an empty geometry); a tuple that is not numbers is, quoted as the
// file has it.
func kmlCoords(n *xmlstream.Node) ([]orb.Point, error) {
	c := n.Child("coordinates")
	if c == nil {
		return nil, nil
	}
	text := c.Text
	var pts []orb.Point
	for i := 0; i < len(text); {
		for i < len(text) && isSpace(text[i]) {
			i++
		}
		if i >= len(text) {
			break
		}
		// A tuple runs to whitespace not next to a comma.
		start := i
		for i < len(text) {
			if isSpace(text[i]) {
				j := i
				for j < len(text) && isSpace(text[j]) {
					j++
				}
				if (j < len(text) && text[j] == ',') || text[i-1] == ',' {
					i = j
					continue
				}
				break
			}
			i++
		}
		tuple := text[start:i]
		parts := strings.Split(tuple, ",")
		if len(parts) < 2 {
			return nil, layer.NewFault(layer.ProblemBadCoordinate, tuple, "")
		}
		p, ok := xmlstream.LonLat(strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1]))
		if !ok {
			return nil, layer.NewFault(layer.ProblemBadCoordinate, tuple, "")
		}
		pts = append(pts, p)
	}
	return pts, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// simplifyCollection flattens nested collections and turns one of a
// single kind into its multi-type.
func simplifyCollection(c []orb.Geometry) orb.Geometry {
	var flat orb.Collection
	var add func(g orb.Geometry)
	add = func(g orb.Geometry) {
		switch g := g.(type) {
		case orb.Collection:
			for _, x := range g {
				add(x)
			}
		case orb.MultiPoint:
			for _, x := range g {
				flat = append(flat, x)
			}
		case orb.MultiLineString:
			for _, x := range g {
				flat = append(flat, x)
			}
		case orb.MultiPolygon:
			for _, x := range g {
				flat = append(flat, x)
			}
		default:
			flat = append(flat, g)
		}
	}
	for _, g := range c {
		add(g)
	}
	var pts orb.MultiPoint
	var lines orb.MultiLineString
	var polys orb.MultiPolygon
	for _, g := range flat {
		switch g := g.(type) {
		case orb.Point:
			pts = append(pts, g)
		case orb.LineString:
			lines = append(lines, g)
		case orb.Polygon:
			polys = append(polys, g)
		}
	}
	switch {
	case len(pts) == len(flat):
		return pts
	case len(lines) == len(flat):
		return lines
	case len(polys) == len(flat):
		return polys
	}
	return flat
}
