// Package pdf renders every printable document of LawDesk with gopdf: published lists as
// tables (RenderTable), posting-board cards (RenderCards) and formal documents such as review
// opinions, dossier covers and catalogues (RenderDocument). Each Render function writes a
// complete PDF to an io.Writer; the package knows nothing of the database or the user
// interface. Chinese text is embedded with the font from package resources.
package pdf

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/signintech/gopdf"

	"lawdesk/internal/domain"
	"lawdesk/resources"
)

// Page sizes in points (1/72 inch).
const (
	mm = 72.0 / 25.4

	a4W = 595.28
	a4H = 841.89
	a5W = 419.53
	a5H = 595.28
)

const fontFamily = "wqy"

var (
	fontOnce      sync.Once
	fontContainer *gopdf.FontContainer
	fontErr       error
)

// loadFont parses the embedded TrueType font once; every document takes its own copy of the
// parsed font from the container (parsing 4.6 MB of TrueType costs far more than a page).
func loadFont() (*gopdf.FontContainer, error) {
	fontOnce.Do(func() {
		fc := &gopdf.FontContainer{}
		if err := fc.AddTTFFontData(fontFamily, resources.Font); err != nil {
			fontErr = err
			return
		}
		fontContainer = fc
	})
	return fontContainer, fontErr
}

// internalErr wraps a technical failure of the PDF library in a user message.
func internalErr(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := err.(*domain.Error); ok {
		return err
	}
	return domain.Wrap(err, domain.EINTERNAL, "生成 PDF 文件失败")
}

// canvas wraps a gopdf document with the font, a per-rune width cache and a sticky error,
// so drawing code can be written without checking every call.
type canvas struct {
	gp     *gopdf.GoPdf
	size   float64          // current font size
	widths map[rune]float64 // advance width of a rune at 1 pt
	err    error
}

func newCanvas(pageW, pageH float64) (*canvas, error) {
	fc, err := loadFont()
	if err != nil {
		return nil, internalErr(err)
	}
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: pageW, H: pageH}})
	gp.SetCompressLevel(6)
	if err := gp.AddTTFFontFromFontContainer(fontFamily, fc); err != nil {
		return nil, internalErr(err)
	}
	c := &canvas{gp: gp, widths: make(map[rune]float64, 512)}
	c.setFont(10)
	return c, nil
}

func (c *canvas) fail(err error) {
	if err != nil && c.err == nil {
		c.err = err
	}
}

func (c *canvas) setFont(size float64) {
	if size == c.size {
		return
	}
	c.size = size
	c.fail(c.gp.SetFont(fontFamily, "", size))
}

// runeWidth is the advance width of r at 1 pt. Control characters are zero wide.
func (c *canvas) runeWidth(r rune) float64 {
	if w, ok := c.widths[r]; ok {
		return w
	}
	w := 0.0
	if !unicode.IsControl(r) {
		mw, err := c.gp.MeasureTextWidth(string(r))
		if err == nil {
			w = mw / c.size
		}
	}
	c.widths[r] = w
	return w
}

// measure returns the width of s at the given font size.
func (c *canvas) measure(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		w += c.runeWidth(r)
	}
	return w * size
}

// wrap breaks s into lines no wider than width at the given size. Explicit newlines are
// kept. CJK text breaks between any two runes; runs of ASCII letters and digits (words,
// numbers, phone numbers, URLs without spaces) stay together when they fit on a line.
// Leading spaces of continuation lines are dropped. An empty string gives one empty line.
func (c *canvas) wrap(s string, width, size float64) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\t", "    ")
	var out []string
	for _, para := range strings.Split(s, "\n") {
		out = c.wrapLine(para, width, size, out)
	}
	return out
}

func isWordRune(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) ||
		strings.ContainsRune("-_.:/@#%&+=?~'\",;!()[]<>", r))
}

