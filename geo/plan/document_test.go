package plan_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/seeds"
)

func parseSeed(t *testing.T) *plan.Document {
	t.Helper()
	d, err := plan.Parse(seeds.BuiltIn)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestParseBazhongBlocks(t *testing.T) {
	d := parseSeed(t)
	if got, want := d.Title, "中共巴中市委关于加快融入成渝地区双城经济圈建设的决定"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got, want := d.Adoption, "(2020年7月29日中国共产党巴中市第四届委员会第十次全体会议通过)"; got != want {
		t.Errorf("adoption = %q, want %q", got, want)
	}
	if !strings.HasPrefix(d.SourceLine, "2020-08-07 09:28 来源:巴中日报") {
		t.Errorf("source line = %q", d.SourceLine)
	}
	// The preamble keeps the source's mixed brackets: ASCII ( ) around 〔 〕.
	if !strings.Contains(d.Preamble, "(川委发〔202012号)") || !strings.HasSuffix(d.Preamble, "作出如下决定。") {
		t.Errorf("preamble = %q", d.Preamble)
	}
	if len(d.Parts) != 10 || len(d.Clauses) != 31 {
		t.Fatalf("got %d parts and %d clauses, want 10 and 31", len(d.Parts), len(d.Clauses))
	}
}

func TestParseBazhongClauses(t *testing.T) {
	d := parseSeed(t)
	tests := []struct {
		num, part, title, start, end string
	}{
		{"一", "一", "充分认识重大意义", "充分认识重大意义。推动成渝地区", "具有重大而深远的意义。"},
		{"四", "二", "建设成渝地区北向重要门户枢纽", "建设成渝地区北向重要门户枢纽。把握省委", "重要门户枢纽。"},
		{"八", "三", "聚焦重点区域强化协同发展", "聚焦重点区域", "辐射效应。"},
		{"十", "三", "优化市域发展空间布局", "优化市域发展空间布局。", "城乡一体发展格局。"},
		{"十一", "四", "拓展外向战略性大通道", "拓展外向战略性大通道。突出南连北接", "启动平昌通用机场前期工作。"},
		{"二十", "七", "协同打造“巴文化”品牌", "协同打造“巴文化”品牌。", "地域文化品牌。"},
		{"二十二", "七", "共建文化旅游精品线路", "共建文化旅游精品线路。", "知名度和影响力。"},
		{"三十一", "十", "广泛凝聚各方力量", "广泛凝聚各方力量。", "强大力量。"},
	}
	for _, tt := range tests {
		t.Run(tt.num, func(t *testing.T) {
			c, ok := d.Clause(tt.num)
			if !ok {
				t.Fatalf("no clause %s", tt.num)
			}
			if c.Num != tt.num || c.Part != tt.part || c.Title != tt.title || c.Label != "("+tt.num+")" {
				t.Errorf("clause = {%s %s %s %s}, want {%s %s %s}", c.Num, c.Label, c.Part, c.Title, tt.num, tt.part, tt.title)
			}
			if !strings.HasPrefix(c.Text, tt.start) || !strings.HasSuffix(c.Text, tt.end) {
				t.Errorf("text = %.60q…", c.Text)
			}
		})
	}
}

func TestParseIsVerbatim(t *testing.T) {
	d := parseSeed(t)
	for i, c := range d.Clauses {
		if c.Index != i+1 {
			t.Errorf("clause %s has index %d, want %d", c.Num, c.Index, i+1)
		}
		if got := d.Text[c.Offset : c.Offset+len(c.Text)]; got != c.Text {
			t.Errorf("clause %s: text is not the slice at its offset", c.Num)
		}
		if got := d.Text[c.Offset-len(c.Label) : c.Offset]; got != c.Label {
			t.Errorf("clause %s: label %q not before its text (%q)", c.Num, c.Label, got)
		}
		if strings.Join(plan.Sentences(c.Text), "") != c.Text {
			t.Errorf("clause %s: sentences do not join back to the text", c.Num)
		}
	}
	for _, p := range d.Parts {
		for _, s := range []string{p.Heading, p.Intro} {
			if s == "" || !strings.Contains(d.Text, s+"\n") {
				t.Errorf("part %s: %q is not a line of the source", p.Num, s)
			}
		}
		if p.Heading != p.Num+"、"+p.Title {
			t.Errorf("part %s heading %q", p.Num, p.Heading)
		}
	}
	// Clauses number consecutively across parts: part 四 holds (十一)–(十三).
	if p, _ := d.Part("四"); strings.Join(p.Clauses, ",") != "十一,十二,十三" {
		t.Errorf("part 四 clauses = %v", p.Clauses)
	}
	// The source's ASCII punctuation inside a clause does not split it.
	if c, _ := d.Clause("八"); !strings.Contains(c.Text, "达州市区(县)搭建合作平台") {
		t.Errorf("clause 八 lost its ASCII parentheses")
	}
	if c, _ := d.Clause("十一"); !strings.Contains(c.Text, "新时代中长期铁路网规划(2035年);") {
		t.Errorf("clause 十一 lost its ASCII punctuation")
	}
}

func TestParseErrors(t *testing.T) {
	head := "标题\n\n(某年通过)\n\n来源\n\n序言。\n\n"
	tests := []struct {
		name, text, want string
	}{
		{"empty", "", "too short"},
		{"adoption without parentheses", "标题\n某年通过\n来源\n序言。\n一、部分\n", "parentheses"},
		{"no parts", head, "no parts"},
		{"part out of order", head + "二、部分\n\n引言。\n", "part 二、 out of order"},
		{"clause before part", head + "(一)标题。正文。\n", "before the first part"},
		{"clause out of order", head + "一、部分\n\n引言。\n\n(二)标题。正文。\n", "clause (二) out of order"},
		{"clause without lead title", head + "一、部分\n\n引言。\n\n(一)没有句号\n", "no lead title"},
		{"stray paragraph", head + "一、部分\n\n引言。\n\n(一)标题。正文。\n\n多余的段落。\n", "outside any clause"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := plan.Parse(tt.text)
			var pe *plan.ParseError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a ParseError containing %q", err, tt.want)
			}
		})
	}
}

