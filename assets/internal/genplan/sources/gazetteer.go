// Package sources builds the plan's layer files from their source data: the
// gazetteer of places the decision names and the open boundary and river
// data, so that the committed GeoJSON under assets/plan can be regenerated
// and checked.
package sources

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// Row is one gazetteer entry (see assets/source/GAZETTEER.md for the columns).
type Row struct {
	ID, NameZh, NameEn, Category, GeometryKind string
	Point                                      orb.Point // zero when the row has no lat/lon
	HasPoint                                   bool
	Waypoints                                  []Waypoint
	Stage                                      string // English gloss with the text's verb in parentheses
	Clauses                                    []string
	CoordSource, Confidence, RoleText          string
	CoordCitation                              string // citations "publisher|title|date|link" (" ; ") of the position's own sources
	Quotes                                     string // "(十)… | [序言]…"
	LaterStatus, LaterStatusSource, Notes      string
	LaterStatusZh                              string // the later status in Chinese, where written
	StatusDate, StatusReliability              string
	CheckSource                                string    // a second source of Point (a citation "publisher|title|date|link")
	Check                                      orb.Point // the second source's coordinate; zero without CheckSource
	Line                                       int       // line in the CSV, for messages
}

// Waypoint is a named place a corridor or area is drawn through.
type Waypoint struct {
	Name  string
	Point orb.Point
	Known bool // false when the gazetteer could not locate it
}

var columns = []string{"id", "name_zh", "name_en", "category", "geometry_kind", "lat", "lon", "waypoints", "stage",
	"clauses", "coord_source", "coord_citation", "confidence", "check_source", "check_lat", "check_lon", "role_text", "quotes",
	"later_status", "later_status_zh", "later_status_source", "status_reliability", "status_date", "notes"}

// readHeader reads a source CSV's header row and maps each column name to
// its index; file names the file in errors, and every column in need must
// be there.
func readHeader(cr *csv.Reader, file string, need []string) (map[string]int, error) {
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, c := range need {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("%s: missing column %q", file, c)
		}
	}
	return col, nil
}

// ReadGazetteer reads the gazetteer CSV.
func ReadGazetteer(r io.Reader) ([]Row, error) {
	cr := csv.NewReader(r)
	col, err := readHeader(cr, "gazetteer", columns)
	if err != nil {
		return nil, err
	}
	var rows []Row
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
		get := func(c string) string { return strings.TrimSpace(rec[col[c]]) }
		row := Row{ID: get("id"), NameZh: get("name_zh"), NameEn: get("name_en"), Category: get("category"),
			GeometryKind: get("geometry_kind"), Stage: get("stage"), CoordSource: get("coord_source"), CoordCitation: get("coord_citation"),
			Confidence: get("confidence"), RoleText: get("role_text"), Quotes: get("quotes"),
			LaterStatus: get("later_status"), LaterStatusZh: get("later_status_zh"), LaterStatusSource: get("later_status_source"), Notes: get("notes"), Line: line,
			StatusDate: get("status_date"), StatusReliability: get("status_reliability"), CheckSource: get("check_source")}
		for _, c := range strings.Split(get("clauses"), ";") {
			if c = strings.TrimSpace(c); c != "" {
				row.Clauses = append(row.Clauses, c)
			}
		}
		if lat, lon := get("lat"), get("lon"); lat != "" || lon != "" {
			p, err := parseLatLon(lat, lon)
			if err != nil {
				return nil, fmt.Errorf("gazetteer line %d (%s): %w", line, row.ID, err)
			}
			row.Point, row.HasPoint = p, true
		}
		if lat, lon := get("check_lat"), get("check_lon"); lat != "" || lon != "" {
			p, err := parseLatLon(lat, lon)
			if err != nil {
				return nil, fmt.Errorf("gazetteer line %d (%s): check: %w", line, row.ID, err)
			}
			row.Check = p
		}
		if w := get("waypoints"); w != "" {
			for _, piece := range strings.Split(w, ";") {
				name, ll, ok := strings.Cut(piece, "@")
				if !ok {
					return nil, fmt.Errorf("gazetteer line %d (%s): waypoint %q has no @", line, row.ID, piece)
				}
				wp := Waypoint{Name: name}
				if ll != "" {
					lat, lon, _ := strings.Cut(ll, ",")
					if wp.Point, err = parseLatLon(lat, lon); err != nil {
						return nil, fmt.Errorf("gazetteer line %d (%s): waypoint %s: %w", line, row.ID, name, err)
					}
					wp.Known = true
				}
				row.Waypoints = append(row.Waypoints, wp)
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func parseLatLon(lat, lon string) (orb.Point, error) {
	la, err1 := strconv.ParseFloat(lat, 64)
	lo, err2 := strconv.ParseFloat(lon, 64)
	if err1 != nil || err2 != nil {
		return orb.Point{}, fmt.Errorf("bad coordinate %q,%q", lat, lon)
	}
	return orb.Point{lo, la}, nil
}

// StageVerb returns the text's verb from a stage gloss such as
// "under construction – accelerate (加快…建设)": the first parenthesised part.
func StageVerb(gloss string) string {
	i := strings.Index(gloss, "(")
	if i < 0 {
		return ""
	}
	j := strings.Index(gloss[i:], ")")
	if j < 0 {
		return ""
	}
	return gloss[i+1 : i+j]
}
