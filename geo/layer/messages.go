package layer

import (
	"fmt"
	"strings"

	"github.com/planatlas/planatlas/geo/crs"
)

// The words of every reader error, in English and Chinese, in one place.
// Readers report facts (a Problem, what it names, a Place); this file says
// them. Technical detail from a library stays in its own words, after a
// summary in the planner's language.

// Words says the fault in lang ("zh" or "en").
func (f *Fault) Words(lang string) string {
	en, zh := f.words()
	if lang == "zh" {
		return zh
	}
	return en
}

func (f *Fault) words() (en, zh string) {
	s, d := f.Subject, f.Detail
	switch f.Problem {
	case ProblemCannotOpen:
		if s == "database" {
			return "cannot open the database", "无法打开数据库"
		}
		return "cannot open: " + d, "无法打开：" + reasonZh(d)
	case ProblemCannotRead:
		if s != "" {
			return "cannot read " + s + ": " + d, "无法读取 " + s + "：" + reasonZh(d)
		}
		return "cannot read: " + d, "无法读取：" + reasonZh(d)
	case ProblemFolder:
		return "is a folder, not a file", "这是文件夹，不是文件"
	case ProblemTooLarge:
		return fmt.Sprintf("is %d MB; files over %d MB are not opened", f.N, f.M),
			fmt.Sprintf("文件有 %d MB，超过 %d MB 的文件不予打开（请先在 GIS 软件中裁剪或简化）", f.N, f.M)
	case ProblemUnknownType:
		return fmt.Sprintf("unknown file type %q (Plan Atlas opens %s)", s, d),
			fmt.Sprintf("无法识别的文件类型“%s”（规划图册可打开 %s）", s, strings.ReplaceAll(d, ", ", "、"))
	case ProblemReaderFault:
		return "Plan Atlas failed to read this part (a fault in the program, left out; please report it with the file): " + d,
			"规划图册读取这一部分时出错（程序缺陷，已跳过；请连同文件一起反馈）：" + d
	case ProblemDamaged:
		if s != "" { // a part of the file (a geodatabase's class), read up to the damage
			return "table " + s + " is damaged: what comes before the damage was read", "表 " + s + " 已损坏：只读取了损坏之前的部分"
		}
		return "the file is damaged and could not be read", "文件已损坏，无法读取"
	case ProblemTruncated:
		if f.N > 0 {
			return fmt.Sprintf("truncated: the %s ends part way (a download or copy that did not finish?); the %d whole features before the cut are kept", s, f.N),
				fmt.Sprintf("文件不完整：%s 中途结束（可能下载或复制未完成），已保留中断前的 %d 个完整要素", s, f.N)
		}
		if d != "" {
			return "truncated: the " + s + " ends inside <" + d + ">", "文件不完整：" + s + " 在 <" + d + "> 中途结束（可能下载或复制未完成）"
		}
		if s == "XML" {
			return "truncated: the XML ends before its elements close", "文件不完整：XML 在元素结束前中断（可能下载或复制未完成）"
		}
		return "truncated: the file ends in the middle of the " + s, "文件不完整：在 " + s + " 中途结束（可能下载或复制未完成）"
	case ProblemMalformed:
		return "malformed " + s + " (the file is damaged or not " + s + ")", s + " 格式错误（文件可能已损坏，或不是 " + s + " 文件）"
	case ProblemFieldType:
		return "a value of the wrong type for " + s, "字段 " + s + " 的值类型不对"
	case ProblemInvalid:
		if s == "Esri JSON" {
			return "the ArcGIS service answered with an error, not features: " + d, "这是 ArcGIS 服务返回的错误信息，不是要素数据：" + d
		}
		return "not valid " + s, "不是有效的 " + s + " 文件"
	case ProblemNotFormat:
		return notFormat(s, d)
	case ProblemNoGeometry:
		return "has no geometry", "没有几何图形"
	case ProblemBadGeometry:
		return "the geometry is malformed", "几何图形有误"
	case ProblemBadProperties:
		return "the properties (attributes) are malformed", "属性有误"
	case ProblemMissingFile:
		return s + " is missing: a shapefile's attributes live there; copy the .shp, .shx, .dbf (and .prj, .cpg) together",
			"缺少 " + s + "：Shapefile 的属性数据保存在其中，请把 .shp、.shx、.dbf（以及 .prj、.cpg）一起复制"
	case ProblemCountMismatch:
		return fmt.Sprintf("the .shp has %d shapes but the .dbf %d records: attributes may not match their shapes", f.N, f.M),
			fmt.Sprintf(".shp 有 %d 个图形，而 .dbf 有 %d 条记录：属性可能与图形对不上", f.N, f.M)
	case ProblemTooDeep:
		if s == "DXF" {
			return "blocks are nested too deeply or inserted too many times: what passed the limit was left out",
				"图块嵌套过深或插入次数过多：超出限度的部分未显示"
		}
		return "XML nested too deeply", "XML 嵌套层级过深"
	case ProblemNoFeatureTable:
		return "the GeoPackage has no feature table", "该 GeoPackage 中没有要素表"
	case ProblemCannotReadTable:
		return "cannot read table " + s, "无法读取表 " + s
	case ProblemNoDocument:
		return "KMZ holds no .kml document", "KMZ 压缩包里没有 .kml 文档"
	case ProblemUnpackTooLarge:
		return fmt.Sprintf("%s unpacks to more than %d MB (a damaged or hostile archive?)", s, f.N),
			fmt.Sprintf("%s 解压后超过 %d MB（压缩包可能已损坏或被恶意构造）", s, f.N)
	case ProblemCannotUnpack:
		return "cannot unpack " + s + " (the archive is damaged)", "无法解压 " + s + "（压缩包已损坏）"
	case ProblemNoLonLat:
		return fmt.Sprintf("<%s> without a valid lat/lon", s), fmt.Sprintf("<%s> 缺少有效的经纬度（lat/lon）", s)
	case ProblemUnsupportedCRS:
		return unsupportedCRS(s, d)
	case ProblemNotLonLat:
		return "coordinates " + d + " are not longitude/latitude: the file's coordinate system is missing or not supported",
			"坐标 " + d + " 不是经纬度：文件缺少坐标系说明（如 .prj），或其坐标系不受支持"
	case ProblemUnknownEncoding:
		return fmt.Sprintf("the file declares the text encoding %q, which Plan Atlas cannot read", s),
			fmt.Sprintf("文件声明的文字编码“%s”无法识别", s)
	case ProblemTooFewPoints:
		return fmt.Sprintf("a <%s> of %d point(s); it needs at least %d", s, f.N, f.M),
			fmt.Sprintf("<%s> 只有 %d 个点，至少需要 %d 个", s, f.N, f.M)
	case ProblemBadCoordinate:
		return fmt.Sprintf("the coordinate %q is not a pair of numbers", s), fmt.Sprintf("坐标“%s”不是有效的数值", s)
	case ProblemOutsideCRS:
		return outsideCRS(f)
	case ProblemOnlyUnplaced:
		return fmt.Sprintf("none of its %d records has a geometry: there is nothing to draw", f.N),
			fmt.Sprintf("全部 %d 条记录都没有几何图形，没有可显示的内容", f.N)
	case ProblemEmpty:
		return "the file holds no features", "文件中没有要素"
	case ProblemNoDatumShift:
		return fmt.Sprintf("%s is on the %s datum: read without a datum shift, positions may be off by tens of metres (enter your office's seven parameters when opening to correct it)", s, d),
			fmt.Sprintf("坐标系 %s 基于%s大地基准，未做基准转换，位置可能偏差数十米（打开时可输入本单位的七参数加以改正）", s, datumZh(d))
	case ProblemHelmertApplied:
		return fmt.Sprintf("%s (%s datum) converted to WGS 84 with the seven parameters given", s, d),
			fmt.Sprintf("坐标系 %s（%s）已按所填七参数转换到 WGS 84", s, datumZh(d))
	case ProblemUnsupportedShape:
		return fmt.Sprintf("shape type %d (%s) is not one Plan Atlas reads", f.N, shapeName(f.N)),
			fmt.Sprintf("规划图册不读取 %d 类图形（%s）", f.N, shapeName(f.N))
	case ProblemRasterOnly:
		return "a raster GeoPackage (tiles " + s + "), not features: open it as a base map (Add base map)",
			"这是栅格 GeoPackage（瓦片表 " + s + "），不是矢量要素：请用「添加底图」把它作为底图打开"
	case ProblemLinkNotFollowed:
		if strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "https://") {
			return "a <" + s + "> links to " + d + ": not fetched (Plan Atlas does not go online for an opened file)",
				"<" + s + "> 链接到 " + d + "：未下载（打开文件时 Plan Atlas 不会联网）"
		}
		return "a <" + s + "> refers to " + d + ": not drawn (open an image as a base map instead)",
			"<" + s + "> 引用了 " + d + "：未显示（图片可用「添加底图」打开）"
	case ProblemPaperSpace:
		return fmt.Sprintf("%d entities of paper space (layouts: frames, title blocks, viewports, in the sheet's millimetres) are not drawn", f.N),
			fmt.Sprintf("%d 个图纸空间（布局：图框、标题栏、视口，以图纸毫米计）的图元未显示", f.N)
	case ProblemEntitiesNotDrawn:
		return fmt.Sprintf("%d entities are not drawn: %s", f.N, s), fmt.Sprintf("%d 个图元未显示：%s", f.N, s)
	case ProblemCRSGuessed:
		return "the drawing names no coordinate system: its numbers (" + d + ") were read as " + s + " — check that it lies where it should",
			"图纸没有注明坐标系：按其数值（" + d + "）判断为 " + s + "，请核对位置是否正确"
	case ProblemAttributeTables:
		if f.N > 0 {
			return fmt.Sprintf("tables %s hold attributes only (%d rows) and are not drawn", s, f.N),
				fmt.Sprintf("表 %s 只有属性、没有几何图形（共 %d 行），未显示", s, f.N)
		}
		return "tables " + s + " hold attributes only and are not drawn", "表 " + s + " 只有属性、没有几何图形，未显示"
	case ProblemRasterFootprints:
		return "raster datasets " + s + ": their extents are drawn, their pixels are not read (export them as GeoTIFF to add as a base map)",
			"栅格数据集 " + s + "：只显示其范围，未读取栅格像元（可在 ArcGIS 中导出为 GeoTIFF，再用「添加底图」打开）"
	case ProblemTableSkipped:
		if f.N == 0 { // its rows could not be counted
			return fmt.Sprintf("table %s left out: %s", s, d), fmt.Sprintf("表 %s 未打开：%s", s, tableReasonZh(d))
		}
		return fmt.Sprintf("table %s (%d features) left out: %s", s, f.N, d), fmt.Sprintf("表 %s（%d 个要素）未打开：%s", s, f.N, tableReasonZh(d))
	case ProblemTimedOut:
		return "reading took longer than allowed and was stopped", "读取超时，已停止"
	case ProblemShortHeader:
		if s == "dbf" {
			return "not a .dbf: shorter than its header", "不是 .dbf 文件：比文件头还短"
		}
		return "not a shapefile: shorter than its 100-byte header", "不是 Shapefile：文件比 100 字节的文件头还短"
	case ProblemBadHeader:
		return fmt.Sprintf("bad header (header %d bytes, records %d bytes)", f.N, f.M), fmt.Sprintf("文件头有误（文件头 %d 字节，每条记录 %d 字节）", f.N, f.M)
	case ProblemTruncatedRecord:
		return "truncated record header", "记录头不完整，文件可能被截断"
	case ProblemRecordPastEnd:
		return fmt.Sprintf("record of %d bytes runs past the end of the file (truncated?)", f.N),
			fmt.Sprintf("%d 字节的记录超出了文件末尾（文件可能被截断）", f.N)
	case ProblemFieldsTooWide:
		return fmt.Sprintf("fields take %d bytes but records are %d", f.N, f.M), fmt.Sprintf("字段共占 %d 字节，而每条记录只有 %d 字节", f.N, f.M)
	case ProblemTooFewRecords:
		return fmt.Sprintf("the header promises %d records of %d bytes; the file is truncated", f.N, f.M),
			fmt.Sprintf("文件头声明有 %d 条 %d 字节的记录，但文件不完整", f.N, f.M)
	}
	return "could not be read", "读取失败"
}

