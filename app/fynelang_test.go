package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
)

// Fyne's own file dialog speaks the app's language, and follows a switch.
func TestFyneDialogsInTheAppsLanguage(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"zh", []string{"打开 文件", "取消"}},
		{"en", []string{"Open File", "Cancel"}},
		{"zh", []string{"打开 文件", "取消"}},
	} {
		at.State.SetLang(tt.lang)
		settle(t, at)
		if got := lang.L("Cancel"); got != tt.want[1] {
			t.Errorf("%s: Cancel is %q", tt.lang, got)
		}
		d := dialog.NewFileOpen(nil, at.Win)
		d.Show()
		texts := strings.Join(textsIn(at.Win.Canvas().Overlays().Top()), "|") + labelTexts(at.Win.Canvas().Overlays().Top())
		for _, w := range tt.want {
			if !strings.Contains(texts, w) {
				t.Errorf("%s: the file dialog has no %q: %s", tt.lang, w, texts)
			}
		}
		d.Hide()
	}
	at.State.SetLang("zh")
}
