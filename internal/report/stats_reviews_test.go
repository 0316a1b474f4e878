package report_test

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/demo"
	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/record"
	"lawdesk/internal/report"
	"lawdesk/internal/review"
	"lawdesk/internal/store"
)

// reviewDemo is the demo office created on 20 December 2025, with the review the handling
// unit disputes settled by the head on 22 December (the decision may be made) and decided
// on 23 December, so every review figure of 2025 has something to count.
func reviewDemo(t *testing.T) (*store.Store, *clock) {
	t.Helper()
	c := &clock{at(2025, 12, 20, 9, 0, 0)}
	st, err := store.Open(filepath.Join(t.TempDir(), "demo"), store.Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := demo.Create(st, "demo1234"); err != nil {
		t.Fatal(err)
	}
	users, err := st.Users()
	if err != nil {
		t.Fatal(err)
	}
	as := func(login string) office.Session {
		for _, u := range users {
			if u.Name == login {
				return office.Session{User: u}
			}
		}
		t.Fatalf("no demo user %s", login)
		return office.Session{}
	}
	rec := record.New(st)
	rv := review.New(st, rec)
	reviews, err := st.Reviews()
	if err != nil {
		t.Fatal(err)
	}
	var disputed domain.Review
	for _, r := range reviews {
		if r.Status == domain.ReviewCoordinating {
			disputed = r
		}
	}
	if disputed.ID == 0 {
		t.Fatal("the demo has no review waiting for the head's coordination")
	}
	c.t = at(2025, 12, 22, 15, 0, 0)
	if _, err := rv.Conclude(as("zhaomin"), review.ConcludeForm{CaseID: disputed.CaseID, Method: "集体讨论", HeldOn: day("2025-12-22"),
		Participants: []string{"赵敏", "王建国", "马骏"}, Conclusion: "当事人仍无证营业，同意责令停业整顿并处罚款。", Outcome: domain.CoordinationProceed}); err != nil {
		t.Fatal(err)
	}
	c.t = at(2025, 12, 23, 10, 0, 0)
	handler := as(disputed.HandlerLogins[0])
	p := disputed.Latest().Submission.Proposed
	if _, err := rec.SetDecision(handler, disputed.CaseID, domain.Decision{Kinds: p.Penalties, Fine: p.Fine, Date: day("2025-12-23"),
		Summary: p.Content, DocNumber: "青市监处罚〔2025〕901号"}); err != nil {
		t.Fatal(err)
	}
	if _, err := rec.CompleteStage(handler, record.StageStep{CaseID: disputed.CaseID, Date: day("2025-12-23"),
		OfficerID: handler.User.OfficerID, Note: "经集体讨论决定", Next: domain.StageServe}); err != nil {
		t.Fatal(err)
	}
	c.t = at(2026, 1, 12, 9, 0, 0)
	return st, c
}

// expectedReviews recounts the review figures of [from, to] from the stored reviews with
// plain loops: a case on its first submission, an opinion on its day, a round whose time
// limit ended in the period late when its opinion came after it (or had not come by asOf).
func expectedReviews(t *testing.T, st *store.Store, from, to, asOf domain.Date) map[string]float64 {
	in := func(d domain.Date) bool { return !d.IsZero() && !d.Before(from) && !d.After(to) }
	date := func(at time.Time) domain.Date { return domain.DateOf(at.In(time.Local)) }
	cal, err := st.Calendar()
	if err != nil {
		t.Fatal(err)
	}
	reviews, err := st.Reviews()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{}
	rounds, days := 0.0, 0.0
	for _, r := range reviews {
		if in(date(r.Rounds[0].Submission.At)) {
			want["reviews.cases"]++
			rounds += float64(len(r.Rounds))
		}
		for _, rd := range r.Rounds {
			if rd.No > 1 && in(date(rd.Submission.At)) {
				want["reviews.resubmitted"]++
			}
			given := rd.Opinion != ""
			if given && in(date(rd.OpinionAt)) {
				want["reviews.opinions"]++
				want["reviews.opinion."+string(rd.Opinion)]++
				// working days: count each day after the submission up to the opinion
				for d := date(rd.Submission.At).AddDays(1); !d.After(date(rd.OpinionAt)); d = d.AddDays(1) {
					if cal.IsWorkingDay(d) {
						days++
					}
				}
			}
			answeredByAsOf := given && !date(rd.OpinionAt).After(asOf)
			if in(rd.Deadline) && ((given && date(rd.OpinionAt).After(rd.Deadline)) || (!answeredByAsOf && asOf.After(rd.Deadline))) {
				want["reviews.overdue"]++
			}
			if !date(rd.Submission.At).After(asOf) && !answeredByAsOf {
				want["reviews.pending"]++
			}
		}
		for _, co := range r.Coordinations {
			if in(date(co.RequestedAt)) {
				want["reviews.coordinations"]++
			}
		}
		c, err := st.Case(r.CaseID)
		if err != nil {
			t.Fatal(err)
		}
		for _, co := range r.Coordinations {
			if co.Outcome == domain.CoordinationProceed && r.Status == domain.ReviewConcluded && in(c.Decision.Date) {
				want["reviews.coordinated.decided"]++
				break
			}
		}
	}
	if want["reviews.cases"] > 0 {
		want["reviews.rounds.avg"] = rounds / want["reviews.cases"]
	}
	if want["reviews.opinions"] > 0 {
		want["reviews.days.avg"] = days / want["reviews.opinions"]
	}
	return want
}

var reviewKeys = []string{"reviews.cases", "reviews.rounds.avg", "reviews.resubmitted", "reviews.opinions",
	"reviews.opinion.agree", "reviews.opinion.change", "reviews.opinion.correct", "reviews.opinion.supplement",
	"reviews.opinion.transfer", "reviews.days.avg", "reviews.overdue", "reviews.pending", "reviews.coordinations",
	"reviews.coordinated.decided"}

// TestReviewFiguresMatchAnIndependentCount checks every review figure of the demo office
// for the year, a quarter and each month of it against a plain recount, and each figure's
// list against its number.
func TestReviewFiguresMatchAnIndependentCount(t *testing.T) {
	st, _ := reviewDemo(t)
	sess := admin(t, st)
	year := expectedReviews(t, st, day("2025-01-01"), day("2025-12-31"), day("2025-12-31"))
	t.Logf("2025: %v", year)
	// the demo must give every figure something to count, or the test would prove little
	for _, key := range []string{"reviews.cases", "reviews.resubmitted", "reviews.opinions", "reviews.opinion.agree",
		"reviews.opinion.change", "reviews.opinion.correct", "reviews.opinion.supplement", "reviews.overdue",
		"reviews.pending", "reviews.coordinations", "reviews.coordinated.decided"} {
		if year[key] == 0 {
			t.Errorf("the demo office has nothing for %s in 2025", key)
		}
	}
	periods := []report.Period{report.Year(2025), report.Quarter(2025, 4), report.Year(2026), report.Year(2024)}
	for m := time.October; m <= time.December; m++ {
		periods = append(periods, report.Month(2025, m))
	}
	for _, p := range periods {
		t.Run(p.Label(), func(t *testing.T) {
			stats, err := report.New(st).Statistics(sess, p)
			if err != nil {
				t.Fatal(err)
			}
			want := expectedReviews(t, st, p.From, p.To, stats.AsOf)
			for _, key := range reviewKeys {
				f, ok := stats.Figure(key)
				if !ok {
					t.Errorf("figure %s is missing", key)
					continue
				}
				if math.Abs(f.Value-want[key]) > 1e-9 {
					t.Errorf("%s (%s) = %v, independent count %v", key, f.Label, f.Value, want[key])
				}
				if f.Unit != "个工作日" && f.Unit != "轮" && len(f.Refs) != int(f.Value) {
					t.Errorf("%s = %v but lists %d records", key, f.Value, len(f.Refs))
				}
				for _, r := range f.Refs {
					if r.Kind != "case" || r.ID == 0 || !p.Contains(r.Date) && key != "reviews.pending" {
						t.Errorf("%s lists %+v", key, r)
					}
				}
			}
		})
	}
}

// TestReviewsInTheAnnualReport: the review table, its chart and its paragraph of the draft
// 情况说明 are in the report of the year, with the figures of the statistics.
func TestReviewsInTheAnnualReport(t *testing.T) {
	st, _ := reviewDemo(t)
	r, err := report.New(st).AnnualReport(admin(t, st), 2025)
	if err != nil {
		t.Fatal(err)
	}
	// the demo writes its own 情况说明 for the year before; 2025 here is a draft
	draft := report.Draft(r.Stats)
	v := func(key string) float64 { f, _ := r.Stats.Figure(key); return f.Value }
	para := fmt.Sprintf("送法制审核的案件 %.0f 件", v("reviews.cases"))
	if !strings.Contains(draft, para) || !strings.Contains(draft, fmt.Sprintf("经协调后作出决定 %.0f 件", v("reviews.coordinated.decided"))) {
		t.Errorf("the draft has no review paragraph with the figures:\n%s", draft)
	}
	var pie bool
	for _, ch := range r.Stats.Charts {
		pie = pie || ch.Key == "chart.review.opinions"
	}
	if !pie {
		t.Error("no chart of the review opinions")
	}
	var pdfBuf strings.Builder
	if err := report.RenderAnnualPDF(&pdfBuf, r); err != nil {
		t.Fatal(err)
	}
	text := pdftotext(t, []byte(pdfBuf.String()))
	flat := strings.Join(strings.Fields(text), "")
	for _, want := range []string{"法制审核", "出具审核意见", "平均审核用时", "经负责人协调（集体讨论）后作出决定", "法制审核意见构成"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the report PDF does not show %q", want)
		}
	}
}
