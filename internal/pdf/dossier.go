package pdf

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // DecodeConfig of page scans
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/phpdave11/gofpdi"
	"github.com/signintech/gopdf"

	"lawdesk/internal/domain"
)

// Dossier is an archived case file (案卷, DOMAIN.md §2.3): a cover, a catalogue of its
// documents, the documents' pages in order and a closing note. The page numbers printed in
// the catalogue are the page numbers of the whole-dossier PDF, stamped on every page.
type Dossier struct {
	Office     string // 全宗名称 / 立卷单位
	Title      string // 案卷题名
	CaseNumber string
	ArchiveNo  string // 档号
	Category   string // 执法类别
	Year       int
	Retention  string // 保管期限
	Secrecy    string // 密级
	StartDate  string // 起止日期
	EndDate    string
	Compiler   string   // 立卷人
	Checker    string   // 检查人
	Compiled   string   // 立卷时间
	Notes      []string // 备考表 说明, one paragraph each
	Draft      bool     // not archived yet: marked on every page part
	Items      []DossierItem
}

// DossierItem is one document of a dossier.
type DossierItem struct {
	No        int // 件号
	DocNumber string
	Author    string
	Title     string
	Date      string
	Remarks   string
	Pages     int
	// PDFPath is a PDF whose pages are imported as they are (vector text stays text).
	PDFPath string
	// PageJPEG returns page i (from 0) as a JPEG: the pages of a scanned image, or of a PDF
	// whose structure cannot be imported.
	PageJPEG func(i int) ([]byte, error)
}

// DossierPart selects what RenderDossier prints.
type DossierPart int

const (
	DossierWhole       DossierPart = iota // cover, catalogue, every page, closing note
	DossierCover                          // 案卷封面
	DossierCatalogue                      // 卷内目录
	DossierClosingNote                    // 备考表
)

// Dossier layout in points.
const (
	dosMargin    = 42.0
	dosTop       = 56.0
	dosBottom    = 50.0
	dosCatSize   = 10.0
	dosCatLine   = 14.0
	dosCatPad    = 5.0
	dosCatHeadH  = 26.0
	dosTitleSize = 20.0
)

// dossierColumns are the catalogue's columns (DA/T 22 卷内目录) and their widths.
var dossierColumns = []struct {
	title string
	width float64
}{{"件号", 34}, {"文号", 104}, {"责任者", 78}, {"题名", 0}, {"日期", 62}, {"页号", 52}, {"备注", 44}}

// catalogueLayout is the catalogue split into pages of row indexes, with each row's lines.
type catalogueLayout struct {
	widths []float64
	rows   [][][]string // row → column → lines
	height []float64
	pages  [][]int
}

func layoutCatalogue(c *canvas, d Dossier, pageRanges []string) catalogueLayout {
	width := a4W - 2*dosMargin
	l := catalogueLayout{}
	fixed := 0.0
	for _, col := range dossierColumns {
		fixed += col.width
	}
	for _, col := range dossierColumns {
		w := col.width
		if w == 0 {
			w = width - fixed
		}
		l.widths = append(l.widths, w)
	}
	for i, it := range d.Items {
		cells := []string{strconv.Itoa(it.No), it.DocNumber, it.Author, it.Title, it.Date, pageRanges[i], it.Remarks}
		row := make([][]string, len(cells))
		lines := 1
		for j, s := range cells {
			row[j] = c.wrap(s, l.widths[j]-2*dosCatPad, dosCatSize)
			lines = max(lines, len(row[j]))
		}
		l.rows = append(l.rows, row)
		l.height = append(l.height, float64(lines)*dosCatLine+2*dosCatPad)
	}
	top := dosTop + dosTitleSize*1.6 + 24 + dosCatHeadH
	y := top
	l.pages = [][]int{nil}
	for i, h := range l.height {
		if y+h > a4H-dosBottom && len(l.pages[len(l.pages)-1]) > 0 {
			l.pages = append(l.pages, nil)
			y = top
		}
		l.pages[len(l.pages)-1] = append(l.pages[len(l.pages)-1], i)
		y += h
	}
	return l
}

