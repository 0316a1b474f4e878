package review_test

import (
	"strings"
	"testing"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

func TestSaveConfigNeedsAdminAndValidates(t *testing.T) {
	env := newEnv(t)
	cfg, err := env.svc.Config()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Rules = append(cfg.Rules, domain.MajorRule{Title: "行政强制措施", Enabled: true, ActTypes: []domain.ActType{domain.ActCoercion}})
	if err := env.svc.SaveConfig(env.as("sunli"), cfg); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("a reviewer changed the settings: %v", err)
	}
	if err := env.svc.SaveConfig(env.as("admin"), cfg); err != nil {
		t.Fatal(err)
	}
	got, _ := env.svc.Config()
	last := got.Rules[len(got.Rules)-1]
	if last.Key == "" || last.Title != "行政强制措施" {
		t.Fatalf("new rule %+v", last)
	}
	got.Checklist = nil
	if err := env.svc.SaveConfig(env.as("admin"), got); err == nil || !strings.Contains(domain.ErrorMessage(err), "至少要有一项") {
		t.Fatalf("empty checklist saved: %v", err)
	}
}

func TestStaffingCountsOfficerListThenAccounts(t *testing.T) {
	env := newEnv(t)
	// The demo office has no officer list yet: counted from accounts (6 officers, 2 reviewers).
	rep, err := env.svc.Staffing()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(rep.Source, "用户账户") || rep.Officers != 6 || rep.Staffing.Reviewers != 2 || !rep.OK() {
		t.Fatalf("from accounts: %+v", rep)
	}
	// With an officer list of 41 officers and 2 reviewers, 5% needs 3.
	for i := 0; i < 43; i++ {
		o := domain.Officer{Name: "人员" + string(rune('甲'+i)), Unit: "城关所", Reviewer: i < 2}
		if _, err := env.st.SaveOfficer(store.Change{Actor: "admin"}, o); err != nil {
			t.Fatal(err)
		}
	}
	left := domain.Officer{Name: "已调离", Unit: "城关所", Reviewer: true, Left: true}
	env.st.SaveOfficer(store.Change{Actor: "admin"}, left)
	rep, err = env.svc.Staffing()
	if err != nil {
		t.Fatal(err)
	}
	if rep.Source != "执法人员清单" || rep.Officers != 41 || rep.Staffing.Reviewers != 2 || rep.Required != 3 || rep.OK() {
		t.Fatalf("from the officer list: %+v", rep)
	}
	if !strings.Contains(rep.Message(), "还差 1 人") {
		t.Errorf("message %q", rep.Message())
	}
}
