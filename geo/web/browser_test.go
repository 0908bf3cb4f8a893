package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	pngenc "image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/geo/render"
)

// chromium finds a Chromium or Chrome to drive, or skips the test saying
// how to get one (.ci/setup installs Debian's chromium).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium here: the web page is tested in a real browser (apt-get install chromium; .ci/setup installs it)")
	return ""
}

// browser is one headless Chromium tab with what it reported: requests
// that left the page's file, script errors and console errors.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	requests []string
	errors   []string
}

func newBrowser(t *testing.T, w, h int) *browser {
	exe := chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.WindowSize(w, h),
		chromedp.Flag("no-sandbox", true), chromedp.Flag("hide-scrollbars", true), chromedp.Flag("lang", "zh-CN"))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	b := &browser{}
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			if u := ev.Request.URL; !strings.HasPrefix(u, "file:") && !strings.HasPrefix(u, "data:") {
				b.requests = append(b.requests, u)
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			b.errors = append(b.errors, fmt.Sprintf("exception at %d:%d: %s", d.LineNumber, d.ColumnNumber, msg))
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				b.errors = append(b.errors, "console.error: "+strings.Join(parts, " "))
			}
		}
	}))
	t.Cleanup(func() { cancel(); cancelA() })
	// Start the browser now, with no deadline on it (see chromedp.Run).
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	b.ctx = ctx
	return b
}

