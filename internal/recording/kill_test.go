package recording_test

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/media/mediatest"
	"lawdesk/internal/office"
	"lawdesk/internal/recording"
	"lawdesk/internal/store"
)

// childEnv makes the test binary act as a LawDesk importing a folder (see TestMain).
const childEnv = "LAWDESK_TEST_IMPORT_CHILD"

func TestMain(m *testing.M) {
	if arg := os.Getenv(childEnv); arg != "" {
		data, src, _ := strings.Cut(arg, "\n")
		if err := importChild(data, src); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// importChild imports src into the data directory, printing "bytes files" progress lines.
func importChild(data, src string) error {
	recording.SetBatchBytes(16 << 20) // commit each large video on its own, so kills land between commits too
	st, err := store.Open(data, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	svc := recording.New(st)
	items, err := svc.Scan(context.Background(), src, nil)
	if err != nil {
		return err
	}
	sess := office.Session{User: domain.User{Name: "liuyang", Roles: []domain.Role{domain.RoleOfficer}}}
	sum, err := svc.Import(context.Background(), sess, recording.ImportRequest{Root: src, Items: items}, func(p recording.Progress) {
		fmt.Printf("%d %d\n", p.BytesDone, p.FilesDone)
	})
	fmt.Printf("done %d %d\n", len(sum.Imported), len(sum.Duplicates))
	return err
}

// paddedMP4 writes a real MP4 made by ffmpeg followed by a 'free' box of size random bytes:
// still a valid video, but as large as wanted and unique.
func paddedMP4(t *testing.T, path string, clip []byte, size int) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.Write(clip)
	hdr := binary.BigEndian.AppendUint32(nil, uint32(size+8))
	f.Write(append(hdr, "free"...))
	buf := make([]byte, 1<<20)
	for left := size; left > 0; left -= len(buf) {
		rand.Read(buf)
		f.Write(buf[:min(left, len(buf))])
	}
}

// Killing LawDesk (SIGKILL) in the middle of a large import, again and again, then
// importing once more, ends with every file stored exactly once and verify passing.
func TestKilledImportCanBeRunAgain(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL is a Unix signal")
	}
	if testing.Short() {
		t.Skip("copies about 200 MB")
	}
	mediatest.NeedFFmpeg(t)
	src := t.TempDir()
	clipPath := filepath.Join(t.TempDir(), "clip.mp4")
	mediatest.Video(t, clipPath, "1", "2026-08-05T01:00:00Z", 1)
	clip, err := os.ReadFile(clipPath)
	if err != nil {
		t.Fatal(err)
	}
	files := 0
	for i := 0; i < 6; i++ {
		paddedMP4(t, filepath.Join(src, "DCIM", "100MEDIA", fmt.Sprintf("DCAM_CAM001_000001_20260805_0%d0000.MP4", i)), clip, 32<<20)
		files++
	}
	for i := 0; i < 60; i++ {
		mediatest.WriteFile(t, filepath.Join(src, "DCIM", "101MEDIA", fmt.Sprintf("IMG_20260805_0930%02d.JPG", i)), mediatest.JPEG(t, 64, 48, i, nil))
		files++
	}
	old := time.Now().Add(-time.Minute)
	filepath.Walk(src, func(p string, fi os.FileInfo, err error) error { os.Chtimes(p, old, old); return nil })
	before := snapshot(t, src)
	data := t.TempDir()

	kills := 0
	for _, after := range []int64{40 << 20, 70 << 20, 30 << 20} {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+data+"\n"+src)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		var start int64 = -1
		killed := false
		for sc.Scan() {
			var done int64
			var n int
			if _, err := fmt.Sscanf(sc.Text(), "%d %d", &done, &n); err != nil {
				continue // the "done" line: this run finished before we could kill it
			}
			if start < 0 {
				start = done
			}
			if done-start > after {
				cmd.Process.Signal(syscall.SIGKILL)
				killed = true
				break
			}
		}
		err = cmd.Wait()
		if killed {
			kills++
			t.Logf("killed a run after %d MB", after>>20)
		} else if err != nil {
			t.Fatalf("child import failed: %v\n%s", err, stderr.String())
		}
	}
	if kills == 0 {
		t.Fatal("no run was killed midway; the source is too small for this machine")
	}

	// the last run, in this process, completes the import
	st, err := store.Open(data, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := recording.New(st)
	sum := importFolder(t, svc, officer, src)
	t.Logf("final run: %d imported, %d already present", len(sum.Imported), len(sum.Duplicates))
	if len(sum.Imported)+len(sum.Duplicates) != files || len(sum.Skipped) != 0 || len(sum.Duplicates) == 0 {
		t.Fatalf("final run:\n%s", sum.Text())
	}
	recs, _ := st.Recordings(store.RecordingFilter{})
	seen := map[string]bool{}
	for _, r := range recs {
		if seen[r.SourcePath] {
			t.Errorf("%s recorded twice", r.SourcePath)
		}
		seen[r.SourcePath] = true
	}
	if len(recs) != files || len(blobFiles(t, st)) != files || tmpFiles(t, st) != 0 {
		t.Fatalf("%d recordings, %d stored files, %d temporary files; want %d, %d, 0",
			len(recs), len(blobFiles(t, st)), tmpFiles(t, st), files, files)
	}
	verifyStore(t, st)
	sameSnapshot(t, before, snapshot(t, src))
}
