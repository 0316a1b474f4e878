package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"lawdesk/internal/backup"
	"lawdesk/internal/calendar"
	"lawdesk/internal/demo"
	"lawdesk/internal/domain"
	"lawdesk/internal/flowchart"
	"lawdesk/internal/inspection"
	"lawdesk/internal/office"
	"lawdesk/internal/publication"
	"lawdesk/internal/publicity"
	"lawdesk/internal/record"
	"lawdesk/internal/recording"
	"lawdesk/internal/report"
	"lawdesk/internal/review"
	"lawdesk/internal/store"
)

// The permission matrix (README, 用户与权限): every guarded operation is called by a user of
// each role alone. A role the matrix allows must never be refused for its role; a role it
// does not allow must be refused (EFORBIDDEN) before anything happens.

// operation is one guarded service operation and the permission that guards it.
type operation struct {
	perm domain.Permission
	what string // 中文, for the README table
	run  func(sess office.Session) error
}

// checkedElsewhere are permissions checked only where their operation is: the screen that
// reads the audit log and the one that runs verification call the store after checking, so
// internal/ui's TestSettingsTabsFollowThePermissionMatrix walks them.
var checkedElsewhere = map[domain.Permission]string{
	domain.PermViewAudit: "设置 → 审计日志（界面检查）",
	domain.PermVerify:    "设置 → 数据校验（界面检查）",
}

// noOperationYet are permissions declared for operations still being built; the test lists
// them so they are not forgotten once their operation lands.
var noOperationYet = map[domain.Permission]string{
	domain.PermCaseAnnotate: "归档案件的备注（随案卷归档上线）",
}

type matrixOffice struct {
	st       *store.Store
	sessions map[domain.Role]office.Session
	caseID   uint64 // a case the officer handles, decided, with its publication due
	reviewed uint64 // a case the officer handles that went to legal review
	task     domain.InspectionTask
	object   domain.InspectionObject
	recID    uint64
	window   uint64
}

// newMatrixOffice is the demo office with one account per role, each holding that role only.
func newMatrixOffice(t *testing.T) *matrixOffice {
	t.Helper()
	dir := newDemo(t)
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	o := &matrixOffice{st: st, sessions: map[domain.Role]office.Session{}}
	admin, err := st.UserByName("admin")
	if err != nil {
		t.Fatal(err)
	}
	liuyang, err := st.UserByName("liuyang")
	if err != nil {
		t.Fatal(err)
	}
	svc := office.New(st)
	for _, r := range domain.AllRoles {
		f := office.UserForm{Name: "only" + string(r), FullName: "仅" + r.Label(), Roles: []domain.Role{r}, Password: "demo1234"}
		if r == domain.RoleOfficer {
			f.OfficerID = liuyang.OfficerID // handles liuyang's cases
		}
		u, err := svc.SaveUser(office.Session{User: admin}, f)
		if err != nil {
			t.Fatalf("account for %s: %v", r, err)
		}
		u.MustChangePassword = false
		if u, err = st.SaveUser(u, store.UserChange{Actor: "admin", Action: "user.update", Summary: "权限测试账户"}); err != nil {
			t.Fatal(err)
		}
		o.sessions[r] = office.Session{User: u}
	}
	// a decided case of the officer's with a publication to do
	entries, err := publication.New(st).Entries(o.sessions[domain.RoleOfficer])
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Task == publication.TaskPublish && e.KeepPrivate == "" && e.Case.Assigned(liuyang.OfficerID) {
			o.caseID = e.Case.ID
		}
	}
	if o.caseID == 0 {
		t.Fatal("the demo has no decided case of liuyang's waiting for publication")
	}
	insp := inspection.New(st)
	tasks, err := insp.Tasks(o.sessions[domain.RoleAdmin])
	if err != nil || len(tasks) == 0 {
		t.Fatalf("inspection tasks: %v %v", len(tasks), err)
	}
	o.task = tasks[0]
	objects, err := insp.Objects(o.sessions[domain.RoleAdmin])
	if err != nil || len(objects) == 0 {
		t.Fatalf("inspection objects: %v %v", len(objects), err)
	}
	o.object = objects[0]
	recs, err := st.Recordings(store.RecordingFilter{})
	if err != nil || len(recs) == 0 {
		t.Fatalf("recordings: %v %v", len(recs), err)
	}
	o.recID = recs[0].ID
	reviews, err := st.Reviews()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reviews {
		if c, err := st.Case(r.CaseID); err == nil && c.Assigned(liuyang.OfficerID) && o.reviewed == 0 {
			o.reviewed = c.ID
		}
	}
	if o.reviewed == 0 {
		t.Fatal("the demo has no case of liuyang's that went to legal review")
	}
	return o
}

