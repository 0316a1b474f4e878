package record

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// StageStep is the completion of a case's current stage.
type StageStep struct {
	CaseID    uint64
	Date      domain.Date  // when the stage was done; zero means today
	OfficerID uint64       // the officer responsible; must be assigned to the case
	Note      string       // what was done
	Next      domain.Stage // the stage that follows (one of Case.NextStages); "" when archiving
	// NotDecidedReason closes the case without a decision (不予立案, 撤销立案, 不予处罚…):
	// allowed before 决定, and Next must then be 结案.
	NotDecidedReason string
}

// CompleteStage completes the case's current stage and moves it on to step.Next. It is the
// one way a stage is completed, so every rule is checked here: the transition is allowed,
// the date is sensible, the responsible officer is assigned, at least two assigned officers
// hold valid certificates on the date of an enforcement stage, 决定 has its decision, 结案
// has its decision (or reason), service and execution, 归档 has a complete dossier; and
// every gate other capabilities added (AddStageGate) agrees.
func (s *Service) CompleteStage(sess office.Session, step StageStep) (domain.Case, error) {
	c, err := s.editable(sess, step.CaseID, "办理案件环节")
	if err != nil {
		return c, err
	}
	stage := c.Stage
	if step.Date.IsZero() {
		step.Date = s.today()
	}
	step.Note = strings.TrimSpace(step.Note)
	if utf8.RuneCountInString(step.Note) > 1000 {
		return c, domain.Errorf(domain.EINVALID, "“办理情况”最多 1000 个字。")
	}
	if reason := strings.TrimSpace(step.NotDecidedReason); reason != "" {
		if c.Stage.Index() >= domain.StageDecide.Index() {
			return c, domain.Errorf(domain.EINVALID, "案件 %s 已到“%s”环节，不能再以“不予决定”结案。", c.Number, c.Stage.Label())
		}
		c.Decision = domain.Decision{NotDecidedReason: reason}
		step.Next = domain.StageClose
	}
	if err := c.CanAdvance(step.Next); err != nil {
		return c, err
	}
	if err := s.checkStepDate(c, step.Date); err != nil {
		return c, err
	}
	if step.OfficerID == 0 {
		step.OfficerID = sess.User.OfficerID
	}
	if stage == domain.StageArchive && !c.Assigned(step.OfficerID) {
		step.OfficerID = 0 // an archivist or the head may form the dossier
	} else if !c.Assigned(step.OfficerID) {
		return c, domain.Errorf(domain.EINVALID, "请选择“%s”环节的负责人：必须是案件 %s 的承办人员。", stage.Label(), c.Number)
	}
	if domain.EnforcementStage(stage) && c.Decision.NotDecidedReason == "" {
		if err := s.checkOfficers(c.OfficerIDs, step.Date, stage.Label()); err != nil {
			return c, err
		}
	}
	switch stage {
	case domain.StageDecide:
		if err := c.Decision.Validate(c.Type, c.Procedure); err != nil {
			return c, domain.Errorf(domain.EINVALID, "完成“决定”前请先填写决定内容：%s", domain.ErrorMessage(err))
		}
		if !c.Decision.Decided() {
			return c, domain.Errorf(domain.EINVALID, "完成“决定”前请先填写决定内容（决定日期、处罚种类、文号）。")
		}
	case domain.StageClose:
		if err := c.CanClose(); err != nil {
			return c, err
		}
	}
	for _, gate := range s.stageGates() {
		if err := gate(c, stage); err != nil {
			return c, err
		}
	}
	c.History = append(c.History, domain.StageRecord{Stage: stage, Date: step.Date, OfficerID: step.OfficerID,
		Note: step.Note, Actor: sess.Actor(), At: s.st.Now()})
	summary := fmt.Sprintf("案件 %s 完成“%s”（%s）", c.Number, stage.Label(), step.Date)
	action := "case.stage"
	switch stage {
	case domain.StageAccept:
		if c.Opened.IsZero() {
			c.Opened = step.Date
		}
	case domain.StageClose:
		c.Closed = step.Date
	case domain.StageArchive:
		return s.archive(sess, c, step)
	}
	if c.Decision.NotDecidedReason != "" && step.Next == domain.StageClose && stage.Index() < domain.StageDecide.Index() {
		summary += "，不予决定：" + c.Decision.NotDecidedReason
	}
	c.Stage = step.Next
	summary += "，进入“" + step.Next.Label() + "”"
	return s.st.SaveCase(change(sess, ""), c, action, summary)
}

