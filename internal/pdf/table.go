package pdf

import (
	"io"
	"math"
	"strings"

	"lawdesk/internal/domain"
)

// Column is one column of a Table.
type Column struct {
	Header string
	Width  float64 // relative weight; 0 counts as 1
	Align  Align   // alignment of the body cells; headers are always centred
}

// Table is a published list (执法主体、执法人员、执法事项清单 …) printed as a grid.
type Table struct {
	Title       string
	Office      string // 制表单位, printed under the title
	Subtitle    string // optional, centred under the title
	VersionDate string // 版本日期, e.g. "2026年3月1日"
	Columns     []Column
	Rows        [][]string
	// Landscape prints on A4 landscape. Tables with more than 6 columns are printed in
	// landscape even when it is false.
	Landscape bool
	FontSize  float64 // body size in points; 0 means 10.5
}

// Table page margins in points.
const (
	tableMarginTop    = 15 * mm
	tableMarginSide   = 15 * mm
	tableMarginBottom = 18 * mm
)

// RenderTable writes t as a PDF: title, office and version date on the first page, the
// column headers repeated on every page, long cells wrapped, and "第 x 页 共 y 页" on
// every page.
func RenderTable(w io.Writer, t Table) error {
	if err := t.validate(); err != nil {
		return err
	}
	pw, ph := a4W, a4H
	if t.Landscape || len(t.Columns) > 6 {
		pw, ph = a4H, a4W
	}
	c, err := newCanvas(pw, ph)
	if err != nil {
		return err
	}
	f := newFlow(c, pw, ph, tableMarginTop, tableMarginSide, tableMarginBottom, tableMarginSide)
	f.titleBlock(t.Title, t.Subtitle, 18)
	f.officeLine(t.Office, t.VersionDate)
	size := t.FontSize
	if size <= 0 {
		size = 10.5
	}
	f.grid(newGrid(c, f.width(), t.Columns, t.Rows, size))
	return f.draw(w, f.pageNumberFooter)
}

func (t Table) validate() error {
	if strings.TrimSpace(t.Title) == "" {
		return domain.Errorf(domain.EINVALID, "表格缺少标题")
	}
	return validateGrid(t.Columns, t.Rows)
}

func validateGrid(cols []Column, rows [][]string) error {
	if len(cols) == 0 {
		return domain.Errorf(domain.EINVALID, "表格至少需要一列")
	}
	for i, r := range rows {
		if len(r) > len(cols) {
			return domain.Errorf(domain.EINVALID, "表格第 %d 行有 %d 项内容，但表格只有 %d 列", i+1, len(r), len(cols))
		}
	}
	for i, col := range cols {
		if col.Width < 0 || math.IsNaN(col.Width) || math.IsInf(col.Width, 0) {
			return domain.Errorf(domain.EINVALID, "表格第 %d 列的宽度无效", i+1)
		}
	}
	return nil
}

// titleBlock lays out a centred title (wrapped if long) and an optional subtitle.
func (f *flow) titleBlock(title, subtitle string, size float64) {
	if title != "" {
		f.textLines(f.c.wrap(title, f.width()*0.9, size), size, size*1.5, AlignCenter, false)
	}
	if subtitle != "" {
		const ss = 12
		f.textLines(f.c.wrap(subtitle, f.width()*0.9, ss), ss, ss*1.5, AlignCenter, false)
	}
	f.y += 6
}

// officeLine lays out "制表单位：…" on the left and "版本日期：…" on the right.
func (f *flow) officeLine(office, date string) {
	const size, lh = 10.5, 10.5 * 1.6
	left, right := "", ""
	if office != "" {
		left = "制表单位：" + office
	}
	if date != "" {
		right = "版本日期：" + date
	}
	if left == "" && right == "" {
		return
	}
	lw, rw := f.c.measure(left, size), f.c.measure(right, size)
	if lw+rw+2*size > f.width() { // too long for one line: two lines
		f.textLines(f.c.wrap(left, f.width(), size), size, lh, AlignLeft, false)
		f.textLines([]string{right}, size, lh, AlignRight, false)
	} else {
		x, y, w := f.left, f.y, f.width()
		f.add(func() {
			f.c.textIn(x, y, w, lh, left, size, AlignLeft)
			f.c.textIn(x, y, w, lh, right, size, AlignRight)
		})
		f.y += lh
	}
	f.y += 4
}

