package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportPublications(t *testing.T) {
	dir := newDemo(t)
	out := filepath.Join(t.TempDir(), "公开")
	t.Setenv("LAWDESK_PASSWORD", "demo1234")

	code, text := lawdesk(t, "export", "publications", "--data", dir, "--out", out)
	if code == 0 || !strings.Contains(text, "--user") {
		t.Fatalf("without --user: exit %d\n%s", code, text)
	}
	code, text = lawdesk(t, "export", "publications", "--data", dir, "--out", out, "--user", "hexiao")
	if code != 0 || !strings.Contains(text, "已导出 20 条") { // 4 of 事后公开's demo, 15 of the record demo, 1 of the review demo
		t.Fatalf("export: exit %d\n%s", code, text)
	}
	// the demo's completed, published random-inspection task is published with the decisions
	if !strings.Contains(text, "另含双随机抽查结果公示 1 项") {
		t.Errorf("the inspection results are not in the export:\n%s", text)
	}
	results, _ := os.ReadFile(filepath.Join(out, "inspections", "index.html"))
	if !strings.Contains(string(results), "立案查处") || !strings.Contains(string(results), "双随机抽查结果公示") {
		t.Errorf("inspections/index.html:\n%s", results)
	}
	for _, f := range []string{"index.html", "双公示数据.csv", "公示栏.pdf", "LawDesk导出说明.txt", "inspections/双随机抽查结果.csv"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s missing: %v", f, err)
		}
	}
	index, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !strings.Contains(string(index), "青山县惠民超市有限公司") || strings.Contains(string(index), "王小军") {
		t.Errorf("index.html:\n%s", index)
	}
	// The demo's natural-person party's ID number and phone never leave LawDesk.
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(p, ".pdf") {
			b, _ := os.ReadFile(p)
			for _, secret := range []string{"520221198507153219", "13908587766", "139 0858 7766", "和平村3组"} {
				if strings.Contains(string(b), secret) {
					t.Errorf("%s holds %s", p, secret)
				}
			}
		}
		return nil
	})
	// A folder with other files is refused.
	busy := t.TempDir()
	os.WriteFile(filepath.Join(busy, "a.txt"), []byte("x"), 0o600)
	code, text = lawdesk(t, "export", "publications", "--data", dir, "--out", busy, "--user", "hexiao")
	if code == 0 || !strings.Contains(text, "不是空的") {
		t.Errorf("busy folder: exit %d\n%s", code, text)
	}
	if code, _ := lawdesk(t, "export", "nothing"); code != 2 {
		t.Errorf("unknown export kind: exit %d", code)
	}
}
