package layer

// SplitBy divides a layer by the value of one attribute (a geodatabase's
// "layer", its feature classes): one layer for each value, in the order
// they first come, each with its features, its records without geometry
// and the layer's columns (the attribute itself left out). The report
// stays with the first. A layer with one value or none is returned as it
// is, alone.
func (l *Layer) SplitBy(field string) (values []string, parts []*Layer) {
	index := map[string]int{}
	part := func(f Feature) *Layer {
		v, _ := f.Attr(field).(string)
		i, ok := index[v]
		if !ok {
			i = len(parts)
			index[v] = i
			values = append(values, v)
			p := &Layer{Name: l.Name + " · " + v, Path: l.Path, Format: l.Format, CRS: l.CRS, Encoding: l.Encoding, Placed: l.Placed}
			for _, c := range l.Fields {
				if c != field {
					p.Fields = append(p.Fields, c)
				}
			}
			parts = append(parts, p)
		}
		return parts[i]
	}
	for _, f := range l.Features {
		p := part(f)
		p.Features = append(p.Features, f)
	}
	for _, f := range l.Unplaced {
		p := part(f)
		p.Unplaced = append(p.Unplaced, f)
	}
	if len(parts) <= 1 {
		return values, []*Layer{l}
	}
	parts[0].Report = l.Report
	return values, parts
}
