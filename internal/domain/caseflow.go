package domain

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// PathStep is one stage of a procedure; an optional stage may be skipped on the way
// forward (a hearing nobody asked for, an on-site check that was not needed).
type PathStep struct {
	Stage    Stage
	Optional bool
}

// StagePath lists the stages a case of type t under procedure p goes through, in order
// (DOMAIN.md §2.1). Every path starts with 受理登记 and ends with 结案 and 归档.
func StagePath(t ActType, p Procedure) []PathStep {
	req := func(s Stage) PathStep { return PathStep{Stage: s} }
	opt := func(s Stage) PathStep { return PathStep{Stage: s, Optional: true} }
	switch {
	case t == ActPenalty && p == ProcedureSimple:
		// 当场处罚: found on the spot, decided and served there.
		return []PathStep{req(StageAccept), req(StageOnSite), req(StageDecide), req(StageServe),
			req(StageExecute), req(StageClose), req(StageArchive)}
	case t == ActPenalty:
		return []PathStep{req(StageAccept), opt(StageOnSite), req(StageFile), req(StageInvestigate),
			req(StageExamine), req(StageNotify), opt(StageHearing), req(StageDecide), req(StageServe),
			req(StageExecute), req(StageClose), req(StageArchive)}
	case t == ActLicensing:
		return []PathStep{req(StageAccept), opt(StageOnSite), req(StageExamine), opt(StageHearing),
			req(StageDecide), req(StageServe), req(StageClose), req(StageArchive)}
	case t == ActInspection:
		return []PathStep{req(StageAccept), req(StageOnSite), opt(StageExamine), req(StageDecide),
			opt(StageServe), req(StageClose), req(StageArchive)}
	case t == ActCoercion:
		return []PathStep{req(StageAccept), req(StageOnSite), opt(StageFile), opt(StageInvestigate),
			opt(StageExamine), opt(StageNotify), req(StageDecide), req(StageServe), req(StageExecute),
			req(StageClose), req(StageArchive)}
	case t == ActLevy || t == ActRequisition:
		return []PathStep{req(StageAccept), opt(StageOnSite), opt(StageFile), opt(StageInvestigate),
			req(StageExamine), opt(StageNotify), opt(StageHearing), req(StageDecide), req(StageServe),
			req(StageExecute), req(StageClose), req(StageArchive)}
	default:
		return []PathStep{req(StageAccept), opt(StageOnSite), opt(StageInvestigate), req(StageExamine),
			opt(StageNotify), opt(StageHearing), req(StageDecide), req(StageServe), opt(StageExecute),
			req(StageClose), req(StageArchive)}
	}
}

// Path is the case's stage path.
func (c Case) Path() []PathStep { return StagePath(c.Type, c.Procedure) }

// pathIndex is the position of stage in the case's path, -1 when it is not on it.
func (c Case) pathIndex(s Stage) int {
	return slices.IndexFunc(c.Path(), func(p PathStep) bool { return p.Stage == s })
}

// OnPath reports whether the case's procedure has stage s.
func (c Case) OnPath(s Stage) bool { return c.pathIndex(s) >= 0 }

// NextStages are the stages the case may move on to once its current stage is complete:
// the following stages up to and including the first required one. Empty for 归档.
func (c Case) NextStages() []Stage {
	path := c.Path()
	var out []Stage
	for i := c.pathIndex(c.Stage) + 1; i < len(path) && c.pathIndex(c.Stage) >= 0; i++ {
		out = append(out, path[i].Stage)
		if !path[i].Optional {
			break
		}
	}
	return out
}

// BackStages are the earlier stages the case may be sent back to (with a reason), e.g.
// from 案件审核 back to 调查取证 for supplementary investigation.
func (c Case) BackStages() []Stage {
	if c.Locked() {
		return nil
	}
	var out []Stage
	path := c.Path()
	for i := 0; i < c.pathIndex(c.Stage) && i < len(path); i++ {
		out = append(out, path[i].Stage)
	}
	return out
}

// CanAdvance checks that the current stage may be completed now with the case moving on
// to next ("" when completing 归档). A case with a recorded reason for not deciding may go
// straight to 结案 from any stage before 决定.
func (c Case) CanAdvance(next Stage) error {
	if c.Locked() {
		return Errorf(ELOCKED, "案件 %s 已归档，不能再办理环节；如需说明情况，请添加备注。", c.Number)
	}
	if c.pathIndex(c.Stage) < 0 {
		return Errorf(EINVALID, "案件 %s 当前环节“%s”不在%s（%s）的流程中。", c.Number, c.Stage.Label(), c.Type.Label(), c.Procedure.Label())
	}
	if c.Stage == StageArchive {
		if next != "" {
			return Errorf(EINVALID, "归档是最后一个环节。")
		}
		return nil
	}
	if c.Decision.NotDecidedReason != "" && next == StageClose && c.Stage.Index() < StageDecide.Index() {
		return nil // 不予立案、撤案: straight to 结案
	}
	if !slices.Contains(c.NextStages(), next) {
		return Errorf(EINVALID, "案件 %s 完成“%s”后只能进入：%s。", c.Number, c.Stage.Label(), StageLabels(c.NextStages()))
	}
	return nil
}

