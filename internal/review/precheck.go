package review

import (
	"lawdesk/internal/domain"
)

// FileWithinWorkingDays is the time from 受理/发现线索 to 立案 for a penalty case under the
// general procedure (《市场监督管理行政处罚程序规定》第十八条: 十五个工作日).
const FileWithinWorkingDays = 15

// preChecks runs every pre-check LawDesk can from the record: the officers' certificates on
// each completed enforcement stage, two officers at each, the case's time limits, the
// submission's materials and its benchmark range.
func (s *Service) preChecks(c domain.Case, sub domain.Submission) ([]domain.PreCheckResult, error) {
	cal, err := s.calendar()
	if err != nil {
		return nil, err
	}
	byID := map[uint64]domain.Officer{}
	if all, err := s.st.Officers(); err == nil {
		for _, o := range all {
			byID[o.ID] = o
		}
	}
	var assigned []domain.Officer
	for _, id := range c.OfficerIDs {
		if o, ok := byID[id]; ok {
			assigned = append(assigned, o)
		}
	}
	var att []domain.StageAttendance
	for _, p := range c.Path() {
		if !domain.EnforcementStage(p.Stage) {
			continue
		}
		if rec, ok := c.Completed(p.Stage); ok {
			att = append(att, domain.StageAttendance{Stage: p.Stage, Date: rec.Date, Officers: assigned})
		}
	}
	var deadlines []domain.DeadlineFact
	if c.Type == domain.ActPenalty && c.Procedure == domain.ProcedureGeneral {
		filed := c.Filed()
		if !c.Opened.IsZero() {
			due := cal.AddWorkingDays(c.Opened, FileWithinWorkingDays).Date
			deadlines = append(deadlines, domain.DeadlineFact{Name: "立案期限（受理后十五个工作日）", Due: due, Done: filed})
		}
		if !filed.IsZero() {
			var decided domain.Date
			if rec, ok := c.Completed(domain.StageDecide); ok {
				decided = rec.Date
			}
			deadlines = append(deadlines, domain.DeadlineFact{Name: "办案期限（立案后九十日内作出决定）",
				Due: filed.AddDays(domain.DecideWithinDays), Done: decided})
		}
	}
	return []domain.PreCheckResult{
		domain.CheckCertificates(att),
		domain.CheckTwoOfficers(att),
		domain.CheckDeadlines(deadlines, s.today()),
		domain.CheckMaterials(sub.Materials),
		domain.CheckBenchmark(sub.Proposed),
	}, nil
}
