package domain_test

import (
	"strings"
	"testing"
	"time"

	"lawdesk/internal/domain"
)

var reviewNow = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

func submission() domain.Submission {
	return domain.Submission{
		Proposed: domain.ProposedDecision{Penalties: []domain.PenaltyKind{domain.PenaltyFine}, Fine: 60_000_00,
			Content: "罚款六万元", Basis: "《中华人民共和国食品安全法》第一百二十四条"},
		Reasons:   "当事人经营超过保质期的食品，货值金额较大。",
		Materials: []domain.Material{{Name: "询问笔录", Required: true, Documents: []string{"询问笔录（张三）"}, DocIDs: []uint64{4}}},
		By:        "liuyang", ByName: "刘洋", At: reviewNow,
	}
}

// findings returns every element marked f.
func findings(f domain.ElementFinding) []domain.ChecklistItem {
	items := domain.NewChecklist(domain.DefaultChecklist())
	for i := range items {
		items[i].Finding = f
	}
	return items
}

func newReview(t *testing.T) *domain.Review {
	t.Helper()
	r := &domain.Review{CaseNo: "青市监处罚〔2026〕12号"}
	if err := r.Submit(submission(), domain.NewDate(2026, 12, 1)); err != nil {
		t.Fatal(err)
	}
	r.Rounds[0].Checklist = domain.NewChecklist(domain.DefaultChecklist())
	return r
}

func TestReviewRoundsReturnAndResubmit(t *testing.T) {
	r := newReview(t)
	if r.Status != domain.ReviewPending || r.Passed() || !strings.Contains(r.GateMessage(), "尚未完成") {
		t.Fatalf("after submit: %s %q", r.Status, r.GateMessage())
	}
	if err := r.Submit(submission(), domain.NewDate(2026, 12, 1)); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("second submit while pending: %v", err)
	}
	items := findings(domain.ElementOK)
	items[4].Finding, items[4].Note = domain.ElementProblem, "缺少货值金额的计算依据"
	// 同意 is refused while a problem is neither resolved nor explained.
	err := r.RecordOpinion(domain.OpinionInput{Reviewer: "sunli", Checklist: items, Opinion: domain.OpinionAgree, Reasons: "同意", At: reviewNow})
	if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(domain.ErrorMessage(err), "证据是否合法充分") {
		t.Fatalf("agree with an open problem: %v", err)
	}
	if r.Status != domain.ReviewPending {
		t.Fatal("refused opinion changed the status")
	}
	if err := r.RecordOpinion(domain.OpinionInput{Reviewer: "sunli", ReviewerName: "孙丽", Checklist: items,
		Opinion: domain.OpinionSupplement, Reasons: "请补充货值金额计算依据", At: reviewNow, No: "青市监法审〔2026〕1号"}); err != nil {
		t.Fatal(err)
	}
	if r.Status != domain.ReviewReturned || r.Passed() || !strings.Contains(r.GateMessage(), "补充") {
		t.Fatalf("after supplement: %s %q", r.Status, r.GateMessage())
	}
	points := r.OpenPoints()
	if len(points) != 1 || points[0].Key != "evidence" || !strings.Contains(points[0].Problem, "缺少货值金额") {
		t.Fatalf("open points %+v", points)
	}
	// Resubmission needs a point-by-point answer.
	if err := r.Submit(submission(), domain.NewDate(2026, 12, 10)); domain.ErrorCode(err) != domain.EINVALID ||
		!strings.Contains(domain.ErrorMessage(err), "证据是否合法充分") {
		t.Fatalf("resubmit without answers: %v", err)
	}
	s := submission()
	s.Responses = []domain.PointResponse{{Key: "evidence", Response: "已补充进货单据和销售记录"}}
	if err := r.Submit(s, domain.NewDate(2026, 12, 10)); err != nil {
		t.Fatal(err)
	}
	if len(r.Rounds) != 2 || r.Rounds[1].No != 2 || r.Rounds[1].Submission.Responses[0].Problem == "" {
		t.Fatalf("second round %+v", r.Rounds[1])
	}
	if r.Rounds[0].Opinion != domain.OpinionSupplement {
		t.Error("the first round was changed")
	}
	r.Rounds[1].Checklist = domain.NewChecklist(domain.DefaultChecklist())
	items = findings(domain.ElementOK)
	items[9].Finding = domain.ElementNA
	items[2].Finding, items[2].Note, items[2].Resolved = domain.ElementProblem, "送达回证日期笔误", "已更正，不影响决定"
	if err := r.RecordOpinion(domain.OpinionInput{Reviewer: "sunli", Checklist: items, Opinion: domain.OpinionAgree, Reasons: "事实清楚，证据充分", At: reviewNow}); err != nil {
		t.Fatalf("agree with an explained problem: %v", err)
	}
	if !r.Passed() || r.GateMessage() != "" {
		t.Errorf("after agreement: %s %q", r.Status, r.GateMessage())
	}
}

