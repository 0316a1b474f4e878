package report

import (
	"fmt"
	"io"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/pdf"
)

// AnnualReport is the 年度行政执法数据 report of one year: the statistics of the year,
// the written summary (情况说明) and the date it is printed. The statistics of any other
// period print the same way, without a summary (PeriodReport).
type AnnualReport struct {
	Year      int
	Office    domain.Agency
	Stats     Stats
	Summary   string // the saved 情况说明, or the generated draft when none was saved
	Drafted   bool   // Summary is the generated draft
	Published bool
	Date      domain.Date
}

// annualTables are the tables of the report, in print order: the overview, the six tables
// of DOMAIN.md §1.4, then the office's own figures.
var annualTables = []string{"overview", "licensing", "penalty", "coercion", "levy", "requisition", "inspection"}

// AnnualReport returns year's report with its statistics.
func (s *Service) AnnualReport(sess office.Session, year int) (AnnualReport, error) {
	stats, err := s.Statistics(sess, Year(year))
	if err != nil {
		return AnnualReport{}, err
	}
	return s.annualReport(year, stats)
}

func (s *Service) annualReport(year int, stats Stats) (AnnualReport, error) {
	a, err := s.Annual(year)
	if err != nil {
		return AnnualReport{}, err
	}
	ag, _, err := s.st.Agency()
	if err != nil {
		return AnnualReport{}, err
	}
	r := AnnualReport{Year: year, Office: ag, Stats: stats, Summary: a.Summary, Published: a.Published,
		Date: domain.DateOf(s.st.Now())}
	if strings.TrimSpace(r.Summary) == "" {
		r.Summary, r.Drafted = Draft(stats), true
	}
	return r, nil
}

// PeriodReport is the printable statistics of period p (no 情况说明).
func (s *Service) PeriodReport(sess office.Session, p Period) (AnnualReport, error) {
	stats, err := s.Statistics(sess, p)
	if err != nil {
		return AnnualReport{}, err
	}
	ag, _, err := s.st.Agency()
	return AnnualReport{Year: p.From.Year, Office: ag, Stats: stats, Date: domain.DateOf(s.st.Now())}, err
}

// Title is the report's title: 2025年度行政执法数据, or 行政执法统计（2025年第一季度）.
func (r AnnualReport) Title() string {
	if r.Stats.Period.Kind == PeriodYear {
		return fmt.Sprintf("%d年度行政执法数据", r.Stats.Period.From.Year)
	}
	return "行政执法统计（" + r.Stats.Period.Label() + "）"
}

// periodLine says which days the report covers.
func (r AnnualReport) periodLine() string {
	return fmt.Sprintf("统计期间：%s至%s", chineseDate(r.Stats.Period.From), chineseDate(r.Stats.Period.To))
}

// value returns a figure's value, 0 when absent.
func (s Stats) value(key string) float64 {
	f, _ := s.Figure(key)
	return f.Value
}

// money writes an amount for prose: yuan, with 万元 for large sums.
func money(v float64) string {
	if v >= 10000 {
		return fmt.Sprintf("%s 元（约 %.2f 万元）", formatYuan(v), v/10000)
	}
	return formatYuan(v) + " 元"
}

