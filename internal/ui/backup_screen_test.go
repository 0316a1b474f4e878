package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/backup"
)

func TestBackupTabBacksUpAndChecks(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "admin")
	// the dashboard asks for a backup schedule
	if !hasTodo(t, u, "设置数据备份") {
		t.Fatal("the dashboard does not ask for a backup schedule")
	}

	info, err := u.svc.Store.Blobs().Put(context.Background(), strings.NewReader("现场笔录扫描件"))
	if err == nil {
		err = u.svc.Store.RegisterBlob("admin", info, "扫描件")
	}
	if err != nil {
		t.Fatal(err)
	}
	u.openTarget("settings:backup")
	assertShows(t, u, tr("report.backup.never"))
	folder := filepath.Join(t.TempDir(), "移动硬盘")
	os.MkdirAll(folder, 0o700)
	typeInto(t, u, "report.backup.folder.placeholder", folder)
	tapButton(t, u, "report.backup.run")
	assertShows(t, u, "备份完成")
	files, _ := filepath.Glob(filepath.Join(folder, "lawdesk-backup-*.zip"))
	if len(files) != 1 {
		t.Fatalf("backup files in the folder: %v", files)
	}
	sc, _ := u.svc.Backup.Schedule()
	if sc.Folder != folder {
		t.Fatalf("the folder typed was not saved: %+v", sc)
	}

	// the backup is listed; checking it finds it intact, then names a damaged file
	table := objects[*widget.Table](u)[0]
	if r, _ := table.Length(); r != 1 {
		t.Fatalf("backups listed: %d", r)
	}
	tapButton(t, u, "report.backup.check")
	assertShows(t, u, tr("report.backup.select"))
	tapButton(t, u, "dialog.ok")
	table.Select(widget.TableCellID{Row: 0, Col: 0})
	tapButton(t, u, "report.backup.check")
	assertShows(t, u, "完好")

	_, m, _ := backup.Open(files[0])
	sha := m.Blobs[0].SHA256
	os.Remove(filepath.Join(folder, backup.BlobsDir, sha[:2], sha[2:4], sha))
	tapButton(t, u, "report.backup.check")
	assertShows(t, u, "1 个问题", "文件缺失："+sha[:12])

	// the reminder is gone from the dashboard
	if hasTodo(t, u, "设置数据备份") || hasTodo(t, u, "还没有备份过数据") {
		t.Error("the dashboard still asks for a backup")
	}
}

func TestBackupTabOnlyForAdmins(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "zhaomin")
	u.openTarget("settings:backup")
	assertShows(t, u, "您没有权限备份数据")
	if button(u, "report.backup.run") != nil {
		t.Fatal("a head sees the backup button")
	}
}

// hasTodo reports whether the dashboard has an entry titled title (the dashboard is a
// list that draws only what is scrolled into view, so the entries are read directly).
func hasTodo(t *testing.T, u *UI, title string) bool {
	t.Helper()
	todos, err := u.todos()
	if err != nil {
		t.Fatal(err)
	}
	for _, td := range todos {
		if td.Title == title {
			return true
		}
	}
	return false
}
