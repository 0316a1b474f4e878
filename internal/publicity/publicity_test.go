package publicity_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/publicity"
	"lawdesk/internal/store"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

type env struct {
	st    *store.Store
	svc   *publicity.Service
	admin office.Session
	clerk office.Session
	off   office.Session // a plain officer
	clock *clock
}

var loc = time.FixedZone("CST", 8*3600)

func newEnv(t *testing.T) *env {
	t.Helper()
	c := &clock{time.Date(2026, 3, 2, 9, 0, 0, 0, loc)}
	st, err := store.Open(t.TempDir(), store.Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	admin, err := office.New(st).Setup(office.SetupRequest{
		Agency: domain.Agency{Name: "青山县市场监督管理局", ShortName: "青市监", Region: "贵州省六盘水市青山县",
			PublicURL: "https://www.qingshan.gov.cn/scjgj/zfgs"},
		AdminName: "admin", AdminFullName: "王建国", Password: "admin2026", Password2: "admin2026",
	})
	if err != nil {
		t.Fatal(err)
	}
	return &env{st: st, svc: publicity.New(st), admin: admin, clock: c,
		clerk: office.Session{User: domain.User{ID: 90, Name: "hexiao", FullName: "何晓", Roles: []domain.Role{domain.RoleClerk}}},
		off:   office.Session{User: domain.User{ID: 91, Name: "liuyang", FullName: "刘洋", Roles: []domain.Role{domain.RoleOfficer}}},
	}
}

func officerRow(name, cert, until string) publicity.Row {
	return publicity.Row{"name": name, "unit": "青山县市场监督管理局城关市场监管所", "post": "科员", "cert_no": cert,
		"cert_issuer": "贵州省人民政府", "category": "市场监管综合执法", "region": "青山县", "valid_until": until,
		"training": "42", "reviewer": "否", "left": "否"}
}

func mustSave(t *testing.T, e *env, kind domain.ListKind, row publicity.Row) publicity.Item {
	t.Helper()
	it, err := e.svc.Save(e.admin, kind, 0, row)
	if err != nil {
		t.Fatalf("save %s %v: %v", kind, row, err)
	}
	return it
}

func TestSaveValidatesFieldByField(t *testing.T) {
	e := newEnv(t)
	mustSave(t, e, domain.ListOfficers, officerRow("刘洋", "52020019001", "2028-06-30"))
	mustSave(t, e, domain.ListBenchmarks, publicity.Row{"code": "SP-001", "violation": "经营超过保质期的食品",
		"penalty_basis": "《食品安全法》第一百二十四条", "circumstance": "货值金额不足一万元", "grade": "一般处罚", "penalty": "罚款五万元以上十万元以下"})
	for _, tc := range []struct {
		name  string
		kind  domain.ListKind
		row   publicity.Row
		field string
		says  string
	}{
		{"no name", domain.ListOfficers, officerRow("", "52020019002", "2028-06-30"), "name", "姓名"},
		{"bad date", domain.ListOfficers, officerRow("陈静", "52020019002", "2027-02-30"), "valid_until", "2027年2月只有28天"},
		{"cert without date", domain.ListOfficers, officerRow("陈静", "52020019002", ""), "valid_until", "有效期至"},
		{"duplicate cert", domain.ListOfficers, officerRow("陈静", "52020019001", "2028-06-30"), "cert_no", "刘洋"},
		{"hours not a number", domain.ListOfficers, func() publicity.Row {
			r := officerRow("陈静", "52020019002", "2028-06-30")
			r["training"] = "四十"
			return r
		}(), "training", "数字"},
		{"unknown act type", domain.ListMatters, publicity.Row{"type": "行政罚款", "name": "x", "basis": "y"}, "type", "不认识"},
		{"unknown benchmark", domain.ListMatters, publicity.Row{"type": "行政处罚", "name": "对经营过期食品的处罚", "basis": "《食品安全法》", "benchmark_codes": "SP-001、SP-999"}, "benchmark_codes", "SP-999"},
		{"unknown stage", domain.ListMatters, publicity.Row{"type": "处罚", "name": "x", "basis": "y", "recording": "现场检查、吃饭"}, "recording", "吃饭"},
		{"bad credit code", domain.ListBodies, publicity.Row{"kind": "行政机关", "name": "青山县市场监督管理局", "credit_code": "11520200MB1234567X", "duties": "市场监管"}, "credit_code", "校验码"},
		{"unit without parent", domain.ListBodies, publicity.Row{"kind": "承办机构", "name": "食品安全监督管理股"}, "parent", "所属执法主体"},
		{"entrusted without agreement", domain.ListBodies, publicity.Row{"kind": "受委托组织", "name": "某镇综合执法队", "parent": "青山县市场监督管理局", "duties": "x"}, "entrustment", "委托"},
		{"bad proportion", domain.ListInspections, publicity.Row{"category": "一般检查事项", "name": "食品经营监督检查", "object": "食品经营者", "basis": "《食品安全法》", "proportion": "一半"}, "proportion", "百分比"},
		{"unknown category", domain.ListInspections, publicity.Row{"category": "特别检查", "name": "x", "object": "y", "basis": "z"}, "category", "可填"},
		{"channel without contact", domain.ListSupervision, publicity.Row{"name": "来信", "scope": "投诉"}, "phone", "至少"},
		{"bad postcode", domain.ListSupervision, publicity.Row{"name": "来信", "scope": "投诉", "address": "人民路", "postcode": "5530"}, "postcode", "6 位"},
		{"bad phone", domain.ListRemedies, publicity.Row{"kind": "行政复议", "body": "青山县人民政府", "time_limit": "60日", "phone": "打电话"}, "phone", "电话"},
		{"bad url", domain.ListGuides, publicity.Row{"name": "食品经营许可", "basis": "《食品安全法》", "accepting": "政务服务中心", "materials": "申请书", "time_limit": "20个工作日", "url": "www.x.cn"}, "url", "http"},
		{"bool not yes/no", domain.ListMatters, publicity.Row{"type": "处罚", "name": "x", "basis": "y", "major": "也许"}, "major", "是"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.Save(e.admin, tc.kind, 0, tc.row)
			if domain.ErrorCode(err) != domain.EINVALID {
				t.Fatalf("got %v, want EINVALID", err)
			}
			if f := domain.ErrorField(err); f != tc.field {
				t.Errorf("error is about field %q, want %q: %v", f, tc.field, err)
			}
			if !strings.Contains(domain.ErrorMessage(err), tc.says) {
				t.Errorf("message %q does not say %q", domain.ErrorMessage(err), tc.says)
			}
		})
	}
	items, _ := e.svc.Items(e.admin, domain.ListOfficers)
	if len(items) != 1 {
		t.Errorf("rejected saves left %d officers", len(items))
	}
}

