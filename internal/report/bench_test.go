package report_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/pdf"
	"lawdesk/internal/report"
	"lawdesk/internal/store"
)

// The benchmarks run on a large county office: 20,000 cases decided in 2025 (plus the
// cases of 2024 the loader also reads), each with its stages, one penalty in twenty
// through legal review, and 200,000 audit events.
// Building it takes a while, so it is built once per test binary.
var (
	bigOnce  sync.Once
	bigStore *store.Store
	bigDir   string
	bigErr   error
)

// TestMain removes the large office after the benchmarks (about 250 MB per run).
func TestMain(m *testing.M) {
	code := m.Run()
	if bigStore != nil {
		bigStore.Close()
	}
	if bigDir != "" {
		os.RemoveAll(bigDir)
	}
	os.Exit(code)
}

const bigCases = 20000

func largeOffice(b *testing.B) *store.Store {
	b.Helper()
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "lawdesk-bench-*")
		if err != nil {
			bigErr = err
			return
		}
		bigDir = dir
		c := &clock{at(2025, 1, 2, 9, 0, 0)}
		st, err := store.Open(filepath.Join(dir, "data"), store.Options{Now: c.now})
		if err != nil {
			bigErr = err
			return
		}
		st.DB().NoSync = true // building the fixture only; the benchmarks read
		bigErr = fillLargeOffice(st, c)
		st.DB().NoSync = false
		bigStore = st
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return bigStore
}

