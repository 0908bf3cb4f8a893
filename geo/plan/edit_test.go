package plan_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
)

func quoteJSON(ref, text string) string {
	b, _ := json.Marshal(plan.Quote{Ref: ref, Text: text})
	return string(b)
}

func TestEdits(t *testing.T) {
	local := plan.EditSource{Kind: plan.SourceLocal}
	cite := plan.EditSource{Kind: plan.SourceCitation, Citation: plan.Citation{Publisher: "通江县人民政府", Title: "川陕革命根据地红军烈士陵园", Date: "2024-05-01", Link: "https://example.gov.cn/x"}}
	moved := plan.GeometryText(orb.Point{107.2553, 32.1952})
	tests := []struct {
		name  string
		edit  plan.Edit
		err   error // wanted, by errors.Is
		fails bool  // refused, whatever the error
		check func(t *testing.T, f *plan.Feature)
	}{
		{"move with local knowledge", plan.Edit{Field: plan.FieldGeometry, New: moved, Who: "张三", Why: "陵园在王坪", Source: local}, nil, false,
			func(t *testing.T, f *plan.Feature) {
				if f.Geometry != (orb.Point{107.2553, 32.1952}) || f.Precision != plan.PrecisionSourced {
					t.Errorf("moved to %v, %s", f.Geometry, f.Precision)
				}
				if !strings.HasPrefix(f.Source, "张三|实地核实") {
					t.Errorf("position source %q", f.Source)
				}
			}},
		{"move with a citation", plan.Edit{Field: plan.FieldGeometry, New: moved, Who: "李四", Source: cite}, nil, false,
			func(t *testing.T, f *plan.Feature) {
				if f.Source != "通江县人民政府|川陕革命根据地红军烈士陵园|2024-05-01|https://example.gov.cn/x" {
					t.Errorf("position source %q", f.Source)
				}
			}},
		{"rename", plan.Edit{Field: plan.FieldNameZh, New: "川陕革命根据地红军烈士陵园（王坪）", Who: "张三", Source: local}, nil, false,
			func(t *testing.T, f *plan.Feature) {
				if f.NameZh != "川陕革命根据地红军烈士陵园（王坪）" {
					t.Errorf("name %q", f.NameZh)
				}
			}},
		{"stage", plan.Edit{Field: plan.FieldStage, New: "planned", Who: "张三", Source: local}, nil, false,
			func(t *testing.T, f *plan.Feature) {
				if f.Stage != plan.StagePlanned {
					t.Errorf("stage %q", f.Stage)
				}
			}},
		{"link words of a clause", plan.Edit{Field: plan.FieldQuoteAdd, New: quoteJSON("二十二", "加快推进光雾山旅游景区、川陕苏区王坪景区创建国家AAAAA级旅游景区"), Who: "张三", Source: local}, nil, false,
			func(t *testing.T, f *plan.Feature) {
				if !f.Cites("二十二") || len(f.Quotes) < 2 {
					t.Errorf("clauses %v, quotes %v", f.Clauses, f.Quotes)
				}
			}},
		{"words not in the clause", plan.Edit{Field: plan.FieldQuoteAdd, New: quoteJSON("二十二", "这句话不在原文中"), Who: "张三", Source: local}, nil, true, nil},
		{"unknown kind", plan.Edit{Field: plan.FieldKind, New: "no_such_kind", Who: "张三", Source: local}, nil, true, nil},
		{"unknown stage", plan.Edit{Field: plan.FieldStage, New: "done", Who: "张三", Source: local}, nil, true, nil},
		{"nobody", plan.Edit{Field: plan.FieldNameEn, New: "x", Source: local}, plan.ErrNoWho, true, nil},
		{"no source", plan.Edit{Field: plan.FieldNameEn, New: "x", Who: "张三"}, plan.ErrNoSource, true, nil},
		{"an empty citation", plan.Edit{Field: plan.FieldNameEn, New: "x", Who: "张三", Source: plan.EditSource{Kind: plan.SourceCitation}}, plan.ErrNoSource, true, nil},
		{"a layer unnamed", plan.Edit{Field: plan.FieldGeometry, New: moved, Who: "张三", Source: plan.EditSource{Kind: plan.SourceLayer}}, plan.ErrNoSource, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := load(t)
			const id = "redarmy_martyrs_cemetery"
			f, _ := p.Feature(id)
			before := *f
			beforeQuotes := len(f.Quotes)
			e := tt.edit
			e.Feature, e.When = id, "2026-12-04T10:30:00+08:00"
			switch e.Field {
			case plan.FieldGeometry:
				e.Old = plan.GeometryText(f.Geometry)
			case plan.FieldNameZh:
				e.Old = f.NameZh
			case plan.FieldStage:
				e.Old = string(f.Stage)
			}
			err := p.Apply(e)
			if tt.fails {
				if err == nil || (tt.err != nil && !errors.Is(err, tt.err)) {
					t.Fatalf("Apply: %v, want %v", err, tt.err)
				}
				if len(p.Edits) != 0 || f.Geometry != before.Geometry || f.NameZh != before.NameZh || f.Stage != before.Stage || len(f.Quotes) != beforeQuotes {
					t.Errorf("a refused edit changed the plan")
				}
				return
			}
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			f, _ = p.Feature(id)
			tt.check(t, f)
			if got, ok := p.LastEdit(id, e.Field); !ok || got.Who != e.Who {
				t.Errorf("the edit is not kept: %+v", p.Edits)
			}
			// Undo puts it back exactly.
			if _, err := p.Revert(); err != nil {
				t.Fatal(err)
			}
			f, _ = p.Feature(id)
			if f.Geometry != before.Geometry || f.NameZh != before.NameZh || f.Stage != before.Stage || f.Precision != before.Precision ||
				f.Source != before.Source || len(f.Quotes) != beforeQuotes || len(f.Clauses) != len(before.Clauses) {
				t.Errorf("undo left %+v", f)
			}
			if len(p.Edits) != 0 {
				t.Errorf("undo kept the edit")
			}
		})
	}
}