func TestPermissions(t *testing.T) {
	e := newEnv(t)
	if _, err := e.svc.Save(e.off, domain.ListOfficers, 0, officerRow("刘洋", "52020019001", "2028-06-30")); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("an officer edited the officer list: %v", err)
	}
	if _, err := e.svc.Save(e.clerk, domain.ListOfficers, 0, officerRow("刘洋", "52020019001", "2028-06-30")); err != nil {
		t.Errorf("a clerk could not edit: %v", err)
	}
	if _, err := e.svc.NewDraft(e.clerk, domain.ListOfficers); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("a clerk may not publish: %v", err)
	}
	if _, err := e.svc.Items(e.off, domain.ListOfficers); err != nil {
		t.Errorf("an officer cannot read the public lists: %v", err)
	}
}

func TestVersionsKeepWhatWasPublished(t *testing.T) {
	e := newEnv(t)
	a := mustSave(t, e, domain.ListOfficers, officerRow("刘洋", "52020019001", "2028-06-30"))
	mustSave(t, e, domain.ListOfficers, officerRow("陈静", "52020019002", "2027-12-31"))

	st, err := e.svc.Status(e.admin, domain.ListOfficers)
	if err != nil || st.Latest != nil || len(st.Pending.Added) != 2 {
		t.Fatalf("before publication: %+v %v", st, err)
	}
	d, err := e.svc.NewDraft(e.admin, domain.ListOfficers)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Publish(e.admin, d, domain.NewDate(2026, 3, 2), " "); domain.ErrorField(err) != "reason" {
		t.Fatalf("publishing without a reason: %v", err)
	}
	v1, err := e.svc.Publish(e.admin, d, domain.NewDate(2026, 3, 2), "首次编制")
	if err != nil || v1.No != 1 || v1.Rows != 2 || v1.ActorName != "王建国" {
		t.Fatalf("v1 = %+v, %v", v1, err)
	}
	if st, _ := e.svc.Status(e.admin, domain.ListOfficers); st.HasPending() {
		t.Fatalf("pending right after publication: %+v", st.Pending)
	}
	// publishing the same content again is refused
	d, _ = e.svc.NewDraft(e.admin, domain.ListOfficers)
	if _, err := e.svc.Publish(e.admin, d, domain.NewDate(2026, 3, 2), "再发一次"); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("an unchanged list was published again: %v", err)
	}

	// a change that is not public (phone) leaves nothing to publish
	row := a.Row
	row["phone"] = "13908581003"
	if _, err := e.svc.Save(e.admin, domain.ListOfficers, a.ID, row); err != nil {
		t.Fatal(err)
	}
	if st, _ := e.svc.Status(e.admin, domain.ListOfficers); st.HasPending() {
		t.Fatalf("a phone number change counts as a change of the public list: %+v", st.Pending)
	}
	// a public change is pending, then published as version 2
	e.clock.t = e.clock.t.Add(24 * time.Hour)
	row["valid_until"] = "2030-06-30"
	if _, err := e.svc.Save(e.admin, domain.ListOfficers, a.ID, row); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Remove(e.admin, domain.ListOfficers, mustFind(t, e, domain.ListOfficers, "陈静"), "调离"); err != nil {
		t.Fatal(err)
	}
	st, _ = e.svc.Status(e.admin, domain.ListOfficers)
	if len(st.Pending.Changed) != 1 || len(st.Pending.Removed) != 1 || st.PendingSince.IsZero() {
		t.Fatalf("pending after an edit and a removal: %+v", st)
	}
	d, _ = e.svc.NewDraft(e.admin, domain.ListOfficers)
	if !strings.Contains(d.DiffSummary(5), "修改 1 项：刘洋") || !strings.Contains(d.DiffSummary(5), "删除 1 项：陈静") {
		t.Errorf("diff summary: %q", d.DiffSummary(5))
	}
	if _, err := e.svc.Publish(e.admin, d, domain.NewDate(2026, 3, 1), "换证"); domain.ErrorField(err) != "date" {
		t.Errorf("a version dated before the previous one: %v", err)
	}
	v2, err := e.svc.Publish(e.admin, d, domain.NewDate(2026, 3, 3), "刘洋换证，陈静调离")
	if err != nil || v2.No != 2 || v2.Changed != 1 || v2.Removed != 1 || v2.Rows != 1 {
		t.Fatalf("v2 = %+v, %v", v2, err)
	}

	vs, _ := e.svc.Versions(e.admin, domain.ListOfficers)
	if len(vs) != 2 || vs[0].No != 2 || vs[1].Reason != "首次编制" || vs[0].ChangeSummary() != "修改1项，删除1项" {
		t.Fatalf("versions: %+v", vs)
	}
	old, snap, err := e.svc.Version(e.admin, domain.ListOfficers, 1)
	if err != nil || old.No != 1 || len(snap.Items) != 2 || snap.Value(snap.Items[0], "valid_until") != "2028-06-30" {
		t.Fatalf("version 1 as published: %+v %+v %v", old, snap, err)
	}
	if snap.Value(snap.Items[0], "phone") != "" || len(snap.Columns) != 8 {
		t.Errorf("version keeps non-public columns: %+v", snap.Columns)
	}
	events, _ := e.st.Events(store.EventFilter{ActionPrefix: "list."})
	var actions []string
	for _, ev := range events {
		actions = append(actions, ev.Action)
	}
	if strings.Join(actions, ",") != "list.publish,list.publish,list.view" {
		t.Errorf("audit: %v", actions)
	}
}

