package plan_test

import (
	"strings"
	"testing"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/seeds"
)

const chapterText = `示例市国土空间规划

（2023年3月15日示例市人民政府批准）

为引导全市国土空间开发保护，制定本规划。

第一章　总则

第一条　本规划适用于示例市全域。

第二条 规划期限至2035年。

第二章 空间格局

本章确定全市国土空间格局。

第一节 生态保护

第三条　严守生态保护红线。
（一）核心保护区禁止人为活动。
（二）其他区域禁止开发性建设。

第二节　城镇发展

第四条　划定城镇开发边界。
`

const numberedText = `示例县交通专项规划

本规划依据上位规划编制。

1. 总体要求

1.1 构建内畅外联的交通网络。

1.2 提升县城交通服务水平。

2. 重点项目

2.1 加快县城至高铁站快速通道建设。
(1) 起于县城北，止于高铁站。

3．保障措施

(1) 加强用地保障。
(2) 加强资金保障。
`

func TestParseLayouts(t *testing.T) {
	tests := []struct {
		name, text, layout string
		parts, clauses     int
		num, label, title  string // the third clause
	}{
		{"chapter", chapterText, plan.LayoutChapter, 2, 4, "第三条", "第三条", "严守生态保护红线"},
		{"numbered", numberedText, plan.LayoutNumbered, 3, 5, "2.1", "2.1", "加快县城至高铁站快速通道建设"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := plan.Parse(tt.text)
			if err != nil {
				t.Fatal(err)
			}
			if d.Layout != tt.layout || len(d.Parts) != tt.parts || len(d.Clauses) != tt.clauses {
				t.Fatalf("layout %q, %d parts, %d clauses; want %q, %d, %d", d.Layout, len(d.Parts), len(d.Clauses), tt.layout, tt.parts, tt.clauses)
			}
			c := d.Clauses[2]
			if c.Num != tt.num || c.Label != tt.label || c.Title != tt.title {
				t.Errorf("clause 3 = %q %q %q", c.Num, c.Label, c.Title)
			}
			for _, c := range d.Clauses {
				if d.Text[c.Offset:c.Offset+len(c.Text)] != c.Text {
					t.Errorf("%s: text is not the slice of the document at its offset", c.Num)
				}
			}
		})
	}
	d, _ := plan.Parse(chapterText)
	if c := d.Clauses[2]; !strings.Contains(c.Text, "（二）其他区域禁止开发性建设。") || c.Section != "第一节 生态保护" {
		t.Errorf("article 3 keeps its items and section: %q in %q", c.Text, c.Section)
	}
	if d.Adoption == "" || !strings.HasPrefix(d.Preamble, "为引导") || d.Parts[1].Intro != "本章确定全市国土空间格局。" {
		t.Errorf("front matter: %q / %q / intro %q", d.Adoption, d.Preamble, d.Parts[1].Intro)
	}
	n, _ := plan.Parse(numberedText)
	if n.Parts[2].Label != "3．" || n.Clauses[3].Num != "3(1)" {
		t.Errorf("full-width point and items under a part: %q, %q", n.Parts[2].Label, n.Clauses[3].Num)
	}
	if !strings.Contains(n.Clauses[2].Text, "(1) 起于县城北") {
		t.Errorf("an item under a clause belongs to it: %q", n.Clauses[2].Text)
	}
}

