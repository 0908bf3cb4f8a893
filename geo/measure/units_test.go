package measure_test

import (
	"testing"

	"github.com/planatlas/planatlas/geo/measure"
)

func TestFormat(t *testing.T) {
	lengths := []struct {
		m    float64
		want string
	}{
		{0, "0 m"}, {849.6, "850 m"}, {1234.5, "1.23 km"}, {12345, "12.35 km"}, {288748.08, "288.7 km"}, {15347674, "15,347.7 km"},
	}
	for _, tt := range lengths {
		if got := measure.FormatLength(tt.m); got != tt.want {
			t.Errorf("FormatLength(%v) = %q, want %q", tt.m, got, tt.want)
		}
	}
	areas := []struct {
		m2   float64
		lang string
		want string
	}{
		{500, "zh", "500 m²（0.75 亩）"},
		{1e6, "zh", "1.00 km²（100 公顷，1,500 亩）"},
		{666666.67, "zh", "66.67 公顷（1,000 亩）"},
		{1e6, "en", "1.00 km² (100 ha, 1,500 mu)"},
		{2.5e8, "zh", "250.00 km²（25,000 公顷，375,000 亩）"},
	}
	for _, tt := range areas {
		if got := measure.FormatArea(tt.m2, tt.lang); got != tt.want {
			t.Errorf("FormatArea(%v, %s) = %q, want %q", tt.m2, tt.lang, got, tt.want)
		}
	}
}
