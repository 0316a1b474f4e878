package pdf

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/domain"
)

// sampleReview is a realistic two-round review: a supplement opinion, a point-by-point
// answer, agreement; with a coordination on the first round.
func sampleReview() ReviewSheet {
	at := time.Date(2026, 11, 10, 9, 0, 0, 0, time.Local)
	els := domain.DefaultChecklist()
	round := func(no int, opinion domain.Opinion, reasons, number string) domain.Round {
		items := domain.NewChecklist(els)
		for i := range items {
			items[i].Finding, items[i].Note = domain.ElementOK, "经核查符合规定"
		}
		items[9].Finding, items[9].Note = domain.ElementNA, "货值金额未达到刑事追诉标准"
		items[1].Note = "刘洋、陈静执法证在各环节日期均有效"
		return domain.Round{No: no, Deadline: domain.NewDate(2026, 11, 19+no),
			Submission: domain.Submission{
				Proposed: domain.ProposedDecision{Penalties: []domain.PenaltyKind{domain.PenaltyFine, domain.PenaltyConfiscateGains},
					Fine: 6_268_000, Content: "没收违法所得 2,680 元，并处罚款 60,000 元",
					Basis:     "《中华人民共和国食品安全法》第一百二十四条第一款第（三）项",
					Benchmark: "较重情节：货值金额一万元以上的，处货值金额十倍以上二十倍以下罚款", BenchmarkMin: 5_000_000, BenchmarkMax: 10_000_000},
				Reasons:   "当事人经营超过保质期的食品，货值金额 5,360 元，违法所得 2,680 元，情节较重。",
				Materials: []domain.Material{{Name: "立案审批表", Required: true, Documents: []string{"立案审批表"}, DocIDs: []uint64{1}}, {Name: "调查终结报告", Required: true, Documents: []string{"调查终结报告"}, DocIDs: []uint64{2}}},
				By:        "liuyang", ByName: "刘洋", At: at.AddDate(0, 0, 7*(no-1)),
			},
			Checklist: items, Opinion: opinion, Reasons: reasons, OpinionNo: number, Reviewer: "sunli", ReviewerNm: "孙丽",
			OpinionAt: at.AddDate(0, 0, 7*(no-1)+3)}
	}
	r1 := round(1, domain.OpinionSupplement, "货值金额的计算依据不足，请补充进货单据和销售记录。", "青市监法审〔2026〕7号")
	r1.Checklist[4].Finding, r1.Checklist[4].Note = domain.ElementProblem, "缺少货值金额的计算依据"
	r2 := round(2, domain.OpinionAgree, "案件事实清楚，证据确实充分，适用依据正确，程序合法，裁量适当，同意作出行政处罚决定。", "青市监法审〔2026〕9号")
	r2.Submission.Responses = []domain.PointResponse{{Key: "evidence", Problem: "证据是否合法充分：缺少货值金额的计算依据", Response: "已补充进货单据 3 份、销售记录 1 份，见询问笔录（第二次）"}}
	rv := domain.Review{CaseNo: "青市监处罚〔2026〕12号", Party: "青山县惠民超市有限公司", Status: domain.ReviewAgreed,
		MajorReasons: []string{"较大数额罚款或涉案金额较大的（拟罚没金额 62,680.00 元，达到法人或其他组织标准 50,000.00 元）"},
		Rounds:       []domain.Round{r1, r2},
		Coordinations: []domain.Coordination{{Round: 1, Disagreement: "进货单据已在卷，无需补充", RequestedNm: "刘洋", RequestedAt: at.AddDate(0, 0, 4),
			Method: "集体讨论", HeldOn: domain.NewDate(2026, 11, 16), Participants: []string{"王建国", "赵敏", "孙丽", "刘洋"},
			Conclusion: "按法制审核意见补充证据后重新送审", Outcome: domain.CoordinationUphold, HeadName: "王建国"}}}
	return ReviewSheet{Office: "青山县市场监督管理局", CaseNo: rv.CaseNo, Matter: "销售超过保质期的食品", Party: rv.Party,
		Unit: "城关市场监管所", Handlers: "刘洋、陈静", Review: rv}
}

func TestRenderReviewOpinionFitsOnePage(t *testing.T) {
	s := sampleReview()
	path := writePDF(t, "opinion.pdf", func(w io.Writer) error { return RenderReviewOpinion(w, s) })
	if pi := info(t, path); pi.pages != 1 || !near(pi.w, a4W) {
		t.Fatalf("opinion: %d pages, width %.1f; want one A4 page", pi.pages, pi.w)
	}
	text := pdfText(t, path, 0)
	assertContains(t, text, "青山县市场监督管理局", "法制审核意见书", "青市监法审〔2026〕9号", "青市监处罚〔2026〕12号",
		"青山县惠民超市有限公司", "没收违法所得2,680元，并处罚款60,000元", "执法主体是否合法", "是否涉嫌犯罪需要移送司法机关",
		"不适用", "经审核，本机构意见为：同意作出决定。", "审核人员", "法制机构负责人", "2026年11月20日", "幅度50,000.00至100,000.00元")
	// the first round's opinion
	s.Round = 1
	path = writePDF(t, "opinion1.pdf", func(w io.Writer) error { return RenderReviewOpinion(w, s) })
	assertContains(t, pdfText(t, path, 0), "青市监法审〔2026〕7号", "存在问题", "缺少货值金额的计算依据", "建议补充调查取证或材料")
}

