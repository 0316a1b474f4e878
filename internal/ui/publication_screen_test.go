package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/publication"
)

// demoEntry finds the demo's publication entry whose case party is named party.
func demoEntry(t *testing.T, u *UI, party string) publication.Entry {
	t.Helper()
	es, err := u.svc.Publication.Entries(u.sess)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if e.Case.Party.Name == party {
			return e
		}
	}
	t.Fatalf("no demo entry for %s", party)
	return publication.Entry{}
}

func TestPublicationPreviewRedactsAndPublishes(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "huangwei")
	e := demoEntry(t, u, "青山县鑫源加油站有限公司")
	if e.Task != publication.TaskPublish {
		t.Fatalf("demo entry = %+v", e)
	}
	// The dashboard entry opens the preview of the decision to publish.
	u.openTarget("publication:case:" + itoa(e.Case.ID))
	assertShows(t, u, "公开预览 · "+e.Case.Number, "他人姓名：陈小兵 → 陈**", "手机号码：13885851122 → 138****1122")
	// The phone cannot be kept; the name can (a false alarm here, say).
	if b := button(u, "pub.preview.keep"); b == nil {
		t.Fatal("no 保留原文 button for the name")
	}
	test.Tap(button(u, "pub.preview.keep"))
	assertShows(t, u, "已保留原文：陈小兵")
	for _, l := range objects[*widget.Label](u) {
		if strings.Contains(l.Text, "13885851122 →") && !strings.Contains(screenText(u), tr("pub.preview.mustHide")) {
			t.Error("the phone should be marked as always hidden")
		}
	}
	// Hide the brand by hand.
	typeInto(t, u, "pub.preview.manual.placeholder", "2 号加油机")
	tapButton(t, u, "pub.preview.manual.add")
	assertShows(t, u, "手动隐去：2 号加油机 → ******")
	tapButton(t, u, "pub.preview.publish")
	// back on the list, published
	assertShows(t, u, tr("pub.action.prepare"))
	after, err := u.svc.Publication.Entry(u.sess, demoEntry(t, u, "青山县鑫源加油站有限公司").Case.ID) // with its texts
	if err != nil {
		t.Fatal(err)
	}
	if after.Status != domain.PubPublished || after.Pub == nil {
		t.Fatalf("after publishing: %+v", after)
	}
	ct := after.Pub.Content.Violation
	if !strings.Contains(ct, "陈小兵") || strings.Contains(ct, "13885851122") || strings.Contains(ct, "2 号加油机") || !strings.Contains(ct, "138****1122") {
		t.Errorf("published violation = %s", ct)
	}
}

func TestPublicationListActions(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "admin")
	u.openTarget("publication:")
	// counts include the record demo's (案件与记录) decisions: 15 published (one of them filed
	// under 2025, so not in this year's list), 2 secret ones not public; and one from the review demo
	assertShows(t, u, "待公开 3 件（其中逾期 1 件）", "已公开 19 件（逾期公开 1 件）", "待撤下 1 件", "不公开 3 件")
	// A minor's case opens the 不公开 dialog with the reason filled in.
	minor := demoEntry(t, u, "王小军")
	if minor.Status != domain.PubNotPublic {
		t.Fatalf("demo minor = %+v", minor)
	}
	// The withdrawal due opens the withdrawal dialog; record it as done today.
	w := demoEntry(t, u, "青山县光明眼镜店")
	u.openTarget("publication:case:" + itoa(w.Case.ID))
	assertShows(t, u, "已登记需撤下：决定被确认违法")
	test.Tap(lastButton(t, u, "action.save"))
	if got := demoEntry(t, u, "青山县光明眼镜店"); got.Status != domain.PubWithdrawn {
		t.Errorf("after recording the withdrawal: %+v", got)
	}
}

