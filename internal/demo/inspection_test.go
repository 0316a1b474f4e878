package demo_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"lawdesk/internal/demo"
	"lawdesk/internal/demo/demotest"
	"lawdesk/internal/domain"
	"lawdesk/internal/flowchart"
	"lawdesk/internal/inspection"
	"lawdesk/internal/store"
)

func TestDemoInspections(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 30, 0, 0, time.Local)
	make := func() (*store.Store, []domain.InspectionTask) {
		st, err := store.Open(t.TempDir(), store.Options{Now: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		if _, err := demo.Create(st, "demo1234"); err != nil {
			t.Fatal(err)
		}
		tasks, err := st.InspectionTasks()
		if err != nil {
			t.Fatal(err)
		}
		return st, tasks
	}
	st := demotest.Open(t, now)
	tasks, err := st.InspectionTasks()
	if err != nil {
		t.Fatal(err)
	}
	status := map[domain.TaskStatus]int{}
	for _, tk := range tasks {
		status[tk.Status()]++
	}
	if status[domain.TaskPublished] != 1 || status[domain.TaskInspecting] != 1 || status[domain.TaskPlanned] != 1 {
		t.Fatalf("demo tasks by status: %v", status)
	}
	svc := inspection.New(st)
	var done domain.InspectionTask
	for _, tk := range tasks {
		if tk.Status() == domain.TaskPublished {
			done = tk
		}
		if len(tk.Draws) > 0 {
			v, err := svc.Verify(tk.ID)
			if err != nil || !v.OK() {
				t.Fatalf("demo draw of %s does not verify: %v %+v", tk.Name, err, v.Draws)
			}
		}
	}
	findings := map[domain.Finding]int{}
	for _, r := range done.Results {
		findings[r.Finding]++
		if r.Finding == domain.FindingCase && (r.CaseID == 0 || r.CaseNo == "" || len(r.Files) != 1) {
			t.Fatalf("立案查处 without a case or its photo: %+v", r)
		}
		if r.Finding == domain.FindingCase { // 全过程记录: the check's footage is filed under its case
			recs, err := st.Recordings(store.RecordingFilter{CaseID: r.CaseID})
			if err != nil || len(recs) != 2 || recs[0].Stage != domain.StageOnSite || domain.DateOf(recs[0].Captured) != r.Date || recs[0].Late() {
				t.Fatalf("the 立案查处 case's recordings: %+v %v", recs, err)
			}
		}
	}
	if findings[domain.FindingCase] != 1 || findings[domain.FindingCorrected] != 1 || findings[domain.FindingNone] < 2 {
		t.Fatalf("published task findings: %v", findings)
	}
	if dl := svc.PublishDeadline(done); done.Public.On.After(dl.Date) {
		t.Fatalf("demo published late: %s after %s", done.Public.On, dl)
	}
	objs, _ := st.InspectionObjects()
	if len(objs) != 42 {
		t.Fatalf("%d objects in the demo directory", len(objs))
	}
	ch, _ := flowchart.New(st).Changes("license")
	if len(ch) != 1 {
		t.Fatalf("licence flowchart changes: %v", ch)
	}
	rep, err := st.Verify(context.Background(), nil)
	if err != nil || !rep.OK() {
		t.Fatalf("verify: %v %+v", err, rep)
	}

	// the same day gives the same demo
	if testing.Short() {
		return // building the demo twice more takes minutes under -race
	}
	_, ref := make()
	_, again := make()
	if fmt.Sprint(ref[2].Draws[0].Assignments) != fmt.Sprint(tasks[2].Draws[0].Assignments) {
		t.Fatal("the demo draw differs from the shared demo's")
	}
	if fmt.Sprint(again[2].Draws[0].Assignments) != fmt.Sprint(tasks[2].Draws[0].Assignments) {
		t.Fatal("the demo draw is not deterministic")
	}
}
