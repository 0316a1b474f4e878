package publication_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/publication"
	"lawdesk/internal/record"
	"lawdesk/internal/store"
)

// fixture is a small office on a real store whose clock the test moves: an admin, two
// officers with their accounts, a reviewer and a clerk; cases are decided through the
// record service exactly as the case screens do it.
type fixture struct {
	t        testing.TB
	st       *store.Store
	rec      *record.Service
	svc      *publication.Service
	sessions map[string]office.Session
	officers map[string]domain.Officer
	now      time.Time
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{t: t, sessions: map[string]office.Session{}, officers: map[string]domain.Officer{},
		now: time.Date(2025, 9, 26, 10, 0, 0, 0, time.Local)}
	st, err := store.Open(t.TempDir(), store.Options{Now: func() time.Time { return f.now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f.st = st
	admin, err := office.New(st).Setup(office.SetupRequest{
		Agency: domain.Agency{Name: "青山县市场监督管理局", ShortName: "青市监", Region: "贵州省六盘水市青山县",
			Address: "贵州省六盘水市青山县人民路 88 号", Phone: "0858-8220315", CreditCode: "11520200MB1234567W"},
		AdminName: "admin", AdminFullName: "王建国", Password: "demo1234", Password2: "demo1234"})
	if err != nil {
		t.Fatal(err)
	}
	admin.User.Roles = []domain.Role{domain.RoleAdmin, domain.RoleHead}
	f.sessions["admin"] = admin
	for _, o := range []domain.Officer{{Name: "刘洋", CertNo: "52020019001"}, {Name: "陈静", CertNo: "52020019002"}, {Name: "黄伟", CertNo: "52020019004"}} {
		o.Unit, o.CertIssuer, o.ValidUntil = "城关市场监管所", "贵州省人民政府", domain.NewDate(2030, 6, 30)
		o, err := st.SaveOfficer(store.Change{Actor: "admin"}, o)
		if err != nil {
			t.Fatal(err)
		}
		f.officers[o.Name] = o
	}
	for _, u := range []struct {
		name    string
		role    domain.Role
		officer string
	}{{"liuyang", domain.RoleOfficer, "刘洋"}, {"chenjing", domain.RoleOfficer, "陈静"}, {"huangwei", domain.RoleOfficer, "黄伟"},
		{"sunli", domain.RoleReviewer, ""}, {"hexiao", domain.RoleClerk, ""}} {
		user, err := st.SaveUser(domain.User{Name: u.name, FullName: u.name, Roles: []domain.Role{u.role}, OfficerID: f.officers[u.officer].ID},
			store.UserChange{Actor: "admin", Action: "user.create"})
		if err != nil {
			t.Fatal(err)
		}
		f.sessions[u.name] = office.Session{User: user}
	}
	f.rec = record.New(st)
	f.svc = publication.New(st)
	return f
}

func (f *fixture) as(name string) office.Session { return f.sessions[name] }

func (f *fixture) at(day string) {
	d := date(f.t, day)
	f.now = time.Date(d.Year, d.Month, d.Day, 10, 0, 0, 0, time.Local)
}

func date(t testing.TB, s string) domain.Date {
	t.Helper()
	d, err := domain.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// decide registers a case handled by 刘洋 and 陈静 and takes it through to a decision made
// on day (the clock is set to that day); mod adjusts the case before registration.
func (f *fixture) decide(day string, t domain.ActType, mod ...func(*domain.Case)) domain.Case {
	f.t.Helper()
	f.at(day)
	d := date(f.t, day)
	c := domain.Case{Type: t, MatterName: "对销售过期食品的处罚", Procedure: domain.ProcedureSimple,
		Source: domain.SourceInspection, HandlingUnit: "城关市场监管所",
		OfficerIDs: []uint64{f.officers["刘洋"].ID, f.officers["陈静"].ID},
		Party:      domain.Party{Kind: domain.PartyOrganisation, Name: "青山县惠民超市有限公司", IDNumber: validCreditCode("91520200MA6DJ1234")},
		Facts:      "当事人于检查当日在货架上陈列超过保质期的牛奶 12 盒。", Opened: d}
	if t != domain.ActPenalty {
		c.Procedure = domain.ProcedureGeneral
		c.MatterName = map[domain.ActType]string{domain.ActLicensing: "食品经营许可", domain.ActInspection: "食品安全监督检查"}[t]
	}
	for _, m := range mod {
		m(&c)
	}
	who := f.login(c.OfficerIDs[0])
	c, err := f.rec.CreateCase(f.as(who), c)
	if err != nil {
		f.t.Fatal(err)
	}
	if c.Secrecy.NeedsReason() {
		if _, err := f.rec.OpenCase(f.as(who), c.ID, "办理案件"); err != nil {
			f.t.Fatal(err)
		}
	}
	for c.Stage != domain.StageDecide {
		next := c.NextStages()
		c = f.step(c.ID, next[len(next)-1], d)
	}
	dec := domain.Decision{Date: d, DocNumber: "青市监处罚〔2025〕" + itoa(int(c.ID)+100) + "号"}
	switch t {
	case domain.ActPenalty:
		dec.Kinds, dec.Fine = []domain.PenaltyKind{domain.PenaltyWarning, domain.PenaltyFine}, 500000
	case domain.ActLicensing:
		dec.Summary, dec.DocNumber = "准予许可，核发食品经营许可证", "青市监许〔2025〕"+itoa(int(c.ID)+100)+"号"
	default:
		dec.Summary, dec.DocNumber = "检查合格", "青市监检〔2025〕"+itoa(int(c.ID)+100)+"号"
	}
	if _, err := f.rec.SetDecision(f.as(who), c.ID, dec); err != nil {
		f.t.Fatal(err)
	}
	next := c.NextStages()
	return f.step(c.ID, next[0], d)
}

// login is the account name of an officer.
func (f *fixture) login(officerID uint64) string {
	for name, s := range f.sessions {
		if s.User.OfficerID == officerID {
			return name
		}
	}
	f.t.Fatalf("no account for officer %d", officerID)
	return ""
}

func (f *fixture) step(id uint64, next domain.Stage, d domain.Date) domain.Case {
	f.t.Helper()
	c, err := f.st.Case(id)
	if err != nil {
		f.t.Fatal(err)
	}
	who := f.login(c.OfficerIDs[0])
	c, err = f.rec.CompleteStage(f.as(who), record.StageStep{CaseID: id, Date: d, OfficerID: c.OfficerIDs[0],
		Note: "办理完毕", Next: next})
	if err != nil {
		f.t.Fatalf("completing a stage towards %s: %v", next.Label(), err)
	}
	return c
}

func itoa(n int) string { return strconv.Itoa(n) }

// entry returns the entry of case id as sess sees it.
func (f *fixture) entry(who string, id uint64) publication.Entry {
	f.t.Helper()
	e, err := f.svc.Entry(f.as(who), id)
	if err != nil {
		f.t.Fatal(err)
	}
	return e
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

// validID completes 17 digits with the check character of GB 11643.
func validID(first17 string) string {
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(first17[i]-'0') * w
	}
	return first17 + string("10X98765432"[sum%11])
}

// validCreditCode completes 17 characters with the check character of GB 32100.
func validCreditCode(first17 string) string {
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	weights := []int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	sum := 0
	for i, w := range weights {
		sum += strings.IndexByte(chars, first17[i]) * w
	}
	return first17 + string(chars[(31-sum%31)%31])
}
