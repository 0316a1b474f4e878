package report

import (
	"fmt"
	"sort"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

// The case figures. A case counts in a period by the civil date of what is counted: a
// decision by its decision date, a registration by its opening date, a hearing or an
// inspection by the day that stage was done, an archived dossier by its archiving date.

// cases loads every case with something dated in or after the period, and every case not
// yet closed (the cases in hand at the period's end), as statistics see them.
var _ = addLoader(10, func(st *store.Store, d *Data, p Period) error {
	var err error
	if d.Cases, err = st.CasesActiveFrom(p.From); err != nil {
		return err
	}
	matters, err := st.Matters()
	if err != nil {
		return err
	}
	d.Matters = map[uint64]domain.Matter{}
	for _, m := range matters {
		d.Matters[m.ID] = m
	}
	return nil
})

// caseRef describes a case for the lists behind figures. A natural person's name is
// shortened to the surname (张某): the lists are open to every role.
func caseRef(c domain.Case, day domain.Date, note string) Ref {
	party := shortParty(c.Party)
	label := c.Number
	if c.MatterName != "" {
		label += " " + c.MatterName
	}
	if party != "" {
		label += " · " + party
	}
	return Ref{Kind: "case", ID: c.ID, Label: label, Date: day, Note: note}
}

// shortParty is the party's name as lists that every role sees (and bundles) show it: a
// natural person by the surname only (张某).
func shortParty(p domain.Party) string {
	if p.Kind == domain.PartyPerson {
		if r := []rune(strings.TrimSpace(p.Name)); len(r) > 0 {
			return string(r[0]) + "某"
		}
	}
	return p.Name
}

// caseFilter picks the cases a figure counts, with the date that places each in the period.
type caseFilter func(c domain.Case) (domain.Date, bool)

// countCases makes a figure of the cases f picks whose date lies in p, oldest first.
func countCases(d *Data, p Period, key, label string, f caseFilter) Figure {
	var refs []Ref
	for _, c := range d.Cases {
		if day, ok := f(c); ok && p.Contains(day) {
			refs = append(refs, caseRef(c, day, caseNote(c)))
		}
	}
	sort.SliceStable(refs, func(i, j int) bool { return refs[i].Date.Before(refs[j].Date) })
	return count(key, label, "件", refs)
}

// caseNote says in a few words what the case decided, for the lists behind figures.
func caseNote(c domain.Case) string {
	d := c.Decision
	switch {
	case d.NotDecidedReason != "":
		return d.NotDecidedReason
	case len(d.Kinds) > 0:
		note := domain.PenaltyLabels(d.Kinds)
		if len(d.Kinds) > 1 {
			note += "（按" + domain.Heaviest(d.Kinds).Label() + "计）"
		}
		if d.Fine+d.Confiscation > 0 {
			note += "，罚没 " + (d.Fine + d.Confiscation).String() + " 元"
		}
		return note
	}
	return d.Summary
}

// sumCases makes an amount figure: the sum of amount over the cases f picks in p.
func sumCases(d *Data, p Period, key, label string, f caseFilter, amount func(domain.Case) domain.Money) Figure {
	var total domain.Money
	var refs []Ref
	for _, c := range d.Cases {
		day, ok := f(c)
		if !ok || !p.Contains(day) {
			continue
		}
		if m := amount(c); m != 0 {
			total += m
			refs = append(refs, caseRef(c, day, m.String()+" 元"))
		}
	}
	return Figure{Key: key, Label: label, Value: total.Yuan(), Unit: "元", Refs: refs}
}

// Case filters.

func opened(c domain.Case) (domain.Date, bool) { return c.Opened, !c.Opened.IsZero() }

func decided(c domain.Case) (domain.Date, bool) { return c.Decision.Date, c.Decision.Decided() }

func closedWithoutDecision(c domain.Case) (domain.Date, bool) {
	return c.Closed, c.Decision.NotDecidedReason != "" && !c.Closed.IsZero()
}

func closed(c domain.Case) (domain.Date, bool) { return c.Closed, !c.Closed.IsZero() }

func ofType(t domain.ActType, f caseFilter) caseFilter {
	return func(c domain.Case) (domain.Date, bool) {
		if c.Type != t {
			return domain.Date{}, false
		}
		return f(c)
	}
}

func and(f caseFilter, cond func(domain.Case) bool) caseFilter {
	return func(c domain.Case) (domain.Date, bool) {
		day, ok := f(c)
		return day, ok && cond(c)
	}
}

// stageDone places a case on the day stage was (last) completed.
func stageDone(stage domain.Stage) caseFilter {
	return func(c domain.Case) (domain.Date, bool) {
		r, ok := c.Completed(stage)
		return r.Date, ok
	}
}

// mainTypes are the act types of the six tables of the annual report.
var mainTypes = []domain.ActType{domain.ActLicensing, domain.ActPenalty, domain.ActCoercion,
	domain.ActLevy, domain.ActRequisition, domain.ActInspection}

// The 总体情况 table: registrations, decisions by type, cases closed without a decision,
// and the cases still in hand at the end of the period.
var _ = addSection("overview", 0, func(d *Data, p Period, asOf domain.Date) (Table, []Chart) {
	t := Table{Title: "总体情况", Note: "按受理、决定、结案日期计入期间"}
	t.Figures = append(t.Figures, countCases(d, p, "cases.opened", "受理登记", opened))
	t.Figures = append(t.Figures, countCases(d, p, "cases.decided", "作出决定", decided))
	for _, at := range domain.AllActTypes {
		f := withLevel(countCases(d, p, "cases.decided."+string(at), at.Label(), ofType(at, decided)), 1)
		if f.Value > 0 || isMain(at) {
			t.Figures = append(t.Figures, f)
		}
	}
	t.Figures = append(t.Figures,
		countCases(d, p, "cases.notdecided", "未作决定结案（不予立案、撤销立案、不予处罚等）", closedWithoutDecision),
		countCases(d, p, "cases.closed", "结案", closed),
		countCases(d, p, "cases.hearings", "举行听证", stageDone(domain.StageHearing)),
	)
	var pending, overdue []Ref
	for _, c := range d.Cases {
		if c.Opened.IsZero() || c.Opened.After(asOf) || !c.Closed.IsZero() && !c.Closed.After(asOf) {
			continue
		}
		pending = append(pending, caseRef(c, c.Opened, "受理于 "+c.Opened.String()))
		if late, why := c.Overdue(asOf); late {
			overdue = append(overdue, caseRef(c, c.Opened, why))
		}
	}
	t.Figures = append(t.Figures, count("cases.pending", "期末办理中（截至"+chineseDate(asOf)+"）", "件", pending),
		withLevel(warnIf(count("cases.pending.overdue", "超过办理期限", "件", overdue), len(overdue) > 0, "请尽快办结"), 1))
	return t, []Chart{monthlyChart(d, p)}
})

func isMain(t domain.ActType) bool {
	for _, m := range mainTypes {
		if m == t {
			return true
		}
	}
	return false
}

// monthlyChart is the decisions of each month by type (the six main types that occur).
func monthlyChart(d *Data, p Period) Chart {
	months := p.Months()
	ch := Chart{Key: "chart.monthly", Title: "各月作出决定数（按执法类别）", Kind: ChartBars, Stacked: true}
	for _, m := range months {
		if len(months) > 12 || p.From.Year != p.To.Year {
			ch.Labels = append(ch.Labels, fmt.Sprintf("%d.%d", m.Year%100, int(m.Month)))
		} else {
			ch.Labels = append(ch.Labels, fmt.Sprintf("%d月", int(m.Month)))
		}
	}
	for _, at := range mainTypes {
		values := make([]float64, len(months))
		any := false
		for _, c := range d.Cases {
			if day, ok := decided(c); ok && c.Type == at && p.Contains(day) {
				values[p.monthIndex(day)]++
				any = true
			}
		}
		if any {
			ch.Series = append(ch.Series, Series{Name: at.Short(), Values: values})
		}
	}
	return ch
}

// The 行政许可 table.
var _ = addSection("licensing", 10, func(d *Data, p Period, asOf domain.Date) (Table, []Chart) {
	lic := domain.ActLicensing
	t := Table{Title: "行政许可", Note: "“不予许可”按决定内容中的“不予”识别"}
	t.Figures = []Figure{
		countCases(d, p, "licensing.accepted", "受理申请", ofType(lic, opened)),
		countCases(d, p, "licensing.decided", "作出许可决定", ofType(lic, decided)),
		withLevel(countCases(d, p, "licensing.granted", "准予许可", and(ofType(lic, decided), func(c domain.Case) bool { return !LicenceRefused(c.Decision) })), 1),
		withLevel(countCases(d, p, "licensing.refused", "不予许可", and(ofType(lic, decided), func(c domain.Case) bool { return LicenceRefused(c.Decision) })), 1),
		countCases(d, p, "licensing.withdrawn", "未作决定结案（不予受理、申请人撤回等）", ofType(lic, closedWithoutDecision)),
	}
	return t, nil
})

// LicenceRefused reports whether a licensing decision refused the licence: the decision
// says 不予 (不予许可, 不予行政许可).
func LicenceRefused(d domain.Decision) bool {
	return strings.Contains(d.Summary, "不予") || strings.Contains(d.Summary, "不准予")
}

// The 行政处罚 table: decisions, each counted once under its heaviest penalty kind
// (DOMAIN.md §1.4), the amounts, the procedures and the hearings.
var _ = addSection("penalty", 20, func(d *Data, p Period, asOf domain.Date) (Table, []Chart) {
	pen := domain.ActPenalty
	decidedPenalty := and(ofType(pen, decided), func(c domain.Case) bool { return len(c.Decision.Kinds) > 0 })
	t := Table{Title: "行政处罚", Note: "同时给予几种处罚的，按其中最重的一种计一件"}
	t.Figures = append(t.Figures, countCases(d, p, "penalty.decided", "作出处罚决定", decidedPenalty))
	pie := Chart{Key: "chart.penalty.kinds", Title: "处罚种类构成（按最重处罚计）", Kind: ChartPie, Series: []Series{{Name: "件数"}}}
	for _, k := range domain.AllPenaltyKinds {
		f := withLevel(countCases(d, p, fmt.Sprintf("penalty.kind.%d", k), k.Label(), and(decidedPenalty, func(c domain.Case) bool {
			return domain.Heaviest(c.Decision.Kinds) == k
		})), 1)
		t.Figures = append(t.Figures, f)
		if f.Value > 0 {
			pie.Labels = append(pie.Labels, k.Label())
			pie.Series[0].Values = append(pie.Series[0].Values, f.Value)
		}
	}
	fine := sumCases(d, p, "penalty.fine", "罚款金额", decidedPenalty, func(c domain.Case) domain.Money { return c.Decision.Fine })
	conf := sumCases(d, p, "penalty.confiscation", "没收违法所得、非法财物金额", decidedPenalty, func(c domain.Case) domain.Money { return c.Decision.Confiscation })
	both := sumCases(d, p, "penalty.amount", "罚没金额合计", decidedPenalty, func(c domain.Case) domain.Money { return c.Decision.Fine + c.Decision.Confiscation })
	t.Figures = append(t.Figures, fine, conf, both,
		countCases(d, p, "penalty.simple", "简易程序", and(decidedPenalty, func(c domain.Case) bool { return c.Procedure == domain.ProcedureSimple })),
		countCases(d, p, "penalty.general", "普通程序", and(decidedPenalty, func(c domain.Case) bool { return c.Procedure == domain.ProcedureGeneral })),
		countCases(d, p, "penalty.hearing", "经听证作出决定", and(decidedPenalty, func(c domain.Case) bool { return c.Decision.HearingHeld })),
		countCases(d, p, "penalty.none", "不予处罚、不予立案、撤销立案", ofType(pen, closedWithoutDecision)),
	)
	var charts []Chart
	if len(pie.Labels) > 0 {
		charts = append(charts, pie)
	}
	return t, charts
})

// coercionKinds are the measures of 行政强制, recognised in the decision's wording.
var coercionKinds = []string{"查封", "扣押", "冻结", "强制执行"}

// CoercionKind names the measure a coercion decision took, from its wording; 其他 when none.
func CoercionKind(d domain.Decision) string {
	for _, k := range coercionKinds {
		if strings.Contains(d.Summary, k) {
			return k
		}
	}
	return "其他"
}

// The 行政强制 table.
var _ = addSection("coercion", 30, func(d *Data, p Period, asOf domain.Date) (Table, []Chart) {
	co := domain.ActCoercion
	t := Table{Title: "行政强制", Note: "措施种类按决定内容识别（查封、扣押、冻结、强制执行）"}
	t.Figures = append(t.Figures, countCases(d, p, "coercion.decided", "作出行政强制决定", ofType(co, decided)))
	for _, k := range append(append([]string(nil), coercionKinds...), "其他") {
		t.Figures = append(t.Figures, withLevel(countCases(d, p, "coercion.kind."+k, k,
			and(ofType(co, decided), func(c domain.Case) bool { return CoercionKind(c.Decision) == k })), 1))
	}
	t.Figures = append(t.Figures, countCases(d, p, "coercion.notdecided", "未作决定结案", ofType(co, closedWithoutDecision)))
	return t, nil
})

// The 行政征收 and 行政征用 tables.
var _ = addSection("levy", 40, func(d *Data, p Period, asOf domain.Date) (Table, []Chart) {
	lv := domain.ActLevy
	return Table{Title: "行政征收", Figures: []Figure{
		countCases(d, p, "levy.decided", "作出征收决定", ofType(lv, decided)),
		sumCases(d, p, "levy.amount", "涉及金额", ofType(lv, decided), func(c domain.Case) domain.Money { return c.Amount }),
		countCases(d, p, "levy.notdecided", "未作决定结案", ofType(lv, closedWithoutDecision)),
	}}, nil
})

var _ = addSection("requisition", 50, func(d *Data, p Period, asOf domain.Date) (Table, []Chart) {
	rq := domain.ActRequisition
	return Table{Title: "行政征用", Figures: []Figure{
		countCases(d, p, "requisition.decided", "作出征用决定", ofType(rq, decided)),
		sumCases(d, p, "requisition.amount", "涉及金额", ofType(rq, decided), func(c domain.Case) domain.Money { return c.Amount }),
		countCases(d, p, "requisition.notdecided", "未作决定结案", ofType(rq, closedWithoutDecision)),
	}}, nil
})

// inspected places an inspection on the day of its on-site check (or its registration
// when none was recorded).
func inspected(c domain.Case) (domain.Date, bool) {
	if c.Type != domain.ActInspection {
		return domain.Date{}, false
	}
	if r, ok := c.Completed(domain.StageOnSite); ok {
		return r.Date, true
	}
	return opened(c)
}

// The 行政检查 table.
var _ = addSection("inspection", 60, func(d *Data, p Period, asOf domain.Date) (Table, []Chart) {
	random := func(c domain.Case) bool { return d.Matters[c.MatterID].RandomInspection }
	t := Table{Title: "行政检查", Note: "按现场检查日期计入期间；随机抽查指“随机抽查事项清单”中的事项"}
	t.Figures = []Figure{
		countCases(d, p, "inspection.count", "实施检查", inspected),
		withLevel(countCases(d, p, "inspection.random", "随机抽查", and(inspected, random)), 1),
		countCases(d, p, "inspection.decided", "作出检查结论", ofType(domain.ActInspection, decided)),
	}
	return t, nil
})

// The 案卷归档 table: dossiers archived within 30 days of closing, or late, and those
// waiting at the end of the period.
var _ = addSection("dossiers", 70, func(d *Data, p Period, asOf domain.Date) (Table, []Chart) {
	archived := func(c domain.Case) (domain.Date, bool) { return c.Archived, !c.Archived.IsZero() }
	onTime := func(c domain.Case) bool { return !c.Archived.After(c.ArchiveDue()) }
	t := Table{Title: "案卷归档", Note: fmt.Sprintf("结案后 %d 日内归档为按期", domain.ArchiveWithinDays)}
	t.Figures = []Figure{
		countCases(d, p, "dossiers.archived", "归档案卷", archived),
		withLevel(countCases(d, p, "dossiers.ontime", "按期归档", and(archived, onTime)), 1),
		withLevel(countCases(d, p, "dossiers.late", "逾期归档", and(archived, func(c domain.Case) bool { return !onTime(c) })), 1),
	}
	var waiting, overdue []Ref
	for _, c := range d.Cases {
		if c.Closed.IsZero() || c.Closed.After(asOf) || !c.Archived.IsZero() && !c.Archived.After(asOf) {
			continue
		}
		waiting = append(waiting, caseRef(c, c.Closed, "应于 "+c.ArchiveDue().String()+" 前归档"))
		if asOf.After(c.ArchiveDue()) {
			overdue = append(overdue, caseRef(c, c.Closed, "已超过归档期限 "+c.ArchiveDue().String()))
		}
	}
	t.Figures = append(t.Figures, count("dossiers.waiting", "期末已结案待归档（截至"+chineseDate(asOf)+"）", "件", waiting),
		withLevel(warnIf(count("dossiers.overdue", "已超过归档期限", "件", overdue), len(overdue) > 0, "请尽快归档"), 1))
	return t, nil
})
