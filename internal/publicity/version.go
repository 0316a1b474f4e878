package publicity

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
	"lawdesk/internal/workday"
)

// ListStatus is where a list stands: its latest published version and what changed since.
type ListStatus struct {
	Kind         domain.ListKind
	Latest       *domain.ListVersion // nil when never published
	Entries      int                 // entries that would be published now
	Pending      domain.ListDiff     // changes not yet published
	PendingSince time.Time           // first change after the latest version (zero when none)
	Due          time.Time           // PendingSince plus the office's limit
	Overdue      bool
}

// HasPending reports whether the list differs from its latest published version (or has
// entries and was never published).
func (ls ListStatus) HasPending() bool {
	return !ls.Pending.Empty()
}

// Draft is what a new version would publish: built from the list as it stands, shown to
// the user, then published as shown (Publish refuses when the list changed meanwhile).
type Draft struct {
	Kind     domain.ListKind
	Revision uint64
	Snapshot domain.ListSnapshot
	Diff     domain.ListDiff
	Latest   *domain.ListVersion
}

const settingPendingLimit = "publicity.pending_limit"

// PendingLimit is how long changes may wait for publication (default one month).
func (s *Service) PendingLimit() (domain.PendingLimit, error) {
	l := domain.DefaultPendingLimit
	_, err := s.st.Setting(settingPendingLimit, &l)
	if l.Validate() != nil {
		l = domain.DefaultPendingLimit
	}
	return l, err
}

// SetPendingLimit changes the limit (admins).
func (s *Service) SetPendingLimit(sess office.Session, l domain.PendingLimit) error {
	if err := domain.Require(sess.User, domain.PermEditAgency, "修改公示期限设置"); err != nil {
		return err
	}
	if err := l.Validate(); err != nil {
		return err
	}
	return s.st.SaveSetting(sess.Actor(), settingPendingLimit, l, "公示清单调整后应在 "+l.String()+" 内发布新版本")
}

// due is the end of the day by which changes pending since must be published.
func (s *Service) due(since time.Time, l domain.PendingLimit) time.Time {
	loc := since.Location()
	if s.st.Now().Location() != nil {
		loc = s.st.Now().Location()
	}
	day := domain.DateOf(since.In(loc))
	var last domain.Date
	switch l.Unit {
	case domain.LimitMonths:
		last = domain.DateOf(day.Time(time.UTC).AddDate(0, l.N, 0))
	case domain.LimitDays:
		last = day.AddDays(l.N)
	default: // working days, by the office's calendar (official schedules and its own)
		cal, err := s.st.Calendar()
		if err != nil {
			cal = workday.Builtin()
		}
		last = cal.AddWorkingDays(day, l.N).Date
	}
	return last.AddDays(1).Time(loc).Add(-time.Second)
}

// Status says where kind stands.
func (s *Service) Status(sess office.Session, kind domain.ListKind) (ListStatus, error) {
	d, err := s.draft(kind)
	if err != nil {
		return ListStatus{}, err
	}
	limit, err := s.PendingLimit()
	if err != nil {
		return ListStatus{}, err
	}
	return s.statusOf(d, limit)
}

func (s *Service) statusOf(d Draft, limit domain.PendingLimit) (ListStatus, error) {
	ls := ListStatus{Kind: d.Kind, Latest: d.Latest, Entries: len(d.Snapshot.Items), Pending: d.Diff}
	if !ls.HasPending() {
		return ls, nil
	}
	state, err := s.st.ListState(d.Kind)
	if err != nil {
		return ls, err
	}
	ls.PendingSince = state.PendingSince
	if ls.PendingSince.IsZero() { // entries older than the state record: count from now
		ls.PendingSince = state.LastChange
	}
	if !ls.PendingSince.IsZero() {
		ls.Due = s.due(ls.PendingSince, limit)
		ls.Overdue = s.st.Now().After(ls.Due)
	}
	return ls, nil
}

// Statuses returns the status of every list, in screen order.
func (s *Service) Statuses(sess office.Session) ([]ListStatus, error) {
	limit, err := s.PendingLimit()
	if err != nil {
		return nil, err
	}
	var out []ListStatus
	for _, k := range domain.AllListKinds {
		d, err := s.draft(k)
		if err != nil {
			return nil, err
		}
		ls, err := s.statusOf(d, limit)
		if err != nil {
			return nil, err
		}
		out = append(out, ls)
	}
	return out, nil
}

// draft builds the list as it would be published now and compares it with the latest
// version. The revision is read first, so a change made while the draft is built makes
// Publish refuse rather than publish something not shown.
func (s *Service) draft(kind domain.ListKind) (Draft, error) {
	l, err := listerOf(kind)
	if err != nil {
		return Draft{}, err
	}
	state, err := s.st.ListState(kind)
	if err != nil {
		return Draft{}, err
	}
	c, err := s.ctx()
	if err != nil {
		return Draft{}, err
	}
	snap, err := l.snapshot(s.st, c)
	if err != nil {
		return Draft{}, err
	}
	d := Draft{Kind: kind, Revision: state.Revision, Snapshot: snap}
	old := domain.ListSnapshot{Columns: snap.Columns}
	if state.Versions > 0 {
		v, prev, err := s.st.ListVersion(kind, state.Versions)
		if err != nil {
			return Draft{}, err
		}
		d.Latest, old = &v, prev
	}
	d.Diff = domain.DiffSnapshots(old, snap)
	return d, nil
}

