package gpkg

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/planatlas/planatlas/geo/atomicfile"
	"github.com/planatlas/planatlas/geo/crs"
	"github.com/planatlas/planatlas/geo/layer"
	"github.com/twpayne/go-geom/encoding/wkb"
	_ "modernc.org/sqlite" // pure-Go SQLite: the Windows and macOS builds need nothing more

	"github.com/paulmach/orb"
)

// ParseGeometry decodes a GeoPackage geometry blob: the "GP" header
// (version, flags, SRS id, optional envelope) then standard WKB (go-geom).
func ParseGeometry(b []byte) (orb.Geometry, int32, error) {
	if len(b) < 8 || b[0] != 'G' || b[1] != 'P' {
		return nil, 0, fmt.Errorf("not a GeoPackage geometry (no GP header)")
	}
	flags := b[3]
	var order binary.ByteOrder = binary.BigEndian
	if flags&1 == 1 {
		order = binary.LittleEndian
	}
	srs := int32(order.Uint32(b[4:8]))
	env := map[byte]int{0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags>>1)&7]
	if (flags>>1)&7 > 4 {
		return nil, 0, fmt.Errorf("bad envelope flag %d", (flags>>1)&7)
	}
	if flags&0x10 != 0 {
		return nil, srs, nil // empty geometry
	}
	if 8+env > len(b) {
		return nil, 0, fmt.Errorf("geometry blob truncated")
	}
	if err := checkWKB(b[8+env:]); err != nil {
		return nil, 0, err
	}
	t, err := wkb.Unmarshal(b[8+env:])
	if err != nil {
		return nil, 0, fmt.Errorf("bad WKB: %v", err)
	}
	g, err := layer.FromGeom(t)
	return g, srs, err
}

// EncodeGeometry encodes a geometry as a GeoPackage blob (little endian, with
// its envelope) for SRS id srs.
func EncodeGeometry(g orb.Geometry, srs int32) ([]byte, error) {
	t, err := layer.ToGeom(g)
	if err != nil {
		return nil, err
	}
	w, err := wkb.Marshal(t, binary.LittleEndian)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.Write([]byte{'G', 'P', 0, 0x01 | 0x02}) // little endian, XY envelope
	binary.Write(&b, binary.LittleEndian, srs)
	bd := g.Bound()
	for _, v := range []float64{bd.Min[0], bd.Max[0], bd.Min[1], bd.Max[1]} {
		binary.Write(&b, binary.LittleEndian, v)
	}
	b.Write(w)
	return b.Bytes(), nil
}

