package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"io"
	"math"
	"runtime"
	"strings"
	"sync"

	"github.com/nfnt/resize"
	"github.com/signintech/gopdf"
	qrcode "github.com/skip2/go-qrcode"

	"lawdesk/internal/domain"
)

// Card is a 岗位信息公示牌: the posting-board card shown at a service window.
type Card struct {
	Office    string   // 单位
	Window    string   // 窗口名称
	Name      string   // 姓名
	Post      string   // 岗位 / 职务
	Duties    string   // 岗位职责
	Services  []string // 办理事项
	Materials string   // 申请材料示范文本 (newlines start new lines)

	ProgressPhone  string // 进度查询
	Consultation   string // 咨询电话
	ComplaintPhone string // 投诉电话

	QRURL string      // the QR code links here (e.g. the service guide); none when empty
	Photo image.Image // nil prints a placeholder box marked 照片
	// PhotoJPEG, when set, is a ready 3:4 JPEG (as services store ID photos, see IDPhoto)
	// embedded as it is: no decoding, resizing or encoding per card.
	PhotoJPEG []byte
}

// CardSize is the paper a card is printed on.
type CardSize int

const (
	CardA4          CardSize = iota // A4 portrait
	CardA5Landscape                 // A5 landscape (a desk or window sign)
)

func (s CardSize) page() (w, h float64, ok bool) {
	switch s {
	case CardA4:
		return a4W, a4H, true
	case CardA5Landscape:
		return a5H, a5W, true
	}
	return 0, 0, false
}

// QRCaption is printed under a card's QR code.
const QRCaption = "扫码查看办事指南"

// Card colours.
var (
	cardBlue = [3]uint8{0x1A, 0x4A, 0x8C}
	cardText = [3]uint8{0x20, 0x20, 0x20}
	cardGray = [3]uint8{0x5A, 0x5A, 0x5A}
)

// RenderCards writes one posting-board card per page, sized for size. Long texts are set
// smaller to fit their box; what still does not fit at the smallest size ends with "…".
func RenderCards(w io.Writer, cards []Card, size CardSize) error {
	_, err := renderCards(w, cards, size)
	return err
}

type rect struct{ x, y, w, h float64 }

// renderCards also returns where each card's QR code was drawn (zero rect: none), for tests.
func renderCards(w io.Writer, cards []Card, size CardSize) ([]rect, error) {
	pw, ph, ok := size.page()
	if !ok {
		return nil, domain.Errorf(domain.EINVALID, "不支持的公示牌纸张尺寸")
	}
	if len(cards) == 0 {
		return nil, domain.Errorf(domain.EINVALID, "没有要打印的岗位信息公示牌")
	}
	qrs := make([][][]bool, len(cards))
	for i, cd := range cards {
		if strings.TrimSpace(cd.Name) == "" {
			return nil, domain.Errorf(domain.EINVALID, "第 %d 张岗位信息公示牌缺少姓名", i+1)
		}
		if u := strings.TrimSpace(cd.QRURL); u != "" {
			bm, err := qrBitmap(u)
			if err != nil {
				return nil, domain.Wrap(err, domain.EINVALID, "第 %d 张岗位信息公示牌的二维码网址无法生成二维码（可能过长）", i+1)
			}
			qrs[i] = bm
		}
	}
	c, err := newCanvas(pw, ph)
	if err != nil {
		return nil, err
	}
	photos, err := preparePhotos(cards, newCardLayout(c, pw, ph).photoWidth())
	if err != nil {
		return nil, err
	}
	var qrRects []rect
	for i, cd := range cards {
		c.gp.AddPageWithOption(gopdf.PageOption{PageSize: &gopdf.Rect{W: pw, H: ph}})
		l := newCardLayout(c, pw, ph)
		l.photo = photos[i]
		qrRects = append(qrRects, l.draw(cd, qrs[i]))
		if c.err != nil {
			return nil, internalErr(c.err)
		}
	}
	if _, err := c.gp.WriteTo(w); err != nil {
		return nil, internalErr(err)
	}
	return qrRects, nil
}

// qrBitmap encodes url with medium error recovery, without the quiet zone (the layout
// keeps that space white).
func qrBitmap(url string) ([][]bool, error) {
	q, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		return nil, err
	}
	q.DisableBorder = true
	return q.Bitmap(), nil
}