// operations lists every guarded operation of every service.
func (o *matrixOffice) operations(t *testing.T) []operation {
	st := o.st
	rec, pub, rs := record.New(st), publication.New(st), recording.New(st)
	insp, cal, flow, lists := inspection.New(st), calendar.New(st), flowchart.New(st), publicity.New(st)
	rv, rep, bak := review.New(st, rec), report.New(st), backup.New(st)
	officers, _ := rec.Officers()
	liuyang, _ := st.UserByName("liuyang")
	var other uint64
	for _, of := range officers {
		if of.ID != liuyang.OfficerID {
			other = of.ID
		}
	}
	newCase := domain.Case{Type: domain.ActPenalty, MatterName: "对销售超过保质期食品的行政处罚", Procedure: domain.ProcedureGeneral,
		Source: domain.SourceInspection, HandlingUnit: "执法稽查大队", OfficerIDs: []uint64{liuyang.OfficerID, other},
		Party: domain.Party{Kind: domain.PartyOrganisation, Name: "青山县权限测试商贸有限公司"}}
	tmp := t.TempDir()
	n := 0
	fresh := func() string { n++; return filepath.Join(tmp, fmt.Sprint(n)) }
	ag, _, _ := st.Agency()
	chart := domain.ProcedureChartNames()[0]
	return []operation{
		{domain.PermManageUsers, "查看和管理账户", func(s office.Session) error { _, err := office.New(st).Users(s); return err }},
		{domain.PermManageUsers, "解锁账户", func(s office.Session) error { return office.New(st).Unlock(s, liuyang.ID) }},
		{domain.PermEditAgency, "修改执法主体信息", func(s office.Session) error { return office.New(st).SaveAgency(s, ag) }},
		{domain.PermViewDashboard, "查看公示清单", func(s office.Session) error { _, err := lists.Items(s, domain.AllListKinds[0]); return err }},
		{domain.PermEditCalendar, "修改工作日历", func(s office.Session) error {
			_, err := cal.Import(s, "2027.json", []byte(`{"year":2027,"papers":[],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}`), "权限测试")
			return err
		}},
		{domain.PermCaseView, "查看案件列表", func(s office.Session) error { _, err := rec.Cases(s, record.CaseFilter{}); return err }},
		{domain.PermCaseView, "打开案件", func(s office.Session) error { _, err := rec.OpenCase(s, o.caseID, "权限测试"); return err }},
		{domain.PermCaseCreate, "登记案件", func(s office.Session) error { _, err := rec.CreateCase(s, newCase); return err }},
		{domain.PermCaseEdit, "修改案件", func(s office.Session) error {
			c, err := st.Case(o.caseID)
			if err == nil {
				_, err = rec.UpdateCase(s, c)
			}
			return err
		}},
		{domain.PermCaseEdit, "退回案件环节", func(s office.Session) error {
			_, err := rec.GoBack(s, o.caseID, domain.StageAccept, "")
			return err
		}},
		{domain.PermCaseSettings, "修改案件编号规则", func(s office.Session) error {
			return rec.SaveNumberRule(s, domain.DefaultNumberRule())
		}},
		{domain.PermPublicationView, "查看事后公开", func(s office.Session) error { _, err := pub.Entries(s); return err }},
		{domain.PermPublicationPublish, "准备公开决定", func(s office.Session) error { _, err := pub.Prepare(s, o.caseID); return err }},
		{domain.PermPublicationPublish, "保存公开草稿", func(s office.Session) error {
			_, err := pub.SaveDraft(s, o.caseID, domain.PubDraft{Conclusion: "警告"})
			return err
		}},
		{domain.PermPublicationExport, "导出公开内容", func(s office.Session) error {
			_, err := pub.Export(context.Background(), s, fresh(), publication.ExportOptions{}, nil)
			return err
		}},
		{domain.PermPublicationSettings, "修改公开期限", func(s office.Session) error {
			r, _ := pub.Rules()
			return pub.SaveRules(s, r)
		}},
		{domain.PermImportRecording, "导入音像记录", func(s office.Session) error {
			_, err := rs.Import(context.Background(), s, recording.ImportRequest{Root: tmp}, nil)
			return err
		}},
		{domain.PermLabelRecording, "说明音像记录迟交原因", func(s office.Session) error {
			return rs.SetLateReason(s, []uint64{o.recID}, "权限测试")
		}},
		{domain.PermViewRecording, "查看音像记录", func(s office.Session) error { _, err := rs.List(s, store.RecordingFilter{}); return err }},
		{domain.PermDeleteRecording, "清理过期音像记录", func(s office.Session) error { _, err := rs.Deletable(s); return err }},
		{domain.PermMediaSettings, "修改音像导入设置", func(s office.Session) error {
			set, _ := rs.Settings()
			return rs.SaveSettings(s, set)
		}},
		{domain.PermInspectionView, "查看抽查任务", func(s office.Session) error { _, err := insp.Tasks(s); return err }},
		{domain.PermInspectionDirectory, "修改检查对象名录", func(s office.Session) error {
			_, err := insp.SaveObject(s, o.object, "权限测试")
			return err
		}},
		{domain.PermInspectionPlan, "制定抽查计划", func(s office.Session) error { _, err := insp.SavePlan(s, domain.InspectionTask{}); return err }},
		{domain.PermInspectionDraw, "随机抽取", func(s office.Session) error { _, err := insp.Draw(s, o.task.ID, "权限测试"); return err }},
		{domain.PermInspectionResult, "登记检查结果", func(s office.Session) error {
			_, err := insp.RecordResult(context.Background(), s, o.task.ID, inspection.ResultForm{})
			return err
		}},
		{domain.PermInspectionPublish, "公开抽查结果", func(s office.Session) error {
			_, err := insp.Publish(s, o.task.ID, domain.Date{}, "")
			return err
		}},
		{publicity.PermEditLists, "编辑公示清单", func(s office.Session) error {
			_, err := lists.Save(s, domain.AllListKinds[0], 0, publicity.Row{})
			return err
		}},
		{publicity.PermPublishLists, "发布公示清单", func(s office.Session) error { _, err := lists.NewDraft(s, domain.AllListKinds[0]); return err }},
		{publicity.PermExportLists, "导出公示清单", func(s office.Session) error {
			return lists.Export(s, &bytes.Buffer{}, domain.AllListKinds[0], "csv")
		}},
		{publicity.PermEditCards, "编辑岗位信息公示牌", func(s office.Session) error { return lists.DeleteWindow(s, 999999) }},
		{flowchart.PermEdit, "调整执法流程图", func(s office.Session) error {
			return flow.SaveChange(s, chart, "", domain.FlowStepChange{})
		}},
		{domain.PermReviewView, "查看法制审核", func(s office.Session) error { _, err := rv.Entries(s); return err }},
		{domain.PermReviewView, "打开案件的法制审核", func(s office.Session) error { _, err := rv.Open(s, o.reviewed); return err }},
		{domain.PermReviewView, "判断是否重大执法决定", func(s office.Session) error { _, err := rv.Assess(s, o.reviewed, nil); return err }},
		{domain.PermReviewView, "查看送审材料", func(s office.Session) error { _, err := rv.Materials(s, o.reviewed); return err }},
		{domain.PermReviewView, "打印重大执法决定目录清单", func(s office.Session) error { return rv.PrintCatalogue(s, io.Discard) }},
		{domain.PermReviewSubmit, "送审", func(s office.Session) error {
			_, err := rv.Submit(s, review.SubmitForm{CaseID: o.caseID})
			return err
		}},
		{domain.PermReviewSubmit, "标记审核情形", func(s office.Session) error {
			m, err := st.ReviewMarks(o.reviewed)
			if err == nil {
				err = rv.SetMarks(s, o.reviewed, m)
			}
			return err
		}},
		{domain.PermReviewSubmit, "提请负责人协调", func(s office.Session) error {
			_, err := rv.RequestCoordination(s, o.reviewed, "")
			return err
		}},
		{domain.PermReviewOpinion, "出具法制审核意见", func(s office.Session) error {
			_, err := rv.RecordOpinion(s, review.OpinionForm{CaseID: o.caseID})
			return err
		}},
		{domain.PermReviewOpinion, "延长审核期限", func(s office.Session) error { _, err := rv.Extend(s, o.caseID, ""); return err }},
		{domain.PermReviewCoordinate, "作出协调结论", func(s office.Session) error {
			_, err := rv.Conclude(s, review.ConcludeForm{CaseID: o.caseID})
			return err
		}},
		{domain.PermReviewPrint, "打印法制审核文书", func(s office.Session) error {
			return rv.Print(s, o.reviewed, review.DocOpinion, 0, io.Discard)
		}},
		{domain.PermReviewSettings, "修改法制审核设置", func(s office.Session) error {
			cfg, err := rv.Config()
			if err == nil {
				err = rv.SaveConfig(s, cfg)
			}
			return err
		}},
		{report.PermStats, "查看统计", func(s office.Session) error { _, err := rep.Statistics(s, report.Year(st.Now().Year())); return err }},
		{report.PermStats, "年度报告", func(s office.Session) error { _, err := rep.AnnualReport(s, st.Now().Year()); return err }},
		{report.PermAnnual, "编写年度报告情况说明", func(s office.Session) error {
			a, err := rep.Annual(st.Now().Year())
			if err == nil {
				err = rep.SaveSummary(s, a.Year, a.Summary)
			}
			return err
		}},
		{report.PermAnnual, "标记年度报告已公开", func(s office.Session) error { return rep.MarkPublished(s, st.Now().Year()-1, false) }},
		{report.PermBundle, "导出年度数据包", func(s office.Session) error {
			_, err := rep.ExportBundle(context.Background(), s, 2000, fresh()+".zip", report.BundleOptions{}, nil)
			return err
		}},
		{backup.PermBackup, "设置数据备份", func(s office.Session) error {
			return bak.SaveSchedule(s, backup.Schedule{Folder: tmp, EveryDays: 7})
		}},
		{backup.PermBackup, "备份数据", func(s office.Session) error {
			_, err := bak.Run(context.Background(), s, fresh()+".zip", nil)
			return err
		}},
	}
}

