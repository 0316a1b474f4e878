package domain_test

import (
	"strings"
	"testing"

	"lawdesk/internal/domain"
)

func TestStagePathsStartAndEndAlike(t *testing.T) {
	for _, typ := range domain.AllActTypes {
		for _, p := range domain.AllProcedures {
			path := domain.StagePath(typ, p)
			if path[0].Stage != domain.StageAccept || path[0].Optional {
				t.Errorf("%s/%s does not start with a required 受理", typ, p)
			}
			n := len(path)
			if path[n-2].Stage != domain.StageClose || path[n-1].Stage != domain.StageArchive || path[n-2].Optional || path[n-1].Optional {
				t.Errorf("%s/%s does not end with 结案, 归档", typ, p)
			}
			hasDecide := false
			for i, s := range path {
				hasDecide = hasDecide || s.Stage == domain.StageDecide
				if i > 0 && s.Stage.Index() <= path[i-1].Stage.Index() {
					t.Errorf("%s/%s: stages out of order at %s", typ, p, s.Stage)
				}
			}
			if !hasDecide {
				t.Errorf("%s/%s has no 决定", typ, p)
			}
		}
	}
}

func TestNextAndBackStages(t *testing.T) {
	c := domain.Case{Number: "X〔2026〕1号", Type: domain.ActLicensing, Procedure: domain.ProcedureGeneral, Stage: domain.StageAccept}
	if got := domain.StageLabels(c.NextStages()); got != "现场检查、案件审核" {
		t.Errorf("licensing after 受理: %s", got)
	}
	c.Stage = domain.StageExamine
	if got := domain.StageLabels(c.NextStages()); got != "听证、决定" {
		t.Errorf("licensing after 审核: %s", got)
	}
	if got := domain.StageLabels(c.BackStages()); got != "受理登记、现场检查" {
		t.Errorf("back from 审核: %s", got)
	}
	if err := c.CanAdvance(domain.StageServe); err == nil || !strings.Contains(domain.ErrorMessage(err), "只能进入：听证、决定") {
		t.Errorf("skipping 决定: %v", err)
	}
	c.Archived = domain.NewDate(2026, 1, 1)
	if domain.ErrorCode(c.CanAdvance(domain.StageDecide)) != domain.ELOCKED || domain.ErrorCode(c.CanGoBack(domain.StageAccept, "x")) != domain.ELOCKED {
		t.Error("an archived case moved")
	}
}

func TestOverdueRules(t *testing.T) {
	c := domain.Case{Type: domain.ActPenalty, Procedure: domain.ProcedureGeneral, Status: domain.StatusOpen,
		History: []domain.StageRecord{{Stage: domain.StageAccept, Date: domain.NewDate(2026, 1, 2)}, {Stage: domain.StageFile, Date: domain.NewDate(2026, 1, 5)}}}
	if over, _ := c.Overdue(domain.NewDate(2026, 4, 5)); over {
		t.Error("90th day after 立案 counted as overdue")
	}
	if over, why := c.Overdue(domain.NewDate(2026, 4, 6)); !over || !strings.Contains(why, "90 日") {
		t.Errorf("91st day: %v %q", over, why)
	}
	c.Decision.Date = domain.NewDate(2026, 3, 1)
	if over, _ := c.Overdue(domain.NewDate(2026, 6, 1)); over {
		t.Error("a decided case is not overdue for its decision")
	}
	closed := domain.Case{Status: domain.StatusClosed, Closed: domain.NewDate(2026, 3, 1)}
	if over, _ := closed.Overdue(domain.NewDate(2026, 3, 31)); over {
		t.Error("30th day after closing counted as overdue")
	}
	if over, _ := closed.Overdue(domain.NewDate(2026, 4, 1)); !over {
		t.Error("31st day after closing not overdue")
	}
}

func TestPartyValidationAndMasking(t *testing.T) {
	ok := []domain.Party{
		{Kind: domain.PartyPerson, Name: "张三", IDNumber: "11010519491231002X", Contact: "13800000000"},
		{Kind: domain.PartyOrganisation, Name: "青山县惠民超市有限公司", IDNumber: "91520200MA6DXXXX0Y"},
	}
	if err := ok[0].Validate(); err != nil {
		t.Error(err)
	}
	if err := ok[1].Validate(); err == nil {
		t.Error("a credit code with a wrong check character passed")
	}
	if err := (domain.Party{Kind: domain.PartyPerson, Name: "张三", IDNumber: "110105194912310021"}).Validate(); err == nil || !strings.Contains(domain.ErrorMessage(err), "身份证号") {
		t.Errorf("bad ID number: %v", err)
	}
	if ok[0].MaskedName() != "张*" || ok[1].MaskedName() != ok[1].Name || domain.MaskName("欧阳小明") != "欧***" {
		t.Error("masking")
	}
	if domain.MaskID("11010519491231002X") != "1101************2X" {
		t.Error(domain.MaskID("11010519491231002X"))
	}
}
