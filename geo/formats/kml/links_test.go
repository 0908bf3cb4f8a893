package kml_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/planatlas/planatlas/geo/formats"
	"github.com/planatlas/planatlas/geo/layer"
)

// A KML that links to more data online, and lays images over the map:
// nothing is fetched, the placemarks are read, and the planner is told.
func TestKMLLinksNotFollowed(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	kml := `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<NetworkLink><name>更多</name><Link><href>` + srv.URL + `/more.kml</href></Link></NetworkLink>
<GroundOverlay><name>规划图</name><Icon><href>` + srv.URL + `/plan.jpg</href></Icon>
  <LatLonBox><north>32</north><south>31.7</south><east>107</east><west>106.5</west></LatLonBox></GroundOverlay>
<GroundOverlay><name>本地图片</name><Icon><href>files/scan.png</href></Icon></GroundOverlay>
<Placemark><name>巴中站</name><Point><coordinates>106.75,31.86</coordinates></Point></Placemark>
</Document></kml>`
	path := filepath.Join(t.TempDir(), "links.kml")
	os.WriteFile(path, []byte(kml), 0o644)
	l, err := formats.Open(path, layer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Features) != 1 || hits.Load() != 0 {
		t.Fatalf("%d features, %d requests: the placemark is read and nothing fetched", len(l.Features), hits.Load())
	}
	var zh []string
	for _, w := range l.Report.Warnings {
		if w.Problem == layer.ProblemLinkNotFollowed {
			zh = append(zh, w.Words("zh"))
		}
	}
	if len(zh) != 3 {
		t.Fatalf("warnings %v; want three links not followed", l.Report.Warnings)
	}
	all := strings.Join(zh, "\n")
	if !strings.Contains(all, "未下载（打开文件时 Plan Atlas 不会联网）") || !strings.Contains(all, "files/scan.png") || !strings.Contains(all, "添加底图") {
		t.Errorf("the planner is told:\n%s", all)
	}
}
