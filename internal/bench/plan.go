package bench

import (
	"slices"
	"time"

	"lawdesk/internal/domain"
)

// plan makes a new case registered at t and writes down its whole life: the stages it goes
// through (optional ones taken now and then, a step back for supplementary investigation
// once in a while, a penalty case dropped before decision now and then), its decision, its
// publication, its archiving and the occasional look at it afterwards. A few cases stall in
// some stage and stay there: the overdue cases of a real office.
func (g *generator) plan(t time.Time) *life {
	r := g.r
	typ := pickType(r)
	var candidates []domain.Matter
	for _, m := range g.matterList {
		if m.Type == typ {
			candidates = append(candidates, m)
		}
	}
	m := pick(r, candidates)
	spec := g.specs[m.ID]
	opened := domain.DateOf(t)
	proc := domain.ProcedureGeneral
	if typ == domain.ActPenalty && r.IntN(100) < 35 {
		proc = domain.ProcedureSimple
	}
	p := party(r, opened.Year)
	c := domain.Case{Type: typ, MatterID: m.ID, MatterName: m.Name, Procedure: proc, Party: p,
		HandlingUnit: spec.unit, Facts: fill(r, spec.facts, p, opened), Retention: domain.DefaultRetention(proc),
		Stage: domain.StageAccept, Opened: opened, Source: source(r, typ)}
	if typ == domain.ActPenalty || typ == domain.ActCoercion {
		c.Amount = domain.Money(100+r.IntN(50000)) * 100
	}
	switch n := r.IntN(1000); {
	case n < 10:
		c.Secrecy = domain.SecrecyPrivacy
	case n < 13:
		c.Secrecy = domain.SecrecyTrade
	case n < 14:
		c.Secrecy = domain.SecrecyState
	}
	c.OfficerIDs = g.assign(opened)

	l := &life{c: c, spec: spec}
	l.steps = append(l.steps, step{at: t, kind: stepCreate})
	officer := func() uint64 { return c.OfficerIDs[r.IntN(len(c.OfficerIDs))] }

	path := domain.StagePath(typ, proc)
	index := func(s domain.Stage) int {
		return slices.IndexFunc(path, func(ps domain.PathStep) bool { return ps.Stage == s })
	}
	stallAt := -1
	if r.IntN(100) < 3 {
		stallAt = r.IntN(len(path) - 1)
	}
	dropAt := domain.Stage("")
	if typ == domain.ActPenalty && proc == domain.ProcedureGeneral && r.IntN(100) < 8 {
		dropAt = pick(r, []domain.Stage{domain.StageFile, domain.StageInvestigate, domain.StageExamine})
	}
	wentBack := false
	var decided domain.Decision
	var decidedAt time.Time
	i := 0
	for i < len(path)-1 {
		stage := path[i].Stage
		if i == stallAt {
			if stage == domain.StageDecide && spec.major { // sent to review, the opinion still awaited
				t = g.later(t, stageDays(r, typ, proc, stage))
				l.steps = append(l.steps, step{at: t, kind: stepSubmit, officer: officer(), decision: g.decision(c, spec, domain.DateOf(t))})
			}
			break
		}
		t = g.later(t, stageDays(r, typ, proc, stage))
		if stage == dropAt {
			reason := pick(r, []string{"违法事实不能成立，不予立案", "违法行为轻微并及时改正，没有造成危害后果，不予行政处罚", "证据不足，撤销立案"})
			l.steps = append(l.steps, step{at: t, kind: stepStage, next: domain.StageClose, officer: officer(),
				note: "经审查，" + reason, decision: domain.Decision{NotDecidedReason: reason}})
			i = index(domain.StageClose)
			continue
		}
		if stage == domain.StageDecide {
			decided = g.decision(c, spec, domain.DateOf(t))
			if needsReview(spec, c, decided) {
				t = g.planReview(l, t, officer(), decided)
				decided.Date = domain.DateOf(t)
			}
			l.steps = append(l.steps, step{at: t, kind: stepDecision, officer: officer(), decision: decided})
			t = t.Add(10 * time.Minute)
			decidedAt = t
		}
		j := i + 1
		for j < len(path)-1 && path[j].Optional && !takeOptional(r, path[j].Stage) {
			j++
		}
		l.steps = append(l.steps, step{at: t, kind: stepStage, next: path[j].Stage, officer: officer(), note: stageNote(stage)})
		if filmed(r, typ, stage) {
			// filmed during the stage, imported back at the office within hours (now and
			// then days later, after a trip or a weekend)
			delay := time.Duration(30+r.IntN(300)) * time.Minute
			if r.IntN(100) < 4 {
				delay = time.Duration(26+r.IntN(40)) * time.Hour
			}
			captured := t.Add(-time.Duration(30+r.IntN(90)) * time.Minute)
			l.steps = append(l.steps, step{at: captured.Add(delay), kind: stepRecording, officer: officer(),
				stage: stage, captured: captured})
		}
		if stage == domain.StageExamine && typ == domain.ActPenalty && !wentBack && r.IntN(100) < 5 {
			wentBack = true
			t = t.Add(time.Hour)
			l.steps = append(l.steps, step{at: t, kind: stepBack, next: domain.StageInvestigate, officer: officer(),
				note: "证据不足，补充调查"})
			i = index(domain.StageInvestigate)
			continue
		}
		i = j
	}
	closed := i == len(path)-1
	if !decidedAt.IsZero() {
		g.planPublication(l, decided, decidedAt)
	}
	if closed {
		days := 3 + r.IntN(20)
		if r.IntN(100) < 4 {
			days = 31 + r.IntN(30) // archived late
		}
		if r.IntN(100) < 2 {
			days = 400 // never archived (yet): overdue on the dashboard
		}
		t = g.later(t, days*5/7)
		l.steps = append(l.steps, step{at: t, kind: stepArchive})
	}
	for n := r.IntN(3); n > 0; n-- {
		at := l.steps[0].at.Add(time.Duration(r.Int64N(int64(t.Sub(l.steps[0].at) + 200*24*time.Hour))))
		l.steps = append(l.steps, step{at: g.officeHours(at), kind: stepView})
	}
	slices.SortStableFunc(l.steps, func(a, b step) int { return a.at.Compare(b.at) })
	return l
}

