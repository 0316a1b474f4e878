package report_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"lawdesk/internal/report"
)

func pdftotext(t *testing.T, pdfData []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "r.pdf")
	os.WriteFile(in, pdfData, 0o600)
	out, err := exec.Command("pdftotext", "-layout", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestAnnualReportPDFAndXLSX(t *testing.T) {
	st, _ := statsStore(t)
	svc := report.New(st)
	r, err := svc.AnnualReport(admin(t, st), 2025)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Drafted || !strings.Contains(r.Summary, "作出行政处罚决定 6 件") || !strings.Contains(r.Summary, "责令停产停业 1 件") {
		t.Fatalf("draft:\n%s", r.Summary)
	}
	var b bytes.Buffer
	if err := report.RenderAnnualPDF(&b, r); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("LAWDESK_KEEP_PDF") != "" {
		os.WriteFile(os.Getenv("LAWDESK_KEEP_PDF"), b.Bytes(), 0o644)
	}
	text := pdftotext(t, b.Bytes())
	compact := strings.Join(strings.Fields(text), "")
	for _, want := range []string{"2025年度行政执法数据", "青山县市场监督管理局", "一、情况说明", "二、统计表",
		"（二）行政许可", "（三）行政处罚", "（四）行政强制", "（五）行政征收", "（六）行政征用", "（七）行政检查",
		"责令停产停业1件", "罚款金额85,200.00元", "不予许可1件", "三、图表", "处罚种类构成", "第1页共"} {
		if !strings.Contains(compact, want) {
			t.Errorf("the PDF does not say %q", want)
		}
	}
	pages := strings.Count(text, "\f")
	if pages < 3 {
		t.Errorf("the report has %d pages", pages)
	}

	// the saved summary replaces the draft
	if err := svc.SaveSummary(admin(t, st), 2025, "今年我局坚持严格规范公正文明执法。"); err != nil {
		t.Fatal(err)
	}
	r, _ = svc.AnnualReport(admin(t, st), 2025)
	if r.Drafted || r.Summary != "今年我局坚持严格规范公正文明执法。" {
		t.Fatalf("saved summary not used: %+v", r.Summary)
	}

	b.Reset()
	if err := report.RenderAnnualXLSX(&b, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, ",") != "年度数据,情况说明,图表,统计明细" {
		t.Fatalf("sheets %v", got)
	}
	rows, _ := f.GetRows("年度数据")
	found := map[string]string{}
	for _, row := range rows {
		if len(row) >= 2 {
			found[strings.TrimSpace(row[0])] = row[1]
		}
	}
	// amounts are numbers shown with a number format (85200 → 85,200.00), not text
	for label, want := range map[string]string{"作出处罚决定": "6", "罚款金额": "85,200.00", "不予许可": "1", "随机抽查": "3"} {
		if found[label] != want {
			t.Errorf("XLSX %s = %q, want %q", label, found[label], want)
		}
	}
	summary, _ := f.GetCellValue("情况说明", "A2")
	if !strings.Contains(summary, "严格规范公正文明执法") {
		t.Errorf("summary sheet: %q", summary)
	}
	refs, _ := f.GetRows("统计明细")
	if len(refs) < 40 {
		t.Errorf("only %d rows of records behind the figures", len(refs))
	}
}

func TestAnnualReminder(t *testing.T) {
	st, c := statsStore(t)
	svc := report.New(st)
	head := admin(t, st)
	c.t = at(2026, 1, 2, 9, 0, 0)
	todos, err := svc.Todos(head)
	if err != nil || len(todos) != 1 || !strings.Contains(todos[0].Title, "2025") || todos[0].Target != "stats:annual:2025" {
		t.Fatalf("2 January: %+v %v", todos, err)
	}
	c.t = at(2026, 2, 1, 9, 0, 0)
	todos, _ = svc.Todos(head)
	if len(todos) != 1 || todos[0].Severity != 2 {
		t.Fatalf("1 February: %+v", todos)
	}
	clerk, _ := st.UserByName("hexiao")
	if todos, _ := svc.Todos(sessionOf(clerk)); len(todos) != 0 {
		t.Fatalf("a clerk is reminded: %+v", todos)
	}
	if err := svc.MarkPublished(head, 2025, true); err != nil {
		t.Fatal(err)
	}
	if todos, _ := svc.Todos(head); len(todos) != 0 {
		t.Fatalf("after publishing: %+v", todos)
	}
}