// dossierPages returns each item's page range in the whole-dossier PDF ("5" or "5-8") and
// the number of catalogue pages.
func dossierPages(c *canvas, d Dossier) ([]string, int, int) {
	placeholder := make([]string, len(d.Items))
	for i := range placeholder {
		placeholder[i] = "9999-9999"
	}
	catPages := len(layoutCatalogue(c, d, placeholder).pages)
	next := 1 + catPages + 1 // cover, catalogue, then the first document page
	ranges := make([]string, len(d.Items))
	for i, it := range d.Items {
		switch {
		case it.Pages <= 0:
			ranges[i] = ""
		case it.Pages == 1:
			ranges[i] = strconv.Itoa(next)
		default:
			ranges[i] = fmt.Sprintf("%d-%d", next, next+it.Pages-1)
		}
		next += max(it.Pages, 0)
	}
	return ranges, catPages, next - 1 // next-1 is the last document page
}

// DossierPageCount is the number of pages of the whole-dossier PDF of d.
func DossierPageCount(d Dossier) (int, error) {
	c, err := newCanvas(a4W, a4H)
	if err != nil {
		return 0, err
	}
	_, _, last := dossierPages(c, d)
	return last + 1, nil
}

// importFailed says which item's PDF could not be imported page by page.
type importFailed struct {
	item int
	err  any
}

// RenderDossier writes the chosen part of the dossier as a PDF. A document's PDF that
// cannot be imported page by page is placed as page images instead (through PageJPEG).
// progress, if not nil, is called after each document page.
func RenderDossier(w io.Writer, d Dossier, part DossierPart, progress func(done, total int)) error {
	if strings.TrimSpace(d.Title) == "" {
		return domain.Errorf(domain.EINVALID, "案卷缺少题名。")
	}
	asImages := map[int]bool{}
	for attempt := 0; attempt <= len(d.Items); attempt++ {
		var buf bytes.Buffer
		err := renderDossier(&buf, d, part, asImages, progress)
		var failed importFailed
		if f, ok := err.(importError); ok {
			failed = f.importFailed
		} else if err != nil {
			return err
		} else {
			_, err := w.Write(buf.Bytes())
			if err != nil {
				return domain.Wrap(err, domain.EINVALID, "写入 PDF 文件失败，请检查磁盘空间或换一个保存位置。")
			}
			return nil
		}
		it := d.Items[failed.item]
		if it.PageJPEG == nil || asImages[failed.item] {
			return domain.Errorf(domain.EINVALID, "第 %d 件“%s”的 PDF 文件无法并入案卷（%v）。", it.No, it.Title, failed.err)
		}
		asImages[failed.item] = true
	}
	return domain.Errorf(domain.EINTERNAL, "生成案卷 PDF 失败。")
}

type importError struct{ importFailed }

func (e importError) Error() string { return fmt.Sprintf("import item %d: %v", e.item, e.err) }

// dossierCanvas is a canvas whose page importer the dossier drives itself: gopdf's
// ImportPage re-copies every object imported so far on each call (quadratic: minutes for a
// 300-page dossier of scans), so each document's pages are imported in one batch instead.
func dossierCanvas() (*canvas, *gofpdi.Importer, error) {
	fc, err := loadFont()
	if err != nil {
		return nil, nil, internalErr(err)
	}
	imp := gofpdi.NewImporter()
	gp := &gopdf.GoPdf{}
	gp.StartWithImporter(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: a4W, H: a4H}}, imp)
	gp.SetCompressLevel(6)
	if err := gp.AddTTFFontFromFontContainer(fontFamily, fc); err != nil {
		return nil, nil, internalErr(err)
	}
	c := &canvas{gp: gp, widths: make(map[rune]float64, 512)}
	c.setFont(10)
	return c, imp, nil
}

// importedPDF is one document's pages imported as form templates.
type importedPDF struct {
	tpls  []int
	sizes map[int]map[string]map[string]float64
}

