package app

import "testing"

func TestNoDisplay(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	tests := []struct {
		goos string
		env  map[string]string
		want bool
	}{
		{"linux", nil, true},
		{"linux", map[string]string{"DISPLAY": ":0"}, false},
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, false},
		{"freebsd", nil, true},
		{"windows", nil, false},
		{"darwin", nil, false},
	}
	for _, tt := range tests {
		if got := noDisplay(tt.goos, env(tt.env)); got != tt.want {
			t.Errorf("noDisplay(%s, %v) = %v", tt.goos, tt.env, got)
		}
	}
}
