package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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
