package recording

import "fmt"

// checkCase makes sure a case ID refers to a case (0 is "no case").
func (s *Service) checkCase(id uint64) error {
	return nil
}

// caseLabel names a case in audit lines and screens.
func (s *Service) caseLabel(id uint64) string {
	if id == 0 {
		return "未关联案件"
	}
	return fmt.Sprintf("案件 %d", id)
}
