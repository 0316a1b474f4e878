package inspection_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
	"lawdesk/internal/inspection"
	"lawdesk/internal/office"
	"lawdesk/internal/record"
	"lawdesk/internal/store"
)

var (
	now     = time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local) // a Monday
	today   = domain.DateOf(now)
	admin   = office.Session{User: domain.User{Name: "admin", Roles: []domain.Role{domain.RoleAdmin, domain.RoleHead}}}
	officer = office.Session{User: domain.User{Name: "liuyang", Roles: []domain.Role{domain.RoleOfficer}}}
	clerk   = office.Session{User: domain.User{Name: "hexiao", Roles: []domain.Role{domain.RoleClerk}}}
)

type fixture struct {
	st       *store.Store
	svc      *inspection.Service
	clock    *time.Time
	matter   domain.Matter
	good     []domain.Officer // valid certificates, category 市场监管
	bad      []domain.Officer // must never be drawn
	objects  []domain.InspectionObject
	dataDir  string
	gradesOf map[uint64]domain.RiskGrade
}

func newFixture(t *testing.T, objects int) *fixture {
	t.Helper()
	f := &fixture{dataDir: t.TempDir(), gradesOf: map[uint64]domain.RiskGrade{}}
	clock := now
	f.clock = &clock
	st, err := store.Open(f.dataDir, store.Options{Now: func() time.Time { return *f.clock }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f.st, f.svc = st, inspection.New(st)
	ch := store.Change{Actor: "admin"}
	f.matter, err = st.SaveMatter(ch, domain.Matter{Name: "对食品销售者的监督检查", Type: domain.ActInspection,
		LegalBasis: "《中华人民共和国食品安全法》第一百一十条", RandomInspection: true})
	if err != nil {
		t.Fatal(err)
	}
	valid := domain.NewDate(2028, 12, 31)
	for i := 1; i <= 6; i++ {
		o, err := st.SaveOfficer(ch, domain.Officer{Name: fmt.Sprintf("持证人员%d", i), Unit: "青山县市场监督管理局",
			CertNo: fmt.Sprintf("5202001%03d", i), CertIssuer: "贵州省人民政府", Category: "市场监管、食品安全", ValidUntil: valid})
		if err != nil {
			t.Fatal(err)
		}
		f.good = append(f.good, o)
	}
	for _, o := range []domain.Officer{
		{Name: "证件过期", CertNo: "5202009001", ValidUntil: domain.NewDate(2026, 1, 31)},
		{Name: "检查期间到期", CertNo: "5202009002", ValidUntil: domain.NewDate(2026, 3, 10)},
		{Name: "已调离", CertNo: "5202009003", ValidUntil: valid, Left: true},
		{Name: "无执法证"},
		{Name: "其他类别", CertNo: "5202009005", ValidUntil: valid, Category: "交通运输"},
	} {
		o.Unit, o.CertIssuer = "青山县市场监督管理局", "贵州省人民政府"
		if o.Category == "" && o.CertNo != "" {
			o.Category = "市场监管"
		}
		o, err := st.SaveOfficer(ch, o)
		if err != nil {
			t.Fatal(err)
		}
		f.bad = append(f.bad, o)
	}
	grades := []domain.RiskGrade{domain.GradeA, domain.GradeB, domain.GradeC, domain.GradeD}
	for i := 1; i <= objects; i++ {
		o, err := f.svc.SaveObject(admin, domain.InspectionObject{Name: fmt.Sprintf("青山县好又多超市%d号店", i),
			CreditCode: domain.CompleteCreditCode(fmt.Sprintf("92520200MA6%06d", i)), Type: "个体工商户", Region: []string{"城关镇", "河西乡"}[i%2],
			Industry: "食品销售", Grade: grades[i%4], Address: "青山县人民路 1 号"}, "")
		if err != nil {
			t.Fatal(err)
		}
		f.objects = append(f.objects, o)
		f.gradesOf[o.ID] = o.Grade
	}
	return f
}

func (f *fixture) plan(t *testing.T, mod func(*domain.InspectionTask)) domain.InspectionTask {
	t.Helper()
	task := domain.InspectionTask{Name: "2026年第一季度食品销售者双随机抽查", MatterID: f.matter.ID, Count: 4,
		OfficersPerObject: 2, OfficerCategory: "市场监管", Start: today, End: today.AddDays(30)}
	if mod != nil {
		mod(&task)
	}
	task, err := f.svc.SavePlan(admin, task)
	if err != nil {
		t.Fatal(err)
	}
	return task
}

func TestDrawIsRecordedAndVerifies(t *testing.T) {
	f := newFixture(t, 20)
	task := f.plan(t, nil)
	task, err := f.svc.Draw(admin, task.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	d, ok := task.CurrentDraw()
	if !ok || len(d.Assignments) != 4 || len(d.Input.Objects) != 20 || len(d.Input.Officers) != 6 {
		t.Fatalf("draw = %+v", d)
	}
	v, err := f.svc.Verify(task.ID)
	if err != nil || !v.OK() {
		t.Fatalf("verify of a fresh draw failed: %v %+v", err, v.Draws)
	}
	// the audit chain holds the seed and the hashes
	events, _ := f.st.Events(store.EventFilter{Target: fmt.Sprintf("inspection:%d", task.ID), ActionPrefix: "inspection.draw"})
	if len(events) != 1 || events[0].Seq != d.AuditSeq {
		t.Fatalf("draw events = %+v", events)
	}
	rec := store.ParseDrawSummary(events[0].Summary)
	if rec["seed"] != d.Seed || rec["objects"] != d.ObjectsHash || rec["officers"] != d.OfficersHash || rec["result"] != d.ResultHash {
		t.Fatalf("audit summary %q does not carry the draw's seed and hashes", events[0].Summary)
	}

	// a re-draw needs a reason and keeps the first draw
	if _, err := f.svc.Draw(admin, task.ID, "  "); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("re-draw without reason: %v", err)
	}
	task, err = f.svc.Draw(admin, task.ID, "抽中对象 3 户已注销，经负责人批准重新抽取")
	if err != nil {
		t.Fatal(err)
	}
	if len(task.Draws) != 2 || task.Draws[0].Seed != d.Seed || task.Draws[1].Reason == "" || task.Draws[1].Seed == d.Seed {
		t.Fatalf("after re-draw: %+v", task.Draws)
	}
	if v, err := f.svc.Verify(task.ID); err != nil || !v.OK() || len(v.Draws) != 2 {
		t.Fatalf("verify after re-draw: %v %+v", err, v)
	}
	// the plan is fixed once drawn
	task.Count = 5
	if _, err := f.svc.SavePlan(admin, task); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("changing a drawn plan: %v", err)
	}
	// whole-store verification replays the draws too
	rep, err := f.st.Verify(context.Background(), nil)
	if err != nil || !rep.OK() {
		t.Fatalf("store verify: %v %+v", err, rep)
	}
}

// tamper rewrites the stored task record with change applied to its JSON.
func tamper(t *testing.T, st *store.Store, id uint64, change func(m map[string]any)) {
	t.Helper()
	err := st.DB().Update(func(tx *bbolt.Tx) error {
		b := tx.Bucket([]byte("inspection_tasks"))
		key := make([]byte, 8)
		key[7] = byte(id)
		v := b.Get(key)
		var m map[string]any
		if err := json.Unmarshal(v[1:], &m); err != nil {
			return err
		}
		change(m)
		data, _ := json.Marshal(m)
		return b.Put(key, append([]byte{v[0]}, data...))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestVerifyDetectsChangedRecord(t *testing.T) {
	draw0 := func(m map[string]any) map[string]any { return m["draws"].([]any)[0].(map[string]any) }
	tests := []struct {
		name   string
		change func(m map[string]any)
	}{
		{"another object put in", func(m map[string]any) {
			a := draw0(m)["assignments"].([]any)[0].(map[string]any)
			a["object"] = a["object"].(float64) + 1
		}},
		{"seed replaced and result recomputed", func(m map[string]any) {
			// a forger who re-runs the draw with a seed of their choosing still cannot match
			// the audit chain
			d := draw0(m)
			d["seed"] = strings.Repeat("ab", 32)
		}},
		{"candidate dropped", func(m map[string]any) {
			d := draw0(m)
			d["objects"] = d["objects"].([]any)[1:]
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, 12)
			task := f.plan(t, nil)
			if _, err := f.svc.Draw(admin, task.ID, ""); err != nil {
				t.Fatal(err)
			}
			tamper(t, f.st, task.ID, tt.change)
			v, err := f.svc.Verify(task.ID)
			if err != nil {
				t.Fatal(err)
			}
			if v.OK() {
				t.Fatal("verify accepted a changed draw record")
			}
			rep, _ := f.st.Verify(context.Background(), nil)
			if rep.OK() {
				t.Fatal("store verify accepted a changed draw record")
			}
		})
	}
}

func TestInvalidCertificatesNeverDrawn(t *testing.T) {
	f := newFixture(t, 10)
	task := f.plan(t, func(tk *domain.InspectionTask) { tk.Count = 10 })
	good := map[uint64]bool{}
	for _, o := range f.good {
		good[o.ID] = true
	}
	for i := 0; i < 40; i++ {
		reason := ""
		if i > 0 {
			reason = fmt.Sprintf("测试第 %d 次重新抽取", i)
		}
		var err error
		task, err = f.svc.Draw(admin, task.ID, reason)
		if err != nil {
			t.Fatal(err)
		}
		d, _ := task.CurrentDraw()
		for _, c := range d.Input.Officers {
			if !good[c.ID] {
				t.Fatalf("officer %s without a valid certificate of the category was a candidate", c.Name)
			}
		}
		for _, a := range d.Assignments {
			for _, id := range a.Officers {
				if !good[id] {
					t.Fatalf("officer %d drawn", id)
				}
			}
		}
	}
	// with no category every certified officer qualifies, but still never the invalid ones
	any := f.plan(t, func(tk *domain.InspectionTask) { tk.OfficerCategory = "" })
	in, err := f.svc.Candidates(any)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, o := range in.Officers {
		names = append(names, o.Name)
	}
	if len(in.Officers) != 7 || !slices.Contains(names, "其他类别") {
		t.Fatalf("candidates without category = %v, want the six plus 其他类别", names)
	}
}

func TestFilterWeightsAndConflicts(t *testing.T) {
	f := newFixture(t, 16)
	// officer 1 is related to every object in 城关镇
	for _, o := range f.objects {
		if o.Region == "城关镇" {
			o.RelatedOfficers = []uint64{f.good[0].ID}
			if _, err := f.svc.SaveObject(admin, o, "亲属经营"); err != nil {
				t.Fatal(err)
			}
		}
	}
	task := f.plan(t, func(tk *domain.InspectionTask) {
		tk.Count, tk.Percent = 0, 50
		tk.Filter = domain.ObjectFilter{Regions: []string{"城关镇"}, Grades: []domain.RiskGrade{domain.GradeA, domain.GradeD}}
		tk.RiskWeighted = true
	})
	in, err := f.svc.Candidates(task)
	if err != nil {
		t.Fatal(err)
	}
	if in.Count != 2 || len(in.Objects) != 4 { // 城关镇 holds grades A and C; four are A
		t.Fatalf("50%% of %d candidates = %d", len(in.Objects), in.Count)
	}
	for _, o := range in.Objects {
		g := f.gradesOf[o.ID]
		if g != domain.GradeA && g != domain.GradeD || o.Weight != g.DrawWeight() {
			t.Fatalf("candidate %+v does not match the filter or has the wrong weight", o)
		}
	}
	task, err = f.svc.Draw(admin, task.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	d, _ := task.CurrentDraw()
	for _, a := range d.Assignments {
		if slices.Contains(a.Officers, f.good[0].ID) {
			t.Fatalf("related officer sent to object %d", a.ObjectID)
		}
	}

	// the next task over the same objects avoids last time's pairs (plenty of officers)
	next := f.plan(t, func(tk *domain.InspectionTask) {
		tk.Name, tk.Count, tk.Filter = "2026年第二季度食品销售者双随机抽查", 8, domain.ObjectFilter{Regions: []string{"城关镇"}}
	})
	next, err = f.svc.Draw(admin, next.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	nd, _ := next.CurrentDraw()
	for _, a := range nd.Assignments {
		for _, prev := range d.Assignments {
			if prev.ObjectID != a.ObjectID {
				continue
			}
			for _, o := range a.Officers {
				if slices.Contains(prev.Officers, o) {
					t.Fatalf("object %d: officer %d sent again in the next task", a.ObjectID, o)
				}
			}
		}
	}
}

func TestResultsPublicationAndTodos(t *testing.T) {
	f := newFixture(t, 8)
	task := f.plan(t, func(tk *domain.InspectionTask) { tk.Count = 2 })
	task, err := f.svc.Draw(admin, task.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	d, _ := task.CurrentDraw()
	ctx := context.Background()

	if _, err := f.svc.Draw(clerk, task.ID, "试试"); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("a clerk drew: %v", err)
	}
	// a file to attach
	photo := filepath.Join(t.TempDir(), "现场照片.jpg")
	os.WriteFile(photo, []byte("\xff\xd8\xff\xe0 fake jpeg for the test"), 0o600)
	empty := filepath.Join(t.TempDir(), "空文件.pdf")
	os.WriteFile(empty, nil, 0o600)

	*f.clock = now.AddDate(0, 0, 3)
	a0, a1 := d.Assignments[0], d.Assignments[1]
	bad := []struct {
		name string
		form inspection.ResultForm
		code domain.Code
	}{
		{"not drawn", inspection.ResultForm{ObjectID: 999, Date: today.AddDays(1), Officers: a0.Officers, Finding: domain.FindingNone}, domain.ENOTFOUND},
		{"one officer", inspection.ResultForm{ObjectID: a0.ObjectID, Date: today.AddDays(1), Officers: a0.Officers[:1], Finding: domain.FindingNone}, domain.EINVALID},
		{"future date", inspection.ResultForm{ObjectID: a0.ObjectID, Date: today.AddDays(10), Officers: a0.Officers, Finding: domain.FindingNone}, domain.EINVALID},
		{"expired officer", inspection.ResultForm{ObjectID: a0.ObjectID, Date: today.AddDays(1), Officers: []uint64{a0.Officers[0], f.bad[0].ID}, Finding: domain.FindingNone}, domain.EINVALID},
		{"problem without details", inspection.ResultForm{ObjectID: a0.ObjectID, Date: today.AddDays(1), Officers: a0.Officers, Finding: domain.FindingCorrected}, domain.EINVALID},
		{"case without number", inspection.ResultForm{ObjectID: a0.ObjectID, Date: today.AddDays(1), Officers: a0.Officers, Finding: domain.FindingCase, Details: "销售过期食品"}, domain.EINVALID},
		{"empty file", inspection.ResultForm{ObjectID: a0.ObjectID, Date: today.AddDays(1), Officers: a0.Officers, Finding: domain.FindingNone, Files: []string{empty}}, domain.EINVALID},
		{"missing file", inspection.ResultForm{ObjectID: a0.ObjectID, Date: today.AddDays(1), Officers: a0.Officers, Finding: domain.FindingNone, Files: []string{photo + ".gone"}}, domain.EINVALID},
	}
	for _, b := range bad {
		if _, err := f.svc.RecordResult(ctx, officer, task.ID, b.form); domain.ErrorCode(err) != b.code {
			t.Errorf("%s: got %v, want %s", b.name, err, b.code)
		}
	}
	if got, _ := f.svc.Task(admin, task.ID); len(got.Results) != 0 {
		t.Fatal("a refused result was stored")
	}
	if _, err := f.svc.Publish(admin, task.ID, today, "本局网站"); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("publishing an unfinished task: %v", err)
	}

	task, err = f.svc.RecordResult(ctx, officer, task.ID, inspection.ResultForm{ObjectID: a0.ObjectID, Date: today.AddDays(1),
		Officers: a0.Officers, Finding: domain.FindingNone, Files: []string{photo}})
	if err != nil {
		t.Fatal(err)
	}
	if task.Status() != domain.TaskInspecting || !task.Done.IsZero() {
		t.Fatalf("after one of two results: %s", task.Status().Label())
	}
	// the attached photo is in the blob store and can be viewed (and the view is logged)
	r0, _ := task.Result(a0.ObjectID)
	if len(r0.Files) != 1 || r0.Files[0].Name != "现场照片.jpg" {
		t.Fatalf("files = %+v", r0.Files)
	}
	copyPath, err := f.svc.ExportFile(clerk, task.ID, r0.Files[0].SHA256, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(copyPath); string(b) != "\xff\xd8\xff\xe0 fake jpeg for the test" {
		t.Fatalf("viewed copy differs: %q", b)
	}
	if ev, _ := f.st.Events(store.EventFilter{ActionPrefix: "inspection.file_view"}); len(ev) != 1 || ev[0].Actor != "hexiao" {
		t.Fatalf("file view not logged: %+v", ev)
	}
	if _, err := f.svc.ExportFile(clerk, task.ID, strings.Repeat("0", 64), t.TempDir()); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("unknown attachment: %v", err)
	}
	// a re-draw is refused once results exist
	if _, err := f.svc.Draw(admin, task.ID, "想换人"); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("re-draw after results: %v", err)
	}
	opener := &recordingOpener{}
	f.svc.Cases = opener
	task, err = f.svc.RecordResult(ctx, officer, task.ID, inspection.ResultForm{ObjectID: a1.ObjectID, Date: today.AddDays(2),
		Officers: a1.Officers, Finding: domain.FindingCase, Details: "货架上有 3 袋超过保质期的饼干，联系电话 13908581234"})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := task.Result(a1.ObjectID)
	if len(opener.calls) != 1 || r.CaseNo != "青市监检〔2026〕1号" || r.CaseID != 41 {
		t.Fatalf("立案查处 did not open a case: %+v %+v", opener.calls, r)
	}
	if task.Status() != domain.TaskDone || task.Done != today.AddDays(2) {
		t.Fatalf("after both results: %s done %s", task.Status().Label(), task.Done)
	}
	// correcting the result keeps the case and does not open another
	task, err = f.svc.RecordResult(ctx, officer, task.ID, inspection.ResultForm{ObjectID: a1.ObjectID, Date: today.AddDays(2),
		Officers: a1.Officers, Finding: domain.FindingCase, Details: "货架上有 3 袋超过保质期的饼干"})
	if err != nil || len(opener.calls) != 1 {
		t.Fatalf("correction: %v, %d cases", err, len(opener.calls))
	}
	if obj, _ := f.st.InspectionObject(a1.ObjectID); obj.LastInspected != today.AddDays(2) {
		t.Fatalf("last inspected = %s", obj.LastInspected)
	}

	// 2026-03-04 + 20 working days = 2026-04-01 (no holidays in between)
	dl := f.svc.PublishDeadline(task)
	if dl.Date != domain.NewDate(2026, 4, 1) || !dl.Confirmed {
		t.Fatalf("deadline = %s", dl)
	}
	// the office's publication rules (shared with decision publication) set the days
	rules := domain.PublicationRules{Days: map[domain.ActType]int{domain.ActInspection: 10}}
	if err := f.st.SavePublicationRules(store.Change{Actor: "admin"}, rules, "本市规定"); err != nil {
		t.Fatal(err)
	}
	if dl := f.svc.PublishDeadline(task); dl.Date != domain.NewDate(2026, 3, 18) {
		t.Fatalf("deadline with 10 working days = %s", dl)
	}
	*f.clock = time.Date(2026, 4, 2, 9, 0, 0, 0, time.Local)
	todos, _ := f.svc.Todos(admin)
	if len(todos) != 1 || todos[0].Severity != domain.SeverityOverdue || !strings.Contains(todos[0].Title, "公示") {
		t.Fatalf("todos = %+v", todos)
	}
	if _, err := f.svc.Publish(clerk, task.ID, domain.NewDate(2026, 4, 2), " "); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("publish without channel: %v", err)
	}
	task, err = f.svc.Publish(clerk, task.ID, domain.NewDate(2026, 4, 2), "国家企业信用信息公示系统")
	if err != nil || task.Status() != domain.TaskPublished {
		t.Fatalf("publish: %v %s", err, task.Status())
	}
	if _, err := f.svc.RecordResult(ctx, officer, task.ID, inspection.ResultForm{ObjectID: a0.ObjectID, Date: today.AddDays(1),
		Officers: a0.Officers, Finding: domain.FindingNone}); domain.ErrorCode(err) != domain.ELOCKED {
		t.Fatalf("changing a published result: %v", err)
	}
	if todos, _ := f.svc.Todos(admin); len(todos) != 0 {
		t.Fatalf("todos after publication: %+v", todos)
	}
	rep, err := f.st.Verify(ctx, nil)
	if err != nil || !rep.OK() {
		t.Fatalf("store verify: %v %+v", err, rep)
	}
}

// recordingOpener stands in for the case service, which belongs to another capability.
type recordingOpener struct{ calls []inspection.CaseRequest }

func (r *recordingOpener) OpenInspectionCase(sess office.Session, req inspection.CaseRequest) (uint64, string, error) {
	r.calls = append(r.calls, req)
	return 41, "青市监检〔2026〕1号", nil
}

func TestPlanValidation(t *testing.T) {
	f := newFixture(t, 3)
	other, _ := f.st.SaveMatter(store.Change{Actor: "admin"}, domain.Matter{Name: "食品经营许可", Type: domain.ActLicensing, LegalBasis: "《食品经营许可管理办法》"})
	base := domain.InspectionTask{Name: "任务", MatterID: f.matter.ID, Count: 2, OfficersPerObject: 2, Start: today, End: today.AddDays(5)}
	tests := []struct {
		name string
		mod  func(*domain.InspectionTask)
	}{
		{"no name", func(t *domain.InspectionTask) { t.Name = " " }},
		{"not a random matter", func(t *domain.InspectionTask) { t.MatterID = other.ID }},
		{"one officer", func(t *domain.InspectionTask) { t.OfficersPerObject = 1 }},
		{"both count and percent", func(t *domain.InspectionTask) { t.Percent = 5 }},
		{"neither", func(t *domain.InspectionTask) { t.Count = 0 }},
		{"percent over 100", func(t *domain.InspectionTask) { t.Count, t.Percent = 0, 120 }},
		{"end before start", func(t *domain.InspectionTask) { t.End = t.Start.AddDays(-1) }},
		{"already over", func(t *domain.InspectionTask) { t.Start, t.End = today.AddDays(-9), today.AddDays(-2) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			task := base
			tt.mod(&task)
			if _, err := f.svc.SavePlan(admin, task); domain.ErrorCode(err) != domain.EINVALID || domain.ErrorMessage(err) == "" {
				t.Fatalf("got %v", err)
			}
		})
	}
	if _, err := f.svc.SavePlan(officer, base); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("an officer planned a task: %v", err)
	}
	// more objects asked for than there are: the draw says so plainly
	big := base
	big.Count = 10
	big, err := f.svc.SavePlan(admin, big)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Draw(admin, big.ID, ""); domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(domain.ErrorMessage(err), "只有 3 户") {
		t.Fatalf("over-large draw: %v", err)
	}
}

func TestDuplicateCreditCodeRefused(t *testing.T) {
	f := newFixture(t, 2)
	dup := f.objects[0]
	dup.ID = 0
	dup.Name = "另一家店"
	if _, err := f.svc.SaveObject(admin, dup, ""); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("duplicate credit code: %v", err)
	}
	bad := domain.InspectionObject{Name: "坏代码", CreditCode: "91520200MA6DGX0000"}
	if _, err := f.svc.SaveObject(admin, bad, ""); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("bad check digit: %v", err)
	}
	if _, err := f.svc.SaveObject(clerk, domain.InspectionObject{Name: "x", CreditCode: "520200000012345"}, ""); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("clerk edited the directory: %v", err)
	}
}

