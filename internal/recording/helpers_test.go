package recording_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/media/mediatest"
	"lawdesk/internal/office"
	"lawdesk/internal/recording"
	"lawdesk/internal/store"
)

// importNow is the clock of these tests: the office imports on 5 August 2026 at noon.
var importNow = time.Date(2026, 8, 5, 12, 0, 0, 0, time.Local)

func session(name string, roles ...domain.Role) office.Session {
	return office.Session{User: domain.User{ID: 1, Name: name, FullName: name, Roles: roles}}
}

var (
	officer = func() office.Session { s := session("liuyang", domain.RoleOfficer); s.User.OfficerID = 1; return s }()
	admin   = session("admin", domain.RoleAdmin, domain.RoleHead)
	clerk   = session("hexiao", domain.RoleClerk)
)

// newCase registers a case (typed number 青市监<type>〔2026〕<seq>号) assigned to officers 1 and 2.
func newCase(t *testing.T, st *store.Store, seq int, mod ...func(*domain.Case)) domain.Case {
	t.Helper()
	c := domain.Case{Number: fmt.Sprintf("青市监处罚〔2026〕%d号", seq), Type: domain.ActPenalty, Procedure: domain.ProcedureGeneral,
		MatterName: "销售过期食品", Source: domain.SourceInspection, HandlingUnit: "城关市场监管所",
		Party: domain.Party{Kind: domain.PartyOrganisation, Name: "青山县好又多超市"}, OfficerIDs: []uint64{1, 2},
		Stage: domain.StageOnSite, Retention: domain.RetentionPermanent}
	for _, m := range mod {
		m(&c)
	}
	c, err := st.CreateCase(store.Change{Actor: "admin"}, c, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// clock is a settable clock for the store.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newService(t *testing.T) (*recording.Service, *store.Store, *clock) {
	t.Helper()
	c := &clock{importNow}
	st, err := store.Open(t.TempDir(), store.Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return recording.New(st), st, c
}

// camera describes a fake body-camera folder and what importing it must give.
type camera struct {
	root       string
	files      int      // media files found by the scan
	good       int      // distinct good files: each must be stored exactly once
	duplicates []string // files whose content appears earlier in the folder
	skipped    []string // files that must be skipped (truncated, empty)
	late       int      // good files captured more than 24 h before importNow
	sources    map[string]string
}

// newCamera builds a folder shaped like a body camera seen as a USB disk: nested
// DCIM/100MEDIA-style folders with videos, photos and sound, a few hundred files, some
// duplicates, one truncated MP4, one zero-byte file and files whose names match no pattern.
func newCamera(t *testing.T, photos int) camera {
	t.Helper()
	mediatest.NeedFFmpeg(t)
	root := t.TempDir()
	cam := camera{root: root, sources: map[string]string{}}
	p := func(rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }
	// videos: the body-camera name (device, officer, time, important flag), an hour apart
	mediatest.Video(t, p("DCIM/100MEDIA/DCAM_CAM001_000001_20260804_100000_IMP.MP4"), "2", "2026-08-04T02:00:00Z", 1)
	mediatest.Video(t, p("DCIM/100MEDIA/DCAM_CAM001_000001_20260805_090000.MP4"), "2", "", 2)
	mediatest.Video(t, p("DCIM/101MEDIA/DCAM_CAM002_000002_20260805_093000.MOV"), "1", "", 3)
	// a name no pattern knows: the time comes from the MP4 header (UTC 01:00 = 09:00 Beijing)
	mediatest.Video(t, p("DCIM/101MEDIA/clip.mp4"), "1", "2026-08-05T01:00:00Z", 4)
	mediatest.Video(t, p("Record/20260805/REC20260805100000.avi"), "1", "", 5)
	mediatest.MP3(t, p("Record/20260805/REC20260805103000.mp3"), "1", 440)
	mediatest.WriteFile(t, p("Record/20260805/REC20260805104000.WAV"), mediatest.WAV(0.5, 8000, 500))
	// a name no pattern knows and no metadata: the modification time is all there is
	memo := p("Record/memo.wav")
	mediatest.WriteFile(t, memo, mediatest.WAV(0.3, 8000, 700))
	os.Chtimes(memo, importNow.Add(-2*time.Hour), importNow.Add(-2*time.Hour))
	cam.good, cam.late = 8, 1
	// photos, a minute apart, in two folders; the first ten were taken the day before
	for i := 0; i < photos; i++ {
		at := importNow.Add(-3*time.Hour + time.Duration(i)*time.Minute/4)
		if i < 10 {
			at = at.Add(-30 * time.Hour)
			cam.late++
		}
		dir := "DCIM/100MEDIA"
		if i%2 == 1 {
			dir = "DCIM/101MEDIA"
		}
		name := fmt.Sprintf("%s/IMG_%s_%02d.JPG", dir, at.Format("20060102_150405"), i%100)
		mediatest.WriteFile(t, p(name), mediatest.JPEG(t, 32, 24, i, nil))
		cam.good++
	}
	// a photo with EXIF and no pattern in its name
	mediatest.WriteFile(t, p("DCIM/102MEDIA/photo.jpg"), mediatest.JPEG(t, 40, 30, 9999, mediatest.EXIF("2026:08:05 08:15:00", 1)))
	cam.good++
	// duplicates: the same content again under other names (a second copy from a phone)
	for i, src := range []string{"DCIM/100MEDIA/DCAM_CAM001_000001_20260805_090000.MP4", "Record/20260805/REC20260805104000.WAV"} {
		data, err := os.ReadFile(p(src))
		if err != nil {
			t.Fatal(err)
		}
		rel := fmt.Sprintf("Record/backup/COPY%04d%s", i, filepath.Ext(src)) // scanned after the originals
		mediatest.WriteFile(t, p(rel), data)
		cam.duplicates = append(cam.duplicates, rel)
	}
	// a truncated MP4 (copy interrupted) and an empty file
	full, err := os.ReadFile(p("DCIM/101MEDIA/clip.mp4"))
	if err != nil {
		t.Fatal(err)
	}
	mediatest.WriteFile(t, p("DCIM/100MEDIA/DCAM_CAM001_000001_20260805_110000.MP4"), full[:len(full)/2])
	mediatest.WriteFile(t, p("DCIM/100MEDIA/IMG_20260805_110500.JPG"), nil)
	cam.skipped = []string{"DCIM/100MEDIA/DCAM_CAM001_000001_20260805_110000.MP4", "DCIM/100MEDIA/IMG_20260805_110500.JPG"}
	// things a camera also holds that are not recordings
	mediatest.WriteFile(t, p("DCIM/100MEDIA/DCAM_CAM001_000001_20260805_090000.THM"), []byte("thumb"))
	mediatest.WriteFile(t, p("System Volume Information/IndexerVolumeGuid"), []byte("x"))
	mediatest.WriteFile(t, p("readme.txt"), []byte("camera"))
	// everything written: let the files settle (the import watches files changed in the
	// last few seconds), by dating them a minute back unless set already
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path != memo {
			os.Chtimes(path, time.Now().Add(-time.Minute), time.Now().Add(-time.Minute))
		}
		return nil
	})
	cam.files = cam.good + len(cam.duplicates) + len(cam.skipped)
	cam.sources = snapshot(t, root)
	return cam
}

