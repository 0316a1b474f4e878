package report_test

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/demo"
	"lawdesk/internal/domain"
	"lawdesk/internal/report"
	"lawdesk/internal/store"
)

// spec is one case of the statistics fixture, written the way a clerk would tell it.
type spec struct {
	t         domain.ActType
	proc      domain.Procedure
	opened    string
	decided   string // decision date, "" when none
	kinds     []domain.PenaltyKind
	fine      domain.Money
	conf      domain.Money
	amount    domain.Money
	summary   string
	notReason string // closed without a decision
	closed    string
	archived  string
	hearing   string // day the hearing was held
	onsite    string // day of the on-site check
	random    bool   // on the random-inspection matter
	person    bool
}

// fixtureCases cover every table, the combined-penalty rule and the year boundary.
var fixtureCases = []spec{
	// penalties of 2025
	{t: domain.ActPenalty, proc: domain.ProcedureGeneral, opened: "2025-02-10", decided: "2025-04-01", kinds: []domain.PenaltyKind{domain.PenaltyWarning, domain.PenaltyFine}, fine: 500000, closed: "2025-04-20", archived: "2025-05-10"},
	{t: domain.ActPenalty, proc: domain.ProcedureGeneral, opened: "2025-03-01", decided: "2025-05-12", kinds: []domain.PenaltyKind{domain.PenaltyFine, domain.PenaltyConfiscateGains, domain.PenaltyRevokeLicence}, fine: 2000000, conf: 356050, hearing: "2025-05-02", closed: "2025-06-01", archived: "2025-08-15"},
	{t: domain.ActPenalty, proc: domain.ProcedureSimple, opened: "2025-06-03", decided: "2025-06-03", kinds: []domain.PenaltyKind{domain.PenaltyWarning}, closed: "2025-06-03", archived: "2025-06-20", person: true},
	{t: domain.ActPenalty, proc: domain.ProcedureSimple, opened: "2025-07-15", decided: "2025-07-15", kinds: []domain.PenaltyKind{domain.PenaltyFine}, fine: 20000, closed: "2025-07-16", person: true},
	{t: domain.ActPenalty, proc: domain.ProcedureGeneral, opened: "2025-08-01", decided: "2025-10-09", kinds: []domain.PenaltyKind{domain.PenaltyConfiscateProperty, domain.PenaltyFine}, fine: 1000000, conf: 80000},
	{t: domain.ActPenalty, proc: domain.ProcedureGeneral, opened: "2025-09-01", decided: "2025-12-31", kinds: []domain.PenaltyKind{domain.PenaltyStopProduction, domain.PenaltyFine, domain.PenaltyWarning}, fine: 5000000},
	{t: domain.ActPenalty, proc: domain.ProcedureGeneral, opened: "2025-09-20", notReason: "违法事实不能成立，不予行政处罚", closed: "2025-11-03"},
	// a penalty of 1 January 2026: not in 2025
	{t: domain.ActPenalty, proc: domain.ProcedureGeneral, opened: "2025-11-11", decided: "2026-01-01", kinds: []domain.PenaltyKind{domain.PenaltyFine}, fine: 300000},
	// a penalty of 2024, archived in 2025 late
	{t: domain.ActPenalty, proc: domain.ProcedureGeneral, opened: "2024-10-01", decided: "2024-12-20", kinds: []domain.PenaltyKind{domain.PenaltyWarning}, closed: "2024-12-30", archived: "2025-03-15"},
	// still open at the end of 2025, filed in 2025
	{t: domain.ActPenalty, proc: domain.ProcedureGeneral, opened: "2025-12-01"},

	// licensing
	{t: domain.ActLicensing, proc: domain.ProcedureGeneral, opened: "2025-01-06", decided: "2025-01-20", summary: "准予行政许可", closed: "2025-01-25", archived: "2025-02-10"},
	{t: domain.ActLicensing, proc: domain.ProcedureGeneral, opened: "2025-04-02", decided: "2025-04-18", summary: "准予许可，核发食品经营许可证", closed: "2025-04-20"},
	{t: domain.ActLicensing, proc: domain.ProcedureGeneral, opened: "2025-05-05", decided: "2025-05-30", summary: "不予行政许可：经营场所不符合要求", closed: "2025-06-02"},
	{t: domain.ActLicensing, proc: domain.ProcedureGeneral, opened: "2025-12-29", notReason: "申请人撤回申请", closed: "2025-12-31"},
	{t: domain.ActLicensing, proc: domain.ProcedureGeneral, opened: "2025-12-30", decided: "2026-01-04", summary: "准予行政许可"},

	// coercion
	{t: domain.ActCoercion, proc: domain.ProcedureGeneral, opened: "2025-03-10", decided: "2025-03-10", summary: "查封涉案场所"},
	{t: domain.ActCoercion, proc: domain.ProcedureGeneral, opened: "2025-06-10", decided: "2025-06-11", summary: "扣押过期食品 120 箱"},
	{t: domain.ActCoercion, proc: domain.ProcedureGeneral, opened: "2025-09-10", decided: "2025-09-12", summary: "责令暂停销售"},

	// levy and requisition
	{t: domain.ActLevy, proc: domain.ProcedureGeneral, opened: "2025-05-01", decided: "2025-05-20", amount: 1234500, summary: "征收"},
	{t: domain.ActRequisition, proc: domain.ProcedureGeneral, opened: "2025-08-01", decided: "2025-08-02", amount: 50000, summary: "征用车辆"},

	// inspections
	{t: domain.ActInspection, proc: domain.ProcedureGeneral, opened: "2025-03-03", onsite: "2025-03-04", decided: "2025-03-10", summary: "检查合格", random: true},
	{t: domain.ActInspection, proc: domain.ProcedureGeneral, opened: "2025-06-03", onsite: "2025-06-05", decided: "2025-06-12", summary: "责令改正"},
	{t: domain.ActInspection, proc: domain.ProcedureGeneral, opened: "2025-12-31", onsite: "2025-12-31", random: true},
	{t: domain.ActInspection, proc: domain.ProcedureGeneral, opened: "2025-12-30", onsite: "2026-01-01", random: true},
	{t: domain.ActInspection, proc: domain.ProcedureGeneral, opened: "2025-07-07", random: true},

	// another type
	{t: domain.ActConfirm, proc: domain.ProcedureGeneral, opened: "2025-02-02", decided: "2025-02-03", summary: "确认"},
}

