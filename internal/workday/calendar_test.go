package workday_test

import (
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/workday"
)

func date(t testing.TB, s string) domain.Date {
	t.Helper()
	d, err := domain.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// The expectations below were counted by hand on a calendar from the published schedules
// (resources/holiday/YYYY.json); each comment lists the days that matter.
func TestAddWorkingDaysAroundHolidays(t *testing.T) {
	cal := workday.Builtin()
	for _, tc := range []struct {
		from string
		n    int
		want string
		why  string
	}{
		// 2019
		{"2019-01-31", 7, "2019-02-14", "春节: 2-2 Sat and 2-3 Sun make-up; 2-4..2-10 off"},
		{"2019-09-27", 7, "2019-10-12", "国庆: 9-29 Sun make-up; 10-1..10-7 off; 10-12 Sat make-up"},
		// 2020
		{"2020-01-20", 7, "2020-02-06", "春节 extended: 1-24..2-2 off"},
		{"2020-09-25", 7, "2020-10-12", "国庆中秋: 9-27 Sun make-up; 10-1..10-8 off; 10-10 Sat make-up"},
		// 2021
		{"2021-02-05", 7, "2021-02-20", "春节: 2-7 Sun make-up; 2-11..2-17 off; 2-20 Sat make-up"},
		{"2021-09-24", 7, "2021-10-09", "国庆: 9-26 Sun make-up; 10-1..10-7 off; 10-9 Sat make-up"},
		// 2022
		{"2022-01-27", 7, "2022-02-10", "春节: 1-29 Sat, 1-30 Sun make-up; 1-31..2-6 off"},
		{"2022-09-29", 7, "2022-10-13", "国庆: 10-1..10-7 off; 10-8 Sat, 10-9 Sun make-up"},
		{"2022-12-29", 3, "2023-01-04", "元旦: 2022-12-31 (from the 2023 notice)..2023-1-2 off"},
		// 2023
		{"2023-01-19", 7, "2023-02-02", "春节: 1-21..1-27 off; 1-28 Sat, 1-29 Sun make-up"},
		{"2023-09-27", 7, "2023-10-12", "中秋国庆: 9-29..10-6 off; 10-7 Sat, 10-8 Sun make-up"},
		// 2024
		{"2024-02-07", 7, "2024-02-22", "春节: 2-9 Fri (除夕) works; 2-10..2-17 off; 2-18 Sun make-up"},
		{"2024-02-08", 3, "2024-02-19", "春节: withdrawal within 3 working days"},
		{"2024-09-27", 7, "2024-10-12", "国庆: 9-29 Sun make-up; 10-1..10-7 off; 10-12 Sat make-up"},
		// 2025
		{"2025-01-24", 7, "2025-02-10", "春节: 1-26 Sun make-up; 1-28..2-4 off; 2-8 Sat make-up"},
		{"2025-09-26", 7, "2025-10-13", "国庆中秋: 9-28 Sun make-up; 10-1..10-8 off; 10-11 Sat make-up"},
		{"2025-09-26", 20, "2025-10-30", "国庆中秋, 20 working days"},
		{"2025-10-03", 3, "2025-10-11", "decided during the holiday"},
		// 2026
		{"2026-02-12", 7, "2026-02-28", "春节: 2-14 Sat make-up; 2-15..2-23 off; 2-28 Sat make-up"},
		{"2026-09-29", 7, "2026-10-14", "国庆: 10-1..10-7 off; 10-10 Sat make-up"},
		{"2026-09-18", 20, "2026-10-22", "中秋 9-25..9-27 and 国庆 10-1..10-7 off; 9-20 Sun, 10-10 Sat make-up"},
		{"2026-12-24", 3, "2026-12-29", "plain weeks at the end of a known year"},
	} {
		got := cal.AddWorkingDays(date(t, tc.from), tc.n)
		if got.Date.String() != tc.want || !got.Confirmed {
			t.Errorf("%s + %d working days = %v (confirmed %v), want %s confirmed (%s)",
				tc.from, tc.n, got.Date, got.Confirmed, tc.want, tc.why)
		}
	}
}

// 元旦 of every year with a schedule: a decision on the last working day of December is
// due across the New Year break (3 working days: a withdrawal), counted by hand from the
// notices. 2019's break began in 2018, which has no schedule of its own, so that case is
// in TestAddWorkingDaysUnknownYear.
func TestAddWorkingDaysAcrossNewYear(t *testing.T) {
	cal := workday.Builtin()
	for _, tc := range []struct {
		from string
		n    int
		want string
		why  string
	}{
		{"2019-01-01", 3, "2019-01-04", "decided on 元旦 itself: 1-2, 1-3, 1-4"},
		{"2019-12-31", 3, "2020-01-06", "1-1 off; 1-2 Thu, 1-3 Fri, then the weekend"},
		{"2020-12-31", 3, "2021-01-06", "1-1..1-3 off"},
		{"2021-12-31", 3, "2022-01-06", "1-1..1-3 off (Saturday to Monday)"},
		{"2022-12-30", 3, "2023-01-05", "2022-12-31..2023-1-2 off, announced in the 2023 notice"},
		{"2023-12-29", 3, "2024-01-04", "weekend, then 1-1 off"},
		{"2024-12-31", 3, "2025-01-06", "1-1 off; 1-2 Thu, 1-3 Fri, then the weekend"},
		{"2025-12-31", 3, "2026-01-06", "1-1..1-3 off; Sunday 1-4 is a make-up working day"},
		{"2025-12-31", 7, "2026-01-12", "1-4 make-up, 1-5..1-9, then 1-12"},
	} {
		got := cal.AddWorkingDays(date(t, tc.from), tc.n)
		if got.Date.String() != tc.want || !got.Confirmed {
			t.Errorf("%s + %d working days = %v (confirmed %v), want %s confirmed (%s)",
				tc.from, tc.n, got.Date, got.Confirmed, tc.want, tc.why)
		}
	}
}

func TestAddWorkingDaysUnknownYear(t *testing.T) {
	cal := workday.Builtin()
	for _, tc := range []struct {
		from string
		n    int
		want string
	}{
		// 2027 has no schedule: 2027-01-01 (Friday) counts as a working day for now.
		{"2026-12-28", 7, "2027-01-06"},
		// 2030: plain Monday to Friday, so 1 October counts.
		{"2030-09-27", 7, "2030-10-08"},
		// 2018 has no schedule, but the 2019 notice made Saturday 2018-12-29 a working day
		// and 2018-12-30..2019-01-01 days off; those published days are still used.
		{"2018-12-27", 3, "2019-01-02"},
		// 元旦 2019: 2018-12-29 (Sat) make-up, 2018-12-30..2019-01-01 off.
		{"2018-12-28", 3, "2019-01-03"},
	} {
		got := cal.AddWorkingDays(date(t, tc.from), tc.n)
		if got.Date.String() != tc.want || got.Confirmed {
			t.Errorf("%s + %d = %v (confirmed %v), want %s unconfirmed", tc.from, tc.n, got.Date, got.Confirmed, tc.want)
		}
		if !strings.HasSuffix(got.String(), "（日历尚未确认）") {
			t.Errorf("Deadline.String() = %q, want the unconfirmed mark", got)
		}
	}
}

func TestAddWorkingDaysZeroAndNegative(t *testing.T) {
	cal := workday.Builtin()
	d := date(t, "2025-10-01") // a holiday: n <= 0 still returns it unchanged
	for _, n := range []int{0, -1, -100} {
		if got := cal.AddWorkingDays(d, n); got != (workday.Deadline{Date: d, Confirmed: true}) {
			t.Errorf("AddWorkingDays(%v, %d) = %+v", d, n, got)
		}
	}
	if got := cal.AddWorkingDays(date(t, "2031-05-01"), 0); got.Confirmed {
		t.Errorf("n = 0 in an unknown year should not be confirmed: %+v", got)
	}
	if got := cal.AddWorkingDays(domain.Date{}, 7); got != (workday.Deadline{}) {
		t.Errorf("zero from: %+v", got)
	}
	if cal.Explain(d, 0) != nil || cal.Explain(domain.Date{}, 3) != nil {
		t.Error("Explain should be empty for n <= 0 and a zero date")
	}
}

func TestIsWorkingDay(t *testing.T) {
	cal := workday.Builtin()
	for _, tc := range []struct {
		d    string
		want bool
		kind workday.Kind
		name string
	}{
		{"2025-09-26", true, workday.Workday, ""},
		{"2025-09-27", false, workday.Weekend, ""},
		{"2025-09-28", true, workday.Makeup, "国庆节、中秋节"},
		{"2025-10-01", false, workday.Holiday, "国庆节、中秋节"},
		{"2025-10-08", false, workday.Holiday, "国庆节、中秋节"},
		{"2025-10-11", true, workday.Makeup, "国庆节、中秋节"},
		{"2025-10-12", false, workday.Weekend, ""},
		{"2020-02-03", true, workday.Makeup, "春节"}, // a Monday listed as working after the 2020 extension
		{"2022-12-31", false, workday.Holiday, "元旦"},
		{"2018-12-29", true, workday.Makeup, "元旦"},
		{"2030-10-01", true, workday.Workday, ""},
	} {
		d := date(t, tc.d)
		if got := cal.IsWorkingDay(d); got != tc.want {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", tc.d, got, tc.want)
		}
		if k, name := cal.Classify(d); k != tc.kind || name != tc.name {
			t.Errorf("Classify(%s) = %v %q, want %v %q", tc.d, k, name, tc.kind, tc.name)
		}
	}
}

func TestExplain(t *testing.T) {
	cal := workday.Builtin()
	got := cal.Explain(date(t, "2025-09-26"), 7)
	want := []string{
		"2025-09-27 周六  不计  周末",
		"2025-09-28 周日  第1个工作日  调休上班（国庆节、中秋节）",
		"2025-09-29 周一  第2个工作日  工作日",
		"2025-09-30 周二  第3个工作日  工作日",
		"2025-10-01 周三  不计  国庆节、中秋节",
		"2025-10-02 周四  不计  国庆节、中秋节",
		"2025-10-03 周五  不计  国庆节、中秋节",
		"2025-10-04 周六  不计  国庆节、中秋节",
		"2025-10-05 周日  不计  国庆节、中秋节",
		"2025-10-06 周一  不计  国庆节、中秋节",
		"2025-10-07 周二  不计  国庆节、中秋节",
		"2025-10-08 周三  不计  国庆节、中秋节",
		"2025-10-09 周四  第4个工作日  工作日",
		"2025-10-10 周五  第5个工作日  工作日",
		"2025-10-11 周六  第6个工作日  调休上班（国庆节、中秋节）",
		"2025-10-12 周日  不计  周末",
		"2025-10-13 周一  第7个工作日  工作日",
	}
	if len(got) != len(want) {
		t.Fatalf("Explain gave %d days, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("day %d = %q, want %q", i, got[i], want[i])
		}
	}
	unconfirmed := cal.Explain(date(t, "2026-12-30"), 2)
	if last := unconfirmed[len(unconfirmed)-1]; last.Confirmed || !strings.Contains(last.Reason(), "日历尚未确认") {
		t.Errorf("2027 day should be marked unconfirmed: %v", last)
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	cal := workday.Builtin()
	a, b := date(t, "2025-09-26"), date(t, "2025-10-13")
	if got := cal.WorkingDaysBetween(a, b); got != 7 {
		t.Errorf("between = %d, want 7", got)
	}
	if got := cal.WorkingDaysBetween(b, a); got != -7 {
		t.Errorf("reversed = %d, want -7", got)
	}
	if got := cal.WorkingDaysBetween(a, a); got != 0 {
		t.Errorf("same day = %d, want 0", got)
	}
	// Working days left on the eve of the holiday until the deadline: 10-9, 10-10, 10-11, 10-13.
	if got := cal.WorkingDaysBetween(date(t, "2025-09-30"), b); got != 4 {
		t.Errorf("left = %d, want 4", got)
	}
	if got := cal.WorkingDaysBetween(domain.Date{}, b); got != 0 {
		t.Errorf("zero date = %d, want 0", got)
	}
}

func TestOverdue(t *testing.T) {
	dl := workday.Deadline{Date: date(t, "2025-10-13"), Confirmed: true}
	if dl.Overdue(date(t, "2025-10-13")) {
		t.Error("the deadline day itself is still in time")
	}
	if !dl.Overdue(date(t, "2025-10-14")) {
		t.Error("the day after the deadline is overdue")
	}
	if (workday.Deadline{}).Overdue(date(t, "2025-10-14")) {
		t.Error("no deadline is never overdue")
	}
}

func TestBuiltinYears(t *testing.T) {
	cal := workday.Builtin()
	years := cal.Years()
	want := []int{2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026}
	if len(years) < len(want) {
		t.Fatalf("Years = %v", years)
	}
	for i, y := range want {
		if years[i] != y || !cal.HasYear(y) {
			t.Errorf("Years = %v, want to start with %v", years, want)
			break
		}
	}
	if cal.HasYear(2018) {
		t.Error("2018 has no schedule of its own")
	}
	s, ok := cal.Schedule(2025)
	if !ok || s.Year != 2025 || len(s.Papers) == 0 || !strings.Contains(s.Papers[0], "gov.cn") {
		t.Errorf("Schedule(2025) = %+v, %v", s, ok)
	}
	if workday.Builtin() != cal {
		t.Error("Builtin should load the embedded data once")
	}
}

func TestCalendarIsImmutable(t *testing.T) {
	base := workday.Builtin()
	d := date(t, "2025-10-01")

	// Changing a schedule obtained from the calendar must not change the calendar.
	s, _ := base.Schedule(2025)
	for i := range s.Days {
		s.Days[i].OffDay = false
	}
	if base.IsWorkingDay(d) {
		t.Fatal("editing a returned schedule changed the calendar")
	}

	// Replacing 2025 with a schedule where 1 October is a working day (Wednesday anyway).
	custom := workday.Schedule{Year: 2025, Days: []workday.Day{{Date: date(t, "2025-10-02"), Name: "测试", OffDay: true}}}
	changed := base.WithSchedule(custom)
	if !changed.IsWorkingDay(d) || changed.IsWorkingDay(date(t, "2025-10-02")) {
		t.Error("WithSchedule did not replace 2025")
	}
	if base.IsWorkingDay(d) {
		t.Error("WithSchedule changed the original calendar")
	}
	custom.Days[0].OffDay = false
	if changed.IsWorkingDay(date(t, "2025-10-02")) {
		t.Error("editing the schedule after WithSchedule changed the calendar")
	}

	without := base.WithoutSchedule(2025)
	if without.HasYear(2025) || !without.IsWorkingDay(d) || !base.HasYear(2025) {
		t.Error("WithoutSchedule should drop 2025 from the copy only")
	}
	if got := without.AddWorkingDays(date(t, "2025-09-26"), 7); got.Confirmed || got.Date.String() != "2025-10-07" {
		t.Errorf("without 2025: %+v, want 2025-10-07 unconfirmed", got)
	}

	var zero workday.Calendar
	if !zero.IsWorkingDay(d) || zero.HasYear(2025) || len(zero.Years()) != 0 {
		t.Error("the zero Calendar should be plain Monday to Friday")
	}
	if !zero.WithSchedule(custom).HasYear(2025) || zero.WithoutSchedule(2025).HasYear(2025) {
		t.Error("WithSchedule on the zero Calendar")
	}
}

func TestNewLaterScheduleWins(t *testing.T) {
	a := workday.Schedule{Year: 2030, Days: []workday.Day{{Date: date(t, "2030-10-01"), Name: "国庆节", OffDay: true}}}
	b := workday.Schedule{Year: 2030, Days: []workday.Day{{Date: date(t, "2030-10-02"), Name: "国庆节", OffDay: true}}}
	cal := workday.New(a, b)
	if !cal.IsWorkingDay(date(t, "2030-10-01")) || cal.IsWorkingDay(date(t, "2030-10-02")) {
		t.Error("the later schedule for 2030 should win")
	}
	if got := cal.Years(); len(got) != 1 || got[0] != 2030 {
		t.Errorf("Years = %v", got)
	}
}

func TestConcurrentUse(t *testing.T) {
	cal := workday.Builtin()
	from := date(t, "2025-09-26")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			next := cal.WithSchedule(workday.Schedule{Year: 2040 + i, Days: []workday.Day{{Date: domain.NewDate(2040+i, 1, 1), Name: "元旦", OffDay: true}}})
			for range 100 {
				if got := next.AddWorkingDays(from, 7); got.Date.String() != "2025-10-13" {
					t.Errorf("got %v", got)
				}
			}
		})
	}
	wg.Wait()
}

