package record_test

import (
	"strings"
	"testing"

	"lawdesk/internal/domain"
	"lawdesk/internal/record"
)

func TestPenaltyCaseThroughEveryStageWithAGate(t *testing.T) {
	f := newFixture(t)
	reviewed := false
	f.svc.AddStageGate(func(c domain.Case, stage domain.Stage) error {
		if stage == domain.StageDecide && !reviewed {
			return domain.Errorf(domain.EINVALID, "案件 %s 未经法制审核，不得作出决定。", c.Number)
		}
		return nil
	})
	c := f.newCase()
	if got := c.NextStages(); len(got) != 2 || got[0] != domain.StageOnSite || got[1] != domain.StageFile {
		t.Fatalf("after 受理: %v", got)
	}
	// 受理 cannot jump to 调查取证: 立案 is required
	_, err := f.svc.CompleteStage(f.as("liuyang"), record.StageStep{CaseID: c.ID, Next: domain.StageInvestigate, Date: domain.NewDate(2026, 9, 2)})
	wantCode(t, err, domain.EINVALID, "只能进入：现场检查、立案")
	// a date before the case was opened is refused
	_, err = f.svc.CompleteStage(f.as("liuyang"), record.StageStep{CaseID: c.ID, Next: domain.StageFile, Date: domain.NewDate(2026, 8, 2)})
	wantCode(t, err, domain.EINVALID, "早于受理日期")
	// a reviewer may see but not work the case
	_, err = f.svc.CompleteStage(f.as("sunli"), record.StageStep{CaseID: c.ID, Next: domain.StageFile})
	wantCode(t, err, domain.EFORBIDDEN, "")

	f.step("liuyang", c.ID, domain.StageFile, 2)
	f.step("liuyang", c.ID, domain.StageInvestigate, 3)
	f.step("chenjing", c.ID, domain.StageExamine, 5)
	// supplementary investigation: back with a reason
	_, err = f.svc.GoBack(f.as("liuyang"), c.ID, domain.StageInvestigate, "")
	wantCode(t, err, domain.EINVALID, "需要填写理由")
	c, err = f.svc.GoBack(f.as("liuyang"), c.ID, domain.StageInvestigate, "证据不足，补充调查进货台账")
	if err != nil || c.Stage != domain.StageInvestigate {
		t.Fatalf("go back: %v %s", err, c.Stage)
	}
	f.step("liuyang", c.ID, domain.StageExamine, 7)
	f.step("liuyang", c.ID, domain.StageNotify, 8)
	c = f.step("liuyang", c.ID, domain.StageDecide, 9) // no hearing requested
	if c.Stage != domain.StageDecide {
		t.Fatal(c.Stage)
	}
	_, err = f.svc.CompleteStage(f.as("liuyang"), record.StageStep{CaseID: c.ID, Next: domain.StageServe, Date: domain.NewDate(2026, 9, 10)})
	wantCode(t, err, domain.EINVALID, "请先填写决定内容")
	_, err = f.svc.SetDecision(f.as("liuyang"), c.ID, domain.Decision{Kinds: []domain.PenaltyKind{domain.PenaltyFine}, Date: domain.NewDate(2026, 9, 10), DocNumber: "青市监处罚〔2026〕1号"})
	wantCode(t, err, domain.EINVALID, "罚款金额")
	_, err = f.svc.SetDecision(f.as("liuyang"), c.ID, domain.Decision{Kinds: []domain.PenaltyKind{domain.PenaltyWarning, domain.PenaltyFine},
		Fine: 500000, Date: domain.NewDate(2026, 9, 10), DocNumber: "青市监处罚[2026]01号"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.CompleteStage(f.as("liuyang"), record.StageStep{CaseID: c.ID, Next: domain.StageServe, Date: domain.NewDate(2026, 9, 10)})
	wantCode(t, err, domain.EINVALID, "未经法制审核")
	reviewed = true
	c = f.step("liuyang", c.ID, domain.StageServe, 10)
	if c.Decision.DocNumber != "青市监处罚〔2026〕1号" || domain.Heaviest(c.Decision.Kinds) != domain.PenaltyFine {
		t.Fatalf("decision %+v", c.Decision)
	}
	f.step("liuyang", c.ID, domain.StageExecute, 11)
	c = f.step("liuyang", c.ID, domain.StageClose, 12)
	c = f.step("liuyang", c.ID, domain.StageArchive, 14)
	if c.Status != domain.StatusClosed || c.Closed != domain.NewDate(2026, 9, 14) || c.ArchiveDue() != domain.NewDate(2026, 10, 14) {
		t.Fatalf("closed case: %s %s %s", c.Status, c.Closed, c.ArchiveDue())
	}
	if r, ok := c.Completed(domain.StageExamine); !ok || r.Date != domain.NewDate(2026, 9, 8) {
		t.Fatalf("examine record after going back: %+v", r)
	}
	back := 0
	for _, h := range c.History {
		if h.Back {
			back++
			if !strings.Contains(h.Note, "补充调查") || h.From != domain.StageExamine {
				t.Errorf("back record %+v", h)
			}
		}
	}
	if back != 1 || len(c.History) != 11 {
		t.Fatalf("history has %d entries, %d back", len(c.History), back)
	}
}

func TestClosingWithoutADecisionAndSimpleProcedure(t *testing.T) {
	f := newFixture(t)
	c := f.newCase()
	c = f.step("liuyang", c.ID, domain.StageFile, 2)
	c, err := f.svc.CompleteStage(f.as("liuyang"), record.StageStep{CaseID: c.ID, Date: domain.NewDate(2026, 9, 3),
		NotDecidedReason: "经调查违法事实不成立，撤销立案", Next: domain.StageClose})
	if err != nil || c.Stage != domain.StageClose {
		t.Fatalf("撤案: %v %s", err, c.Stage)
	}
	c = f.step("liuyang", c.ID, domain.StageArchive, 4)
	if c.Status != domain.StatusClosed || c.Decision.NotDecidedReason == "" {
		t.Fatalf("closed without decision: %+v", c)
	}

	simple := f.newCase(func(c *domain.Case) { c.Procedure = domain.ProcedureSimple })
	if simple.Retention != domain.Retention30Years {
		t.Fatalf("simple retention %s", simple.Retention)
	}
	if got := simple.NextStages(); len(got) != 1 || got[0] != domain.StageOnSite {
		t.Fatalf("simple path after 受理: %v", got)
	}
	f.step("liuyang", simple.ID, domain.StageOnSite, 2)
	f.step("liuyang", simple.ID, domain.StageDecide, 2)
	if _, err := f.svc.SetDecision(f.as("liuyang"), simple.ID, domain.Decision{Kinds: []domain.PenaltyKind{domain.PenaltyWarning}, Date: domain.NewDate(2026, 9, 2)}); err != nil {
		t.Fatal(err) // simple procedure: on-the-spot decision without a separate number is allowed
	}
	f.step("liuyang", simple.ID, domain.StageServe, 2)
	f.step("liuyang", simple.ID, domain.StageExecute, 2)
	f.step("liuyang", simple.ID, domain.StageClose, 3)
}

func TestEnforcementStageNeedsValidCertificatesOnItsDate(t *testing.T) {
	f := newFixture(t)
	// 杨帆's certificate ran until 2026-09-01; assign him while it was valid (a case typed in late)
	c := domain.Case{Type: domain.ActPenalty, MatterName: "无照经营", Procedure: domain.ProcedureGeneral, Source: domain.SourceInspection,
		HandlingUnit: "城关市场监管所", OfficerIDs: f.officerIDs("刘洋", "杨帆"), Opened: domain.NewDate(2026, 8, 20),
		Party: domain.Party{Kind: domain.PartyPerson, Name: "李四"}}
	c, err := f.svc.CreateCase(f.as("liuyang"), c)
	if err != nil {
		t.Fatal(err)
	}
	f.step("liuyang", c.ID, domain.StageOnSite, 1) // 受理 is not an enforcement stage
	_, err = f.svc.CompleteStage(f.as("liuyang"), record.StageStep{CaseID: c.ID, Date: domain.NewDate(2026, 9, 2), Next: domain.StageFile})
	wantCode(t, err, domain.EINVALID, "执法人员“杨帆”的执法证")
}