// CanClose checks what 结案 needs (DOMAIN.md §2.1): a decision, served and executed, or a
// recorded reason for not deciding.
func (c Case) CanClose() error {
	if c.Decision.NotDecidedReason != "" {
		return nil
	}
	if !c.Decision.Decided() {
		return Errorf(EINVALID, "案件 %s 还没有作出决定，不能结案。未作决定的案件（如不予立案、撤销立案）请填写“不予决定的理由”。", c.Number)
	}
	var missing []Stage
	for _, p := range c.Path() {
		if p.Stage == StageClose {
			break
		}
		if _, done := c.Completed(p.Stage); !done && !p.Optional {
			missing = append(missing, p.Stage)
		}
	}
	if len(missing) > 0 {
		return Errorf(EINVALID, "案件 %s 还有环节没有完成，不能结案：%s。", c.Number, StageLabels(missing))
	}
	return nil
}

// CanGoBack checks a step back to stage to with a reason.
func (c Case) CanGoBack(to Stage, reason string) error {
	if c.Locked() {
		return Errorf(ELOCKED, "案件 %s 已归档，不能退回；如需说明情况，请添加备注。", c.Number)
	}
	if strings.TrimSpace(reason) == "" {
		return Errorf(EINVALID, "退回到“%s”需要填写理由（例如“证据不足，补充调查”）。", to.Label())
	}
	if utf8.RuneCountInString(reason) > 500 {
		return Errorf(EINVALID, "退回理由最多 500 个字。")
	}
	if !slices.Contains(c.BackStages(), to) {
		return Errorf(EINVALID, "案件 %s 当前在“%s”，只能退回到：%s。", c.Number, c.Stage.Label(), StageLabels(c.BackStages()))
	}
	return nil
}

// EnforcementStage reports whether officers act towards the party in stage s, so at least
// two of them must hold valid certificates on its date.
func EnforcementStage(s Stage) bool {
	switch s {
	case StageOnSite, StageInvestigate, StageHearing, StageDecide, StageServe, StageExecute:
		return true
	}
	return false
}

// Validate checks a decision for a case of type t and procedure p.
func (d Decision) Validate(t ActType, p Procedure) error {
	if d.NotDecidedReason != "" {
		if utf8.RuneCountInString(d.NotDecidedReason) > 500 {
			return Errorf(EINVALID, "“不予决定的理由”最多 500 个字。")
		}
		return nil
	}
	if d.Date.IsZero() {
		return Errorf(EINVALID, "请填写“决定日期”。")
	}
	if !d.Date.Valid() {
		return Errorf(EINVALID, "“决定日期”不是有效日期。")
	}
	if d.Fine < 0 || d.Confiscation < 0 {
		return Errorf(EINVALID, "罚没金额不能为负数。")
	}
	for _, k := range d.Kinds {
		if !k.Valid() {
			return Errorf(EINVALID, "处罚种类不认识（%d）。", k)
		}
	}
	if t == ActPenalty {
		if len(d.Kinds) == 0 {
			return Errorf(EINVALID, "请选择至少一种“处罚种类”（如警告、罚款）。")
		}
		if slices.Contains(d.Kinds, PenaltyFine) && d.Fine <= 0 {
			return Errorf(EINVALID, "处罚种类包括罚款，请填写“罚款金额”。")
		}
		if !slices.Contains(d.Kinds, PenaltyFine) && d.Fine > 0 {
			return Errorf(EINVALID, "填写了罚款金额，请在“处罚种类”中选择“罚款”。")
		}
		if d.Confiscation > 0 && !slices.Contains(d.Kinds, PenaltyConfiscateGains) && !slices.Contains(d.Kinds, PenaltyConfiscateProperty) {
			return Errorf(EINVALID, "填写了没收金额，请在“处罚种类”中选择“没收违法所得”或“没收非法财物”。")
		}
	} else if len(d.Kinds) > 0 {
		return Errorf(EINVALID, "只有行政处罚案件才填写“处罚种类”。")
	}
	numbered := t == ActPenalty || t == ActLicensing || t == ActCoercion
	if strings.TrimSpace(d.DocNumber) == "" && p == ProcedureGeneral && numbered {
		return Errorf(EINVALID, "请填写“决定书文号”，例如 青市监处罚〔2026〕12号。")
	}
	if d.DocNumber != "" {
		if _, err := ParseCaseNumber(d.DocNumber); err != nil {
			return Errorf(EINVALID, "“决定书文号”“%s”无法识别，应为“机关代字〔年份〕序号号”的形式，例如 青市监处罚〔2026〕12号。", quoteInput(d.DocNumber))
		}
	}
	if utf8.RuneCountInString(d.Summary) > 2000 {
		return Errorf(EINVALID, "“决定内容”最多 2000 个字。")
	}
	return nil
}
