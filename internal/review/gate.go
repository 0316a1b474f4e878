package review

import (
	"fmt"
	"slices"
	"strings"

	"lawdesk/internal/domain"
)

// Gate is the rule "a major decision may not be made without passing legal review"
// (未经法制审核或者审核未通过的，不得作出决定), registered with the record service so every
// way of completing a stage passes through it. Completing 决定 of a case is refused when
// the case needs review (a catalogue rule matches its facts and decision, the officer sent
// it, or it was submitted) and the review has not passed; and when it has passed, the
// decision must be the one that was agreed.
func (s *Service) Gate(c domain.Case, stage domain.Stage) error {
	if stage != domain.StageDecide || c.Decision.NotDecidedReason != "" {
		return nil
	}
	a, err := s.assess(c, nil)
	if err != nil {
		return err
	}
	if !a.NeedsReview() {
		return nil
	}
	if !a.Submitted {
		return domain.Errorf(domain.EFORBIDDEN, "案件 %s 属于重大执法决定（%s），未经法制审核不得作出决定。请先在“法制审核”中送审，审核同意后再完成“决定”环节。",
			c.Number, strings.Join(a.Reasons(), "；"))
	}
	r := a.Review
	if !r.Passed() {
		return domain.Errorf(domain.EFORBIDDEN, "%s", r.GateMessage())
	}
	if r.Status == domain.ReviewAgreed {
		if diff := decisionDiffers(r.Latest().Submission.Proposed, c.Decision); diff != "" {
			return domain.Errorf(domain.EFORBIDDEN, "案件 %s 的决定内容与法制审核同意的拟处理意见不一致：%s。请按审核同意的内容作出决定，或修改后重新送审。", c.Number, diff)
		}
	}
	return nil
}

// decisionDiffers says how a decision departs from the agreed proposal: other penalty
// kinds, or another total of fines and confiscations ("" when it does not).
func decisionDiffers(p domain.ProposedDecision, d domain.Decision) string {
	want, got := slices.Clone(p.Penalties), slices.Clone(d.Kinds)
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		return fmt.Sprintf("审核同意的处罚种类为“%s”，决定为“%s”", labelsOrNone(want), labelsOrNone(got))
	}
	if total := d.Fine + d.Confiscation; total != p.Fine {
		return fmt.Sprintf("审核同意的罚没金额为 %s 元，决定为 %s 元", p.Fine, total)
	}
	return ""
}

func labelsOrNone(kinds []domain.PenaltyKind) string {
	if len(kinds) == 0 {
		return "无"
	}
	return domain.PenaltyLabels(kinds)
}
