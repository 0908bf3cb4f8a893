package app

// tableCol is a column of the progress table: the cell of a row it shows
// (an index of progress.Row.Cells), its least width, its share of the width
// beyond the least widths (0: it keeps its least width), and when it is given
// up on a narrow panel (1 first, then 2…; 0: never).
type tableCol struct {
	cell   int
	min    float32
	weight float32
	drop   int
}

// tableCols are the progress table's columns, left to right. What a planner
// asks of the table — which project, where it stands, since when, what
// happened — never goes; the source (in the detail panel and every export),
// the text's verb and the clause make room first.
var tableCols = []tableCol{
	{cell: 0, min: 120, weight: 3},          // feature
	{cell: 2, min: 64, drop: 3},             // clause
	{cell: 3, min: 84, weight: 1, drop: 2},  // the text asks
	{cell: 5, min: 96},                      // stage now
	{cell: 6, min: 92},                      // reached
	{cell: 7, min: 180, weight: 5},          // what happened
	{cell: 8, min: 160, weight: 3, drop: 1}, // source
}

// fitColumns chooses the columns that fit in width, where each column also
// takes sep, and their widths: the fewest columns given up, the width left
// over shared by weight. When even the columns that never go do not fit,
// they keep their least widths and the table scrolls. shown indexes cols.
func fitColumns(cols []tableCol, width, sep float32) (shown []int, widths []float32) {
	maxDrop := 0
	for _, c := range cols {
		maxDrop = max(maxDrop, c.drop)
	}
	for level := 0; level <= maxDrop; level++ {
		shown = shown[:0]
		need, weights := float32(0), float32(0)
		for i, c := range cols {
			if c.drop != 0 && c.drop <= level {
				continue
			}
			shown = append(shown, i)
			need += c.min + sep
			weights += c.weight
		}
		if need > width && level < maxDrop {
			continue
		}
		extra := max(width-need, 0)
		widths = make([]float32, len(shown))
		for j, i := range shown {
			widths[j] = cols[i].min
			if weights > 0 {
				widths[j] += extra * cols[i].weight / weights
			}
		}
		return shown, widths
	}
	return nil, nil
}
