package review_test

import (
	"fmt"
	"strings"
	"testing"

	"lawdesk/internal/domain"
	"lawdesk/internal/record"
	"lawdesk/internal/review"
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

func TestStaffingFromTheOfficerList(t *testing.T) {
	env := newEnv(t)
	// 刘洋 and 陈静 enforce, 马骏 reviews: one reviewer where two are the minimum.
	rep, err := env.svc.Staffing()
	if err != nil {
		t.Fatal(err)
	}
	if rep.Source != "执法人员清单" || rep.Officers != 2 || rep.Staffing.Reviewers != 1 || rep.Required != 2 || rep.OK() ||
		!strings.Contains(rep.Message(), "还差 1 人") {
		t.Fatalf("small office: %+v %s", rep, rep.Message())
	}
	// 41 officers and 2 reviewers: 5% of 41 is 2.05, so 3 are needed; someone who left is not counted.
	for i := 0; i < 40; i++ {
		o := domain.Officer{Name: fmt.Sprintf("执法员%02d", i), Unit: "城关所", Reviewer: i == 0}
		if _, err := env.st.SaveOfficer(store.Change{Actor: "admin"}, o); err != nil {
			t.Fatal(err)
		}
	}
	env.st.SaveOfficer(store.Change{Actor: "admin"}, domain.Officer{Name: "已调离", Unit: "城关所", Reviewer: true, Left: true})
	rep, _ = env.svc.Staffing()
	if rep.Officers != 41 || rep.Staffing.Reviewers != 2 || rep.Required != 3 || rep.OK() {
		t.Fatalf("41 officers: %+v", rep)
	}
	cfg, _ := env.svc.Config()
	cfg.Policy.MinReviewerShare = 4
	if err := env.svc.SaveConfig(env.as("admin"), cfg); err != nil {
		t.Fatal(err)
	}
	if rep, _ = env.svc.Staffing(); rep.Required != 2 || !rep.OK() {
		t.Fatalf("at 4%%: %+v", rep)
	}
}

func TestStaffingFromAccountsWhenNoOfficerList(t *testing.T) {
	st, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, u := range []domain.User{
		{Name: "a1", FullName: "甲", Roles: []domain.Role{domain.RoleOfficer}},
		{Name: "a2", FullName: "乙", Roles: []domain.Role{domain.RoleOfficer}},
		{Name: "a3", FullName: "丙", Roles: []domain.Role{domain.RoleOfficer, domain.RoleReviewer}},
		{Name: "a4", FullName: "丁", Roles: []domain.Role{domain.RoleReviewer}, Disabled: true},
	} {
		if _, err := st.SaveUser(u, store.UserChange{Actor: "admin", Action: "user.create"}); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := review.New(st, record.New(st)).Staffing()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(rep.Source, "用户账户") || rep.Officers != 2 || rep.Staffing.Reviewers != 1 || rep.ReviewerNames[0] != "丙" {
		t.Fatalf("from accounts: %+v", rep)
	}
}
