package inspection_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"lawdesk/internal/domain"
	"lawdesk/internal/inspection"
	"lawdesk/internal/publication"
)

// The office's one export (事后公开 → 导出网站与公示栏) carries the results of every completed
// task, redacted, next to the decisions; a task still being inspected stays out, and an
// earlier export's inspection folder is replaced, not left behind.
func TestResultsJoinThePublicationExport(t *testing.T) {
	f := newFixture(t, 6)
	f.st.SaveAgency("admin", domain.Agency{Name: "青山县市场监督管理局", ShortName: "青市监", Region: "贵州省六盘水市青山县", Phone: "0858-12315"})
	o := f.objects[0]
	o.Name = "城关镇张记小卖部（店主电话13908581234）"
	f.svc.SaveObject(admin, o, "")
	done := f.plan(t, func(tk *domain.InspectionTask) {
		tk.Name = "2026年第一季度食品销售者双随机抽查"
		tk.Count = 6
	})
	done, _ = f.svc.Draw(admin, done.ID, "")
	open := f.plan(t, func(tk *domain.InspectionTask) {
		tk.Name = "2026年第二季度食品销售者双随机抽查"
		tk.Count = 2
	})
	open, _ = f.svc.Draw(admin, open.ID, "")

	pub := publication.New(f.st)
	pub.Sections = append(pub.Sections, f.svc.PublicationSection)
	out := filepath.Join(t.TempDir(), "公开")
	export := func() publication.ExportResult {
		t.Helper()
		res, err := pub.Export(context.Background(), clerk, out, publication.ExportOptions{NoticeBoard: true}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := export()
	if len(res.Sections) != 1 || res.Sections[0].Count != 0 {
		t.Fatalf("before any task is done: %+v", res.Sections)
	}
	page, _ := os.ReadFile(filepath.Join(out, inspection.SectionDir, "index.html"))
	if !strings.Contains(string(page), "目前没有已完成的双随机抽查任务") {
		t.Fatalf("empty section page:\n%s", page)
	}

	*f.clock = now.AddDate(0, 0, 2)
	d, _ := done.CurrentDraw()
	for i, a := range d.Assignments {
		finding, details := domain.FindingNone, ""
		if i == 0 {
			finding, details = domain.FindingCorrected, "未公示营业执照，已当场责令改正"
		}
		if _, err := f.svc.RecordResult(context.Background(), officer, done.ID, inspection.ResultForm{ObjectID: a.ObjectID,
			Date: today.AddDays(1), Officers: a.Officers, Finding: finding, Details: details}); err != nil {
			t.Fatal(err)
		}
	}
	res = export()
	if len(res.Sections) != 1 || res.Sections[0].Count != 1 || res.Sections[0].Title != "双随机抽查结果公示" {
		t.Fatalf("sections: %+v", res.Sections)
	}
	for _, name := range []string{"index.html", inspection.SectionCSV, "task" + fmt.Sprint(done.ID) + ".pdf"} {
		if !slices.Contains(res.Files, inspection.SectionDir+"/"+name) {
			t.Errorf("%s not exported: %v", name, res.Files)
		}
	}
	if slices.Contains(res.Files, inspection.SectionDir+"/task"+fmt.Sprint(open.ID)+".pdf") {
		t.Error("a task still being inspected was exported")
	}
	index, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !strings.Contains(string(index), `href="inspections/index.html"`) || !strings.Contains(string(index), "双随机抽查结果公示") {
		t.Errorf("index.html does not link the results:\n%s", index)
	}
	page, _ = os.ReadFile(filepath.Join(out, inspection.SectionDir, "index.html"))
	csvData, _ := os.ReadFile(filepath.Join(out, inspection.SectionDir, inspection.SectionCSV))
	manifest, _ := os.ReadFile(filepath.Join(out, publication.ExportManifest))
	for name, text := range map[string]string{"page": string(page), "csv": string(csvData)} {
		for _, want := range []string{done.Name, "发现问题已责令改正", "未发现问题", "139****1234", f.objects[1].CreditCode} {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
		for _, never := range []string{"13908581234", open.Name, "未公示营业执照"} { // details stay inside the office
			if strings.Contains(text, never) {
				t.Errorf("%s holds %q", name, never)
			}
		}
	}
	if lines := strings.Split(strings.TrimSpace(string(csvData)), "\n"); len(lines) != 7 {
		t.Errorf("CSV has %d lines, want header + 6", len(lines))
	}
	if !strings.Contains(string(manifest), "双随机抽查结果公示 1 项") {
		t.Errorf("manifest:\n%s", manifest)
	}
	pdfOut, _ := os.ReadFile(filepath.Join(out, inspection.SectionDir, "task"+fmt.Sprint(done.ID)+".pdf"))
	if text := pdfText(t, pdfOut); !strings.Contains(text, "双随机抽查结果公示表") || !strings.Contains(text, "未发现问题5户") {
		t.Errorf("results PDF:\n%s", text)
	}

	// Exporting again into the same folder replaces the inspection folder too: a file
	// left there from before is gone.
	stale := filepath.Join(out, inspection.SectionDir, "task999.pdf")
	os.WriteFile(stale, []byte("old"), 0o644)
	export()
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("an earlier export's inspection file survived: %v", err)
	}
}
