package app

import (
	"bytes"
	"fmt"
	"fyne.io/fyne/v2/driver/desktop"
	"image"
	"image/color"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/geo/render"
)

var (
	planOnce sync.Once
	testPlan *plan.Plan
)

// loadTestPlan loads the built-in plan once for all the tests.
func loadTestPlan() *plan.Plan {
	planOnce.Do(func() {
		p, err := planpkg.BuiltIn()
		if err != nil {
			panic(err)
		}
		testPlan = p
	})
	return testPlan
}

// uiQueue stands in for Fyne's event loop in tests. Fyne's test driver
// runs fyne.Do at once on the calling goroutine, so background renders,
// reads and exports would touch the UI from their own goroutines; the app
// posts that work here instead, and the test goroutine runs it, as the
// real loop would on the main goroutine.
type uiQueue struct {
	mu    sync.Mutex
	tasks []func()
}

func (q *uiQueue) post(fn func()) {
	q.mu.Lock()
	q.tasks = append(q.tasks, fn)
	q.mu.Unlock()
}

// run runs what has been posted, and reports whether there was any.
func (q *uiQueue) run() bool {
	q.mu.Lock()
	tasks := q.tasks
	q.tasks = nil
	q.mu.Unlock()
	for _, fn := range tasks {
		fn()
	}
	return len(tasks) > 0
}

var (
	testQueues   sync.Map // *Atlas → *uiQueue
	testWorkDirs sync.Map // fyne.App → its work folder: a test that starts the app again with the same fyne.App finds its work
)

// testWorkDir is the work folder of app a in this test (Fyne's test
// storage is the system's temporary folder, shared by every test).
func testWorkDir(t testing.TB, a fyne.App) string {
	if d, ok := testWorkDirs.Load(a); ok {
		return d.(string)
	}
	d := t.TempDir()
	testWorkDirs.Store(a, d)
	t.Cleanup(func() { testWorkDirs.Delete(a) })
	return d
}

func newTestAtlas(t testing.TB, a fyne.App) *Atlas {
	t.Helper()
	q := &uiQueue{}
	at := newAtlas(a, loadTestPlan(), "", testCache(), q.post, testWorkDir(t, a))
	testQueues.Store(at, q)
	t.Cleanup(func() { testQueues.Delete(at) })
	at.Win.Resize(fyne.NewSize(1400, 900))
	paint(at)
	return at
}

var (
	cacheOnce   sync.Once
	sharedCache *render.Cache
)

// testCache is a render cache the tests share, as one process's map views
// would: each test preparing the plan again would cost a quarter second.
func testCache() *render.Cache {
	cacheOnce.Do(func() { sharedCache = render.NewCache(0) })
	return sharedCache
}

// settle runs the UI work that background renders, reads and exports post,
// until none is left and none is running. It fails the test only on a
// hang: a minute without getting there.
func settle(t testing.TB, at *Atlas) {
	t.Helper()
	v, _ := testQueues.Load(at)
	q := v.(*uiQueue)
	deadline := time.Now().Add(60 * time.Second)
	for {
		ran := q.run()
		if !ran && at.Map.Idle() && at.jobs.Load() == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the app did not settle in a minute (map idle %v, %d jobs)", at.Map.Idle(), at.jobs.Load())
		}
		if !ran {
			time.Sleep(time.Millisecond)
		}
	}
}

// textsIn lists the text drawn by an object and everything in it.
func textsIn(o fyne.CanvasObject) []string {
	var out []string
	if o == nil {
		return nil
	}
	for _, c := range test.LaidOutObjects(o) {
		if t, ok := c.(*canvas.Text); ok && t.Text != "" {
			out = append(out, t.Text)
		}
	}
	return out
}

// paint lays out and draws the window, so the map renders at its size,
// and waits for the render.
func paint(at *Atlas) {
	at.Win.Canvas().Capture()
	settle(panicTB{}, at)
	at.Win.Canvas().Capture()
}

// panicTB lets paint settle without a *testing.T.
type panicTB struct{ testing.TB }

func (panicTB) Helper() {}
func (panicTB) Fatalf(format string, args ...any) {
	panic(fmt.Sprintf(format, args...))
}

