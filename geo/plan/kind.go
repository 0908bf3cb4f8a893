package plan

import "slices"

// Kind is what sort of thing a feature is: it decides the feature's symbol,
// line and colour on the map and its row in the legend.
type Kind string

// The kinds of feature a plan map holds.
const (
	KindProvince    Kind = "province"     // base map: provincial boundary
	KindPrefecture  Kind = "prefecture"   // base map: prefecture-level city
	KindCounty      Kind = "county"       // base map: county-level division
	KindCityOutline Kind = "city_outline" // base map: the plan's own city outline
	KindRiver       Kind = "river"        // base map: river
	KindCity        Kind = "city"         // a city as a point
	KindRegion      Kind = "region"       // a region: an area, or a representative point
	KindRole        Kind = "role"         // a county-level division and its role in the plan
	KindZone        Kind = "zone"         // a development zone
	KindHSR         Kind = "hsr"          // high-speed railway
	KindRail        Kind = "rail"         // railway
	KindIntercity   Kind = "intercity"    // intercity railway
	KindExpressway  Kind = "expressway"   // expressway
	KindAirport     Kind = "airport"      // airport
	KindRoad        Kind = "road"         // class-1 highway
	KindLogistics   Kind = "logistics"    // logistics park or hub
	KindPark        Kind = "park"         // industrial park
	KindEnergy      Kind = "energy"       // energy base
	KindMineral     Kind = "mineral"      // mineral resource (graphite)
	KindProduct     Kind = "product"      // brand farm product
	KindReservoir   Kind = "reservoir"    // reservoir or water project
	KindCorridor    Kind = "corridor"     // ecological corridor
	KindScenic      Kind = "scenic"       // scenic area
	KindGeopark     Kind = "geopark"      // geopark
	KindHeritage    Kind = "heritage"     // red heritage site or historic road
	KindRoute       Kind = "route"        // tourism route
)

// kindInfo holds each kind's names and the layer groups it may appear in.
var kindInfo = map[Kind]struct {
	zh, en string
	groups []GroupID
}{
	KindProvince: {"省级行政区", "province", []GroupID{"base"}}, KindPrefecture: {"地级市", "prefecture", []GroupID{"base"}},
	KindCounty: {"县级行政区", "county", []GroupID{"base"}}, KindCityOutline: {"市界", "city boundary", []GroupID{"base"}},
	KindRiver: {"河流", "river", []GroupID{"base"}},
	KindCity:  {"城市", "city", []GroupID{"region"}}, KindRegion: {"区域", "region", []GroupID{"region", "ecology"}},
	KindRole: {"县域功能定位", "county role", []GroupID{"county"}}, KindZone: {"开发区", "development zone", []GroupID{"county"}},
	KindHSR: {"高速铁路", "high-speed railway", []GroupID{"corridor"}}, KindRail: {"铁路", "railway", []GroupID{"corridor"}},
	KindIntercity: {"城际铁路", "intercity railway", []GroupID{"corridor"}}, KindExpressway: {"高速公路", "expressway", []GroupID{"corridor", "network"}},
	KindAirport: {"机场", "airport", []GroupID{"corridor"}}, KindRoad: {"一级公路", "class-1 highway", []GroupID{"network"}},
	KindLogistics: {"物流园区", "logistics park", []GroupID{"logistics"}}, KindPark: {"产业园区", "industrial park", []GroupID{"industry"}},
	KindEnergy: {"能源基地", "energy base", []GroupID{"industry"}}, KindMineral: {"矿产资源", "mineral resource", []GroupID{"industry"}},
	KindProduct: {"特色农产品", "brand farm product", []GroupID{"industry"}}, KindReservoir: {"水利工程", "water project", []GroupID{"ecology"}},
	KindCorridor: {"生态廊道", "ecological corridor", []GroupID{"ecology"}}, KindScenic: {"景区", "scenic area", []GroupID{"culture"}},
	KindGeopark: {"地质公园", "geopark", []GroupID{"culture"}}, KindHeritage: {"红色文化遗产", "red heritage", []GroupID{"culture"}},
	KindRoute: {"旅游精品线路", "tourism route", []GroupID{"culture"}},
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { _, ok := kindInfo[k]; return ok }

// Name returns the kind's name in lang ("zh" or "en"); an unknown kind
// is named by its id.
func (k Kind) Name(lang string) string {
	i, ok := kindInfo[k]
	switch {
	case !ok:
		return string(k)
	case lang == "en":
		return i.en
	}
	return i.zh
}

// Groups returns the layer groups a feature of kind k may belong to.
func (k Kind) Groups() []GroupID { return kindInfo[k].groups }

// Kinds returns every kind, sorted.
func Kinds() []Kind {
	out := make([]Kind, 0, len(kindInfo))
	for k := range kindInfo {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
