package bench_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode"

	"lawdesk/internal/recording"
	"lawdesk/internal/store"
)

func jpegBytes(t *testing.T, seed byte) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 16, 16))
	for i := range img.Pix {
		img.Pix[i] = seed + byte(i)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A camera drive prepared by someone who means harm (or simply a broken card): links out of
// the drive, names with control and direction characters, a name as long as the file system
// allows, a 10 GB sparse file posing as a video, text posing as a video, an empty photo, a
// pipe. The import takes the one real photo, refuses every other file with a reason, never
// reads anything outside the drive and never copies the 10 GB.
func TestHostileCameraDrive(t *testing.T) {
	st, sess := demoOffice(t, filepath.Join(t.TempDir(), "data"))
	defer st.Close()
	outside := t.TempDir()
	secret := jpegBytes(t, 200)
	os.WriteFile(filepath.Join(outside, "secret.jpg"), secret, 0o600)
	os.MkdirAll(filepath.Join(outside, "private"), 0o700)
	os.WriteFile(filepath.Join(outside, "private", "IMG_0001.jpg"), jpegBytes(t, 100), 0o600)

	drive := t.TempDir()
	dcim := filepath.Join(drive, "DCIM", "100MEDIA")
	os.MkdirAll(dcim, 0o700)
	good := jpegBytes(t, 1)
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dcim, name), data, 0o600); err != nil {
			t.Fatalf("%q: %v", name, err)
		}
	}
	write("DCAM_CAM001_000001_20261030_100000.jpg", good)
	os.Symlink(filepath.Join(outside, "secret.jpg"), filepath.Join(dcim, "DCAM_CAM001_000001_20261030_100001.jpg"))
	os.Symlink("../../../"+filepath.Base(outside)+"/secret.jpg", filepath.Join(dcim, "relative.jpg"))
	os.Symlink(filepath.Join(outside, "private"), filepath.Join(drive, "DCIM", "101MEDIA"))
	write("bell\a.jpg", jpegBytes(t, 2))
	write("\u202egpj.exe.jpg", jpegBytes(t, 3))            // right-to-left override: shows as ...exe.jpg reversed
	write(strings.Repeat("长", 80)+".jpg", jpegBytes(t, 4)) // 244 bytes: as long as ext4 allows
	write("notes.mp4", []byte("this is not a video, it is a shopping list"))
	write("empty.jpg", nil)
	sparse := filepath.Join(dcim, "DCAM_CAM001_000001_20261030_100002.mp4")
	f, err := os.Create(sparse)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(10 << 30); err != nil {
		t.Skipf("cannot make a 10 GB sparse file here: %v", err)
	}
	f.Close()
	syscall.Mkfifo(filepath.Join(dcim, "pipe.mp4"), 0o600)

	rs := recording.New(st)
	items, err := rs.Scan(context.Background(), drive, nil)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := rs.Import(context.Background(), sess, recording.ImportRequest{Root: drive, Items: items}, nil)
	if err != nil {
		t.Fatalf("import of a hostile drive failed instead of refusing the bad files: %v", err)
	}
	if len(sum.Imported) != 2 {
		var names []string
		for _, r := range sum.Imported {
			names = append(names, r.SourcePath)
		}
		t.Errorf("imported %d files %q, want the real photo and the long-named one", len(sum.Imported), names)
	}
	if sum.Bytes > 1<<20 {
		t.Errorf("the import copied %d bytes: the sparse 10 GB file must not be copied", sum.Bytes)
	}
	reasons := map[string]string{}
	for _, s := range sum.Skipped {
		reasons[filepath.Base(s.Rel)] = s.Reason
	}
	for _, name := range []string{"DCAM_CAM001_000001_20261030_100001.jpg", "relative.jpg", "101MEDIA", "bell\a.jpg",
		"\u202egpj.exe.jpg", "notes.mp4", "empty.jpg", "DCAM_CAM001_000001_20261030_100002.mp4", "pipe.mp4"} {
		r, ok := reasons[name]
		if !ok {
			t.Errorf("%q was neither imported nor refused with a reason (skipped: %v)", name, reasons)
			continue
		}
		if !strings.ContainsFunc(r, func(c rune) bool { return unicode.Is(unicode.Han, c) }) {
			t.Errorf("%q refused without a reason for people: %q", name, r)
		}
	}
	for _, sha := range []string{sha256hex(secret)} {
		if _, found, _ := st.RecordingBySHA(sha); found || st.Blobs().Has(sha) {
			t.Error("a file outside the camera drive was imported through a link")
		}
	}
	if got, _ := os.ReadFile(filepath.Join(outside, "secret.jpg")); !bytes.Equal(got, secret) {
		t.Error("the file outside the drive changed")
	}
	recs, _ := st.Recordings(store.RecordingFilter{})
	for _, r := range recs {
		if strings.ContainsAny(r.FileName, "\a\u202e/\\") {
			t.Errorf("stored a recording named %q", r.FileName)
		}
	}
	t.Logf("refused: %d files; reasons: %v", len(sum.Skipped), reasons)
}

func sha256hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
