// Package planpkg reads and writes plan packages: one GeoPackage file
// holding a plan's text, what it says of itself, its layer groups, kinds
// and styles, its features (ordinary GeoPackage layers GIS tools open),
// the links between features and the text with their verbatim quotes, its
// scenes and its dated events. The format is described in
// docs/plan-package.md.
package planpkg

import (
	"errors"
	"fmt"
)

// Version is the plan package format this code writes: 1.1 adds the
// planner's edits (TableEdits), and a package without edits is written as
// 1.0. A package of a later major version is refused; of a later minor
// version, read.
const Version = "1.1"

// versionNoEdits is the format of a package that holds no edits.
const versionNoEdits = "1.0"

// Extension is the name under which the package's own tables are
// registered in gpkg_extensions.
const Extension = "planatlas_plan"

// The package's own tables.
const (
	TableDocument = "planatlas_document" // key, value (JSON): what the plan says of itself, and its text
	TableSections = "planatlas_sections" // the text's parts and clauses as written
	TableGroups   = "planatlas_groups"   // layer groups, their feature tables and order
	TableKinds    = "planatlas_kinds"    // kinds, their names, classes, styles and legend rows
	TableLinks    = "planatlas_links"    // feature → section, with the verbatim quote
	TableEvents   = "planatlas_events"   // dated events of each feature, with citations
	TableScenes   = "planatlas_scenes"   // presentation scenes
	TableEdits    = "planatlas_edits"    // the planner's corrections: who, when, why, source (format 1.1)
)

// MaxEdits bounds the edits read from a package.
const MaxEdits = 100000

// Limits on what a package may hold, so that a hostile file costs no more
// than a real plan could: a text of 8 MB is some 2.5 million characters.
const (
	MaxText     = 8 << 20
	MaxFeatures = 200000
	MaxRows     = 1000000
	MaxBlob     = 64 << 20
)

// Error is a reason a file cannot be opened as a plan, in both languages.
type Error struct {
	Zh, En string
	Err    error // the cause, for the log
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.En + ": " + e.Err.Error()
	}
	return e.En
}

func (e *Error) Unwrap() error { return e.Err }

// In returns the message in lang.
func (e *Error) In(lang string) string {
	if lang == "en" {
		return e.En
	}
	return e.Zh
}

// ErrNotPlan says a GeoPackage has no plan in it (open it as a layer).
var ErrNotPlan = &Error{Zh: "这个 GeoPackage 不是规划包（可作为图层打开）", En: "this GeoPackage is not a plan package (it can be opened as a layer)"}

// Message returns the planner's message for an error of Open in lang.
func Message(err error, lang string) string {
	var e *Error
	if errors.As(err, &e) {
		return e.In(lang)
	}
	if lang == "en" {
		return fmt.Sprintf("cannot open the plan: %v", err)
	}
	return fmt.Sprintf("无法打开规划：%v", err)
}
