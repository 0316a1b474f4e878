package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"lawdesk/internal/demo/demotest"

	"lawdesk/internal/store"
)

// lawdesk runs the command line in-process and returns its exit code and output.
func lawdesk(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String() + errOut.String()
}

// newDemo returns a fresh copy of the demo office (built once per test binary).
func newDemo(t *testing.T) string {
	t.Helper()
	return demotest.Dir(t, time.Time{})
}

func TestDemoThenVerify(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if code, out := lawdesk(t, "demo", "--data", dir, "--password", demotest.Password); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, out)
	}
	code, out := lawdesk(t, "verify", "--data", dir)
	if code != 0 || !strings.Contains(out, "全部校验通过") {
		t.Fatalf("verify on a fresh demo: exit %d:\n%s", code, out)
	}
}

func TestDemoRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o600)
	code, out := lawdesk(t, "demo", "--data", dir, "--password", "demo1234")
	if code == 0 || !strings.Contains(out, "不是空的") {
		t.Fatalf("demo over a non-empty dir: exit %d: %s", code, out)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
		t.Fatal("demo touched an existing file")
	}
}

func TestVerifyNamesAFlippedBlobByte(t *testing.T) {
	dir := newDemo(t)
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	info, err := st.Blobs().Put(context.Background(), strings.NewReader("现场笔录扫描件"))
	if err == nil {
		err = st.RegisterBlob("admin", info, "测试文件")
	}
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if code, out := lawdesk(t, "verify", "--data", dir); code != 0 {
		t.Fatalf("verify before tampering: %d\n%s", code, out)
	}
	path := filepath.Join(dir, "blobs", info.SHA256[:2], info.SHA256[2:4], info.SHA256)
	b, _ := os.ReadFile(path)
	b[3] ^= 0x01
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out := lawdesk(t, "verify", "--data", dir)
	if code == 0 || !strings.Contains(out, "文件已被改动") || !strings.Contains(out, info.SHA256[:8]) {
		t.Fatalf("verify after flipping a byte: exit %d:\n%s", code, out)
	}
}

func TestVerifyNamesAnEditedAuditEvent(t *testing.T) {
	dir := newDemo(t)
	db, err := bbolt.Open(filepath.Join(dir, store.DBFile), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bbolt.Tx) error {
		b := tx.Bucket([]byte("audit"))
		k := []byte{0, 0, 0, 0, 0, 0, 0, 5}
		v := bytes.Replace(b.Get(k), []byte("admin"), []byte("zhaom"), 1)
		return b.Put(k, v)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out := lawdesk(t, "verify", "--data", dir)
	if code == 0 || !strings.Contains(out, "第 5 条审计记录") {
		t.Fatalf("verify after editing event 5: exit %d:\n%s", code, out)
	}
}

func TestSecondInstanceGetsAClearMessage(t *testing.T) {
	dir := newDemo(t)
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, err = store.Open(dir, store.Options{})
	if err == nil || !strings.Contains(err.Error(), "另一个 LawDesk 已经打开了这个数据目录") {
		t.Fatalf("second open: %v", err)
	}
}

func TestDemoRejectsAWeakPassword(t *testing.T) {
	code, out := lawdesk(t, "demo", "--data", filepath.Join(t.TempDir(), "x"), "--password", "short")
	if code == 0 || !strings.Contains(out, "密码至少需要") {
		t.Fatalf("a weak demo password: exit %d: %s", code, out)
	}
}

func TestHelpAndVersion(t *testing.T) {
	code, out := lawdesk(t, "-h")
	if code != 0 || !strings.Contains(out, "demo") || !strings.Contains(out, "verify") {
		t.Fatalf("-h: %d %s", code, out)
	}
	for _, c := range []string{"demo", "verify", "version"} {
		code, out := lawdesk(t, c, "-h")
		if code != 0 || !strings.Contains(out, "lawdesk "+c) || !strings.Contains(out, "-data") {
			t.Errorf("%s -h: exit %d: %s", c, code, out)
		}
	}
	code, out = lawdesk(t, "version")
	if code != 0 || !strings.Contains(out, "LawDesk") {
		t.Fatalf("version: %d %s", code, out)
	}
	code, out = lawdesk(t, "frobnicate")
	if code != 2 || !strings.Contains(out, "未知的子命令") {
		t.Fatalf("unknown subcommand: %d %s", code, out)
	}
}

func TestVerifyOnMissingDataSaysWhere(t *testing.T) {
	code, out := lawdesk(t, "verify", "--data", filepath.Join(t.TempDir(), "nothing"))
	if code == 0 || !strings.Contains(out, "没有 LawDesk 数据") {
		t.Fatalf("verify on nothing: %d %s", code, out)
	}
}
