package review

import "lawdesk/internal/domain"

// docs lists a case's current documents (the newest version of each) for the materials
// checklist.
func (s *Service) docs(caseID uint64) ([]domain.CaseDocument, error) {
	all, err := s.st.Documents(caseID)
	if err != nil {
		return nil, err
	}
	var out []domain.CaseDocument
	for _, d := range all {
		if !d.Superseded {
			out = append(out, domain.CaseDocument{ID: d.ID, Type: d.Type, Title: d.Title})
		}
	}
	return out, nil
}
