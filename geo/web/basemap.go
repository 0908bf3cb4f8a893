package web

import (
	"errors"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/plan"
)

// Basemap is an online tile base map a page shows under the plan: only a
// planner's explicit choice puts one in, and the page then says it uses
// it. Template is an XYZ address ({z}, {x}, {y}; {s} for a subdomain).
type Basemap struct {
	Template    string    `json:"template"`
	Subdomains  []string  `json:"subdomains,omitempty"`
	MaxZoom     int       `json:"maxZoom,omitempty"`
	Name        plan.Text `json:"name"`
	Attribution plan.Text `json:"attribution"`
	Host        string    `json:"host"` // the server the reader's browser will ask, said in the page
}

// Errors a base map is refused for a page with.
var (
	// ErrBasemapKey: the address carries a key (天地图's tk, a token): a
	// page is read by anyone it is sent to, and would hand them the key.
	ErrBasemapKey = errors.New("web: the base map's address carries the planner's key")
	// ErrBasemapFile: a base map file (MBTiles, GeoTIFF…) is not carried.
	ErrBasemapFile = errors.New("web: a base map file is not carried in a page")
)

var keyParam = regexp.MustCompile(`(?i)[?&](tk|key|apikey|api_key|token|access_token|ak)=`)

// BasemapFor makes the page's base map of a spec as the app and the
// command line name one: a provider id ("osm") or a tile address. A
// provider that needs the planner's key (天地图) and an address with a key
// are refused (ErrBasemapKey), as are files (ErrBasemapFile).
func BasemapFor(spec string) (*Basemap, error) {
	if p, ok := basemap.ProviderByID(spec); ok {
		if p.NeedsKey || keyParam.MatchString(p.Template) {
			return nil, ErrBasemapKey
		}
		return basemapOf(p.Template, p.Subdomains, p.MaxZoom, plan.Text{Zh: p.Name, En: p.NameEn}, plan.Text{Zh: p.Attribution, En: p.AttributionEn})
	}
	if !strings.HasPrefix(spec, "http://") && !strings.HasPrefix(spec, "https://") {
		return nil, ErrBasemapFile
	}
	if keyParam.MatchString(spec) || strings.Contains(spec, "{k}") {
		return nil, ErrBasemapKey
	}
	if !strings.Contains(spec, "{z}") || !strings.Contains(spec, "{x}") || !strings.Contains(spec, "{y}") {
		return nil, errors.New("web: a tile address needs {z}, {x} and {y}")
	}
	u, _ := url.Parse(strings.NewReplacer("{z}", "0", "{x}", "0", "{y}", "0", "{s}", "a").Replace(spec))
	host := ""
	if u != nil {
		host = u.Host
	}
	return basemapOf(spec, nil, 19, plan.Text{Zh: "在线底图", En: "online base map"}, plan.Text{Zh: "底图：" + host, En: "Base map: " + host})
}

func basemapOf(template string, subs []string, maxZoom int, name, attribution plan.Text) (*Basemap, error) {
	b := &Basemap{Template: template, Subdomains: subs, MaxZoom: maxZoom, Name: name, Attribution: attribution}
	origins := b.origins()
	if len(origins) == 0 {
		return nil, errors.New("web: the tile address names no server")
	}
	u, _ := url.Parse(origins[0])
	b.Host = u.Host
	if len(subs) > 0 {
		b.Host = strings.Replace(strings.Replace(template, "https://", "", 1), "http://", "", 1)
		b.Host = strings.SplitN(b.Host, "/", 2)[0]
	}
	return b, nil
}

// origins are the servers (scheme and host) the page may ask for tiles:
// what its Content-Security-Policy lets through, and nothing else.
func (b *Basemap) origins() []string {
	subs := b.Subdomains
	if len(subs) == 0 {
		subs = []string{""}
	}
	seen := map[string]bool{}
	for _, s := range subs {
		t := strings.NewReplacer("{z}", "0", "{x}", "0", "{y}", "0", "{-y}", "0", "{s}", s).Replace(b.Template)
		u, err := url.Parse(t)
		if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
			continue
		}
		seen[u.Scheme+"://"+u.Host] = true
	}
	var out []string
	for o := range seen {
		out = append(out, o)
	}
	sort.Strings(out)
	return out
}
