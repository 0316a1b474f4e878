package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/record"
	"lawdesk/internal/review"
	"lawdesk/internal/store"
)

// reviewOffice makes a data directory with a major case at 决定 (an organisation, 60,000 元
// involved), its decision filled in, handled by liuyang, with reviewer sunli; every
// password is demo1234. It returns the directory and the case number.
func reviewOffice(t *testing.T) (string, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	admin, err := office.New(st).Setup(office.SetupRequest{Agency: domain.Agency{Name: "青山县市场监督管理局", ShortName: "青市监", Region: "贵州省六盘水市青山县"},
		AdminName: "admin", AdminFullName: "王建国", Password: "demo1234", Password2: "demo1234"})
	if err != nil {
		t.Fatal(err)
	}
	hash, _ := office.HashPassword("demo1234")
	var ids []uint64
	for _, name := range []string{"刘洋", "陈静"} {
		o, err := st.SaveOfficer(store.Change{Actor: "admin"}, domain.Officer{Name: name, Unit: "城关市场监管所",
			CertNo: "5202001900" + name, CertIssuer: "贵州省人民政府", ValidUntil: domain.NewDate(2035, 1, 1)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, o.ID)
	}
	sessions := map[string]office.Session{"admin": admin}
	for _, u := range []domain.User{
		{Name: "liuyang", FullName: "刘洋", Roles: []domain.Role{domain.RoleOfficer}, OfficerID: ids[0]},
		{Name: "sunli", FullName: "孙丽", Roles: []domain.Role{domain.RoleReviewer}},
	} {
		u.PasswordHash = hash
		if u, err = st.SaveUser(u, store.UserChange{Actor: "admin", Action: "user.create"}); err != nil {
			t.Fatal(err)
		}
		sessions[u.Name] = office.Session{User: u}
	}
	rec := record.New(st)
	review.New(st, rec)
	today := domain.DateOf(st.Now())
	c, err := rec.CreateCase(sessions["liuyang"], domain.Case{Type: domain.ActOther, MatterName: "对企业未按规定公示年度报告的处理",
		Procedure: domain.ProcedureGeneral, Source: domain.SourceInspection, HandlingUnit: "城关市场监管所", OfficerIDs: ids,
		Party: domain.Party{Kind: domain.PartyOrganisation, Name: "青山县惠民超市有限公司"}, Amount: 60_000_00, Opened: today})
	if err != nil {
		t.Fatal(err)
	}
	for c.Stage != domain.StageDecide {
		next := c.NextStages()
		if c, err = rec.CompleteStage(sessions["liuyang"], record.StageStep{CaseID: c.ID, Date: today, Next: next[len(next)-1]}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := rec.SetDecision(sessions["liuyang"], c.ID, domain.Decision{Date: today, Summary: "罚款六万元", Fine: 60_000_00,
		DocNumber: "青市监决〔2026〕1号"}); err != nil {
		t.Fatal(err)
	}
	return dir, c.Number
}

// TestDecideFromTheCommandLineIsGated: the CLI refuses to complete a major decision before
// review, prints the opinion once agreed, and then decides.
func TestDecideFromTheCommandLineIsGated(t *testing.T) {
	dir, no := reviewOffice(t)
	t.Setenv("LAWDESK_PASSWORD", "demo1234")
	code, out := lawdesk(t, "decide", "--data", dir, "--user", "liuyang", "--case", no)
	if code == 0 || !strings.Contains(out, "属于重大执法决定") || !strings.Contains(out, "未经法制审核不得作出决定") {
		t.Fatalf("decide before review: exit %d\n%s", code, out)
	}
	pdfPath := filepath.Join(t.TempDir(), "opinion.pdf")
	code, out = lawdesk(t, "print", "review-opinion", "--data", dir, "--user", "sunli", "--case", no, "--out", pdfPath)
	if code == 0 || !strings.Contains(out, "还没有送法制审核") {
		t.Fatalf("print before review: exit %d\n%s", code, out)
	}

	// Submit and agree through the services, as the window would.
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec := record.New(st)
	rv := review.New(st, rec)
	liu, _ := office.New(st).Login("liuyang", "demo1234")
	sun, _ := office.New(st).Login("sunli", "demo1234")
	c, _ := rec.CaseByNumber(liu, no)
	r, err := rv.Submit(liu, review.SubmitForm{CaseID: c.ID, Reasons: "经责令仍不改正",
		Proposed: domain.ProposedDecision{Content: "罚款六万元", Fine: 60_000_00, Basis: "《企业信息公示暂行条例》第十八条"}})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out = lawdesk(t, "decide", "--data", dir, "--user", "liuyang", "--case", no)
	if code == 0 || !strings.Contains(out, "法制审核尚未完成") {
		t.Fatalf("decide while pending: exit %d\n%s", code, out)
	}
	// Returned for supplement: still refused, with what to do.
	st, _ = store.Open(dir, store.Options{})
	rv = review.New(st, record.New(st))
	items := r.Latest().Checklist
	for i := range items {
		items[i].Finding = domain.ElementOK
	}
	items[4].Finding, items[4].Note = domain.ElementProblem, "缺少责令改正通知书的送达回证"
	if _, err := rv.RecordOpinion(sun, review.OpinionForm{CaseID: c.ID, Checklist: items, Opinion: domain.OpinionSupplement, Reasons: "请补充送达回证。"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out = lawdesk(t, "decide", "--data", dir, "--user", "liuyang", "--case", no)
	if code == 0 || !strings.Contains(out, "已退回承办机构") || !strings.Contains(out, "重新送审") {
		t.Fatalf("decide after a supplement opinion: exit %d\n%s", code, out)
	}

	// Resubmitted with the point answered, then agreed.
	st, _ = store.Open(dir, store.Options{})
	rv = review.New(st, record.New(st))
	if r, err = rv.Submit(liu, review.SubmitForm{CaseID: c.ID, Reasons: "经责令仍不改正，已补充送达回证",
		Proposed:  domain.ProposedDecision{Content: "罚款六万元", Fine: 60_000_00, Basis: "《企业信息公示暂行条例》第十八条"},
		Responses: []domain.PointResponse{{Key: items[4].Key, Response: "已补充送达回证"}}}); err != nil {
		t.Fatal(err)
	}
	items = r.Latest().Checklist
	for i := range items {
		items[i].Finding = domain.ElementOK
	}
	if _, err := rv.RecordOpinion(sun, review.OpinionForm{CaseID: c.ID, Checklist: items, Opinion: domain.OpinionAgree, Reasons: "同意。"}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	code, out = lawdesk(t, "print", "review-opinion", "--data", dir, "--user", "sunli", "--case", no, "--out", pdfPath)
	if code != 0 {
		t.Fatalf("print: exit %d\n%s", code, out)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, _ := exec.Command("pdftotext", pdfPath, "-").Output()
		for _, want := range []string{"法制审核意见书", "青市监法审〔", no, "同意作出决定"} {
			if !strings.Contains(strings.Join(strings.Fields(string(text)), ""), want) {
				t.Errorf("opinion PDF lacks %q:\n%s", want, text)
			}
		}
	}
	code, out = lawdesk(t, "decide", "--data", dir, "--user", "liuyang", "--case", no)
	if code != 0 || !strings.Contains(out, "进入“送达”") {
		t.Fatalf("decide after agreement: exit %d\n%s", code, out)
	}
	st, _ = store.Open(dir, store.Options{ReadOnly: true})
	defer st.Close()
	events, _ := st.Events(store.EventFilter{ActionPrefix: "review.print"})
	if len(events) != 1 || events[0].Actor != "sunli" {
		t.Errorf("print log: %+v", events)
	}
}

func TestPrintHelpListsReviewKinds(t *testing.T) {
	code, out := lawdesk(t, "print", "-h")
	if code != 0 || !strings.Contains(out, "review-opinion") || !strings.Contains(out, "review-catalogue") {
		t.Fatalf("print -h: exit %d\n%s", code, out)
	}
	code, out = lawdesk(t, "print", "review-opinion", "-h")
	if code != 0 || !strings.Contains(out, "--case") {
		t.Fatalf("print review-opinion -h: exit %d\n%s", code, out)
	}
	code, out = lawdesk(t, "print", "nothing")
	if code != 2 || !strings.Contains(out, "不是可以打印的对象") {
		t.Fatalf("unknown kind: exit %d\n%s", code, out)
	}
}

// TestWindowServicesCarryTheGate: the services the window is built on refuse a major
// decision before review, whichever screen completes the stage.
func TestWindowServicesCarryTheGate(t *testing.T) {
	dir, no := reviewOffice(t)
	svc, err := openServices(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Store.Close()
	sess, err := svc.Office.Login("liuyang", "demo1234")
	if err != nil {
		t.Fatal(err)
	}
	c, err := svc.Record.CaseByNumber(sess, no)
	if err != nil {
		t.Fatal(err)
	}
	_, err = svc.Record.CompleteStage(sess, record.StageStep{CaseID: c.ID, Date: c.Decision.Date, Next: domain.StageServe})
	if domain.ErrorCode(err) != domain.EFORBIDDEN || !strings.Contains(domain.ErrorMessage(err), "未经法制审核不得作出决定") {
		t.Fatalf("the window's record service decided a major case without review: %v", err)
	}
	if svc.Review == nil {
		t.Fatal("the window has no review service")
	}
}
