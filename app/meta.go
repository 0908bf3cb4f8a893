package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"github.com/BurntSushi/toml"
)

// Metadata is what FyneApp.toml says of the app: its one source for the
// app's id (which also names where preferences are kept), name and version.
type Metadata struct {
	ID      string
	Name    string
	Version string
	Build   int
}

// ParseMetadata reads the [Details] of a FyneApp.toml.
func ParseMetadata(b []byte) (Metadata, error) {
	var f struct {
		Details Metadata
	}
	if err := toml.Unmarshal(b, &f); err != nil {
		return Metadata{}, fmt.Errorf("FyneApp.toml: %w", err)
	}
	if f.Details.ID == "" || f.Details.Version == "" {
		return Metadata{}, fmt.Errorf("FyneApp.toml: [Details] needs ID and Version")
	}
	return f.Details, nil
}

// AppMetadata is m as Fyne's app metadata.
func (m Metadata) AppMetadata() fyne.AppMetadata {
	return fyne.AppMetadata{ID: m.ID, Name: m.Name, Version: m.Version, Build: m.Build}
}

// appMetadata returns the running app's metadata.
func appMetadata(a fyne.App) Metadata {
	m := a.Metadata()
	return Metadata{ID: m.ID, Name: m.Name, Version: m.Version, Build: m.Build}
}
