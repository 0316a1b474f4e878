package demo_test

import (
	"strings"
	"testing"
	"time"

	"lawdesk/internal/demo/demotest"
	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/record"
	"lawdesk/internal/review"
)

// The demo office shows the legal review in every state: waiting for the reviewer, returned
// for supplement, agreed and decided (opinions filed in the dossier), agreed and waiting to
// be decided, in coordination, and a major case not yet submitted that the gate holds back.
func TestDemoReviews(t *testing.T) {
	st := demotest.Open(t, time.Date(2026, 11, 20, 9, 30, 0, 0, time.Local))
	reviews, err := st.Reviews()
	if err != nil {
		t.Fatal(err)
	}
	count := map[domain.ReviewStatus]int{}
	var decided domain.Review
	for _, r := range reviews {
		count[r.Status]++
		if c, _ := st.Case(r.CaseID); r.Status == domain.ReviewAgreed && c.Stage != domain.StageDecide {
			decided = r
		}
	}
	for _, s := range []domain.ReviewStatus{domain.ReviewPending, domain.ReviewReturned, domain.ReviewAgreed, domain.ReviewCoordinating} {
		if count[s] == 0 {
			t.Errorf("no demo review %s (%v)", s.Label(), count)
		}
	}
	if len(decided.Rounds) != 2 {
		t.Fatalf("the decided case has %d rounds, want a corrected round and an agreement", len(decided.Rounds))
	}
	docs, _ := st.Documents(decided.CaseID)
	filed := 0
	for _, d := range docs {
		if d.Type == review.OpinionDocType {
			filed++
		}
	}
	if filed != 2 {
		t.Errorf("%d opinions filed with the decided case, want 2", filed)
	}

	rec := record.New(st)
	svc := review.New(st, rec)
	liu, err := office.New(st).Login("liuyang", demotest.Password)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := svc.Entries(liu)
	if err != nil {
		t.Fatal(err)
	}
	var waiting *review.Entry
	for i, e := range entries {
		if !e.Submitted {
			waiting = &entries[i]
		}
	}
	if waiting == nil {
		t.Fatal("no major case waiting to be submitted")
	}
	c, _ := st.Case(waiting.CaseID)
	_, err = rec.CompleteStage(liu, record.StageStep{CaseID: c.ID, Date: c.Decision.Date, Next: domain.StageServe})
	if domain.ErrorCode(err) != domain.EFORBIDDEN || !strings.Contains(domain.ErrorMessage(err), "未经法制审核不得作出决定") {
		t.Errorf("deciding the unsubmitted demo case: %v", err)
	}
	rep, err := svc.Staffing()
	if err != nil || !rep.OK() {
		t.Errorf("demo staffing: %+v %v", rep, err)
	}
}