func frameBytes(at *Atlas) []byte {
	f := at.Map.Frame()
	if f == nil {
		return nil
	}
	return append([]byte(nil), f.Pix...)
}

func TestWindowShowsMapAndTitle(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	if at.Map.Frame() == nil {
		t.Fatal("no map frame was drawn")
	}
	if !strings.Contains(at.Win.Title(), "规划图册") {
		t.Errorf("title %q", at.Win.Title())
	}
	if _, ok := at.App.Settings().Theme().(*atlasTheme); !ok {
		t.Error("the bundled-font theme is not set")
	}
}

func TestToggleLayerChangesMap(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	before := frameBytes(at)
	test.Tap(at.Layers.Checks["corridor"])
	paint(at)
	if at.State.LayerVisible("corridor") {
		t.Fatal("the corridor layer is still on")
	}
	if bytes.Equal(before, frameBytes(at)) {
		t.Error("hiding the corridors did not change the map")
	}
	_, res := at.Map.Result()
	for _, id := range res.Visible {
		if id == "bawan_expressway" {
			t.Error("a hidden corridor is still drawn")
		}
	}
}

func TestTapFeatureShowsQuote(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	_, res := at.Map.Result()
	pt, ok := res.Points["enyang_airport"]
	if !ok {
		t.Fatal("the airport is not drawn")
	}
	scale := at.Map.pixScale
	test.TapAt(at.Map, fyne.NewPos(float32(pt[0])/scale, float32(pt[1])/scale))
	if got := at.State.Selected(); len(got) != 1 || got[0] != "enyang_airport" {
		t.Fatalf("selected %v, want enyang_airport", got)
	}
	if at.Detail.Current == nil || at.Detail.Current.ID != "enyang_airport" {
		t.Fatal("the detail panel does not show the airport")
	}
	// The clause paragraph is shown with the quote, verbatim, highlighted.
	f, _ := at.Plan.Feature("enyang_airport")
	want := f.Quotes[0].Text
	found := false
	for _, rt := range at.Detail.Quotes {
		for _, s := range rt.Segments {
			if ts, ok := s.(*widget.TextSegment); ok && ts.Text == want && ts.Style == quoteStyle {
				found = true
				if c, _ := at.Plan.Doc.Clause(f.Quotes[0].Ref); richText(rt) != c.Text {
					t.Error("the clause paragraph is not shown whole and verbatim")
				}
			}
		}
	}
	if !found {
		t.Errorf("quote %q not highlighted in the detail panel", want)
	}
}

func TestSearchSelectsScenicArea(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	test.Type(at.Search.Entry, "光雾山")
	hits := at.Search.Hits()
	if len(hits) == 0 || hits[0].FeatureID != "guangwushan_scenic_area" {
		t.Fatalf("hits %v", hits)
	}
	at.Search.Entry.OnSubmitted(at.Search.Entry.Text)
	if got := at.State.Selected(); len(got) != 1 || got[0] != "guangwushan_scenic_area" {
		t.Fatalf("selected %v", got)
	}
	// The map is framed on it.
	v := at.Map.View()
	if b := v.Bound(); !b.Contains([2]float64{106.79656, 32.69072}) {
		t.Errorf("the view %v does not show 光雾山", b)
	}
	// Pinyin and English find it too.
	for _, q := range []string{"guangwushan", "Mount Guangwu"} {
		if h := Find(at.Plan, q, 5); len(h) == 0 || h[0].FeatureID != "guangwushan_scenic_area" {
			t.Errorf("Find(%q) = %v", q, h)
		}
	}
	// Clause text finds clauses.
	if h := Find(at.Plan, "天府科技云", 5); len(h) != 1 || h[0].Clause != "二十八" {
		t.Errorf("clause search found %v, want clause 二十八", h)
	}
}

func TestReaderClauseSelectsCorridors(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.tabs.SelectIndex(1)
	at.Reader.Shown()
	btn, ok := at.Reader.Buttons["十一"]
	if !ok {
		t.Fatal("no show-on-map button for clause (十一)")
	}
	test.Tap(btn)
	sel := strings.Join(at.State.Selected(), ",")
	for _, id := range []string{"bawan_expressway", "hanbanan_hsr", "red_railway", "enyang_airport", "chengdu_bazhong_intercity"} {
		if !strings.Contains(sel, id) {
			t.Errorf("clause (十一) did not select %s (selected %s)", id, sel)
		}
	}
	if strings.Contains(sel, "micang_avenue") {
		t.Error("clause (十一) selected a clause (十二) road")
	}
	paint(at)
	s, _ := at.Map.Result()
	if !s.Selected["bawan_expressway"] {
		t.Error("the map does not draw the selection")
	}
}