func day(s string) domain.Date {
	if s == "" {
		return domain.Date{}
	}
	d, err := domain.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// addFixtureCases stores the fixture cases (as records arriving from earlier years would,
// complete with their history).
func addFixtureCases(t testing.TB, st *store.Store, specs []spec) {
	t.Helper()
	random, err := st.SaveMatter(store.Change{Actor: "admin"}, domain.Matter{Name: "食品经营者监督检查", Type: domain.ActInspection,
		LegalBasis: "《中华人民共和国食品安全法》第一百一十条", RandomInspection: true})
	if err != nil {
		t.Fatal(err)
	}
	seq := map[string]int{}
	for i, s := range specs {
		c := domain.Case{Type: s.t, Procedure: s.proc, Source: domain.SourceInspection, MatterName: "测试事项",
			Party:  domain.Party{Kind: domain.PartyOrganisation, Name: fmt.Sprintf("青山县第%d食品店", i+1)},
			Opened: day(s.opened), Closed: day(s.closed), Archived: day(s.archived), Amount: s.amount,
			OfficerIDs: []uint64{1, 2}, HandlingUnit: "城关市场监管所", Retention: domain.RetentionPermanent, Stage: domain.StageAccept}
		if s.person {
			c.Party = domain.Party{Kind: domain.PartyPerson, Name: "张三丰", IDNumber: "520201199001011234"}
		}
		if s.random {
			c.MatterID, c.MatterName = random.ID, random.Name
		}
		year := c.Opened.Year
		seq[fmt.Sprint(year, s.t)]++
		c.Number = fmt.Sprintf("测市监%s〔%d〕%d号", s.t.Short(), year, seq[fmt.Sprint(year, s.t)])
		if s.onsite != "" {
			c.History = append(c.History, domain.StageRecord{Stage: domain.StageOnSite, Date: day(s.onsite), OfficerID: 1})
		}
		if s.hearing != "" {
			c.History = append(c.History, domain.StageRecord{Stage: domain.StageHearing, Date: day(s.hearing), OfficerID: 1})
		}
		if s.decided != "" {
			c.Decision = domain.Decision{Kinds: s.kinds, Fine: s.fine, Confiscation: s.conf, Date: day(s.decided),
				Summary: s.summary, DocNumber: c.Number, HearingHeld: s.hearing != ""}
			c.History = append(c.History, domain.StageRecord{Stage: domain.StageDecide, Date: day(s.decided), OfficerID: 1})
			c.Stage = domain.StageServe
		}
		if s.notReason != "" {
			c.Decision = domain.Decision{NotDecidedReason: s.notReason}
		}
		if !c.Closed.IsZero() {
			c.Stage = domain.StageArchive
		}
		if _, err := st.CreateCase(store.Change{Actor: "admin"}, c, nil); err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
	}
}

// allCases reads every case back the simplest way: page through the whole store.
func allCases(t testing.TB, st *store.Store) []domain.Case {
	var out []domain.Case
	q := store.CaseQuery{Limit: 500}
	for {
		page, err := st.Cases(q)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page.Cases...)
		if page.Next == 0 {
			return out
		}
		q.Before = page.Next
	}
}

