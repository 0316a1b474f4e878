package review

import "lawdesk/internal/domain"

// docs lists a case's current documents for the materials checklist.
//
// TEMPORARY: the documents of the record capability are not on main yet; until they are,
// a case has no documents here. Replaced when they land.
func (s *Service) docs(caseID uint64) ([]domain.CaseDocument, error) { return nil, nil }
