package record

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/nfnt/resize"

	"lawdesk/internal/domain"
	"lawdesk/internal/media"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// Document limits.
const (
	// MaxDocumentBytes bounds one file: a 300-page scan at 300 dpi in black and white stays
	// well below it; anything larger is a colour scan that should be split or rescanned.
	MaxDocumentBytes = 200 << 20
	// ThumbSide is the longer side of the page thumbnails made when a document is added.
	ThumbSide = 200
)

// AddDocumentRequest describes a file to add to a case.
type AddDocumentRequest struct {
	CaseID    uint64
	Stage     domain.Stage // the stage it belongs to; "" means the case's current stage
	Type      string       // 文书种类, from the catalogue
	Title     string
	DocNumber string
	Date      domain.Date // "" means today
	Author    string
	Remarks   string
	Path      string // the file (PDF, JPEG, PNG or TIFF); it is only read, never moved
	Replaces  uint64 // the document this file is a new version of
}

// Progress reports work done so far (pages of a document, documents of a dossier).
type Progress func(done, total int)

// AddDocument checks a file, counts its pages, extracts its text for search, makes a
// thumbnail of every page, copies it unchanged into the blob store and records it with the
// case, in that order, so a corrupt, password-protected, empty, oversized or wrong-type file
// is refused with a message naming it before anything is stored. ctx cancels; progress
// (may be nil) is called after each page.
func (s *Service) AddDocument(ctx context.Context, sess office.Session, req AddDocumentRequest, progress Progress) (domain.Document, error) {
	c, err := s.editable(sess, req.CaseID, "添加文书")
	if err != nil {
		return domain.Document{}, err
	}
	d, err := s.describe(c, domain.Document{CaseID: c.ID, Stage: req.Stage, Type: req.Type, Title: req.Title,
		DocNumber: req.DocNumber, Date: req.Date, Author: req.Author, Remarks: req.Remarks})
	if err != nil {
		return d, err
	}
	if req.Replaces != 0 {
		old, err := s.st.Document(req.Replaces)
		if err != nil {
			return d, err
		}
		if old.CaseID != c.ID {
			return d, domain.Errorf(domain.EINVALID, "要替换的文书不属于案件 %s。", c.Number)
		}
	}
	nd, err := s.readFile(ctx, d, req.Path, progress)
	if err != nil {
		return d, err
	}
	nd.Replaces = req.Replaces
	return s.st.AddDocument(change(sess, ""), nd)
}

// readFile checks the file at path, reads its pages (count, text for search, thumbnails)
// and stores it in the blob store: what AddDocument and FileGenerated record for d.
func (s *Service) readFile(ctx context.Context, d domain.Document, path string, progress Progress) (store.NewDocument, error) {
	name := filepath.Base(path)
	format, err := checkFile(path)
	if err != nil {
		return store.NewDocument{}, err
	}
	doc, err := media.OpenDocument(path)
	if err != nil {
		return store.NewDocument{}, err
	}
	defer doc.Close()
	d.Pages, d.Format, d.FileName = doc.Pages(), format, name
	text, thumbs, err := s.pagesOf(ctx, doc, name, progress)
	if err != nil {
		return store.NewDocument{}, err
	}
	d.TextChars = len([]rune(strings.TrimSpace(text)))
	file, err := s.st.Blobs().PutFile(ctx, path)
	if err != nil {
		return store.NewDocument{}, err
	}
	return store.NewDocument{Doc: d, File: file, Thumbs: thumbs, Text: text}, nil
}

