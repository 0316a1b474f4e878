package demo

import (
	"fmt"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/publication"
	"lawdesk/internal/record"
	"lawdesk/internal/store"
	"lawdesk/internal/workday"
)

// The demo's 事后公开: decisions published in time and late, pending (one due soon, one
// overdue), a withdrawn decision and one to be withdrawn, and a minor's decision kept
// private. Their dates are counted back from today in working days, so the states stay
// true whenever the demo is created.

// demoOfficers are the demo people who hold enforcement certificates.
var demoOfficers = []struct{ login, name, cert string }{
	{"liuyang", "刘洋", "52020019001"}, {"chenjing", "陈静", "52020019002"},
	{"yangfan", "杨帆", "52020019003"}, {"huangwei", "黄伟", "52020019004"},
}

// officerSessions returns the sessions of the certified demo officers by login, creating
// their 执法人员 entries and linking their accounts when an earlier step has not.
func officerSessions(b *Builder) (map[string]office.Session, error) {
	existing, err := b.Store.Officers()
	if err != nil {
		return nil, err
	}
	out := map[string]office.Session{}
	for _, d := range demoOfficers {
		var o domain.Officer
		for _, e := range existing {
			if e.Name == d.name && !e.Left {
				o = e
			}
		}
		if o.ID == 0 {
			o, err = b.Store.SaveOfficer(store.Change{Actor: "admin"}, domain.Officer{Name: d.name, Unit: "青山县市场监督管理局城关市场监管所",
				Post: "执法人员", CertNo: d.cert, CertIssuer: "贵州省人民政府", Category: "市场监管综合执法", Region: "青山县",
				ValidUntil: domain.NewDate(2029, 6, 30)})
			if err != nil {
				return nil, err
			}
		}
		sess := b.As(d.login)
		if sess.User.OfficerID == 0 {
			u := sess.User
			u.OfficerID = o.ID
			if u, err = b.Store.SaveUser(u, store.UserChange{Actor: "admin", Action: "user.update",
				Summary: "账户 " + u.Name + " 关联执法人员 " + o.Name}); err != nil {
				return nil, err
			}
			sess = office.Session{User: u}
			b.Sessions[d.login] = sess
		}
		out[d.login] = sess
	}
	return out, nil
}