func mustFind(t *testing.T, e *env, kind domain.ListKind, name string) uint64 {
	t.Helper()
	items, err := e.svc.Items(e.admin, kind)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Row["name"] == name {
			return it.ID
		}
	}
	t.Fatalf("%s not found in %s", name, kind)
	return 0
}

func TestPublishRefusesADraftMadeBeforeAChange(t *testing.T) {
	e := newEnv(t)
	a := mustSave(t, e, domain.ListOfficers, officerRow("刘洋", "52020019001", "2028-06-30"))
	d, _ := e.svc.NewDraft(e.admin, domain.ListOfficers)
	a.Row["post"] = "副所长"
	if _, err := e.svc.Save(e.clerk, domain.ListOfficers, a.ID, a.Row); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Publish(e.admin, d, domain.NewDate(2026, 3, 2), "首次编制"); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("a stale draft was published: %v", err)
	}
	if vs, _ := e.svc.Versions(e.admin, domain.ListOfficers); len(vs) != 0 {
		t.Fatalf("versions after a refused publication: %+v", vs)
	}
}

func TestDashboardWarnsWhenChangesWaitTooLong(t *testing.T) {
	e := newEnv(t)
	a := mustSave(t, e, domain.ListOfficers, officerRow("刘洋", "52020019001", "2028-06-30"))
	d, _ := e.svc.NewDraft(e.admin, domain.ListOfficers)
	if _, err := e.svc.Publish(e.admin, d, domain.NewDate(2026, 3, 2), "首次编制"); err != nil {
		t.Fatal(err)
	}
	todo := func() *domain.Todo {
		t.Helper()
		todos, err := e.svc.Todos(e.admin)
		if err != nil {
			t.Fatal(err)
		}
		for _, td := range todos {
			if td.Target == "publicity:list:officers" && td.Kind == "公示清单" {
				return &td
			}
		}
		return nil
	}
	if td := todo(); td != nil {
		t.Fatalf("todo with nothing pending: %+v", td)
	}
	a.Row["region"] = "青山县全域"
	e.svc.Save(e.admin, domain.ListOfficers, a.ID, a.Row) // 2026-03-02
	td := todo()
	if td == nil || td.Severity != domain.SeverityInfo || td.Due.Format("2006-01-02") != "2026-04-02" {
		t.Fatalf("fresh change: %+v", td)
	}
	e.clock.t = time.Date(2026, 3, 30, 9, 0, 0, 0, loc)
	if td := todo(); td == nil || td.Severity != domain.SeverityDueSoon {
		t.Fatalf("three days before the limit: %+v", td)
	}
	e.clock.t = time.Date(2026, 4, 3, 9, 0, 0, 0, loc)
	if td := todo(); td == nil || td.Severity != domain.SeverityOverdue || !strings.Contains(td.Detail, "1个月") {
		t.Fatalf("after the limit: %+v", td)
	}
	// 15 working days from Monday 2026-03-02: 2026-03-23
	if err := e.svc.SetPendingLimit(e.admin, domain.PendingLimit{N: 15, Unit: domain.LimitWorkingDays}); err != nil {
		t.Fatal(err)
	}
	if td := todo(); td == nil || td.Due.Format("2006-01-02") != "2026-03-23" {
		t.Fatalf("working-day limit: %+v", td)
	}
	if err := e.svc.SetPendingLimit(e.admin, domain.PendingLimit{N: 0, Unit: domain.LimitDays}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("a zero limit was accepted: %v", err)
	}
	// undoing the change by hand leaves nothing to publish
	a.Row["region"] = "青山县"
	e.svc.Save(e.admin, domain.ListOfficers, a.ID, a.Row)
	if td := todo(); td != nil {
		t.Fatalf("todo after undoing the change: %+v", td)
	}
	// officers see no list todos
	todos, _ := e.svc.Todos(e.off)
	for _, td := range todos {
		if td.Kind == "公示清单" {
			t.Errorf("an officer sees %+v", td)
		}
	}
}

