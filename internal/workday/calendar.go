// Package workday owns the Chinese working-day calendar and deadline arithmetic.
//
// Chinese working days are not Monday to Friday: each year the State Council publishes the
// days off and the make-up working days (调休上班, usually a Saturday or Sunday). A Calendar
// holds those schedules, one per year, and answers "is this a working day" and "what is the
// N-th working day after the decision". Years without a schedule fall back to Monday to
// Friday, and every result says whether it relied on such a guess, so the user can be told
// the calendar is not yet confirmed.
package workday

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/resources"
)

// Calendar is an immutable set of yearly schedules. It is safe for concurrent use; to
// change a year, call WithSchedule and use the calendar it returns. The zero Calendar has
// no schedules (plain Monday to Friday, nothing confirmed).
type Calendar struct {
	schedules map[int]Schedule    // by year
	days      map[domain.Date]Day // every listed day from every schedule, for lookups
}

// New returns a calendar of the given schedules. They are expected to be valid (see
// Schedule.Validate); when two have the same year, the later one wins.
func New(schedules ...Schedule) *Calendar {
	m := make(map[int]Schedule, len(schedules))
	for _, s := range schedules {
		m[s.Year] = s.clone()
	}
	return build(m)
}

// build indexes the days of the schedules in m, which it takes over.
func build(m map[int]Schedule) *Calendar {
	c := &Calendar{schedules: m, days: make(map[domain.Date]Day)}
	// A date is looked up in its own year's schedule first; a December date listed only
	// in the next year's notice (New Year holiday) comes from that one.
	for _, s := range m {
		for _, d := range s.Days {
			if d.Date.Year != s.Year {
				c.days[d.Date] = d
			}
		}
	}
	for _, s := range m {
		for _, d := range s.Days {
			if d.Date.Year == s.Year {
				c.days[d.Date] = d
			}
		}
	}
	return c
}

// WithSchedule returns a copy of c in which s replaces any schedule for s.Year.
func (c *Calendar) WithSchedule(s Schedule) *Calendar {
	m := maps.Clone(c.schedules)
	if m == nil {
		m = make(map[int]Schedule)
	}
	m[s.Year] = s.clone()
	return build(m)
}

// WithoutSchedule returns a copy of c without the schedule for year, which then falls
// back to Monday to Friday and is no longer confirmed.
func (c *Calendar) WithoutSchedule(year int) *Calendar {
	m := maps.Clone(c.schedules)
	delete(m, year)
	return build(m)
}

// Years returns the years that have a schedule, in ascending order.
func (c *Calendar) Years() []int {
	return slices.Sorted(maps.Keys(c.schedules))
}

// HasYear reports whether year has a published schedule in c.
func (c *Calendar) HasYear(year int) bool {
	_, ok := c.schedules[year]
	return ok
}

// Schedule returns the schedule for year, if c has one.
func (c *Calendar) Schedule(year int) (Schedule, bool) {
	s, ok := c.schedules[year]
	return s.clone(), ok
}

// Kind says what sort of day a date is.
type Kind int

const (
	Workday Kind = iota // an ordinary Monday to Friday
	Weekend             // an ordinary Saturday or Sunday
	Holiday             // a published day off
	Makeup              // a published make-up working day (调休上班)
)

// Working reports whether a day of kind k is a working day.
func (k Kind) Working() bool { return k == Workday || k == Makeup }

