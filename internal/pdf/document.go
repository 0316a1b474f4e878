package pdf

import (
	"io"
	"math"
	"strings"

	"lawdesk/internal/domain"
)

// Document is a formal document on A4 portrait: the office on top, the title, the document
// number, then its blocks. Review opinions (法制审核意见书), dossier covers (案卷封面),
// catalogues (卷内目录), closing notes (备考表) and notices are all Documents.
type Document struct {
	Office string // 机关名称, printed above the title
	Title  string
	Number string // 文号, e.g. 马市监法审〔2026〕3号; right-aligned under the title
	Blocks []Block
}

// Block is one part of a Document's body: Heading, Paragraph, KeyValues, Grid, Signature,
// Spacer or PageBreak.
type Block interface {
	check() error
	layout(f *flow)
}

// Heading is a heading line. Level 1 is larger than level 2.
type Heading struct {
	Text  string
	Level int // 1 (default) or 2
	Align Align
}

// Paragraph is body text. Each line of Text (split at "\n") is a paragraph whose first line
// is indented by two characters, unless NoIndent; lines are justified when Align is left.
type Paragraph struct {
	Text     string
	NoIndent bool
	Align    Align
}

// KeyValue is one row of a KeyValues table.
type KeyValue struct {
	Label, Value string
}

// KeyValues is a two-column form table: shaded labels on the left, values on the right.
type KeyValues struct {
	Rows       []KeyValue
	LabelWidth float64 // label column as a fraction of the width (e.g. 0.25); 0 fits the labels
}

// Grid is a table with a header row (repeated on every page), like Table.
type Grid struct {
	Columns  []Column
	Rows     [][]string
	FontSize float64 // 0 means 10.5
}

// Signature is a signing area on the right: each label with a line to sign on, an optional
// seal note (e.g. （盖章）) and a date line. An empty Date prints a blank "年  月  日".
type Signature struct {
	Labels []string
	Seal   string
	Date   string
}

// Spacer is vertical white space, in points.
type Spacer struct{ Height float64 }

// PageBreak starts a new page.
type PageBreak struct{}

// Document layout in points.
const (
	docMarginTop    = 25 * mm
	docMarginBottom = 22 * mm
	docMarginLeft   = 27 * mm
	docMarginRight  = 25 * mm
	docBodySize     = 12
	docLineHeight   = docBodySize * 1.7
)

// RenderDocument writes d as a PDF with "第 x 页 共 y 页" on every page.
func RenderDocument(w io.Writer, d Document) error {
	if strings.TrimSpace(d.Title) == "" {
		return domain.Errorf(domain.EINVALID, "文书缺少标题")
	}
	for i, b := range d.Blocks {
		if b == nil {
			return domain.Errorf(domain.EINVALID, "文书第 %d 部分为空", i+1)
		}
		if err := b.check(); err != nil {
			if de, ok := err.(*domain.Error); ok {
				return domain.Errorf(de.Code, "文书第 %d 部分：%s", i+1, de.Message)
			}
			return err
		}
	}
	c, err := newCanvas(a4W, a4H)
	if err != nil {
		return err
	}
	f := newFlow(c, a4W, a4H, docMarginTop, docMarginRight, docMarginBottom, docMarginLeft)
	if d.Office != "" {
		const s = 16
		f.textLines(c.wrap(d.Office, f.width(), s), s, s*1.5, AlignCenter, false)
		f.y += 4
	}
	const ts = 22
	f.textLines(c.wrap(d.Title, f.width(), ts), ts, ts*1.45, AlignCenter, false)
	f.y += 4
	if d.Number != "" {
		f.textLines([]string{d.Number}, docBodySize, docLineHeight, AlignRight, false)
	}
	f.y += 10
	for _, b := range d.Blocks {
		b.layout(f)
	}
	return f.draw(w, f.pageNumberFooter)
}

func (h Heading) check() error { return nil }

