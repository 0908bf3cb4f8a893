package layer

// Report says what a reader left out of a layer, and what the planner
// should know about the rest: a file opens with every good feature, and
// the bad ones are counted, the first few named.
type Report struct {
	Skipped  int     // features (records, placemarks, rows) left out
	First    []Skip  // the first MaxNamedSkips of them, where and why
	Warnings []Fault // about the whole file, e.g. a datum not shifted
}

// MaxNamedSkips is how many skipped features a report names.
const MaxNamedSkips = 5

// Skip is one feature left out: where it is and why.
type Skip struct {
	Place Place
	Table string // the GeoPackage table, when the file has several
	Fault
}

// Skip counts a feature left out, naming it when it is among the first.
func (r *Report) Skip(place Place, f *Fault) {
	r.Skipped++
	if len(r.First) < MaxNamedSkips {
		r.First = append(r.First, Skip{Place: place, Fault: *f})
	}
}

// Warn adds a warning about the whole file, once.
func (r *Report) Warn(f *Fault) {
	for _, w := range r.Warnings {
		if w == *f {
			return
		}
	}
	r.Warnings = append(r.Warnings, *f)
}

// Merge adds another report's skips and warnings (a GeoPackage's tables).
func (r *Report) Merge(o Report, table string) {
	for _, s := range o.First {
		if len(r.First) < MaxNamedSkips {
			s.Table = table
			r.First = append(r.First, s)
		}
	}
	r.Skipped += o.Skipped
	for _, w := range o.Warnings {
		r.Warn(&w)
	}
}

// Empty says whether there is nothing to report.
func (r Report) Empty() bool { return r.Skipped == 0 && len(r.Warnings) == 0 }
