package publicity

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
)

// Spreadsheet formats.
const (
	FormatXLSX = "xlsx"
	FormatCSV  = "csv"
)

func checkFormat(format string) (string, error) {
	f := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(format), "."))
	if f != FormatXLSX && f != FormatCSV {
		return "", domain.Errorf(domain.EINVALID, "不支持的表格格式“%s”。可选：xlsx（Excel 工作簿）或 csv。", format)
	}
	return f, nil
}

// instructionsSheet is the template's sheet of instructions; imports skip it.
const instructionsSheet = "填写说明"

// exportFields are the columns of exports and templates: every field people type.
func exportFields(spec *Spec) []Field {
	var out []Field
	for _, f := range spec.Fields {
		if f.Editable() {
			out = append(out, f)
		}
	}
	return out
}

// Export writes every entry of kind (including officers who left and retired matters,
// so the file can be imported again) as .xlsx or .csv, and logs the export.
func (s *Service) Export(sess office.Session, w io.Writer, kind domain.ListKind, format string) error {
	if err := domain.Require(sess.User, PermExportLists, "导出公示清单"); err != nil {
		return err
	}
	format, err := checkFormat(format)
	if err != nil {
		return err
	}
	l, err := listerOf(kind)
	if err != nil {
		return err
	}
	c, err := s.ctx()
	if err != nil {
		return err
	}
	items, err := l.items(s.st, c)
	if err != nil {
		return err
	}
	fields := exportFields(l.spec())
	rows := make([][]string, len(items))
	for i, it := range items {
		rows[i] = make([]string, len(fields))
		for j, f := range fields {
			rows[i][j] = it.Row[f.Key]
		}
	}
	if format == FormatCSV {
		err = writeCSV(w, headers(fields), rows)
	} else {
		err = writeXLSX(w, l.spec(), fields, rows, false)
	}
	if err != nil {
		return domain.Wrap(err, domain.EINTERNAL, "导出表格失败，请检查保存位置是否可写、磁盘是否已满。")
	}
	return s.st.LogAccess(sess.Actor(), "list.export", "list:"+string(kind),
		fmt.Sprintf("导出%s（%s，%d 项）", kind.Title(), strings.ToUpper(format), len(items)))
}

// Template writes an empty spreadsheet for kind with the Chinese headers, drop-down
// lists for fixed choices and a sheet of instructions (.xlsx), or just the header (.csv).
func (s *Service) Template(w io.Writer, kind domain.ListKind, format string) error {
	format, err := checkFormat(format)
	if err != nil {
		return err
	}
	spec, err := SpecOf(kind)
	if err != nil {
		return err
	}
	fields := exportFields(spec)
	if format == FormatCSV {
		return writeCSV(w, headers(fields), nil)
	}
	return writeXLSX(w, spec, fields, nil, true)
}

// FileName is a sensible file name for kind in format, e.g. 执法人员清单.xlsx.
func FileName(kind domain.ListKind, suffix, format string) string {
	return kind.Title() + suffix + "." + format
}

func headers(fields []Field) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.Header
	}
	return out
}

// writeXLSX writes one sheet named after the list: a bold header row frozen at the top,
// then rows. A template also gets drop-down lists and the instructions sheet.
func writeXLSX(w io.Writer, spec *Spec, fields []Field, rows [][]string, template bool) error {
	f := excelize.NewFile()
	defer f.Close()
	name := spec.Title()
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	headerStyle, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE6F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "7F7F7F", Style: 1}},
	})
	if err != nil {
		return err
	}
	requiredStyle, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "C00000"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE6F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "7F7F7F", Style: 1}},
	})
	if err != nil {
		return err
	}
	textStyle, err := f.NewStyle(&excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, fl := range fields {
		width := 14.0
		switch fl.Kind {
		case LongText:
			width = 36
		case Bool, Number, Date:
			width = 12
		}
		if fl.Key == "name" || fl.Key == "unit" {
			width = 24
		}
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(fields))
	for i, fl := range fields {
		style := headerStyle
		if fl.Required {
			style = requiredStyle
		}
		head[i] = excelize.Cell{StyleID: style, Value: fl.Header}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 22}); err != nil {
		return err
	}
	for r, row := range rows {
		cells := make([]any, len(row))
		for i, v := range row {
			// text cells, so certificate numbers and phones keep their leading zeros
			cells[i] = excelize.Cell{StyleID: textStyle, Value: v}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if template {
		if err := addTemplateHelp(f, spec, fields, name); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// addTemplateHelp adds drop-down lists to the data sheet and the 填写说明 sheet.
func addTemplateHelp(f *excelize.File, spec *Spec, fields []Field, sheetName string) error {
	for i, fl := range fields {
		var choices []string
		switch fl.Kind {
		case Choice:
			choices = fl.Choices
		case Bool:
			choices = []string{"是", "否"}
		default:
			continue
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s5001", col, col)
		if err := dv.SetDropList(choices); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "请从列表中选择", "可填："+strings.Join(choices, "、"))
		if err := f.AddDataValidation(sheetName, dv); err != nil {
			return err
		}
	}
	if _, err := f.NewSheet(instructionsSheet); err != nil {
		return err
	}
	lines := [][]any{
		{spec.Title() + "导入模板 · 填写说明"},
		{spec.Intro},
		{"在“" + sheetName + "”工作表中，第一行是列名（不要修改），从第二行起每行填一项。红色列名为必填列。"},
		{"再次导入同一份表格不会重复登记：" + "已有的条目按关键信息对应后更新，内容相同的保持不变。"},
		{},
		{"列名", "是否必填", "填写要求"},
	}
	for _, fl := range fields {
		req := ""
		if fl.Required {
			req = "必填"
		}
		rule := fl.Hint
		switch fl.Kind {
		case Choice:
			rule = strings.TrimSpace("从下拉列表选择：" + strings.Join(fl.Choices, "、") + "。" + rule)
		case Multi:
			if len(fl.Choices) > 0 {
				rule = strings.TrimSpace("可填多个，用“、”分隔，可选：" + strings.Join(fl.Choices, "、") + "。" + rule)
			}
		case Bool:
			rule = strings.TrimSpace("填“是”或“否”。" + rule)
		case Date:
			rule = strings.TrimSpace("日期，例如 2028-06-30 或 2028年6月30日。" + rule)
		case Number:
			rule = strings.TrimSpace("数字。" + rule)
		}
		lines = append(lines, []any{fl.Header, req, rule})
	}
	for i, l := range lines {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(instructionsSheet, cell, &l); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(instructionsSheet, "A", "A", 22); err != nil {
		return err
	}
	if err := f.SetColWidth(instructionsSheet, "B", "B", 10); err != nil {
		return err
	}
	if err := f.SetColWidth(instructionsSheet, "C", "C", 90); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(instructionsSheet, "A1", "A1", bold); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return nil
}
