package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

func TestReviewRoundTripNumbersAndAudit(t *testing.T) {
	st, _ := openTemp(t)
	// a real case, so that verify finds what the audit chain says was submitted
	c, err := st.CreateCase(store.Change{Actor: "liuyang"}, sampleCase("乙", ""), numbering(2026))
	if err != nil {
		t.Fatal(err)
	}
	id := c.ID
	sub := domain.Submission{
		Proposed: domain.ProposedDecision{Penalties: []domain.PenaltyKind{domain.PenaltyFine, domain.PenaltyConfiscateGains},
			Fine: 60_000_00, Content: "罚款六万元，没收违法所得", Basis: "《食品安全法》第一百二十四条", Benchmark: "较重情节",
			BenchmarkMin: 50_000_00, BenchmarkMax: 100_000_00},
		Reasons:   "货值金额较大",
		Materials: []domain.Material{{Name: "询问笔录", Required: true, Documents: []string{"询问笔录"}, DocIDs: []uint64{3}}},
		By:        "liuyang", ByName: "刘洋", At: fixedNow,
	}
	r, err := st.UpdateReview(id, "liuyang", "review.submit", func(r *domain.Review, _ store.ReviewTx) (string, error) {
		r.CaseNo, r.Handlers, r.HandlerLogins = "青市监处罚〔2026〕7号", []uint64{1, 2}, []string{"liuyang"}
		if err := r.Submit(sub, domain.NewDate(2026, 12, 1)); err != nil {
			return "", err
		}
		r.Rounds[0].Checklist = domain.NewChecklist(domain.DefaultChecklist())
		return "送审", nil
	})
	if err != nil || r.ID == 0 || r.CaseID != id {
		t.Fatalf("submit: %+v %v", r, err)
	}
	if open, err := st.OpenReviews(); err != nil || len(open) != 1 || open[0].CaseID != id {
		t.Fatalf("a pending review is not among the open ones: %v %v", open, err)
	}
	// A refused step changes nothing.
	_, err = st.UpdateReview(id, "liuyang", "review.submit", func(r *domain.Review, _ store.ReviewTx) (string, error) {
		return "", r.Submit(sub, domain.NewDate(2026, 12, 1))
	})
	if domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("double submit: %v", err)
	}
	items := domain.NewChecklist(domain.DefaultChecklist())
	for i := range items {
		items[i].Finding = domain.ElementOK
	}
	items[1].Evidence = []string{"✓ 刘洋 执法证有效"}
	r, err = st.UpdateReview(id, "sunli", "review.opinion", func(r *domain.Review, t store.ReviewTx) (string, error) {
		no, err := t.NextOpinionNo("青市监", 2026)
		if err != nil {
			return "", err
		}
		return "同意", r.RecordOpinion(domain.OpinionInput{Reviewer: "sunli", ReviewerName: "孙丽", Checklist: items,
			Opinion: domain.OpinionAgree, Reasons: "事实清楚", At: fixedNow, No: no})
	})
	if err != nil {
		t.Fatal(err)
	}
	if open, err := st.OpenReviews(); err != nil || len(open) != 0 {
		t.Fatalf("an agreed review is still open: %v %v", open, err)
	}
	got, ok, err := st.ReviewOfCase(id)
	if err != nil || !ok {
		t.Fatalf("read back: %v %v", ok, err)
	}
	l := got.Latest()
	if got.Status != domain.ReviewAgreed || l.OpinionNo != "青市监法审〔2026〕1号" || l.Submission.Proposed.Fine != 60_000_00 ||
		len(l.Submission.Proposed.Penalties) != 2 || l.Submission.Materials[0].DocIDs[0] != 3 || l.ReviewerNm != "孙丽" ||
		!l.OpinionAt.Equal(fixedNow) || l.Deadline != domain.NewDate(2026, 12, 1) {
		t.Fatalf("round trip lost data: %+v", got)
	}
	// The evidence shown when the round opened is kept, whatever the reviewer sent.
	if got.Latest().Checklist[1].Evidence != nil {
		t.Errorf("evidence from the reviewer's input should not replace the round's: %v", got.Latest().Checklist[1].Evidence)
	}
	if _, ok, _ := st.ReviewOfCase(id + 1); ok {
		t.Error("a case never submitted has a review")
	}
	all, err := st.Reviews()
	if err != nil || len(all) != 1 {
		t.Fatalf("reviews %v %v", all, err)
	}
	ev, _ := st.Events(store.EventFilter{Target: fmt.Sprintf("case:%d", id)})
	if len(ev) != 3 || ev[0].Action != "case.create" || ev[1].Action != "review.submit" || ev[2].Action != "review.opinion" {
		t.Fatalf("audit %+v", ev)
	}
	rep, err := st.Verify(context.Background(), nil)
	if err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep, err)
	}
}

