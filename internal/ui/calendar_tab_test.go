package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
)

// lastButton finds the last visible button showing key's translation: the one of the open
// dialog when the screen behind it has a button with the same words.
func lastButton(t *testing.T, u *UI, key string) *widget.Button {
	t.Helper()
	var found *widget.Button
	for _, b := range objects[*widget.Button](u) {
		if b.Text == tr(key) {
			found = b
		}
	}
	if found == nil {
		t.Fatalf("no button %q; screen: %s", tr(key), screenText(u))
	}
	return found
}

// entryWithText finds the visible entry currently showing text.
func entryWithText(t *testing.T, u *UI, text string) *widget.Entry {
	t.Helper()
	for _, e := range objects[*widget.Entry](u) {
		if e.Text == text {
			return e
		}
	}
	t.Fatalf("no entry showing %q", text)
	return nil
}

func TestCalendarTabEnterNextYear(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "admin")
	// The dashboard reminds the administrator in November and opens the year to enter.
	assertTodo(t, u, "录入 2027 年节假日安排")
	u.openTarget("settings:calendar:2027")
	assertShows(t, u, "2027 年：尚未录入节假日安排")

	tapButton(t, u, "calendar.enter")
	// The form starts with the usual holidays; fill in 国庆节 only, first with a bad date.
	row := -1
	entries := objects[*widget.Entry](u)
	for i, e := range entries {
		if e.Text == "国庆节" {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("the form has no 国庆节 row: %s", screenText(u))
	}
	test.Type(entries[row+1], "10-1")
	test.Type(entries[row+2], "10-32")
	test.Tap(lastButton(t, u, "action.save"))
	assertShows(t, u, "国庆节 · 放假结束：日期“10-32”无效")

	entries[row+2].SetText("10月7日")
	test.Type(entries[row+3], "9月26日（周日）、10月9日（周六）")
	test.Tap(lastButton(t, u, "action.save"))
	assertShows(t, u, "请填写“通知文号或网址”")

	typeInto(t, u, "calendar.form.reference.placeholder", "国办发明电〔2026〕9号")
	test.Tap(lastButton(t, u, "action.save"))
	assertShows(t, u, "2027 年：使用本单位录入的安排", "国办发明电〔2026〕9号",
		"国庆节：2027-10-01 至 2027-10-07 放假，共 7 天；调休上班：2027-09-26、2027-10-09")

	cal, _ := u.svc.Store.Calendar()
	if !cal.HasYear(2027) || !cal.IsWorkingDay(domain.NewDate(2027, 10, 9)) || cal.IsWorkingDay(domain.NewDate(2027, 10, 4)) {
		t.Error("the entered schedule is not the office's calendar")
	}
	// The reminder is gone.
	u.openTarget("home:")
	if s := screenText(u); strings.Contains(s, "录入 2027 年节假日安排") {
		t.Error("the dashboard still asks to enter 2027")
	}
}

func TestCalendarTabReadOnlyForOfficers(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "liuyang")
	u.openTarget("settings:calendar:2025")
	assertShows(t, u, "2025 年：使用 LawDesk 内置的国务院办公厅通知安排", tr("calendar.readonly"),
		"国庆节、中秋节：2025-10-01 至 2025-10-08 放假，共 8 天；调休上班：2025-09-28、2025-10-11")
	if b := button(u, "calendar.enter"); b == nil || !b.Disabled() {
		t.Error("an officer can open the schedule form")
	}
	if b := button(u, "calendar.export"); b == nil || b.Disabled() {
		t.Error("exporting a built-in year should be possible for everyone")
	}
}