// expected recounts every case figure straight from the cases, independently of the
// report package: one plain loop and an if per figure.
func expected(cases []domain.Case, matters map[uint64]bool, from, to domain.Date, asOf domain.Date) map[string]float64 {
	in := func(d domain.Date) bool { return !d.IsZero() && !d.Before(from) && !d.After(to) }
	want := map[string]float64{}
	inc := func(key string, v float64) { want[key] += v }
	for _, k := range []string{"cases.opened", "cases.decided", "cases.notdecided", "cases.closed", "cases.hearings",
		"cases.pending", "cases.pending.overdue", "licensing.accepted", "licensing.decided", "licensing.granted",
		"licensing.refused", "licensing.withdrawn", "penalty.decided", "penalty.fine", "penalty.confiscation",
		"penalty.amount", "penalty.simple", "penalty.general", "penalty.hearing", "penalty.none", "coercion.decided",
		"coercion.notdecided", "levy.decided", "levy.amount", "requisition.decided", "requisition.amount",
		"inspection.count", "inspection.random", "inspection.decided", "dossiers.archived", "dossiers.ontime",
		"dossiers.late", "dossiers.waiting", "dossiers.overdue"} {
		want[k] = 0
	}
	for _, k := range domain.AllPenaltyKinds {
		want[fmt.Sprintf("penalty.kind.%d", k)] = 0
	}
	for _, k := range []string{"查封", "扣押", "冻结", "强制执行", "其他"} {
		want["coercion.kind."+k] = 0
	}
	for _, c := range cases {
		dec := c.Decision
		decidedIn := !dec.Date.IsZero() && in(dec.Date)
		if in(c.Opened) {
			inc("cases.opened", 1)
		}
		if decidedIn {
			inc("cases.decided", 1)
			inc("cases.decided."+string(c.Type), 1)
		}
		if dec.NotDecidedReason != "" && in(c.Closed) {
			inc("cases.notdecided", 1)
		}
		if in(c.Closed) {
			inc("cases.closed", 1)
		}
		for _, h := range c.History {
			if h.Stage == domain.StageHearing && in(h.Date) {
				inc("cases.hearings", 1)
			}
		}
		if !c.Opened.After(asOf) && (c.Closed.IsZero() || c.Closed.After(asOf)) {
			inc("cases.pending", 1)
			if late, _ := c.Overdue(asOf); late {
				inc("cases.pending.overdue", 1)
			}
		}
		switch c.Type {
		case domain.ActLicensing:
			if in(c.Opened) {
				inc("licensing.accepted", 1)
			}
			if decidedIn {
				inc("licensing.decided", 1)
				if strings.Contains(dec.Summary, "不予") {
					inc("licensing.refused", 1)
				} else {
					inc("licensing.granted", 1)
				}
			}
			if dec.NotDecidedReason != "" && in(c.Closed) {
				inc("licensing.withdrawn", 1)
			}
		case domain.ActPenalty:
			if decidedIn && len(dec.Kinds) > 0 {
				inc("penalty.decided", 1)
				heaviest := slices.Max(dec.Kinds)
				inc(fmt.Sprintf("penalty.kind.%d", heaviest), 1)
				inc("penalty.fine", dec.Fine.Yuan())
				inc("penalty.confiscation", dec.Confiscation.Yuan())
				inc("penalty.amount", (dec.Fine + dec.Confiscation).Yuan())
				inc("penalty."+string(c.Procedure), 1)
				if dec.HearingHeld {
					inc("penalty.hearing", 1)
				}
			}
			if dec.NotDecidedReason != "" && in(c.Closed) {
				inc("penalty.none", 1)
			}
		case domain.ActCoercion:
			if decidedIn {
				inc("coercion.decided", 1)
				kind := "其他"
				for _, k := range []string{"查封", "扣押", "冻结", "强制执行"} {
					if strings.Contains(dec.Summary, k) {
						kind = k
						break
					}
				}
				inc("coercion.kind."+kind, 1)
			}
			if dec.NotDecidedReason != "" && in(c.Closed) {
				inc("coercion.notdecided", 1)
			}
		case domain.ActLevy, domain.ActRequisition:
			if decidedIn {
				inc(string(c.Type)+".decided", 1)
				inc(string(c.Type)+".amount", c.Amount.Yuan())
			}
		case domain.ActInspection:
			when := c.Opened
			for _, h := range c.History {
				if h.Stage == domain.StageOnSite {
					when = h.Date
				}
			}
			if in(when) {
				inc("inspection.count", 1)
				if matters[c.MatterID] {
					inc("inspection.random", 1)
				}
			}
			if decidedIn {
				inc("inspection.decided", 1)
			}
		}
		if in(c.Archived) {
			inc("dossiers.archived", 1)
			if c.Archived.After(c.Closed.AddDays(30)) {
				inc("dossiers.late", 1)
			} else {
				inc("dossiers.ontime", 1)
			}
		}
		if !c.Closed.IsZero() && !c.Closed.After(asOf) && (c.Archived.IsZero() || c.Archived.After(asOf)) {
			inc("dossiers.waiting", 1)
			if asOf.After(c.Closed.AddDays(30)) {
				inc("dossiers.overdue", 1)
			}
		}
	}
	return want
}

