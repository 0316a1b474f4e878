package record_test

import (
	"strings"
	"testing"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/record"
	"lawdesk/internal/store"
)

// fixedNow is the clock of every record test.
var fixedNow = time.Date(2026, 9, 15, 10, 0, 0, 0, time.Local)

// fixture is a small enforcement office on a real store: an admin (who is also head), two
// officers with valid certificates, one whose certificate expired, a reviewer and a clerk.
type fixture struct {
	t        testing.TB
	st       *store.Store
	svc      *record.Service
	sessions map[string]office.Session
	officers map[string]domain.Officer
	now      time.Time
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{t: t, sessions: map[string]office.Session{}, officers: map[string]domain.Officer{}, now: fixedNow}
	st, err := store.Open(t.TempDir(), store.Options{Now: func() time.Time { return f.now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f.st = st
	off := office.New(st)
	admin, err := off.Setup(office.SetupRequest{Agency: domain.Agency{Name: "青山县市场监督管理局", ShortName: "青市监", Region: "贵州省六盘水市青山县"},
		AdminName: "admin", AdminFullName: "王建国", Password: "demo1234", Password2: "demo1234"})
	if err != nil {
		t.Fatal(err)
	}
	admin.User.Roles = []domain.Role{domain.RoleAdmin, domain.RoleHead}
	f.sessions["admin"] = admin
	for _, o := range []domain.Officer{
		{Name: "刘洋", CertNo: "52020019001", ValidUntil: domain.NewDate(2028, 6, 30)},
		{Name: "陈静", CertNo: "52020019002", ValidUntil: domain.NewDate(2028, 6, 30)},
		{Name: "杨帆", CertNo: "52020019003", ValidUntil: domain.NewDate(2026, 9, 1)},
		{Name: "黄伟", CertNo: "52020019004", ValidUntil: domain.NewDate(2029, 1, 1)},
	} {
		o.Unit, o.CertIssuer = "城关市场监管所", "贵州省人民政府"
		o, err := st.SaveOfficer(store.Change{Actor: "admin"}, o)
		if err != nil {
			t.Fatal(err)
		}
		f.officers[o.Name] = o
	}
	for _, u := range []struct {
		name    string
		roles   []domain.Role
		officer string
	}{
		{"liuyang", []domain.Role{domain.RoleOfficer}, "刘洋"},
		{"chenjing", []domain.Role{domain.RoleOfficer}, "陈静"},
		{"huangwei", []domain.Role{domain.RoleOfficer}, "黄伟"},
		{"sunli", []domain.Role{domain.RoleReviewer}, ""},
		{"hexiao", []domain.Role{domain.RoleClerk}, ""},
	} {
		user, err := st.SaveUser(domain.User{Name: u.name, FullName: u.name, Roles: u.roles, OfficerID: f.officers[u.officer].ID},
			store.UserChange{Actor: "admin", Action: "user.create"})
		if err != nil {
			t.Fatal(err)
		}
		f.sessions[u.name] = office.Session{User: user}
	}
	f.svc = record.New(st)
	return f
}

func (f *fixture) as(name string) office.Session { return f.sessions[name] }

func (f *fixture) officerIDs(names ...string) []uint64 {
	var ids []uint64
	for _, n := range names {
		ids = append(ids, f.officers[n].ID)
	}
	return ids
}

// newCase registers a penalty case handled by 刘洋 and 陈静.
func (f *fixture) newCase(mod ...func(*domain.Case)) domain.Case {
	f.t.Helper()
	c := domain.Case{Type: domain.ActPenalty, MatterName: "对销售过期食品的处罚", Procedure: domain.ProcedureGeneral,
		Source: domain.SourceComplaint, HandlingUnit: "城关市场监管所", OfficerIDs: f.officerIDs("刘洋", "陈静"),
		Party: domain.Party{Kind: domain.PartyOrganisation, Name: "青山县惠民超市有限公司"},
		Facts: "群众举报该超市销售超过保质期的牛奶。", Opened: domain.NewDate(2026, 9, 1)}
	for _, m := range mod {
		m(&c)
	}
	c, err := f.svc.CreateCase(f.as("liuyang"), c)
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

// step completes the current stage of case id and moves on to next.
func (f *fixture) step(who string, id uint64, next domain.Stage, day int) domain.Case {
	f.t.Helper()
	c, err := f.svc.CompleteStage(f.as(who), record.StageStep{CaseID: id, Date: domain.NewDate(2026, 9, day),
		OfficerID: f.sessions[who].User.OfficerID, Note: "办理完毕", Next: next})
	if err != nil {
		f.t.Fatalf("completing stage towards %s: %v", next.Label(), err)
	}
	return c
}

func wantCode(t *testing.T, err error, code domain.Code, msg string) {
	t.Helper()
	if domain.ErrorCode(err) != code {
		t.Fatalf("error %v (code %q), want code %q", err, domain.ErrorCode(err), code)
	}
	if !strings.Contains(domain.ErrorMessage(err), msg) {
		t.Fatalf("message %q does not contain %q", domain.ErrorMessage(err), msg)
	}
}
