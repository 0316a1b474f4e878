package main

import (
	"strings"
	"testing"

	"lawdesk/internal/calendar"
	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
	"lawdesk/internal/workday"
)

func TestWorkdayAdd(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"add", "--from", "2025-09-26", "--days", "7"}, 0, []string{"2025-09-26 起 7 个工作日：2025-10-13（周一）"}},
		{[]string{"add", "--from", "2025年9月26日", "--days", "20"}, 0, []string{"2025-10-30（周四）"}},
		{[]string{"add", "--from", "2025-09-26", "--days", "7", "--explain"}, 0,
			[]string{"2025-09-28 周日  第1个工作日  调休上班（国庆节、中秋节）", "2025-10-08 周三  不计  国庆节、中秋节", "2025-10-13 周一  第7个工作日  工作日"}},
		{[]string{"add", "--from", "2026-12-28", "--days", "7"}, 0, []string{"2027-01-06", "日历尚未确认"}},
		{[]string{"add", "--from", "2025-02-30", "--days", "7"}, 1, []string{"--from", "2025年2月只有28天"}},
		{[]string{"add", "--from", "2025-09-26"}, 1, []string{"--days 应为 1 到 1000"}},
		{[]string{"add", "--from", "2025-09-26", "--days", "x"}, 2, []string{"invalid value"}},
		{[]string{"subtract"}, 2, []string{"lawdesk workday add --from"}},
		{[]string{"-h"}, 0, []string{"-explain", "-from"}},
	} {
		code, out := lawdesk(t, append([]string{"workday"}, tc.args...)...)
		if code != tc.code {
			t.Errorf("workday %v: exit %d, want %d\n%s", tc.args, code, tc.code, out)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("workday %v: output lacks %q:\n%s", tc.args, w, out)
			}
		}
	}
}

// With --data the office's own schedules count; without it only the built-in ones.
func TestWorkdayAddUsesTheOfficeCalendar(t *testing.T) {
	dir := newDemo(t)
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	admin, err := office.New(st).Login("admin", "demo1234")
	if err == nil {
		_, err = calendar.New(st).SaveBreaks(admin, 2027, "国办发明电〔2026〕9号", []workday.Break{
			{Name: "元旦", From: domain.NewDate(2027, 1, 1), To: domain.NewDate(2027, 1, 3)}})
	}
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	// 2026-12-31 + 3: 2027-01-01 (Friday) is a day off in the entered schedule.
	code, out := lawdesk(t, "workday", "add", "--from", "2026-12-31", "--days", "3", "--data", dir)
	if code != 0 || !strings.Contains(out, "2027-01-06（周三）") || strings.Contains(out, "尚未确认") {
		t.Errorf("with --data: exit %d\n%s", code, out)
	}
	code, out = lawdesk(t, "workday", "add", "--from", "2026-12-31", "--days", "3")
	if code != 0 || !strings.Contains(out, "2027-01-05（周二）") || !strings.Contains(out, "尚未确认") {
		t.Errorf("without --data: exit %d\n%s", code, out)
	}
}