// describe validates a document's description for case c, filling in defaults.
func (s *Service) describe(c domain.Case, d domain.Document) (domain.Document, error) {
	for _, f := range []*string{&d.Type, &d.Title, &d.DocNumber, &d.Author, &d.Remarks} {
		*f = strings.TrimSpace(*f)
	}
	if d.Date.IsZero() {
		d.Date = s.today()
	}
	cat, err := s.Catalogue()
	if err != nil {
		return d, err
	}
	if d.Stage == "" {
		for _, t := range cat {
			if t.Name == d.Type {
				d.Stage = t.Stage
			}
		}
	}
	if d.Stage == "" {
		d.Stage = c.Stage
	}
	if err := d.Validate(cat); err != nil {
		return d, err
	}
	if d.Stage != domain.StageArchive && !c.OnPath(d.Stage) {
		return d, domain.Errorf(domain.EINVALID, "%s（%s）的案件没有“%s”环节，请选择文书所属的环节。", c.Type.Label(), c.Procedure.Label(), d.Stage.Label())
	}
	if d.Stage.Index() > c.Stage.Index() {
		return d, domain.Errorf(domain.EINVALID, "案件 %s 还没有进行到“%s”环节，文书请归入已办理的环节（当前环节：%s）。", c.Number, d.Stage.Label(), c.Stage.Label())
	}
	if d.Date.After(s.today()) {
		return d, domain.Errorf(domain.EINVALID, "文书日期 %s 晚于今天，请检查。", d.Date)
	}
	return d, nil
}

// checkFile refuses what is not a document file before any decoding: a missing or empty
// file, a folder, a file over MaxDocumentBytes, and anything that is not PDF, JPEG, PNG or
// TIFF by content. It returns the format.
func checkFile(path string) (string, error) {
	name := filepath.Base(path)
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "", domain.Errorf(domain.ENOTFOUND, "找不到文件 %s：可能已被移走或删除，请重新选择。", name)
	case err != nil:
		return "", domain.Wrap(err, domain.EINVALID, "无法读取文件 %s，请检查文件是否被其他程序占用。", name)
	case !st.Mode().IsRegular():
		return "", domain.Errorf(domain.EINVALID, "%s 不是文件，请选择扫描件或 PDF 文件。", name)
	case st.Size() == 0:
		return "", domain.Errorf(domain.EINVALID, "文件 %s 是空文件（0 字节），没有添加；请重新扫描或重新拷贝。", name)
	case st.Size() > MaxDocumentBytes:
		return "", domain.Errorf(domain.EINVALID, "文件 %s 有 %d MB，超过单个文书 %d MB 的上限，没有添加。请用黑白或灰度、300 dpi 重新扫描，或把文书分成几个文件。",
			name, st.Size()>>20, MaxDocumentBytes>>20)
	}
	f, err := os.Open(path)
	if err != nil {
		return "", domain.Wrap(err, domain.EINVALID, "无法读取文件 %s，请检查文件是否被其他程序占用。", name)
	}
	defer f.Close()
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	format := sniffDocument(head[:n])
	if format == "" {
		return "", domain.Errorf(domain.EINVALID, "文件 %s 不是 PDF 或扫描图片（JPEG、PNG、TIFF），没有添加；请选择扫描件或 PDF 文件。", name)
	}
	return format, nil
}

