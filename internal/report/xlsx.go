package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"lawdesk/internal/pdf"
)

// Sheet names of the annual report workbook.
const (
	sheetData    = "年度数据"
	sheetSummary = "情况说明"
	sheetCharts  = "图表"
	sheetRefs    = "统计明细"
)

// xlsxStyles are the cell styles of the workbook.
type xlsxStyles struct {
	title, subtitle, section, header, label, sub, count, yuan, pct, note, wrap, warn int
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var s xlsxStyles
	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	font := func(size float64, bold bool) *excelize.Font {
		return &excelize.Font{Family: "宋体", Size: size, Bold: bold}
	}
	yuanFmt, pctFmt := "#,##0.00", "0.0"
	defs := []struct {
		dst   *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: font(16, true), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&s.subtitle, excelize.Style{Font: font(10.5, false), Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{&s.section, excelize.Style{Font: font(12, true)}},
		{&s.header, excelize.Style{Font: font(10.5, true), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8E8E8"}}}},
		{&s.label, excelize.Style{Font: font(10.5, false), Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&s.sub, excelize.Style{Font: font(10.5, false), Border: border, Alignment: &excelize.Alignment{Vertical: "center", Indent: 2, WrapText: true}}},
		{&s.count, excelize.Style{Font: font(10.5, false), Border: border, NumFmt: 3}},
		{&s.yuan, excelize.Style{Font: font(10.5, false), Border: border, CustomNumFmt: &yuanFmt}},
		{&s.pct, excelize.Style{Font: font(10.5, false), Border: border, CustomNumFmt: &pctFmt}},
		{&s.note, excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 9, Color: "595959"}}},
		{&s.wrap, excelize.Style{Font: font(12, false), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.warn, excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 10.5, Color: "C00000"}, Border: border, Alignment: &excelize.Alignment{WrapText: true}}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return s, err
		}
		*d.dst = id
	}
	return s, nil
}

// RenderAnnualXLSX writes the annual report as a workbook: the tables on 年度数据 (numbers
// as numbers, so the office can add up and chart them), the 情况说明, the charts with their
// data, and every record behind every figure on 统计明细.
func RenderAnnualXLSX(w io.Writer, r AnnualReport) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", sheetData); err != nil {
		return err
	}
	x := &xlsxWriter{f: f, err: nil}
	x.dataSheet(r, st)
	x.summarySheet(r, st)
	x.chartSheet(r, st)
	x.refsSheet(r, st)
	if x.err != nil {
		return x.err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// xlsxWriter keeps the first error so the sheet code reads as a list of cells.
type xlsxWriter struct {
	f   *excelize.File
	err error
}

func (x *xlsxWriter) do(err error) {
	if err != nil && x.err == nil {
		x.err = err
	}
}

func (x *xlsxWriter) set(sheet string, col, row int, v any, style int) {
	cell, err := excelize.CoordinatesToCellName(col, row)
	x.do(err)
	x.do(x.f.SetCellValue(sheet, cell, v))
	if style != 0 {
		x.do(x.f.SetCellStyle(sheet, cell, cell, style))
	}
}

func (x *xlsxWriter) merge(sheet string, c1, r1, c2, r2 int) {
	a, _ := excelize.CoordinatesToCellName(c1, r1)
	b, _ := excelize.CoordinatesToCellName(c2, r2)
	x.do(x.f.MergeCell(sheet, a, b))
}

func (x *xlsxWriter) dataSheet(r AnnualReport, st xlsxStyles) {
	const sh = sheetData
	x.set(sh, 1, 1, r.Office.Name+r.Title(), st.title)
	x.merge(sh, 1, 1, 4, 1)
	x.do(x.f.SetRowHeight(sh, 1, 30))
	x.set(sh, 1, 2, r.periodLine()+"　统计日期："+chineseDate(r.Date), st.subtitle)
	x.merge(sh, 1, 2, 4, 2)
	row := 4
	n := 0
	printed := map[string]bool{}
	write := func(t Table) {
		x.set(sh, 1, row, fmt.Sprintf("（%s）%s", chineseNumbers[n%len(chineseNumbers)], t.Title), st.section)
		n++
		row++
		for i, h := range []string{"项目", "数量", "单位", "备注"} {
			x.set(sh, i+1, row, h, st.header)
		}
		row++
		for _, fig := range t.Figures {
			label, ls := fig.Label, st.label
			if fig.Level > 0 {
				ls = st.sub
			}
			vs := st.count
			switch fig.Unit {
			case "元":
				vs = st.yuan
			case "%", "小时", "天", "轮", "个工作日":
				vs = st.pct
			}
			x.set(sh, 1, row, label, ls)
			x.set(sh, 2, row, fig.Value, vs)
			x.set(sh, 3, row, fig.Unit, st.label)
			ws := st.label
			if fig.Warn != "" {
				ws = st.warn
			}
			x.set(sh, 4, row, fig.Warn, ws)
			row++
		}
		if t.Note != "" {
			x.set(sh, 1, row, "注："+t.Note, st.note)
			row++
		}
		row++
		printed[t.Key] = true
	}
	for _, key := range annualTables {
		if t, ok := r.Stats.Table(key); ok {
			write(t)
		}
	}
	for _, t := range r.Stats.Tables {
		if !printed[t.Key] {
			write(t)
		}
	}
	x.do(x.f.SetColWidth(sh, "A", "A", 46))
	x.do(x.f.SetColWidth(sh, "B", "B", 16))
	x.do(x.f.SetColWidth(sh, "C", "C", 7))
	x.do(x.f.SetColWidth(sh, "D", "D", 30))
}

func (x *xlsxWriter) summarySheet(r AnnualReport, st xlsxStyles) {
	if strings.TrimSpace(r.Summary) == "" {
		return
	}
	const sh = sheetSummary
	_, err := x.f.NewSheet(sh)
	x.do(err)
	x.set(sh, 1, 1, fmt.Sprintf("%d年度行政执法工作情况说明", r.Year), st.title)
	x.do(x.f.SetColWidth(sh, "A", "A", 110))
	for i, para := range strings.Split(r.Summary, "\n") {
		row := i + 2
		x.set(sh, 1, row, "\u3000\u3000"+strings.TrimSpace(para), st.wrap)
		// about 52 Chinese characters per line at this width and size
		lines := utf8.RuneCountInString(para)/52 + 1
		x.do(x.f.SetRowHeight(sh, row, float64(lines)*17+6))
	}
}

func (x *xlsxWriter) chartSheet(r AnnualReport, st xlsxStyles) {
	if len(r.Stats.Charts) == 0 {
		return
	}
	const sh = sheetCharts
	_, err := x.f.NewSheet(sh)
	x.do(err)
	row := 1
	for _, ch := range r.Stats.Charts {
		// the chart's data, then the chart drawn from it beside the data
		first := row
		x.set(sh, 1, row, ch.Title, st.section)
		row++
		x.set(sh, 1, row, "", st.header)
		for j, s := range ch.Series {
			x.set(sh, j+2, row, s.Name, st.header)
		}
		row++
		for k, label := range ch.Labels {
			x.set(sh, 1, row, label, st.label)
			for j, s := range ch.Series {
				x.set(sh, j+2, row, s.Values[k], st.count)
			}
			row++
		}
		if len(ch.Labels) == 0 || len(ch.Series) == 0 {
			row++
			continue
		}
		chart := &excelize.Chart{Type: excelize.Col, Title: []excelize.RichTextRun{{Text: ch.Title}},
			Legend: excelize.ChartLegend{Position: "bottom"}, Format: excelize.GraphicOptions{OffsetX: 10},
			Dimension: excelize.ChartDimension{Width: 640, Height: 300}}
		if ch.Kind == ChartPie {
			chart.Type = excelize.Pie
			chart.Legend.Position = "right"
		}
		for j := range ch.Series {
			col, _ := excelize.ColumnNumberToName(j + 2)
			chart.Series = append(chart.Series, excelize.ChartSeries{
				Name:       fmt.Sprintf("'%s'!$%s$%d", sh, col, first+1),
				Categories: fmt.Sprintf("'%s'!$A$%d:$A$%d", sh, first+2, first+1+len(ch.Labels)),
				Values:     fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sh, col, first+2, col, first+1+len(ch.Labels)),
				Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hexColor(Palette[j%len(Palette)])}},
			})
			if ch.Kind == ChartPie {
				chart.Series[j].Fill = excelize.Fill{}
				chart.PlotArea = excelize.ChartPlotArea{ShowPercent: true, ShowCatName: true}
			} else {
				chart.PlotArea = excelize.ChartPlotArea{ShowVal: true}
			}
		}
		anchor, _ := excelize.CoordinatesToCellName(len(ch.Series)+3, first)
		x.do(x.f.AddChart(sh, anchor, chart))
		// leave room for the chart (about 16 rows) before the next one
		row = max(row, first+17) + 1
	}
	x.do(x.f.SetColWidth(sh, "A", "A", 16))
}

