package record_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"lawdesk/internal/demo"
	"lawdesk/internal/domain"
	"lawdesk/internal/pdf"
	"lawdesk/internal/record"
)

// go test -run XXX -bench 'AddScanned|Dossier300' -benchtime 3x ./internal/record/

// scannedFile is a scanned PDF of pages pages, each a different 150-dpi grey A4 image (about
// 1240×1754 pixels), generated once into the temporary directory.
func scannedFile(b *testing.B, name string, pages int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "lawdesk-bench-scans-v2")
	p := filepath.Join(dir, fmt.Sprintf("%s-%d.pdf", name, pages))
	if _, err := os.Stat(p); err == nil {
		return p
	}
	os.MkdirAll(dir, 0o700)
	data, err := demo.ScannedPDF(demo.Sheet{Office: "青山县市场监督管理局", Title: name, Lines: demo.Paragraphs(30)}, pages, 1754)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(p+".tmp", data, 0o600); err != nil {
		b.Fatal(err)
	}
	os.Rename(p+".tmp", p)
	return p
}

func BenchmarkAddScannedPDF100Pages(b *testing.B) {
	path := scannedFile(b, "询问笔录", 100)
	f := newFixture(b)
	c := f.caseAtInvestigation()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d, err := f.svc.AddDocument(context.Background(), f.as("liuyang"), record.AddDocumentRequest{CaseID: c.ID, Type: "询问笔录",
			Title: "询问笔录（100页）", Author: "刘洋", Date: domain.NewDate(2026, 9, 3), Path: path}, nil)
		if err != nil || d.Pages != 100 {
			b.Fatalf("%+v %v", d, err)
		}
	}
}

func BenchmarkDossier300Pages(b *testing.B) {
	f := newFixture(b)
	c := f.caseAtInvestigation()
	for _, name := range []string{"询问笔录", "证据登记保存清单", "调查终结报告"} {
		if _, err := f.svc.AddDocument(context.Background(), f.as("liuyang"), record.AddDocumentRequest{CaseID: c.ID, Type: name,
			Title: name, Author: "刘洋", Date: domain.NewDate(2026, 9, 3), Path: scannedFile(b, name, 100)}, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pages := 0
		err := f.svc.PrintDossier(context.Background(), f.as("admin"), c.ID, pdf.DossierWhole, io.Discard, func(done, total int) { pages = total })
		if err != nil || pages != 300 {
			b.Fatalf("%d pages, %v", pages, err)
		}
	}
}
