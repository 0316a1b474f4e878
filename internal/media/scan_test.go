package media

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/domain"
)

// cameraTree builds a folder shaped like a body camera seen as USB storage.
func cameraTree(t *testing.T) string {
	root := t.TempDir()
	files := map[string]string{
		"DCIM/100MEDIA/DCAM_CAM001_000001_20260804_100000_IMP.MP4": "v",
		"DCIM/100MEDIA/IMG_20260804_100500.JPG":                    "p",
		"DCIM/100MEDIA/IMG_20260804_100501.jpeg":                   "p",
		"DCIM/100MEDIA/thumb.THM":                                  "x",
		"DCIM/100MEDIA/DCAM_CAM001_000001_20260804_100000_IMP.LRV": "x",
		"Record/20260804/REC20260804100000.WAV":                    "a",
		"Record/20260804/REC20260804110000.mp3":                    "a",
		"Record/20260804/old.avi":                                  "v",
		"Record/20260804/clip.MoV":                                 "v",
		"Record/readme.txt":                                        "t",
		".Trashes/501/deleted.mp4":                                 "v",
		"System Volume Information/IndexerVolumeGuid.mp4":          "v",
		"$RECYCLE.BIN/S-1-5/x.jpg":                                 "p",
		"DCIM/100MEDIA/._IMG_20260804_100500.JPG":                  "m",
		"LOST.DIR/1.mp4":                                           "v",
	}
	for rel, content := range files {
		writeFile(t, filepath.Join(root, filepath.FromSlash(rel)), []byte(content))
	}
	return root
}

