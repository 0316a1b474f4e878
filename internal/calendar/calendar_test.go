package calendar_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/calendar"
	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
	"lawdesk/internal/workday"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func setup(t *testing.T) (*calendar.Service, *store.Store, office.Session, office.Session, *clock) {
	t.Helper()
	c := &clock{time.Date(2026, 11, 20, 9, 0, 0, 0, time.Local)}
	st, err := store.Open(t.TempDir(), store.Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	off := office.New(st)
	admin, err := off.Setup(office.SetupRequest{
		Agency:    domain.Agency{Name: "青山县市场监督管理局", ShortName: "青市监", Region: "贵州省青山县"},
		AdminName: "admin", AdminFullName: "王建国", Password: "admin2026", Password2: "admin2026",
	})
	if err != nil {
		t.Fatal(err)
	}
	officer := office.Session{User: domain.User{Name: "liuyang", FullName: "刘洋", Roles: []domain.Role{domain.RoleOfficer}}}
	return calendar.New(st), st, admin, officer, c
}

func d(y, m, day int) domain.Date { return domain.NewDate(y, time.Month(m), day) }

// The 2027 schedule as an administrator would type it from a (made-up) notice.
var breaks2027 = []workday.Break{
	{Name: "元旦", From: d(2027, 1, 1), To: d(2027, 1, 3)},
	{Name: "国庆节", From: d(2027, 10, 1), To: d(2027, 10, 7), Makeup: []domain.Date{d(2027, 9, 26), d(2027, 10, 9)}},
}

func TestEnterNextYearChangesEveryDeadline(t *testing.T) {
	svc, st, admin, _, _ := setup(t)
	before, _ := st.Calendar()
	from := d(2027, 9, 24) // Friday
	if got := before.AddWorkingDays(from, 7); got.Confirmed || got.Date != d(2027, 10, 5) {
		t.Fatalf("before entering 2027: %v", got)
	}
	y, _ := svc.Year(2027)
	if y.Source != calendar.SourceNone {
		t.Fatalf("2027 source = %v", y.Source)
	}

	v, err := svc.SaveBreaks(admin, 2027, "国办发明电〔2026〕9号", breaks2027)
	if err != nil {
		t.Fatal(err)
	}
	if v.Version == 0 || v.Source != "手工录入" || v.Actor != "admin" {
		t.Errorf("version = %+v", v)
	}
	after, _ := st.Calendar()
	// 9-26 Sun make-up (1), 9-27..9-30 (2-5), 10-1..10-7 off, 10-8 Fri (6), 10-9 Sat make-up (7).
	if got := after.AddWorkingDays(from, 7); !got.Confirmed || got.Date != d(2027, 10, 9) {
		t.Errorf("after entering 2027: %v, want 2027-10-09 confirmed", got)
	}
	y, _ = svc.Year(2027)
	if y.Source != calendar.SourceOffice || y.Versions != 1 || y.Latest.Reference != "国办发明电〔2026〕9号" {
		t.Errorf("year = %+v", y)
	}
	// The audit chain says who entered what.
	events, _ := st.Events(store.EventFilter{ActionPrefix: "calendar."})
	if len(events) != 1 || events[0].Target != "calendar:2027" || !strings.Contains(events[0].Summary, "放假 10 天，调休上班 2 天") ||
		!strings.Contains(events[0].Summary, "国办发明电〔2026〕9号") {
		t.Errorf("events = %+v", events)
	}
}

func TestVersionsAreKeptAndRevertGoesBackToBuiltin(t *testing.T) {
	svc, st, admin, _, _ := setup(t)
	// Correct 2025 by hand (a made-up change: 10-09 off as well).
	sched, _ := workday.Builtin().Schedule(2025)
	bs := sched.Breaks()
	for i := range bs {
		if bs[i].Name == "国庆节、中秋节" {
			bs[i].To = d(2025, 10, 9)
		}
	}
	if _, err := svc.SaveBreaks(admin, 2025, "测试更正", bs); err != nil {
		t.Fatal(err)
	}
	cal, _ := st.Calendar()
	if cal.IsWorkingDay(d(2025, 10, 9)) {
		t.Fatal("the office's correction is not used")
	}
	if _, err := svc.Revert(admin, 2025, ""); err == nil {
		t.Error("a revert without a reason was accepted")
	}
	if _, err := svc.Revert(admin, 2025, "误录入"); err != nil {
		t.Fatal(err)
	}
	cal, _ = st.Calendar()
	if !cal.IsWorkingDay(d(2025, 10, 9)) || !cal.HasYear(2025) {
		t.Error("after revert 2025 should be the built-in schedule again")
	}
	y, _ := svc.Year(2025)
	if y.Source != calendar.SourceBuiltin || y.Versions != 2 {
		t.Errorf("year after revert = %+v", y)
	}
	hist, _ := svc.History(2025)
	if len(hist) != 2 || !hist[0].Reverted || hist[1].Reference != "测试更正" {
		t.Errorf("history = %+v", hist)
	}
	if _, err := svc.Revert(admin, 2025, "再撤销"); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("second revert: %v", err)
	}
	// Reverting a year LawDesk does not know goes back to Monday to Friday.
	svc.SaveBreaks(admin, 2027, "通知", breaks2027)
	svc.Revert(admin, 2027, "录错了年份")
	cal, _ = st.Calendar()
	if cal.HasYear(2027) {
		t.Error("2027 should have no schedule after revert")
	}
}

