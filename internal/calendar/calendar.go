// Package calendar is the service behind 系统设置 → 工作日历: it shows which holiday
// schedule each year uses, lets the administrator enter next year's schedule from the State
// Council's notice or import it from a holiday-cn JSON file, and reminds the office when a
// year has no schedule yet. The calendar itself (deadline arithmetic) is internal/workday;
// every service gets the office's current calendar from store.Store.Calendar.
package calendar

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
	"lawdesk/internal/workday"
)

// Service manages the office's holiday schedules.
type Service struct {
	st *store.Store
}

// New returns the calendar service.
func New(st *store.Store) *Service { return &Service{st: st} }

// Calendar is the office's current calendar (built-in schedules plus the office's own).
func (s *Service) Calendar() (*workday.Calendar, error) { return s.st.Calendar() }

// Source says where a year's schedule comes from.
type Source int

const (
	SourceNone    Source = iota // no schedule: Monday to Friday, deadlines not confirmed
	SourceBuiltin               // shipped with LawDesk (holiday-cn data of the State Council notices)
	SourceOffice                // entered or imported by the office
)

// Year is what the calendar screen shows about one year.
type Year struct {
	Year     int
	Source   Source
	Schedule workday.Schedule       // empty for SourceNone
	Latest   *store.ScheduleVersion // the office's newest version, when it has one (even reverted)
	Versions int                    // how many versions the office has saved for this year
}

// Year describes year: its schedule and where that schedule comes from.
func (s *Service) Year(year int) (Year, error) {
	cal, err := s.st.Calendar()
	if err != nil {
		return Year{}, err
	}
	versions, err := s.st.ScheduleVersions(year)
	if err != nil {
		return Year{}, err
	}
	y := Year{Year: year, Versions: len(versions)}
	if n := len(versions); n > 0 {
		y.Latest = &versions[n-1]
	}
	if sched, ok := cal.Schedule(year); ok {
		y.Schedule = sched
		y.Source = SourceBuiltin
		if y.Latest != nil && !y.Latest.Reverted {
			y.Source = SourceOffice
		}
	}
	return y, nil
}

// History lists the office's saved versions for year, newest first.
func (s *Service) History(year int) ([]store.ScheduleVersion, error) {
	vs, err := s.st.ScheduleVersions(year)
	for i, j := 0, len(vs)-1; i < j; i, j = i+1, j-1 {
		vs[i], vs[j] = vs[j], vs[i]
	}
	return vs, err
}

// SaveBreaks saves year's schedule entered by hand, holiday by holiday as the notice
// words it. reference names the notice (its number or web address) and is required, so
// every deadline can be traced to its source.
func (s *Service) SaveBreaks(sess office.Session, year int, reference string, breaks []workday.Break) (store.ScheduleVersion, error) {
	if err := domain.Require(sess.User, domain.PermEditCalendar, "录入节假日安排"); err != nil {
		return store.ScheduleVersion{}, err
	}
	reference = strings.TrimSpace(reference)
	if reference == "" {
		return store.ScheduleVersion{}, domain.Errorf(domain.EINVALID, "请填写“通知文号或网址”，例如“国办发明电〔2026〕7号”，以便日后核对这份安排的来源。")
	}
	sched, err := workday.FromBreaks(year, []string{reference}, breaks)
	if err != nil {
		return store.ScheduleVersion{}, err
	}
	return s.st.SaveSchedule(store.ScheduleVersion{Schedule: sched, Reference: reference, Source: "手工录入", Actor: sess.Actor()})
}

// maxImportSize is far above any real schedule file (a few kilobytes); a bigger file is
// the wrong file.
const maxImportSize = 1 << 20

// ImportFile imports a schedule file in the holiday-cn JSON format (the format of the
// built-in data) from path. The file is only read. reference may be empty: the file's own
// papers then name the notice.
func (s *Service) ImportFile(sess office.Session, path, reference string) (store.ScheduleVersion, error) {
	if err := domain.Require(sess.User, domain.PermEditCalendar, "导入节假日安排"); err != nil {
		return store.ScheduleVersion{}, err
	}
	name := filepath.Base(path)
	info, err := os.Stat(path)
	if err != nil {
		return store.ScheduleVersion{}, domain.Wrap(err, domain.EINVALID, "无法打开文件“%s”，请确认文件存在并且可以读取。", path)
	}
	if info.Size() > maxImportSize {
		return store.ScheduleVersion{}, domain.Errorf(domain.EINVALID, "文件“%s”有 %.1f MB，不像是节假日安排文件（通常只有几 KB），请选择正确的文件。", name, float64(info.Size())/1e6)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return store.ScheduleVersion{}, domain.Wrap(err, domain.EINVALID, "无法读取文件“%s”。", path)
	}
	return s.Import(sess, name, data, reference)
}

