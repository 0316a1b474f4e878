package publicity_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"lawdesk/internal/domain"
	"lawdesk/internal/publicity"
)

// pdfText extracts the text of a PDF with pdftotext (the test skips without poppler).
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// xlsxFile builds an .xlsx with rows (the first is the header) on one sheet.
func xlsxFile(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gb18030(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const officerHeader = "姓名,所在单位,职务,执法证号,发证机关,执法类别,执法区域,有效期至"

func TestImportErrorsNameRowAndColumn(t *testing.T) {
	e := newEnv(t)
	mustSave(t, e, domain.ListOfficers, officerRow("刘洋", "52020019001", "2028-06-30"))
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		kind  domain.ListKind
		file  string
		data  []byte
		want  []string // RowError strings
		fatal string   // error from PreviewImport itself
	}{
		{name: "missing required column", kind: domain.ListOfficers, file: "a.csv",
			data: []byte("姓名,职务,执法证号\n陈静,科员,52020019002\n"),
			want: []string{"第 1 行“所在单位”列：缺少必填列“所在单位”"}},
		{name: "bad date, unknown column, blank rows skipped", kind: domain.ListOfficers, file: "b.csv",
			data: []byte(officerHeader + ",籍贯\n陈静,城关所,科员,52020019002,贵州省人民政府,市场监管,青山县,2027-13-01,贵州\n\n,,,,,,,,\n杨帆,城关所,科员,52020019003,贵州省人民政府,市场监管,青山县,明年,\n"),
			want: []string{"第 2 行“有效期至”列：“有效期至”：日期“2027-13-01”无效：月份应在 1 到 12 之间。",
				"第 5 行“有效期至”列：“有效期至”：无法识别日期“明年”"}},
		{name: "duplicate certificate number in the file", kind: domain.ListOfficers, file: "c.csv",
			data: []byte(officerHeader + "\n陈静,城关所,科员,52020019002,贵州省人民政府,市场监管,青山县,2027-12-31\n陈静二,城关所,科员,52020019002,贵州省人民政府,市场监管,青山县,2027-12-31\n"),
			want: []string{"第 3 行“执法证号”列：与第 2 行重复"}},
		{name: "unknown category (xlsx)", kind: domain.ListMatters, file: "m.xlsx",
			data: xlsxFile(t, [][]any{{"事项类别", "事项名称", "实施依据"}, {"行政处罚", "对销售过期食品的处罚", "《食品安全法》第一百二十四条"}, {"行政罚没", "对无照经营的处罚", "《无证无照经营查处办法》第十三条"}}),
			want: []string{"第 3 行“事项类别”列：“事项类别”：执法类别“行政罚没”不认识"}},
		{name: "same column twice", kind: domain.ListRemedies, file: "r.csv",
			data: []byte("救济方式,受理机关,申请期限,期限\n行政复议,青山县人民政府,60日,60日\n"),
			want: []string{"第 1 行“期限”列：与“申请期限”列是同一项内容"}},
		{name: "no data", kind: domain.ListRemedies, file: "r.csv", data: []byte("救济方式,受理机关,申请期限\n"),
			want: []string{"第 2 行：表头下面没有数据"}},
		{name: "not a table", kind: domain.ListOfficers, file: "x.csv", data: []byte("hello\nworld\n"), fatal: "找不到表头"},
		{name: "old excel", kind: domain.ListOfficers, file: "x.xls", data: []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, fatal: "另存为"},
		{name: "broken xlsx", kind: domain.ListOfficers, file: "x.xlsx", data: []byte("PK\x03\x04garbage"), fatal: "无法读取 Excel 文件“x.xlsx”"},
		{name: "binary", kind: domain.ListOfficers, file: "x.csv", data: []byte{0x81, 0x30, 0xff, 0xfe, 0x00, 0x81}, fatal: "编码无法识别"},
		{name: "empty", kind: domain.ListOfficers, file: "x.csv", data: nil, fatal: "是空的"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plan, err := e.svc.PreviewImport(ctx, e.admin, tc.kind, tc.file, tc.data, nil)
			if tc.fatal != "" {
				if err == nil || !strings.Contains(domain.ErrorMessage(err), tc.fatal) {
					t.Fatalf("got %v, want an error saying %q", err, tc.fatal)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, re := range plan.Errors {
				got = append(got, re.String())
			}
			if len(got) != len(tc.want) {
				t.Fatalf("errors %q, want %d like %q", got, len(tc.want), tc.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("error %d = %q, want it to start with %q", i, got[i], tc.want[i])
				}
			}
			if err := e.svc.ApplyImport(e.admin, plan); domain.ErrorCode(err) != domain.EINVALID {
				t.Errorf("a plan with errors was applied: %v", err)
			}
		})
	}
	items, _ := e.svc.Items(e.admin, domain.ListOfficers)
	if len(items) != 1 {
		t.Errorf("rejected imports left %d officers", len(items))
	}
}

func TestImportEncodingsAndExcelDates(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	text := officerHeader + "\r\n刘洋,城关市场监管所,副所长,52020019001,贵州省人民政府,市场监管综合执法,青山县,2028年6月30日\r\n"
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"utf-8.csv", []byte(text)},
		{"utf-8-bom.csv", append([]byte{0xEF, 0xBB, 0xBF}, text...)},
		{"gb18030.csv", gb18030(t, text)},
		{"tabs.csv", gb18030(t, strings.ReplaceAll(text, ",", "\t"))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plan, err := e.svc.PreviewImport(ctx, e.admin, domain.ListOfficers, tc.name, tc.data, nil)
			if err != nil || !plan.OK() || plan.Rows != 1 {
				t.Fatalf("%+v %v", plan, err)
			}
			if plan.Lines[0].Summary != "刘洋" {
				t.Errorf("name read as %q", plan.Lines[0].Summary)
			}
		})
	}
	// an Excel date cell (a serial number) and a number-typed certificate number
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"执法人员清单（2026年）"}) // a title row above the header
	f.SetSheetRow("Sheet1", "A2", &[]any{"姓名", "所在单位", "执法证号", "发证机关", "有效期至", "本年度培训学时"})
	f.SetSheetRow("Sheet1", "A3", &[]any{"陈静", "城关市场监管所", 52020019002, "贵州省人民政府", 46934, 40.5})
	var buf bytes.Buffer
	f.Write(&buf)
	plan, err := e.svc.PreviewImport(ctx, e.admin, domain.ListOfficers, "excel.xlsx", buf.Bytes(), nil)
	if err != nil || !plan.OK() {
		t.Fatalf("%+v %v", plan, err)
	}
	if err := e.svc.ApplyImport(e.admin, plan); err != nil {
		t.Fatal(err)
	}
	items, _ := e.svc.Items(e.admin, domain.ListOfficers)
	if len(items) != 1 || items[0].Row["valid_until"] != "2028-06-30" || items[0].Row["cert_no"] != "52020019002" || items[0].Row["training"] != "40.5" {
		t.Fatalf("imported %+v", items)
	}
	if plan.Lines[0].Row != 3 {
		t.Errorf("row number %d, want 3 (title row, header row)", plan.Lines[0].Row)
	}
}