func TestCaseResultOpensARealCase(t *testing.T) {
	f := newFixture(t, 6)
	if err := f.st.SaveAgency("admin", domain.Agency{Name: "青山县市场监督管理局", ShortName: "青市监", Region: "贵州省六盘水市青山县"}); err != nil {
		t.Fatal(err)
	}
	rec := record.New(f.st)
	f.svc.Cases = inspection.RecordCases{Record: rec}
	task := f.plan(t, func(tk *domain.InspectionTask) { tk.Count = 1 })
	task, err := f.svc.Draw(admin, task.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	a := task.Draws[0].Assignments[0]
	*f.clock = now.AddDate(0, 0, 1)
	task, err = f.svc.RecordResult(context.Background(), admin, task.ID, inspection.ResultForm{ObjectID: a.ObjectID,
		Date: today.AddDays(1), Officers: a.Officers, Finding: domain.FindingCase, Details: "销售超过保质期的食品 3 袋"})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := task.Result(a.ObjectID)
	c, err := rec.Case(admin, r.CaseID)
	if err != nil {
		t.Fatal(err)
	}
	obj, _ := f.st.InspectionObject(a.ObjectID)
	if c.Number != r.CaseNo || c.Source != domain.SourceInspection || c.Party.Name != obj.Name || c.Party.IDNumber != obj.CreditCode ||
		!slices.Equal(c.OfficerIDs, r.Officers) || c.Opened != today.AddDays(1) || !strings.Contains(c.Facts, "保质期") {
		t.Fatalf("case opened from the result = %+v", c)
	}
	if !strings.HasPrefix(c.Number, "青市监") {
		t.Fatalf("case number %q", c.Number)
	}
}
