package planpkg

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/paulmach/orb/geojson"
	"modernc.org/sqlite/vfs"

	"github.com/planatlas/planatlas/assets"
	"github.com/planatlas/planatlas/geo/formats/gpkg"
	"github.com/planatlas/planatlas/geo/guard"
	"github.com/planatlas/planatlas/geo/plan"
)

// Open reads the plan package at path. The plan comes back with what could
// be used; problems lists what was left out and why (a feature with a bad
// geometry, a quote not in its section, a scene naming what is not there).
// err is an *Error when the file is no plan package, is damaged beyond
// use, or is of a newer format; ErrNotPlan for a GeoPackage with no plan.
func Open(path string) (p *plan.Plan, problems []error, err error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, &Error{Zh: "找不到或无法读取文件：" + filepath.Base(path), En: "cannot read " + filepath.Base(path), Err: err}
	}
	if st.IsDir() {
		return nil, nil, &Error{Zh: "这是一个文件夹，不是规划包", En: "this is a folder, not a plan package"}
	}
	if !IsGeoPackage(path) {
		return nil, nil, &Error{Zh: "这不是 GeoPackage 文件，不能作为规划包打开", En: "this is not a GeoPackage file, so not a plan package"}
	}
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro&immutable=1")
	if err != nil {
		return nil, nil, &Error{Zh: "规划包无法打开", En: "the plan package cannot be opened", Err: err}
	}
	defer db.Close()
	return read(db)
}

// OpenFS reads the plan package name of fsys (the built-in plan, embedded
// in the binary) through the same code as Open.
func OpenFS(fsys fs.FS, name string) (*plan.Plan, []error, error) {
	id, v, err := vfs.New(fsys)
	if err != nil {
		return nil, nil, err
	}
	defer v.Close()
	db, err := sql.Open("sqlite", "file:"+name+"?vfs="+id+"&mode=ro&immutable=1")
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	return read(db)
}

// IsGeoPackage reports whether the file at path starts as an SQLite file.
func IsGeoPackage(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 16)
	n, _ := f.Read(head)
	return n == 16 && string(head) == "SQLite format 3\x00"
}

// IsPlan reports whether the file at path is a plan package (a GeoPackage
// registering this format's extension).
func IsPlan(path string) bool {
	if !IsGeoPackage(path) {
		return false
	}
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro&immutable=1")
	if err != nil {
		return false
	}
	defer db.Close()
	var n int
	return db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, TableDocument).Scan(&n) == nil && n == 1
}

func damaged(what string, err error) error {
	return &Error{Zh: "规划包已损坏（" + what + "）", En: "the plan package is damaged (" + what + ")", Err: err}
}

func read(db *sql.DB) (p *plan.Plan, problems []error, err error) {
	if fault := guard.Run(func() { p, problems, err = readPlan(db) }); fault != nil {
		return nil, nil, damaged("内部错误 internal fault", fault)
	}
	return p, problems, err
}