func TestReviewOpinionNeedsEveryElementAndReasons(t *testing.T) {
	r := newReview(t)
	items := findings(domain.ElementOK)
	items[3].Finding = domain.ElementUnset
	err := r.RecordOpinion(domain.OpinionInput{Checklist: items, Opinion: domain.OpinionAgree, Reasons: "同意"})
	if !strings.Contains(domain.ErrorMessage(err), "案件事实是否清楚") {
		t.Errorf("unexamined element: %v", err)
	}
	err = r.RecordOpinion(domain.OpinionInput{Checklist: findings(domain.ElementOK), Opinion: domain.OpinionAgree, Reasons: " "})
	if !strings.Contains(domain.ErrorMessage(err), "理由") {
		t.Errorf("no reasons: %v", err)
	}
	err = r.RecordOpinion(domain.OpinionInput{Checklist: findings(domain.ElementOK), Opinion: "maybe", Reasons: "x"})
	if domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("bad opinion: %v", err)
	}
	items = findings(domain.ElementOK)
	items[0].Finding = domain.ElementProblem
	err = r.RecordOpinion(domain.OpinionInput{Checklist: items, Opinion: domain.OpinionCorrect, Reasons: "x"})
	if !strings.Contains(domain.ErrorMessage(err), "写明问题") {
		t.Errorf("problem without a note: %v", err)
	}
}

func TestReviewCoordination(t *testing.T) {
	for _, outcome := range []domain.CoordinationOutcome{domain.CoordinationProceed, domain.CoordinationUphold} {
		r := newReview(t)
		if err := r.RequestCoordination("liuyang", "刘洋", "不同意", reviewNow); domain.ErrorCode(err) != domain.ECONFLICT {
			t.Errorf("coordination while pending: %v", err)
		}
		if err := r.RecordOpinion(domain.OpinionInput{Checklist: findings(domain.ElementOK), Opinion: domain.OpinionChange, Reasons: "建议罚款三万元"}); err != nil {
			t.Fatal(err)
		}
		if err := r.RequestCoordination("liuyang", "刘洋", "", reviewNow); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("empty disagreement: %v", err)
		}
		if err := r.RequestCoordination("liuyang", "刘洋", "货值金额认定无误，应罚款六万元", reviewNow); err != nil {
			t.Fatal(err)
		}
		if r.Status != domain.ReviewCoordinating || r.Passed() || !strings.Contains(r.GateMessage(), "负责人") {
			t.Fatalf("coordinating: %s %q", r.Status, r.GateMessage())
		}
		if err := r.Submit(submission(), domain.NewDate(2026, 12, 10)); domain.ErrorCode(err) != domain.ECONFLICT {
			t.Errorf("resubmit while coordinating: %v", err)
		}
		in := domain.ConclusionInput{Head: "admin", HeadName: "王建国", Method: "集体讨论", HeldOn: domain.NewDate(2026, 11, 25),
			Participants: []string{"王建国", "赵敏"}, Conclusion: "维持", Outcome: outcome, At: reviewNow}
		if err := r.Conclude(in); !strings.Contains(domain.ErrorMessage(err), "3 名以上") {
			t.Errorf("collective discussion of two: %v", err)
		}
		in.Participants = append(in.Participants, "孙丽", " ")
		if err := r.Conclude(in); err != nil {
			t.Fatal(err)
		}
		c := r.Coordinations[0]
		if len(c.Participants) != 3 || c.Round != 1 || !c.Concluded() {
			t.Errorf("coordination record %+v", c)
		}
		if outcome == domain.CoordinationProceed && (!r.Passed() || r.Status != domain.ReviewConcluded) {
			t.Errorf("proceed: %s", r.Status)
		}
		if outcome == domain.CoordinationUphold && (r.Passed() || r.Status != domain.ReviewReturned) {
			t.Errorf("uphold: %s", r.Status)
		}
	}
}