// Import imports schedule data read from a file named name (for messages and the record).
func (s *Service) Import(sess office.Session, name string, data []byte, reference string) (store.ScheduleVersion, error) {
	if err := domain.Require(sess.User, domain.PermEditCalendar, "导入节假日安排"); err != nil {
		return store.ScheduleVersion{}, err
	}
	if len(data) > maxImportSize {
		return store.ScheduleVersion{}, domain.Errorf(domain.EINVALID, "文件“%s”太大，不像是节假日安排文件，请选择正确的文件。", name)
	}
	sched, err := workday.ParseSchedule(data)
	if err != nil {
		return store.ScheduleVersion{}, domain.Wrap(err, domain.EINVALID, "文件“%s”没有导入：%s 原有的日历没有改动。", name, domain.ErrorMessage(err))
	}
	reference = strings.TrimSpace(reference)
	if reference == "" {
		reference = strings.Join(sched.Papers, " ")
	}
	if reference == "" {
		return store.ScheduleVersion{}, domain.Errorf(domain.EINVALID, "文件“%s”没有注明通知来源（papers 为空），请在“通知文号或网址”中填写。", name)
	}
	return s.st.SaveSchedule(store.ScheduleVersion{Schedule: sched, Reference: reference, Source: "导入文件 " + name, Actor: sess.Actor()})
}

// Revert drops the office's own schedule for year: the built-in schedule (or, for a year
// LawDesk does not know, Monday to Friday) applies again. The entered versions stay in the
// history.
func (s *Service) Revert(sess office.Session, year int, reason string) (store.ScheduleVersion, error) {
	if err := domain.Require(sess.User, domain.PermEditCalendar, "撤销节假日安排"); err != nil {
		return store.ScheduleVersion{}, err
	}
	y, err := s.Year(year)
	if err != nil {
		return store.ScheduleVersion{}, err
	}
	if y.Source != SourceOffice {
		return store.ScheduleVersion{}, domain.Errorf(domain.ECONFLICT, "%d 年没有本单位录入的节假日安排，无需撤销。", year)
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return store.ScheduleVersion{}, domain.Errorf(domain.EINVALID, "请填写撤销的原因。")
	}
	return s.st.SaveSchedule(store.ScheduleVersion{Schedule: workday.Schedule{Year: year}, Reference: reason,
		Source: "撤销", Reverted: true, Actor: sess.Actor()})
}

// Export writes year's current schedule in the holiday-cn JSON format, to share it with
// another office or keep it beside the notice.
func (s *Service) Export(year int) ([]byte, error) {
	cal, err := s.st.Calendar()
	if err != nil {
		return nil, err
	}
	sched, ok := cal.Schedule(year)
	if !ok {
		return nil, domain.Errorf(domain.ENOTFOUND, "%d 年还没有节假日安排，无法导出。", year)
	}
	return sched.MarshalJSON()
}

// Todos reminds the administrator to enter a year's schedule: the current year when it is
// missing (every deadline is then only a Monday-to-Friday guess), and next year from
// November, when the State Council usually publishes it.
func (s *Service) Todos(sess office.Session) ([]domain.Todo, error) {
	if !domain.Allowed(sess.User.Roles, domain.PermEditCalendar) {
		return nil, nil
	}
	cal, err := s.st.Calendar()
	if err != nil {
		return nil, err
	}
	now := s.st.Now()
	var out []domain.Todo
	if y := now.Year(); !cal.HasYear(y) {
		out = append(out, domain.Todo{Kind: "工作日历", Title: fmt.Sprintf("录入 %d 年节假日安排", y),
			Detail:   "本年度的节假日安排尚未录入，所有期限暂按周一至周五计算，并标注“日历尚未确认”。",
			Severity: domain.SeverityOverdue, Target: fmt.Sprintf("settings:calendar:%d", y)})
	}
	if next := now.Year() + 1; now.Month() >= time.November && !cal.HasYear(next) {
		sev := domain.SeverityInfo
		if now.Month() == time.December {
			sev = domain.SeverityDueSoon
		}
		out = append(out, domain.Todo{Kind: "工作日历", Title: fmt.Sprintf("录入 %d 年节假日安排", next),
			Detail:   "国务院办公厅通常在 11 月前后公布下一年的节假日安排。公布后请在“系统设置 → 工作日历”中录入或导入。",
			Due:      time.Date(now.Year(), time.December, 31, 17, 0, 0, 0, now.Location()),
			Severity: sev, Target: fmt.Sprintf("settings:calendar:%d", next)})
	}
	return out, nil
}
