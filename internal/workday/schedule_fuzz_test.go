package workday_test

import (
	"os"
	"reflect"
	"testing"

	"lawdesk/internal/domain"
	"lawdesk/internal/workday"
)

// FuzzParseSchedule feeds the holiday-cn JSON importer (设置 → 工作日历 → 导入) anything a
// downloaded or hand-edited file could hold. It must never panic, must refuse with a message
// for people, and what it accepts must be a valid schedule that survives export and import.
func FuzzParseSchedule(f *testing.F) {
	for _, y := range []string{"2019", "2024", "2026"} {
		if b, err := os.ReadFile("../../resources/holiday/" + y + ".json"); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		`{"year":2027,"papers":[],"days":[{"name":"元旦","date":"2026-12-31","isOffDay":true}]}`,
		`{"year":2027,"days":[{"name":"国庆节","date":"2027-10-01"}]}`,
		`{"year":2027,"days":[{"name":"","date":"2027-13-01","isOffDay":false}]}`,
		`{"year":"2027"}`, `[]`, `{`, `null`, `{"year":99999999999999999999}`,
		`{"year":2027,"days":[{"name":"春节","date":"２０２７年２月６日","isOffDay":true},{"name":"春节","date":"2027-2-6","isOffDay":true}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := workday.ParseSchedule(data)
		if err != nil {
			if domain.ErrorCode(err) != domain.EINVALID || domain.ErrorMessage(err) == "" {
				t.Fatalf("refusal without a message for people: %v", err)
			}
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("accepted a schedule that does not validate: %v", err)
		}
		out, err := s.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		back, err := workday.ParseSchedule(out)
		if err != nil || !reflect.DeepEqual(back.Days, s.Days) || back.Year != s.Year {
			t.Fatalf("exported schedule does not import back: %v", err)
		}
		cal := workday.New(s)
		for _, d := range s.Days {
			if cal.IsWorkingDay(d.Date) == d.OffDay && d.Date.Year == s.Year {
				t.Fatalf("%s: the calendar disagrees with the schedule (off day %v)", d.Date, d.OffDay)
			}
		}
	})
}
