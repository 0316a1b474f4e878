package domain_test

import (
	"strings"
	"testing"

	"lawdesk/internal/domain"
)

func TestMajorAmountThresholds(t *testing.T) {
	rules := domain.DefaultMajorRules()
	cases := []struct {
		name     string
		org      bool
		involved domain.Money
		fine     domain.Money
		major    bool
		reason   string
	}{
		{"person, nothing", false, 0, 0, false, "未达到自然人标准 5,000.00 元"},
		{"person, one fen below", false, 0, 4_999_99, false, "拟罚没金额 4,999.99 元，未达到自然人标准 5,000.00 元"},
		{"person, exactly the threshold", false, 0, 5_000_00, true, "拟罚没金额 5,000.00 元，达到自然人标准 5,000.00 元"},
		{"person, one fen above", false, 0, 5_000_01, true, "5,000.01 元"},
		{"person, involved amount counts", false, 6_000_00, 1_000_00, true, "涉案金额 6,000.00 元，达到自然人标准"},
		{"organisation, at the person threshold", true, 0, 5_000_00, false, "未达到法人或其他组织标准 50,000.00 元"},
		{"organisation, one fen below", true, 49_999_99, 0, false, "涉案金额 49,999.99 元"},
		{"organisation, exactly", true, 50_000_00, 0, true, "涉案金额 50,000.00 元，达到法人或其他组织标准 50,000.00 元"},
		{"organisation, fine larger than involved", true, 10_000_00, 80_000_00, true, "拟罚没金额 80,000.00 元"},
		{"organisation, a million", true, 100_000_000, 0, true, "1,000,000.00 元"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := domain.MajorFacts{Type: domain.ActPenalty, GeneralProcedure: true, Organisation: c.org,
				Involved: c.involved, Fine: c.fine, Penalties: []domain.PenaltyKind{domain.PenaltyFine}}
			ev := domain.EvaluateMajor(rules, f)
			if ev.Major() != c.major {
				t.Fatalf("Major = %v, want %v (%s)", ev.Major(), c.major, ev.Summary())
			}
			var amount domain.RuleResult
			for _, r := range ev.Results {
				if r.Rule.Key == "amount" {
					amount = r
				}
			}
			if got := strings.Join(amount.Reasons, "；"); !strings.Contains(got, c.reason) {
				t.Errorf("amount reason %q does not contain %q", got, c.reason)
			}
		})
	}
}

func TestMajorRulesEachConditionExplained(t *testing.T) {
	rules := domain.DefaultMajorRules()
	base := domain.MajorFacts{Type: domain.ActPenalty, MatterName: "销售过期食品", Penalties: []domain.PenaltyKind{domain.PenaltyWarning}}
	cases := []struct {
		name   string
		mod    func(*domain.MajorFacts)
		key    string // the rule expected to match ("" none)
		reason string
	}{
		{"plain warning", func(*domain.MajorFacts) {}, "", ""},
		{"hearing", func(f *domain.MajorFacts) { f.HearingHeld = true }, "hearing", "经过听证程序"},
		{"complex", func(f *domain.MajorFacts) { f.Complex = true }, "complex", "案情疑难复杂"},
		{"public interest", func(f *domain.MajorFacts) { f.PublicInterest = true }, "public", "重大公共利益"},
		{"revocation", func(f *domain.MajorFacts) {
			f.Penalties = []domain.PenaltyKind{domain.PenaltyFine, domain.PenaltyRevokeLicence}
		}, "penalty", "拟作出吊销许可证件"},
		{"closing", func(f *domain.MajorFacts) { f.Penalties = []domain.PenaltyKind{domain.PenaltyClose} }, "penalty", "责令关闭"},
		{"restricting employment", func(f *domain.MajorFacts) {
			f.Penalties = []domain.PenaltyKind{domain.PenaltyRestrictEmployment}
		}, "penalty", "限制从业"},
		{"suspension is not listed", func(f *domain.MajorFacts) {
			f.Penalties = []domain.PenaltyKind{domain.PenaltySuspendLicence}
		}, "", ""},
		{"matter always major", func(f *domain.MajorFacts) { f.MatterAlwaysMajor = true }, "matter", "事项“销售过期食品”在执法事项清单中标记为一律法制审核"},
		{"general procedure alone is off by default", func(f *domain.MajorFacts) { f.GeneralProcedure = true }, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := base
			c.mod(&f)
			ev := domain.EvaluateMajor(rules, f)
			m := ev.Matched()
			if c.key == "" {
				if len(m) != 0 {
					t.Fatalf("matched %s", ev.Summary())
				}
				if ev.Summary() != "不属于重大执法决定" {
					t.Errorf("summary %q", ev.Summary())
				}
				return
			}
			if len(m) != 1 || m[0].Rule.Key != c.key {
				t.Fatalf("matched %v, want only %s", ev.Summary(), c.key)
			}
			if r := strings.Join(m[0].Reasons, "；"); !strings.Contains(r, c.reason) {
				t.Errorf("reasons %q lack %q", r, c.reason)
			}
			if !strings.Contains(ev.Summary(), m[0].Rule.Title) {
				t.Errorf("summary %q lacks the rule title", ev.Summary())
			}
		})
	}
}

