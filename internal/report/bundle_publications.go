package report

import (
	"bytes"
	"fmt"
	"html/template"
	"sort"

	"lawdesk/internal/domain"
)

// The publications part: every decision published, withdrawn or kept private in the
// year, as CSV and as one HTML page — only the redacted content that was confirmed for
// publication; a decision not published shows no party at all.
var _ = addBundlePart(30, "公开信息", func(j *bundleJob) error {
	y := j.year
	var pubs []domain.Publication
	for _, pb := range j.data.Publications {
		if pb.PublishedOn.Year == y || pb.Withdrawal.DoneOn.Year == y || pb.NotPublicReason != "" && pb.DecisionDate.Year == y {
			pubs = append(pubs, pb)
		}
	}
	sort.SliceStable(pubs, func(a, b int) bool { return pubs[a].DecisionDate.Before(pubs[b].DecisionDate) })
	rows := [][]string{pubHeader}
	for _, pb := range pubs {
		rows = append(rows, pubRow(pb))
	}
	base := fmt.Sprintf("公开信息/%d年行政执法决定公开", y)
	if err := j.bag.AddBytes(base+".csv", csvBytes(rows)); err != nil {
		return err
	}
	var page bytes.Buffer
	err := pubPage.Execute(&page, map[string]any{"Title": fmt.Sprintf("%s%d年行政执法决定公开情况", j.data.Office.Name, y),
		"Header": pubHeader, "Rows": rows[1:]})
	if err != nil {
		return err
	}
	if err := j.bag.AddBytes(base+".html", page.Bytes()); err != nil {
		return err
	}
	j.info = append(j.info, InfoField{"LawDesk-Count-publications", fmt.Sprint(len(pubs))})
	return nil
})

var pubHeader = []string{"案件编号", "决定书文号", "执法类别", "执法对象", "执法事项", "执法结论", "违法行为", "依据", "处罚种类",
	"罚款（元）", "没收（元）", "决定日期", "公开期限", "公开日期", "公开渠道", "按期", "状态", "撤下原因", "撤下日期"}

func pubRow(pb domain.Publication) []string {
	c := pb.Content
	money := func(m domain.Money) string {
		if m == 0 {
			return ""
		}
		return m.String()
	}
	onTime := ""
	if !pb.PublishedOn.IsZero() {
		onTime = map[bool]string{true: "逾期", false: "按期"}[pb.Late()]
	}
	if pb.NotPublicReason != "" { // nothing about the party leaves LawDesk
		return []string{pb.CaseNumber, "", "", "", "", "", "", "", "", "", "", pb.DecisionDate.String(), "", "", "", "", domain.PubNotPublic.Label(), "", ""}
	}
	return []string{pb.CaseNumber, c.DocNumber, c.Type.Label(), c.Party, c.Matter, c.Conclusion, c.Violation, c.Basis, c.PenaltyText(),
		money(c.Fine), money(c.Confiscation), pb.DecisionDate.String(), pb.Due.String(), pb.PublishedOn.String(), pb.Channel.Label(),
		onTime, pb.Status().Label(), pb.Withdrawal.Reason.Label(), pb.Withdrawal.DoneOn.String()}
}

var pubPage = template.Must(template.New("pubs").Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #999;padding:4px 6px;vertical-align:top}th{background:#eee}</style>
</head><body><h1>{{.Title}}</h1>
<table><thead><tr>{{range .Header}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</tbody></table>
</body></html>
`))
