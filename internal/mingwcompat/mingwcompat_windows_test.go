//go:build cgo

package mingwcompat_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gen2brain/go-fitz"

	_ "lawdesk/internal/mingwcompat"
)

// These tests run only in a Windows build (packaging/test.sh cross-compiles them and runs
// them under wine). They prove that go-fitz's MuPDF links with the symbols this package
// supplies and works: rendering goes through the fortified string functions, and a
// damaged file goes through MuPDF's error handling, which is setjmp/longjmp.

// onePagePDF is a 200×100 pt page with a black rectangle in its left half.
func onePagePDF() []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>",
		"<< /Length 22 >>\nstream\n0 0 100 100 re f\nendstream",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(b.String())
}

func TestMuPDFRendersAPage(t *testing.T) {
	doc, err := fitz.NewFromMemory(onePagePDF())
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer doc.Close()
	if n := doc.NumPage(); n != 1 {
		t.Fatalf("pages: got %d, want 1", n)
	}
	img, err := doc.ImageDPI(0, 72)
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 200 || b.Dy() != 100 {
		t.Fatalf("size: got %v, want 200×100", b)
	}
	dark := func(x, y int) bool { r, g, bl, _ := img.At(x, y).RGBA(); return r+g+bl < 3*0x4000 }
	if !dark(50, 50) || dark(150, 50) {
		t.Errorf("the left half should be black and the right half white")
	}
}

func TestMuPDFRejectsADamagedFile(t *testing.T) {
	for _, data := range [][]byte{
		[]byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"),
		[]byte("this is not a document at all"),
	} {
		doc, err := fitz.NewFromMemory(data)
		if err == nil {
			_, err = doc.ImageDPI(0, 72)
			doc.Close()
		}
		if err == nil {
			t.Errorf("a damaged file (%q…) was accepted", data[:12])
		}
	}
}
