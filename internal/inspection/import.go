package inspection

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// The object directory is kept in spreadsheets before LawDesk: it is imported from .xlsx or
// .csv (UTF-8 or GB18030, as Excel saves it on a Chinese PC) with Chinese column headers.
// Parsing writes nothing; the user sees every row's problems first and confirms.

// objectColumns are the directory's columns: the template's header first, then the other
// headers found in real files.
var objectColumns = []struct {
	names    []string
	required bool
	set      func(o *domain.InspectionObject, v string) error
}{
	{[]string{"名称", "企业名称", "单位名称", "主体名称", "检查对象名称"}, true, func(o *domain.InspectionObject, v string) error { o.Name = v; return nil }},
	{[]string{"统一社会信用代码", "信用代码", "注册号", "统一社会信用代码/注册号"}, true, func(o *domain.InspectionObject, v string) error { o.CreditCode = strings.ToUpper(v); return nil }},
	{[]string{"主体类型", "类型", "企业类型"}, false, func(o *domain.InspectionObject, v string) error { o.Type = v; return nil }},
	{[]string{"住所", "经营场所", "地址", "住所（经营场所）"}, false, func(o *domain.InspectionObject, v string) error { o.Address = v; return nil }},
	{[]string{"所属区域", "区域", "乡镇", "所属乡镇", "乡镇（街道）"}, false, func(o *domain.InspectionObject, v string) error { o.Region = v; return nil }},
	{[]string{"行业", "行业类别", "所属行业"}, false, func(o *domain.InspectionObject, v string) error { o.Industry = v; return nil }},
	{[]string{"风险等级", "信用风险分类", "风险分类", "信用等级"}, false, func(o *domain.InspectionObject, v string) (err error) {
		o.Grade, err = domain.ParseRiskGrade(v)
		return err
	}},
	{[]string{"上次检查日期", "最近检查日期", "上次检查"}, false, func(o *domain.InspectionObject, v string) (err error) {
		if v == "" {
			return nil
		}
		o.LastInspected, err = domain.ParseDate(v)
		return err
	}},
}

// ObjectTemplateHeader is the header row of the downloadable template.
func ObjectTemplateHeader() []string {
	h := make([]string, len(objectColumns))
	for i, c := range objectColumns {
		h[i] = c.names[0]
	}
	return h
}

// ObjectImport is a parsed directory file: every data row with its object or its problems.
type ObjectImport struct {
	File string
	Rows []ImportRow
}

// ImportRow is one data row of the file; Line is its row number as the spreadsheet shows it.
type ImportRow struct {
	Line     int
	Object   domain.InspectionObject
	Problems []string // "列“风险等级”：…", empty when the row is fine
}

// Problems counts the rows with problems.
func (im ObjectImport) Problems() int {
	n := 0
	for _, r := range im.Rows {
		if len(r.Problems) > 0 {
			n++
		}
	}
	return n
}

// MaxImportRows keeps a wrong file (a whole registry export) from freezing the screen.
const MaxImportRows = 50000

