package record

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// CreateCase registers a new case in stage 受理登记. An empty Number is generated strictly
// by the office's rule; a typed Number (an older case entered afterwards) is read leniently
// and stored in its canonical form, and must not be taken already. At least two officers
// with certificates valid on the opening date must be assigned.
func (s *Service) CreateCase(sess office.Session, c domain.Case) (domain.Case, error) {
	if err := domain.Require(sess.User, domain.PermCaseCreate, "登记案件"); err != nil {
		return c, err
	}
	c = trimCase(c)
	if c.Opened.IsZero() {
		c.Opened = s.today()
	}
	if c.Retention == "" {
		c.Retention = domain.DefaultRetention(c.Procedure)
	}
	c.ID, c.Stage, c.History, c.Decision, c.Closed, c.Archived, c.ArchiveNo, c.Annotations =
		0, domain.StageAccept, nil, domain.Decision{}, domain.Date{}, domain.Date{}, "", nil
	if err := s.checkCase(sess, &c); err != nil {
		return c, err
	}
	if !domain.SeesAllCases(sess.User) && !c.Assigned(sess.User.OfficerID) {
		return c, domain.Errorf(domain.EINVALID, "您不在这个案件的“承办人员”中，登记后将无法查看它。请把自己加入承办人员，或请负责人登记。")
	}
	var numbering *store.CaseNumbering
	if c.Number == "" {
		rule, err := s.NumberRule()
		if err != nil {
			return c, err
		}
		ag, _, err := s.st.Agency()
		if err != nil {
			return c, err
		}
		numbering = &store.CaseNumbering{Rule: rule, AgencyShort: ag.ShortName, Year: c.Opened.Year}
	} else {
		canon, err := domain.CanonicalCaseNumber(c.Number)
		if err != nil {
			return c, err
		}
		c.Number = canon
	}
	return s.st.CreateCase(change(sess, ""), c, numbering)
}

// UpdateCase changes a case's registered facts (party, matter, officers, facts, …); its
// stages and decision change only through CompleteStage, GoBack and SetDecision.
func (s *Service) UpdateCase(sess office.Session, c domain.Case) (domain.Case, error) {
	old, err := s.editable(sess, c.ID, "修改案件")
	if err != nil {
		return c, err
	}
	c = trimCase(c)
	if c.Number == "" {
		c.Number = old.Number
	} else if canon, err := domain.CanonicalCaseNumber(c.Number); err != nil {
		return c, err
	} else {
		c.Number = canon
	}
	// what only the workflow may change
	c.Stage, c.Status, c.History, c.Decision = old.Stage, old.Status, old.History, old.Decision
	c.Closed, c.Archived, c.ArchiveNo, c.Annotations = old.Closed, old.Archived, old.ArchiveNo, old.Annotations
	c.Created, c.CreatedBy, c.Updated = old.Created, old.CreatedBy, old.Updated
	if c.Opened.IsZero() {
		c.Opened = old.Opened
	}
	if err := s.checkCase(sess, &c); err != nil {
		return c, err
	}
	return s.st.SaveCase(change(sess, ""), c, "case.update", "修改案件 "+c.Number+" 的登记信息")
}

// checkCase validates a case and resolves its matter and officers.
func (s *Service) checkCase(sess office.Session, c *domain.Case) error {
	if c.MatterID != 0 {
		m, err := s.st.Matter(c.MatterID)
		if err != nil {
			return err
		}
		if c.MatterName == "" {
			c.MatterName = m.Name
		}
		if c.Type == "" {
			c.Type = m.Type
		}
		if m.Type != c.Type {
			return domain.Errorf(domain.EINVALID, "执法事项“%s”属于%s，与案件的执法类别“%s”不一致。", m.Name, m.Type.Label(), c.Type.Label())
		}
	}
	if err := c.Validate(); err != nil {
		return err
	}
	if c.Procedure == domain.ProcedureSimple && c.Type != domain.ActPenalty {
		return domain.Errorf(domain.EINVALID, "简易程序只适用于行政处罚案件；%s请选择“普通程序”。", c.Type.Label())
	}
	if c.Opened.After(s.today()) {
		return domain.Errorf(domain.EINVALID, "“受理日期”%s 晚于今天，请检查。", c.Opened)
	}
	return s.checkOfficers(c.OfficerIDs, c.Opened, "承办")
}

// checkOfficers requires every listed officer to exist, still work here and hold a
// certificate valid on day.
func (s *Service) checkOfficers(ids []uint64, day domain.Date, what string) error {
	for _, id := range ids {
		o, err := s.st.Officer(id)
		if err != nil {
			return err
		}
		switch {
		case o.Left:
			return domain.Errorf(domain.EINVALID, "执法人员“%s”已不在本单位，不能%s案件。", o.Name, what)
		case o.CertNo == "":
			return domain.Errorf(domain.EINVALID, "执法人员“%s”没有执法证，不能%s案件。请选择持有有效执法证的人员。", o.Name, what)
		case !o.CertValid(day):
			return domain.Errorf(domain.EINVALID, "执法人员“%s”的执法证（%s）已于 %s 到期，%s不能%s案件。请选择持有有效执法证的人员。",
				o.Name, o.CertNo, o.ValidUntil, day, what)
		}
	}
	return nil
}

