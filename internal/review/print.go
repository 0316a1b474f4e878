package review

import (
	"fmt"
	"io"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/pdf"
	"lawdesk/internal/store"
)

// Document is a printable document of a case's review.
type Document string

const (
	DocOpinion    Document = "opinion"    // 法制审核意见书 of a round
	DocSubmission Document = "submission" // 送审表 of a round
	DocHistory    Document = "history"    // every round and coordination
)

var documentTitles = map[Document]string{DocOpinion: "法制审核意见书", DocSubmission: "法制审核送审表", DocHistory: "法制审核过程记录"}

// Title is the document's Chinese name.
func (d Document) Title() string { return documentTitles[d] }

// sheet gathers what the review documents print about case c.
func (s *Service) sheet(c domain.Case, r domain.Review, round int) (pdf.ReviewSheet, error) {
	ag, _, err := s.st.Agency()
	if err != nil {
		return pdf.ReviewSheet{}, err
	}
	var names []string
	for _, id := range c.OfficerIDs {
		if o, err := s.st.Officer(id); err == nil {
			names = append(names, o.Name)
		}
	}
	return pdf.ReviewSheet{Office: ag.Name, CaseNo: c.Number, Matter: c.MatterName, Party: c.Party.Name,
		Unit: c.HandlingUnit, Handlers: strings.Join(names, "、"), Review: r, Round: round}, nil
}

func render(w io.Writer, doc Document, sh pdf.ReviewSheet) error {
	switch doc {
	case DocOpinion:
		return pdf.RenderReviewOpinion(w, sh)
	case DocSubmission:
		return pdf.RenderReviewSubmission(w, sh)
	case DocHistory:
		return pdf.RenderReviewHistory(w, sh)
	}
	return domain.Errorf(domain.EINVALID, "不认识的审核文书“%s”。可选：opinion（审核意见书）、submission（送审表）、history（过程记录）。", doc)
}

// Print writes a review document of a case as PDF (round 0: the latest) and logs the print
// in the access log (调阅监督).
func (s *Service) Print(sess office.Session, caseID uint64, doc Document, round int, w io.Writer) error {
	if err := domain.Require(sess.User, domain.PermReviewPrint, "打印法制审核文书"); err != nil {
		return err
	}
	c, err := s.rec.Case(sess, caseID)
	if err != nil {
		return err
	}
	r, ok, err := s.st.ReviewOfCase(c.ID)
	if err != nil {
		return err
	}
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "案件 %s 还没有送法制审核，没有审核文书可打印。", c.Number)
	}
	sh, err := s.sheet(c, r, round)
	if err != nil {
		return err
	}
	if err := render(w, doc, sh); err != nil {
		return err
	}
	what := doc.Title()
	if doc != DocHistory {
		n := round
		if n == 0 {
			n = len(r.Rounds)
		}
		what = fmt.Sprintf("第 %d 轮%s", n, what)
	}
	return s.st.LogAccess(sess.Actor(), "review.print", store.CaseTarget(c.ID), fmt.Sprintf("打印案件 %s 的%s", c.Number, what))
}

// PrintCatalogue writes the office's catalogue of major decisions for publication.
func (s *Service) PrintCatalogue(sess office.Session, w io.Writer) error {
	if err := domain.Require(sess.User, domain.PermReviewView, "打印重大执法决定法制审核目录清单"); err != nil {
		return err
	}
	cfg, err := s.Config()
	if err != nil {
		return err
	}
	ag, _, err := s.st.Agency()
	if err != nil {
		return err
	}
	if err := pdf.RenderMajorCatalogue(w, ag.Name, cfg.Rules, s.today()); err != nil {
		return err
	}
	return s.st.LogAccess(sess.Actor(), "review.print", "setting:review.config", "打印重大执法决定法制审核目录清单")
}