func TestPreferencesSurviveRestart(t *testing.T) {
	a := test.NewTempApp(t)
	at := newTestAtlas(t, a)
	test.Tap(at.Layers.Checks["ecology"])
	at.State.SetLang("en")
	at.State.SetTheme("dark")
	at.Map.Zoom(2)
	v := at.Map.View()
	at.Win.Close()

	again := newTestAtlas(t, a)
	if again.State.LayerVisible("ecology") || !again.State.LayerVisible("corridor") {
		t.Error("layer visibility was not remembered")
	}
	if again.Lang() != "en" || again.State.Theme() != "dark" {
		t.Errorf("lang %q theme %q, want en dark", again.Lang(), again.State.Theme())
	}
	w := again.Map.View()
	if dx, dy := w.Center[0]-v.Center[0], w.Center[1]-v.Center[1]; dx*dx+dy*dy > 1e-10 || w.Scale/v.Scale > 1.001 || w.Scale/v.Scale < 0.999 {
		t.Errorf("view %v 1:%.0f, want %v 1:%.0f", w.Center, w.Scale, v.Center, v.Scale)
	}
	if !strings.Contains(again.Win.Title(), "Plan Atlas") || again.Layers.Checks["base"].Text[:4] != "Base" {
		t.Errorf("English interface not restored: %q", again.Layers.Checks["base"].Text)
	}
}

func TestHoverNamesFeature(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	_, res := at.Map.Result()
	pt := res.Points["guangwushan_scenic_area"]
	s := at.Map.pixScale
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(at.Map)
	test.MoveMouse(at.Win.Canvas(), origin.Add(fyne.NewPos(float32(pt[0])/s, float32(pt[1])/s)).Add(fyne.NewPos(1, 1)))
	if at.State.Hover() != "guangwushan_scenic_area" {
		t.Errorf("hover = %q", at.State.Hover())
	}
	if !strings.Contains(at.Status.Hover.Text, "光雾山") {
		t.Errorf("status bar shows %q", at.Status.Hover.Text)
	}
}

func TestKeysZoomAndHome(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	v0 := at.Map.View()
	at.typedKey(&fyne.KeyEvent{Name: fyne.KeyPlus})
	if r := at.Map.View().Scale / v0.Scale; r < 0.49 || r > 0.51 {
		t.Errorf("+ zoomed by %v", r)
	}
	at.typedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	if b := at.Map.View().Bound(); !b.Contains([2]float64{106.4, 31.3}) || !b.Contains([2]float64{107.7, 32.7}) {
		t.Errorf("Home shows %v, not the whole city", b)
	}
}

// The pan path: shifting the last 1080p frame while the next one renders.
func BenchmarkPanComposite1080p(b *testing.B) {
	src := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	dst := image.NewRGBA(src.Bounds())
	bg := color.NRGBA{0xEF, 0xEB, 0xE2, 0xFF}
	for i := 0; b.Loop(); i++ {
		ShiftFrame(dst, src, 37+i%5, -21, bg)
	}
}

func TestShiftFrame(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 10, 10))
	src.Set(2, 3, color.RGBA{255, 0, 0, 255})
	dst := image.NewRGBA(src.Bounds())
	ShiftFrame(dst, src, 4, -2, color.RGBA{0, 0, 255, 255})
	if c := dst.RGBAAt(6, 1); c.R != 255 {
		t.Errorf("the shifted pixel is %v", c)
	}
	if c := dst.RGBAAt(0, 9); c.B != 255 {
		t.Errorf("uncovered area is %v, want the background", c)
	}
}

