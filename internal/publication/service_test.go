package publication_test

import (
	"strings"
	"testing"

	"lawdesk/internal/domain"
	"lawdesk/internal/publication"
	"lawdesk/internal/record"
	"lawdesk/internal/store"
)

// A decided case becomes a pending publication due 7 working days later for penalties and
// licences and 20 for other decisions, counted on the Chinese calendar.
func TestPendingPublicationsAreDerivedFromDecisions(t *testing.T) {
	f := newFixture(t)
	penalty := f.decide("2025-09-26", domain.ActPenalty)
	licence := f.decide("2025-09-26", domain.ActLicensing)
	inspection := f.decide("2025-09-26", domain.ActInspection)
	f.at("2025-09-26")
	undecided, err := f.rec.CreateCase(f.as("liuyang"), domain.Case{Type: domain.ActPenalty, MatterName: "对无照经营的处罚",
		Procedure: domain.ProcedureGeneral, Source: domain.SourceComplaint, HandlingUnit: "城关市场监管所",
		OfficerIDs: penalty.OfficerIDs, Party: domain.Party{Kind: domain.PartyPerson, Name: "张三"}})
	if err != nil {
		t.Fatal(err)
	}

	f.at("2025-09-30")
	entries, err := f.svc.Entries(f.as("admin"))
	if err != nil {
		t.Fatal(err)
	}
	due := map[uint64]string{}
	for _, e := range entries {
		if e.Status != domain.PubPending || e.Task != publication.TaskPublish || !e.Due.Confirmed {
			t.Errorf("case %s: %+v", e.Case.Number, e)
		}
		due[e.Case.ID] = e.Due.Date.String()
	}
	for id, want := range map[uint64]string{penalty.ID: "2025-10-13", licence.ID: "2025-10-13", inspection.ID: "2025-10-30"} {
		if due[id] != want {
			t.Errorf("case %d due %q, want %s", id, due[id], want)
		}
	}
	if _, listed := due[undecided.ID]; listed || len(entries) != 3 {
		t.Errorf("entries = %d, undecided listed %v", len(entries), listed)
	}
	// On 30 September, 10-09, 10-10, 10-11 (make-up) and 10-13 are left.
	if e := f.entry("admin", penalty.ID); e.DaysLeft != 4 || e.Overdue {
		t.Errorf("days left = %d, overdue %v", e.DaysLeft, e.Overdue)
	}
	f.at("2025-10-14")
	if e := f.entry("admin", penalty.ID); !e.Overdue || e.DaysLeft != -1 {
		t.Errorf("on 10-14: overdue %v, days left %d", e.Overdue, e.DaysLeft)
	}
}

func TestOfficeRulesChangeDeadlines(t *testing.T) {
	f := newFixture(t)
	c := f.decide("2025-09-26", domain.ActPenalty)
	err := f.svc.SaveRules(f.as("liuyang"), domain.PublicationRules{WithdrawDays: 5})
	wantCode(t, err, domain.EFORBIDDEN, "修改公开期限")
	err = f.svc.SaveRules(f.as("admin"), domain.PublicationRules{Days: map[domain.ActType]int{domain.ActPenalty: 0}})
	wantCode(t, err, domain.EINVALID, "应为 1 到 60 个工作日")
	if err := f.svc.SaveRules(f.as("admin"), domain.PublicationRules{Days: map[domain.ActType]int{domain.ActPenalty: 5, domain.ActLicensing: 7}, WithdrawDays: 5}); err != nil {
		t.Fatal(err)
	}
	r, _ := f.svc.Rules()
	if len(r.Days) != 1 || r.PublishDays(domain.ActPenalty) != 5 || r.WithdrawWithin() != 5 {
		t.Errorf("rules = %+v", r)
	}
	// 9-28 make-up, 9-29, 9-30, 10-9, 10-10: five working days.
	if e := f.entry("admin", c.ID); e.Due.Date.String() != "2025-10-10" {
		t.Errorf("due with 5 working days = %s", e.Due.Date)
	}
	events, _ := f.st.Events(store.EventFilter{ActionPrefix: "publication.rules"})
	if len(events) != 1 || !strings.Contains(events[0].Summary, "行政处罚 5 个工作日") || !strings.Contains(events[0].Summary, "撤下期限 5 个工作日") {
		t.Errorf("events = %+v", events)
	}
}