// workingDaysBefore is the day n working days before today (today itself when n is 0).
func workingDaysBefore(cal *workday.Calendar, today domain.Date, n int) domain.Date {
	d := today
	for n > 0 {
		d = d.AddDays(-1)
		if cal.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// pubCase is one decided case of the demo and what happens to its publication.
type pubCase struct {
	officers [2]string // logins; the first handles the case
	kind     domain.ActType
	matter   string
	party    domain.Party
	facts    string
	decision domain.Decision
	basis    string
	fullText string
	decided  int // working days before today
	// what happened: published N working days after the decision (0: not published)
	publishedAfter int
	confirmOnly    bool                  // redaction confirmed, publication not yet recorded
	withdraw       domain.WithdrawReason // withdrawn (or to be withdrawn) after publication
	withdrawSince  int                   // working days before today the decision was revoked
	withdrawDone   bool
	notPublic      string
}

var pubCases = []pubCase{
	{ // published in time, with the full text
		officers: [2]string{"liuyang", "chenjing"}, kind: domain.ActPenalty, matter: "对销售超过保质期食品的行政处罚",
		party: domain.Party{Kind: domain.PartyOrganisation, Name: "青山县惠民超市有限公司", IDNumber: "91520221MA6DJ3K8XX", LegalRep: "周建华",
			Address: "贵州省六盘水市青山县人民路 56 号"},
		facts: "2026年执法人员对当事人经营场所进行检查，发现其货架上陈列销售超过保质期的“蒙牛”纯牛奶 24 盒、面包 13 袋，货值金额 486 元。消费者李明反映曾于当月在该超市购买过期牛奶，联系电话 13985851234。",
		decision: domain.Decision{Kinds: []domain.PenaltyKind{domain.PenaltyWarning, domain.PenaltyFine, domain.PenaltyConfiscateGains},
			Fine: 500000, Confiscation: 48600},
		basis:    "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项",
		fullText: "当事人：青山县惠民超市有限公司，住所：贵州省六盘水市青山县人民路 56 号，法定代表人：周建华。\n经查，当事人在其经营场所陈列销售超过保质期的纯牛奶 24 盒、面包 13 袋。消费者李明（电话 13985851234）的投诉经核实属实。\n依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项，本局决定：给予警告，没收违法所得 486 元，并处罚款 5000 元。\n如不服本决定，可在收到本决定书之日起六十日内向青山县人民政府申请行政复议，或者在六个月内依法向青山县人民法院提起行政诉讼。",
		decided:  25, publishedAfter: 4,
	},
	{ // published late: a natural person, personal data in the facts
		officers: [2]string{"chenjing", "liuyang"}, kind: domain.ActPenalty, matter: "对未取得食品经营许可从事食品经营的行政处罚",
		party: domain.Party{Kind: domain.PartyPerson, Name: "刘德明", IDNumber: "520221198507153219", Contact: "13908587766",
			Address: "贵州省六盘水市青山县城关镇和平村 3 组"},
		facts:    "当事人刘德明（身份证号码 520221198507153219，住青山县城关镇和平村3组，联系电话 139 0858 7766）未取得食品经营许可，在青山县钟山西路 25 号经营快餐店。证人张华称该店已营业约两个月。",
		decision: domain.Decision{Kinds: []domain.PenaltyKind{domain.PenaltyFine}, Fine: 1000000},
		basis:    "《中华人民共和国食品安全法》第一百二十二条第一款",
		decided:  30, publishedAfter: 10,
	},
	{ // pending, due within a few days
		officers: [2]string{"huangwei", "yangfan"}, kind: domain.ActPenalty, matter: "对使用未经检定计量器具的行政处罚",
		party:    domain.Party{Kind: domain.PartyOrganisation, Name: "青山县鑫源加油站有限公司", IDNumber: "91520221MA6E0L2P18", LegalRep: "赵国庆"},
		facts:    "当事人使用的 2 号加油机未按规定申请周期检定，检定证书已于今年 3 月过期，仍用于贸易结算。当班员工陈小兵（电话 13885851122）称该加油机一直在使用。",
		decision: domain.Decision{Kinds: []domain.PenaltyKind{domain.PenaltyWarning, domain.PenaltyFine}, Fine: 300000},
		basis:    "《中华人民共和国计量法》第二十六条",
		decided:  5,
	},
	{ // pending and overdue
		officers: [2]string{"yangfan", "huangwei"}, kind: domain.ActPenalty, matter: "对销售不符合强制性标准的电动自行车头盔的行政处罚",
		party: domain.Party{Kind: domain.PartyPerson, Name: "张秀英", IDNumber: "520221197902114020", Contact: "0858-8123456"},
		facts: "当事人张秀英（电话 0858-8123456）在青山县建设巷 8 号门面销售未经 3C 认证的电动自行车头盔 36 顶，货值 1080 元。",
		decision: domain.Decision{Kinds: []domain.PenaltyKind{domain.PenaltyConfiscateProperty, domain.PenaltyFine},
			Fine: 200000, Confiscation: 108000},
		decided: 11, confirmOnly: true,
	},
	{ // a licence, pending
		officers: [2]string{"liuyang", "yangfan"}, kind: domain.ActLicensing, matter: "食品经营许可（新办）",
		party:    domain.Party{Kind: domain.PartyOrganisation, Name: "青山县好运来餐饮店", IDNumber: "92520221MA6F1R3T7Y", LegalRep: "何小平"},
		facts:    "申请人提交食品经营许可申请材料齐全，经现场核查符合条件。",
		decision: domain.Decision{Summary: "准予许可，核发食品经营许可证（JY25202210012345）"},
		decided:  2,
	},
	{ // an inspection result, published
		officers: [2]string{"chenjing", "huangwei"}, kind: domain.ActInspection, matter: "学校食堂食品安全监督检查（双随机）",
		party:    domain.Party{Kind: domain.PartyOrganisation, Name: "青山县第一中学"},
		facts:    "随机抽取青山县第一中学食堂进行食品安全监督检查，检查项目 28 项。",
		decision: domain.Decision{Summary: "检查结果：符合。责令对留样记录不全的问题当场改正。"},
		basis:    "《中华人民共和国食品安全法》第一百一十条",
		decided:  18, publishedAfter: 6,
	},
	{ // published, then revoked on administrative review and taken down
		officers: [2]string{"huangwei", "liuyang"}, kind: domain.ActPenalty, matter: "对销售劣药的行政处罚",
		party:    domain.Party{Kind: domain.PartyOrganisation, Name: "青山县百草堂药店有限公司", IDNumber: "91520221MA6DK7Q528", LegalRep: "罗志刚"},
		facts:    "当事人销售的“板蓝根颗粒”经抽检含量不符合规定。",
		decision: domain.Decision{Kinds: []domain.PenaltyKind{domain.PenaltyWarning, domain.PenaltyFine}, Fine: 2000000},
		basis:    "《中华人民共和国药品管理法》第一百一十七条",
		decided:  45, publishedAfter: 3, withdraw: domain.WithdrawRevoked, withdrawSince: 9, withdrawDone: true,
	},
	{ // published, confirmed unlawful by the court: to be taken down within 3 working days
		officers: [2]string{"yangfan", "chenjing"}, kind: domain.ActPenalty, matter: "对虚假宣传的行政处罚",
		party:    domain.Party{Kind: domain.PartyOrganisation, Name: "青山县光明眼镜店", IDNumber: "92520221MA6G2H4J80", LegalRep: "吴丽"},
		facts:    "当事人在店门口张贴“青山县销量第一”“近视治愈率 98%”等无事实依据的宣传内容。",
		decision: domain.Decision{Kinds: []domain.PenaltyKind{domain.PenaltyFine}, Fine: 2000000},
		basis:    "《中华人民共和国反不正当竞争法》第二十条",
		decided:  40, publishedAfter: 2, withdraw: domain.WithdrawUnlawful, withdrawSince: 1,
	},
	{ // a minor: never published
		officers: [2]string{"liuyang", "huangwei"}, kind: domain.ActPenalty, matter: "对销售无合格证明烟花爆竹的行政处罚",
		party:     domain.Party{Kind: domain.PartyPerson, Name: "王小军", IDNumber: "520221201003154618"},
		facts:     "当事人在春节前于路边摆摊销售无合格证明的烟花爆竹。",
		decision:  domain.Decision{Kinds: []domain.PenaltyKind{domain.PenaltyWarning}},
		decided:   8,
		notPublic: "当事人为未成年人（作出决定时未满十八周岁），依法不予公开",
	},
}

// publicationDemo decides the cases above and records what the office did about
// publishing them.
func publicationDemo(b *Builder) error {
	sessions, err := officerSessions(b)
	if err != nil {
		return err
	}
	cal, err := b.Store.Calendar()
	if err != nil {
		return err
	}
	today := domain.DateOf(b.Store.Now())
	rec := record.New(b.Store)
	pub := publication.New(b.Store)
	var officerIDs = map[string]uint64{}
	for login, s := range sessions {
		officerIDs[login] = s.User.OfficerID
	}
	for i, pc := range pubCases {
		who := sessions[pc.officers[0]]
		decided := workingDaysBefore(cal, today, pc.decided)
		opened := decided.AddDays(-20)
		c := domain.Case{Type: pc.kind, MatterName: pc.matter, Procedure: domain.ProcedureGeneral, Source: domain.SourceInspection,
			HandlingUnit: "城关市场监管所", OfficerIDs: []uint64{officerIDs[pc.officers[0]], officerIDs[pc.officers[1]]},
			Party: pc.party, Facts: pc.facts, Opened: opened}
		if pc.kind == domain.ActPenalty {
			c.Source = domain.SourceComplaint
		}
		c, err := rec.CreateCase(who, c)
		if err != nil {
			return err
		}
		// through the stages to 决定, each a day apart, the last on the day before the decision
		for day := opened; c.Stage != domain.StageDecide; {
			next := c.NextStages()
			if day = day.AddDays(2); !day.Before(decided) {
				day = decided
			}
			if c, err = rec.CompleteStage(who, record.StageStep{CaseID: c.ID, Date: day, OfficerID: who.User.OfficerID,
				Note: "依法办理", Next: next[len(next)-1]}); err != nil {
				return fmt.Errorf("case %d: %w", i+1, err)
			}
		}
		d := pc.decision
		d.Date = decided
		d.DocNumber = fmt.Sprintf("青市监%s〔%d〕%d号", map[domain.ActType]string{domain.ActPenalty: "处罚", domain.ActLicensing: "许",
			domain.ActInspection: "检"}[pc.kind], decided.Year, 100+i*7)
		if _, err := rec.SetDecision(who, c.ID, d); err != nil {
			return fmt.Errorf("case %d: %w", i+1, err)
		}
		if c, err = rec.CompleteStage(who, record.StageStep{CaseID: c.ID, Date: decided, OfficerID: who.User.OfficerID,
			Note: "负责人审批后作出决定", Next: c.NextStages()[0]}); err != nil {
			return fmt.Errorf("case %d: %w", i+1, err)
		}
		if err := demoPublication(b, pub, cal, today, who, c, pc); err != nil {
			return fmt.Errorf("case %d: %w", i+1, err)
		}
	}
	return nil
}

// demoPublication records what the office did about one decided case.
func demoPublication(b *Builder, pub *publication.Service, cal *workday.Calendar, today domain.Date, who office.Session, c domain.Case, pc pubCase) error {
	if pc.notPublic != "" {
		_, err := pub.MarkNotPublic(who, c.ID, pc.notPublic)
		return err
	}
	if pc.publishedAfter == 0 && !pc.confirmOnly {
		if pc.basis == "" {
			return nil // nothing done yet
		}
		p, err := pub.Prepare(who, c.ID)
		if err != nil {
			return err
		}
		p.Draft.Basis = pc.basis
		_, err = pub.SaveDraft(who, c.ID, p.Draft)
		return err
	}
	p, err := pub.Prepare(who, c.ID)
	if err != nil {
		return err
	}
	d := p.Draft
	d.Basis, d.FullText = pc.basis, pc.fullText
	if d.Basis == "" {
		d.Basis = "《中华人民共和国产品质量法》第四十九条"
	}
	if strings.Contains(pc.facts, "证人") {
		d.Manual = []string{"快餐店"} // hidden by hand: the shop's trade name would identify the person
	}
	form := publication.PublishForm{Draft: d}
	if pc.publishedAfter > 0 {
		form.PublishedOn = cal.AddWorkingDays(c.Decision.Date, pc.publishedAfter).Date
		form.Channel = domain.ChannelBoth
	}
	saved, err := pub.Confirm(who, c.ID, form)
	if err != nil || pc.withdraw == "" {
		return err
	}
	since := workingDaysBefore(cal, today, pc.withdrawSince)
	wf := publication.WithdrawForm{Reason: pc.withdraw, Since: since,
		Note: map[domain.WithdrawReason]string{domain.WithdrawRevoked: "青山县人民政府行政复议决定撤销该处罚决定",
			domain.WithdrawUnlawful: "青山县人民法院判决确认该处罚决定违法"}[pc.withdraw]}
	if pc.withdrawDone {
		wf.DoneOn = cal.AddWorkingDays(since, 2).Date
	}
	_, err = pub.Withdraw(who, saved.ID, wf)
	return err
}