func trimCase(c domain.Case) domain.Case {
	for _, f := range []*string{&c.Number, &c.MatterName, &c.HandlingUnit, &c.Facts, &c.Party.Name,
		&c.Party.IDNumber, &c.Party.LegalRep, &c.Party.Contact, &c.Party.Address} {
		*f = strings.TrimSpace(*f)
	}
	if c.Party.Kind == domain.PartyOrganisation {
		c.Party.IDNumber = strings.ToUpper(c.Party.IDNumber)
	} else {
		c.Party.IDNumber = strings.ToUpper(c.Party.IDNumber)
		c.Party.LegalRep = ""
	}
	return c
}

// grantKey identifies a secret case opened by one user with a reason.
type grantKey struct{ user, caseID uint64 }

// grantDuration is how long a reason given to open a secret case lasts.
const grantDuration = 8 * time.Hour

func (s *Service) granted(u domain.User, caseID uint64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.Now().Before(s.grants[grantKey{u.ID, caseID}])
}

// errReasonRequired marks the refusal to open a 涉密 or 个人隐私 case without a reason.
var errReasonRequired = errors.New("reason required")

func reasonRequired(code domain.Code, format string, args ...any) error {
	return domain.Wrap(errReasonRequired, code, format, args...)
}

// NeedsReason reports whether err is the refusal to open a secret case without a reason;
// the window then asks for one and calls OpenCase with it.
func NeedsReason(err error) bool { return errors.Is(err, errReasonRequired) }

// visible loads a case and checks sess may see it. A 涉密 or 个人隐私 case must have been
// opened with a reason first (OpenCase) unless secretOK.
func (s *Service) visible(sess office.Session, id uint64, secretOK bool) (domain.Case, error) {
	if err := domain.Require(sess.User, domain.PermCaseView, "查看案件"); err != nil {
		return domain.Case{}, err
	}
	c, err := s.st.Case(id)
	if err != nil {
		return c, err
	}
	if !c.MaySee(sess.User) {
		return domain.Case{}, domain.Errorf(domain.EFORBIDDEN, "您不是案件 %s 的承办人员，不能查看。只有承办人员、法制审核人员、负责人和管理员可以查看案件。", c.Number)
	}
	if !secretOK && c.Secrecy.NeedsReason() && !s.granted(sess.User, id) {
		return domain.Case{}, reasonRequired(domain.EFORBIDDEN, "案件 %s 标记为“%s”，查看前需要填写调阅理由，理由会记入调阅记录。", c.Number, c.Secrecy.Label())
	}
	return c, nil
}

// editable loads a case sess may change: visible, not archived, and sess assigned to it
// (or the head or an administrator).
func (s *Service) editable(sess office.Session, id uint64, what string) (domain.Case, error) {
	if err := domain.Require(sess.User, domain.PermCaseEdit, what); err != nil {
		return domain.Case{}, err
	}
	c, err := s.visible(sess, id, false)
	if err != nil {
		return c, err
	}
	if !sess.User.HasAnyRole(domain.RoleHead, domain.RoleAdmin) && !c.Assigned(sess.User.OfficerID) {
		return c, domain.Errorf(domain.EFORBIDDEN, "只有案件 %s 的承办人员、负责人或管理员可以%s。", c.Number, what)
	}
	if c.Locked() {
		return c, domain.Errorf(domain.ELOCKED, "案件 %s 已于 %s 归档，不能%s，只能添加备注。", c.Number, c.Archived, what)
	}
	return c, nil
}

// Case returns a case sess may see. It does not log a view: OpenCase does, when a person
// opens the case on screen. A 涉密 or 个人隐私 case gives an error for which NeedsReason
// is true until it has been opened with a reason.
func (s *Service) Case(sess office.Session, id uint64) (domain.Case, error) {
	return s.visible(sess, id, false)
}

// CaseByNumber finds a case sess may see by its number, typed in any common form.
func (s *Service) CaseByNumber(sess office.Session, number string) (domain.Case, error) {
	if err := domain.Require(sess.User, domain.PermCaseView, "查看案件"); err != nil {
		return domain.Case{}, err
	}
	c, err := s.st.CaseByNumber(number)
	if err != nil {
		return c, err
	}
	return s.visible(sess, c.ID, false)
}