// snapshot hashes every file below root with its size and modification time, to prove
// later that nothing changed.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fi, _ := d.Info()
		sum := sha256.Sum256(data)
		rel, _ := filepath.Rel(root, path)
		out[rel] = fmt.Sprintf("%s %d %s %v", hex.EncodeToString(sum[:]), fi.Size(), fi.ModTime().UTC(), fi.Mode())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameSnapshot(t *testing.T, before, after map[string]string) {
	t.Helper()
	if len(before) != len(after) {
		t.Errorf("the source had %d files, now %d", len(before), len(after))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("source file %s changed:\n was %s\n now %s", k, v, after[k])
		}
	}
}

// importFolder scans and imports root as sess.
func importFolder(t *testing.T, svc *recording.Service, sess office.Session, root string) recording.Summary {
	t.Helper()
	items, err := svc.Scan(context.Background(), root, nil)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := svc.Import(context.Background(), sess, recording.ImportRequest{Root: root, Items: items}, nil)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, sum.Text())
	}
	return sum
}

// verifyStore runs `lawdesk verify`'s checks and fails on any problem.
func verifyStore(t *testing.T, st *store.Store) {
	t.Helper()
	rep, err := st.Verify(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("verify found problems: %+v", rep.Checks)
	}
}

// blobFiles lists the files in the blob store (outside tmp/).
func blobFiles(t *testing.T, st *store.Store) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(st.Blobs().Dir(), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "tmp" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			out = append(out, d.Name())
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func tmpFiles(t *testing.T, st *store.Store) int {
	t.Helper()
	n := 0
	filepath.WalkDir(filepath.Join(st.Blobs().Dir(), "tmp"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}
