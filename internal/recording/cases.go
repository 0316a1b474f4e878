package recording

import (
	"fmt"
	"slices"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// What this package offers the cases screens (internal/record owns cases; this package
// only refers to them by ID): a case's recordings, which must-record stages still lack
// one, and how many came in late.

// CaseRecordings is what a case shows about its audio-video records.
type CaseRecordings struct {
	Recordings []domain.Recording
	Required   []domain.Stage // stages that must be recorded (音像记录事项清单 or the defaults)
	Missing    []domain.Stage // of those, stages that have happened and have no recording yet
	Late       int            // recordings imported more than 24 hours after capture
}

// ForCase returns the recordings of a case and the state of its must-record stages.
func (s *Service) ForCase(sess office.Session, caseID uint64) (CaseRecordings, error) {
	if err := domain.Require(sess.User, domain.PermViewRecording, "查看音像记录"); err != nil {
		return CaseRecordings{}, err
	}
	c, err := s.st.Case(caseID)
	if err != nil {
		return CaseRecordings{}, err
	}
	if !c.MaySee(sess.User) {
		return CaseRecordings{}, domain.Errorf(domain.EFORBIDDEN, "您不是案件 %s 的承办人员，不能查看它的音像记录。", c.Number)
	}
	return s.caseRecordings(c)
}

// MissingStages lists the stages of a case that must be recorded, have happened and have
// no recording attached yet (the must-record rule). Empty when nothing is missing.
func (s *Service) MissingStages(caseID uint64) ([]domain.Stage, error) {
	c, err := s.st.Case(caseID)
	if err != nil {
		return nil, err
	}
	cr, err := s.caseRecordings(c)
	return cr.Missing, err
}

func (s *Service) caseRecordings(c domain.Case) (CaseRecordings, error) {
	var out CaseRecordings
	recs, err := s.st.Recordings(store.RecordingFilter{CaseID: c.ID})
	if err != nil {
		return out, err
	}
	out.Recordings = recs
	matter, err := s.matterOf(c)
	if err != nil {
		return out, err
	}
	out.Required = domain.MustRecordStages(c, matter)
	covered := map[domain.Stage]bool{}
	for _, r := range recs {
		covered[r.Stage] = true
		if r.Late() {
			out.Late++
		}
	}
	for _, st := range out.Required {
		if domain.RecordingDue(c, st) && !covered[st] {
			out.Missing = append(out.Missing, st)
		}
	}
	return out, nil
}

// matterOf is the matter of c from the list of matters, nil when it has none (or it was
// removed from the list).
func (s *Service) matterOf(c domain.Case) (*domain.Matter, error) {
	if c.MatterID == 0 {
		return nil, nil
	}
	m, err := s.st.Matter(c.MatterID)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// CaseChoice is a case offered in the import screen's case chooser.
type CaseChoice struct {
	ID     uint64
	Number string
	Title  string // number, party and matter, for the chooser
	Stage  domain.Stage
}

// CaseChoices lists the open cases sess may attach recordings to, newest first.
func (s *Service) CaseChoices(sess office.Session) ([]CaseChoice, error) {
	if err := domain.Require(sess.User, domain.PermLabelRecording, "标注音像记录"); err != nil {
		return nil, err
	}
	q := store.CaseQuery{Pending: true, Limit: 500}
	if !domain.SeesAllCases(sess.User) {
		if sess.User.OfficerID == 0 {
			return nil, nil
		}
		q.OnlyOfficer = sess.User.OfficerID
	}
	page, err := s.st.Cases(q)
	if err != nil {
		return nil, err
	}
	out := make([]CaseChoice, 0, len(page.Cases))
	for _, c := range page.Cases {
		party := c.Party.Name
		if c.Secrecy.NeedsReason() {
			party = domain.MaskName(party)
		}
		out = append(out, CaseChoice{ID: c.ID, Number: c.Number, Stage: c.Stage,
			Title: fmt.Sprintf("%s  %s  %s", c.Number, party, c.MatterName)})
	}
	return out, nil
}

// CaseByNumber finds the case a recording is to be attached to by its number (typed in any
// common form), checking sess may attach to it.
func (s *Service) CaseByNumber(sess office.Session, number string) (domain.Case, error) {
	c, err := s.st.CaseByNumber(number)
	if err != nil {
		return c, err
	}
	return c, s.checkCaseFor(sess, c.ID)
}

// checkCaseFor makes sure a case ID refers to a case sess may attach recordings to (0 is
// "no case"): it exists, sess may see it, and it is not archived.
func (s *Service) checkCaseFor(sess office.Session, id uint64) error {
	if id == 0 {
		return nil
	}
	c, err := s.st.Case(id)
	if err != nil {
		return err
	}
	if !c.MaySee(sess.User) {
		return domain.Errorf(domain.EFORBIDDEN, "您不是案件 %s 的承办人员，不能把音像记录关联到这个案件。", c.Number)
	}
	if c.Locked() {
		return domain.Errorf(domain.ELOCKED, "案件 %s 已于 %s 归档，不能再关联新的音像记录。", c.Number, c.Archived)
	}
	return nil
}

// caseLabel names a case in audit lines and screens.
func (s *Service) caseLabel(id uint64) string {
	if id == 0 {
		return "未关联案件"
	}
	if c, err := s.st.Case(id); err == nil {
		return c.Number
	}
	return fmt.Sprintf("案件 %d", id)
}

// CaseNumbers maps case IDs to their numbers, for lists of recordings.
func (s *Service) CaseNumbers(ids []uint64) map[uint64]string {
	out := map[uint64]string{}
	for _, id := range ids {
		if _, ok := out[id]; !ok && id != 0 {
			out[id] = s.caseLabel(id)
		}
	}
	return out
}

// missingTodos lists, for the dashboard, the open cases whose must-record stages lack a
// recording: officers see their own cases, the head and admins the whole office.
func (s *Service) missingTodos(sess office.Session) ([]domain.Todo, error) {
	// the stages, history and matter of a case are all the rule needs: the slim cases of the
	// statistics index, not every case in hand decoded whole
	q := store.CaseQuery{Pending: true, Limit: 10000, Slim: true}
	if !domain.SeesAllCases(sess.User) {
		if sess.User.OfficerID == 0 {
			return nil, nil
		}
		q.OnlyOfficer = sess.User.OfficerID
	}
	page, err := s.st.Cases(q)
	if err != nil {
		return nil, err
	}
	var out []domain.Todo
	matters := map[uint64]*domain.Matter{} // a county's cases share a few hundred matters
	for _, c := range page.Cases {
		if c.Locked() {
			continue
		}
		m, ok := matters[c.MatterID]
		if !ok {
			if m, err = s.matterOf(c); err != nil {
				return nil, err
			}
			matters[c.MatterID] = m
		}
		if !slices.ContainsFunc(domain.MustRecordStages(c, m), func(st domain.Stage) bool { return domain.RecordingDue(c, st) }) {
			continue // nothing due yet: no need to read the case's recordings
		}
		cr, err := s.caseRecordings(c)
		if err != nil {
			return nil, err
		}
		if len(cr.Missing) == 0 {
			continue
		}
		out = append(out, domain.Todo{Kind: "音像记录", Severity: domain.SeverityOverdue,
			Target: fmt.Sprintf("cases:%d", c.ID),
			Title:  fmt.Sprintf("案件 %s 缺少“%s”环节的音像记录", c.Number, domain.StageLabels(cr.Missing)),
			Detail: "按音像记录事项清单，这些环节必须全程音像记录。请导入并关联到该案件的相应环节。"})
	}
	return out, nil
}