func readPlan(db *sql.DB) (*plan.Plan, []error, error) {
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, TableDocument).Scan(&n); err != nil {
		return nil, nil, &Error{Zh: "这不是可读的 GeoPackage 文件", En: "this is not a readable GeoPackage file", Err: err}
	}
	if n == 0 {
		return nil, nil, ErrNotPlan
	}
	doc := map[string]string{}
	rows, err := db.Query(`SELECT key, value FROM ` + TableDocument + ` LIMIT 1000`)
	if err != nil {
		return nil, nil, damaged(TableDocument, err)
	}
	for rows.Next() {
		var k, v sql.NullString
		if err := rows.Scan(&k, &v); err != nil {
			rows.Close()
			return nil, nil, damaged(TableDocument, err)
		}
		if len(v.String) > MaxText+MaxText/2 {
			rows.Close()
			return nil, nil, &Error{Zh: fmt.Sprintf("规划包的“%s”过大（%d MB），已拒绝", k.String, len(v.String)>>20),
				En: fmt.Sprintf("the package's %q is too large (%d MB): refused", k.String, len(v.String)>>20)}
		}
		doc[k.String] = v.String
	}
	rows.Close()
	var version string
	json.Unmarshal([]byte(doc["format"]), &version)
	if newer(version, Version) {
		return nil, nil, &Error{Zh: fmt.Sprintf("这个规划包的格式版本是 %s，本程序只能读到 %s：请更新规划图册", version, Version),
			En: fmt.Sprintf("this plan package is format %s; this Plan Atlas reads up to %s: please update Plan Atlas", version, Version)}
	}
	var text string
	if err := json.Unmarshal([]byte(doc["text"]), &text); err != nil || text == "" {
		return nil, nil, damaged("没有原文 no text", err)
	}
	if len(text) > MaxText {
		return nil, nil, &Error{Zh: fmt.Sprintf("规划原文过大（%d MB），已拒绝", len(text)>>20), En: fmt.Sprintf("the text is too large (%d MB): refused", len(text)>>20)}
	}
	var problems []error
	var info plan.Info
	{
		obj := map[string]json.RawMessage{}
		for k, v := range doc {
			if k != "text" && k != "layout" {
				obj[k] = json.RawMessage(v)
			}
		}
		b, _ := json.Marshal(obj)
		if err := json.Unmarshal(b, &info); err != nil {
			// Field by field: a wrongly typed field is left out, not the plan.
			for k, v := range obj {
				one, _ := json.Marshal(map[string]json.RawMessage{k: v})
				if err := json.Unmarshal(one, &info); err != nil {
					problems = append(problems, fmt.Errorf("%s: %s: %v", TableDocument, k, err))
				}
			}
		}
	}
	if err := info.Check(); err != nil {
		problems = append(problems, err)
		if info.Title.Zh == "" {
			return nil, nil, damaged("没有标题 no title", err)
		}
	}
	kinds, err := readKinds(db)
	if err != nil {
		return nil, nil, damaged(TableKinds, err)
	}
	links, err := readLinks(db)
	if err != nil {
		return nil, nil, damaged(TableLinks, err)
	}
	events, err := readEvents(db)
	if err != nil {
		problems = append(problems, fmt.Errorf("%s: %v", TableEvents, err))
	}
	layers, lp, err := readLayers(db, links, events)
	if err != nil {
		return nil, nil, damaged(TableGroups, err)
	}
	problems = append(problems, lp...)
	scenes, err := readScenes(db)
	if err != nil {
		problems = append(problems, fmt.Errorf("%s: %v", TableScenes, err))
	}
	p, more, err := plan.Assemble(text, info, kinds, layers, scenes)
	if err != nil {
		return nil, nil, &Error{Zh: "规划原文无法解析：" + err.Error(), En: "the text cannot be read: " + err.Error(), Err: err}
	}
	edits, err := readEdits(db)
	if err != nil {
		problems = append(problems, fmt.Errorf("%s: %v", TableEdits, err))
	}
	p.Edits = edits
	return p, append(problems, more...), nil
}

