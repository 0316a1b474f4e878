package review

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
	"lawdesk/internal/workday"
)

// Entry is one line of the review screen's list: a submitted review, or a case that needs
// review and has not been submitted yet.
type Entry struct {
	CaseID    uint64
	CaseNo    string
	Party     string
	Matter    string
	Stage     domain.Stage
	Review    domain.Review // zero for a case not yet submitted
	Submitted bool
	Reasons   []string // why the case needs review
	DaysLeft  int      // working days left to the pending round's deadline (negative: overdue)
}

// Status is the entry's state in words.
func (e Entry) Status() string {
	if !e.Submitted {
		return "待送审"
	}
	return e.Review.Status.Label()
}

// SettledPage is how many settled reviews the review screen reads at a time: the newest when
// it opens, the earlier ones when asked (an office makes about 1,500 a year); a variable so
// that tests can page through a small office.
var SettledPage = 200

// Page is one read of the review screen's list: the entries, and Next, the cursor of the
// earlier settled reviews (0 when there are none).
type Page struct {
	Entries []Entry
	Next    uint64
}

// Entries lists what the review screen shows sess when it opens, most pressing first: every
// unsettled review of a case sess may see, the open cases sess may see that need review but
// were not submitted, and the newest settled reviews (EarlierEntries gives the others).
func (s *Service) Entries(sess office.Session) ([]Entry, error) {
	p, err := s.FirstPage(sess)
	return p.Entries, err
}

// FirstPage is Entries with the cursor of the earlier settled reviews. What it reads grows
// with the open work and the page size, not with the reviews of past years.
func (s *Service) FirstPage(sess office.Session) (Page, error) {
	if err := domain.Require(sess.User, domain.PermReviewView, "查看法制审核"); err != nil {
		return Page{}, err
	}
	open, err := s.st.OpenReviews()
	if err != nil {
		return Page{}, err
	}
	settled, next, err := s.st.SettledReviews(0, SettledPage)
	if err != nil {
		return Page{}, err
	}
	sortBySubmission(settled)
	entries, err := s.entriesOf(sess, append(open, settled...))
	return Page{Entries: entries, Next: next}, err
}

// EarlierEntries lists the settled reviews sess may see that come before cursor (a Page's
// Next), the most recently submitted first, SettledPage reviews at a time.
func (s *Service) EarlierEntries(sess office.Session, cursor uint64) (Page, error) {
	if err := domain.Require(sess.User, domain.PermReviewView, "查看法制审核"); err != nil {
		return Page{}, err
	}
	if cursor == 0 {
		return Page{}, nil
	}
	settled, next, err := s.st.SettledReviews(cursor, SettledPage)
	if err != nil {
		return Page{}, err
	}
	sortBySubmission(settled)
	today := s.today()
	cal, err := s.calendar()
	if err != nil {
		return Page{}, err
	}
	p := Page{Next: next}
	for _, r := range settled {
		if c, err := s.st.Case(r.CaseID); err == nil && c.MaySee(sess.User) {
			p.Entries = append(p.Entries, reviewEntry(c, r, cal, today))
		}
	}
	return p, nil
}

// sortBySubmission orders reviews by their latest submission, the newest first.
func sortBySubmission(rs []domain.Review) {
	sort.SliceStable(rs, func(i, j int) bool {
		return rs[i].Latest().Submission.At.After(rs[j].Latest().Submission.At)
	})
}

// entriesOf makes the entries of reviews sess may see, and of the open cases from 案件审核
// to 决定 sess may see that need review: not submitted, or (when reviews leaves it out)
// submitted and settled.
func (s *Service) entriesOf(sess office.Session, reviews []domain.Review) ([]Entry, error) {
	today := s.today()
	cal, err := s.calendar()
	if err != nil {
		return nil, err
	}
	seen := map[uint64]bool{}
	var out []Entry
	for _, r := range reviews {
		c, err := s.st.Case(r.CaseID)
		if err != nil || !c.MaySee(sess.User) {
			continue
		}
		seen[c.ID] = true
		out = append(out, reviewEntry(c, r, cal, today))
	}
	cands, err := s.candidates(sess, seen, cal, today)
	if err != nil {
		return nil, err
	}
	out = append(out, cands...)
	sort.SliceStable(out, func(i, j int) bool { return urgency(out[i]) < urgency(out[j]) })
	return out, nil
}