// importPDF imports every page of the item's PDF at once. gofpdi panics on files it cannot
// read; that becomes an importError so the item is placed as images instead.
func importPDF(c *canvas, imp *gofpdi.Importer, it DossierItem, index int) (res importedPDF, err error) {
	if err := importable(it.PDFPath); err != nil {
		return res, importError{importFailed{item: index, err: err}}
	}
	defer func() {
		if r := recover(); r != nil {
			err = importError{importFailed{item: index, err: r}}
		}
	}()
	imp.SetSourceFile(it.PDFPath)
	if n := imp.GetNumPages(); n != it.Pages {
		return res, importError{importFailed{item: index, err: fmt.Sprintf("%d pages, expected %d", n, it.Pages)}}
	}
	res.sizes = imp.GetPageSizes()
	start := c.gp.GetNextObjectID()
	imp.SetNextObjectID(start)
	for p := 1; p <= it.Pages; p++ {
		res.tpls = append(res.tpls, imp.ImportPage(p, "/MediaBox"))
	}
	c.gp.ImportTemplates(imp.PutFormXobjects())
	c.gp.ImportObjects(imp.GetImportedObjects(), start)
	return res, nil
}

func renderDossier(w io.Writer, d Dossier, part DossierPart, asImages map[int]bool, progress func(done, total int)) error {
	c, imp, err := dossierCanvas()
	if err != nil {
		return err
	}
	ranges, catPages, last := dossierPages(c, d)
	total := last + 1
	if part == DossierWhole || part == DossierCover {
		dossierCover(c, d, total)
	}
	if part == DossierWhole || part == DossierCatalogue {
		cat := layoutCatalogue(c, d, ranges)
		for i, rows := range cat.pages {
			dossierCatalogue(c, d, cat, rows, i, catPages)
		}
	}
	if part == DossierWhole {
		page := 1 + catPages
		done := 0
		for i, it := range d.Items {
			var pdfPages *importedPDF
			if it.PDFPath != "" && !asImages[i] {
				res, err := importPDF(c, imp, it, i)
				if err != nil {
					return err
				}
				pdfPages = &res
			}
			for p := 0; p < it.Pages; p++ {
				page++
				if err := dossierDocumentPage(c, it, p, pdfPages); err != nil {
					return err
				}
				stampPageNumber(c, page)
				done++
				if progress != nil {
					progress(done, last-1-catPages)
				}
			}
		}
	}
	if part == DossierWhole || part == DossierClosingNote {
		dossierClosingNote(c, d, total)
	}
	if c.err != nil {
		return internalErr(c.err)
	}
	if _, err := c.gp.WriteTo(w); err != nil {
		return internalErr(err)
	}
	return nil
}

func addA4(c *canvas) {
	c.gp.AddPageWithOption(gopdf.PageOption{PageSize: &gopdf.Rect{W: a4W, H: a4H}})
	c.textColor(0, 0, 0)
}

// draftMark labels every page of a dossier printed before archiving.
func draftMark(c *canvas, d Dossier) {
	if !d.Draft {
		return
	}
	c.textColor(0xc6, 0x28, 0x28)
	c.text(dosMargin, 18, 14, "草稿（未归档，件号和页号可能变化）", 10)
	c.textColor(0, 0, 0)
}

// dossierCover draws the 案卷封面.
func dossierCover(c *canvas, d Dossier, totalPages int) {
	addA4(c)
	draftMark(c, d)
	c.strokeRect(dosMargin, dosTop-16, a4W-2*dosMargin, a4H-dosTop-dosBottom+16, 1.2, 0, 0, 0)
	archive := d.ArchiveNo
	if archive == "" {
		archive = "（归档时编定）"
	}
	c.textIn(dosMargin+14, dosTop, a4W-2*dosMargin-28, 18, "档号："+archive, 12, AlignRight)
	c.textIn(0, 150, a4W, 40, d.Office, 20, AlignCenter)
	c.textIn(0, 205, a4W, 50, "行 政 执 法 案 卷", 32, AlignCenter)

	pages := 0
	for _, it := range d.Items {
		pages += it.Pages
	}
	rows := [][2]string{
		{"案卷题名", d.Title},
		{"案件编号", d.CaseNumber},
		{"执法类别", d.Category},
		{"起止日期", strings.Trim(d.StartDate+" 至 "+d.EndDate, " 至")},
		{"卷内材料", fmt.Sprintf("共 %d 件，%d 页（连同封面、目录、备考表共 %d 页）", len(d.Items), pages, totalPages)},
		{"保管期限", d.Retention},
		{"密　　级", d.Secrecy},
		{"立卷单位", d.Office},
		{"立 卷 人", strings.TrimSpace(d.Compiler + "　" + d.Compiled)},
	}
	x, y := dosMargin+40, 330.0
	labelW, width := 86.0, a4W-2*dosMargin-80
	const size, lh = 13.0, 20.0
	for _, r := range rows {
		lines := c.wrap(r[1], width-labelW-16, size)
		h := float64(len(lines))*lh + 14
		c.line(x, y, x+width, y, 0.6, 0)
		c.textIn(x, y+7, labelW, lh, r[0], size, AlignLeft)
		for i, l := range lines {
			c.text(x+labelW+16, y+7+float64(i)*lh, lh, l, size)
		}
		y += h
	}
	c.line(x, y, x+width, y, 0.6, 0)
}

