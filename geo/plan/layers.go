package plan

// GroupID names a layer group: what a feature belongs to, what the layer
// panel switches, what a scene shows.
type GroupID string

// The plan's layer groups.
const (
	GroupBase      GroupID = "base"      // provinces, neighbours, rivers, the city outline
	GroupRegion    GroupID = "region"    // regional context
	GroupCounty    GroupID = "county"    // county roles
	GroupCorridor  GroupID = "corridor"  // strategic corridors
	GroupNetwork   GroupID = "network"   // local network
	GroupLogistics GroupID = "logistics" // logistics hubs
	GroupIndustry  GroupID = "industry"  // industry and farming
	GroupEcology   GroupID = "ecology"   // ecology
	GroupCulture   GroupID = "culture"   // culture and tourism
)

// LayerInfo describes a layer group: its id, names, file and the clauses it
// maps. Groups are listed in draw order, bottom to top.
type LayerInfo struct {
	ID      GroupID  // stable id used on the command line and in preferences
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
	{GroupBase, "底图", "Base map", "base.geojson", nil},
	{GroupRegion, "区域协同", "Regional context", "region.geojson", []string{"四", "八", "九"}},
	{GroupCounty, "县域功能", "County roles", "county.geojson", []string{"十"}},
	{GroupCorridor, "对外通道", "Strategic corridors", "corridor.geojson", []string{"十一"}},
	{GroupNetwork, "交通网络", "Local network", "network.geojson", []string{"十二"}},
	{GroupLogistics, "物流枢纽", "Logistics hubs", "logistics.geojson", []string{"十三", "二十七"}},
	{GroupIndustry, "产业", "Industry and farming", "industry.geojson", []string{"十四", "十五"}},
	{GroupEcology, "生态", "Ecology", "ecology.geojson", []string{"十七", "十八", "十九"}},
	{GroupCulture, "文旅", "Culture and tourism", "culture.geojson", []string{"二十", "二十一", "二十二"}},
}

// GroupInfo returns the group with the given id.
func GroupInfo(id GroupID) (LayerInfo, bool) {
	for _, g := range Groups {
		if g.ID == id {
			return g, true
		}
	}
	return LayerInfo{}, false
}