// cardLayout places one card on a page. Every measure derives from the page size, so the
// same code serves A4 portrait and A5 landscape.
type cardLayout struct {
	c         *canvas
	pw, ph    float64
	landscape bool
	u         float64 // unit: the short side / 100
	photo     []byte  // the card's photo as JPEG, nil for the placeholder
}

// photoWidth is the width of the photo box: about 35 mm on A5, 55 mm on A4.
func (l *cardLayout) photoWidth() float64 {
	if l.landscape {
		return 24 * l.u
	}
	return 26 * l.u
}

func newCardLayout(c *canvas, pw, ph float64) *cardLayout {
	return &cardLayout{c: c, pw: pw, ph: ph, landscape: pw > ph, u: math.Min(pw, ph) / 100}
}

func (l *cardLayout) draw(cd Card, qr [][]bool) rect {
	c, u := l.c, l.u
	// frame: a strong outer line and a thin inner one
	fi := 3.4 * u
	if l.landscape {
		fi = 2.8 * u
	}
	c.strokeRect(fi, fi, l.pw-2*fi, l.ph-2*fi, 1.6, cardBlue[0], cardBlue[1], cardBlue[2])
	in := fi + 3
	c.strokeRect(in, in, l.pw-2*in, l.ph-2*in, 0.5, cardBlue[0], cardBlue[1], cardBlue[2])

	// header band: office and window
	bandH := 16 * u
	if l.landscape {
		bandH = 12.5 * u
	}
	bx, bw := in+2, l.pw-2*in-4
	c.fillRect(bx, in+2, bw, bandH, cardBlue[0], cardBlue[1], cardBlue[2])
	c.textColor(255, 255, 255)
	osz := l.fitLine(cd.Office, bw-8*u, bandH*0.30, bandH*0.16)
	ws := l.fitLine(cd.Window, bw-8*u, bandH*0.21, bandH*0.13)
	lines := 0.0
	if cd.Office != "" {
		lines += osz * 1.35
	}
	if cd.Window != "" {
		lines += ws * 1.5
	}
	ty := in + 2 + (bandH-lines)/2
	if cd.Office != "" {
		c.textIn(bx, ty, bw, osz*1.35, ellipsize(c, cd.Office, bw-8*u, osz), osz, AlignCenter)
		ty += osz * 1.35
	}
	if cd.Window != "" {
		c.textIn(bx, ty, bw, ws*1.5, ellipsize(c, cd.Window, bw-8*u, ws), ws, AlignCenter)
	}
	c.textColor(cardText[0], cardText[1], cardText[2])

	// content box
	m := in + 4*u
	top := in + 2 + bandH + 3.5*u
	bottom := l.ph - in - 3*u
	left, right := m, l.pw-m

	if l.landscape {
		return l.drawLandscape(cd, qr, left, top, right, bottom)
	}

	// bottom strip: phones and QR code
	stripH := 22 * u
	stripTop := bottom - stripH
	var qrRect rect
	phoneW := right - left
	if qr != nil {
		qs := qrSide(stripH-l.captionHeight(), len(qr))
		quiet := qrQuietZone(qs, len(qr))
		qrRect = rect{right - qs - u, stripTop + quiet, qs, qs}
		l.drawQR(qr, qrRect)
		l.qrCaption(qrRect, len(qr))
		phoneW = qrRect.x - left - 6*u
	}
	c.line(left, stripTop, right, stripTop, 0.8, 0xA0)
	l.drawPhones(cd, rect{left, stripTop + 1.5*u, phoneW, stripH - 2*u}, 3.6*u)

	// identity: photo, name, post
	pw := l.photoWidth()
	ph := pw * 4 / 3
	l.drawPhoto(rect{left, top, pw, ph})
	rx := left + pw + 5*u
	rw := right - rx
	y := top
	ns := l.fitLine(cd.Name, rw, 6.5*u, 4*u)
	c.text(rx, y, ns*1.35, ellipsize(c, cd.Name, rw, ns), ns)
	y += ns * 1.35
	if cd.Post != "" {
		ps := 3 * u
		c.textColor(cardGray[0], cardGray[1], cardGray[2])
		for _, s := range clampLines(c, c.wrap(cd.Post, rw, ps), 2, rw, ps) {
			c.text(rx, y, ps*1.45, s, ps)
			y += ps * 1.45
		}
		c.textColor(cardText[0], cardText[1], cardText[2])
	}
	y += 1.2 * u
	c.line(rx, y, right, y, 0.8, 0xA0)
	y += 1.5 * u
	if d := strings.TrimSpace(cd.Duties); d != "" {
		l.drawSections([]section{{title: "岗位职责", items: []string{d}}}, rect{rx, y, rw, top + ph - y}, 2.6*u, 1.6*u)
	}
	y = top + ph + 4*u
	secs := cardSections(cd, false)
	l.drawSections(secs, rect{left, y, right - left, stripTop - 2*u - y}, 3.2*u, 1.6*u)
	return qrRect
}