// sniffDocument names the format of a document file by its first bytes, "" when unknown.
func sniffDocument(h []byte) string {
	switch {
	case bytes.HasPrefix(h, []byte("%PDF-")):
		return "pdf"
	case bytes.HasPrefix(h, []byte{0xFF, 0xD8, 0xFF}):
		return "jpeg"
	case bytes.HasPrefix(h, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(h, []byte("II*\x00")), bytes.HasPrefix(h, []byte("MM\x00*")):
		return "tiff"
	}
	return ""
}

// pagesOf extracts the text of every page and makes a JPEG thumbnail of each.
func (s *Service) pagesOf(ctx context.Context, doc *media.Document, name string, progress Progress) (string, [][]byte, error) {
	var text strings.Builder
	thumbs := make([][]byte, 0, doc.Pages())
	for i := 0; i < doc.Pages(); i++ {
		if err := ctx.Err(); err != nil {
			return "", nil, domain.Wrap(err, domain.EINVALID, "已取消添加文件 %s，没有保存任何内容。", name)
		}
		t, err := doc.Text(i)
		if err != nil {
			return "", nil, err
		}
		text.WriteString(t)
		text.WriteString("\f")
		img, err := doc.RenderPage(i, 2*ThumbSide)
		if err != nil {
			return "", nil, err
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, resize.Thumbnail(ThumbSide, ThumbSide, img, resize.Bilinear), &jpeg.Options{Quality: 80}); err != nil {
			return "", nil, domain.Wrap(err, domain.EINTERNAL, "无法生成文件 %s 第 %d 页的缩略图。", name, i+1)
		}
		thumbs = append(thumbs, buf.Bytes())
		if progress != nil {
			progress(i+1, doc.Pages())
		}
	}
	return text.String(), thumbs, nil
}

// UpdateDocumentInfo corrects a document's description (not its file).
func (s *Service) UpdateDocumentInfo(sess office.Session, d domain.Document) (domain.Document, error) {
	old, err := s.st.Document(d.ID)
	if err != nil {
		return d, err
	}
	c, err := s.editable(sess, old.CaseID, "修改文书信息")
	if err != nil {
		return d, err
	}
	d.CaseID = c.ID
	if d, err = s.describe(c, d); err != nil {
		return d, err
	}
	return s.st.UpdateDocumentInfo(change(sess, ""), d)
}

// Documents lists a case's documents (every version) in dossier order.
func (s *Service) Documents(sess office.Session, caseID uint64) ([]domain.Document, error) {
	if _, err := s.visible(sess, caseID, false); err != nil {
		return nil, err
	}
	return s.st.Documents(caseID)
}

// document loads a document of a case sess may see.
func (s *Service) document(sess office.Session, docID uint64) (domain.Document, domain.Case, error) {
	d, err := s.st.Document(docID)
	if err != nil {
		return d, domain.Case{}, err
	}
	c, err := s.visible(sess, d.CaseID, false)
	return d, c, err
}

// Thumbnail returns the small image of a document page made when it was added.
func (s *Service) Thumbnail(sess office.Session, docID uint64, page int) (image.Image, error) {
	if _, _, err := s.document(sess, docID); err != nil {
		return nil, err
	}
	data, err := s.st.Thumbnail(docID, page)
	if err != nil || data == nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "这一页没有缩略图。")
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, domain.Wrap(err, domain.EINTERNAL, "缩略图已损坏，请运行“数据校验”。")
	}
	return img, nil
}

// Preview is a document open for viewing its pages inside LawDesk.
type Preview struct {
	Doc  domain.Document
	Case domain.Case
	d    *media.Document
}

// OpenPreview opens a document's file for page previews and logs the view (调阅记录).
// Close it when done.
func (s *Service) OpenPreview(sess office.Session, docID uint64) (*Preview, error) {
	d, c, err := s.document(sess, docID)
	if err != nil {
		return nil, err
	}
	md, err := media.OpenDocument(s.st.Blobs().Path(d.SHA256))
	if err != nil {
		return nil, domain.Wrap(err, domain.EINTERNAL, "文书“%s”的文件无法打开（%s）。请运行“数据校验”检查文件存储。", d.Title, domain.ErrorMessage(err))
	}
	if err := s.st.LogAccess(sess.Actor(), ActionPreview, store.DocumentTarget(c.ID, d.ID),
		fmt.Sprintf("预览案件 %s 的文书“%s”（第 %d 版，%d 页）", c.Number, d.Title, d.Version, d.Pages)); err != nil {
		md.Close()
		return nil, err
	}
	return &Preview{Doc: d, Case: c, d: md}, nil
}

// Pages is the number of pages.
func (p *Preview) Pages() int { return p.d.Pages() }

// Render draws page i (from 0) with its longer side maxSide pixels.
func (p *Preview) Render(i, maxSide int) (image.Image, error) { return p.d.RenderPage(i, maxSide) }

