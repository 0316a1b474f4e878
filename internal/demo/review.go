package demo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/publication"
	"lawdesk/internal/record"
	"lawdesk/internal/review"
	"lawdesk/internal/store"
	"lawdesk/internal/workday"
)

// The demo's 法制审核: major penalty cases with their documents, one waiting for the
// reviewer with its deadline near, one returned for supplementary evidence, one agreed after
// a correction and decided (its opinions filed in the dossier), one agreed after a hearing and
// waiting to be decided, one the handling unit disputes before the head, and one that must
// still be submitted. Dates count back from today in working days, so the states stay true
// whenever the demo is created. Everything goes through the services, the gate included.

// reviewCase is one demo case and how far its review has come.
type reviewCase struct {
	by, with string // logins of the handling officers
	unit     string
	matter   string
	party    domain.Party
	facts    string
	amount   domain.Money
	hearing  bool
	proposal domain.ProposedDecision
	reasons  string
	opened   int // working days before today
	// submitted is the working day (before today) of the first submission; 0: not submitted
	submitted int
	script    func(rb *reviewBuilder, c domain.Case) error // what happened after submission
}

var reviewCases = []reviewCase{
	{ // waiting for the reviewer, two working days left
		by: "huangwei", with: "yangfan", unit: "青山县市场监督管理局执法大队", matter: "对销售不合格建筑防水卷材的行政处罚",
		party:  domain.Party{Kind: domain.PartyOrganisation, Name: "青山县鑫隆建材有限公司", IDNumber: creditCode("91520221MA6DL4N27"), LegalRep: "孙志强"},
		facts:  "监督抽检发现当事人销售的 SBS 改性沥青防水卷材不透水性不合格，共销售 430 卷，货值金额 86,000 元，违法所得 12,800 元。",
		amount: 86_000_00,
		proposal: domain.ProposedDecision{Penalties: []domain.PenaltyKind{domain.PenaltyFine, domain.PenaltyConfiscateGains}, Fine: 98_800_00,
			Content: "没收违法所得 12,800 元，并处货值金额一倍罚款 86,000 元", Basis: "《中华人民共和国产品质量法》第四十九条",
			Benchmark: "一般情节：货值金额等值以上三倍以下罚款", BenchmarkMin: 86_000_00, BenchmarkMax: 258_000_00},
		reasons: "当事人销售不合格产品，货值金额较大，但能主动召回已售产品，依裁量基准按一般情节处罚。",
		opened:  30, submitted: 6,
	},
	{ // returned for supplementary evidence
		by: "liuyang", with: "chenjing", unit: "青山县市场监督管理局城关市场监管所", matter: "对食品小作坊未经登记从事食品生产的行政处罚",
		party: domain.Party{Kind: domain.PartyPerson, Name: "张建国", IDNumber: idNumber("52022119720315451"), Contact: "13708581234",
			Address: "贵州省六盘水市青山县城关镇新华村 5 组"},
		facts:  "当事人在自建房内生产辣椒酱，未取得食品小作坊登记证，现场查见成品 320 瓶，货值金额 6,400 元。",
		amount: 6_400_00,
		proposal: domain.ProposedDecision{Penalties: []domain.PenaltyKind{domain.PenaltyFine, domain.PenaltyConfiscateProperty}, Fine: 15_000_00,
			Content: "没收违法生产的辣椒酱 320 瓶，并处罚款 15,000 元", Basis: "《贵州省食品安全条例》第六十九条",
			Benchmark: "较轻情节", BenchmarkMin: 10_000_00, BenchmarkMax: 30_000_00},
		reasons: "当事人未经登记生产食品，货值金额 6,400 元，系初次违法。",
		opened:  24, submitted: 8,
		script: func(rb *reviewBuilder, c domain.Case) error {
			return rb.opinion(c, "sunli", 6, domain.OpinionSupplement, "请补充产品抽样检验报告，并核实货值金额的计算依据后重新送审。",
				map[string]string{"evidence": "未附产品抽样检验报告，货值金额仅有当事人陈述"})
		},
	},
	{ // corrected, resubmitted, agreed and decided
		by: "chenjing", with: "liuyang", unit: "青山县市场监督管理局城关市场监管所", matter: "对销售劣药的行政处罚",
		party:  domain.Party{Kind: domain.PartyOrganisation, Name: "青山县康源大药房有限公司", IDNumber: creditCode("91520221MA6DM8P31"), LegalRep: "罗明"},
		facts:  "抽检发现当事人销售的“复方丹参片”含量测定不符合规定，共购进 200 盒，已售 160 盒，违法所得 3,200 元。",
		amount: 4_000_00,
		proposal: domain.ProposedDecision{Penalties: []domain.PenaltyKind{domain.PenaltyFine, domain.PenaltyConfiscateGains}, Fine: 63_200_00,
			Content: "没收违法所得 3,200 元，并处罚款 60,000 元", Basis: "《中华人民共和国药品管理法》第一百一十七条第一款",
			Benchmark: "一般情节：货值金额十倍以上二十倍以下，不足十万元的按十万元计算", BenchmarkMin: 50_000_00, BenchmarkMax: 200_000_00},
		reasons: "当事人销售劣药，事实清楚，证据确凿。",
		opened:  40, submitted: 16,
		script: func(rb *reviewBuilder, c domain.Case) error {
			if err := rb.opinion(c, "sunli", 14, domain.OpinionCorrect, "适用条款应为第一百一十七条第一款，拟处理意见中罚款幅度的计算依据须写明。",
				map[string]string{"law": "引用条款不完整，未写明款项"}); err != nil {
				return err
			}
			if err := rb.resubmit(c, 12, map[string]string{"law": "已改为《药品管理法》第一百一十七条第一款，并在处理意见中写明货值金额不足十万元按十万元计算。"}); err != nil {
				return err
			}
			if err := rb.opinion(c, "majun", 10, domain.OpinionAgree, "事实清楚，证据确实充分，适用依据正确，程序合法，裁量适当，同意作出行政处罚决定。", nil); err != nil {
				return err
			}
			return rb.decide(c, 8, 3_200_00, true)
		},
	},
	{ // heard, agreed, waiting to be decided
		by: "yangfan", with: "huangwei", unit: "青山县市场监督管理局执法大队", matter: "对使用超过保质期食品原料生产食品的行政处罚",
		party:  domain.Party{Kind: domain.PartyOrganisation, Name: "青山县福满楼餐饮有限公司", IDNumber: creditCode("91520221MA6DN2Q44"), LegalRep: "陈福"},
		facts:  "检查发现当事人后厨使用超过保质期的淀粉、酱油制作菜品，涉案原料货值 1,260 元。当事人申请听证。",
		amount: 1_260_00, hearing: true,
		proposal: domain.ProposedDecision{Penalties: []domain.PenaltyKind{domain.PenaltyWarning, domain.PenaltyFine}, Fine: 30_000_00,
			Content: "警告，并处罚款 30,000 元", Basis: "《中华人民共和国食品安全法》第一百二十四条第一款第（三）项",
			Benchmark: "较轻情节", BenchmarkMin: 10_000_00, BenchmarkMax: 50_000_00},
		reasons: "经听证，当事人提出的整改情况属实，维持拟处理意见。",
		opened:  35, submitted: 9,
		script: func(rb *reviewBuilder, c domain.Case) error {
			if err := rb.opinion(c, "sunli", 6, domain.OpinionAgree, "经审核，听证程序合法，事实清楚，裁量适当，同意。", nil); err != nil {
				return err
			}
			return rb.decide(c, 0, 0, false)
		},
	},
	{ // the handling unit disagrees; the head is to coordinate
		by: "huangwei", with: "yangfan", unit: "青山县市场监督管理局执法大队", matter: "对无证经营娱乐场所的行政处罚",
		party:  domain.Party{Kind: domain.PartyOrganisation, Name: "青山县金盛娱乐有限公司", IDNumber: creditCode("91520221MA6DP6R58"), LegalRep: "吴金盛"},
		facts:  "当事人未取得相关许可经营 KTV，经责令改正后仍继续营业，营业收入 42,000 元。",
		amount: 42_000_00,
		proposal: domain.ProposedDecision{Penalties: []domain.PenaltyKind{domain.PenaltyFine, domain.PenaltyStopProduction}, Fine: 50_000_00,
			Content: "责令停业整顿，并处罚款 50,000 元", Basis: "《娱乐场所管理条例》第四十一条"},
		reasons: "当事人经责令改正拒不改正，情节严重。",
		opened:  28, submitted: 7,
		script: func(rb *reviewBuilder, c domain.Case) error {
			if err := rb.opinion(c, "sunli", 5, domain.OpinionChange, "当事人已于 11 月初办理许可申请，建议不予责令停业，改为罚款 30,000 元。",
				map[string]string{"discretion": "当事人已申请办理许可，责令停业整顿明显过重"}); err != nil {
				return err
			}
			rb.at(3, 10)
			_, err := rb.rv.RequestCoordination(rb.b.As("huangwei"), c.ID, "许可申请因消防验收不合格已被退回，当事人至今仍在无证营业，应当责令停业整顿。")
			return err
		},
	},
	{ // major, at 决定, not yet submitted
		by: "liuyang", with: "chenjing", unit: "青山县市场监督管理局城关市场监管所", matter: "对发布虚假广告的行政处罚",
		party:  domain.Party{Kind: domain.PartyOrganisation, Name: "青山县宏图广告传媒有限公司", IDNumber: creditCode("91520221MA6DQ1S63"), LegalRep: "何宏"},
		facts:  "当事人为某保健品发布宣称“治愈糖尿病”的户外广告 12 块，广告费用 26,000 元。",
		amount: 26_000_00,
		proposal: domain.ProposedDecision{Penalties: []domain.PenaltyKind{domain.PenaltyFine}, Fine: 78_000_00,
			Content: "责令停止发布，并处广告费用三倍罚款 78,000 元", Basis: "《中华人民共和国广告法》第五十五条第一款"},
		opened: 20,
	},
}

