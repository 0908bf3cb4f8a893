package formats

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"github.com/paulmach/orb"
)

// ParseGPX reads a GPX file; see DecodeGPX.
func ParseGPX(b []byte) (*Layer, error) {
	return DecodeGPX(bytes.NewReader(b), int64(len(b)), Options{})
}

// DecodeGPX reads the waypoints (points), routes and tracks (lines) of a
// GPX file as a stream, in time linear in its size. A point without a
// valid lat/lon is left out and reported; the rest open.
func DecodeGPX(r io.Reader, size int64, opt Options) (*Layer, error) {
	s := newXMLStream(r, size, opt)
	l := &Layer{Format: "gpx", CRS: "EPSG:4326"}
	rooted := false
	err := s.each(func(tok xml.Token) error {
		t, ok := tok.(xml.StartElement)
		if !ok {
			return nil
		}
		if !rooted {
			if t.Name.Local != "gpx" {
				return readErr(Place{}, fault(ProblemNotFormat, "GPX", ""), nil)
			}
			rooted = true
			return nil
		}
		if s.depth != 2 {
			return nil
		}
		switch t.Name.Local {
		case "wpt":
			line := s.line()
			n, err := s.element(t)
			if err != nil {
				return err
			}
			p, ok := gpxPoint(t)
			if !ok {
				l.Report.skip(atLine(line), fault(ProblemNoLonLat, "wpt", ""))
				return nil
			}
			props := gpxProps(n, "waypoint")
			for _, k := range []string{"ele", "time", "sym"} {
				if v := n.childText(k); v != "" {
					props[k] = v
				}
			}
			l.Features = append(l.Features, Feature{Geometry: p, Props: props, src: compact(atLine(line))})
		case "rte", "trk":
			return gpxLine(s, t, l)
		default:
			return s.skip()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !rooted {
		return nil, readErr(Place{}, fault(ProblemNotFormat, "GPX", ""), nil)
	}
	return l, nil
}

// gpxLine reads a route or a track (its segments) as it streams, without
// building a tree of its points.
func gpxLine(s *xmlStream, start xml.StartElement, l *Layer) error {
	kind, ptName := "route", "rtept"
	if start.Name.Local == "trk" {
		kind, ptName = "track", "trkpt"
	}
	line := s.line()
	head := &xmlNode{Name: start.Name.Local}
	var ml orb.MultiLineString
	var seg orb.LineString
	points := 0
	endSeg := func() {
		if len(seg) >= 2 {
			ml = append(ml, seg)
		}
		seg = nil
	}
	depth := s.depth
	for s.depth >= depth {
		tok, err := s.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Local == ptName:
				points++
				if p, ok := gpxPoint(t); ok {
					seg = append(seg, p)
				} else {
					l.Report.skip(atLine(s.line()), fault(ProblemNoLonLat, ptName, ""))
				}
				if err := s.skip(); err != nil {
					return err
				}
			case t.Name.Local == "trkseg":
				endSeg()
			case s.depth == depth+1:
				n, err := s.element(t)
				if err != nil {
					return err
				}
				head.Children = append(head.Children, n)
			}
		case xml.EndElement:
			if t.Name.Local == "trkseg" {
				endSeg()
			}
		}
	}
	endSeg()
	props := gpxProps(head, kind)
	switch len(ml) {
	case 0:
		if points > 0 {
			l.Report.skip(atLine(line), &Fault{Problem: ProblemTooFewPoints, Subject: start.Name.Local, N: int64(points), M: 2})
		} else {
			l.Unplaced = append(l.Unplaced, Feature{Props: props})
		}
	case 1:
		l.Features = append(l.Features, Feature{Geometry: ml[0], Props: props, src: compact(atLine(line))})
	default:
		l.Features = append(l.Features, Feature{Geometry: ml, Props: props, src: compact(atLine(line))})
	}
	return nil
}

// gpxPoint reads a point's lat and lon attributes.
func gpxPoint(t xml.StartElement) (orb.Point, bool) {
	var lat, lon string
	for _, a := range t.Attr {
		switch a.Name.Local {
		case "lat":
			lat = strings.TrimSpace(a.Value)
		case "lon":
			lon = strings.TrimSpace(a.Value)
		}
	}
	return parseLonLat(lon, lat)
}

// gpxProps are a waypoint's, route's or track's name and notes.
func gpxProps(n *xmlNode, kind string) map[string]any {
	props := map[string]any{"kind": kind}
	for _, k := range []string{"name", "desc", "cmt", "type"} {
		if v := n.childText(k); v != "" {
			props[k] = v
		}
	}
	return props
}