// NewDraft returns what publishing kind now would publish, for the publish dialog.
func (s *Service) NewDraft(sess office.Session, kind domain.ListKind) (Draft, error) {
	if err := domain.Require(sess.User, PermPublishLists, "发布公示清单"); err != nil {
		return Draft{}, err
	}
	return s.draft(kind)
}

// Publish publishes d as the list's next version dated date, for reason (调整原因).
func (s *Service) Publish(sess office.Session, d Draft, date domain.Date, reason string) (domain.ListVersion, error) {
	if err := domain.Require(sess.User, PermPublishLists, "发布公示清单"); err != nil {
		return domain.ListVersion{}, err
	}
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return domain.ListVersion{}, domain.FieldErrorf("reason", "请填写“调整原因”，例如“《食品安全法》修订”或“人员调整”。")
	case utf8.RuneCountInString(reason) > 300:
		return domain.ListVersion{}, domain.FieldErrorf("reason", "“调整原因”最多 300 个字。")
	case !date.Valid():
		return domain.ListVersion{}, domain.FieldErrorf("date", "请填写“版本日期”。")
	case len(d.Snapshot.Items) == 0:
		return domain.ListVersion{}, domain.Errorf(domain.EINVALID, "“%s”还没有任何条目，不能发布。请先添加或导入条目。", d.Kind.Title())
	case d.Latest != nil && d.Diff.Empty():
		return domain.ListVersion{}, domain.Errorf(domain.EINVALID, "“%s”与第 %d 版相比没有变化，不需要发布新版本。", d.Kind.Title(), d.Latest.No)
	case d.Latest != nil && date.Before(d.Latest.Date):
		return domain.ListVersion{}, domain.FieldErrorf("date", "“版本日期”不能早于上一版（第 %d 版，%s）。", d.Latest.No, d.Latest.Date)
	}
	v := domain.ListVersion{Date: date, ActorName: sess.User.DisplayName(), Reason: reason,
		Added: len(d.Diff.Added), Changed: len(d.Diff.Changed), Removed: len(d.Diff.Removed)}
	return s.st.PublishList(store.Change{Actor: sess.Actor()}, d.Kind, d.Revision, v, d.Snapshot)
}

// Versions lists the published versions of kind, newest first.
func (s *Service) Versions(sess office.Session, kind domain.ListKind) ([]domain.ListVersion, error) {
	if err := domain.Require(sess.User, domain.PermViewDashboard, "查看公示清单"); err != nil {
		return nil, err
	}
	vs, err := s.st.ListVersions(kind)
	for i, j := 0, len(vs)-1; i < j; i, j = i+1, j-1 {
		vs[i], vs[j] = vs[j], vs[i]
	}
	return vs, err
}

// Version returns a published version (no 0: the latest) as it was published, and logs
// the viewing.
func (s *Service) Version(sess office.Session, kind domain.ListKind, no int) (domain.ListVersion, domain.ListSnapshot, error) {
	if err := domain.Require(sess.User, domain.PermViewDashboard, "查看公示清单"); err != nil {
		return domain.ListVersion{}, domain.ListSnapshot{}, err
	}
	v, snap, err := s.st.ListVersion(kind, no)
	if err != nil {
		return v, snap, err
	}
	err = s.st.LogAccess(sess.Actor(), "list.view", fmt.Sprintf("list:%s:%d", kind, v.No),
		fmt.Sprintf("查看%s第 %d 版", kind.Title(), v.No))
	return v, snap, err
}

// DiffSummary lists what changed in words, at most n entries per kind of change.
func (d Draft) DiffSummary(n int) string {
	name := func(it domain.SnapshotItem) string {
		for _, k := range []string{"name", "body", "violation"} {
			if v := d.Snapshot.Value(it, k); v != "" {
				if k == "violation" {
					return d.Snapshot.Value(it, "code") + " " + v
				}
				return v
			}
		}
		if len(it.Values) > 0 {
			return it.Values[0]
		}
		return ""
	}
	var parts []string
	for _, g := range []struct {
		word  string
		items []domain.SnapshotItem
	}{{"新增", d.Diff.Added}, {"修改", d.Diff.Changed}, {"删除", d.Diff.Removed}} {
		if len(g.items) == 0 {
			continue
		}
		var names []string
		for i, it := range g.items {
			if i == n {
				names = append(names, fmt.Sprintf("等 %d 项", len(g.items)))
				break
			}
			names = append(names, name(it))
		}
		parts = append(parts, fmt.Sprintf("%s %d 项：%s", g.word, len(g.items), strings.Join(names, "、")))
	}
	return strings.Join(parts, "\n")
}