func (h Heading) layout(f *flow) {
	size, before := 14.0, 8.0
	if h.Level == 2 {
		size, before = 12.5, 4
	}
	lh := size * 1.7
	lines := f.c.wrap(h.Text, f.width(), size)
	if !f.atTop() {
		f.y += before
	}
	f.ensure(float64(len(lines))*lh + 2*docLineHeight) // keep the heading with what follows
	f.textLines(lines, size, lh, h.Align, false)
}

func (p Paragraph) check() error { return nil }

func (p Paragraph) layout(f *flow) {
	for _, para := range strings.Split(strings.ReplaceAll(p.Text, "\r\n", "\n"), "\n") {
		para = strings.TrimRight(para, " ")
		if !p.NoIndent && p.Align == AlignLeft && para != "" {
			para = "\u3000\u3000" + strings.TrimLeft(para, " \u3000")
		}
		f.textLines(f.c.wrap(para, f.width(), docBodySize), docBodySize, docLineHeight, p.Align, false)
	}
}

func (kv KeyValues) check() error {
	if kv.LabelWidth < 0 || kv.LabelWidth >= 1 || math.IsNaN(kv.LabelWidth) {
		return domain.Errorf(domain.EINVALID, "标签列宽度应在 0 与 1 之间")
	}
	return nil
}

func (kv KeyValues) layout(f *flow) {
	const size = 11
	lw := kv.LabelWidth * f.width()
	if lw == 0 {
		for _, r := range kv.Rows {
			lw = math.Max(lw, f.c.measure(r.Label, size))
		}
		lw = math.Min(lw+2*size, f.width()*0.35)
	}
	rows := make([][]string, len(kv.Rows))
	for i, r := range kv.Rows {
		rows[i] = []string{r.Label, r.Value}
	}
	g := grid{
		widths: []float64{lw, f.width() - lw},
		aligns: []Align{AlignCenter, AlignLeft},
		shade:  []bool{true, false},
		rows:   rows,
		size:   size, lh: size * 1.6, padX: 6, padY: 5,
		empty: "（无）",
	}
	f.grid(g)
	f.y += 6
}

func (g Grid) check() error { return validateGrid(g.Columns, g.Rows) }

func (g Grid) layout(f *flow) {
	size := g.FontSize
	if size <= 0 {
		size = 10.5
	}
	f.grid(newGrid(f.c, f.width(), g.Columns, g.Rows, size))
	f.y += 6
}

func (s Signature) check() error { return nil }

func (s Signature) layout(f *flow) {
	const size float64 = docBodySize
	const lh = size * 2.2
	lineW := size * 10
	labelW := 0.0
	for _, l := range s.Labels {
		labelW = math.Max(labelW, f.c.measure(l+"：", size))
	}
	n := len(s.Labels) + 1
	if s.Seal != "" {
		n++
	}
	f.y += size
	f.ensure(float64(n) * lh)
	right := f.left + f.width()
	x := right - lineW - labelW
	for _, l := range s.Labels {
		y, l := f.y, l
		f.add(func() {
			f.c.textIn(x, y, labelW, lh, l+"：", size, AlignRight)
			f.c.line(x+labelW, y+lh*0.5+size*0.65, right, y+lh*0.5+size*0.65, 0.6, 0x30)
		})
		f.y += lh
	}
	if s.Seal != "" {
		f.textLines([]string{s.Seal}, size, lh, AlignRight, false)
	}
	date := s.Date
	if date == "" {
		date = "年\u3000\u3000月\u3000\u3000日"
	}
	y := f.y
	f.add(func() { f.c.textIn(x, y, right-x-size, lh, date, size, AlignRight) })
	f.y += lh
}

func (s Spacer) check() error {
	if s.Height < 0 || math.IsNaN(s.Height) || math.IsInf(s.Height, 0) {
		return domain.Errorf(domain.EINVALID, "空白高度无效")
	}
	return nil
}

func (s Spacer) layout(f *flow) {
	if s.Height > f.remaining() {
		f.newPage()
		return
	}
	f.y += s.Height
}

func (PageBreak) check() error { return nil }

func (PageBreak) layout(f *flow) {
	if !f.atTop() {
		f.newPage()
	}
}
