package workday_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/workday"
)

// Every built-in schedule, grouped into holidays as the form shows them and rebuilt from
// those holidays, gives the same schedule: the form can show and save every real notice.
func TestBreaksRoundTripBuiltin(t *testing.T) {
	cal := workday.Builtin()
	for _, y := range cal.Years() {
		s, _ := cal.Schedule(y)
		hs := s.Breaks()
		back, err := workday.FromBreaks(y, s.Papers, hs)
		if err != nil {
			t.Fatalf("%d: %v", y, err)
		}
		if !reflect.DeepEqual(back, s) {
			t.Errorf("%d: rebuilt schedule differs\n got %+v\nwant %+v", y, back, s)
		}
	}
}

func TestBreaks2025(t *testing.T) {
	s, _ := workday.Builtin().Schedule(2025)
	var national workday.Break
	for _, h := range s.Breaks() {
		if h.Name == "国庆节、中秋节" {
			national = h
		}
	}
	want := workday.Break{Name: "国庆节、中秋节", From: domain.NewDate(2025, 10, 1), To: domain.NewDate(2025, 10, 8),
		Makeup: []domain.Date{domain.NewDate(2025, 9, 28), domain.NewDate(2025, 10, 11)}}
	if !reflect.DeepEqual(national, want) {
		t.Errorf("国庆节 2025 = %+v, want %+v", national, want)
	}
}

func TestFromBreaks(t *testing.T) {
	d := func(m, day int) domain.Date { return domain.NewDate(2027, timeMonth(m), day) }
	s, err := workday.FromBreaks(2027, []string{"国办发明电〔2026〕1号"}, []workday.Break{
		{Name: " 国庆节 ", From: d(10, 1), To: d(10, 7), Makeup: []domain.Date{d(9, 26), d(10, 9)}},
		{}, // an empty row of the form is skipped
		{Name: "元旦", From: domain.NewDate(2026, 12, 31), To: d(1, 1)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Days) != 11 || s.Days[0].Date != domain.NewDate(2026, 12, 31) || s.Days[0].Name != "元旦" {
		t.Fatalf("days = %+v", s.Days)
	}
	cal := workday.New(s)
	if cal.IsWorkingDay(d(10, 4)) || !cal.IsWorkingDay(d(10, 9)) || !cal.IsWorkingDay(d(9, 26)) {
		t.Error("the schedule does not say what was entered")
	}
	if k, name := cal.Classify(d(10, 9)); k != workday.Makeup || name != "国庆节" {
		t.Errorf("10-09 = %v %q", k, name)
	}
}

func TestFromBreaksErrors(t *testing.T) {
	d := func(m, day int) domain.Date { return domain.NewDate(2027, timeMonth(m), day) }
	for _, tc := range []struct {
		name string
		hs   []workday.Break
		msg  string
	}{
		{"nothing", nil, "没有列出任何放假或调休上班的日期"},
		{"no name", []workday.Break{{From: d(10, 1), To: d(10, 7)}}, "第 1 个节日缺少名称"},
		{"only start", []workday.Break{{Name: "国庆节", From: d(10, 1)}}, "“国庆节”的放假日期要填写开始和结束两天"},
		{"empty holiday", []workday.Break{{Name: "国庆节"}}, "既没有放假日期也没有调休上班日期"},
		{"backwards", []workday.Break{{Name: "国庆节", From: d(10, 7), To: d(10, 1)}}, "结束日期 2027-10-01 早于开始日期 2027-10-07"},
		{"too long", []workday.Break{{Name: "国庆节", From: d(10, 1), To: d(11, 7)}}, "放假 38 天"},
		{"overlap", []workday.Break{{Name: "中秋节", From: d(9, 30), To: d(10, 2)}, {Name: "国庆节", From: d(10, 1), To: d(10, 7)}},
			"“国庆节”的放假日期 2027-10-01 已经填在“中秋节”中"},
		{"makeup on a day off", []workday.Break{{Name: "国庆节", From: d(10, 1), To: d(10, 7), Makeup: []domain.Date{d(10, 3)}}},
			"“国庆节”中的日期 2027-10-03 填了两次"},
		{"wrong year", []workday.Break{{Name: "国庆节", From: domain.NewDate(2028, 10, 1), To: domain.NewDate(2028, 10, 3)}},
			"2028-10-01 不属于 2027 年"},
	} {
		_, err := workday.FromBreaks(2027, nil, tc.hs)
		if err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if msg := domain.ErrorMessage(err); domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(msg, tc.msg) {
			t.Errorf("%s: %q, want it to contain %q", tc.name, msg, tc.msg)
		}
	}
}

func TestParseDateIn(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"10-1", "2027-10-01", ""},
		{" 10/11 ", "2027-10-11", ""},
		{"9.26", "2027-09-26", ""},
		{"9月26日", "2027-09-26", ""},
		{"9月26日（周日）", "2027-09-26", ""},
		{"10月9日(星期六)", "2027-10-09", ""},
		{"１０－１", "2027-10-01", ""},
		{"2026-12-31", "2026-12-31", ""}, // a full date keeps its own year
		{"2026年12月31日", "2026-12-31", ""},
		{"2-29", "", "2027 年没有 2 月 29 日"},
		{"13-1", "", "没有 13 月 1 日"},
		{"国庆", "", "无法识别日期"},
		{"", "", "日期不能为空"},
	} {
		got, err := workday.ParseDateIn(2027, tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(domain.ErrorMessage(err), tc.err) {
				t.Errorf("ParseDateIn(%q) = %v, %v; want error with %q", tc.in, got, err, tc.err)
			}
			continue
		}
		if err != nil || got.String() != tc.want {
			t.Errorf("ParseDateIn(%q) = %v, %v; want %s", tc.in, got, err, tc.want)
		}
	}
}