// A calendar mixing known years with unknown ones, for the properties below.
var fuzzCal = workday.Builtin()

func FuzzAddWorkingDays(f *testing.F) {
	f.Add(int64(0), uint8(7))     // 2025-09-26
	f.Add(int64(-120), uint8(20)) // late May 2025
	f.Add(int64(455), uint8(3))   // late December 2026, into unknown 2027
	f.Add(int64(-2500), uint8(7)) // 2018
	base := domain.NewDate(2025, time.September, 26)
	f.Fuzz(func(t *testing.T, offset int64, n8 uint8) {
		from := base.AddDays(int(offset % 5000)) // 2012 … 2039
		n := int(n8 % 64)
		got := fuzzCal.AddWorkingDays(from, n)
		if n == 0 {
			if got.Date != from {
				t.Fatalf("n = 0 moved the date: %v -> %v", from, got.Date)
			}
			return
		}
		if !got.Date.After(from) {
			t.Fatalf("%v + %d = %v, not after from", from, n, got.Date)
		}
		if !fuzzCal.IsWorkingDay(got.Date) {
			t.Fatalf("%v + %d = %v, not a working day", from, n, got.Date)
		}
		// Count the working days in (from, result] directly with IsWorkingDay.
		count, confirmed := 0, true
		for d := from.AddDays(1); !d.After(got.Date); d = d.AddDays(1) {
			if fuzzCal.IsWorkingDay(d) {
				count++
			}
			confirmed = confirmed && fuzzCal.HasYear(d.Year)
		}
		if count != n {
			t.Fatalf("%v + %d = %v, but that span holds %d working days", from, n, got.Date, count)
		}
		if confirmed != got.Confirmed {
			t.Fatalf("%v + %d: Confirmed = %v, want %v", from, n, got.Confirmed, confirmed)
		}
		if between := fuzzCal.WorkingDaysBetween(from, got.Date); between != n {
			t.Fatalf("WorkingDaysBetween(%v, %v) = %d, want %d", from, got.Date, between, n)
		}
		if back := fuzzCal.WorkingDaysBetween(got.Date, from); back != -n {
			t.Fatalf("WorkingDaysBetween reversed = %d, want %d", back, -n)
		}
		if next := fuzzCal.AddWorkingDays(from, n+1); !next.Date.After(got.Date) {
			t.Fatalf("not monotonic: +%d = %v, +%d = %v", n, got.Date, n+1, next.Date)
		}
		ex := fuzzCal.Explain(from, n)
		if last := ex[len(ex)-1]; last.Date != got.Date || last.Count != n || !last.Counted {
			t.Fatalf("Explain ends at %+v, want %v as working day %d", last, got.Date, n)
		}
	})
}

func BenchmarkAddWorkingDays(b *testing.B) {
	cal := workday.Builtin()
	from := domain.NewDate(2025, time.September, 26)
	for _, n := range []int{7, 20} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				cal.AddWorkingDays(from, n)
			}
		})
	}
}
