package inspection

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/pdf"
	"lawdesk/internal/publication"
)

// 一公开: the draw record and the results list are printed as PDF, and the results are
// exported for the website (CSV) — always through the decision publication's redaction
// (publication.Redact), since names typed by hand may hold a phone or an ID number.

// printable loads a task for printing or export and records the access (调阅监督).
func (s *Service) printable(sess office.Session, id uint64, what string) (domain.InspectionTask, domain.Agency, error) {
	if err := domain.Require(sess.User, domain.PermInspectionView, what); err != nil {
		return domain.InspectionTask{}, domain.Agency{}, err
	}
	t, err := s.st.InspectionTask(id)
	if err != nil {
		return t, domain.Agency{}, err
	}
	ag, _, err := s.st.Agency()
	if err != nil {
		return t, ag, err
	}
	return t, ag, s.st.LogAccess(sess.Actor(), "inspection.print", fmt.Sprintf("inspection:%d", id), fmt.Sprintf("%s：%s", what, t.Name))
}

func cnDate(d domain.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day)
}

// WriteDrawRecord prints the record of a task's draws (抽取记录): the plan, the draw in
// force with its seed, candidate lists and hashes, the drawn objects and officers, every
// earlier draw with its reason, and how anyone can re-run it.
func (s *Service) WriteDrawRecord(sess office.Session, w io.Writer, id uint64) error {
	t, ag, err := s.printable(sess, id, "打印抽取记录")
	if err != nil {
		return err
	}
	d, ok := t.CurrentDraw()
	if !ok {
		return domain.Errorf(domain.EINVALID, "抽查任务“%s”还没有抽取，没有抽取记录可打印。", t.Name)
	}
	weighted := "否"
	if t.RiskWeighted {
		weighted = "是（A类权重1、B类2、C类3、D类4）"
	}
	category := t.OfficerCategory
	if category == "" {
		category = "不限"
	}
	blocks := []pdf.Block{
		pdf.KeyValues{LabelWidth: 0.22, Rows: []pdf.KeyValue{
			{Label: "任务名称", Value: t.Name},
			{Label: "抽查事项", Value: t.MatterName},
			{Label: "检查对象范围", Value: t.Filter.Describe()},
			{Label: "抽取数量", Value: fmt.Sprintf("%s，实抽 %d 户（候选 %d 户）", t.HowMany(), len(d.Assignments), len(d.Input.Objects))},
			{Label: "按风险加权", Value: weighted},
			{Label: "执法人员", Value: fmt.Sprintf("每户 %d 名，执法类别：%s，候选 %d 名（执法证在检查期间有效）", t.OfficersPerObject, category, len(d.Input.Officers))},
			{Label: "检查时间", Value: cnDate(t.Start) + " 至 " + cnDate(t.End)},
			{Label: "抽取时间", Value: fmt.Sprintf("%s（第 %d 次抽取，操作人 %s）", d.At.Local().Format("2006年1月2日 15:04:05"), d.No, d.By)},
			{Label: "随机种子", Value: d.Seed},
			{Label: "候选对象哈希", Value: "SHA-256 " + d.ObjectsHash},
			{Label: "候选人员哈希", Value: "SHA-256 " + d.OfficersHash},
			{Label: "结果哈希", Value: fmt.Sprintf("SHA-256 %s（审计记录第 %d 条）", d.ResultHash, d.AuditSeq)},
		}},
		pdf.Heading{Text: "抽取结果", Level: 2},
	}
	objects, officers := drawNames(d)
	var rows [][]string
	for i, a := range d.Assignments {
		names := make([]string, len(a.Officers))
		for j, o := range a.Officers {
			names[j] = officers[o]
		}
		remark := ""
		if a.Repeated {
			remark = "执法人员不足，与上次检查人员有重复"
		}
		rows = append(rows, []string{fmt.Sprint(i + 1), objects[a.ObjectID].Name, objects[a.ObjectID].CreditCode, strings.Join(names, "、"), remark})
	}
	blocks = append(blocks, pdf.Grid{FontSize: 10, Columns: []pdf.Column{{Header: "序号", Width: 0.5, Align: pdf.AlignCenter},
		{Header: "检查对象", Width: 3}, {Header: "统一社会信用代码", Width: 2.2}, {Header: "执法人员", Width: 2}, {Header: "备注", Width: 1.5}}, Rows: rows})
	var cand []string
	for _, o := range d.Input.Officers {
		cand = append(cand, fmt.Sprintf("%s（%s）", o.Name, o.CertNo))
	}
	blocks = append(blocks, pdf.Heading{Text: "候选执法人员", Level: 2}, pdf.Paragraph{Text: strings.Join(cand, "、"), NoIndent: true})
	if len(t.Draws) > 1 {
		var earlier [][]string
		for i, e := range t.Draws[:len(t.Draws)-1] {
			earlier = append(earlier, []string{fmt.Sprintf("第 %d 次", e.No), e.At.Local().Format("2006-01-02 15:04"), e.By,
				"种子 " + e.Seed + "\n结果 " + e.ResultHash, fmt.Sprintf("被第 %d 次抽取取代：%s", t.Draws[i+1].No, t.Draws[i+1].Reason)})
		}
		blocks = append(blocks, pdf.Heading{Text: "此前的抽取（保留备查）", Level: 2},
			pdf.Grid{FontSize: 9, Columns: []pdf.Column{{Header: "次序", Width: 0.8, Align: pdf.AlignCenter}, {Header: "抽取时间", Width: 1.4},
				{Header: "操作人", Width: 0.9}, {Header: "种子与结果哈希（SHA-256）", Width: 3.2}, {Header: "重新抽取的理由", Width: 2.2}}, Rows: earlier})
	}
	blocks = append(blocks,
		pdf.Heading{Text: "复核方法", Level: 2},
		pdf.Paragraph{Text: fmt.Sprintf("抽取由操作系统的密码学随机数生成 32 字节种子，按“%s”从候选名单中抽取；种子、候选名单哈希和结果哈希在抽取时写入审计链。"+
			"任何人可在装有 LawDesk 的电脑上运行“lawdesk draw verify --task %d”，用记录的种子和候选名单重新抽取，结果应与本记录完全一致。", domain.DrawAlgorithm, t.ID)},
		pdf.Signature{Labels: []string{"抽取人", "监督人"}, Date: ""},
	)
	return pdf.RenderDocument(w, pdf.Document{Office: ag.Name, Title: "双随机抽查抽取记录", Blocks: blocks})
}

