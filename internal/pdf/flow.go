package pdf

import (
	"fmt"
	"io"

	"github.com/signintech/gopdf"
)

// flow lays content out top to bottom over pages. Layout only measures and records drawing
// operations per page; draw then creates the pages, so every page knows the total page
// count (第 x 页 共 y 页) without rendering twice.
type flow struct {
	c                        *canvas
	pageW, pageH             float64
	left, right, top, bottom float64 // margins
	pages                    [][]func()
	y                        float64  // cursor on the current (last) page
	onNewPage                []func() // run after every page break (e.g. repeat a table header)
}

func newFlow(c *canvas, pageW, pageH, top, right, bottom, left float64) *flow {
	f := &flow{c: c, pageW: pageW, pageH: pageH, left: left, right: right, top: top, bottom: bottom}
	f.newPage()
	return f
}

func (f *flow) width() float64     { return f.pageW - f.left - f.right }
func (f *flow) limit() float64     { return f.pageH - f.bottom }
func (f *flow) remaining() float64 { return f.limit() - f.y }

// atTop reports whether nothing has been placed on the current page yet.
func (f *flow) atTop() bool { return f.y <= f.top+0.01 }

func (f *flow) newPage() {
	f.pages = append(f.pages, nil)
	f.y = f.top
	for _, fn := range f.onNewPage {
		fn()
	}
}

// ensure starts a new page unless h more points fit on this one (or the page is empty).
func (f *flow) ensure(h float64) {
	if h > f.remaining() && !f.atTop() {
		f.newPage()
	}
}

// add records a drawing operation on the current page.
func (f *flow) add(op func()) {
	f.pages[len(f.pages)-1] = append(f.pages[len(f.pages)-1], op)
}

// textLines lays out pre-wrapped lines, breaking pages between lines.
func (f *flow) textLines(lines []string, size, lh float64, a Align, justifyLast bool) {
	for i, s := range lines {
		f.ensure(lh)
		x, y, w, s := f.left, f.y, f.width(), s
		if a == AlignLeft && (i < len(lines)-1 || justifyLast) {
			f.add(func() { f.c.justified(x, y, w, lh, s, size) })
		} else {
			f.add(func() { f.c.textIn(x, y, w, lh, s, size, a) })
		}
		f.y += lh
	}
}

// draw creates the pages, runs the recorded operations and writes the PDF to w. footer, if
// not nil, is drawn on every page with its number and the total.
func (f *flow) draw(w io.Writer, footer func(page, total int)) error {
	total := len(f.pages)
	for i, ops := range f.pages {
		f.c.gp.AddPageWithOption(gopdf.PageOption{PageSize: &gopdf.Rect{W: f.pageW, H: f.pageH}})
		f.c.textColor(0, 0, 0)
		for _, op := range ops {
			op()
		}
		if footer != nil {
			footer(i+1, total)
		}
	}
	if f.c.err != nil {
		return internalErr(f.c.err)
	}
	if _, err := f.c.gp.WriteTo(w); err != nil {
		return internalErr(err)
	}
	return nil
}

// pageNumberFooter draws "第 x 页 共 y 页" centred in the bottom margin.
func (f *flow) pageNumberFooter(page, total int) {
	const size = 9
	s := fmt.Sprintf("第 %d 页 共 %d 页", page, total)
	f.c.textColor(0x40, 0x40, 0x40)
	f.c.textIn(0, f.pageH-f.bottom/2-size/2, f.pageW, size*1.2, s, size, AlignCenter)
	f.c.textColor(0, 0, 0)
}