// reviewEntry is the entry of a submitted review of case c.
func reviewEntry(c domain.Case, r domain.Review, cal *workday.Calendar, today domain.Date) Entry {
	e := Entry{CaseID: c.ID, CaseNo: c.Number, Party: c.Party.MaskedName(), Matter: c.MatterName, Stage: c.Stage,
		Review: r, Submitted: true, Reasons: r.MajorReasons}
	if r.Status == domain.ReviewPending {
		e.DaysLeft = cal.WorkingDaysBetween(today, r.Latest().Deadline)
	}
	return e
}

// urgency orders the list: waiting for an opinion (nearest deadline first), waiting for the
// head, returned, not yet submitted, then finished reviews.
func urgency(e Entry) int {
	if !e.Submitted {
		return 3000
	}
	switch e.Review.Status {
	case domain.ReviewPending:
		return 1000 + e.DaysLeft
	case domain.ReviewCoordinating:
		return 2000
	case domain.ReviewReturned, domain.ReviewTransferred:
		return 2500
	}
	return 4000
}

// candidates are the open cases sess may see, from 案件审核 to 决定, that need review and
// were not submitted (skip).
func (s *Service) candidates(sess office.Session, skip map[uint64]bool, cal *workday.Calendar, today domain.Date) ([]Entry, error) {
	if !domain.Allowed(sess.User.Roles, domain.PermCaseView) {
		return nil, nil
	}
	cfg, err := s.Config()
	if err != nil {
		return nil, err
	}
	// the store's case query with the record service's visibility rule (its list would mask
	// secret cases; the rules need the facts), over the slim cases of the statistics index:
	// they hold all the catalogue and the entry need
	q := store.CaseQuery{Status: domain.StatusOpen, Limit: 500, Slim: true,
		StageIn: func(st domain.Stage) bool { // the stage from the index, before the case is read
			return st.Index() >= domain.StageExamine.Index() && st.Index() <= domain.StageDecide.Index()
		},
		Skip: func(id uint64) bool { return skip[id] }}
	if !domain.SeesAllCases(sess.User) {
		if sess.User.OfficerID == 0 {
			return nil, nil
		}
		q.OnlyOfficer = sess.User.OfficerID
	}
	var out []Entry
	for {
		page, err := s.st.Cases(q)
		if err != nil {
			return nil, err
		}
		for _, c := range page.Cases {
			if r, ok, err := s.st.ReviewOfCase(c.ID); err != nil {
				return nil, err
			} else if ok { // submitted: a review reviews left out (the dashboard asks for unsettled ones only)
				out = append(out, reviewEntry(c, r, cal, today))
				continue
			}
			a, err := s.assessWith(cfg, c, nil)
			if err != nil {
				return nil, err
			}
			if a.NeedsReview() {
				out = append(out, Entry{CaseID: c.ID, CaseNo: c.Number, Party: c.Party.MaskedName(), Matter: c.MatterName,
					Stage: c.Stage, Reasons: a.Reasons()})
			}
		}
		if page.Next == 0 {
			return out, nil
		}
		q.Before = page.Next
	}
}

// DueSoonWorkingDays is when the dashboard starts warning about a review's deadline.
const DueSoonWorkingDays = 2

