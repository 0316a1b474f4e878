package bench_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"lawdesk/internal/bench"
	"lawdesk/internal/demo"
	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/publication"
	"lawdesk/internal/record"
	"lawdesk/internal/recording"
	"lawdesk/internal/store"
)

// smallDisk mounts a tmpfs of sizeMB megabytes for the test, or skips the test saying why
// (it needs Linux and the right to mount, as root in CI has).
func smallDisk(t *testing.T, sizeMB int) string {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("full-disk tests need Linux (tmpfs)")
	}
	dir := t.TempDir()
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%dm", sizeMB), "tmpfs", dir).CombinedOutput()
	if err != nil {
		t.Skipf("full-disk test skipped: cannot mount a small tmpfs here (%v: %s); run the tests as root, as CI does", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// fillDisk writes a filler file leaving about leave bytes free on the filesystem of dir, and
// returns a function removing it.
func fillDisk(t *testing.T, dir string, leave int64) func() {
	t.Helper()
	var fs syscall.Statfs_t
	if err := syscall.Statfs(dir, &fs); err != nil {
		t.Fatal(err)
	}
	free := int64(fs.Bavail) * int64(fs.Bsize)
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 64<<10)
	for n := free - leave; n > 0; n -= int64(len(chunk)) {
		if _, err := f.Write(chunk[:min(int64(len(chunk)), n)]); err != nil {
			break
		}
	}
	f.Close()
	return func() { os.Remove(path) }
}

// noisePhotos writes n photos of random noise (large JPEGs) named as a body camera names
// them into a DCIM folder under root, and returns their contents by path.
func noisePhotos(t *testing.T, root string, n int) map[string][]byte {
	t.Helper()
	dir := filepath.Join(root, "DCIM", "100MEDIA")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	out := map[string][]byte{}
	for i := range n {
		img := image.NewRGBA(image.Rect(0, 0, 640, 480))
		for j := range img.Pix {
			img.Pix[j] = byte(r.Uint32())
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, fmt.Sprintf("DCAM_CAM001_000001_20261030_1%05d.jpg", i))
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		out[path] = buf.Bytes()
	}
	return out
}

func demoOffice(t *testing.T, dir string) (*store.Store, office.Session) {
	t.Helper()
	countyScale(t)
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Create(st, bench.DefaultPassword); err != nil {
		t.Fatal(err)
	}
	u, err := st.UserByName("admin")
	if err != nil {
		t.Fatal(err)
	}
	return st, office.Session{User: u}
}

// verifyClean opens dir and requires every check, including the re-hash of every file and
// the absence of stray or temporary files, to hold.
func verifyClean(t *testing.T, dir string) *store.Store {
	t.Helper()
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatalf("the data does not open after the full disk: %v", err)
	}
	rep, err := st.Verify(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range rep.Checks {
		if len(c.Problems) > 0 {
			t.Errorf("verify %s after the full disk: %v", c.Name, c.Problems)
		}
	}
	if tmp, _ := os.ReadDir(filepath.Join(dir, store.BlobsDir, "tmp")); len(tmp) > 0 {
		t.Errorf("%d temporary files left in blobs/tmp", len(tmp))
	}
	return st
}

// An import of body-camera photos onto a disk that fills up half-way stops with a message
// saying the disk is full; what was imported is whole and recorded, nothing half-written
// stays behind, and the camera's files are untouched.
func TestImportOntoAFullDisk(t *testing.T) {
	disk := smallDisk(t, 16)
	dir := filepath.Join(disk, "data")
	st, sess := demoOffice(t, dir)
	src := t.TempDir()
	photos := noisePhotos(t, src, 6)
	unfill := fillDisk(t, disk, 1200<<10)

	rs := recording.New(st)
	items, err := rs.Scan(context.Background(), src, nil)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := rs.Import(context.Background(), sess, recording.ImportRequest{Root: src, Items: items}, nil)
	if err == nil {
		t.Fatalf("import onto a full disk succeeded: %s", sum.Text())
	}
	msg := domain.ErrorMessage(err)
	if !strings.Contains(msg, "磁盘空间已满") {
		t.Errorf("message %q does not say the disk is full", msg)
	}
	if len(sum.Imported) >= len(photos) {
		t.Fatalf("all %d photos imported onto a full disk", len(sum.Imported))
	}
	// can the office keep working once space is freed?
	unfill()
	if _, err := record.New(st).OpenCase(sess, 1, ""); err != nil && domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("after freeing space, opening a case: %v", err)
	}
	st.Close()
	st = verifyClean(t, dir)
	defer st.Close()
	recs, err := st.Recordings(store.RecordingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range recs {
		if strings.HasPrefix(r.FileName, "DCAM_CAM001_000001_20261030_1") {
			n++
		}
	}
	if n != len(sum.Imported) {
		t.Errorf("%d recordings stored, the import said %d", n, len(sum.Imported))
	}
	for path, data := range photos {
		if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, data) {
			t.Errorf("camera file %s changed by a failed import", path)
		}
	}
	t.Logf("imported %d of %d before the disk was full: %s", len(sum.Imported), len(photos), msg)
}