func TestImportFile(t *testing.T) {
	svc, st, admin, _, _ := setup(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "2027.json")
	content := `{"year": 2027, "papers": ["https://www.gov.cn/zhengce/2027.htm"], "days": [
		{"name": "国庆节", "date": "2027-10-01", "isOffDay": true},
		{"name": "国庆节", "date": "2027-10-09", "isOffDay": false}]}`
	os.WriteFile(good, []byte(content), 0o600)
	v, err := svc.ImportFile(admin, good, "")
	if err != nil {
		t.Fatal(err)
	}
	if v.Source != "导入文件 2027.json" || v.Reference != "https://www.gov.cn/zhengce/2027.htm" {
		t.Errorf("version = %+v", v)
	}
	cal, _ := st.Calendar()
	if !cal.HasYear(2027) || !cal.IsWorkingDay(d(2027, 10, 9)) {
		t.Error("imported schedule not used")
	}

	bad := filepath.Join(dir, "2028.json")
	badContent := `{"year": 2028, "days": [{"name": "国庆节", "date": "2028-10-01"}]}`
	os.WriteFile(bad, []byte(badContent), 0o600)
	_, err = svc.ImportFile(admin, bad, "通知")
	if msg := domain.ErrorMessage(err); !strings.Contains(msg, "2028.json") || !strings.Contains(msg, "缺少 isOffDay") {
		t.Errorf("bad file: %q", msg)
	}
	if b, _ := os.ReadFile(bad); string(b) != badContent {
		t.Error("a rejected import changed the source file")
	}
	if vs, _ := st.ScheduleVersions(2028); len(vs) != 0 {
		t.Error("a rejected import stored something")
	}
	if _, err := svc.ImportFile(admin, filepath.Join(dir, "missing.json"), ""); !strings.Contains(domain.ErrorMessage(err), "missing.json") {
		t.Errorf("missing file: %v", err)
	}
	noPapers := filepath.Join(dir, "2029.json")
	os.WriteFile(noPapers, []byte(`{"year": 2029, "days": [{"name": "元旦", "date": "2029-01-01", "isOffDay": true}]}`), 0o600)
	if _, err := svc.ImportFile(admin, noPapers, ""); !strings.Contains(domain.ErrorMessage(err), "没有注明通知来源") {
		t.Errorf("no papers and no reference: %v", err)
	}
	if _, err := svc.ImportFile(admin, noPapers, "国办发明电〔2028〕1号"); err != nil {
		t.Errorf("with a reference: %v", err)
	}

	// Export gives the same format back.
	out, err := svc.Export(2027)
	if err != nil {
		t.Fatal(err)
	}
	back, err := workday.ParseSchedule(out)
	if err != nil || back.Year != 2027 || len(back.Days) != 2 {
		t.Errorf("export = %s (%v)", out, err)
	}
	if _, err := svc.Export(2031); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("export of an unknown year: %v", err)
	}
}