func TestMajorRuleEveryGeneralProcedurePenalty(t *testing.T) {
	rules := domain.DefaultMajorRules()
	for i := range rules {
		if rules[i].Key == "general" {
			rules[i].Enabled = true
		}
	}
	cases := []struct {
		typ     domain.ActType
		general bool
		major   bool
		reason  string
	}{
		{domain.ActPenalty, true, true, "执法类别为行政处罚；适用普通程序"},
		{domain.ActPenalty, false, false, "适用简易程序"},
		{domain.ActLicensing, true, false, "执法类别为行政许可，本条只适用于行政处罚"},
	}
	for _, c := range cases {
		ev := domain.EvaluateMajor(rules, domain.MajorFacts{Type: c.typ, GeneralProcedure: c.general})
		if ev.Major() != c.major {
			t.Errorf("%s general=%v: major=%v", c.typ, c.general, ev.Major())
		}
		for _, r := range ev.Results {
			if r.Rule.Key == "general" && strings.Join(r.Reasons, "；") != c.reason {
				t.Errorf("%s general=%v: reasons %q, want %q", c.typ, c.general, r.Reasons, c.reason)
			}
		}
	}
}

func TestMajorRuleConjunctionAndDisabled(t *testing.T) {
	rule := domain.MajorRule{Key: "x", Title: "普通程序的行政强制且金额较大", Enabled: true,
		ActTypes: []domain.ActType{domain.ActCoercion}, GeneralProcedure: true, ByAmount: true, PersonThreshold: 100, OrgThreshold: 1000}
	f := domain.MajorFacts{Type: domain.ActCoercion, GeneralProcedure: true, Involved: 999, Organisation: true}
	ev := domain.EvaluateMajor([]domain.MajorRule{rule}, f)
	if ev.Major() || !strings.Contains(ev.Results[0].Reasons[0], "未达到法人或其他组织标准 10.00 元") {
		t.Errorf("999 fen for an organisation: %v %v", ev.Major(), ev.Results[0].Reasons)
	}
	f.Involved = 1000
	ev = domain.EvaluateMajor([]domain.MajorRule{rule}, f)
	if !ev.Major() || len(ev.Results[0].Reasons) != 3 {
		t.Errorf("all three conditions met: %v %v", ev.Major(), ev.Results[0].Reasons)
	}
	rule.Enabled = false
	if ev := domain.EvaluateMajor([]domain.MajorRule{rule}, f); ev.Major() || len(ev.Results) != 0 {
		t.Error("a disabled rule was evaluated")
	}
}

func TestMajorRuleValidate(t *testing.T) {
	if err := domain.ValidateMajorRules(domain.DefaultMajorRules()); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	bad := []struct {
		rule domain.MajorRule
		msg  string
	}{
		{domain.MajorRule{Key: "a", Title: ""}, "名称"},
		{domain.MajorRule{Key: "a", Title: "空条件"}, "没有设置任何条件"},
		{domain.MajorRule{Key: "a", Title: "金额", ByAmount: true, PersonThreshold: 0, OrgThreshold: 100}, "大于 0"},
		{domain.MajorRule{Key: "a", Title: "类别", ActTypes: []domain.ActType{"nope"}}, "不认识"},
	}
	for _, b := range bad {
		err := domain.ValidateMajorRules([]domain.MajorRule{b.rule})
		if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(domain.ErrorMessage(err), b.msg) {
			t.Errorf("%+v: %v", b.rule, err)
		}
	}
	dup := domain.DefaultMajorRules()
	dup[1].Key = dup[0].Key
	if err := domain.ValidateMajorRules(dup); err == nil || !strings.Contains(domain.ErrorMessage(err), "重复") && !strings.Contains(domain.ErrorMessage(err), "都是") {
		t.Errorf("duplicate keys: %v", err)
	}
}

func BenchmarkEvaluateMajor(b *testing.B) {
	rules := domain.DefaultMajorRules()
	f := domain.MajorFacts{Type: domain.ActPenalty, GeneralProcedure: true, Organisation: true, Fine: 60_000_00,
		Penalties: []domain.PenaltyKind{domain.PenaltyFine, domain.PenaltyConfiscateGains}}
	for b.Loop() {
		if !domain.EvaluateMajor(rules, f).Major() {
			b.Fatal("not major")
		}
	}
}
