package domain

import "strings"

// ActType is the kind of administrative enforcement act (DOMAIN.md intro): it decides the
// publication deadline (许可 and 处罚: 7 working days, others 20) and the statistics table.
type ActType string

const (
	ActLicensing   ActType = "licensing"   // 行政许可
	ActPenalty     ActType = "penalty"     // 行政处罚
	ActCoercion    ActType = "coercion"    // 行政强制
	ActLevy        ActType = "levy"        // 行政征收
	ActRequisition ActType = "requisition" // 行政征用
	ActInspection  ActType = "inspection"  // 行政检查
	ActConfirm     ActType = "confirm"     // 行政确认
	ActBenefit     ActType = "benefit"     // 行政给付
	ActCharge      ActType = "charge"      // 行政收费
	ActAdjudicate  ActType = "adjudicate"  // 行政裁决
	ActOther       ActType = "other"       // 其他行政执法行为
)

// AllActTypes lists the act types in the order screens and reports show them.
var AllActTypes = []ActType{ActLicensing, ActPenalty, ActCoercion, ActLevy, ActRequisition,
	ActInspection, ActConfirm, ActBenefit, ActCharge, ActAdjudicate, ActOther}

var actLabels = map[ActType][2]string{
	ActLicensing:   {"行政许可", "许可"},
	ActPenalty:     {"行政处罚", "处罚"},
	ActCoercion:    {"行政强制", "强制"},
	ActLevy:        {"行政征收", "征收"},
	ActRequisition: {"行政征用", "征用"},
	ActInspection:  {"行政检查", "检查"},
	ActConfirm:     {"行政确认", "确认"},
	ActBenefit:     {"行政给付", "给付"},
	ActCharge:      {"行政收费", "收费"},
	ActAdjudicate:  {"行政裁决", "裁决"},
	ActOther:       {"其他行政执法行为", "其他"},
}

// Label is the full Chinese name, e.g. 行政处罚.
func (t ActType) Label() string {
	if l, ok := actLabels[t]; ok {
		return l[0]
	}
	return string(t)
}

// Short is the one- or two-character name used in document numbers and tables, e.g. 处罚.
func (t ActType) Short() string {
	if l, ok := actLabels[t]; ok {
		return l[1]
	}
	return string(t)
}

// Valid reports whether t is a known act type.
func (t ActType) Valid() bool { _, ok := actLabels[t]; return ok }

// ParseActType accepts the code (penalty), the full name (行政处罚) or the short name (处罚),
// as found in spreadsheets.
func ParseActType(s string) (ActType, error) {
	s = strings.TrimSpace(s)
	for _, t := range AllActTypes {
		l := actLabels[t]
		if s == string(t) || s == l[0] || s == l[1] {
			return t, nil
		}
	}
	return "", Errorf(EINVALID, "执法类别“%s”不认识。可填：行政许可、行政处罚、行政强制、行政征收、行政征用、行政检查、行政确认、行政给付、行政收费、行政裁决、其他。", s)
}

// PublishWithinWorkingDays is the national default deadline for publishing a decision of
// this type (DOMAIN.md §1.3): 7 working days for 许可 and 处罚, 20 for every other.
func (t ActType) PublishWithinWorkingDays() int {
	if t == ActLicensing || t == ActPenalty {
		return 7
	}
	return 20
}
