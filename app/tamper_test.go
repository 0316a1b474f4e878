package main

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"lawdesk/internal/store"
)

// Someone changes the database or the file store outside LawDesk: lawdesk verify (and the
// quick verify LawDesk runs at start-up) must fail and say precisely what is wrong.

func key(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

// tamper edits the database file directly, as a curious colleague with a bbolt tool would.
func tamper(t *testing.T, dir string, fn func(tx *bbolt.Tx) error) {
	t.Helper()
	db, err := bbolt.Open(filepath.Join(dir, store.DBFile), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// verifyFails runs lawdesk verify and the quick verify and wants both to fail naming want.
func verifyFails(t *testing.T, dir string, quickToo bool, want ...string) {
	t.Helper()
	code, out := lawdesk(t, "verify", "--data", dir)
	if code != 1 {
		t.Fatalf("verify after tampering: exit %d, want 1:\n%s", code, out)
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("verify does not say %q:\n%s", w, out)
		}
	}
	if !quickToo {
		return
	}
	st, err := store.Open(dir, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rep, err := st.VerifyQuick(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() {
		t.Errorf("the start-up quick verify passes a tampered store")
	}
}

func TestTamperDeletedCaseIsNamed(t *testing.T) {
	dir := newDemo(t)
	var number string
	tamper(t, dir, func(tx *bbolt.Tx) error {
		// delete case 1 and every trace of it in its indexes
		v := tx.Bucket([]byte("cases")).Get(key(1))
		if v == nil {
			t.Fatal("the demo has no case 1")
		}
		number = string(v[strings.Index(string(v), `"number":"`)+10:])
		number = number[:strings.IndexByte(number, '"')]
		for _, b := range []string{"cases_by_number", "case_sets", "case_terms"} {
			c := tx.Bucket([]byte(b)).Cursor()
			var doomed [][]byte
			for k, v := c.First(); k != nil; k, v = c.Next() {
				if string(k) == number || strings.HasSuffix(string(k), string(key(1))) || string(v) == string(key(1)) {
					doomed = append(doomed, append([]byte(nil), k...))
				}
			}
			for _, k := range doomed {
				tx.Bucket([]byte(b)).Delete(k)
			}
		}
		return tx.Bucket([]byte("cases")).Delete(key(1))
	})
	verifyFails(t, dir, true, "案件（内部编号 1）的记录已不在数据中", "被删除", number)
}

func TestTamperDeletedEventIsNamed(t *testing.T) {
	dir := newDemo(t)
	tamper(t, dir, func(tx *bbolt.Tx) error { return tx.Bucket([]byte("audit")).Delete(key(7)) })
	verifyFails(t, dir, true, "审计记录缺失：第 6 条之后直接是第 8 条")
}

func TestTamperEditedEventIsNamed(t *testing.T) {
	dir := newDemo(t)
	tamper(t, dir, func(tx *bbolt.Tx) error {
		b := tx.Bucket([]byte("audit"))
		v := string(b.Get(key(12)))
		i := strings.Index(v, `"s":"`) + 5
		return b.Put(key(12), []byte(v[:i]+"（已改）"+v[i:]))
	})
	verifyFails(t, dir, true, "第 12 条审计记录的内容被改动")
}

// Two stored files swapped: same names, each with the other's content. Sizes differ, so
// even the quick verify sees it; the full verify names both by their hash.
func TestTamperSwappedBlobsAreNamed(t *testing.T) {
	dir := newDemo(t)
	var paths []string
	blobs := filepath.Join(dir, store.BlobsDir)
	filepath.WalkDir(blobs, func(p string, d os.DirEntry, err error) error {
		if rel, _ := filepath.Rel(blobs, p); err == nil && !d.IsDir() && !strings.HasPrefix(rel, "tmp") {
			paths = append(paths, p)
		}
		return nil
	})
	if len(paths) < 2 {
		t.Fatalf("the demo has %d stored files", len(paths))
	}
	a, b := paths[0], paths[1]
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if len(da) == len(db) {
		b = paths[len(paths)-1]
		db, _ = os.ReadFile(b)
	}
	os.WriteFile(a, db, 0o600)
	os.WriteFile(b, da, 0o600)
	verifyFails(t, dir, true, "文件已被改动："+filepath.Base(a)[:2], "文件已被改动："+filepath.Base(b)[:2])
}