func (k Kind) String() string {
	switch k {
	case Workday:
		return "工作日"
	case Weekend:
		return "周末"
	case Holiday:
		return "节假日"
	case Makeup:
		return "调休上班"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Classify returns what kind of day d is and, for published days, the holiday's name.
// Published entries are used whatever schedule lists them; other days are Monday to
// Friday working days.
func (c *Calendar) Classify(d domain.Date) (Kind, string) {
	if day, ok := c.days[d]; ok {
		if day.OffDay {
			return Holiday, day.Name
		}
		return Makeup, day.Name
	}
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return Weekend, ""
	}
	return Workday, ""
}

// IsWorkingDay reports whether d is a working day: published days off are not, published
// make-up days are, and any other day is one when it is Monday to Friday.
func (c *Calendar) IsWorkingDay(d domain.Date) bool {
	k, _ := c.Classify(d)
	return k.Working()
}

// Deadline is the last day of a period counted in working days. Confirmed is false when the
// count passed through a year with no published schedule, so the date was computed as
// Monday to Friday and may move once that year's schedule is entered (show "日历尚未确认").
type Deadline struct {
	Date      domain.Date
	Confirmed bool
}

// Overdue reports whether the deadline has passed on today; the deadline day itself is
// still in time. A zero deadline is never overdue.
func (d Deadline) Overdue(today domain.Date) bool {
	return !d.Date.IsZero() && today.After(d.Date)
}

// String returns the date, marked when the calendar is not confirmed.
func (d Deadline) String() string {
	if d.Date.IsZero() || d.Confirmed {
		return d.Date.String()
	}
	return d.Date.String() + "（日历尚未确认）"
}

// AddWorkingDays returns the n-th working day after from: "within N working days from the
// decision" counts from the day after the decision. When n <= 0 the result is from itself.
// A zero from gives a zero Deadline.
func (c *Calendar) AddWorkingDays(from domain.Date, n int) Deadline {
	if from.IsZero() {
		return Deadline{}
	}
	if n <= 0 {
		return Deadline{Date: from, Confirmed: c.HasYear(from.Year)}
	}
	d, confirmed := from, true
	for n > 0 {
		d = d.AddDays(1)
		if !c.HasYear(d.Year) {
			confirmed = false
		}
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return Deadline{Date: d, Confirmed: confirmed}
}

// CountedDay is one calendar day of an Explain listing.
type CountedDay struct {
	Date      domain.Date
	Kind      Kind
	Name      string // the holiday's name, for Holiday and Makeup days
	Counted   bool   // it is a working day, so it counts towards n
	Count     int    // working days counted so far, including this one
	Confirmed bool   // its year has a published schedule
}

// Reason says in Chinese why the day counted or not: 工作日, 周末, the holiday's name
// (e.g. 国庆节), or 调休上班（国庆节）.
func (cd CountedDay) Reason() string {
	r := cd.Kind.String()
	switch cd.Kind {
	case Holiday:
		if cd.Name != "" {
			r = cd.Name
		}
	case Makeup:
		if cd.Name != "" {
			r += "（" + cd.Name + "）"
		}
	}
	if !cd.Confirmed {
		r += "，日历尚未确认"
	}
	return r
}

// String formats the day as one line of an explanation, for the CLI.
func (cd CountedDay) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s  ", cd.Date, weekdayNames[cd.Date.Weekday()])
	if cd.Counted {
		fmt.Fprintf(&b, "第%d个工作日", cd.Count)
	} else {
		b.WriteString("不计")
	}
	b.WriteString("  " + cd.Reason())
	return b.String()
}

var weekdayNames = [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

// Explain lists every calendar day from the day after from through AddWorkingDays(from, n),
// with whether it counted and why. It is empty when n <= 0 or from is zero.
func (c *Calendar) Explain(from domain.Date, n int) []CountedDay {
	if from.IsZero() || n <= 0 {
		return nil
	}
	var out []CountedDay
	count := 0
	for d := from; count < n; {
		d = d.AddDays(1)
		k, name := c.Classify(d)
		if k.Working() {
			count++
		}
		out = append(out, CountedDay{
			Date: d, Kind: k, Name: name, Counted: k.Working(), Count: count, Confirmed: c.HasYear(d.Year),
		})
	}
	return out
}

// WorkingDaysBetween counts the working days after a up to and including b; it is negative
// when b is before a (minus the working days after b up to and including a), and 0 if
// either date is zero. With b a deadline and a today, it is the working days left.
func (c *Calendar) WorkingDaysBetween(a, b domain.Date) int {
	if a.IsZero() || b.IsZero() {
		return 0
	}
	sign := 1
	if b.Before(a) {
		a, b, sign = b, a, -1
	}
	// Mondays to Fridays counted by arithmetic, then corrected by the published days that
	// fall in the range: a weekday off is one fewer, a make-up weekend day one more. A
	// decision years overdue costs as little as one due tomorrow.
	n := weekdaysAfter(a, b)
	for d, day := range c.days {
		if !d.After(a) || d.After(b) {
			continue
		}
		weekend := d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
		switch {
		case day.OffDay && !weekend:
			n--
		case !day.OffDay && weekend:
			n++
		}
	}
	return sign * n
}

// weekdaysAfter counts the Mondays to Fridays after a up to and including b (a ≤ b).
func weekdaysAfter(a, b domain.Date) int {
	days := a.DaysUntil(b)
	n := days / 7 * 5
	wd := a.Weekday()
	for i := 0; i < days%7; i++ {
		wd = (wd + 1) % 7
		if wd != time.Saturday && wd != time.Sunday {
			n++
		}
	}
	return n
}

// Builtin returns the calendar of the schedules shipped inside LawDesk (2019 onwards). It
// panics only if that embedded data is broken, which a test rules out.
func Builtin() *Calendar { return builtin() }

var builtin = sync.OnceValue(func() *Calendar {
	c, err := load(resources.Holidays, "holiday")
	if err != nil {
		panic("workday: embedded holiday schedules are broken: " + err.Error())
	}
	return c
})

// load reads every YYYY.json in dir of fsys as a schedule for year YYYY.
func load(fsys fs.FS, dir string) (*Calendar, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	m := make(map[int]Schedule)
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || path.Ext(name) != ".json" {
			continue // LICENSE and the like
		}
		year, err := strconv.Atoi(strings.TrimSuffix(name, ".json"))
		if err != nil {
			return nil, fmt.Errorf("%s: file name is not a year", name)
		}
		data, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		s, err := ParseSchedule(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if s.Year != year {
			return nil, fmt.Errorf("%s: holds year %d", name, s.Year)
		}
		m[year] = s
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("no schedules in %s", dir)
	}
	return build(m), nil
}
