package flowchart

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"lawdesk/resources"
)

// The layout measures text with the advance widths of the embedded font, the same font the
// PDF and the PNG draw with, so a line that fits on screen fits on paper.

var parsedFont = sync.OnceValues(func() (*sfnt.Font, error) { return opentype.Parse(resources.Font) })

// metrics measures text in points.
type metrics struct {
	f      *sfnt.Font
	buf    sfnt.Buffer
	upem   float64
	widths map[rune]float64 // advance at 1 pt
}

func newMetrics() (*metrics, error) {
	f, err := parsedFont()
	if err != nil {
		return nil, err
	}
	return &metrics{f: f, upem: float64(f.UnitsPerEm()), widths: map[rune]float64{}}, nil
}

func (m *metrics) runeWidth(r rune) float64 {
	if w, ok := m.widths[r]; ok {
		return w
	}
	w := 0.0
	if idx, err := m.f.GlyphIndex(&m.buf, r); err == nil && idx != 0 {
		if adv, err := m.f.GlyphAdvance(&m.buf, idx, fixed.I(int(m.upem)), font.HintingNone); err == nil {
			w = float64(adv) / 64 / m.upem
		}
	} else if !unicode.IsControl(r) {
		w = 1 // a glyph the font lacks is drawn as a box about one em wide
	}
	m.widths[r] = w
	return w
}

// width is the advance of s at size points.
func (m *metrics) width(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		w += m.runeWidth(r)
	}
	return w * size
}

// wrap breaks s into lines no wider than width at size. Chinese breaks between any two
// characters; runs of ASCII letters and digits stay whole when they fit; closing
// punctuation never starts a line.
func (m *metrics) wrap(s string, width, size float64) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		runes := []rune(para)
		if len(runes) == 0 {
			out = append(out, "")
			continue
		}
		for start := 0; start < len(runes); {
			w, end := 0.0, start
			for end < len(runes) {
				rw := m.runeWidth(runes[end]) * size
				if w+rw > width && end > start {
					break
				}
				w += rw
				end++
			}
			if end < len(runes) {
				if asciiWord(runes[end]) && asciiWord(runes[end-1]) {
					b := end - 1
					for b > start && asciiWord(runes[b-1]) {
						b--
					}
					if b > start {
						end = b
					}
				}
				// closing punctuation never starts a line: take the character before along
				for b := end; b-start > 1 && b > end-3 && closing(runes[b]); b-- {
					if !closing(runes[b-1]) {
						end = b - 1
						break
					}
				}
			}
			out = append(out, strings.TrimSpace(string(runes[start:end])))
			start = end
			for start < len(runes) && runes[start] == ' ' {
				start++
			}
		}
	}
	return out
}

// balanced wraps s into as few lines as wrap does at width, but with lines of even length,
// so a short label in a box does not leave one character alone on its last line.
func (m *metrics) balanced(s string, width, size float64) []string {
	lines := m.wrap(s, width, size)
	if len(lines) < 2 {
		return lines
	}
	for w := m.width(s, size) / float64(len(lines)); w < width; w += size / 2 {
		if try := m.wrap(s, w, size); len(try) == len(lines) {
			return try
		}
	}
	return lines
}

func closing(r rune) bool { return strings.ContainsRune("，。、；：？！）》”’,.;:?!)", r) }

func asciiWord(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_./%", r))
}

// faces caches font faces by pixel size for the PNG renderer.
type faces struct {
	f     *sfnt.Font
	cache map[float64]font.Face
}

func (fs *faces) face(px float64) (font.Face, error) {
	if fc, ok := fs.cache[px]; ok {
		return fc, nil
	}
	fc, err := opentype.NewFace(fs.f, &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, err
	}
	fs.cache[px] = fc
	return fc, nil
}
