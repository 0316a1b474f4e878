package record_test

import (
	"strings"
	"testing"

	"lawdesk/internal/domain"
	"lawdesk/internal/record"
	"lawdesk/internal/store"
)

func TestCreateCaseNumbersAndChecksOfficers(t *testing.T) {
	f := newFixture(t)
	a := f.newCase()
	b := f.newCase()
	if a.Number != "青市监处罚〔2026〕1号" || b.Number != "青市监处罚〔2026〕2号" {
		t.Fatalf("numbers %q %q", a.Number, b.Number)
	}
	if a.Stage != domain.StageAccept || a.Status != domain.StatusOpen || a.Retention != domain.RetentionPermanent {
		t.Fatalf("new case: %+v", a)
	}
	lic := f.newCase(func(c *domain.Case) { c.Type = domain.ActLicensing; c.MatterName = "食品经营许可" })
	if lic.Number != "青市监许可〔2026〕1号" {
		t.Fatalf("licence number %q", lic.Number)
	}

	for _, tc := range []struct {
		name string
		mod  func(*domain.Case)
		code domain.Code
		msg  string
	}{
		{"expired certificate", func(c *domain.Case) { c.OfficerIDs = f.officerIDs("刘洋", "杨帆") }, domain.EINVALID, "执法人员“杨帆”的执法证（52020019003）已于 2026-09-01 到期"},
		{"one officer", func(c *domain.Case) { c.OfficerIDs = f.officerIDs("刘洋") }, domain.EINVALID, "至少指定 2 名"},
		{"not assigned self", func(c *domain.Case) { c.OfficerIDs = f.officerIDs("陈静", "黄伟") }, domain.EINVALID, "您不在这个案件的“承办人员”中"},
		{"duplicate typed number", func(c *domain.Case) { c.Number = "青市监处罚[2026]002号" }, domain.ECONFLICT, "已被使用"},
		{"bad typed number", func(c *domain.Case) { c.Number = "2026-12" }, domain.EINVALID, "无法识别案件编号"},
		{"bad credit code", func(c *domain.Case) { c.Party.IDNumber = "123" }, domain.EINVALID, "统一社会信用代码"},
		{"no party", func(c *domain.Case) { c.Party.Name = " " }, domain.EINVALID, "当事人"},
		{"simple licence", func(c *domain.Case) { c.Type = domain.ActLicensing; c.Procedure = domain.ProcedureSimple }, domain.EINVALID, "简易程序只适用于行政处罚"},
		{"future", func(c *domain.Case) { c.Opened = domain.NewDate(2026, 10, 1) }, domain.EINVALID, "晚于今天"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := domain.Case{Type: domain.ActPenalty, MatterName: "对销售过期食品的处罚", Procedure: domain.ProcedureGeneral,
				Source: domain.SourceComplaint, HandlingUnit: "城关市场监管所", OfficerIDs: f.officerIDs("刘洋", "陈静"),
				Party: domain.Party{Kind: domain.PartyOrganisation, Name: "青山县惠民超市有限公司"}}
			tc.mod(&c)
			_, err := f.svc.CreateCase(f.as("liuyang"), c)
			wantCode(t, err, tc.code, tc.msg)
		})
	}
	// nothing wrong was stored: still three cases and numbers continue without a gap
	page, _ := f.svc.Cases(f.as("admin"), record.CaseFilter{})
	if page.Total != 3 {
		t.Fatalf("%d cases after refusals", page.Total)
	}
	if c := f.newCase(); c.Number != "青市监处罚〔2026〕3号" {
		t.Fatalf("number after refusals %q", c.Number)
	}
	typed := f.newCase(func(c *domain.Case) {
		c.Number = "青市监处罚（2025）0087号"
		c.Opened = domain.NewDate(2025, 12, 1)
	})
	if typed.Number != "青市监处罚〔2025〕87号" {
		t.Fatalf("typed number stored as %q", typed.Number)
	}
	if got, err := f.svc.CaseByNumber(f.as("chenjing"), "青市监处罚[2025]87号"); err != nil || got.ID != typed.ID {
		t.Fatalf("CaseByNumber: %v", err)
	}
}

