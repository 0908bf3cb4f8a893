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

// featureRaw is a feature's properties and geometry, undecoded.
type featureRaw struct {
	Properties json.RawMessage `json:"properties"`
	Geometry   json.RawMessage `json:"geometry"`
}

// scanFeatureCollection reads the parts of a valid FeatureCollection by
// hand: its crs and its features, undecoded. ok is false for anything else
// (invalid JSON, another type, features that are not objects): the general
// decoder then reads it, or says what is wrong. err is the context's.
func scanFeatureCollection(b []byte, opt Options) (crs []byte, fs []featureRaw, ok bool, err error) {
	if valid, err := validJSON(b, opt); err != nil || !valid {
		return nil, nil, false, err
	}
	if i := skipWS(b, 0); i >= len(b) || b[i] != '{' {
		return nil, nil, false, nil
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
		return nil, nil, false, nil
	}
	ok = true
	ctx := opt.ctx()
	elements(features, func(i int) int {
		if features[i] != '{' {
			ok = false
		}
		if len(fs)&4095 == 4095 && ctx.Err() != nil {
			return len(features) // stop: the error is returned below
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
	if err := ctx.Err(); err != nil {
		return nil, nil, false, err
	}
	return crs, fs, ok, nil
}

// validJSON is json.Valid, which cannot be interrupted: on a large file
// it runs aside, and a cancelled read returns at once (the check finishes
// on its own within a second and is dropped).
func validJSON(b []byte, opt Options) (bool, error) {
	ctx := opt.ctx()
	if len(b) < 4<<20 {
		return json.Valid(b), ctx.Err()
	}
	done := make(chan bool, 1)
	go func() { done <- json.Valid(b) }()
	select {
	case v := <-done:
		return v, nil
	case <-ctx.Done():
		return false, ctx.Err()
	}
}

// decodeFeatures decodes features read from a FeatureCollection into l, on
// all cores: a null geometry makes an attribute-only record, a bad one is
// left out and reported, naming the feature.
func decodeFeatures(raws []featureRaw, l *Layer, opt Options) error {
	out := make([]Feature, len(raws))
	faults := make([]*Fault, len(raws))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(raws)/1024))
	ctx := opt.ctx()
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := len(raws)*w/workers, len(raws)*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				if (i-lo)&1023 == 1023 && ctx.Err() != nil {
					return
				}
				out[i], faults[i] = decodeFeature(raws[i], i)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	l.Features = out[:0]
	for i, f := range out {
		switch {
		case faults[i] != nil:
			l.Report.skip(atFeature(i+1), faults[i])
		case f.Geometry == nil:
			l.Unplaced = append(l.Unplaced, f)
		default:
			l.Features = append(l.Features, f)
		}
	}
	return nil
}

// decodeFeature decodes feature i (from 0) of a collection: a null or
// empty geometry gives a feature without one.
func decodeFeature(f featureRaw, i int) (Feature, *Fault) {
	props, err := jsonProperties(f.Properties)
	if err != nil {
		return Feature{}, fault(ProblemBadProperties, "", err.Error())
	}
	out := Feature{Props: props, src: compact(atFeature(i + 1))}
	if len(f.Geometry) == 0 || string(f.Geometry) == "null" {
		return out, nil
	}
	g, err := fastGeometry(f.Geometry)
	if err != nil {
		return Feature{}, asFault(err, ProblemBadGeometry)
	}
	if g != nil && countPoints(g) > 0 {
		out.Geometry = g
	}
	return out, nil
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
	if p.peek() == '[' {
		if p.i++; p.peek() == ']' {
			return nil, nil // "coordinates": []: an empty geometry
		}
		p.i = 0
	}
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