// wrapLine appends the wrapped lines of one paragraph (no newlines) to out.
func (c *canvas) wrapLine(s string, width, size float64, out []string) []string {
	if width <= 0 {
		width = size // degenerate column: still one rune per line, never loop forever
	}
	limit := width / size // compare in 1-pt units
	runes := []rune(s)
	if len(runes) == 0 {
		return append(out, "")
	}
	start := 0
	for start < len(runes) {
		// skip leading spaces of continuation lines
		if len(out) > 0 && start > 0 {
			for start < len(runes) && runes[start] == ' ' {
				start++
			}
			if start == len(runes) {
				break
			}
		}
		w := 0.0
		end := start
		for end < len(runes) {
			rw := c.runeWidth(runes[end])
			if w+rw > limit && end > start {
				break
			}
			w += rw
			end++
		}
		if end < len(runes) {
			// we break before runes[end]; avoid splitting an ASCII word
			if isWordRune(runes[end]) && isWordRune(runes[end-1]) {
				b := end - 1
				for b > start && isWordRune(runes[b-1]) {
					b--
				}
				if b > start { // the word starts inside this line: move it down whole
					end = b
				}
			}
			// keep closing punctuation with the preceding text (simple 避头 rule)
			if end-start > 1 && isClosingPunct(runes[end]) {
				end--
			}
		}
		out = append(out, strings.TrimRight(string(runes[start:end]), " "))
		start = end
	}
	return out
}

func isClosingPunct(r rune) bool {
	return strings.ContainsRune("，。、；：？！）》」』】〕”’,.;:?!)", r)
}

// text draws s with its line box's top-left corner at (x, y); lh is the line height, and the
// glyphs are centred vertically in it.
func (c *canvas) text(x, y, lh float64, s string, size float64) {
	if s == "" {
		return
	}
	c.setFont(size)
	c.gp.SetXY(x, y+(lh-size*1.2)/2+size*0.1)
	c.fail(c.gp.CellWithOption(&gopdf.Rect{W: c.measure(s, size) + 1, H: size}, s, gopdf.CellOption{Align: gopdf.Left | gopdf.Top}))
}

// Alignment of text in its box.
type Align int

const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
)

// textIn draws one line aligned inside the horizontal span [x, x+w].
func (c *canvas) textIn(x, y, w, lh float64, s string, size float64, a Align) {
	switch a {
	case AlignCenter:
		x += (w - c.measure(s, size)) / 2
	case AlignRight:
		x += w - c.measure(s, size)
	}
	c.text(x, y, lh, s, size)
}

// justified draws a line stretched to width w by spacing the runes evenly (how Chinese
// body text is set); used for all but the last line of a paragraph.
func (c *canvas) justified(x, y, w, lh float64, s string, size float64) {
	n := utf8.RuneCountInString(s)
	slack := w - c.measure(s, size)
	if n < 2 || slack <= 0 || slack > size*float64(n)*0.5 {
		c.text(x, y, lh, s, size)
		return
	}
	c.fail(c.gp.SetCharSpacing(slack / float64(n-1)))
	c.text(x, y, lh, s, size)
	c.fail(c.gp.SetCharSpacing(0))
}

func (c *canvas) line(x1, y1, x2, y2, width float64, gray uint8) {
	c.gp.SetLineWidth(width)
	c.gp.SetStrokeColor(gray, gray, gray)
	c.gp.Line(x1, y1, x2, y2)
}

func (c *canvas) fillRect(x, y, w, h float64, r, g, b uint8) {
	c.gp.SetFillColor(r, g, b)
	c.gp.RectFromUpperLeftWithStyle(x, y, w, h, "F")
}

func (c *canvas) strokeRect(x, y, w, h, width float64, r, g, b uint8) {
	c.gp.SetLineWidth(width)
	c.gp.SetStrokeColor(r, g, b)
	c.gp.RectFromUpperLeftWithStyle(x, y, w, h, "D")
}

func (c *canvas) textColor(r, g, b uint8) { c.gp.SetTextColor(r, g, b) }
