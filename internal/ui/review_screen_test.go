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
		Party: domain.Party{Kind: domain.PartyOrganisation, Name: "青山县宏达建材有限公司"}, Amount: 60_000_00,
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
	if c, err = u.svc.Record.SetDecision(sess, c.ID, domain.Decision{Date: domain.NewDate(2026, 11, 20), Summary: "罚款六万元",
		Fine: 60_000_00, DocNumber: "青市监决〔2026〕8号"}); err != nil {
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

// TestReviewScreenFromSubmissionToDecision: in the window, the handling officer cannot
// decide a major case, submits it, the reviewer agrees, and then the decision goes through.
func TestReviewScreenFromSubmissionToDecision(t *testing.T) {
	u := newTestUI(t, true)
	c := reviewMajorCaseAtDecision(t, u)

	target := fmt.Sprintf("review:%d", c.ID) // the demo has review cases of its own
	signIn(t, u, "liuyang")
	u.openTarget(target)
	assertShows(t, u, c.Number, "涉案金额 60,000.00 元，达到法人或其他组织标准 50,000.00 元")

	// Deciding before review is refused with the gate's message.
	tapButton(t, u, "review.decide")
	reviewTapTop(t, u, "review.decide")
	assertShows(t, u, "属于重大执法决定", "未经法制审核不得作出决定")
	reviewTapTop(t, u, "dialog.ok")

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
	u.signOut()

	// The reviewer: a problem blocks 同意 on screen, then everything is fine and she agrees.
	signIn(t, u, "sunli")
	u.openTarget(target)
	radios := objects[*widget.RadioGroup](u)
	if len(radios) != 11 {
		t.Fatalf("%d radio groups, want 10 elements and the opinion", len(radios))
	}
	for _, rg := range radios[:10] {
		rg.SetSelected(tr("review.finding.ok"))
	}
	radios[4].SetSelected(tr("review.finding.problem"))
	radios[10].SetSelected(domain.OpinionAgree.Label())
	assertShows(t, u, "证据是否合法充分", "尚未说明已解决或不影响决定")
	radios[4].SetSelected(tr("review.finding.ok"))
	reviewEntry(t, u, "review.reasons.ph").SetText("事实清楚，证据充分，同意。")
	tapButton(t, u, "review.opinion.submit")
	reviewTapTop(t, u, "review.opinion.submit")
	agreed, _, _ := u.svc.Store.ReviewOfCase(c.ID)
	opinionNo := agreed.Latest().OpinionNo
	if agreed.Status != domain.ReviewAgreed || !strings.HasPrefix(opinionNo, "青市监法审〔2026〕") {
		t.Fatalf("after the opinion in the window: %s %q", agreed.Status, opinionNo)
	}
	assertShows(t, u, "已出具法制审核意见书 "+opinionNo)
	reviewTapTop(t, u, "dialog.ok")
	u.signOut()

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
