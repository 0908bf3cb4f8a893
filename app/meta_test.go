package app

import (
	"os"
	"testing"
)

// The app's id, name and version come from FyneApp.toml, the file fyne
// package reads too: one source.
func TestMetadataFromFyneAppToml(t *testing.T) {
	b, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseMetadata(b)
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != "org.planatlas.planatlas" || m.Name != "Plan Atlas" || m.Version == "" || m.Build < 1 {
		t.Errorf("metadata %+v", m)
	}
	if got := m.AppMetadata(); got.ID != m.ID || got.Version != m.Version {
		t.Errorf("Fyne metadata %+v", got)
	}
	for _, bad := range []string{"not toml ===", "[Details]\nName = \"x\"\n"} {
		if _, err := ParseMetadata([]byte(bad)); err == nil {
			t.Errorf("ParseMetadata(%q) took it", bad)
		}
	}
}