// Exact and whole-word matches rank first: "Enyang airport" finds the
// airport before the logistics park named after it.
func TestSearchRanksClosestFirst(t *testing.T) {
	p := loadTestPlan()
	tests := []struct{ query, first string }{
		{"Enyang airport", "enyang_airport"},
		{"enyang airport logistics", "enyang_airport_logistics_park"},
		{"光雾山", "guangwushan_scenic_area"},
		{"Mount Guangwu", "guangwushan_scenic_area"},
		{"gws", "guangwushan_scenic_area"},
		{"guangwushan", "guangwushan_scenic_area"},
		{"hongjun", ""},
		{"chongqing", ""},
	}
	for _, tc := range tests {
		h := Find(p, tc.query, 5)
		if len(h) == 0 || h[0].FeatureID == "" || tc.first != "" && h[0].FeatureID != tc.first {
			t.Errorf("Find(%q) = %v, want %q first", tc.query, h, tc.first)
		}
	}
}

// The search results close on Esc in the search box and on a click on the
// map: they cover the map.
func TestSearchResultsClose(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	test.Type(at.Search.Entry, "光雾")
	if !at.Search.Results.Visible() {
		t.Fatal("no results shown")
	}
	at.Search.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if at.Search.Results.Visible() {
		t.Error("Esc did not close the results")
	}
	test.Type(at.Search.Entry, "山")
	if !at.Search.Results.Visible() {
		t.Fatal("no results shown again")
	}
	test.TapAt(at.Map, fyne.NewPos(5, 5))
	if at.Search.Results.Visible() {
		t.Error("a click on the map did not close the results")
	}
}

// A wheel notch is a clear step (1.35×), and every change of view — wheel,
// "show on map", Home — shows the new scale in the status bar.
func TestWheelNotchAndScaleReadout(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	v0 := at.Map.View()
	test.Scroll(at.Win.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(at.Map).Add(fyne.NewPos(300, 300)), 0, wheelNotch)
	if r := v0.Scale / at.Map.View().Scale; r < 1.34 || r > 1.36 {
		t.Errorf("a wheel notch zoomed by %.3f×, want 1.35×", r)
	}
	shows := func(scale float64) bool {
		return strings.Contains(at.Status.Scale.Text, thousands(math.Round(scale/math.Pow(10, math.Floor(math.Log10(scale))-2))*math.Pow(10, math.Floor(math.Log10(scale))-2)))
	}
	if !shows(at.Map.View().Scale) {
		t.Errorf("after the wheel the status bar says %q, the map is at 1:%.0f", at.Status.Scale.Text, at.Map.View().Scale)
	}
	at.ShowClause("十一") // frames corridors reaching far beyond the city
	if !shows(at.Map.View().Scale) {
		t.Errorf("after show-on-map the status bar says %q, the map is at 1:%.0f", at.Status.Scale.Text, at.Map.View().Scale)
	}
	at.Home()
	if !shows(at.Map.View().Scale) {
		t.Errorf("after Home the status bar says %q, the map is at 1:%.0f", at.Status.Scale.Text, at.Map.View().Scale)
	}
}

// "Show on map" for a clause lists the clause's features in the detail
// panel, each a link; the panel keeps its width whatever it shows.
func TestClauseFeaturesListedAndPanelWidthStable(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.State.SetLang("en")
	paint(at)
	w0 := at.Detail.Object().Size().Width
	at.ShowClause("十一")
	paint(at)
	var links []string
	for _, o := range at.Detail.box.Objects {
		if h, ok := o.(*widget.Hyperlink); ok {
			links = append(links, h.Text)
		}
	}
	if len(links) != len(at.State.Selected()) || len(links) < 5 {
		t.Fatalf("%d links for %d selected features", len(links), len(at.State.Selected()))
	}
	if w := at.Detail.Object().Size().Width; w != w0 {
		t.Errorf("the detail panel went from %.0f to %.0f wide", w0, w)
	}
	at.Select("enyang_airport") // a feature with long related names in English
	paint(at)
	if w := at.Detail.Object().Size().Width; w != w0 {
		t.Errorf("selecting the airport moved the panel from %.0f to %.0f wide", w0, w)
	}
}

