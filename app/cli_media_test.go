package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/media/mediatest"
)

func TestImportMediaCommand(t *testing.T) {
	mediatest.NeedFFmpeg(t)
	dir := newDemo(t)
	cam := t.TempDir()
	mediatest.Video(t, filepath.Join(cam, "DCIM", "100MEDIA", "DCAM_CAM001_000001_20260804_100000_IMP.MP4"), "1", "", 1)
	for i := 0; i < 5; i++ {
		mediatest.WriteFile(t, filepath.Join(cam, "DCIM", "100MEDIA", "IMG_20260805_09000"+string(rune('0'+i))+".JPG"), mediatest.JPEG(t, 16, 12, i, nil))
	}
	mediatest.WriteFile(t, filepath.Join(cam, "DCIM", "100MEDIA", "IMG_20260805_100000.JPG"), nil)
	old := time.Now().Add(-time.Minute)
	filepath.Walk(cam, func(p string, _ os.FileInfo, _ error) error { os.Chtimes(p, old, old); return nil })
	t.Setenv("LAWDESK_PASSWORD", "demo1234")

	code, out := lawdesk(t, "import-media", "--data", dir, "--user", "liuyang", cam)
	if code != 0 || !strings.Contains(out, "新增 6 个") || !strings.Contains(out, "跳过 1 个") ||
		!strings.Contains(out, "IMG_20260805_100000.JPG") || !strings.Contains(out, "超过 24 小时 6 个") {
		t.Fatalf("import-media: exit %d\n%s", code, out)
	}
	// flags after the folder work too; everything is already there
	code, out = lawdesk(t, "import-media", cam, "--data", dir, "--user", "liuyang")
	if code != 0 || !strings.Contains(out, "新增 0 个") || !strings.Contains(out, "（重复）6 个") {
		t.Fatalf("second import-media: exit %d\n%s", code, out)
	}
	if code, out := lawdesk(t, "verify", "--data", dir); code != 0 || !strings.Contains(out, "音像记录") {
		t.Fatalf("verify after import: exit %d\n%s", code, out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"import-media", "--data", dir, "--user", "hexiao", cam}, "没有权限"},
		{[]string{"import-media", "--data", dir, "--user", "liuyang", "--case", "青市监处罚〔2026〕999号", "--stage", "现场检查", cam}, "没有编号为"},
		{[]string{"import-media", "--data", dir, "--user", "liuyang", "--case", "青市监处罚〔2026〕1号", cam}, "--stage"},
		{[]string{"import-media", "--data", dir, "--user", "liuyang", filepath.Join(cam, "nope")}, "无法打开文件夹"},
		{[]string{"import-media", "--data", dir, "--user", "liuyang", cam, cam}, "只能指定一个"},
	} {
		code, out := lawdesk(t, c.args...)
		if code == 0 || !strings.Contains(out, c.want) {
			t.Errorf("%v: exit %d, want a message with %q:\n%s", c.args, code, c.want, out)
		}
	}
}
