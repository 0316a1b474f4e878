package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

var fixedNow = time.Date(2026, 8, 4, 10, 0, 0, 0, time.UTC)

func openTemp(t *testing.T) (*store.Store, string) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(dir, store.Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, dir
}

func TestOpenCreatesLayoutAndSchema(t *testing.T) {
	st, dir := openTemp(t)
	for _, p := range []string{store.DBFile, store.BlobsDir} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("%s missing: %v", p, err)
		}
	}
	v, err := st.Version()
	if err != nil || v != store.SchemaVersion() {
		t.Fatalf("version = %d, %v; want %d", v, err, store.SchemaVersion())
	}
	rep, err := st.VerifyChain()
	if err != nil || !rep.OK || rep.Events != 1 || rep.First.Action != "store.migrate" {
		t.Fatalf("fresh chain = %+v, %v", rep, err)
	}
}

func TestSecondOpenGetsClearMessage(t *testing.T) {
	_, dir := openTemp(t)
	start := time.Now()
	_, err := store.Open(dir, store.Options{Timeout: 200 * time.Millisecond})
	if domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("second open: %v (code %s), want ECONFLICT", err, domain.ErrorCode(err))
	}
	if !strings.Contains(domain.ErrorMessage(err), "另一个 LawDesk") {
		t.Errorf("message %q does not say another LawDesk is open", domain.ErrorMessage(err))
	}
	if time.Since(start) > 10*time.Second {
		t.Errorf("second open hung")
	}
}

func TestReopenKeepsData(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	u, err := st.SaveUser(domain.User{Name: "zhang", FullName: "张三", Roles: []domain.Role{domain.RoleOfficer}},
		store.UserChange{Actor: "admin", Action: "user.create", Summary: "创建"})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	st, err = store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got, err := st.UserByName("zhang")
	if err != nil || got.ID != u.ID || got.FullName != "张三" {
		t.Fatalf("after reopen: %+v, %v", got, err)
	}
	// reopening at the current version runs no migration: still one migrate event
	evs, _ := st.Events(store.EventFilter{ActionPrefix: "store.migrate"})
	if len(evs) != 1 {
		t.Errorf("migrate events = %d, want 1", len(evs))
	}
}

func TestReadOnlyOpenOfMissingStore(t *testing.T) {
	_, err := store.Open(t.TempDir(), store.Options{ReadOnly: true})
	if domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("read-only open of empty dir: %v", err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	st, dir := openTemp(t)
	st.DB().Update(func(tx *bbolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), []byte{0, 0, 0, 0, 0, 0, 0, 99})
	})
	st.Close()
	_, err := store.Open(dir, store.Options{})
	if domain.ErrorCode(err) != domain.ECONFLICT || !strings.Contains(domain.ErrorMessage(err), "更新版本") {
		t.Fatalf("open of newer schema: %v", err)
	}
}

func TestLoginNamesUnique(t *testing.T) {
	st, _ := openTemp(t)
	ch := store.UserChange{Actor: "admin", Action: "user.create"}
	a, err := st.SaveUser(domain.User{Name: "li", FullName: "李四", Roles: []domain.Role{domain.RoleClerk}}, ch)
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.SaveUser(domain.User{Name: "li", FullName: "李五", Roles: []domain.Role{domain.RoleClerk}}, ch)
	if domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("duplicate name: %v", err)
	}
	a.Name = "lisi" // renaming frees the old name
	if _, err := st.SaveUser(a, ch); err != nil {
		t.Fatal(err)
	}
	if _, err := st.UserByName("li"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("old name still resolves: %v", err)
	}
	users, _ := st.Users()
	if len(users) != 1 || users[0].Name != "lisi" {
		t.Errorf("users = %+v", users)
	}
}

func TestSetupOnlyOnce(t *testing.T) {
	st, _ := openTemp(t)
	ag := domain.Agency{Name: "青山县市场监督管理局", ShortName: "青市监", Region: "青山县"}
	admin := domain.User{Name: "admin", FullName: "管理员", Roles: []domain.Role{domain.RoleAdmin}}
	if _, err := st.Setup(ag, admin); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Setup(ag, admin); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("second setup: %v", err)
	}
	got, ok, err := st.Agency()
	if err != nil || !ok || got.ShortName != "青市监" {
		t.Fatalf("agency = %+v %v %v", got, ok, err)
	}
}

func TestSettingsRoundTrip(t *testing.T) {
	st, _ := openTemp(t)
	limit := 30
	if ok, _ := st.Setting("list_adjust_days", &limit); ok || limit != 30 {
		t.Fatalf("unset setting changed default: %d", limit)
	}
	if err := st.SaveSetting("admin", "list_adjust_days", 15, "改为 15 天"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := st.Setting("list_adjust_days", &limit); !ok || limit != 15 {
		t.Fatalf("setting = %d", limit)
	}
}

func TestBlobVerifyFindsChangedMissingAndStray(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	var infos []string
	for _, content := range []string{"现场笔录扫描件", "询问笔录扫描件", "照片"} {
		info, err := st.Blobs().Put(ctx, strings.NewReader(content))
		if err != nil {
			t.Fatal(err)
		}
		if err := st.RegisterBlob("admin", info, "测试文件"); err != nil {
			t.Fatal(err)
		}
		infos = append(infos, info.SHA256)
	}
	rep, err := st.Verify(ctx, nil)
	if err != nil || !rep.OK() {
		t.Fatalf("clean verify: %+v %v", rep, err)
	}

	// flip one byte of the first, delete the second, add a stray file
	p := st.Blobs().Path(infos[0])
	data, _ := os.ReadFile(p)
	data[0] ^= 1
	os.WriteFile(p, data, 0o600)
	os.Remove(st.Blobs().Path(infos[1]))
	os.WriteFile(filepath.Join(st.Blobs().Dir(), "stray.txt"), []byte("x"), 0o600)

	rep, err = st.Verify(ctx, nil)
	if err != nil || rep.OK() {
		t.Fatalf("tampered verify passed: %+v %v", rep, err)
	}
	var all string
	for _, c := range rep.Checks {
		if c.Name == "文件存储" { // entities add their own checks before it
			all = strings.Join(c.Problems, "\n")
		}
	}
	for _, want := range []string{"已被改动：" + infos[0][:2], "文件缺失：" + infos[1][:12], "多余文件：stray.txt"} {
		if !strings.Contains(all, want) {
			t.Errorf("report lacks %q:\n%s", want, all)
		}
	}
}

func TestBlobPutDeduplicatesAndCancelLeavesNothing(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	a, err := st.Blobs().Put(ctx, strings.NewReader("same"))
	if err != nil || a.Existed {
		t.Fatalf("first put: %+v %v", a, err)
	}
	b, err := st.Blobs().Put(ctx, strings.NewReader("same"))
	if err != nil || !b.Existed || b.SHA256 != a.SHA256 {
		t.Fatalf("second put: %+v %v", b, err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := st.Blobs().Put(cctx, bytes.NewReader(make([]byte, 3<<20))); err == nil {
		t.Fatal("cancelled put succeeded")
	}
	tmp, _ := os.ReadDir(filepath.Join(st.Blobs().Dir(), "tmp"))
	if len(tmp) != 0 {
		t.Errorf("cancelled put left %d temp files", len(tmp))
	}
}