// planPublication adds the publication of the decision: on time mostly, late now and then,
// and never for a minor or a secret case (recorded as 不公开).
func (g *generator) planPublication(l *life, d domain.Decision, decidedAt time.Time) {
	r := g.r
	c := l.c
	if c.Party.MinorOn(d.Date) || c.Secrecy != domain.SecrecyNone {
		why := "当事人为未成年人"
		if c.Secrecy != domain.SecrecyNone {
			why = "案件标记为" + c.Secrecy.Label()
		}
		l.steps = append(l.steps, step{at: g.later(decidedAt, 1+r.IntN(3)), kind: stepNotPublic, note: why})
		return
	}
	limit := c.Type.PublishWithinWorkingDays()
	days := 1 + r.IntN(limit)
	late := r.IntN(100) < 6
	if late {
		days = limit + 1 + r.IntN(10)
	}
	l.steps = append(l.steps, step{at: g.later(decidedAt, days), kind: stepPublish, late: late})
}

// decision makes the decision of a case on day.
func (g *generator) decision(c domain.Case, spec matterSpec, day domain.Date) domain.Decision {
	r := g.r
	d := domain.Decision{Date: day}
	if c.Type != domain.ActPenalty {
		d.Summary = fill(r, spec.summary, c.Party, day)
		if c.Type == domain.ActLicensing && r.IntN(100) < 8 {
			d.Summary = "不予许可：申请材料不符合法定条件"
		}
		return d
	}
	for _, k := range spec.kinds {
		if len(d.Kinds) == 0 || r.IntN(2) == 0 {
			d.Kinds = append(d.Kinds, k)
		}
	}
	if c.Procedure == domain.ProcedureSimple {
		d.Kinds = []domain.PenaltyKind{pick(r, []domain.PenaltyKind{domain.PenaltyWarning, domain.PenaltyFine})}
	}
	for _, k := range d.Kinds {
		switch k {
		case domain.PenaltyFine:
			if c.Procedure == domain.ProcedureSimple {
				d.Fine = domain.Money(50+r.IntN(150)) * 100 // 当场处罚: at most 200 yuan for a person
			} else {
				d.Fine = domain.Money(1+r.IntN(100)) * 100_000
			}
		case domain.PenaltyConfiscateGains, domain.PenaltyConfiscateProperty:
			d.Confiscation = domain.Money(50+r.IntN(20000)) * 100
		}
	}
	d.Summary = conclusion(domain.Case{Decision: d})
	return d
}

