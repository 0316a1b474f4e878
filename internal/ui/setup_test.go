package ui

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/demo"
	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// newMovableUI is newTestUI on an empty data directory whose wizard may move the data,
// as the window started without --data. The move opens a real store in the new place
// (app/ does the same and also remembers the choice; its tests cover that part). Only the
// wizard and the login screen are used, so only the store and accounts are wired.
func newMovableUI(t *testing.T) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	open := func(dir string) (Services, error) {
		st, err := store.Open(dir, store.Options{Now: func() time.Time { return fixedNow }})
		if err != nil {
			return Services{}, err
		}
		t.Cleanup(func() { st.Close() })
		return Services{Store: st, Office: office.New(st), Version: "test"}, nil
	}
	svc, err := open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var move func(dir string) (Services, error)
	move = func(dir string) (Services, error) {
		if !filepath.IsAbs(dir) {
			return Services{}, domain.Errorf(domain.EINVALID, "请填写完整的目录路径。")
		}
		next, err := open(dir)
		next.ChangeDataDir = move
		return next, err
	}
	svc.ChangeDataDir = move
	u := New(a, svc)
	u.win.Resize(fyne.NewSize(1366, 768))
	u.Start()
	return u
}

// chooseDataDir types dir into the data-directory dialog and confirms.
func chooseDataDir(t *testing.T, u *UI, dir string) {
	t.Helper()
	tapButton(t, u, "datadir.change")
	entries := objects[*widget.Entry](u)
	if len(entries) != 1 || entries[0].Text != u.svc.Store.Dir() {
		t.Fatalf("the dialog should offer one path entry filled with the current directory; entries: %d", len(entries))
	}
	entries[0].SetText(dir)
	tapButton(t, u, "datadir.use")
}

func TestFirstRunWizardMovesTheDataDirectory(t *testing.T) {
	u := newMovableUI(t)
	assertShows(t, u, fmt.Sprintf(tr("setup.datadir"), u.svc.Store.Dir()))

	chosen := filepath.Join(t.TempDir(), "D", "LawDesk")
	chooseDataDir(t, u, chosen)
	if got := u.svc.Store.Dir(); got != chosen {
		t.Fatalf("the window works on %s, want %s", got, chosen)
	}
	assertShows(t, u, tr("setup.welcome"), fmt.Sprintf(tr("setup.datadir"), chosen), "以后LawDesk的数据都保存在")
	tapButton(t, u, "dialog.ok")

	// the office created next lands in the chosen directory
	tapButton(t, u, "setup.demo")
	if need, _ := u.svc.Office.NeedsSetup(); need || u.svc.Store.Dir() != chosen {
		t.Fatalf("the demo office is not in %s", chosen)
	}
}

func TestFirstRunWizardFindsExistingData(t *testing.T) {
	old := filepath.Join(t.TempDir(), "LawDesk")
	st, err := store.Open(old, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Create(st, demoPassword); err != nil {
		t.Fatal(err)
	}
	st.Close()

	u := newMovableUI(t)
	chooseDataDir(t, u, old)
	// the login screen names the office found there
	assertShows(t, u, tr("login.heading"), demo.Agency.Name, "找到了已有的LawDesk数据")
}

func TestFirstRunWizardExplainsARefusedDirectory(t *testing.T) {
	u := newMovableUI(t)
	before := u.svc.Store.Dir()
	chooseDataDir(t, u, "LawDesk")
	assertShows(t, u, "请填写完整的目录路径")
	if u.svc.Store.Dir() != before {
		t.Fatal("a refused directory changed the data directory")
	}
	if button(u, "datadir.use") == nil {
		t.Fatal("the dialog closed; the person could not correct the path")
	}
}

func TestDataDirectoryFixedByTheCommandLine(t *testing.T) {
	u := newTestUI(t, false) // like --data: no ChangeDataDir
	assertShows(t, u, fmt.Sprintf(tr("setup.datadir"), u.svc.Store.Dir()))
	if button(u, "datadir.change") != nil {
		t.Fatal("the wizard offers to move a directory fixed by --data")
	}
}

func TestHelpFromEveryScreen(t *testing.T) {
	openHelp := func(t *testing.T, u *UI, screen string) {
		t.Helper()
		if button(u, "nav.help") == nil {
			t.Fatalf("%s: no %q button; screen says: %s", screen, tr("nav.help"), screenText(u))
		}
		tapButton(t, u, "nav.help")
		assertShows(t, u, "使用说明", "第一次使用", "数据保存在哪里")
		tapButton(t, u, "dialog.close")
	}
	t.Run("first-run wizard", func(t *testing.T) {
		u := newTestUI(t, false)
		openHelp(t, u, "wizard")
		tapButton(t, u, "setup.create")
		openHelp(t, u, "office form")
	})
	t.Run("signed out and in", func(t *testing.T) {
		u := newTestUI(t, true)
		openHelp(t, u, "login")
		signIn(t, u, "liuyang")
		openHelp(t, u, "main window")
		tapButton(t, u, "nav.password")
		openHelp(t, u, "password change")
	})
}