// outsideCRS says a feature's coordinates (the file's numbers) lie outside
// its coordinate system, and the likely reason.
func outsideCRS(f *Fault) (en, zh string) {
	en = fmt.Sprintf("coordinates %s lie outside coordinate system %s", f.Detail, f.Subject)
	zh = fmt.Sprintf("坐标 %s 超出坐标系 %s 的范围", f.Detail, f.Subject)
	switch crs.Hint(f.N) {
	case crs.HintNoZone:
		en += ": the system puts the zone number before the easting (e.g. 36500000), the file's eastings have none; choose the system without zone numbers"
		zh += "：该坐标系的横坐标（东坐标）前带有带号（如 36500000），而文件中的横坐标没有带号，请选用不带带号的坐标系"
	case crs.HintZone:
		en += fmt.Sprintf(": the file's eastings start with zone number %d; choose the system with zone numbers (zone %d)", f.M, f.M)
		zh += fmt.Sprintf("：文件中的横坐标以带号 %d 开头，请选用带带号的坐标系（第 %d 带）", f.M, f.M)
	case crs.HintOtherZone:
		en += fmt.Sprintf(": the file's eastings carry zone number %d, another zone than the system's", f.M)
		zh += fmt.Sprintf("：文件中的横坐标带号为 %d，与坐标系的投影带不符", f.M)
	case crs.HintNotProject:
		en += ": they look like longitude/latitude, not metres"
		zh += "：这些数值像经纬度，而不是以米为单位的投影坐标"
	}
	return en, zh
}

