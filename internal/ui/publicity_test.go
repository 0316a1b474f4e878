package ui

import (
	"fmt"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
)

// synchronous makes background work and file dialogs answer at once for one test.
func synchronous(t *testing.T) {
	t.Helper()
	prevRun, prevSave, prevOpen := runInBackground, chooseSaveFile, chooseOpenFile
	runInBackground = func(work func()) { work() }
	t.Cleanup(func() { runInBackground, chooseSaveFile, chooseOpenFile = prevRun, prevSave, prevOpen })
}

// answerSave makes the save dialog write into dir/name and returns the path it will use.
func answerSave(t *testing.T, dir string) *string {
	var path string
	chooseSaveFile = func(u *UI, name string, exts []string, done func(io.WriteCloser, string, func())) {
		path = filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		done(f, path, func() { os.Remove(path) })
	}
	return &path
}

func answerOpen(name string, data []byte) {
	chooseOpenFile = func(u *UI, exts []string, done func(string, []byte)) { done(name, data) }
}

// shot saves what the window shows when LAWDESK_SHOTS names a directory (to look at
// dialogs that xdotool cannot reach easily, such as an import preview).
func shot(t *testing.T, u *UI, name string) {
	dir := os.Getenv("LAWDESK_SHOTS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	png.Encode(f, u.win.Canvas().Capture())
}

// dialogForm is the form of the dialog on top.
func dialogForm(t *testing.T, u *UI) *widget.Form {
	t.Helper()
	forms := objects[*widget.Form](u)
	if len(forms) == 0 {
		t.Fatalf("no form on screen: %s", screenText(u))
	}
	return forms[len(forms)-1]
}

// fieldEntry is the entry of the form item labelled label (with or without " *").
func fieldEntry(t *testing.T, f *widget.Form, label string) *widget.Entry {
	t.Helper()
	for _, it := range f.Items {
		if strings.TrimSuffix(it.Text, " *") != label {
			continue
		}
		obj := it.Widget
		if c, ok := obj.(*fyne.Container); ok {
			obj = c.Objects[0]
		}
		switch e := obj.(type) {
		case *widget.Entry:
			return e
		case *widget.SelectEntry:
			return &e.Entry
		}
	}
	t.Fatalf("no entry %q in the form", label)
	return nil
}

func setField(t *testing.T, f *widget.Form, label, text string) {
	t.Helper()
	e := fieldEntry(t, f, label)
	e.SetText("")
	test.Type(e, text)
}

func openList(t *testing.T, u *UI, kind domain.ListKind) {
	t.Helper()
	tapButton(t, u, "nav.publicity")
	tapButton(t, u, kind.Title())
}

func TestListScreenAddWithFieldErrorsThenPublish(t *testing.T) {
	synchronous(t)
	u := newTestUI(t, true)
	signIn(t, u, "admin")
	openList(t, u, domain.ListOfficers)
	assertShows(t, u, "执法人员清单", "现行版本：第 1 版", "已超过期限")

	tapButton(t, u, "publicity.add")
	f := dialogForm(t, u)
	setField(t, f, "姓名", "测试员")
	setField(t, f, "所在单位", "青山县市场监督管理局城关市场监管所")
	setField(t, f, "执法证号", "52020399001")
	setField(t, f, "发证机关", "贵州省人民政府")
	setField(t, f, "有效期至", "2027-02-30")
	tapButton(t, u, "action.save")
	assertShows(t, u, "2027年2月只有28天", tr("publicity.form.fix"))
	shot(t, u, "form-error.png")
	setField(t, f, "有效期至", "2027-02-28")
	tapButton(t, u, "action.save")
	assertShows(t, u, "已保存“测试员”")
	items, _ := u.svc.Publicity.Items(u.sess, domain.ListOfficers)
	found := false
	for _, it := range items {
		found = found || it.Row["name"] == "测试员" && it.Row["valid_until"] == "2027-02-28"
	}
	if !found {
		t.Fatal("the officer was not saved")
	}

	tapButton(t, u, "publicity.publish")
	assertShows(t, u, "新增 2 项：", "罗成", "测试员", "删除 1 项：陈国强")
	tapButton(t, u, "发布第 2 版")
	assertShows(t, u, "请填写“调整原因”")
	reason := objects[*widget.Entry](u)
	for _, e := range reason {
		if e.PlaceHolder == tr("publicity.publish.reason.placeholder") {
			test.Type(e, "新进人员，人员退休")
		}
	}
	tapButton(t, u, "发布第 2 版")
	vs, _ := u.svc.Publicity.Versions(u.sess, domain.ListOfficers)
	if len(vs) != 2 || vs[0].Reason != "新进人员，人员退休" {
		t.Fatalf("versions %+v; screen %s", vs, screenText(u))
	}
	assertShows(t, u, "现行版本：第 2 版", tr("publicity.pending.none"))

	tapButton(t, u, "publicity.history")
	shot(t, u, "history.png")
	tables := objects[*widget.Table](u)
	tables[len(tables)-1].Select(widget.TableCellID{Row: 1})
	test.Tap(lastButton(t, u, "publicity.history.view"))
	assertShows(t, u, "第 1 版 · 版本日期", "首次编制公布")
	shot(t, u, "version.png")
}

func TestImportPreviewShowsErrorsThenImports(t *testing.T) {
	synchronous(t)
	u := newTestUI(t, true)
	signIn(t, u, "admin")
	openList(t, u, domain.ListRemedies)
	before, _ := u.svc.Publicity.Items(u.sess, domain.ListRemedies)

	answerOpen("救济渠道.csv", []byte("救济方式,受理机关,申请期限,联系电话\n行政复议,六盘水市人民政府,60日,0858-8222222\n行政申诉,某机关,30日,\n行政诉讼,六盘水市中级人民法院,,打电话\n"))
	tapButton(t, u, "publicity.import")
	assertShows(t, u, "共 3 行", "发现 2 个错误", tr("publicity.import.haserrors")) // the rows are in the table (see the service tests)
	shot(t, u, "import-errors.png")
	if b := lastButton(t, u, fmt.Sprintf(tr("publicity.import.apply"), 1)); !b.Disabled() {
		t.Fatal("a file with errors can be imported")
	}
	tapButton(t, u, "dialog.close")
	if after, _ := u.svc.Publicity.Items(u.sess, domain.ListRemedies); len(after) != len(before) {
		t.Fatalf("the preview wrote %d entries", len(after)-len(before))
	}

	answerOpen("救济渠道.csv", []byte("救济方式,受理机关,申请期限\n行政复议,六盘水市人民政府,60日\n"))
	tapButton(t, u, "publicity.import")
	shot(t, u, "import-ok.png")
	test.Tap(lastButton(t, u, fmt.Sprintf(tr("publicity.import.apply"), 1)))
	if after, _ := u.svc.Publicity.Items(u.sess, domain.ListRemedies); len(after) != len(before)+1 {
		t.Fatalf("after import: %d entries, had %d", len(after), len(before))
	}
	assertShows(t, u, "导入完成：新增 1 项")
}

func TestPrintListAndCardsFromScreens(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	synchronous(t)
	u := newTestUI(t, true)
	signIn(t, u, "hexiao") // a window clerk
	dir := t.TempDir()
	path := answerSave(t, dir)

	openList(t, u, domain.ListMatters)
	tapButton(t, u, "publicity.print") // no pending change: prints the version in force at once
	out, err := exec.Command("pdftotext", *path, "-").Output()
	if err != nil || !strings.Contains(string(out), "执法事项清单") || !strings.Contains(string(out), "第 2 版") {
		t.Fatalf("printed list %s: %v\n%s", *path, err, out)
	}
	tapButton(t, u, "dialog.ok")

	tapButton(t, u, tr("publicity.cards"))
	tapButton(t, u, "publicity.cards.printall")
	out, err = exec.Command("pdftotext", *path, "-").Output()
	if err != nil || strings.Count(string(out), "\f") != 4 || !strings.Contains(string(out), "何晓") {
		t.Fatalf("printed cards: %v\n%s", err, out)
	}
}

func TestWindowDialogAndPreview(t *testing.T) {
	synchronous(t)
	u := newTestUI(t, true)
	signIn(t, u, "hexiao")
	tapButton(t, u, "nav.publicity")
	tapButton(t, u, tr("publicity.cards"))
	tapButton(t, u, "publicity.window.add")
	f := dialogForm(t, u)
	setField(t, f, "窗口名称", "政务服务中心 A区 10号窗口 · 药品")
	tapButton(t, u, "action.save")
	assertShows(t, u, "请填写“姓名”")
	setField(t, f, "姓名", "新同事")
	setField(t, f, "投诉电话", "找领导")
	tapButton(t, u, "action.save")
	assertShows(t, u, "“投诉电话”格式不对")
	shot(t, u, "window-dialog.png")
	setField(t, f, "投诉电话", "12315")
	tapButton(t, u, "action.save")
	ws, _ := u.svc.Publicity.Windows(u.sess)
	if len(ws) != 5 || ws[4].Staff != "新同事" {
		t.Fatalf("windows: %+v", ws)
	}
	// selecting a window renders its card
	tables := objects[*widget.Table](u)
	tables[len(tables)-1].Select(widget.TableCellID{Row: 4})
	shot(t, u, "cards-preview.png")
	found := false
	for _, img := range objects[*canvas.Image](u) {
		found = found || img.Image != nil
	}
	if !found {
		t.Error("no card preview after selecting a window")
	}
}

func TestDashboardTargetOpensTheOfficer(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "admin")
	officers, _ := u.svc.Publicity.Officers()
	var id uint64
	for _, o := range officers {
		if o.Name == "陈国强" { // left: the list shows those who left to select him
			id = o.ID
		}
	}
	u.openTarget(fmt.Sprintf("publicity:officer:%d", id))
	assertShows(t, u, "执法人员清单")
	for _, c := range objects[*widget.Check](u) {
		if c.Text == tr("publicity.show.left") && !c.Checked {
			t.Error("opening an officer who left did not show those who left")
		}
	}
}

func TestUserDialogLinksAnOfficer(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "admin")
	u.target = "users"
	tapButton(t, u, "nav.settings")
	tapButton(t, u, "users.add")
	f := dialogForm(t, u)
	test.Type(f.Items[0].Widget.(*widget.Entry), "luocheng")
	test.Type(f.Items[1].Widget.(*widget.Entry), "罗成")
	for _, c := range objects[*widget.Check](u) {
		if c.Text == tr("role.officer") {
			test.Tap(c)
		}
	}
	sel := f.Items[len(f.Items)-1].Widget.(*widget.Select)
	for _, o := range sel.Options {
		if strings.HasPrefix(o, "罗成（") {
			sel.SetSelected(o)
		}
	}
	tapButton(t, u, "action.save")
	user, err := u.svc.Store.UserByName("luocheng")
	if err != nil || user.OfficerID == 0 {
		t.Fatalf("account %+v %v", user, err)
	}
	o, _ := u.svc.Store.Officer(user.OfficerID)
	if o.Name != "罗成" {
		t.Errorf("linked to %s", o.Name)
	}
}