// do runs steps within a minute: a hang fails, a slow machine does not.
func (b *browser) do(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 90*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func eval[T any](t *testing.T, b *browser, js string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 90*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

func (b *browser) check(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.requests) > 0 {
		t.Errorf("the page asked for %d things outside its file: %v", len(b.requests), b.requests)
	}
	if len(b.errors) > 0 {
		t.Errorf("script errors: %v", b.errors)
	}
}

// shot saves a screenshot where $PLANATLAS_SHOTS says (to look at), else
// nowhere.
func (b *browser) shot(t *testing.T, name string) {
	dir := os.Getenv("PLANATLAS_SHOTS")
	if dir == "" {
		return
	}
	// The picture once the map is at rest and drawn.
	b.do(t, "waiting for the map to rest", chromedp.Poll[chromedp.Void](`!window.planAtlas.map.getView().getAnimating()`, chromedp.WithPollingTimeout(60*time.Second)))
	eval[bool](t, b, `(window.planAtlas.map.renderSync(), true)`)
	ctx, cancel := context.WithTimeout(b.ctx, 90*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// writePage writes the plan's page to a temporary file and returns its URL.
func writePage(t *testing.T, o Options) (string, int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "atlas.html")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(f, o); err != nil {
		t.Fatal(err)
	}
	f.Close()
	st, _ := os.Stat(path)
	return (&url.URL{Scheme: "file", Path: path}).String(), st.Size()
}

// open loads the page and waits for the map's first complete draw; it
// returns how long that took.
func (b *browser) open(t *testing.T, u string) time.Duration {
	t.Helper()
	start := time.Now()
	b.do(t, "opening the page", chromedp.Navigate(u),
		chromedp.Poll[chromedp.Void](`document.body.getAttribute('data-rendered') === '1'`, chromedp.WithPollingTimeout(60*time.Second)))
	return time.Since(start)
}

// A quote the plan gives a feature, to find in the page.
func quoteOf(t *testing.T, p *plan.Plan, id string) string {
	t.Helper()
	f, ok := p.Feature(id)
	if !ok || len(f.Quotes) == 0 {
		t.Fatalf("%s has no quote in the plan", id)
	}
	return f.Quotes[0].Text
}

func featureNamed(t *testing.T, p *plan.Plan, name string) *plan.Feature {
	t.Helper()
	for _, f := range p.Features() {
		if f.NameZh == name {
			return f
		}
	}
	t.Fatalf("no feature %s", name)
	return nil
}

// TestPageInABrowser opens the built-in plan's page and the second plan's
// in Chromium at a desktop size and at a phone's: it loads with nothing
// asked of the network and no script error, the map covers the view and
// the title is the plan's, a search finds a place and shows its quote
// highlighted, a layer group switches off, the scenes step with the
// arrow keys, and a phone's screen never scrolls sideways.
func TestPageInABrowser(t *testing.T) {
	chromium(t)
	builtIn, err := planpkg.BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	second, problems, err := planpkg.Build(os.DirFS("../planpkg/testdata/guangyuan"))
	if err != nil || len(problems) > 0 {
		t.Fatalf("the second plan: %v %v", err, problems)
	}
	cases := []struct {
		name   string
		p      *plan.Plan
		search string // typed
		want   string // the first result
		theme  render.Theme
	}{
		{"builtin", builtIn, "恩阳机场", "巴中恩阳机场", render.ThemeLight},
		{"second", second, "", "", render.ThemeDark},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u, size := writePage(t, Options{Plan: c.p, Lang: "zh", Theme: c.theme})
			t.Logf("%s: %.2f MB", c.name, float64(size)/(1<<20))
			if size > 5<<20 {
				t.Errorf("the page is %.1f MB, more than 5 MB", float64(size)/(1<<20))
			}
			target, wantName := c.search, c.want
			if target == "" {
				for _, f := range c.p.Features() {
					if len(f.Quotes) > 0 && f.Layer != plan.GroupBase {
						target, wantName = f.NameZh, f.NameZh
						break
					}
				}
			}
			want := featureNamed(t, c.p, wantName)
			for _, vp := range []struct {
				name string
				w, h int
			}{{"desktop", 1600, 900}, {"phone", 390, 844}} {
				t.Run(vp.name, func(t *testing.T) {
					b := newBrowser(t, vp.w, vp.h)
					if vp.name == "phone" {
						b.do(t, "phone viewport", chromedp.EmulateViewport(int64(vp.w), int64(vp.h), chromedp.EmulateScale(3), chromedp.EmulateMobile))
					}
					took := b.open(t, u)
					t.Logf("%s %s: map drawn %v after opening", c.name, vp.name, took.Round(time.Millisecond))
					title := eval[string](t, b, `document.getElementById('title').textContent`)
					if title != c.p.Info.Title.Zh {
						t.Errorf("title %q, want %q", title, c.p.Info.Title.Zh)
					}
					if c.name == "second" {
						html := eval[string](t, b, `document.documentElement.innerText`)
						if strings.Contains(html, "巴中") {
							t.Errorf("the second plan's page says 巴中")
						}
					}
					cover := eval[[]float64](t, b, `(function(){var r=document.getElementById('map').getBoundingClientRect();
						var c=document.querySelector('#map canvas');return [r.width/innerWidth, r.height/innerHeight, c?c.width:0];})()`)
					if cover[0] < 0.99 || cover[1] < 0.75 || cover[2] == 0 {
						t.Errorf("the map covers %.0f%% × %.0f%% of the view (canvas %v px wide)", cover[0]*100, cover[1]*100, cover[2])
					}
					wide := eval[[]float64](t, b, `[document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]`)
					if wide[0] > wide[2] || wide[1] > wide[2] {
						t.Errorf("the page scrolls sideways: %v wide in a %v-px view", wide[:2], wide[2])
					}
					b.shot(t, c.name+"-"+vp.name)

					// Search, choose the first result: its quote, highlighted.
					b.do(t, "search", chromedp.SendKeys(chromedp.ID("search"), target),
						chromedp.WaitVisible(chromedp.CSS(`#results button[data-id]`)),
						chromedp.Click(chromedp.CSS(`#results button[data-id]`)),
						chromedp.WaitVisible(chromedp.ID("detail")))
					marks := eval[[]string](t, b, `Array.from(document.querySelectorAll('#detail-body mark')).map(function(m){return m.textContent})`)
					quote := quoteOf(t, c.p, want.ID)
					found := false
					for _, m := range marks {
						found = found || m == quote
					}
					if !found {
						t.Errorf("the panel of %s highlights %q, not its quote %q", target, marks, quote)
					}
					if got := eval[string](t, b, `document.getElementById('detail-title').textContent`); got != want.NameZh {
						t.Errorf("the panel shows %q, want %q", got, want.NameZh)
					}
					b.shot(t, c.name+"-"+vp.name+"-search")

					// A layer group off: its features are no longer drawn.
					g := want.Layer
					b.do(t, "layers", chromedp.Click(chromedp.ID("tab-layers")),
						chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[data-group="%s"]`, g))))
					drawn := eval[bool](t, b, fmt.Sprintf(`(function(){var a=window.planAtlas, f=a.layer.getSource().getFeatureById(%q);
						return !!a.layer.getStyleFunction()(f, 1);})()`, want.ID))
					if drawn {
						t.Errorf("%s is still drawn with its group %s off", want.ID, g)
					}
					b.do(t, "layer back on", chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[data-group="%s"]`, g))))
					b.shot(t, c.name+"-"+vp.name+"-layers")

					// The text: every article there; 在地图上显示 selects what it names.
					b.do(t, "text", chromedp.Click(chromedp.ID("tab-text")), chromedp.WaitVisible(chromedp.CSS(`#panel-body .block.clause`)))
					if n := eval[float64](t, b, `document.querySelectorAll('#panel-body .block.clause').length`); int(n) != len(c.p.Doc.Clauses) {
						t.Errorf("the text panel shows %v clauses, the text has %d", n, len(c.p.Doc.Clauses))
					}
					b.do(t, "show on map", chromedp.Click(chromedp.CSS(`#panel-body button.onmap`)), chromedp.WaitVisible(chromedp.ID("detail")))
					if n := eval[float64](t, b, `Object.keys(window.planAtlas.state.selected).length`); n < 1 {
						t.Errorf("在地图上显示 selected nothing")
					}
					b.shot(t, c.name+"-"+vp.name+"-text")

					// The scenes: open the first, step with the arrow key.
					if len(c.p.Scenes) > 0 {
						b.do(t, "scenes", chromedp.Click(chromedp.ID("tab-scenes")),
							chromedp.Click(chromedp.CSS(`#panel-body button.btn`)),
							chromedp.WaitVisible(chromedp.ID("show")))
						if got := eval[string](t, b, `document.getElementById('show-name').textContent`); !strings.HasPrefix(got, "1/") {
							t.Errorf("the first scene says %q", got)
						}
						b.shot(t, c.name+"-"+vp.name+"-scene")
						if len(c.p.Scenes) > 1 {
							b.do(t, "next scene", chromedp.KeyEvent(kb.ArrowRight),
								chromedp.Poll[chromedp.Void](`document.getElementById('show-name').textContent.indexOf('2/') === 0`, chromedp.WithPollingTimeout(30*time.Second)))
						}
					}
					// English, and back.
					b.do(t, "language", chromedp.Click(chromedp.ID("lang")))
					if got := eval[string](t, b, `document.getElementById('title').textContent`); c.p.Info.Title.En != "" && got != c.p.Info.Title.En {
						t.Errorf("English title %q, want %q", got, c.p.Info.Title.En)
					}
					b.shot(t, c.name+"-"+vp.name+"-en")
					wide = eval[[]float64](t, b, `[document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]`)
					if wide[0] > wide[2] || wide[1] > wide[2] {
						t.Errorf("after all that the page scrolls sideways: %v wide in a %v-px view", wide[:2], wide[2])
					}
					b.check(t)
				})
			}
		})
	}
}

