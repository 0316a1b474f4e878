package backup_test

import (
	"archive/zip"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"lawdesk/internal/backup"
	"lawdesk/internal/demo"
	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

var clock = time.Date(2026, 3, 2, 10, 0, 0, 0, time.Local)

// newStore opens an office (its administrator, also head, and a window clerk) in a
// temporary data directory with n stored files and nothing else, so counts are exact.
func newStore(t *testing.T, files int) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "data"), store.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sess, err := office.New(st).Setup(office.SetupRequest{Agency: demo.Agency, AdminName: "admin", AdminFullName: "王建国",
		Password: "demo1234", Password2: "demo1234"})
	if err != nil {
		t.Fatal(err)
	}
	sess.User.Roles = []domain.Role{domain.RoleAdmin, domain.RoleHead}
	if _, err := st.SaveUser(sess.User, store.UserChange{Actor: "admin", Action: "user.update"}); err != nil {
		t.Fatal(err)
	}
	for _, u := range []domain.User{{Name: "hexiao", FullName: "何晓", Roles: []domain.Role{domain.RoleClerk}},
		{Name: "zhaomin", FullName: "赵敏", Roles: []domain.Role{domain.RoleHead}}} {
		if _, err := st.SaveUser(u, store.UserChange{Actor: "admin", Action: "user.create"}); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < files; i++ {
		addFile(t, st, fmt.Sprintf("扫描件 %d", i), 1000+i*37)
	}
	return st
}

// addFile stores a file of size bytes of pseudo-random content and returns its hash.
func addFile(t testing.TB, st *store.Store, name string, size int) string {
	t.Helper()
	data := make([]byte, size)
	rand.New(rand.NewSource(int64(size) + int64(len(name)))).Read(data)
	copy(data, name)
	info, err := st.Blobs().Put(context.Background(), strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.RegisterBlob("admin", info, name); err != nil {
		t.Fatal(err)
	}
	return info.SHA256
}

func session(t *testing.T, st *store.Store, name string) office.Session {
	t.Helper()
	u, err := st.UserByName(name)
	if err != nil {
		t.Fatal(err)
	}
	return office.Session{User: u}
}

// restoreOK restores file into a new directory and fails the test unless it verifies.
func restoreOK(t *testing.T, file string) (string, backup.Restored) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "restored")
	res, err := backup.Restore(context.Background(), file, dir, nil)
	if err != nil {
		t.Fatalf("restore %s: %v", file, err)
	}
	if !res.OK() {
		t.Fatalf("restored store does not verify: missing %v, report %+v", res.Missing, res.Verify)
	}
	return dir, res
}

