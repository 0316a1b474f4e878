package recording_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/media/mediatest"
	"lawdesk/internal/recording"
	"lawdesk/internal/store"
)

func TestImportCameraFolder(t *testing.T) {
	cam := newCamera(t, 290)
	svc, st, _ := newService(t)

	items, err := svc.Scan(context.Background(), cam.root, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != cam.files {
		t.Fatalf("scan found %d media files, want %d", len(items), cam.files)
	}
	var progressCalls int
	var last recording.Progress
	sum, err := svc.Import(context.Background(), officer, recording.ImportRequest{Root: cam.root, Items: items},
		func(p recording.Progress) { progressCalls++; last = p })
	if err != nil {
		t.Fatalf("import: %v\n%s", err, sum.Text())
	}
	t.Logf("summary:\n%s", sum.Text())

	if len(sum.Imported) != cam.good {
		t.Errorf("imported %d, want %d", len(sum.Imported), cam.good)
	}
	var dups []string
	for _, d := range sum.Duplicates {
		dups = append(dups, d.Rel)
	}
	if !slices.Equal(dups, cam.duplicates) {
		t.Errorf("duplicates %q, want %q", dups, cam.duplicates)
	}
	var skipped []string
	for _, s := range sum.Skipped {
		skipped = append(skipped, s.Rel)
		if !strings.Contains(s.Reason, filepath.Base(s.Rel)) {
			t.Errorf("skip reason for %s does not name the file: %s", s.Rel, s.Reason)
		}
	}
	slices.Sort(skipped)
	if !slices.Equal(skipped, cam.skipped) {
		t.Errorf("skipped %q, want %q", skipped, cam.skipped)
	}
	if len(sum.Late) != cam.late {
		t.Errorf("late %d, want %d", len(sum.Late), cam.late)
	}
	if last.FilesDone != last.FilesTotal || last.BytesDone != last.BytesTotal || progressCalls < 2 {
		t.Errorf("last progress %+v after %d calls", last, progressCalls)
	}

	// each good file is stored once, byte for byte
	recs, err := st.Recordings(store.RecordingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != cam.good || len(blobFiles(t, st)) != cam.good {
		t.Fatalf("%d recordings and %d stored files, want %d", len(recs), len(blobFiles(t, st)), cam.good)
	}
	bySource := map[string]domain.Recording{}
	for _, r := range recs {
		bySource[r.SourcePath] = r
		src, _ := os.ReadFile(filepath.Join(cam.root, filepath.FromSlash(r.SourcePath)))
		stored, _ := os.ReadFile(st.Blobs().Path(r.SHA256))
		if !bytes.Equal(src, stored) || int64(len(src)) != r.Size {
			t.Errorf("%s: stored copy differs from the source", r.SourcePath)
		}
		if r.ImportedBy != "liuyang" || !r.Imported.Equal(importNow) || r.RetainUntil != domain.NewDate(2027, 2, 5) {
			t.Errorf("%s: imported %v by %s, retain until %s", r.SourcePath, r.Imported, r.ImportedBy, r.RetainUntil)
		}
	}

	// capture time, its source, device and officer numbers, importance
	for _, c := range []struct {
		rel, source, device, officerNo string
		captured                       time.Time
		important, late                bool
		kind                           domain.RecordingKind
	}{
		{"DCIM/100MEDIA/DCAM_CAM001_000001_20260804_100000_IMP.MP4", "文件名", "CAM001", "000001",
			time.Date(2026, 8, 4, 10, 0, 0, 0, time.Local), true, true, domain.RecordingVideo},
		{"DCIM/101MEDIA/DCAM_CAM002_000002_20260805_093000.MOV", "文件名", "CAM002", "000002",
			time.Date(2026, 8, 5, 9, 30, 0, 0, time.Local), false, false, domain.RecordingVideo},
		{"DCIM/101MEDIA/clip.mp4", "媒体元数据", "", "", time.Date(2026, 8, 5, 1, 0, 0, 0, time.UTC), false, false, domain.RecordingVideo},
		{"DCIM/102MEDIA/photo.jpg", "EXIF", "", "", time.Date(2026, 8, 5, 8, 15, 0, 0, time.Local), false, false, domain.RecordingPhoto},
		{"Record/memo.wav", "文件修改时间", "", "", importNow.Add(-2 * time.Hour), false, false, domain.RecordingAudio},
		{"Record/20260805/REC20260805103000.mp3", "文件名", "", "", time.Date(2026, 8, 5, 10, 30, 0, 0, time.Local), false, false, domain.RecordingAudio},
		{"Record/20260805/REC20260805100000.avi", "文件名", "", "", time.Date(2026, 8, 5, 10, 0, 0, 0, time.Local), false, false, domain.RecordingVideo},
	} {
		r, ok := bySource[c.rel]
		if !ok {
			t.Errorf("%s was not imported", c.rel)
			continue
		}
		if r.CaptureSource != c.source || !r.Captured.Equal(c.captured) || r.Device != c.device || r.OfficerNo != c.officerNo ||
			r.Important != c.important || r.Permanent != c.important || r.Late() != c.late || r.Kind != c.kind {
			t.Errorf("%s: captured %v from %s, device %q officer %q, important %v permanent %v late %v kind %s",
				c.rel, r.Captured, r.CaptureSource, r.Device, r.OfficerNo, r.Important, r.Permanent, r.Late(), r.Kind)
		}
	}
	if r := bySource["DCIM/100MEDIA/DCAM_CAM001_000001_20260804_100000_IMP.MP4"]; r.Duration < time.Second || r.Width != 160 {
		t.Errorf("video duration %v width %d", r.Duration, r.Width)
	}

	sameSnapshot(t, cam.sources, snapshot(t, cam.root))
	verifyStore(t, st)
	if tmpFiles(t, st) != 0 {
		t.Error("temporary files left in the blob store")
	}

	// the same camera again: everything is already there, nothing is copied twice
	again := importFolder(t, svc, officer, cam.root)
	if len(again.Imported) != 0 || len(again.Duplicates) != cam.good+len(cam.duplicates) || again.Bytes != 0 {
		t.Errorf("second import: %d imported, %d duplicates, %d bytes", len(again.Imported), len(again.Duplicates), again.Bytes)
	}
	if n := len(blobFiles(t, st)); n != cam.good {
		t.Errorf("%d stored files after importing twice, want %d", n, cam.good)
	}
	// the scan now says which files are in the store already
	items, _ = svc.Scan(context.Background(), cam.root, nil)
	known := 0
	for _, it := range items {
		if it.Known {
			known++
		}
	}
	if known != cam.good {
		t.Errorf("scan marks %d files as known, want %d", known, cam.good)
	}
	sameSnapshot(t, cam.sources, snapshot(t, cam.root))
	verifyStore(t, st)

	// the audit chain has one event per new file and one per import run
	events, _ := st.Events(store.EventFilter{ActionPrefix: "recording.import"})
	if len(events) != cam.good+2 {
		t.Errorf("%d import events, want %d", len(events), cam.good+2)
	}
}

func TestImportNeedsPermission(t *testing.T) {
	svc, _, _ := newService(t)
	_, err := svc.Import(context.Background(), clerk, recording.ImportRequest{}, nil)
	if domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("a window clerk imported: %v", err)
	}
}

// bigFiles writes n files of size random bytes named as body-camera videos and returns
// them as candidates (their content is not a real video, so they are listed by hand,
// as a scan would have listed real ones).
func bigFiles(t *testing.T, dir string, n int, size int) []recording.Candidate {
	t.Helper()
	var out []recording.Candidate
	buf := make([]byte, size)
	for i := 0; i < n; i++ {
		rand.Read(buf)
		rel := "DCIM/100MEDIA/DCAM_CAM009_000009_20260805_1" + string(rune('0'+i)) + "0000.MP4"
		p := filepath.Join(dir, filepath.FromSlash(rel))
		mediatest.WriteFile(t, p, buf)
		at := time.Now().Add(-time.Minute)
		os.Chtimes(p, at, at)
		fi, _ := os.Stat(p)
		out = append(out, recording.Candidate{Path: p, Rel: rel, Size: fi.Size(), ModTime: fi.ModTime(),
			Kind: domain.RecordingVideo, Format: "mp4", Captured: importNow.Add(-time.Hour), CaptureSource: "文件名"})
	}
	return out
}

func TestCancelLeavesNoPartialFileAndNoRecord(t *testing.T) {
	svc, st, _ := newService(t)
	items := bigFiles(t, t.TempDir(), 4, 48<<20)
	ctx, cancel := context.WithCancel(context.Background())
	var once sync.Once
	sum, err := svc.Import(ctx, officer, recording.ImportRequest{Root: "cam", Items: items}, func(p recording.Progress) {
		if p.BytesDone > 60<<20 { // in the middle of the second file (progress comes every 100 ms)
			once.Do(cancel)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Cancelled || len(sum.Imported) == len(items) {
		t.Fatalf("cancelled %v, imported %d:\n%s", sum.Cancelled, len(sum.Imported), sum.Text())
	}
	// what was cancelled midway left no file and no record; finished files are whole
	recs, _ := st.Recordings(store.RecordingFilter{})
	if len(recs) != len(sum.Imported) || len(blobFiles(t, st)) != len(sum.Imported) || tmpFiles(t, st) != 0 {
		t.Fatalf("after cancel: %d imported, %d recordings, %d stored files, %d temporary files",
			len(sum.Imported), len(recs), len(blobFiles(t, st)), tmpFiles(t, st))
	}
	verifyStore(t, st)

	// running it again imports the rest
	first := len(sum.Imported)
	sum, err = svc.Import(context.Background(), officer, recording.ImportRequest{Root: "cam", Items: items}, nil)
	if err != nil || len(sum.Imported) != len(items)-first || len(sum.Duplicates) != first {
		t.Fatalf("second run: %v\n%s", err, sum.Text())
	}
	verifyStore(t, st)
}

func TestImportSkipsFilesStillBeingWritten(t *testing.T) {
	defer recording.SetSettleTimeout(2500 * time.Millisecond)()
	svc, st, _ := newService(t)
	dir := t.TempDir()
	items := bigFiles(t, dir, 3, 1<<20)
	// the first file grew after the scan
	f, _ := os.OpenFile(items[0].Path, os.O_APPEND|os.O_WRONLY, 0)
	f.Write([]byte("more"))
	f.Close()
	// the second keeps growing while the import watches it
	stop := make(chan struct{})
	done := make(chan struct{})
	growing := items[1]
	os.Chtimes(growing.Path, time.Now(), time.Now())
	fi, _ := os.Stat(growing.Path)
	items[1].ModTime, items[1].Size = fi.ModTime(), fi.Size()
	go func() {
		defer close(done)
		g, _ := os.OpenFile(growing.Path, os.O_APPEND|os.O_WRONLY, 0)
		defer g.Close()
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				g.Write([]byte("frame"))
			}
		}
	}()
	sum, err := svc.Import(context.Background(), officer, recording.ImportRequest{Items: items}, nil)
	close(stop)
	<-done
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Imported) != 1 || len(sum.Skipped) != 2 {
		t.Fatalf("want 1 imported and 2 skipped:\n%s", sum.Text())
	}
	for _, s := range sum.Skipped {
		if !strings.Contains(s.Reason, "录制") {
			t.Errorf("%s skipped for %q; want a 'still recording' reason", s.Rel, s.Reason)
		}
	}
	verifyStore(t, st)
}

func TestImportWithCaseAndStage(t *testing.T) {
	svc, st, _ := newService(t)
	items := bigFiles(t, t.TempDir(), 2, 1000)
	c := newCase(t, st, 7)
	if found, err := svc.CaseByNumber(officer, "青市监处罚[2026]007号"); err != nil || found.ID != c.ID {
		t.Fatalf("case by number: %v", err)
	}
	labels := &domain.RecordingLabels{CaseID: c.ID, Stage: domain.StageOnSite}
	sum, err := svc.Import(context.Background(), officer, recording.ImportRequest{Items: items, Labels: labels}, nil)
	if err != nil || len(sum.Imported) != 2 {
		t.Fatalf("%v\n%s", err, sum.Text())
	}
	recs, _ := st.Recordings(store.RecordingFilter{CaseID: c.ID})
	if len(recs) != 2 || recs[0].Stage != domain.StageOnSite {
		t.Fatalf("case has %+v", recs)
	}
	_, err = svc.Import(context.Background(), officer, recording.ImportRequest{Items: items,
		Labels: &domain.RecordingLabels{CaseID: c.ID}}, nil)
	if domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("a case without a stage: %v", err)
	}
	// an officer not assigned to a case cannot attach to it; nobody can attach to an archived case
	other := newCase(t, st, 8, func(c *domain.Case) { c.OfficerIDs = []uint64{3, 4} })
	archived := newCase(t, st, 9, func(c *domain.Case) { c.Stage, c.Archived = domain.StageArchive, domain.NewDate(2026, 8, 1) })
	for _, x := range []struct {
		id   uint64
		code domain.Code
	}{{other.ID, domain.EFORBIDDEN}, {archived.ID, domain.ELOCKED}, {999, domain.ENOTFOUND}} {
		_, err = svc.Import(context.Background(), officer, recording.ImportRequest{Items: items,
			Labels: &domain.RecordingLabels{CaseID: x.id, Stage: domain.StageOnSite}}, nil)
		if domain.ErrorCode(err) != x.code {
			t.Errorf("case %d: %v, want %s", x.id, err, x.code)
		}
	}
}

