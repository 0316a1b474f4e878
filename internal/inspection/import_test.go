package inspection_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"lawdesk/internal/domain"
	"lawdesk/internal/inspection"
)

var (
	code1 = domain.CompleteCreditCode("92520221MA6DK0001")
	code2 = domain.CompleteCreditCode("91520221MA6DK0002")
)

func TestParseObjectsCSV(t *testing.T) {
	utf := "\ufeff名称,统一社会信用代码,主体类型,住所,所属区域,行业,风险等级,上次检查日期\n" +
		"青山县城关镇好又多超市," + code1 + ",个体工商户,人民路 12 号,城关镇,食品销售,B,2025-06-18\n" +
		",,,,,,,\n" +
		"青山县河西乡惠民粮油店," + code2 + ",企业,河西街 3 号,河西乡,食品销售,c类,2025年3月1日\n"
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String(strings.TrimPrefix(utf, "\ufeff"))
	for name, data := range map[string]string{"名录-utf8.csv": utf, "名录-gb18030.csv": gb} {
		t.Run(name, func(t *testing.T) {
			im, err := inspection.ParseObjectsFile(name, []byte(data))
			if err != nil {
				t.Fatal(err)
			}
			if len(im.Rows) != 2 || im.Problems() != 0 {
				t.Fatalf("rows = %+v", im.Rows)
			}
			o := im.Rows[1].Object
			if im.Rows[1].Line != 4 || o.Name != "青山县河西乡惠民粮油店" || o.Grade != domain.GradeC || o.LastInspected != domain.NewDate(2025, 3, 1) || o.Region != "河西乡" {
				t.Fatalf("second row = line %d %+v", im.Rows[1].Line, o)
			}
		})
	}
}

func TestParseObjectsRowProblems(t *testing.T) {
	data := "企业名称,信用代码,信用风险分类,上次检查日期\n" +
		"好又多超市," + code1 + ",E,\n" +
		"惠民粮油店," + code1 + ",A,\n" +
		"无代码小店,,A,\n" +
		"日期错," + code2 + ",A,2025-02-30\n"
	im, err := inspection.ParseObjectsFile("名录.csv", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{2: "列“风险等级”", 3: "与第 2 行重复", 4: "统一社会信用代码", 5: "列“上次检查日期”"}
	for _, r := range im.Rows {
		if w, ok := want[r.Line]; !ok || len(r.Problems) == 0 || !strings.Contains(strings.Join(r.Problems, ";"), w) {
			t.Errorf("line %d problems %v, want one about %q", r.Line, r.Problems, want[r.Line])
		}
	}
	f := newFixture(t, 0)
	if _, _, err := f.svc.ImportObjects(admin, im); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("import with bad rows: %v", err)
	}
	if objs, _ := f.st.InspectionObjects(); len(objs) != 0 {
		t.Fatal("a refused import wrote rows")
	}
}

func TestParseObjectsRefusesBadFiles(t *testing.T) {
	tests := []struct{ name, file, data, want string }{
		{"wrong type", "名录.docx", "x", "不是 .xlsx 或 .csv"},
		{"missing column", "名录.csv", "名称,行业\n好又多,食品销售\n", "缺少必填列“统一社会信用代码”"},
		{"empty", "名录.csv", "\n\n", "是空的"},
		{"header only", "名录.csv", "名称,统一社会信用代码\n", "没有数据行"},
		{"corrupt xlsx", "名录.xlsx", "PK\x03\x04 not really a zip", "已损坏"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := inspection.ParseObjectsFile(tt.file, []byte(tt.data))
			if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(domain.ErrorMessage(err), tt.want) {
				t.Fatalf("got %v, want a message with %q", err, tt.want)
			}
			if !strings.Contains(domain.ErrorMessage(err), "名录") && tt.name != "wrong type" {
				t.Fatalf("message does not name the file: %s", domain.ErrorMessage(err))
			}
		})
	}
}

