// Package record owns the full-process text record (全过程记录, DOMAIN.md §2.1, §2.3, §2.4):
// cases from registration to archive, their stages and decision, their documents (scans
// and PDFs) with previews and full-text search, the access log of every view, export and
// print, and the archived dossier. Every method takes the signed-in session, checks who may
// do it, validates and calls the store.
package record

import (
	"strings"
	"sync"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// Service is the record service over one store.
type Service struct {
	st *store.Store

	mu     sync.Mutex
	gates  []StageGate
	grants map[grantKey]time.Time // secret cases opened with a reason, until when
}

// StageGate is a rule another capability adds to stage completion: it is called with the
// case (its decision filled in) and the stage about to be completed, before anything is
// written. An error stops the completion and is shown to the user as it is, so it should
// be a domain error saying in Chinese what is missing. The legal-review capability uses it
// to block 决定 until the review has passed.
type StageGate func(c domain.Case, stage domain.Stage) error

// New returns the record service.
func New(st *store.Store) *Service {
	return &Service{st: st, grants: map[grantKey]time.Time{}}
}

// AddStageGate adds a gate every stage completion must pass (see StageGate).
func (s *Service) AddStageGate(g func(c domain.Case, stage domain.Stage) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gates = append(s.gates, g)
}

func (s *Service) stageGates() []StageGate {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]StageGate(nil), s.gates...)
}

// today is the office's current date.
func (s *Service) today() domain.Date { return domain.DateOf(s.st.Now()) }

// change is the audit description of a change made by sess.
func change(sess office.Session, reason string) store.Change {
	return store.Change{Actor: sess.Actor(), Reason: strings.TrimSpace(reason)}
}