func statsStore(t testing.TB) (*store.Store, *clock) {
	st, c := yearStore(t)
	addFixtureCases(t, st, fixtureCases)
	return st, c
}

func randomMatters(t testing.TB, st *store.Store) map[uint64]bool {
	ms, err := st.Matters()
	if err != nil {
		t.Fatal(err)
	}
	out := map[uint64]bool{}
	for _, m := range ms {
		out[m.ID] = m.RandomInspection
	}
	return out
}

// TestEveryFigureMatchesAnIndependentCount checks every case figure of several periods
// against a plain recount, and each figure's list of cases against its number.
func TestEveryFigureMatchesAnIndependentCount(t *testing.T) {
	st, _ := statsStore(t)
	sess := admin(t, st)
	cases := allCases(t, st)
	q3, _ := report.Custom(day("2025-07-01"), day("2025-09-30"))
	for _, p := range []report.Period{report.Year(2025), report.Year(2026), report.Year(2024), report.Quarter(2025, 4),
		report.Month(2025, time.December), report.Month(2026, time.January), q3} {
		t.Run(p.Label(), func(t *testing.T) {
			stats, err := report.New(st).Statistics(sess, p)
			if err != nil {
				t.Fatal(err)
			}
			want := expected(cases, randomMatters(t, st), p.From, p.To, stats.AsOf)
			checked := 0
			for key, v := range want {
				f, ok := stats.Figure(key)
				if !ok {
					if strings.HasPrefix(key, "cases.decided.") {
						continue // types outside the six tables are listed only when they occur
					}
					t.Errorf("figure %s is missing", key)
					continue
				}
				if diff := f.Value - v; diff > 0.001 || diff < -0.001 {
					t.Errorf("%s (%s) = %v, independent count %v", key, f.Label, f.Value, v)
				}
				checked++
			}
			for _, tb := range stats.Tables {
				for _, f := range tb.Figures {
					if f.Unit == "件" && len(f.Refs) != int(f.Value) {
						t.Errorf("%s: %v but lists %d cases", f.Key, f.Value, len(f.Refs))
					}
				}
			}
			if checked < 40 {
				t.Errorf("only %d figures checked", checked)
			}
		})
	}
}

