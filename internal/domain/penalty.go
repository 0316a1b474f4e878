package domain

import "strings"

// PenaltyKind is a kind of administrative penalty. The constants are ordered from the
// lightest to the heaviest (DOMAIN.md §1.4), so a combined penalty is counted once under
// Heaviest.
type PenaltyKind int

const (
	PenaltyNone               PenaltyKind = iota // not a penalty
	PenaltyWarning                               // 警告
	PenaltyCriticism                             // 通报批评
	PenaltyFine                                  // 罚款
	PenaltyConfiscateGains                       // 没收违法所得
	PenaltyConfiscateProperty                    // 没收非法财物
	PenaltySuspendLicence                        // 暂扣许可证件
	PenaltyDowngrade                             // 降低资质等级
	PenaltyRevokeLicence                         // 吊销许可证件
	PenaltyRestrictBusiness                      // 限制开展生产经营活动
	PenaltyStopProduction                        // 责令停产停业
	PenaltyClose                                 // 责令关闭
	PenaltyRestrictEmployment                    // 限制从业
	PenaltyDetention                             // 行政拘留
)

// AllPenaltyKinds lists the penalty kinds from lightest to heaviest.
var AllPenaltyKinds = []PenaltyKind{PenaltyWarning, PenaltyCriticism, PenaltyFine,
	PenaltyConfiscateGains, PenaltyConfiscateProperty, PenaltySuspendLicence, PenaltyDowngrade,
	PenaltyRevokeLicence, PenaltyRestrictBusiness, PenaltyStopProduction, PenaltyClose,
	PenaltyRestrictEmployment, PenaltyDetention}

var penaltyLabels = map[PenaltyKind]string{
	PenaltyWarning:            "警告",
	PenaltyCriticism:          "通报批评",
	PenaltyFine:               "罚款",
	PenaltyConfiscateGains:    "没收违法所得",
	PenaltyConfiscateProperty: "没收非法财物",
	PenaltySuspendLicence:     "暂扣许可证件",
	PenaltyDowngrade:          "降低资质等级",
	PenaltyRevokeLicence:      "吊销许可证件",
	PenaltyRestrictBusiness:   "限制开展生产经营活动",
	PenaltyStopProduction:     "责令停产停业",
	PenaltyClose:              "责令关闭",
	PenaltyRestrictEmployment: "限制从业",
	PenaltyDetention:          "行政拘留",
}

// Label is the penalty kind's Chinese name.
func (k PenaltyKind) Label() string {
	if l, ok := penaltyLabels[k]; ok {
		return l
	}
	return "无"
}

// Valid reports whether k is a real penalty kind (not PenaltyNone).
func (k PenaltyKind) Valid() bool { _, ok := penaltyLabels[k]; return ok }

// ParsePenaltyKind accepts a penalty kind's Chinese name (吊销营业执照 and similar are
// read as 吊销许可证件).
func ParsePenaltyKind(s string) (PenaltyKind, error) {
	s = strings.TrimSpace(s)
	for _, k := range AllPenaltyKinds {
		if s == penaltyLabels[k] {
			return k, nil
		}
	}
	switch {
	case strings.HasPrefix(s, "吊销"):
		return PenaltyRevokeLicence, nil
	case strings.HasPrefix(s, "暂扣"):
		return PenaltySuspendLicence, nil
	case strings.HasPrefix(s, "没收违法"):
		return PenaltyConfiscateGains, nil
	case strings.HasPrefix(s, "没收"):
		return PenaltyConfiscateProperty, nil
	}
	return PenaltyNone, Errorf(EINVALID, "处罚种类“%s”不认识。可填：%s。", s, strings.Join(penaltyNames(), "、"))
}

func penaltyNames() []string {
	out := make([]string, len(AllPenaltyKinds))
	for i, k := range AllPenaltyKinds {
		out[i] = penaltyLabels[k]
	}
	return out
}

// Heaviest returns the heaviest of kinds (PenaltyNone for none): a combined penalty is
// counted once, under its heaviest kind.
func Heaviest(kinds []PenaltyKind) PenaltyKind {
	h := PenaltyNone
	for _, k := range kinds {
		if k > h {
			h = k
		}
	}
	return h
}

// PenaltyLabels joins the Chinese names of kinds with 、.
func PenaltyLabels(kinds []PenaltyKind) string {
	labels := make([]string, len(kinds))
	for i, k := range kinds {
		labels[i] = k.Label()
	}
	return strings.Join(labels, "、")
}