func TestImportXLSXTwiceDoesNotDuplicate(t *testing.T) {
	tmpl, err := inspection.ObjectTemplateXLSX()
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(tmpl))
	if err != nil {
		t.Fatal(err)
	}
	sheet := x.GetSheetList()[0]
	x.SetSheetRow(sheet, "A3", &[]any{"青山县河西乡惠民粮油店", code2, "企业", "河西街 3 号", "河西乡", "食品销售", "D", ""})
	var buf bytes.Buffer
	x.Write(&buf)

	f := newFixture(t, 0)
	for round := 1; round <= 2; round++ {
		im, err := inspection.ParseObjectsFile("检查对象名录.xlsx", buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		added, updated, err := f.svc.ImportObjects(admin, im)
		if err != nil {
			t.Fatal(err)
		}
		if round == 1 && (added != 2 || updated != 0) || round == 2 && (added != 0 || updated != 0) {
			t.Fatalf("round %d: added %d updated %d", round, added, updated)
		}
	}
	objs, _ := f.st.InspectionObjects()
	if len(objs) != 2 {
		t.Fatalf("%d objects after importing twice", len(objs))
	}
	// a conflict mark set in LawDesk survives a re-import with a changed grade
	o := objs[0]
	o.RelatedOfficers = []uint64{f.good[0].ID}
	if _, err := f.svc.SaveObject(admin, o, "亲属"); err != nil {
		t.Fatal(err)
	}
	csv := fmt.Sprintf("名称,统一社会信用代码,风险等级\n%s,%s,A\n", o.Name, o.CreditCode)
	im, _ := inspection.ParseObjectsFile("更新.csv", []byte(csv))
	if _, updated, err := f.svc.ImportObjects(admin, im); err != nil || updated != 1 {
		t.Fatalf("update: %d %v", updated, err)
	}
	got, _ := f.st.InspectionObject(o.ID)
	if got.Grade != domain.GradeA || len(got.RelatedOfficers) != 1 {
		t.Fatalf("after update: %+v", got)
	}
}

func FuzzParseObjectsCSV(f *testing.F) {
	f.Add([]byte("名称,统一社会信用代码,风险等级\n好又多," + code1 + ",B\n"))
	f.Add([]byte("\xb2\xe2\xca\xd4,\"a\"\"b\n"))
	f.Add([]byte("名称,统一社会信用代码\n\"unterminated"))
	f.Fuzz(func(t *testing.T, data []byte) {
		im, err := inspection.ParseObjectsFile("fuzz.csv", data)
		if err != nil {
			if domain.ErrorMessage(err) == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		for _, r := range im.Rows {
			if len(r.Problems) == 0 {
				if err := r.Object.Validate(); err != nil {
					t.Fatalf("row %d passed but does not validate: %v", r.Line, err)
				}
			}
		}
	})
}

// FuzzParseObjectsXLSX mutates a real workbook of the directory (the template with a row):
// the xlsx reader must refuse what it cannot read with a message and never pass a row that
// does not validate.
func FuzzParseObjectsXLSX(f *testing.F) {
	tmpl, err := inspection.ObjectTemplateXLSX()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(tmpl)
	x, err := excelize.OpenReader(bytes.NewReader(tmpl))
	if err != nil {
		f.Fatal(err)
	}
	x.SetSheetRow(x.GetSheetList()[0], "A3", &[]any{"青山县河西乡惠民粮油店", code2, "企业", "河西街 3 号", "河西乡", "食品销售", "D", ""})
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		im, err := inspection.ParseObjectsFile("检查对象名录.xlsx", data)
		if err != nil {
			if domain.ErrorMessage(err) == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		for _, r := range im.Rows {
			if len(r.Problems) == 0 {
				if err := r.Object.Validate(); err != nil {
					t.Fatalf("row %d passed but does not validate: %v", r.Line, err)
				}
			}
		}
	})
}