// datumZh names a datum in Chinese.
func datumZh(d string) string {
	switch d {
	case "Xian 1980":
		return "西安 1980"
	case "Beijing 1954":
		return "北京 1954"
	}
	return d
}

// tableReasonZh says in Chinese why a GeoPackage table was left out: its
// coordinate system, named in the English reason.
func tableReasonZh(en string) string {
	if strings.HasPrefix(en, "unsupported coordinate system") {
		return "坐标系不受支持（" + strings.TrimPrefix(en, "unsupported coordinate system ") + "）"
	}
	if v, ok := strings.CutPrefix(en, "not File Geodatabase: table version "); ok {
		return "表格版本 " + v + "（ArcGIS Pro 3.2 起的 64 位对象编号）规划图册尚不能读取"
	}
	return "无法读取"
}

// shapeName names a shapefile shape type.
func shapeName(t int64) string {
	switch t {
	case 31:
		return "MultiPatch"
	}
	return "unknown"
}

// plural says "1 feature" or "2 features".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// summary puts a library's detail after a summary in Chinese.
func summary(zh, detail string) string {
	if detail == "" {
		return zh
	}
	return zh + "（" + detail + "）"
}

// reasonZh says a reason a file cannot be opened or read in Chinese.
func reasonZh(reason string) string {
	switch reason {
	case reasonNotExist:
		return "文件不存在"
	case reasonPermission:
		return "没有读取权限"
	}
	return reason
}