func TestScanCameraTree(t *testing.T) {
	root := cameraTree(t)
	outside := t.TempDir()
	writeFile(t, filepath.Join(outside, "secret.mp4"), []byte("v"))
	if err := os.Symlink(filepath.Join(outside, "secret.mp4"), filepath.Join(root, "DCIM", "100MEDIA", "link.mp4")); err != nil {
		t.Skipf("symlinks not available: %v", err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "Record", "linkdir")); err != nil {
		t.Fatal(err)
	}
	ctrl := "bad\x01name.mp4"
	ctrlOK := runtime.GOOS != "windows"
	if ctrlOK {
		writeFile(t, filepath.Join(root, "Record", ctrl), []byte("v"))
	}

	var got []Found
	err := Scan(context.Background(), root, func(f Found) error {
		got = append(got, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var ok, skipped []string
	for _, f := range got {
		if f.Skip == "" {
			ok = append(ok, f.Rel)
			if f.Size != 1 || f.ModTime.IsZero() || f.Path != filepath.Join(root, filepath.FromSlash(f.Rel)) {
				t.Errorf("%s: size %d modtime %v path %s", f.Rel, f.Size, f.ModTime, f.Path)
			}
		} else {
			skipped = append(skipped, f.Rel+" : "+f.Skip)
		}
	}
	wantOK := []string{
		"DCIM/100MEDIA/DCAM_CAM001_000001_20260804_100000_IMP.MP4",
		"DCIM/100MEDIA/IMG_20260804_100500.JPG",
		"DCIM/100MEDIA/IMG_20260804_100501.jpeg",
		"Record/20260804/REC20260804100000.WAV",
		"Record/20260804/REC20260804110000.mp3",
		"Record/20260804/clip.MoV",
		"Record/20260804/old.avi",
	}
	sort.Strings(ok)
	if !reflect.DeepEqual(ok, wantOK) {
		t.Errorf("files:\n got %q\nwant %q", ok, wantOK)
	}
	wantSkipped := []string{
		"DCIM/100MEDIA/link.mp4 : " + SkipSymlink,
		"Record/linkdir : " + SkipSymlink,
	}
	if ctrlOK {
		wantSkipped = append(wantSkipped, "Record/"+ctrl+" : "+SkipControlChar)
	}
	sort.Strings(skipped)
	sort.Strings(wantSkipped)
	if !reflect.DeepEqual(skipped, wantSkipped) {
		t.Errorf("skipped:\n got %q\nwant %q", skipped, wantSkipped)
	}
}

func TestScanStopsAndCancels(t *testing.T) {
	root := cameraTree(t)
	stop := errors.New("stop")
	n := 0
	err := Scan(context.Background(), root, func(Found) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Fatalf("err=%v n=%d", err, n)
	}
	n = 0
	if err := Scan(context.Background(), root, func(Found) error { n++; return filepath.SkipAll }); err != nil || n != 1 {
		t.Fatalf("SkipAll: err=%v n=%d", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Scan(ctx, root, func(Found) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	if err := Scan(context.Background(), filepath.Join(root, "nope"), func(Found) error { return nil }); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("missing root: %v", err)
	}
	if err := Scan(context.Background(), filepath.Join(root, "Record", "readme.txt"), func(Found) error { return nil }); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("file root: %v", err)
	}
}

func TestScanUnreadableFolder(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("permissions are not enforced for root or on Windows")
	}
	root := cameraTree(t)
	locked := filepath.Join(root, "Record")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	var skipped []Found
	if err := Scan(context.Background(), root, func(f Found) error {
		if f.Skip != "" {
			skipped = append(skipped, f)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(skipped) != 1 || skipped[0].Rel != "Record" || skipped[0].Skip != SkipUnreadable {
		t.Fatalf("skipped = %+v", skipped)
	}
}

func TestHasControlChar(t *testing.T) {
	for name, want := range map[string]bool{
		"DCAM_CAM001.mp4": false, "执法记录 一.mp4": false, "a\tb.mp4": true, "a\x7fb.mp4": true,
		"a\u202egpj.mp4": true, "a\xffb.mp4": true, "a\u0085b.mp4": true,
	} {
		if got := hasControlChar(name); got != want {
			t.Errorf("%q: %v, want %v", name, got, want)
		}
	}
}

func TestWaitStable(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "rec.mp4")
	writeFile(t, p, []byte("x"))
	if err := WaitStable(context.Background(), p, 5*time.Millisecond, 3); err != nil {
		t.Fatalf("stable file: %v", err)
	}

	// a file that keeps growing is reported as still being written when ctx runs out
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		f, _ := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
		defer f.Close()
		// write without pause: a writer on a ticker can be starved for the three checks
		// on a loaded machine, and the file would look stable
		for {
			select {
			case <-stop:
				return
			default:
				f.Write([]byte("more"))
			}
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	err := WaitStable(ctx, p, 10*time.Millisecond, 3)
	cancel()
	close(stop)
	<-done
	if domain.ErrorCode(err) != domain.ECONFLICT || !strings.Contains(domain.ErrorMessage(err), "rec.mp4") {
		t.Fatalf("growing file: %v", err)
	}

	// the writer finished: now stable
	if err := WaitStable(context.Background(), p, 5*time.Millisecond, 2); err != nil {
		t.Fatal(err)
	}

	// cancelled by the user: plain context error
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	if err := WaitStable(ctx, p, time.Hour, 1); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancel: %v", err)
	}
	// vanished
	go func() { time.Sleep(20 * time.Millisecond); os.Remove(p) }()
	if err := WaitStable(context.Background(), p, 10*time.Millisecond, 100); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("vanished: %v", err)
	}
}

func TestParseMountsAndDrives(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"media/alice/CAM 001", "media/alice/stub", "mnt/usb", "mnt/notmounted"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	mounts := parseMounts(strings.NewReader(
		"/dev/sda1 / ext4 rw 0 0\n" +
			"/dev/sdb1 " + strings.ReplaceAll(filepath.Join(root, "media/alice/CAM 001"), " ", `\040`) + " vfat rw,nosuid 0 0\n" +
			"/dev/sdc1 " + filepath.Join(root, "mnt/usb") + " exfat rw 0 0\nbad line\n"))
	got := unixDrives([]string{filepath.Join(root, "media/*/*"), filepath.Join(root, "media/*"), filepath.Join(root, "mnt/*")}, mounts)
	want := []Drive{
		{Path: filepath.Join(root, "media/alice/CAM 001"), Label: "CAM 001", FSType: "vfat"},
		{Path: filepath.Join(root, "mnt/usb"), Label: "usb", FSType: "exfat"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	// without /proc/mounts every candidate folder is offered
	if got := unixDrives([]string{filepath.Join(root, "mnt/*")}, nil); len(got) != 2 {
		t.Fatalf("no mounts: %+v", got)
	}
	_ = RemovableDrives() // must not panic on this machine
}
