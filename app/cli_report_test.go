package main

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/store"
)

func TestBackupRestoreCommands(t *testing.T) {
	dir := newDemo(t)
	target := filepath.Join(t.TempDir(), "备份")
	code, out := lawdesk(t, "backup", "--data", dir, "--out", filepath.Join(target, "b1.zip"))
	if code != 0 || !strings.Contains(out, "已写入备份") || !strings.Contains(out, "青山县市场监督管理局") {
		t.Fatalf("backup: exit %d\n%s", code, out)
	}
	newDir := filepath.Join(t.TempDir(), "恢复")
	code, out = lawdesk(t, "restore", filepath.Join(target, "b1.zip"), "--data", newDir)
	if code != 0 || !strings.Contains(out, "恢复完成，全部校验通过") {
		t.Fatalf("restore: exit %d\n%s", code, out)
	}
	if code, out := lawdesk(t, "verify", "--data", newDir); code != 0 {
		t.Fatalf("verify after restore: exit %d\n%s", code, out)
	}
	// flags before the file work too; a non-empty target is refused
	code, out = lawdesk(t, "restore", "--data", newDir, filepath.Join(target, "b1.zip"))
	if code == 0 || !strings.Contains(out, "不是空的") {
		t.Fatalf("restore over existing data: exit %d\n%s", code, out)
	}
	notBackup := filepath.Join(t.TempDir(), "照片.jpg")
	os.WriteFile(notBackup, []byte("jpeg"), 0o600)
	code, out = lawdesk(t, "restore", notBackup, "--data", filepath.Join(t.TempDir(), "x"))
	if code == 0 || !strings.Contains(out, "照片.jpg 不是 LawDesk 备份") {
		t.Fatalf("restore of a wrong file: exit %d\n%s", code, out)
	}
	if code, out := lawdesk(t, "backup", "--data", dir); code != 2 || !strings.Contains(out, "--out") {
		t.Fatalf("backup without --out: exit %d\n%s", code, out)
	}
}

// TestBackupCommandWhileWindowOpen runs `lawdesk backup` while the data directory is held
// open by another LawDesk (here: this test) and restores the result.
func TestBackupCommandWhileWindowOpen(t *testing.T) {
	dir := newDemo(t)
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.SaveSetting("admin", "test.open", 1, "窗口中的修改"); err != nil {
		t.Fatal(err)
	}
	target := t.TempDir()
	code, out := lawdesk(t, "backup", "--data", dir, "--out", target)
	if code != 0 || !strings.Contains(out, "窗口正在使用这份数据") {
		t.Fatalf("backup while open: exit %d\n%s", code, out)
	}
	files, _ := filepath.Glob(filepath.Join(target, "lawdesk-backup-*.zip"))
	if len(files) != 1 {
		t.Fatalf("backup files: %v", files)
	}
	if code, out := lawdesk(t, "restore", files[0], "--data", filepath.Join(t.TempDir(), "r")); code != 0 {
		t.Fatalf("restore: exit %d\n%s", code, out)
	}
}

func TestExportAnnualThenVerifyBundle(t *testing.T) {
	dir := newDemo(t)
	out := filepath.Join(t.TempDir(), "年度数据包.zip")
	t.Setenv("LAWDESK_PASSWORD", "demo1234")
	year := strconv.Itoa(time.Now().Year())
	code, text := lawdesk(t, "export", "annual", "--data", dir, "--year", year, "--out", out, "--user", "admin")
	if code != 0 || !strings.Contains(text, "已导出") {
		t.Fatalf("export annual: exit %d\n%s", code, text)
	}
	code, text = lawdesk(t, "verify-bundle", out)
	if code != 0 || !strings.Contains(text, "全部校验通过") || !strings.Contains(text, "青山县市场监督管理局") {
		t.Fatalf("verify-bundle: exit %d\n%s", code, text)
	}
	// a clerk may not export; a missing --user is explained
	if code, text := lawdesk(t, "export", "annual", "--data", dir, "--year", year, "--out", out+"2.zip", "--user", "hexiao"); code == 0 || !strings.Contains(text, "没有权限") {
		t.Fatalf("clerk export: exit %d\n%s", code, text)
	}
	if code, text := lawdesk(t, "export", "annual", "--data", dir, "--year", year, "--out", out+"3.zip"); code == 0 || !strings.Contains(text, "--user") {
		t.Fatalf("export without --user: exit %d\n%s", code, text)
	}

	// tamper: append a file to the zip; verify-bundle names it and fails
	entries := readZipEntries(t, out)
	entries = append(entries, zipFile{entries[0].name[:strings.Index(entries[0].name, "/")] + "/data/多出来的.txt", []byte("x")})
	bad := filepath.Join(t.TempDir(), "bad.zip")
	writeZipEntries(t, bad, entries)
	code, text = lawdesk(t, "verify-bundle", bad)
	if code != 1 || !strings.Contains(text, "多余文件") || !strings.Contains(text, "多出来的.txt") {
		t.Fatalf("verify-bundle of a tampered bundle: exit %d\n%s", code, text)
	}
}

type zipFile struct {
	name string
	data []byte
}

func readZipEntries(t *testing.T, file string) []zipFile {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var out []zipFile
	for _, f := range zr.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		out = append(out, zipFile{f.Name, b})
	}
	return out
}

func writeZipEntries(t *testing.T, file string, entries []zipFile) {
	t.Helper()
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, e := range entries {
		w, _ := zw.Create(e.name)
		w.Write(e.data)
	}
	zw.Close()
	f.Close()
}

// TestReportCommandsExplainThemselves: each command of the issue answers -h with its usage
// in the spelling, and `lawdesk export -h` lists the annual bundle.
func TestReportCommandsExplainThemselves(t *testing.T) {
	for _, c := range []struct{ args, want []string }{
		{[]string{"export", "annual", "-h"}, []string{"lawdesk export annual --data DIR --year 2025 --out FILE.zip [--with-originals]", "-with-originals"}},
		{[]string{"verify-bundle", "-h"}, []string{"lawdesk verify-bundle FILE.zip"}},
		{[]string{"backup", "-h"}, []string{"lawdesk backup --data DIR --out FILE", "-out"}},
		{[]string{"restore", "-h"}, []string{"lawdesk restore FILE --data NEWDIR", "-data"}},
		{[]string{"export", "-h"}, []string{"lawdesk export annual", "年度行政执法数据包"}},
	} {
		code, out := lawdesk(t, c.args...)
		if code != 0 {
			t.Errorf("%v: exit %d\n%s", c.args, code, out)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v does not say %q:\n%s", c.args, w, out)
			}
		}
	}
}
