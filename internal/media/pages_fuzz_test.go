package media

import (
	"os"
	"path/filepath"
	"testing"

	"lawdesk/internal/domain"
)

// FuzzOpenDocument feeds arbitrary bytes to the scanned-document reader (PDF, JPEG, PNG,
// TIFF through MuPDF), as `添加文书` does with a file from the scanner folder: it must never
// crash, refuse with a message naming the file, and a document it opens must render and read
// every page it claims.
func FuzzOpenDocument(f *testing.F) {
	f.Add(makePDF([]string{"page one", "page two"}, false))
	f.Add(makePDF([]string{"secret"}, true))
	f.Add(makeJPEG(f, 16, 12, exifSegment("2026:08:04 10:00:00", 6)))
	f.Add([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"))
	f.Add([]byte("II*\x00\x08\x00\x00\x00\x00\x00"))
	f.Add([]byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "扫描件.pdf")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		doc, err := OpenDocument(path)
		if err != nil {
			if domain.ErrorMessage(err) == "" {
				t.Fatalf("error without a message: %v", err)
			}
			return
		}
		defer doc.Close()
		if doc.Pages() < 1 {
			t.Fatalf("opened with %d pages", doc.Pages())
		}
		for i := 0; i < min(doc.Pages(), 3); i++ {
			if _, err := doc.RenderPage(i, 64); err != nil && domain.ErrorMessage(err) == "" {
				t.Fatalf("page %d: error without a message: %v", i+1, err)
			}
			if _, err := doc.Text(i); err != nil && domain.ErrorMessage(err) == "" {
				t.Fatalf("page %d text: error without a message: %v", i+1, err)
			}
		}
	})
}
