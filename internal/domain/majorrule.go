package domain

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// MajorFacts are the facts of a case that decide whether its decision is a 重大执法决定
// needing legal review (DOMAIN.md §3). Amounts are Money (分), so thresholds compare exactly.
type MajorFacts struct {
	Type              ActType
	MatterName        string
	MatterAlwaysMajor bool  // the matter is flagged "always major" in the 执法事项清单
	GeneralProcedure  bool  // 普通程序 (false: 简易程序)
	Organisation      bool  // the party is a legal person or other organisation, not a natural person
	Involved          Money // 涉案金额
	Fine              Money // proposed fine and confiscation (拟罚没金额)
	HearingHeld       bool
	Penalties         []PenaltyKind // the proposed decision's penalty kinds
	Complex           bool          // marked 案情疑难复杂、涉及多个法律关系
	PublicInterest    bool          // marked 涉及重大公共利益或可能造成重大社会影响
}

// MajorRule is one entry of the office's 重大执法决定法制审核目录清单. A rule matches a case
// when every condition it sets holds; a case matching any enabled rule needs review.
type MajorRule struct {
	Key     string // stable identifier, e.g. "amount"; unique in the catalogue
	Title   string // the entry as published, e.g. 较大数额罚款
	Basis   string // 设定依据, for publication
	Enabled bool

	ActTypes         []ActType     // the case type is one of these (empty: any type)
	GeneralProcedure bool          // the case follows the general procedure
	MatterMajor      bool          // the matter is flagged always major
	ByAmount         bool          // the amount reaches the threshold for the party's kind
	PersonThreshold  Money         // threshold for a natural person (with ByAmount)
	OrgThreshold     Money         // threshold for an organisation (with ByAmount)
	HearingHeld      bool          // decided after a hearing
	Penalties        []PenaltyKind // the proposed decision includes one of these
	Complex          bool
	PublicInterest   bool
}

// Default amount thresholds (DOMAIN.md §3): natural persons 5,000 元, organisations 50,000 元.
const (
	DefaultPersonThreshold = 5_000_00
	DefaultOrgThreshold    = 50_000_00
)

// DefaultMajorRules is the catalogue a new office starts with, built from the national
// guidance; the last entry ("every general-procedure penalty") is off until an office opts in.
func DefaultMajorRules() []MajorRule {
	return []MajorRule{
		{Key: "public", Title: "涉及重大公共利益，可能造成重大社会影响或引发社会风险的", Enabled: true, PublicInterest: true,
			Basis: "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）"},
		{Key: "hearing", Title: "经过听证程序作出行政执法决定的", Enabled: true, HearingHeld: true,
			Basis: "《中华人民共和国行政处罚法》第五十八条"},
		{Key: "complex", Title: "案件情况疑难复杂、涉及多个法律关系的", Enabled: true, Complex: true,
			Basis: "《中华人民共和国行政处罚法》第五十八条"},
		{Key: "amount", Title: "较大数额罚款或涉案金额较大的（自然人五千元以上，法人或其他组织五万元以上）", Enabled: true,
			ByAmount: true, PersonThreshold: DefaultPersonThreshold, OrgThreshold: DefaultOrgThreshold,
			Basis: "本机关重大执法决定法制审核目录清单"},
		{Key: "penalty", Title: "吊销许可证件、责令停产停业、责令关闭、限制从业的", Enabled: true,
			Penalties: []PenaltyKind{PenaltyRevokeLicence, PenaltyStopProduction, PenaltyClose, PenaltyRestrictEmployment},
			Basis:     "《中华人民共和国行政处罚法》第五十八条、第六十三条"},
		{Key: "matter", Title: "执法事项清单中列为重大执法决定的事项", Enabled: true, MatterMajor: true,
			Basis: "法律、法规、规章规定应当进行法制审核的"},
		{Key: "general", Title: "适用普通程序作出的行政处罚决定（全部审核）", Enabled: false,
			ActTypes: []ActType{ActPenalty}, GeneralProcedure: true, Basis: "本机关规定"},
	}
}

