package record_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/signintech/gopdf"

	"lawdesk/internal/demo"
	"lawdesk/internal/domain"
	"lawdesk/internal/record"
	"lawdesk/internal/store"
	"lawdesk/resources"
)

var onSite = demo.Sheet{Office: "青山县市场监督管理局", Title: "现场笔录", Number: "青市监现〔2026〕3号",
	Lines:  []string{"检查地点：青山县人民路 12 号青山县惠民超市。", "现场发现超过保质期的纯牛奶 24 盒，已登记保存。"},
	Footer: "执法人员：刘洋、陈静　　2026年9月2日"}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustBytes(t *testing.T) func([]byte, error) []byte {
	return func(b []byte, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
}

// caseAtInvestigation is a case that has been filed and is being investigated.
func (f *fixture) caseAtInvestigation() domain.Case {
	c := f.newCase()
	f.step("liuyang", c.ID, domain.StageOnSite, 2)
	f.step("liuyang", c.ID, domain.StageFile, 2)
	return f.step("liuyang", c.ID, domain.StageInvestigate, 3)
}

func (f *fixture) add(c domain.Case, typ, title, path string) (domain.Document, error) {
	return f.svc.AddDocument(context.Background(), f.as("liuyang"), record.AddDocumentRequest{CaseID: c.ID, Type: typ,
		Title: title, Author: "刘洋、陈静", Date: domain.NewDate(2026, 9, 2), Path: path}, nil)
}

func TestAddDocumentsCountsPagesAndFindsText(t *testing.T) {
	f := newFixture(t)
	c := f.caseAtInvestigation()
	text := writeTemp(t, "现场笔录.pdf", mustBytes(t)(demo.TextPDF(onSite)))
	var progress []int
	d, err := f.svc.AddDocument(context.Background(), f.as("liuyang"), record.AddDocumentRequest{CaseID: c.ID, Type: "现场笔录",
		Title: "现场笔录（惠民超市）", Author: "刘洋、陈静", Date: domain.NewDate(2026, 9, 2), Path: text},
		func(done, total int) { progress = append(progress, done, total) })
	if err != nil {
		t.Fatal(err)
	}
	if d.Pages != 1 || d.Format != "pdf" || d.Stage != domain.StageOnSite || d.TextChars < 20 || d.Version != 1 || len(progress) != 2 {
		t.Fatalf("document %+v, progress %v", d, progress)
	}
	stored, _ := os.ReadFile(f.st.Blobs().Path(d.SHA256))
	if orig, _ := os.ReadFile(text); !bytes.Equal(stored, orig) {
		t.Fatal("the stored file differs from the original")
	}
	// the text layer is searchable, down to words that only occur in the file
	for _, q := range []string{"纯牛奶", "人民路 12 号", "惠民超市"} {
		page, _ := f.svc.Cases(f.as("admin"), record.CaseFilter{Text: q})
		if len(page.Cases) != 1 {
			t.Errorf("search %q found %d cases", q, len(page.Cases))
		}
	}

	scan := writeTemp(t, "询问笔录.jpg", mustBytes(t)(demo.ScanJPEG(demo.Sheet{Title: "询问笔录", Lines: demo.Paragraphs(5)}, 800)))
	j, err := f.add(c, "询问笔录", "询问笔录（店长王某）", scan)
	if err != nil || j.Format != "jpeg" || j.Pages != 1 || j.TextChars != 0 {
		t.Fatalf("JPEG scan: %+v %v", j, err)
	}
	multi := writeTemp(t, "证据.pdf", mustBytes(t)(demo.ScannedPDF(demo.Sheet{Title: "证据登记保存清单", Lines: demo.Paragraphs(3)}, 4, 600)))
	m, err := f.add(c, "证据登记保存清单", "证据登记保存清单", multi)
	if err != nil || m.Pages != 4 {
		t.Fatalf("scanned PDF: %+v %v", m, err)
	}
	img, err := f.svc.Thumbnail(f.as("chenjing"), m.ID, 3)
	if err != nil || max(img.Bounds().Dx(), img.Bounds().Dy()) != record.ThumbSide {
		t.Fatalf("thumbnail of page 4: %v", err)
	}

	// a new version never overwrites the old one
	v2, err := f.svc.AddDocument(context.Background(), f.as("chenjing"), record.AddDocumentRequest{CaseID: c.ID, Type: "询问笔录",
		Title: "询问笔录（店长王某，补正）", Author: "刘洋、陈静", Date: domain.NewDate(2026, 9, 3), Path: text, Replaces: j.ID}, nil)
	if err != nil || v2.Version != 2 || v2.FirstID != j.ID {
		t.Fatalf("new version: %+v %v", v2, err)
	}
	docs, _ := f.svc.Documents(f.as("liuyang"), c.ID)
	if len(docs) != 4 {
		t.Fatalf("%d documents, want 4 (both versions kept)", len(docs))
	}
	for _, d := range docs {
		if d.ID == j.ID && (!d.Superseded || !f.st.Blobs().Has(d.SHA256)) {
			t.Fatalf("old version: %+v", d)
		}
	}
	if _, err := f.svc.AddDocument(context.Background(), f.as("chenjing"), record.AddDocumentRequest{CaseID: c.ID, Type: "询问笔录",
		Title: "再改", Author: "刘洋", Path: text, Replaces: j.ID}, nil); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("replacing a superseded version: %v", err)
	}

	// previews and copies are logged
	p, err := f.svc.OpenPreview(f.as("admin"), d.ID)
	if err != nil || p.Pages() != 1 {
		t.Fatal(err)
	}
	if img, err := p.Render(0, 900); err != nil || img.Bounds().Dy() < 895 || img.Bounds().Dy() > 905 {
		t.Fatalf("render: %v", err)
	}
	p.Close()
	out, err := f.svc.CopyOriginal(f.as("admin"), d.ID, t.TempDir(), record.ActionOpen)
	if err != nil || filepath.Base(out) != "现场笔录.pdf" {
		t.Fatalf("copy: %q %v", out, err)
	}
	if b, _ := os.ReadFile(out); !bytes.Equal(b, stored) {
		t.Fatal("copy differs")
	}
	log, _ := f.svc.AccessLog(f.as("admin"), store.AccessFilter{CaseID: c.ID})
	if len(log) != 2 || log[0].Action != record.ActionOpen || log[1].Action != record.ActionPreview || !strings.Contains(log[1].Summary, "现场笔录（惠民超市）") {
		t.Fatalf("access log %+v", log)
	}
	if _, err := f.svc.OpenPreview(f.as("huangwei"), d.ID); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("an unassigned officer previewed: %v", err)
	}
}