func TestCertificateAndTrainingTodos(t *testing.T) {
	e := newEnv(t)
	e.clock.t = time.Date(2026, 10, 9, 9, 0, 0, 0, loc)
	mustSave(t, e, domain.ListOfficers, officerRow("刘洋", "52020019001", "2026-11-20")) // 42 days left
	mustSave(t, e, domain.ListOfficers, officerRow("陈静", "52020019002", "2026-10-01")) // expired
	r := officerRow("杨帆", "52020019003", "2029-01-01")
	r["training"] = "24"
	mustSave(t, e, domain.ListOfficers, r)
	todos, err := e.svc.Todos(e.admin)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, td := range todos {
		if td.Kind != "公示清单" {
			got = append(got, td.Title)
		}
	}
	want := "执法证即将到期：刘洋|执法证已过期：陈静|1 名执法人员本年度培训不足 40 学时"
	if strings.Join(got, "|") != want {
		t.Errorf("todos %q, want %q", got, want)
	}
	items, _ := e.svc.Items(e.admin, domain.ListOfficers)
	for _, it := range items {
		if it.Row["name"] == "陈静" && (it.Level != publicity.LevelBad || it.Status != "证件已过期") {
			t.Errorf("expired officer status %q level %d", it.Status, it.Level)
		}
		if it.Row["name"] == "刘洋" && (it.Level != publicity.LevelSoon || !strings.Contains(it.Status, "还有 42 天")) {
			t.Errorf("expiring officer status %q level %d", it.Status, it.Level)
		}
		if it.Row["name"] == "杨帆" && !strings.Contains(it.Status, "差 16 学时") {
			t.Errorf("training status %q", it.Status)
		}
	}
}