// Read reads every feature table of a GeoPackage, converting
// each one's coordinates as its spatial reference system says. With more
// than one table, each feature's "layer" property names its table. A table
// that cannot be read (an unsupported coordinate system) is left out and
// reported, and the others open; attribute-only tables are noted, and a
// raster GeoPackage (tiles) is named as one.
func Read(path string, opt layer.Options) (*layer.Layer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemCannotOpen, "", layer.Reason(err)), err)
	}
	head := make([]byte, 16)
	n, _ := f.Read(head)
	f.Close()
	if n < 16 || string(head) != "SQLite format 3\x00" {
		return nil, layer.NewReadError(layer.BytePlace(0), layer.NewFault(layer.ProblemNotFormat, "SQLite", ""), nil)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro&immutable=1")
	if err != nil {
		return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemCannotOpen, "database", err.Error()), err)
	}
	defer db.Close()
	type featureTable struct {
		name, column string
		srsID        int
	}
	rows, err := db.QueryContext(opt.Ctx(), `SELECT table_name, data_type FROM gpkg_contents ORDER BY table_name`)
	if err != nil {
		if layer.IsCancel(err) {
			return nil, err
		}
		return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemNotFormat, "GeoPackage", err.Error()), err)
	}
	var raster, attributes []string
	for rows.Next() {
		var name, kind string
		if rows.Scan(&name, &kind) == nil {
			switch kind {
			case "tiles", "2d-gridded-coverage":
				raster = append(raster, name)
			case "attributes":
				attributes = append(attributes, name)
			}
		}
	}
	rows.Close()
	var tables []featureTable
	rows, err = db.QueryContext(opt.Ctx(), `SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c
		JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
		WHERE c.data_type = 'features' ORDER BY c.table_name`)
	if err == nil {
		for rows.Next() {
			var t featureTable
			if err := rows.Scan(&t.name, &t.column, &t.srsID); err == nil {
				tables = append(tables, t)
			}
		}
		rows.Close()
	}
	l := &layer.Layer{Format: "gpkg"}
	if len(attributes) > 0 {
		l.Report.Warn(layer.NewFault(layer.ProblemAttributeTables, strings.Join(attributes, ", "), ""))
	}
	if len(tables) == 0 {
		if len(raster) > 0 {
			return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemRasterOnly, strings.Join(raster, ", "), ""), nil)
		}
		if err != nil {
			return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemNotFormat, "GeoPackage", err.Error()), err)
		}
		return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemNoFeatureTable, "", ""), nil)
	}
	l.Name = tables[0].name
	var crsNames []string
	for _, t := range tables {
		part := &layer.Layer{}
		sys, err := readFeatureTable(db, t.name, t.column, t.srsID, opt, part)
		if layer.IsCancel(err) {
			return nil, err
		}
		if err != nil {
			re, ok := err.(*layer.ReadError)
			if !ok || len(tables) == 1 {
				return nil, err
			}
			// This table is left out, its rows counted; the others open.
			var n int
			db.QueryRowContext(opt.Ctx(), `SELECT count(*) FROM "`+strings.ReplaceAll(t.name, `"`, `""`)+`"`).Scan(&n)
			l.Report.Skip(layer.Place{}, &layer.Fault{Problem: layer.ProblemTableSkipped, Subject: t.name, Detail: re.Fault.Words("en"), N: int64(n)})
			l.Report.Skipped += max(0, n-1)
			continue
		}
		crsNames = append(crsNames, sys)
		for _, fl := range part.Fields {
			if !slices.Contains(l.Fields, fl) {
				l.Fields = append(l.Fields, fl)
			}
		}
		for _, fs := range [][]layer.Feature{part.Features, part.Unplaced} {
			for i := range fs {
				if len(tables) > 1 {
					fs[i].Props["layer"] = t.name
				}
			}
		}
		l.Features = append(l.Features, part.Features...)
		l.Unplaced = append(l.Unplaced, part.Unplaced...)
		tableName := ""
		if len(tables) > 1 {
			tableName = t.name
		}
		l.Report.Merge(part.Report, tableName)
	}
	l.Placed = true
	l.CRS = strings.Join(slices.Compact(crsNames), ", ")
	if len(tables) > 1 {
		l.Fields = append([]string{"layer"}, l.Fields...)
	}
	return l, nil
}

// readFeatureTable reads the features of one table into l, and its
// fields, placed in lon/lat; it returns the name of the table's coordinate
// system. A row with a bad geometry is left out and reported; one without
// geometry is kept attribute-only.
func readFeatureTable(db *sql.DB, table, column string, srsID int, opt layer.Options, l *layer.Layer) (string, error) {
	sys := crs.CRS{Name: fmt.Sprintf("EPSG:%d", srsID)}
	var org string
	var orgID int
	var def string
	if err := db.QueryRowContext(opt.Ctx(), `SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?`, srsID).Scan(&org, &orgID, &def); err == nil {
		if strings.EqualFold(org, "EPSG") {
			if sys, err = crs.FromEPSG(orgID); err != nil {
				return "", layer.NewReadError(layer.Place{}, layer.AsFault(err, layer.ProblemUnsupportedCRS), nil)
			}
		} else if def != "" && def != "undefined" {
			if sys, err = crs.FromWKT(def); err != nil {
				return "", layer.NewReadError(layer.Place{}, layer.AsFault(err, layer.ProblemUnsupportedCRS), nil)
			}
		}
	} else if srsID != 4326 && srsID != 0 && srsID != -1 {
		if sys, err = crs.FromEPSG(srsID); err != nil {
			return "", layer.NewReadError(layer.Place{}, layer.AsFault(err, layer.ProblemUnsupportedCRS), nil)
		}
	}
	var total int64
	db.QueryRowContext(opt.Ctx(), `SELECT count(*) FROM "`+strings.ReplaceAll(table, `"`, `""`)+`"`).Scan(&total)
	rows, err := db.QueryContext(opt.Ctx(), `SELECT * FROM "`+strings.ReplaceAll(table, `"`, `""`)+`"`)
	if err != nil {
		if layer.IsCancel(err) {
			return "", err
		}
		return "", layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemCannotReadTable, table, err.Error()), err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	for _, c := range cols {
		if c != column && !strings.EqualFold(c, "fid") && !slices.Contains(l.Fields, c) {
			l.Fields = append(l.Fields, c)
		}
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	ctx := opt.Ctx()
	for rec := 1; rows.Next(); rec++ {
		if rec%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return "", err
			}
			if opt.Progress != nil {
				opt.Progress(int64(rec), total)
			}
		}
		if err := rows.Scan(ptrs...); err != nil {
			l.Report.Skip(layer.RowPlace(rec), layer.NewFault(layer.ProblemOther, "", err.Error()))
			continue
		}
		props := map[string]any{}
		var g orb.Geometry
		var gerr error
		for i, c := range cols {
			if c == column {
				if blob, _ := vals[i].([]byte); blob != nil {
					g, _, gerr = ParseGeometry(blob)
				}
				continue
			}
			if strings.EqualFold(c, "fid") {
				continue
			}
			switch v := vals[i].(type) {
			case []byte:
				props[c] = string(v)
			default:
				props[c] = v
			}
		}
		f := layer.Feature{Geometry: g, Props: props, Src: layer.At(layer.RowPlace(rec))}
		switch {
		case gerr != nil:
			l.Report.Skip(layer.RowPlace(rec), layer.AsFault(gerr, layer.ProblemBadGeometry))
		case g == nil || layer.CountPoints(g) == 0:
			f.Geometry = nil
			l.Unplaced = append(l.Unplaced, f)
		default:
			l.Features = append(l.Features, f)
		}
	}
	if err := rows.Err(); err != nil {
		if layer.IsCancel(err) {
			return "", err
		}
		return "", layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemOther, "", err.Error()), err)
	}
	l.ToLonLat(0, sys, opt)
	return sys.Name, nil
}

