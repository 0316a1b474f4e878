// Package review owns the legal review of major enforcement decisions (重大执法决定法制审核,
// DOMAIN.md §3): the office's catalogue of what is major and its evaluation over a case,
// submission by the handling officer, the reviewer's checklist with pre-checks from the
// record, opinions and rounds, coordination by the office head, the review time limit, the
// staffing rule, the printed opinion — and the gate that keeps a major case's decision from
// being completed until the review has passed.
package review

import (
	"lawdesk/internal/store"
	"lawdesk/internal/workday"
)

// Service is the legal-review service over one store.
type Service struct {
	st *store.Store
	// calendar is the working-day calendar the time limits are counted in.
	calendar func() *workday.Calendar
}

// New returns the review service.
func New(st *store.Store) *Service {
	return &Service{st: st, calendar: workday.Builtin}
}