// A feature added and removed, and undone.
func TestEditAddsAndRemovesFeatures(t *testing.T) {
	p := load(t)
	n := len(p.Features())
	nf := &plan.Feature{ID: "wangping_visitor_centre", NameZh: "王坪游客中心", Layer: "culture", Kind: "scenic", Stage: plan.StagePlanned,
		Precision: plan.PrecisionSourced, Clauses: []string{"二十二"}, Geometry: orb.Point{107.25, 32.19}}
	e := plan.Edit{Feature: nf.ID, Field: plan.FieldNew, New: plan.FeatureText(nf), Who: "张三", When: "2026-12-04T10:30:00+08:00", Source: plan.EditSource{Kind: plan.SourceLocal}}
	if err := p.Apply(e); err != nil {
		t.Fatal(err)
	}
	if f, ok := p.Feature(nf.ID); !ok || f.NameZh != "王坪游客中心" || len(p.Features()) != n+1 || f.Def == nil {
		t.Fatalf("added: %v %d", ok, len(p.Features()))
	}
	f, _ := p.Feature(nf.ID)
	del := plan.Edit{Feature: nf.ID, Field: plan.FieldDelete, Old: plan.FeatureText(f), Who: "张三", When: e.When, Source: e.Source}
	if err := p.Apply(del); err != nil {
		t.Fatal(err)
	}
	if _, ok := p.Feature(nf.ID); ok || len(p.Features()) != n {
		t.Fatal("not removed")
	}
	p.Revert()
	if _, ok := p.Feature(nf.ID); !ok {
		t.Fatal("undoing the removal did not bring it back")
	}
	p.Revert()
	if _, ok := p.Feature(nf.ID); ok || len(p.Features()) != n {
		t.Fatal("undoing the addition left it")
	}
}

// The change list: a row per edit, in Excel's CSV.
func TestWriteChanges(t *testing.T) {
	p := load(t)
	f, _ := p.Feature("redarmy_martyrs_cemetery")
	old := plan.GeometryText(f.Geometry)
	err := p.Apply(plan.Edit{Feature: f.ID, Field: plan.FieldGeometry, Old: old, New: plan.GeometryText(orb.Point{107.2553, 32.1952}),
		Who: "张三", When: "2026-12-04T10:30:00+08:00", Why: "陵园在王坪", Source: plan.EditSource{Kind: plan.SourceLocal}})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := p.WriteChanges(&b, "zh"); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("\ufeff")) {
		t.Error("no byte-order mark: Excel would read the Chinese as mojibake")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	want := []string{"redarmy_martyrs_cemetery", f.NameZh, "geometry", "107.244000, 31.911000", "107.255300, 32.195200", "张三", "2026-12-04T10:30:00+08:00", "陵园在王坪", "本地核实"}
	if fmt.Sprint(rows[1]) != fmt.Sprint(want) {
		t.Errorf("row %q\nwant %q", rows[1], want)
	}
}

func ExamplePlan_Apply() {
	p, _ := loadExample()
	f, _ := p.Feature("redarmy_martyrs_cemetery")
	err := p.Apply(plan.Edit{
		Feature: f.ID, Field: plan.FieldGeometry,
		Old: plan.GeometryText(f.Geometry), New: plan.GeometryText(orb.Point{107.2553, 32.1952}),
		Who: "张三", When: "2026-12-04T10:30:00+08:00", Why: "陵园在王坪",
		Source: plan.EditSource{Kind: plan.SourceLocal},
	})
	f, _ = p.Feature("redarmy_martyrs_cemetery")
	fmt.Println(err, f.Precision, f.Geometry)
	e, _ := p.LastEdit(f.ID, plan.FieldGeometry)
	fmt.Println(e.SourceText("zh"), e.Who, e.Day())
	// Output:
	// <nil> sourced [107.2553 32.1952]
	// 本地核实 张三 2026-12-04
}

func loadExample() (*plan.Plan, error) { return planpkg.BuiltIn() }
