package layer

import (
	"errors"
	"fmt"
	"os"

	"github.com/planatlas/planatlas/geo/crs"
)

// Problem is what is wrong with a file: a fact, not words. messages.go
// says each in English and Chinese.
type Problem int

// The problems a reader reports.
const (
	ProblemOther            Problem = iota // a library's own words, in Detail
	ProblemCannotOpen                      // the file cannot be opened; Detail is the system's reason
	ProblemCannotRead                      // the file (Subject, when a companion) cannot be read; Detail the reason
	ProblemFolder                          // a folder was given, not a file
	ProblemTooLarge                        // the file is N MB, over the limit of M MB
	ProblemUnknownType                     // the extension Subject is not a format Plan Atlas reads
	ProblemDamaged                         // reading broke down; Detail says how
	ProblemTruncated                       // the Subject (JSON or XML) ends early, inside element Detail if known
	ProblemMalformed                       // the Subject (JSON or XML) is not well formed; Detail the parser's words
	ProblemFieldType                       // field Subject has a value of the wrong type (Detail)
	ProblemInvalid                         // not a valid Subject file; Detail the library's words
	ProblemNotFormat                       // not a Subject file (GeoJSON, KML, GPX, KMZ, GeoPackage, Shapefile, .dbf); Detail why
	ProblemNoGeometry                      // a feature has no geometry
	ProblemBadGeometry                     // a geometry is wrong; Detail how
	ProblemBadProperties                   // a feature's properties are wrong; Detail how
	ProblemMissingFile                     // the companion file Subject is missing
	ProblemCountMismatch                   // the .shp has N shapes and the .dbf M records
	ProblemTooDeep                         // the XML nests too deeply
	ProblemNoFeatureTable                  // a GeoPackage without a feature table
	ProblemCannotReadTable                 // GeoPackage table Subject cannot be read; Detail why
	ProblemNoDocument                      // a KMZ without a .kml inside
	ProblemUnpackTooLarge                  // Subject unpacks to more than N MB
	ProblemCannotUnpack                    // Subject cannot be unpacked; Detail why
	ProblemNoLonLat                        // element <Subject> has no valid lat/lon
	ProblemUnsupportedCRS                  // coordinate system Subject is not supported; Detail: "", "epsg", "datum" or "tm"
	ProblemNotLonLat                       // coordinates (Detail: their range) are not lon/lat
	ProblemShortHeader                     // shorter than its header (Subject: "shp" or "dbf")
	ProblemBadHeader                       // a .dbf header of N bytes for records of M bytes
	ProblemTruncatedRecord                 // a record's header is cut off
	ProblemRecordPastEnd                   // a record of N bytes runs past the end
	ProblemFieldsTooWide                   // .dbf fields take N bytes, records M
	ProblemTooFewRecords                   // the .dbf header promises N records of M bytes; the file is cut off
	ProblemUnknownEncoding                 // the XML declares encoding Subject, which Plan Atlas does not know
	ProblemTooFewPoints                    // a <Subject> of N points; it needs M
	ProblemBadCoordinate                   // the coordinate Subject (as the file writes it) is not numbers
	ProblemOutsideCRS                      // coordinates Detail (the file's) lie outside coordinate system Subject; N a hint (hintZone…)
	ProblemOnlyUnplaced                    // none of the N records has a geometry
	ProblemEmpty                           // the file holds no features
	ProblemNoDatumShift                    // warning: Subject is on datum Detail, read without a datum shift
	ProblemUnsupportedShape                // shape type N is not one Plan Atlas reads
	ProblemRasterOnly                      // a raster GeoPackage (tables Subject): no features
	ProblemAttributeTables                 // warning: tables Subject hold attributes only (N rows, when counted), not drawn
	ProblemRasterFootprints                // warning: raster datasets Subject: their extents drawn, their pixels not read
	ProblemHelmertApplied                  // note: Subject (datum Detail) moved to WGS 84 with the planner's seven parameters
	ProblemTableSkipped                    // GeoPackage table Subject left out; Detail why (its coordinate system)
	ProblemTimedOut                        // the read took longer than it was allowed
	ProblemLinkNotFollowed                 // warning: a <Subject> (NetworkLink, GroundOverlay) refers to Detail, which is not fetched or drawn
	ProblemReaderFault                     // Plan Atlas itself failed on this part of the file (Detail: the fault); it was left out
	ProblemEntitiesNotDrawn                // warning: N entities of the kinds Subject (a DXF's) are not drawn
	ProblemCRSGuessed                      // warning: the file names no coordinate system; its numbers (Detail) were read as Subject
	ProblemPaperSpace                      // warning: N entities of a drawing's paper space (layouts) are not drawn

	problemEnd // one past the last: not a problem
)

