package geojson

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/formats/internal/jsonscan"
	"github.com/planatlas/planatlas/geo/guard"
	"github.com/planatlas/planatlas/geo/layer"
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
func scanFeatureCollection(b []byte, opt layer.Options) (sys []byte, fs []featureRaw, ok bool, err error) {
	if valid, err := validJSON(b, opt); err != nil || !valid {
		return nil, nil, false, err
	}
	if i := jsonscan.SkipWS(b, 0); i >= len(b) || b[i] != '{' {
		return nil, nil, false, nil
	}
	var typ string
	var features []byte
	jsonscan.Members(b, func(key string, val []byte) error {
		switch {
		case strings.EqualFold(key, "type"):
			typ, _ = jsonscan.String(val)
		case strings.EqualFold(key, "crs"):
			sys = val
		case strings.EqualFold(key, "features"):
			features = val
		}
		return nil
	})
	if typ != "FeatureCollection" || len(features) == 0 || features[0] != '[' {
		return nil, nil, false, nil
	}
	ok = true
	ctx := opt.Ctx()
	jsonscan.Elements(features, func(i int) int {
		if features[i] != '{' {
			ok = false
		}
		if len(fs)&4095 == 4095 && ctx.Err() != nil {
			return len(features) // stop: the error is returned below
		}
		var f featureRaw
		end, _ := jsonscan.MembersAt(features, i, func(key string, v []byte) error {
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
	return sys, fs, ok, nil
}

// validJSON is json.Valid, which cannot be interrupted: on a large file
// it runs aside, and a cancelled read returns at once (the check finishes
// on its own within a second and is dropped).
func validJSON(b []byte, opt layer.Options) (bool, error) {
	ctx := opt.Ctx()
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
func decodeFeatures(raws []featureRaw, l *layer.Layer, opt layer.Options) error {
	out := make([]layer.Feature, len(raws))
	faults := make([]*layer.Fault, len(raws))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(raws)/1024))
	ctx := opt.Ctx()
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
				out[i], faults[i] = safeDecodeFeature(raws[i], i, opt.WorkerFault)
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
			l.Report.Skip(layer.FeaturePlace(i+1), faults[i])
		case f.Geometry == nil:
			l.Unplaced = append(l.Unplaced, f)
		default:
			l.Features = append(l.Features, f)
		}
	}
	return nil
}

// safeDecodeFeature is decodeFeature on a worker: a fault in the decoder
// on one feature's bytes reports that feature, it never ends the process
// (a recover in Open cannot reach a worker's goroutine).
func safeDecodeFeature(f featureRaw, i int, before func(int)) (out layer.Feature, flt *layer.Fault) {
	if err := guard.Run(func() {
		if before != nil {
			before(i)
		}
		out, flt = decodeFeature(f, i)
	}); err != nil {
		return layer.Feature{}, &layer.Fault{Problem: layer.ProblemReaderFault, Detail: err.Error()}
	}
	return out, flt
}

// decodeFeature decodes feature i (from 0) of a collection: a null or
// empty geometry gives a feature without one.
func decodeFeature(f featureRaw, i int) (layer.Feature, *layer.Fault) {
	props, err := jsonscan.Properties(f.Properties)
	if err != nil {
		return layer.Feature{}, layer.NewFault(layer.ProblemBadProperties, "", err.Error())
	}
	out := layer.Feature{Props: props, Src: layer.At(layer.FeaturePlace(i + 1))}
	if len(f.Geometry) == 0 || string(f.Geometry) == "null" {
		return out, nil
	}
	g, err := fastGeometry(f.Geometry)
	if err != nil {
		return layer.Feature{}, layer.AsFault(err, layer.ProblemBadGeometry)
	}
	if g != nil && layer.CountPoints(g) > 0 {
		out.Geometry = g
	}
	return out, nil
}

// maxCollectionDepth bounds how deeply GeometryCollections may nest: a
// file of a million "[" must not exhaust the stack.
const maxCollectionDepth = 32

// fastGeometry reads a GeoJSON geometry object. Every type is read here,
// not by orb/geojson, whose GeometryCollection dereferences null members
// (a nil-pointer panic on {"geometries":[null]}, a file GDAL's own tests
// carry): null members of a collection are left out, and a collection
// with nothing left is an empty geometry (nil, nil).
func fastGeometry(raw json.RawMessage) (orb.Geometry, error) {
	return geometryAt(raw, 0)
}

func geometryAt(raw []byte, depth int) (orb.Geometry, error) {
	// The members json.Unmarshal would match to these fields (it matches
	// names without regard to case, the last one winning).
	var g struct {
		Type        string
		Coordinates []byte
		Geometries  []byte
	}
	err := jsonscan.Members(raw, func(key string, val []byte) error {
		switch {
		case strings.EqualFold(key, "type"):
			t, err := jsonscan.String(val)
			if err != nil {
				return fmt.Errorf("geometry type: %v", err)
			}
			g.Type = t
		case strings.EqualFold(key, "coordinates"):
			g.Coordinates = val
		case strings.EqualFold(key, "geometries"):
			g.Geometries = val
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if g.Type == "GeometryCollection" {
		return collectionAt(g.Geometries, depth)
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
		geom = polygonOf(rings)
	case "MultiLineString":
		var lines [][]orb.Point
		lines, err = p.lists()
		ml := make(orb.MultiLineString, len(lines))
		for i, l := range lines {
			ml[i] = l
		}
		geom = ml
	case "MultiPolygon":
		var polys [][][]orb.Point
		polys, err = list(p, p.lists)
		mp := make(orb.MultiPolygon, len(polys))
		for i, rings := range polys {
			mp[i] = polygonOf(rings)
		}
		geom = mp
	case "":
		return nil, fmt.Errorf("geometry without a type")
	default:
		return nil, fmt.Errorf("unknown geometry type %q", g.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", g.Type, err)
	}
	return geom, nil
}

// collectionAt reads the geometries array of a GeometryCollection: null
// and empty members are left out, a bad member makes the whole collection
// bad (it is one feature's geometry), and nesting deeper than
// maxCollectionDepth is refused.
func collectionAt(raw []byte, depth int) (orb.Geometry, error) {
	if depth >= maxCollectionDepth {
		return nil, fmt.Errorf("GeometryCollection nested over %d deep", maxCollectionDepth)
	}
	var c orb.Collection
	var err error
	n, bad := 0, 0
	jsonscan.Elements(raw, func(i int) int {
		end := jsonscan.SkipValue(raw, i)
		if n++; err != nil {
			return end
		}
		v := raw[i:end]
		if string(v) == "null" {
			return end
		}
		var m orb.Geometry
		if m, err = geometryAt(v, depth+1); err == nil && m != nil && layer.CountPoints(m) > 0 {
			c = append(c, m)
		} else if err != nil {
			bad = n
		}
		return end
	})
	if err != nil {
		return nil, fmt.Errorf("GeometryCollection member %d: %v", bad, err)
	}
	if len(c) == 0 {
		return nil, nil
	}
	return c, nil
}

func polygonOf(rings [][]orb.Point) orb.Polygon {
	pg := make(orb.Polygon, len(rings))
	for i, r := range rings {
		pg[i] = r
	}
	return pg
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
