package basemap_test

import (
	"context"
	"fmt"
	"image"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/planatlas/planatlas/geo/basemap"
)

// capabilities is a WMTS capabilities document shaped like GeoServer's
// and ArcGIS's: a GoogleMapsCompatible set with matrices named "GMC:z",
// a CGCS2000 set the reader must pass over, and the tile address either
// as a REST template or as a KVP GetTile endpoint.
func capabilities(base string, rest bool) string {
	var m strings.Builder
	for z := 0; z <= 18; z++ {
		fmt.Fprintf(&m, `<TileMatrix><ows:Identifier>GMC:%d</ows:Identifier><ScaleDenominator>1</ScaleDenominator>
<TopLeftCorner>-20037508.3427892 20037508.3427892</TopLeftCorner><TileWidth>256</TileWidth><TileHeight>256</TileHeight>
<MatrixWidth>%d</MatrixWidth><MatrixHeight>%d</MatrixHeight></TileMatrix>`, z, 1<<z, 1<<z)
	}
	res := ""
	if rest {
		res = `<ResourceURL format="image/png" resourceType="tile" template="` + base + `/rest/plan/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png"/>`
	}
	return `<?xml version="1.0" encoding="UTF-8"?>
<Capabilities xmlns="http://www.opengis.net/wmts/1.0" xmlns:ows="http://www.opengis.net/ows/1.1" version="1.0.0">
<ows:OperationsMetadata><ows:Operation name="GetTile"><ows:DCP><ows:HTTP><ows:Get xlink:href="` + base + `/kvp?" xmlns:xlink="http://www.w3.org/1999/xlink"/></ows:HTTP></ows:DCP></ows:Operation></ows:OperationsMetadata>
<Contents>
<Layer><ows:Title>规划底图</ows:Title><ows:Identifier>plan</ows:Identifier><Style isDefault="true"><ows:Identifier>default</ows:Identifier></Style>
<Format>image/png</Format><TileMatrixSetLink><TileMatrixSet>CGCS2000</TileMatrixSet></TileMatrixSetLink>
<TileMatrixSetLink><TileMatrixSet>GoogleMapsCompatible</TileMatrixSet></TileMatrixSetLink>` + res + `</Layer>
<TileMatrixSet><ows:Identifier>CGCS2000</ows:Identifier><ows:SupportedCRS>urn:ogc:def:crs:EPSG::4490</ows:SupportedCRS></TileMatrixSet>
<TileMatrixSet><ows:Identifier>GoogleMapsCompatible</ows:Identifier><ows:SupportedCRS>urn:ogc:def:crs:EPSG::3857</ows:SupportedCRS>` + m.String() + `</TileMatrixSet>
</Contents></Capabilities>`
}

func TestWMTSCapabilities(t *testing.T) {
	for _, rest := range []bool{true, false} {
		var tiles atomic.Int64
		var srv *httptest.Server
		var bad atomic.Value
		srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch {
			case strings.Contains(r.URL.RawQuery, "GetCapabilities"):
				w.Header().Set("Content-Type", "application/xml")
				fmt.Fprint(w, capabilities(srv.URL, rest))
				return
			case strings.HasPrefix(r.URL.Path, "/rest/plan/default/GoogleMapsCompatible/GMC:"):
			case r.URL.Path == "/kvp" && r.URL.Query().Get("TILEMATRIX") != "" && strings.HasPrefix(r.URL.Query().Get("TILEMATRIX"), "GMC:") &&
				r.URL.Query().Get("LAYER") == "plan" && r.URL.Query().Get("TILEMATRIXSET") == "GoogleMapsCompatible":
			default:
				bad.Store(r.URL.String())
				http.NotFound(w, r)
				return
			}
			tiles.Add(1)
			w.Header().Set("Content-Type", "image/png")
			w.Write(bluePNG())
		}))
		src, err := basemap.Open(srv.URL+"/wmts?SERVICE=WMTS&REQUEST=GetCapabilities", basemap.OpenOptions{Online: true})
		if err != nil {
			t.Fatalf("rest %v: %v", rest, err)
		}
		if src.Info().Name != "规划底图" {
			t.Errorf("layer name %q", src.Info().Name)
		}
		img := image.NewRGBA(image.Rect(0, 0, bazhong.Width, bazhong.Height))
		st, err := src.Draw(context.Background(), bazhong, img, true)
		if err != nil || st.Missing != 0 || tiles.Load() == 0 || opaque(img) != bazhong.Width*bazhong.Height {
			t.Errorf("rest %v: %+v, %v, %d tiles, bad request %v", rest, st, err, tiles.Load(), bad.Load())
		}
		src.Close()
		srv.Close()
	}
	// A service with no Web Mercator set is refused, saying why.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, strings.ReplaceAll(capabilities("http://x", true), "EPSG::3857", "EPSG::4490"))
	}))
	defer srv.Close()
	_, err := basemap.Open(srv.URL+"/WMTSCapabilities.xml", basemap.OpenOptions{Online: true})
	if err == nil || !strings.Contains(err.Error(), "3857") || !strings.Contains(basemap.Message(err, "zh"), "不支持") {
		t.Errorf("a CGCS2000-only service: %v", err)
	}
}