func TestPublicationListMineFilter(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "huangwei")
	u.openTarget("publication:")
	// huangwei is assigned to 5 of the 9 decided cases and sees only those (an officer
	// sees the cases assigned to them); 只看我承办的 keeps them all.
	rows := tableText(u)
	if !strings.Contains(rows, "青山县鑫源加油站有限公司") || !strings.Contains(rows, "青山县百草堂药店有限公司") {
		t.Errorf("rows:\n%s", rows)
	}
	if strings.Contains(rows, "青山县惠民超市有限公司") {
		t.Error("an officer sees a case not assigned to them")
	}
	for _, c := range objects[*widget.Check](u) {
		if c.Text == tr("pub.filter.mine") {
			c.SetChecked(true)
		}
	}
	if rows := tableText(u); !strings.Contains(rows, "青山县鑫源加油站有限公司") {
		t.Errorf("mine:\n%s", rows)
	}
	// The status filter: only what needs doing.
	for _, s := range objects[*widget.Select](u) {
		if s.Selected == tr("pub.filter.all") {
			s.SetSelected(tr("pub.filter.withdrawn"))
		}
	}
	s := tableText(u)
	if !strings.Contains(s, "青山县百草堂药店有限公司") || strings.Contains(s, "青山县鑫源加油站有限公司") {
		t.Errorf("filtered by 已撤下:\n%s", s)
	}
}

func TestDashboardShowsDeadlinesAndFilters(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "admin")
	all, _ := u.todos()
	// the list shows what fits; every capability adds entries, so count from the data
	overdue := 0
	for _, td := range all {
		if td.Severity == domain.SeverityOverdue {
			overdue++
		}
	}
	assertShows(t, u, fmt.Sprintf("已超期 %d", overdue), "公开案件")
	assertTodo(t, u, "撤下案件", "录入 2027 年节假日安排")
	// soonest first: the overdue publication, then by deadline
	if all[0].Severity != domain.SeverityOverdue {
		t.Errorf("first entry = %+v", all[0])
	}
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		if a.Severity != domain.SeverityOverdue && !a.Due.IsZero() && !b.Due.IsZero() && b.Due.Before(a.Due) {
			t.Errorf("entry %d (%s) is due before entry %d (%s)", i, b.Due, i-1, a.Due)
		}
	}
	// kind filter
	var kinds *widget.Select
	for _, s := range objects[*widget.Select](u) {
		if s.Selected == tr("home.filter.allkinds") {
			kinds = s
		}
	}
	if kinds == nil {
		t.Fatal("no kind filter")
	}
	kinds.SetSelected("工作日历")
	s := screenText(u)
	if !strings.Contains(s, "录入 2027 年节假日安排") || strings.Contains(s, "公开案件") {
		t.Errorf("filtered by 工作日历:\n%s", s)
	}
	kinds.SetSelectedIndex(0)
	// "mine" for an officer keeps their own cases only
	mineFiltered := filterTodos(all, "huangwei", true, 0, "")
	for _, td := range mineFiltered {
		if td.Owner != "" && td.Owner != "huangwei" {
			t.Errorf("mine kept %+v", td)
		}
	}
	if len(mineFiltered) >= len(all) {
		t.Errorf("mine did not filter: %d of %d", len(mineFiltered), len(all))
	}
}

// tableText is every cell of every table on screen, a row per line, read through the
// table's own callbacks (a table creates cell widgets only for rows it has laid out).
func tableText(u *UI) string {
	var b strings.Builder
	for _, tb := range objects[*widget.Table](u) {
		rows, cols := tb.Length()
		for r := range rows {
			for c := range cols {
				cell := tb.CreateCell()
				tb.UpdateCell(widget.TableCellID{Row: r, Col: c}, cell)
				if l, ok := cell.(*widget.Label); ok {
					b.WriteString(l.Text + " | ")
				}
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func itoa(n uint64) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
		if n == 0 {
			return string(b)
		}
	}
}

// assertTodo checks the dashboard's entries (the list on screen shows only what fits).
func assertTodo(t *testing.T, u *UI, titles ...string) {
	t.Helper()
	all, err := u.todos()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range titles {
		found := false
		for _, td := range all {
			found = found || strings.Contains(td.Title, want)
		}
		if !found {
			t.Errorf("no dashboard entry %q", want)
		}
	}
}

// A window clerk handles no cases, so the list says where the office's published decisions
// are instead of looking empty.
func TestPublicationListTellsAClerkWhereThePublishedDecisionsAre(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "hexiao")
	u.openTarget("publication:")
	assertShows(t, u, "已公开 0 件", "本单位已公开的全部决定可用“导出网站与公示栏”导出")
	tapButton(t, u, "pub.export") // and the export is there for them
}
