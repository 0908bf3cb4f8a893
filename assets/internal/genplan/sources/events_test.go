package sources

import (
	"strings"
	"testing"

	"github.com/planatlas/planatlas/geo/plan"
)

func TestEventsChecked(t *testing.T) {
	head := "id,date,stage,desc_zh,desc_en,citation,reliability\n"
	cite := "人民网||2023-05-10|http://example.org/a"
	tests := []struct {
		name, csv, err string
	}{
		{"good", "x,2024-06-27,existing,开通,Opens," + cite + ",news\n", ""},
		{"bad date", "x,27/06/2024,existing,开通,Opens," + cite + ",news\n", "not YYYY"},
		{"bad stage", "x,2024,opened,开通,Opens," + cite + ",news\n", "unknown stage"},
		{"no English", "x,2024,existing,开通,," + cite + ",news\n", "desc_en"},
		{"no link", "x,2024,existing,开通,Opens,人民网||2023|,news\n", "publisher and a link"},
		{"no reliability", "x,2024,existing,开通,Opens," + cite + ",\n", "reliability"},
	}
	for _, tt := range tests {
		_, err := ReadEvents(strings.NewReader(head + tt.csv))
		if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.err)
		}
	}
	f := &plan.Feature{ID: "x", Stage: plan.StageUnderConstruction}
	seq := []struct {
		name string
		es   []plan.Event
		err  string
	}{
		{"forward", []plan.Event{{Date: "2019-12-25", Stage: plan.StageUnderConstruction}, {Date: "2024-06-27", Stage: plan.StageExisting}}, ""},
		{"out of order", []plan.Event{{Date: "2024-06-27", Stage: plan.StageExisting}, {Date: "2021", Stage: plan.StageExisting}}, "date order"},
		{"back from the plan's stage", []plan.Event{{Date: "2023", Stage: plan.StageStudy}}, "goes back"},
		{"before adoption, anything", []plan.Event{{Date: "2018", Stage: plan.StageStudy}}, ""},
		{"unknown feature", nil, "no feature"},
	}
	for _, tt := range seq {
		ev := map[string][]plan.Event{"x": tt.es}
		if tt.es == nil {
			ev = map[string][]plan.Event{"y": {{Date: "2021", Stage: plan.StageExisting}}}
		}
		err := attachEvents(ev, map[string]*plan.Feature{"x": f})
		if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.err)
		}
	}
}