// Conditions describes in Chinese what the rule requires, for settings and the published list.
func (r MajorRule) Conditions() []string {
	var out []string
	if len(r.ActTypes) > 0 {
		out = append(out, "执法类别为"+actTypeLabels(r.ActTypes))
	}
	if r.GeneralProcedure {
		out = append(out, "适用普通程序")
	}
	if r.MatterMajor {
		out = append(out, "事项标记为“一律法制审核”")
	}
	if r.ByAmount {
		out = append(out, fmt.Sprintf("金额达到自然人 %s 元、单位 %s 元", r.PersonThreshold.String(), r.OrgThreshold.String()))
	}
	if r.HearingHeld {
		out = append(out, "经过听证")
	}
	if len(r.Penalties) > 0 {
		out = append(out, "拟处罚种类含"+PenaltyLabels(r.Penalties))
	}
	if r.Complex {
		out = append(out, "标记为案情复杂")
	}
	if r.PublicInterest {
		out = append(out, "标记为涉及重大公共利益")
	}
	return out
}

func actTypeLabels(types []ActType) string {
	labels := make([]string, len(types))
	for i, t := range types {
		labels[i] = t.Label()
	}
	return strings.Join(labels, "或")
}

// Validate checks a rule as an administrator edits it.
func (r MajorRule) Validate() error {
	if strings.TrimSpace(r.Title) == "" {
		return Errorf(EINVALID, "请填写目录条目的“名称”。")
	}
	if utf8.RuneCountInString(r.Title) > 120 {
		return Errorf(EINVALID, "目录条目“%s”的名称最多 120 个字。", quoteInput(r.Title))
	}
	if len(r.Conditions()) == 0 {
		return Errorf(EINVALID, "目录条目“%s”没有设置任何条件，会让所有案件都需要审核。请至少选择一个条件。", r.Title)
	}
	for _, t := range r.ActTypes {
		if !t.Valid() {
			return Errorf(EINVALID, "目录条目“%s”的执法类别“%s”不认识。", r.Title, t)
		}
	}
	for _, k := range r.Penalties {
		if !k.Valid() {
			return Errorf(EINVALID, "目录条目“%s”的处罚种类不认识（%d）。", r.Title, k)
		}
	}
	if r.ByAmount {
		if r.PersonThreshold <= 0 || r.OrgThreshold <= 0 {
			return Errorf(EINVALID, "目录条目“%s”按金额判断，请填写大于 0 的“自然人标准”和“单位标准”。", r.Title)
		}
	}
	return nil
}

// ValidateMajorRules checks a whole catalogue: every rule valid, keys unique.
func ValidateMajorRules(rules []MajorRule) error {
	seen := map[string]bool{}
	for _, r := range rules {
		if err := r.Validate(); err != nil {
			return err
		}
		if r.Key == "" {
			return Errorf(EINVALID, "目录条目“%s”缺少内部编号。", r.Title)
		}
		if seen[r.Key] {
			return Errorf(EINVALID, "目录中有两个条目的内部编号都是“%s”。", r.Key)
		}
		seen[r.Key] = true
	}
	return nil
}

// RuleResult says whether one rule matched a case and why: each reason names the fact and
// the condition it was compared with, so the officer can see exactly what made a case major.
type RuleResult struct {
	Rule    MajorRule
	Matched bool
	Reasons []string // when Matched: every condition met; otherwise the first one not met
}

// MajorEvaluation is the result of evaluating the catalogue over a case.
type MajorEvaluation struct {
	Results []RuleResult // every enabled rule, in catalogue order
}

// Major reports whether any rule matched.
func (e MajorEvaluation) Major() bool { return len(e.Matched()) > 0 }

// Matched lists the rules that matched.
func (e MajorEvaluation) Matched() []RuleResult {
	var out []RuleResult
	for _, r := range e.Results {
		if r.Matched {
			out = append(out, r)
		}
	}
	return out
}

