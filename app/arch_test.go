package main

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyDirection keeps DESIGN.md's rule true: app → ui → services →
// {store, blob, media, pdf, workday} → domain, never reversed, and only app/ and
// internal/ui import Fyne.
func TestDependencyDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-json", "-deps=false", "lawdesk/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	// layer of each internal package; a package may import only lower layers (or its own
	// layer when listed in sameLayerOK).
	layer := map[string]int{
		"lawdesk/internal/domain":  0,
		"lawdesk/resources":        0,
		"lawdesk/internal/workday": 1,
		"lawdesk/internal/blob":    1,
		"lawdesk/internal/media":   1,
		"lawdesk/internal/pdf":     1,
		"lawdesk/internal/store":   2,
		"lawdesk/internal/ui":      5,
		"lawdesk/internal/bench":   5, // generates a whole office over the demo and every service
		// test support: a ready demo office for tests of ui and app
		"lawdesk/internal/demo/demotest": 5,
		"lawdesk/app":                    6,
	}
	const serviceLayer = 3 // office, publicity, record, review, report, …
	const demoLayer = 4    // the demo office uses every service
	layerOf := func(p string) int {
		if l, ok := layer[p]; ok {
			return l
		}
		if p == "lawdesk/internal/demo" {
			return demoLayer
		}
		return serviceLayer
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	seen := 0
	for {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		seen++
		fyneAllowed := p.ImportPath == "lawdesk/app" || p.ImportPath == "lawdesk/internal/ui"
		for _, imp := range p.Imports {
			if strings.HasPrefix(imp, "fyne.io/") && !fyneAllowed {
				t.Errorf("%s imports %s: only app/ and internal/ui may import Fyne", p.ImportPath, imp)
			}
			if p.ImportPath == "lawdesk/internal/domain" && strings.Contains(imp, ".") {
				t.Errorf("domain imports %s: domain is standard library only", imp)
			}
			if !strings.HasPrefix(imp, "lawdesk/") {
				continue
			}
			from, to := layerOf(p.ImportPath), layerOf(imp)
			if to > from || (to == from && from != serviceLayer) {
				t.Errorf("%s (layer %d) imports %s (layer %d): dependencies must point down", p.ImportPath, from, imp, to)
			}
		}
	}
	if seen < 8 {
		t.Fatalf("go list saw only %d packages", seen)
	}
}