// Draft writes the 情况说明 from the figures, one paragraph per table, for the office to
// check and complete (work highlights, problems, next year's plans).
func Draft(s Stats) string {
	v := s.value
	year := s.Period.From.Year
	var paras []string
	var byType []string
	for _, at := range domain.AllActTypes {
		if n := v("cases.decided." + string(at)); n > 0 {
			byType = append(byType, fmt.Sprintf("%s %.0f 件", at.Label(), n))
		}
	}
	p := fmt.Sprintf("%d年，%s共受理登记各类行政执法案件 %.0f 件，作出行政执法决定 %.0f 件", year, s.Office, v("cases.opened"), v("cases.decided"))
	if len(byType) > 0 {
		p += "，其中" + strings.Join(byType, "、")
	}
	p += fmt.Sprintf("；未作决定结案 %.0f 件，举行听证 %.0f 次。截至年末，尚在办理中的案件 %.0f 件。", v("cases.notdecided"), v("cases.hearings"), v("cases.pending"))
	paras = append(paras, p)

	paras = append(paras, fmt.Sprintf("行政许可方面，受理许可申请 %.0f 件，作出许可决定 %.0f 件，其中准予许可 %.0f 件、不予许可 %.0f 件。",
		v("licensing.accepted"), v("licensing.decided"), v("licensing.granted"), v("licensing.refused")))

	var kinds []string
	for _, k := range domain.AllPenaltyKinds {
		if n := v(fmt.Sprintf("penalty.kind.%d", k)); n > 0 {
			kinds = append(kinds, fmt.Sprintf("%s %.0f 件", k.Label(), n))
		}
	}
	p = fmt.Sprintf("行政处罚方面，作出行政处罚决定 %.0f 件（简易程序 %.0f 件、普通程序 %.0f 件）", v("penalty.decided"), v("penalty.simple"), v("penalty.general"))
	if len(kinds) > 0 {
		p += "，按最重处罚种类计：" + strings.Join(kinds, "、")
	}
	p += fmt.Sprintf("；罚没金额合计 %s，其中罚款 %s，没收违法所得、非法财物 %s；经听证作出决定 %.0f 件。",
		money(v("penalty.amount")), money(v("penalty.fine")), money(v("penalty.confiscation")), v("penalty.hearing"))
	paras = append(paras, p)

	var measures []string
	for _, k := range append(append([]string(nil), coercionKinds...), "其他") {
		if n := v("coercion.kind." + k); n > 0 {
			measures = append(measures, fmt.Sprintf("%s %.0f 件", k, n))
		}
	}
	p = fmt.Sprintf("行政强制方面，作出行政强制决定 %.0f 件", v("coercion.decided"))
	if len(measures) > 0 {
		p += "（" + strings.Join(measures, "、") + "）"
	}
	p += fmt.Sprintf("。行政征收 %.0f 件，行政征用 %.0f 件。", v("levy.decided"), v("requisition.decided"))
	paras = append(paras, p)

	paras = append(paras, fmt.Sprintf("行政检查方面，实施检查 %.0f 次，其中“双随机、一公开”随机抽查 %.0f 次。",
		v("inspection.count"), v("inspection.random")))

	p = fmt.Sprintf("执法全过程记录方面，全年归档案卷 %.0f 件，其中按期归档 %.0f 件、逾期归档 %.0f 件。", v("dossiers.archived"), v("dossiers.ontime"), v("dossiers.late"))
	paras = append(paras, p)

	for _, extra := range draftParagraphs {
		if t := extra(s); t != "" {
			paras = append(paras, t)
		}
	}

	ratio := v("people.reviewer.ratio")
	meets := "达到"
	if ratio < ReviewerRatioMin {
		meets = "未达到"
	}
	p = fmt.Sprintf("执法队伍方面，截至%s，在岗执法人员 %.0f 人，其中持有效执法证 %.0f 人；法制审核人员 %.0f 人，占执法人员的 %.1f%%，%s不低于 %.0f%% 的要求。",
		chineseDate(s.AsOf), v("people.officers"), v("people.cert.valid"), v("people.reviewers"), ratio, meets, ReviewerRatioMin)
	if n := v("people.cert.expired"); n > 0 {
		p += fmt.Sprintf("另有 %.0f 人执法证已过期，应停止从事执法活动并及时换证。", n)
	}
	paras = append(paras, p)
	return strings.Join(paras, "\n")
}

// draftParagraphs let later capabilities (reviews, publications, recordings) add their
// paragraph to the draft.
var draftParagraphs []func(s Stats) string

// Palette colours the charts the same way on screen, in the PDF and in the spreadsheet.
var Palette = []pdf.RGB{
	rgb(0x1F5FA8), rgb(0xE07B24), rgb(0x3A9A4B), rgb(0xC83E3A), rgb(0x7B5CB0), rgb(0x8C6D46), rgb(0xD66BAE),
	rgb(0x6F7A85), rgb(0xB5A62A), rgb(0x2AA6B5), rgb(0x4D3A9A), rgb(0x9A2A5C), rgb(0x558B2F),
}

func rgb(v uint32) pdf.RGB { return pdf.RGB{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v)} }

// pdfChart converts a chart for the PDF.
func pdfChart(ch Chart) pdf.Block {
	if ch.Kind == ChartPie {
		p := pdf.PieChart{Title: ch.Title, Labels: ch.Labels, Unit: ch.UnitOr()}
		if len(ch.Series) > 0 {
			p.Values = ch.Series[0].Values
		}
		for i := range ch.Labels {
			p.Colors = append(p.Colors, Palette[i%len(Palette)])
		}
		return p
	}
	b := pdf.BarChart{Title: ch.Title, Labels: ch.Labels, Unit: ch.UnitOr(), Stacked: true}
	for i, s := range ch.Series {
		b.Series = append(b.Series, pdf.ChartSeries{Name: s.Name, Values: s.Values, Color: Palette[i%len(Palette)]})
	}
	return b
}