func TestPrintListAndDraft(t *testing.T) {
	e := newEnv(t)
	mustSave(t, e, domain.ListBenchmarks, publicity.Row{"code": "SP-001", "violation": "经营超过保质期的食品",
		"penalty_basis": "《中华人民共和国食品安全法》第一百二十四条", "circumstance": "货值金额不足一万元，首次违法", "grade": "从轻处罚", "penalty": "处五万元以上七万元以下罚款"})
	mustSave(t, e, domain.ListBenchmarks, publicity.Row{"code": "SP-001", "violation": "经营超过保质期的食品",
		"penalty_basis": "《中华人民共和国食品安全法》第一百二十四条", "circumstance": "货值金额一万元以上", "grade": "从重处罚", "penalty": "处货值金额十五倍以上二十倍以下罚款"})
	var buf bytes.Buffer
	if err := e.svc.PrintList(e.admin, &buf, publicity.PrintRequest{Kind: domain.ListBenchmarks}); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("printing an unpublished list: %v", err)
	}
	if err := e.svc.PrintList(e.admin, &buf, publicity.PrintRequest{Kind: domain.ListBenchmarks, Draft: true}); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	for _, want := range []string{"行政处罚裁量基准", "（草稿，尚未发布）", "青山县市场监督管理局", "经营超过保质期的食品", "从重处罚", "〃", "第 1 页 共 1 页"} {
		if !strings.Contains(squash(text), squash(want)) {
			t.Errorf("draft PDF lacks %q:\n%s", want, text)
		}
	}
	d, _ := e.svc.NewDraft(e.admin, domain.ListBenchmarks)
	if _, err := e.svc.Publish(e.admin, d, domain.NewDate(2026, 3, 1), "首次编制"); err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := e.svc.PrintList(e.off, &buf, publicity.PrintRequest{Kind: domain.ListBenchmarks}); err != nil {
		t.Fatal(err)
	}
	text = pdfText(t, buf.Bytes())
	for _, want := range []string{"（第 1 版）", "版本日期：2026年3月1日", "货值金额一万元以上"} {
		if !strings.Contains(squash(text), squash(want)) {
			t.Errorf("published PDF lacks %q:\n%s", want, text)
		}
	}
	if ev, _ := e.st.Events(store.EventFilter{ActionPrefix: "list.print"}); len(ev) != 2 || ev[1].Actor != "liuyang" {
		t.Errorf("print not logged: %+v", ev)
	}
}

