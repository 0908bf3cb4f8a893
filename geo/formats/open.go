package formats

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/planatlas/planatlas/geo/crs"
)

// Extensions lists the file types Open reads.
// (A File Geodatabase is a folder: any of its .gdbtable files opens it,
// and a .zip of it opens as it.)
var Extensions = []string{".geojson", ".json", ".geojsons", ".geojsonl", ".kml", ".kmz", ".gpx", ".gpkg", ".shp", ".dxf", ".gdbtable", ".zip"}

// Open reads a file of features by its extension: GeoJSON (and Esri JSON),
// KML/KMZ, GPX, GeoPackage or Shapefile (with its .shx/.dbf/.prj/.cpg
// beside it), and converts its coordinates to WGS84 lon/lat.
//
// A file opens with every good feature: features with a bad geometry or
// coordinates outside their coordinate system are left out, counted and
// the first few named in Layer.Report; records without geometry are kept
// in Layer.Unplaced. A file with no feature to draw is refused with a
// ReadError that says why, in the planner's language. A reader never takes
// the program down, and stops soon after opt.Context is cancelled.
func Open(path string, opt Options) (l *Layer, err error) {
	name := filepath.Base(path)
	defer func() {
		if r := recover(); r != nil {
			l, err = nil, &ReadError{File: name, Fault: Fault{Problem: ProblemDamaged, Detail: fmt.Sprint(r)}}
		}
	}()
	st, err := os.Stat(path)
	if err != nil {
		return nil, &ReadError{File: name, Fault: Fault{Problem: ProblemCannotOpen, Detail: reasonOf(err)}, Err: err}
	}
	if parent := filepath.Dir(path); !st.IsDir() && strings.EqualFold(filepath.Ext(parent), ".gdb") {
		// A file inside a File Geodatabase (the catalog, "gdb"): the folder.
		path, name = parent, filepath.Base(parent)
		if st, err = os.Stat(path); err != nil {
			return nil, &ReadError{File: name, Fault: Fault{Problem: ProblemCannotOpen, Detail: reasonOf(err)}, Err: err}
		}
	}
	if st.IsDir() && strings.EqualFold(filepath.Ext(path), ".gdb") {
		l, err = ReadFileGDB(path, opt)
		if err != nil {
			if isCancel(err) {
				return nil, timedOut(name, err)
			}
			var re *ReadError
			if errors.As(err, &re) {
				re.File = name
				return nil, re
			}
			return nil, &ReadError{File: name, Fault: *asFault(err, ProblemOther), Err: err}
		}
		return finishOpen(l, name, path, ".gdb", opt)
	}
	if st.IsDir() {
		return nil, &ReadError{File: name, Fault: Fault{Problem: ProblemFolder}}
	}
	if st.Size() > opt.maxBytes() {
		return nil, &ReadError{File: name, Fault: Fault{Problem: ProblemTooLarge, N: st.Size() >> 20, M: opt.maxBytes() >> 20}}
	}
	if err := opt.ctx().Err(); err != nil {
		return nil, timedOut(name, err)
	}
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".shp":
		l, err = ReadShapefile(path, opt)
	case ".gpkg":
		l, err = ReadGeoPackage(path, opt)
	case ".kml", ".kmz", ".gpx":
		l, err = streamFile(path, st.Size(), opt, ext)
	case ".zip":
		// A zipped File Geodatabase (name.gdb.zip).
		l, err = ReadFileGDBZip(path, opt)
		if err == nil {
			l.Format = "gdb"
		}
	case ".dxf":
		var b []byte
		if b, err = readAll(path, st.Size(), opt); err == nil {
			l, err = ParseDXF(b, opt)
		}
	case ".geojson", ".json", ".geojsons", ".geojsonl":
		var b []byte
		if b, err = readAll(path, st.Size(), opt); err != nil {
			if isCancel(err) {
				return nil, timedOut(name, err)
			}
			return nil, &ReadError{File: name, Fault: Fault{Problem: ProblemCannotRead, Detail: reasonOf(err)}, Err: err}
		}
		l, err = DecodeJSON(b, opt)
	default:
		return nil, &ReadError{File: name, Fault: Fault{Problem: ProblemUnknownType, Subject: ext}}
	}
	if err != nil {
		if isCancel(err) {
			return nil, timedOut(name, err)
		}
		var re *ReadError
		if errors.As(err, &re) {
			if re.File == "" {
				re.File = name
			}
			return nil, re
		}
		return nil, &ReadError{File: name, Fault: *asFault(err, ProblemOther), Err: err}
	}
	return finishOpen(l, name, path, ext, opt)
}

