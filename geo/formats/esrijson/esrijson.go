package esrijson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/paulmach/orb"
	"github.com/planatlas/planatlas/geo/crs"
	"github.com/planatlas/planatlas/geo/formats/internal/jsonscan"
	"github.com/planatlas/planatlas/geo/formats/shp"
	"github.com/planatlas/planatlas/geo/layer"
)

// looksEsri says whether a JSON document is Esri JSON (an ArcGIS REST
// service's answer or a file saved from one) rather than GeoJSON: it names
// a geometryType or spatialReference near its start and is no GeoJSON
// FeatureCollection.
func Looks(b []byte) bool {
	head := b[:min(len(b), 64<<10)]
	if bytes.Contains(head, []byte(`"FeatureCollection"`)) {
		return false
	}
	return bytes.Contains(head, []byte(`"geometryType"`)) || bytes.Contains(head, []byte(`"spatialReference"`)) ||
		(bytes.Contains(head, []byte(`"attributes"`)) && !bytes.Contains(head, []byte(`"properties"`)))
}

// esriFeatureSet is a FeatureSet of the ArcGIS REST API.
type esriFeatureSet struct {
	GeometryType     string
	SpatialReference *esriSR
	Features         []struct {
		Attributes map[string]any
		Geometry   json.RawMessage
	}
	Error *struct {
		Code    int
		Message string
	}
}

type esriSR struct {
	Wkid, LatestWkid int
	Wkt              string
}

// esriGeometry is any of the REST API's geometries: a point (x, y),
// multipoint (points), polyline (paths) or polygon (rings).
type esriGeometry struct {
	X, Y   *float64
	Points [][]float64
	Paths  [][][]float64
	Rings  [][][]float64
}

// decodeEsriJSON reads the features of an Esri JSON FeatureSet: attributes
// as properties, geometry converted as its spatialReference (wkid or
// latestWkid, or WKT) says. Polygon rings follow Esri's rule (outer rings
// clockwise), as a shapefile's do.
func Decode(b []byte, opt layer.Options) (*layer.Layer, error) {
	var fs esriFeatureSet
	if err := json.Unmarshal(b, &fs); err != nil {
		return nil, jsonscan.Error(err)
	}
	if fs.Error != nil {
		return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemInvalid, "Esri JSON", fmt.Sprintf("%d %s", fs.Error.Code, fs.Error.Message)), nil)
	}
	l := &layer.Layer{Format: "esrijson", CRS: "EPSG:4326"}
	sys := crs.CRS{Name: "EPSG:4326"}
	if sr := fs.SpatialReference; sr != nil {
		var err error
		switch {
		case sr.LatestWkid != 0:
			sys, err = crs.FromEPSG(sr.LatestWkid)
		case sr.Wkid != 0:
			sys, err = crs.FromEPSG(sr.Wkid)
		case sr.Wkt != "":
			sys, err = crs.FromWKT(sr.Wkt)
		}
		if err != nil {
			return nil, layer.NewReadError(layer.Place{}, layer.AsFault(err, layer.ProblemUnsupportedCRS), nil)
		}
		l.CRS = sys.Name
	}
	ctx := opt.Ctx()
	for i, f := range fs.Features {
		if i&4095 == 4095 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		props := f.Attributes
		if props == nil {
			props = map[string]any{}
		}
		feat := layer.Feature{Props: props, Src: layer.At(layer.FeaturePlace(i + 1))}
		if len(f.Geometry) == 0 || string(f.Geometry) == "null" {
			l.Unplaced = append(l.Unplaced, feat)
			continue
		}
		var eg esriGeometry
		if err := json.Unmarshal(f.Geometry, &eg); err != nil {
			l.Report.Skip(feat.Src.Place(), layer.NewFault(layer.ProblemBadGeometry, "", err.Error()))
			continue
		}
		g, err := eg.geometry()
		if err != nil {
			l.Report.Skip(feat.Src.Place(), layer.AsFault(err, layer.ProblemBadGeometry))
			continue
		}
		if g == nil {
			l.Unplaced = append(l.Unplaced, feat)
			continue
		}
		feat.Geometry = g
		l.Features = append(l.Features, feat)
	}
	l.ToLonLat(0, sys, opt)
	return l, nil
}

// geometry converts an Esri geometry (nil for an empty one).
func (e esriGeometry) geometry() (orb.Geometry, error) {
	pts := func(in [][]float64) ([]orb.Point, error) {
		out := make([]orb.Point, 0, len(in))
		for _, c := range in {
			if len(c) < 2 {
				return nil, layer.NewFault(layer.ProblemBadCoordinate, strings.Trim(fmt.Sprint(c), "[]"), "")
			}
			out = append(out, orb.Point{c[0], c[1]})
		}
		return out, nil
	}
	switch {
	case e.X != nil && e.Y != nil:
		if math.IsNaN(*e.X) || math.IsNaN(*e.Y) {
			return nil, nil
		}
		return orb.Point{*e.X, *e.Y}, nil
	case e.Points != nil:
		p, err := pts(e.Points)
		if err != nil || len(p) == 0 {
			return nil, err
		}
		return orb.MultiPoint(p), nil
	case e.Paths != nil:
		var ml orb.MultiLineString
		for _, path := range e.Paths {
			p, err := pts(path)
			if err != nil {
				return nil, err
			}
			if len(p) >= 2 {
				ml = append(ml, p)
			}
		}
		switch len(ml) {
		case 0:
			return nil, nil
		case 1:
			return ml[0], nil
		}
		return ml, nil
	case e.Rings != nil:
		var parts [][]orb.Point
		for _, ring := range e.Rings {
			p, err := pts(ring)
			if err != nil {
				return nil, err
			}
			parts = append(parts, p)
		}
		if len(parts) == 0 {
			return nil, nil
		}
		return shp.Polygons(parts)
	}
	return nil, nil
}