func TestEveryOperationFollowsThePermissionMatrix(t *testing.T) {
	o := newMatrixOffice(t)
	ops := o.operations(t)
	covered := map[domain.Permission]bool{}
	for _, op := range ops {
		covered[op.perm] = true
		// refusals first, so an allowed call cannot change what a refused one meets
		roles := slices.Clone(domain.AllRoles)
		sort.SliceStable(roles, func(i, j int) bool {
			return !domain.Allowed([]domain.Role{roles[i]}, op.perm) && domain.Allowed([]domain.Role{roles[j]}, op.perm)
		})
		for _, role := range roles {
			err := op.run(o.sessions[role])
			if os.Getenv("LAWDESK_MATRIX_LOG") != "" {
				t.Logf("%s as %s: %v", op.what, role, err)
			}
			allowed := domain.Allowed([]domain.Role{role}, op.perm)
			refused := domain.ErrorCode(err) == domain.EFORBIDDEN
			switch {
			case allowed && refused:
				t.Errorf("%s（%s）: %s was refused: %s", op.what, op.perm, role.Label(), domain.ErrorMessage(err))
			case !allowed && !refused:
				t.Errorf("%s（%s）: %s was not refused (got %v)", op.what, op.perm, role.Label(), err)
			case !allowed && !strings.Contains(domain.ErrorMessage(err), "权限") && !strings.Contains(domain.ErrorMessage(err), "不能"):
				t.Errorf("%s: the refusal does not say why: %s", op.what, domain.ErrorMessage(err))
			}
		}
	}
	// a disabled account is refused everything
	for _, op := range ops {
		s := o.sessions[domain.RoleAdmin]
		s.User.Disabled = true
		if err := op.run(s); domain.ErrorCode(err) != domain.EFORBIDDEN && domain.Allowed(s.User.Roles, op.perm) {
			t.Errorf("%s: a disabled administrator was not refused (got %v)", op.what, err)
		}
	}
	for p := range domain.Permissions() {
		if !covered[p] && checkedElsewhere[p] == "" && noOperationYet[p] == "" {
			t.Errorf("permission %s has no operation in this test: add the operation it guards to operations()", p)
		}
	}
}

