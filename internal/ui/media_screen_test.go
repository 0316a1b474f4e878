package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/media/mediatest"
	"lawdesk/internal/store"
)

func init() { watchDrivesInBackground = false }

// waitIdle waits for the scan or import the media screen started last.
func waitIdle(t *testing.T, u *UI) {
	t.Helper()
	select {
	case <-u.media.idle:
	case <-time.After(60 * time.Second):
		t.Fatal("the scan or import did not finish")
	}
}

// buttonWithPrefix finds a visible button whose text starts with prefix.
func buttonWithPrefix(u *UI, prefix string) *widget.Button {
	for _, b := range objects[*widget.Button](u) {
		if strings.HasPrefix(b.Text, prefix) {
			return b
		}
	}
	return nil
}

func TestMediaScreenScanImportAndLabel(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "admin")
	cam := t.TempDir()
	for i := 0; i < 12; i++ {
		name := fmt.Sprintf("IMG_20261119_08%02d00.JPG", i) // the day before fixedNow: late
		mediatest.WriteFile(t, filepath.Join(cam, "DCIM", "100MEDIA", name), mediatest.JPEG(t, 32, 24, i, nil))
	}
	mediatest.WriteFile(t, filepath.Join(cam, "DCIM", "100MEDIA", "IMG_20261120_090000.JPG"), nil) // empty
	old := time.Now().Add(-time.Minute)
	filepath.Walk(cam, func(p string, _ os.FileInfo, _ error) error { os.Chtimes(p, old, old); return nil })

	before, _ := u.svc.Store.Recordings(store.RecordingFilter{}) // the demo's own footage
	u.main.open(sectionMedia)
	assertShows(t, u, tr("media.intro"), tr("media.source.none"))
	u.media.source = cam
	tapButton(t, u, "media.scan")
	waitIdle(t, u)
	assertShows(t, u, "共 13 个音像文件：新文件 12 个，已在库中 0 个，无法导入 1 个；拍摄已超过 24 小时的新文件 12 个")

	imp := buttonWithPrefix(u, "导入 12 个新文件")
	if imp == nil || imp.Disabled() {
		t.Fatalf("no enabled import button; screen: %s", screenText(u))
	}
	test.Tap(imp)
	waitIdle(t, u)
	assertShows(t, u, "导入完成：新增 12 个，已在库中 0 个，跳过 1 个，超过 24 小时 12 个", "IMG_20261120_090000.JPG", "空文件")
	recs, err := u.svc.Store.Recordings(store.RecordingFilter{})
	if err != nil || len(recs)-len(before) != 12 {
		t.Fatalf("%d recordings stored: %v", len(recs)-len(before), err)
	}
	// label the whole batch from the stored recordings
	tapButton(t, u, "media.result.library")
	tapButton(t, u, "media.select.all")
	assertShows(t, u, fmt.Sprintf("已选 %d / %d 段", len(recs), len(recs)))
	tapButton(t, u, "media.action.label")
	for _, e := range objects[*widget.Entry](u) {
		if e.PlaceHolder == "" && !e.MultiLine && e.Text == "" {
			test.Type(e, "城关镇人民路 12 号") // the first plain entry of the form is 采集地点
			break
		}
	}
	tapButton(t, u, "action.save")
	recs, _ = u.svc.Store.Recordings(store.RecordingFilter{})
	for _, r := range recs {
		if r.Place != "城关镇人民路 12 号" {
			t.Fatalf("place not set on %s: %q; screen: %s", r.FileName, r.Place, screenText(u))
		}
	}

	// scanning again shows them as already stored
	u.main.open(sectionMedia)
	tapButton(t, u, "media.scan")
	waitIdle(t, u)
	assertShows(t, u, "新文件 0 个，已在库中 12 个")

	// the dashboard asks for the late-import reason and opens the list of late recordings
	u.main.open(sectionHome)
	late, _ := u.svc.Store.Recordings(store.RecordingFilter{LateOnly: true})
	unexplained := 0
	for _, r := range late {
		if r.LateReason == "" {
			unexplained++
		}
	}
	assertTodo(t, u, fmt.Sprintf("%d 段音像记录超过 24 小时才导入，请说明原因", unexplained)) // may be scrolled out of the list
	u.openTarget("media:late")
	assertShows(t, u, fmt.Sprintf("已选 0 / %d 段", len(late))) // the late recordings are listed
}

func TestMediaSettingsPatternsAndOffsets(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "admin")
	u.openTarget("settings:media")
	assertShows(t, u, tr("media.settings.patterns"), tr("media.settings.offsets"))
	typeInto(t, u, "media.settings.sample.placeholder", "DCAM_CAM001_000001_20260804_100000_IMP.mp4")
	assertShows(t, u, "设备 CAM001，人员编号 000001，拍摄时间 2026-08-04 10:00:00，标记为重要")

	tapButton(t, u, "media.settings.pattern.add")
	typeInto(t, u, "media.settings.pattern.name", "某品牌")
	typeInto(t, u, "media.settings.pattern.source", "{officer}-{device}-{datetime}")
	typeInto(t, u, "media.settings.sample.placeholder", "000777-X9-20260805101000.wav")
	assertShows(t, u, "匹配规则“某品牌”：设备 X9，人员编号 000777")

	tapButton(t, u, "media.settings.offset.add")
	typeInto(t, u, "media.settings.device", "X9")
	typeInto(t, u, "media.settings.offset.placeholder", "快5分钟")
	tapButton(t, u, "action.save")
	assertShows(t, u, tr("media.settings.saved"))
	set, err := u.svc.Recording.Settings()
	if err != nil || len(set.Patterns) != 1 || set.ClockOffsets["X9"] != 5*time.Minute {
		t.Fatalf("saved %+v %v", set, err)
	}

	// a bad template is refused with a message naming it
	typeInto(t, u, "media.settings.pattern.source", "{officer}-{nope}")
	tapButton(t, u, "action.save")
	assertShows(t, u, "{officer}-{nope}")
}

func TestMediaScreenReadOnlyForReviewers(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "sunli")
	u.main.open(sectionMedia)
	if button(u, "media.scan") != nil {
		t.Error("a reviewer can import")
	}
	assertShows(t, u, tr("media.filter"))
}
