package pdf

import (
	"fmt"
	"io"
	"strings"
	"time"

	"lawdesk/internal/domain"
)

// The legal review's printed documents (重大执法决定法制审核): the 法制审核意见书 of a round,
// the 送审表 of a submission, the history of every round and coordination, and the
// office's catalogue of major decisions for publication.

// ReviewSheet is what the review documents print about one case.
type ReviewSheet struct {
	Office   string // 机关名称
	CaseNo   string
	Matter   string // 案由 / 执法事项
	Party    string
	Unit     string // 承办机构
	Handlers string // 承办人员, joined
	Review   domain.Review
	Round    int // 1-based round to print; 0 means the latest
}

func (s ReviewSheet) round() (domain.Round, error) {
	n := s.Round
	if n == 0 {
		n = len(s.Review.Rounds)
	}
	if n < 1 || n > len(s.Review.Rounds) {
		return domain.Round{}, domain.Errorf(domain.ENOTFOUND, "案件 %s 没有第 %d 轮法制审核。", s.CaseNo, n)
	}
	return s.Review.Rounds[n-1], nil
}

// chineseDate writes a date as 2026年11月20日.
func chineseDate(d domain.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
}

func chineseDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return chineseDate(domain.DateOf(t.Local()))
}

// caseRows are the case lines every review document starts with.
func (s ReviewSheet) caseRows() []KeyValue {
	return []KeyValue{
		{"案件编号", s.CaseNo},
		{"案由", s.Matter},
		{"当事人", s.Party},
		{"承办机构", strings.TrimSpace(s.Unit + "　" + s.Handlers)},
	}
}

// proposalText is the proposed decision in one line: its content, then the penalty kinds
// and the amount of fines and confiscations.
func proposalText(p domain.ProposedDecision) string {
	out := p.Summary()
	if len(p.Penalties) > 0 {
		out += "（" + domain.PenaltyLabels(p.Penalties)
		if p.Fine > 0 {
			out += fmt.Sprintf("，罚没金额 %s 元", p.Fine)
		}
		out += "）"
	}
	return out
}

// proposalRows describe a submission's proposed decision.
func proposalRows(sub domain.Submission) []KeyValue {
	p := sub.Proposed
	rows := []KeyValue{{"拟处理意见", proposalText(p)}, {"法律依据", p.Basis}}
	if p.Benchmark != "" {
		bm := p.Benchmark
		if p.BenchmarkMax > 0 {
			bm += fmt.Sprintf("（幅度 %s 至 %s 元）", p.BenchmarkMin, p.BenchmarkMax)
		}
		rows = append(rows, KeyValue{"裁量基准", bm})
	}
	return rows
}

// checklistGrid is the checklist of a round: element, finding, note.
func checklistGrid(items []domain.ChecklistItem, size float64) Grid {
	rows := make([][]string, len(items))
	for i, it := range items {
		note := it.Note
		if it.Resolved != "" {
			note = strings.TrimSpace(note + "（处理说明：" + it.Resolved + "）")
		}
		rows[i] = []string{fmt.Sprint(i + 1), it.Title, it.Finding.Label(), note}
	}
	return Grid{Columns: []Column{
		{Header: "序号", Width: 0.7, Align: AlignCenter},
		{Header: "审核要素", Width: 3.4},
		{Header: "结论", Width: 1.1, Align: AlignCenter},
		{Header: "说明", Width: 4.6},
	}, Rows: rows, FontSize: size}
}

// RenderReviewOpinion writes the 法制审核意见书 of one round: the case, the proposed
// decision, each checklist element with its finding, the opinion with its reasons, and the
// signature lines. A typical case fits on one page.
func RenderReviewOpinion(w io.Writer, s ReviewSheet) error {
	r, err := s.round()
	if err != nil {
		return err
	}
	if !r.Decided() {
		return domain.Errorf(domain.EINVALID, "案件 %s 第 %d 轮尚未出具审核意见，不能打印意见书。", s.CaseNo, r.No)
	}
	// compact rows, so that the ten elements, the opinion and the signatures share one page
	p := r.Submission.Proposed
	rows := []KeyValue{
		{"案件", strings.TrimSpace(s.CaseNo + "　" + s.Matter)},
		{"当事人", s.Party},
		{"承办", fmt.Sprintf("%s　%s；%s第 %d 次送审", s.Unit, s.Handlers, chineseDay(r.Submission.At), r.No)},
		{"拟处理意见", proposalText(p)},
		{"依据", basisAndBenchmark(p)},
	}
	opinion := fmt.Sprintf("经审核，本机构意见为：%s。%s", r.Opinion.Long(), r.Reasons)
	return RenderDocument(w, Document{
		Office: s.Office,
		Title:  "法制审核意见书",
		Number: r.OpinionNo,
		Blocks: []Block{
			KeyValues{Rows: rows, LabelWidth: 0.16},
			Heading{Text: "一、审核要素", Level: 2},
			checklistGrid(r.Checklist, 9),
			Heading{Text: "二、审核意见", Level: 2},
			Paragraph{Text: opinion},
			signatureLine{labels: []string{"审核人员", "法制机构负责人"}, seal: "（法制机构印章）", date: chineseDay(r.OpinionAt)},
		},
	})
}