// checkStepDate refuses a date in the future or before the stage the case came from.
func (s *Service) checkStepDate(c domain.Case, d domain.Date) error {
	if !d.Valid() {
		return domain.Errorf(domain.EINVALID, "“办理日期”不是有效日期。")
	}
	if d.After(s.today()) {
		return domain.Errorf(domain.EINVALID, "“办理日期”%s 晚于今天，请检查。", d)
	}
	for i := len(c.History) - 1; i >= 0; i-- {
		if h := c.History[i]; !h.Back {
			if d.Before(h.Date) {
				return domain.Errorf(domain.EINVALID, "“办理日期”%s 早于上一环节“%s”的日期 %s，请检查。", d, h.Stage.Label(), h.Date)
			}
			break
		}
	}
	if !c.Opened.IsZero() && d.Before(c.Opened) {
		return domain.Errorf(domain.EINVALID, "“办理日期”%s 早于受理日期 %s，请检查。", d, c.Opened)
	}
	return nil
}

// SetDecision records (or corrects) the decision while the case is at 决定.
func (s *Service) SetDecision(sess office.Session, caseID uint64, d domain.Decision) (domain.Case, error) {
	c, err := s.editable(sess, caseID, "填写决定")
	if err != nil {
		return c, err
	}
	if c.Stage != domain.StageDecide {
		return c, domain.Errorf(domain.EINVALID, "案件 %s 当前在“%s”环节；决定内容在“决定”环节填写。", c.Number, c.Stage.Label())
	}
	d.DocNumber = strings.TrimSpace(d.DocNumber)
	d.Summary = strings.TrimSpace(d.Summary)
	d.NotDecidedReason = ""
	if d.DocNumber != "" {
		canon, err := domain.CanonicalCaseNumber(d.DocNumber)
		if err != nil {
			return c, domain.Errorf(domain.EINVALID, "“决定书文号”“%s”无法识别，应为“机关代字〔年份〕序号号”的形式，例如 青市监处罚〔2026〕12号。", d.DocNumber)
		}
		d.DocNumber = canon
	}
	if err := d.Validate(c.Type, c.Procedure); err != nil {
		return c, err
	}
	if err := s.checkStepDate(c, d.Date); err != nil {
		return c, domain.Errorf(domain.EINVALID, "决定日期：%s", strings.ReplaceAll(domain.ErrorMessage(err), "“办理日期”", ""))
	}
	if _, held := c.Completed(domain.StageHearing); held {
		d.HearingHeld = true
	}
	c.Decision = d
	what := "决定"
	if len(d.Kinds) > 0 {
		what = domain.PenaltyLabels(d.Kinds)
	}
	return s.st.SaveCase(change(sess, ""), c, "case.decision", fmt.Sprintf("案件 %s 填写决定：%s（%s）", c.Number, what, d.Date))
}

// GoBack sends a case back to an earlier stage (e.g. 补充调查) with a written reason. The
// stages after it must then be done again; their earlier records stay in the history.
func (s *Service) GoBack(sess office.Session, caseID uint64, to domain.Stage, reason string) (domain.Case, error) {
	c, err := s.editable(sess, caseID, "退回案件环节")
	if err != nil {
		return c, err
	}
	reason = strings.TrimSpace(reason)
	if err := c.CanGoBack(to, reason); err != nil {
		return c, err
	}
	from := c.Stage
	c.History = append(c.History, domain.StageRecord{Stage: to, From: from, Back: true, Date: s.today(),
		OfficerID: sess.User.OfficerID, Note: reason, Actor: sess.Actor(), At: s.st.Now()})
	c.Stage = to
	if to.Index() <= domain.StageClose.Index() {
		c.Closed = domain.Date{}
	}
	if to.Index() <= domain.StageDecide.Index() && c.Decision.NotDecidedReason != "" {
		c.Decision = domain.Decision{}
	}
	return s.st.SaveCase(store.Change{Actor: sess.Actor(), Reason: reason}, c, "case.back",
		fmt.Sprintf("案件 %s 从“%s”退回到“%s”", c.Number, from.Label(), to.Label()))
}
