package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"lawdesk/internal/demo"
	"lawdesk/internal/store"
)

// standardDir points the standard data directory into a temporary one and returns it.
func standardDir(t *testing.T) string {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the test sets XDG_DATA_HOME")
	}
	t.Setenv("XDG_DATA_HOME", filepath.Join(t.TempDir(), "xdg"))
	return defaultDataDir()
}

// firstStart opens the window's services on dataDir(), as runGUI does without --data.
func firstStart(t *testing.T) *dataMover {
	t.Helper()
	svc, err := openServices(dataDir())
	if err != nil {
		t.Fatal(err)
	}
	m := &dataMover{std: defaultDataDir(), current: svc}
	t.Cleanup(func() { m.current.Store.Close() })
	return m
}

func TestDataDirChosenAtFirstStartIsUsedByWindowAndCommands(t *testing.T) {
	std := standardDir(t)
	m := firstStart(t)
	if got := m.current.Store.Dir(); got != std {
		t.Fatalf("first start opened %s, want the standard %s", got, std)
	}
	chosen := filepath.Join(t.TempDir(), "D", "LawDesk")
	svc, err := m.moveTo(chosen)
	if err != nil {
		t.Fatal(err)
	}
	if svc.Store.Dir() != chosen || svc.ChangeDataDir == nil {
		t.Fatalf("moved to %s (hook set: %v), want %s", svc.Store.Dir(), svc.ChangeDataDir != nil, chosen)
	}
	if fileExists(filepath.Join(std, store.DBFile)) {
		t.Error("the unused database in the standard directory was left behind")
	}
	note, err := os.ReadFile(filepath.Join(std, locationFile))
	if err != nil || !strings.HasPrefix(string(note), chosen+"\n") || !strings.Contains(string(note), "数据保存在上面一行的目录中") {
		t.Fatalf("location note: %q, %v", note, err)
	}
	if got := dataDir(); got != chosen {
		t.Fatalf("dataDir() = %s after the choice, want %s", got, chosen)
	}

	// The office is set up there; the next start and every command find it without --data.
	if _, err := demo.Create(svc.Store, "demo1234"); err != nil {
		t.Fatal(err)
	}
	svc.Store.Close()
	code, out := lawdesk(t, "verify")
	if code != 0 || !strings.Contains(out, chosen) {
		t.Fatalf("verify without --data: exit %d:\n%s", code, out)
	}
	next, err := openServices(dataDir())
	if err != nil {
		t.Fatal(err)
	}
	defer next.Store.Close()
	if need, _ := next.Office.NeedsSetup(); need {
		t.Fatal("the next start did not find the office in the chosen directory")
	}
}

