package review_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/review"
)

func todoTitles(t *testing.T, e *env, who string) map[string]domain.Todo {
	t.Helper()
	todos, err := e.svc.Todos(e.as(who))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]domain.Todo{}
	for _, td := range todos {
		out[td.Title] = td
	}
	return out
}

func TestTodosFollowTheReview(t *testing.T) {
	e := newEnv(t)
	c := e.toDecide(e.newCase())
	if td, ok := todoTitles(t, e, "liuyang")["送法制审核："+c.Number]; !ok || td.Target != "review:"+itoa(c.ID) {
		t.Fatalf("handler before submission: %v", todoTitles(t, e, "liuyang"))
	}
	if _, ok := todoTitles(t, e, "admin")["法制审核人员不足"]; !ok {
		t.Error("the admin is not told that one reviewer is too few")
	}
	r := submit(t, e, c, "liuyang")
	title := "法制审核：" + c.Number + "（第 1 轮）"
	td, ok := todoTitles(t, e, "sunli")[title]
	if !ok || td.Severity != domain.SeverityInfo || domain.DateOf(td.Due) != domain.NewDate(2026, 12, 1) {
		t.Fatalf("reviewer's todo: %+v (%v)", td, ok)
	}
	if _, ok := todoTitles(t, e, "majun")[title]; ok {
		t.Error("马骏 handles the case and is asked to review it")
	}
	e.now = time.Date(2026, 11, 27, 9, 0, 0, 0, time.Local) // two working days left
	if td := todoTitles(t, e, "sunli")[title]; td.Severity != domain.SeverityDueSoon {
		t.Errorf("two days left: severity %v", td.Severity)
	}
	e.now = time.Date(2026, 12, 2, 9, 0, 0, 0, time.Local)
	if td := todoTitles(t, e, "sunli")[title]; td.Severity != domain.SeverityOverdue {
		t.Errorf("past the deadline: severity %v", td.Severity)
	}
	entries, _ := e.svc.Entries(e.as("sunli"))
	if len(entries) != 1 || entries[0].DaysLeft != -1 || entries[0].Status() != "待审核" {
		t.Fatalf("entries %+v", entries)
	}
	if _, err := e.svc.RecordOpinion(e.as("sunli"), review.OpinionForm{CaseID: c.ID, Checklist: okChecklist(r),
		Opinion: domain.OpinionCorrect, Reasons: "适用条款有误。"}); err != nil {
		t.Fatal(err)
	}
	if _, ok := todoTitles(t, e, "liuyang")["按审核意见处理："+c.Number]; !ok {
		t.Errorf("handler after 纠正: %v", todoTitles(t, e, "liuyang"))
	}
	if _, err := e.svc.RequestCoordination(e.as("liuyang"), c.ID, "条款无误"); err != nil {
		t.Fatal(err)
	}
	td, ok = todoTitles(t, e, "zhaomin")["协调审核分歧："+c.Number]
	if !ok || !strings.Contains(td.Detail, "条款无误") {
		t.Errorf("head: %+v", td)
	}
	if len(todoTitles(t, e, "hexiao")) != 0 {
		t.Error("a window clerk has review todos")
	}
}

func itoa(n uint64) string { return strconv.FormatUint(n, 10) }
