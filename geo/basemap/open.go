package basemap

import (
	"context"
	"fmt"
	"hash/fnv"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// OpenOptions says how Open treats what it is given.
type OpenOptions struct {
	// EPSG is the coordinate system of an image or GeoTIFF that names
	// none (0: as the file says).
	EPSG int
	// Online allows an address (a tile template or a provider) to be used:
	// the planner's, or the script's, explicit choice to go online.
	Online bool
	// Cache keeps online tiles; nil keeps none.
	Cache *DiskCache
	// Key is the planner's key for a provider that needs one (天地图 tk).
	Key  string
	Lang string
	// OverviewDir is where overviews are built for files whose own folder
	// cannot be written (the app's cache); "" looks only beside the file.
	OverviewDir string
}

// Open opens a base map: an MBTiles package, a raster GeoPackage, a
// GeoTIFF, an image with a world file, or — only with Online — a tile
// address ("https://…/{z}/{x}/{y}.png") or a provider id ("osm",
// "tianditu-img", "tianditu-vec", "tianditu-ter").
func Open(spec string, o OpenOptions) (Source, error) {
	if p, ok := ProviderByID(spec); ok {
		if !o.Online {
			return nil, said(ProblemOnlineOff, "%s is an online source: turn online base maps on to use it", "%s 是在线底图：请先开启在线底图", spec)
		}
		return p.Source(o.Key, o.Lang, o.Cache)
	}
	if strings.HasPrefix(spec, "http://") || strings.HasPrefix(spec, "https://") {
		if !o.Online {
			return nil, said(ProblemOnlineOff, "%s is an online source: turn online base maps on to use it", "%s 是在线底图：请先开启在线底图", redactURL(spec))
		}
		low := strings.ToLower(spec)
		if strings.Contains(low, "getcapabilities") || strings.HasSuffix(strings.SplitN(low, "?", 2)[0], "capabilities.xml") {
			return OpenWMTS(context.Background(), spec, o)
		}
		return openTemplate(spec, o)
	}
	if _, err := os.Stat(spec); err != nil {
		return nil, err
	}
	switch strings.ToLower(filepath.Ext(spec)) {
	case ".mbtiles":
		m, err := OpenMBTiles(spec)
		if err != nil {
			return nil, err
		}
		return m.Source(""), nil
	case ".gpkg":
		g, err := OpenGeoPackageTiles(spec)
		if err != nil {
			return nil, err
		}
		return NewTiles(g, Info{Name: filepath.Base(spec), Bound: g.Bound}, 256, g.Min, g.Max, 0), nil
	case ".tif", ".tiff", ".gtiff":
		return orNil(openGeoTIFF(spec, o.EPSG, o.OverviewDir))
	case ".jpg", ".jpeg", ".png":
		return orNil(OpenWorldImage(spec, o.EPSG))
	}
	return nil, said(ProblemNotBasemap, "%s is not a base map file (MBTiles, GeoPackage tiles, GeoTIFF, or JPEG/PNG with a world file)", "%s 不是底图文件（MBTiles、GeoPackage 瓦片、GeoTIFF，或带坐标文件的 JPG/PNG）", filepath.Base(spec))
}

// openTemplate builds a custom XYZ source from a tile address.
func openTemplate(spec string, o OpenOptions) (Source, error) {
	if !strings.Contains(spec, "{z}") || !strings.Contains(spec, "{x}") || !(strings.Contains(spec, "{y}") || strings.Contains(spec, "{-y}")) {
		return nil, said(ProblemNotBasemap, "a tile address needs {z}, {x} and {y}: %s", "瓦片地址需要含 {z}、{x} 和 {y}：%s", redactURL(spec))
	}
	u, err := url.Parse(strings.NewReplacer("{", "", "}", "").Replace(spec))
	if err != nil {
		return nil, said(ProblemNotBasemap, "not an address: %s", "不是网址：%s", redactURL(spec))
	}
	var subs []string
	if strings.Contains(spec, "{s}") {
		subs = []string{"a", "b", "c"}
	}
	secrets := secretsIn(spec) // a key in the query stays out of messages
	id := "custom-" + hashID(spec)
	info := Info{Name: u.Host, Attribution: u.Host, Online: true}
	if o.Lang == "en" {
		info.Attribution = "Base map: " + u.Host
	} else {
		info.Attribution = "底图：" + u.Host
	}
	return NewTiles(NewXYZ(id, spec, subs, o.Cache, secrets...), info, 256, 0, 20, 0), nil
}

// redactURL drops an address's query (where keys live) for messages.
func redactURL(s string) string {
	if i := strings.IndexByte(s, '?'); i >= 0 {
		return s[:i] + "?…"
	}
	return s
}

// hashID names a source's folder in the tile cache by its address.
func hashID(s string) string {
	h := fnv.New32a()
	h.Write([]byte(s))
	return fmt.Sprintf("%08x", h.Sum32())
}

// orNil keeps a failed open's nil *Raster from becoming a non-nil Source.
func orNil(r *Raster, err error) (Source, error) {
	if err != nil {
		return nil, err
	}
	return r, nil
}
