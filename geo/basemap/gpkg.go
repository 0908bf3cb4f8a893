package basemap

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"path/filepath"
	"regexp"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
)

// GeoPackageTiles is a raster GeoPackage's tile pyramid in Web Mercator
// on the world grid (GDAL's TILING_SCHEME=GoogleMapsCompatible), the form
// in which tiles line up with web maps.
type GeoPackageTiles struct {
	db    *sql.DB
	table string
	zoff  map[int]int // web zoom → the table's zoom_level
	Min   int
	Max   int
	Bound orb.Bound
}

var sqlName = regexp.MustCompile(`^[A-Za-z0-9_ .\-\p{Han}]+$`)

// OpenGeoPackageTiles opens the first tile table of a GeoPackage.
func OpenGeoPackageTiles(path string) (*GeoPackageTiles, error) {
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro&immutable=1")
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*GeoPackageTiles, error) {
		db.Close()
		return nil, named(filepath.Base(path), err)
	}
	g := &GeoPackageTiles{db: db, zoff: map[int]int{}, Min: 99, Max: -1}
	var srs int
	var minx, miny, maxx, maxy float64
	err = db.QueryRow(`SELECT c.table_name, s.srs_id, s.min_x, s.min_y, s.max_x, s.max_y FROM gpkg_contents c
		JOIN gpkg_tile_matrix_set s ON s.table_name = c.table_name WHERE c.data_type IN ('tiles', '2d-gridded-coverage') LIMIT 1`).
		Scan(&g.table, &srs, &minx, &miny, &maxx, &maxy)
	if errors.Is(err, sql.ErrNoRows) {
		return fail(said(ProblemNotBasemap, "the GeoPackage has no raster tiles (open it as a layer instead)", "该 GeoPackage 没有栅格瓦片（请作为图层打开）"))
	}
	if err != nil {
		return fail(said(ProblemNotBasemap, "not a raster GeoPackage", "不是栅格 GeoPackage"))
	}
	if !sqlName.MatchString(g.table) {
		return fail(said(ProblemUnsupported, "tile table name %q is not supported", "不支持瓦片表名 %q", g.table))
	}
	world := math.Abs(minx+earthHalf) < 1 && math.Abs(maxx-earthHalf) < 1 && math.Abs(maxy-earthHalf) < 1
	if srs != 3857 && srs != 900913 || !world {
		return fail(said(ProblemUnsupported, "only raster GeoPackages on the Web Mercator world grid are read (gdal_translate -of GPKG -co TILING_SCHEME=GoogleMapsCompatible)", "只能读取 Web 墨卡托全球格网上的栅格 GeoPackage（gdal_translate -of GPKG -co TILING_SCHEME=GoogleMapsCompatible）"))
	}
	rows, err := db.Query(`SELECT zoom_level, matrix_width FROM gpkg_tile_matrix WHERE table_name = ?`, g.table)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var zl, mw int
		if rows.Scan(&zl, &mw) == nil && mw > 0 {
			z := int(math.Round(math.Log2(float64(mw))))
			if 1<<z == mw {
				g.zoff[z] = zl
				g.Min, g.Max = min(g.Min, z), max(g.Max, z)
			}
		}
	}
	rows.Close()
	if g.Max < 0 {
		return fail(said(ProblemDamaged, "the GeoPackage's tile matrix is empty", "该 GeoPackage 的瓦片矩阵为空"))
	}
	// The data's extent, from the contents table when it is there.
	var bx0, by0, bx1, by1 sql.NullFloat64
	if db.QueryRow(`SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?`, g.table).Scan(&bx0, &by0, &bx1, &by1) == nil && bx0.Valid && bx1.Float64 > bx0.Float64 {
		g.Bound = orb.Bound{Min: project.Mercator.ToWGS84(orb.Point{bx0.Float64, by0.Float64}), Max: project.Mercator.ToWGS84(orb.Point{bx1.Float64, by1.Float64})}
	}
	return g, nil
}

// Tile returns tile k (the table's rows count from the top, as XYZ).
func (g *GeoPackageTiles) Tile(ctx context.Context, k TileKey) ([]byte, error) {
	zl, ok := g.zoff[k.Z]
	if !ok {
		return nil, ErrNoTile
	}
	var b []byte
	err := g.db.QueryRowContext(ctx, `SELECT tile_data FROM "`+g.table+`" WHERE zoom_level=? AND tile_column=? AND tile_row=?`, zl, k.X, k.Y).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoTile
	}
	return b, err
}

// Close closes the file.
func (g *GeoPackageTiles) Close() error { return g.db.Close() }