// Summary is one line for lists and the audit log: the matched rules' titles, or 不属于.
func (e MajorEvaluation) Summary() string {
	m := e.Matched()
	if len(m) == 0 {
		return "不属于重大执法决定"
	}
	titles := make([]string, len(m))
	for i, r := range m {
		titles[i] = r.Rule.Title
	}
	return "属于重大执法决定：" + strings.Join(titles, "；")
}

// EvaluateMajor applies every enabled rule to the facts of a case.
func EvaluateMajor(rules []MajorRule, f MajorFacts) MajorEvaluation {
	var ev MajorEvaluation
	for _, r := range rules {
		if r.Enabled {
			ev.Results = append(ev.Results, r.evaluate(f))
		}
	}
	return ev
}

// evaluate checks the rule's conditions in order, stopping at the first one not met.
func (r MajorRule) evaluate(f MajorFacts) RuleResult {
	res := RuleResult{Rule: r, Matched: true}
	check := func(ok bool, met, unmet string) bool {
		if !ok {
			res.Matched, res.Reasons = false, []string{unmet}
			return false
		}
		res.Reasons = append(res.Reasons, met)
		return true
	}
	if len(r.ActTypes) > 0 && !check(slices.Contains(r.ActTypes, f.Type),
		"执法类别为"+f.Type.Label(), "执法类别为"+f.Type.Label()+"，本条只适用于"+actTypeLabels(r.ActTypes)) {
		return res
	}
	if r.GeneralProcedure && !check(f.GeneralProcedure, "适用普通程序", "适用简易程序") {
		return res
	}
	if r.MatterMajor && !check(f.MatterAlwaysMajor,
		fmt.Sprintf("事项“%s”在执法事项清单中标记为一律法制审核", f.MatterName),
		fmt.Sprintf("事项“%s”未标记为一律法制审核", f.MatterName)) {
		return res
	}
	if r.ByAmount {
		met, unmet := r.amountReason(f)
		if !check(met != "", met, unmet) {
			return res
		}
	}
	if r.HearingHeld && !check(f.HearingHeld, "经过听证程序", "未举行听证") {
		return res
	}
	if len(r.Penalties) > 0 {
		var hit []PenaltyKind
		for _, k := range f.Penalties {
			if slices.Contains(r.Penalties, k) {
				hit = append(hit, k)
			}
		}
		proposed := PenaltyLabels(f.Penalties)
		if proposed == "" {
			proposed = "无"
		}
		if !check(len(hit) > 0, "拟作出"+PenaltyLabels(hit), "拟处罚种类为"+proposed+"，不含"+PenaltyLabels(r.Penalties)) {
			return res
		}
	}
	if r.Complex && !check(f.Complex, "承办人员标记为案情疑难复杂、涉及多个法律关系", "未标记为案情复杂") {
		return res
	}
	if r.PublicInterest && !check(f.PublicInterest, "承办人员标记为涉及重大公共利益或重大社会影响", "未标记为涉及重大公共利益") {
		return res
	}
	return res
}

// amountReason compares the larger of the amount involved and the proposed fine with the
// threshold for the party's kind; met is "" when neither reaches it.
func (r MajorRule) amountReason(f MajorFacts) (met, unmet string) {
	party, threshold := "自然人", r.PersonThreshold
	if f.Organisation {
		party, threshold = "法人或其他组织", r.OrgThreshold
	}
	label, amount := "涉案金额", f.Involved
	if f.Fine > amount {
		label, amount = "拟罚没金额", f.Fine
	}
	if amount >= threshold {
		return fmt.Sprintf("%s %s 元，达到%s标准 %s 元", label, amount.String(), party, threshold.String()), ""
	}
	return "", fmt.Sprintf("%s %s 元，未达到%s标准 %s 元", label, amount.String(), party, threshold.String())
}
