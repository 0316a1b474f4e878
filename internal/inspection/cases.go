package inspection

import (
	"fmt"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/record"
)

// RecordCases opens the case of a 立案查处 result through the case service, so the case
// is numbered, checked and recorded like any other: a penalty case under the general
// procedure, source 监督检查, the inspected object as the party, the inspecting officers
// as the officers in charge, opened on the inspection date with the findings as its facts.
type RecordCases struct{ Record *record.Service }

// OpenInspectionCase implements CaseOpener.
func (rc RecordCases) OpenInspectionCase(sess office.Session, req CaseRequest) (uint64, string, error) {
	party := domain.Party{Kind: domain.PartyOrganisation, Name: req.Object.Name, Address: req.Object.Address}
	if domain.ValidCreditCode(req.Object.CreditCode) {
		party.IDNumber = req.Object.CreditCode
	}
	unit := req.Matter.HandlingUnit
	if unit == "" {
		unit = "（双随机抽查）"
	}
	c, err := rc.Record.CreateCase(sess, domain.Case{
		Type:         domain.ActPenalty,
		MatterName:   fmt.Sprintf("双随机抽查发现的违法行为（%s）", req.Matter.Name),
		Procedure:    domain.ProcedureGeneral,
		Source:       domain.SourceInspection,
		Party:        party,
		HandlingUnit: unit,
		OfficerIDs:   req.Officers,
		Facts:        fmt.Sprintf("%s：%s", req.Task.Name, req.Facts),
		Opened:       req.Date,
	})
	if err != nil {
		return 0, "", domain.Wrap(err, domain.ErrorCode(err), "检查结果为“立案查处”，但案件没有登记成功：%s", domain.ErrorMessage(err))
	}
	return c.ID, c.Number, nil
}