// bigOfficerCSV is a list of n officers in GB18030, as Excel on Chinese Windows saves it.
func bigOfficerCSV(t testing.TB, n int) []byte {
	var b strings.Builder
	b.WriteString(officerHeader + ",本年度培训学时\r\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "执法员%04d,青山县市场监督管理局第%d市场监管所,科员,5202%08d,贵州省人民政府,市场监管综合执法,青山县第%d片区,2028-%02d-%02d,%d\r\n",
			i, i%9+1, i, i%20, i%12+1, i%28+1, 30+i%20)
	}
	out, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestImport5000RowsTwiceIsIdempotent(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	data := bigOfficerCSV(t, 5000)
	var calls, last int
	plan, err := e.svc.PreviewImport(ctx, e.admin, domain.ListOfficers, "全市执法人员.csv", data, func(done, total int) {
		calls++
		last = done
		if total != 5000 {
			t.Errorf("progress total %d", total)
		}
	})
	if err != nil || !plan.OK() || plan.Creates != 5000 {
		t.Fatalf("preview: creates %d errors %v %v", plan.Creates, plan.Errors, err)
	}
	if calls < 10 || last != 5000 {
		t.Errorf("progress reported %d times, last %d", calls, last)
	}
	if err := e.svc.ApplyImport(e.admin, plan); err != nil {
		t.Fatal(err)
	}
	plan, err = e.svc.PreviewImport(ctx, e.admin, domain.ListOfficers, "全市执法人员.csv", data, nil)
	if err != nil || plan.Unchanged != 5000 || plan.Changes() != 0 {
		t.Fatalf("second preview: %s %v", plan.Summary(), err)
	}
	items, _ := e.svc.Items(e.admin, domain.ListOfficers)
	if len(items) != 5000 {
		t.Fatalf("%d officers after importing 5,000 rows twice", len(items))
	}
	d, _ := e.svc.NewDraft(e.admin, domain.ListOfficers)
	if v, err := e.svc.Publish(e.admin, d, domain.NewDate(2026, 3, 2), "全市统一换发执法证"); err != nil || v.Rows != 5000 {
		t.Fatalf("publish 5,000: %+v %v", v, err)
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	mustSave(t, e, domain.ListBenchmarks, publicity.Row{"code": "SP-001", "violation": "经营超过保质期的食品",
		"penalty_basis": "《食品安全法》第一百二十四条", "circumstance": "首次", "grade": "从轻处罚", "penalty": "罚款五万元"})
	mustSave(t, e, domain.ListMatters, publicity.Row{"type": "行政处罚", "code": "330217001000", "name": "对经营超过保质期食品的处罚",
		"basis": "《中华人民共和国食品安全法》第三十四条第（十）项、第一百二十四条", "benchmark_codes": "SP-001",
		"unit": "食品安全监督管理股", "time_limit": "90日", "random": "是", "recording": "现场检查、调查取证", "major": "否", "note": "第一行\n第二行"})
	m := mustSave(t, e, domain.ListMatters, publicity.Row{"type": "行政许可", "code": "0000123", "name": "食品经营许可", "basis": "《食品安全法》第三十五条"})
	e.svc.Remove(e.admin, domain.ListMatters, m.ID, "划转")
	for _, format := range []string{"xlsx", "csv"} {
		var buf bytes.Buffer
		if err := e.svc.Export(e.admin, &buf, domain.ListMatters, format); err != nil {
			t.Fatal(err)
		}
		plan, err := e.svc.PreviewImport(ctx, e.admin, domain.ListMatters, "matters."+format, buf.Bytes(), nil)
		if err != nil || !plan.OK() || plan.Unchanged != 2 || plan.Changes() != 0 {
			t.Fatalf("%s round trip: %s %v %v", format, plan.Summary(), plan.Errors, err)
		}
	}
	if err := e.svc.Export(e.off, &bytes.Buffer{}, domain.ListMatters, "xlsx"); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("an officer exported the working list: %v", err)
	}
	if err := e.svc.Export(e.admin, &bytes.Buffer{}, domain.ListMatters, "docx"); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("unknown format: %v", err)
	}
}

