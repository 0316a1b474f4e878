package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.etcd.io/bbolt"
)

func TestCasesListsTheLedgerWithPartiesMasked(t *testing.T) {
	dir := newDemo(t)
	code, out := lawdesk(t, "cases", "--data", dir)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) < 30 {
		t.Fatalf("exit %d, %d lines:\n%s", code, len(lines), out)
	}
	for _, l := range lines {
		if f := strings.Split(l, "\t"); len(f) != 9 {
			t.Fatalf("line has %d fields: %q", len(f), l)
		}
	}
	if strings.Contains(out, "王小兵") || strings.Contains(out, "刘大勇") || !strings.Contains(out, "刘**") || !strings.Contains(out, "（个人隐私）") {
		t.Fatalf("natural persons not masked:\n%s", out)
	}
	code, out = lawdesk(t, "cases", "--data", dir, "--status", "已归档", "--year", "2026")
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.Contains(l, "\t已归档\t") || !strings.Contains(l, "2026") {
			t.Fatalf("filter let through %q", l)
		}
	}
	if code != 0 || strings.Count(out, "\n") < 5 {
		t.Fatalf("archived 2026: exit %d\n%s", code, out)
	}
	if code, out := lawdesk(t, "cases", "--data", dir, "--status", "完成"); code == 0 || !strings.Contains(out, "案件状态“完成”不认识") {
		t.Fatalf("bad status: %d %s", code, out)
	}
}

func TestPrintDossierAndVerifyTheDossiers(t *testing.T) {
	dir := newDemo(t)
	out := filepath.Join(t.TempDir(), "案卷.pdf")
	t.Setenv("LAWDESK_PASSWORD", "demo1234")
	// the numbers of an archived and of a privacy case, from the ledger
	var archived, secret string
	_, ledger := lawdesk(t, "cases", "--data", dir)
	for _, l := range strings.Split(ledger, "\n") {
		f := strings.Split(l, "\t")
		switch {
		case len(f) < 9:
		case f[3] == "已归档" && f[8] == "青山县惠民超市有限公司" && f[1] == "行政处罚":
			archived = f[0]
		case f[8] == "（个人隐私）":
			secret = f[0]
		}
	}
	if archived == "" || secret == "" {
		t.Fatalf("ledger lacks the demo cases:\n%s", ledger)
	}
	typed := strings.NewReplacer("〔", "[", "〕", "]").Replace(archived) // typed the way people do
	code, msg := lawdesk(t, "print", "dossier", "--data", dir, "--case", typed, "--out", out, "--user", "admin")
	if code != 0 {
		t.Fatalf("print dossier: exit %d: %s", code, msg)
	}
	if info, err := os.Stat(out); err != nil || info.Size() < 10000 {
		t.Fatalf("no PDF: %v", err)
	}
	if pdfinfo, err := exec.Command("pdfinfo", out).Output(); err == nil && !strings.Contains(string(pdfinfo), "Pages:") {
		t.Fatalf("pdfinfo: %s", pdfinfo)
	}
	// a secret case is not printed from the command line; an unknown case is named
	if code, msg := lawdesk(t, "print", "dossier", "--data", dir, "--case", secret, "--out", out+"2", "--user", "admin"); code == 0 || !strings.Contains(msg, "个人隐私") {
		t.Fatalf("secret case: %d %s", code, msg)
	}
	if code, msg := lawdesk(t, "print", "dossier", "--data", dir, "--case", "青市监处罚〔2026〕99号", "--out", out+"3", "--user", "admin"); code == 0 || !strings.Contains(msg, "没有编号为") {
		t.Fatalf("unknown case: %d %s", code, msg)
	}
	if _, err := os.Stat(out + "3"); err == nil {
		t.Fatal("a failed print left a file")
	}
	if code, msg := lawdesk(t, "verify", "--data", dir); code != 0 || !strings.Contains(msg, "归档案卷") {
		t.Fatalf("verify: %d %s", code, msg)
	}

	// take an item number out of an archived dossier: verify names the gap
	db, err := bbolt.Open(filepath.Join(dir, "lawdesk.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bbolt.Tx) error {
		b := tx.Bucket([]byte("documents"))
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if s := string(v); strings.Contains(s, `"item":2,`) {
				return b.Put(k, []byte(strings.Replace(s, `"item":2,`, `"item":7,`, 1)))
			}
		}
		t.Fatal("no item 2")
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if code, msg := lawdesk(t, "verify", "--data", dir); code == 0 || !strings.Contains(msg, "件号不连续") {
		t.Fatalf("verify after tampering: %d %s", code, msg)
	}
}