func TestOnlyAdminsEditTheCalendar(t *testing.T) {
	svc, _, _, officer, _ := setup(t)
	if _, err := svc.SaveBreaks(officer, 2027, "通知", breaks2027); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("officer saving: %v", err)
	}
	if _, err := svc.Import(officer, "2027.json", []byte(`{}`), ""); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("officer importing: %v", err)
	}
	if _, err := svc.Revert(officer, 2025, "x"); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("officer reverting: %v", err)
	}
	if todos, _ := svc.Todos(officer); len(todos) != 0 {
		t.Errorf("officer todos: %+v", todos)
	}
}

func TestSaveBreaksNeedsReferenceAndValidBreaks(t *testing.T) {
	svc, st, admin, _, _ := setup(t)
	if _, err := svc.SaveBreaks(admin, 2027, "  ", breaks2027); !strings.Contains(domain.ErrorMessage(err), "通知文号或网址") {
		t.Errorf("no reference: %v", err)
	}
	bad := []workday.Break{{Name: "国庆节", From: d(2027, 10, 7), To: d(2027, 10, 1)}}
	if _, err := svc.SaveBreaks(admin, 2027, "通知", bad); !strings.Contains(domain.ErrorMessage(err), "早于开始日期") {
		t.Errorf("backwards: %v", err)
	}
	if vs, _ := st.ScheduleVersions(0); len(vs) != 0 {
		t.Errorf("rejected input stored: %+v", vs)
	}
}

func TestTodos(t *testing.T) {
	svc, _, admin, _, c := setup(t)
	// 20 November 2026: 2027 is not entered yet.
	todos, _ := svc.Todos(admin)
	if len(todos) != 1 || todos[0].Title != "录入 2027 年节假日安排" || todos[0].Severity != domain.SeverityInfo ||
		todos[0].Target != "settings:calendar:2027" {
		t.Fatalf("November todos = %+v", todos)
	}
	c.t = time.Date(2026, 12, 10, 9, 0, 0, 0, time.Local)
	todos, _ = svc.Todos(admin)
	if len(todos) != 1 || todos[0].Severity != domain.SeverityDueSoon {
		t.Errorf("December todos = %+v", todos)
	}
	c.t = time.Date(2027, 1, 5, 9, 0, 0, 0, time.Local)
	todos, _ = svc.Todos(admin)
	if len(todos) != 1 || todos[0].Severity != domain.SeverityOverdue || !strings.Contains(todos[0].Detail, "日历尚未确认") {
		t.Errorf("January without the year's schedule = %+v", todos)
	}
	svc.SaveBreaks(admin, 2027, "通知", breaks2027)
	if todos, _ = svc.Todos(admin); len(todos) != 0 {
		t.Errorf("after entering 2027: %+v", todos)
	}
	c.t = time.Date(2026, 6, 1, 9, 0, 0, 0, time.Local)
	if todos, _ = svc.Todos(admin); len(todos) != 0 {
		t.Errorf("in June nothing is due: %+v", todos)
	}
}

func TestVerifyChecksStoredSchedules(t *testing.T) {
	svc, st, admin, _, _ := setup(t)
	svc.SaveBreaks(admin, 2027, "通知", breaks2027)
	rep, err := st.Verify(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range rep.Checks {
		if c.Name == "工作日历" {
			if len(c.Problems) != 0 || c.Summary != "本单位录入 1 个版本" {
				t.Errorf("check = %+v", c)
			}
			return
		}
	}
	t.Error("verify has no 工作日历 check")
}