// drawNames maps the IDs of a draw to the objects and officer names it recorded.
func drawNames(d domain.Draw) (map[uint64]domain.DrawObject, map[uint64]string) {
	objects, officers := map[uint64]domain.DrawObject{}, map[uint64]string{}
	for _, o := range d.Input.Objects {
		objects[o.ID] = o
	}
	for _, o := range d.Input.Officers {
		officers[o.ID] = o.Name
	}
	return objects, officers
}

// PublicRow is one line of the published results (redacted).
type PublicRow struct {
	Name, CreditCode, Date, Result string
}

// PublicResults are the results as they are published: every drawn object in draw order
// with its inspection date and result, redacted.
func (s *Service) PublicResults(t domain.InspectionTask) []PublicRow {
	d, _ := t.CurrentDraw()
	objects, _ := drawNames(d)
	var rows []PublicRow
	for _, a := range d.Assignments {
		o := objects[a.ObjectID]
		row := PublicRow{Name: publication.Redact(o.Name, publication.Rules{}), CreditCode: o.CreditCode, Result: "尚未检查"}
		if r, ok := t.Result(a.ObjectID); ok {
			row.Date, row.Result = r.Date.String(), r.Finding.Label()
		}
		rows = append(rows, row)
	}
	return rows
}

// WriteResults prints the results list for publication (抽查结果公示表), redacted.
func (s *Service) WriteResults(sess office.Session, w io.Writer, id uint64) error {
	t, ag, err := s.printable(sess, id, "打印抽查结果")
	if err != nil {
		return err
	}
	if _, ok := t.CurrentDraw(); !ok {
		return domain.Errorf(domain.EINVALID, "抽查任务“%s”还没有抽取，没有抽查结果。", t.Name)
	}
	return s.renderResults(w, t, ag)
}

