package ui

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/report"
	"lawdesk/internal/store"
)

// addCases stores decided cases of this year (the UI tests' clock is November 2026).
func addCases(t *testing.T, u *UI) {
	t.Helper()
	for i, c := range []domain.Case{
		{Type: domain.ActPenalty, Decision: domain.Decision{Kinds: []domain.PenaltyKind{domain.PenaltyWarning, domain.PenaltyFine}, Fine: 300000, Date: domain.NewDate(2026, 3, 5)}},
		{Type: domain.ActPenalty, Decision: domain.Decision{Kinds: []domain.PenaltyKind{domain.PenaltyRevokeLicence}, Date: domain.NewDate(2026, 6, 1)}},
		{Type: domain.ActLicensing, Decision: domain.Decision{Summary: "准予行政许可", Date: domain.NewDate(2026, 6, 2)}},
	} {
		c.Number = "测市监" + c.Type.Short() + "〔2026〕" + string(rune('1'+i)) + "号"
		c.Procedure, c.Source, c.Retention, c.Stage = domain.ProcedureGeneral, domain.SourceInspection, domain.RetentionPermanent, domain.StageServe
		c.Party = domain.Party{Kind: domain.PartyOrganisation, Name: "青山县为民超市"}
		c.Opened = c.Decision.Date.AddDays(-20)
		c.MatterName = "测试事项"
		if _, err := u.svc.Store.CreateCase(store.Change{Actor: "admin"}, c, nil); err != nil {
			t.Fatal(err)
		}
	}
}

func TestStatsScreenShowsFiguresAndTheirCases(t *testing.T) {
	u := newTestUI(t, true)
	addCases(t, u)
	signIn(t, u, "zhaomin")
	tapButton(t, u, "nav.stats")
	assertShows(t, u, "2026年 · 统计于")
	var titles []string
	for _, c := range objects[*widget.Card](u) {
		titles = append(titles, c.Title)
	}
	for _, want := range []string{"总体情况", "行政许可", "行政处罚", "行政强制", "行政征收", "行政征用", "行政检查", "案卷归档", "执法人员", "法制审核"} {
		if !strings.Contains(strings.Join(titles, ","), want) {
			t.Errorf("no %s table; tables: %v", want, titles)
		}
	}

	// the penalty count lists the penalty decisions (the demo's and these); a zero is plain text
	stats, err := u.svc.Report.Statistics(u.sess, report.Year(2026))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := stats.Figure("penalty.decided")
	if want.Value < 2 {
		t.Fatalf("penalty decisions of 2026: %v", want.Value)
	}
	var penalties *tapText
	for _, c := range objects[*widget.Card](u) {
		if c.Title == "行政处罚" {
			for _, o := range test.LaidOutObjects(c) {
				if tt, ok := o.(*tapText); ok && tt.text.Text == want.Text() && penalties == nil {
					penalties = tt
				}
				if tt, ok := o.(*tapText); ok && strings.HasPrefix(tt.text.Text, "0 ") {
					t.Errorf("a zero figure is clickable: %s", tt.text.Text)
				}
			}
		}
	}
	if penalties == nil {
		t.Fatalf("no %q number in the 行政处罚 card", want.Text())
	}
	test.Tap(penalties)
	tables := objects[*widget.Table](u)
	refs := tables[len(tables)-1]
	if rows, _ := refs.Length(); rows != len(want.Refs) {
		t.Fatalf("the figure lists %d cases, want %d", rows, len(want.Refs))
	}
	refs.Select(widget.TableCellID{Row: 0, Col: 1})
	tapButton(t, u, "report.refs.open")
	if u.main.current != sectionCases {
		t.Fatalf("opening a case went to %s", u.main.current)
	}
}

// TestReviewFiguresOpenTheirCases: the demo's review opinions of the year are a number in
// the 法制审核 card that lists the cases reviewed; with the opinions' pie as a third chart
// the screen still fits an office PC's 1366 px.
func TestReviewFiguresOpenTheirCases(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "zhaomin")
	tapButton(t, u, "nav.stats")
	stats, err := u.svc.Report.Statistics(u.sess, report.Year(2026))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := stats.Figure("reviews.opinions")
	if want.Value == 0 {
		t.Fatal("the demo has no review opinion this year")
	}
	var opinions *tapText
	for _, c := range objects[*widget.Card](u) {
		if c.Title == "法制审核" {
			for _, o := range test.LaidOutObjects(c) {
				if tt, ok := o.(*tapText); ok && tt.text.Text == want.Text() && opinions == nil {
					opinions = tt
				}
			}
		}
	}
	if opinions == nil {
		t.Fatalf("no %q number in the 法制审核 card", want.Text())
	}
	test.Tap(opinions)
	tables := objects[*widget.Table](u)
	if rows, _ := tables[len(tables)-1].Length(); rows != len(want.Refs) {
		t.Fatalf("the opinions list %d cases, want %d", rows, len(want.Refs))
	}
	if len(stats.Charts) < 3 {
		t.Fatalf("%d charts, want the months, the penalty kinds and the opinions", len(stats.Charts))
	}
	// the navigation takes about 190 px of the 1366
	if w := u.statsView(stats).MinSize().Width; w > 1366-200 {
		t.Errorf("the statistics need %.0f px of width", w)
	}
}

