package app

import "github.com/planatlas/planatlas/geo/plan"

// strs holds every interface string in Chinese and English.
var strs = map[string][2]string{
	"app":                {"规划图册", "Plan Atlas"},
	"layers":             {"图层", "Layers"},
	"stages":             {"建设阶段", "Stage"},
	"allStages":          {"全部阶段", "All stages"},
	"detail":             {"要素详情", "Feature"},
	"reader":             {"决定原文", "Decision text"},
	"search":             {"搜索地名、拼音、英文或条文…", "Search names, pinyin, English or text…"},
	"export":             {"导出", "Export"},
	"present":            {"演示", "Present"},
	"about":              {"关于", "About"},
	"legend":             {"图例", "Legend"},
	"home":               {"全市", "Whole city"},
	"zoomIn":             {"放大", "Zoom in"},
	"zoomOut":            {"缩小", "Zoom out"},
	"theme":              {"主题", "Theme"},
	"light":              {"浅色", "Light"},
	"dark":               {"深色", "Dark"},
	"lang":               {"语言", "Language"},
	"noSelection":        {"点击地图上的要素，查看规定它的条文。", "Click a feature on the map to read the clause that puts it there."},
	"kind":               {"类型", "Kind"},
	"stage":              {"阶段", "Stage"},
	"verb":               {"原文用语", "The text's verb"},
	"precision":          {"位置", "Position"},
	"since":              {"2020年后进展", "Since 2020"},
	"source":             {"来源", "Source"},
	"clauses":            {"相关条文", "Clauses"},
	"related":            {"同条文要素", "Named in the same clauses"},
	"part":               {"第%s部分", "Part %s"},
	"showOnMap":          {"在地图上显示", "Show on map"},
	"features":           {"个要素", " features"},
	"noResults":          {"没有找到", "Nothing found"},
	"clauseResult":       {"条文", "Clause"},
	"cursor":             {"经纬度", "Lon/lat"},
	"scale":              {"比例尺", "Scale"},
	"exportDone":         {"已导出：%s", "Exported: %s"},
	"exportFailed":       {"导出失败：%s", "Export failed: %s"},
	"aboutText":          {"规划图册 %s\n把规划文件变成可浏览、可演示、可导出的地图。\n\n数据来源与许可：", "Plan Atlas %s\nTurns a planning document into maps to explore, present and export.\n\nData sources and licences:"},
	"exact":              {"精确位置", "exact position"},
	"town":               {"位置示意（县城）", "indicative (county seat)"},
	"approximate":        {"位置示意（大致位置）", "indicative (approximate)"},
	"schematic":          {"位置示意（示意走向）", "indicative (schematic line)"},
	"sub_centre":         {"市域副中心", "municipal sub-centre"},
	"role":               {"功能定位", "Role"},
	"loadFailed":         {"内置规划数据无法加载：%s", "The built-in plan does not load: %s"},
	"currentView":        {"当前视图", "Current view"},
	"scene":              {"场景", "Scene"},
	"deck":               {"全部场景（讲义）", "All scenes (handout)"},
	"cancel":             {"取消", "Cancel"},
	"ok":                 {"确定", "OK"},
	"error":              {"出错了", "Something went wrong"},
	"replace":            {"替换", "Replace"},
	"folder":             {"文件夹", "Folder"},
	"fileName":           {"文件名", "File name"},
	"overwrite":          {"%s 已存在，是否替换？", "%s exists. Replace it?"},
	"north":              {"指北针", "North arrow"},
	"attribution":        {"数据来源", "Attribution"},
	"openLayer":          {"打开图层", "Open layer"},
	"openFailed":         {"无法打开图层：%s", "Cannot open the layer: %s"},
	"openRead":           {"已读取 %d / %d MB", "Read %d of %d MB"},
	"openParse":          {"正在解析并建立索引…", "Parsing and indexing…"},
	"chooseFile":         {"选择文件…", "Choose file…"},
	"gcj02":              {"坐标为 GCJ-02（高德、腾讯地图），转换为 WGS84", "Coordinates are GCJ-02 (AMap, Tencent): convert to WGS84"},
	"gcj02Note":          {"高德、腾讯等国内地图使用加密的 GCJ-02 坐标，与天地图/WGS84 相差约 300–500 米。只有确知数据来自这类地图时才勾选。", "Chinese web maps (AMap, Tencent) use the offset GCJ-02 coordinates, 300–500 m from Tianditu/WGS84. Tick only when the data comes from such a map."},
	"overlays":           {"叠加图层", "Overlays"},
	"noLabel":            {"（不标注）", "(no labels)"},
	"vertices":           {" 个顶点", " vertices"},
	"exportData":         {"导出数据", "Export data"},
	"allLayers":          {"全部图层", "All layers"},
	"visibleLayers":      {"可见图层", "Visible layers"},
	"firstFrame":         {"首帧", "first frame"},
	"title":              {"标题", "Title"},
	"fitArea":            {"按范围缩放", "Fit the area"},
	"customScale":        {"自定义比例尺", "Custom scale"},
	"highlightSelection": {"突出显示所选要素", "Highlight the selection"},
	"pageSize":           {"尺寸", "Size"},
	"widthPx":            {"宽（像素）", "Width (px)"},
	"heightPx":           {"高（像素）", "Height (px)"},
	"area":               {"范围", "Area"},
	"mapScale":           {"比例尺", "Scale"},
	"scaleN":             {"1:", "1:"},
	"noInfo":             {"至今未找到公开的进展信息", "No public information on progress found"},
	"placeSource":        {"位置来源", "Position source"},
	"geomPoint":          {"点", "point"},
	"geomPoints":         {"多点", "points"},
	"geomLine":           {"线", "line"},
	"geomArea":           {"面", "area"},
	"geomOther":          {"几何集合", "geometry collection"},
	"selectedN":          {"已选 %d 个要素", "%d features selected"},
}

// tr returns the string for key in lang.
func tr(lang, key string) string {
	s, ok := strs[key]
	if !ok {
		return key
	}
	if lang == "en" {
		return s[1]
	}
	return s[0]
}

func precisionName(lang string, p plan.Precision) string { return tr(lang, string(p)) }