// drawLandscape lays out the body of a landscape card: photo, name, post and QR code in a
// left column; duties, services, materials and phones on the right.
func (l *cardLayout) drawLandscape(cd Card, qr [][]bool, left, top, right, bottom float64) rect {
	c, u := l.c, l.u
	colW := 30 * u       // wide enough for a post such as 综合受理岗 / 四级主任科员 on one line
	pw := l.photoWidth() // photo 3:4, about 35 × 47 mm (a 二寸 photo)
	ph := pw * 4 / 3
	l.drawPhoto(rect{left + (colW-pw)/2, top, pw, ph})
	y := top + ph + 1.5*u
	ns := l.fitLine(cd.Name, colW, 5.5*u, 3.5*u)
	c.textIn(left, y, colW, ns*1.3, ellipsize(c, cd.Name, colW, ns), ns, AlignCenter)
	y += ns * 1.3
	if cd.Post != "" {
		ps := l.fitLine(cd.Post, colW, 2.7*u, 2.3*u)
		c.textColor(cardGray[0], cardGray[1], cardGray[2])
		for _, s := range clampLines(c, c.wrap(cd.Post, colW, ps), 2, colW, ps) {
			c.textIn(left, y, colW, ps*1.35, s, ps, AlignCenter)
			y += ps * 1.35
		}
		c.textColor(cardText[0], cardText[1], cardText[2])
	}
	var qrRect rect
	if qr != nil {
		// the code with its quiet zone and caption fills what is left of the column
		capH := l.captionHeight()
		qs := math.Min(colW*0.75, qrSide(bottom-capH-y, len(qr)))
		quiet := qrQuietZone(qs, len(qr))
		qrRect = rect{left + (colW-qs)/2, bottom - capH - quiet - qs, qs, qs}
		l.drawQR(qr, qrRect)
		l.qrCaption(qrRect, len(qr))
	}

	sx := left + colW + 5*u
	c.line(sx-2.5*u, top, sx-2.5*u, bottom, 0.5, 0xC0)
	phonesH := 0.0
	if n := phoneCount(cd); n > 0 {
		phonesH = float64(n)*3*u*1.45 + 2.5*u
		c.line(sx, bottom-phonesH+0.8*u, right, bottom-phonesH+0.8*u, 0.6, 0xB0)
		l.drawPhones(cd, rect{sx, bottom - phonesH + 2*u, right - sx, phonesH - 2*u}, 3*u)
	}
	l.drawSections(cardSections(cd, true), rect{sx, top - 0.5*u, right - sx, bottom - phonesH - top}, 3.1*u, 2*u)
	return qrRect
}

// qrQuietModules is the white margin a QR code needs around it, in modules (ISO/IEC 18004).
const qrQuietModules = 4

// qrSide is the largest side of an n-module QR code that fits in height h together with
// its quiet zone above and below.
func qrSide(h float64, n int) float64 {
	return h / (1 + 2*qrQuietModules/float64(n))
}

// qrQuietZone is the width of the quiet zone around an n-module code of side qs.
func qrQuietZone(qs float64, n int) float64 {
	return qs / float64(n) * qrQuietModules
}

func (l *cardLayout) captionHeight() float64 { return 2.3 * l.u * 1.3 }

// qrCaption writes the caption under the code, below its quiet zone.
func (l *cardLayout) qrCaption(r rect, n int) {
	c, u := l.c, l.u
	cs := 2.3 * u
	c.textColor(cardGray[0], cardGray[1], cardGray[2])
	c.textIn(r.x-4*u, r.y+r.w+qrQuietZone(r.w, n), r.w+8*u, l.captionHeight(), QRCaption, cs, AlignCenter)
	c.textColor(cardText[0], cardText[1], cardText[2])
}

