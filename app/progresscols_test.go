package app

import "testing"

func TestFitColumns(t *testing.T) {
	cols := []tableCol{
		{cell: 0, min: 100, weight: 1},
		{cell: 1, min: 50, drop: 2},
		{cell: 2, min: 100, weight: 3},
		{cell: 3, min: 80, weight: 1, drop: 1},
	}
	tests := []struct {
		name   string
		width  float32
		shown  []int
		widths []float32
	}{
		{"all fit exactly", 370, []int{0, 1, 2, 3}, []float32{100, 50, 100, 80}},
		{"room to share by weight", 410, []int{0, 1, 2, 3}, []float32{108, 50, 124, 88}},
		{"the first to go goes", 300, []int{0, 1, 2}, []float32{105, 50, 115}},
		{"then the next", 240, []int{0, 2}, []float32{105, 115}},
		{"too narrow for the keepers: least widths, the table scrolls", 100, []int{0, 2}, []float32{100, 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			shown, widths := fitColumns(cols, tt.width, 10)
			if len(shown) != len(tt.shown) {
				t.Fatalf("shown %v, want %v", shown, tt.shown)
			}
			for i := range shown {
				if shown[i] != tt.shown[i] || widths[i] != tt.widths[i] {
					t.Fatalf("shown %v widths %v, want %v %v", shown, widths, tt.shown, tt.widths)
				}
			}
		})
	}
}