func TestMoveToChoosesTheDirectory(t *testing.T) {
	base := t.TempDir()
	withFiles := filepath.Join(base, "disk")
	os.MkdirAll(withFiles, 0o700)
	os.WriteFile(filepath.Join(withFiles, "其他文件.doc"), []byte("x"), 0o600)
	withData := filepath.Join(base, "old")
	os.MkdirAll(withData, 0o700)
	os.WriteFile(filepath.Join(withData, store.DBFile), nil, 0o600)
	empty := filepath.Join(base, "empty")
	os.MkdirAll(empty, 0o700)

	for _, tc := range []struct {
		name, picked, want, err string
	}{
		{"a new directory is used as it is", filepath.Join(base, "new"), filepath.Join(base, "new"), ""},
		{"an empty directory is used as it is", empty, empty, ""},
		{"existing LawDesk data is used as it is", withData + string(filepath.Separator), withData, ""},
		{"a directory with other files gets a LawDesk folder", withFiles, filepath.Join(withFiles, "LawDesk"), ""},
		{"a relative path is refused", "LawDesk", "", "完整的目录路径"},
		{"nothing typed is refused", "  ", "", "完整的目录路径"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := chooseDir(tc.picked)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("chooseDir(%q) = %q, %v; want an error saying %q", tc.picked, got, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("chooseDir(%q) = %q, %v; want %q", tc.picked, got, err, tc.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(withFiles, "其他文件.doc")); err != nil {
		t.Error("choosing touched a file that was there")
	}
}

func TestMoveRefusedOnceTheOfficeExists(t *testing.T) {
	std := standardDir(t)
	m := firstStart(t)
	if _, err := demo.Create(m.current.Store, "demo1234"); err != nil {
		t.Fatal(err)
	}
	svc, err := m.moveTo(filepath.Join(t.TempDir(), "LawDesk"))
	if err == nil || !strings.Contains(err.Error(), "已经有本单位的数据") {
		t.Fatalf("moving an office's data: %v", err)
	}
	if need, err := svc.Office.NeedsSetup(); err != nil || need {
		t.Fatalf("the current data is no longer usable: need setup %v, %v", need, err)
	}
	if !fileExists(filepath.Join(std, store.DBFile)) || fileExists(filepath.Join(std, locationFile)) {
		t.Error("a refused move changed the standard directory")
	}
}

func TestMoveBackToTheStandardDirectoryForgetsTheChoice(t *testing.T) {
	std := standardDir(t)
	m := firstStart(t)
	elsewhere := filepath.Join(t.TempDir(), "LawDesk")
	if _, err := m.moveTo(elsewhere); err != nil {
		t.Fatal(err)
	}
	svc, err := m.moveTo(std)
	if err != nil {
		t.Fatal(err)
	}
	if svc.Store.Dir() != std || dataDir() != std {
		t.Fatalf("back in %s, dataDir() %s; want %s", svc.Store.Dir(), dataDir(), std)
	}
	if fileExists(filepath.Join(std, locationFile)) {
		t.Error("the location note is still there")
	}
	if fileExists(elsewhere) {
		t.Error("the unused directory that was chosen first is still there")
	}
}

func TestReadLocation(t *testing.T) {
	dir := t.TempDir()
	abs := filepath.Join(dir, "D", "LawDesk")
	for _, tc := range []struct {
		name, text, want string
		ok               bool
	}{
		{"as written", abs + "\n\nLawDesk 的数据保存在上面一行的目录中。\n", abs, true},
		{"Windows line ends and a BOM from Notepad", "\ufeff" + abs + "\r\n\r\n说明\r\n", abs, true},
		{"blank lines first", "\n\n  " + abs + "  \n", abs, true},
		{"a relative path is ignored", "LawDesk\n", "", false},
		{"an empty note is ignored", "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.WriteFile(filepath.Join(dir, locationFile), []byte(tc.text), 0o600)
			got, ok := readLocation(dir)
			if got != tc.want || ok != tc.ok {
				t.Fatalf("readLocation = %q, %v; want %q, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestStandardDirectoryWithDataWinsOverANote(t *testing.T) {
	std := standardDir(t)
	os.MkdirAll(std, 0o700)
	os.WriteFile(filepath.Join(std, store.DBFile), nil, 0o600)
	os.WriteFile(filepath.Join(std, locationFile), []byte(filepath.Join(t.TempDir(), "x")+"\n"), 0o600)
	if got := dataDir(); got != std {
		t.Fatalf("dataDir() = %s, want the standard directory that holds data, %s", got, std)
	}
}

func TestAChosenDirectoryThatIsGoneIsNotRecreated(t *testing.T) {
	std := standardDir(t)
	gone := filepath.Join(t.TempDir(), "U盘", "LawDesk")
	if err := writeLocation(std, gone); err != nil {
		t.Fatal(err)
	}
	if got := dataDir(); got != gone {
		t.Fatalf("dataDir() = %s, want %s", got, gone)
	}
	err := checkChosenDirPresent(gone, false)
	if err == nil || !strings.Contains(err.Error(), "请先连接好") || !strings.Contains(err.Error(), locationFile) {
		t.Fatalf("a missing chosen directory: %v", err)
	}
	if err := checkChosenDirPresent(gone, true); err != nil {
		t.Errorf("--data names a new directory: %v", err)
	}
	if err := checkChosenDirPresent(std, false); err != nil {
		t.Errorf("the standard directory is created when missing: %v", err)
	}
	if fileExists(gone) {
		t.Error("the check created the missing directory")
	}
}
