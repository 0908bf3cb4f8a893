package measure_test

import (
	"fmt"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/measure"
)

func ExampleLength() {
	// Bazhong Enyang Airport to the centre of Bazhong.
	line := orb.LineString{{106.645, 31.738}, {106.772, 31.8557}}
	fmt.Println(measure.FormatLength(measure.Length(line)))
	// Output: 17.75 km
}

func ExampleArea() {
	// A quarter-degree cell over Bazhong.
	cell := orb.Polygon{{{106.75, 31.75}, {107, 31.75}, {107, 32}, {106.75, 32}, {106.75, 31.75}}}
	fmt.Println(measure.FormatArea(measure.Area(cell), "zh"))
	// Output: 655.75 km²（65,575 公顷，983,627 亩）
}
