package bench

import (
	"fmt"
	"slices"
	"time"

	"lawdesk/internal/demo"
	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

// Legal review of major decisions (法制审核) in the generated office: a major case is sent to
// review before its decision, a reviewer who does not handle it gives the opinion a few
// working days later — now and then 补充 first, then 同意 after the officer answers — and only
// then is the decision made. Cases whose review was still running on the generated office's
// "today" stay pending, as in a real office.

// majorFine is the fine from which the generated office's penalty decisions are major (on top
// of the matters its catalogue always counts as major).
const majorFine = domain.Money(8_000_000) // 80 000 元

// needsReview tells whether the decision d of a case of spec goes to legal review.
func needsReview(spec matterSpec, c domain.Case, d domain.Decision) bool {
	return spec.major || (c.Type == domain.ActPenalty && c.Procedure == domain.ProcedureGeneral && d.Fine >= majorFine)
}

// planReview adds the review steps from t on and returns when the decision may be made.
func (g *generator) planReview(l *life, t time.Time, officer uint64, proposed domain.Decision) time.Time {
	r := g.r
	l.steps = append(l.steps, step{at: t, kind: stepSubmit, officer: officer, decision: proposed})
	t = g.later(t, 1+r.IntN(5))
	if r.IntN(100) < 12 { // returned for more evidence, answered and resubmitted
		l.steps = append(l.steps, step{at: t, kind: stepOpinion, opinion: domain.OpinionSupplement})
		t = g.later(t, 2+r.IntN(5))
		l.steps = append(l.steps, step{at: t, kind: stepSubmit, officer: officer, decision: proposed})
		t = g.later(t, 1+r.IntN(4))
	}
	l.steps = append(l.steps, step{at: t, kind: stepOpinion, opinion: domain.OpinionAgree})
	return g.later(t, 1+r.IntN(2))
}

// submit sends the case to review as review.Service.Submit does, filing first what the
// materials checklist needs and the dossier lacks (as an officer scans it in before 送审).
func (g *generator) submit(b *store.Bulk, ch store.Change, l *life, s step) error {
	c := l.c
	day := domain.DateOf(s.at)
	completed := func(st domain.Stage) bool { _, ok := c.Completed(st); return ok }
	specs := domain.DefaultMaterials()[c.Type]
	mats := domain.BuildMaterials(specs, l.caseDocs(), completed)
	for _, m := range mats {
		if !m.Required || m.Present() {
			continue
		}
		for _, sp := range specs {
			if sp.Name == m.Name {
				if err := g.fileDocument(b, ch, l, sp.Stage, sp.Types[0], day); err != nil {
					return err
				}
			}
		}
	}
	mats = domain.BuildMaterials(specs, l.caseDocs(), completed)
	d := s.decision // what the unit proposes is what it decides after 同意
	p := domain.ProposedDecision{Penalties: d.Kinds, Fine: d.Fine, Content: d.Summary, Basis: l.spec.basis}
	if p.Content == "" {
		p.Content = "拟作出决定"
	}
	deadline := g.cal.AddWorkingDays(day, g.reviewCfg.Policy.TimeLimitDays).Date
	sub := domain.Submission{Proposed: p, Reasons: "违法事实清楚，证据确凿，拟依法作出决定，提请法制审核。", Materials: mats,
		By: ch.Actor, ByName: g.fullName[ch.Actor], At: s.at}
	var logins []string
	for _, id := range c.OfficerIDs {
		logins = append(logins, g.byLogin[id])
	}
	_, err := b.UpdateReview(c.ID, ch.Actor, "review.submit", func(r *domain.Review, _ store.ReviewTx) (string, error) {
		r.CaseNo, r.Party, r.Handlers, r.HandlerLogins = c.Number, c.Party.Name, slices.Clone(c.OfficerIDs), logins
		r.MajorReasons = []string{"罚款数额较大"}
		if l.spec.major {
			r.MajorReasons = []string{"涉及重大公共利益"}
		}
		var answers []domain.PointResponse
		for _, pt := range r.OpenPoints() {
			answers = append(answers, domain.PointResponse{Key: pt.Key, Response: "已补充调取相关证据并归入案卷。"})
		}
		sub.Responses = answers
		if err := r.Submit(sub, deadline); err != nil {
			return "", err
		}
		r.Rounds[len(r.Rounds)-1].Checklist = domain.NewChecklist(g.reviewCfg.Checklist)
		return fmt.Sprintf("案件 %s 第 %d 次送法制审核，拟处理意见：%s，审核期限至 %s", c.Number, len(r.Rounds), p.Summary(), deadline), nil
	})
	if err == nil {
		g.submissions++
	}
	return err
}

// opinion gives the pending round its opinion, by a reviewer who does not handle the case.
func (g *generator) opinion(b *store.Bulk, l *life, s step) error {
	c := l.c
	var reviewer string
	for _, login := range g.reviewers {
		if !c.Assigned(g.officerOf[login]) {
			reviewer = login
			break
		}
	}
	_, err := b.UpdateReview(c.ID, reviewer, "review.opinion", func(r *domain.Review, t store.ReviewTx) (string, error) {
		no, err := t.NextOpinionNo(demo.Agency.ShortName, s.at.Year())
		if err != nil {
			return "", err
		}
		items := slices.Clone(r.Latest().Checklist)
		for i := range items {
			items[i].Finding = domain.ElementOK
		}
		reasons := "事实清楚，证据充分，适用依据正确，程序合法，裁量适当。"
		if s.opinion == domain.OpinionSupplement {
			items[len(items)/2].Finding, items[len(items)/2].Note = domain.ElementProblem, "证据不够充分，请补充调取相关证据。"
			reasons = "部分证据不够充分，请补充后重新送审。"
		}
		err = r.RecordOpinion(domain.OpinionInput{Reviewer: reviewer, ReviewerName: g.fullName[reviewer], Checklist: items,
			Opinion: s.opinion, Reasons: reasons, At: s.at, No: no})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("案件 %s 第 %d 轮法制审核意见：%s（%s）", c.Number, len(r.Rounds), s.opinion.Label(), no), nil
	})
	if err == nil {
		g.opinions++
	}
	return err
}

// caseDocs are the case's documents as the materials checklist reads them.
func (l *life) caseDocs() []domain.CaseDocument {
	out := make([]domain.CaseDocument, len(l.docs))
	for i, id := range l.docs {
		out[i] = domain.CaseDocument{ID: id, Type: l.docTypes[i], Title: l.docTypes[i]}
	}
	return out
}
