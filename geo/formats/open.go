package formats

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Extensions lists the file types Open reads.
var Extensions = []string{".geojson", ".json", ".kml", ".kmz", ".gpx", ".gpkg", ".shp"}

// Open reads a file of features by its extension: GeoJSON, KML/KMZ, GPX,
// GeoPackage or Shapefile (with its .shx/.dbf/.prj/.cpg beside it), and
// converts its coordinates to WGS84 lon/lat. Errors say what is wrong and
// where; a reader never takes the program down.
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
	if st.IsDir() {
		return nil, &ReadError{File: name, Fault: Fault{Problem: ProblemFolder}}
	}
	if st.Size() > opt.maxBytes() {
		return nil, &ReadError{File: name, Fault: Fault{Problem: ProblemTooLarge, N: st.Size() >> 20, M: opt.maxBytes() >> 20}}
	}
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".shp":
		l, err = ReadShapefile(path, opt)
	case ".gpkg":
		l, err = ReadGeoPackage(path, opt)
	case ".geojson", ".json", ".kml", ".kmz", ".gpx":
		var b []byte
		if b, err = readAll(path, st.Size(), opt); err != nil {
			return nil, &ReadError{File: name, Fault: Fault{Problem: ProblemCannotRead, Detail: reasonOf(err)}, Err: err}
		}
		switch ext {
		case ".kml":
			l, err = ParseKML(b)
		case ".kmz":
			l, err = ParseKMZ(b)
		case ".gpx":
			l, err = ParseGPX(b)
		default:
			l, err = ParseGeoJSON(b)
		}
	default:
		return nil, &ReadError{File: name, Fault: Fault{Problem: ProblemUnknownType, Subject: ext}}
	}
	if err != nil {
		var re *ReadError
		if errors.As(err, &re) {
			if re.File == "" {
				re.File = name
			}
			return nil, re
		}
		return nil, &ReadError{File: name, Fault: *asFault(err, ProblemOther), Err: err}
	}
	l.Name, l.Path = name, path
	if l.Format == "" {
		l.Format = strings.TrimPrefix(ext, ".")
	}
	for i := range l.Features {
		if opt.GCJ02 {
			l.Features[i].Geometry = transform(l.Features[i].Geometry, GCJ02ToWGS84)
		}
		if err := checkLonLat(l.Features[i].Geometry); err != nil {
			return nil, &ReadError{File: name, Place: atFeature(i + 1), Fault: *asFault(err, ProblemBadGeometry)}
		}
	}
	if l.Fields == nil {
		l.Fields = fieldsOf(l.Features)
	}
	return l, nil
}

// readAll reads a file, reporting progress and honouring cancellation.
func readAll(path string, size int64, opt Options) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 0, size)
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

// reason turns an OS error into a short plain reason.
