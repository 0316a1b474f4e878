package flowchart_test

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/flowchart"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

var (
	admin   = office.Session{User: domain.User{Name: "admin", Roles: []domain.Role{domain.RoleAdmin}}}
	officer = office.Session{User: domain.User{Name: "liuyang", Roles: []domain.Role{domain.RoleOfficer}}}
)

func newService(t *testing.T) *flowchart.Service {
	t.Helper()
	st, err := store.Open(t.TempDir(), store.Options{Now: func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return flowchart.New(st)
}

// pdfText extracts the text of a PDF with pdftotext in content order, without any white
// space, so text wrapped over several lines reads as one string.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	p := filepath.Join(t.TempDir(), "chart.pdf")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// requireChart checks that the PDF text holds every step, decision, exit, time limit,
// document and right of chart.
func requireChart(t *testing.T, text string, chart domain.ProcedureChart) {
	t.Helper()
	want := []string{chart.Title}
	for _, s := range chart.Steps {
		want = append(want, s.Title, s.TimeLimit, s.Exit, s.Note)
		want = append(want, s.Documents...)
		want = append(want, s.Rights...)
	}
	for _, w := range want {
		if w != "" && !strings.Contains(text, squash(w)) {
			t.Errorf("%s: the PDF does not show %q", chart.Name, w)
		}
	}
}

func TestEveryChartShowsEveryStepAndTimeLimit(t *testing.T) {
	svc := newService(t)
	for _, name := range domain.ProcedureChartNames() {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := svc.WritePDF(&buf, name); err != nil {
				t.Fatal(err)
			}
			chart, _ := svc.Chart(name)
			text := pdfText(t, buf.Bytes())
			requireChart(t, text, chart)
			var img bytes.Buffer
			if err := svc.WritePNG(&img, name); err != nil {
				t.Fatal(err)
			}
			pic, err := png.Decode(&img)
			if err != nil {
				t.Fatal(err)
			}
			if b := pic.Bounds(); b.Dx() != 1191 || b.Dy() != 1684 {
				t.Fatalf("PNG is %v, want 1191×1684 (A4 at 2 px/pt)", b)
			}
			// the picture is not blank: a good share of it is ink, but most is paper
			ink := 0
			for y := 0; y < 1684; y += 4 {
				for x := 0; x < 1191; x += 4 {
					if r, g, b, _ := pic.At(x, y).RGBA(); r+g+b < 3*0xE000 {
						ink++
					}
				}
			}
			if share := float64(ink) / float64(298*421); share < 0.03 || share > 0.5 {
				t.Fatalf("PNG ink share %.3f looks wrong", share)
			}
		})
	}
}

func TestPDFPageIsA4(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo is not installed")
	}
	svc := newService(t)
	var buf bytes.Buffer
	if err := svc.WritePDF(&buf, "penalty"); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "p.pdf")
	os.WriteFile(p, buf.Bytes(), 0o600)
	out, err := exec.Command("pdfinfo", p).Output()
	if err != nil {
		t.Fatal(err)
	}
	info := strings.Join(strings.Fields(string(out)), " ")
	if !strings.Contains(info, "Pages: 1 ") || !strings.Contains(info, "595.28 x 841.89 pts (A4)") {
		t.Fatalf("pdfinfo:\n%s", info)
	}
}

func TestOfficeChangesRedrawTheChart(t *testing.T) {
	svc := newService(t)
	if err := svc.SaveChange(officer, "penalty", "decide", domain.FlowStepChange{TimeLimit: "60 日"}); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("an officer changed the chart: %v", err)
	}
	if err := svc.SaveChange(admin, "penalty", "file", domain.FlowStepChange{Omit: true}); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("omitting a required step: %v", err)
	}
	if err := svc.SaveChange(admin, "penalty", "nosuch", domain.FlowStepChange{Title: "x"}); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("unknown step: %v", err)
	}
	changes := []struct {
		step string
		ch   domain.FlowStepChange
	}{
		{"decide", domain.FlowStepChange{TimeLimit: "自立案之日起 60 日内（本省规定）"}},
		{"examine", domain.FlowStepChange{Title: "案件核审", Documents: []string{"案件核审表", "核审意见"}}},
		{"hearing", domain.FlowStepChange{Omit: true}},
		{"discuss", domain.FlowStepChange{Omit: true}},
	}
	for _, c := range changes {
		if err := svc.SaveChange(admin, "penalty", c.step, c.ch); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := svc.WritePDF(&buf, "penalty"); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	chart, _ := svc.Chart("penalty")
	requireChart(t, text, chart)
	for _, gone := range []string{"自立案之日起90日内", "举行听证", "听证7日前通知当事人", "当事人要求听证？", "集体讨论记录", "案件审核表"} {
		if strings.Contains(text, gone) {
			t.Errorf("the changed chart still shows %q", gone)
		}
	}
	for _, now := range []string{"自立案之日起60日内（本省规定）", "案件核审", "核审意见"} {
		if !strings.Contains(text, now) {
			t.Errorf("the changed chart does not show %q", now)
		}
	}
	// restoring the default brings the step back
	if err := svc.SaveChange(admin, "penalty", "hearing", domain.FlowStepChange{}); err != nil {
		t.Fatal(err)
	}
	chart, _ = svc.Chart("penalty")
	if _, ok := chart.Step("hearing"); !ok {
		t.Fatal("restored step is missing")
	}
	if _, ok := chart.Step("askhearing"); !ok {
		t.Fatal("the decision guarding the restored step is missing")
	}
}

