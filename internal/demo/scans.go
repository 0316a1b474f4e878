package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/signintech/gopdf"

	"lawdesk/internal/media"
	"lawdesk/resources"
)

// Sheet is a generated enforcement document: the demo office's scans and PDFs, and the
// files tests and benchmarks feed to the record service, all made in Go, deterministically.
type Sheet struct {
	Office string   // printed above the title
	Title  string   // e.g. 现场笔录
	Number string   // 文号, right-aligned under the title
	Lines  []string // body paragraphs; long ones wrap, many flow onto more pages
	Footer string   // e.g. 执法人员签名：刘洋、陈静　　2026年9月3日
}

var (
	fontOnce sync.Once
	fonts    *gopdf.FontContainer
	fontErr  error
)

func fontContainer() (*gopdf.FontContainer, error) {
	fontOnce.Do(func() {
		fonts = &gopdf.FontContainer{}
		fontErr = fonts.AddTTFFontData("wqy", resources.Font)
	})
	return fonts, fontErr
}

// demoEpoch is the creation date written into generated PDFs, so they are byte-identical
// from run to run.
var demoEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

const a4W, a4H = 595.28, 841.89

func newPDF() (*gopdf.GoPdf, error) {
	fc, err := fontContainer()
	if err != nil {
		return nil, err
	}
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: a4W, H: a4H}})
	gp.SetInfo(gopdf.PdfInfo{Producer: "LawDesk demo", CreationDate: demoEpoch})
	gp.SetCompressLevel(1) // the embedded font subset dominates; fast beats small for demo files
	if err := gp.AddTTFFontFromFontContainer("wqy", fc); err != nil {
		return nil, err
	}
	return gp, nil
}

// generated caches generated files by their description: the output is deterministic, and
// tests build the demo office many times in one process.
var generated sync.Map

func cached(key string, make func() ([]byte, error)) ([]byte, error) {
	if v, ok := generated.Load(key); ok {
		return v.([]byte), nil
	}
	data, err := make()
	if err == nil {
		generated.Store(key, data)
	}
	return data, err
}

func (s Sheet) key(kind string, n ...int) string {
	return fmt.Sprintf("%s|%v|%q|%q|%q|%q|%q", kind, n, s.Office, s.Title, s.Number, s.Lines, s.Footer)
}

// TextPDF lays a sheet out on A4 pages with a real text layer (as a document printed from
// a computer is), so its text can be searched.
func TextPDF(s Sheet) ([]byte, error) {
	return cached(s.key("text"), func() ([]byte, error) { return textPDF(s) })
}

