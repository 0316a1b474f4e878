package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sourcePDF renders a formal document of n pages (each page says which one it is) to a file.
func sourcePDF(t *testing.T, title string, n int) string {
	t.Helper()
	var blocks []Block
	for i := 1; i <= n; i++ {
		if i > 1 {
			blocks = append(blocks, PageBreak{})
		}
		blocks = append(blocks, Paragraph{Text: fmt.Sprintf("%s正文第%d页", title, i)})
	}
	return writePDF(t, title+".pdf", func(w io.Writer) error {
		return RenderDocument(w, Document{Office: "青山县市场监督管理局", Title: title, Blocks: blocks})
	})
}

func grayJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetGray(x, y, color.Gray{Y: uint8(200 + (x+y)%50)})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sampleDossier(t *testing.T, items int) Dossier {
	d := Dossier{Office: "青山县市场监督管理局", Title: "青山县惠民超市有限公司销售过期食品案", CaseNumber: "青市监处罚〔2026〕12号",
		ArchiveNo: "J047-WS·2026-Y-0003", Category: "行政处罚", Year: 2026, Retention: "永久", Secrecy: "无",
		StartDate: "2026-09-01", EndDate: "2026-09-20", Compiler: "刘洋", Checker: "赵敏", Compiled: "2026-09-25",
		Notes: []string{"另有 1 份文书的旧版本未入卷，保存在系统中。"}}
	scan := grayJPEG(t, 620, 877)
	for i := 0; i < items; i++ {
		it := DossierItem{No: i + 1, DocNumber: fmt.Sprintf("青市监〔2026〕%d号", i+1), Author: "青山县市场监督管理局",
			Title: fmt.Sprintf("第%d件文书（题名较长，需要在卷内目录中换行显示）", i+1), Date: "2026-09-02"}
		if i%2 == 0 {
			it.Pages = 1 + i%3
			it.PDFPath = sourcePDF(t, fmt.Sprintf("文书%d", i+1), it.Pages)
		} else {
			it.Pages = 2
			it.PageJPEG = func(int) ([]byte, error) { return scan, nil }
		}
		d.Items = append(d.Items, it)
	}
	return d
}

func TestWholeDossierPageNumbersMatchTheCatalogue(t *testing.T) {
	d := sampleDossier(t, 30) // enough rows for a two-page catalogue
	var progressed int
	path := writePDF(t, "案卷.pdf", func(w io.Writer) error {
		return RenderDossier(w, d, DossierWhole, func(done, total int) { progressed = done })
	})
	docPages := 0
	for _, it := range d.Items {
		docPages += it.Pages
	}
	want, err := DossierPageCount(d)
	if err != nil {
		t.Fatal(err)
	}
	got := info(t, path)
	if got.pages != want || progressed != docPages {
		t.Fatalf("%d pages (want %d), progress %d of %d", got.pages, want, progressed, docPages)
	}
	catPages := want - 2 - docPages
	if catPages != 2 {
		t.Fatalf("catalogue has %d pages, want 2", catPages)
	}
	assertContains(t, pdfText(t, path, 1), "行 政 执 法 案 卷", "J047-WS·2026-Y-0003", "共 30 件")
	assertContains(t, pdfText(t, path, 2), "卷 内 目 录", "件号", "页号", "第 1 张，共 2 张")
	// every item's first page is where the catalogue says, and carries that number
	raw := pdfText(t, path, 2) + pdfText(t, path, 3)
	page := 1 + catPages + 1
	for _, it := range d.Items {
		rng := fmt.Sprint(page)
		if it.Pages > 1 {
			rng = fmt.Sprintf("%d-%d", page, page+it.Pages-1)
		}
		if !strings.Contains(raw, rng) {
			t.Errorf("catalogue lacks page range %s for item %d", rng, it.No)
		}
		text := pdfText(t, path, page)
		if !strings.Contains(squash(text), fmt.Sprint(page)) {
			t.Errorf("page %d does not carry its number", page)
		}
		if it.PDFPath != "" {
			assertContains(t, text, fmt.Sprintf("文书%d正文第1页", it.No))
		}
		page += it.Pages
	}
	assertContains(t, pdfText(t, path, want), "卷 内 备 考 表", "本卷共有文件材料 30 件", "立卷人：刘洋", "旧版本未入卷")
}

func TestDossierPartsAndUnimportablePDF(t *testing.T) {
	d := sampleDossier(t, 3)
	for part, want := range map[DossierPart]string{DossierCover: "行 政 执 法 案 卷", DossierCatalogue: "卷 内 目 录", DossierClosingNote: "卷 内 备 考 表"} {
		p := writePDF(t, "part.pdf", func(w io.Writer) error { return RenderDossier(w, d, part, nil) })
		if info(t, p).pages != 1 {
			t.Errorf("part %d has %d pages", part, info(t, p).pages)
		}
		assertContains(t, pdfText(t, p, 1), want)
	}
	// a PDF the importer cannot read is placed as page images instead
	bad := filepath.Join(t.TempDir(), "坏.pdf")
	os.WriteFile(bad, []byte("%PDF-1.4\nnot really a pdf\n%%EOF\n"), 0o600)
	scan := grayJPEG(t, 300, 400)
	d.Items[0].PDFPath, d.Items[0].Pages = bad, 1
	d.Items[0].PageJPEG = func(int) ([]byte, error) { return scan, nil }
	p := writePDF(t, "fallback.pdf", func(w io.Writer) error { return RenderDossier(w, d, DossierWhole, nil) })
	if n, _ := DossierPageCount(d); info(t, p).pages != n {
		t.Fatalf("fallback dossier has %d pages, want %d", info(t, p).pages, n)
	}
	d.Items[0].PageJPEG = nil
	var buf bytes.Buffer
	if err := RenderDossier(&buf, d, DossierWhole, nil); err == nil || !strings.Contains(err.Error(), "无法并入案卷") {
		t.Fatalf("unimportable PDF without images: %v", err)
	}
}

// go test -run TestWriteDossierSample ./internal/pdf/ -samples DIR writes a sample dossier.
func TestWriteDossierSample(t *testing.T) {
	if *samplesDir == "" {
		t.Skip("no -samples DIR given")
	}
	d := sampleDossier(t, 30)
	var buf bytes.Buffer
	if err := RenderDossier(&buf, d, DossierWhole, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*samplesDir, "dossier.pdf"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
