package basemap

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"image"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	_ "modernc.org/sqlite" // pure-Go SQLite: MBTiles and GeoPackage are SQLite files
)

// MBTiles is a tile package: an SQLite file of PNG, JPEG or WebP tiles in
// the TMS row order (https://github.com/mapbox/mbtiles-spec).
type MBTiles struct {
	db     *sql.DB
	Format string // png, jpg, webp as the metadata says
	Meta   map[string]string
	Min    int
	Max    int
	Bound  orb.Bound
}

// OpenMBTiles opens an MBTiles file read-only.
func OpenMBTiles(path string) (*MBTiles, error) {
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro&immutable=1")
	if err != nil {
		return nil, err
	}
	m := &MBTiles{db: db, Meta: map[string]string{}}
	rows, err := db.Query(`SELECT name, value FROM metadata`)
	if err != nil {
		db.Close()
		return nil, said(ProblemNotBasemap, "%s is not an MBTiles package", "%s 不是 MBTiles 瓦片包", filepath.Base(path))
	}
	for rows.Next() {
		var k, v sql.NullString
		if rows.Scan(&k, &v) == nil {
			m.Meta[strings.ToLower(k.String)] = v.String
		}
	}
	rows.Close()
	if f := m.Meta["format"]; f == "pbf" || f == "mvt" {
		db.Close()
		return nil, said(ProblemUnsupported, "%s holds vector tiles (%s), not images", "%s 中是矢量瓦片（%s），不是图像", filepath.Base(path), f)
	}
	m.Format = m.Meta["format"]
	var lo, hi sql.NullInt64
	if err := db.QueryRow(`SELECT min(zoom_level), max(zoom_level) FROM tiles`).Scan(&lo, &hi); err != nil {
		db.Close()
		return nil, said(ProblemNotBasemap, "%s has no tiles table", "%s 没有瓦片表（tiles）", filepath.Base(path))
	}
	if !lo.Valid {
		db.Close()
		return nil, said(ProblemDamaged, "%s holds no tiles", "%s 中没有瓦片", filepath.Base(path))
	}
	m.Min, m.Max = int(lo.Int64), int(hi.Int64)
	if b := strings.Split(m.Meta["bounds"], ","); len(b) == 4 {
		var v [4]float64
		ok := true
		for i := range b {
			f, err := strconv.ParseFloat(strings.TrimSpace(b[i]), 64)
			ok = ok && err == nil
			v[i] = f
		}
		if ok && v[0] < v[2] && v[1] < v[3] {
			m.Bound = orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}
		}
	}
	return m, nil
}

// Tile returns tile k (XYZ scheme; the file's rows are TMS).
func (m *MBTiles) Tile(ctx context.Context, k TileKey) ([]byte, error) {
	row := (1 << k.Z) - 1 - k.Y
	var b []byte
	err := m.db.QueryRowContext(ctx, `SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?`, k.Z, k.X, row).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoTile
	}
	return b, err
}

// Close closes the file.
func (m *MBTiles) Close() error { return m.db.Close() }

// Source returns the package as a drawable source named name.
func (m *MBTiles) Source(name string) *Tiles {
	if n := m.Meta["name"]; n != "" && name == "" {
		name = n
	}
	return NewTiles(m, Info{Name: name, Attribution: m.Meta["attribution"], Bound: m.Bound}, m.tileSize(), m.Min, m.Max, 0)
}

// tileSize reads one tile's size (256 or 512 pixels), 256 if none decodes.
func (m *MBTiles) tileSize() int {
	var b []byte
	if m.db.QueryRow(`SELECT tile_data FROM tiles LIMIT 1`).Scan(&b) != nil {
		return 256
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width < 64 {
		return 256
	}
	return cfg.Width
}