func TestPublicationRulesRedrawTheChart(t *testing.T) {
	st, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := flowchart.New(st)
	rules := domain.PublicationRules{Days: map[domain.ActType]int{domain.ActPenalty: 5, domain.ActInspection: 15}}
	if err := st.SavePublicationRules(store.Change{Actor: "admin"}, rules, "本省规定"); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"penalty": "作出决定之日起5个工作日内公开", "inspection": "任务完成之日起15个工作日内",
		"license": "作出决定之日起7个工作日内公开"} {
		var buf bytes.Buffer
		if err := svc.WritePDF(&buf, name); err != nil {
			t.Fatal(err)
		}
		if text := pdfText(t, buf.Bytes()); !strings.Contains(text, want) {
			t.Errorf("%s: the chart does not follow the publication rules (%q)", name, want)
		}
	}
}

// The 法制审核 step takes its time limit from the review settings the review queue counts
// with (default 7 working days, extendable by 3).
func TestReviewSettingsRedrawTheChart(t *testing.T) {
	st, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := flowchart.New(st)
	text := func(name string) string {
		t.Helper()
		var buf bytes.Buffer
		if err := svc.WritePDF(&buf, name); err != nil {
			t.Fatal(err)
		}
		return pdfText(t, buf.Bytes())
	}
	if got := text("penalty"); !strings.Contains(got, "7个工作日内出具意见（可延长3个工作日）") {
		t.Errorf("default review time limit missing from the penalty chart:\n%s", got)
	}
	cfg, err := st.ReviewConfig()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		days, ext       int
		penalty, review string
	}{
		{10, 5, "10个工作日内出具意见（可延长5个工作日）", "10个工作日内（情况复杂的可延长5个工作日）"},
		{5, 0, "5个工作日内出具意见", "5个工作日内出具意见"},
	} {
		cfg.Policy.TimeLimitDays, cfg.Policy.ExtensionDays = tc.days, tc.ext
		if err := st.SaveReviewConfig("admin", cfg, "本局规定"); err != nil {
			t.Fatal(err)
		}
		if got := text("penalty"); !strings.Contains(got, tc.penalty) || strings.Contains(got, "7个工作日内出具意见") {
			t.Errorf("%d+%d: penalty chart does not follow the review settings:\n%s", tc.days, tc.ext, got)
		}
		if got := text("review"); !strings.Contains(got, tc.review) || strings.Contains(got, "可延长3个工作日") {
			t.Errorf("%d+%d: review chart does not follow the review settings:\n%s", tc.days, tc.ext, got)
		}
		if tc.ext == 0 && strings.Contains(text("review"), "延长") {
			t.Errorf("no extension, but the review chart still offers one")
		}
	}
}

func TestUnknownChart(t *testing.T) {
	svc := newService(t)
	var buf bytes.Buffer
	if err := svc.WritePDF(&buf, "penalties"); domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(domain.ErrorMessage(err), "penalty-simple") {
		t.Fatalf("unknown chart: %v", err)
	}
}

func BenchmarkPenaltyChartPDF(b *testing.B) {
	st, _ := store.Open(b.TempDir(), store.Options{})
	defer st.Close()
	svc := flowchart.New(st)
	for b.Loop() {
		var buf bytes.Buffer
		if err := svc.WritePDF(&buf, "penalty"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPenaltyChartPNG(b *testing.B) {
	st, _ := store.Open(b.TempDir(), store.Options{})
	defer st.Close()
	svc := flowchart.New(st)
	for b.Loop() {
		var buf bytes.Buffer
		if err := svc.WritePNG(&buf, "penalty"); err != nil {
			b.Fatal(err)
		}
	}
}