// tableGrid prints a statistics table: item, value, remark; sub-items are indented and
// prefixed with 其中 at the first of a run.
func tableGrid(t Table) pdf.Grid {
	g := pdf.Grid{Columns: []pdf.Column{{Header: "项目", Width: 5}, {Header: "数量", Width: 2, Align: pdf.AlignRight}, {Header: "备注", Width: 2.4}}}
	prevLevel := 0
	for _, f := range t.Figures {
		label := f.Label
		if f.Level > 0 {
			prefix := "\u3000\u3000"
			if prevLevel == 0 {
				prefix += "其中："
			} else {
				prefix += "\u3000\u3000\u3000"
			}
			label = prefix + label
		}
		prevLevel = f.Level
		g.Rows = append(g.Rows, []string{label, f.Text(), f.Warn})
	}
	return g
}

var chineseNumbers = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"}

// RenderAnnualPDF prints the annual report: the 情况说明, the statistics tables (the six
// tables of DOMAIN.md §1.4 after the overview, then the office's own figures), the charts,
// and the office and date at the end; every page is numbered.
func RenderAnnualPDF(w io.Writer, r AnnualReport) error {
	s := r.Stats
	doc := pdf.Document{Office: r.Office.Name, Title: r.Title()}
	doc.Blocks = append(doc.Blocks,
		pdf.Paragraph{Text: fmt.Sprintf("%s。数据来源：本单位 LawDesk 执法全过程记录，统计于%s。", r.periodLine(), chineseDate(r.Date)), NoIndent: true})
	section := 0
	heading := func(text string) pdf.Heading {
		section++
		return pdf.Heading{Text: chineseNumbers[section-1] + "、" + text}
	}
	if strings.TrimSpace(r.Summary) != "" {
		doc.Blocks = append(doc.Blocks, heading("情况说明"), pdf.Paragraph{Text: r.Summary})
	}
	doc.Blocks = append(doc.Blocks, heading("统计表"))
	n := 0
	printed := map[string]bool{}
	addTable := func(t Table) {
		title := fmt.Sprintf("（%s）%s", chineseNumbers[n%len(chineseNumbers)], t.Title)
		n++
		doc.Blocks = append(doc.Blocks, pdf.Heading{Text: title, Level: 2}, tableGrid(t))
		if t.Note != "" {
			doc.Blocks = append(doc.Blocks, pdf.Paragraph{Text: "注：" + t.Note, NoIndent: true})
		}
		printed[t.Key] = true
	}
	for _, key := range annualTables {
		if t, ok := s.Table(key); ok {
			addTable(t)
		}
	}
	for _, t := range s.Tables {
		if !printed[t.Key] {
			addTable(t)
		}
	}
	for i, ch := range s.Charts {
		b := pdfChart(ch)
		if i == 0 { // the section heading travels with the first chart
			h := heading("图表").Text
			switch c := b.(type) {
			case pdf.BarChart:
				c.Heading = h
				b = c
			case pdf.PieChart:
				c.Heading = h
				b = c
			}
		}
		doc.Blocks = append(doc.Blocks, b)
	}
	doc.Blocks = append(doc.Blocks, pdf.Spacer{Height: 24},
		pdf.Paragraph{Text: r.Office.Name + "\n" + chineseDate(r.Date), Align: pdf.AlignRight, NoIndent: true})
	return pdf.RenderDocument(w, doc)
}

func chineseDate(d domain.Date) string {
	return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
}

// The report part of the bundle: the annual report as PDF and XLSX.
var _ = addBundlePart(5, "年度报告", func(j *bundleJob) error {
	r, err := (&Service{st: j.st}).annualReport(j.year, j.stats)
	if err != nil {
		return err
	}
	base := fmt.Sprintf("年度报告/%s%d年度行政执法数据", safeName(r.Office.Name), j.year)
	if err := j.bag.AddRendered(base+".pdf", func(w io.Writer) error { return RenderAnnualPDF(w, r) }); err != nil {
		return err
	}
	return j.bag.AddRendered(base+".xlsx", func(w io.Writer) error { return RenderAnnualXLSX(w, r) })
})
