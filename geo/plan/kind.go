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
	groups []string
}{
	KindProvince: {"省级行政区", "province", []string{"base"}}, KindPrefecture: {"地级市", "prefecture", []string{"base"}},
	KindCounty: {"县级行政区", "county", []string{"base"}}, KindCityOutline: {"市界", "city boundary", []string{"base"}},
	KindRiver: {"河流", "river", []string{"base"}},
	KindCity:  {"城市", "city", []string{"region"}}, KindRegion: {"区域", "region", []string{"region", "ecology"}},
	KindRole: {"县域功能定位", "county role", []string{"county"}}, KindZone: {"开发区", "development zone", []string{"county"}},
	KindHSR: {"高速铁路", "high-speed railway", []string{"corridor"}}, KindRail: {"铁路", "railway", []string{"corridor"}},
	KindIntercity: {"城际铁路", "intercity railway", []string{"corridor"}}, KindExpressway: {"高速公路", "expressway", []string{"corridor", "network"}},
	KindAirport: {"机场", "airport", []string{"corridor"}}, KindRoad: {"一级公路", "class-1 highway", []string{"network"}},
	KindLogistics: {"物流园区", "logistics park", []string{"logistics"}}, KindPark: {"产业园区", "industrial park", []string{"industry"}},
	KindEnergy: {"能源基地", "energy base", []string{"industry"}}, KindMineral: {"矿产资源", "mineral resource", []string{"industry"}},
	KindProduct: {"特色农产品", "brand farm product", []string{"industry"}}, KindReservoir: {"水利工程", "water project", []string{"ecology"}},
	KindCorridor: {"生态廊道", "ecological corridor", []string{"ecology"}}, KindScenic: {"景区", "scenic area", []string{"culture"}},
	KindGeopark: {"地质公园", "geopark", []string{"culture"}}, KindHeritage: {"红色文化遗产", "red heritage", []string{"culture"}},
	KindRoute: {"旅游精品线路", "tourism route", []string{"culture"}},
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
func (k Kind) Groups() []string { return kindInfo[k].groups }

// Kinds returns every kind, sorted.
func Kinds() []Kind {
	out := make([]Kind, 0, len(kindInfo))
	for k := range kindInfo {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