// Todos lists what the lists need: changes waiting for publication, lists never
// published, officers' certificates that expire or expired, and training hours.
func (s *Service) Todos(sess office.Session) ([]domain.Todo, error) {
	var out []domain.Todo
	maintains := domain.Allowed(sess.User.Roles, PermEditLists) || domain.Allowed(sess.User.Roles, PermPublishLists)
	if maintains {
		statuses, err := s.Statuses(sess)
		if err != nil {
			return nil, err
		}
		limit, err := s.PendingLimit()
		if err != nil {
			return nil, err
		}
		now := s.st.Now()
		for _, ls := range statuses {
			if !ls.HasPending() {
				continue
			}
			t := domain.Todo{Kind: "公示清单", Target: "publicity:list:" + string(ls.Kind), Due: dayOf(ls.Due)}
			n := len(ls.Pending.Added) + len(ls.Pending.Changed) + len(ls.Pending.Removed)
			if ls.Latest == nil {
				t.Title = "首次发布“" + ls.Kind.Title() + "”"
				t.Detail = fmt.Sprintf("清单已有 %d 项，尚未发布。", ls.Entries)
			} else {
				t.Title = fmt.Sprintf("发布“%s”新版本（%d 项调整未发布）", ls.Kind.Title(), n)
				t.Detail = fmt.Sprintf("自 %s 起有调整尚未发布（现行为第 %d 版）。按规定应在 %s 内发布。",
					ls.PendingSince.In(now.Location()).Format("2006-01-02"), ls.Latest.No, limit)
			}
			switch {
			case ls.Overdue:
				t.Severity = domain.SeverityOverdue
			case !ls.Due.IsZero() && ls.Due.Sub(now) < 7*24*time.Hour:
				t.Severity = domain.SeverityDueSoon
			}
			out = append(out, t)
		}
	}
	certs, err := s.officerTodos(sess, maintains)
	return append(out, certs...), err
}

// officerTodos warns about certificates and training: everything for those who maintain
// the lists, their own for officers with a linked account.
func (s *Service) officerTodos(sess office.Session, all bool) ([]domain.Todo, error) {
	officers, err := s.st.Officers()
	if err != nil {
		return nil, err
	}
	users, err := s.st.Users()
	if err != nil {
		return nil, err
	}
	login := map[uint64]string{}
	for _, u := range users {
		if u.OfficerID != 0 {
			login[u.OfficerID] = u.Name
		}
	}
	now := s.st.Now()
	today := domain.DateOf(now)
	var out []domain.Todo
	var shortNames []string
	for _, o := range officers {
		if o.Left || (!all && o.ID != sess.User.OfficerID) {
			continue
		}
		target := fmt.Sprintf("publicity:officer:%d", o.ID)
		due := o.ValidUntil.Time(now.Location())
		switch {
		case o.CertNo != "" && !o.ValidUntil.IsZero() && !o.CertValid(today):
			out = append(out, domain.Todo{Kind: "执法证件", Title: "执法证已过期：" + o.Name,
				Detail: fmt.Sprintf("执法证 %s 于 %s 到期，过期后不得从事执法活动。请办理换证，并更新执法人员清单。", o.CertNo, o.ValidUntil),
				Due:    due, Severity: domain.SeverityOverdue, Owner: login[o.ID], Target: target})
		case o.CertExpiresSoon(today):
			out = append(out, domain.Todo{Kind: "执法证件", Title: "执法证即将到期：" + o.Name,
				Detail: fmt.Sprintf("执法证 %s 将于 %s 到期（还有 %d 天）。请及时办理换证。", o.CertNo, o.ValidUntil, today.DaysUntil(o.ValidUntil)),
				Due:    due, Severity: domain.SeverityDueSoon, Owner: login[o.ID], Target: target})
		}
		if today.Month >= time.September && o.CertNo != "" && o.TrainingShort(today.Year) > 0 {
			shortNames = append(shortNames, fmt.Sprintf("%s（差 %s 学时）", o.Name, numberText(o.TrainingShort(today.Year))))
		}
	}
	if len(shortNames) > 0 {
		yearEnd := domain.NewDate(today.Year, time.December, 31).Time(now.Location())
		title := fmt.Sprintf("%d 名执法人员本年度培训不足 %d 学时", len(shortNames), domain.AnnualTrainingHours)
		if !all {
			title = fmt.Sprintf("您本年度执法培训不足 %d 学时", domain.AnnualTrainingHours)
		}
		out = append(out, domain.Todo{Kind: "执法培训", Title: title, Detail: strings.Join(shortNames, "、") + "。",
			Due: yearEnd, Severity: domain.SeverityInfo, Target: "publicity:list:officers"})
	}
	return out, nil
}

// dayOf is midnight at the start of t's day: a deadline that is a whole day, shown on the
// dashboard as a date.
func dayOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return domain.DateOf(t).Time(t.Location())
}
