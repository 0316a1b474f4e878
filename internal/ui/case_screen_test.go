package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/record"
	"lawdesk/internal/store"
)

// openListedCase searches the case list and opens the first case found.
func openListedCase(t *testing.T, u *UI, query string) {
	t.Helper()
	typeInto(t, u, "record.search.placeholder", query)
	tapButton(t, u, "action.search")
	tables := objects[*widget.Table](u)
	if len(tables) == 0 {
		t.Fatalf("no case table; screen: %s", screenText(u))
	}
	tables[0].Select(widget.TableCellID{Row: 0, Col: 0})
}

// selectTab selects the tab of the open case whose title is the translation of key.
func selectTab(t *testing.T, u *UI, key string) {
	t.Helper()
	for _, tabs := range objects[*container.AppTabs](u) {
		for i, it := range tabs.Items {
			if it.Text == tr(key) {
				tabs.SelectIndex(i)
				return
			}
		}
	}
	t.Fatalf("no tab %q", tr(key))
}

// tapLast taps the last visible button showing key: the one in a dialog on top.
func tapLast(t *testing.T, u *UI, key string) {
	t.Helper()
	var last *widget.Button
	for _, b := range objects[*widget.Button](u) {
		if b.Text == tr(key) {
			last = b
		}
	}
	if last == nil {
		t.Fatalf("no button %q", tr(key))
	}
	test.Tap(last)
}

func check(t *testing.T, u *UI, label string) {
	t.Helper()
	for _, c := range objects[*widget.Check](u) {
		if c.Text == label {
			c.SetChecked(true)
			return
		}
	}
	t.Fatalf("no check box %q", label)
}

func TestRegisterACaseAndWorkItsStages(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "liuyang")
	tapButton(t, u, "nav.cases")
	mine, _ := u.svc.Record.Cases(u.sess, record.CaseFilter{})
	assertShows(t, u, tr("record.tab.cases"), fmt.Sprintf("共 %d 件", mine.Total)) // the cases liuyang is assigned to

	tapButton(t, u, "record.case.new")
	tapButton(t, u, "action.save")
	assertShows(t, u, "请填写“执法事项”")
	objects[*widget.SelectEntry](u)[0].SetText("对经营超过保质期食品的处罚")
	typeInto(t, u, "record.form.party.placeholder", "青山县新星超市")
	tapButton(t, u, "action.save")
	assertShows(t, u, "请至少指定 2 名“承办人员”")
	check(t, u, "杨帆")
	tapButton(t, u, "action.save")
	found, err := u.svc.Store.Cases(store.CaseQuery{Text: "青山县新星超市"})
	if err != nil || len(found.Cases) != 1 || len(found.Cases[0].OfficerIDs) != 2 {
		t.Fatalf("stored case %+v %v", found, err)
	}
	c := found.Cases[0]
	if !strings.HasPrefix(c.Number, "青市监处罚〔2026〕") || !strings.Contains(screenText(u), c.Number) {
		t.Fatalf("the new case %s did not open; screen: %s", c.Number, screenText(u))
	}

	selectTab(t, u, "record.tab.stages")
	tapButton(t, u, "完成“受理登记”")
	c, _ = u.svc.Store.Case(c.ID)
	if c.Stage != domain.StageFile {
		t.Fatalf("after completing 受理登记 the case is at %s", c.Stage.Label())
	}
	// an unassigned officer does not see it; the timeline records what happened
	selectTab(t, u, "record.tab.timeline")
	assertShows(t, u, "登记案件 "+c.Number, "完成“受理登记”")
}

func TestDashboardArchiveTodoOpensTheCaseAndArchives(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "admin")
	var target string
	todos, _ := u.svc.Record.Todos(u.sess)
	for _, td := range todos {
		if td.Kind == "归档" && td.Severity == domain.SeverityDueSoon {
			target = td.Target
		}
	}
	if target == "" {
		t.Fatalf("the demo has no archive warning: %+v", todos)
	}
	u.openTarget(target)
	selectTab(t, u, "record.tab.dossier")
	assertShows(t, u, tr("record.dossier.complete"))
	tapButton(t, u, "record.dossier.archive")
	tapLast(t, u, "record.dossier.archive") // the dialog's confirm button
	var id uint64
	for _, r := range target {
		if r >= '0' && r <= '9' {
			id = id*10 + uint64(r-'0')
		}
	}
	c, err := u.svc.Store.Case(id)
	if err != nil || !c.Locked() || c.ArchiveNo == "" {
		t.Fatalf("case not archived: %+v %v; screen: %s", c, err, screenText(u))
	}
	assertShows(t, u, c.ArchiveNo)
}

func TestPrivacyCaseAsksForAReason(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "admin")
	tapButton(t, u, "nav.cases")
	openListedCase(t, u, "王小兵") // found by the index, shown masked in the list
	assertShows(t, u, tr("record.reason.title"))
	typeInto(t, u, "record.reason.placeholder", "复议答复需要")
	tapButton(t, u, "record.reason.open")
	assertShows(t, u, "王小兵", "个人隐私")
	events, _ := u.svc.Record.AccessLog(u.sess, store.AccessFilter{Limit: 1})
	if len(events) == 0 || !strings.Contains(events[0].Summary, "复议答复需要") {
		t.Fatalf("reason not logged: %+v", events[:1])
	}
}

// The case screen's 音像记录 tab lists the recordings attached to the case and names the
// must-record stages still without a recording.
func TestCaseShowsItsRecordingsAndMissingOnes(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "admin")
	recs, err := u.svc.Store.Recordings(store.RecordingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var withRec domain.Case
	for _, r := range recs {
		if r.CaseID != 0 {
			withRec, _ = u.svc.Store.Case(r.CaseID)
			break
		}
	}
	if withRec.ID == 0 {
		t.Fatal("the demo office has no recording attached to a case")
	}
	cr, err := u.svc.Recording.ForCase(u.sess, withRec.ID)
	if err != nil || len(cr.Recordings) == 0 {
		t.Fatalf("ForCase: %+v %v", cr, err)
	}
	tapButton(t, u, "nav.cases")
	openListedCase(t, u, withRec.Number)
	selectTab(t, u, "record.tab.av")
	tables := objects[*widget.Table](u)
	if len(tables) == 0 {
		t.Fatalf("no recordings table; screen: %s", screenText(u))
	}
	rows, _ := tables[len(tables)-1].Length()
	if rows != len(cr.Recordings) {
		t.Errorf("the tab lists %d recordings, the case has %d", rows, len(cr.Recordings))
	}
	if len(cr.Missing) > 0 {
		assertShows(t, u, domain.StageLabels(cr.Missing))
	}
}
