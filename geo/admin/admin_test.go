package admin_test

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/planatlas/planatlas/assets"
	"github.com/planatlas/planatlas/geo/admin"
)

func load(t testing.TB) *admin.Divisions {
	d, err := admin.Load(bytes.NewReader(assets.ChinaAdmin))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestFindChildrenNeighbours(t *testing.T) {
	d := load(t)
	seen := map[string]bool{}
	for _, u := range d.Units {
		if seen[u.Code] {
			t.Fatalf("%s %s twice", u.Code, u.Name)
		}
		seen[u.Code] = true
	}
	if u, _ := d.Unit("441900"); u == nil || u.Level != admin.Prefecture {
		t.Errorf("东莞 (a prefecture repeated at county level) is %+v", u)
	}
	if n := len(d.Units); n < 3250 {
		t.Errorf("%d units", n)
	}
	tests := []struct {
		query, first, level string
	}{
		{"巴中", "巴中市", admin.Prefecture},
		{"四川", "四川省", admin.Province},
		{"通江县", "通江县", admin.County},
		{"广元", "广元市", admin.Prefecture},
	}
	for _, tt := range tests {
		got := d.Find(tt.query, 10)
		if len(got) == 0 || got[0].Name != tt.first || got[0].Level != tt.level {
			t.Errorf("Find(%q) = %v, want %s first", tt.query, names(got), tt.first)
		}
	}
	bz := d.Find("巴中市", 1)[0]
	if got := names(d.Children(bz)); fmt.Sprint(got) != "[南江县 巴州区 平昌县 恩阳区 通江县]" {
		t.Errorf("巴中市's counties: %v", got)
	}
	nb := strings.Join(names(d.Neighbours(bz, 0.01)), " ")
	for _, want := range []string{"广元市", "南充市", "达州市", "汉中市"} {
		if !strings.Contains(nb, want) {
			t.Errorf("巴中市's neighbours %s lack %s", nb, want)
		}
	}
	if p := d.Path(d.Find("通江县", 1)[0]); p != "四川省 巴中市 通江县" {
		t.Errorf("path %q", p)
	}
}

func names(us []*admin.Unit) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.Name)
	}
	sort.Strings(out)
	return out
}

func ExampleDivisions_Find() {
	d, _ := admin.Load(bytes.NewReader(assets.ChinaAdmin))
	for _, u := range d.Find("通江", 3) {
		fmt.Println(u.Code, u.Name, u.Level, d.Path(u))
	}
	// Output:
	// 511921 通江县 county 四川省 巴中市 通江县
}
