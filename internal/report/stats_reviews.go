package report

import (
	"fmt"
	"sort"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

// The 法制审核 figures (DOMAIN.md §3): cases sent to review, the opinions given (by kind),
// the rounds, how long an opinion took in working days, rounds whose time limit passed
// without an opinion, the rounds waiting at the period's end, and the disagreements the
// office head settled. A case counts on the day it was first sent, an opinion on the day it
// was given, a round's lateness on the day its time limit ended, a coordination on the
// day it was asked for, a decision after coordination on its decision date.

// The reviews of the cases the statistics read (order 10): a review is asked for and
// answered while its case is in hand, so a review with anything dated in or after the
// period belongs to one of them, and the reviews of other years are not read at all.
var _ = addLoader(50, func(st *store.Store, d *Data, p Period) error {
	ids := make([]uint64, len(d.Cases))
	for i, c := range d.Cases {
		ids[i] = c.ID
	}
	var err error
	if d.Reviews, err = st.ReviewsOfCases(ids); err != nil {
		return err
	}
	// whole: the bundle asks a secret case's reason before it prints its opinion, and the
	// statistics index does not keep the secrecy
	d.ReviewCases = make(map[uint64]domain.Case, len(d.Reviews))
	for _, r := range d.Reviews {
		if d.ReviewCases[r.CaseID], err = st.Case(r.CaseID); err != nil {
			return err
		}
	}
	d.Calendar, err = st.Calendar()
	return err
})

// reviewRef describes a review by its case (so the list opens the case), with the party's
// name shortened for a natural person as in every list.
func (d *Data) reviewRef(r domain.Review, day domain.Date, note string) Ref {
	c, ok := d.ReviewCases[r.CaseID]
	if !ok {
		c = domain.Case{ID: r.CaseID, Number: r.CaseNo, Party: domain.Party{Name: r.Party}}
	}
	return caseRef(c, day, note)
}

// dayOf gives the office's civil dates of a round's submission and opinion (zero while
// the round waits for its opinion).
func (d *Data) dayOf(r domain.Round) (submitted, opinion domain.Date) {
	submitted = domain.DateOf(r.Submission.At.In(d.Loc))
	if r.Decided() {
		opinion = domain.DateOf(r.OpinionAt.In(d.Loc))
	}
	return submitted, opinion
}

// reviewDays is the working days from a round's submission to its opinion.
func (d *Data) reviewDays(r domain.Round) int {
	sub, op := d.dayOf(r)
	if d.Calendar == nil {
		return sub.DaysUntil(op)
	}
	return d.Calendar.WorkingDaysBetween(sub, op)
}

var _ = addSection("reviews", 80, func(d *Data, p Period, asOf domain.Date) (Table, []Chart) {
	var cases, opinions, resubmitted, overdue, pending, coordinations, afterCoordination []Ref
	byOpinion := map[domain.Opinion][]Ref{}
	rounds, totalDays := 0, 0
	for _, r := range d.Reviews {
		if len(r.Rounds) == 0 {
			continue
		}
		if first, _ := d.dayOf(r.Rounds[0]); p.Contains(first) {
			rounds += len(r.Rounds)
			cases = append(cases, d.reviewRef(r, first, fmt.Sprintf("%s；共 %d 轮", r.Status.Label(), len(r.Rounds))))
		}
		for _, rd := range r.Rounds {
			sub, op := d.dayOf(rd)
			if rd.No > 1 && p.Contains(sub) {
				resubmitted = append(resubmitted, d.reviewRef(r, sub, fmt.Sprintf("第 %d 轮送审", rd.No)))
			}
			if rd.Decided() && p.Contains(op) {
				days := d.reviewDays(rd)
				totalDays += days
				ref := d.reviewRef(r, op, fmt.Sprintf("第 %d 轮%s，用时 %d 个工作日，%s", rd.No, rd.Opinion.Label(), days, rd.OpinionNo))
				opinions = append(opinions, ref)
				byOpinion[rd.Opinion] = append(byOpinion[rd.Opinion], ref)
			}
			answered := rd.Decided() && !op.After(asOf)
			if p.Contains(rd.Deadline) && (rd.Decided() && op.After(rd.Deadline) || !answered && asOf.After(rd.Deadline)) {
				note := fmt.Sprintf("第 %d 轮期限 %s，%s出具意见", rd.No, rd.Deadline, op)
				if !answered {
					note = fmt.Sprintf("第 %d 轮期限 %s，截至%s未出具意见", rd.No, rd.Deadline, chineseDate(asOf))
				}
				overdue = append(overdue, d.reviewRef(r, rd.Deadline, note))
			}
			if !sub.After(asOf) && !answered {
				pending = append(pending, d.reviewRef(r, sub, fmt.Sprintf("第 %d 轮，期限 %s", rd.No, rd.Deadline)))
			}
		}
		for _, co := range r.Coordinations {
			if day := domain.DateOf(co.RequestedAt.In(d.Loc)); p.Contains(day) {
				note := "尚未作出结论"
				if co.Concluded() {
					note = co.Method + "：" + co.Outcome.Label()
				}
				coordinations = append(coordinations, d.reviewRef(r, day, note))
			}
		}
		if c := d.ReviewCases[r.CaseID]; r.Status == domain.ReviewConcluded && len(r.Coordinations) > 0 && c.Decision.Decided() && p.Contains(c.Decision.Date) {
			co := r.Coordinations[len(r.Coordinations)-1]
			afterCoordination = append(afterCoordination, d.reviewRef(r, c.Decision.Date,
				fmt.Sprintf("%s %s：%s", co.Method, co.HeldOn, co.Conclusion)))
		}
	}
	for _, refs := range [][]Ref{cases, opinions, resubmitted, overdue, pending, coordinations, afterCoordination} {
		sort.SliceStable(refs, func(i, j int) bool { return refs[i].Date.Before(refs[j].Date) })
	}
	t := Table{Title: "法制审核", Note: "送审案件按首次送审日期、审核意见按出具日期、超期按审核期限届满日计入期间；审核用时按工作日计算"}
	t.Figures = append(t.Figures, count("reviews.cases", "送法制审核的案件", "件", cases))
	avgRounds := Figure{Key: "reviews.rounds.avg", Label: "平均每件审核轮次", Unit: "轮", Refs: cases}
	if len(cases) > 0 {
		avgRounds.Value = float64(rounds) / float64(len(cases))
	}
	t.Figures = append(t.Figures, avgRounds,
		count("reviews.resubmitted", "退回后重新送审", "次", resubmitted),
		count("reviews.opinions", "出具审核意见", "份", opinions))
	for _, o := range domain.AllOpinions {
		t.Figures = append(t.Figures, withLevel(count("reviews.opinion."+string(o), o.Label(), "份", byOpinion[o]), 1))
	}
	avgDays := Figure{Key: "reviews.days.avg", Label: "平均审核用时", Unit: "个工作日", Refs: opinions}
	if len(opinions) > 0 {
		avgDays.Value = float64(totalDays) / float64(len(opinions))
	}
	t.Figures = append(t.Figures, avgDays,
		warnIf(count("reviews.overdue", "超过审核期限", "次", overdue), len(overdue) > 0, "审核应在期限内完成"),
		count("reviews.pending", "期末待审核（截至"+chineseDate(asOf)+"）", "件", pending),
		count("reviews.coordinations", "承办机构有不同意见，提请负责人协调", "次", coordinations),
		count("reviews.coordinated.decided", "经负责人协调（集体讨论）后作出决定", "件", afterCoordination),
	)
	var charts []Chart
	if len(opinions) > 0 {
		pie := Chart{Key: "chart.review.opinions", Title: "法制审核意见构成", Kind: ChartPie, Unit: "份", Series: []Series{{Name: "份数"}}}
		for _, o := range domain.AllOpinions {
			if n := len(byOpinion[o]); n > 0 {
				pie.Labels = append(pie.Labels, o.Label())
				pie.Series[0].Values = append(pie.Series[0].Values, float64(n))
			}
		}
		charts = append(charts, pie)
	}
	return t, charts
})

var _ = func() bool {
	draftParagraphs = append(draftParagraphs, func(s Stats) string {
		v := s.value
		if v("reviews.cases") == 0 && v("reviews.opinions") == 0 {
			return "重大执法决定法制审核方面，全年没有送法制审核的案件。"
		}
		var kinds []string
		for _, o := range domain.AllOpinions {
			if n := v("reviews.opinion." + string(o)); n > 0 {
				kinds = append(kinds, fmt.Sprintf("%s %.0f 份", o.Label(), n))
			}
		}
		p := fmt.Sprintf("重大执法决定法制审核方面，送法制审核的案件 %.0f 件，平均每件审核 %.1f 轮；出具审核意见 %.0f 份",
			v("reviews.cases"), v("reviews.rounds.avg"), v("reviews.opinions"))
		if len(kinds) > 0 {
			p += "（" + strings.Join(kinds, "、") + "）"
		}
		p += fmt.Sprintf("，平均审核用时 %.1f 个工作日；超过审核期限 %.0f 次；提请负责人协调 %.0f 次，经协调后作出决定 %.0f 件。",
			v("reviews.days.avg"), v("reviews.overdue"), v("reviews.coordinations"), v("reviews.coordinated.decided"))
		return p
	})
	return true
}()