func TestReviewTransferAndExtension(t *testing.T) {
	r := newReview(t)
	if err := r.Extend("", domain.NewDate(2026, 12, 4)); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("extension without reason: %v", err)
	}
	if err := r.Extend("案情复杂，需调阅外部资料", domain.NewDate(2026, 12, 4)); err != nil {
		t.Fatal(err)
	}
	if err := r.Extend("再延长", domain.NewDate(2026, 12, 9)); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("second extension: %v", err)
	}
	if r.Latest().Deadline != domain.NewDate(2026, 12, 4) {
		t.Errorf("deadline %s", r.Latest().Deadline)
	}
	items := findings(domain.ElementOK)
	items[9].Finding, items[9].Note = domain.ElementProblem, "涉案货值达到刑事追诉标准"
	if err := r.RecordOpinion(domain.OpinionInput{Checklist: items, Opinion: domain.OpinionTransfer, Reasons: "涉嫌犯罪，建议移送公安机关"}); err != nil {
		t.Fatal(err)
	}
	if r.Status != domain.ReviewTransferred || r.Passed() || !strings.Contains(r.GateMessage(), "移送") {
		t.Errorf("transfer: %s %q", r.Status, r.GateMessage())
	}
}

func TestSubmitRefusesMissingMaterials(t *testing.T) {
	r := &domain.Review{CaseNo: "X"}
	s := submission()
	s.Materials = append(s.Materials, domain.Material{Name: "现场笔录", Required: true}, domain.Material{Name: "听证笔录"},
		domain.Material{Name: "调查终结报告", Required: true})
	err := r.Submit(s, domain.NewDate(2026, 12, 1))
	if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(domain.ErrorMessage(err), "缺少：现场笔录、调查终结报告。") {
		t.Errorf("missing materials: %v", err)
	}
	if len(r.Rounds) != 0 {
		t.Error("a refused submission added a round")
	}
	s = submission()
	s.Proposed.BenchmarkMin, s.Proposed.BenchmarkMax = 100, 50
	if err := r.Submit(s, domain.Date{}); !strings.Contains(domain.ErrorMessage(err), "下限") {
		t.Errorf("inverted benchmark: %v", err)
	}
}

func TestStaffing(t *testing.T) {
	p := domain.DefaultReviewPolicy()
	cases := []struct {
		officers, reviewers, required int
		ok                            bool
	}{
		{0, 0, 2, false},
		{8, 2, 2, true},   // 5% of 8 is 0.4 → 1, minimum 2
		{8, 1, 2, false},  // the minimum of two people
		{40, 2, 2, true},  // exactly 5%
		{41, 2, 3, false}, // 2.05 rounds up to 3
		{60, 3, 3, true},
		{100, 5, 5, true},
		{101, 5, 6, false},
	}
	for _, c := range cases {
		s := domain.EvaluateStaffing(c.officers, c.reviewers, p)
		if s.Required != c.required || s.OK() != c.ok {
			t.Errorf("%d officers, %d reviewers: required %d ok %v; want %d %v", c.officers, c.reviewers, s.Required, s.OK(), c.required, c.ok)
		}
		if !c.ok && !strings.Contains(s.Message(), "不足") {
			t.Errorf("message %q", s.Message())
		}
	}
	p.MinReviewers = 0
	if s := domain.EvaluateStaffing(10, 1, p); s.Required != 1 || !s.OK() {
		t.Errorf("no minimum: %+v", s)
	}
	if err := (domain.ReviewPolicy{TimeLimitDays: 0}).Validate(); err == nil {
		t.Error("zero time limit accepted")
	}
}

