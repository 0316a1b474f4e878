package demo_test

import (
	"testing"
	"time"

	"lawdesk/internal/demo/demotest"
	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/publication"
)

// The demo office shows every state of 事后公开, whenever it is created (here on a day
// inside the National Day holiday and on an ordinary November day).
func TestDemoPublications(t *testing.T) {
	for _, now := range []time.Time{
		time.Date(2025, 10, 3, 9, 0, 0, 0, time.Local),
		time.Date(2026, 11, 20, 9, 30, 0, 0, time.Local),
	} {
		st := demotest.Open(t, now)
		admin, err := office.New(st).Login("admin", "demo1234")
		if err != nil {
			t.Fatal(err)
		}
		entries, err := publication.New(st).Entries(admin)
		if err != nil {
			t.Fatal(err)
		}
		var s struct{ published, late, pending, overdue, withdrawn, withdrawDue, notPublic, confirmedOnly int }
		for _, e := range entries {
			switch e.Status {
			case domain.PubPublished:
				s.published++
			case domain.PubPending:
				s.pending++
				if e.Pub != nil && e.Pub.Confirmed() {
					s.confirmedOnly++
				}
			case domain.PubWithdrawn:
				s.withdrawn++
			case domain.PubNotPublic:
				s.notPublic++
			}
			if e.Late() {
				s.late++
			}
			if e.Overdue {
				s.overdue++
			}
			if e.Task == publication.TaskWithdraw {
				s.withdrawDue++
			}
		}
		want := struct{ published, late, pending, overdue, withdrawn, withdrawDue, notPublic, confirmedOnly int }{
			published: 4, late: 1, pending: 3, overdue: 1, withdrawn: 1, withdrawDue: 1, notPublic: 1, confirmedOnly: 1}
		// the record demo's (案件与记录) decided cases: 15 published in time, 2 secret ones not public
		want.published += 15
		want.notPublic += 2
		// the review demo's (法制审核) decided case, published after its review agreed
		want.published++
		if s != want {
			t.Errorf("%s: demo publications %+v, want %+v", now.Format("2006-01-02"), s, want)
		}
		if rep, err := st.Verify(t.Context(), nil); err != nil || !rep.OK() {
			t.Errorf("verify: %+v %v", rep, err)
		}
	}
}