// A plan's words are text, never markup or script, however they read: a
// title and a name written as HTML show as written and run nothing.
func TestPageKeepsWordsAsText(t *testing.T) {
	chromium(t)
	dir := t.TempDir()
	title := `</script><img src=x onerror="window.pwned=1">规划`
	name := `<b onmouseover="window.pwned=2">新区</b>`
	files := map[string]string{
		"plan.json":    `{"title_zh": ` + jsonString(title) + `, "adopted": "2024-01-02"}`,
		"document.txt": "测试规划\n\n第一章 总则\n第一条 建设<b onmouseover=\"window.pwned=2\">新区</b>。\n",
		"places.geojson": `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name_zh":` + jsonString(name) +
			`,"kind":"新区","clauses":["第一条"]},"geometry":{"type":"Point","coordinates":[106.75,31.87]}}]}`,
	}
	for n, c := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, problems, err := planpkg.Build(os.DirFS(dir))
	if err != nil || len(problems) > 0 {
		t.Fatalf("build: %v %v", err, problems)
	}
	u, _ := writePage(t, Options{Plan: p, Lang: "zh"})
	b := newBrowser(t, 1200, 800)
	b.open(t, u)
	if got := eval[string](t, b, `document.getElementById('title').textContent`); got != title {
		t.Errorf("title shows %q, want %q", got, title)
	}
	b.do(t, "search", chromedp.SendKeys(chromedp.ID("search"), "新区"),
		chromedp.WaitVisible(chromedp.CSS(`#results button[data-id]`)),
		chromedp.Click(chromedp.CSS(`#results button[data-id]`)),
		chromedp.WaitVisible(chromedp.ID("detail")))
	if got := eval[string](t, b, `document.getElementById('detail-title').textContent`); got != name {
		t.Errorf("the panel names it %q, want %q", got, name)
	}
	if got := eval[string](t, b, `String(window.pwned)`); got != "undefined" {
		t.Errorf("the plan's words ran as script: pwned = %s", got)
	}
	if n := eval[float64](t, b, `document.querySelectorAll('img[src="x"], b[onmouseover]').length`); n != 0 {
		t.Errorf("the plan's words made %v elements", n)
	}
	b.check(t)
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// An online base map the planner chose: the page asks its server (a local
// one here) for tiles and nothing else, and says it does.
func TestPageWithOnlineBasemap(t *testing.T) {
	chromium(t)
	var tiles atomic.Int64
	tile := image.NewRGBA(image.Rect(0, 0, 256, 256))
	draw.Draw(tile, tile.Bounds(), &image.Uniform{color.RGBA{200, 220, 240, 255}}, image.Point{}, draw.Src)
	var png bytes.Buffer
	pngenc.Encode(&png, tile)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tiles.Add(1)
		w.Header().Set("Content-Type", "image/png")
		w.Write(png.Bytes())
	}))
	defer srv.Close()
	bm, err := BasemapFor(srv.URL + "/{z}/{x}/{y}.png")
	if err != nil {
		t.Fatal(err)
	}
	p, err := planpkg.BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	u, _ := writePage(t, Options{Plan: p, Lang: "zh", Basemap: bm})
	b := newBrowser(t, 1200, 800)
	b.open(t, u)
	b.shot(t, "basemap")
	if tiles.Load() == 0 {
		t.Error("no tile was asked for")
	}
	if got := eval[string](t, b, `document.getElementById('online').textContent`); !strings.Contains(got, strings.TrimPrefix(srv.URL, "http://")) {
		t.Errorf("the page says %q of its base map", got)
	}
	b.mu.Lock()
	var elsewhere []string
	for _, r := range b.requests {
		if !strings.HasPrefix(r, srv.URL+"/") {
			elsewhere = append(elsewhere, r)
		}
	}
	b.requests = nil // the tiles were asked of the chosen server
	b.mu.Unlock()
	if len(elsewhere) > 0 {
		t.Errorf("the page asked other servers: %v", elsewhere)
	}
	b.check(t)
}
