// Package review owns the legal review of major enforcement decisions (重大执法决定法制审核,
// DOMAIN.md §3): the office's catalogue of what is major and its evaluation over a case,
// submission by the handling officer, the reviewer's checklist with pre-checks from the
// record, opinions and rounds, coordination by the office head, the review time limit, the
// staffing rule, the printed opinion — and the gate that keeps a major case's decision from
// being completed until the review has passed.
package review

import (
	"lawdesk/internal/domain"
	"lawdesk/internal/record"
	"lawdesk/internal/store"
	"lawdesk/internal/workday"
)

// Service is the legal-review service over one store.
type Service struct {
	st  *store.Store
	rec *record.Service
}

// New returns the review service and registers its gate with the record service, so that
// from then on the decision stage of a case needing review cannot be completed through rec
// — in the window, on the command line or anywhere else — until the review has passed.
func New(st *store.Store, rec *record.Service) *Service {
	s := &Service{st: st, rec: rec}
	rec.AddStageGate(s.Gate)
	return s
}

// calendar is the office's working-day calendar (the built-in schedules and those the
// office entered), in which the review time limits are counted.
func (s *Service) calendar() (*workday.Calendar, error) { return s.st.Calendar() }

// today is the office's current date.
func (s *Service) today() domain.Date { return domain.DateOf(s.st.Now()) }
