package publication

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/pdf"
)

// The export is the folder the office uploads to its website's content system or prints
// for the notice board. It holds only confirmed, redacted content, and every text is
// checked once more before a file is written.
const (
	ExportIndex     = "index.html"
	ExportCSV       = "双公示数据.csv"
	ExportBoard     = "公示栏.pdf"
	ExportManifest  = "LawDesk导出说明.txt"
	exportPagesDir  = "decisions"
	exportFullTexts = "fulltext"
)

// ExportOptions choose what goes into the folder besides the pages and the CSV.
type ExportOptions struct {
	FullTextPDF bool // the redacted full text of each decision document that has one, as PDF
	NoticeBoard bool // 公示栏.pdf: the list of current publications, to print
}

// ExportResult says what was written.
type ExportResult struct {
	Dir       string
	Decisions int
	Sections  []SectionSummary // what the other capabilities added (双随机抽查结果 …)
	Files     []string         // relative to Dir
}

// current reports whether p belongs on the website now: its redaction confirmed, not
// marked 不公开, and no withdrawal asked for or done.
func current(p domain.Publication) bool {
	return p.Confirmed() && p.NotPublicReason == "" && !p.Withdrawal.Requested()
}

// Export writes the office's current publications into dir, which must be empty, new, or
// an earlier LawDesk export (whose files are replaced). progress, when not nil, is called
// with the files written so far and the total.
func (s *Service) Export(ctx context.Context, sess office.Session, dir string, opt ExportOptions, progress func(done, total int)) (ExportResult, error) {
	res := ExportResult{Dir: dir}
	if err := domain.Require(sess.User, domain.PermPublicationExport, "导出公开内容"); err != nil {
		return res, err
	}
	if strings.TrimSpace(dir) == "" {
		return res, domain.Errorf(domain.EINVALID, "请选择导出到哪个文件夹。")
	}
	pubs, err := s.st.Publications()
	if err != nil {
		return res, err
	}
	pubs = slices.DeleteFunc(pubs, func(p domain.Publication) bool { return !current(p) })
	slices.SortStableFunc(pubs, func(a, b domain.Publication) int {
		if c := b.Content.Date.Compare(a.Content.Date); c != 0 {
			return c
		}
		return int(b.ID) - int(a.ID)
	})
	ag, _, err := s.st.Agency()
	if err != nil {
		return res, err
	}
	// The last safety net: no ID number, phone, bank account or address may be in what is
	// written, whatever happened to the stored content.
	for _, p := range pubs {
		if err := s.checkClean(p, ag); err != nil {
			return res, err
		}
	}
	secs, err := s.sections(sess)
	if err != nil {
		return res, err
	}
	var secDirs []string
	for _, sec := range secs {
		secDirs = append(secDirs, sec.Dir)
		res.Sections = append(res.Sections, SectionSummary{Title: sec.Title, Count: sec.Count})
	}
	if err := prepareDir(dir, secDirs); err != nil {
		return res, err
	}
	// A failed export must not leave half of the decisions for the website: remove what
	// this export wrote.
	complete := false
	defer func() {
		if !complete {
			removeExport(dir, secDirs)
		}
	}()

	type file struct {
		name  string
		write func() ([]byte, error)
	}
	var files []file
	files = append(files, file{ExportIndex, func() ([]byte, error) { return indexHTML(ag, pubs, secs, s.today()) }})
	for _, p := range pubs {
		files = append(files, file{pagePath(p), func() ([]byte, error) { return decisionHTML(ag, p, opt) }})
		if opt.FullTextPDF && p.Content.FullText != "" {
			files = append(files, file{fullTextPath(p), func() ([]byte, error) { return fullTextPDF(ag, p) }})
		}
	}
	for _, sec := range secs {
		for _, f := range sec.Files {
			files = append(files, file{sec.Dir + "/" + f.Name, func() ([]byte, error) { return f.Data, nil }})
		}
	}
	files = append(files, file{ExportCSV, func() ([]byte, error) { return csvBytes(ag, pubs) }})
	if opt.NoticeBoard {
		files = append(files, file{ExportBoard, func() ([]byte, error) { return boardPDF(ag, pubs, s.today()) }})
	}
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return res, domain.Wrap(err, domain.ECONFLICT, "导出已取消，文件夹 %s 中已写入的文件已删除，需要时请重新导出。", dir)
		}
		data, err := f.write()
		if err != nil {
			return res, err
		}
		if err := writeFile(filepath.Join(dir, f.name), data); err != nil {
			return res, err
		}
		res.Files = append(res.Files, f.name)
		if progress != nil {
			progress(i+1, len(files)+1)
		}
	}
	manifest := exportManifest(ag, res.Files, len(pubs), secs, s.st.Now().Format("2006-01-02 15:04"), sess.User.DisplayName())
	if err := writeFile(filepath.Join(dir, ExportManifest), manifest); err != nil {
		return res, err
	}
	res.Files = append(res.Files, ExportManifest)
	res.Decisions = len(pubs)
	complete = true
	if progress != nil {
		progress(len(files)+1, len(files)+1)
	}
	summary := fmt.Sprintf("导出事后公开内容 %d 条", len(pubs))
	for _, sec := range res.Sections {
		summary += fmt.Sprintf("、%s %d 项", sec.Title, sec.Count)
	}
	err = s.st.LogAccess(sess.Actor(), "publication.export", "publication:export", summary+"到 "+dir)
	return res, err
}

