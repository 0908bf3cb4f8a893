package planpkg_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/planatlas/planatlas/assets"
	"github.com/planatlas/planatlas/geo/admin"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/seeds"
)

// A new plan from a text and an area: the text's facts read, the area,
// its counties and neighbours as the base map, and the package it makes
// opens again as the same plan.
func TestNewPlan(t *testing.T) {
	text, err := os.ReadFile("testdata/guangyuan/document.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := plan.Parse(string(text))
	if err != nil {
		t.Fatal(err)
	}
	facts := planpkg.Facts(doc)
	if facts.Title != "广元市国土空间规划实施要点（测试样例）" {
		t.Errorf("title %q", facts.Title)
	}
	d, err := admin.Load(bytes.NewReader(assets.ChinaAdmin))
	if err != nil {
		t.Fatal(err)
	}
	area := d.Find("广元市", 1)[0]
	info := plan.Info{Title: plan.Text{Zh: facts.Title}, Adopted: "2023-03-15"}
	p, problems, err := planpkg.New(string(text), info, area, d.Children(area), d.Neighbours(area, 0.01))
	if err != nil || len(problems) > 0 {
		t.Fatalf("%v %v", err, problems)
	}
	if p.Doc.Layout != "chapter" || len(p.Doc.Clauses) != 7 {
		t.Errorf("%s layout, %d articles", p.Doc.Layout, len(p.Doc.Clauses))
	}
	units := 0
	for _, f := range p.Features() {
		if f.Kind == "unit" {
			units++
		}
	}
	if units != 7 {
		t.Errorf("%d counties of 广元市, want 7", units)
	}
	if b := p.Bound(); !b.Contains(area.Label) {
		t.Errorf("the plan's view %v misses its area", b)
	}
	path := filepath.Join(t.TempDir(), "new.gpkg")
	if err := planpkg.Write(path, p); err != nil {
		t.Fatal(err)
	}
	q, problems, err := planpkg.Open(path)
	if err != nil || len(problems) > 0 || q.Info.Title.Zh != facts.Title || len(q.Features()) != len(p.Features()) {
		t.Fatalf("reopened: %v %v", err, problems)
	}
}

func TestFacts(t *testing.T) {
	for _, tt := range []struct {
		text                   string
		title, issuer, adopted string
	}{
		{"某市国土空间总体规划\n\n（2023年3月15日某市人民政府印发）\n\n第一章 总则\n第一条 为了规划。\n", "某市国土空间总体规划", "某市人民政府", "2023-03-15"},
		{seeds.BuiltIn, "中共巴中市委关于加快融入成渝地区双城经济圈建设的决定", "中国共产党巴中市第四届委员会", "2020-07-29"},
	} {
		doc, err := plan.Parse(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		f := planpkg.Facts(doc)
		if f.Title != tt.title || f.Adopted != tt.adopted || f.Issuer != tt.issuer {
			t.Errorf("%+v, want %q %q %q", f, tt.title, tt.issuer, tt.adopted)
		}
	}
}