func TestBackupRestoreRoundTrip(t *testing.T) {
	st := newStore(t, 5)
	target := filepath.Join(t.TempDir(), "移动硬盘", "LawDesk备份")
	file := filepath.Join(target, "第一次.zip")
	res, err := backup.Backup(context.Background(), st, file, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.File != file || res.BlobsCopied != 5 || len(res.Manifest.Blobs) != 5 || len(res.Problems) != 0 {
		t.Fatalf("first backup: %+v", res)
	}
	if res.Manifest.Office != demo.Agency.Name || res.Manifest.Schema != store.SchemaVersion() || res.Manifest.Events == 0 {
		t.Fatalf("manifest: %+v", res.Manifest)
	}
	dir, restored := restoreOK(t, file)
	if restored.Manifest.DB.SHA256 != res.Manifest.DB.SHA256 {
		t.Fatal("restore read another manifest")
	}
	back, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	wantUsers, _ := st.Users()
	gotUsers, _ := back.Users()
	if len(gotUsers) != len(wantUsers) {
		t.Fatalf("restored %d users, want %d", len(gotUsers), len(wantUsers))
	}
	sizes, _ := back.BlobSizes()
	for _, b := range res.Manifest.Blobs {
		if sizes[b.SHA256] != b.Size || !back.Blobs().Has(b.SHA256) {
			t.Errorf("file %s not restored", b.SHA256[:8])
		}
	}
	restoreEvents, _ := back.Events(store.EventFilter{ActionPrefix: "backup.restore"})
	if len(restoreEvents) != 1 {
		t.Errorf("the restore is not in the audit chain: %v", restoreEvents)
	}
}

func TestBackupIsIncremental(t *testing.T) {
	st := newStore(t, 4)
	target := t.TempDir()
	first, err := backup.Backup(context.Background(), st, filepath.Join(target, "a.zip"), nil)
	if err != nil || first.BlobsCopied != 4 {
		t.Fatalf("first: %+v %v", first, err)
	}
	// a stored file's copy in the target is never rewritten: mark one and see it stay
	marked := filepath.Join(target, backup.BlobsDir, first.Manifest.Blobs[0].SHA256[:2], first.Manifest.Blobs[0].SHA256[2:4], first.Manifest.Blobs[0].SHA256)
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	os.Chtimes(marked, old, old)

	second, err := backup.Backup(context.Background(), st, filepath.Join(target, "b.zip"), nil)
	if err != nil || second.BlobsCopied != 0 || second.BytesCopied != 0 || len(second.Manifest.Blobs) != 4 {
		t.Fatalf("second backup with nothing new: %+v %v", second, err)
	}
	sha := addFile(t, st, "新的录像", 5000)
	third, err := backup.Backup(context.Background(), st, filepath.Join(target, "c.zip"), nil)
	if err != nil || third.BlobsCopied != 1 || third.BytesCopied != 5000 || len(third.Manifest.Blobs) != 5 {
		t.Fatalf("third backup with one new file: %+v %v", third, err)
	}
	if fi, _ := os.Stat(marked); !fi.ModTime().Equal(old) {
		t.Error("an unchanged stored file was copied again")
	}
	// a truncated copy in the target (an interrupted copy by hand) is replaced
	path := filepath.Join(target, backup.BlobsDir, sha[:2], sha[2:4], sha)
	os.WriteFile(path, []byte("short"), 0o600)
	fourth, err := backup.Backup(context.Background(), st, filepath.Join(target, "d.zip"), nil)
	if err != nil || fourth.BlobsCopied != 1 {
		t.Fatalf("a damaged copy in the target was not replaced: %+v %v", fourth, err)
	}
	for _, f := range []string{"a.zip", "b.zip", "c.zip", "d.zip"} {
		restoreOK(t, filepath.Join(target, f))
	}
	found, err := backup.List(target)
	if err != nil || len(found) != 4 {
		t.Fatalf("list: %d %v", len(found), err)
	}
}

// TestBackupDuringWrites takes backups while another goroutine keeps writing settings,
// audit events and stored files; every backup restores to a store that verifies.
func TestBackupDuringWrites(t *testing.T) {
	st := newStore(t, 3)
	target := t.TempDir()
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var writes atomic.Int64
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ctx.Err() == nil; i++ {
			var err error
			if i%5 == 0 {
				info, perr := st.Blobs().Put(ctx, strings.NewReader(fmt.Sprintf("录像片段 %d %s", i, strings.Repeat("x", i*100))))
				if perr == nil {
					err = st.RegisterBlob("liuyang", info, "写入中")
				}
			} else {
				err = st.SaveSetting("admin", fmt.Sprintf("test.key%d", i%7), i, fmt.Sprintf("第 %d 次修改", i))
			}
			if err != nil && ctx.Err() == nil {
				t.Errorf("write %d: %v", i, err)
				return
			}
			writes.Add(1)
		}
	}()
	var files []string
	for i := 0; i < 5; i++ {
		res, err := backup.Backup(context.Background(), st, filepath.Join(target, fmt.Sprintf("b%d.zip", i)), nil)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, res.File)
	}
	stop()
	wg.Wait()
	if writes.Load() < 10 {
		t.Fatalf("only %d writes happened during the backups; the test did not test anything", writes.Load())
	}
	for _, f := range files {
		restoreOK(t, f)
	}
}

