package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/planatlas/planatlas/geo/crs"
	"github.com/planatlas/planatlas/geo/formats/esrijson"
	"github.com/planatlas/planatlas/geo/formats/internal/jsonscan"
	"github.com/planatlas/planatlas/geo/layer"
)

// Parse reads GeoJSON (or Esri JSON); see DecodeJSON.
func Parse(b []byte) (*layer.Layer, error) { return Decode(b, layer.Options{}) }

// Decode reads a GeoJSON FeatureCollection, Feature or bare geometry,
// or the Esri JSON of an ArcGIS REST service (see decodeEsriJSON). A
// byte-order mark is skipped. A syntax error names its byte offset; a
// feature with a null geometry is kept attribute-only, and one with a bad
// geometry is left out and reported, naming the feature. The context is
// looked at as it goes.
func Decode(b []byte, opt layer.Options) (*layer.Layer, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if esrijson.Looks(b) {
		return esrijson.Decode(b, opt)
	}
	var probe struct {
		Type string          `json:"type"`
		CRS  json.RawMessage `json:"crs"`
	}
	// A FeatureCollection (nearly every file) is read by hand; the rest,
	// and every error, by encoding/json.
	crsRaw, raws, fast, err := scanFeatureCollection(b, opt)
	if err != nil {
		return nil, err
	}
	if fast {
		probe.Type, probe.CRS = "FeatureCollection", crsRaw
	} else if err := json.Unmarshal(b, &probe); err != nil {
		if raws, ok := geojsonSeq(b); ok {
			return decodeSeq(raws, opt)
		}
		jerr := jsonscan.Error(err)
		var re *layer.ReadError
		if errors.As(jerr, &re) && re.Problem == layer.ProblemTruncated {
			// A file cut off (a download or copy that did not finish)
			// keeps the features that came whole before the cut.
			if sys, raws, ok := wholeFeatures(b); ok {
				l, err := decodeCut(sys, raws, opt)
				if err == nil {
					l.Report.Warn(&layer.Fault{Problem: layer.ProblemTruncated, Subject: "GeoJSON", N: int64(len(raws))})
				}
				return l, err
			}
		}
		return nil, jerr
	}
	l := &layer.Layer{Format: "geojson", CRS: "EPSG:4326"}
	conv, err := geojsonCRS(probe.CRS)
	if err != nil {
		return nil, err
	}
	if conv.Name != "" {
		l.CRS = conv.Name
	}
	switch probe.Type {
	case "FeatureCollection":
		if !fast {
			var fc struct {
				Features []featureRaw `json:"features"`
			}
			if err := json.Unmarshal(b, &fc); err != nil {
				return nil, jsonscan.Error(err)
			}
			raws = fc.Features
		}
		if err := decodeFeatures(raws, l, opt); err != nil {
			return nil, err
		}
	case "Feature":
		var raw featureRaw
		if err := json.Unmarshal(b, &raw); err != nil {
			return nil, jsonscan.Error(err)
		}
		if err := decodeFeatures([]featureRaw{raw}, l, opt); err != nil {
			return nil, err
		}
	case "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection":
		if err := decodeFeatures([]featureRaw{{Geometry: b}}, l, opt); err != nil {
			return nil, err
		}
	default:
		return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemNotFormat, "GeoJSON", probe.Type), nil)
	}
	l.ToLonLat(0, conv, opt)
	return l, nil
}

// wholeFeatures reads a FeatureCollection that ends early, member by
// member and feature by feature, up to the cut: its crs and the features
// that came whole. ok is false unless it is a FeatureCollection with at
// least one whole feature.
func wholeFeatures(b []byte) (sys json.RawMessage, raws []featureRaw, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, nil, false
	}
	typ := ""
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			break
		}
		key, _ := t.(string)
		switch {
		case strings.EqualFold(key, "type"):
			if dec.Decode(&typ) != nil {
				break
			}
			continue
		case strings.EqualFold(key, "crs"):
			if dec.Decode(&sys) != nil {
				break
			}
			continue
		case strings.EqualFold(key, "features"):
			if t, err := dec.Token(); err != nil || t != json.Delim('[') {
				break
			}
			for dec.More() {
				var f featureRaw
				if dec.Decode(&f) != nil {
					break
				}
				raws = append(raws, f)
			}
			if _, err := dec.Token(); err != nil { // the array's end, or the cut
				break
			}
			continue
		default:
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				break
			}
			continue
		}
		break
	}
	return sys, raws, typ == "FeatureCollection" && len(raws) > 0
}

