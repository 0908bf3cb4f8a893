package formats

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/planatlas/planatlas/geo/crs"
	"github.com/planatlas/planatlas/geo/formats/dxf"
	"github.com/planatlas/planatlas/geo/formats/filegdb"
	"github.com/planatlas/planatlas/geo/formats/geojson"
	"github.com/planatlas/planatlas/geo/formats/gpkg"
	"github.com/planatlas/planatlas/geo/formats/gpx"
	"github.com/planatlas/planatlas/geo/formats/kml"
	"github.com/planatlas/planatlas/geo/formats/shp"
	"github.com/planatlas/planatlas/geo/layer"
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
func Open(path string, opt layer.Options) (l *layer.Layer, err error) {
	name := filepath.Base(path)
	defer func() {
		if r := recover(); r != nil {
			l, err = nil, &layer.ReadError{File: name, Fault: layer.Fault{Problem: layer.ProblemDamaged, Detail: fmt.Sprint(r)}}
		}
	}()
	st, err := os.Stat(path)
	if err != nil {
		return nil, &layer.ReadError{File: name, Fault: layer.Fault{Problem: layer.ProblemCannotOpen, Detail: layer.Reason(err)}, Err: err}
	}
	if parent := filepath.Dir(path); !st.IsDir() && strings.EqualFold(filepath.Ext(parent), ".gdb") {
		// A file inside a File Geodatabase (the catalog, "gdb"): the folder.
		path, name = parent, filepath.Base(parent)
		if st, err = os.Stat(path); err != nil {
			return nil, &layer.ReadError{File: name, Fault: layer.Fault{Problem: layer.ProblemCannotOpen, Detail: layer.Reason(err)}, Err: err}
		}
	}
	if st.IsDir() && strings.EqualFold(filepath.Ext(path), ".gdb") {
		l, err = filegdb.Read(path, opt)
		if err != nil {
			if layer.IsCancel(err) {
				return nil, layer.TimedOut(name, err)
			}
			var re *layer.ReadError
			if errors.As(err, &re) {
				re.File = name
				return nil, re
			}
			return nil, &layer.ReadError{File: name, Fault: *layer.AsFault(err, layer.ProblemOther), Err: err}
		}
		return finishOpen(l, name, path, ".gdb", opt)
	}
	if st.IsDir() {
		return nil, &layer.ReadError{File: name, Fault: layer.Fault{Problem: layer.ProblemFolder}}
	}
	if st.Size() > opt.Limit() {
		return nil, &layer.ReadError{File: name, Fault: layer.Fault{Problem: layer.ProblemTooLarge, N: st.Size() >> 20, M: opt.Limit() >> 20}}
	}
	if err := opt.Ctx().Err(); err != nil {
		return nil, layer.TimedOut(name, err)
	}
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".shp":
		l, err = shp.Read(path, opt)
	case ".gpkg":
		l, err = gpkg.Read(path, opt)
	case ".kml", ".kmz", ".gpx":
		l, err = streamFile(path, st.Size(), opt, ext)
	case ".zip":
		// A zipped File Geodatabase (name.gdb.zip).
		l, err = filegdb.ReadZip(path, opt)
		if err == nil {
			l.Format = "gdb"
		}
	case ".dxf":
		var b []byte
		if b, err = layer.ReadAll(path, st.Size(), opt); err == nil {
			l, err = dxf.Parse(b, opt)
		}
	case ".geojson", ".json", ".geojsons", ".geojsonl":
		var b []byte
		if b, err = layer.ReadAll(path, st.Size(), opt); err != nil {
			if layer.IsCancel(err) {
				return nil, layer.TimedOut(name, err)
			}
			return nil, &layer.ReadError{File: name, Fault: layer.Fault{Problem: layer.ProblemCannotRead, Detail: layer.Reason(err)}, Err: err}
		}
		l, err = geojson.Decode(b, opt)
	default:
		return nil, &layer.ReadError{File: name, Fault: layer.Fault{Problem: layer.ProblemUnknownType, Subject: ext, Detail: strings.Join(Extensions, ", ")}}
	}
	if err != nil {
		if layer.IsCancel(err) {
			return nil, layer.TimedOut(name, err)
		}
		var re *layer.ReadError
		if errors.As(err, &re) {
			if re.File == "" {
				re.File = name
			}
			return nil, re
		}
		return nil, &layer.ReadError{File: name, Fault: *layer.AsFault(err, layer.ProblemOther), Err: err}
	}
	return finishOpen(l, name, path, ext, opt)
}

// finishOpen names a layer read from path, places a lon/lat one, refuses
// an empty one and sets its columns.
func finishOpen(l *layer.Layer, name, path, ext string, opt layer.Options) (*layer.Layer, error) {
	l.Name, l.Path = name, path
	if l.Format == "" {
		l.Format = strings.TrimPrefix(ext, ".")
	}
	if !l.Placed && !(opt.Local && l.CRS == dxf.LocalCRS) {
		// Formats in lon/lat (KML, GPX) are placed here; a drawing read in
		// its own coordinates is not placed at all.
		l.ToLonLat(0, crs.CRS{Name: l.CRS}, opt)
	}
	if err := l.RefuseEmpty(); err != nil {
		err.File = name
		return nil, err
	}
	t := l.Tabulate()
	if l.Fields == nil {
		// The columns, in the order the table met them (a record's keys sorted).
		l.Fields = append([]string(nil), t.Columns()...)
	}
	return l, nil
}

// streamFile reads a KML, KMZ or GPX file as a stream, not whole.
func streamFile(path string, size int64, opt layer.Options, ext string) (*layer.Layer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemCannotOpen, "", layer.Reason(err)), err)
	}
	defer f.Close()
	switch ext {
	case ".kmz":
		return kml.DecodeKMZ(f, size, opt)
	case ".gpx":
		return gpx.Decode(f, size, opt)
	}
	return kml.Decode(f, size, opt)
}