func TestOpinionNumbersNeverCollide(t *testing.T) {
	st, _ := openTemp(t)
	var mu sync.Mutex
	seen := map[string]bool{}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(caseID uint64) {
			defer wg.Done()
			_, err := st.UpdateReview(caseID, "x", "review.test", func(r *domain.Review, t store.ReviewTx) (string, error) {
				year := 2026
				if caseID%2 == 0 {
					year = 2027
				}
				no, err := t.NextOpinionNo("青市监", year)
				mu.Lock()
				defer mu.Unlock()
				if seen[no] {
					return "", domain.Errorf(domain.ECONFLICT, "duplicate %s", no)
				}
				seen[no] = true
				return no, err
			})
			if err != nil {
				t.Error(err)
			}
		}(uint64(i + 1))
	}
	wg.Wait()
	for _, want := range []string{"青市监法审〔2026〕10号", "青市监法审〔2027〕10号", "青市监法审〔2026〕1号"} {
		if !seen[want] {
			t.Errorf("missing %s in %v", want, seen)
		}
	}
}

func TestReviewConfigAndMarks(t *testing.T) {
	st, _ := openTemp(t)
	cfg, err := st.ReviewConfig()
	if err != nil || len(cfg.Checklist) != 10 || cfg.Policy.TimeLimitDays != 7 || len(cfg.Rules) == 0 {
		t.Fatalf("defaults: %+v %v", cfg, err)
	}
	cfg.Policy.MinReviewers = 3
	cfg.Rules[0].Enabled = false
	cfg.Checklist = append(cfg.Checklist, domain.ChecklistElement{Key: "x1", Title: "是否听取陈述申辩", PreChecks: []string{domain.PreCheckDeadlines}})
	if err := st.SaveReviewConfig("admin", cfg, "修改审核设置"); err != nil {
		t.Fatal(err)
	}
	got, err := st.ReviewConfig()
	if err != nil || got.Policy.MinReviewers != 3 || got.Rules[0].Enabled || len(got.Checklist) != 11 ||
		got.Checklist[10].PreChecks[0] != domain.PreCheckDeadlines || got.Rules[3].OrgThreshold != domain.DefaultOrgThreshold {
		t.Fatalf("config round trip: %+v %v", got, err)
	}
	if err := st.SaveReviewMarks("liuyang", 3, domain.ReviewMarks{Complex: true, Note: "涉及多个主体"}, "标记"); err != nil {
		t.Fatal(err)
	}
	m, err := st.ReviewMarks(3)
	if err != nil || !m.Complex || m.Note != "涉及多个主体" {
		t.Fatalf("marks %+v %v", m, err)
	}
	if m, _ := st.ReviewMarks(4); m != (domain.ReviewMarks{}) {
		t.Errorf("unmarked case %+v", m)
	}
	if !strings.Contains(got.Rules[3].Title, "五万元") {
		t.Errorf("rule title %q", got.Rules[3].Title)
	}
}

// The review screen pages through settled reviews newest first; unsettled ones never appear
// there (they come from the open index).
func TestSettledReviewsPages(t *testing.T) {
	st, _ := openTemp(t)
	var settled []uint64 // case IDs, in the order their reviews were made
	for i := range 5 {
		c, err := st.CreateCase(store.Change{Actor: "liuyang"}, sampleCase(fmt.Sprintf("当事人%d", i), ""), numbering(2026))
		if err != nil {
			t.Fatal(err)
		}
		sub := domain.Submission{Proposed: domain.ProposedDecision{Content: "罚款", Basis: "条款"}, Reasons: "重大", By: "liuyang", At: fixedNow}
		_, err = st.UpdateReview(c.ID, "liuyang", "review.submit", func(r *domain.Review, _ store.ReviewTx) (string, error) {
			if err := r.Submit(sub, domain.NewDate(2026, 12, 1)); err != nil {
				return "", err
			}
			r.Rounds[0].Checklist = domain.NewChecklist(domain.DefaultChecklist())
			return "送审", nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if i == 2 {
			continue // stays pending
		}
		items := domain.NewChecklist(domain.DefaultChecklist())
		for j := range items {
			items[j].Finding = domain.ElementOK
		}
		_, err = st.UpdateReview(c.ID, "sunli", "review.opinion", func(r *domain.Review, _ store.ReviewTx) (string, error) {
			return "同意", r.RecordOpinion(domain.OpinionInput{Reviewer: "sunli", ReviewerName: "孙丽", Checklist: items,
				Opinion: domain.OpinionAgree, Reasons: "事实清楚", At: fixedNow, No: fmt.Sprint(i)})
		})
		if err != nil {
			t.Fatal(err)
		}
		settled = append(settled, c.ID)
	}
	var got []uint64
	cursor, pages := uint64(0), 0
	for {
		page, next, err := st.SettledReviews(cursor, 2)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, r := range page {
			if r.Status != domain.ReviewAgreed {
				t.Errorf("an unsettled review on a settled page: %+v", r.Status)
			}
			got = append(got, r.CaseID)
		}
		if next == 0 {
			break
		}
		cursor = next
	}
	want := []uint64{settled[3], settled[2], settled[1], settled[0]}
	if fmt.Sprint(got) != fmt.Sprint(want) || pages != 2 {
		t.Fatalf("settled pages: %v in %d pages, want %v in 2", got, pages, want)
	}
	if page, next, err := st.SettledReviews(0, 10); err != nil || len(page) != 4 || next != 0 {
		t.Fatalf("one page of all: %d %d %v", len(page), next, err)
	}
}
