package review

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/record"
)

// OpinionDocType is the kind (文书种类) under which opinions are filed with the case.
const OpinionDocType = "法制审核意见书"

// fileOpinions files the 法制审核意见书 of every round that has its opinion into the case's
// documents, so they appear in the dossier; a round whose opinion (by its number) is filed
// already is left alone, so it is safe to call again after a failure.
func (s *Service) fileOpinions(sess office.Session, c domain.Case, r domain.Review) error {
	if c.Locked() {
		return nil
	}
	docs, err := s.st.Documents(c.ID)
	if err != nil {
		return err
	}
	filed := map[string]bool{}
	for _, d := range docs {
		filed[d.DocNumber] = true
	}
	for _, rd := range r.Rounds {
		if rd.Decided() && rd.OpinionNo != "" && !filed[rd.OpinionNo] {
			if err := s.fileOpinion(sess, c, r, rd); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Service) fileOpinion(sess office.Session, c domain.Case, r domain.Review, rd domain.Round) error {
	sh, err := s.sheet(c, r, rd.No)
	if err != nil {
		return err
	}
	// the record service reads documents from files; the PDF lives in the data directory
	// only until it is in the blob store
	dir, err := os.MkdirTemp(s.st.Dir(), ".review-")
	if err != nil {
		return domain.Wrap(err, domain.EINTERNAL, "无法在数据目录中写入临时文件。")
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, reviewFileName(rd.OpinionNo)+".pdf")
	f, err := os.Create(path)
	if err != nil {
		return domain.Wrap(err, domain.EINTERNAL, "无法在数据目录中写入临时文件。")
	}
	err = render(f, DocOpinion, sh)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	// filed with the stage the review came in (决定 at the latest), so the dossier keeps the
	// opinions in time order just before the decision
	stage := c.Stage
	if stage.Index() > domain.StageDecide.Index() {
		stage = domain.StageDecide
	}
	typ := OpinionDocType
	cat, err := s.rec.Catalogue()
	if err != nil {
		return err
	}
	if !hasDocType(cat, typ) {
		typ = stage.Label() + "其他材料"
	}
	_, err = s.rec.FileGenerated(context.Background(), sess, record.AddDocumentRequest{CaseID: c.ID, Stage: stage, Type: typ,
		Title: fmt.Sprintf("法制审核意见书（第 %d 轮：%s）", rd.No, rd.Opinion.Label()), DocNumber: rd.OpinionNo,
		Date: domain.DateOf(rd.OpinionAt.Local()), Author: sh.Office, Path: path})
	return err
}

func hasDocType(cat []domain.DocType, name string) bool {
	for _, t := range cat {
		if t.Name == name {
			return true
		}
	}
	return false
}

// reviewFileName replaces characters Windows does not allow in file names.
func reviewFileName(s string) string {
	out := []rune(s)
	for i, r := range out {
		switch r {
		case '<', '>', ':', '"', '/', '\\', '|', '?', '*':
			out[i] = '_'
		}
	}
	return string(out)
}
