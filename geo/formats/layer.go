package formats

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"

	"github.com/paulmach/orb"
)

// Layer is what Plan Atlas read from a file: features in WGS84 lon/lat.
type Layer struct {
	Name     string    // file name without folder
	Path     string    // where it came from
	Format   string    // geojson, kml, kmz, gpx, gpkg, shp
	CRS      string    // the coordinate system the file declared, as it named it
	Fields   []string  // attribute names, in file order
	Features []Feature // in file order
}

// Feature is one feature of a layer.
type Feature struct {
	Geometry orb.Geometry
	Props    map[string]any
}

// Vertices counts the layer's points.
func (l *Layer) Vertices() int {
	n := 0
	for _, f := range l.Features {
		n += countPoints(f.Geometry)
	}
	return n
}

func countPoints(g orb.Geometry) int {
	switch g := g.(type) {
	case orb.Point:
		return 1
	case orb.MultiPoint:
		return len(g)
	case orb.LineString:
		return len(g)
	case orb.Ring:
		return len(g)
	case orb.MultiLineString:
		n := 0
		for _, l := range g {
			n += len(l)
		}
		return n
	case orb.Polygon:
		n := 0
		for _, r := range g {
			n += len(r)
		}
		return n
	case orb.MultiPolygon:
		n := 0
		for _, p := range g {
			n += countPoints(p)
		}
		return n
	case orb.Collection:
		n := 0
		for _, c := range g {
			n += countPoints(c)
		}
		return n
	}
	return 0
}

// Options control reading.
type Options struct {
	// Context cancels a long read.
	Context context.Context
	// Progress, when set, is called now and then with bytes (or features) done and the total.
	Progress func(done, total int64)
	// GCJ02 converts coordinates from GCJ-02 (AMap, Tencent) to WGS84.
	GCJ02 bool
	// MaxBytes refuses larger files (0: 1 GiB).
	MaxBytes int64
}

func (o Options) ctx() context.Context {
	if o.Context == nil {
		return context.Background()
	}
	return o.Context
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return 1 << 30
	}
	return o.MaxBytes
}

// ReadError says what is wrong and where: the file, and a feature, record,
// line or byte offset. Error gives it in English; Message in the planner's
// language.
type ReadError struct {
	File  string
	Where string // "feature 12", "record 3 (byte 1034)", "byte 1034", "line 7", "row 5"; may be empty
	Msg   string // in English
	Zh    string // the same in Chinese; technical detail from a library may stay in English
	Err   error
}

func (e *ReadError) Error() string {
	if e.Where != "" {
		return fmt.Sprintf("%s: %s: %s", e.File, e.Where, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Message says the error in lang ("zh" or "en").
func (e *ReadError) Message(lang string) string {
	if lang != "zh" || e.Zh == "" {
		return e.Error()
	}
	if e.Where != "" {
		return fmt.Sprintf("%s：%s：%s", e.File, whereZh(e.Where), e.Zh)
	}
	return fmt.Sprintf("%s：%s", e.File, e.Zh)
}

var whereForms = []struct {
	re *regexp.Regexp
	zh string
}{
	{regexp.MustCompile(`^record (\d+) \(byte (\d+)\)$`), "第 $1 条记录（第 $2 字节）"},
	{regexp.MustCompile(`^record (\d+)$`), "第 $1 条记录"},
	{regexp.MustCompile(`^feature (\d+)$`), "第 $1 个要素"},
	{regexp.MustCompile(`^byte (\d+)$`), "第 $1 字节"},
	{regexp.MustCompile(`^line (\d+)$`), "第 $1 行"},
	{regexp.MustCompile(`^row (\d+)$`), "第 $1 行数据"},
}

// whereZh says a place in a file ("record 3 (byte 1034)") in Chinese.
func whereZh(w string) string {
	for _, f := range whereForms {
		if f.re.MatchString(w) {
			return f.re.ReplaceAllString(w, f.zh)
		}
	}
	return w
}

// bilingual is an error worded in English and in Chinese.
type bilingual struct{ en, zh string }

func (b bilingual) Error() string { return b.en }

// errBoth makes an error worded in English and in Chinese.
func errBoth(en, zh string) error { return bilingual{en, zh} }

// zhOf says err in Chinese: in its own words when it has them, else the
// summary with the technical detail after it.
func zhOf(err error, summary string) string {
	var b bilingual
	if errors.As(err, &b) {
		return b.zh
	}
	var re *ReadError
	if errors.As(err, &re) && re.Zh != "" {
		return re.Zh
	}
	if summary == "" {
		return err.Error()
	}
	return summary + "（" + err.Error() + "）"
}

func (e *ReadError) Unwrap() error { return e.Err }

// fieldsOf lists the property names of features, in first-seen order.
func fieldsOf(fs []Feature) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range fs {
		keys := make([]string, 0, len(f.Props))
		for k := range f.Props {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}

// transform applies fn to every point of g (in place) and returns it.
func transform(g orb.Geometry, fn func(orb.Point) orb.Point) orb.Geometry {
	switch g := g.(type) {
	case orb.Point:
		return fn(g)
	case orb.MultiPoint:
		for i := range g {
			g[i] = fn(g[i])
		}
	case orb.LineString:
		for i := range g {
			g[i] = fn(g[i])
		}
	case orb.Ring:
		for i := range g {
			g[i] = fn(g[i])
		}
	case orb.MultiLineString:
		for _, l := range g {
			transform(l, fn)
		}
	case orb.Polygon:
		for _, r := range g {
			transform(r, fn)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			transform(p, fn)
		}
	case orb.Collection:
		for i := range g {
			g[i] = transform(g[i], fn)
		}
	}
	return g
}

// checkLonLat rejects coordinates that are not lon/lat after conversion:
// usually a projected file without (or with a wrong) .prj.
func checkLonLat(g orb.Geometry) error {
	b := g.Bound()
	if b.Min[0] < -180 || b.Max[0] > 180 || b.Min[1] < -90 || b.Max[1] > 90 {
		return errBoth(fmt.Sprintf("coordinates %v–%v are not longitude/latitude: the file's coordinate system is missing or not supported", b.Min, b.Max),
			fmt.Sprintf("坐标 %v–%v 不是经纬度：文件缺少坐标系说明（如 .prj），或其坐标系不受支持", b.Min, b.Max))
	}
	return nil
}