// documents every demo review case carries, by stage.
var reviewDocs = []struct {
	typ   string
	stage domain.Stage
}{
	{"案件来源登记表", domain.StageAccept}, {"立案审批表", domain.StageFile}, {"现场笔录", domain.StageInvestigate},
	{"询问笔录", domain.StageInvestigate}, {"调查终结报告", domain.StageInvestigate}, {"行政处罚事先告知书", domain.StageNotify},
	{"陈述申辩笔录", domain.StageNotify},
}

// reviewBuilder holds what the review demo step shares between cases.
type reviewBuilder struct {
	b     *Builder
	rec   *record.Service
	rv    *review.Service
	cal   *workday.Calendar
	start time.Time
	dir   string
}

func reviewDemo(b *Builder) error {
	rb := &reviewBuilder{b: b, rec: record.New(b.Store), start: b.Store.Now()}
	rb.rv = review.New(b.Store, rb.rec) // the gate holds in the demo too
	realNow := b.Store.Now
	defer func() { b.Store.Now = realNow }()
	var err error
	if rb.cal, err = b.Store.Calendar(); err != nil {
		return err
	}
	if rb.dir, err = os.MkdirTemp("", "lawdesk-review-demo-"); err != nil {
		return err
	}
	defer os.RemoveAll(rb.dir)
	if err := rb.reviewers(); err != nil {
		return err
	}
	for i, rc := range reviewCases {
		if err := rb.build(rc); err != nil {
			return fmt.Errorf("审核案件 %d（%s）：%w", i+1, rc.party.Name, err)
		}
	}
	return nil
}