// notFormat says a file is not of the format it claims, and why.
func notFormat(format, why string) (en, zh string) {
	switch format {
	case "GeoJSON":
		if why == "" {
			return "not GeoJSON (no \"type\" member)", "不是 GeoJSON 文件（没有 type 成员）"
		}
		return fmt.Sprintf("not GeoJSON (type %q)", why), fmt.Sprintf("不是 GeoJSON 文件（type 为“%s”）", why)
	case "KML":
		return "not KML (no <kml> element)", "不是 KML 文件（没有 <kml> 元素）"
	case "GPX":
		return "not GPX (no <gpx> element)", "不是 GPX 文件（没有 <gpx> 元素）"
	case "KMZ":
		return "not a KMZ (zip) archive: " + why, "不是 KMZ（zip 压缩包）文件（" + why + "）"
	case "SQLite":
		return "not a GeoPackage (not an SQLite database)", "不是 GeoPackage 文件（不是 SQLite 数据库）"
	case "GeoPackage":
		return "not a GeoPackage (no gpkg_contents/gpkg_geometry_columns): " + why,
			summary("不是 GeoPackage 文件（缺少 gpkg_contents/gpkg_geometry_columns 表）", why)
	case "Shapefile":
		return "not a shapefile (bad file code)", "不是 Shapefile（文件标识码不对）"
	}
	// The readers' reasons, in Chinese; another reason is quoted as it is.
	whyZh := map[string]string{
		"a group code is not a number":    "组码不是数字",
		"no SECTION":                      "没有 SECTION 段",
		"no .gdb folder in the archive":   "压缩包中没有 .gdb 文件夹",
		"no catalog (a00000001.gdbtable)": "缺少目录表 a00000001.gdbtable",
		"not a .gdbtable":                 "不是 .gdbtable 表文件",
	}[why]
	if v, ok := strings.CutPrefix(why, "table version "); ok {
		whyZh = "表格版本 " + v + "，即 ArcGIS Pro 3.2 起的 64 位对象编号，规划图册尚不能读取"
	}
	if whyZh == "" {
		whyZh = why
	}
	return "not " + format + ": " + why, summary("不是 "+format+" 文件", whyZh)
}

