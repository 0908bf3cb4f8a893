package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/planatlas/planatlas/geo/atomicfile"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/render"
	"github.com/planatlas/planatlas/geo/web"
)

// writePage writes the atlas as one web page (export -o atlas.html): the
// map, the text and the scenes (the plan's, then --scenes), in the
// options' language, theme, layers and --as-of date.
func writePage(o *ExportOptions, p *plan.Plan, stdout, stderr io.Writer) int {
	var bm *web.Basemap
	if o.Basemap != "" {
		// Only an online base map, and only one without the planner's key:
		// whoever opens the page would read the key in it.
		var err error
		switch bm, err = web.BasemapFor(o.Basemap); {
		case errors.Is(err, web.ErrBasemapKey):
			fmt.Fprintln(stderr, "planatlas: export: 这个底图的地址含有您的密钥（如天地图 tk），放进网页会让所有打开网页的人看到它 / the base map's address carries your key (Tianditu's tk): everyone who opens the page would see it")
			return ExitUsage
		case errors.Is(err, web.ErrBasemapFile):
			fmt.Fprintln(stderr, "planatlas: export: 网页只能带在线底图（瓦片地址或 osm），不带底图文件 / a web page takes an online base map (a tile address or osm), not a base map file")
			return ExitUsage
		case err != nil:
			fmt.Fprintln(stderr, "planatlas: export: --basemap:", err)
			return ExitUsage
		}
	}
	if o.Scene != "" || o.Bound != nil || o.Center != nil {
		fmt.Fprintln(stderr, "planatlas: export: 网页包含全部场景，可自行缩放（不用 --scene、--bbox、--center）/ the web page holds every scene and pans itself (no --scene, --bbox or --center)")
		return ExitUsage
	}
	scenes := p.Scenes
	if o.ScenesFile != "" {
		b, err := os.ReadFile(o.ScenesFile)
		if err != nil {
			fmt.Fprintln(stderr, "planatlas: export: --scenes:", err)
			return ExitUsage
		}
		own, _, err := p.ParseOwnScenes(b)
		if err != nil {
			fmt.Fprintf(stderr, "planatlas: export: --scenes %s: %v\n", o.ScenesFile, err)
			return ExitUsage
		}
		scenes = p.AllScenes(own)
	}
	theme := o.Theme
	if theme == render.ThemePrint {
		theme = render.ThemeLight
	}
	opts := web.Options{Plan: p, Lang: o.Lang, Theme: theme, Layers: o.Layers, Scenes: scenes, AsOf: o.AsOf, Title: o.Title, Basemap: bm}
	var size int64
	err := atomicfile.Write(o.Out, func(w io.Writer) error {
		cw := &countWriter{w: w}
		err := web.Write(cw, opts)
		size = cw.n
		return err
	})
	if err != nil {
		fmt.Fprintln(stderr, "planatlas: export:", exportFailed(err, o.Lang))
		return ExitUsage
	}
	fmt.Fprintf(stdout, "%s: web page, %.1f MB\n", o.Out, float64(size)/(1<<20))
	return 0
}

// countWriter counts what passes through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}
