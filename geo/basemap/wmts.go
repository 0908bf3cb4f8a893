package basemap

import (
	"context"
	"encoding/xml"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// wmtsCapabilities is what a WMTS GetCapabilities document says that
// this reader uses.
type wmtsCapabilities struct {
	Layers []struct {
		Title      string   `xml:"Title"`
		Identifier string   `xml:"Identifier"`
		Formats    []string `xml:"Format"`
		Styles     []struct {
			Identifier string `xml:"Identifier"`
			Default    bool   `xml:"isDefault,attr"`
		} `xml:"Style"`
		Links []struct {
			Set string `xml:"TileMatrixSet"`
		} `xml:"TileMatrixSetLink"`
		Resources []struct {
			Format   string `xml:"format,attr"`
			Type     string `xml:"resourceType,attr"`
			Template string `xml:"template,attr"`
		} `xml:"ResourceURL"`
	} `xml:"Contents>Layer"`
	Sets []struct {
		Identifier string `xml:"Identifier"`
		CRS        string `xml:"SupportedCRS"`
		Matrices   []struct {
			Identifier string `xml:"Identifier"`
			TopLeft    string `xml:"TopLeftCorner"`
			TileWidth  int    `xml:"TileWidth"`
			Width      int    `xml:"MatrixWidth"`
		} `xml:"TileMatrix"`
	} `xml:"Contents>TileMatrixSet"`
	Operations []struct {
		Name string `xml:"name,attr"`
		Gets []struct {
			Href string `xml:"href,attr"`
		} `xml:"DCP>HTTP>Get"`
	} `xml:"OperationsMetadata>Operation"`
}

// OpenWMTS reads a WMTS service's capabilities (going online: the
// planner's choice) and returns a source for its first layer drawn on the
// Web Mercator world grid (GoogleMapsCompatible, EPSG:3857), by its REST
// template or by GetTile requests.
func OpenWMTS(ctx context.Context, capsURL string, o OpenOptions) (Source, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, capsURL, nil)
	if err != nil {
		return nil, said(ProblemNotBasemap, "not an address: %s", "不是网址：%s", redactURL(capsURL))
	}
	req.Header.Set("User-Agent", UserAgent)
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		return nil, said(ProblemServer, "the WMTS service at %s cannot be reached", "无法连接 WMTS 服务 %s", redactURL(capsURL))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, said(ProblemServer, "the WMTS service answered HTTP %d", "WMTS 服务返回了错误 HTTP %d", resp.StatusCode)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return nil, said(ProblemServer, "the WMTS capabilities were cut off", "WMTS 服务说明（capabilities）不完整")
	}
	return wmtsSource(b, capsURL, o)
}

// wmtsSource builds the source from a capabilities document.
func wmtsSource(doc []byte, capsURL string, o OpenOptions) (Source, error) {
	var caps wmtsCapabilities
	if err := xml.Unmarshal(doc, &caps); err != nil {
		return nil, said(ProblemNotBasemap, "the address does not answer with WMTS capabilities", "该网址返回的不是 WMTS 服务说明")
	}
	mercator := map[string]map[int]string{} // set → web zoom → matrix id
	for _, s := range caps.Sets {
		if !strings.Contains(s.CRS, "3857") && !strings.Contains(s.CRS, "900913") {
			continue
		}
		ids := map[int]string{}
		for _, m := range s.Matrices {
			f := strings.Fields(m.TopLeft)
			if len(f) != 2 || m.Width <= 0 || (m.TileWidth != 0 && m.TileWidth != 256) {
				continue
			}
			x, _ := strconv.ParseFloat(f[0], 64)
			z := int(math.Round(math.Log2(float64(m.Width))))
			if 1<<z == m.Width && math.Abs(x+earthHalf) < 1 {
				ids[z] = m.Identifier
			}
		}
		if len(ids) > 0 {
			mercator[s.Identifier] = ids
		}
	}
	var kvp string
	for _, op := range caps.Operations {
		if op.Name == "GetTile" && len(op.Gets) > 0 {
			kvp = op.Gets[0].Href
		}
	}
	for _, l := range caps.Layers {
		for _, link := range l.Links {
			ids, ok := mercator[link.Set]
			if !ok {
				continue
			}
			style := "default"
			for _, s := range l.Styles {
				if s.Default || style == "default" {
					style = s.Identifier
				}
			}
			format := "image/png"
			if len(l.Formats) > 0 {
				format = l.Formats[0]
			}
			tmpl := ""
			for _, r := range l.Resources {
				if r.Type == "tile" && r.Template != "" {
					tmpl = r.Template
					break
				}
			}
			if tmpl == "" && kvp != "" {
				sep := "?"
				if strings.Contains(kvp, "?") {
					sep = "&"
					if strings.HasSuffix(kvp, "?") || strings.HasSuffix(kvp, "&") {
						sep = ""
					}
				}
				tmpl = kvp + sep + "SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=" + url.QueryEscape(l.Identifier) +
					"&STYLE=" + url.QueryEscape(style) + "&TILEMATRIXSET=" + url.QueryEscape(link.Set) +
					"&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&FORMAT=" + url.QueryEscape(format)
			}
			if tmpl == "" {
				continue
			}
			tmpl = strings.NewReplacer("{TileMatrixSet}", link.Set, "{Style}", style, "{style}", style,
				"{TileRow}", "{y}", "{TileCol}", "{x}", "{TileMatrix}", "{m}").Replace(tmpl)
			lo, hi := 30, 0
			for z := range ids {
				lo, hi = min(lo, z), max(hi, z)
			}
			u, _ := url.Parse(capsURL)
			host := ""
			if u != nil {
				host = u.Host
			}
			name := l.Title
			if name == "" {
				name = l.Identifier
			}
			attr := "底图：" + name + "（" + host + "）"
			if o.Lang == "en" {
				attr = "Base map: " + name + " (" + host + ")"
			}
			x := NewXYZ("wmts-"+hashID(capsURL+l.Identifier+link.Set), tmpl, nil, o.Cache, secretsIn(capsURL)...)
			x.matrix = ids
			return NewTiles(x, Info{Name: name, Attribution: attr, Online: true}, 256, lo, hi, 0), nil
		}
	}
	return nil, said(ProblemUnsupported, "the service offers no layer on the Web Mercator grid (EPSG:3857, GoogleMapsCompatible)", "该服务没有 Web 墨卡托格网（EPSG:3857）上的图层")
}

// secretsIn lists the long query values of an address (keys), which
// messages leave out.
func secretsIn(addr string) []string {
	u, err := url.Parse(addr)
	if err != nil {
		return nil
	}
	var out []string
	for _, vs := range u.Query() {
		for _, v := range vs {
			if len(v) >= 16 {
				out = append(out, v)
			}
		}
	}
	return out
}
