package layer

import (
	"context"
	"errors"
	"io"
	"math"
	"os"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/crs"
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
	kept := l.Features[:start]
	for i := start; i < len(l.Features); i++ {
		f := l.Features[i]
		if f.Geometry == nil || CountPoints(f.Geometry) == 0 {
			// An empty shape (a polygon none of whose rings has three
			// points): kept for its attributes, as a record without one.
			f.Geometry = nil
			l.Unplaced = append(l.Unplaced, f)
			continue
		}
		raw := f.Geometry.Bound()
		where := f.Src.Place()
		if where.Kind == Nowhere {
			where = FeaturePlace(i + 1)
		}
		if !FiniteBound(raw) {
			l.Report.Skip(where, NewFault(ProblemBadCoordinate, "NaN", ""))
			continue
		}
		if sys.Domain != nil && !sys.Domain(raw) {
			l.Report.Skip(where, &Fault{Problem: ProblemOutsideCRS, Subject: sys.Name, Detail: RangeText(raw), N: int64(sys.Hint(raw)), M: int64(raw.Min[0] / 1e6)})
			continue
		}
		if sys.ToLonLat != nil {
			f.Geometry = Transform(f.Geometry, sys.ToLonLat)
		}
		if b := f.Geometry.Bound(); !FiniteBound(b) || b.Min[0] < -180 || b.Max[0] > 180 || b.Min[1] < -90 || b.Max[1] > 90 {
			if sys.ToLonLat == nil {
				l.Report.Skip(where, NewFault(ProblemNotLonLat, "", RangeText(raw)))
			} else {
				l.Report.Skip(where, &Fault{Problem: ProblemOutsideCRS, Subject: sys.Name, Detail: RangeText(raw)})
			}
			continue
		}
		if opt.GCJ02 {
			f.Geometry = Transform(f.Geometry, crs.GCJ02ToWGS84)
		}
		kept = append(kept, f)
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