// dossierCatalogue draws one page of the 卷内目录.
func dossierCatalogue(c *canvas, d Dossier, l catalogueLayout, rows []int, page, pages int) {
	addA4(c)
	draftMark(c, d)
	c.textIn(0, dosTop, a4W, dosTitleSize*1.4, "卷 内 目 录", dosTitleSize, AlignCenter)
	y := dosTop + dosTitleSize*1.6
	info := "档号：" + d.ArchiveNo
	if d.ArchiveNo == "" {
		info = "案件编号：" + d.CaseNumber
	}
	c.text(dosMargin, y, 16, info, 10)
	if pages > 1 {
		c.textIn(dosMargin, y, a4W-2*dosMargin, 16, fmt.Sprintf("第 %d 张，共 %d 张", page+1, pages), 10, AlignRight)
	}
	y += 24
	x0 := dosMargin
	// header
	c.fillRect(x0, y, a4W-2*dosMargin, dosCatHeadH, 0xee, 0xee, 0xee)
	x := x0
	for i, col := range dossierColumns {
		c.textIn(x, y+(dosCatHeadH-dosCatLine)/2, l.widths[i], dosCatLine, col.title, dosCatSize, AlignCenter)
		x += l.widths[i]
	}
	rowTops := []float64{y}
	y += dosCatHeadH
	for _, r := range rows {
		rowTops = append(rowTops, y)
		x = x0
		for j, lines := range l.rows[r] {
			align := AlignLeft
			if j == 0 || j == 4 || j == 5 {
				align = AlignCenter
			}
			for k, s := range lines {
				c.textIn(x+dosCatPad, y+dosCatPad+float64(k)*dosCatLine, l.widths[j]-2*dosCatPad, dosCatLine, s, dosCatSize, align)
			}
			x += l.widths[j]
		}
		y += l.height[r]
	}
	// grid
	right := a4W - dosMargin
	for _, t := range append(rowTops, y) {
		c.line(x0, t, right, t, 0.6, 0)
	}
	x = x0
	for i := 0; i <= len(l.widths); i++ {
		c.line(x, rowTops[0], x, y, 0.6, 0)
		if i < len(l.widths) {
			x += l.widths[i]
		}
	}
}

// dossierDocumentPage places page p of item it on a new A4 page: the original PDF page
// imported as it is (pdfPages), or the page image scaled to fit.
func dossierDocumentPage(c *canvas, it DossierItem, p int, pdfPages *importedPDF) error {
	addA4(c)
	if pdfPages != nil {
		w, h := a4W, a4H
		if box, ok := pdfPages.sizes[p+1]["/MediaBox"]; ok && box["w"] > 0 && box["h"] > 0 {
			w, h = box["w"], box["h"]
		}
		x, y, fw, fh := fit(w, h)
		c.gp.UseImportedTemplate(pdfPages.tpls[p], x, y, fw, fh)
		return nil
	}
	if it.PageJPEG == nil {
		return domain.Errorf(domain.EINVALID, "第 %d 件“%s”没有可用的页面。", it.No, it.Title)
	}
	data, err := it.PageJPEG(p)
	if err != nil {
		return err
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return domain.Errorf(domain.EINVALID, "第 %d 件“%s”第 %d 页的图像无法读取。", it.No, it.Title, p+1)
	}
	holder, err := gopdf.ImageHolderByBytes(data)
	if err != nil {
		return internalErr(err)
	}
	x, y, fw, fh := fit(float64(cfg.Width), float64(cfg.Height))
	c.fail(c.gp.ImageByHolder(holder, x, y, &gopdf.Rect{W: fw, H: fh}))
	return nil
}