// Todos lists the dashboard entries of the legal review for sess: reviews to give (with
// their deadlines) for reviewers, opinions to deal with and cases to submit for handling
// officers, disagreements to settle for the head, and too few reviewers for administrators.
func (s *Service) Todos(sess office.Session) ([]domain.Todo, error) {
	if !domain.Allowed(sess.User.Roles, domain.PermReviewView) {
		return nil, nil
	}
	// only unsettled reviews, and the cases still before their decision: the dashboard's
	// time does not grow with the reviews of past years
	open, err := s.st.OpenReviews()
	if err != nil {
		return nil, err
	}
	entries, err := s.entriesOf(sess, open)
	if err != nil {
		return nil, err
	}
	u := sess.User
	var out []domain.Todo
	for _, e := range entries {
		target := fmt.Sprintf("review:%d", e.CaseID)
		handles := e.Submitted && (slices.Contains(e.Review.HandlerLogins, u.Name) || e.Review.Latest().Submission.By == u.Name)
		switch {
		case !e.Submitted:
			c, err := s.st.Case(e.CaseID)
			if err == nil && c.Assigned(u.OfficerID) {
				out = append(out, domain.Todo{Kind: "审核", Title: "送法制审核：" + e.CaseNo,
					Detail: "属于重大执法决定，未经法制审核不得作出决定。" + first(e.Reasons), Severity: domain.SeverityDueSoon, Owner: u.Name, Target: target})
			}
		case e.Review.Status == domain.ReviewPending && u.HasRole(domain.RoleReviewer) && !handles:
			l := e.Review.Latest()
			sev := domain.SeverityInfo
			switch {
			case e.DaysLeft < 0:
				sev = domain.SeverityOverdue
			case e.DaysLeft <= DueSoonWorkingDays:
				sev = domain.SeverityDueSoon
			}
			out = append(out, domain.Todo{Kind: "审核", Title: fmt.Sprintf("法制审核：%s（第 %d 轮）", e.CaseNo, l.No),
				Detail: fmt.Sprintf("%s，%s送审，剩余 %d 个工作日。", e.Party, l.Submission.ByName, max(e.DaysLeft, 0)),
				Due:    endOfDay(l.Deadline), Severity: sev, Owner: u.Name, Target: target})
		case (e.Review.Status == domain.ReviewReturned || e.Review.Status == domain.ReviewTransferred) && handles:
			l := e.Review.Latest()
			out = append(out, domain.Todo{Kind: "审核", Title: "按审核意见处理：" + e.CaseNo,
				Detail:   fmt.Sprintf("第 %d 轮审核意见为“%s”：%s 请处理后重新送审，或提请负责人协调。", l.No, l.Opinion.Label(), l.Reasons),
				Severity: domain.SeverityDueSoon, Owner: u.Name, Target: target})
		case e.Review.Status == domain.ReviewCoordinating && u.HasRole(domain.RoleHead):
			c, _ := e.Review.OpenCoordination()
			out = append(out, domain.Todo{Kind: "审核", Title: "协调审核分歧：" + e.CaseNo,
				Detail: "承办机构不同意审核意见：" + c.Disagreement, Severity: domain.SeverityDueSoon, Target: target})
		case e.Review.Passed() && handles && e.Stage == domain.StageDecide:
			out = append(out, domain.Todo{Kind: "审核", Title: "法制审核已通过，可以作出决定：" + e.CaseNo,
				Detail: e.Review.Status.Label() + "。", Severity: domain.SeverityInfo, Owner: u.Name, Target: target})
		}
	}
	if domain.Allowed(u.Roles, domain.PermReviewSettings) {
		rep, err := s.Staffing()
		if err != nil {
			return nil, err
		}
		if !rep.OK() {
			out = append(out, domain.Todo{Kind: "审核", Title: "法制审核人员不足", Detail: rep.Message(),
				Severity: domain.SeverityInfo, Target: "settings:review"})
		}
	}
	return out, nil
}

func first(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}

// endOfDay is the last moment of d in local time, so a deadline day counts as in time.
func endOfDay(d domain.Date) time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	return d.Time(time.Local).Add(24*time.Hour - time.Second)
}
