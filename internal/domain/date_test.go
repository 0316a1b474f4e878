package domain_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/domain"
)

func TestParseDateAccepts(t *testing.T) {
	want := domain.NewDate(2025, time.September, 26)
	for _, in := range []string{
		"2025-09-26",
		"2025-9-26",
		"2025/9/26",
		"2025/09/26",
		"2025.9.26",
		"20250926",
		"2025年9月26日",
		"2025年09月26日",
		"2025年9月26号",
		"2025年9月26",
		"2025 年 9 月 26 日",
		"  2025-09-26 \t",
		"\u30002025-09-26\u3000",
		"２０２５－０９－２６",
		"２０２５年９月２６日",
	} {
		got, err := domain.ParseDate(in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", in, err)
			continue
		}
		if got != want {
			t.Errorf("ParseDate(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, tc := range []struct {
		in, msg string
	}{
		{"", "日期不能为空"},
		{"   ", "日期不能为空"},
		{"2025-02-30", "日期“2025-02-30”无效：2025年2月只有28天"},
		{"2024-02-30", "2024年2月只有29天"},
		{"2025-04-31", "2025年4月只有30天"},
		{"2025-13-01", "月份应在 1 到 12 之间"},
		{"2025-00-10", "月份应在 1 到 12 之间"},
		{"2025-01-00", "日应从 1 开始"},
		{"0000-01-01", "年份不能是 0000"},
		{"2025年2月30日", "日期“2025年2月30日”无效"},
		{"2025-9/26", "无法识别日期“2025-9/26”"},
		{"25-09-26", "无法识别日期"},
		{"2025-09-26 10:00", "无法识别日期"},
		{"2025-009-26", "无法识别日期"},
		{"2025926", "无法识别日期"},
		{"abc", "无法识别日期“abc”"},
		{"九月二十六日", "无法识别日期"},
	} {
		_, err := domain.ParseDate(tc.in)
		if err == nil {
			t.Errorf("ParseDate(%q) succeeded, want error", tc.in)
			continue
		}
		if domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("ParseDate(%q) code = %v, want EINVALID", tc.in, domain.ErrorCode(err))
		}
		if msg := domain.ErrorMessage(err); !strings.Contains(msg, tc.msg) {
			t.Errorf("ParseDate(%q) message = %q, want it to contain %q", tc.in, msg, tc.msg)
		}
	}
}

func TestParseDateLongInputIsShortened(t *testing.T) {
	_, err := domain.ParseDate(strings.Repeat("错", 200))
	if msg := domain.ErrorMessage(err); len([]rune(msg)) > 100 || !strings.Contains(msg, "…") {
		t.Errorf("message not shortened: %q", msg)
	}
}

func TestDateArithmetic(t *testing.T) {
	d := domain.NewDate(2025, time.September, 26)
	if got := d.Weekday(); got != time.Friday {
		t.Errorf("Weekday = %v, want Friday", got)
	}
	for _, tc := range []struct {
		n    int
		want string
	}{
		{0, "2025-09-26"},
		{1, "2025-09-27"},
		{5, "2025-10-01"},
		{-26, "2025-08-31"},
		{97, "2026-01-01"},
		{-365, "2024-09-26"},
	} {
		got := d.AddDays(tc.n)
		if got.String() != tc.want {
			t.Errorf("AddDays(%d) = %v, want %s", tc.n, got, tc.want)
		}
		if back := d.DaysUntil(got); back != tc.n {
			t.Errorf("DaysUntil(%v) = %d, want %d", got, back, tc.n)
		}
	}
	// Month ends and leap days through the single-step fast path.
	for _, tc := range []struct{ from, want domain.Date }{
		{domain.NewDate(2024, 2, 28), domain.NewDate(2024, 2, 29)},
		{domain.NewDate(2024, 2, 29), domain.NewDate(2024, 3, 1)},
		{domain.NewDate(2025, 2, 28), domain.NewDate(2025, 3, 1)},
		{domain.NewDate(2025, 4, 30), domain.NewDate(2025, 5, 1)},
		{domain.NewDate(2025, 12, 31), domain.NewDate(2026, 1, 1)},
	} {
		if got := tc.from.AddDays(1); got != tc.want {
			t.Errorf("%v.AddDays(1) = %v, want %v", tc.from, got, tc.want)
		}
	}
	if got := domain.NewDate(2025, 2, 30); got != domain.NewDate(2025, 3, 2) {
		t.Errorf("NewDate normalises: got %v", got)
	}
}

func TestDateCompare(t *testing.T) {
	a := domain.NewDate(2025, 9, 30)
	b := domain.NewDate(2025, 10, 1)
	if !a.Before(b) || a.After(b) || a.Equal(b) || a.Compare(b) != -1 || b.Compare(a) != 1 {
		t.Error("2025-09-30 should be before 2025-10-01")
	}
	if a.Compare(a) != 0 || !a.Equal(a) {
		t.Error("a date should equal itself")
	}
	if !(domain.Date{}).Before(a) {
		t.Error("the zero date should sort first")
	}
	if !domain.NewDate(2024, 12, 31).Before(domain.NewDate(2025, 1, 1)) {
		t.Error("year should dominate")
	}
}

func TestDateConversions(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	// 2025-09-26 20:00 UTC is already the 27th in Beijing.
	instant := time.Date(2025, 9, 26, 20, 0, 0, 0, time.UTC)
	if got := domain.DateOf(instant.In(shanghai)); got != domain.NewDate(2025, 9, 27) {
		t.Errorf("DateOf in Shanghai = %v, want 2025-09-27", got)
	}
	if got := domain.DateOf(instant); got != domain.NewDate(2025, 9, 26) {
		t.Errorf("DateOf in UTC = %v, want 2025-09-26", got)
	}
	mid := domain.NewDate(2025, 9, 27).Time(shanghai)
	if !mid.Equal(time.Date(2025, 9, 27, 0, 0, 0, 0, shanghai)) {
		t.Errorf("Time = %v", mid)
	}
}

func TestDateZeroAndValid(t *testing.T) {
	var z domain.Date
	if !z.IsZero() || z.String() != "" || z.Valid() {
		t.Errorf("zero date: IsZero=%v String=%q Valid=%v", z.IsZero(), z.String(), z.Valid())
	}
	if (domain.Date{Year: 2025, Month: 2, Day: 29}).Valid() {
		t.Error("2025-02-29 should not be valid")
	}
	if !(domain.Date{Year: 2024, Month: 2, Day: 29}).Valid() {
		t.Error("2024-02-29 should be valid")
	}
}

func TestDateJSON(t *testing.T) {
	type rec struct {
		Decided domain.Date `json:"decided"`
		Due     domain.Date `json:"due"`
		Closed  domain.Date `json:"closed,omitzero"`
	}
	in := rec{Decided: domain.NewDate(2025, 9, 26)}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"decided":"2025-09-26","due":""}` {
		t.Errorf("Marshal = %s", b)
	}
	var out rec
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if out != in {
		t.Errorf("round trip = %+v, want %+v", out, in)
	}
	err = json.Unmarshal([]byte(`{"decided":"2025-02-30"}`), &out)
	if domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("bad date in JSON: err = %v", err)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2025-09-26", "2025/9/26", "2025.9.26", "20250926", "2025年9月26日", " 2024-02-29 ",
		"2025-02-30", "0000-01-01", "9999-12-31", "２０２５－０９－２６", "", "年月日",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := domain.ParseDate(s)
		if err != nil {
			if domain.ErrorCode(err) != domain.EINVALID {
				t.Fatalf("ParseDate(%q): code %v, want EINVALID", s, domain.ErrorCode(err))
			}
			return
		}
		if !d.Valid() {
			t.Fatalf("ParseDate(%q) = %+v, not a valid date", s, d)
		}
		back, err := domain.ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("ParseDate(%q) = %v, but re-parsing %q gives %v, %v", s, d, d.String(), back, err)
		}
	})
}
