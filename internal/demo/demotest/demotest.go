// Package demotest gives tests their own copy of the demo office. Building the demo is
// seconds of work (a dozen argon2 password hashes, thirty cases with generated scans,
// imported footage); a test binary builds it once per clock and copies the files into
// each test's temporary directory, so every test still owns a real, separate store.
package demotest

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"lawdesk/internal/demo"
	"lawdesk/internal/store"
)

// Password is the password of every account in the demo office made here.
const Password = "demo1234"

// template is a demo data directory held in memory: relative path → content.
type template struct {
	files map[string][]byte
	err   error
}

var (
	mu        sync.Mutex
	templates = map[time.Time]*template{}
)

// Dir returns a new temporary data directory holding the demo office, built with the
// clock now (the zero time means the real clock).
func Dir(t testing.TB, now time.Time) string {
	t.Helper()
	tpl := build(now)
	if tpl.err != nil {
		t.Fatalf("building the demo office: %v", tpl.err)
	}
	dir := filepath.Join(t.TempDir(), "data")
	for rel, data := range tpl.files {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Open returns a store on a fresh copy of the demo office, closed when the test ends.
func Open(t testing.TB, now time.Time) *store.Store {
	t.Helper()
	opts := store.Options{}
	if !now.IsZero() {
		opts.Now = func() time.Time { return now }
	}
	st, err := store.Open(Dir(t, now), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func build(now time.Time) *template {
	mu.Lock()
	defer mu.Unlock()
	if tpl, ok := templates[now]; ok {
		return tpl
	}
	tpl := &template{}
	templates[now] = tpl
	dir, err := os.MkdirTemp("", "lawdesk-demo-template-*")
	if err != nil {
		tpl.err = err
		return tpl
	}
	defer os.RemoveAll(dir)
	opts := store.Options{}
	if !now.IsZero() {
		opts.Now = func() time.Time { return now }
	}
	st, err := store.Open(dir, opts)
	if err != nil {
		tpl.err = err
		return tpl
	}
	_, err = demo.Create(st, Password)
	st.Close()
	if err != nil {
		tpl.err = err
		return tpl
	}
	tpl.files = map[string][]byte{}
	tpl.err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		tpl.files[rel], err = os.ReadFile(p)
		return err
	})
	return tpl
}