// reviewers puts the legal unit on the officer list: 马骏 (also an officer) and 孙丽, so the
// staffing rule counts them.
func (rb *reviewBuilder) reviewers() error {
	st := rb.b.Store
	existing, err := st.Officers()
	if err != nil {
		return err
	}
	for _, p := range []struct{ login, name, cert string }{{"majun", "马骏", "52020319007"}, {"sunli", "孙丽", "52020319008"}} {
		var o domain.Officer
		for _, e := range existing {
			if e.Name == p.name && !e.Left {
				o = e
			}
		}
		if o.ID == 0 {
			o = domain.Officer{Name: p.name, Unit: "青山县市场监督管理局法制股", Post: "法制审核员", CertNo: p.cert,
				CertIssuer: "贵州省人民政府", Category: "法制审核", Region: "青山县", ValidUntil: domain.DateOf(rb.start).AddDays(900)}
		}
		if !o.Reviewer {
			o.Reviewer = true
			if o, err = st.SaveOfficer(store.Change{Actor: domain.SystemActor, Reason: "演示数据"}, o); err != nil {
				return err
			}
		}
		if sess := rb.b.As(p.login); sess.User.OfficerID == 0 {
			u := sess.User
			u.OfficerID = o.ID
			if u, err = st.SaveUser(u, store.UserChange{Actor: domain.SystemActor, Action: "user.update", Summary: "演示账户关联执法人员 " + o.Name}); err != nil {
				return err
			}
			rb.b.Sessions[p.login] = office.Session{User: u}
		}
	}
	return nil
}