// Close releases the file.
func (p *Preview) Close() error { return p.d.Close() }

// CopyOriginal writes a copy of a document's original file into dir under its original
// name (made unique) and logs it: action ActionOpen when the copy is for the system viewer,
// ActionExport when the person saves it elsewhere. It returns the copy's path.
func (s *Service) CopyOriginal(sess office.Session, docID uint64, dir, action string) (string, error) {
	d, c, err := s.document(sess, docID)
	if err != nil {
		return "", err
	}
	if action != ActionOpen && action != ActionExport {
		return "", domain.Errorf(domain.EINVALID, "不支持的操作 %s。", action)
	}
	src, err := s.st.Blobs().Open(d.SHA256)
	if err != nil {
		return "", err
	}
	defer src.Close()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", domain.Wrap(err, domain.EINVALID, "无法创建文件夹 %s。", dir)
	}
	dst := uniquePath(dir, originalName(d))
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", domain.Wrap(err, domain.EINVALID, "无法在 %s 中保存文件，请检查磁盘空间和权限。", dir)
	}
	if _, err := io.Copy(out, src); err != nil {
		out.Close()
		os.Remove(dst)
		return "", domain.Wrap(err, domain.EINVALID, "保存文件 %s 失败，请检查磁盘空间。", filepath.Base(dst))
	}
	if err := out.Close(); err != nil {
		os.Remove(dst)
		return "", domain.Wrap(err, domain.EINVALID, "保存文件 %s 失败，请检查磁盘空间。", filepath.Base(dst))
	}
	verb := "用系统程序打开"
	if action == ActionExport {
		verb = "导出"
	}
	err = s.st.LogAccess(sess.Actor(), action, store.DocumentTarget(c.ID, d.ID),
		fmt.Sprintf("%s案件 %s 的文书“%s”原件（%s）", verb, c.Number, d.Title, filepath.Base(dst)))
	return dst, err
}

// originalName is a safe file name for a document's copy, with the right extension.
func originalName(d domain.Document) string {
	ext := map[string]string{"pdf": ".pdf", "jpeg": ".jpg", "png": ".png", "tiff": ".tif"}[d.Format]
	base := strings.TrimSuffix(d.FileName, filepath.Ext(d.FileName))
	if base == "" {
		base = d.Title
	}
	base = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 32 {
			return '_'
		}
		return r
	}, base)
	return base + ext
}

func uniquePath(dir, name string) string {
	p := filepath.Join(dir, name)
	ext := filepath.Ext(name)
	for i := 2; ; i++ {
		if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
			return p
		}
		p = filepath.Join(dir, fmt.Sprintf("%s（%d）%s", strings.TrimSuffix(name, ext), i, ext))
	}
}

// ScannedFile is a file in the scanner's output folder.
type ScannedFile struct {
	Path    string
	Name    string
	Size    int64
	ModTime time.Time
}

// ScannerFiles lists the document files (PDF, JPEG, PNG, TIFF by extension) in the
// scanner's output folder, newest first. It only reads the folder.
func (s *Service) ScannerFiles(dir string) ([]ScannedFile, error) {
	if strings.TrimSpace(dir) == "" {
		return nil, domain.Errorf(domain.EINVALID, "还没有设置扫描仪的输出文件夹。请在“系统设置 → 案件与文书”中设置。")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, domain.Wrap(err, domain.EINVALID, "无法打开扫描文件夹 %s：请确认扫描仪已连接、文件夹存在。", dir)
	}
	var out []ScannedFile
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || !map[string]bool{".pdf": true, ".jpg": true, ".jpeg": true, ".png": true, ".tif": true, ".tiff": true}[ext] {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		out = append(out, ScannedFile{Path: filepath.Join(dir, e.Name()), Name: e.Name(), Size: info.Size(), ModTime: info.ModTime()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ModTime.After(out[j].ModTime) })
	return out, nil
}