func TestWhoMaySeeACase(t *testing.T) {
	f := newFixture(t)
	c := f.newCase()
	for who, ok := range map[string]bool{"liuyang": true, "chenjing": true, "admin": true, "sunli": true, "huangwei": false, "hexiao": false} {
		_, err := f.svc.Case(f.as(who), c.ID)
		if ok != (err == nil) {
			t.Errorf("%s sees the case: %v", who, err)
		}
		if !ok && domain.ErrorCode(err) != domain.EFORBIDDEN {
			t.Errorf("%s: code %s", who, domain.ErrorCode(err))
		}
		page, err := f.svc.Cases(f.as(who), record.CaseFilter{})
		if ok && (err != nil || len(page.Cases) != 1) || !ok && len(page.Cases) != 0 {
			t.Errorf("%s lists %d cases (%v)", who, len(page.Cases), err)
		}
	}
	if _, err := f.svc.UpdateCase(f.as("sunli"), c); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("a reviewer edited a case: %v", err)
	}
	c.Facts = "补充：涉及牛奶 24 盒。"
	if _, err := f.svc.UpdateCase(f.as("chenjing"), c); err != nil {
		t.Errorf("an assigned officer could not edit: %v", err)
	}
}

func TestSecretCaseNeedsALoggedReason(t *testing.T) {
	f := newFixture(t)
	c := f.newCase(func(c *domain.Case) {
		c.Secrecy = domain.SecrecyPrivacy
		c.Party = domain.Party{Kind: domain.PartyPerson, Name: "张小明", IDNumber: "11010519491231002X", Contact: "13800000000"}
	})
	_, err := f.svc.Case(f.as("admin"), c.ID)
	if !record.NeedsReason(err) {
		t.Fatalf("opening a privacy case without reason: %v", err)
	}
	page, _ := f.svc.Cases(f.as("admin"), record.CaseFilter{})
	if got := page.Cases[0]; got.Party.Name != "张**" || strings.Contains(got.Facts, "牛奶") || got.Party.Contact != "" {
		t.Fatalf("list shows secret details: %+v", got.Party)
	}
	if _, err := f.svc.OpenCase(f.as("admin"), c.ID, "  "); !record.NeedsReason(err) {
		t.Fatalf("blank reason accepted: %v", err)
	}
	if _, err := f.svc.OpenCase(f.as("admin"), c.ID, "案卷评查"); err != nil {
		t.Fatal(err)
	}
	if got, err := f.svc.Case(f.as("admin"), c.ID); err != nil || got.Party.Name != "张小明" {
		t.Fatalf("after a reason: %v", err)
	}
	// another person still needs their own reason
	if _, err := f.svc.Case(f.as("sunli"), c.ID); !record.NeedsReason(err) {
		t.Fatalf("the reason of one person opened the case for another: %v", err)
	}
	events, _ := f.st.Events(store.EventFilter{ActionPrefix: "record.view", Target: store.CaseTarget(c.ID)})
	if len(events) != 1 || events[0].Actor != "admin" || !strings.Contains(events[0].Summary, "理由：案卷评查") || !strings.Contains(events[0].Summary, "个人隐私") {
		t.Fatalf("access log: %+v", events)
	}
}

func TestNumberRuleSetting(t *testing.T) {
	f := newFixture(t)
	if err := f.svc.SaveNumberRule(f.as("liuyang"), domain.DefaultNumberRule()); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("an officer changed the rule: %v", err)
	}
	rule := domain.NumberRule{Template: "{机关代字}{类别字}字〔{年}〕第{序号}号", TypeChars: map[domain.ActType]string{domain.ActPenalty: "罚"}}
	if err := f.svc.SaveNumberRule(f.as("admin"), rule); err != nil {
		t.Fatal(err)
	}
	if c := f.newCase(); c.Number != "青市监罚字〔2026〕第1号" {
		t.Fatalf("number by the new rule: %q", c.Number)
	}
}