func textPDF(s Sheet) ([]byte, error) {
	gp, err := newPDF()
	if err != nil {
		return nil, err
	}
	const left, right, top, bottom = 72.0, 68.0, 72.0, 72.0
	width := a4W - left - right
	y := top
	newPage := func() { gp.AddPage(); y = top }
	line := func(text string, size, lh float64, align int) error {
		if y+lh > a4H-bottom {
			newPage()
		}
		if err := gp.SetFont("wqy", "", size); err != nil {
			return err
		}
		w, _ := gp.MeasureTextWidth(text)
		x := left
		switch align {
		case 1:
			x = left + (width-w)/2
		case 2:
			x = left + width - w
		}
		gp.SetXY(x, y)
		y += lh
		return gp.Text(text)
	}
	newPage()
	var steps []func() error
	if s.Office != "" {
		steps = append(steps, func() error { return line(s.Office, 16, 26, 1) })
	}
	steps = append(steps, func() error { return line(s.Title, 22, 36, 1) })
	if s.Number != "" {
		steps = append(steps, func() error { return line(s.Number, 12, 26, 2) })
	}
	steps = append(steps, func() error { y += 8; return nil })
	for _, p := range s.Lines {
		p := "　　" + p
		steps = append(steps, func() error {
			if err := gp.SetFont("wqy", "", 12); err != nil {
				return err
			}
			parts, err := gp.SplitText(p, width)
			if err != nil {
				return err
			}
			for _, l := range parts {
				if err := line(l, 12, 21, 0); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if s.Footer != "" {
		steps = append(steps, func() error { y += 24; return line(s.Footer, 12, 21, 2) })
	}
	for _, st := range steps {
		if err := st(); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := gp.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ScanJPEG is the first page of a sheet as a scanner makes it: a grey JPEG whose long side
// is maxSide pixels, with a faint deterministic speckle; it has no text layer.
func ScanJPEG(s Sheet, maxSide int) ([]byte, error) {
	return cached(s.key("jpeg", maxSide), func() ([]byte, error) {
		pages, err := scanPages(s, maxSide, 1)
		if err != nil {
			return nil, err
		}
		return pages[0], nil
	})
}

// ScannedPDF is a sheet scanned into an image-only PDF of pages pages (the text repeats
// when it is shorter), each page a JPEG whose long side is maxSide pixels.
func ScannedPDF(s Sheet, pages, maxSide int) ([]byte, error) {
	return cached(s.key("scanpdf", pages, maxSide), func() ([]byte, error) { return scannedPDF(s, pages, maxSide) })
}

func scannedPDF(s Sheet, pages, maxSide int) ([]byte, error) {
	imgs, err := scanPages(s, maxSide, pages)
	if err != nil {
		return nil, err
	}
	gp, err := newPDF()
	if err != nil {
		return nil, err
	}
	for _, img := range imgs {
		gp.AddPage()
		h, err := gopdf.ImageHolderByBytes(img)
		if err != nil {
			return nil, err
		}
		if err := gp.ImageByHolder(h, 0, 0, &gopdf.Rect{W: a4W, H: a4H}); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := gp.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// scanPages renders the sheet's pages (repeating them to reach n) as grey JPEG scans.
func scanPages(s Sheet, maxSide, n int) ([][]byte, error) {
	src, err := TextPDF(s)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "lawdesk-scan-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, "sheet.pdf")
	if err := os.WriteFile(p, src, 0o600); err != nil {
		return nil, err
	}
	doc, err := media.OpenDocument(p)
	if err != nil {
		return nil, err
	}
	defer doc.Close()
	// each page of the scan is its own image (its own speckle), as a scanner gives
	pages := make([]image.Image, doc.Pages())
	out := make([][]byte, n)
	for i := 0; i < n; i++ {
		k := i % doc.Pages()
		if pages[k] == nil {
			if pages[k], err = doc.RenderPage(k, maxSide); err != nil {
				return nil, err
			}
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, scanLook(pages[k], int64(i)+int64(len(s.Title))), &jpeg.Options{Quality: 70}); err != nil {
			return nil, err
		}
		out[i] = buf.Bytes()
	}
	return out, nil
}

// scanLook turns a rendered page into what a flatbed scanner gives: grey, slightly off-white
// paper with speckle.
func scanLook(img image.Image, seed int64) image.Image {
	r := rand.New(rand.NewSource(seed))
	b := img.Bounds()
	out := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			g := color.GrayModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.Gray).Y
			v := int(g)*92/100 + 6 + r.Intn(9) - 4
			out.SetGray(x, y, color.Gray{Y: uint8(max(0, min(255, v)))})
		}
	}
	return out
}

// Paragraphs makes n numbered filler paragraphs in the style of an investigation record,
// for long generated documents.
func Paragraphs(n int) []string {
	base := []string{
		"执法人员出示执法证件，表明身份，告知当事人有陈述、申辩和申请回避的权利。",
		"经现场检查，货架上陈列的部分预包装食品已超过标签标示的保质期，执法人员当场拍照并登记。",
		"当事人对检查情况无异议，核对笔录后签字确认。",
	}
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%d. %s", i+1, base[i%len(base)])
	}
	return out
}
