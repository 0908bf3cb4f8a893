package plan_test

import (
	"fmt"
	"testing"

	"github.com/planatlas/planatlas/geo/plan"
)

func TestStageOf(t *testing.T) {
	tests := []struct {
		verb string
		want plan.Stage
	}{
		{"", plan.StageExisting},
		{"加快建成", plan.StageUnderConstruction},
		{"加快建设", plan.StageUnderConstruction},
		{"加快…建设", plan.StageUnderConstruction},
		{"积极推动…建设", plan.StagePromoted},
		{"推动建设", plan.StagePromoted},
		{"推动加快实施", plan.StagePromoted},
		{"支持…建设", plan.StagePromoted},
		{"着力打造", plan.StagePromoted},
		{"打响…特色品牌", plan.StagePromoted},
		{"规划建设", plan.StagePlanned},
		{"建设", plan.StagePlanned},
		{"协同争取纳入…规划", plan.StageSeekingInclusion},
		{"协同争取纳入国家规划", plan.StageSeekingInclusion},
		{"深入开展规划论证", plan.StageStudy},
		{"加快…前期工作", plan.StageStudy},
		{"启动前期工作", plan.StageStudy},
		{"巩固提升", plan.StageExisting},
		{"加快推进…迁建", plan.StagePromoted},
		{"构建", plan.StagePromoted},
		{"有序拓展航线，力争建成川东北重要中转机场", plan.StageExisting},
		{"加快推进…创建国家AAAAA级旅游景区", plan.StageExisting},
		{"高质量完成…整体提升", plan.StageExisting},
	}
	for _, tt := range tests {
		got, ok := plan.StageOf(tt.verb)
		if !ok || got != tt.want {
			t.Errorf("StageOf(%q) = %q, %v; want %q", tt.verb, got, ok, tt.want)
		}
		if !got.Valid() || got.Name("zh") == "" || got.Name("en") == "" {
			t.Errorf("stage %q lacks a name", got)
		}
	}
	if s, ok := plan.StageOf("研究决定"); ok {
		t.Errorf("StageOf(unknown verb) = %q, want not ok", s)
	}
}

func ExampleStageOf() {
	s, _ := plan.StageOf("协同争取纳入国家规划")
	fmt.Println(s, s.Name("zh"))
	// Output: seeking_inclusion 争取纳入国家规划
}

func TestGuessStage(t *testing.T) {
	text := "加快建成汉巴南高铁巴中至南充段,积极推动巴中至汉中段建设;规划建设巴中物流园;深入开展成都至巴中城际铁路规划论证。巴中恩阳机场"
	for _, tt := range []struct {
		words string
		want  plan.Stage
	}{
		{"汉巴南高铁巴中至南充段", plan.StageUnderConstruction},
		{"巴中至汉中段建设", plan.StagePromoted},
		{"巴中物流园", plan.StagePlanned},
		{"成都至巴中城际铁路规划论证", plan.StageStudy},
		{"巴中恩阳机场", plan.StagePlanned},
		{"不在文中", plan.StagePlanned},
	} {
		if got := plan.GuessStage(text, tt.words); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.words, got, tt.want)
		}
	}
}