// grid is a table laid out in a flow: absolute column widths, an optional header row that
// is repeated on every page, and cells wrapped to their column.
type grid struct {
	widths []float64
	aligns []Align
	shade  []bool // body cells with a grey background (labels of a key-value table)
	header []string
	rows   [][]string
	size   float64
	lh     float64
	padX   float64
	padY   float64
	empty  string // shown across the table when there are no rows
}

func newGrid(c *canvas, width float64, cols []Column, rows [][]string, size float64) grid {
	g := grid{size: size, lh: size * 1.45, padX: 4, padY: 3, rows: rows, empty: "（无）"}
	total := 0.0
	for _, col := range cols {
		total += colWeight(col)
	}
	for _, col := range cols {
		g.widths = append(g.widths, width*colWeight(col)/total)
		g.aligns = append(g.aligns, col.Align)
		g.header = append(g.header, col.Header)
	}
	g.shade = make([]bool, len(cols))
	g.fitShortColumns(c)
	return g
}

// fitShortColumns widens columns whose widest cell only just misses fitting on one line
// (a date such as 2028年12月31日 would otherwise leave 日 alone on a second line). The room
// comes first from the slack of columns whose cells all fit (never narrowing them below
// their header), then, if that is not enough, from up to a third of the width of columns
// that wrap anyway (never below four characters).
func (g *grid) fitShortColumns(c *canvas) {
	const grow = 1.5 // a column is widened to at most 1.5 times its share
	n := len(g.widths)
	cellNeed := make([]float64, n) // width that puts the widest cell on one line
	headNeed := make([]float64, n) // width that puts the header on one line
	for i, h := range g.header {
		headNeed[i] = c.measure(h, g.size) + 2*g.padX + 0.5
	}
	for _, row := range g.rows {
		for i := 0; i < n && i < len(row); i++ {
			if strings.ContainsAny(row[i], "\r\n") {
				cellNeed[i] = math.Inf(1) // several lines by intent
				continue
			}
			cellNeed[i] = math.Max(cellNeed[i], c.measure(row[i], g.size)+2*g.padX+0.5)
		}
	}
	minWidth := 4*g.size + 2*g.padX
	deficit := 0.0
	slack, wrapping := make([]float64, n), make([]float64, n)
	receives := make([]bool, n)
	for i, w := range g.widths {
		switch {
		case cellNeed[i] > w && cellNeed[i] <= w*grow:
			receives[i] = true
			deficit += cellNeed[i] - w
		case cellNeed[i] <= w:
			slack[i] = math.Max(0, w-math.Max(cellNeed[i], headNeed[i]))
		default:
			wrapping[i] = math.Max(0, math.Min(w/3, w-minWidth))
		}
	}
	if deficit == 0 {
		return
	}
	got := 0.0
	for _, spare := range [][]float64{slack, wrapping} {
		total := 0.0
		for _, v := range spare {
			total += v
		}
		if total == 0 || got >= deficit {
			continue
		}
		share := math.Min(1, (deficit-got)/total)
		for i, v := range spare {
			g.widths[i] -= v * share
			got += v * share
		}
	}
	for i := range g.widths {
		if receives[i] {
			g.widths[i] += (cellNeed[i] - g.widths[i]) * got / deficit
		}
	}
}

func colWeight(c Column) float64 {
	if c.Width <= 0 {
		return 1
	}
	return c.Width
}

const (
	gridGray       = 0x70 // grid line grey
	gridLineWidth  = 0.5
	headerFillGray = 0xE8
)