// Fault is a problem and its facts: what a reader found wrong, before the
// file and place are known. It is an error worded in English; Words says
// it in either language.
type Fault struct {
	Problem Problem
	Subject string // the element, field, file, format or system it names
	N, M    int64  // numbers it names (sizes, counts)
	Detail  string // more: a library's own words, a reason, a range
}

// NewFault makes a Fault.
func NewFault(p Problem, subject string, detail string) *Fault {
	return &Fault{Problem: p, Subject: subject, Detail: detail}
}

func (f *Fault) Error() string { return f.Words("en") }

// PlaceKind says what a place in a file counts.
type PlaceKind uint8

// The kinds of place.
const (
	Nowhere   PlaceKind = iota // the whole file
	AtFeature                  // feature N (from 1)
	AtRecord                   // record N (from 1), at Byte when Byte ≥ 0
	AtByte                     // byte Byte
	AtLine                     // line N
	AtRow                      // row N of a table
)

// Place is where in a file a problem is.
type Place struct {
	Kind PlaceKind
	N    int
	Byte int64
}

// FeaturePlace is feature n (from 1).
func FeaturePlace(n int) Place { return Place{Kind: AtFeature, N: n} }

// RecordPlace is record n (from 1).
func RecordPlace(n int) Place { return Place{Kind: AtRecord, N: n, Byte: -1} }

// BytePlace is byte b of the file.
func BytePlace(b int64) Place { return Place{Kind: AtByte, Byte: b} }

// LinePlace is line n.
func LinePlace(n int) Place { return Place{Kind: AtLine, N: n} }

// RowPlace is row n of a table.
func RowPlace(n int) Place { return Place{Kind: AtRow, N: n} }

// RecordBytePlace is record n, which begins at byte b.
func RecordBytePlace(n int, b int64) Place {
	return Place{Kind: AtRecord, N: n, Byte: b}
}

// ReadError says what is wrong and where: the file (and the companion
// file In, such as a shapefile's .prj), the place, and the problem with
// its facts. Error gives it in English; Message in the planner's language.
type ReadError struct {
	File  string
	In    string // a companion file the problem is in ("utm.prj"); may be empty
	Table string // the GeoPackage table the problem is in, when the file has several
	Place Place
	Fault
	Err error // the underlying error, when there is one
	// Skipped counts the features left out when none could be read: the
	// place and fault are the first one's.
	Skipped int
}

// NewReadError makes a ReadError at place of the fault f.
func NewReadError(place Place, f *Fault, err error) *ReadError {
	return &ReadError{Place: place, Fault: *f, Err: err}
}

// AsFault turns err into a fault: its own when it is one (or wraps one),
// else problem p with the error's words as its detail.
func AsFault(err error, p Problem) *Fault {
	var f *Fault
	if errors.As(err, &f) {
		return f
	}
	var re *ReadError
	if errors.As(err, &re) {
		return &re.Fault
	}
	var ue *crs.UnsupportedError
	if errors.As(err, &ue) {
		return &Fault{Problem: ProblemUnsupportedCRS, Subject: ue.Name, Detail: ue.Kind}
	}
	return &Fault{Problem: p, Detail: err.Error()}
}

func (e *ReadError) Error() string { return e.Message("en") }

// Message says the error in lang ("zh" or "en"): file, companion file,
// place and problem.
func (e *ReadError) Message(lang string) string {
	sep := ": "
	if lang == "zh" {
		sep = "："
	}
	s := e.File
	if e.In != "" {
		s += sep + e.In
	}
	switch {
	case e.Table != "" && lang == "zh":
		s += sep + "表 " + e.Table
	case e.Table != "":
		s += sep + "table " + e.Table
	}
	if w := e.Place.Words(lang); w != "" {
		s += sep + w
	}
	s += sep + e.Words(lang)
	if e.Skipped > 1 {
		if lang == "zh" {
			s += fmt.Sprintf("（全部 %d 个要素都无法读取）", e.Skipped)
		} else {
			s += fmt.Sprintf(" (all %d features could not be read)", e.Skipped)
		}
	}
	return s
}

func (e *ReadError) Unwrap() error { return e.Err }

// The reasons a file cannot be opened or read that messages.go names in
// each language; any other reason is the system's own words.
const (
	reasonNotExist   = "no such file"
	reasonPermission = "permission denied"
)

// Reason says why the system could not open or read a file.
func Reason(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return reasonNotExist
	case errors.Is(err, os.ErrPermission):
		return reasonPermission
	}
	return err.Error()
}