// readEdits reads the planner's edits, if the package has any (format
// 1.1); the edits are the package's history, kept even for a feature
// since removed.
func readEdits(db *sql.DB) ([]plan.Edit, error) {
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, TableEdits).Scan(&n); err != nil || n == 0 {
		return nil, err
	}
	rows, err := db.Query(fmt.Sprintf(`SELECT feature_id, field, old, new, who, at, why, source FROM %s ORDER BY ord LIMIT %d`, TableEdits, MaxEdits))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []plan.Edit
	for rows.Next() {
		var f [8]sql.NullString
		if err := rows.Scan(&f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &f[7]); err != nil {
			return out, err
		}
		e := plan.Edit{Feature: f[0].String, Field: f[1].String, Old: f[2].String, New: f[3].String, Who: f[4].String, When: f[5].String, Why: f[6].String}
		if err := json.Unmarshal([]byte(f[7].String), &e.Source); err != nil {
			return out, fmt.Errorf("the source of an edit of %s: %v", e.Feature, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// newer reports whether format version v is of a later major version than
// ours (a later minor version is read: it only adds).
func newer(v, ours string) bool {
	major := func(s string) int {
		n, _ := strconv.Atoi(strings.SplitN(s, ".", 2)[0])
		return n
	}
	return v != "" && major(v) > major(ours)
}

func readKinds(db *sql.DB) ([]plan.KindDef, error) {
	rows, err := db.Query(`SELECT id, name_zh, name_en, class, groups, style, legend_zh, legend_en, legends, legend_order, label FROM ` + TableKinds + ` ORDER BY ord LIMIT 10000`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []plan.KindDef
	for rows.Next() {
		var id, zh, en, class, groups, style, lzh, len_, legends, label sql.NullString
		var order sql.NullInt64
		if err := rows.Scan(&id, &zh, &en, &class, &groups, &style, &lzh, &len_, &legends, &order, &label); err != nil {
			return nil, err
		}
		k := plan.KindDef{ID: plan.Kind(id.String), Name: plan.Text{Zh: zh.String, En: en.String}, Class: plan.Class(class.String),
			Legend: plan.Text{Zh: lzh.String, En: len_.String}, LegendOrder: int(order.Int64), Label: label.String}
		json.Unmarshal([]byte(groups.String), &k.Groups)
		json.Unmarshal([]byte(style.String), &k.Style)
		json.Unmarshal([]byte(legends.String), &k.Legends)
		out = append(out, k)
	}
	return out, rows.Err()
}

func readLinks(db *sql.DB) (map[string][]plan.Quote, error) {
	rows, err := db.Query(`SELECT feature_id, ref, quote FROM `+TableLinks+` ORDER BY feature_id, ord LIMIT ?`, MaxRows)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]plan.Quote{}
	for rows.Next() {
		var id, ref, quote sql.NullString
		if err := rows.Scan(&id, &ref, &quote); err != nil {
			return nil, err
		}
		out[id.String] = append(out[id.String], plan.Quote{Ref: ref.String, Text: quote.String})
	}
	return out, rows.Err()
}

func readEvents(db *sql.DB) (map[string][]plan.Event, error) {
	rows, err := db.Query(`SELECT feature_id, date, stage, desc_zh, desc_en, source, reliability FROM `+TableEvents+` ORDER BY feature_id, ord LIMIT ?`, MaxRows)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]plan.Event{}
	for rows.Next() {
		var id, date, stage, zh, en, src, rel sql.NullString
		if err := rows.Scan(&id, &date, &stage, &zh, &en, &src, &rel); err != nil {
			return nil, err
		}
		out[id.String] = append(out[id.String], plan.Event{Date: date.String, Stage: plan.Stage(stage.String), DescZh: zh.String, DescEn: en.String,
			Source: src.String, Reliability: plan.Reliability(rel.String)})
	}
	return out, rows.Err()
}

func readScenes(db *sql.DB) ([]plan.Scene, error) {
	rows, err := db.Query(`SELECT scene FROM ` + TableScenes + ` ORDER BY ord LIMIT 1000`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []plan.Scene
	for rows.Next() {
		var b sql.NullString
		if err := rows.Scan(&b); err != nil {
			return nil, err
		}
		var s plan.Scene
		if err := json.Unmarshal([]byte(b.String), &s); err != nil {
			continue
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func readLayers(db *sql.DB, links map[string][]plan.Quote, events map[string][]plan.Event) ([]*plan.Layer, []error, error) {
	rows, err := db.Query(`SELECT id, name_zh, name_en, table_name, clauses, hidden, label_priority, swatch FROM ` + TableGroups + ` ORDER BY ord LIMIT 1000`)
	if err != nil {
		return nil, nil, err
	}
	var groups []plan.LayerInfo
	var tables []string
	for rows.Next() {
		var id, zh, en, table, clauses, swatch sql.NullString
		var hidden sql.NullInt64
		var pri sql.NullFloat64
		if err := rows.Scan(&id, &zh, &en, &table, &clauses, &hidden, &pri, &swatch); err != nil {
			rows.Close()
			return nil, nil, err
		}
		g := plan.LayerInfo{ID: plan.GroupID(id.String), NameZh: zh.String, NameEn: en.String, File: table.String, Hidden: hidden.Int64 != 0, LabelPriority: pri.Float64, Swatch: plan.Kind(swatch.String)}
		json.Unmarshal([]byte(clauses.String), &g.Clauses)
		groups, tables = append(groups, g), append(tables, table.String)
	}
	rows.Close()
	var problems []error
	var layers []*plan.Layer
	total := 0
	for i, g := range groups {
		l := &plan.Layer{Info: g}
		fs, lp, err := readFeatures(db, tables[i], g, links, events, MaxFeatures-total)
		problems = append(problems, lp...)
		if err != nil {
			problems = append(problems, fmt.Errorf("%s: %v", tables[i], err))
		}
		total += len(fs)
		l.Features = fs
		layers = append(layers, l)
	}
	return layers, problems, nil
}

func readFeatures(db *sql.DB, table string, g plan.LayerInfo, links map[string][]plan.Quote, events map[string][]plan.Event, limit int) ([]*plan.Feature, []error, error) {
	if limit <= 0 {
		return nil, []error{fmt.Errorf("%s: more than %d features in the package: the rest left out", table, MaxFeatures)}, nil
	}
	rows, err := db.Query(`SELECT fid, geom, `+strings.Join(featureColumns, ", ")+` FROM `+q(table)+` ORDER BY fid LIMIT ?`, limit)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []*plan.Feature
	var problems []error
	for rows.Next() {
		var fid sql.NullInt64
		var geom []byte
		vals := make([]sql.NullString, len(featureColumns))
		args := []any{&fid, &geom}
		for i := range vals {
			args = append(args, &vals[i])
		}
		if err := rows.Scan(args...); err != nil {
			problems = append(problems, fmt.Errorf("%s: row %d: %v", table, fid.Int64, err))
			continue
		}
		col := map[string]string{}
		for i, c := range featureColumns {
			col[c] = vals[i].String
		}
		name := col["id"]
		if name == "" {
			name = fmt.Sprintf("#%d", fid.Int64)
		}
		if len(geom) > MaxBlob {
			problems = append(problems, fmt.Errorf("%s: feature %s: geometry of %d MB left out", table, name, len(geom)>>20))
			continue
		}
		gm, _, err := gpkg.ParseGeometry(geom)
		if err != nil || gm == nil {
			if err == nil {
				err = errors.New("empty")
			}
			problems = append(problems, fmt.Errorf("%s: feature %s: geometry: %v", table, name, err))
			continue
		}
		gf := geojson.NewFeature(gm)
		if col["properties"] != "" {
			if err := json.Unmarshal([]byte(col["properties"]), &gf.Properties); err != nil || gf.Properties == nil {
				problems = append(problems, fmt.Errorf("%s: feature %s: properties: not a JSON object", table, name))
				gf.Properties = geojson.Properties{}
			}
		}
		for _, c := range featureColumns {
			if c != "properties" && c != "clauses" {
				gf.Properties[c] = col[c]
			}
		}
		var clauses []string
		json.Unmarshal([]byte(col["clauses"]), &clauses)
		if clauses == nil {
			clauses = []string{}
		}
		gf.Properties["clauses"] = clauses
		gf.Properties["layer"] = string(g.ID)
		qs := links[col["id"]]
		if qs == nil {
			qs = []plan.Quote{}
		}
		gf.Properties["quote"] = qs
		if es := events[col["id"]]; len(es) > 0 {
			gf.Properties["events"] = es
		}
		f, err := plan.FeatureFromGeoJSON(table, int(fid.Int64), gf)
		if err != nil {
			problems = append(problems, err)
			continue
		}
		out = append(out, f)
	}
	return out, problems, rows.Err()
}

// BuiltInInfo reads only what the built-in plan says of itself (titles,
// dates…), not its text or features: enough to name it in a menu.
func BuiltInInfo() (plan.Info, error) {
	id, v, err := vfs.New(assets.PlanPackage)
	if err != nil {
		return plan.Info{}, err
	}
	defer v.Close()
	db, err := sql.Open("sqlite", "file:"+assets.PlanPackageFile+"?vfs="+id+"&mode=ro&immutable=1")
	if err != nil {
		return plan.Info{}, err
	}
	defer db.Close()
	rows, err := db.Query(`SELECT key, value FROM ` + TableDocument + ` WHERE key NOT IN ('text', 'layout') LIMIT 1000`)
	if err != nil {
		return plan.Info{}, err
	}
	defer rows.Close()
	obj := map[string]json.RawMessage{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return plan.Info{}, err
		}
		obj[k] = json.RawMessage(v)
	}
	b, _ := json.Marshal(obj)
	var in plan.Info
	err = json.Unmarshal(b, &in)
	return in, err
}