// TestBackupDirWhileAnotherLawDeskWrites backs up by path while the directory is held
// open (as by the LawDesk window) and written to.
func TestBackupDirWhileAnotherLawDeskWrites(t *testing.T) {
	st := newStore(t, 2)
	target := t.TempDir()
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var writes atomic.Int64
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ctx.Err() == nil; i++ {
			if err := st.SaveSetting("admin", "test.busy", strings.Repeat("数", i%500), "写入中"); err != nil {
				t.Error(err)
				return
			}
			writes.Add(1)
			time.Sleep(2 * time.Millisecond)
		}
	}()
	var files []string
	for i := 0; i < 4; i++ {
		res, err := backup.BackupDir(context.Background(), st.Dir(), filepath.Join(target, fmt.Sprintf("busy%d.zip", i)), nil)
		if err != nil {
			stop()
			wg.Wait()
			t.Fatal(err)
		}
		if res.Manifest.Method != "file" {
			t.Errorf("method %q: the directory was open, the file copy should have been used", res.Manifest.Method)
		}
		files = append(files, res.File)
	}
	stop()
	wg.Wait()
	if writes.Load() < 5 {
		t.Fatalf("only %d writes during the backups", writes.Load())
	}
	for _, f := range files {
		restoreOK(t, f)
	}
}

