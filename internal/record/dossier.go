package record

import (
	"bytes"
	"context"
	"fmt"
	"image/jpeg"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"lawdesk/internal/domain"
	"lawdesk/internal/media"
	"lawdesk/internal/office"
	"lawdesk/internal/pdf"
	"lawdesk/internal/store"
)

// DossierStatus is what a case's dossier holds and lacks.
type DossierStatus struct {
	Case       domain.Case
	Items      []domain.Document // current documents in dossier order (件号 set once archived)
	Superseded int               // older versions kept in LawDesk but not in the dossier
	Pages      int               // pages of the documents
	Required   []string          // the documents a complete dossier of this case holds
	Missing    []string          // required documents not yet added
	Problems   []string          // documents whose file is missing from the store
}

// Complete reports whether the dossier may be archived as it is.
func (d DossierStatus) Complete() bool {
	return len(d.Items) > 0 && len(d.Missing) == 0 && len(d.Problems) == 0
}

// Dossier checks the completeness of a case's dossier (四性检测 at archiving).
func (s *Service) Dossier(sess office.Session, caseID uint64) (DossierStatus, error) {
	c, err := s.visible(sess, caseID, false)
	if err != nil {
		return DossierStatus{}, err
	}
	return s.dossierStatus(c)
}

func (s *Service) dossierStatus(c domain.Case) (DossierStatus, error) {
	st := DossierStatus{Case: c}
	docs, err := s.st.Documents(c.ID)
	if err != nil {
		return st, err
	}
	cat, err := s.Catalogue()
	if err != nil {
		return st, err
	}
	req, err := s.RequiredDocs()
	if err != nil {
		return st, err
	}
	for _, d := range docs {
		if d.Superseded {
			st.Superseded++
			continue
		}
		st.Items = append(st.Items, d)
		st.Pages += d.Pages
		if !s.st.Blobs().Has(d.SHA256) {
			st.Problems = append(st.Problems, fmt.Sprintf("文书“%s”的文件在文件存储中缺失，请运行“数据校验”并从备份恢复。", d.Title))
		}
	}
	st.Missing = req.Missing(c, st.Items, cat)
	for _, name := range req[c.Type] {
		if !contains(st.Missing, name) && hasType(st.Items, name) {
			st.Required = append(st.Required, name)
		}
	}
	return st, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func hasType(docs []domain.Document, typ string) bool {
	for _, d := range docs {
		if d.Type == typ {
			return true
		}
	}
	return false
}

// Archive forms the dossier of a closed case and locks it (归档): it completes the 归档
// stage through CompleteStage, so the same rules and gates apply.
func (s *Service) Archive(sess office.Session, caseID uint64, date domain.Date) (domain.Case, error) {
	return s.CompleteStage(sess, StageStep{CaseID: caseID, Date: date, OfficerID: sess.User.OfficerID})
}

// archive completes 归档 for CompleteStage: the dossier must be complete; its documents get
// gapless item numbers, the dossier its archive number, and the case is locked.
func (s *Service) archive(sess office.Session, c domain.Case, step StageStep) (domain.Case, error) {
	st, err := s.dossierStatus(c)
	if err != nil {
		return c, err
	}
	switch {
	case len(st.Items) == 0:
		return c, domain.Errorf(domain.EINVALID, "案件 %s 的案卷中还没有任何文书，不能归档。请先在“文书”中添加。", c.Number)
	case len(st.Missing) > 0:
		return c, domain.Errorf(domain.EINVALID, "案件 %s 的案卷不完整，缺少必备文书：%s。请在“文书”中添加后再归档。", c.Number, strings.Join(st.Missing, "、"))
	case len(st.Problems) > 0:
		return c, domain.Errorf(domain.EINVALID, "案件 %s 不能归档：%s", c.Number, strings.Join(st.Problems, "；"))
	}
	rule, err := s.ArchiveRule()
	if err != nil {
		return c, err
	}
	c.Archived, c.Required = step.Date, st.Required
	order := make([]uint64, len(st.Items))
	for i, d := range st.Items {
		order[i] = d.ID
	}
	return s.st.ArchiveCase(change(sess, ""), c, order, store.ArchiveNumbering{Rule: rule, Year: c.Closed.Year})
}

// Annotate adds a note to a case (the only change an archived case accepts), e.g. the
// result of a case-file evaluation (案卷评查).
func (s *Service) Annotate(sess office.Session, caseID uint64, text string) (domain.Case, error) {
	if err := domain.Require(sess.User, domain.PermCaseAnnotate, "添加备注"); err != nil {
		return domain.Case{}, err
	}
	c, err := s.visible(sess, caseID, false)
	if err != nil {
		return c, err
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return c, domain.Errorf(domain.EINVALID, "请填写备注内容。")
	}
	if utf8.RuneCountInString(text) > 1000 {
		return c, domain.Errorf(domain.EINVALID, "备注最多 1000 个字。")
	}
	c.Annotations = append(c.Annotations, domain.Annotation{Text: text, Actor: sess.Actor(), At: s.st.Now()})
	return s.st.SaveCase(change(sess, ""), c, "case.annotate", fmt.Sprintf("案件 %s 添加备注：%s", c.Number, text))
}

// Dossier parts, as PrintDossier takes them.
var dossierParts = map[pdf.DossierPart]string{
	pdf.DossierWhole: "整卷", pdf.DossierCover: "案卷封面", pdf.DossierCatalogue: "卷内目录", pdf.DossierClosingNote: "备考表",
}

// DossierPartLabel is the Chinese name of a printable part.
func DossierPartLabel(p pdf.DossierPart) string { return dossierParts[p] }

// PrintDossier writes a part of the case's dossier as PDF (the whole dossier: cover,
// catalogue, every page of every current document, closing note) and logs the print. Before
// archiving it prints a draft with provisional item numbers. progress, if not nil, is called
// after each document page.
func (s *Service) PrintDossier(ctx context.Context, sess office.Session, caseID uint64, part pdf.DossierPart, w io.Writer, progress Progress) error {
	c, err := s.visible(sess, caseID, false)
	if err != nil {
		return err
	}
	if _, ok := dossierParts[part]; !ok {
		return domain.Errorf(domain.EINVALID, "不认识的打印内容。")
	}
	st, err := s.dossierStatus(c)
	if err != nil {
		return err
	}
	if len(st.Problems) > 0 {
		return domain.Errorf(domain.EINVALID, "案卷无法打印：%s", strings.Join(st.Problems, "；"))
	}
	d, err := s.dossierDocument(ctx, st)
	if err != nil {
		return err
	}
	if err := pdf.RenderDossier(w, d, part, progress); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return domain.Wrap(ctx.Err(), domain.EINVALID, "已取消打印。")
	}
	return s.st.LogAccess(sess.Actor(), ActionPrint, store.CaseTarget(c.ID)+"/dossier",
		fmt.Sprintf("打印案件 %s 的%s（%d 件，%d 页%s）", c.Number, dossierParts[part], len(st.Items), st.Pages, map[bool]string{true: "，未归档草稿"}[!c.Locked()]))
}