// TestDemoFiguresMatchAnIndependentCount runs the same recount over the demo office (its
// own cases and officers) with the fixture cases added, and checks the officer figures
// against a plain count of the officer list.
func TestDemoFiguresMatchAnIndependentCount(t *testing.T) {
	c := &clock{at(2025, 12, 20, 9, 0, 0)}
	st, err := store.Open(filepath.Join(t.TempDir(), "demo"), store.Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Create(st, "demo1234"); err != nil {
		t.Fatal(err)
	}
	addFixtureCases(t, st, fixtureCases)
	c.t = at(2026, 1, 12, 9, 0, 0)
	cases := allCases(t, st)
	stats, err := report.New(st).Statistics(admin(t, st), report.Year(2025))
	if err != nil {
		t.Fatal(err)
	}
	want := expected(cases, randomMatters(t, st), stats.Period.From, stats.Period.To, stats.AsOf)
	for key, v := range want {
		if f, ok := stats.Figure(key); ok && math.Abs(f.Value-v) > 0.001 {
			t.Errorf("%s (%s) = %v, independent count %v", key, f.Label, f.Value, v)
		} else if !ok && !strings.HasPrefix(key, "cases.decided.") {
			t.Errorf("figure %s is missing", key)
		}
	}
	demoDecided := 0
	for _, c := range cases {
		if !strings.HasPrefix(c.Number, "测") && c.Decision.Date.Year == 2025 {
			demoDecided++
		}
	}
	if demoDecided == 0 {
		t.Error("the demo has no decisions in 2025: the test would not check the demo's cases")
	}
	// publications, counted from the stored entries
	pubs, _ := st.Publications()
	in := func(d domain.Date) bool { return !d.IsZero() && d.Year == 2025 }
	pubWant := map[string]float64{}
	for _, pb := range pubs {
		if in(pb.PublishedOn) {
			pubWant["publications.published"]++
			if pb.PublishedOn.After(pb.Due) {
				pubWant["publications.late"]++
			} else {
				pubWant["publications.ontime"]++
			}
		}
		if in(pb.Withdrawal.DoneOn) {
			pubWant["publications.withdrawn"]++
			if pb.Withdrawal.DoneOn.After(pb.Withdrawal.Due) {
				pubWant["publications.withdrawn.late"]++
			}
		}
		if pb.NotPublicReason != "" && in(pb.DecisionDate) {
			pubWant["publications.notpublic"]++
		}
	}
	if pubWant["publications.published"] == 0 || pubWant["publications.withdrawn"] == 0 {
		t.Errorf("the demo has no publications or withdrawals in 2025: %v", pubWant)
	}
	for _, key := range []string{"publications.published", "publications.ontime", "publications.late", "publications.withdrawn",
		"publications.withdrawn.late", "publications.notpublic"} {
		if f, ok := stats.Figure(key); !ok || f.Value != pubWant[key] {
			t.Errorf("%s = %v, independent count %v", key, f.Value, pubWant[key])
		}
	}

	// recordings made in 2025, from the recording store directly
	recs, err := st.Recordings(store.RecordingFilter{Deleted: true})
	if err != nil {
		t.Fatal(err)
	}
	recWant := map[string]float64{}
	for _, r := range recs {
		when := r.Captured
		if when.IsZero() {
			when = r.Imported
		}
		if when.In(time.Local).Year() != 2025 {
			continue
		}
		recWant["recordings.count"]++
		recWant["recordings.kind."+string(r.Kind)]++
		recWant["recordings.hours"] += r.Duration.Hours()
		if r.Imported.Sub(r.Captured) > 24*time.Hour {
			recWant["recordings.late"]++
			if r.LateReason != "" {
				recWant["recordings.late.explained"]++
			}
		}
		if r.CaseID == 0 && !r.Deleted {
			recWant["recordings.unassigned"]++
		}
	}
	matters, _ := st.Matters()
	for _, c := range cases {
		if c.Closed.Year != 2025 {
			continue
		}
		var m *domain.Matter
		for i := range matters {
			if matters[i].ID == c.MatterID {
				m = &matters[i]
			}
		}
		caseRecs, _ := st.Recordings(store.RecordingFilter{CaseID: c.ID})
		for _, stage := range domain.MustRecordStages(c, m) {
			_, done := c.Completed(stage)
			covered := false
			for _, r := range caseRecs {
				covered = covered || r.Stage == stage
			}
			if (done || c.Stage == stage) && !covered {
				recWant["recordings.missing"]++
				break
			}
		}
	}
	t.Logf("recordings: %v", recWant)
	if recWant["recordings.count"] == 0 {
		t.Error("the demo has no recordings in 2025: the recording figures are not checked")
	}
	for _, key := range []string{"recordings.count", "recordings.kind.video", "recordings.kind.photo", "recordings.kind.audio",
		"recordings.hours", "recordings.late", "recordings.late.explained", "recordings.unassigned", "recordings.missing"} {
		if f, ok := stats.Figure(key); !ok || math.Abs(f.Value-recWant[key]) > 0.0001 {
			t.Errorf("%s = %v, independent count %v", key, f.Value, recWant[key])
		}
	}

	// 双随机 tasks, straight from the task list
	tasks, err := st.InspectionTasks()
	if err != nil {
		t.Fatal(err)
	}
	spotWant := map[string]float64{}
	for _, task := range tasks {
		if len(task.Draws) > 0 && task.Draws[len(task.Draws)-1].At.In(time.Local).Year() == 2025 {
			spotWant["spotchecks.drawn"]++
		}
		if task.Done.Year == 2025 {
			spotWant["spotchecks.done"]++
		}
		if task.Public.On.Year == 2025 {
			spotWant["spotchecks.published"]++
		}
		for _, r := range task.Results {
			if r.Date.Year == 2025 {
				spotWant["spotchecks.inspected"]++
				spotWant["spotchecks.finding."+string(r.Finding)]++
			}
		}
	}
	t.Logf("spot checks: %v", spotWant)
	if spotWant["spotchecks.inspected"] == 0 {
		t.Error("the demo has no spot-check results in 2025: the figures are not checked")
	}
	for _, key := range []string{"spotchecks.drawn", "spotchecks.done", "spotchecks.published", "spotchecks.inspected",
		"spotchecks.finding.none", "spotchecks.finding.corrected", "spotchecks.finding.case", "spotchecks.finding.unreachable", "spotchecks.finding.notrunning"} {
		if f, ok := stats.Figure(key); !ok || f.Value != spotWant[key] {
			t.Errorf("%s = %v, independent count %v", key, f.Value, spotWant[key])
		}
	}

	officers, _ := st.Officers()
	var onDuty, valid, reviewers float64
	for _, o := range officers {
		if o.Left {
			continue
		}
		onDuty++
		if o.CertNo != "" && !o.ValidUntil.Before(stats.AsOf) {
			valid++
		}
		if o.Reviewer {
			reviewers++
		}
	}
	for key, v := range map[string]float64{"people.officers": onDuty, "people.cert.valid": valid, "people.reviewers": reviewers,
		"people.reviewer.ratio": 100 * reviewers / math.Max(1, onDuty)} {
		if f, _ := stats.Figure(key); math.Abs(f.Value-v) > 0.001 {
			t.Errorf("%s = %v, independent count %v", key, f.Value, v)
		}
	}
}

// TestCombinedPenaltyAndYearBoundary spells out the two rules with numbers a person can
// check by hand against the fixture.
func TestCombinedPenaltyAndYearBoundary(t *testing.T) {
	st, _ := statsStore(t)
	stats, err := report.New(st).Statistics(admin(t, st), report.Year(2025))
	if err != nil {
		t.Fatal(err)
	}
	value := func(key string) float64 {
		f, ok := stats.Figure(key)
		if !ok {
			t.Fatalf("no figure %s", key)
		}
		return f.Value
	}
	kind := func(k domain.PenaltyKind) float64 { return value(fmt.Sprintf("penalty.kind.%d", k)) }
	// six penalty decisions dated in 2025 (the one of 1 January 2026 is not among them)
	if v := value("penalty.decided"); v != 6 {
		t.Errorf("penalty decisions of 2025 = %v, want 6", v)
	}
	// 警告+罚款 → 罚款; 罚款+没收违法所得+吊销 → 吊销; 警告 → 警告; 罚款 → 罚款;
	// 没收非法财物+罚款 → 没收非法财物; 责令停产停业+罚款+警告 (31 Dec) → 责令停产停业
	for k, want := range map[domain.PenaltyKind]float64{domain.PenaltyWarning: 1, domain.PenaltyFine: 2,
		domain.PenaltyConfiscateGains: 0, domain.PenaltyConfiscateProperty: 1, domain.PenaltyRevokeLicence: 1,
		domain.PenaltyStopProduction: 1} {
		if got := kind(k); got != want {
			t.Errorf("%s: %v, want %v", k.Label(), got, want)
		}
	}
	// amounts of the 2025 decisions only: 5,000 + 20,000 + 200 + 10,000 + 50,000 yuan
	if v := value("penalty.fine"); v != 85200 {
		t.Errorf("fines of 2025 = %v, want 85200", v)
	}
	if v := value("penalty.confiscation"); v != 4360.50 {
		t.Errorf("confiscations of 2025 = %v, want 4360.50", v)
	}
	next, _ := report.New(st).Statistics(admin(t, st), report.Year(2026))
	if f, _ := next.Figure("penalty.decided"); f.Value != 1 || f.Refs[0].Date != day("2026-01-01") {
		t.Errorf("2026 penalties: %+v", f)
	}
	// the inspection of 31 December is in 2025, the one of 1 January in 2026
	if v := value("inspection.count"); v != 5-1 {
		t.Errorf("inspections of 2025 = %v, want 4", v)
	}
	// random: 4 March, 7 July (registered, no on-site record), 31 December
	if v := value("inspection.random"); v != 3 {
		t.Errorf("random inspections of 2025 = %v, want 3", v)
	}
	if v := value("licensing.refused"); v != 1 {
		t.Errorf("licences refused = %v", v)
	}
	pie := stats.Charts[len(stats.Charts)-1]
	if pie.Kind != report.ChartPie || strings.Join(pie.Labels, "、") != "警告、罚款、没收非法财物、吊销许可证件、责令停产停业" {
		t.Errorf("pie of penalty kinds: %+v", pie)
	}
}

func TestPeriodBoundaries(t *testing.T) {
	y := report.Year(2025)
	for _, c := range []struct {
		t    time.Time
		want bool
	}{
		{time.Date(2025, 12, 31, 23, 59, 59, 0, time.Local), true},
		{time.Date(2026, 1, 1, 0, 0, 0, 0, time.Local), false},
		{time.Date(2025, 1, 1, 0, 0, 0, 0, time.Local), true},
		{time.Date(2024, 12, 31, 23, 59, 59, 999, time.Local), false},
	} {
		if got := y.ContainsTime(c.t, time.Local); got != c.want {
			t.Errorf("%v in 2025: %v", c.t, got)
		}
	}
	for _, c := range []struct {
		p        report.Period
		from, to string
		label    string
	}{
		{report.Quarter(2025, 1), "2025-01-01", "2025-03-31", "2025年第一季度"},
		{report.Quarter(2024, 4), "2024-10-01", "2024-12-31", "2024年第四季度"},
		{report.Month(2024, time.February), "2024-02-01", "2024-02-29", "2024年2月"},
		{report.Month(2025, time.December), "2025-12-01", "2025-12-31", "2025年12月"},
		{report.Year(2025), "2025-01-01", "2025-12-31", "2025年"},
	} {
		if c.p.From != day(c.from) || c.p.To != day(c.to) || c.p.Label() != c.label {
			t.Errorf("%s: %s – %s", c.p.Label(), c.p.From, c.p.To)
		}
	}
	if _, err := report.Custom(day("2025-05-01"), day("2025-04-30")); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("a period ending before it starts: %v", err)
	}
}
