package review

import (
	"slices"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
)

// Assessment is what LawDesk knows about a case's need for review: the catalogue's
// verdict with its reasons, the officer's marks, and the review so far.
type Assessment struct {
	Case       domain.Case
	Facts      domain.MajorFacts
	Evaluation domain.MajorEvaluation
	Marks      domain.ReviewMarks
	Review     domain.Review // zero when never submitted
	Submitted  bool
}

// NeedsReview reports whether the case's decision must pass legal review: a catalogue rule
// matches, the officer chose to send it, or it was submitted already.
func (a Assessment) NeedsReview() bool {
	return a.Evaluation.Major() || a.Marks.Voluntary || a.Submitted
}

// Reasons lists in Chinese why the case needs review.
func (a Assessment) Reasons() []string {
	var out []string
	for _, r := range a.Evaluation.Matched() {
		out = append(out, r.Rule.Title+"（"+joinReasons(r.Reasons)+"）")
	}
	if a.Marks.Voluntary {
		why := "承办人员主动送审"
		if a.Marks.Note != "" {
			why += "：" + a.Marks.Note
		}
		out = append(out, why)
	}
	return out
}

func joinReasons(rs []string) string {
	out := ""
	for i, r := range rs {
		if i > 0 {
			out += "；"
		}
		out += r
	}
	return out
}

// facts gathers the catalogue's facts from a case. The penalty kinds and amount come from
// the decision when one is filled in, else from the proposal (when given).
func (s *Service) facts(c domain.Case, marks domain.ReviewMarks, proposed *domain.ProposedDecision) (domain.MajorFacts, error) {
	f := domain.MajorFacts{
		Type: c.Type, MatterName: c.MatterName, GeneralProcedure: c.Procedure == domain.ProcedureGeneral,
		Organisation: c.Party.Kind == domain.PartyOrganisation, Involved: c.Amount,
		Complex: marks.Complex, PublicInterest: marks.PublicInterest,
	}
	if c.MatterID != 0 {
		m, err := s.st.Matter(c.MatterID)
		if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
			return f, err
		}
		f.MatterAlwaysMajor = m.AlwaysMajor
	}
	_, heard := c.Completed(domain.StageHearing)
	f.HearingHeld = heard || c.Decision.HearingHeld
	switch {
	case len(c.Decision.Kinds) > 0 || c.Decision.Fine > 0 || c.Decision.Confiscation > 0:
		f.Penalties = slices.Clone(c.Decision.Kinds)
		f.Fine = c.Decision.Fine + c.Decision.Confiscation
	case proposed != nil:
		f.Penalties = slices.Clone(proposed.Penalties)
		f.Fine = proposed.Fine
	}
	return f, nil
}

// assess evaluates the catalogue over case c, using the latest submission's proposal when
// the case has no decision filled in yet.
func (s *Service) assess(c domain.Case, proposed *domain.ProposedDecision) (Assessment, error) {
	cfg, err := s.Config()
	if err != nil {
		return Assessment{Case: c}, err
	}
	return s.assessWith(cfg, c, proposed)
}

// assessWith is assess under a configuration read once for many cases.
func (s *Service) assessWith(cfg domain.ReviewConfig, c domain.Case, proposed *domain.ProposedDecision) (Assessment, error) {
	a := Assessment{Case: c}
	var err error
	if a.Review, a.Submitted, err = s.st.ReviewOfCase(c.ID); err != nil {
		return a, err
	}
	if a.Marks, err = s.st.ReviewMarks(c.ID); err != nil {
		return a, err
	}
	if proposed == nil && a.Submitted {
		p := a.Review.Latest().Submission.Proposed
		proposed = &p
	}
	if a.Facts, err = s.facts(c, a.Marks, proposed); err != nil {
		return a, err
	}
	a.Evaluation = domain.EvaluateMajor(cfg.Rules, a.Facts)
	return a, nil
}

// Assess tells whether a case's decision needs legal review and why. proposed (may be nil)
// is a decision being drafted, so the officer sees the verdict before submitting.
func (s *Service) Assess(sess office.Session, caseID uint64, proposed *domain.ProposedDecision) (Assessment, error) {
	if err := domain.Require(sess.User, domain.PermReviewView, "查看法制审核"); err != nil {
		return Assessment{}, err
	}
	c, err := s.rec.Case(sess, caseID)
	if err != nil {
		return Assessment{}, err
	}
	return s.assess(c, proposed)
}