// Registering a case when the database cannot grow says the disk is full and changes
// nothing; once space is freed the office works on and the data verifies.
func TestDatabaseWriteOnAFullDisk(t *testing.T) {
	disk := smallDisk(t, 16)
	dir := filepath.Join(disk, "data")
	st, sess := demoOffice(t, dir)
	officers, err := record.New(st).Officers()
	if err != nil || len(officers) < 2 {
		t.Fatalf("officers: %v %v", officers, err)
	}
	before, _ := st.VerifyChain()
	unfill := fillDisk(t, disk, 0)
	rec := record.New(st)
	big := strings.Repeat("现场检查发现货架上陈列超过保质期的食品。", 180)
	var failure error
	for i := 0; i < 200 && failure == nil; i++ { // until the file has to grow
		_, failure = rec.CreateCase(sess, domain.Case{Type: domain.ActPenalty, MatterName: "对销售超过保质期食品的行政处罚",
			Procedure: domain.ProcedureGeneral, Source: domain.SourceInspection, HandlingUnit: "执法稽查大队",
			Party:      domain.Party{Kind: domain.PartyOrganisation, Name: fmt.Sprintf("青山县满盘商贸有限公司%d", i)},
			OfficerIDs: []uint64{officers[0].ID, officers[1].ID}, Facts: big})
	}
	if failure == nil {
		t.Fatal("200 cases written onto a full disk")
	}
	if msg := domain.ErrorMessage(failure); !strings.Contains(msg, "磁盘空间已满") {
		t.Errorf("message %q does not say the disk is full", msg)
	}
	unfill()
	if _, err := rec.CreateCase(sess, domain.Case{Type: domain.ActPenalty, MatterName: "对销售超过保质期食品的行政处罚",
		Procedure: domain.ProcedureGeneral, Source: domain.SourceInspection, HandlingUnit: "执法稽查大队",
		Party:      domain.Party{Kind: domain.PartyOrganisation, Name: "青山县腾空商贸有限公司"},
		OfficerIDs: []uint64{officers[0].ID, officers[1].ID}}); err != nil {
		t.Errorf("after freeing space, registering a case: %v", err)
	}
	st.Close()
	st = verifyClean(t, dir)
	defer st.Close()
	after, _ := st.VerifyChain()
	if after.Events <= before.Events {
		t.Errorf("chain did not grow: %d → %d", before.Events, after.Events)
	}
}

// Exporting the publications into a folder on a full disk says so and leaves no half-made
// export behind (a website must never get half of the decisions).
func TestExportOntoAFullDisk(t *testing.T) {
	disk := smallDisk(t, 4)
	st, sess := demoOffice(t, t.TempDir())
	defer st.Close()
	out := filepath.Join(disk, "公开")
	unfill := fillDisk(t, disk, 24<<10)
	defer unfill()
	_, err := publication.New(st).Export(context.Background(), sess, out,
		publication.ExportOptions{FullTextPDF: true, NoticeBoard: true}, nil)
	if err == nil {
		t.Fatal("export onto a full disk succeeded")
	}
	if msg := domain.ErrorMessage(err); !strings.Contains(msg, "磁盘空间已满") {
		t.Errorf("message %q does not say the disk is full", msg)
	}
	var left []string
	filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			left = append(left, path)
		}
		return nil
	})
	if len(left) > 0 {
		t.Errorf("a failed export left %d files: %v", len(left), left)
	}
}
