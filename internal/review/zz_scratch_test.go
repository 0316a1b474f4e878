package review_test

import (
	"os"
	"testing"
	"time"

	"lawdesk/internal/demo"
	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/record"
	"lawdesk/internal/review"
	"lawdesk/internal/store"
)

func TestScratchScreens(t *testing.T) {
	dir := os.Getenv("SCRATCH_DIR")
	if dir == "" {
		t.Skip()
	}
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := demo.Create(st, "demo1234")
	if err != nil {
		t.Fatal(err)
	}
	users := map[string]domain.User{}
	for _, u := range res.Users {
		users[u.Name] = u
	}
	ids := map[string]uint64{}
	for _, p := range []struct{ login, name string; rev bool }{{"liuyang", "刘洋", false}, {"chenjing", "陈静", false}, {"majun", "马骏", true}} {
		o, _ := st.SaveOfficer(store.Change{Actor: "admin"}, domain.Officer{Name: p.name, Unit: "城关市场监管所", CertNo: "5202" + p.login, CertIssuer: "贵州省人民政府", ValidUntil: domain.NewDate(2029, 1, 1), Reviewer: p.rev})
		u := users[p.login]
		u.OfficerID = o.ID
		u, _ = st.SaveUser(u, store.UserChange{Actor: "admin", Action: "user.update"})
		users[p.login] = u
		ids[p.name] = o.ID
	}
	rec := record.New(st)
	svc := review.New(st, rec)
	as := func(n string) office.Session { return office.Session{User: users[n]} }
	mk := func(party string, amount domain.Money) domain.Case {
		c, err := rec.CreateCase(as("liuyang"), domain.Case{Type: domain.ActOther, MatterName: "对企业未按规定公示年度报告的处理", Procedure: domain.ProcedureGeneral,
			Source: domain.SourceInspection, HandlingUnit: "城关市场监管所", OfficerIDs: []uint64{ids["刘洋"], ids["陈静"]},
			Party: domain.Party{Kind: domain.PartyOrganisation, Name: party}, Amount: amount, Opened: domain.DateOf(time.Now()).AddDays(-30)})
		if err != nil {
			t.Fatal(err)
		}
		d := domain.DateOf(time.Now()).AddDays(-29)
		for c.Stage != domain.StageDecide {
			next := c.NextStages()
			to := next[0]
			if to == domain.StageHearing {
				to = next[len(next)-1]
			}
			if c, err = rec.CompleteStage(as("liuyang"), record.StageStep{CaseID: c.ID, Date: d, Next: to}); err != nil {
				t.Fatal(err)
			}
			d = d.AddDays(2)
		}
		return c
	}
	p := domain.ProposedDecision{Content: "责令限期改正，并处罚款 60,000 元", Fine: 60_000_00, Basis: "《企业信息公示暂行条例》第十八条",
		Benchmark: "较重情节", BenchmarkMin: 50_000_00, BenchmarkMax: 100_000_00}
	c1 := mk("青山县惠民超市有限公司", 60_000_00)
	if _, err := svc.Submit(as("liuyang"), review.SubmitForm{CaseID: c1.ID, Proposed: p, Reasons: "企业连续两年未公示年度报告，经责令仍不改正。"}); err != nil {
		t.Fatal(err)
	}
	c2 := mk("青山县宏达建材有限公司", 80_000_00)
	r, _ := svc.Submit(as("liuyang"), review.SubmitForm{CaseID: c2.ID, Proposed: p, Reasons: "拒不改正。"})
	items := r.Latest().Checklist
	for i := range items {
		items[i].Finding, items[i].Note = domain.FindingOK, "经核查符合规定"
	}
	items[4].Finding, items[4].Note = domain.FindingProblem, "未附企业年度报告公示情况截图"
	if _, err := svc.RecordOpinion(as("sunli"), review.OpinionForm{CaseID: c2.ID, Checklist: items, Opinion: domain.OpinionSupplement, Reasons: "请补充公示系统截图。"}); err != nil {
		t.Fatal(err)
	}
	mk("青山县明珠食品厂", 120_000_00)
	c4 := mk("青山县顺发百货有限公司", 90_000_00)
	r4, _ := svc.Submit(as("liuyang"), review.SubmitForm{CaseID: c4.ID, Proposed: p, Reasons: "情节严重。"})
	it4 := r4.Latest().Checklist
	for i := range it4 {
		it4[i].Finding, it4[i].Note = domain.FindingOK, "经核查符合规定"
	}
	it4[6].Finding, it4[6].Note = domain.FindingProblem, "首次违法且已改正，应从轻处罚"
	if _, err := svc.RecordOpinion(as("sunli"), review.OpinionForm{CaseID: c4.ID, Checklist: it4, Opinion: domain.OpinionChange, Reasons: "建议罚款 30,000 元。"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.RequestCoordination(as("liuyang"), c4.ID, "当事人经两次责令仍未改正，不属于首次违法，应维持 60,000 元。"); err != nil {
		t.Fatal(err)
	}
}