func TestPreChecksWithEvidence(t *testing.T) {
	liu := domain.Officer{Name: "刘洋", CertNo: "52010001", ValidUntil: domain.NewDate(2027, 6, 30)}
	chen := domain.Officer{Name: "陈静", CertNo: "52010002", ValidUntil: domain.NewDate(2026, 10, 31)}
	att := []domain.StageAttendance{
		{Stage: domain.StageOnSite, Date: domain.NewDate(2026, 10, 20), Officers: []domain.Officer{liu, chen}},
		{Stage: domain.StageInvestigate, Date: domain.NewDate(2026, 11, 3), Officers: []domain.Officer{liu, chen}},
		{Stage: domain.StageServe, Date: domain.NewDate(2026, 11, 5), Officers: []domain.Officer{liu}},
		{Stage: domain.StageFile, Date: domain.NewDate(2026, 10, 22), Officers: []domain.Officer{liu}},
	}
	certs := domain.CheckCertificates(att)
	if certs.State != domain.PreCheckFail || len(certs.Problems) != 1 ||
		certs.Problems[0] != "调查取证（2026-11-03）：陈静 执法证 52010002 有效期至 2026-10-31，当日已失效" {
		t.Errorf("certificates: %+v", certs)
	}
	if !strings.Contains(strings.Join(certs.Evidence, "\n"), "✓ 现场检查（2026-10-20）：陈静 执法证 52010002 有效期至 2026-10-31") {
		t.Errorf("certificate evidence %v", certs.Evidence)
	}
	two := domain.CheckTwoOfficers(att)
	if two.State != domain.PreCheckFail || len(two.Problems) != 1 || !strings.Contains(two.Problems[0], "送达（2026-11-05）：1 人（刘洋），少于两人") {
		t.Errorf("two officers: %+v", two)
	}
	if len(two.Evidence) != 3 { // 立案 is not an enforcement step
		t.Errorf("two-officer evidence %v", two.Evidence)
	}
	today := domain.NewDate(2026, 11, 20)
	dl := domain.CheckDeadlines([]domain.DeadlineFact{
		{Name: "立案期限", Due: domain.NewDate(2026, 11, 4), Done: domain.NewDate(2026, 10, 22)},
		{Name: "办案期限", Due: domain.NewDate(2027, 1, 20)},
		{Name: "告知后作出决定", Due: domain.NewDate(2026, 11, 15)},
	}, today)
	if dl.State != domain.PreCheckFail || len(dl.Problems) != 1 || !strings.Contains(dl.Problems[0], "至今（2026-11-20）未完成") {
		t.Errorf("deadlines: %+v", dl)
	}
	if domain.CheckDeadlines(nil, today).State != domain.PreCheckNoData {
		t.Error("no deadlines should be no data")
	}
	bm := domain.ProposedDecision{Fine: 60_000_00, Benchmark: "货值金额一万元以上的，处货值金额十倍以上二十倍以下罚款",
		BenchmarkMin: 50_000_00, BenchmarkMax: 100_000_00}
	if r := domain.CheckBenchmark(bm); r.State != domain.PreCheckPass || !strings.Contains(r.Evidence[0], "60,000.00 元") {
		t.Errorf("benchmark within: %+v", r)
	}
	for _, fine := range []domain.Money{49_999_99, 100_000_01} {
		bm.Fine = fine
		if r := domain.CheckBenchmark(bm); r.State != domain.PreCheckFail {
			t.Errorf("benchmark %d: %+v", fine, r)
		}
	}
	bm.Fine = 100_000_00
	if r := domain.CheckBenchmark(bm); r.State != domain.PreCheckPass {
		t.Errorf("benchmark at the upper bound: %+v", r)
	}
	if r := domain.CheckBenchmark(domain.ProposedDecision{Fine: 1}); r.State != domain.PreCheckNoData {
		t.Errorf("no benchmark: %+v", r)
	}
	mats := domain.CheckMaterials([]domain.Material{{Name: "询问笔录", Required: true, Documents: []string{"询问笔录（张三）"}, DocIDs: []uint64{1}},
		{Name: "听证笔录"}, {Name: "现场笔录", Required: true}})
	if mats.State != domain.PreCheckFail || len(mats.Evidence) != 2 || mats.Problems[0] != "现场笔录：缺少" {
		t.Errorf("materials: %+v", mats)
	}

	// Applied to the checklist: problems pre-fill 存在问题 with the evidence, passes 符合.
	els := domain.DefaultChecklist()
	bm.Fine = 60_000_00
	items := domain.ApplyPreChecks(domain.NewChecklist(els), els, []domain.PreCheckResult{certs, two, dl, domain.CheckBenchmark(bm), mats})
	get := func(key string) domain.ChecklistItem {
		for _, it := range items {
			if it.Key == key {
				return it
			}
		}
		t.Fatalf("no item %s", key)
		return domain.ChecklistItem{}
	}
	if it := get("officers"); it.Finding != domain.ElementProblem || !strings.Contains(it.Note, "陈静") || len(it.Evidence) != 7 {
		t.Errorf("officers item %+v", it)
	}
	if it := get("discretion"); it.Finding != domain.ElementOK || !strings.Contains(strings.Join(it.Evidence, ""), "在幅度内") {
		t.Errorf("discretion item %+v", it)
	}
	if it := get("facts"); it.Finding != domain.ElementUnset || len(it.Evidence) != 0 {
		t.Errorf("facts item has no pre-check: %+v", it)
	}
}