// checkClean refuses a publication whose content still holds personal data of the kinds
// LawDesk guarantees never to publish.
func (s *Service) checkClean(p domain.Publication, ag domain.Agency) error {
	c, err := s.st.Case(p.CaseID)
	if err != nil {
		return err
	}
	keep, err := s.keepList(c, ag)
	if err != nil {
		return err
	}
	ct := p.Content
	for _, text := range []string{ct.Party, ct.Matter, ct.Conclusion, ct.Violation, ct.Basis, ct.FullText, ct.DocNumber} {
		for _, r := range Detect(text, Rules{Keep: keep}) {
			if !r.Kind.Undoable() {
				return domain.Errorf(domain.EINVALID, "案件 %s 的公开内容中仍有%s（%s），已停止导出。请在“事后公开”中重新确认该决定的脱敏内容。",
					p.CaseNumber, r.Kind, r.Mask)
			}
		}
	}
	return nil
}

// prepareDir makes dir ready: created when missing; an earlier export's files removed; any
// other content is a reason to stop, so nothing of the user's is overwritten.
func prepareDir(dir string, sectionDirs []string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return domain.Wrap(err, domain.EINVALID, "无法创建文件夹 %s，请检查路径和权限。", dir)
		}
		return nil
	}
	if err != nil {
		return domain.Wrap(err, domain.EINVALID, "无法读取文件夹 %s。", dir)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, ExportManifest)); err != nil {
		return domain.Errorf(domain.EINVALID, "文件夹 %s 不是空的，也不是 LawDesk 以前导出的文件夹。为免覆盖其中的文件，请选择一个空文件夹。", dir)
	}
	// An earlier export: remove exactly what LawDesk writes.
	return removeExport(dir, sectionDirs)
}

// removeExport removes exactly the files and folders an export writes into dir.
func removeExport(dir string, sectionDirs []string) error {
	for _, name := range append([]string{ExportIndex, ExportCSV, ExportBoard, ExportManifest, exportPagesDir, exportFullTexts}, sectionDirs...) {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return domain.Wrap(err, domain.EINVALID, "无法替换以前导出的 %s，请关闭正在使用它的程序后重试。", filepath.Join(dir, name))
		}
	}
	return nil
}

// writeFile writes data through a temporary file renamed into place.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return domain.Wrap(err, domain.EINVALID, "无法创建文件夹 %s，请检查路径和权限。", filepath.Dir(path))
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		os.Remove(tmp)
		if errors.Is(err, syscall.ENOSPC) {
			return domain.Wrap(err, domain.EINVALID, "无法写入文件 %s：磁盘空间已满，导出没有完成，已写入的文件已删除。请清理磁盘空间或换一个磁盘后重新导出。", path)
		}
		return domain.Wrap(err, domain.EINVALID, "无法写入文件 %s，请检查磁盘空间和权限。", path)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return domain.Wrap(err, domain.EINVALID, "无法写入文件 %s。", path)
	}
	return nil
}