// renderResults renders the 抽查结果公示表 of a drawn task.
func (s *Service) renderResults(w io.Writer, t domain.InspectionTask, ag domain.Agency) error {
	done := cnDate(t.Done)
	if done == "" {
		done = "尚未完成"
	}
	facts := []pdf.KeyValue{
		{Label: "抽查任务", Value: t.Name},
		{Label: "抽查事项", Value: t.MatterName},
		{Label: "抽查机关", Value: ag.Name},
		{Label: "检查时间", Value: cnDate(t.Start) + " 至 " + cnDate(t.End)},
		{Label: "完成日期", Value: done},
	}
	if !t.Public.On.IsZero() {
		facts = append(facts, pdf.KeyValue{Label: "公示", Value: cnDate(t.Public.On) + "，" + t.Public.Channel})
	}
	var rows [][]string
	for i, r := range s.PublicResults(t) {
		rows = append(rows, []string{fmt.Sprint(i + 1), r.Name, r.CreditCode, r.Date, r.Result})
	}
	blocks := []pdf.Block{
		pdf.KeyValues{LabelWidth: 0.2, Rows: append(facts,
			pdf.KeyValue{Label: "抽查结果", Value: fmt.Sprintf("共抽查 %d 户：%s", len(rows), findingSummary(t))})},
		pdf.Grid{FontSize: 10, Columns: []pdf.Column{{Header: "序号", Width: 0.5, Align: pdf.AlignCenter},
			{Header: "检查对象名称", Width: 3}, {Header: "统一社会信用代码", Width: 2.2}, {Header: "检查日期", Width: 1.3, Align: pdf.AlignCenter}, {Header: "检查结果", Width: 2.4}}, Rows: rows},
	}
	if ag.Phone != "" {
		blocks = append(blocks, pdf.Paragraph{Text: fmt.Sprintf("对抽查结果有异议的，可以向%s提出。联系电话：%s", ag.Name, ag.Phone)})
	}
	return pdf.RenderDocument(w, pdf.Document{Office: ag.Name, Title: "双随机抽查结果公示表", Blocks: blocks})
}

// WriteResultsCSV exports the results for the website and the 国家企业信用信息公示系统
// in the usual column layout, UTF-8 with a byte-order mark so Excel opens it correctly.
func (s *Service) WriteResultsCSV(sess office.Session, w io.Writer, id uint64) error {
	t, ag, err := s.printable(sess, id, "导出抽查结果")
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return domain.Wrap(err, domain.EINVALID, "写入文件失败。")
	}
	cw := csv.NewWriter(w)
	cw.Write(resultsCSVHeader)
	for _, r := range s.PublicResults(t) {
		cw.Write(resultsCSVRow(t, ag, r))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return domain.Wrap(err, domain.EINVALID, "写入文件失败（磁盘已满？）。")
	}
	return nil
}

// resultsCSVHeader and resultsCSVRow are the columns of the results for the website and
// the 国家企业信用信息公示系统 (one task's export and the office's export alike).
var resultsCSVHeader = []string{"任务编号", "任务名称", "抽查事项", "抽查机关", "检查对象名称", "统一社会信用代码", "检查日期", "检查结果", "完成日期"}

func resultsCSVRow(t domain.InspectionTask, ag domain.Agency, r PublicRow) []string {
	return []string{fmt.Sprint(t.ID), t.Name, t.MatterName, ag.Name, r.Name, r.CreditCode, r.Date, r.Result, t.Done.String()}
}
