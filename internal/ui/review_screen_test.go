package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/record"
	"lawdesk/internal/review"
	"lawdesk/internal/store"
)

// reviewMajorCaseAtDecision gives the demo's 刘洋 and 陈静 officer records (when the demo has none)
// and registers a case against an organisation with 60,000 元 involved, at 决定 with its
// decision filled in, handled by them.
func reviewMajorCaseAtDecision(t *testing.T, u *UI) domain.Case {
	t.Helper()
	return reviewCaseAtDecision(t, u, "青山县宏达建材有限公司", 60_000_00)
}

// reviewCaseAtDecision is reviewMajorCaseAtDecision with another party and amount (involved
// and fined).
func reviewCaseAtDecision(t *testing.T, u *UI, party string, amount domain.Money) domain.Case {
	t.Helper()
	st := u.svc.Store
	users, _ := st.Users()
	officers, _ := st.Officers()
	var ids []uint64
	for _, p := range []struct{ login, name string }{{"liuyang", "刘洋"}, {"chenjing", "陈静"}} {
		var o domain.Officer
		for _, x := range officers {
			if x.Name == p.name {
				o = x
			}
		}
		if o.ID == 0 {
			var err error
			o, err = st.SaveOfficer(store.Change{Actor: "admin"}, domain.Officer{Name: p.name, Unit: "城关市场监管所",
				CertNo: "5202-" + p.login, CertIssuer: "贵州省人民政府", ValidUntil: domain.NewDate(2030, 1, 1)})
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, us := range users {
			if us.Name == p.login && us.OfficerID == 0 {
				us.OfficerID = o.ID
				if _, err := st.SaveUser(us, store.UserChange{Actor: "admin", Action: "user.update"}); err != nil {
					t.Fatal(err)
				}
			}
		}
		ids = append(ids, o.ID)
	}
	liu, _ := st.UserByName("liuyang")
	sess := reviewSession(liu)
	c, err := u.svc.Record.CreateCase(sess, domain.Case{Type: domain.ActOther, MatterName: "对企业未按规定公示年度报告的处理",
		Procedure: domain.ProcedureGeneral, Source: domain.SourceInspection, HandlingUnit: "城关市场监管所", OfficerIDs: ids,
		Party: domain.Party{Kind: domain.PartyOrganisation, Name: party}, Amount: amount,
		Opened: domain.NewDate(2026, 10, 9)})
	if err != nil {
		t.Fatal(err)
	}
	day := domain.NewDate(2026, 10, 12)
	for c.Stage != domain.StageDecide {
		next := c.NextStages()
		if c, err = u.svc.Record.CompleteStage(sess, record.StageStep{CaseID: c.ID, Date: day, Next: next[len(next)-1]}); err != nil {
			t.Fatal(err)
		}
		day = day.AddDays(1)
	}
	summary := "罚款六万元"
	if amount != 60_000_00 {
		summary = "罚款 " + amount.String() + " 元"
	}
	if c, err = u.svc.Record.SetDecision(sess, c.ID, domain.Decision{Date: domain.NewDate(2026, 11, 20), Summary: summary,
		Fine: amount, DocNumber: "青市监决〔2026〕8号"}); err != nil {
		t.Fatal(err)
	}
	return c
}

// reviewTapTop taps the last visible button showing key's text: the one in the dialog on top.
func reviewTapTop(t *testing.T, u *UI, key string) {
	t.Helper()
	var last *widget.Button
	for _, b := range objects[*widget.Button](u) {
		if b.Text == tr(key) {
			last = b
		}
	}
	if last == nil {
		t.Fatalf("no button %q; screen says: %s", tr(key), screenText(u))
	}
	test.Tap(last)
}

func reviewEntry(t *testing.T, u *UI, key string) *widget.Entry {
	t.Helper()
	var last *widget.Entry
	for _, e := range objects[*widget.Entry](u) {
		if e.PlaceHolder == tr(key) {
			last = e
		}
	}
	if last == nil {
		t.Fatalf("no entry %q", tr(key))
	}
	return last
}

// reviewTryDecide presses 完成“决定” on the review screen and confirms; the gate must refuse
// with a message that says why (want), and the case must stay at 决定.
func reviewTryDecide(t *testing.T, u *UI, c domain.Case, want ...string) {
	t.Helper()
	tapButton(t, u, "review.decide")
	reviewTapTop(t, u, "review.decide")
	assertShows(t, u, want...)
	reviewTapTop(t, u, "dialog.ok")
	if got, _ := u.svc.Store.Case(c.ID); got.Stage != domain.StageDecide {
		t.Fatalf("the window decided before the review passed: stage %s", got.Stage)
	}
}

// reviewFillChecklist sets every element of the reviewer's checklist to 符合, then the
// elements in problems to 存在问题 with their note, and chooses the opinion.
func reviewFillChecklist(t *testing.T, u *UI, opinion domain.Opinion, problems map[int]string) {
	t.Helper()
	radios := objects[*widget.RadioGroup](u)
	if len(radios) != 11 {
		t.Fatalf("%d radio groups, want 10 elements and the opinion; screen says: %s", len(radios), screenText(u))
	}
	for _, rg := range radios[:10] {
		rg.SetSelected(tr("review.finding.ok"))
	}
	notes := objects[*widget.Entry](u)
	for i, note := range problems {
		radios[i].SetSelected(tr("review.finding.problem"))
		n := 0
		for _, e := range notes {
			if e.PlaceHolder == tr("review.note.ph") {
				if n == i {
					e.SetText(note)
				}
				n++
			}
		}
	}
	radios[10].SetSelected(opinion.Label())
}

// TestReviewScreenFromSubmissionToDecision is the "done when" in the window: the
// handling officer cannot decide a major case, submits it, cannot decide while it waits,
// the reviewer returns it for supplement with a problem (and cannot agree while the problem
// stands), the officer answers the point and resubmits, the reviewer agrees, and then the
// decision goes through.
func TestReviewScreenFromSubmissionToDecision(t *testing.T) {
	u := newTestUI(t, true)
	c := reviewMajorCaseAtDecision(t, u)

	target := fmt.Sprintf("review:%d", c.ID) // the demo has review cases of its own
	signIn(t, u, "liuyang")
	u.openTarget(target)
	assertShows(t, u, c.Number, "涉案金额 60,000.00 元，达到法人或其他组织标准 50,000.00 元")

	// Deciding before review is refused with the gate's message.
	reviewTryDecide(t, u, c, "属于重大执法决定", "未经法制审核不得作出决定")

	// 送审.
	tapButton(t, u, "review.submit")
	reviewEntry(t, u, "review.f.basis.ph").SetText("《企业信息公示暂行条例》第十八条")
	reviewEntry(t, u, "review.f.reasons.ph").SetText("企业连续两年未公示年度报告，经责令仍不改正。")
	reviewTapTop(t, u, "review.submit")
	assertShows(t, u, "已送法制审核", "2026-12-01")
	reviewTapTop(t, u, "dialog.ok")
	if r, ok, _ := u.svc.Store.ReviewOfCase(c.ID); !ok || r.Status != domain.ReviewPending || r.Latest().Submission.Proposed.Content != "罚款六万元" {
		t.Fatalf("after submitting in the window: %+v", r)
	}
	// Nor while the review is pending.
	reviewTryDecide(t, u, c, "法制审核尚未完成", "第 1 轮待审核")
	u.signOut()

	// The reviewer finds the evidence insufficient and returns the case for supplement.
	signIn(t, u, "sunli")
	u.openTarget(target)
	reviewFillChecklist(t, u, domain.OpinionAgree, map[int]string{4: "缺少企业被责令改正后仍未公示的证据"})
	assertShows(t, u, "证据是否合法充分", "尚未说明已解决或不影响决定") // 存在问题 prevents 同意 on screen
	reviewFillChecklist(t, u, domain.OpinionSupplement, map[int]string{4: "缺少企业被责令改正后仍未公示的证据"})
	reviewEntry(t, u, "review.reasons.ph").SetText("请补充责令改正通知书的送达回证和逾期未改正的核查记录。")
	tapButton(t, u, "review.opinion.submit")
	reviewTapTop(t, u, "review.opinion.submit")
	returned, _, _ := u.svc.Store.ReviewOfCase(c.ID)
	if returned.Status != domain.ReviewReturned || returned.Latest().Opinion != domain.OpinionSupplement {
		t.Fatalf("after the supplement opinion in the window: %s", returned.Status)
	}
	reviewTapTop(t, u, "dialog.ok")
	u.signOut()

	// The handling officer sees the opinion, cannot decide, answers the point and resubmits.
	signIn(t, u, "liuyang")
	u.openTarget(target)
	assertShows(t, u, "请补充责令改正通知书的送达回证", returned.Latest().OpinionNo, tr("review.rounds.title"))
	reviewTryDecide(t, u, c, "已退回承办机构", "重新送审")
	tapButton(t, u, "review.resubmit")
	assertShows(t, u, "证据是否合法充分：缺少企业被责令改正后仍未公示的证据")
	reviewTapTop(t, u, "review.resubmit") // without the answer: refused, the dialog stays
	assertShows(t, u, "证据是否合法充分")
	if r, _, _ := u.svc.Store.ReviewOfCase(c.ID); len(r.Rounds) != 1 {
		t.Fatalf("resubmitted without answering the point: %d rounds", len(r.Rounds))
	}
	reviewEntry(t, u, "review.f.answer.ph").SetText("已补充责令改正通知书送达回证和 2026 年 10 月 30 日的核查记录。")
	reviewTapTop(t, u, "review.resubmit")
	assertShows(t, u, "已送法制审核")
	reviewTapTop(t, u, "dialog.ok")
	if r, _, _ := u.svc.Store.ReviewOfCase(c.ID); len(r.Rounds) != 2 || r.Status != domain.ReviewPending ||
		r.Latest().Submission.Responses[0].Response == "" {
		t.Fatalf("after resubmitting in the window: %d rounds, %s", len(r.Rounds), r.Status)
	}
	u.signOut()

	// The reviewer sees both rounds side by side and agrees.
	signIn(t, u, "sunli")
	u.openTarget(target)
	assertShows(t, u, fmt.Sprintf(tr("review.round"), 1), fmt.Sprintf(tr("review.round"), 2), "已补充责令改正通知书送达回证")
	reviewFillChecklist(t, u, domain.OpinionAgree, nil)
	reviewEntry(t, u, "review.reasons.ph").SetText("事实清楚，证据充分，同意。")
	tapButton(t, u, "review.opinion.submit")
	reviewTapTop(t, u, "review.opinion.submit")
	agreed, _, _ := u.svc.Store.ReviewOfCase(c.ID)
	opinionNo := agreed.Latest().OpinionNo
	if agreed.Status != domain.ReviewAgreed || len(agreed.Rounds) != 2 || !strings.HasPrefix(opinionNo, "青市监法审〔2026〕") {
		t.Fatalf("after the opinion in the window: %s %q", agreed.Status, opinionNo)
	}
	assertShows(t, u, "已出具法制审核意见书 "+opinionNo)
	reviewTapTop(t, u, "dialog.ok")
	u.signOut()

	// Both opinions are filed into the case's documents.
	docs, _ := u.svc.Store.Documents(c.ID)
	filed := 0
	for _, d := range docs {
		if d.DocNumber == returned.Latest().OpinionNo || d.DocNumber == opinionNo {
			filed++
		}
	}
	if filed != 2 {
		t.Errorf("%d of the two opinions filed into the case's documents", filed)
	}

	// The handling officer decides.
	signIn(t, u, "liuyang")
	u.openTarget(target)
	assertShows(t, u, "事实清楚，证据充分，同意。", opinionNo)
	tapButton(t, u, "review.decide")
	reviewTapTop(t, u, "review.decide")
	if !strings.Contains(screenText(u), "已完成“决定”环节") {
		t.Fatalf("decision in the window: %s", screenText(u))
	}
	if got, _ := u.svc.Store.Case(c.ID); got.Stage != domain.StageServe {
		t.Fatalf("stage after deciding: %s", got.Stage)
	}
}

func TestReviewSettingsTabIsReadOnlyForReviewers(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "sunli")
	u.target = "review"
	u.main.open(sectionSettings)
	assertShows(t, u, tr("rvset.readonly"), "较大数额罚款或涉案金额较大的")
	if b := button(u, "action.save"); b == nil || !b.Disabled() {
		t.Error("a reviewer can save the review settings")
	}
}