func pagePath(p domain.Publication) string {
	return exportPagesDir + "/d" + strconv.FormatUint(p.ID, 10) + ".html"
}

func fullTextPath(p domain.Publication) string {
	return exportFullTexts + "/d" + strconv.FormatUint(p.ID, 10) + ".pdf"
}

// ---- HTML ----

var funcs = template.FuncMap{
	"money": func(m domain.Money) string { return m.String() + " 元" },
	"page":  func(p domain.Publication) string { return strings.TrimPrefix(pagePath(p), exportPagesDir+"/") },
	"pdf":   func(p domain.Publication) string { return "../" + fullTextPath(p) },
	"short": func(s string) string {
		if r := []rune(s); len(r) > 60 {
			return string(r[:60]) + "…"
		}
		return s
	},
	"paras": func(s string) []string { return strings.Split(strings.TrimSpace(s), "\n") },
	"inc":   func(i int) int { return i + 1 },
}

const css = `body{font-family:"Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei","Noto Sans CJK SC",SimSun,sans-serif;color:#222;margin:0;background:#fff}
.wrap{max-width:1100px;margin:0 auto;padding:24px 28px}
header{border-bottom:3px solid #1f5fa8;margin-bottom:18px;padding-bottom:10px}
header .office{color:#1f5fa8;font-size:15px}
h1{font-size:24px;margin:6px 0 4px}
.meta{color:#555;font-size:13px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border:1px solid #c8ced6;padding:7px 9px;text-align:left;vertical-align:top}
th{background:#eef2f7;white-space:nowrap}
td.num{white-space:nowrap}
dl{display:grid;grid-template-columns:11em 1fr;border-top:1px solid #c8ced6;margin:0}
dt,dd{margin:0;padding:8px 10px;border-bottom:1px solid #c8ced6}
dt{background:#eef2f7;font-weight:bold}
.fulltext{margin-top:22px}
.fulltext p{text-indent:2em;line-height:1.9;margin:0 0 4px}
.fulltext p.noprint{text-indent:0}
footer{margin-top:26px;color:#666;font-size:12px;border-top:1px solid #ddd;padding-top:8px}
a{color:#1f5fa8}
@media print{.noprint{display:none}body{font-size:12pt}.wrap{padding:0}a{color:#222;text-decoration:none}th{background:#eee}}`

