package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/formats"
	"github.com/planatlas/planatlas/geo/layer"
)

// runInfo reads files as the app's Open layer does and says what it made
// of each, as ogrinfo does for GDAL: format, coordinate system, text
// encoding, features by kind, records without geometry, and the read
// report. A file that cannot be opened is named on standard error and the
// exit code is 1; the others are still read.
func runInfo(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("info", stderr)
	lang := fs.String("lang", "zh", "language of the report: zh or en")
	gcj := fs.Bool("gcj02", false, "the coordinates are GCJ-02 (AMap, Tencent): convert to WGS84")
	timeout := fs.Duration("timeout", 0, "give up on a file after this long (e.g. 30s; default: never)")
	epsg := fs.Int("epsg", 0, "the coordinate system of a file that names none (a DXF drawing), by EPSG code; default: guessed from its numbers")
	planFile := fs.String("plan", "", "the plan package `FILE` whose area places a drawing's eastings written without their zone (default: the built-in plan)")
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, "usage: planatlas info [flags] FILE...")
		printUsage(fs, stdout)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "planatlas: info: %v\n", err)
		return ExitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "planatlas: info: name a file to read")
		return ExitUsage
	}
	// Eastings without their zone number lie in the zone of the plan's
	// area, as in the app; the plan is read only when a drawing needs it.
	var near *orb.Point
	nearOf := func() orb.Point {
		if near == nil {
			near = &orb.Point{}
			if p, _ := loadPlan(*planFile, io.Discard); p != nil {
				*near = p.Bound().Center()
			}
		}
		return *near
	}
	code := 0
	for _, path := range fs.Args() {
		ctx, cancel := context.Background(), context.CancelFunc(func() {})
		if *timeout > 0 {
			ctx, cancel = context.WithTimeout(ctx, *timeout)
		}
		start := time.Now()
		opt := layer.Options{Context: ctx, GCJ02: *gcj, EPSG: *epsg}
		if strings.EqualFold(filepath.Ext(path), ".dxf") {
			opt.Near = nearOf()
		}
		l, err := formats.Open(path, opt)
		took := time.Since(start)
		cancel()
		if err != nil {
			var re *layer.ReadError
			if errors.As(err, &re) {
				fmt.Fprintln(stderr, re.Message(*lang))
				if d := re.Details(); d != "" {
					fmt.Fprintln(stderr, "  "+d)
				}
			} else {
				fmt.Fprintln(stderr, path+": "+err.Error())
			}
			code = 1
			continue
		}
		writeInfo(stdout, l, *lang, took)
	}
	return code
}

// writeInfo says what a layer holds.
func writeInfo(w io.Writer, l *layer.Layer, lang string, took time.Duration) {
	points, lines, areas, other := 0, 0, 0, 0
	for _, f := range l.Features {
		switch f.Geometry.GeoJSONType() {
		case "Point", "MultiPoint":
			points++
		case "LineString", "MultiLineString":
			lines++
		case "Polygon", "MultiPolygon":
			areas++
		default:
			other++
		}
	}
	enc := l.Encoding
	if enc == "" {
		enc = "UTF-8"
	}
	if lang == "zh" {
		fmt.Fprintf(w, "%s\n  格式 %s · 坐标系 %s · 文字编码 %s · 读取用时 %v\n  要素 %d（点 %d、线 %d、面 %d、其他 %d）· 无几何记录 %d · 跳过 %d · 顶点 %d\n",
			l.Path, l.Format, l.CRS, enc, took.Round(time.Millisecond), len(l.Features), points, lines, areas, other, len(l.Unplaced), l.Report.Skipped, l.Vertices())
	} else {
		fmt.Fprintf(w, "%s\n  format %s · coordinate system %s · text %s · read in %v\n  features %d (points %d, lines %d, areas %d, other %d) · without geometry %d · left out %d · vertices %d\n",
			l.Path, l.Format, l.CRS, enc, took.Round(time.Millisecond), len(l.Features), points, lines, areas, other, len(l.Unplaced), l.Report.Skipped, l.Vertices())
	}
	if m := l.Report.Message(lang, len(l.Features), len(l.Unplaced)); m != "" {
		fmt.Fprintln(w, "  "+m)
	}
}