// TestRenderReviewOpinionLongNamesFitOnePage: a county office's real names are long (the
// unit with the bureau's name in front, a matter of twenty characters), the pre-checks write
// what they checked, and the reasons run to three lines; the opinion still fits one page.
func TestRenderReviewOpinionLongNamesFitOnePage(t *testing.T) {
	s := sampleReview()
	s.Unit, s.Matter = "青山县市场监督管理局城关市场监管所", "对食品小作坊未经登记从事食品生产的行政处罚"
	r := &s.Review.Rounds[1]
	r.Checklist[1].Note = "经系统核对，执法证件在各环节日期有效。"
	r.Checklist[2].Note = "经系统核对，执法人员不少于两人，办案期限符合规定。"
	r.Checklist[6].Note = "经系统核对，拟罚款金额在裁量基准范围内。"
	r.Checklist[8].Note = "经系统核对，必备材料齐全。"
	r.Reasons = "案件事实清楚，证据确实充分，适用依据正确，程序合法，裁量适当。当事人已补充进货单据和销售记录，货值金额计算依据充分，同意作出行政处罚决定。"
	path := writePDF(t, "opinion-long.pdf", func(w io.Writer) error { return RenderReviewOpinion(w, s) })
	if pi := info(t, path); pi.pages != 1 {
		t.Fatalf("opinion with long names: %d pages, want one", pi.pages)
	}
	assertContains(t, pdfText(t, path, 0), "城关市场监管所", "同意作出行政处罚决定", "法制机构负责人")
}

func TestRenderReviewSubmissionAndHistory(t *testing.T) {
	s := sampleReview()
	path := writePDF(t, "submission.pdf", func(w io.Writer) error { return RenderReviewSubmission(w, s) })
	assertContains(t, pdfText(t, path, 0), "重大执法决定法制审核送审表", "送审依据", "较大数额罚款", "调查终结报告", "必备",
		"对上一轮审核意见的逐项回复", "已补充进货单据3份", "承办机构负责人")
	path = writePDF(t, "history.pdf", func(w io.Writer) error { return RenderReviewHistory(w, s) })
	text := pdfText(t, path, 0)
	assertContains(t, text, "法制审核过程记录", "第1轮", "第2轮", "青市监法审〔2026〕7号", "青市监法审〔2026〕9号",
		"负责人协调", "集体讨论", "王建国、赵敏、孙丽、刘洋", "按法制审核意见办理：按法制审核意见补充证据后重新送审", "审核通过")
	s.Round = 3
	if err := RenderReviewOpinion(io.Discard, s); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("a round that does not exist: %v", err)
	}
	s.Round = 0
	s.Review.Rounds[1].Opinion = ""
	if err := RenderReviewOpinion(io.Discard, s); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("a round without opinion: %v", err)
	}
}

func TestRenderMajorCatalogue(t *testing.T) {
	rules := domain.DefaultMajorRules()
	path := writePDF(t, "catalogue.pdf", func(w io.Writer) error {
		return RenderMajorCatalogue(w, "青山县市场监督管理局", rules, domain.NewDate(2026, 11, 20))
	})
	text := pdfRawText(t, path)
	assertContains(t, text, "青山县市场监督管理局重大执法决定法制审核目录清单", "经过听证程序作出行政执法决定的",
		"金额达到自然人5,000.00元、单位50,000.00元", "2026年11月20日")
	if strings.Contains(squash(text), "全部审核") {
		t.Error("a disabled entry was printed")
	}
	for i := range rules {
		rules[i].Enabled = false
	}
	if err := RenderMajorCatalogue(io.Discard, "x", rules, domain.NewDate(2026, 1, 1)); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("empty catalogue: %v", err)
	}
}

// TestWriteReviewSamples writes the review documents to -samples DIR for looking at.
func TestWriteReviewSamples(t *testing.T) {
	if *samplesDir == "" {
		t.Skip("no -samples DIR given")
	}
	s := sampleReview()
	for name, render := range map[string]func(io.Writer) error{
		"review-opinion.pdf":    func(w io.Writer) error { return RenderReviewOpinion(w, s) },
		"review-submission.pdf": func(w io.Writer) error { return RenderReviewSubmission(w, s) },
		"review-history.pdf":    func(w io.Writer) error { return RenderReviewHistory(w, s) },
		"review-catalogue.pdf": func(w io.Writer) error {
			return RenderMajorCatalogue(w, s.Office, domain.DefaultMajorRules(), domain.NewDate(2026, 11, 20))
		},
	} {
		f, err := os.Create(filepath.Join(*samplesDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := render(f); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
}

func BenchmarkRenderReviewOpinion(b *testing.B) {
	s := sampleReview()
	for b.Loop() {
		if err := RenderReviewOpinion(io.Discard, s); err != nil {
			b.Fatal(err)
		}
	}
}