// Commands that change or export data sign in with --user; each refuses a role the matrix
// does not allow, and says so.
func TestCommandLineFollowsThePermissionMatrix(t *testing.T) {
	o := newMatrixOffice(t)
	dir := o.st.Dir()
	o.st.Close()
	t.Setenv("LAWDESK_PASSWORD", "demo1234")
	camera := t.TempDir()
	decided, reviewed := caseNumber(t, dir, o.caseID), caseNumber(t, dir, o.reviewed)
	commands := []struct {
		perm domain.Permission
		args func(out string) []string
	}{
		{domain.PermPublicationExport, func(out string) []string { return []string{"export", "publications", "--data", dir, "--out", out} }},
		{domain.PermImportRecording, func(string) []string { return []string{"import-media", "--data", dir, camera} }},
		{publicity.PermExportLists, func(out string) []string {
			return []string{"export", "list", string(domain.AllListKinds[0]), "--data", dir, "--format", "csv", "--out", out + ".csv"}
		}},
		{domain.PermViewDashboard, func(out string) []string { // without --draft it prints published versions, signed in or not
			return []string{"print", "list", string(domain.AllListKinds[0]), "--data", dir, "--draft", "--out", out + ".pdf"}
		}},
		{domain.PermCaseView, func(out string) []string {
			return []string{"print", "dossier", "--data", dir, "--case", decided, "--part", "cover", "--out", out + ".pdf"}
		}},
		{domain.PermReviewPrint, func(out string) []string {
			return []string{"print", "review-opinion", "--data", dir, "--case", reviewed, "--out", out + ".pdf"}
		}},
		{domain.PermReviewPrint, func(out string) []string {
			return []string{"print", "review-submission", "--data", dir, "--case", reviewed, "--out", out + ".pdf"}
		}},
		{domain.PermReviewPrint, func(out string) []string {
			return []string{"print", "review-history", "--data", dir, "--case", reviewed, "--out", out + ".pdf"}
		}},
		{domain.PermReviewView, func(out string) []string {
			return []string{"print", "review-catalogue", "--data", dir, "--out", out + ".pdf"}
		}},
		{domain.PermCaseEdit, func(string) []string { return []string{"decide", "--data", dir, "--case", decided} }},
		{report.PermBundle, func(out string) []string {
			return []string{"export", "annual", "--data", dir, "--year", "2000", "--out", out + ".zip"}
		}},
	}
	walked := map[string]bool{}
	for _, c := range commands {
		walked[cliName(c.args(""))] = true
	}
	for _, name := range cliNames() {
		if !walked[name] && cliWithoutSignIn[name] == "" {
			t.Errorf("lawdesk %s is in neither the signed-in commands of this test nor cliWithoutSignIn", name)
		}
		if walked[name] && cliWithoutSignIn[name] != "" {
			t.Errorf("lawdesk %s is in cliWithoutSignIn but signs in", name)
		}
	}
	for _, c := range commands {
		for _, role := range domain.AllRoles {
			args := append(c.args(filepath.Join(t.TempDir(), "out")), "--user", "only"+string(role))
			code, out := lawdesk(t, args...)
			allowed := domain.Allowed([]domain.Role{role}, c.perm)
			switch {
			case allowed && strings.Contains(out, "没有权限"):
				t.Errorf("lawdesk %s as %s: refused:\n%s", strings.Join(args[:2], " "), role.Label(), out)
			case !allowed && (code == 0 || !strings.Contains(out, "没有权限")):
				t.Errorf("lawdesk %s as %s: exit %d, want a refusal:\n%s", strings.Join(args[:2], " "), role.Label(), code, out)
			}
		}
	}
	// a wrong password is refused before anything
	t.Setenv("LAWDESK_PASSWORD", "wrong-password")
	if code, out := lawdesk(t, "export", "publications", "--data", dir, "--out", filepath.Join(t.TempDir(), "x"), "--user", "onlyadmin"); code == 0 {
		t.Errorf("export with a wrong password: exit 0:\n%s", out)
	}
}

