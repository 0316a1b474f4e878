package media

import (
	"bytes"
	"fmt"
	"image/png"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/domain"
)

// makePDF writes a minimal valid PDF by hand: one A4-ish page (595×842 pt) per text, each
// showing its text in Helvetica. encrypt adds a standard-security /Encrypt dictionary
// whose user password is not empty, so readers must ask for one.
func makePDF(texts []string, encrypt bool) []byte {
	var objs []string
	n := len(texts)
	// 1 catalog, 2 pages, 3 font, then page/content pairs, then maybe Encrypt
	kids := make([]string, n)
	for i := range texts {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	objs = append(objs,
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	for i, s := range texts {
		stream := fmt.Sprintf("BT /F1 24 Tf 72 720 Td (%s) Tj ET", s)
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream))
	}
	trailerExtra := ""
	if encrypt {
		objs = append(objs, "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "+
			"/O <"+strings.Repeat("4f", 32)+"> /U <"+strings.Repeat("a5", 32)+"> >>")
		trailerExtra = fmt.Sprintf(" /Encrypt %d 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]", len(objs))
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailerExtra, xref)
	return b.Bytes()
}

func TestOpenDocumentPDF(t *testing.T) {
	p := filepath.Join(t.TempDir(), "询问笔录.pdf")
	writeFile(t, p, makePDF([]string{"Hello LawDesk", "Page two"}, false))
	d, err := OpenDocument(p)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if d.Pages() != 2 {
		t.Fatalf("pages = %d", d.Pages())
	}
	img, err := d.RenderPage(0, 421)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dy() < 419 || b.Dy() > 423 || b.Dx() < 296 || b.Dx() > 300 {
		t.Errorf("render bounds %v, want about 298x421", b)
	}
	txt, err := d.Text(1)
	if err != nil || !strings.Contains(txt, "Page two") {
		t.Errorf("text = %q, %v", txt, err)
	}
	if _, err := d.Text(2); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("page 3: %v", err)
	}
	if _, err := d.RenderPage(-1, 100); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("page -1: %v", err)
	}
	if _, err := d.RenderPage(0, 0); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("size 0: %v", err)
	}
	d.Close()
	if err := d.Close(); err != nil {
		t.Error(err)
	}
	if _, err := d.Text(0); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("after close: %v", err)
	}
}

func TestOpenDocumentImages(t *testing.T) {
	dir := t.TempDir()
	jp := filepath.Join(dir, "scan.jpg")
	writeFile(t, jp, makeJPEG(t, 200, 100, nil))
	d, err := OpenDocument(jp)
	if err != nil {
		t.Fatal(err)
	}
	if d.Pages() != 1 {
		t.Errorf("jpeg pages = %d", d.Pages())
	}
	img, err := d.RenderPage(0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 98 || b.Dx() > 102 {
		t.Errorf("jpeg render %v", b)
	}
	d.Close()

	// PNG: re-encode the rendered page
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	pp := filepath.Join(dir, "scan.png")
	writeFile(t, pp, buf.Bytes())
	d, err = OpenDocument(pp)
	if err != nil {
		t.Fatal(err)
	}
	if d.Pages() != 1 {
		t.Errorf("png pages = %d", d.Pages())
	}
	d.Close()

	// multi-page TIFF via ffmpeg when available
	if _, err := execLookPath("ffmpeg"); err == nil {
		tp := filepath.Join(dir, "scan.tif")
		if err := tryFFmpeg("-i", pp, "-c:v", "tiff", tp); err == nil {
			d, err := OpenDocument(tp)
			if err != nil {
				t.Fatal(err)
			}
			if d.Pages() != 1 {
				t.Errorf("tiff pages = %d", d.Pages())
			}
			d.Close()
		}
	}
}

func TestOpenDocumentErrors(t *testing.T) {
	dir := t.TempDir()
	good := makePDF([]string{"x"}, false)
	cases := map[string][]byte{
		"加密.pdf":    makePDF([]string{"secret"}, true),
		"损坏.pdf":    append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("garbage \x00\xff"), 200)...),
		"截断.pdf":    good[:len(good)/3],
		"乱码.pdf":    append(append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("junk \x00\xff"), 200)...), "\n%%EOF\n"...),
		"空.pdf":     nil,
		"文本.pdf":    []byte("this is not a pdf at all"),
		"视频.pdf":    {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'},
		"notes.txt": []byte("hello"),
	}
	for name, data := range cases {
		p := filepath.Join(dir, name)
		writeFile(t, p, data)
		d, err := OpenDocument(p)
		if err == nil {
			t.Errorf("%s: opened with %d pages", name, d.Pages())
			d.Close()
			continue
		}
		msg := domain.ErrorMessage(err)
		if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(msg, name) {
			t.Errorf("%s: %v (code %s)", name, err, domain.ErrorCode(err))
		}
		t.Logf("%s: %s", name, msg)
	}
	p := filepath.Join(dir, "加密.pdf")
	if _, err := OpenDocument(p); !strings.Contains(domain.ErrorMessage(err), "密码") {
		t.Errorf("encrypted: %v", err)
	}
	if _, err := OpenDocument(filepath.Join(dir, "nope.pdf")); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("missing: %v", err)
	}
}

// A PDF on which MuPDF aborts the whole process (its page count throws outside MuPDF's
// error handler; found by FuzzOpenDocument) is refused with a message, and the program
// that asked lives on to open the next file.
func TestOpenDocumentSurvivesAFileThatAbortsMuPDF(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "坏扫描件.pdf")
	writeFile(t, p, []byte("%PDF-\xcf\xd3\n1 0 obj<</Type/Catalog/Pages 2 0 R>>2 0 obj<<///Kids[4 0 0]/Count 3>>stream\nendobj\n"+
		"trailer\n<< /Size 8 /Root 1 0 R >@@@@@@txref\n627\n%%EOF"))
	d, err := OpenDocument(p)
	if err == nil {
		d.Close()
		t.Fatal("opened")
	}
	if msg := domain.ErrorMessage(err); domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(msg, "坏扫描件.pdf") || !strings.Contains(msg, "已损坏") {
		t.Fatalf("%v (code %s)", err, domain.ErrorCode(err))
	}
	good := filepath.Join(dir, "好.pdf")
	writeFile(t, good, makePDF([]string{"next"}, false))
	d, err = OpenDocument(good)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if text, _ := d.Text(0); !strings.Contains(text, "next") {
		t.Fatalf("text of the next file: %q", text)
	}
	// a helper ended from outside while idle is replaced
	helper.Lock()
	helper.cmd.Process.Kill()
	helper.Unlock()
	time.Sleep(100 * time.Millisecond)
	third := filepath.Join(dir, "第三份.pdf")
	writeFile(t, third, makePDF([]string{"third"}, false))
	d3, err := OpenDocument(third)
	if err != nil {
		t.Fatalf("after the helper was ended: %v", err)
	}
	d3.Close()
}
