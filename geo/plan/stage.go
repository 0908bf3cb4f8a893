package plan

import "strings"

// Stage is how far a feature had come when the decision was written, derived
// from the verb the text uses for it.
type Stage string

// The stages, from built to imagined.
const (
	StageExisting          Stage = "existing"           // exists; the text consolidates, upgrades or uses it
	StageUnderConstruction Stage = "under_construction" // 加快建成, 加快建设: works are under way
	StagePromoted          Stage = "promoted"           // 推动…建设, 支持…, 打造: the city pushes for it
	StagePlanned           Stage = "planned"            // 规划建设, 建设: decided, not started
	StageSeekingInclusion  Stage = "seeking_inclusion"  // 协同争取纳入…规划: asks to enter a national plan
	StageStudy             Stage = "study"              // 规划论证, 前期工作: under study or preparation
)

// Stages lists every stage in legend order.
var Stages = []Stage{StageExisting, StageUnderConstruction, StagePromoted, StagePlanned, StageSeekingInclusion, StageStudy}

// Valid reports whether s is one of Stages.
func (s Stage) Valid() bool {
	for _, t := range Stages {
		if s == t {
			return true
		}
	}
	return false
}

// Name returns the stage's name in Chinese ("zh") or English (anything else).
func (s Stage) Name(lang string) string {
	zh := map[Stage]string{StageExisting: "现状", StageUnderConstruction: "在建", StagePromoted: "推动建设",
		StagePlanned: "规划", StageSeekingInclusion: "争取纳入国家规划", StageStudy: "研究论证"}
	en := map[Stage]string{StageExisting: "existing", StageUnderConstruction: "under construction", StagePromoted: "promoted",
		StagePlanned: "planned", StageSeekingInclusion: "seeking national inclusion", StageStudy: "under study"}
	if lang == "zh" {
		return zh[s]
	}
	return en[s]
}

// Schematic reports whether features at this stage are drawn dashed (not yet built).
func (s Stage) Schematic() bool { return s != StageExisting }

// stageVerbs maps the decision's verbs to stages, most specific first: the
// first pattern whose pieces all occur in the verb, in order, wins.
var stageVerbs = []struct {
	pattern string // pieces separated by …
	stage   Stage
}{
	{"纳入…规划", StageSeekingInclusion},
	{"规划论证", StageStudy},
	{"前期工作", StageStudy},
	{"规划建设", StagePlanned},
	{"加快建成", StageUnderConstruction},
	{"加快…建设", StageUnderConstruction},
	{"推动…建设", StagePromoted},
	{"推动…实施", StagePromoted},
	{"支持…", StagePromoted},
	{"打造", StagePromoted},
	{"打响", StagePromoted},
	{"开发利用", StagePromoted},
	{"巩固提升", StageExisting},
	{"拓展…航线", StageExisting},
	{"创建…AAAAA", StageExisting},
	{"完成…提升", StageExisting},
	{"完成…布展", StageExisting},
	{"推进…迁建", StagePromoted},
	{"构建", StagePromoted},
	{"建设", StagePlanned},
}

// StageOf derives a stage from the decision's verb for a feature, e.g.
// "加快…建设" → under_construction, "协同争取纳入国家规划" → seeking_inclusion.
// An empty verb (a place the text names, not a project) is existing. ok is
// false for a verb no rule covers.
func StageOf(verb string) (s Stage, ok bool) {
	if strings.TrimSpace(verb) == "" {
		return StageExisting, true
	}
	for _, r := range stageVerbs {
		if matchPieces(verb, strings.Split(r.pattern, "…")) {
			return r.stage, true
		}
	}
	return "", false
}

// matchPieces reports whether the pieces occur in s in order.
func matchPieces(s string, pieces []string) bool {
	for _, p := range pieces {
		if p == "" {
			continue
		}
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return true
}

// GuessStage is the stage the text gives the thing named by words in
// text: the verb before it in its phrase (the run between punctuation that
// holds it: "加快建成某某高铁" → under construction), planned
// when the phrase has none the plan knows. A planner confirms it.
func GuessStage(text, words string) Stage {
	i := strings.Index(text, words)
	if i < 0 || words == "" {
		return StagePlanned
	}
	start := strings.LastIndexAny(text[:i], "，,；;。：:\n") + 1
	phrase := text[start : i+len(words)]
	if s, ok := StageOf(phrase); ok && strings.TrimSpace(phrase) != words {
		return s
	}
	return StagePlanned
}
