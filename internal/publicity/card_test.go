package publicity_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"lawdesk/internal/domain"
	"lawdesk/internal/pdf"
	"lawdesk/internal/publicity"
	"lawdesk/internal/store"
)

// portrait is a synthetic photo of w×h pixels: a blue background and a lighter face.
func portrait(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{0x3A, 0x7B, 0xD5, 0xFF}
			dx, dy := x-w/2, y-h*2/5
			if dx*dx+dy*dy < (w/5)*(w/5) {
				c = color.RGBA{0xF1, 0xC2, 0x9A, 0xFF}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

func encodeJPEG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWindowPhotosAndCards(t *testing.T) {
	e := newEnv(t)
	o := mustSave(t, e, domain.ListOfficers, officerRow("何晓", "52020019011", "2028-06-30"))
	// a landscape phone photo is cropped to 3:4 and scaled down when stored
	if err := e.svc.SetOfficerPhoto(e.clerk, o.ID, publicity.PhotoFile{Name: "何晓.jpg", Data: encodeJPEG(t, portrait(2000, 1500))}); err != nil {
		t.Fatal(err)
	}
	w1, err := e.svc.SaveWindow(e.clerk, domain.Window{Name: "政务服务中心 3号窗口 · 食品经营许可", OfficerID: o.ID, Post: "综合受理岗",
		Duties: "负责食品经营许可申请的受理、材料初审和证照发放。", Services: []string{"食品经营许可（新办）", " ", "食品经营许可（变更）"},
		Materials: "1. 食品经营许可申请书\n2. 营业执照复印件", ProgressPhone: "0858-8221234", Consultation: "0858-8225678", ComplaintPhone: "12345 / 0858-12315"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if w1.Staff != "何晓" || len(w1.Services) != 2 {
		t.Errorf("window saved as %+v", w1)
	}
	var png1 bytes.Buffer
	png.Encode(&png1, portrait(450, 600))
	if _, err := e.svc.SaveWindow(e.clerk, domain.Window{Name: "4号窗口 · 登记注册", Staff: "罗倩", Post: "登记注册岗"},
		&publicity.PhotoFile{Name: "罗倩.png", Data: png1.Bytes()}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.SaveWindow(e.clerk, domain.Window{Name: "5号窗口", Staff: "无照片"}, nil); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		w     domain.Window
		photo *publicity.PhotoFile
		field string
		says  string
	}{
		"no name":      {domain.Window{Staff: "x"}, nil, "name", "窗口名称"},
		"bad phone":    {domain.Window{Name: "6号窗口", Staff: "x", ComplaintPhone: "找领导"}, nil, "complaint_phone", "投诉电话"},
		"not an image": {domain.Window{Name: "6号窗口", Staff: "x"}, &publicity.PhotoFile{Name: "简历.docx", Data: []byte("PK\x03\x04")}, "", "简历.docx"},
		"tiny photo":   {domain.Window{Name: "6号窗口", Staff: "x"}, &publicity.PhotoFile{Name: "小.jpg", Data: encodeJPEG(t, portrait(40, 40))}, "", "太小"},
	} {
		_, err := e.svc.SaveWindow(e.clerk, tc.w, tc.photo)
		if domain.ErrorCode(err) != domain.EINVALID || domain.ErrorField(err) != tc.field || !strings.Contains(domain.ErrorMessage(err), tc.says) {
			t.Errorf("%s: %v (field %q)", name, err, domain.ErrorField(err))
		}
	}
	if _, err := e.svc.SaveWindow(e.off, domain.Window{Name: "7号窗口", Staff: "x"}, nil); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("an officer edited a window: %v", err)
	}
	ws, _ := e.svc.Windows(e.admin)
	img, err := e.svc.Photo(ws[0])
	if err != nil || img == nil || img.Bounds().Dx() != 600 || img.Bounds().Dy() != 800 {
		t.Fatalf("stored officer photo: %v %v", img.Bounds(), err)
	}

	for _, size := range []pdf.CardSize{pdf.CardA4, pdf.CardA5Landscape} {
		var buf bytes.Buffer
		var prepared int
		if err := e.svc.PrintCards(e.clerk, &buf, nil, size, func(done, total int) { prepared = done }); err != nil {
			t.Fatal(err)
		}
		if prepared != 3 {
			t.Errorf("progress reached %d of 3", prepared)
		}
		text := pdfText(t, buf.Bytes())
		for _, want := range []string{"青山县市场监督管理局", "政务服务中心 3号窗口 · 食品经营许可", "何晓", "综合受理岗",
			"食品经营许可（变更）", "营业执照复印件", "投诉电话：12345 / 0858-12315", "罗倩", "无照片", "照片", pdf.QRCaption} {
			if !strings.Contains(squash(text), squash(want)) {
				t.Errorf("cards lack %q", want)
			}
		}
		if n := strings.Count(text, "\f"); n != 3 {
			t.Errorf("%d pages for 3 windows", n)
		}
		checkCardImagesAndQR(t, buf.Bytes(), "https://www.qingshan.gov.cn/scjgj/zfgs")
	}
	var one bytes.Buffer
	if err := e.svc.PrintCards(e.clerk, &one, []uint64{ws[1].ID}, pdf.CardA4, nil); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, one.Bytes()); !strings.Contains(text, "罗倩") || strings.Contains(text, "何晓") {
		t.Errorf("printing one window printed:\n%s", text)
	}
}

// checkCardImagesAndQR checks that the two photos are embedded 3:4 and that the QR code
// on the first page decodes to url (zbarimg from zbar-tools; skipped when missing).
func checkCardImagesAndQR(t *testing.T, data []byte, url string) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "cards.pdf")
	os.WriteFile(path, data, 0o600)
	if out, err := exec.Command("pdfimages", "-list", path).Output(); err == nil {
		n := 0
		for _, line := range strings.Split(string(out), "\n")[2:] {
			f := strings.Fields(line)
			if len(f) > 4 && f[2] == "image" {
				n++
				w, h := atoi(f[3]), atoi(f[4])
				if w*4 != h*3 || w > 600 || w < 300 {
					t.Errorf("photo embedded at %dx%d, want 3:4 and at most the stored 600x800", w, h)
				}
			}
		}
		if n != 2 {
			t.Errorf("%d photos embedded, want 2 (one card has none)", n)
		}
	}
	if _, err := exec.LookPath("zbarimg"); err != nil {
		t.Log("zbarimg not installed: QR code not decoded")
		return
	}
	if out, err := exec.Command("pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", path, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, "p*.png"))
	out, err := exec.Command("zbarimg", "-q", "--raw", pngs[0]).Output()
	if err != nil || strings.TrimSpace(string(out)) != url {
		t.Errorf("QR code decodes to %q (%v), want %q", out, err, url)
	}
}

func TestPrintCardsWithoutWindows(t *testing.T) {
	e := newEnv(t)
	err := e.svc.PrintCards(e.admin, &bytes.Buffer{}, nil, pdf.CardA4, nil)
	if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(domain.ErrorMessage(err), "还没有服务窗口") {
		t.Errorf("got %v", err)
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func TestCardPreview(t *testing.T) {
	e := newEnv(t)
	img, err := e.svc.CardPreview(e.clerk, domain.Window{Name: "7号窗口", Staff: "何晓", Services: []string{"食品经营许可"}}, pdf.CardA5Landscape, 600)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 598 || b.Dx() > 602 || b.Dy() < 420 || b.Dy() > 426 {
		t.Errorf("A5 landscape preview is %v", b)
	}
	if ev, _ := e.st.Events(store.EventFilter{ActionPrefix: "card."}); len(ev) != 0 {
		t.Errorf("a preview was logged as a print: %+v", ev)
	}
}

// encodeJPEGTo writes img as JPEG with one pixel changed by variant, so photos differ.
func encodeJPEGTo(w io.Writer, img image.Image, variant int) error {
	rgba := img.(*image.RGBA)
	rgba.Pix[0] = byte(variant)
	return jpeg.Encode(w, rgba, nil)
}
