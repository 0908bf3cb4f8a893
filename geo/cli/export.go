package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/annot"
	"github.com/planatlas/planatlas/geo/atomicfile"
	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/progress"
	"github.com/planatlas/planatlas/geo/proj"
	"github.com/planatlas/planatlas/geo/render"
)

// usageError is a bad argument: one line on standard error, exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func badf(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// ExportOptions are the export command's settings, parsed from flags.
type ExportOptions struct {
	Out, Format   string
	Width, Height int
	DPI           float64
	Layers        map[plan.GroupID]bool
	LayerList     string // --layers as given, checked against the plan when it is loaded
	PlanFile      string // --plan: the package to draw, "" for the built-in plan
	Lang, Title   string
	Theme         render.Theme
	Bound         *orb.Bound
	Center        *orb.Point
	Scale         float64
	Frame         render.Frame
	Paper         string
	Landscape     bool
	Scene         string // a scene's id or name
	AllScenes     bool   // every scene: a multi-page PDF or numbered PNG/SVG files
	ScenesFile    string // a planner's own scenes (exported by the app), after the built-in ones
	Annotations   string // a GeoJSON of annotations (exported by the app) drawn on every map
	AsOf          string // draw each feature in its stage on this date (YYYY, YYYY-MM or YYYY-MM-DD)
	Report        bool   // the progress report (a PDF) instead of a map
	// Basemap is a base map drawn under the plan: a file or, going online
	// by this choice, a tile address or provider id; see basemap.Open.
	Basemap        string
	BasemapOpacity float64
	BasemapGrey    bool
	BasemapOver    bool // over the plan's areas and lines, not under
	BasemapEPSG    int  // a base map file's coordinate system when it names none
	ReliefTint     bool // colour an elevation base map by height
}

