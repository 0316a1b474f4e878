package demo_test

import (
	"strings"
	"testing"
	"time"

	"lawdesk/internal/demo/demotest"
	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/publicity"
)

func TestDemoFillsEveryPublishedList(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 30, 0, 0, time.Local)
	st := demotest.Open(t, now)
	if st.Now().Unix() != now.Unix() {
		t.Fatal("the demo left the store's clock changed")
	}
	svc := publicity.New(st)
	admin, err := office.New(st).Login("admin", "demo1234")
	if err != nil {
		t.Fatal(err)
	}
	min := map[domain.ListKind]int{domain.ListBodies: 8, domain.ListOfficers: 12, domain.ListMatters: 25, domain.ListInspections: 6,
		domain.ListGuides: 5, domain.ListBenchmarks: 12, domain.ListSupervision: 5, domain.ListRemedies: 3}
	statuses, err := svc.Statuses(admin)
	if err != nil {
		t.Fatal(err)
	}
	for _, ls := range statuses {
		if ls.Latest == nil || ls.Entries < min[ls.Kind] {
			t.Errorf("%s: %d entries, latest %+v", ls.Kind.Title(), ls.Entries, ls.Latest)
		}
		switch ls.Kind {
		case domain.ListOfficers:
			if !ls.Overdue || len(ls.Pending.Added) != 1 || len(ls.Pending.Removed) != 1 || len(ls.Pending.Changed) != 1 {
				t.Errorf("officers: want an overdue pending change, got %+v", ls)
			}
		case domain.ListGuides:
			if !ls.HasPending() || ls.Overdue {
				t.Errorf("guides: want a fresh pending change, got %+v", ls)
			}
		case domain.ListMatters:
			if ls.Latest.No != 2 || ls.HasPending() {
				t.Errorf("matters: want version 2 and nothing pending, got %+v", ls)
			}
		default:
			if ls.HasPending() {
				t.Errorf("%s: unexpected pending change %+v", ls.Kind.Title(), ls.Pending)
			}
		}
	}
	todos, _ := svc.Todos(admin)
	var titles []string
	for _, td := range todos {
		titles = append(titles, td.Title)
	}
	all := strings.Join(titles, "\n")
	for _, want := range []string{"执法证即将到期：周磊", "执法证已过期：张强", "发布“执法人员清单”新版本", "培训不足 40 学时"} {
		if !strings.Contains(all, want) {
			t.Errorf("dashboard lacks %q:\n%s", want, all)
		}
	}
	ws, _ := svc.Windows(admin)
	if len(ws) != 4 {
		t.Errorf("%d windows", len(ws))
	}
	users, _ := st.Users()
	linked := 0
	for _, u := range users {
		if u.OfficerID != 0 {
			linked++
		}
	}
	if linked < 9 {
		t.Errorf("%d accounts linked to officers", linked)
	}
	if rep, err := st.Verify(t.Context(), nil); err != nil || !rep.OK() {
		t.Errorf("verify after demo: %+v %v", rep, err)
	}
}
