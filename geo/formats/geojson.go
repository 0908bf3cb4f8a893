package formats

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/paulmach/orb/geojson"
)

// ParseGeoJSON reads a FeatureCollection, a Feature or a bare geometry.
// A syntax error names its byte offset; a feature without geometry or with
// a bad one names the feature.
func ParseGeoJSON(b []byte) (*Layer, error) {
	var probe struct {
		Type string          `json:"type"`
		CRS  json.RawMessage `json:"crs"`
	}
	// A FeatureCollection (nearly every file) is read by hand; the rest,
	// and every error, by encoding/json.
	crsRaw, raws, fast := scanFeatureCollection(b)
	if fast {
		probe.Type, probe.CRS = "FeatureCollection", crsRaw
	} else if err := json.Unmarshal(b, &probe); err != nil {
		return nil, jsonError(err)
	}
	l := &Layer{Format: "geojson", CRS: "EPSG:4326"}
	var conv CRS
	if len(probe.CRS) > 0 {
		var c struct {
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
		}
		json.Unmarshal(probe.CRS, &c)
		if c.Properties.Name != "" {
			code := epsgFromURN(c.Properties.Name)
			var err error
			if conv, err = CRSFromEPSG(code); err != nil {
				if code == -1 {
					err = fault(ProblemUnsupportedCRS, c.Properties.Name, "")
				}
				return nil, readErr(Place{}, asFault(err, ProblemUnsupportedCRS), nil)
			}
			l.CRS = c.Properties.Name
		}
	}
	switch probe.Type {
	case "FeatureCollection":
		var fs []Feature
		var err error
		if fast {
			fs, err = decodeFeatures(raws)
		} else {
			fs, err = fastFeatureCollection(b)
		}
		if err != nil {
			return nil, err
		}
		l.Features = fs
	case "Feature":
		f, err := geojson.UnmarshalFeature(b)
		if err != nil {
			return nil, jsonError(err)
		}
		if f.Geometry == nil {
			return nil, readErr(atFeature(1), fault(ProblemNoGeometry, "", ""), nil)
		}
		l.Features = []Feature{{Geometry: f.Geometry, Props: map[string]any(f.Properties)}}
	case "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection":
		g, err := geojson.UnmarshalGeometry(b)
		if err != nil {
			return nil, jsonError(err)
		}
		l.Features = []Feature{{Geometry: g.Geometry(), Props: map[string]any{}}}
	default:
		return nil, readErr(Place{}, fault(ProblemNotFormat, "GeoJSON", probe.Type), nil)
	}
	if conv.ToLonLat != nil {
		for i := range l.Features {
			l.Features[i].Geometry = transform(l.Features[i].Geometry, conv.ToLonLat)
		}
	}
	return l, nil
}

// epsgFromURN reads "urn:ogc:def:crs:EPSG::4545", "EPSG:4545" or
// "urn:ogc:def:crs:OGC:1.3:CRS84"; -1 when it is none of them.
func epsgFromURN(s string) int {
	if s == "urn:ogc:def:crs:OGC:1.3:CRS84" || s == "urn:ogc:def:crs:OGC::CRS84" {
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

// jsonError names the byte offset of a JSON syntax error.
func jsonError(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) && se.Offset > 0 && se.Error() == "unexpected end of JSON input" {
		return readErr(atByte(se.Offset), fault(ProblemTruncated, "JSON", ""), err)
	}
	if errors.As(err, &se) {
		return readErr(atByte(se.Offset), fault(ProblemMalformed, "JSON", se.Error()), err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return readErr(atByte(te.Offset), fault(ProblemFieldType, te.Field, te.Value), err)
	}
	if err.Error() == "unexpected end of JSON input" {
		return readErr(Place{}, fault(ProblemTruncated, "JSON", ""), err)
	}
	return readErr(Place{}, fault(ProblemInvalid, "GeoJSON", err.Error()), err)
}
