package review

import (
	"fmt"
	"slices"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// SetMarks records the officer's marks on a case: complex, major public interest, or "send
// to review although no rule matches". Handling officers and the head may set them.
func (s *Service) SetMarks(sess office.Session, caseID uint64, m domain.ReviewMarks) error {
	c, err := s.handlerCase(sess, caseID, "标记案件的审核情形")
	if err != nil {
		return err
	}
	m.Note = strings.TrimSpace(m.Note)
	if m.Voluntary && m.Note == "" {
		return domain.Errorf(domain.EINVALID, "主动送审请写明理由。")
	}
	var what []string
	for _, f := range []struct {
		on    bool
		label string
	}{{m.Complex, "案情疑难复杂"}, {m.PublicInterest, "涉及重大公共利益"}, {m.Voluntary, "主动送审"}} {
		if f.on {
			what = append(what, f.label)
		}
	}
	summary := fmt.Sprintf("案件 %s 的审核情形：%s", c.Number, strings.Join(what, "、"))
	if len(what) == 0 {
		summary = fmt.Sprintf("案件 %s 取消审核情形标记", c.Number)
	}
	return s.st.SaveReviewMarks(sess.Actor(), caseID, m, summary)
}

// handlerCase loads a case sess handles (assigned officer, or the head) and may act on.
func (s *Service) handlerCase(sess office.Session, caseID uint64, what string) (domain.Case, error) {
	if err := domain.Require(sess.User, domain.PermReviewSubmit, what); err != nil {
		return domain.Case{}, err
	}
	c, err := s.rec.Case(sess, caseID)
	if err != nil {
		return c, err
	}
	if !c.Assigned(sess.User.OfficerID) && !sess.User.HasRole(domain.RoleHead) {
		return c, domain.Errorf(domain.EFORBIDDEN, "只有案件 %s 的承办人员或负责人可以%s。", c.Number, what)
	}
	if c.Locked() {
		return c, domain.Errorf(domain.ELOCKED, "案件 %s 已归档，不能%s。", c.Number, what)
	}
	return c, nil
}

// Materials lists the submission materials of a case from its documents, marking what is
// required and missing.
func (s *Service) Materials(sess office.Session, caseID uint64) ([]domain.Material, error) {
	if err := domain.Require(sess.User, domain.PermReviewView, "查看送审材料"); err != nil {
		return nil, err
	}
	c, err := s.rec.Case(sess, caseID)
	if err != nil {
		return nil, err
	}
	return s.materials(c)
}

func (s *Service) materials(c domain.Case) ([]domain.Material, error) {
	docs, err := s.docs(c.ID)
	if err != nil {
		return nil, err
	}
	completed := func(st domain.Stage) bool { _, ok := c.Completed(st); return ok }
	return domain.BuildMaterials(domain.DefaultMaterials()[c.Type], docs, completed), nil
}

// SubmitForm is what the handling officer fills in to send a case to review (送审).
type SubmitForm struct {
	CaseID    uint64
	Proposed  domain.ProposedDecision
	Reasons   string
	Responses []domain.PointResponse // for a resubmission: one answer per open point
}

// Submit sends a case to legal review, or back to it after a problem opinion. The materials
// come from the case's documents; a missing required material refuses the submission with
// the list of what is missing. The review's time limit starts the next working day.
func (s *Service) Submit(sess office.Session, f SubmitForm) (domain.Review, error) {
	c, err := s.handlerCase(sess, f.CaseID, "送审")
	if err != nil {
		return domain.Review{}, err
	}
	if _, decided := c.Completed(domain.StageDecide); decided {
		return domain.Review{}, domain.Errorf(domain.ECONFLICT, "案件 %s 已经作出决定，不能再送法制审核。", c.Number)
	}
	if c.Decision.NotDecidedReason != "" {
		return domain.Review{}, domain.Errorf(domain.ECONFLICT, "案件 %s 已决定不予作出决定（%s），无需法制审核。", c.Number, c.Decision.NotDecidedReason)
	}
	p := trimProposal(f.Proposed)
	a, err := s.assess(c, &p)
	if err != nil {
		return domain.Review{}, err
	}
	mats, err := s.materials(c)
	if err != nil {
		return domain.Review{}, err
	}
	cfg, err := s.Config()
	if err != nil {
		return domain.Review{}, err
	}
	cal, err := s.calendar()
	if err != nil {
		return domain.Review{}, err
	}
	deadline := cal.AddWorkingDays(s.today(), cfg.Policy.TimeLimitDays).Date
	handlers, err := s.handlerLogins(c)
	if err != nil {
		return domain.Review{}, err
	}
	sub := domain.Submission{Proposed: p, Reasons: strings.TrimSpace(f.Reasons), Materials: mats, Responses: f.Responses,
		By: sess.Actor(), ByName: sess.User.DisplayName(), At: s.st.Now(), Voluntarily: !a.Evaluation.Major()}
	checklist, err := s.roundChecklist(c, sub, cfg)
	if err != nil {
		return domain.Review{}, err
	}
	return s.st.UpdateReview(c.ID, sess.Actor(), "review.submit", func(r *domain.Review, _ store.ReviewTx) (string, error) {
		r.CaseNo, r.Party, r.Handlers, r.HandlerLogins = c.Number, c.Party.Name, slices.Clone(c.OfficerIDs), handlers
		r.MajorReasons = a.Reasons()
		if len(r.MajorReasons) == 0 {
			r.MajorReasons = []string{"承办人员主动送审"}
		}
		if err := r.Submit(sub, deadline); err != nil {
			return "", err
		}
		r.Rounds[len(r.Rounds)-1].Checklist = checklist
		return fmt.Sprintf("案件 %s 第 %d 次送法制审核，拟处理意见：%s，审核期限至 %s", c.Number, len(r.Rounds), p.Summary(), deadline), nil
	})
}

func trimProposal(p domain.ProposedDecision) domain.ProposedDecision {
	p.Content, p.Basis, p.Benchmark = strings.TrimSpace(p.Content), strings.TrimSpace(p.Basis), strings.TrimSpace(p.Benchmark)
	return p
}

// handlerLogins names the accounts of the case's officers, for the self-review refusal.
func (s *Service) handlerLogins(c domain.Case) ([]string, error) {
	users, err := s.st.Users()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, u := range users {
		if c.Assigned(u.OfficerID) {
			out = append(out, u.Name)
		}
	}
	return out, nil
}

// roundChecklist is the checklist a new round opens with, pre-filled from the record.
func (s *Service) roundChecklist(c domain.Case, sub domain.Submission, cfg domain.ReviewConfig) ([]domain.ChecklistItem, error) {
	checks, err := s.preChecks(c, sub)
	if err != nil {
		return nil, err
	}
	return domain.ApplyPreChecks(domain.NewChecklist(cfg.Checklist), cfg.Checklist, checks), nil
}

// refuseSelfReview keeps a reviewer from reviewing a case they handle or submitted.
func refuseSelfReview(sess office.Session, c domain.Case, r domain.Review) error {
	if c.Assigned(sess.User.OfficerID) || slices.Contains(r.HandlerLogins, sess.Actor()) || r.Latest().Submission.By == sess.Actor() {
		return domain.Errorf(domain.EFORBIDDEN, "您是案件 %s 的承办人员，不能审核自己承办的案件。请由其他法制审核人员审核。", c.Number)
	}
	return nil
}

// Workspace is everything the reviewer's screen shows for one case.
type Workspace struct {
	Assessment
	Materials []domain.Material
	PreChecks []domain.PreCheckResult // as of now (the round keeps what it saw when opened)
	CanReview bool                    // sess may give the opinion on the pending round
	Why       string                  // why not, when CanReview is false
}

// Open loads a case's review for the screen and logs the view (调阅监督).
func (s *Service) Open(sess office.Session, caseID uint64) (Workspace, error) {
	if err := domain.Require(sess.User, domain.PermReviewView, "查看法制审核"); err != nil {
		return Workspace{}, err
	}
	c, err := s.rec.Case(sess, caseID)
	if err != nil {
		return Workspace{}, err
	}
	a, err := s.assess(c, nil)
	if err != nil {
		return Workspace{}, err
	}
	w := Workspace{Assessment: a}
	if a.Submitted && domain.Allowed(sess.User.Roles, domain.PermCaseView) {
		// an opinion whose filing failed earlier is filed now
		if err := s.fileOpinions(sess, c, a.Review); err != nil {
			return w, err
		}
	}
	if w.Materials, err = s.materials(c); err != nil {
		return w, err
	}
	if w.PreChecks, err = s.preChecks(c, a.Review.Latest().Submission); err != nil {
		return w, err
	}
	switch {
	case !a.Submitted || a.Review.Status != domain.ReviewPending:
		w.Why = "没有待审核的送审。"
	case !domain.Allowed(sess.User.Roles, domain.PermReviewOpinion):
		w.Why = "只有法制审核人员可以出具审核意见。"
	default:
		if err := refuseSelfReview(sess, c, a.Review); err != nil {
			w.Why = domain.ErrorMessage(err)
		} else {
			w.CanReview = true
		}
	}
	return w, s.st.LogAccess(sess.Actor(), "review.view", store.CaseTarget(c.ID), "查看案件 "+c.Number+" 的法制审核")
}

// OpinionForm is what the reviewer records on the pending round.
type OpinionForm struct {
	CaseID    uint64
	Checklist []domain.ChecklistItem
	Opinion   domain.Opinion
	Reasons   string
}

// RecordOpinion gives the pending round its opinion and numbers the 法制审核意见书. Only a
// reviewer who does not handle the case may; 同意 needs every element examined and every
// problem resolved or explained.
func (s *Service) RecordOpinion(sess office.Session, f OpinionForm) (domain.Review, error) {
	if err := domain.Require(sess.User, domain.PermReviewOpinion, "出具法制审核意见"); err != nil {
		return domain.Review{}, err
	}
	c, err := s.rec.Case(sess, f.CaseID)
	if err != nil {
		return domain.Review{}, err
	}
	ag, _, err := s.st.Agency()
	if err != nil {
		return domain.Review{}, err
	}
	now := s.st.Now()
	r, err := s.st.UpdateReview(c.ID, sess.Actor(), "review.opinion", func(r *domain.Review, t store.ReviewTx) (string, error) {
		if len(r.Rounds) == 0 {
			return "", domain.Errorf(domain.ENOTFOUND, "案件 %s 还没有送法制审核。", c.Number)
		}
		if err := refuseSelfReview(sess, c, *r); err != nil {
			return "", err
		}
		if r.Status != domain.ReviewPending {
			return "", domain.Errorf(domain.ECONFLICT, "案件 %s 当前%s，没有待审核的送审。", c.Number, r.Status.Label())
		}
		no, err := t.NextOpinionNo(ag.ShortName, now.Year())
		if err != nil {
			return "", err
		}
		err = r.RecordOpinion(domain.OpinionInput{Reviewer: sess.Actor(), ReviewerName: sess.User.DisplayName(),
			Checklist: f.Checklist, Opinion: f.Opinion, Reasons: f.Reasons, At: now, No: no})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("案件 %s 第 %d 轮法制审核意见：%s（%s）", c.Number, len(r.Rounds), f.Opinion.Label(), no), nil
	})
	if err != nil {
		return r, err
	}
	if err := s.fileOpinions(sess, c, r); err != nil {
		return r, domain.Wrap(err, domain.ErrorCode(err), "审核意见已出具（%s），但意见书未能归入案卷文书：%s 下次打开本案的法制审核时会自动重试。",
			r.Latest().OpinionNo, domain.ErrorMessage(err))
	}
	return r, nil
}

// Extend extends the pending round's time limit once by the office's extension, with a
// reason (reviewers only).
func (s *Service) Extend(sess office.Session, caseID uint64, reason string) (domain.Review, error) {
	if err := domain.Require(sess.User, domain.PermReviewOpinion, "延长审核期限"); err != nil {
		return domain.Review{}, err
	}
	c, err := s.rec.Case(sess, caseID)
	if err != nil {
		return domain.Review{}, err
	}
	return s.st.UpdateReview(c.ID, sess.Actor(), "review.extend", func(r *domain.Review, _ store.ReviewTx) (string, error) {
		if len(r.Rounds) == 0 {
			return "", domain.Errorf(domain.ENOTFOUND, "案件 %s 还没有送法制审核。", c.Number)
		}
		days, due, err := s.ExtendedDeadline(*r)
		if err != nil {
			return "", err
		}
		if err := r.Extend(reason, due); err != nil {
			return "", err
		}
		return fmt.Sprintf("案件 %s 第 %d 轮审核期限延长 %d 个工作日至 %s（理由：%s）", c.Number, len(r.Rounds), days, due, strings.TrimSpace(reason)), nil
	})
}

// ExtendedDeadline is what an extension of r's pending round would give: the office's
// extension in working days and the deadline after it, for the dialog to say beforehand.
func (s *Service) ExtendedDeadline(r domain.Review) (int, domain.Date, error) {
	cfg, err := s.Config()
	if err != nil {
		return 0, domain.Date{}, err
	}
	if cfg.Policy.ExtensionDays == 0 {
		return 0, domain.Date{}, domain.Errorf(domain.EINVALID, "本单位设置的审核期限不可延长（可延长天数为 0）。")
	}
	cal, err := s.calendar()
	if err != nil {
		return 0, domain.Date{}, err
	}
	return cfg.Policy.ExtensionDays, cal.AddWorkingDays(r.Latest().Deadline, cfg.Policy.ExtensionDays).Date, nil
}

// RequestCoordination records the handling unit's disagreement with the latest opinion and
// sends the case to the office head.
func (s *Service) RequestCoordination(sess office.Session, caseID uint64, disagreement string) (domain.Review, error) {
	c, err := s.handlerCase(sess, caseID, "提请负责人协调")
	if err != nil {
		return domain.Review{}, err
	}
	return s.st.UpdateReview(c.ID, sess.Actor(), "review.coordinate", func(r *domain.Review, _ store.ReviewTx) (string, error) {
		if err := r.RequestCoordination(sess.Actor(), sess.User.DisplayName(), disagreement, s.st.Now()); err != nil {
			return "", err
		}
		return fmt.Sprintf("案件 %s 承办机构对第 %d 轮审核意见有不同意见，提请负责人协调", c.Number, len(r.Rounds)), nil
	})
}

// ConcludeForm is the head's record of coordination or collective discussion.
type ConcludeForm struct {
	CaseID       uint64
	Method       string
	HeldOn       domain.Date
	Participants []string
	Conclusion   string
	Outcome      domain.CoordinationOutcome
}

// Conclude records the head's conclusion (负责人 only).
func (s *Service) Conclude(sess office.Session, f ConcludeForm) (domain.Review, error) {
	if err := domain.Require(sess.User, domain.PermReviewCoordinate, "作出协调结论"); err != nil {
		return domain.Review{}, err
	}
	c, err := s.rec.Case(sess, f.CaseID)
	if err != nil {
		return domain.Review{}, err
	}
	if f.HeldOn.After(s.today()) {
		return domain.Review{}, domain.Errorf(domain.EINVALID, "协调日期 %s 晚于今天，请检查。", f.HeldOn)
	}
	return s.st.UpdateReview(c.ID, sess.Actor(), "review.conclude", func(r *domain.Review, _ store.ReviewTx) (string, error) {
		if r.CaseNo == "" {
			r.CaseNo = c.Number // a case never submitted: its refusal still names it
		}
		err := r.Conclude(domain.ConclusionInput{Head: sess.Actor(), HeadName: sess.User.DisplayName(), Method: f.Method,
			HeldOn: f.HeldOn, Participants: f.Participants, Conclusion: f.Conclusion, Outcome: f.Outcome, At: s.st.Now()})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("案件 %s %s结论：%s", c.Number, f.Method, f.Outcome.Label()), nil
	})
}
