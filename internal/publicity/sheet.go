package publicity

import (
	"bytes"
	"encoding/csv"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"lawdesk/internal/domain"
)

// sheet is a spreadsheet as read from a file: the header row and the data rows below it,
// each with its row number as the spreadsheet program shows it.
type sheet struct {
	name      string // file name, for messages
	headerRow int
	header    []string
	rows      []sheetRow
}

type sheetRow struct {
	n     int
	cells []string
}

// maxImportBytes keeps an accidental pick of a huge file from exhausting memory.
const maxImportBytes = 50 << 20

// readSheet reads an .xlsx or .csv file. The header row is the first of the first few
// rows in which isHeader recognises a column (a title row above the table is allowed).
func readSheet(name string, data []byte, isHeader func(string) bool) (*sheet, error) {
	base := filepath.Base(name)
	if len(data) == 0 {
		return nil, domain.Errorf(domain.EINVALID, "文件“%s”是空的。请选择填好数据的表格文件。", base)
	}
	if len(data) > maxImportBytes {
		return nil, domain.Errorf(domain.EINVALID, "文件“%s”太大（%.0f MB）。一次导入的表格不能超过 %d MB，请分成几个文件。", base, float64(len(data))/1e6, maxImportBytes>>20)
	}
	var grid [][]string
	var err error
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		grid, err = readXLSX(base, data)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, domain.Errorf(domain.EINVALID, "文件“%s”是旧版 Excel 97-2003 格式（.xls）或加了密码的表格。请在 Excel 或 WPS 中打开它，“另存为”Excel 工作簿（.xlsx）或 CSV 后再导入。", base)
	case strings.EqualFold(filepath.Ext(base), ".xlsx"):
		return nil, domain.Errorf(domain.EINVALID, "文件“%s”不是有效的 Excel 工作簿（.xlsx），可能已损坏或只是改了扩展名。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。", base)
	default:
		grid, err = readCSV(base, data)
	}
	if err != nil {
		return nil, err
	}
	sh := &sheet{name: base}
	for i := 0; i < len(grid) && i < 10 && sh.header == nil; i++ {
		for _, c := range grid[i] {
			if isHeader(strings.TrimSpace(c)) {
				sh.headerRow, sh.header = i+1, trimAll(grid[i])
				break
			}
		}
	}
	if sh.header == nil {
		return nil, domain.Errorf(domain.EINVALID, "文件“%s”的前 10 行中找不到表头（列名）。请使用“下载模板”得到的表格，第一行是列名，从第二行起每行一项。", base)
	}
	for i := sh.headerRow; i < len(grid); i++ {
		cells := grid[i]
		blank := true
		for _, c := range cells {
			if strings.TrimSpace(c) != "" {
				blank = false
				break
			}
		}
		if !blank {
			sh.rows = append(sh.rows, sheetRow{n: i + 1, cells: cells})
		}
	}
	return sh, nil
}

func trimAll(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.TrimSpace(strings.ReplaceAll(c, "\n", ""))
	}
	return out
}

// readXLSX reads the first worksheet that is not the template's 填写说明 sheet, with raw
// cell values (dates as serial numbers, converted per column later).
func readXLSX(name string, data []byte) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, domain.Wrap(err, domain.EINVALID, "无法读取 Excel 文件“%s”：文件可能已损坏、加了密码，或不是 .xlsx 格式。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。", name)
	}
	defer f.Close()
	for _, sh := range f.GetSheetList() {
		if sh == instructionsSheet {
			continue
		}
		if v, _ := f.GetSheetVisible(sh); !v {
			continue
		}
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, domain.Wrap(err, domain.EINVALID, "无法读取 Excel 文件“%s”的工作表“%s”。", name, sh)
		}
		return rows, nil
	}
	return nil, domain.Errorf(domain.EINVALID, "Excel 文件“%s”中没有可以导入的工作表。", name)
}

// readCSV reads comma-, semicolon- or tab-separated text in UTF-8 (with or without BOM),
// UTF-16 with BOM (Excel's "Unicode text") or GB18030/GBK (Excel and WPS on Chinese
// Windows save CSV that way).
func readCSV(name string, data []byte) ([][]string, error) {
	text, err := decodeText(name, data)
	if err != nil {
		return nil, err
	}
	firstLine, _, _ := strings.Cut(text, "\n")
	sep := ','
	for _, c := range []rune{'\t', ';'} {
		if strings.Count(firstLine, string(c)) > strings.Count(firstLine, string(sep)) {
			sep = c
		}
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = sep, -1, true
	// encoding/csv skips empty lines; Excel shows them as empty rows, and row numbers in
	// messages must match what the user sees, so the skipped lines are put back.
	var rows [][]string
	lastLine := 0 // the line the previous record ended on
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			line := 0
			if pe, ok := err.(*csv.ParseError); ok {
				line = pe.Line
			}
			return nil, domain.Wrap(err, domain.EINVALID, "文件“%s”第 %d 行的格式不对（引号不成对？）。请在 Excel 或 WPS 中打开检查，或另存为 .xlsx 后再导入。", name, line)
		}
		start, _ := r.FieldPos(0)
		for i := lastLine + 1; i < start; i++ {
			rows = append(rows, nil)
		}
		end, _ := r.FieldPos(len(rec) - 1)
		lastLine = end + strings.Count(rec[len(rec)-1], "\n")
		rows = append(rows, rec)
	}
}

func decodeText(name string, data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		out, _, err := transform.Bytes(dec, data)
		if err != nil {
			return "", domain.Wrap(err, domain.EINVALID, "文件“%s”的 Unicode 编码无法识别。请另存为 .xlsx 后再导入。", name)
		}
		return string(out), nil
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	out, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), data)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) || bytes.IndexByte(out, 0) >= 0 {
		return "", domain.Errorf(domain.EINVALID, "文件“%s”的文字编码无法识别（既不是 UTF-8 也不是 GB18030/GBK），或者它不是表格文件。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。", name)
	}
	return string(out), nil
}

// excelSerialDate turns an Excel date serial number (a date cell read raw) into text
// ParseDate reads; other text is returned unchanged.
func excelSerialDate(s string) string {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v < 1 || v > 2958465 { // 9999-12-31
		return s
	}
	t, err := excelize.ExcelDateToTime(v, false)
	if err != nil {
		return s
	}
	return t.Format("2006-01-02")
}

// csvBOM makes Excel open UTF-8 CSV files with Chinese text correctly.
var csvBOM = []byte{0xEF, 0xBB, 0xBF}

// writeCSV writes a header and rows as UTF-8 CSV with a BOM and CRLF line ends.
func writeCSV(w io.Writer, header []string, rows [][]string) error {
	if _, err := w.Write(csvBOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}