func phoneCount(cd Card) int {
	n := 0
	for _, p := range []string{cd.ProgressPhone, cd.Consultation, cd.ComplaintPhone} {
		if strings.TrimSpace(p) != "" {
			n++
		}
	}
	return n
}

// cardSections lists the text sections of a card; the duties go with them when asked.
func cardSections(cd Card, withDuties bool) []section {
	var secs []section
	if d := strings.TrimSpace(cd.Duties); withDuties && d != "" {
		secs = append(secs, section{title: "岗位职责", items: []string{d}})
	}
	var svc []string
	for _, s := range cd.Services {
		if s = strings.TrimSpace(s); s != "" {
			svc = append(svc, s)
		}
	}
	if len(svc) > 0 {
		secs = append(secs, section{title: "办理事项", items: svc, numbered: true})
	}
	if m := strings.TrimSpace(cd.Materials); m != "" {
		secs = append(secs, section{title: "申请材料示范文本", items: strings.Split(m, "\n")})
	}
	return secs
}

// fitLine returns the largest size in [min, max] at which s fits width on one line.
func (l *cardLayout) fitLine(s string, width, max, min float64) float64 {
	w1 := l.c.measure(s, 1)
	if w1 <= 0 {
		return max
	}
	return math.Max(min, math.Min(max, width/w1))
}

