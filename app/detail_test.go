package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/planatlas/planatlas/geo/plan"
)

func TestCiteText(t *testing.T) {
	tests := []struct {
		in   plan.Citation
		want string
	}{
		{plan.Citation{Publisher: "万源市人民政府", Title: "巴万高速通车", Date: "2021-01-02", Link: "http://x"}, "万源市人民政府《巴万高速通车》 2021-01-02 http://x"},
		{plan.Citation{Publisher: "Википедия", Title: "Пинчан", Link: "https://y"}, "Википедия《Пинчан》 https://y"},
		{plan.Citation{Publisher: "人民网", Date: "2023-05-10", Link: "http://z"}, "人民网 2023-05-10 http://z"},
		{plan.Citation{Publisher: "文化和旅游部", Title: "名录"}, "文化和旅游部《名录》"},
	}
	for _, tt := range tests {
		if got := citeText(tt.in); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The airport's progress since 2020 says the same in both languages: its
// opening and its air cargo, not only the latest step in Chinese.
func TestAirportSinceSaysTheSameInBothLanguages(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	for _, tt := range []struct{ lang, opened, cargo string }{
		{"zh", "2019年2月3日通航", "2020年11月30日开通航空货运"},
		{"en", "Opened 2019-02-03", "air cargo service opened 2020-11-30"},
	} {
		at.State.SetLang(tt.lang)
		at.Select("enyang_airport")
		paint(at)
		var text string
		for _, o := range at.Detail.box.Objects {
			if rt, ok := o.(*widget.RichText); ok {
				text += richText(rt) + "\n"
			}
		}
		if !strings.Contains(text, tt.opened) || !strings.Contains(text, tt.cargo) {
			t.Errorf("%s: the panel lacks %q or %q:\n%s", tt.lang, tt.opened, tt.cargo, text)
		}
	}
}