// decodeCut decodes the whole features of a FeatureCollection that was
// cut off, as DecodeJSON decodes a whole one.
func decodeCut(crsRaw json.RawMessage, raws []featureRaw, opt layer.Options) (*layer.Layer, error) {
	l := &layer.Layer{Format: "geojson", CRS: "EPSG:4326"}
	conv, err := geojsonCRS(crsRaw)
	if err != nil {
		return nil, err
	}
	if conv.Name != "" {
		l.CRS = conv.Name
	}
	if err := decodeFeatures(raws, l, opt); err != nil {
		return nil, err
	}
	l.ToLonLat(0, conv, opt)
	return l, nil
}

// geojsonSeq splits newline-delimited GeoJSON (GeoJSONSeq, RFC 8142, and
// "GeoJSONL"), one feature per line or per record separator, as GDAL and
// tippecanoe write it; ok is false unless every record is a JSON object.
func geojsonSeq(b []byte) ([]featureRaw, bool) {
	var raws []featureRaw
	for _, rec := range bytes.FieldsFunc(b, func(r rune) bool { return r == '\n' || r == 0x1E }) {
		rec = bytes.TrimSpace(rec)
		if len(rec) == 0 {
			continue
		}
		if rec[0] != '{' || !json.Valid(rec) {
			return nil, false
		}
		var f featureRaw
		if json.Unmarshal(rec, &f) != nil {
			return nil, false
		}
		raws = append(raws, f)
	}
	return raws, len(raws) > 1
}

// decodeSeq reads the features of a GeoJSON sequence (lon/lat, RFC 8142).
func decodeSeq(raws []featureRaw, opt layer.Options) (*layer.Layer, error) {
	l := &layer.Layer{Format: "geojsonseq", CRS: "EPSG:4326"}
	if err := decodeFeatures(raws, l, opt); err != nil {
		return nil, err
	}
	l.ToLonLat(0, crs.CRS{Name: l.CRS}, opt)
	return l, nil
}

// geojsonCRS reads the crs member GeoJSON files had before RFC 7946: by
// name ("urn:ogc:def:crs:EPSG::4545", "EPSG:4545", CRS84) or in the old
// form {"type": "EPSG", "properties": {"code": 4547}}. None, or a link,
// means lon/lat.
func geojsonCRS(raw json.RawMessage) (crs.CRS, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return crs.CRS{}, nil
	}
	var c struct {
		Properties struct {
			Name string `json:"name"`
			Code any    `json:"code"`
		} `json:"properties"`
	}
	json.Unmarshal(raw, &c)
	name, code := c.Properties.Name, -1
	switch v := c.Properties.Code.(type) {
	case float64:
		code, name = int(v), fmt.Sprintf("EPSG:%d", int(v))
	case string:
		name = "EPSG:" + v
		code = epsgFromURN(name)
	}
	if name == "" {
		return crs.CRS{}, nil
	}
	if code == -1 {
		code = epsgFromURN(name)
	}
	if code == -1 {
		return crs.CRS{}, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemUnsupportedCRS, name, ""), nil)
	}
	conv, err := crs.FromEPSG(code)
	if err != nil {
		return crs.CRS{}, layer.NewReadError(layer.Place{}, layer.AsFault(err, layer.ProblemUnsupportedCRS), nil)
	}
	return conv, nil // named "EPSG:4545", not by its URN
}

// epsgFromURN reads "urn:ogc:def:crs:EPSG::4545", "EPSG:4545" or
// "urn:ogc:def:crs:OGC:1.3:CRS84"; -1 when it is none of them.
func epsgFromURN(s string) int {
	if s == "urn:ogc:def:crs:OGC:1.3:CRS84" || s == "urn:ogc:def:crs:OGC::CRS84" || s == "CRS84" {
		return 4326
	}
	var code int
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ':' {
			if _, err := fmt.Sscanf(s[i+1:], "%d", &code); err == nil {
				return code
			}
			break
		}
	}
	return -1
}
