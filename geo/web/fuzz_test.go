package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/planatlas/planatlas/geo/guard"
	"github.com/planatlas/planatlas/geo/planpkg"
)

// FuzzWritePage builds a plan from a fuzzed title, text and feature name
// (the path a package from anyone takes) and writes its page: no fault,
// and the plan's words never close the page's script elements (the page
// has exactly the template's three).
func FuzzWritePage(f *testing.F) {
	f.Add("测试规划", "测试规划\n\n第一章 总则\n第一条 建设新区。\n", "新区")
	f.Add(`</script><script>alert(1)</script>`, "标题\n\n第一章 总则\n第一条 建设</script>新区。\n", "</script>")
	f.Add("x", "1. 总体\n1.1 建设新区。\n", "<!--")
	f.Fuzz(func(t *testing.T, title, text, name string) {
		if len(text) > 1<<16 {
			return
		}
		tj, _ := json.Marshal(title)
		nj, _ := json.Marshal(name)
		fsys := fstest.MapFS{
			"plan.json":    {Data: []byte(`{"title_zh": ` + string(tj) + `, "adopted": "2024-01-02"}`)},
			"document.txt": {Data: []byte(text)},
			"places.geojson": {Data: []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name_zh":` + string(nj) +
				`,"kind":"地点","clauses":["第一条"]},"geometry":{"type":"Point","coordinates":[106.75,31.87]}}]}`)},
		}
		p, _, err := planpkg.Build(fsys)
		if err != nil {
			return
		}
		var b bytes.Buffer
		err = Write(&b, Options{Plan: p, Lang: "zh"})
		var pe *guard.PanicError
		if errors.As(err, &pe) {
			t.Fatalf("a fault writing the page: %v\n%s", pe, pe.Stack)
		}
		if err != nil {
			return
		}
		if n := strings.Count(strings.ToLower(b.String()), "</script"); n != 3 {
			t.Fatalf("the page has %d script ends, the template 3: the plan's words closed one", n)
		}
	})
}