func hexColor(c pdf.RGB) string { return fmt.Sprintf("%02X%02X%02X", c.R, c.G, c.B) }

// refsSheet lists every record behind every figure. A year of a large office has
// hundreds of thousands of such rows, so the sheet is streamed.
func (x *xlsxWriter) refsSheet(r AnnualReport, st xlsxStyles) {
	const sh = sheetRefs
	_, err := x.f.NewSheet(sh)
	x.do(err)
	sw, err := x.f.NewStreamWriter(sh)
	if err != nil {
		x.do(err)
		return
	}
	for i, w := range []float64{12, 30, 10, 8, 50, 12, 30} {
		x.do(sw.SetColWidth(i+1, i+1, w))
	}
	x.do(sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	header := []any{}
	for _, h := range []string{"表", "指标", "记录类型", "编号", "名称", "日期", "说明"} {
		header = append(header, excelize.Cell{StyleID: st.header, Value: h})
	}
	x.do(sw.SetRow("A1", header))
	row := 2
	for _, t := range r.Stats.Tables {
		for _, fig := range t.Figures {
			for _, ref := range fig.Refs {
				cell, _ := excelize.CoordinatesToCellName(1, row)
				x.do(sw.SetRow(cell, []any{t.Title, fig.Label, RefKindLabel(ref.Kind), ref.ID, ref.Label, ref.Date.String(), ref.Note}))
				row++
			}
		}
	}
	x.do(sw.Flush())
	x.do(x.f.AutoFilter(sh, fmt.Sprintf("A1:G%d", max(row-1, 1)), nil))
}
