// Package layer is what a reader makes of a file of features: a Layer of
// Features in WGS 84 lon/lat with their attributes in columns (Table), the
// Options a read takes, and what it found wrong as facts — a Problem with
// its subject and numbers (Fault), where in the file (Place), a ReadError
// for a file refused, a Report of what was left out — together with the
// words for them in the planner's language (messages.go). The readers, one
// package per format under geo/formats, all return a Layer.
package layer
