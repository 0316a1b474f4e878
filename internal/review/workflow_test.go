package review_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"lawdesk/internal/calendar"
	"lawdesk/internal/domain"
	"lawdesk/internal/pdf"
	"lawdesk/internal/record"
	"lawdesk/internal/review"
	"lawdesk/internal/store"
	"lawdesk/resources"
)

var proposal = domain.ProposedDecision{Content: "责令限期改正，并处罚款六万元", Fine: 60_000_00,
	Basis: "《企业信息公示暂行条例》第十八条"}

func submit(t *testing.T, e *env, c domain.Case, who string, responses ...domain.PointResponse) domain.Review {
	t.Helper()
	r, err := e.svc.Submit(e.as(who), review.SubmitForm{CaseID: c.ID, Proposed: proposal,
		Reasons: "企业连续两年未公示年度报告，经责令仍不改正。", Responses: responses})
	if err != nil {
		t.Fatalf("submit: %v", err)
	}
	return r
}

// TestMajorCaseThroughRoundsToDecision takes a major case through submission, a returned
// round, resubmission, agreement and decision, checking the gate at every step.
func TestMajorCaseThroughRoundsToDecision(t *testing.T) {
	e := newEnv(t)
	c := e.toDecide(e.newCase())
	decision := domain.Decision{Summary: "责令限期改正，并处罚款六万元", Fine: 60_000_00}

	// Before submission: the gate names the rule and the fact that made it major.
	_, err := e.decide(c, decision)
	wantErr(t, err, domain.EFORBIDDEN, "属于重大执法决定", "涉案金额 60,000.00 元，达到法人或其他组织标准 50,000.00 元", "请先在“法制审核”中送审")

	a, err := e.svc.Assess(e.as("liuyang"), c.ID, &proposal)
	if err != nil || !a.NeedsReview() || len(a.Reasons()) != 1 {
		t.Fatalf("assessment: %+v %v", a, err)
	}

	r := submit(t, e, c, "liuyang")
	if r.Status != domain.ReviewPending || len(r.Rounds) != 1 || r.Latest().Deadline != domain.NewDate(2026, 12, 1) {
		t.Fatalf("after submission: %s, deadline %s", r.Status, r.Latest().Deadline)
	}
	if len(r.Latest().Checklist) != 10 || r.HandlerLogins[0] != "liuyang" {
		t.Fatalf("round opened with %d elements, handlers %v", len(r.Latest().Checklist), r.HandlerLogins)
	}
	_, err = e.decide(c, decision)
	wantErr(t, err, domain.EFORBIDDEN, "法制审核尚未完成", "2026-12-01")

	// A reviewer who handles the case, an officer and the head may not give the opinion.
	form := review.OpinionForm{CaseID: c.ID, Checklist: okChecklist(r), Opinion: domain.OpinionAgree, Reasons: "同意"}
	_, err = e.svc.RecordOpinion(e.as("majun"), form)
	wantErr(t, err, domain.EFORBIDDEN, "不能审核自己承办的案件")
	_, err = e.svc.RecordOpinion(e.as("liuyang"), form)
	wantErr(t, err, domain.EFORBIDDEN, "法制审核人员")
	_, err = e.svc.RecordOpinion(e.as("zhaomin"), form)
	wantErr(t, err, domain.EFORBIDDEN)
	if w, err := e.svc.Open(e.as("majun"), c.ID); err != nil || w.CanReview || !strings.Contains(w.Why, "自己承办") {
		t.Fatalf("majun's workspace: %v %q", err, w.Why)
	}

	// Round 1: evidence insufficient → 补充.
	items := okChecklist(r)
	items[4].Finding, items[4].Note = domain.ElementProblem, "未附企业年度报告公示情况截图"
	form = review.OpinionForm{CaseID: c.ID, Checklist: items, Opinion: domain.OpinionAgree, Reasons: "同意"}
	_, err = e.svc.RecordOpinion(e.as("sunli"), form)
	wantErr(t, err, domain.EINVALID, "不能出具“同意”意见", "证据是否合法充分")
	form.Opinion, form.Reasons = domain.OpinionSupplement, "请补充公示系统截图。"
	if r, err = e.svc.RecordOpinion(e.as("sunli"), form); err != nil {
		t.Fatal(err)
	}
	if r.Status != domain.ReviewReturned || r.Latest().OpinionNo != "青市监法审〔2026〕1号" || r.Latest().ReviewerNm != "孙丽" {
		t.Fatalf("after 补充: %s %q", r.Status, r.Latest().OpinionNo)
	}
	_, err = e.decide(c, decision)
	wantErr(t, err, domain.EFORBIDDEN, "已退回承办机构")

	// Resubmission must answer the open point.
	_, err = e.svc.Submit(e.as("liuyang"), review.SubmitForm{CaseID: c.ID, Proposed: proposal, Reasons: "已补充"})
	wantErr(t, err, domain.EINVALID, "逐项回复", "证据是否合法充分")
	r = submit(t, e, c, "liuyang", domain.PointResponse{Key: "evidence", Response: "已补充国家企业信用信息公示系统截图 2 张"})
	if len(r.Rounds) != 2 || r.Latest().Submission.Responses[0].Problem != "证据是否合法充分：未附企业年度报告公示情况截图" {
		t.Fatalf("round 2: %+v", r.Latest().Submission.Responses)
	}

	// Round 2: agreed; the decision can now be made.
	if r, err = e.svc.RecordOpinion(e.as("sunli"), review.OpinionForm{CaseID: c.ID, Checklist: okChecklist(r),
		Opinion: domain.OpinionAgree, Reasons: "事实清楚，证据充分，同意。"}); err != nil {
		t.Fatal(err)
	}
	if r.Status != domain.ReviewAgreed || r.Latest().OpinionNo != "青市监法审〔2026〕2号" || r.Rounds[0].Opinion != domain.OpinionSupplement {
		t.Fatalf("after 同意: %+v", r)
	}
	// A decision other than the agreed one is refused.
	other := decision
	other.Fine = 80_000_00
	_, err = e.decide(c, other)
	wantErr(t, err, domain.EFORBIDDEN, "不一致", "60,000.00", "80,000.00")
	if c, err = e.decide(c, decision); err != nil {
		t.Fatalf("decision after agreement: %v", err)
	}
	if c.Stage != domain.StageServe {
		t.Fatalf("stage %s", c.Stage)
	}
	// Once decided, there is nothing more to submit.
	_, err = e.svc.Submit(e.as("liuyang"), review.SubmitForm{CaseID: c.ID, Proposed: proposal, Reasons: "x"})
	wantErr(t, err, domain.ECONFLICT, "已经作出决定")

	// Every step is in the audit chain against the case.
	events, _ := e.st.Events(store.EventFilter{Target: store.CaseTarget(c.ID), ActionPrefix: "review."})
	var actions []string
	for _, ev := range events {
		actions = append(actions, ev.Action)
	}
	if got := strings.Join(actions, " "); got != "review.submit review.view review.opinion review.submit review.opinion" {
		t.Errorf("audit: %s", got)
	}
}