// grid lays out g, breaking pages between rows and repeating the header on every page. A row
// taller than a whole page is split between its lines.
func (f *flow) grid(g grid) {
	var headerLines [][]string
	headerH := 0.0
	if g.header != nil {
		n := 1
		for i, h := range g.header {
			l := f.c.wrap(h, g.widths[i]-2*g.padX, g.size)
			headerLines = append(headerLines, l)
			n = max(n, len(l))
		}
		headerH = float64(n)*g.lh + 2*g.padY
	}
	x0 := f.left

	drawHeader := func() {
		if headerLines == nil {
			return
		}
		y := f.y
		f.add(func() {
			total := 0.0
			for _, w := range g.widths {
				total += w
			}
			f.c.fillRect(x0, y, total, headerH, headerFillGray, headerFillGray, headerFillGray)
			x := x0
			for i, lines := range headerLines {
				ty := y + (headerH-float64(len(lines))*g.lh)/2
				for _, s := range lines {
					f.c.textIn(x+g.padX, ty, g.widths[i]-2*g.padX, g.lh, s, g.size, AlignCenter)
					ty += g.lh
				}
				x += g.widths[i]
			}
			f.gridLines(x0, y, g.widths, headerH, true)
		})
		f.y += headerH
	}
	// the first row must fit under the header, or both move to the next page
	firstH := g.lh + 2*g.padY
	f.ensure(headerH + firstH)
	drawHeader()
	f.onNewPage = append(f.onNewPage, drawHeader)
	defer func() { f.onNewPage = f.onNewPage[:len(f.onNewPage)-1] }()
	topOfTable := true // the next row is the first on its page: draw its top border

	if len(g.rows) == 0 {
		y, h := f.y, firstH
		total := f.width()
		f.add(func() {
			f.c.textIn(x0, y+g.padY, total, g.lh, g.empty, g.size, AlignCenter)
			f.gridLines(x0, y, []float64{total}, h, headerLines == nil)
		})
		f.y += h
		return
	}

	cells := make([][]string, len(g.widths))
	for _, row := range g.rows {
		n := 1
		for i := range g.widths {
			s := ""
			if i < len(row) {
				s = row[i]
			}
			cells[i] = f.c.wrap(s, g.widths[i]-2*g.padX, g.size)
			n = max(n, len(cells[i]))
		}
		rowH := float64(n)*g.lh + 2*g.padY
		pageRoom := f.limit() - f.top - headerH
		if rowH > f.remaining() && rowH <= pageRoom && !f.atTop() {
			f.newPage()
			topOfTable = true
		}
		// place the row, in slices of lines when it is taller than the room left
		for from := 0; from < n; {
			fit := int((f.remaining() - 2*g.padY) / g.lh)
			if fit < n-from && fit < 3 && f.y > f.top+headerH+0.01 {
				f.newPage() // too little room for a useful slice
				topOfTable = true
				continue
			}
			fit = max(1, min(fit, n-from))
			slice := make([][]string, len(cells))
			for i, l := range cells {
				if from < len(l) {
					slice[i] = l[from:min(len(l), from+fit)]
				}
			}
			y, h, top := f.y, float64(fit)*g.lh+2*g.padY, topOfTable && headerLines == nil
			f.add(func() { f.gridRow(g, x0, y, h, slice, top) })
			f.y += h
			topOfTable = false
			from += fit
			if from < n {
				f.newPage()
				topOfTable = true
			}
		}
	}
}

// gridRow draws the cells of one row (or a slice of one) and its lines.
func (f *flow) gridRow(g grid, x0, y, h float64, cells [][]string, top bool) {
	x := x0
	for i, lines := range cells {
		if g.shade[i] {
			f.c.fillRect(x, y, g.widths[i], h, headerFillGray+8, headerFillGray+8, headerFillGray+8)
		}
		ty := y + g.padY
		for _, s := range lines {
			f.c.textIn(x+g.padX, ty, g.widths[i]-2*g.padX, g.lh, s, g.size, g.aligns[i])
			ty += g.lh
		}
		x += g.widths[i]
	}
	f.gridLines(x0, y, g.widths, h, top)
}

// gridLines draws the vertical lines and the bottom line of a row, and its top line if top.
func (f *flow) gridLines(x0, y float64, widths []float64, h float64, top bool) {
	total := 0.0
	for _, w := range widths {
		total += w
	}
	if top {
		f.c.line(x0, y, x0+total, y, gridLineWidth, gridGray)
	}
	f.c.line(x0, y+h, x0+total, y+h, gridLineWidth, gridGray)
	x := x0
	f.c.line(x, y, x, y+h, gridLineWidth, gridGray)
	for _, w := range widths {
		x += w
		f.c.line(x, y, x, y+h, gridLineWidth, gridGray)
	}
}