// After a drop-down or a check box, the keys are the map's again: F5
// presents and → steps scenes, rather than changing the theme.
func TestKeysWorkAfterControls(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	c := at.Win.Canvas()
	test.Tap(at.Layers.Checks["ecology"])
	if f := c.Focused(); f != nil {
		t.Errorf("the layer check kept the keyboard (%T)", f)
	}
	at.Layers.Stage.SetSelectedIndex(1)
	if f := c.Focused(); f != nil {
		t.Errorf("the stage drop-down kept the keyboard (%T)", f)
	}
	c.Focus(at.Search.Entry)
	test.Type(at.Search.Entry, "巴")
	at.State.SetLayer("ecology", true) // a change while typing
	if c.Focused() != at.Search.Entry {
		t.Error("the search box lost the keyboard while typing")
	}
}

// The Chinese interface shows its own words where the data found nothing,
// and labels data that is only in English.
func TestDetailSaysNoInformationInChinese(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Select("pingchang_ga_airport")
	text := strings.Join(textsIn(at.Detail.Object()), "")
	if strings.Contains(text, "No later information") || !strings.Contains(text, "截至2026年11月未找到公开的进展信息") {
		t.Errorf("detail panel: %q", text)
	}
	// Where it stands, said plainly, and cited, not the compiler's notes.
	if !strings.Contains(text, "位置示意：在县城") || !strings.Contains(text, "位置来源：Википедия") || !strings.Contains(text, "《Пинчан》") || !strings.Contains(text, "https://perceptioro.com/Пинчан") ||
		strings.Contains(text, "Site not found") || strings.Contains(text, "placed at") {
		t.Errorf("detail panel's position: %q", text)
	}
	// A feature with dated steps says the latest in Chinese, not the
	// gazetteer's English summary.
	at.Select("cangba_expressway")
	text = strings.Join(textsIn(at.Detail.Object()), "")
	if !strings.Contains(text, "2020年后进展：2025年4月1日") || strings.Contains(text, "opened end-2023") {
		t.Errorf("detail panel's progress line: %q", text)
	}
	// A summary with no dated step since is said in Chinese where the
	// gazetteer has it in Chinese; English data would be labelled as such.
	at.Select("tongjiang_ga_airport")
	text = strings.Join(textsIn(at.Detail.Object()), "")
	if !strings.Contains(text, "选址报告通过评审") || strings.Contains(text, "site-study report") {
		t.Errorf("status not in Chinese: %q", text)
	}
	if got := inLang("zh", "Opened 2019-02-03"); got != "Opened 2019-02-03（英文资料）" {
		t.Errorf("English data not labelled: %q", got)
	}
}

// The main menu holds File, Edit, View, Present and Help in the
// interface's language, with the platform's accelerators, and its items act.
func TestMainMenu(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	m := at.Win.MainMenu()
	if m == nil || len(m.Items) != 5 || m.Items[0].Label != "文件" || m.Items[1].Label != "编辑" || m.Items[4].Label != "帮助" {
		t.Fatalf("menu %+v", m)
	}
	find := func(label string) *fyne.MenuItem {
		for _, menu := range at.Win.MainMenu().Items {
			for _, it := range menu.Items {
				if it.Label == label {
					return it
				}
			}
		}
		t.Fatalf("no menu item %q", label)
		return nil
	}
	for _, label := range []string{"打开图层", "导出", "测量", "定位到坐标", "批注", "撤销", "重做"} {
		sc, ok := find(label).Shortcut.(fyne.KeyboardShortcut)
		if !ok || sc.Mod() != fyne.KeyModifierShortcutDefault {
			t.Errorf("%s has no Ctrl/⌘ accelerator", label)
		}
	}
	find("图例").Action()
	if at.State.Legend() || at.legendCheck.Checked {
		t.Error("the menu's legend item did not turn the legend off, or the toolbar did not follow")
	}
	find("键盘快捷键").Action()
	if !strings.Contains(strings.Join(textsIn(at.Win.Canvas().Overlays().Top()), " "), "开始或结束演示") {
		t.Error("the keyboard help does not list F5")
	}
	find("English").Action()
	if at.Win.MainMenu().Items[0].Label != "File" {
		t.Error("the menu did not follow the language")
	}
	at.Presentation.Present()
	if at.Win.MainMenu() != nil {
		t.Error("the menu stays while presenting")
	}
	at.Presentation.active.Leave()
	if at.Win.MainMenu() == nil {
		t.Error("the menu did not come back")
	}
}

