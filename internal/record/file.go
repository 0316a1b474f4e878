package record

import (
	"context"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
)

// FileGenerated files a document another capability generated for a case — the legal
// review's 法制审核意见书, issued with each opinion — so it appears in the case's documents and
// its dossier. It goes through the same checks as AddDocument (description, file, pages,
// text for search, thumbnails, blob store), but for anyone who may see the case, since the
// reviewer who issues an opinion does not handle the case; an archived case is refused.
// (AddDocument's steps after its own permission check: readFile.)
func (s *Service) FileGenerated(ctx context.Context, sess office.Session, req AddDocumentRequest) (domain.Document, error) {
	c, err := s.visible(sess, req.CaseID, true)
	if err != nil {
		return domain.Document{}, err
	}
	if c.Locked() {
		return domain.Document{}, domain.Errorf(domain.ELOCKED, "案件 %s 已于 %s 归档，不能再归入文书。", c.Number, c.Archived)
	}
	d, err := s.describe(c, domain.Document{CaseID: c.ID, Stage: req.Stage, Type: req.Type, Title: req.Title,
		DocNumber: req.DocNumber, Date: req.Date, Author: req.Author, Remarks: req.Remarks})
	if err != nil {
		return d, err
	}
	nd, err := s.readFile(ctx, d, req.Path, nil)
	if err != nil {
		return d, err
	}
	return s.st.AddDocument(change(sess, ""), nd)
}
