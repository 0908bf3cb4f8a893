package app

import (
	"testing"

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