// ParseObjectsFile reads a directory spreadsheet (.xlsx or .csv). It returns an error only
// when the file as a whole cannot be used (unreadable, wrong type, no header, a required
// column missing); problems of single rows are in the rows.
func ParseObjectsFile(name string, data []byte) (ObjectImport, error) {
	im := ObjectImport{File: filepath.Base(name)}
	var rows [][]string
	var err error
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		rows, err = xlsxRows(data)
	case ".csv", ".txt":
		rows, err = csvRows(data)
	default:
		return im, domain.Errorf(domain.EINVALID, "文件“%s”不是 .xlsx 或 .csv 表格。请用模板填写后另存为 Excel 工作簿（.xlsx）或 CSV 文件。", im.File)
	}
	if err != nil {
		return im, domain.Wrap(err, domain.EINVALID, "无法读取文件“%s”：文件已损坏或不是有效的表格。请用 Excel 或 WPS 打开检查后重新保存。", im.File)
	}
	// the header is the first non-empty row
	head := -1
	for i, r := range rows {
		if !blankRow(r) {
			head = i
			break
		}
	}
	if head < 0 {
		return im, domain.Errorf(domain.EINVALID, "文件“%s”是空的。", im.File)
	}
	cols := make([]int, len(objectColumns)) // column index of each known column, -1 if absent
	for i := range cols {
		cols[i] = -1
	}
	for j, h := range rows[head] {
		h = strings.Join(strings.Fields(strings.TrimPrefix(h, "\ufeff")), "")
		h = strings.TrimSuffix(strings.TrimPrefix(h, "*"), "*")
		for i, c := range objectColumns {
			for _, n := range c.names {
				if h == n && cols[i] < 0 {
					cols[i] = j
				}
			}
		}
	}
	for i, c := range objectColumns {
		if c.required && cols[i] < 0 {
			return im, domain.Errorf(domain.EINVALID, "文件“%s”第 %d 行（表头）缺少必填列“%s”。请使用检查对象名录模板的表头：%s。", im.File, head+1, c.names[0], strings.Join(ObjectTemplateHeader(), "、"))
		}
	}
	if len(rows)-head-1 > MaxImportRows {
		return im, domain.Errorf(domain.EINVALID, "文件“%s”有 %d 行，超过一次导入的上限 %d 行。请分成几个文件导入。", im.File, len(rows)-head-1, MaxImportRows)
	}
	seen := map[string]int{}
	for i := head + 1; i < len(rows); i++ {
		if blankRow(rows[i]) {
			continue
		}
		row := ImportRow{Line: i + 1}
		for k, c := range objectColumns {
			if cols[k] < 0 || cols[k] >= len(rows[i]) {
				continue
			}
			v := strings.Join(strings.Fields(rows[i][cols[k]]), " ")
			if err := c.set(&row.Object, v); err != nil {
				row.Problems = append(row.Problems, fmt.Sprintf("列“%s”：%s", c.names[0], domain.ErrorMessage(err)))
			}
		}
		if err := row.Object.Validate(); err != nil {
			row.Problems = append(row.Problems, domain.ErrorMessage(err))
		}
		if code := row.Object.CreditCode; code != "" {
			if first, dup := seen[code]; dup {
				row.Problems = append(row.Problems, fmt.Sprintf("统一社会信用代码 %s 与第 %d 行重复", code, first))
			} else {
				seen[code] = row.Line
			}
		}
		im.Rows = append(im.Rows, row)
	}
	if len(im.Rows) == 0 {
		return im, domain.Errorf(domain.EINVALID, "文件“%s”只有表头，没有数据行。", im.File)
	}
	return im, nil
}

func blankRow(r []string) bool {
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// csvRows decodes UTF-8 (with or without BOM) or, failing that, GB18030, and reads the
// records leniently (rows may have different lengths).
func csvRows(data []byte) ([][]string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return nil, err
		}
		data = dec
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		rows = append(rows, rec)
	}
}

// xlsxRows reads the first worksheet.
func xlsxRows(data []byte) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("no worksheet")
	}
	return f.GetRows(sheets[0])
}

// ObjectTemplateXLSX is the template to download: the header and one example row.
func ObjectTemplateXLSX() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sheet1"
	f.SetSheetName(sheet, "检查对象名录")
	example := []string{"青山县城关镇好又多超市", domain.CompleteCreditCode("92520221MA6DK0001"), "个体工商户",
		"青山县城关镇人民路 12 号", "城关镇", "食品销售", "B", "2025-06-18"}
	for j, h := range ObjectTemplateHeader() {
		cell, _ := excelize.CoordinatesToCellName(j+1, 1)
		f.SetCellStr("检查对象名录", cell, h)
		cell, _ = excelize.CoordinatesToCellName(j+1, 2)
		f.SetCellStr("检查对象名录", cell, example[j])
		col, _ := excelize.ColumnNumberToName(j + 1)
		f.SetColWidth("检查对象名录", col, col, 18)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, domain.Wrap(err, domain.EINTERNAL, "无法生成导入模板。")
	}
	return buf.Bytes(), nil
}

// ImportObjects writes a parsed file to the directory: all rows or none. A file with any
// row problem is refused, so nothing half-imported is left behind.
func (s *Service) ImportObjects(sess office.Session, im ObjectImport) (added, updated int, err error) {
	if err := domain.Require(sess.User, domain.PermInspectionDirectory, "导入检查对象名录"); err != nil {
		return 0, 0, err
	}
	if n := im.Problems(); n > 0 {
		return 0, 0, domain.Errorf(domain.EINVALID, "文件“%s”有 %d 行存在问题，没有导入任何数据。请按提示修改后重新导入。", im.File, n)
	}
	objs := make([]domain.InspectionObject, len(im.Rows))
	for i, r := range im.Rows {
		objs[i] = cleanObject(r.Object)
	}
	return s.st.ImportInspectionObjects(store.Change{Actor: sess.Actor()}, objs, im.File)
}
