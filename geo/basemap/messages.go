package basemap

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Problem is the kind of thing wrong with a base map, which a planner is
// told in their language.
type Problem int

// The problems.
const (
	ProblemOther       Problem = iota
	ProblemNotBasemap          // not a file this reads as a base map
	ProblemDamaged             // cut short or corrupted
	ProblemUnsupported         // a variant this reader does not decode
	ProblemNeedsCRS            // the file names no coordinate system: choose one
	ProblemNoGeoref            // nothing places the image: georeference it
	ProblemTooLarge            // too big for what was asked
	ProblemKey                 // a key is missing or refused
	ProblemOnlineOff           // an online source while online base maps are off
	ProblemServer              // the tile server answered with an error
	ProblemSlow                // the tile server did not answer in time
)

// Error is a base map failure: its kind and what went wrong, in English
// (Detail) and, where it was written in both, in Chinese (Zh).
type Error struct {
	Problem Problem
	Detail  string
	Zh      string
}

func (e *Error) Error() string { return e.Detail }

// said is a failure worded in English (en) and Chinese (zh), both
// formats taking the same arguments.
func said(p Problem, en, zh string, a ...any) error {
	return &Error{Problem: p, Detail: fmt.Sprintf(en, a...), Zh: fmt.Sprintf(zh, a...)}
}

// named puts a file's name before what err says of it.
func named(name string, err error) error {
	var e *Error
	if !errors.As(err, &e) {
		return fmt.Errorf("%s: %w", name, err)
	}
	c := *e
	c.Detail = name + ": " + e.Detail
	if e.Zh != "" {
		c.Zh = name + "：" + e.Zh
	}
	return &c
}

var problemText = map[Problem][2]string{
	ProblemOther:       {"无法打开底图", "The base map could not be opened"},
	ProblemNotBasemap:  {"这不是可作底图的文件（可用：MBTiles、GeoPackage 瓦片、GeoTIFF、带坐标文件的 JPG/PNG）", "This is not a base map file (MBTiles, GeoPackage tiles, GeoTIFF, or JPG/PNG with a world file)"},
	ProblemDamaged:     {"文件已损坏或不完整", "The file is damaged or incomplete"},
	ProblemUnsupported: {"文件使用了暂不支持的格式变体", "The file uses a variant that is not supported"},
	ProblemNeedsCRS:    {"文件没有注明坐标系，请选择坐标系后再打开", "The file names no coordinate system: choose one and open it again"},
	ProblemNoGeoref:    {"图像没有地理配准信息，请先配准", "Nothing places this image on the map: georeference it first"},
	ProblemTooLarge:    {"文件或范围太大", "Too large"},
	ProblemKey:         {"密钥缺失或被服务器拒绝，请检查密钥", "The key is missing or was refused: check it"},
	ProblemOnlineOff:   {"这是在线底图：需要您先开启在线底图", "This is an online base map: turn online base maps on first"},
	ProblemServer:      {"瓦片服务器返回错误", "The tile server answered with an error"},
	ProblemSlow:        {"瓦片服务器响应太慢", "The tile server is too slow"},
}

// Message says what is wrong in the planner's language ("zh" or "en"),
// with the technical detail after it.
func Message(err error, lang string) string {
	if err == nil {
		return ""
	}
	k := 0
	if lang == "en" {
		k = 1
	}
	var e *Error
	p := ProblemOther
	if errors.As(err, &e) {
		p = e.Problem
	}
	var off *offlineError
	switch {
	case errors.As(err, &off) && k == 1:
		return "Cannot reach " + off.host + " (no network?) and the tiles are not in the cache"
	case errors.As(err, &off):
		return "无法连接 " + off.host + "（没有网络？），缓存中也没有这些瓦片"
	case errors.Is(err, ErrOffline) && k == 1:
		return "Offline: the tile is not in the cache"
	case errors.Is(err, ErrOffline):
		return "离线：该瓦片不在缓存中"
	case e != nil && e.Zh != "" && k == 0:
		return problemText[p][k] + "：" + e.Zh
	case e != nil && e.Zh != "":
		return problemText[p][k] + ": " + e.Detail
	case k == 1:
		return problemText[p][k] + " (" + err.Error() + ")"
	}
	return problemText[p][k] + "（" + err.Error() + "）"
}

// BadTiles says, in lang, how many tiles could not be read or did not
// come in time and were left blank ("" when none): an export finishes
// with the rest of the map.
func BadTiles(st Stats, lang string) string {
	var parts []string
	en := lang == "en"
	switch {
	case st.Bad == 1 && en:
		parts = append(parts, fmt.Sprintf("1 base-map tile could not be read (zoom %d) and was left blank", st.BadZoom))
	case st.Bad > 0 && en:
		parts = append(parts, fmt.Sprintf("%d base-map tiles could not be read (first at zoom %d) and were left blank", st.Bad, st.BadZoom))
	case st.Bad > 0:
		parts = append(parts, fmt.Sprintf("%d 张底图瓦片无法读取（第 %d 级），已留空", st.Bad, st.BadZoom))
	}
	s := int(ExportWait / time.Second)
	switch {
	case st.Late == 1 && en:
		parts = append(parts, fmt.Sprintf("1 base-map tile did not come within %d s and was left blank", s))
	case st.Late > 0 && en:
		parts = append(parts, fmt.Sprintf("%d base-map tiles did not come within %d s and were left blank", st.Late, s))
	case st.Late > 0:
		parts = append(parts, fmt.Sprintf("%d 张底图瓦片在 %d 秒内未送达，已留空", st.Late, s))
	}
	if en {
		return strings.Join(parts, "; ")
	}
	return strings.Join(parts, "；")
}
