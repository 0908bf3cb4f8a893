package sources

import (
	"github.com/planatlas/planatlas/geo/plan"
	"slices"
	"strings"
	"testing"
)

func TestNamePinyin(t *testing.T) {
	tests := []struct {
		zh            string
		full, initial string // one of the readings
	}{
		{"光雾山旅游景区", "guangwushanlvyoujingqu", "gwslyjq"},
		{"重庆", "chongqing", "cq"},
		{"巴中恩阳机场", "bazhongenyangjichang", "bzeyjc"},
		{"川陕苏区红军烈士陵园", "chuanshansuquhongjunlieshilingyuan", "cssqhjlsly"},
	}
	for _, tc := range tests {
		full, initials := namePinyin(tc.zh)
		if !slices.Contains(full, tc.full) || !slices.Contains(initials, tc.initial) {
			t.Errorf("%s: %v %v, want %s and %s among them", tc.zh, full, initials, tc.full, tc.initial)
		}
		if len(full) > maxPinyinVariants {
			t.Errorf("%s: %d readings", tc.zh, len(full))
		}
	}
	if full, _ := namePinyin("Bazhong"); full != nil {
		t.Errorf("a name without Chinese read as %v", full)
	}
}

// Sources shown to planners are citations: no pointers to the compiler's
// working files or search tools.
func TestSourcesAreCitations(t *testing.T) {
	for _, s := range []string{
		"Control points named in the text. Waypoint coordinates: see the cities rows / places list in gazetteer.md.",
		"County seats used. Waypoint coordinates: see the cities rows.",
	} {
		if got := citation(s); strings.Contains(got, "gazetteer.md") || strings.Contains(got, "Waypoint coordinates") || !strings.HasSuffix(got, ".") {
			t.Errorf("citation(%q) = %q", s, got)
		}
	}
	for _, s := range []string{tiandituSource, gshhgSource} {
		cs := plan.ParseCitations(s)
		if len(cs) != 1 || cs[0].Publisher == "" || !strings.HasPrefix(cs[0].Link, "https://") || strings.Contains(s, "PROVENANCE") {
			t.Errorf("base-map source is not a citation: %q", s)
		}
	}
}