// A quote is copied with its citation, from the detail panel or the
// map's right-click menu, which also copies coordinates.
func TestCopyQuoteAndContextMenu(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	_, res := at.Map.Result()
	pt := res.Points["enyang_airport"]
	s := at.Map.pixScale
	pos := fyne.NewPos(float32(pt[0])/s, float32(pt[1])/s)
	test.TapSecondaryAt(at.Map, pos)
	menu := at.Win.Canvas().Overlays().Top()
	if menu == nil || !strings.Contains(strings.Join(textsIn(menu), "|"), "复制坐标") {
		t.Fatalf("no context menu after a right-click: %v", textsIn(menu))
	}
	var labels []string
	x, y := at.Map.toPixels(pos)
	ll := at.Map.View().LonLat(x, y)
	for _, it := range at.Context.contextMenuFor(at.Map.HitAt(pos), [2]float64{ll[0], ll[1]}).Items {
		labels = append(labels, it.Label)
		if it.Label == "复制原文（附出处）" {
			it.Action()
		}
	}
	got := at.App.Clipboard().Content()
	if !strings.Contains(got, "有序拓展恩阳机场至重要区域中心城市航线") || !strings.Contains(got, "《中共巴中市委关于加快融入成渝地区双城经济圈建设的决定》(十一)") {
		t.Errorf("copied %q (menu %v)", got, labels)
	}
	for _, want := range []string{"复制坐标", "在此放大", "这里是什么", "缩放到该要素"} {
		if !strings.Contains(strings.Join(labels, "|"), want) {
			t.Errorf("the menu lacks %q: %v", want, labels)
		}
	}
	// The detail panel's copy button gives the same citation.
	at.Win.Canvas().Overlays().Remove(menu)
	at.Select("enyang_airport")
	at.App.Clipboard().SetContent("")
	for _, o := range test.LaidOutObjects(at.Detail.Object()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "复制原文（附出处）" {
			test.Tap(b)
			break
		}
	}
	if got := at.App.Clipboard().Content(); !strings.HasPrefix(got, "“着力") || !strings.Contains(got, "》(十一)") {
		t.Errorf("the detail panel copied %q", got)
	}
}

// Every icon button says what it does when the pointer rests on it.
func TestIconButtonsHaveTips(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	open(t, at, testdata+"good.gpx") // its row has icon buttons too
	var tips []*tipButton
	objs := append(test.LaidOutObjects(at.toolbar), test.LaidOutObjects(at.Layers.Object())...)
	for _, o := range objs {
		if b, ok := o.(*tipButton); ok {
			tips = append(tips, b)
		}
		if b, ok := o.(*widget.Button); ok && b.Text == "" && b.Icon != nil {
			t.Errorf("an icon button without a tip: %s", b.Icon.Name())
		}
	}
	if len(tips) < 4 {
		t.Fatalf("%d tip buttons", len(tips))
	}
	b := tips[0]
	b.MouseIn(&desktop.MouseEvent{})
	time.Sleep(tipDelay + 100*time.Millisecond)
	settle(t, at)
	if top := at.Win.Canvas().Overlays().Top(); top == nil || !strings.Contains(strings.Join(textsIn(top), ""), b.Tip) {
		t.Errorf("resting on %q shows no tip", b.Tip)
	}
	b.MouseOut()
	if at.Win.Canvas().Overlays().Top() != nil {
		t.Error("the tip stays after the pointer leaves")
	}
}

// While a pan waits for its frame, the uncovered strip takes the frame's
// theme's background: dark in the dark theme, not a light flash.
func TestPanStripMatchesTheme(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.State.SetTheme("dark")
	paint(at)
	v := at.Map.View()
	at.Map.Pan(300, 0)
	img := at.Map.draw(v.Width, v.Height)
	want := render.ThemeDark.Palette().Background
	r, g, b, _ := img.At(10, v.Height/2).RGBA()
	if uint8(r>>8) != want.R || uint8(g>>8) != want.G || uint8(b>>8) != want.B {
		t.Errorf("the uncovered strip is %v, want the dark background %v", img.At(10, v.Height/2), want)
	}
	settle(t, at)
}

