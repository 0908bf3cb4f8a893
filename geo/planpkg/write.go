package planpkg

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/atomicfile"
	"github.com/planatlas/planatlas/geo/formats/gpkg"
	"github.com/planatlas/planatlas/geo/plan"
)

// featureColumns are the columns of a feature table besides fid and geom,
// in order: what GIS staff see and edit.
var featureColumns = []string{"id", "name_zh", "name_en", "kind", "stage", "stage_verb", "precision", "scope", "source", "clauses", "properties"}

var tableSafe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{0,40}$`)

// tableName is the feature table of the i-th group.
func tableName(g plan.LayerInfo, i int) string {
	if tableSafe.MatchString(string(g.ID)) {
		return "plan_" + string(g.ID)
	}
	return fmt.Sprintf("plan_layer_%d", i+1)
}

// Write writes p as a plan package at path, atomically: into a temporary
// file beside it, renamed at the end. The output is deterministic: the
// same plan gives the same bytes.
func Write(path string, p *plan.Plan) error {
	return atomicfile.WriteDatabase(path, func(db *sql.DB) error {
		if err := write(db, p); err != nil {
			return err
		}
		_, err := db.Exec(`VACUUM`)
		return err
	})
}

func q(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func write(db *sql.DB, p *plan.Plan) error {
	stmts := []string{
		`PRAGMA application_id = 1196444487`, // 'GPKG'
		`PRAGMA user_version = 10300`,
		`PRAGMA journal_mode = OFF`,
		`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)`,
		`INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL), ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL),
		 ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]', 'longitude/latitude WGS 84')`,
		`CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)`,
		`CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name))`,
		`CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))`,
		`CREATE TABLE ` + TableDocument + ` (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
		`CREATE TABLE ` + TableSections + ` (ord INTEGER PRIMARY KEY, level TEXT NOT NULL, ref TEXT NOT NULL, part TEXT, label TEXT, title TEXT, text TEXT)`,
		`CREATE TABLE ` + TableGroups + ` (ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name_zh TEXT NOT NULL, name_en TEXT, table_name TEXT NOT NULL, clauses TEXT, hidden INTEGER, label_priority REAL, swatch TEXT)`,
		`CREATE TABLE ` + TableKinds + ` (ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name_zh TEXT NOT NULL, name_en TEXT, class TEXT, groups TEXT, style TEXT, legend_zh TEXT, legend_en TEXT, legends TEXT, legend_order INTEGER, label TEXT)`,
		`CREATE TABLE ` + TableLinks + ` (feature_id TEXT NOT NULL, ord INTEGER NOT NULL, ref TEXT NOT NULL, quote TEXT NOT NULL, PRIMARY KEY (feature_id, ord))`,
		`CREATE TABLE ` + TableEvents + ` (feature_id TEXT NOT NULL, ord INTEGER NOT NULL, date TEXT NOT NULL, stage TEXT, desc_zh TEXT, desc_en TEXT, source TEXT, reliability TEXT, PRIMARY KEY (feature_id, ord))`,
		`CREATE TABLE ` + TableScenes + ` (ord INTEGER PRIMARY KEY, id TEXT NOT NULL, scene TEXT NOT NULL)`,
	}
	own := []string{TableDocument, TableSections, TableGroups, TableKinds, TableLinks, TableEvents, TableScenes}
	version := versionNoEdits
	if len(p.Edits) > 0 {
		stmts = append(stmts, `CREATE TABLE `+TableEdits+` (ord INTEGER PRIMARY KEY, feature_id TEXT NOT NULL, field TEXT NOT NULL, old TEXT, new TEXT, who TEXT NOT NULL, at TEXT NOT NULL, why TEXT, source TEXT NOT NULL)`)
		own = append(own, TableEdits)
		version = Version
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			return fmt.Errorf("GeoPackage: %v", err)
		}
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	exec := func(query string, args ...any) {
		if err == nil {
			_, err = tx.Exec(query, args...)
		}
	}
	for _, t := range own {
		// write-only: a reader that does not know the format reads the
		// tables as plain attribute tables; only writers must keep them
		// consistent.
		exec(`INSERT INTO gpkg_extensions VALUES (?, NULL, ?, 'docs/plan-package.md (Plan Atlas plan package `+version+`)', 'write-only')`, t, Extension)
		exec(`INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) VALUES (?, 'attributes', ?, 'Plan Atlas plan package', '2000-01-01T00:00:00.000Z')`, t, t)
	}
	// The document: what the plan says of itself, a row per field.
	info := p.Info
	info.Format = version
	b, _ := json.Marshal(info)
	var fields map[string]json.RawMessage
	json.Unmarshal(b, &fields)
	for _, k := range sortedKeys(fields) {
		exec(`INSERT INTO `+TableDocument+` VALUES (?, ?)`, k, string(fields[k]))
	}
	exec(`INSERT INTO `+TableDocument+` VALUES ('text', ?)`, mustJSON(p.Doc.Text))
	exec(`INSERT INTO `+TableDocument+` VALUES ('layout', ?)`, mustJSON(p.Doc.Layout))
	// The sections as read, for people and tools that read the tables.
	ord := 0
	for _, part := range p.Doc.Parts {
		ord++
		exec(`INSERT INTO `+TableSections+` VALUES (?, 'part', ?, NULL, ?, ?, ?)`, ord, "P"+part.Num, part.Label, part.Title, part.Intro)
		for _, num := range part.Clauses {
			c, _ := p.Doc.Clause(num)
			ord++
			exec(`INSERT INTO `+TableSections+` VALUES (?, 'clause', ?, ?, ?, ?, ?)`, ord, c.Num, "P"+part.Num, c.Label, c.Title, c.Text)
		}
	}
	for i, k := range p.Kinds {
		style, _ := json.Marshal(k.Style)
		exec(`INSERT INTO `+TableKinds+` VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, i+1, string(k.ID), k.Name.Zh, k.Name.En, string(k.Class),
			mustJSON(k.Groups), string(style), k.Legend.Zh, k.Legend.En, mustJSON(k.Legends), k.LegendOrder, k.Label)
	}
	for i, s := range p.Scenes {
		exec(`INSERT INTO `+TableScenes+` VALUES (?, ?, ?)`, i+1, s.ID, mustJSON(s))
	}
	for i, e := range p.Edits {
		exec(`INSERT INTO `+TableEdits+` VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, i+1, e.Feature, e.Field, e.Old, e.New, e.Who, e.When, e.Why, mustJSON(e.Source))
	}
	if err != nil {
		return err
	}
	for i, l := range p.Layers {
		if err := writeLayer(tx, l, tableName(l.Info, i), i+1); err != nil {
			return err
		}
	}
	if err != nil {
		return err
	}
	return tx.Commit()
}

func writeLayer(tx *sql.Tx, l *plan.Layer, table string, ord int) error {
	var cols []string
	for _, c := range featureColumns {
		cols = append(cols, q(c)+" TEXT")
	}
	if _, err := tx.Exec(`CREATE TABLE ` + q(table) + ` (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, ` + strings.Join(cols, ", ") + `)`); err != nil {
		return err
	}
	bd := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, f := range l.Features {
		bd = bd.Union(f.Geometry.Bound())
	}
	if len(l.Features) == 0 {
		bd = orb.Bound{}
	}
	g := l.Info
	if _, err := tx.Exec(`INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, '2000-01-01T00:00:00.000Z', ?, ?, ?, ?, 4326)`,
		table, g.NameZh, g.NameEn, bd.Min[0], bd.Min[1], bd.Max[0], bd.Max[1]); err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'GEOMETRY', 4326, 0, 0)`, table); err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO `+TableGroups+` VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, ord, string(g.ID), g.NameZh, g.NameEn, table,
		mustJSON(g.Clauses), boolInt(g.Hidden), g.LabelPriority, string(g.Swatch)); err != nil {
		return err
	}
	ins, err := tx.Prepare(`INSERT INTO ` + q(table) + ` (geom, ` + strings.Join(featureColumns, ", ") + `) VALUES (?` + strings.Repeat(", ?", len(featureColumns)) + `)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for _, f := range l.Features {
		blob, err := gpkg.EncodeGeometry(f.Geometry, 4326)
		if err != nil {
			return fmt.Errorf("%s: %v", f.ID, err)
		}
		props := f.GeoJSON().Properties
		for _, k := range append(featureColumns, "layer", "quote", "events") {
			delete(props, k)
		}
		if _, err := ins.Exec(blob, f.ID, f.NameZh, f.NameEn, string(f.Kind), string(f.Stage), f.StageVerb, string(f.Precision), f.Scope, f.Source,
			mustJSON(f.Clauses), mustJSON(props)); err != nil {
			return err
		}
		for i, qt := range f.Quotes {
			if _, err := tx.Exec(`INSERT INTO `+TableLinks+` VALUES (?, ?, ?, ?)`, f.ID, i+1, qt.Ref, qt.Text); err != nil {
				return err
			}
		}
		for i, e := range f.Events {
			if _, err := tx.Exec(`INSERT INTO `+TableEvents+` VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, f.ID, i+1, e.Date, string(e.Stage), e.DescZh, e.DescEn, e.Source, string(e.Reliability)); err != nil {
				return err
			}
		}
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "null"
	}
	return string(b)
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
