package basemap

import (
	"strings"
)

// Provider is an online tile service the planner can turn on.
type Provider struct {
	ID       string // cache folder and preference key
	Name     string // Chinese
	NameEn   string
	Template string // tiles; {k} stands for the planner's key
	// Labels is a second, transparent tile layer of names drawn over the
	// first (天地图's annotation layers), "" for none; LabelsEn in English.
	Labels, LabelsEn  string
	Subdomains        []string
	Attribution       string // printed in the map frame
	AttributionEn     string
	MaxZoom           int
	NeedsKey          bool // the planner enters their own key (天地图's tk)
	AllowSave         bool // its terms allow saving an area for offline use
	TermsURL, TermsZh string
}

// Providers lists the online sources offered. Services whose tiles are in
// GCJ-02 or BD-09 (see OffsetProviders) are not among them.
func Providers() []Provider {
	tdt := func(id, layer, label, labelEn, zh, en string) Provider {
		t := func(l string) string {
			return "https://t{s}.tianditu.gov.cn/" + l + "_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=" + l +
				"&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={k}"
		}
		return Provider{ID: id, Name: zh, NameEn: en, Template: t(layer), Labels: t(label), LabelsEn: t(labelEn),
			Subdomains: []string{"0", "1", "2", "3", "4", "5", "6", "7"}, MaxZoom: 18, NeedsKey: true, AllowSave: true,
			Attribution:   "底图：天地图（国家地理信息公共服务平台，tianditu.gov.cn）",
			AttributionEn: "Base map: Tianditu (National Platform for Common GeoSpatial Information Services, tianditu.gov.cn)",
			TermsURL:      "https://www.tianditu.gov.cn/", TermsZh: "需在天地图网站注册并申请您自己的密钥（tk）"}
	}
	return []Provider{
		tdt("tianditu-vec", "vec", "cva", "eva", "天地图 矢量", "Tianditu vector"),
		tdt("tianditu-img", "img", "cia", "eia", "天地图 影像", "Tianditu imagery"),
		tdt("tianditu-ter", "ter", "cta", "cta", "天地图 地形", "Tianditu terrain"),
		{ID: "osm", Name: "OpenStreetMap 标准地图", NameEn: "OpenStreetMap standard", Template: "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
			MaxZoom: 19, Attribution: "底图 © OpenStreetMap 贡献者（ODbL）", AttributionEn: "Base map © OpenStreetMap contributors (ODbL)",
			TermsURL: "https://operations.osmfoundation.org/policies/tiles/", TermsZh: "遵守 OSM 瓦片使用政策：不批量下载"},
	}
}

// OffsetProviders names services not offered as they are: their tiles are
// drawn in GCJ-02 (or BD-09) and would lie hundreds of metres off the plan.
func OffsetProviders(lang string) string {
	if lang == "en" {
		return "AMap, Tencent Maps (GCJ-02) and Baidu Maps (BD-09) draw their tiles offset from WGS 84 by several hundred metres, so they are not offered."
	}
	return "高德地图、腾讯地图（GCJ-02）和百度地图（BD-09）的瓦片有数百米的偏移，与规划图层对不齐，因此不提供。"
}

// ProviderByID finds an offered provider.
func ProviderByID(id string) (Provider, bool) {
	for _, p := range Providers() {
		if p.ID == id {
			return p, true
		}
	}
	return Provider{}, false
}

// Source builds the provider's source with the planner's key (which only
// goes into the requests) and a shared disk cache. Building it is the
// planner's choice to go online; nothing is fetched until it is drawn.
func (p Provider) Source(key, lang string, cache *DiskCache) (Source, error) {
	if p.NeedsKey && strings.TrimSpace(key) == "" {
		return nil, &Error{Problem: ProblemKey, Detail: p.NameEn + " needs your own key (tk)", Zh: p.Name + "需要您自己的密钥（tk）"}
	}
	name, attr := p.Name, p.Attribution
	if lang == "en" {
		name, attr = p.NameEn, p.AttributionEn
	}
	fill := func(t string) string { return strings.ReplaceAll(t, "{k}", strings.TrimSpace(key)) }
	info := Info{Name: name, Attribution: attr, Online: true}
	base := NewTiles(NewXYZ(p.ID, fill(p.Template), p.Subdomains, cache, strings.TrimSpace(key)), info, 256, 1, p.MaxZoom, 0)
	labels := p.Labels
	if lang == "en" && p.LabelsEn != "" {
		labels = p.LabelsEn
	}
	if labels == "" {
		return base, nil
	}
	lid := p.ID + "-labels-" + lang
	top := NewTiles(NewXYZ(lid, fill(labels), p.Subdomains, cache, strings.TrimSpace(key)), info, 256, 1, p.MaxZoom, 0)
	return &Stack{Layers: []Source{base, top}, info: info}, nil
}