// cliWithoutSignIn are the commands that run without --user, and why that is safe: none
// of them changes a record of the office or shows what is not public.
var cliWithoutSignIn = map[string]string{
	"version":         "prints the version",
	"demo":            "creates a new demo office in an empty directory",
	"verify":          "checks the store read-only and reports problems, no record content",
	"bench":           "generate makes a new store in an empty directory; run and import measure read-only copies",
	"workday":         "working-day arithmetic",
	"draw":            "lists and re-checks the public random-draw records (双随机 results are published)",
	"cases":           "the case ledger with parties masked (台账), read-only",
	"print flowchart": "the published procedure flowcharts",
	"print card":      "the published window cards (岗位信息公示牌)",
	"export template": "a blank import template",
	"backup":          "copies the data directory as files, which whoever can read the directory can do anyway; the GUI's backup (backup.run) is walked in operations()",
	"restore":         "restores into a new, empty directory only",
	"verify-bundle":   "checks a bundle file the user already holds",
}

// cliNames lists every command and every print/export target.
func cliNames() []string {
	var names []string
	for n := range commands {
		if n != "print" && n != "export" {
			names = append(names, n)
		}
	}
	for n := range printTargets {
		names = append(names, "print "+n)
	}
	for n := range exportTargets {
		names = append(names, "export "+n)
	}
	if !slices.Contains(names, "export annual") {
		names = append(names, "export annual") // chained onto export (app/cli_report.go)
	}
	sort.Strings(names)
	return names
}

