package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/BurntSushi/toml"

	"lawdesk/resources"
)

// TestFyneAppTOML keeps FyneApp.toml, the single source of name, ID, version and icon,
// in step with what the binary uses.
func TestFyneAppTOML(t *testing.T) {
	var meta struct {
		Details struct {
			Icon, Name, ID, Version string
			Build                   int
		}
	}
	if _, err := toml.DecodeFile("../FyneApp.toml", &meta); err != nil {
		t.Fatal(err)
	}
	d := meta.Details
	if d.ID != AppID {
		t.Errorf("FyneApp.toml ID %q, app uses %q", d.ID, AppID)
	}
	if d.Name != "行政执法三项制度工作台" {
		t.Errorf("name %q", d.Name)
	}
	if d.Version == "" || d.Build < 1 {
		t.Errorf("version %q build %d", d.Version, d.Build)
	}
	icon, err := os.ReadFile("../" + d.Icon)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(icon, resources.Icon) {
		t.Error("the embedded icon is not the icon FyneApp.toml names")
	}
}