func TestParseScheduleDate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"12-31", "2022-12-31"}, // the 2023 notice: 元旦 2022-12-31..2023-01-02
		{"12月31日（周六）", "2022-12-31"},
		{"1-2", "2023-01-02"},
		{"2023-12-31", "2023-12-31"}, // a full date is never changed (and Validate rejects it)
	} {
		got, err := workday.ParseScheduleDate(2023, tc.in)
		if err != nil || got.String() != tc.want {
			t.Errorf("ParseScheduleDate(2023, %q) = %v, %v; want %s", tc.in, got, err, tc.want)
		}
	}
}

func TestParseDateList(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"9月28日（周日）、10月11日（周六）", "2027-09-28、2027-10-11"},
		{"2027-09-28, 2027-10-11", "2027-09-28、2027-10-11"},
		{"9-28 10-11；10-12", "2027-09-28、2027-10-11、2027-10-12"},
		{"12-26", "2026-12-26"},
		{"  ", ""},
		{"", ""},
	} {
		got, err := workday.ParseDateList(2027, tc.in)
		if err != nil || workday.FormatDateList(got) != tc.want {
			t.Errorf("ParseDateList(%q) = %v, %v; want %s", tc.in, got, err, tc.want)
		}
	}
	if _, err := workday.ParseDateList(2027, "9-28、9-31"); err == nil || !strings.Contains(domain.ErrorMessage(err), "9-31") {
		t.Errorf("a bad date in the list should be named: %v", err)
	}
}

func FuzzParseDateList(f *testing.F) {
	for _, s := range []string{"9月28日（周日）、10月11日（周六）", "2025-09-28, 10-11", "１０－１", "2-29", "", "、、", "10月1号"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ds, err := workday.ParseDateList(2028, s)
		if err != nil {
			if domain.ErrorCode(err) != domain.EINVALID || domain.ErrorMessage(err) == "" {
				t.Fatalf("error without a message for people: %v", err)
			}
			return
		}
		for _, d := range ds {
			if !d.Valid() {
				t.Fatalf("%q gave an invalid date %+v", s, d)
			}
		}
		back, err := workday.ParseDateList(2028, workday.FormatDateList(ds))
		if err != nil || !reflect.DeepEqual(back, ds) && len(ds) > 0 {
			t.Fatalf("%q: formatted list does not read back: %v, %v vs %v", s, err, back, ds)
		}
	})
}

func timeMonth(m int) time.Month { return time.Month(m) }