// Write writes features (WGS84) as a GeoPackage 1.3 with one
// feature table, atomically: into a temporary file renamed at the end.
func Write(path, table string, fs []layer.Feature) error {
	return atomicfile.WriteDatabase(path, func(db *sql.DB) error { return writeGeoPackage(db, table, fs) })
}

func writeGeoPackage(db *sql.DB, table string, fs []layer.Feature) (err error) {
	// Columns: every property, as TEXT or REAL.
	kinds := map[string]string{}
	for _, f := range fs {
		for k, v := range f.Props {
			switch v.(type) {
			case float64, int, int64:
				if kinds[k] == "" {
					kinds[k] = "REAL"
				}
			default:
				kinds[k] = "TEXT"
			}
		}
	}
	var names []string
	for k := range kinds {
		if !strings.EqualFold(k, "fid") && !strings.EqualFold(k, "geom") {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	q := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	var colDefs []string
	for _, n := range names {
		colDefs = append(colDefs, q(n)+" "+kinds[n])
	}
	bd := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, f := range fs {
		bd = bd.Union(f.Geometry.Bound())
	}
	stmts := []string{
		`PRAGMA application_id = 1196444487`, // 'GPKG'
		`PRAGMA user_version = 10300`,
		`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)`,
		`INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL), ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL),
		 ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]', 'longitude/latitude WGS 84')`,
		`CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)`,
		`CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name))`,
		`CREATE TABLE ` + q(table) + ` (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB` + prefixComma(colDefs) + `)`,
	}
	for _, s := range stmts {
		if _, err = db.Exec(s); err != nil {
			return fmt.Errorf("GeoPackage: %v", err)
		}
	}
	if _, err = db.Exec(`INSERT INTO gpkg_contents (table_name, data_type, identifier, min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, 4326)`,
		table, table, bd.Min[0], bd.Min[1], bd.Max[0], bd.Max[1]); err != nil {
		return err
	}
	if _, err = db.Exec(`INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'GEOMETRY', 4326, 0, 0)`, table); err != nil {
		return err
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	placeholders := strings.Repeat(", ?", len(names))
	ins, err := tx.Prepare(`INSERT INTO ` + q(table) + ` (geom` + prefixComma(quoteAll(names, q)) + `) VALUES (?` + placeholders + `)`)
	if err != nil {
		tx.Rollback()
		return err
	}
	for _, f := range fs {
		blob, gerr := EncodeGeometry(f.Geometry, 4326)
		if gerr != nil {
			tx.Rollback()
			return gerr
		}
		args := []any{blob}
		for _, n := range names {
			v := f.Props[n]
			switch v.(type) {
			case nil, string, float64, int, int64, bool:
			default:
				b, _ := json.Marshal(v)
				v = string(b)
			}
			args = append(args, v)
		}
		if _, err = ins.Exec(args...); err != nil {
			tx.Rollback()
			return err
		}
	}
	ins.Close()
	return tx.Commit()
}

func prefixComma(cols []string) string {
	if len(cols) == 0 {
		return ""
	}
	return ", " + strings.Join(cols, ", ")
}

func quoteAll(names []string, q func(string) string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = q(n)
	}
	return out
}
