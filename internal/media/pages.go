package media

import (
	"bytes"
	"errors"
	"image"
	"io"
	"os"
	"path/filepath"
	"sync"

	fitz "github.com/gen2brain/go-fitz"

	"lawdesk/internal/domain"
)

// Document is an open scan or PDF: its pages can be counted, rendered and searched for
// text. It is safe for concurrent use. Close it when done.
type Document struct {
	name  string
	mu    sync.Mutex
	doc   *fitz.Document
	pages int
}

// docFormats are the formats OpenDocument accepts, by sniffed content.
var docFormats = map[string]bool{"pdf": true, "jpeg": true, "png": true, "tiff": true}

// OpenDocument opens a PDF or a scanned image (JPEG, PNG, TIFF, including multi-page TIFF)
// for reading. A corrupt file, a password-protected PDF, a file without pages or anything
// that is not such a document gives a *domain.Error (EINVALID) naming the file.
func OpenDocument(path string) (*Document, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, domain.Wrap(err, domain.ENOTFOUND, "找不到文件 %s：可能已被移走或删除，请重新选择。", name)
		}
		return nil, domain.Wrap(err, domain.EINVALID, "无法打开文件 %s：请检查文件是否被其他程序占用。", name)
	}
	head := make([]byte, 64)
	n, _ := io.ReadFull(f, head)
	format := sniff(head[:n])
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	// A PDF ends with %%EOF (readers look in the last KB; allow some trailing junk). Without
	// it the file was cut short: MuPDF would "repair" it and silently drop pages.
	complete := true
	if format == "pdf" {
		tail := make([]byte, min(size, 4096))
		if _, err := f.ReadAt(tail, size-int64(len(tail))); err == nil || errors.Is(err, io.EOF) {
			complete = bytes.Contains(tail, []byte("%%EOF"))
		}
	}
	f.Close()
	if size == 0 {
		return nil, domain.Errorf(domain.EINVALID, "文件 %s 是空文件（0 字节），无法作为扫描件使用；请重新扫描或重新拷贝。", name)
	}
	if !docFormats[format] {
		return nil, domain.Errorf(domain.EINVALID, "文件 %s 不是 PDF 或扫描图片（JPEG、PNG、TIFF），无法打开；请选择扫描件或 PDF 文件。", name)
	}
	if !complete {
		return nil, domain.Errorf(domain.EINVALID, "文件 %s 不完整（可能下载或拷贝中断），已跳过；请重新拷贝或向对方索取完整的文件。", name)
	}
	if err := trialOpen(path, name); err != nil {
		return nil, err
	}
	doc, err := fitz.New(path)
	switch {
	case errors.Is(err, fitz.ErrNeedsPassword):
		doc.Close()
		return nil, domain.Wrap(err, domain.EINVALID, "文件 %s 设有打开密码，LawDesk 无法读取；请先在 PDF 软件中去掉密码（或另存为不加密的 PDF）后再导入。", name)
	case errors.Is(err, fitz.ErrOpenDocument):
		doc.Close()
		return nil, domain.Wrap(err, domain.EINVALID, "文件 %s 已损坏，无法打开；请重新扫描或向对方索取完好的文件。", name)
	case err != nil:
		return nil, domain.Wrap(err, domain.EINVALID, "文件 %s 无法打开，请重新选择。", name)
	}
	d := &Document{name: name, doc: doc, pages: doc.NumPage()}
	if d.pages <= 0 {
		doc.Close()
		return nil, domain.Errorf(domain.EINVALID, "文件 %s 已损坏或没有任何页面，无法使用；请重新扫描或向对方索取完好的文件。", name)
	}
	return d, nil
}

// Pages returns the number of pages.
func (d *Document) Pages() int { return d.pages }

func (d *Document) check(i int) error {
	if d.doc == nil {
		return domain.Errorf(domain.EINVALID, "文件 %s 已关闭。", d.name)
	}
	if i < 0 || i >= d.pages {
		return domain.Errorf(domain.EINVALID, "文件 %s 只有 %d 页，没有第 %d 页。", d.name, d.pages, i+1)
	}
	return nil
}

// RenderPage renders page i (from 0) so that its longer side is maxSide pixels.
func (d *Document) RenderPage(i, maxSide int) (image.Image, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.check(i); err != nil {
		return nil, err
	}
	if maxSide < 1 || maxSide > 20000 {
		return nil, domain.Errorf(domain.EINVALID, "页面图像尺寸 %d 不合理，应在 1 到 20000 像素之间。", maxSide)
	}
	b, err := d.doc.Bound(i) // in points, 72 per inch
	if err != nil {
		return nil, d.pageErr(err, i)
	}
	long := max(b.Dx(), b.Dy())
	if long <= 0 {
		return nil, d.pageErr(errors.New("empty page bounds"), i)
	}
	dpi := 72 * float64(maxSide) / float64(long)
	img, err := d.doc.ImageDPI(i, dpi)
	if err != nil {
		return nil, d.pageErr(err, i)
	}
	return img, nil
}

// Text returns the text layer of page i (from 0); a scan without OCR has none and gives "".
func (d *Document) Text(i int) (string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.check(i); err != nil {
		return "", err
	}
	s, err := d.doc.Text(i)
	if err != nil {
		return "", d.pageErr(err, i)
	}
	return s, nil
}

func (d *Document) pageErr(err error, i int) error {
	return domain.Wrap(err, domain.EINVALID, "文件 %s 的第 %d 页已损坏，无法显示；请重新扫描该页或向对方索取完好的文件。", d.name, i+1)
}

// Close releases the document. It is safe to call more than once.
func (d *Document) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.doc == nil {
		return nil
	}
	err := d.doc.Close()
	d.doc = nil
	return err
}