// ParseExport parses the export command's flags.
func ParseExport(args []string) (*ExportOptions, error) {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	o := &ExportOptions{Frame: render.FullFrame}
	out := fs.String("o", "", "output `FILE` (.png, .svg, .pdf, or .html: the atlas as one web page)")
	format := fs.String("format", "", "png, svg, pdf or html (default: from the file name)")
	size := fs.String("size", "", "image size in pixels, e.g. 1920x1080 (default)")
	paper := fs.String("paper", "", "a4 or a3 (instead of --size)")
	landscape := fs.Bool("landscape", false, "landscape paper")
	dpi := fs.Float64("dpi", 0, "dots per inch: 96 for --size, 150 for --paper by default")
	layers := fs.String("layers", "", "comma-separated layer groups (default: all; the plan's group ids)")
	planFile := fs.String("plan", "", "the plan package `FILE` to draw (default: the built-in plan)")
	lang := fs.String("lang", "zh", "label language: zh or en")
	title := fs.String("title", "", "map title (default: the plan's)")
	theme := fs.String("theme", "", "light, dark or print (default: light; print for --paper)")
	bbox := fs.String("bbox", "", "lon/lat box to show: minlon,minlat,maxlon,maxlat (default: the plan's area)")
	center := fs.String("center", "", "map centre lon,lat (with --scale)")
	scale := fs.Float64("scale", 0, "scale denominator N of 1:N (with --center)")
	noLegend := fs.Bool("no-legend", false, "leave out the legend")
	noTitle := fs.Bool("no-title", false, "leave out the title block")
	noScale := fs.Bool("no-scalebar", false, "leave out the scale bar")
	noNorth := fs.Bool("no-north", false, "leave out the north arrow")
	noAttr := fs.Bool("no-attribution", false, "leave out the attribution")
	sceneName := fs.String("scene", "", "draw a presentation scene (id or name, e.g. corridors or 对外通道)")
	allScenes := fs.Bool("all-scenes", false, "draw every scene: one page each in a PDF, or numbered PNG/SVG files")
	scenesFile := fs.String("scenes", "", "your own scenes `FILE` (exported from the app's scene manager): added after the built-in scenes")
	annotFile := fs.String("annotations", "", "annotations `FILE` (GeoJSON exported from the app) drawn on the map")
	report := fs.Bool("progress-report", false, "write the progress report (PDF): a title page and a section per part of the text, as of --as-of or today")
	bm := fs.String("basemap", "", "draw a base map under the plan: an MBTiles, GeoPackage-tiles, GeoTIFF or image-with-world-file `SOURCE`; or, going online, a tile address (https://…/{z}/{x}/{y}.png) or osm, tianditu-vec, tianditu-img, tianditu-ter (key in $PLANATLAS_TIANDITU_KEY)")
	bmOpacity := fs.Float64("basemap-opacity", 1, "the base map's opacity, 0–1")
	bmGrey := fs.Bool("basemap-grey", false, "draw the base map in grey, so the plan's colours stay readable")
	bmOver := fs.Bool("basemap-over", false, "lay the base map over the plan's areas and lines (a scanned plan to compare), under its symbols and labels")
	bmEPSG := fs.Int("basemap-epsg", 0, "EPSG `CODE` of a base map file that names no coordinate system")
	tint := fs.Bool("relief-tint", false, "colour an elevation base map by height under its shading")
	asOf := fs.String("as-of", "", "draw each feature in the stage it had reached by `DATE` (YYYY, YYYY-MM or YYYY-MM-DD; events since adoption)")
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		var b strings.Builder
		printUsage(fs, &b)
		return nil, helpShown(b.String())
	} else if err != nil {
		return nil, badf("export: %v", err)
	}
	if fs.NArg() > 0 {
		return nil, badf("export: unexpected argument %q", fs.Arg(0))
	}
	if *out == "" {
		return nil, badf("export: -o FILE is required")
	}
	o.Out = *out
	o.Format = strings.ToLower(*format)
	if o.Format == "" {
		o.Format = strings.TrimPrefix(strings.ToLower(filepath.Ext(o.Out)), ".")
	}
	switch o.Format {
	case "png", "svg", "pdf", "html":
	case "htm":
		o.Format = "html"
	default:
		return nil, badf("export: unknown format %q (png, svg, pdf or html)", o.Format)
	}
	o.Lang = *lang
	if o.Lang != "zh" && o.Lang != "en" {
		return nil, badf("export: unknown language %q (zh or en)", o.Lang)
	}
	o.Title = *title
	if *paper != "" && *size != "" {
		return nil, badf("export: give --size or --paper, not both")
	}
	o.DPI = *dpi
	if *paper != "" {
		if o.DPI == 0 {
			o.DPI = 150
		}
		w, h, err := render.PaperPixels(*paper, *landscape, o.DPI)
		if err != nil {
			return nil, badf("export: %v", err)
		}
		o.Width, o.Height, o.Paper, o.Landscape = w, h, strings.ToLower(*paper), *landscape
	} else {
		if o.DPI == 0 {
			o.DPI = 96
		}
		s := *size
		if s == "" {
			s = "1920x1080"
		}
		w, h, ok := strings.Cut(strings.ToLower(s), "x")
		var err1, err2 error
		o.Width, err1 = strconv.Atoi(w)
		o.Height, err2 = strconv.Atoi(h)
		if !ok || err1 != nil || err2 != nil {
			return nil, badf("export: bad --size %q (WIDTHxHEIGHT, e.g. 1920x1080)", s)
		}
	}
	if o.DPI < 30 || o.DPI > 1200 {
		return nil, badf("export: --dpi %v out of range (30–1200)", o.DPI)
	}
	if o.Width < 200 || o.Height < 150 || o.Width > 20000 || o.Height > 20000 {
		return nil, badf("export: size %dx%d out of range (200x150 to 20000x20000)", o.Width, o.Height)
	}
	switch *theme {
	case "":
		o.Theme = render.ThemeLight
		if o.Paper != "" {
			o.Theme = render.ThemePrint
		}
	case "light", "dark", "print":
		o.Theme = render.Theme(*theme)
	default:
		return nil, badf("export: unknown theme %q (light, dark or print)", *theme)
	}
	o.LayerList, o.PlanFile = *layers, *planFile
	if *bbox != "" && (*center != "" || *scale != 0) {
		return nil, badf("export: give --bbox or --center/--scale, not both")
	}
	if *bbox != "" {
		v, err := floats(*bbox, 4)
		if err != nil || v[0] >= v[2] || v[1] >= v[3] || v[0] < -180 || v[2] > 180 || v[1] < -85 || v[3] > 85 {
			return nil, badf("export: bad --bbox %q (minlon,minlat,maxlon,maxlat)", *bbox)
		}
		o.Bound = &orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}
	}
	if (*center == "") != (*scale == 0) {
		return nil, badf("export: --center and --scale go together")
	}
	if *center != "" {
		v, err := floats(*center, 2)
		if err != nil || v[0] < -180 || v[0] > 180 || v[1] < -85 || v[1] > 85 {
			return nil, badf("export: bad --center %q (lon,lat)", *center)
		}
		if *scale < 1000 || *scale > 1e8 {
			return nil, badf("export: --scale %v out of range (1000–100000000)", *scale)
		}
		o.Center, o.Scale = &orb.Point{v[0], v[1]}, *scale
	}
	o.Scene, o.AllScenes, o.ScenesFile, o.Annotations, o.Report = *sceneName, *allScenes, *scenesFile, *annotFile, *report
	if o.AsOf = *asOf; o.AsOf != "" && !validDate(o.AsOf) {
		return nil, badf("export: --as-of %q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", o.AsOf)
	}
	if o.Scene != "" && o.AllScenes {
		return nil, badf("export: give --scene or --all-scenes, not both")
	}
	if (o.Scene != "" || o.AllScenes) && (o.Bound != nil || o.Center != nil || o.Layers != nil) {
		return nil, badf("export: a scene sets its own area and layers (no --bbox, --center or --layers)")
	}
	if *bmOpacity <= 0 || *bmOpacity > 1 {
		return nil, badf("export: --basemap-opacity %v out of range (above 0, at most 1)", *bmOpacity)
	}
	o.Basemap, o.BasemapOpacity, o.BasemapGrey, o.BasemapEPSG, o.ReliefTint, o.BasemapOver = *bm, *bmOpacity, *bmGrey, *bmEPSG, *tint, *bmOver
	o.Frame = render.Frame{Title: !*noTitle, Legend: !*noLegend, ScaleBar: !*noScale, North: !*noNorth, Attribution: !*noAttr}
	return o, nil
}