// A reference resolves to its section however the text writes it.
func TestReferences(t *testing.T) {
	dec, err := plan.Parse(decisionText(t))
	if err != nil {
		t.Fatal(err)
	}
	ch, _ := plan.Parse(chapterText)
	num, _ := plan.Parse(numberedText)
	tests := []struct {
		doc       *plan.Document
		ref, want string
	}{
		{dec, "十二", "十二"}, {dec, "(十二)", "十二"}, {dec, "（十二）", "十二"}, {dec, "12", "十二"},
		{ch, "第三条", "第三条"}, {ch, "第3条", "第三条"}, {ch, "第 三 条", "第三条"}, {ch, "3", "第三条"}, {ch, "第二章", "P二"},
		{num, "2.1", "2.1"}, {num, "２．１", "2.1"}, {num, "3(2)", "3(2)"}, {num, "3（2）", "3(2)"},
		{ch, "第九条", "第九条"}, {dec, "(九十)", "(九十)"}, // no such section: as written
	}
	for _, tt := range tests {
		if got := tt.doc.Canonical(tt.ref); got != tt.want {
			t.Errorf("%s: Canonical(%q) = %q, want %q", tt.doc.Layout, tt.ref, got, tt.want)
		}
	}
}

// Parts and clauses are named in each language as each layout numbers them.
func TestSectionNames(t *testing.T) {
	dec, _ := plan.Parse(decisionText(t))
	ch, _ := plan.Parse(chapterText)
	p3, _ := dec.Part("三")
	c2, _ := ch.Part("二")
	a3, _ := ch.Clause("第三条")
	c11, _ := dec.Clause("十一")
	for _, tt := range []struct{ got, want string }{
		{dec.PartName(p3, "zh"), "第三部分"}, {dec.PartName(p3, "en"), "Part 3"},
		{ch.PartName(c2, "zh"), "第二章"}, {ch.PartName(c2, "en"), "Chapter 2"},
		{ch.ClauseName(a3, "en"), "Article 3 第三条"}, {dec.ClauseName(c11, "en"), "Clause 11 (十一)"}, {dec.ClauseName(c11, "zh"), "(十一)"},
	} {
		if tt.got != tt.want {
			t.Errorf("%q, want %q", tt.got, tt.want)
		}
	}
}

func TestNumeralsToNineHundred(t *testing.T) {
	for n := 1; n <= 999; n++ {
		if v, ok := plan.NumeralValue(plan.Numeral(n)); !ok || v != n {
			t.Fatalf("%d → %q → %d, %v", n, plan.Numeral(n), v, ok)
		}
	}
	for _, tt := range []struct {
		s string
		n int
	}{{"十一", 11}, {"二十", 20}, {"一百零三", 103}, {"一百一十", 110}, {"两百", 200}} {
		if v, ok := plan.NumeralValue(tt.s); !ok || v != tt.n {
			t.Errorf("%q = %d, %v; want %d", tt.s, v, ok, tt.n)
		}
	}
	for _, s := range []string{"", "十十", "一十一", "二十十", "百", "零", "一百零", "三千", "abc"} {
		if v, ok := plan.NumeralValue(s); ok {
			t.Errorf("%q read as %d", s, v)
		}
	}
}

// decisionText is the built-in plan's text: the decision layout.
func decisionText(t *testing.T) string {
	t.Helper()
	return seeds.BuiltIn
}

// A scene's caption names its clauses as the text's layout does.
func TestCaptionByLayout(t *testing.T) {
	ch, _ := plan.Parse(chapterText)
	dec, _ := plan.Parse(decisionText(t))
	for _, tt := range []struct {
		doc           *plan.Document
		clauses       []string
		lang, caption string
	}{
		{ch, []string{"第三条"}, "zh", "第三条 严守生态保护红线"},
		{ch, []string{"第3条", "第四条"}, "en", "Article 3 第三条 严守生态保护红线  Article 4 第四条 划定城镇开发边界"},
		{dec, []string{"十"}, "en", "Clause 10 (十) 优化市域发展空间布局"},
		{dec, []string{"十"}, "zh", "(十) 优化市域发展空间布局"},
	} {
		if got := (plan.Scene{Clauses: tt.clauses}).CaptionIn(tt.doc, tt.lang); got != tt.caption {
			t.Errorf("%s %v: %q, want %q", tt.lang, tt.clauses, got, tt.caption)
		}
	}
}
