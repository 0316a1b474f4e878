package record_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"lawdesk/internal/demo"
	"lawdesk/internal/domain"
	"lawdesk/internal/pdf"
	"lawdesk/internal/record"
	"lawdesk/internal/store"
)

// closedPenaltyCase takes a general-procedure penalty case to 结案, adding a document at
// each stage (all required ones except those named in skip).
func (f *fixture) closedPenaltyCase(t *testing.T, skip ...string) domain.Case {
	t.Helper()
	c := f.newCase()
	dir := t.TempDir()
	n := 0
	add := func(typ string, pages int) {
		for _, s := range skip {
			if s == typ {
				return
			}
		}
		n++
		sheet := demo.Sheet{Office: "青山县市场监督管理局", Title: typ, Number: fmt.Sprintf("青市监〔2026〕%d号", n), Lines: demo.Paragraphs(4 * pages)}
		var data []byte
		var err error
		name := fmt.Sprintf("%02d-%s", n, typ)
		if n%3 == 0 {
			data, err = demo.ScanJPEG(sheet, 700)
			name += ".jpg"
		} else if n%3 == 1 {
			data, err = demo.TextPDF(sheet)
			name += ".pdf"
		} else {
			data, err = demo.ScannedPDF(sheet, pages, 600)
			name += ".pdf"
		}
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o600)
		if _, err := f.add(c, typ, typ, p); err != nil {
			t.Fatalf("adding %s: %v", typ, err)
		}
	}
	add("案件来源登记表", 1)
	f.step("liuyang", c.ID, domain.StageFile, 2)
	add("立案审批表", 1)
	f.step("liuyang", c.ID, domain.StageInvestigate, 2)
	add("询问笔录", 2)
	add("调查终结报告", 2)
	f.step("liuyang", c.ID, domain.StageExamine, 3)
	f.step("liuyang", c.ID, domain.StageNotify, 4)
	add("行政处罚事先告知书", 1)
	f.step("liuyang", c.ID, domain.StageDecide, 5)
	if _, err := f.svc.SetDecision(f.as("liuyang"), c.ID, domain.Decision{Kinds: []domain.PenaltyKind{domain.PenaltyFine},
		Fine: 300000, Date: domain.NewDate(2026, 9, 6), DocNumber: c.Number}); err != nil {
		t.Fatal(err)
	}
	f.step("liuyang", c.ID, domain.StageServe, 6)
	add("行政处罚决定书", 2)
	f.step("liuyang", c.ID, domain.StageExecute, 7)
	add("送达回证", 1)
	f.step("liuyang", c.ID, domain.StageClose, 8)
	return f.step("liuyang", c.ID, domain.StageArchive, 9)
}

func TestArchiveChecksCompletenessNumbersItemsAndLocks(t *testing.T) {
	f := newFixture(t)
	c := f.closedPenaltyCase(t)
	st, err := f.svc.Dossier(f.as("liuyang"), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(st.Missing, "、") != "结案审批表" || st.Complete() {
		t.Fatalf("missing %v", st.Missing)
	}
	_, err = f.svc.Archive(f.as("liuyang"), c.ID, domain.NewDate(2026, 9, 10))
	wantCode(t, err, domain.EINVALID, "缺少必备文书：结案审批表")

	p := writeTemp(t, "结案审批表.pdf", mustBytes(t)(demo.TextPDF(demo.Sheet{Title: "结案审批表", Lines: []string{"同意结案。"}})))
	if _, err := f.svc.AddDocument(context.Background(), f.as("liuyang"), record.AddDocumentRequest{CaseID: c.ID, Type: "结案审批表",
		Title: "结案审批表", Author: "青山县市场监督管理局", Date: domain.NewDate(2026, 9, 8), Path: p}, nil); err != nil {
		t.Fatal(err)
	}
	// an older version of a document stays out of the dossier
	docs, _ := f.svc.Documents(f.as("liuyang"), c.ID)
	if _, err := f.svc.AddDocument(context.Background(), f.as("liuyang"), record.AddDocumentRequest{CaseID: c.ID, Type: docs[2].Type,
		Title: docs[2].Title + "（更正）", Author: "刘洋", Date: domain.NewDate(2026, 9, 8), Path: p, Replaces: docs[2].ID}, nil); err != nil {
		t.Fatal(err)
	}
	// a reviewer may not archive; the head may
	_, err = f.svc.Archive(f.as("sunli"), c.ID, domain.NewDate(2026, 9, 10))
	wantCode(t, err, domain.EFORBIDDEN, "")
	c, err = f.svc.Archive(f.as("admin"), c.ID, domain.NewDate(2026, 9, 10))
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != domain.StatusArchived || c.ArchiveNo != "001-WS·2026-Y-0001" || !c.Locked() || len(c.Required) != 7 {
		t.Fatalf("archived: %s %q %v %v", c.Status, c.ArchiveNo, c.Locked(), c.Required)
	}
	st, _ = f.svc.Dossier(f.as("liuyang"), c.ID)
	if len(st.Items) != 8 || st.Superseded != 1 {
		t.Fatalf("dossier %d items, %d superseded", len(st.Items), st.Superseded)
	}
	for i, d := range st.Items {
		if d.ItemNo != i+1 {
			t.Fatalf("item %d has number %d", i+1, d.ItemNo)
		}
	}
	// locked: nothing changes but annotations
	c2 := c
	c2.Facts = "改"
	_, err = f.svc.UpdateCase(f.as("admin"), c2)
	wantCode(t, err, domain.ELOCKED, "已于 2026-09-10 归档")
	_, err = f.add(c, "询问笔录", "补充", p)
	wantCode(t, err, domain.ELOCKED, "")
	_, err = f.svc.GoBack(f.as("admin"), c.ID, domain.StageClose, "重新结案")
	wantCode(t, err, domain.ELOCKED, "")
	_, err = f.svc.UpdateDocumentInfo(f.as("admin"), st.Items[0])
	wantCode(t, err, domain.ELOCKED, "")
	if c, err = f.svc.Annotate(f.as("sunli"), c.ID, "2026年案卷评查：合格"); err != nil || len(c.Annotations) != 1 {
		t.Fatalf("annotation: %v", err)
	}
	rep, err := f.st.Verify(context.Background(), nil)
	if err != nil || !rep.OK() {
		t.Fatalf("verify after archiving: %+v %v", rep.Checks, err)
	}

	// the next dossier of the year gets the next archive number
	c3 := f.closedPenaltyCase(t, "结案审批表")
	f.add(c3, "结案审批表", "结案审批表", p)
	if c3, err = f.svc.Archive(f.as("liuyang"), c3.ID, domain.NewDate(2026, 9, 12)); err != nil || c3.ArchiveNo != "001-WS·2026-Y-0002" {
		t.Fatalf("second archive number %q %v", c3.ArchiveNo, err)
	}
}

func pdfPages(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Skipf("pdfinfo: %v", err)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(v))
			return n
		}
	}
	return 0
}