// day is the working day n before today.
func (rb *reviewBuilder) day(n int) domain.Date {
	return workingDaysBefore(rb.cal, domain.DateOf(rb.start), n)
}

// at sets the store's clock to hour on the working day n before today (never later than
// now), so records carry realistic times.
func (rb *reviewBuilder) at(n, hour int) domain.Date { return rb.atDate(rb.day(n), hour) }

// atDate sets the store's clock to hour on day d (never later than now).
func (rb *reviewBuilder) atDate(d domain.Date, hour int) domain.Date {
	t := time.Date(d.Year, d.Month, d.Day, hour, 12, 0, 0, rb.start.Location())
	if t.After(rb.start) {
		t = rb.start
	}
	rb.b.Store.Now = func() time.Time { return t }
	return d
}

// build registers a case, takes it to 决定 with its documents, and plays its review.
func (rb *reviewBuilder) build(rc reviewCase) error {
	who := rb.b.As(rc.by)
	other := rb.b.As(rc.with)
	if who.User.OfficerID == 0 || other.User.OfficerID == 0 {
		return fmt.Errorf("演示执法人员 %s、%s 没有执法人员记录", rc.by, rc.with)
	}
	opened := rb.at(rc.opened, 9)
	c, err := rb.rec.CreateCase(who, domain.Case{Type: domain.ActPenalty, MatterName: rc.matter, Procedure: domain.ProcedureGeneral,
		Source: domain.SourceInspection, HandlingUnit: rc.unit, OfficerIDs: []uint64{who.User.OfficerID, other.User.OfficerID},
		Party: rc.party, Amount: rc.amount, Facts: rc.facts, Opened: opened})
	if err != nil {
		return err
	}
	// through the stages, about two working days apart, to 决定 a day before the submission
	last := rc.submitted + 1
	if rc.submitted == 0 {
		last = 2
	}
	span := (rc.opened - last) / 6
	n := rc.opened
	for c.Stage != domain.StageDecide {
		next := c.NextStages()
		to := next[len(next)-1]
		if rc.hearing && slices.Contains(next, domain.StageHearing) {
			to = domain.StageHearing
		}
		if n -= span; n < last {
			n = last
		}
		day := rb.at(n, 15)
		for _, d := range reviewDocs {
			if d.stage == c.Stage {
				if err := rb.addDoc(who, c, d.typ, d.stage, day); err != nil {
					return err
				}
			}
		}
		if c.Stage == domain.StageHearing {
			if err := rb.addDoc(who, c, "听证笔录", domain.StageHearing, day); err != nil {
				return err
			}
		}
		if c, err = rb.rec.CompleteStage(who, record.StageStep{CaseID: c.ID, Date: day, OfficerID: who.User.OfficerID, Note: "依法办理", Next: to}); err != nil {
			return err
		}
	}
	if rc.submitted == 0 {
		// the decision is drafted; completing 决定 is refused until the review has passed
		return rb.fillDecision(c, rc.proposal, who, 1, 0, false)
	}
	rb.at(rc.submitted, 10)
	if _, err := rb.rv.Submit(who, review.SubmitForm{CaseID: c.ID, Proposed: rc.proposal, Reasons: rc.reasons}); err != nil {
		return err
	}
	if rc.script != nil {
		return rc.script(rb, c)
	}
	return nil
}

// addDoc files a generated document of kind typ with case c.
func (rb *reviewBuilder) addDoc(who office.Session, c domain.Case, typ string, stage domain.Stage, day domain.Date) error {
	sheet := Sheet{Office: Agency.Name, Title: typ, Lines: []string{
		"当事人：" + c.Party.Name + "。", "案由：" + c.MatterName + "。", c.Facts},
		Footer: fmt.Sprintf("%d年%d月%d日", day.Year, int(day.Month), day.Day)}
	data, err := TextPDF(sheet)
	if err != nil {
		return err
	}
	path := filepath.Join(rb.dir, fmt.Sprintf("%d-%s.pdf", c.ID, typ))
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return err
	}
	_, err = rb.rec.AddDocument(context.Background(), who, record.AddDocumentRequest{CaseID: c.ID, Stage: stage, Type: typ,
		Title: typ + "（" + c.Party.Name + "）", Date: day, Author: Agency.Name, Path: path}, nil)
	return err
}