var indexTemplate = template.Must(template.New("index").Funcs(funcs).Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Agency.Name}} 行政执法决定公开</title><style>` + css + `</style></head>
<body><div class="wrap">
<header><div class="office">{{.Agency.Name}}</div><h1>行政执法决定公开</h1>
<div class="meta">共 {{len .Pubs}} 条 · 更新日期 {{.Today}} · 依据行政执法公示制度公开，已依法隐去个人信息</div></header>
{{if .Pubs}}<table><thead><tr><th>序号</th><th>决定日期</th><th>决定书文号</th><th>执法对象</th><th>执法类别</th><th>执法结论</th><th class="noprint">详情</th></tr></thead><tbody>
{{range $i, $p := .Pubs}}<tr><td class="num">{{inc $i}}</td><td class="num">{{$p.Content.Date}}</td><td class="num">{{$p.Content.DocNumber}}</td><td>{{$p.Content.Party}}</td><td class="num">{{$p.Content.Type.Label}}</td><td>{{short $p.Content.Conclusion}}</td><td class="noprint num"><a href="decisions/{{page $p}}">查看</a></td></tr>
{{end}}</tbody></table>{{else}}<p>目前没有需要公开的行政执法决定。</p>{{end}}
{{if .Sections}}<h2>其他公开内容</h2><ul>{{range .Sections}}<li>{{if .Files}}<a href="{{.Link}}">{{.Title}}</a>{{else}}{{.Title}}{{end}}（{{.Count}} 项）</li>{{end}}</ul>{{end}}
<footer>{{.Agency.Name}}{{if .Agency.Address}} · 地址：{{.Agency.Address}}{{end}}{{if .Agency.Phone}} · 监督电话：{{.Agency.Phone}}{{end}}</footer>
</div></body></html>
`))

var decisionTemplate = template.Must(template.New("decision").Funcs(funcs).Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.P.Content.DocNumber}} {{.P.Content.Type.Label}}决定信息公开</title><style>` + css + `</style></head>
<body><div class="wrap">
<header><div class="office">{{.Agency.Name}}</div><h1>{{.P.Content.Type.Label}}决定信息公开</h1>
<div class="meta noprint"><a href="../index.html">← 返回公开目录</a></div></header>
{{with .P.Content}}<dl>
<dt>执法机关</dt><dd>{{.Agency}}</dd>
<dt>执法对象</dt><dd>{{.Party}}</dd>
{{if .PartyCode}}<dt>统一社会信用代码</dt><dd>{{.PartyCode}}</dd>{{end}}
<dt>执法类别</dt><dd>{{.Type.Label}}</dd>
<dt>执法事项</dt><dd>{{.Matter}}</dd>
{{if .DocNumber}}<dt>决定书文号</dt><dd>{{.DocNumber}}</dd>{{end}}
{{if .Violation}}<dt>违法行为</dt><dd>{{.Violation}}</dd>{{end}}
{{if .Basis}}<dt>依据</dt><dd>{{.Basis}}</dd>{{end}}
{{if .Kinds}}<dt>处罚种类</dt><dd>{{.PenaltyText}}</dd>{{end}}
{{if .Fine}}<dt>罚款金额</dt><dd>{{money .Fine}}</dd>{{end}}
{{if .Confiscation}}<dt>没收金额</dt><dd>{{money .Confiscation}}</dd>{{end}}
<dt>执法结论</dt><dd>{{.Conclusion}}</dd>
<dt>决定日期</dt><dd>{{.Date}}</dd>
<dt>决定机关</dt><dd>{{.Agency}}</dd>
</dl>
{{if .FullText}}<section class="fulltext"><h2>决定书全文</h2>{{if $.PDF}}<p class="noprint"><a href="{{pdf $.P}}">下载 PDF</a></p>{{end}}
{{range paras .FullText}}<p>{{.}}</p>{{end}}</section>{{end}}{{end}}
<footer>本页依据行政执法公示制度公开，已依法隐去个人身份证号码、联系电话、住址、银行账号等个人信息。{{.Agency.Name}}</footer>
</div></body></html>
`))

func indexHTML(ag domain.Agency, pubs []domain.Publication, secs []Section, today domain.Date) ([]byte, error) {
	type link struct {
		Title, Link string
		Count       int
		Files       bool
	}
	var links []link
	for _, sec := range secs {
		links = append(links, link{Title: sec.Title, Link: sec.link(), Count: sec.Count, Files: len(sec.Files) > 0})
	}
	var b bytes.Buffer
	err := indexTemplate.Execute(&b, map[string]any{"Agency": ag, "Pubs": pubs, "Sections": links, "Today": today})
	return b.Bytes(), err
}

func decisionHTML(ag domain.Agency, p domain.Publication, opt ExportOptions) ([]byte, error) {
	var b bytes.Buffer
	err := decisionTemplate.Execute(&b, map[string]any{"Agency": ag, "P": p, "PDF": opt.FullTextPDF})
	return b.Bytes(), err
}

// ---- CSV ----

// csvHeader follows the columns of the 双公示 (administrative licensing and penalty)
// data-exchange tables, with the fields of DOMAIN.md §1.3.
var csvHeader = []string{"行政相对人名称", "行政相对人类别", "统一社会信用代码", "执法类别", "执法事项", "决定书文号",
	"违法行为", "依据", "处罚类别", "处罚内容（执法结论）", "罚款金额（万元）", "没收违法所得、没收非法财物的金额（万元）",
	"决定日期", "公开日期", "决定机关", "决定机关统一社会信用代码", "数据来源单位", "数据来源单位统一社会信用代码", "备注"}

// wan writes an amount in 万元, as the 双公示 tables want it: 5,000.00 元 → 0.5.
func wan(m domain.Money) string {
	if m == 0 {
		return ""
	}
	s := strconv.FormatFloat(float64(m)/1e6, 'f', 6, 64)
	return strings.TrimRight(strings.TrimRight(s, "0"), ".")
}