func fillLargeOffice(st *store.Store, c *clock) error {
	u := domain.User{Name: "admin", FullName: "王建国", Roles: []domain.Role{domain.RoleAdmin, domain.RoleHead}}
	if _, err := st.Setup(domain.Agency{Name: "青山县市场监督管理局", ShortName: "青市监", Region: "贵州省六盘水市青山县"}, u); err != nil {
		return err
	}
	rnd := rand.New(rand.NewSource(2025))
	for i := 0; i < 120; i++ {
		o := domain.Officer{Name: fmt.Sprintf("执法员%03d", i), Unit: fmt.Sprintf("第%d市场监管所", i%12+1),
			CertNo: fmt.Sprintf("5202%06d", i), CertIssuer: "贵州省人民政府", ValidUntil: domain.NewDate(2025+rnd.Intn(4), 6, 30),
			Reviewer: i%19 == 0, TrainingHours: map[int]float64{2025: float64(rnd.Intn(60))}}
		if _, err := st.SaveOfficer(store.Change{Actor: "admin"}, o); err != nil {
			return err
		}
	}
	types := []domain.ActType{domain.ActPenalty, domain.ActPenalty, domain.ActLicensing, domain.ActLicensing, domain.ActLicensing,
		domain.ActInspection, domain.ActInspection, domain.ActCoercion, domain.ActConfirm}
	seq := map[string]int{}
	add := func(year, n int) error {
		for i := 0; i < n; i++ {
			t := types[rnd.Intn(len(types))]
			day := domain.NewDate(year, 1, 1).AddDays(rnd.Intn(365))
			c.t = day.Time(time.Local).Add(9 * time.Hour)
			k := fmt.Sprint(year, t)
			seq[k]++
			cs := domain.Case{Type: t, Procedure: domain.ProcedureGeneral, Source: domain.SourceInspection, Retention: domain.RetentionPermanent,
				Number: fmt.Sprintf("青市监%s〔%d〕%d号", t.Short(), year, seq[k]), MatterName: "食品经营许可",
				Party:      domain.Party{Kind: domain.PartyOrganisation, Name: fmt.Sprintf("青山县第%d食品店", i)},
				OfficerIDs: []uint64{uint64(1 + rnd.Intn(120)), uint64(1 + rnd.Intn(120))}, Opened: day.AddDays(-15), Stage: domain.StageArchive,
				Decision: domain.Decision{Date: day, Summary: "准予行政许可"}, Closed: day.AddDays(10), Archived: day.AddDays(10 + rnd.Intn(40))}
			for _, s := range []domain.Stage{domain.StageAccept, domain.StageOnSite, domain.StageExamine, domain.StageDecide, domain.StageServe, domain.StageClose} {
				cs.History = append(cs.History, domain.StageRecord{Stage: s, Date: day, OfficerID: cs.OfficerIDs[0], Note: "办理完毕", Actor: "admin", At: c.t})
			}
			if t == domain.ActPenalty {
				cs.Decision.Kinds = []domain.PenaltyKind{domain.PenaltyWarning, domain.PenaltyFine}
				cs.Decision.Fine = domain.Money(100 * (500 + rnd.Intn(20000)))
				cs.Decision.Summary = ""
			}
			// one penalty in twenty was a major decision: reviewed, a quarter of them twice
			reviewed := t == domain.ActPenalty && seq[k]%20 == 0
			if reviewed {
				cs.Archived, cs.Stage = domain.Date{}, domain.StageClose // its opinions are filed before archiving
			}
			created, err := st.CreateCase(store.Change{Actor: "admin"}, cs, nil)
			if err != nil {
				return err
			}
			if reviewed {
				// the opinions of one reviewed case in ten failed to be filed (printed anew by the bundle)
				if err := benchReview(st, created, day, seq[k]%80 == 0, seq[k]%200 != 0); err != nil {
					return err
				}
			}
			// the views, edits and exports a case collects over its life
			for e := 0; e < 9; e++ {
				if err := st.LogAccess("admin", "record.view", store.CaseTarget(uint64(i)), "查看案件"); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := add(2024, 2000); err != nil {
		return err
	}
	if err := add(2025, bigCases); err != nil {
		return err
	}
	c.t = at(2026, 1, 15, 9, 0, 0)
	return nil
}

// benchReview has case c reviewed before its decision day: submitted eight days before,
// and agreed five days before (twice: 补充 first, when twice); with file, each opinion is
// filed with the case as the review service files it.
func benchReview(st *store.Store, c domain.Case, decided domain.Date, twice, file bool) error {
	sub := domain.Submission{Proposed: domain.ProposedDecision{Penalties: c.Decision.Kinds, Fine: c.Decision.Fine,
		Content: "警告，并处罚款", Basis: "《中华人民共和国食品安全法》第一百二十六条"}, Reasons: "事实清楚，证据确凿", By: "admin"}
	opinion := func(r *domain.Review, t store.ReviewTx, op domain.Opinion, on domain.Date) error {
		items := domain.NewChecklist(domain.DefaultChecklist())
		for i := range items {
			items[i].Finding = domain.ElementOK
		}
		no, err := t.NextOpinionNo("青市监", on.Year)
		if err != nil {
			return err
		}
		return r.RecordOpinion(domain.OpinionInput{Reviewer: "reviewer", ReviewerName: "马骏", Checklist: items, Opinion: op,
			Reasons: "经审核，同意", At: on.Time(time.Local).Add(16 * time.Hour), No: no})
	}
	_, err := st.UpdateReview(c.ID, "admin", "review.submit", func(r *domain.Review, t store.ReviewTx) (string, error) {
		r.CaseNo, r.Party = c.Number, c.Party.Name
		sub.At = decided.AddDays(-8).Time(time.Local).Add(10 * time.Hour)
		if err := r.Submit(sub, decided.AddDays(2)); err != nil {
			return "", err
		}
		if twice {
			if err := opinion(r, t, domain.OpinionSupplement, decided.AddDays(-7)); err != nil {
				return "", err
			}
			sub.At = decided.AddDays(-6).Time(time.Local).Add(10 * time.Hour)
			sub.Responses = []domain.PointResponse{{Key: "opinion", Response: "已补充"}}
			if err := r.Submit(sub, decided.AddDays(4)); err != nil {
				return "", err
			}
		}
		return "送审并审核", opinion(r, t, domain.OpinionAgree, decided.AddDays(-5))
	})
	if err != nil || !file {
		return err
	}
	r, _, err := st.ReviewOfCase(c.ID)
	if err != nil {
		return err
	}
	for _, rd := range r.Rounds {
		var buf bytes.Buffer
		if err := pdf.RenderReviewOpinion(&buf, pdf.ReviewSheet{Office: "青山县市场监督管理局", CaseNo: c.Number, Matter: c.MatterName,
			Party: c.Party.Name, Unit: "第1市场监管所", Handlers: "执法员001、执法员002", Review: r, Round: rd.No}); err != nil {
			return err
		}
		info, err := st.Blobs().Put(context.Background(), &buf)
		if err != nil {
			return err
		}
		_, err = st.AddDocument(store.Change{Actor: "admin"}, store.NewDocument{File: info, Doc: domain.Document{CaseID: c.ID,
			Stage: domain.StageDecide, Type: "法制审核意见书", Title: fmt.Sprintf("法制审核意见书（第 %d 轮）", rd.No), DocNumber: rd.OpinionNo,
			Date: decided, Author: "青山县市场监督管理局", Pages: 2, Format: "pdf", FileName: rd.OpinionNo + ".pdf"}})
		if err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkStatisticsYear counts every figure of 2025 for 20,000 cases (README: < 1 s).
func BenchmarkStatisticsYear(b *testing.B) {
	st := largeOffice(b)
	svc := report.New(st)
	sess := admin(b, st)
	b.ResetTimer()
	cpu := cpuTime()
	defer func() { b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op") }()
	for b.Loop() {
		s, err := svc.Statistics(sess, report.Year(2025))
		if err != nil {
			b.Fatal(err)
		}
		if f, _ := s.Figure("cases.decided"); f.Value != bigCases {
			b.Fatalf("counted %v decisions", f.Value)
		}
		if f, _ := s.Figure("reviews.opinions"); f.Value < 200 {
			b.Fatalf("only %v review opinions in the large office", f.Value)
		}
	}
}

// BenchmarkAnnualBundle exports 2025's bundle without originals (README: < 30 s).
func BenchmarkAnnualBundle(b *testing.B) {
	st := largeOffice(b)
	svc := report.New(st)
	sess := admin(b, st)
	dir := b.TempDir()
	n := 0
	b.ResetTimer()
	cpu := cpuTime()
	defer func() { b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op") }()
	for b.Loop() {
		n++
		res, err := svc.ExportBundle(context.Background(), sess, 2025, filepath.Join(dir, fmt.Sprintf("b%d.zip", n)), report.BundleOptions{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Bytes)/1e6, "MB")
		b.ReportMetric(float64(res.Chain.Events), "events")
	}
}