func floats(s string, n int) ([]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) != n {
		return nil, errors.New("wrong count")
	}
	out := make([]float64, n)
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func groupIDs(p *plan.Plan) string {
	var ids []string
	for _, g := range p.Groups() {
		ids = append(ids, string(g.ID))
	}
	return strings.Join(ids, ",")
}

// groupSet reads a comma-separated list of layer groups; bad is the first
// that names none.
func groupSet(p *plan.Plan, list string) (set map[plan.GroupID]bool, bad string) {
	set = map[plan.GroupID]bool{}
	for _, id := range strings.Split(list, ",") {
		g := plan.GroupID(strings.TrimSpace(id))
		if _, ok := p.Group(g); !ok {
			return nil, string(g)
		}
		set[g] = true
	}
	return set, ""
}

// Scenes builds the render scenes the options describe: one, or one per
// presentation scene with --all-scenes.
func (o *ExportOptions) Scenes(p *plan.Plan) ([]*render.Scene, error) {
	all := p.Scenes
	if o.ScenesFile != "" {
		b, err := os.ReadFile(o.ScenesFile)
		if err != nil {
			return nil, badf("export: --scenes: %v", err)
		}
		own, _, err := p.ParseOwnScenes(b)
		if err != nil {
			return nil, badf("export: --scenes %s: %v", o.ScenesFile, err)
		}
		all = p.AllScenes(own)
	}
	var marks []annot.Annotation
	if o.Annotations != "" {
		b, err := os.ReadFile(o.Annotations)
		if err != nil {
			return nil, badf("export: --annotations: %v", err)
		}
		if marks, _, err = annot.FromGeoJSON(b); err != nil {
			return nil, badf("export: --annotations %s: %v", o.Annotations, err)
		}
	}
	var out []*render.Scene
	switch {
	case o.AllScenes:
		for _, ps := range all {
			out = append(out, render.PlanScene(p, ps, o.Width, o.Height, o.DPI, o.Lang, o.Theme, o.Frame))
		}
	case o.Scene != "":
		var names []string
		for _, ps := range all {
			if ps.ID == o.Scene || ps.NameZh == o.Scene || strings.EqualFold(ps.NameEn, o.Scene) {
				s := render.PlanScene(p, ps, o.Width, o.Height, o.DPI, o.Lang, o.Theme, o.Frame)
				if o.Title != "" {
					s.Title = o.Title
				}
				out = append(out, s)
				break
			}
			names = append(names, ps.ID)
		}
		if len(out) == 0 {
			return nil, badf("export: unknown scene %q (scenes: %s)", o.Scene, strings.Join(names, ","))
		}
	default:
		out = append(out, o.Scene1(p))
	}
	for _, s := range out {
		s.Annotations, s.AsOf = marks, o.AsOf
	}
	return out, nil
}

