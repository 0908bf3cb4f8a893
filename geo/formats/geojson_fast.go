package formats

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// fastFeatureCollection decodes a FeatureCollection with the coordinates
// parsed by hand: reflection-decoding a million [x, y] arrays is most of the
// cost of opening a large GeoJSON file. Geometry types it does not know go
// through orb's decoder.
func fastFeatureCollection(b []byte) ([]Feature, error) {
	var fc struct {
		Features []featureRaw `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		return nil, jsonError(err)
	}
	return decodeFeatures(fc.Features)
}

// featureRaw is a feature's properties and geometry, undecoded.
type featureRaw struct {
	Properties json.RawMessage `json:"properties"`
	Geometry   json.RawMessage `json:"geometry"`
}

// scanFeatureCollection reads the parts of a valid FeatureCollection by
// hand: its crs and its features, undecoded. ok is false for anything else
// (invalid JSON, another type, features that are not objects): the general
// decoder then reads it, or says what is wrong.
func scanFeatureCollection(b []byte) (crs []byte, fs []featureRaw, ok bool) {
	if !json.Valid(b) {
		return nil, nil, false
	}
	if i := skipWS(b, 0); i >= len(b) || b[i] != '{' {
		return nil, nil, false
	}
	var typ string
	var features []byte
	members(b, func(key string, val []byte) error {
		switch {
		case strings.EqualFold(key, "type"):
			typ, _ = jsonString(val)
		case strings.EqualFold(key, "crs"):
			crs = val
		case strings.EqualFold(key, "features"):
			features = val
		}
		return nil
	})
	if typ != "FeatureCollection" || len(features) == 0 || features[0] != '[' {
		return nil, nil, false
	}
	ok = true
	elements(features, func(i int) int {
		if features[i] != '{' {
			ok = false
		}
		var f featureRaw
		end, _ := membersAt(features, i, func(key string, v []byte) error {
			switch {
			case strings.EqualFold(key, "properties"):
				f.Properties = v
			case strings.EqualFold(key, "geometry"):
				f.Geometry = v
			}
			return nil
		})
		fs = append(fs, f)
		return end
	})
	return crs, fs, ok
}

// decodeFeatures decodes features read from a FeatureCollection; an error
// names the feature.
func decodeFeatures(raws []featureRaw) ([]Feature, error) {
	// In parts on all cores; the error reported is the first feature's.
	out := make([]Feature, len(raws))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(raws)/1024))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := len(raws)*w/workers, len(raws)*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				f, err := decodeFeature(raws[i], i)
				if err != nil {
					errs[w] = err
					return
				}
				out[i] = f
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// decodeFeature decodes feature i (from 0) of a collection.
func decodeFeature(f featureRaw, i int) (Feature, error) {
	if len(f.Geometry) == 0 || string(f.Geometry) == "null" {
		return Feature{}, readErr(atFeature(i+1), fault(ProblemNoGeometry, "", ""), nil)
	}
	g, err := fastGeometry(f.Geometry)
	if err != nil {
		return Feature{}, readErr(atFeature(i+1), asFault(err, ProblemBadGeometry), nil)
	}
	props, err := jsonProperties(f.Properties)
	if err != nil {
		return Feature{}, readErr(atFeature(i+1), fault(ProblemBadProperties, "", err.Error()), nil)
	}
	return Feature{Geometry: g, Props: props}, nil
}

func fastGeometry(raw json.RawMessage) (orb.Geometry, error) {
	// The members json.Unmarshal would match to these fields (it matches
	// names without regard to case, the last one winning).
	var g struct {
		Type        string
		Coordinates []byte
	}
	err := members(raw, func(key string, val []byte) error {
		switch {
		case strings.EqualFold(key, "type"):
			t, err := jsonString(val)
			if err != nil {
				return fmt.Errorf("geometry type: %v", err)
			}
			g.Type = t
		case strings.EqualFold(key, "coordinates"):
			g.Coordinates = val
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	p := &coordParser{b: g.Coordinates}
	var geom orb.Geometry
	switch g.Type {
	case "Point":
		var pt orb.Point
		pt, err = p.point()
		geom = pt
	case "LineString":
		var ls []orb.Point
		ls, err = p.points()
		geom = orb.LineString(ls)
		if err == nil && len(ls) < 2 {
			err = fmt.Errorf("LineString with %d positions", len(ls))
		}
	case "MultiPoint":
		var ps []orb.Point
		ps, err = p.points()
		geom = orb.MultiPoint(ps)
	case "Polygon":
		var rings [][]orb.Point
		rings, err = p.lists()
		pg := make(orb.Polygon, len(rings))
		for i, r := range rings {
			pg[i] = r
		}
		geom = pg
	case "MultiLineString":
		var lines [][]orb.Point
		lines, err = p.lists()
		ml := make(orb.MultiLineString, len(lines))
		for i, l := range lines {
			ml[i] = l
		}
		geom = ml
	default: // MultiPolygon, GeometryCollection: the general decoder
		og, gerr := geojson.UnmarshalGeometry(raw)
		if gerr != nil {
			return nil, gerr
		}
		return og.Geometry(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", g.Type, err)
	}
	return geom, nil
}

// coordParser reads nested JSON arrays of numbers.
type coordParser struct {
	b []byte
	i int
}

func (p *coordParser) ws() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\n' || p.b[p.i] == '\r' || p.b[p.i] == '\t') {
		p.i++
	}
}

func (p *coordParser) expect(c byte) error {
	p.ws()
	if p.i >= len(p.b) || p.b[p.i] != c {
		return fmt.Errorf("expected %q at coordinate byte %d", c, p.i)
	}
	p.i++
	return nil
}

func (p *coordParser) peek() byte {
	p.ws()
	if p.i >= len(p.b) {
		return 0
	}
	return p.b[p.i]
}

func (p *coordParser) number() (float64, error) {
	p.ws()
	s := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		if (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			p.i++
			continue
		}
		break
	}
	return strconv.ParseFloat(string(p.b[s:p.i]), 64)
}

// point reads [x, y, …] (extra ordinates dropped).
func (p *coordParser) point() (orb.Point, error) {
	if err := p.expect('['); err != nil {
		return orb.Point{}, err
	}
	x, err := p.number()
	if err != nil {
		return orb.Point{}, err
	}
	if err := p.expect(','); err != nil {
		return orb.Point{}, err
	}
	y, err := p.number()
	if err != nil {
		return orb.Point{}, err
	}
	for p.peek() == ',' {
		p.i++
		if _, err := p.number(); err != nil {
			return orb.Point{}, err
		}
	}
	return orb.Point{x, y}, p.expect(']')
}

// list reads "[item, item, …]" with item reading one element.
func list[T any](p *coordParser, item func() (T, error)) ([]T, error) {
	if err := p.expect('['); err != nil {
		return nil, err
	}
	var out []T
	if p.peek() == ']' {
		p.i++
		return out, nil
	}
	for {
		v, err := item()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		switch p.peek() {
		case ',':
			p.i++
		case ']':
			p.i++
			return out, nil
		default:
			return nil, fmt.Errorf("expected , or ] at coordinate byte %d", p.i)
		}
	}
}

func (p *coordParser) points() ([]orb.Point, error) { return list(p, p.point) }

func (p *coordParser) lists() ([][]orb.Point, error) { return list(p, p.points) }