var personID = validID("52020119850312461")

func TestConfirmPublishesOnlyRedactedContent(t *testing.T) {
	f := newFixture(t)
	c := f.decide("2025-09-26", domain.ActPenalty, func(c *domain.Case) {
		c.Party = domain.Party{Kind: domain.PartyPerson, Name: "刘某某", IDNumber: personID, Contact: "13908581234",
			Address: "贵州省六盘水市青山县钟山西路 25 号"}
		c.Facts = "当事人刘某某（身份证号码" + personID + "，住青山县钟山西路25号，电话13908581234）销售过期牛奶，证人张华称当日在场。"
	})
	f.at("2025-09-29")
	p, err := f.svc.Prepare(f.as("liuyang"), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Draft.Violation != c.Facts || !strings.Contains(p.Draft.Conclusion, "警告，罚款人民币 5,000.00 元") {
		t.Errorf("default draft = %+v", p.Draft)
	}
	d := p.Draft
	pv := f.svc.Preview(f.as("liuyang"), p, d)
	if got := pv.Content.Violation; got != "当事人刘某某（身份证号码520201********"+personID[14:]+"，住青山县***，电话139****1234）销售过期牛奶，证人张*称当日在场。" {
		t.Errorf("preview violation = %s", got)
	}
	// A penalty needs its legal basis before it can be published.
	_, err = f.svc.Confirm(f.as("liuyang"), c.ID, publication.PublishForm{Draft: d})
	wantCode(t, err, domain.EINVALID, "依据")
	d.Basis = "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项"
	d.Manual = []string{"过期牛奶", " "}
	_, err = f.svc.Confirm(f.as("liuyang"), c.ID, publication.PublishForm{Draft: d, PublishedOn: date(t, "2025-09-30"), Channel: "x"})
	wantCode(t, err, domain.EINVALID, "渠道")
	_, err = f.svc.Confirm(f.as("liuyang"), c.ID, publication.PublishForm{Draft: d, PublishedOn: date(t, "2025-10-01"), Channel: domain.ChannelWebsite})
	wantCode(t, err, domain.EINVALID, "晚于今天")

	pub, err := f.svc.Confirm(f.as("liuyang"), c.ID, publication.PublishForm{Draft: d, PublishedOn: date(t, "2025-09-29"), Channel: domain.ChannelBoth})
	if err != nil {
		t.Fatal(err)
	}
	if pub.Status() != domain.PubPublished || pub.Late() || pub.Due.String() != "2025-10-13" || !pub.Confirmed() {
		t.Errorf("publication = %+v", pub)
	}
	ct := pub.Content
	if ct.Party != "刘某某" || ct.PartyCode != "" || !ct.PartyPerson || ct.Fine != 500000 || ct.DocNumber != c.Decision.DocNumber ||
		ct.Agency != "青山县市场监督管理局" || ct.PenaltyText() != "警告、罚款" {
		t.Errorf("content = %+v", ct)
	}
	for _, secret := range []string{personID, "13908581234", "钟山西路25号", "张华", "过期牛奶"} {
		if strings.Contains(ct.Violation+ct.Conclusion+ct.Basis+ct.Matter+ct.Party, secret) {
			t.Errorf("published content holds %q: %+v", secret, ct)
		}
	}
	if pub.Draft.Violation != c.Facts || len(pub.Draft.Manual) != 1 {
		t.Errorf("the draft (kept inside LawDesk) = %+v", pub.Draft)
	}
	e := f.entry("admin", c.ID)
	if e.Status != domain.PubPublished || e.Task != publication.TaskNone || e.Late() {
		t.Errorf("entry = %+v", e)
	}
	events, _ := f.st.Events(store.EventFilter{Target: store.PublicationTarget(c.ID, pub.ID)})
	if len(events) != 1 || events[0].Action != "publication.publish" || !strings.Contains(events[0].Summary, "在政府网站和公示栏公开") {
		t.Errorf("events = %+v", events)
	}
	// Nothing is left to prepare.
	_, err = f.svc.Prepare(f.as("liuyang"), c.ID)
	wantCode(t, err, domain.ECONFLICT, "已公开")
}

func TestConfirmFirstRecordLaterAndLateIsFlagged(t *testing.T) {
	f := newFixture(t)
	c := f.decide("2025-09-26", domain.ActPenalty)
	f.at("2025-10-09")
	p, _ := f.svc.Prepare(f.as("chenjing"), c.ID)
	d := p.Draft
	d.Basis = "《食品安全法》第一百二十四条"
	if _, err := f.svc.SaveDraft(f.as("chenjing"), c.ID, d); err != nil {
		t.Fatal(err)
	}
	again, _ := f.svc.Prepare(f.as("chenjing"), c.ID)
	if again.Draft.Basis != d.Basis {
		t.Errorf("saved draft not offered again: %+v", again.Draft)
	}
	pub, err := f.svc.Confirm(f.as("chenjing"), c.ID, publication.PublishForm{Draft: d})
	if err != nil {
		t.Fatal(err)
	}
	if pub.Status() != domain.PubPending || !pub.Confirmed() {
		t.Errorf("confirmed only: %+v", pub)
	}
	f.at("2025-10-15")
	if e := f.entry("admin", c.ID); !e.Overdue {
		t.Error("an unpublished entry past its deadline is overdue")
	}
	_, err = f.svc.RecordPublished(f.as("chenjing"), pub.ID, date(t, "2025-09-20"), domain.ChannelWebsite)
	wantCode(t, err, domain.EINVALID, "早于决定日期")
	pub, err = f.svc.RecordPublished(f.as("chenjing"), pub.ID, date(t, "2025-10-15"), domain.ChannelWebsite)
	if err != nil {
		t.Fatal(err)
	}
	if !pub.Late() {
		t.Error("published after the deadline but not late")
	}
	entries, _ := f.svc.Entries(f.as("admin"))
	if s := publication.Summarise(entries); s.Published != 1 || s.Late != 1 || s.Pending != 0 {
		t.Errorf("summary = %+v", s)
	}
	events, _ := f.st.Events(store.EventFilter{ActionPrefix: "publication.publish"})
	if len(events) != 1 || !strings.Contains(events[0].Summary, "逾期：期限为 2025-10-13") {
		t.Errorf("events = %+v", events)
	}
}

func TestMinorsAndSecretCasesAreNotPublished(t *testing.T) {
	f := newFixture(t)
	minor := f.decide("2025-09-26", domain.ActPenalty, func(c *domain.Case) {
		c.Party = domain.Party{Kind: domain.PartyPerson, Name: "李某", IDNumber: validID("52020120090312461")} // born 2009
	})
	secret := f.decide("2025-09-26", domain.ActPenalty, func(c *domain.Case) { c.Secrecy = domain.SecrecyState })
	f.at("2025-09-29")
	for id, why := range map[uint64]string{minor.ID: "未成年人", secret.ID: "国家秘密"} {
		e := f.entry("admin", id)
		if !strings.Contains(e.KeepPrivate, why) || e.Task != publication.TaskPublish {
			t.Errorf("case %d: %+v", id, e)
		}
		p, err := f.svc.Prepare(f.as("admin"), id)
		if err != nil {
			t.Fatal(err)
		}
		p.Draft.Basis = "依据"
		_, err = f.svc.Confirm(f.as("admin"), id, publication.PublishForm{Draft: p.Draft})
		wantCode(t, err, domain.EINVALID, "决定不得公开")
	}
	_, err := f.svc.MarkNotPublic(f.as("liuyang"), minor.ID, "  ")
	wantCode(t, err, domain.EINVALID, "请填写不公开的理由")
	pub, err := f.svc.MarkNotPublic(f.as("liuyang"), minor.ID, "当事人为未成年人，依法不予公开")
	if err != nil {
		t.Fatal(err)
	}
	if pub.Status() != domain.PubNotPublic || pub.NotPublicBy != "liuyang" {
		t.Errorf("not public: %+v", pub)
	}
	if e := f.entry("admin", minor.ID); e.Task != publication.TaskNone || e.Status != domain.PubNotPublic {
		t.Errorf("entry after 不公开: %+v", e)
	}
	// An adult is not a minor: born 1985.
	adult := domain.Party{Kind: domain.PartyPerson, IDNumber: personID}
	if adult.MinorOn(date(t, "2025-09-26")) {
		t.Error("an adult taken for a minor")
	}
	if !(domain.Party{Kind: domain.PartyPerson, IDNumber: "520201200709264612"}).MinorOn(date(t, "2025-09-25")) ||
		(domain.Party{Kind: domain.PartyPerson, IDNumber: "520201200709264612"}).MinorOn(date(t, "2025-09-26")) {
		t.Error("the 18th birthday is the first day of adulthood")
	}
}

func publish(t *testing.T, f *fixture, who string, c domain.Case, on string) domain.Publication {
	t.Helper()
	p, err := f.svc.Prepare(f.as(who), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	p.Draft.Basis = "《中华人民共和国食品安全法》第一百二十四条"
	pub, err := f.svc.Confirm(f.as(who), c.ID, publication.PublishForm{Draft: p.Draft, PublishedOn: date(t, on), Channel: domain.ChannelWebsite})
	if err != nil {
		t.Fatal(err)
	}
	return pub
}

func TestWithdrawalWithinThreeWorkingDays(t *testing.T) {
	f := newFixture(t)
	c := f.decide("2025-09-26", domain.ActPenalty)
	f.at("2025-09-29")
	pub := publish(t, f, "liuyang", c, "2025-09-29")

	f.at("2025-09-30")
	_, err := f.svc.Withdraw(f.as("liuyang"), pub.ID, publication.WithdrawForm{Reason: domain.WithdrawOther})
	wantCode(t, err, domain.EINVALID, "写明原因")
	// Revoked by the review body on 30 September: 3 working days → 10-09, 10-10 and the
	// make-up Saturday 10-11.
	pub, err = f.svc.Withdraw(f.as("liuyang"), pub.ID, publication.WithdrawForm{Reason: domain.WithdrawRevoked, Note: "复议决定撤销"})
	if err != nil {
		t.Fatal(err)
	}
	if pub.Withdrawal.Due.String() != "2025-10-11" || pub.Status() != domain.PubPublished {
		t.Errorf("withdrawal = %+v", pub.Withdrawal)
	}
	e := f.entry("admin", c.ID)
	if e.Task != publication.TaskWithdraw || e.Due.Date.String() != "2025-10-11" {
		t.Errorf("entry = %+v", e)
	}
	todos, _ := f.svc.Todos(f.as("liuyang"))
	if len(todos) != 1 || todos[0].Kind != "撤下" || todos[0].Owner != "liuyang" || todos[0].Target != "publication:case:"+itoa(int(c.ID)) {
		t.Errorf("todos = %+v", todos)
	}
	_, err = f.svc.Withdraw(f.as("liuyang"), pub.ID, publication.WithdrawForm{Reason: domain.WithdrawRevoked})
	wantCode(t, err, domain.ECONFLICT, "撤下后请填写撤下日期")

	f.at("2025-10-09")
	pub, err = f.svc.Withdraw(f.as("liuyang"), pub.ID, publication.WithdrawForm{DoneOn: date(t, "2025-10-09")})
	if err != nil {
		t.Fatal(err)
	}
	if pub.Status() != domain.PubWithdrawn || pub.WithdrawnLate() || pub.Content.Party == "" || pub.PublishedOn.IsZero() {
		t.Errorf("withdrawn entry must keep its history: %+v", pub)
	}
	if e := f.entry("admin", c.ID); e.Status != domain.PubWithdrawn || e.Task != publication.TaskNone {
		t.Errorf("entry after withdrawal = %+v", e)
	}
	all, _ := f.st.Publications()
	if len(all) != 1 {
		t.Errorf("publications = %d; nothing is ever deleted or duplicated", len(all))
	}
}

// A published decision whose case goes back (to be remade) must come down within 3 working
// days; once remade, the new decision is pending again and replaces the old entry.
func TestRemadeDecisionIsWithdrawnAndReplaced(t *testing.T) {
	f := newFixture(t)
	c := f.decide("2025-09-26", domain.ActPenalty)
	f.at("2025-09-29")
	old := publish(t, f, "liuyang", c, "2025-09-29")

	f.at("2025-10-09")
	back, err := f.rec.GoBack(f.as("liuyang"), c.ID, domain.StageOnSite, "复议机关责令重新作出决定")
	if err != nil {
		t.Fatal(err)
	}
	e := f.entry("admin", back.ID)
	if e.Task != publication.TaskWithdraw || e.Due.Date.String() != "2025-10-13" || !strings.Contains(e.WithdrawWhy, "退回") {
		t.Fatalf("after going back: %+v", e)
	}
	f.at("2025-10-10")
	if _, err := f.svc.Withdraw(f.as("liuyang"), old.ID, publication.WithdrawForm{Reason: domain.WithdrawRemade, Since: date(t, "2025-10-09"), DoneOn: date(t, "2025-10-10")}); err != nil {
		t.Fatal(err)
	}
	if e := f.entry("admin", c.ID); e.Status != domain.PubWithdrawn || e.Task != publication.TaskNone {
		t.Errorf("withdrawn, not yet remade: %+v", e)
	}

	// Remade on 20 October with a new document number.
	f.at("2025-10-20")
	d := date(t, "2025-10-20")
	c = f.step(c.ID, domain.StageDecide, d)
	dec := c.Decision
	dec.Date, dec.DocNumber = d, "青市监处罚〔2025〕301号"
	if _, err := f.rec.SetDecision(f.as("liuyang"), c.ID, dec); err != nil {
		t.Fatal(err)
	}
	c = f.step(c.ID, domain.StageServe, d)
	e = f.entry("admin", c.ID)
	if e.Status != domain.PubPending || e.Replaces != old.ID || e.Due.Date.String() != "2025-10-29" || len(e.Earlier) != 1 {
		t.Fatalf("remade: %+v", e)
	}
	f.at("2025-10-21")
	replacement := publish(t, f, "liuyang", c, "2025-10-21")
	if replacement.Replaces != old.ID || replacement.DocNumber != "青市监处罚〔2025〕301号" {
		t.Errorf("replacement = %+v", replacement)
	}
	e = f.entry("admin", c.ID)
	if e.Status != domain.PubPublished || len(e.Earlier) != 1 || e.Earlier[0].Status() != domain.PubWithdrawn {
		t.Errorf("history = %+v", e)
	}
}

func TestWhoSeesAndDoesWhat(t *testing.T) {
	f := newFixture(t)
	mine := f.decide("2025-09-26", domain.ActPenalty)
	other := f.decide("2025-09-26", domain.ActPenalty, func(c *domain.Case) {
		c.OfficerIDs = []uint64{f.officers["陈静"].ID, f.officers["黄伟"].ID}
	})
	f.at("2025-09-29")
	list := func(who string) map[uint64]bool {
		es, err := f.svc.Entries(f.as(who))
		if err != nil {
			t.Fatal(err)
		}
		out := map[uint64]bool{}
		for _, e := range es {
			out[e.Case.ID] = true
		}
		return out
	}
	if l := list("liuyang"); !l[mine.ID] || l[other.ID] {
		t.Errorf("an officer sees only their cases: %v", l)
	}
	if l := list("sunli"); !l[mine.ID] || !l[other.ID] {
		t.Errorf("a reviewer sees every case: %v", l)
	}
	_, err := f.svc.Prepare(f.as("liuyang"), other.ID)
	wantCode(t, err, domain.EFORBIDDEN, "不是案件")
	_, err = f.svc.Prepare(f.as("hexiao"), mine.ID)
	wantCode(t, err, domain.EFORBIDDEN, "准备公开决定")
	if todos, _ := f.svc.Todos(f.as("hexiao")); len(todos) != 0 {
		t.Errorf("a clerk has no publication tasks: %+v", todos)
	}
	todos, _ := f.svc.Todos(f.as("admin"))
	if len(todos) != 2 {
		t.Fatalf("admin todos = %+v", todos)
	}
	owners := map[string]bool{}
	for _, td := range todos {
		owners[td.Owner] = true
		if td.Kind != "公开" || td.Severity != domain.SeverityInfo {
			t.Errorf("todo = %+v", td)
		}
	}
	if !owners["liuyang"] || !owners["chenjing"] {
		t.Errorf("each todo belongs to its case's first officer: %v", owners)
	}
	f.at("2025-10-13")
	todos, _ = f.svc.Todos(f.as("liuyang"))
	if len(todos) != 1 || todos[0].Severity != domain.SeverityDueSoon {
		t.Errorf("on the last day: %+v", todos)
	}
	f.at("2025-10-14")
	todos, _ = f.svc.Todos(f.as("liuyang"))
	if len(todos) != 1 || todos[0].Severity != domain.SeverityOverdue {
		t.Errorf("the day after: %+v", todos)
	}
}

var _ = record.StageStep{}