// opinion has reviewer give the pending round an opinion on the working day n before today:
// every element 符合 (the crime element 不适用) except the problems given by element key.
func (rb *reviewBuilder) opinion(c domain.Case, reviewer string, n int, op domain.Opinion, reasons string, problems map[string]string) error {
	rb.at(n, 16)
	r, ok, err := rb.b.Store.ReviewOfCase(c.ID)
	if err != nil || !ok {
		return fmt.Errorf("没有送审记录：%v", err)
	}
	items := r.Latest().Checklist
	for i := range items {
		it := &items[i]
		switch {
		case problems[it.Key] != "":
			it.Finding, it.Note = domain.ElementProblem, problems[it.Key]
		case it.Key == "crime":
			it.Finding, it.Note = domain.ElementNA, "涉案金额和情节未达到刑事追诉标准"
		case it.Finding == domain.ElementUnset || it.Finding == domain.ElementProblem:
			it.Finding, it.Note = domain.ElementOK, "经核查，符合规定"
		}
	}
	_, err = rb.rv.RecordOpinion(rb.b.As(reviewer), review.OpinionForm{CaseID: c.ID, Checklist: items, Opinion: op, Reasons: reasons})
	return err
}

// resubmit answers the latest opinion point by point on the working day n before today.
func (rb *reviewBuilder) resubmit(c domain.Case, n int, answers map[string]string) error {
	rb.at(n, 10)
	r, _, err := rb.b.Store.ReviewOfCase(c.ID)
	if err != nil {
		return err
	}
	var rs []domain.PointResponse
	for _, p := range r.OpenPoints() {
		rs = append(rs, domain.PointResponse{Key: p.Key, Response: answers[p.Key]})
	}
	l := r.Latest().Submission
	_, err = rb.rv.Submit(rb.b.As(l.By), review.SubmitForm{CaseID: c.ID, Proposed: l.Proposed, Reasons: l.Reasons, Responses: rs})
	return err
}

// decide fills in the agreed decision on the working day n before today and, when complete,
// makes it (through the gate) and serves it.
func (rb *reviewBuilder) decide(c domain.Case, n int, confiscation domain.Money, complete bool) error {
	r, _, err := rb.b.Store.ReviewOfCase(c.ID)
	if err != nil {
		return err
	}
	return rb.fillDecision(c, r.Latest().Submission.Proposed, rb.b.As(r.Latest().Submission.By), n, confiscation, complete)
}

// fillDecision fills in decision p of case c on the working day n before today and, when
// complete, makes it and moves on to 送达.
func (rb *reviewBuilder) fillDecision(c domain.Case, p domain.ProposedDecision, who office.Session, n int, confiscation domain.Money, complete bool) error {
	day := rb.at(n, 11)
	d := domain.Decision{Kinds: p.Penalties, Date: day, Summary: p.Content,
		DocNumber: fmt.Sprintf("青市监处罚〔%d〕%d号", day.Year, 200+c.ID)}
	d.Confiscation, d.Fine = confiscation, p.Fine-confiscation
	if _, err := rb.rec.SetDecision(who, c.ID, d); err != nil {
		return err
	}
	if !complete {
		return nil
	}
	if _, err := rb.rec.CompleteStage(who, record.StageStep{CaseID: c.ID, Date: day, OfficerID: who.User.OfficerID,
		Note: "经法制审核同意，负责人批准后作出决定", Next: domain.StageServe}); err != nil {
		return err
	}
	return rb.publish(c.ID, p.Basis)
}

// publish records the decision's publication (事后公开) three working days after it.
func (rb *reviewBuilder) publish(caseID uint64, basis string) error {
	c, err := rb.b.Store.Case(caseID)
	if err != nil {
		return err
	}
	on := rb.cal.AddWorkingDays(c.Decision.Date, 3).Date
	if on.After(domain.DateOf(rb.start)) {
		return nil // still within the deadline: a task on the dashboard
	}
	rb.atDate(on, 16)
	admin := rb.b.As("admin")
	pub := publication.New(rb.b.Store)
	prep, err := pub.Prepare(admin, c.ID)
	if err != nil {
		return err
	}
	d := prep.Draft
	d.Basis = basis
	_, err = pub.Confirm(admin, c.ID, publication.PublishForm{Draft: d, PublishedOn: on, Channel: domain.ChannelBoth})
	return err
}