func TestChecklistValidate(t *testing.T) {
	if err := domain.ValidateChecklist(domain.DefaultChecklist()); err != nil {
		t.Fatal(err)
	}
	if len(domain.DefaultChecklist()) != 10 {
		t.Error("the checklist has ten elements")
	}
	if err := domain.ValidateChecklist(nil); err == nil {
		t.Error("empty checklist accepted")
	}
	els := domain.DefaultChecklist()
	els[3].PreChecks = []string{"nope"}
	if err := domain.ValidateChecklist(els); err == nil {
		t.Error("unknown pre-check accepted")
	}
	for _, s := range []string{"同意", "agree", "建议补充调查取证或材料"} {
		if _, err := domain.ParseOpinion(s); err != nil {
			t.Errorf("ParseOpinion(%q): %v", s, err)
		}
	}
	if f, err := domain.ParseElementFinding("存在问题"); err != nil || f != domain.ElementProblem {
		t.Errorf("ParseElementFinding: %v %v", f, err)
	}
}

func TestBuildMaterials(t *testing.T) {
	specs := domain.DefaultMaterials()[domain.ActPenalty]
	docs := []domain.CaseDocument{
		{ID: 1, Type: "立案审批表", Title: "立案审批表"},
		{ID: 2, Type: "询问笔录", Title: "询问笔录（张三）"},
		{ID: 3, Type: "现场笔录", Title: "现场笔录"},
		{ID: 4, Type: "送达回证", Title: "送达回证（告知书）"},
	}
	done := map[domain.Stage]bool{domain.StageAccept: true, domain.StageFile: true, domain.StageInvestigate: true, domain.StageNotify: true}
	ms := domain.BuildMaterials(specs, docs, func(s domain.Stage) bool { return done[s] })
	got := map[string]domain.Material{}
	for _, m := range ms {
		got[m.Name] = m
	}
	if m := got["调查取证材料（现场笔录、询问笔录等）"]; !m.Required || len(m.DocIDs) != 2 {
		t.Errorf("evidence %+v", m)
	}
	if m, ok := got["听证笔录"]; ok {
		t.Errorf("no hearing was held, yet the hearing record is listed: %+v", m)
	}
	if m := got["送达回证"]; m.Required || len(m.DocIDs) != 1 {
		t.Errorf("unclaimed documents are listed by kind: %+v", m)
	}
	missing := domain.MissingMaterials(ms)
	if strings.Join(missing, "、") != "调查终结报告、行政处罚事先告知书" {
		t.Errorf("missing %v", missing)
	}
	done[domain.StageHearing] = true
	ms = domain.BuildMaterials(specs, docs, func(s domain.Stage) bool { return done[s] })
	if missing := domain.MissingMaterials(ms); len(missing) != 3 || missing[2] != "听证笔录" {
		t.Errorf("after a hearing: missing %v", missing)
	}
}

func FuzzParseOpinionAndElementFinding(f *testing.F) {
	for _, s := range []string{"同意", "agree", "补充", "存在问题", "na", " 不适用 ", "", "同意同意"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if o, err := domain.ParseOpinion(s); err == nil {
			if !o.Valid() {
				t.Fatalf("%q parsed to an invalid opinion %q", s, o)
			}
			if back, err := domain.ParseOpinion(o.Label()); err != nil || back != o {
				t.Fatalf("%q → %q does not round-trip", s, o)
			}
		} else if domain.ErrorCode(err) != domain.EINVALID {
			t.Fatalf("%q: code %v", s, domain.ErrorCode(err))
		}
		if fd, err := domain.ParseElementFinding(s); err == nil {
			if back, err := domain.ParseElementFinding(fd.Label()); err != nil || back != fd || fd == domain.ElementUnset {
				t.Fatalf("%q → %q does not round-trip", s, fd)
			}
		} else if domain.ErrorCode(err) != domain.EINVALID {
			t.Fatalf("%q: code %v", s, domain.ErrorCode(err))
		}
	})
}