// TestCaseDecideStageShowsTheReviewAndIsGated: at 决定 in 案件与记录 the officer sees which
// rules of the catalogue make the case major and why, and completing the stage there is
// refused with the gate's message; the panel opens the review.
func TestCaseDecideStageShowsTheReviewAndIsGated(t *testing.T) {
	u := newTestUI(t, true)
	c := reviewMajorCaseAtDecision(t, u)
	signIn(t, u, "liuyang")
	u.openTarget(fmt.Sprintf("cases:%d", c.ID))
	selectTab(t, u, "record.tab.stages")
	assertShows(t, u, tr("review.panel.title"), "较大数额罚款或涉案金额较大的", "达到法人或其他组织标准 50,000.00 元",
		tr("review.panel.submitfirst"))
	tapButton(t, u, "完成“决定”")
	assertShows(t, u, "未经法制审核不得作出决定")
	if got, _ := u.svc.Store.Case(c.ID); got.Stage != domain.StageDecide {
		t.Fatalf("the case screen decided before review: %s", got.Stage)
	}
	tapButton(t, u, "review.panel.open")
	assertShows(t, u, tr("review.submit"), c.Number)
}

// TestNonMajorCaseSentToReviewFromTheWindow: a case no rule catches says so at 决定; the
// officer sends it to review anyway, and from then on its decision waits for the review.
func TestNonMajorCaseSentToReviewFromTheWindow(t *testing.T) {
	u := newTestUI(t, true)
	c := reviewCaseAtDecision(t, u, "青山县小河湾农家乐有限公司", 2_000_00)
	signIn(t, u, "liuyang")
	u.openTarget(fmt.Sprintf("cases:%d", c.ID))
	selectTab(t, u, "record.tab.stages")
	assertShows(t, u, tr("review.panel.notmajor"))
	tapButton(t, u, "review.panel.send")
	assertShows(t, u, c.Number, tr("review.notmajor"))
	tapButton(t, u, "review.submit")
	reviewEntry(t, u, "review.f.basis.ph").SetText("《企业信息公示暂行条例》第十八条")
	reviewEntry(t, u, "review.f.reasons.ph").SetText("当事人对公示义务有异议，送审以求稳妥。")
	reviewTapTop(t, u, "review.submit")
	assertShows(t, u, "已送法制审核")
	reviewTapTop(t, u, "dialog.ok")
	r, ok, _ := u.svc.Store.ReviewOfCase(c.ID)
	if !ok || !r.Latest().Submission.Voluntarily || r.MajorReasons[0] != "承办人员主动送审" {
		t.Fatalf("voluntary submission: %+v", r)
	}
	reviewTryDecide(t, u, c, "法制审核尚未完成")
}