// OpenBasemap opens the --basemap source. An address or provider id is
// the script's explicit choice to go online; tiles are cached where the
// app caches them. A big GeoTIFF without overviews has them built first,
// with progress and the outcome said on stderr (nil: not built).
func (o *ExportOptions) OpenBasemap(stderr io.Writer) (basemap.Source, error) {
	var cache *basemap.DiskCache
	ovrDir := ""
	if dir, err := os.UserCacheDir(); err == nil {
		cache = basemap.NewDiskCache(filepath.Join(dir, "planatlas", "tiles"), 0)
		ovrDir = filepath.Join(dir, "planatlas", "overviews")
		os.MkdirAll(ovrDir, 0o755)
	}
	opts := basemap.OpenOptions{EPSG: o.BasemapEPSG, Online: true, Cache: cache,
		Key: os.Getenv("PLANATLAS_TIANDITU_KEY"), Lang: o.Lang, OverviewDir: ovrDir}
	src, err := basemap.Open(o.Basemap, opts)
	if err != nil {
		return nil, err
	}
	r, ok := src.(*basemap.Raster)
	if !ok {
		return src, nil
	}
	if r.NeedsOverviews() && stderr != nil {
		// A big image without overviews: build them once (GDAL's .ovr
		// beside it, or in the cache), as ArcGIS builds pyramids on first
		// use, and say so; the export then reads a few MB, not the file.
		dest := basemap.OverviewPath(o.Basemap, ovrDir)
		name := filepath.Base(o.Basemap)
		say := tileProgress(stderr, o.Lang)
		if err := basemap.BuildOverviews(context.Background(), o.Basemap, dest, func(done, total int) { say(done, total) }); err != nil {
			fmt.Fprintln(stderr, "planatlas: --basemap:", basemap.Message(err, o.Lang))
		} else {
			if o.Lang == "en" {
				fmt.Fprintf(stderr, "planatlas: built overviews for %s (%s)\n", name, dest)
			} else {
				fmt.Fprintf(stderr, "planatlas: 已为 %s 建立金字塔（%s）\n", name, dest)
			}
			r.Close()
			if src, err = basemap.Open(o.Basemap, opts); err != nil {
				return nil, err
			}
			r = src.(*basemap.Raster)
		}
	}
	r.SetTint(o.ReliefTint)
	return r, nil
}

// Scene1 builds the single map scene the options describe (no scene given).
func (o *ExportOptions) Scene1(p *plan.Plan) *render.Scene {
	s := &render.Scene{Plan: p, Layers: o.Layers, Lang: o.Lang, Theme: o.Theme, Frame: o.Frame, Title: o.Title}
	switch {
	case o.Center != nil:
		s.View = proj.View{Center: *o.Center, Scale: o.Scale, Width: o.Width, Height: o.Height, DPI: o.DPI}
	case o.Bound != nil:
		s.View = render.FitView(*o.Bound, o.Width, o.Height, o.DPI, o.Frame)
	default:
		s.View = render.FitView(render.CityBound(p), o.Width, o.Height, o.DPI, o.Frame)
	}
	return s
}

// helpShown is ParseExport's answer to -h: the usage, to print and exit 0.
type helpShown string

func (h helpShown) Error() string { return string(h) }

