package inspection

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html/template"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/publication"
)

// 一公开 through the office's one export (lawdesk export publications, 导出网站与公示栏):
// the results of every completed task go into the folder the office uploads, next to the
// decisions, as a page for the website, one CSV for the credit platform and the 抽查结果
// 公示表 of each task as PDF for the notice board.

// SectionDir is the folder of the export that holds the inspection results.
const SectionDir = "inspections"

// SectionCSV is the results of every published task in one table.
const SectionCSV = "双随机抽查结果.csv"

// publishable reports whether a task's results belong in the export: every drawn object
// inspected (done), whether or not its publication has been registered yet.
func publishable(t domain.InspectionTask) bool {
	s := t.Status()
	return s == domain.TaskDone || s == domain.TaskPublished
}

// PublicationSection is the inspection results' part of the export (a
// publication.SectionSource): the completed tasks, newest first, redacted.
func (s *Service) PublicationSection(sess office.Session) (publication.Section, error) {
	sec := publication.Section{Dir: SectionDir, Title: "双随机抽查结果公示"}
	if err := domain.Require(sess.User, domain.PermInspectionView, "导出抽查结果"); err != nil {
		return sec, err
	}
	all, err := s.st.InspectionTasks()
	if err != nil {
		return sec, err
	}
	ag, _, err := s.st.Agency()
	if err != nil {
		return sec, err
	}
	type taskPage struct {
		T       domain.InspectionTask
		Rows    []PublicRow
		Summary string
		PDF     string
	}
	var pages []taskPage
	var csvOut bytes.Buffer
	csvOut.WriteString("\ufeff") // so Excel opens it as UTF-8
	cw := csv.NewWriter(&csvOut)
	cw.UseCRLF = true
	cw.Write(resultsCSVHeader)
	for _, t := range all {
		if !publishable(t) {
			continue
		}
		rows := s.PublicResults(t)
		p := taskPage{T: t, Rows: rows, Summary: findingSummary(t), PDF: fmt.Sprintf("task%d.pdf", t.ID)}
		pages = append(pages, p)
		sec.Texts = append(sec.Texts, t.Name, t.MatterName)
		for _, r := range rows {
			sec.Texts = append(sec.Texts, r.Name)
			cw.Write(resultsCSVRow(t, ag, r))
		}
		var doc bytes.Buffer
		if err := s.renderResults(&doc, t, ag); err != nil {
			return sec, err
		}
		sec.Files = append(sec.Files, publication.SectionFile{Name: p.PDF, Data: doc.Bytes()})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return sec, err
	}
	var page bytes.Buffer
	if err := sectionTemplate.Execute(&page, map[string]any{"Agency": ag, "Tasks": pages, "CSV": SectionCSV}); err != nil {
		return sec, err
	}
	sec.Count = len(pages)
	sec.Files = append([]publication.SectionFile{{Name: "index.html", Data: page.Bytes()}}, sec.Files...)
	sec.Files = append(sec.Files, publication.SectionFile{Name: SectionCSV, Data: csvOut.Bytes()})
	return sec, s.st.LogAccess(sess.Actor(), "inspection.print", "inspection:export",
		fmt.Sprintf("导出抽查结果 %d 个任务，用于事后公开", len(pages)))
}

// findingSummary counts a task's results by finding: "未发现问题 5 户；发现问题，立案查处 1 户".
func findingSummary(t domain.InspectionTask) string {
	counts := map[domain.Finding]int{}
	for _, r := range t.Results {
		counts[r.Finding]++
	}
	var out []string
	for _, f := range domain.AllFindings {
		if counts[f] > 0 {
			out = append(out, fmt.Sprintf("%s %d 户", f.Label(), counts[f]))
		}
	}
	return strings.Join(out, "；") // a label may hold a comma itself (发现问题，立案查处)
}

var sectionTemplate = template.Must(template.New("inspections").Funcs(template.FuncMap{"inc": func(i int) int { return i + 1 }}).Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Agency.Name}} 双随机抽查结果公示</title><style>
body{font-family:"Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei","Noto Sans CJK SC",SimSun,sans-serif;color:#222;margin:0;background:#fff}
.wrap{max-width:1100px;margin:0 auto;padding:24px 28px}
header{border-bottom:3px solid #1f5fa8;margin-bottom:18px;padding-bottom:10px}
header .office{color:#1f5fa8;font-size:15px}
h1{font-size:24px;margin:6px 0 4px}
h2{font-size:18px;margin:26px 0 6px}
.meta{color:#555;font-size:13px;margin-bottom:8px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border:1px solid #c8ced6;padding:7px 9px;text-align:left;vertical-align:top}
th{background:#eef2f7;white-space:nowrap}
td.num{white-space:nowrap}
footer{margin-top:26px;color:#666;font-size:12px;border-top:1px solid #ddd;padding-top:8px}
a{color:#1f5fa8}
@media print{.noprint{display:none}body{font-size:12pt}.wrap{padding:0}a{color:#222;text-decoration:none}th{background:#eee}}
</style></head>
<body><div class="wrap">
<header><div class="office">{{.Agency.Name}}</div><h1>双随机抽查结果公示</h1>
<div class="meta noprint"><a href="../index.html">← 返回公开目录</a> · <a href="{{.CSV}}">下载全部结果（CSV）</a></div></header>
{{range .Tasks}}<h2>{{.T.Name}}</h2>
<div class="meta">抽查事项：{{.T.MatterName}} · 检查时间：{{.T.Start}} 至 {{.T.End}} · 完成日期：{{.T.Done}}{{if .Summary}} · {{.Summary}}{{end}} · <a class="noprint" href="{{.PDF}}">公示表 PDF</a></div>
<table><thead><tr><th>序号</th><th>检查对象名称</th><th>统一社会信用代码</th><th>检查日期</th><th>检查结果</th></tr></thead><tbody>
{{range $i, $r := .Rows}}<tr><td class="num">{{inc $i}}</td><td>{{$r.Name}}</td><td class="num">{{$r.CreditCode}}</td><td class="num">{{$r.Date}}</td><td>{{$r.Result}}</td></tr>
{{end}}</tbody></table>
{{else}}<p>目前没有已完成的双随机抽查任务。</p>{{end}}
<footer>依据“双随机、一公开”监管要求公开抽查结果，已依法隐去个人信息。{{.Agency.Name}}{{if .Agency.Phone}} · 对抽查结果有异议的，可以向本机关提出，联系电话：{{.Agency.Phone}}{{end}}</footer>
</div></body></html>
`))
