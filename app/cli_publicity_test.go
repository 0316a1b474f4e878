package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func pdfToText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

func TestPrintCardsAndListsFromTheCommandLine(t *testing.T) {
	dir := newDemo(t)
	out := t.TempDir()
	cards := filepath.Join(out, "cards.pdf")
	if code, msg := lawdesk(t, "print", "card", "--data", dir, "--all", "--out", cards); code != 0 {
		t.Fatalf("print card: exit %d: %s", code, msg)
	}
	text := pdfToText(t, cards)
	if strings.Count(text, "\f") != 4 || !strings.Contains(text, "何晓") || !strings.Contains(text, "投诉举报受理窗口") {
		t.Errorf("cards PDF:\n%s", text)
	}
	one := filepath.Join(out, "one.pdf")
	if code, msg := lawdesk(t, "print", "card", "--data", dir, "--window", "罗倩", "--size", "A5", "--out", one); code != 0 || !strings.Contains(msg, "1 张") {
		t.Fatalf("print one card: exit %d: %s", code, msg)
	}
	for _, name := range []string{"matters", "officers", "inspections", "guides", "benchmarks", "bodies", "supervision", "remedies"} {
		path := filepath.Join(out, name+".pdf")
		if code, msg := lawdesk(t, "print", "list", name, "--data", dir, "--out", path); code != 0 {
			t.Fatalf("print list %s: exit %d: %s", name, code, msg)
		}
		if text := strings.Join(strings.Fields(pdfToText(t, path)), ""); !strings.Contains(text, "青山县市场监督管理局") || !strings.Contains(text, "第1页共") {
			t.Errorf("%s PDF:\n%s", name, text)
		}
	}
	// flags before the list name work too, and old versions print
	v1 := filepath.Join(out, "v1.pdf")
	if code, msg := lawdesk(t, "print", "list", "--data", dir, "--version", "1", "--out", v1, "matters"); code != 0 {
		t.Fatalf("print list --version 1: exit %d: %s", code, msg)
	}
	if text := pdfToText(t, v1); !strings.Contains(text, "第 1 版") || strings.Contains(text, "电子商务") {
		t.Errorf("version 1 shows later matters:\n%s", text)
	}
}

func TestPrintAndExportRefuseClearly(t *testing.T) {
	dir := newDemo(t)
	out := t.TempDir()
	for _, tc := range []struct {
		args []string
		says string
	}{
		{[]string{"print", "list", "laws", "--data", dir, "--out", filepath.Join(out, "x.pdf")}, "清单“laws”不存在"},
		{[]string{"print", "card", "--data", dir, "--out", filepath.Join(out, "x.pdf")}, "--all"},
		{[]string{"print", "card", "--data", dir, "--window", "不存在", "--out", filepath.Join(out, "x.pdf")}, "没有名称或姓名包含"},
		{[]string{"print", "card", "--data", dir, "--all"}, "--out"},
		{[]string{"print", "list", "officers", "--data", dir, "--draft", "--out", filepath.Join(out, "x.pdf")}, "--user"},
		{[]string{"print", "list", "officers", "--data", dir, "--version", "9", "--out", filepath.Join(out, "x.pdf")}, "没有第 9 版"},
		{[]string{"export", "list", "officers", "--data", dir, "--out", filepath.Join(out, "x.xlsx")}, "--user"},
		{[]string{"print", "poster"}, "不是可以打印的对象"},
		{[]string{"print", "card", "--data", dir, "--all", "--out", filepath.Join(out, "missing-dir", "x.pdf")}, "无法在"},
	} {
		code, msg := lawdesk(t, tc.args...)
		if code == 0 || !strings.Contains(msg, tc.says) {
			t.Errorf("%v: exit %d, want a message saying %q:\n%s", tc.args, code, tc.says, msg)
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("failed commands left files: %v", entries)
	}
}

func TestExportListAndTemplate(t *testing.T) {
	dir := newDemo(t)
	out := t.TempDir()
	t.Setenv("LAWDESK_PASSWORD", "demo1234")
	xlsx := filepath.Join(out, "officers.xlsx")
	if code, msg := lawdesk(t, "export", "list", "officers", "--data", dir, "--format", "xlsx", "--out", xlsx, "--user", "hexiao"); code != 0 {
		t.Fatalf("export: exit %d: %s", code, msg)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("执法人员清单")
	if len(rows) != 16 || rows[0][0] != "姓名" { // header + 15 officers, including the one who retired
		t.Errorf("exported %d rows: %v", len(rows), rows[:1])
	}
	csv := filepath.Join(out, "m.csv")
	if code, msg := lawdesk(t, "export", "list", "matters", "--data", dir, "--format", "csv", "--out", csv, "--user", "admin"); code != 0 {
		t.Fatalf("export csv: exit %d: %s", code, msg)
	}
	data, _ := os.ReadFile(csv)
	if !strings.HasPrefix(string(data), "\xef\xbb\xbf事项类别,") || strings.Count(string(data), "\r\n") < 31 {
		t.Errorf("csv export starts %q", string(data[:40]))
	}
	tpl := filepath.Join(out, "t.xlsx")
	if code, msg := lawdesk(t, "export", "template", "benchmarks", "--out", tpl); code != 0 {
		t.Fatalf("template: exit %d: %s", code, msg)
	}
	if code, msg := lawdesk(t, "export", "list", "officers", "--data", dir, "--format", "pdf", "--out", filepath.Join(out, "y"), "--user", "admin"); code == 0 || !strings.Contains(msg, "不支持的表格格式") {
		t.Errorf("pdf export: exit %d: %s", code, msg)
	}
}