// TestReviewerExtendsTheTimeLimitOnce: the dialog says the deadline now and after the
// extension; a reason is needed; once extended the button is gone.
func TestReviewerExtendsTheTimeLimitOnce(t *testing.T) {
	u := newTestUI(t, true)
	c, err := u.svc.Store.CaseByNumber("青市监处罚〔2026〕21号") // the demo's case waiting for an opinion
	if err != nil {
		t.Fatal(err)
	}
	r, _, _ := u.svc.Store.ReviewOfCase(c.ID)
	before := r.Latest().Deadline
	signIn(t, u, "sunli")
	u.openTarget(fmt.Sprintf("review:%d", c.ID))
	tapButton(t, u, "review.extend")
	_, due, err := u.svc.Review.ExtendedDeadline(r)
	if err != nil {
		t.Fatal(err)
	}
	assertShows(t, u, fmt.Sprintf(tr("review.extend.intro"), before, 3, due))
	reviewTapTop(t, u, "review.extend")
	assertShows(t, u, "请填写延长审核期限的“理由”") // refused without a reason, the dialog stays
	if r, _, _ := u.svc.Store.ReviewOfCase(c.ID); r.Latest().Extended {
		t.Fatal("extended without a reason")
	}
	reviewEntry(t, u, "review.extend.ph").SetText("需调取外省检验机构的复检报告")
	reviewTapTop(t, u, "review.extend")
	assertShows(t, u, fmt.Sprintf(tr("review.extend.done"), due))
	if r, _, _ = u.svc.Store.ReviewOfCase(c.ID); r.Latest().Deadline != due || !r.Latest().Extended {
		t.Fatalf("after extending: %s extended=%v", r.Latest().Deadline, r.Latest().Extended)
	}
	reviewTapTop(t, u, "dialog.ok")
	if b := button(u, "review.extend"); b != nil {
		t.Error("the time limit can be extended a second time")
	}
}

