package gpx

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"github.com/paulmach/orb"
	"github.com/planatlas/planatlas/geo/formats/internal/xmlstream"
	"github.com/planatlas/planatlas/geo/layer"
)

// Parse reads a GPX file; see DecodeGPX.
func Parse(b []byte) (*layer.Layer, error) {
	return Decode(bytes.NewReader(b), int64(len(b)), layer.Options{})
}

// Decode reads the waypoints (points), routes and tracks (lines) of a
// GPX file as a stream, in time linear in its size. A point without a
// valid lat/lon is left out and reported; the rest open.
func Decode(r io.Reader, size int64, opt layer.Options) (*layer.Layer, error) {
	s := xmlstream.New(r, size, opt)
	l := &layer.Layer{Format: "gpx", CRS: "EPSG:4326"}
	rooted := false
	err := s.Each(func(tok xml.Token) error {
		t, ok := tok.(xml.StartElement)
		if !ok {
			return nil
		}
		if !rooted {
			if t.Name.Local != "gpx" {
				return layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemNotFormat, "GPX", ""), nil)
			}
			rooted = true
			return nil
		}
		if s.Depth() != 2 {
			return nil
		}
		switch t.Name.Local {
		case "wpt":
			line := s.Line()
			n, err := s.Element(t)
			if err != nil {
				return err
			}
			p, ok := gpxPoint(t)
			if !ok {
				l.Report.Skip(layer.LinePlace(line), layer.NewFault(layer.ProblemNoLonLat, "wpt", ""))
				return nil
			}
			props := gpxProps(n, "waypoint")
			for _, k := range []string{"ele", "time", "sym"} {
				if v := n.ChildText(k); v != "" {
					props[k] = v
				}
			}
			l.Features = append(l.Features, layer.Feature{Geometry: p, Props: props, Src: layer.At(layer.LinePlace(line))})
		case "rte", "trk":
			return gpxLine(s, t, l)
		default:
			return s.Skip()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !rooted {
		return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemNotFormat, "GPX", ""), nil)
	}
	return l, nil
}

// gpxLine reads a route or a track (its segments) as it streams, without
// building a tree of its points.
func gpxLine(s *xmlstream.Stream, start xml.StartElement, l *layer.Layer) error {
	kind, ptName := "route", "rtept"
	if start.Name.Local == "trk" {
		kind, ptName = "track", "trkpt"
	}
	line := s.Line()
	head := &xmlstream.Node{Name: start.Name.Local}
	var ml orb.MultiLineString
	var seg orb.LineString
	points := 0
	endSeg := func() {
		if len(seg) >= 2 {
			ml = append(ml, seg)
		}
		seg = nil
	}
	depth := s.Depth()
	for s.Depth() >= depth {
		tok, err := s.Next()
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
					l.Report.Skip(layer.LinePlace(s.Line()), layer.NewFault(layer.ProblemNoLonLat, ptName, ""))
				}
				if err := s.Skip(); err != nil {
					return err
				}
			case t.Name.Local == "trkseg":
				endSeg()
			case s.Depth() == depth+1:
				n, err := s.Element(t)
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
			l.Report.Skip(layer.LinePlace(line), &layer.Fault{Problem: layer.ProblemTooFewPoints, Subject: start.Name.Local, N: int64(points), M: 2})
		} else {
			l.Unplaced = append(l.Unplaced, layer.Feature{Props: props})
		}
	case 1:
		l.Features = append(l.Features, layer.Feature{Geometry: ml[0], Props: props, Src: layer.At(layer.LinePlace(line))})
	default:
		l.Features = append(l.Features, layer.Feature{Geometry: ml, Props: props, Src: layer.At(layer.LinePlace(line))})
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
	return xmlstream.LonLat(lon, lat)
}

// gpxProps are a waypoint's, route's or track's name and notes.
func gpxProps(n *xmlstream.Node, kind string) map[string]any {
	props := map[string]any{"kind": kind}
	for _, k := range []string{"name", "desc", "cmt", "type"} {
		if v := n.ChildText(k); v != "" {
			props[k] = v
		}
	}
	return props
}