// cliName is the command (or print/export target) that args run.
func cliName(args []string) string {
	if args[0] == "print" || args[0] == "export" {
		return args[0] + " " + args[1]
	}
	return args[0]
}

// caseNumber reads a case's number from the store at dir.
func caseNumber(t *testing.T, dir string, id uint64) string {
	t.Helper()
	st, err := store.Open(dir, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.Case(id)
	if err != nil {
		t.Fatal(err)
	}
	return c.Number
}

// permissionTable renders the matrix for README from domain.Permissions() and the
// operations this test walks.
func permissionTable(ops []operation) string {
	what := map[domain.Permission][]string{}
	for _, op := range ops {
		if !slices.Contains(what[op.perm], op.what) {
			what[op.perm] = append(what[op.perm], op.what)
		}
	}
	for p, w := range checkedElsewhere {
		what[p] = append(what[p], w)
	}
	for p, w := range noOperationYet {
		what[p] = append(what[p], w)
	}
	perms := domain.Permissions()
	names := make([]string, 0, len(perms))
	for p := range perms {
		names = append(names, string(p))
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("| 权限 / permission | 操作 / operations |")
	for _, r := range domain.AllRoles {
		b.WriteString(" " + r.Label() + " |")
	}
	b.WriteString("\n| --- | --- |" + strings.Repeat(" :-: |", len(domain.AllRoles)) + "\n")
	for _, n := range names {
		p := domain.Permission(n)
		fmt.Fprintf(&b, "| `%s` | %s |", n, strings.Join(what[p], "、"))
		for _, r := range domain.AllRoles {
			mark := " "
			if domain.Allowed([]domain.Role{r}, p) {
				mark = "✔"
			}
			b.WriteString(" " + mark + " |")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// README's permission table is generated: LAWDESK_UPDATE_README=1 rewrites it.
func TestREADMEPermissionTable(t *testing.T) {
	o := newMatrixOffice(t)
	table := permissionTable(o.operations(t))
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- permissions:begin (generated by app/permission_test.go) -->\n", "<!-- permissions:end -->"
	i, j := bytes.Index(readme, []byte(begin)), bytes.Index(readme, []byte(end))
	if i < 0 || j < i {
		t.Fatalf("README has no generated permission table between %q and %q", begin, end)
	}
	got := string(readme[i+len(begin) : j])
	if got == table {
		return
	}
	if os.Getenv("LAWDESK_UPDATE_README") != "" {
		out := append(append(append([]byte(nil), readme[:i+len(begin)]...), table...), readme[j:]...)
		if err := os.WriteFile("../README.md", out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README's permission table is out of date; run LAWDESK_UPDATE_README=1 go test ./app -run READMEPermissionTable\nwant:\n%s", table)
}

var _ = demo.Agency // the demo office is what newDemo builds
