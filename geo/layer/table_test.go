package layer

import (
	"reflect"
	"testing"
)

// Rows with different fields: each reads back as it was, a field a row
// lacks is nil, and the columns are in key order of first meeting.
func TestTableSparseColumns(t *testing.T) {
	rows := []map[string]any{
		{"name": "巴中", "pop": 271.0},
		{},
		{"folder": "交通", "name": "巴中站"},
		nil,
		{"pop": 1.5},
	}
	l := &Layer{}
	for _, r := range rows {
		l.Features = append(l.Features, Feature{Props: r})
	}
	l.Tabulate()
	for i, f := range l.Features {
		want := rows[i]
		if want == nil {
			want = map[string]any{}
		}
		if got := f.Attrs(); !reflect.DeepEqual(got, want) {
			t.Errorf("row %d: %v, want %v", i, got, want)
		}
		if f.Props != nil {
			t.Errorf("row %d kept its map", i)
		}
	}
	if got := l.Features[2].Attr("pop"); got != nil {
		t.Errorf("missing field: %v", got)
	}
	if got := l.Features[0].tab.fields; !reflect.DeepEqual(got, []string{"name", "pop", "folder"}) {
		t.Errorf("columns %v", got)
	}
}