func csvBytes(ag domain.Agency, pubs []domain.Publication) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("\ufeff") // so Excel opens it as UTF-8
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.Write(csvHeader)
	for _, p := range pubs {
		c := p.Content
		kind := "法人及非法人组织"
		if c.PartyPerson {
			kind = "自然人"
		}
		published := ""
		if !p.PublishedOn.IsZero() {
			published = p.PublishedOn.String()
		}
		note := ""
		if p.Replaces != 0 {
			note = "本条替换此前已撤下的公开内容"
		}
		w.Write([]string{c.Party, kind, c.PartyCode, c.Type.Label(), c.Matter, c.DocNumber, c.Violation, c.Basis,
			c.PenaltyText(), c.Conclusion, wan(c.Fine), wan(c.Confiscation), c.Date.String(), published,
			c.Agency, ag.CreditCode, ag.Name, ag.CreditCode, note})
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// ---- PDF ----

func fullTextPDF(ag domain.Agency, p domain.Publication) ([]byte, error) {
	c := p.Content
	var b bytes.Buffer
	err := pdf.RenderDocument(&b, pdf.Document{Office: ag.Name, Title: c.Type.Label() + "决定书", Number: c.DocNumber,
		Blocks: []pdf.Block{
			pdf.Paragraph{Text: c.FullText},
			pdf.Spacer{Height: 12},
			pdf.Paragraph{Text: "（本文书依据行政执法公示制度公开，已依法隐去个人信息。）", NoIndent: true},
		}})
	return b.Bytes(), err
}

func boardPDF(ag domain.Agency, pubs []domain.Publication, today domain.Date) ([]byte, error) {
	rows := make([][]string, 0, len(pubs))
	for i, p := range pubs {
		c := p.Content
		what := c.Conclusion
		if c.Violation != "" {
			what = "违法行为：" + c.Violation + "\n处理：" + c.Conclusion
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), c.Party, c.Type.Label(), c.DocNumber, what, c.Date.String()})
	}
	if len(rows) == 0 {
		rows = append(rows, []string{"", "目前没有需要公开的行政执法决定", "", "", "", ""})
	}
	var b bytes.Buffer
	err := pdf.RenderTable(&b, pdf.Table{
		Title: "行政执法决定公示", Office: ag.Name, Landscape: true,
		VersionDate: fmt.Sprintf("%d年%d月%d日", today.Year, int(today.Month), today.Day),
		Subtitle:    "依据行政执法公示制度公开，已依法隐去个人信息",
		Columns: []pdf.Column{{Header: "序号", Width: 0.5, Align: pdf.AlignCenter}, {Header: "执法对象", Width: 2},
			{Header: "执法类别", Width: 1}, {Header: "决定书文号", Width: 1.8}, {Header: "违法行为与处理结果", Width: 5},
			{Header: "决定日期", Width: 1.2, Align: pdf.AlignCenter}},
		Rows: rows,
	})
	return b.Bytes(), err
}

func exportManifest(ag domain.Agency, files []string, n int, secs []Section, when, who string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "%s 行政执法决定公开内容\r\n导出时间：%s　导出人：%s　决定 %d 条", ag.Name, when, who, n)
	for _, sec := range secs {
		fmt.Fprintf(&b, "　%s %d 项", sec.Title, sec.Count)
	}
	b.WriteString("\r\n\r\n")
	b.WriteString("使用方法：\r\n")
	b.WriteString("  1. 网站：把 index.html 和 decisions 文件夹（以及 fulltext 文件夹，如有）一起上传到政府网站的信息公开栏目；\r\n")
	b.WriteString("     或按栏目要求，把“" + ExportCSV + "”导入网站或信用平台。\r\n")
	for _, sec := range secs {
		b.WriteString("     " + sec.Title + "在“" + sec.Dir + "”文件夹中，随 index.html 一起上传。\r\n")
	}
	b.WriteString("  2. 公示栏：打印“" + ExportBoard + "”张贴。\r\n")
	b.WriteString("  3. 公开后，在 LawDesk“事后公开”中登记公开日期和渠道。\r\n\r\n")
	b.WriteString("所有内容已依法隐去身份证号码、联系电话、住址、银行账号等个人信息。再次导出到本文件夹时，以上文件会被替换。\r\n\r\n文件：\r\n")
	for _, f := range files {
		b.WriteString("  " + f + "\r\n")
	}
	return []byte(b.String())
}
