package report

import (
	"fmt"
	"sort"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

// The 双随机、一公开 figures: spot-check tasks drawn, objects inspected (by finding),
// tasks completed and results published. A draw counts on its day, a result on its
// inspection date, a task's completion and publication on theirs.

var _ = addLoader(40, func(st *store.Store, d *Data, p Period) error {
	var err error
	if d.SpotChecks, err = st.InspectionTasks(); err != nil {
		return err
	}
	objects, err := st.InspectionObjects()
	if err != nil {
		return err
	}
	d.SpotObjects = map[uint64]string{}
	for _, o := range objects {
		d.SpotObjects[o.ID] = o.Name
	}
	return nil
})

func taskRef(t domain.InspectionTask, day domain.Date, note string) Ref {
	return Ref{Kind: "inspection", ID: t.ID, Label: t.Name, Date: day, Note: note}
}

var _ = addSection("spotchecks", 65, func(d *Data, p Period, asOf domain.Date) (Table, []Chart) {
	var drawn, done, published []Ref
	results := map[domain.Finding][]Ref{}
	var inspected []Ref
	for _, t := range d.SpotChecks {
		if dr, ok := t.CurrentDraw(); ok && p.ContainsTime(dr.At, d.Loc) {
			drawn = append(drawn, taskRef(t, domain.DateOf(dr.At.In(d.Loc)), fmt.Sprintf("抽取 %d 户", len(dr.Assignments))))
		}
		if p.Contains(t.Done) {
			done = append(done, taskRef(t, t.Done, ""))
		}
		if p.Contains(t.Public.On) {
			published = append(published, taskRef(t, t.Public.On, t.Public.Channel))
		}
		for _, r := range t.Results {
			if !p.Contains(r.Date) {
				continue
			}
			ref := Ref{Kind: "inspection", ID: t.ID, Label: d.SpotObjects[r.ObjectID] + "（" + t.Name + "）", Date: r.Date, Note: r.Finding.Label()}
			if r.CaseNo != "" {
				ref.Note += "，" + r.CaseNo
			}
			inspected = append(inspected, ref)
			results[r.Finding] = append(results[r.Finding], ref)
		}
	}
	for _, refs := range [][]Ref{drawn, done, published, inspected} {
		sort.SliceStable(refs, func(i, j int) bool { return refs[i].Date.Before(refs[j].Date) })
	}
	t := Table{Title: "双随机、一公开", Note: "随机抽取检查对象和执法检查人员，抽查情况及查处结果及时公开"}
	t.Figures = append(t.Figures,
		count("spotchecks.drawn", "抽取检查任务", "个", drawn),
		count("spotchecks.inspected", "抽查检查对象", "户", inspected),
	)
	for _, f := range domain.AllFindings {
		t.Figures = append(t.Figures, withLevel(count("spotchecks.finding."+string(f), f.Label(), "户", results[f]), 1))
	}
	t.Figures = append(t.Figures,
		count("spotchecks.done", "完成抽查任务", "个", done),
		count("spotchecks.published", "公示抽查结果", "个", published),
	)
	return t, nil
})

var _ = func() bool {
	draftParagraphs = append(draftParagraphs, func(s Stats) string {
		v := s.value
		return fmt.Sprintf("“双随机、一公开”方面，抽取检查任务 %.0f 个，抽查检查对象 %.0f 户，其中发现问题已责令改正 %.0f 户、立案查处 %.0f 户；公示抽查结果 %.0f 个。",
			v("spotchecks.drawn"), v("spotchecks.inspected"), v("spotchecks.finding.corrected"), v("spotchecks.finding.case"), v("spotchecks.published"))
	})
	return true
}()