func TestStatsScreenPeriodsAndErrors(t *testing.T) {
	u := newTestUI(t, true)
	addCases(t, u)
	signIn(t, u, "admin")
	tapButton(t, u, "nav.stats")
	selects := objects[*widget.Select](u)
	kind := selects[0]
	kind.SetSelectedIndex(2) // 月度
	month := objects[*widget.Select](u)[2]
	month.SetSelectedIndex(2) // 3月
	tapButton(t, u, "report.stats.count")
	assertShows(t, u, "2026年3月 · 统计于")

	kind.SetSelectedIndex(3) // 自定义
	typeInto(t, u, "report.period.from", "2026-06-30")
	typeInto(t, u, "report.period.to", "2026-06-01")
	tapButton(t, u, "report.stats.count")
	assertShows(t, u, "早于“起始日期”")
}

func TestAnnualTabDraftSaveAndPublish(t *testing.T) {
	u := newTestUI(t, true)
	addCases(t, u)
	signIn(t, u, "admin")
	// the demo published its 2025 report in time: no reminder in November
	if hasTodo(t, u, "公开 2025 年度行政执法数据") {
		t.Fatal("the dashboard reminds of a published report")
	}
	u.openTarget("stats:annual:2026")
	var summary *widget.Entry
	for _, e := range objects[*widget.Entry](u) {
		if e.MultiLine {
			summary = e
		}
	}
	stats, _ := u.svc.Report.Statistics(u.sess, report.Year(2026))
	pen, _ := stats.Figure("penalty.decided")
	if summary == nil || !strings.Contains(summary.Text, fmt.Sprintf("作出行政处罚决定 %.0f 件", pen.Value)) {
		t.Fatalf("no draft in the summary: %v", summary)
	}
	summary.SetText("今年我局执法工作平稳有序。")
	tapButton(t, u, "action.save")
	assertShows(t, u, tr("report.annual.saved"))
	a, _ := u.svc.Report.Annual(2026)
	if a.Summary != "今年我局执法工作平稳有序。" {
		t.Fatalf("saved %q", a.Summary)
	}

	// undoing the published mark brings the reminder back; marking again ends it
	u.openTarget("stats:annual:2025")
	tapButton(t, u, "report.annual.unpublish")
	tapButton(t, u, "dialog.ok")
	if a, _ := u.svc.Report.Annual(2025); a.Published {
		t.Fatal("still marked published")
	}
	if !hasTodo(t, u, "公开 2025 年度行政执法数据") {
		t.Error("no reminder after undoing the published mark")
	}
	u.openTarget("stats:annual:2025")
	tapButton(t, u, "report.annual.publish")
	tapButton(t, u, "dialog.ok")
	if a, _ := u.svc.Report.Annual(2025); !a.Published {
		t.Fatal("not marked published")
	}
	if hasTodo(t, u, "公开 2025 年度行政执法数据") {
		t.Error("the dashboard still reminds after publishing")
	}
}

func TestBundleTabExportsAndVerifies(t *testing.T) {
	u := newTestUI(t, true)
	addCases(t, u)
	signIn(t, u, "admin")
	u.openTarget("stats:bundle")
	assertShows(t, u, tr("report.bundle.verify.title"))
	path := filepath.Join(t.TempDir(), "bundle.zip")
	job := newJobRow("x")
	u.runBundleExport(job, 2026, path, false)
	if !strings.Contains(job.result.Text, "已导出") {
		t.Fatalf("export: %s", job.result.Text)
	}
	u.runBundleVerify(job, path)
	if !strings.Contains(job.result.Text, "校验通过") {
		t.Fatalf("verify: %s", job.result.Text)
	}
	data, _ := os.ReadFile(path)
	data[len(data)/3] ^= 0xFF
	bad := filepath.Join(t.TempDir(), "bad.zip")
	os.WriteFile(bad, data, 0o600)
	u.runBundleVerify(job, bad)
	if !strings.Contains(job.result.Text, "未通过") && !strings.Contains(job.result.Text, "不是完整的 zip") {
		t.Fatalf("verify of a damaged bundle: %s", job.result.Text)
	}
}

func TestBundleTabOnlyForAdmins(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "zhaomin")
	tapButton(t, u, "nav.stats")
	for _, ti := range objects[*container.AppTabs](u)[0].Items {
		if ti.Text == tr("report.tab.bundle") {
			t.Fatal("a head sees the bundle tab")
		}
	}
}

// TestPieIsPainted checks the pie's pixels: the first slice in the first colour, the
// corner transparent.
func TestPieIsPainted(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("pie")
	pv := pieView(report.Chart{Kind: report.ChartPie, Labels: []string{"警告", "罚款"}, Series: []report.Series{{Values: []float64{1, 3}}}})
	w.SetContent(pv)
	w.Resize(fyne.NewSize(400, 250))
	var disc *canvas.Raster
	for _, o := range test.LaidOutObjects(pv) {
		if r, ok := o.(*canvas.Raster); ok {
			disc = r
		}
	}
	img := disc.Generator(100, 100)
	// just right of twelve o'clock is the first slice (a quarter), at six o'clock the second
	if got, want := img.At(55, 10), paletteColor(0); !sameColor(got, want) {
		t.Errorf("first slice painted %v, want %v", got, want)
	}
	if got, want := img.At(50, 90), paletteColor(1); !sameColor(got, want) {
		t.Errorf("second slice painted %v, want %v", got, want)
	}
	if _, _, _, a := img.At(1, 1).RGBA(); a != 0 {
		t.Errorf("the corner is not transparent")
	}
}

func sameColor(a, b color.Color) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}