func TestBackupDirOfClosedStoreIsRecorded(t *testing.T) {
	st := newStore(t, 1)
	dir := st.Dir()
	st.Close()
	res, err := backup.BackupDir(context.Background(), dir, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Manifest.Method != "hot" || !strings.HasPrefix(filepath.Base(res.File), "lawdesk-backup-") {
		t.Fatalf("%+v", res)
	}
	again, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	var last backup.Last
	if ok, _ := again.Setting("backup.last", &last); !ok || last.File != res.File {
		t.Fatalf("backup not recorded: %+v", last)
	}
	if _, err := backup.BackupDir(context.Background(), filepath.Join(t.TempDir(), "nothing"), t.TempDir(), nil); err == nil ||
		!strings.Contains(domain.ErrorMessage(err), "没有 LawDesk 数据") {
		t.Fatalf("backup of an empty directory: %v", err)
	}
}

func TestRestoreRefusesWrongFilesAndNonEmptyTargets(t *testing.T) {
	st := newStore(t, 1)
	good, err := backup.Backup(context.Background(), st, filepath.Join(t.TempDir(), "good.zip"), nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	text := filepath.Join(dir, "报告.docx")
	os.WriteFile(text, []byte("这不是备份"), 0o600)
	otherZip := filepath.Join(dir, "照片.zip")
	writeZip(t, otherZip, map[string]string{"a.jpg": "jpeg"})
	fakeManifest := filepath.Join(dir, "fake.zip")
	writeZip(t, fakeManifest, map[string]string{"backup.json": `{"format":"something-else"}`})
	truncated := filepath.Join(dir, "truncated.zip")
	data, _ := os.ReadFile(good.File)
	os.WriteFile(truncated, data[:len(data)/2], 0o600)

	cases := []struct {
		name, file, want string
	}{
		{"not a zip", text, "不是 LawDesk 备份"},
		{"another zip", otherZip, "不是 LawDesk 备份"},
		{"foreign manifest", fakeManifest, "不是 LawDesk 备份清单"},
		{"truncated", truncated, "不是 LawDesk 备份"},
		{"missing", filepath.Join(dir, "nope.zip"), "找不到备份文件"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			target := filepath.Join(t.TempDir(), "new")
			_, err := backup.Restore(context.Background(), c.file, target, nil)
			if err == nil || !strings.Contains(domain.ErrorMessage(err), c.want) || !strings.Contains(domain.ErrorMessage(err), filepath.Base(c.file)) {
				t.Fatalf("restore %s: %v", c.name, err)
			}
			if entries, _ := os.ReadDir(target); len(entries) != 0 {
				t.Errorf("a refused restore left %d entries in the target", len(entries))
			}
		})
	}

	occupied := t.TempDir()
	os.WriteFile(filepath.Join(occupied, "mine.txt"), []byte("keep"), 0o600)
	_, err = backup.Restore(context.Background(), good.File, occupied, nil)
	if err == nil || !strings.Contains(domain.ErrorMessage(err), "不是空的") {
		t.Fatalf("restore over a non-empty directory: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(occupied, "mine.txt")); string(b) != "keep" {
		t.Fatal("restore touched an existing file")
	}
}

func writeZip(t *testing.T, path string, files map[string]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for name, body := range files {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	zw.Close()
	f.Close()
}

func TestDamageIsNamed(t *testing.T) {
	st := newStore(t, 3)
	target := t.TempDir()
	res, err := backup.Backup(context.Background(), st, filepath.Join(target, "b.zip"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, problems, err := backup.Check(context.Background(), res.File, nil); err != nil || len(problems) != 0 {
		t.Fatalf("check of a good backup: %v %v", problems, err)
	}
	blobPath := func(sha string) string {
		return filepath.Join(target, backup.BlobsDir, sha[:2], sha[2:4], sha)
	}
	changed, gone := res.Manifest.Blobs[0].SHA256, res.Manifest.Blobs[1].SHA256
	b, _ := os.ReadFile(blobPath(changed))
	b[10] ^= 0xff
	os.WriteFile(blobPath(changed), b, 0o600)
	os.Remove(blobPath(gone))

	_, problems, err := backup.Check(context.Background(), res.File, nil)
	if err != nil || len(problems) != 2 {
		t.Fatalf("check after damage: %v %v", problems, err)
	}
	joined := strings.Join(problems, "\n")
	if !strings.Contains(joined, "已损坏："+changed[:12]) || !strings.Contains(joined, "缺失："+gone[:12]) {
		t.Fatalf("problems do not name the files:\n%s", joined)
	}

	// a restore still brings back everything else, and says what is missing
	restored, err := backup.Restore(context.Background(), res.File, filepath.Join(t.TempDir(), "r"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if restored.OK() || len(restored.Missing) != 2 || restored.Verify.OK() {
		t.Fatalf("restore of a damaged backup claims success: %+v", restored)
	}
}

func TestDamagedSourceFileIsReportedNotCopied(t *testing.T) {
	st := newStore(t, 2)
	sizes, _ := st.BlobSizes()
	var sha string
	for s := range sizes {
		sha = s
	}
	path := st.Blobs().Path(sha)
	b, _ := os.ReadFile(path)
	b[0] ^= 1
	os.WriteFile(path, b, 0o600)
	target := t.TempDir()
	res, err := backup.Backup(context.Background(), st, filepath.Join(target, "b.zip"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0], sha[:12]) || res.BlobsCopied != 1 {
		t.Fatalf("%+v", res)
	}
	if _, err := os.Stat(filepath.Join(target, backup.BlobsDir, sha[:2], sha[2:4], sha)); err == nil {
		t.Fatal("a damaged file was copied into the backup")
	}
}

func TestBackupTargetChecks(t *testing.T) {
	st := newStore(t, 0)
	_, err := backup.Backup(context.Background(), st, filepath.Join(st.Dir(), "backups", "b.zip"), nil)
	if err == nil || !strings.Contains(domain.ErrorMessage(err), "数据目录") {
		t.Fatalf("backup inside the data directory: %v", err)
	}
	existing := filepath.Join(t.TempDir(), "old.zip")
	os.WriteFile(existing, []byte("an older backup"), 0o600)
	_, err = backup.Backup(context.Background(), st, existing, nil)
	if err == nil || !strings.Contains(domain.ErrorMessage(err), "已经存在") {
		t.Fatalf("backup over an existing file: %v", err)
	}
	if b, _ := os.ReadFile(existing); string(b) != "an older backup" {
		t.Fatal("an existing file was overwritten")
	}
}

func TestCancelLeavesNothing(t *testing.T) {
	st := newStore(t, 2)
	target := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := backup.Backup(ctx, st, filepath.Join(target, "b.zip"), nil)
	if err == nil || !strings.Contains(domain.ErrorMessage(err), "已取消") {
		t.Fatalf("cancelled backup: %v", err)
	}
	entries, _ := os.ReadDir(target)
	for _, e := range entries {
		if e.Name() != backup.BlobsDir {
			t.Errorf("cancelled backup left %s", e.Name())
		}
	}
}

// TestFullDisk backs up onto a real 2 MB disk (a tmpfs; needs the right to mount one).
func TestFullDisk(t *testing.T) {
	disk := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small disk here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", disk).Run() })
	st := newStore(t, 0)
	addFile(t, st, "大录像", 3<<20)
	_, err := backup.Backup(context.Background(), st, filepath.Join(disk, "b.zip"), nil)
	if err == nil || !strings.Contains(domain.ErrorMessage(err), "磁盘空间不足") || !strings.Contains(domain.ErrorMessage(err), disk) {
		t.Fatalf("backup onto a full disk: %v", err)
	}
	entries, _ := os.ReadDir(disk)
	for _, e := range entries {
		t.Errorf("a refused backup left %s on the disk", e.Name())
	}
	// restore onto the small disk fails the same way and leaves it empty
	good, err := backup.Backup(context.Background(), st, filepath.Join(t.TempDir(), "b.zip"), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = backup.Restore(context.Background(), good.File, filepath.Join(disk, "data"), nil)
	if err == nil || !strings.Contains(domain.ErrorMessage(err), "磁盘空间不足") {
		t.Fatalf("restore onto a full disk: %v", err)
	}
}

func TestScheduleReminder(t *testing.T) {
	st := newStore(t, 1)
	svc := backup.New(st)
	admin, clerk := session(t, st, "admin"), session(t, st, "hexiao")
	if todos, _ := svc.Todos(clerk); len(todos) != 0 {
		t.Fatalf("a clerk is asked to back up: %v", todos)
	}
	todos, err := svc.Todos(admin)
	if err != nil || len(todos) != 1 || todos[0].Title != "设置数据备份" || todos[0].Target != "settings:backup" {
		t.Fatalf("no schedule yet: %+v %v", todos, err)
	}
	folder := t.TempDir()
	if err := svc.SaveSchedule(clerk, backup.Schedule{Folder: folder, EveryDays: 7}); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("a clerk changed the schedule: %v", err)
	}
	for _, bad := range []backup.Schedule{{Folder: "", EveryDays: 7}, {Folder: "relative", EveryDays: 7},
		{Folder: filepath.Join(st.Dir(), "x"), EveryDays: 7}, {Folder: folder, EveryDays: 0}} {
		if err := svc.SaveSchedule(admin, bad); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("schedule %+v accepted: %v", bad, err)
		}
	}
	if err := svc.SaveSchedule(admin, backup.Schedule{Folder: folder, EveryDays: 7}); err != nil {
		t.Fatal(err)
	}
	if todos, _ := svc.Todos(admin); len(todos) != 1 || todos[0].Title != "还没有备份过数据" {
		t.Fatalf("never backed up: %+v", todos)
	}
	if _, err := svc.Run(context.Background(), clerk, "", nil); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("a clerk made a backup: %v", err)
	}
	res, err := svc.Run(context.Background(), admin, "", nil)
	if err != nil || filepath.Dir(res.File) != folder {
		t.Fatalf("run: %+v %v", res, err)
	}
	if todos, _ := svc.Todos(admin); len(todos) != 0 {
		t.Fatalf("just backed up: %+v", todos)
	}
	// backups are dated by the real time; move the office clock instead
	last, _, _ := svc.Last()
	for _, c := range []struct {
		after time.Duration
		want  []domain.Severity
	}{
		{6 * 24 * time.Hour, nil},
		{8 * 24 * time.Hour, []domain.Severity{domain.SeverityDueSoon}},
		{15 * 24 * time.Hour, []domain.Severity{domain.SeverityOverdue}},
	} {
		now := last.Time.Add(c.after)
		st.Now = func() time.Time { return now }
		todos, _ := svc.Todos(admin)
		if len(todos) != len(c.want) || len(todos) == 1 && todos[0].Severity != c.want[0] {
			t.Errorf("%v after the backup: %+v", c.after, todos)
		}
	}
}