func TestBadFilesAreRefusedAndNothingIsStored(t *testing.T) {
	f := newFixture(t)
	c := f.caseAtInvestigation()
	good := mustBytes(t)(demo.TextPDF(onSite))

	locked := func() []byte {
		fc := &gopdf.FontContainer{}
		fc.AddTTFFontData("wqy", resources.Font)
		gp := &gopdf.GoPdf{}
		gp.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Protection: gopdf.PDFProtectionConfig{UseProtection: true,
			Permissions: gopdf.PermissionsPrint, UserPass: []byte("1234"), OwnerPass: []byte("5678")}})
		gp.AddPage()
		var buf bytes.Buffer
		gp.Write(&buf)
		return buf.Bytes()
	}()
	huge := filepath.Join(t.TempDir(), "扫描300MB.pdf")
	hf, _ := os.Create(huge)
	hf.Write(good[:100])
	hf.Truncate(300 << 20) // sparse: takes no disk
	hf.Close()

	for _, tc := range []struct {
		name string
		path string
		msg  string
	}{
		{"empty", writeTemp(t, "空白.pdf", nil), "文件 空白.pdf 是空文件"},
		{"truncated", writeTemp(t, "不完整.pdf", good[:len(good)/2]), "文件 不完整.pdf 不完整"},
		{"corrupt", writeTemp(t, "损坏.pdf", append([]byte("%PDF-1.4\n垃圾"), []byte("\n%%EOF\n")...)), "损坏.pdf"},
		{"password", writeTemp(t, "加密.pdf", locked), "文件 加密.pdf 设有打开密码"},
		{"wrong type", writeTemp(t, "笔录.docx", []byte("PK\x03\x04 word document")), "文件 笔录.docx 不是 PDF 或扫描图片"},
		{"too big", huge, "文件 扫描300MB.pdf 有 300 MB，超过单个文书 200 MB 的上限"},
		{"missing", filepath.Join(t.TempDir(), "不存在.pdf"), "找不到文件 不存在.pdf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := f.st.BlobSizes()
			_, err := f.add(c, "询问笔录", "询问笔录", tc.path)
			if err == nil || !strings.Contains(domain.ErrorMessage(err), tc.msg) {
				t.Fatalf("error %q, want %q", domain.ErrorMessage(err), tc.msg)
			}
			after, _ := f.st.BlobSizes()
			if len(after) != len(before) {
				t.Fatalf("a refused file left %d blobs behind", len(after)-len(before))
			}
		})
	}
	if docs, _ := f.svc.Documents(f.as("liuyang"), c.ID); len(docs) != 0 {
		t.Fatalf("%d documents stored from bad files", len(docs))
	}
	// descriptions are checked too
	p := writeTemp(t, "ok.pdf", good)
	for _, tc := range []struct {
		typ, title, msg string
	}{
		{"", "x", "请选择“文书种类”"},
		{"不存在的文书", "x", "不在文书目录中"},
		{"询问笔录", " ", "请填写文书“题名”"},
		{"行政处罚决定书", "决定书", "还没有进行到“决定”环节"},
	} {
		if _, err := f.add(c, tc.typ, tc.title, p); err == nil || !strings.Contains(domain.ErrorMessage(err), tc.msg) {
			t.Errorf("%s/%s: %v, want %q", tc.typ, tc.title, err, tc.msg)
		}
	}
}
