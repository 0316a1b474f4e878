package store

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
	"lawdesk/internal/workday"
)

// The office's own holiday schedules: the administrator enters next year's schedule when
// the State Council publishes it (around November), or corrects a built-in one. Every
// save is a new version; nothing is overwritten, so the history of the calendar (and of
// every deadline computed with it) can be traced. The newest version of a year wins.
var bucketSchedules = newBucket("schedules")

type scheduleDayRecord struct {
	Date domain.Date `json:"d"`
	Name string      `json:"n"`
	Off  bool        `json:"off"`
}

type scheduleRecord struct {
	Version   uint64              `json:"v"`
	Year      int                 `json:"year"`
	Papers    []string            `json:"papers,omitempty"`
	Days      []scheduleDayRecord `json:"days,omitempty"`
	Reference string              `json:"ref,omitempty"`
	Source    string              `json:"src,omitempty"`
	Reverted  bool                `json:"reverted,omitempty"`
	Actor     string              `json:"actor"`
	At        time.Time           `json:"at"`
}

// ScheduleVersion is one saved version of the office's schedule for a year.
type ScheduleVersion struct {
	Version   uint64 // increasing across all years
	Schedule  workday.Schedule
	Reference string // the notice, e.g. 国办发明电〔2026〕7号 (required when entered by hand)
	Source    string // how it came in: 手工录入, or 导入文件 2027.json
	Reverted  bool   // this version drops the office's entry: the year goes back to the built-in schedule (or Monday to Friday)
	Actor     string
	At        time.Time
}

func (r scheduleRecord) version() ScheduleVersion {
	s := workday.Schedule{Year: r.Year, Papers: r.Papers}
	for _, d := range r.Days {
		s.Days = append(s.Days, workday.Day{Date: d.Date, Name: d.Name, OffDay: d.Off})
	}
	return ScheduleVersion{Version: r.Version, Schedule: s, Reference: r.Reference, Source: r.Source,
		Reverted: r.Reverted, Actor: r.Actor, At: r.At}
}

// SaveSchedule stores a new version of the office's schedule for v.Schedule.Year (or,
// with v.Reverted, drops the office's entry for that year) and records it in the audit
// chain. The schedule must be valid (workday.Schedule.Validate).
func (s *Store) SaveSchedule(v ScheduleVersion) (ScheduleVersion, error) {
	sched := v.Schedule
	if !v.Reverted {
		if err := sched.Validate(); err != nil {
			return v, err
		}
	}
	err := s.db.Update(func(tx *bbolt.Tx) error {
		seq, err := tx.Bucket(bucketSchedules).NextSequence()
		if err != nil {
			return err
		}
		v.Version, v.At = seq, s.Now()
		rec := scheduleRecord{Version: seq, Year: sched.Year, Papers: sched.Papers, Reference: v.Reference,
			Source: v.Source, Reverted: v.Reverted, Actor: v.Actor, At: v.At}
		if !v.Reverted {
			for _, d := range sched.Days {
				rec.Days = append(rec.Days, scheduleDayRecord{Date: d.Date, Name: d.Name, Off: d.OffDay})
			}
		}
		if err := put(tx, bucketSchedules, itob(seq), rec); err != nil {
			return err
		}
		return s.appendEvent(tx, v.Actor, "calendar.schedule", fmt.Sprintf("calendar:%d", sched.Year), scheduleSummary(v))
	})
	return v, internal(err)
}

// scheduleSummary says in one line what a version changed, for the audit chain.
func scheduleSummary(v ScheduleVersion) string {
	if v.Reverted {
		return fmt.Sprintf("撤销本单位录入的 %d 年节假日安排，恢复内置安排", v.Schedule.Year)
	}
	off, makeup := 0, 0
	for _, d := range v.Schedule.Days {
		if d.OffDay {
			off++
		} else {
			makeup++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %d 年节假日安排：放假 %d 天，调休上班 %d 天", v.Source, v.Schedule.Year, off, makeup)
	if v.Reference != "" {
		b.WriteString("；依据：" + v.Reference)
	}
	return b.String()
}

// ScheduleVersions lists every saved version for year (0: every year), oldest first.
func (s *Store) ScheduleVersions(year int) ([]ScheduleVersion, error) {
	var out []ScheduleVersion
	err := s.db.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketSchedules).ForEach(func(_, v []byte) error {
			var r scheduleRecord
			if err := decode(v, &r); err != nil {
				return err
			}
			if year == 0 || r.Year == year {
				out = append(out, r.version())
			}
			return nil
		})
	})
	return out, internal(err)
}

// Calendar is the office's working-day calendar: the schedules built into LawDesk with
// the office's own entries on top (the newest version of each year wins; a reverted year
// goes back to the built-in schedule). Every service that computes a deadline calls this,
// so a schedule entered in 系统设置 → 工作日历 takes effect everywhere at once:
//
//	cal, err := st.Calendar()
//	due := cal.AddWorkingDays(decided, 7) // due.Confirmed is false for a year not yet entered
func (s *Store) Calendar() (*workday.Calendar, error) {
	var cal *workday.Calendar
	err := s.db.View(func(tx *bbolt.Tx) error {
		var err error
		cal, err = officeCalendar(tx)
		return err
	})
	return cal, internal(err)
}

// officeCalendar builds the calendar inside tx, for workflow steps that compute a
// deadline in the same transaction as they store it.
func officeCalendar(tx *bbolt.Tx) (*workday.Calendar, error) {
	latest := map[int]scheduleRecord{}
	err := tx.Bucket(bucketSchedules).ForEach(func(_, v []byte) error {
		var r scheduleRecord
		if err := decode(v, &r); err != nil {
			return err
		}
		latest[r.Year] = r // keys ascend by version, so the last one seen is the newest
		return nil
	})
	if err != nil {
		return nil, err
	}
	cal := workday.Builtin()
	years := make([]int, 0, len(latest))
	for y := range latest {
		years = append(years, y)
	}
	slices.Sort(years)
	for _, y := range years {
		if r := latest[y]; !r.Reverted { // a reverted year keeps whatever the built-in calendar has
			cal = cal.WithSchedule(r.version().Schedule)
		}
	}
	return cal, nil
}

// Every stored schedule must still be valid, or deadlines would silently go wrong.
var _ = registerCheck(func(s *Store, tx *bbolt.Tx) Check {
	c := Check{Name: "工作日历"}
	n := 0
	tx.Bucket(bucketSchedules).ForEach(func(k, v []byte) error {
		n++
		var r scheduleRecord
		if err := decode(v, &r); err != nil {
			c.Problems = append(c.Problems, fmt.Sprintf("第 %d 版节假日安排无法读取", btoi(k)))
			return nil
		}
		if r.Reverted {
			return nil
		}
		if err := r.version().Schedule.Validate(); err != nil {
			c.Problems = append(c.Problems, fmt.Sprintf("第 %d 版（%d 年）节假日安排有误：%s", r.Version, r.Year, domain.ErrorMessage(err)))
		}
		return nil
	})
	c.Summary = fmt.Sprintf("本单位录入 %d 个版本", n)
	return c
})