// finishOpen names a layer read from path, places a lon/lat one, refuses
// an empty one and sets its columns.
func finishOpen(l *Layer, name, path, ext string, opt Options) (*Layer, error) {
	l.Name, l.Path = name, path
	if l.Format == "" {
		l.Format = strings.TrimPrefix(ext, ".")
	}
	if !l.placed && !(opt.Local && l.CRS == LocalCRS) {
		// Formats in lon/lat (KML, GPX) are placed here; a drawing read in
		// its own coordinates is not placed at all.
		l.place(0, crs.CRS{Name: l.CRS}, opt)
	}
	if err := l.refuseEmpty(); err != nil {
		err.File = name
		return nil, err
	}
	t := l.tabulate()
	if l.Fields == nil {
		// The columns, in the order the table met them (a record's keys sorted).
		l.Fields = append([]string(nil), t.fields...)
	}
	return l, nil
}

// streamFile reads a KML, KMZ or GPX file as a stream, not whole.
func streamFile(path string, size int64, opt Options, ext string) (*Layer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, readErr(Place{}, fault(ProblemCannotOpen, "", reasonOf(err)), err)
	}
	defer f.Close()
	switch ext {
	case ".kmz":
		return DecodeKMZ(f, size, opt)
	case ".gpx":
		return DecodeGPX(f, size, opt)
	}
	return DecodeKML(f, size, opt)
}

// isCancel says whether err is a cancelled or timed-out read.
func isCancel(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// timedOut turns a read past its deadline into a ReadError that says so
// (errors.Is still finds context.DeadlineExceeded); a cancelled read stays
// context.Canceled, which callers pass over in silence.
func timedOut(name string, err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return &ReadError{File: name, Fault: Fault{Problem: ProblemTimedOut}, Err: err}
	}
	return err
}

// refuseEmpty says why a layer with nothing to draw is refused: its
// features were all bad, none had a geometry, or there were none.
func (l *Layer) refuseEmpty() *ReadError {
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
	return &ReadError{Fault: Fault{Problem: ProblemEmpty}}
}

// place converts the features from index start on from sys to lon/lat
// (then from GCJ-02 when opt says so). A feature whose own coordinates lie
// outside what sys can convert, or that do not come out as lon/lat, is
// left out and reported, quoting the file's numbers.
func (l *Layer) place(start int, sys crs.CRS, opt Options) {
	sys = sys.WithHelmert(opt.Helmert)
	kept := l.Features[:start]
	for i := start; i < len(l.Features); i++ {
		f := l.Features[i]
		raw := f.Geometry.Bound()
		where := f.src.place()
		if where.Kind == Nowhere {
			where = atFeature(i + 1)
		}
		if !finiteBound(raw) {
			l.Report.skip(where, fault(ProblemBadCoordinate, "NaN", ""))
			continue
		}
		if sys.Domain != nil && !sys.Domain(raw) {
			l.Report.skip(where, &Fault{Problem: ProblemOutsideCRS, Subject: sys.Name, Detail: rangeWords(raw), N: int64(sys.Hint(raw)), M: int64(raw.Min[0] / 1e6)})
			continue
		}
		if sys.ToLonLat != nil {
			f.Geometry = transform(f.Geometry, sys.ToLonLat)
		}
		if b := f.Geometry.Bound(); !finiteBound(b) || b.Min[0] < -180 || b.Max[0] > 180 || b.Min[1] < -90 || b.Max[1] > 90 {
			if sys.ToLonLat == nil {
				l.Report.skip(where, fault(ProblemNotLonLat, "", rangeWords(raw)))
			} else {
				l.Report.skip(where, &Fault{Problem: ProblemOutsideCRS, Subject: sys.Name, Detail: rangeWords(raw)})
			}
			continue
		}
		if opt.GCJ02 {
			f.Geometry = transform(f.Geometry, crs.GCJ02ToWGS84)
		}
		kept = append(kept, f)
	}
	l.Features = kept
	l.placed = true
	switch sys.Note {
	case crs.NoteNoShift:
		l.Report.warn(&Fault{Problem: ProblemNoDatumShift, Subject: sys.Name, Detail: sys.Datum})
	case crs.NoteHelmert:
		l.Report.warn(&Fault{Problem: ProblemHelmertApplied, Subject: sys.Name, Detail: sys.Datum})
	}
}

// rangeWords quotes a bound as the file wrote its numbers: "x 36512345.5–36523456, y 3512345–3523456".
func rangeWords(b orb.Bound) string {
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	span := func(a, b float64) string {
		if a == b {
			return num(a)
		}
		return num(a) + "–" + num(b)
	}
	return "x " + span(b.Min[0], b.Max[0]) + ", y " + span(b.Min[1], b.Max[1])
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func finiteBound(b orb.Bound) bool {
	return finite(b.Min[0]) && finite(b.Min[1]) && finite(b.Max[0]) && finite(b.Max[1])
}

// readFile reads a whole file as readAll does, finding its size.
func readFile(path string, opt Options) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	return readAll(path, st.Size(), opt)
}

// readAll reads a file, reporting progress and honouring cancellation.
func readAll(path string, size int64, opt Options) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 0, size+1)
	chunk := make([]byte, 1<<20)
	for {
		if err := opt.ctx().Err(); err != nil {
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