// signatureLine is a compact signing area for one-page documents: the signers side by side
// on one line, then the seal note and the date on the right.
type signatureLine struct {
	labels []string
	seal   string
	date   string
}

func (s signatureLine) check() error { return nil }

func (s signatureLine) layout(f *flow) {
	const size float64 = docBodySize
	const lh = size * 2
	lineW := size * 8
	f.y += size * 0.5
	f.ensure(lh + 1.5*size) // the date line needs only its text's height, not a full line
	x, y := f.left+f.width()*0.08, f.y
	for _, l := range s.labels {
		label, lx := l+"：", x
		w := f.c.measure(label, size)
		f.add(func() {
			f.c.textIn(lx, y, w, lh, label, size, AlignLeft)
			f.c.line(lx+w, y+lh*0.5+size*0.65, lx+w+lineW, y+lh*0.5+size*0.65, 0.6, 0x30)
		})
		x += w + lineW + 2*size
	}
	f.y += lh
	text := strings.TrimSpace(s.seal + "　" + s.date)
	right, y2 := f.left+f.width(), f.y
	f.add(func() { f.c.textIn(f.left, y2, right-f.left-size, lh, text, size, AlignRight) })
	f.y += lh
}

// RenderReviewSubmission writes the 重大执法决定法制审核送审表 of one round: why the case is
// major, the proposed decision and reasons, the materials and, for a resubmission, the
// point-by-point responses.
func RenderReviewSubmission(w io.Writer, s ReviewSheet) error {
	r, err := s.round()
	if err != nil {
		return err
	}
	sub := r.Submission
	rows := append(s.caseRows(), KeyValue{"送审依据", strings.Join(s.Review.MajorReasons, "；")})
	rows = append(rows, proposalRows(sub)...)
	rows = append(rows, KeyValue{"送审理由", sub.Reasons},
		KeyValue{"送审人", fmt.Sprintf("%s　%s（第 %d 次送审）", sub.ByName, chineseDay(sub.At), r.No)},
		KeyValue{"审核期限", chineseDate(r.Deadline) + extendedNote(r)})
	mats := make([][]string, len(sub.Materials))
	for i, m := range sub.Materials {
		state := "有"
		if !m.Present() {
			state = "缺"
		}
		need := "—"
		if m.Required {
			need = "必备"
		}
		mats[i] = []string{fmt.Sprint(i + 1), m.Name, need, state, strings.Join(m.Documents, "；")}
	}
	blocks := []Block{
		KeyValues{Rows: rows, LabelWidth: 0.16},
		Heading{Text: "送审材料", Level: 2},
		Grid{Columns: []Column{{Header: "序号", Width: 0.7, Align: AlignCenter}, {Header: "材料", Width: 2.6},
			{Header: "要求", Width: 0.8, Align: AlignCenter}, {Header: "附", Width: 0.6, Align: AlignCenter}, {Header: "所附文书", Width: 5}},
			Rows: mats, FontSize: 9.5},
	}
	if len(sub.Responses) > 0 {
		blocks = append(blocks, Heading{Text: "对上一轮审核意见的逐项回复", Level: 2}, responsesGrid(sub.Responses))
	}
	blocks = append(blocks, signatureLine{labels: []string{"承办人员", "承办机构负责人"}, date: chineseDay(sub.At)})
	return RenderDocument(w, Document{Office: s.Office, Title: "重大执法决定法制审核送审表", Blocks: blocks})
}

// basisAndBenchmark joins the legal basis and the benchmark used, for one compact row.
func basisAndBenchmark(p domain.ProposedDecision) string {
	out := p.Basis
	if p.Benchmark != "" {
		out += "；裁量基准：" + p.Benchmark
		if p.BenchmarkMax > 0 {
			out += fmt.Sprintf("（幅度 %s 至 %s 元）", p.BenchmarkMin, p.BenchmarkMax)
		}
	}
	return out
}

func extendedNote(r domain.Round) string {
	if r.Extended {
		return "（已延长，理由：" + r.ExtendedBy + "）"
	}
	return ""
}

