package domain_test

import (
	"slices"
	"testing"

	"lawdesk/internal/domain"
)

func TestProcedureChartsAreWellFormed(t *testing.T) {
	names := domain.ProcedureChartNames()
	if !slices.Equal(names, []string{"penalty", "penalty-simple", "license", "coercion", "inspection", "review"}) {
		t.Fatalf("charts = %v", names)
	}
	for _, n := range names {
		c, err := domain.ProcedureChartByName(n)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Check(); err != nil {
			t.Errorf("%s: %v", n, err)
		}
		// the stages a chart shows run in the case workflow's order, from 受理 to 归档
		st := c.Stages()
		if c.Type == "" {
			if len(st) != 0 {
				t.Errorf("%s records no case, but shows stages %v", n, st)
			}
			continue
		}
		if len(st) < 4 || st[0] != domain.StageAccept || st[len(st)-1] != domain.StageArchive || !slices.Contains(st, domain.StageClose) {
			t.Errorf("%s: stages %v do not run from 受理 to 归档", n, st)
		}
		for i := 1; i < len(st); i++ {
			if st[i].Index() <= st[i-1].Index() {
				t.Errorf("%s: stage %s comes after %s, against the case workflow", n, st[i].Label(), st[i-1].Label())
			}
		}
		for _, s := range c.Steps {
			if s.Kind == domain.FlowAct && s.Stage == domain.StageDecide && s.TimeLimit == "" && !c.Simple && c.Type != domain.ActInspection {
				t.Errorf("%s: the decision step has no time limit", n)
			}
		}
	}
	if _, err := domain.ProcedureChartByName("nope"); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("unknown chart: %v", err)
	}
}

func TestProcedureChartChanges(t *testing.T) {
	c, _ := domain.ProcedureChartByName("penalty")
	hearing, _ := c.Step("hearing")
	file, _ := c.Step("file")
	if err := (domain.FlowStepChange{Omit: true}).Validate(file); err == nil {
		t.Fatal("a required step could be omitted")
	}
	if err := (domain.FlowStepChange{Omit: true}).Validate(hearing); err != nil {
		t.Fatal(err)
	}
	if err := (domain.FlowStepChange{TimeLimit: string(make([]rune, 81))}).Validate(file); err == nil {
		t.Fatal("an 81-character time limit was accepted")
	}
	got := c.With(domain.FlowChanges{
		"hearing": {Omit: true},
		"file":    {Title: "立案审批", TimeLimit: "3 个工作日内", Documents: []string{}},
		"discuss": {Omit: true},
	})
	if _, ok := got.Step("hearing"); ok {
		t.Fatal("omitted step still there")
	}
	if _, ok := got.Step("askhearing"); ok {
		t.Fatal("the decision guarding only the omitted step is still there")
	}
	if _, ok := got.Step("major"); !ok {
		t.Fatal("the decision guarding 法制审核 went away although 法制审核 is still there")
	}
	f, _ := got.Step("file")
	if f.Title != "立案审批" || f.TimeLimit != "3 个工作日内" || len(f.Documents) != 0 {
		t.Fatalf("changed step = %+v", f)
	}
	if err := got.Check(); err != nil {
		t.Fatal(err)
	}
	// the default is untouched
	again, _ := domain.ProcedureChartByName("penalty")
	if s, _ := again.Step("file"); s.Title != "立案" || len(s.Documents) == 0 {
		t.Fatalf("the national default changed: %+v", s)
	}
	// leaving out both 法制审核 and 集体讨论 drops the 重大执法决定 question too
	both := c.With(domain.FlowChanges{"review": {Omit: true}, "discuss": {Omit: true}})
	if _, ok := both.Step("major"); ok {
		t.Fatal("the 重大执法决定 question guards nothing but is still there")
	}
}

// TestChartsFollowTheCaseWorkflow: every chart of an act type shows the stages of that
// type's case path (domain.StagePath) in the same order, every required stage of it, and
// marks as optional exactly the stages the path lets a case skip.
func TestChartsFollowTheCaseWorkflow(t *testing.T) {
	for _, n := range domain.ProcedureChartNames() {
		c, _ := domain.ProcedureChartByName(n)
		if c.Type == "" {
			continue
		}
		proc := domain.ProcedureGeneral
		if c.Simple {
			proc = domain.ProcedureSimple
		}
		path := domain.StagePath(c.Type, proc)
		pos := -1
		shown := map[domain.Stage]bool{}
		for _, s := range c.Steps {
			if s.Stage == "" {
				continue
			}
			i := slices.IndexFunc(path, func(p domain.PathStep) bool { return p.Stage == s.Stage })
			switch {
			case i < 0:
				t.Errorf("%s: stage %s is not on the %s path", n, s.Stage.Label(), c.Type.Label())
			case i <= pos:
				t.Errorf("%s: stage %s is out of the case workflow's order", n, s.Stage.Label())
			case path[i].Optional != s.Optional:
				t.Errorf("%s: stage %s optional = %v in the chart but %v in the case workflow", n, s.Stage.Label(), s.Optional, path[i].Optional)
			}
			pos = i
			shown[s.Stage] = true
		}
		for _, p := range path {
			if !p.Optional && !shown[p.Stage] {
				t.Errorf("%s: required stage %s of the case workflow is missing", n, p.Stage.Label())
			}
		}
	}
}