func pdfPageText(t *testing.T, path string, page int) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), path, "-").Output()
	if err != nil {
		t.Skipf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

func TestPrintWholeDossier(t *testing.T) {
	f := newFixture(t)
	c := f.closedPenaltyCase(t, "结案审批表")
	p := writeTemp(t, "结案审批表.pdf", mustBytes(t)(demo.TextPDF(demo.Sheet{Title: "结案审批表", Lines: []string{"同意结案。"}})))
	f.add(c, "结案审批表", "结案审批表", p)
	// a draft can be printed before archiving
	var draft bytes.Buffer
	if err := f.svc.PrintDossier(context.Background(), f.as("liuyang"), c.ID, pdf.DossierCover, &draft, nil); err != nil {
		t.Fatal(err)
	}
	c, err := f.svc.Archive(f.as("liuyang"), c.ID, domain.NewDate(2026, 9, 10))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.svc.PrintDossier(context.Background(), f.as("admin"), c.ID, pdf.DossierWhole, &buf, nil); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "案卷.pdf")
	os.WriteFile(out, buf.Bytes(), 0o600)
	st, _ := f.svc.Dossier(f.as("admin"), c.ID)
	if got, want := pdfPages(t, out), 1+1+st.Pages+1; got != want {
		t.Fatalf("dossier PDF has %d pages, want %d (cover, catalogue, %d document pages, closing note)", got, want, st.Pages)
	}
	cover := pdfPageText(t, out, 1)
	for _, want := range []string{"行政执法案卷", c.ArchiveNo, "青山县惠民超市有限公司销售过期食品案", "永久"} {
		if !strings.Contains(cover, strings.ReplaceAll(want, " ", "")) {
			t.Errorf("cover lacks %q: %s", want, cover)
		}
	}
	catalogue := pdfPageText(t, out, 2)
	page := 3
	for _, d := range st.Items {
		rng := strconv.Itoa(page)
		if d.Pages > 1 {
			rng = fmt.Sprintf("%d-%d", page, page+d.Pages-1)
		}
		if !strings.Contains(catalogue, rng) || !strings.Contains(catalogue, d.Title) {
			t.Errorf("catalogue lacks %s at %s", d.Title, rng)
		}
		if d.Format == "pdf" && d.TextChars > 0 && !strings.Contains(pdfPageText(t, out, page), d.Title) {
			t.Errorf("page %d does not show %s", page, d.Title)
		}
		page += d.Pages
	}
	if last := pdfPageText(t, out, page); !strings.Contains(last, "卷内备考表") || !strings.Contains(last, fmt.Sprintf("共有文件材料%d件", len(st.Items))) {
		t.Errorf("closing note: %s", last)
	}
	log, _ := f.svc.AccessLog(f.as("admin"), store.AccessFilter{CaseID: c.ID})
	if len(log) < 2 || log[0].Action != record.ActionPrint || !strings.Contains(log[0].Summary, "整卷") || !strings.Contains(log[1].Summary, "未归档草稿") {
		t.Fatalf("prints not logged: %+v", log)
	}
}