// ellipsize shortens s with "…" until it fits width at size.
func ellipsize(c *canvas, s string, width, size float64) string {
	if c.measure(s, size) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && c.measure(string(r)+"…", size) > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// clampLines keeps at most n lines, marking a cut with "…".
func clampLines(c *canvas, lines []string, n int, width, size float64) []string {
	if len(lines) <= n {
		return lines
	}
	lines = append([]string(nil), lines[:n]...)
	lines[n-1] = ellipsize(c, lines[n-1]+"……", width, size)
	return lines
}

// section is a titled block of text on a card: paragraphs, or a numbered list.
type section struct {
	title    string
	items    []string
	numbered bool
}

// placedLine is one line of laid-out section text; x is relative to the box.
type placedLine struct {
	x, lh, size float64
	s           string
	heading     bool
}

// sectionLines sets sec in width w at body size: its heading line, then its body lines.
func (l *cardLayout) sectionLines(sec section, w, size float64) []placedLine {
	c := l.c
	hs := size * 1.08
	out := []placedLine{{lh: hs * 1.55, size: hs, s: sec.title, heading: true}}
	lh := size * 1.5
	indent := size * 0.9
	numW := c.measure(fmt.Sprintf("%d．", len(sec.items)), size)
	for n, item := range sec.items {
		x := indent
		num := ""
		if sec.numbered {
			num = fmt.Sprintf("%d．", n+1)
			x += numW
		}
		for i, s := range c.wrap(item, w-x, size) {
			if i == 0 && num != "" {
				out = append(out, placedLine{x: indent, lh: 0, size: size, s: num}) // same line as the item
			}
			out = append(out, placedLine{x: x, lh: lh, size: size, s: s})
		}
	}
	return out
}

func linesHeight(lines []placedLine) float64 {
	h := 0.0
	for _, pl := range lines {
		h += pl.lh
	}
	return h
}

// drawSections draws secs in box r at the largest body size in [min, max] that fits. When
// even the smallest size is too large, the longest sections lose lines from their end
// (marked "……") until everything fits, so every heading stays visible.
func (l *cardLayout) drawSections(secs []section, r rect, max, min float64) {
	if len(secs) == 0 || r.h <= 0 {
		return
	}
	var laid [][]placedLine
	size := max
	for {
		laid = laid[:0]
		h := 0.0
		for i, sec := range secs {
			lines := l.sectionLines(sec, r.w, size)
			laid = append(laid, lines)
			h += linesHeight(lines)
			if i > 0 {
				h += size * 0.55
			}
		}
		if h <= r.h || size <= min {
			if h > r.h {
				l.trimSections(laid, h-r.h, r.w)
			}
			break
		}
		size = math.Max(min, size-0.25)
	}
	c := l.c
	y := r.y
	for i, lines := range laid {
		if i > 0 {
			y += size * 0.55
		}
		for _, pl := range lines {
			x := r.x + pl.x
			if pl.heading {
				c.fillRect(x, y+pl.lh*0.22, pl.size*0.28, pl.lh*0.56, cardBlue[0], cardBlue[1], cardBlue[2])
				c.textColor(cardBlue[0], cardBlue[1], cardBlue[2])
				c.text(x+pl.size*0.55, y, pl.lh, pl.s, pl.size)
				c.textColor(cardText[0], cardText[1], cardText[2])
			} else {
				c.text(x, y, math.Max(pl.lh, pl.size*1.5), pl.s, pl.size)
			}
			y += pl.lh
		}
	}
}

// trimSections removes at least excess points of lines, one at a time from the section
// that is currently longest, keeping each heading and one body line, and ends every cut
// section with "……".
func (l *cardLayout) trimSections(laid [][]placedLine, excess, w float64) {
	cut := make([]bool, len(laid))
	for excess > 0 {
		best := -1
		for i, lines := range laid {
			if len(lines) > 2 && (best < 0 || linesHeight(lines) > linesHeight(laid[best])) {
				best = i
			}
		}
		if best < 0 {
			break // nothing left to cut
		}
		last := laid[best][len(laid[best])-1]
		laid[best] = laid[best][:len(laid[best])-1]
		if n := len(laid[best]); n > 1 && laid[best][n-1].lh == 0 { // a list number left alone
			laid[best] = laid[best][:n-1]
		}
		excess -= last.lh
		cut[best] = true
	}
	for i, lines := range laid {
		if cut[i] && len(lines) > 1 {
			pl := &lines[len(lines)-1]
			pl.s = ellipsize(l.c, pl.s+"……", w-pl.x, pl.size)
		}
	}
}

// drawPhones lists the non-empty phone numbers in box r, as large as fits.
func (l *cardLayout) drawPhones(cd Card, r rect, maxSize float64) {
	c := l.c
	type row struct{ label, value string }
	var rows []row
	for _, p := range []row{{"进度查询", cd.ProgressPhone}, {"咨询电话", cd.Consultation}, {"投诉电话", cd.ComplaintPhone}} {
		if v := strings.TrimSpace(p.value); v != "" {
			rows = append(rows, row{p.label + "：", v})
		}
	}
	if len(rows) == 0 {
		return
	}
	size := math.Min(maxSize, r.h/float64(len(rows))/1.45)
	widest := 0.0
	for _, rw := range rows {
		widest = math.Max(widest, c.measure(rw.label+rw.value, 1))
	}
	if widest*size > r.w {
		size = math.Max(2.2*l.u, r.w/widest)
	}
	lh := size * 1.45
	y := r.y + (r.h-lh*float64(len(rows)))/2
	lw := c.measure("进度查询：", size)
	for _, rw := range rows {
		c.textColor(cardGray[0], cardGray[1], cardGray[2])
		c.text(r.x, y, lh, rw.label, size)
		c.textColor(cardText[0], cardText[1], cardText[2])
		c.text(r.x+lw, y, lh, ellipsize(c, rw.value, r.w-lw, size), size)
		y += lh
	}
}

// drawQR draws the QR modules as filled rectangles: sharp at any print resolution.
func (l *cardLayout) drawQR(bm [][]bool, r rect) {
	n := len(bm)
	if n == 0 {
		return
	}
	m := r.w / float64(n)
	const eps = 0.12 // slight overlap so no hairline shows between modules
	l.c.gp.SetFillColor(0, 0, 0)
	for y, row := range bm {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			e := x
			for e < len(row) && row[e] {
				e++
			}
			l.c.gp.RectFromUpperLeftWithStyle(r.x+float64(x)*m, r.y+float64(y)*m, float64(e-x)*m+eps, m+eps, "F")
			x = e
		}
	}
}

// photoDPI is the highest resolution at which photos are embedded.
const photoDPI = 300

// preparePhotos turns each card's photo into the JPEG that is embedded: PhotoJPEG as it
// is, else Photo cropped, scaled to photoDPI for a box width pt wide and encoded. The
// work runs on every CPU, since a batch of 50 cards from camera photos is mostly this.
func preparePhotos(cards []Card, width float64) ([][]byte, error) {
	out := make([][]byte, len(cards))
	errs := make([]error, len(cards))
	maxW := int(math.Ceil(width / 72 * photoDPI))
	maxH := maxW * 4 / 3
	jobs := make(chan int)
	var wg sync.WaitGroup
	for n := 0; n < runtime.GOMAXPROCS(0); n++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				cd := cards[i]
				switch {
				case len(cd.PhotoJPEG) > 0:
					out[i] = cd.PhotoJPEG
				case cd.Photo != nil && !cd.Photo.Bounds().Empty():
					var buf bytes.Buffer
					errs[i] = jpeg.Encode(&buf, idPhoto(cd.Photo, maxW, maxH), &jpeg.Options{Quality: 90})
					out[i] = buf.Bytes()
				}
			}
		}()
	}
	for i := range cards {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, internalErr(err)
		}
	}
	return out, nil
}