// unsupportedCRS names a coordinate system Plan Atlas does not read, and
// what kind it is.
func unsupportedCRS(name, kind string) (en, zh string) {
	switch kind {
	case "epsg":
		return fmt.Sprintf("unsupported coordinate system %s (Plan Atlas reads WGS84 and CGCS2000 lon/lat, Web Mercator, WGS 84 UTM zones, and CGCS2000, Xi'an 1980 and Beijing 1954 Gauss–Krüger zones)", name),
			fmt.Sprintf("不支持的坐标系 %s（规划图册可读取 WGS84 与 CGCS2000 经纬度、Web 墨卡托、WGS 84 UTM 投影带，以及 CGCS2000、西安 1980、北京 1954 高斯–克吕格投影带）", name)
	case "datum":
		return fmt.Sprintf("unsupported coordinate system %q (a geographic system on another datum)", name),
			fmt.Sprintf("不支持的坐标系“%s”（其他基准的地理坐标系）", name)
	case "tm":
		return fmt.Sprintf("unsupported coordinate system %q (transverse Mercator on a datum other than CGCS2000)", name),
			fmt.Sprintf("不支持的坐标系“%s”（非 CGCS2000 基准的横轴墨卡托投影）", name)
	}
	return fmt.Sprintf("unsupported coordinate system %q", name), fmt.Sprintf("不支持的坐标系“%s”", name)
}

// Message says in lang ("zh" or "en") what a reader left out of a layer of
// n features and what it kept without geometry (unplaced), and its
// warnings: "" when there is nothing to say.
func (r Report) Message(lang string, n, unplaced int) string {
	zh := lang == "zh"
	var parts []string
	if r.Skipped > 0 {
		var named []string
		for _, s := range r.First {
			w := s.Place.Words(lang)
			if s.Table != "" {
				if zh {
					w = "表 " + s.Table + " " + w
				} else {
					w = "table " + s.Table + " " + w
				}
			}
			sep := ": "
			if zh {
				sep = "："
			}
			if w == "" {
				named = append(named, s.Words(lang))
			} else {
				named = append(named, w+sep+s.Words(lang))
			}
		}
		more := ""
		if r.Skipped > len(r.First) {
			if zh {
				more = fmt.Sprintf("；等共 %d 处", r.Skipped)
			} else {
				more = fmt.Sprintf("; %d in all", r.Skipped)
			}
		}
		if zh {
			parts = append(parts, fmt.Sprintf("已打开 %d 个要素，%d 个无法读取而跳过（%s%s）", n, r.Skipped, strings.Join(named, "；"), more))
		} else {
			parts = append(parts, fmt.Sprintf("%s opened, %d left out (%s%s)", plural(n, "feature"), r.Skipped, strings.Join(named, "; "), more))
		}
	}
	if unplaced > 0 {
		if zh {
			parts = append(parts, fmt.Sprintf("%d 条记录没有几何图形，仅保留属性", unplaced))
		} else if unplaced == 1 {
			parts = append(parts, "1 record has no geometry: kept for its attributes")
		} else {
			parts = append(parts, fmt.Sprintf("%d records have no geometry: kept for their attributes", unplaced))
		}
	}
	for _, w := range r.Warnings {
		parts = append(parts, w.Words(lang))
	}
	if zh {
		return strings.Join(parts, "。")
	}
	return strings.Join(parts, ". ")
}

// Details is the technical detail behind a message, for a "details"
// disclosure: the library's own words, "" when there are none.
func (e *ReadError) Details() string {
	var parts []string
	if e.Detail != "" && e.Problem != ProblemNotLonLat && e.Problem != ProblemOutsideCRS && e.Problem != ProblemTableSkipped {
		parts = append(parts, e.Detail)
	}
	if e.Err != nil && e.Err.Error() != e.Detail {
		parts = append(parts, e.Err.Error())
	}
	return strings.Join(parts, "\n")
}

// Words says the place in lang ("" for the whole file).
func (p Place) Words(lang string) string {
	zh := lang == "zh"
	switch p.Kind {
	case AtFeature:
		if zh {
			return fmt.Sprintf("第 %d 个要素", p.N)
		}
		return fmt.Sprintf("feature %d", p.N)
	case AtRecord:
		switch {
		case p.Byte >= 0 && zh:
			return fmt.Sprintf("第 %d 条记录（第 %d 字节）", p.N, p.Byte)
		case p.Byte >= 0:
			return fmt.Sprintf("record %d (byte %d)", p.N, p.Byte)
		case zh:
			return fmt.Sprintf("第 %d 条记录", p.N)
		}
		return fmt.Sprintf("record %d", p.N)
	case AtByte:
		if zh {
			return fmt.Sprintf("第 %d 字节", p.Byte)
		}
		return fmt.Sprintf("byte %d", p.Byte)
	case AtLine:
		if zh {
			return fmt.Sprintf("第 %d 行", p.N)
		}
		return fmt.Sprintf("line %d", p.N)
	case AtRow:
		if zh {
			return fmt.Sprintf("第 %d 行数据", p.N)
		}
		return fmt.Sprintf("row %d", p.N)
	}
	return ""
}