func runExport(args []string, stdout, stderr io.Writer) int {
	o, err := ParseExport(args)
	var help helpShown
	if errors.As(err, &help) {
		fmt.Fprint(stdout, string(help))
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "planatlas:", err)
		return ExitUsage
	}
	p, code := loadPlan(o.PlanFile, stderr)
	if p == nil {
		return code
	}
	if o.LayerList != "" {
		var bad string
		if o.Layers, bad = groupSet(p, o.LayerList); bad != "" {
			fmt.Fprintf(stderr, "planatlas: export: unknown layer %q (layers: %s)\n", bad, groupIDs(p))
			return ExitUsage
		}
	}
	if o.Report {
		return writeReport(o, p, stdout, stderr)
	}
	if o.Format == "html" {
		return writePage(o, p, stdout, stderr)
	}
	scenes, err := o.Scenes(p)
	if err != nil {
		fmt.Fprintln(stderr, "planatlas:", err)
		return ExitUsage
	}
	if o.Basemap != "" {
		src, err := o.OpenBasemap(stderr)
		if err != nil {
			fmt.Fprintln(stderr, "planatlas: --basemap:", basemap.Message(err, o.Lang))
			return ExitUsage
		}
		defer src.Close()
		if src.Info().Online {
			// Waiting for a server: say how far it has come, once a second.
			ctx := basemap.WithProgress(context.Background(), tileProgress(stderr, o.Lang))
			for _, s := range scenes {
				s.Context = ctx
			}
		}
		for _, s := range scenes {
			s.Basemaps = []render.Basemap{{ID: o.Basemap, Source: src, Visible: true, Opacity: o.BasemapOpacity, Grey: o.BasemapGrey, Over: o.BasemapOver}}
		}
	}
	tally := &render.Tally{}
	for _, s := range scenes {
		s.Tally = tally
	}
	files, err := render.WriteScenes(scenes, o.Format, o.Out)
	if err != nil {
		fmt.Fprintln(stderr, "planatlas: export:", exportFailed(err, o.Lang))
		return ExitUsage
	}
	if msg := basemap.BadTiles(tally.Stats(), o.Lang); msg != "" {
		fmt.Fprintln(stderr, "planatlas: export:", msg)
	}
	for _, f := range files {
		fmt.Fprintf(stdout, "%s: %dx%d px, %s\n", f, o.Width, o.Height, o.Format)
	}
	return 0
}

// oneLine keeps the first line of an error message.
func oneLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// writeFailed says on one line, in Chinese and English, why a file could
// not be written (a planner's terminal may be in either).
func writeFailed(err error) string {
	var we *atomicfile.WriteError
	if errors.As(err, &we) {
		return "无法写入：" + we.Message("zh") + " / cannot write: " + we.Message("en")
	}
	return "cannot write " + oneLine(err)
}

// exportFailed says why an export failed, in lang: the base map's
// problem as a sentence, or what could not be written.
func exportFailed(err error, lang string) string {
	var be *basemap.Error
	if errors.As(err, &be) || errors.Is(err, basemap.ErrOffline) {
		if lang == "en" {
			return "the base map: " + basemap.Message(err, lang)
		}
		return "底图：" + basemap.Message(err, lang)
	}
	return writeFailed(err)
}

// tileProgress prints, at most once a second, how many of the tiles an
// export waits for have come.
func tileProgress(w io.Writer, lang string) func(done, total int) {
	var mu sync.Mutex
	last, printed := time.Now(), false
	return func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if time.Since(last) < time.Second && !(done == total && printed) {
			return
		}
		last, printed = time.Now(), true
		if lang == "en" {
			fmt.Fprintf(w, "planatlas: base-map tiles %d/%d\n", done, total)
		} else {
			fmt.Fprintf(w, "planatlas: 底图瓦片 %d/%d\n", done, total)
		}
	}
}

// validDate reports whether s is a date of year, month or day precision.
func validDate(s string) bool {
	t, err := time.Parse("2006-01-02", plan.LastDay(s))
	return err == nil && (len(s) == 4 || len(s) == 7 || len(s) == 10) && t.Year() >= 1900
}

// writeReport writes the progress report to o.Out (a PDF).
func writeReport(o *ExportOptions, p *plan.Plan, stdout, stderr io.Writer) int {
	if o.Format != "pdf" {
		fmt.Fprintln(stderr, "planatlas: export: the progress report is a PDF (-o report.pdf)")
		return ExitUsage
	}
	date := o.AsOf
	if date == "" {
		date = time.Now().Format("2006-01-02")
	}
	rep := progress.Report(p, date, o.Lang)
	if err := atomicfile.Write(o.Out, func(w io.Writer) error { return render.WriteReportPDF(w, rep) }); err != nil {
		fmt.Fprintln(stderr, "planatlas: export:", writeFailed(err))
		return ExitUsage
	}
	fmt.Fprintf(stdout, "%s: progress report as of %s, %d parts\n", o.Out, date, len(rep.Sections))
	return 0
}
