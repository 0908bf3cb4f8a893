package sources

import (
	"slices"
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
