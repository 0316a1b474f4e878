package inspection_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"lawdesk/internal/domain"
	"lawdesk/internal/inspection"
	"lawdesk/internal/store"
)

func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	p := filepath.Join(t.TempDir(), "x.pdf")
	os.WriteFile(p, data, 0o600)
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

func TestDrawRecordAndResultsPrint(t *testing.T) {
	f := newFixture(t, 10)
	f.st.SaveAgency("admin", domain.Agency{Name: "青山县市场监督管理局", ShortName: "青市监", Region: "贵州省六盘水市青山县", Phone: "0858-12315"})
	// one object's name carries a phone number, as names typed by hand sometimes do
	o := f.objects[0]
	o.Name = "城关镇张记小卖部（店主电话13908581234）"
	f.svc.SaveObject(admin, o, "")
	task := f.plan(t, func(tk *domain.InspectionTask) { tk.Count = 10 })
	task, _ = f.svc.Draw(admin, task.ID, "")
	task, _ = f.svc.Draw(admin, task.ID, "候选名单有误，重新抽取")
	d, _ := task.CurrentDraw()

	var buf bytes.Buffer
	if err := f.svc.WriteDrawRecord(admin, &buf, task.ID); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	for _, want := range []string{"双随机抽查抽取记录", task.Name, d.Seed[:32], "候选名单有误，重新抽取", "lawdeskdrawverify--task", f.good[0].Name, "好又多超市"} {
		if !strings.Contains(text, strings.Join(strings.Fields(want), "")) {
			t.Errorf("draw record lacks %q", want)
		}
	}

	*f.clock = now.AddDate(0, 0, 2)
	for i, a := range d.Assignments {
		finding := domain.FindingNone
		details := ""
		if i == 0 {
			finding, details = domain.FindingCorrected, "未公示营业执照，已当场责令改正，联系人电话 13908585678"
		}
		if _, err := f.svc.RecordResult(context.Background(), officer, task.ID, inspection.ResultForm{ObjectID: a.ObjectID,
			Date: today.AddDays(1), Officers: a.Officers, Finding: finding, Details: details}); err != nil {
			t.Fatal(err)
		}
	}
	buf.Reset()
	if err := f.svc.WriteResults(clerk, &buf, task.ID); err != nil {
		t.Fatal(err)
	}
	text = pdfText(t, buf.Bytes())
	for _, want := range []string{"双随机抽查结果公示表", "发现问题已责令改正1户", "未发现问题9户", "139****1234"} {
		if !strings.Contains(text, want) {
			t.Errorf("results list lacks %q:\n%s", want, text)
		}
	}
	var csvBuf bytes.Buffer
	if err := f.svc.WriteResultsCSV(clerk, &csvBuf, task.ID); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{text, csvBuf.String()} {
		for _, secret := range []string{"13908581234", "13908585678"} {
			if strings.Contains(out, secret) {
				t.Fatalf("an exported file contains %s", secret)
			}
		}
	}
	if lines := strings.Split(strings.TrimSpace(csvBuf.String()), "\n"); len(lines) != 11 || !strings.HasPrefix(lines[0], "\ufeff任务编号") {
		t.Fatalf("CSV:\n%s", csvBuf.String())
	}
	// every print is in the access log
	events, _ := f.st.Events(store.EventFilter{ActionPrefix: "inspection.print"})
	if len(events) != 3 {
		t.Fatalf("%d print events, want 3", len(events))
	}
}
