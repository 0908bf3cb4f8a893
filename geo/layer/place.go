package layer

import (
	"context"
	"errors"
	"io"
	"math"
	"os"
	"runtime"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/crs"
	"github.com/planatlas/planatlas/geo/guard"
)

// IsCancel says whether err is a cancelled or timed-out read.
func IsCancel(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// TimedOut turns a read past its deadline into a ReadError that says so
// (errors.Is still finds context.DeadlineExceeded); a cancelled read stays
// context.Canceled, which callers pass over in silence.
func TimedOut(name string, err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return &ReadError{File: name, Fault: Fault{Problem: ProblemTimedOut}, Err: err}
	}
	return err
}

// RefuseEmpty says why a layer with nothing to draw is refused: its
// features were all bad, none had a geometry, it holds only tables of
// attributes, or there were none.
func (l *Layer) RefuseEmpty() *ReadError {
	if len(l.Features) > 0 {
		return nil
	}
	r := l.Report
	switch {
	case r.Skipped > 0:
		first := r.First[0]
		return &ReadError{Place: first.Place, Table: first.Table, Fault: first.Fault, Skipped: r.Skipped}
	case len(l.Unplaced) > 0:
		return &ReadError{Fault: Fault{Problem: ProblemOnlyUnplaced, N: int64(len(l.Unplaced))}}
	case len(r.Warnings) > 0 && r.Warnings[0].Problem == ProblemRasterOnly:
		return &ReadError{Fault: r.Warnings[0]}
	}
	// Only tables of attributes (a geodatabase or GeoPackage of tables):
	// say which, and how many rows they hold.
	for _, w := range r.Warnings {
		if w.Problem == ProblemAttributeTables {
			return &ReadError{Fault: w}
		}
	}
	return &ReadError{Fault: Fault{Problem: ProblemEmpty}}
}

// ToLonLat converts the features from index start on from sys to lon/lat
// (then from GCJ-02 when opt says so). A feature whose own coordinates lie
// outside what sys can convert, or that do not come out as lon/lat, is
// left out and reported, quoting the file's numbers.
func (l *Layer) ToLonLat(start int, sys crs.CRS, opt Options) {
	sys = sys.WithHelmert(opt.Helmert)
	// Each feature is converted on its own, so the work is shared among
	// the cores (a fault in one is raised here, for the read's recover to
	// report); what was kept, set aside or left out is then gathered in
	// the file's order.
	n := len(l.Features) - start
	verdicts := make([]*Fault, n)
	empty := &Fault{} // the verdict of a shape without points
	workers := min(runtime.GOMAXPROCS(0), n/2048+1)
	var g guard.Group
	for w := 0; w < workers; w++ {
		g.Go(func() {
			for k := w * n / workers; k < (w+1)*n/workers; k++ {
				f := &l.Features[start+k]
				verdicts[k] = place(f, sys, opt, empty)
			}
		})
	}
	g.Raise()
	kept := l.Features[:start]
	for k := 0; k < n; k++ {
		f := l.Features[start+k]
		switch v := verdicts[k]; v {
		case nil:
			kept = append(kept, f)
		case empty:
			// An empty shape (a polygon none of whose rings has three
			// points): kept for its attributes, as a record without one.
			f.Geometry = nil
			l.Unplaced = append(l.Unplaced, f)
		default:
			where := f.Src.Place()
			if where.Kind == Nowhere {
				where = FeaturePlace(start + k + 1)
			}
			l.Report.Skip(where, v)
		}
	}
	l.Features = kept
	l.Placed = true
	switch sys.Note {
	case crs.NoteNoShift:
		l.Report.Warn(&Fault{Problem: ProblemNoDatumShift, Subject: sys.Name, Detail: sys.Datum})
	case crs.NoteHelmert:
		l.Report.Warn(&Fault{Problem: ProblemHelmertApplied, Subject: sys.Name, Detail: sys.Datum})
	}
}

// place converts one feature's shape to lon/lat in place and says why it
// cannot be drawn (nil when it can; empty for a shape without points).
func place(f *Feature, sys crs.CRS, opt Options, empty *Fault) *Fault {
	if f.Geometry == nil || CountPoints(f.Geometry) == 0 {
		return empty
	}
	raw := f.Geometry.Bound()
	if !FiniteBound(raw) {
		return NewFault(ProblemBadCoordinate, "NaN", "")
	}
	if sys.Domain != nil && !sys.Domain(raw) {
		return &Fault{Problem: ProblemOutsideCRS, Subject: sys.Name, Detail: RangeText(raw), N: int64(sys.Hint(raw)), M: int64(raw.Min[0] / 1e6)}
	}
	g := f.Geometry
	if sys.ToLonLat != nil {
		g = Transform(g, sys.ToLonLat)
	}
	if b := g.Bound(); !FiniteBound(b) || b.Min[0] < -180 || b.Max[0] > 180 || b.Min[1] < -90 || b.Max[1] > 90 {
		if sys.ToLonLat == nil {
			return NewFault(ProblemNotLonLat, "", RangeText(raw))
		}
		return &Fault{Problem: ProblemOutsideCRS, Subject: sys.Name, Detail: RangeText(raw)}
	}
	if opt.GCJ02 {
		g = Transform(g, crs.GCJ02ToWGS84)
	}
	f.Geometry = g
	return nil
}

// RangeText quotes a bound as the file wrote its numbers: "x 36512345.5–36523456, y 3512345–3523456".
func RangeText(b orb.Bound) string {
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	span := func(a, b float64) string {
		if a == b {
			return num(a)
		}
		return num(a) + "–" + num(b)
	}
	return "x " + span(b.Min[0], b.Max[0]) + ", y " + span(b.Min[1], b.Max[1])
}

// Finite says whether v is a number (not NaN, not infinite).
func Finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func FiniteBound(b orb.Bound) bool {
	return Finite(b.Min[0]) && Finite(b.Min[1]) && Finite(b.Max[0]) && Finite(b.Max[1])
}

// ReadFile reads a whole file as readAll does, finding its size.
func ReadFile(path string, opt Options) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	return ReadAll(path, st.Size(), opt)
}

// ReadAll reads a file, reporting progress and honouring cancellation.
func ReadAll(path string, size int64, opt Options) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 0, size+1)
	chunk := make([]byte, 1<<20)
	for {
		if err := opt.Ctx().Err(); err != nil {
			return nil, err
		}
		n, err := f.Read(chunk)
		buf = append(buf, chunk[:n]...)
		if opt.Progress != nil {
			opt.Progress(int64(len(buf)), size)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