func TestCoordinationLetsTheHeadDecide(t *testing.T) {
	e := newEnv(t)
	c := e.toDecide(e.newCase())
	// nothing to coordinate yet: the refusal names the case
	_, err := e.svc.Conclude(e.as("zhaomin"), review.ConcludeForm{CaseID: c.ID, Method: "集体讨论", HeldOn: domain.NewDate(2026, 11, 19),
		Participants: []string{"赵敏"}, Conclusion: "同意。", Outcome: domain.CoordinationProceed})
	wantErr(t, err, domain.ECONFLICT, "案件 "+c.Number+" 没有等待协调的分歧")
	r := submit(t, e, c, "liuyang")
	r, err = e.svc.RecordOpinion(e.as("sunli"), review.OpinionForm{CaseID: c.ID, Checklist: okChecklist(r),
		Opinion: domain.OpinionChange, Reasons: "建议罚款三万元。"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.RequestCoordination(e.as("chenjing"), c.ID, "不同意")
	wantErr(t, err, domain.EFORBIDDEN)
	if r, err = e.svc.RequestCoordination(e.as("liuyang"), c.ID, "企业经责令仍拒不改正，应从重处罚。"); err != nil {
		t.Fatal(err)
	}
	_, err = e.decide(c, domain.Decision{Summary: "罚款六万元", Fine: 60_000_00})
	wantErr(t, err, domain.EFORBIDDEN, "等待负责人协调")
	form := review.ConcludeForm{CaseID: c.ID, Method: "集体讨论", HeldOn: domain.NewDate(2026, 11, 19),
		Participants: []string{"王建国", "赵敏", "孙丽", "刘洋"}, Conclusion: "同意承办机构意见，罚款六万元。", Outcome: domain.CoordinationProceed}
	_, err = e.svc.Conclude(e.as("liuyang"), form)
	wantErr(t, err, domain.EFORBIDDEN, "负责人")
	form.HeldOn = domain.NewDate(2026, 11, 21)
	_, err = e.svc.Conclude(e.as("zhaomin"), form)
	wantErr(t, err, domain.EINVALID, "晚于今天")
	form.HeldOn = domain.NewDate(2026, 11, 19)
	if r, err = e.svc.Conclude(e.as("zhaomin"), form); err != nil {
		t.Fatal(err)
	}
	if r.Status != domain.ReviewConcluded || r.Coordinations[0].HeadName != "赵敏" || len(r.Coordinations[0].Participants) != 4 {
		t.Fatalf("concluded: %+v", r)
	}
	if _, err := e.decide(c, domain.Decision{Summary: "罚款六万元", Fine: 60_000_00}); err != nil {
		t.Fatalf("decision after the head's conclusion: %v", err)
	}
}

func TestNonMajorCaseIsNotGatedUnlessSent(t *testing.T) {
	e := newEnv(t)
	small := e.toDecide(e.newCase(func(c *domain.Case) { c.Amount = 3_000_00 }))
	if a, _ := e.svc.Assess(e.as("liuyang"), small.ID, nil); a.NeedsReview() {
		t.Fatalf("a small case needs review: %v", a.Reasons())
	}
	if _, err := e.decide(small, domain.Decision{Summary: "责令改正"}); err != nil {
		t.Fatalf("small case: %v", err)
	}

	sent := e.toDecide(e.newCase(func(c *domain.Case) { c.Amount = 3_000_00 }))
	err := e.svc.SetMarks(e.as("liuyang"), sent.ID, domain.ReviewMarks{Voluntary: true})
	wantErr(t, err, domain.EINVALID, "写明理由")
	wantErr(t, e.svc.SetMarks(e.as("chenjing"), sent.ID, domain.ReviewMarks{Complex: true}), domain.EFORBIDDEN)
	if err := e.svc.SetMarks(e.as("liuyang"), sent.ID, domain.ReviewMarks{Voluntary: true, Note: "当事人有异议，慎重处理"}); err != nil {
		t.Fatal(err)
	}
	_, err = e.decide(sent, domain.Decision{Summary: "责令改正"})
	wantErr(t, err, domain.EFORBIDDEN, "承办人员主动送审：当事人有异议")

	complexCase := e.toDecide(e.newCase(func(c *domain.Case) { c.Amount = 0 }))
	if err := e.svc.SetMarks(e.as("liuyang"), complexCase.ID, domain.ReviewMarks{Complex: true}); err != nil {
		t.Fatal(err)
	}
	_, err = e.decide(complexCase, domain.Decision{Summary: "责令改正"})
	wantErr(t, err, domain.EFORBIDDEN, "案件情况疑难复杂", "承办人员标记为案情疑难复杂")
}

func TestSubmissionNeedsMaterialsAndPermission(t *testing.T) {
	e := newEnv(t)
	c := e.toDecide(e.newCase(func(c *domain.Case) {
		c.Type, c.MatterName = domain.ActPenalty, "对销售过期食品的处罚"
	}))
	_, err := e.svc.Submit(e.as("hexiao"), review.SubmitForm{CaseID: c.ID, Proposed: proposal, Reasons: "x"})
	wantErr(t, err, domain.EFORBIDDEN)
	_, err = e.svc.Submit(e.as("chenjing"), review.SubmitForm{CaseID: c.ID, Proposed: proposal, Reasons: "x"})
	wantErr(t, err, domain.EFORBIDDEN)
	_, err = e.svc.Submit(e.as("liuyang"), review.SubmitForm{CaseID: c.ID, Proposed: proposal, Reasons: "x"})
	wantErr(t, err, domain.EINVALID, "送审材料不齐，缺少：立案审批表、调查取证材料（现场笔录、询问笔录等）、调查终结报告、行政处罚事先告知书。")
	if _, ok, _ := e.st.ReviewOfCase(c.ID); ok {
		t.Error("a refused submission was stored")
	}
	p := proposal
	p.Basis = ""
	_, err = e.svc.Submit(e.as("liuyang"), review.SubmitForm{CaseID: c.ID, Proposed: p, Reasons: "x"})
	wantErr(t, err, domain.EINVALID, "法律依据")
}

func TestExtensionOnceByThreeWorkingDays(t *testing.T) {
	e := newEnv(t)
	c := e.toDecide(e.newCase())
	submit(t, e, c, "liuyang")
	_, err := e.svc.Extend(e.as("liuyang"), c.ID, "复杂")
	wantErr(t, err, domain.EFORBIDDEN)
	r, err := e.svc.Extend(e.as("sunli"), c.ID, "需向上级机关请示法律适用问题")
	if err != nil {
		t.Fatal(err)
	}
	// 7 working days from Friday 20 November end on Tuesday 1 December; 3 more on Friday 4 December.
	if d := r.Latest().Deadline; d != domain.NewDate(2026, 12, 4) || !r.Latest().Extended {
		t.Fatalf("extended deadline %s", d)
	}
	_, err = e.svc.Extend(e.as("sunli"), c.ID, "再次延长")
	wantErr(t, err, domain.ECONFLICT, "已经延长过一次")
}

func TestPreChecksShowTheirEvidence(t *testing.T) {
	e := newEnv(t)
	c := e.toDecide(e.newCase())
	r := submit(t, e, c, "liuyang")
	var officers domain.ChecklistItem
	for _, it := range r.Latest().Checklist {
		if it.Key == "officers" {
			officers = it
		}
	}
	ev := strings.Join(officers.Evidence, "\n")
	if officers.Finding != domain.ElementOK || !strings.Contains(ev, "刘洋 执法证 52020019001 有效期至 2028-06-30") ||
		!strings.Contains(ev, "马骏 执法证 52020019010") {
		t.Fatalf("officers element: %+v", officers)
	}
	w, err := e.svc.Open(e.as("sunli"), c.ID)
	if err != nil || !w.CanReview {
		t.Fatalf("open: %v %q", err, w.Why)
	}
	var two domain.PreCheckResult
	for _, p := range w.PreChecks {
		if p.Key == domain.PreCheckTwoOfficers {
			two = p
		}
	}
	if two.State != domain.PreCheckPass || len(two.Evidence) == 0 || !strings.Contains(two.Evidence[0], "2 人（刘洋、马骏）") {
		t.Fatalf("two officers: %+v", two)
	}
	// An officer whose certificate lapses is caught on the stage dates that follow.
	o := e.officers["马骏"]
	o.ValidUntil = domain.NewDate(2026, 10, 13)
	e.st.SaveOfficer(store.Change{Actor: "admin"}, o)
	w, _ = e.svc.Open(e.as("sunli"), c.ID)
	for _, p := range w.PreChecks {
		if p.Key == domain.PreCheckCertificates && (p.State != domain.PreCheckFail || !strings.Contains(strings.Join(p.Problems, ""), "马骏 执法证 52020019010 有效期至 2026-10-13，当日已失效")) {
			t.Fatalf("lapsed certificate: %+v", p)
		}
	}
}

// TestTimeLimitFollowsTheOfficeCalendar: a day off the office entered (a local holiday on
// Monday 30 November) moves the review deadline by a day.
func TestTimeLimitFollowsTheOfficeCalendar(t *testing.T) {
	e := newEnv(t)
	data, err := resources.Holidays.ReadFile("holiday/2026.json")
	if err != nil {
		t.Fatal(err)
	}
	var sched map[string]any
	json.Unmarshal(data, &sched)
	sched["days"] = append(sched["days"].([]any), map[string]any{"name": "地方节日", "date": "2026-11-30", "isOffDay": true})
	data, _ = json.Marshal(sched)
	if _, err := calendar.New(e.st).Import(e.as("admin"), "2026.json", data, "县政府通知"); err != nil {
		t.Fatal(err)
	}
	c := e.toDecide(e.newCase())
	r := submit(t, e, c, "liuyang")
	if d := r.Latest().Deadline; d != domain.NewDate(2026, 12, 2) {
		t.Fatalf("deadline %s, want 2026-12-02 (30 November off)", d)
	}
}

// addDoc adds a generated one-page PDF of kind typ to case c.
func (e *env) addDoc(c domain.Case, typ string, stage domain.Stage) domain.Document {
	e.t.Helper()
	path := filepath.Join(e.t.TempDir(), typ+".pdf")
	f, err := os.Create(path)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := pdf.RenderDocument(f, pdf.Document{Office: "青山县市场监督管理局", Title: typ, Blocks: []pdf.Block{pdf.Paragraph{Text: "当事人：" + c.Party.Name}}}); err != nil {
		e.t.Fatal(err)
	}
	f.Close()
	d, err := e.rec.AddDocument(context.Background(), e.as("liuyang"), record.AddDocumentRequest{CaseID: c.ID, Stage: stage, Type: typ,
		Title: typ + "（" + c.Party.Name + "）", Date: domain.NewDate(2026, 10, 20), Author: "刘洋", Path: path}, nil)
	if err != nil {
		e.t.Fatalf("add %s: %v", typ, err)
	}
	return d
}

// TestMaterialsFromDocumentsAndOpinionsFiled: a penalty case's documents satisfy the
// materials checklist, and each opinion is filed into the case's documents as a PDF.
func TestMaterialsFromDocumentsAndOpinionsFiled(t *testing.T) {
	e := newEnv(t)
	c := e.toDecide(e.newCase(func(c *domain.Case) { c.Type, c.MatterName = domain.ActPenalty, "对销售过期食品的处罚" }))
	e.addDoc(c, "立案审批表", domain.StageFile)
	e.addDoc(c, "询问笔录", domain.StageInvestigate)
	_, err := e.svc.Submit(e.as("liuyang"), review.SubmitForm{CaseID: c.ID, Proposed: proposal, Reasons: "x"})
	wantErr(t, err, domain.EINVALID, "缺少：调查终结报告、行政处罚事先告知书。")
	e.addDoc(c, "调查终结报告", domain.StageInvestigate)
	e.addDoc(c, "行政处罚事先告知书", domain.StageNotify)
	r := submit(t, e, c, "liuyang")
	var evidence domain.Material
	for _, m := range r.Latest().Submission.Materials {
		if strings.HasPrefix(m.Name, "调查取证材料") {
			evidence = m
		}
	}
	if !evidence.Required || evidence.Documents[0] != "询问笔录（青山县惠民超市有限公司）" {
		t.Fatalf("evidence material %+v", evidence)
	}
	items := okChecklist(r)
	items[5].Finding, items[5].Note = domain.ElementProblem, "引用条款不完整"
	if _, err := e.svc.RecordOpinion(e.as("sunli"), review.OpinionForm{CaseID: c.ID, Checklist: items, Opinion: domain.OpinionCorrect, Reasons: "请补充引用第一款第（三）项。"}); err != nil {
		t.Fatal(err)
	}
	r = submit(t, e, c, "liuyang", domain.PointResponse{Key: "law", Response: "已补充引用条款"})
	if _, err := e.svc.RecordOpinion(e.as("sunli"), review.OpinionForm{CaseID: c.ID, Checklist: okChecklist(r), Opinion: domain.OpinionAgree, Reasons: "同意。"}); err != nil {
		t.Fatal(err)
	}
	docs, err := e.st.Documents(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var filed []domain.Document
	for _, d := range docs {
		if d.Type == review.OpinionDocType {
			filed = append(filed, d)
		}
	}
	if len(filed) != 2 || filed[0].DocNumber != "青市监法审〔2026〕1号" || filed[1].DocNumber != "青市监法审〔2026〕2号" ||
		filed[0].Stage != domain.StageDecide || filed[1].Pages != 1 || filed[1].Title != "法制审核意见书（第 2 轮：同意）" {
		t.Fatalf("filed opinions %+v", filed)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command("pdftotext", e.st.Blobs().Path(filed[1].SHA256), "-").Output()
		if err != nil || !strings.Contains(strings.Join(strings.Fields(string(out)), ""), "同意作出决定") {
			t.Errorf("filed opinion text: %v\n%s", err, out)
		}
	}
	// Opening the review again files nothing twice.
	if _, err := e.svc.Open(e.as("sunli"), c.ID); err != nil {
		t.Fatal(err)
	}
	if again, _ := e.st.Documents(c.ID); len(again) != len(docs) {
		t.Errorf("documents %d after reopening, %d before", len(again), len(docs))
	}
}