// importable checks what the page importer (gofpdi) relies on before it is let near a file:
// it panics on many malformed files and loops for ever on a file whose trailer lacks
// startxref, both of which MuPDF repairs silently when the file is added. A file that fails
// here is placed as page images instead.
func importable(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	tail := make([]byte, min(st.Size(), 1500))
	if _, err := f.ReadAt(tail, st.Size()-int64(len(tail))); err != nil && err != io.EOF {
		return err
	}
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return fmt.Errorf("no startxref")
	}
	fields := strings.Fields(string(tail[i+len("startxref"):]))
	if len(fields) == 0 {
		return fmt.Errorf("no xref offset")
	}
	off, err := strconv.ParseInt(fields[0], 10, 64)
	if err != nil || off <= 0 || off >= st.Size() {
		return fmt.Errorf("bad xref offset %q", fields[0])
	}
	head := make([]byte, 32)
	n, _ := f.ReadAt(head, off)
	h := strings.TrimLeft(string(head[:n]), " \r\n\t")
	if !strings.HasPrefix(h, "xref") && !xrefStreamStart.MatchString(h) {
		return fmt.Errorf("xref offset %d points at %q", off, h)
	}
	return nil
}

var xrefStreamStart = regexp.MustCompile(`^\d+\s+\d+\s+obj`)

// fit scales a w×h page to fill A4 as far as its proportions allow, centred.
func fit(w, h float64) (x, y, fw, fh float64) {
	s := min(a4W/w, a4H/h)
	fw, fh = w*s, h*s
	return (a4W - fw) / 2, (a4H - fh) / 2, fw, fh
}

// stampPageNumber writes the dossier page number in the top right corner, on a white patch
// so it reads on any scan.
func stampPageNumber(c *canvas, page int) {
	s := strconv.Itoa(page)
	w := c.measure(s, 11) + 10
	c.fillRect(a4W-24-w, 14, w, 18, 0xff, 0xff, 0xff)
	c.strokeRect(a4W-24-w, 14, w, 18, 0.5, 0x80, 0x80, 0x80)
	c.textIn(a4W-24-w, 14, w, 18, s, 11, AlignCenter)
}

// dossierClosingNote draws the 备考表.
func dossierClosingNote(c *canvas, d Dossier, totalPages int) {
	addA4(c)
	draftMark(c, d)
	c.textIn(0, dosTop, a4W, dosTitleSize*1.4, "卷 内 备 考 表", dosTitleSize, AlignCenter)
	y := dosTop + dosTitleSize*1.6
	info := "档号：" + d.ArchiveNo
	if d.ArchiveNo == "" {
		info = "案件编号：" + d.CaseNumber
	}
	c.text(dosMargin, y, 16, info, 10)
	y += 24
	boxTop := y
	pages := 0
	for _, it := range d.Items {
		pages += it.Pages
	}
	const size, lh = 12.0, 21.0
	width := a4W - 2*dosMargin - 36
	c.text(dosMargin+18, y+14, lh, "本卷情况说明：", size)
	y += 14 + lh + 4
	paras := append([]string{fmt.Sprintf("本卷共有文件材料 %d 件，共 %d 页（不含封面、卷内目录和本表；连同封面、卷内目录和本表共 %d 页）。",
		len(d.Items), pages, totalPages)}, d.Notes...)
	for _, p := range paras {
		for _, l := range c.wrap("　　"+p, width, size) {
			c.text(dosMargin+18, y, lh, l, size)
			y += lh
		}
		y += 4
	}
	sign := max(y+40, a4H-dosBottom-150)
	for i, l := range []string{"立卷人：" + d.Compiler, "检查人：" + d.Checker, "立卷时间：" + d.Compiled} {
		c.text(a4W/2, sign+float64(i)*32, lh, l, size)
	}
	c.strokeRect(dosMargin, boxTop, a4W-2*dosMargin, a4H-dosBottom-boxTop, 1, 0, 0, 0)
}