func responsesGrid(rs []domain.PointResponse) Grid {
	rows := make([][]string, len(rs))
	for i, p := range rs {
		rows[i] = []string{fmt.Sprint(i + 1), p.Problem, p.Response}
	}
	return Grid{Columns: []Column{{Header: "序号", Width: 0.7, Align: AlignCenter}, {Header: "审核指出的问题", Width: 4},
		{Header: "承办机构的处理和回复", Width: 4}}, Rows: rows, FontSize: 10}
}

// RenderReviewHistory writes every round of a case's review in order — submission,
// responses, checklist findings, opinion — and every coordination with its participants and
// conclusion, so the whole exchange can be read and filed.
func RenderReviewHistory(w io.Writer, s ReviewSheet) error {
	if len(s.Review.Rounds) == 0 {
		return domain.Errorf(domain.ENOTFOUND, "案件 %s 还没有送法制审核。", s.CaseNo)
	}
	blocks := []Block{
		KeyValues{Rows: append(s.caseRows(), KeyValue{"送审依据", strings.Join(s.Review.MajorReasons, "；")},
			KeyValue{"当前状态", s.Review.Status.Label()}), LabelWidth: 0.16},
	}
	coordByRound := map[int][]domain.Coordination{}
	for _, c := range s.Review.Coordinations {
		coordByRound[c.Round] = append(coordByRound[c.Round], c)
	}
	for _, r := range s.Review.Rounds {
		sub := r.Submission
		blocks = append(blocks, Heading{Text: fmt.Sprintf("第 %d 轮", r.No)},
			KeyValues{Rows: []KeyValue{
				{"送审", fmt.Sprintf("%s　%s", sub.ByName, chineseDay(sub.At))},
				{"拟处理意见", sub.Proposed.Summary()},
				{"审核期限", chineseDate(r.Deadline) + extendedNote(r)},
			}, LabelWidth: 0.16})
		if len(sub.Responses) > 0 {
			blocks = append(blocks, Heading{Text: "逐项回复", Level: 2}, responsesGrid(sub.Responses))
		}
		if !r.Decided() {
			blocks = append(blocks, Paragraph{Text: "尚未出具审核意见。"})
			continue
		}
		blocks = append(blocks, Heading{Text: "审核要素", Level: 2}, checklistGrid(r.Checklist, 9.5),
			KeyValues{Rows: []KeyValue{
				{"审核意见", fmt.Sprintf("%s（%s）", r.Opinion.Long(), r.OpinionNo)},
				{"理由", r.Reasons},
				{"审核人员", fmt.Sprintf("%s　%s", r.ReviewerNm, chineseDay(r.OpinionAt))},
			}, LabelWidth: 0.16})
		for _, c := range coordByRound[r.No] {
			rows := []KeyValue{
				{"不同意见", fmt.Sprintf("%s（%s，%s）", c.Disagreement, c.RequestedNm, chineseDay(c.RequestedAt))},
			}
			if c.Concluded() {
				rows = append(rows,
					KeyValue{"方式", fmt.Sprintf("%s　%s", c.Method, chineseDate(c.HeldOn))},
					KeyValue{"参加人员", strings.Join(c.Participants, "、")},
					KeyValue{"结论", fmt.Sprintf("%s：%s", c.Outcome.Label(), c.Conclusion)},
					KeyValue{"负责人", c.HeadName})
			} else {
				rows = append(rows, KeyValue{"结论", "等待负责人协调"})
			}
			blocks = append(blocks, Heading{Text: "负责人协调", Level: 2}, KeyValues{Rows: rows, LabelWidth: 0.16})
		}
	}
	return RenderDocument(w, Document{Office: s.Office, Title: "法制审核过程记录", Blocks: blocks})
}

// RenderMajorCatalogue writes the office's 重大执法决定法制审核目录清单 for publication: every
// enabled entry with its conditions and basis.
func RenderMajorCatalogue(w io.Writer, office string, rules []domain.MajorRule, day domain.Date) error {
	var rows [][]string
	for _, r := range rules {
		if !r.Enabled {
			continue
		}
		rows = append(rows, []string{fmt.Sprint(len(rows) + 1), r.Title, strings.Join(r.Conditions(), "；"), r.Basis})
	}
	if len(rows) == 0 {
		return domain.Errorf(domain.EINVALID, "目录清单中没有启用的条目，无法打印。")
	}
	return RenderTable(w, Table{
		Title: office + "重大执法决定法制审核目录清单", Office: office, VersionDate: chineseDate(day),
		Columns: []Column{{Header: "序号", Width: 0.7, Align: AlignCenter}, {Header: "目录事项", Width: 4},
			{Header: "判断条件", Width: 3}, {Header: "设定依据", Width: 3}},
		Rows: rows,
	})
}
