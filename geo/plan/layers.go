package plan

// LayerInfo describes a layer group: its id, names, file and the clauses it
// maps. Groups are listed in draw order, bottom to top.
type LayerInfo struct {
	ID      string   // stable id used on the command line and in preferences
	NameZh  string   // Chinese name
	NameEn  string   // English name
	File    string   // GeoJSON file under assets/plan/
	Clauses []string // the clauses the group maps
}

// Name returns the group's name in lang ("zh" or "en").
func (l LayerInfo) Name(lang string) string {
	if lang == "en" {
		return l.NameEn
	}
	return l.NameZh
}

// Groups are the layer groups of the plan, in draw order (bottom to top).
var Groups = []LayerInfo{
	{"base", "底图", "Base map", "base.geojson", nil},
	{"region", "区域协同", "Regional context", "region.geojson", []string{"四", "八", "九"}},
	{"county", "县域功能", "County roles", "county.geojson", []string{"十"}},
	{"corridor", "对外通道", "Strategic corridors", "corridor.geojson", []string{"十一"}},
	{"network", "交通网络", "Local network", "network.geojson", []string{"十二"}},
	{"logistics", "物流枢纽", "Logistics hubs", "logistics.geojson", []string{"十三", "二十七"}},
	{"industry", "产业", "Industry and farming", "industry.geojson", []string{"十四", "十五"}},
	{"ecology", "生态", "Ecology", "ecology.geojson", []string{"十七", "十八", "十九"}},
	{"culture", "文旅", "Culture and tourism", "culture.geojson", []string{"二十", "二十一", "二十二"}},
}

// GroupInfo returns the group with the given id.
func GroupInfo(id string) (LayerInfo, bool) {
	for _, g := range Groups {
		if g.ID == id {
			return g, true
		}
	}
	return LayerInfo{}, false
}