// OpenCase is a person opening a case on screen: it is logged in the access log (调阅记录).
// A 涉密 or 个人隐私 case needs reason, which is logged with the view and lets the same
// person open it again for the next hours without asking.
func (s *Service) OpenCase(sess office.Session, id uint64, reason string) (domain.Case, error) {
	c, err := s.visible(sess, id, true)
	if err != nil {
		return c, err
	}
	reason = strings.TrimSpace(reason)
	summary := "查看案件 " + c.Number
	if c.Secrecy.NeedsReason() {
		if !s.granted(sess.User, id) {
			if reason == "" {
				return domain.Case{}, reasonRequired(domain.EFORBIDDEN, "案件 %s 标记为“%s”，请填写调阅理由。", c.Number, c.Secrecy.Label())
			}
			if len([]rune(reason)) < 4 {
				return domain.Case{}, reasonRequired(domain.EINVALID, "调阅理由太短，请写清楚为什么需要查看（例如“案卷评查”“复议答复需要”）。")
			}
			s.mu.Lock()
			s.grants[grantKey{sess.User.ID, id}] = s.st.Now().Add(grantDuration)
			s.mu.Unlock()
		}
		summary = fmt.Sprintf("查看%s案件 %s", c.Secrecy.Label(), c.Number)
	}
	if reason != "" {
		summary += "（理由：" + reason + "）"
	}
	if err := s.st.LogAccess(sess.Actor(), "record.view", store.CaseTarget(id), summary); err != nil {
		return c, err
	}
	return c, nil
}

// CaseFilter selects cases for the case list. Zero fields match everything.
type CaseFilter struct {
	Status    domain.CaseStatus
	Type      domain.ActType
	OfficerID uint64
	Year      int
	Overdue   bool   // only cases with a deadline passed today
	Text      string // full-text search: number, party, matter, facts, document titles and text
	Before    uint64 // paging cursor: CasePage.Next of the previous page
	Limit     int    // 0 means 50

	pendingOnly bool // not archived (the dashboard's deadlines)
	// keep, when set, tests each case as the statistics index holds it (store.CaseQuery's
	// Slim), and the page holds those slim cases: for the dashboard, which reads the few it
	// keeps again whole
	keep func(domain.Case) bool
}

// Cases lists one page of the cases sess may see that match f, newest first. Party names
// and facts of 涉密 and 个人隐私 cases are masked unless sess opened them with a reason.
func (s *Service) Cases(sess office.Session, f CaseFilter) (store.CasePage, error) {
	if err := domain.Require(sess.User, domain.PermCaseView, "查看案件"); err != nil {
		return store.CasePage{}, err
	}
	q := store.CaseQuery{Status: f.Status, Type: f.Type, OfficerID: f.OfficerID, Year: f.Year,
		Text: f.Text, Before: f.Before, Limit: f.Limit}
	if !domain.SeesAllCases(sess.User) {
		if sess.User.OfficerID == 0 {
			return store.CasePage{Total: 0}, nil // an officer account not linked to the list sees nothing
		}
		q.OnlyOfficer = sess.User.OfficerID
	}
	q.Pending = f.pendingOnly
	if f.Overdue {
		today := s.today()
		q.Pending = true
		q.Match = func(c domain.Case) bool { over, _ := c.Overdue(today); return over }
	}
	if f.keep != nil {
		q.Slim, q.Match = true, f.keep
	}
	page, err := s.st.Cases(q)
	if err != nil {
		return page, err
	}
	for i, c := range page.Cases {
		page.Cases[i] = s.masked(sess, c)
	}
	return page, nil
}

// masked hides the party and facts of a secret case sess has not opened with a reason.
func (s *Service) masked(sess office.Session, c domain.Case) domain.Case {
	if !c.Secrecy.NeedsReason() || s.granted(sess.User, c.ID) {
		return c
	}
	c.Party.Name = domain.MaskName(c.Party.Name)
	c.Party.IDNumber, c.Party.Contact, c.Party.Address = domain.MaskID(c.Party.IDNumber), "", ""
	c.Facts = "（" + c.Secrecy.Label() + "，查看需填写理由）"
	return c
}

// Officers returns the officers that may be assigned to cases: still here, certificate
// valid today.
func (s *Service) Officers() ([]domain.Officer, error) {
	all, err := s.st.Officers()
	if err != nil {
		return nil, err
	}
	today := s.today()
	return slices.DeleteFunc(all, func(o domain.Officer) bool { return !o.CertValid(today) }), nil
}

// Ledger calls fn for every case matching f (status, type, officer, year, text), newest
// first, with personal data masked: the case ledger (台账) for scripts and the command line,
// which read the store on the office PC without a session and never show who the parties
// are. Secret cases show their marking instead of the party.
func (s *Service) Ledger(f CaseFilter, fn func(domain.Case) error) error {
	q := store.CaseQuery{Status: f.Status, Type: f.Type, OfficerID: f.OfficerID, Year: f.Year, Text: f.Text, Limit: 500}
	for {
		page, err := s.st.Cases(q)
		if err != nil {
			return err
		}
		for _, c := range page.Cases {
			c.Party.Name = c.Party.MaskedName()
			if c.Secrecy.NeedsReason() {
				c.Party.Name = "（" + c.Secrecy.Label() + "）"
			}
			c.Party.IDNumber, c.Party.Contact, c.Party.Address, c.Facts = "", "", "", ""
			if err := fn(c); err != nil {
				return err
			}
		}
		if page.Next == 0 {
			return nil
		}
		q.Before = page.Next
	}
}