func TestParseFullWidthLabels(t *testing.T) {
	d, err := plan.Parse("标题\n（通过）\n来源\n序言。\n一、部分\n引言。\n（一）标题。正文。\n")
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := d.Clause("一"); c.Label != "（一）" || c.Title != "标题" || c.Text != "标题。正文。" {
		t.Errorf("clause = %+v", c)
	}
}

func TestNumerals(t *testing.T) {
	tests := []struct {
		s string
		n int
	}{{"一", 1}, {"九", 9}, {"十", 10}, {"十一", 11}, {"十九", 19}, {"二十", 20}, {"二十二", 22}, {"三十一", 31}, {"九十九", 99}}
	for _, tt := range tests {
		if n, ok := plan.NumeralValue(tt.s); !ok || n != tt.n {
			t.Errorf("NumeralValue(%q) = %d, %v; want %d", tt.s, n, ok, tt.n)
		}
		if s := plan.Numeral(tt.n); s != tt.s {
			t.Errorf("Numeral(%d) = %q, want %q", tt.n, s, tt.s)
		}
	}
	for _, bad := range []string{"", "零", "一十", "十十", "1", "三十一一", "P六"} {
		if _, ok := plan.NumeralValue(bad); ok {
			t.Errorf("NumeralValue(%q) accepted", bad)
		}
	}
}

func TestSentencesWith(t *testing.T) {
	d := parseSeed(t)
	got := d.SentencesWith("十一", "通用机场")
	want := []string{"加快建设通江、南江通用机场,启动平昌通用机场前期工作。"}
	if len(got) != 1 || got[0] != want[0] {
		t.Errorf("SentencesWith = %q, want %q", got, want)
	}
	if got := d.SentencesWith("十一", "不存在"); got != nil {
		t.Errorf("SentencesWith(missing phrase) = %q", got)
	}
	if got := d.SentencesWith("四十", "巴中"); got != nil {
		t.Errorf("SentencesWith(missing clause) = %q", got)
	}
}

func TestBlocks(t *testing.T) {
	d := parseSeed(t)
	tests := []struct {
		ref, quote string
		ok         bool
	}{
		{"title", "加快融入成渝地区双城经济圈建设的决定", true},
		{"preamble", "作出如下决定。", true},
		{"P六", "六、联动建设渠江生态廊道", true},
		{"P六", "合力推进渠江流域生态廊道建设", true},
		{"十一", "加快巴万、苍巴、镇广高速公路建设", true},
		{"十二", "加快巴万、苍巴、镇广高速公路建设", false},
		{"P十一", "", false},
		{"三十二", "巴中", false},
	}
	for _, tt := range tests {
		if got := d.Contains(tt.ref, tt.quote); got != tt.ok {
			t.Errorf("Contains(%s, %q) = %v, want %v", tt.ref, tt.quote, got, tt.ok)
		}
	}
}