func TestTemplatesImportAfterFilling(t *testing.T) {
	e := newEnv(t)
	for _, spec := range publicity.Specs() {
		var buf bytes.Buffer
		if err := e.svc.Template(&buf, spec.Kind, "xlsx"); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		sheets := f.GetSheetList()
		if len(sheets) != 2 || sheets[0] != spec.Title() || sheets[1] != "填写说明" {
			t.Errorf("%s template sheets %v", spec.Kind, sheets)
		}
		header, _ := f.GetRows(sheets[0])
		if len(header) != 1 {
			t.Fatalf("%s template has %d rows", spec.Kind, len(header))
		}
		// the empty template reads as "no data", never as an unknown table
		var again bytes.Buffer
		f.Write(&again)
		plan, err := e.svc.PreviewImport(context.Background(), e.admin, spec.Kind, "t.xlsx", again.Bytes(), nil)
		if err != nil || len(plan.Errors) != 1 || !strings.Contains(plan.Errors[0].Message, "没有数据") {
			t.Errorf("%s empty template: %+v %v", spec.Kind, plan, err)
		}
		var csv bytes.Buffer
		if err := e.svc.Template(&csv, spec.Kind, "csv"); err != nil || !bytes.HasPrefix(csv.Bytes(), []byte{0xEF, 0xBB, 0xBF}) {
			t.Errorf("%s csv template: %v", spec.Kind, err)
		}
	}
}