// dossierDocument assembles what the PDF shows.
func (s *Service) dossierDocument(ctx context.Context, st DossierStatus) (pdf.Dossier, error) {
	c := st.Case
	ag, _, err := s.st.Agency()
	if err != nil {
		return pdf.Dossier{}, err
	}
	d := pdf.Dossier{Office: ag.Name, Title: domain.DossierTitle(c), CaseNumber: c.Number, ArchiveNo: c.ArchiveNo,
		Category: c.Type.Label() + "（" + c.Procedure.Label() + "）", Year: c.Closed.Year, Retention: c.Retention.Label(),
		Secrecy: c.Secrecy.Label(), StartDate: c.Opened.String(), EndDate: c.Closed.String(), Draft: !c.Locked()}
	if c.Locked() {
		d.Compiled = c.Archived.String()
		if r, ok := c.Completed(domain.StageArchive); ok {
			if u, err := s.st.UserByName(r.Actor); err == nil {
				d.Compiler = u.DisplayName()
			} else {
				d.Compiler = r.Actor
			}
		}
	}
	if c.Decision.NotDecidedReason != "" {
		d.Notes = append(d.Notes, "本案未作出决定："+c.Decision.NotDecidedReason+"。")
	}
	if st.Superseded > 0 {
		d.Notes = append(d.Notes, fmt.Sprintf("另有 %d 份文书的旧版本未入卷，保存在执法记录系统中。", st.Superseded))
	}
	for _, h := range c.History {
		if h.Back {
			d.Notes = append(d.Notes, fmt.Sprintf("%s 从“%s”退回到“%s”：%s。", h.Date, h.From.Label(), h.Stage.Label(), h.Note))
		}
	}
	for _, a := range c.Annotations {
		d.Notes = append(d.Notes, fmt.Sprintf("备注（%s，%s）：%s", a.At.Local().Format("2006-01-02"), a.Actor, a.Text))
	}
	for i, doc := range st.Items {
		no := doc.ItemNo
		if no == 0 {
			no = i + 1
		}
		it := pdf.DossierItem{No: no, DocNumber: doc.DocNumber, Author: doc.Author, Title: doc.Title, Date: doc.Date.String(),
			Remarks: doc.Remarks, Pages: doc.Pages}
		path := s.st.Blobs().Path(doc.SHA256)
		switch doc.Format {
		case "pdf":
			it.PDFPath = path
			it.PageJPEG = s.pageJPEG(ctx, path, doc.Title)
		case "jpeg":
			it.PageJPEG = func(int) ([]byte, error) {
				if err := ctx.Err(); err != nil {
					return nil, domain.Wrap(err, domain.EINVALID, "已取消打印。")
				}
				return os.ReadFile(path)
			}
		default:
			it.PageJPEG = s.pageJPEG(ctx, path, doc.Title)
		}
		d.Items = append(d.Items, it)
	}
	return d, nil
}

// dossierPageSide is the longer side of pages rendered as images for the dossier (about
// 150 dpi on A4, enough to read and print).
const dossierPageSide = 1754

// pageJPEG renders the pages of a file through MuPDF as JPEGs, opening it once.
func (s *Service) pageJPEG(ctx context.Context, path, title string) func(int) ([]byte, error) {
	var doc *media.Document
	return func(i int) ([]byte, error) {
		if err := ctx.Err(); err != nil {
			return nil, domain.Wrap(err, domain.EINVALID, "已取消打印。")
		}
		if doc == nil {
			var err error
			if doc, err = media.OpenDocument(path); err != nil {
				return nil, domain.Errorf(domain.EINVALID, "文书“%s”的文件无法打开：%s", title, domain.ErrorMessage(err))
			}
		}
		img, err := doc.RenderPage(i, dossierPageSide)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
			return nil, domain.Wrap(err, domain.EINTERNAL, "无法生成文书“%s”第 %d 页的图像。", title, i+1)
		}
		if i == doc.Pages()-1 {
			doc.Close()
			doc = nil
		}
		return buf.Bytes(), nil
	}
}
