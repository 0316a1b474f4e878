package review_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/record"
	"lawdesk/internal/review"
	"lawdesk/internal/store"
)

// fixedNow is Friday 20 November 2026, 09:30.
var fixedNow = time.Date(2026, 11, 20, 9, 30, 0, 0, time.Local)

// env is a small office on a real store: 王建国 (admin and head), 赵敏 (head), officers
// 刘洋 and 陈静, reviewer 孙丽, 马骏 (reviewer and officer) and a window clerk.
type env struct {
	t        *testing.T
	st       *store.Store
	rec      *record.Service
	svc      *review.Service
	users    map[string]office.Session
	officers map[string]domain.Officer
	now      time.Time
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{t: t, users: map[string]office.Session{}, officers: map[string]domain.Officer{}, now: fixedNow}
	st, err := store.Open(t.TempDir(), store.Options{Now: func() time.Time { return e.now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e.st = st
	admin, err := office.New(st).Setup(office.SetupRequest{Agency: domain.Agency{Name: "青山县市场监督管理局", ShortName: "青市监", Region: "贵州省六盘水市青山县"},
		AdminName: "admin", AdminFullName: "王建国", Password: "demo1234", Password2: "demo1234"})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []domain.Officer{
		{Name: "刘洋", CertNo: "52020019001", ValidUntil: domain.NewDate(2028, 6, 30)},
		{Name: "陈静", CertNo: "52020019002", ValidUntil: domain.NewDate(2028, 6, 30)},
		{Name: "马骏", CertNo: "52020019010", ValidUntil: domain.NewDate(2029, 1, 1), Reviewer: true},
	} {
		o.Unit, o.CertIssuer = "城关市场监管所", "贵州省人民政府"
		if o, err = st.SaveOfficer(store.Change{Actor: "admin"}, o); err != nil {
			t.Fatal(err)
		}
		e.officers[o.Name] = o
	}
	admin.User.Roles = []domain.Role{domain.RoleAdmin, domain.RoleHead}
	if admin.User, err = st.SaveUser(admin.User, store.UserChange{Actor: "admin", Action: "user.update"}); err != nil {
		t.Fatal(err)
	}
	e.users["admin"] = admin
	for _, u := range []struct {
		name, full string
		roles      []domain.Role
		officer    string
	}{
		{"zhaomin", "赵敏", []domain.Role{domain.RoleHead}, ""},
		{"liuyang", "刘洋", []domain.Role{domain.RoleOfficer}, "刘洋"},
		{"chenjing", "陈静", []domain.Role{domain.RoleOfficer}, "陈静"},
		{"sunli", "孙丽", []domain.Role{domain.RoleReviewer}, ""},
		{"majun", "马骏", []domain.Role{domain.RoleReviewer, domain.RoleOfficer}, "马骏"},
		{"hexiao", "何晓", []domain.Role{domain.RoleClerk}, ""},
	} {
		user, err := st.SaveUser(domain.User{Name: u.name, FullName: u.full, Roles: u.roles, OfficerID: e.officers[u.officer].ID},
			store.UserChange{Actor: "admin", Action: "user.create"})
		if err != nil {
			t.Fatal(err)
		}
		e.users[u.name] = office.Session{User: user}
	}
	e.rec = record.New(st)
	e.svc = review.New(st, e.rec)
	return e
}

func (e *env) as(name string) office.Session { return e.users[name] }

// newCase registers a case handled by 刘洋 and 马骏 (so 马骏, a reviewer, may not review it)
// against an organisation; mod adjusts it first.
func (e *env) newCase(mod ...func(*domain.Case)) domain.Case {
	e.t.Helper()
	c := domain.Case{Type: domain.ActOther, MatterName: "对企业未按规定公示年度报告的处理", Procedure: domain.ProcedureGeneral,
		Source: domain.SourceInspection, HandlingUnit: "城关市场监管所",
		OfficerIDs: []uint64{e.officers["刘洋"].ID, e.officers["马骏"].ID},
		Party:      domain.Party{Kind: domain.PartyOrganisation, Name: "青山县惠民超市有限公司"},
		Amount:     60_000_00, Facts: "检查中发现。", Opened: domain.NewDate(2026, 10, 9)}
	for _, m := range mod {
		m(&c)
	}
	c, err := e.rec.CreateCase(e.as("liuyang"), c)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// toDecide walks a case along its path to 决定, one day per stage from 12 October.
func (e *env) toDecide(c domain.Case) domain.Case {
	e.t.Helper()
	day := 12
	for c.Stage != domain.StageDecide {
		next := c.NextStages()
		to := next[0] // through every optional stage but the hearing
		if to == domain.StageHearing {
			to = next[len(next)-1]
		}
		var err error
		c, err = e.rec.CompleteStage(e.as("liuyang"), record.StageStep{CaseID: c.ID, Date: domain.NewDate(2026, 10, day), Note: "办理完毕", Next: to})
		if err != nil {
			e.t.Fatalf("towards %s: %v", to.Label(), err)
		}
		day++
	}
	return c
}

// decide fills in the decision and completes 决定.
func (e *env) decide(c domain.Case, d domain.Decision) (domain.Case, error) {
	e.t.Helper()
	if d.Date.IsZero() {
		d.Date = domain.NewDate(2026, 11, 20)
	}
	if d.DocNumber == "" {
		d.DocNumber = fmt.Sprintf("青市监决〔2026〕%d号", c.ID)
	}
	if _, err := e.rec.SetDecision(e.as("liuyang"), c.ID, d); err != nil {
		e.t.Fatalf("set decision: %v", err)
	}
	return e.rec.CompleteStage(e.as("liuyang"), record.StageStep{CaseID: c.ID, Date: d.Date, Note: "作出决定", Next: domain.StageServe})
}

func wantErr(t *testing.T, err error, code domain.Code, msgs ...string) {
	t.Helper()
	if domain.ErrorCode(err) != code {
		t.Fatalf("error %v (code %q), want code %q", err, domain.ErrorCode(err), code)
	}
	for _, m := range msgs {
		if !strings.Contains(domain.ErrorMessage(err), m) {
			t.Fatalf("message %q does not contain %q", domain.ErrorMessage(err), m)
		}
	}
}

// okChecklist marks every element of the pending round 符合.
func okChecklist(r domain.Review) []domain.ChecklistItem {
	items := append([]domain.ChecklistItem(nil), r.Latest().Checklist...)
	for i := range items {
		items[i].Finding, items[i].Note = domain.ElementOK, "经核查符合规定"
	}
	return items
}
