package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/calendar"
	"lawdesk/internal/demo/demotest"
	"lawdesk/internal/flowchart"
	"lawdesk/internal/inspection"
	"lawdesk/internal/office"
	"lawdesk/internal/publication"
	"lawdesk/internal/publicity"
	"lawdesk/internal/record"
	"lawdesk/internal/recording"
	"lawdesk/internal/store"
	"lawdesk/resources"
)

// The harness drives real screens over a real store in t.TempDir(), the way a person
// would: find a widget by what it shows, type into it, tap it, read what it says.

const demoPassword = demotest.Password

// fixedNow is the clock of every UI test, so dates on screen are repeatable.
var fixedNow = time.Date(2026, 11, 20, 9, 30, 0, 0, time.Local)

// newTestUI opens a store in a temporary directory, optionally with the demo office, and
// shows the first screen in a headless window of the office PC's size.
func newTestUI(t *testing.T, withDemo bool) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	var st *store.Store
	if withDemo {
		st = demotest.Open(t, fixedNow)
	} else {
		var err error
		st, err = store.Open(t.TempDir(), store.Options{Now: func() time.Time { return fixedNow }})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
	}
	u := New(a, Services{Store: st, Office: office.New(st), Version: "test",
		Calendar: calendar.New(st), Publication: publication.New(st), Record: record.New(st),
		Inspection: inspection.New(st), Flowchart: flowchart.New(st), Recording: recording.New(st), Publicity: publicity.New(st)})
	u.win.Resize(fyne.NewSize(1366, 768))
	u.Start()
	return u
}

// signIn logs in through the login screen.
func signIn(t *testing.T, u *UI, name string) {
	t.Helper()
	typeInto(t, u, "login.user.placeholder", name)
	pw := objects[*widget.Entry](u)[1]
	test.Type(pw, demoPassword)
	tapButton(t, u, "login.submit")
	if u.main == nil {
		t.Fatalf("sign-in as %s did not open the main window; screen says: %s", name, screenText(u))
	}
}

// objects lists every widget of type T on the window, including open dialogs.
func objects[T fyne.CanvasObject](u *UI) []T {
	var out []T
	roots := []fyne.CanvasObject{u.win.Content()}
	for _, o := range u.win.Canvas().Overlays().List() {
		roots = append(roots, o)
	}
	for _, r := range roots {
		for _, o := range test.LaidOutObjects(r) {
			if v, ok := o.(T); ok && o.Visible() {
				out = append(out, v)
			}
		}
	}
	return out
}

// button finds a visible button whose text is the translation of key (or key itself).
func button(u *UI, key string) *widget.Button {
	want := tr(key)
	for _, b := range objects[*widget.Button](u) {
		if b.Text == want {
			return b
		}
	}
	return nil
}

func tapButton(t *testing.T, u *UI, key string) {
	t.Helper()
	b := button(u, key)
	if b == nil {
		t.Fatalf("no button %q on screen; screen says: %s", tr(key), screenText(u))
	}
	if b.Disabled() {
		t.Fatalf("button %q is disabled", tr(key))
	}
	test.Tap(b)
}

// typeInto types text into the entry whose placeholder is the translation of key.
func typeInto(t *testing.T, u *UI, placeholderKey, text string) {
	t.Helper()
	want := tr(placeholderKey)
	for _, e := range objects[*widget.Entry](u) {
		if e.PlaceHolder == want {
			e.SetText("")
			test.Type(e, text)
			return
		}
	}
	t.Fatalf("no entry with placeholder %q", want)
}

// screenText joins every label, rich text and button text visible, for assertions and
// failure messages.
func screenText(u *UI) string {
	var b strings.Builder
	for _, l := range objects[*widget.Label](u) {
		b.WriteString(l.Text + "\n")
	}
	for _, r := range objects[*widget.RichText](u) {
		b.WriteString(r.String() + "\n")
	}
	for _, bt := range objects[*widget.Button](u) {
		b.WriteString("[" + bt.Text + "]\n")
	}
	return b.String()
}

func assertShows(t *testing.T, u *UI, texts ...string) {
	t.Helper()
	s := screenText(u)
	for _, want := range texts {
		if !strings.Contains(s, want) {
			t.Errorf("screen does not show %q; it shows:\n%s", want, s)
		}
	}
}

// tr is what a translated key shows (the key itself when it is not a translation key).
func tr(key string) string { return lang.L(key) }

// keys lists the translation keys of a language across all its files.
func keys(t *testing.T, language string) map[string]bool {
	t.Helper()
	names, err := translationFiles(language)
	if err != nil || len(names) == 0 {
		t.Fatalf("no translation files for %s: %v", language, err)
	}
	out := map[string]bool{}
	for _, n := range names {
		data, err := resources.Translations.ReadFile("translations/" + n)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		for k := range m {
			if out[k] {
				t.Errorf("key %q is defined in two %s files", k, language)
			}
			out[k] = true
		}
	}
	return out
}

// fyneKeys are the keys of Fyne's own widgets (file dialogs, menus), translated in
// fyne.zh.json.
var fyneKeys = func() map[string]bool {
	data, err := resources.Translations.ReadFile("translations/fyne.zh.json")
	if err != nil {
		panic(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		panic(err)
	}
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}()

// usedKeys finds every literal key passed to lang.L in this package's sources.
func usedKeys(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`lang\.L\("([^"]+)"\)`)
	var out []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			out = append(out, m[1])
		}
	}
	return out
}