// drawPhoto draws the card's photo in r, or a placeholder.
func (l *cardLayout) drawPhoto(r rect) {
	c := l.c
	if len(l.photo) == 0 {
		l.drawPhotoPlaceholder(r)
		return
	}
	h, err := gopdf.ImageHolderByBytes(l.photo)
	if err != nil {
		c.fail(err)
		return
	}
	c.fail(c.gp.ImageByHolderWithOptions(h, gopdf.ImageOptions{X: r.x, Y: r.y, Rect: &gopdf.Rect{W: r.w, H: r.h}}))
	c.strokeRect(r.x, r.y, r.w, r.h, 0.5, 0xA0, 0xA0, 0xA0)
}

// idPhoto crops the centre of img to 3:4, flattens it on white and scales it down to at most
// maxW×maxH pixels (never up). An opaque photo that must be scaled is scaled straight from
// the cropped part: nothing to flatten.
func idPhoto(img image.Image, maxW, maxH int) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	cw, ch := w, w*4/3
	if ch > h {
		cw, ch = h*3/4, h
	}
	cw, ch = max(cw, 1), max(ch, 1)
	crop := image.Rect(0, 0, cw, ch).Add(b.Min).Add(image.Pt((w-cw)/2, (h-ch)/2))
	scale := cw > maxW || ch > maxH
	if o, ok := img.(interface{ Opaque() bool }); ok && scale && o.Opaque() {
		if s, ok := img.(interface {
			SubImage(image.Rectangle) image.Image
		}); ok {
			return resize.Resize(uint(maxW), uint(maxH), s.SubImage(crop), resize.Bilinear)
		}
	}
	flat := image.NewRGBA(image.Rect(0, 0, cw, ch))
	draw.Draw(flat, flat.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(flat, flat.Bounds(), img, crop.Min, draw.Over)
	if !scale {
		return flat
	}
	return resize.Resize(uint(maxW), uint(maxH), flat, resize.Bilinear)
}

// drawPhotoPlaceholder draws a light box with a head-and-shoulders silhouette and 照片.
func (l *cardLayout) drawPhotoPlaceholder(r rect) {
	c := l.c
	c.fillRect(r.x, r.y, r.w, r.h, 0xF1, 0xF3, 0xF6)
	c.gp.SetFillColor(0xCF, 0xD5, 0xDD)
	cx := r.x + r.w/2
	// head
	hr := r.w * 0.17
	hy := r.y + r.h*0.36
	c.gp.Polygon(ellipse(cx, hy, hr, hr*1.12, 0, 2*math.Pi), "F")
	// shoulders: upper half of a wide ellipse, cut at the bottom of the box
	sy := r.y + r.h*0.80
	pts := ellipse(cx, sy, r.w*0.36, r.h*0.26, math.Pi, 2*math.Pi)
	pts = append(pts, gopdf.Point{X: cx + r.w*0.36, Y: r.y + r.h}, gopdf.Point{X: cx - r.w*0.36, Y: r.y + r.h})
	c.gp.Polygon(pts, "F")
	// label
	size := r.w * 0.12
	c.textColor(0x70, 0x78, 0x84)
	c.textIn(r.x, r.y+r.h*0.08, r.w, size*1.3, "照片", size, AlignCenter)
	c.textColor(cardText[0], cardText[1], cardText[2])
	c.strokeRect(r.x, r.y, r.w, r.h, 0.6, 0xA8, 0xB0, 0xBA)
}

// ellipse returns points on an ellipse arc (angles in radians, y grows downwards).
func ellipse(cx, cy, rx, ry, from, to float64) []gopdf.Point {
	const steps = 40
	pts := make([]gopdf.Point, 0, steps+1)
	for i := 0; i <= steps; i++ {
		a := from + (to-from)*float64(i)/steps
		pts = append(pts, gopdf.Point{X: cx + rx*math.Cos(a), Y: cy + ry*math.Sin(a)})
	}
	return pts
}
