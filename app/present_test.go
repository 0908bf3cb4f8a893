package app

import (
	"fyne.io/fyne/v2/theme"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func press(at *Atlas, k fyne.KeyName) { at.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k}) }

func TestPresentationStepsThroughScenes(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	before := at.State.VisibleLayers()
	press(at, fyne.KeyF5)
	if !at.Presentation.Presenting() || !at.Win.FullScreen() {
		t.Fatal("F5 did not start presentation mode")
	}
	pr := at.Presentation.active
	keys := []fyne.KeyName{fyne.KeyPageDown, fyne.KeyRight, fyne.KeySpace, fyne.KeyPageDown, fyne.KeyRight, fyne.KeySpace, fyne.KeyPageDown}
	for i, s := range at.Plan.Scenes {
		if pr.Index != i {
			t.Fatalf("at scene %d, want %d", pr.Index, i)
		}
		// The visible layers are exactly the scene's.
		for _, info := range at.Plan.Groups() {
			g := info.ID
			want := false
			for _, l := range s.Layers {
				want = want || l == g
			}
			if at.State.LayerVisible(g) != want {
				t.Errorf("scene %s: layer %s visible %v, want %v", s.ID, g, at.State.LayerVisible(g), want)
			}
		}
		if pr.Caption.Text != s.NameZh || pr.Clauses.Text != s.Caption(at.Plan.Doc) || !strings.HasPrefix(pr.Mark.Text, itoa(i+1)+" / ") {
			t.Errorf("scene %s: caption %q / %q / %q", s.ID, pr.Caption.Text, pr.Clauses.Text, pr.Mark.Text)
		}
		for _, c := range s.Clauses {
			if !strings.Contains(pr.Clauses.Text, "("+c+")") {
				t.Errorf("scene %s: caption lacks clause (%s)", s.ID, c)
			}
		}
		// The map shows the scene's area.
		if b := at.Map.View().Bound(); !b.Contains(s.Bound().Center()) {
			t.Errorf("scene %s: view %v does not show its area", s.ID, b)
		}
		if i < len(keys) {
			press(at, keys[i])
		}
	}
	// Back with the keys a clicker sends.
	press(at, fyne.KeyPageUp)
	press(at, fyne.KeyLeft)
	if pr.Index != len(at.Plan.Scenes)-3 {
		t.Errorf("after two steps back at %d", pr.Index)
	}
	press(at, fyne.Key3)
	if pr.Index != 2 || pr.Caption.Text != "对外通道" {
		t.Errorf("key 3: scene %d %q", pr.Index, pr.Caption.Text)
	}
	press(at, fyne.KeyB)
	if !pr.Black.Visible() {
		t.Error("B did not black the screen")
	}
	press(at, fyne.KeyB)
	if pr.Black.Visible() {
		t.Error("B did not bring the map back")
	}
	press(at, fyne.KeyEscape)
	if at.Presentation.Presenting() || at.Win.FullScreen() {
		t.Error("Esc did not leave presentation mode")
	}
	for k, v := range before {
		if at.State.LayerVisible(k) != v {
			t.Errorf("layer %s not restored", k)
		}
	}
}

func TestPresentationClickShowsQuote(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Presentation.Present()
	pr := at.Presentation.active
	pr.Go(2) // 对外通道
	paint(at)
	_, res := at.Map.Result()
	pt, ok := res.Points["enyang_airport"]
	if !ok {
		t.Fatal("the airport is not drawn in the corridors scene")
	}
	s := at.Map.pixScale
	test.TapAt(at.Map, fyne.NewPos(float32(pt[0])/s, float32(pt[1])/s))
	if !pr.Quote.Visible() || !strings.Contains(pr.QuoteText(), "有序拓展恩阳机场至重要区域中心城市航线") {
		t.Errorf("quote overlay %v: %q", pr.Quote.Visible(), pr.QuoteText())
	}
	press(at, fyne.KeyEscape)
	if pr.Quote.Visible() || !at.Presentation.Presenting() {
		t.Error("the first Esc should close the quote and stay in presentation mode")
	}
}

// Type for a room, and a quote that closes on any click without the click
// reaching the map.
func TestPresentationTypeAndQuoteBox(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Win.Resize(fyne.NewSize(1920, 1080))
	at.Presentation.Present()
	pr := at.Presentation.active
	if pr.Caption.TextSize < 48 || pr.Clauses.TextSize < 32 || at.State.TextSize() < 2 {
		t.Errorf("title %.0f, clauses %.0f, label factor %.1f: too small for a room", pr.Caption.TextSize, pr.Clauses.TextSize, at.State.TextSize())
	}
	if size := at.theme.Size(theme.SizeNameSubHeadingText); size < 32 {
		t.Errorf("quote text %.0f px", size)
	}
	pr.Go(2)
	settle(t, at)
	pr.tap("enyang_airport")
	if !pr.Quote.Visible() || !pr.closer.Visible() {
		t.Fatal("no quote")
	}
	sel := at.State.Selected()
	test.Tap(pr.closer)
	if pr.Quote.Visible() {
		t.Error("a click did not close the quote")
	}
	if got := at.State.Selected(); strings.Join(got, ",") != strings.Join(sel, ",") {
		t.Errorf("closing the quote changed the selection: %v → %v", sel, got)
	}
	// The box is as wide as 70 % of the screen and as tall as its text.
	pr.tap("enyang_airport")
	pr.Quote.Refresh()
	at.Win.Canvas().Capture()
	if w, full := pr.Quote.Size().Width, at.Win.Canvas().Size().Width; w < 0.65*full || w > 0.75*full {
		t.Errorf("quote box %.0f wide on a %.0f screen", w, full)
	}
	press(at, fyne.KeyEscape)
	if pr.Quote.Visible() || !at.Presentation.Presenting() {
		t.Error("Esc should close the quote and stay in presentation")
	}
}

// L puts a compact legend on the scenes: what this scene shows, without
// the base map's rows, at a size that leaves the map to the room.
func TestSceneLegendAtThePlannersChoice(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Win.Resize(fyne.NewSize(1920, 1080))
	paint(at)
	at.Presentation.Present()
	settle(t, at)
	if _, res := at.Map.Result(); res.Legend[2] > res.Legend[0] {
		t.Fatal("a legend on the scene before the planner asked")
	}
	press(at, fyne.KeyL)
	settle(t, at)
	at.Win.Canvas().Capture()
	settle(t, at)
	s, res := at.Map.Result()
	lg := res.Legend
	if lg[2] <= lg[0] || !s.Frame.CompactLegend {
		t.Fatalf("L shows no compact legend: %v", lg)
	}
	if w, h := lg[2]-lg[0], lg[3]-lg[1]; w*h > 0.2*float64(s.View.Width*s.View.Height) {
		t.Errorf("the compact legend takes %.0f %% of the map", 100*w*h/float64(s.View.Width*s.View.Height))
	}
	press(at, fyne.KeyL)
	settle(t, at)
	if _, res := at.Map.Result(); res.Legend[2] > res.Legend[0] {
		t.Error("L again did not hide the legend")
	}
}