// assign picks two (now and then three) officers with certificates valid on day.
func (g *generator) assign(day domain.Date) []uint64 {
	n := 2
	if g.r.IntN(10) == 0 {
		n = 3
	}
	var ids []uint64
	for len(ids) < n {
		o := pick(g.r, g.officers)
		if o.CertValid(day) && !slices.Contains(ids, o.ID) {
			ids = append(ids, o.ID)
		}
	}
	return ids
}

func source(r interface{ IntN(int) int }, t domain.ActType) domain.CaseSource {
	switch t {
	case domain.ActPenalty, domain.ActCoercion:
		return []domain.CaseSource{domain.SourceComplaint, domain.SourceComplaint, domain.SourceInspection,
			domain.SourceInspection, domain.SourceTransfer, domain.SourceAssigned}[r.IntN(6)]
	case domain.ActInspection:
		return domain.SourceInspection
	}
	return domain.SourceOther
}

// takeOptional decides whether an optional stage is gone through.
func takeOptional(r interface{ IntN(int) int }, s domain.Stage) bool {
	switch s {
	case domain.StageHearing:
		return r.IntN(100) < 12
	case domain.StageOnSite:
		return r.IntN(100) < 60
	}
	return r.IntN(100) < 40
}

// stageDays is how many working days a stage takes before it is completed.
func stageDays(r interface{ IntN(int) int }, t domain.ActType, p domain.Procedure, s domain.Stage) int {
	if p == domain.ProcedureSimple {
		return 0
	}
	switch s {
	case domain.StageInvestigate:
		return 5 + r.IntN(30)
	case domain.StageNotify:
		return 3 + r.IntN(5)
	case domain.StageHearing:
		return 7 + r.IntN(15)
	case domain.StageExecute:
		return 3 + r.IntN(25)
	case domain.StageExamine:
		if t == domain.ActLicensing {
			return 1 + r.IntN(15)
		}
		return 2 + r.IntN(8)
	}
	return r.IntN(4)
}

var stageNotes = map[domain.Stage]string{
	domain.StageAccept: "登记受理，材料齐全", domain.StageOnSite: "现场检查，制作现场笔录并拍照",
	domain.StageFile: "经负责人批准立案", domain.StageInvestigate: "询问当事人，调取证据，制作调查终结报告",
	domain.StageExamine: "案件审核通过", domain.StageNotify: "送达事先告知书，当事人未提出陈述申辩",
	domain.StageHearing: "举行听证，制作听证笔录", domain.StageDecide: "作出决定",
	domain.StageServe: "直接送达，当事人签收", domain.StageExecute: "当事人已履行", domain.StageClose: "经负责人批准结案",
}

func stageNote(s domain.Stage) string { return stageNotes[s] }

// later is n working days after t, at some time during office hours (the same day, a
// little later, when n is 0).
func (g *generator) later(t time.Time, n int) time.Time {
	if n <= 0 {
		next := t.Add(time.Duration(10+g.r.IntN(50)) * time.Minute)
		if next.Hour() < 18 {
			return next
		}
		n = 1
	}
	d := g.cal.AddWorkingDays(domain.DateOf(t), n).Date
	return d.Time(time.Local).Add(8*time.Hour + 30*time.Minute + time.Duration(g.r.IntN(540))*time.Minute)
}

// officeHours moves t onto the next working day's office hours when it falls outside them.
func (g *generator) officeHours(t time.Time) time.Time {
	d := domain.DateOf(t)
	if !g.cal.IsWorkingDay(d) || t.Hour() < 8 || t.Hour() >= 18 {
		return g.later(t, 1)
	}
	return t
}

// filmed decides whether the body cameras ran during a stage: always for coercive measures
// on site and at execution (the matter's 音像记录事项清单), often for on-site penalty
// checks, now and then for inspections.
func filmed(r interface{ IntN(int) int }, t domain.ActType, s domain.Stage) bool {
	switch {
	case t == domain.ActCoercion:
		return s == domain.StageOnSite || s == domain.StageExecute
	case t == domain.ActPenalty && s == domain.StageOnSite:
		return r.IntN(100) < 40
	case t == domain.ActInspection && s == domain.StageOnSite:
		return r.IntN(100) < 15
	}
	return false
}