func TestClearSourceAfterVerifiedImport(t *testing.T) {
	svc, st, _ := newService(t)
	dir := t.TempDir()
	items := bigFiles(t, dir, 3, 2<<20)
	sum, err := svc.Import(context.Background(), officer, recording.ImportRequest{Items: items, ClearSource: true}, nil)
	if err != nil || sum.Cleared != 3 {
		t.Fatalf("%v\n%s", err, sum.Text())
	}
	for _, it := range items {
		if _, err := os.Stat(it.Path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is still on the camera", it.Rel)
		}
	}
	verifyStore(t, st)
}

func TestScanReportsProblems(t *testing.T) {
	svc, _, _ := newService(t)
	dir := t.TempDir()
	mediatest.WriteFile(t, filepath.Join(dir, "DCIM", "a.jpg"), []byte("not a photo"))
	items, err := svc.Scan(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || !strings.Contains(items[0].Problem, "a.jpg") {
		t.Fatalf("items %+v", items)
	}
	if _, err := svc.Scan(context.Background(), filepath.Join(dir, "missing"), nil); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("missing folder: %v", err)
	}
}

func TestClockOffsetAndCustomPattern(t *testing.T) {
	svc, _, _ := newService(t)
	set, _ := svc.Settings()
	set.Patterns = []recording.PatternSetting{{Name: "某品牌", Source: "{officer}-{device}-{datetime}"}}
	set.ClockOffsets = map[string]time.Duration{"X9": 10 * time.Minute}
	if err := svc.SaveSettings(officer, set); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("an officer changed import settings: %v", err)
	}
	if err := svc.SaveSettings(admin, set); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	mediatest.WriteFile(t, filepath.Join(dir, "000777-X9-20260805101000.wav"), mediatest.WAV(0.1, 8000, 300))
	items, err := svc.Scan(context.Background(), dir, nil)
	if err != nil || len(items) != 1 {
		t.Fatal(err, items)
	}
	it := items[0]
	want := time.Date(2026, 8, 5, 10, 0, 0, 0, time.Local) // the device runs 10 minutes ahead
	if it.Device != "X9" || it.OfficerNo != "000777" || !it.Captured.Equal(want) || it.ClockOffset != 10*time.Minute || it.Pattern != "某品牌" {
		t.Fatalf("candidate %+v", it)
	}
	for _, bad := range []recording.Settings{
		{Patterns: []recording.PatternSetting{{Name: "坏", Source: "{device}_{nope}"}}},
		{RetentionMonths: 3},
		{ClockOffsets: map[string]time.Duration{" CAM": time.Minute}},
	} {
		if bad.RetentionMonths == 0 {
			bad.RetentionMonths = 6
		}
		if err := svc.SaveSettings(admin, bad); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("settings %+v accepted: %v", bad, err)
		}
	}
}
