package workday

import (
	"strings"
	"testing"
	"testing/fstest"
)

const goodFile = `{"year": 2030, "papers": [], "days": [{"name": "元旦", "date": "2030-01-01", "isOffDay": true}]}`

func TestBuiltinLoads(t *testing.T) {
	// Builtin panics on broken embedded data; this is the test that rules it out.
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("embedded holiday data is broken: %v", r)
		}
	}()
	if len(Builtin().Years()) == 0 {
		t.Fatal("no embedded schedules")
	}
}

func TestLoadRejectsBrokenData(t *testing.T) {
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
		msg  string
	}{
		{"bad JSON", fstest.MapFS{"h/2030.json": {Data: []byte(`{`)}}, "2030.json"},
		{"year mismatch", fstest.MapFS{"h/2031.json": {Data: []byte(goodFile)}}, "2031.json: holds year 2030"},
		{"bad name", fstest.MapFS{"h/new.json": {Data: []byte(goodFile)}}, "new.json"},
		{"empty", fstest.MapFS{"h/LICENSE": {Data: []byte("MIT")}}, "no schedules"},
		{"no directory", fstest.MapFS{}, "h"},
	} {
		_, err := load(tc.fsys, "h")
		if err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: err = %v, want it to mention %q", tc.name, err, tc.msg)
		}
	}
	c, err := load(fstest.MapFS{"h/2030.json": {Data: []byte(goodFile)}, "h/LICENSE": {Data: []byte("MIT")}}, "h")
	if err != nil || !c.HasYear(2030) {
		t.Errorf("good data: %v", err)
	}
}