func TestImportPreviewThenApply(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	csv := "姓名,所在单位,职务,执法证号,发证机关,执法类别,执法区域,有效期至,本年度培训学时\n" +
		"刘洋,城关市场监管所,科员,52020019001,贵州省人民政府,市场监管,青山县,2028-06-30,42\n" +
		"陈静,城关市场监管所,科员,52020019002,贵州省人民政府,市场监管,青山县,2027/12/31,\n"
	plan, err := e.svc.PreviewImport(ctx, e.admin, domain.ListOfficers, "人员.csv", []byte(csv), nil)
	if err != nil || !plan.OK() || plan.Creates != 2 {
		t.Fatalf("preview: %+v %v", plan, err)
	}
	if items, _ := e.svc.Items(e.admin, domain.ListOfficers); len(items) != 0 {
		t.Fatalf("preview wrote %d officers", len(items))
	}
	if err := e.svc.ApplyImport(e.admin, plan); err != nil {
		t.Fatal(err)
	}
	items, _ := e.svc.Items(e.admin, domain.ListOfficers)
	if len(items) != 2 || items[0].Row["valid_until"] == "" {
		t.Fatalf("after import: %+v", items)
	}
	state, _ := e.st.ListState(domain.ListOfficers)

	// the same file again: nothing new, nothing written
	plan, err = e.svc.PreviewImport(ctx, e.admin, domain.ListOfficers, "人员.csv", []byte(csv), nil)
	if err != nil || plan.Creates != 0 || plan.Updates != 0 || plan.Unchanged != 2 {
		t.Fatalf("second preview: %+v %v", plan, err)
	}
	if err := e.svc.ApplyImport(e.admin, plan); err != nil {
		t.Fatal(err)
	}
	if s2, _ := e.st.ListState(domain.ListOfficers); s2.Revision != state.Revision {
		t.Errorf("re-importing the same file changed the list (revision %d → %d)", state.Revision, s2.Revision)
	}
	// a changed row updates and keeps fields that are not in the file
	e.svc.Save(e.admin, domain.ListOfficers, items[1].ID, func() publicity.Row { r := items[1].Row; r["phone"] = "13908581004"; return r }())
	changed := strings.Replace(csv, "2027/12/31", "2029年1月1日", 1)
	plan, _ = e.svc.PreviewImport(ctx, e.admin, domain.ListOfficers, "人员.csv", []byte(changed), nil)
	if plan.Updates != 1 || plan.Unchanged != 1 {
		t.Fatalf("changed file: %+v", plan)
	}
	// a change between preview and confirmation makes the import refuse
	items[0].Row["post"] = "副所长"
	if _, err := e.svc.Save(e.admin, domain.ListOfficers, items[0].ID, items[0].Row); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.ApplyImport(e.admin, plan); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("a stale plan was applied: %v", err)
	}
	plan, _ = e.svc.PreviewImport(ctx, e.admin, domain.ListOfficers, "人员.csv", []byte(changed), nil)
	if err := e.svc.ApplyImport(e.admin, plan); err != nil {
		t.Fatal(err)
	}
	items, _ = e.svc.Items(e.admin, domain.ListOfficers)
	for _, it := range items {
		if it.Row["name"] == "陈静" && (it.Row["valid_until"] != "2029-01-01" || it.Row["phone"] != "13908581004") {
			t.Errorf("updated officer %+v", it.Row)
		}
	}
}

func TestSavingWithoutChangesWritesNothing(t *testing.T) {
	e := newEnv(t)
	a := mustSave(t, e, domain.ListOfficers, officerRow("刘洋", "52020019001", "2028-06-30"))
	before, _ := e.st.Events(store.EventFilter{})
	state, _ := e.st.ListState(domain.ListOfficers)
	if _, err := e.svc.Save(e.admin, domain.ListOfficers, a.ID, a.Row); err != nil {
		t.Fatal(err)
	}
	after, _ := e.st.Events(store.EventFilter{})
	state2, _ := e.st.ListState(domain.ListOfficers)
	if len(after) != len(before) || state2.Revision != state.Revision {
		t.Errorf("an unchanged save wrote %d events, revision %d → %d", len(after)-len(before), state.Revision, state2.Revision)
	}
}