// On the first run the whole city shows clear of the legend, as after Home.
func TestFirstRunShowsTheCityClearOfTheLegend(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	paint(at)
	v := at.Map.View()
	at.Home()
	w := at.Map.View()
	if math.Abs(v.Scale/w.Scale-1) > 0.01 || math.Abs(v.Center[0]-w.Center[0]) > 1e-4 || math.Abs(v.Center[1]-w.Center[1]) > 1e-4 {
		t.Errorf("first view 1:%.0f at %v, Home gives 1:%.0f at %v", v.Scale, v.Center, w.Scale, w.Center)
	}
}

// A zoom shows the last frame magnified about the right point at once; a
// pixel of the map stays under the same map point.
func TestScaleFrame(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 100, 80))
	src.Set(60, 50, color.RGBA{255, 0, 0, 255})
	dst := image.NewRGBA(src.Bounds())
	// Twice as large, the source's (50, 40) at the destination's centre.
	ScaleFrame(dst, src, 2, 50, 40, 50, 40, color.RGBA{0, 0, 255, 255})
	// Source (60, 50) is 10, 10 from the centre: 20, 20 after, at (70, 60)–(71, 61).
	for _, p := range []image.Point{{70, 60}, {71, 61}} {
		if c := dst.RGBAAt(p.X, p.Y); c.R != 255 {
			t.Errorf("at %v: %v, want the magnified red pixel", p, c)
		}
	}
	if c := dst.RGBAAt(69, 59); c.R == 255 {
		t.Error("the red pixel spread too far")
	}
	// Zoomed out, what the frame does not cover is the background.
	ScaleFrame(dst, src, 0.5, 50, 40, 50, 40, color.RGBA{0, 0, 255, 255})
	if c := dst.RGBAAt(2, 2); c.B != 255 || c.R != 0 {
		t.Errorf("corner after zooming out: %v, want the background", c)
	}
}

// A gesture frame at 3840×2160: the last frame scaled to the new zoom.
func BenchmarkZoomComposite4K(b *testing.B) {
	src := image.NewRGBA(image.Rect(0, 0, 3840, 2160))
	dst := image.NewRGBA(src.Bounds())
	bg := color.NRGBA{0xEF, 0xEB, 0xE2, 0xFF}
	for i := 0; b.Loop(); i++ {
		ScaleFrame(dst, src, 1.35+float64(i%3)*0.1, 1900, 1100, 1920, 1080, bg)
	}
}

// On a Retina/HiDPI screen (canvas scale 2) the map draws device pixels at
// 192 dpi, so lines and labels keep their size and gain sharpness; a zoom
// shows the last frame scaled at once, then the frame for the new scale.
func TestMapAtCanvasScale2(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Win.Canvas().(test.WindowlessCanvas).SetScale(2)
	at.Win.Resize(fyne.NewSize(1400, 900))
	at.Map.Redraw()
	paint(at)
	v := at.Map.View()
	size := at.Map.Size()
	near := func(px int, units float32) bool { return math.Abs(float64(px)-float64(units)*2) <= 1 }
	if v.DPI != 192 || !near(v.Width, size.Width) || !near(v.Height, size.Height) {
		t.Fatalf("view %dx%d at %v dpi for a widget of %v", v.Width, v.Height, v.DPI, size)
	}
	f := at.Map.Frame()
	if f == nil || f.Bounds().Dx() != v.Width {
		t.Fatalf("frame %v, want %d device pixels wide", f.Bounds(), v.Width)
	}
	// A wheel notch: before the new frame, the one shown is the old one
	// magnified, not the old one as it was.
	old := append([]byte(nil), f.Pix...)
	at.Map.ZoomAt(1.35, float64(v.Width)/2, float64(v.Height)/2)
	shown := at.Map.raster.Generator(v.Width, v.Height).(*image.RGBA)
	if bytes.Equal(shown.Pix, old) {
		t.Error("the zoom showed the old frame unscaled")
	}
	paint(at)
	if nv := at.Map.View(); nv.Scale >= v.Scale || at.Map.Frame() == f {
		t.Errorf("after the zoom: scale %v (was %v); a new frame: %v", nv.Scale, v.Scale, at.Map.Frame() != f)
	}
}