func reviewSession(us domain.User) office.Session { return office.Session{User: us} }

// The list opens with the newest settled reviews and reads the earlier ones when asked, until
// it shows what one read of everything shows, each case once.
func TestReviewScreenPagesSettledReviews(t *testing.T) {
	old := review.SettledPage
	t.Cleanup(func() { review.SettledPage = old })
	u := newTestUI(t, true)
	admin, err := u.svc.Store.UserByName("admin")
	if err != nil {
		t.Fatal(err)
	}
	everything, err := u.svc.Review.Entries(reviewSession(admin)) // one page holds the whole demo
	if err != nil {
		t.Fatal(err)
	}
	settled, _, err := u.svc.Store.SettledReviews(0, 1000)
	if err != nil || len(settled) < 2 {
		t.Fatalf("the demo should have settled reviews to page through: %d %v", len(settled), err)
	}
	review.SettledPage = 1
	signIn(t, u, "admin")
	u.openTarget("review:")
	var more *widget.Button
	for _, b := range objects[*widget.Button](u) {
		if b.Text == tr("review.more") {
			more = b
		}
	}
	if more == nil || !more.Visible() {
		t.Fatal("no button for the earlier reviews")
	}
	list := objects[*widget.List](u)[0]
	first := list.Length()
	for i := 0; more.Visible() && i <= len(settled); i++ {
		test.Tap(more)
	}
	if more.Visible() {
		t.Fatal("the button stays after every review was read")
	}
	if list.Length() != len(everything) || list.Length() <= first {
		t.Errorf("the list shows %d entries at first and %d after paging, want %d at the end", first, list.Length(), len(everything))
	}
	assertShows(t, u, fmt.Sprintf(tr("review.count"), len(everything)))
}
