package ui

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/inspection"
)

// inspectionScreen (双随机、一公开): spot-check tasks with their draw, results and
// publication; the object directory; and the office's procedure flowcharts.
func (u *UI) inspectionScreen() fyne.CanvasObject {
	want := u.takeTarget()
	tabs := container.NewAppTabs(
		container.NewTabItem(lang.L("inspection.tab.tasks"), u.inspectionTasksTab(want)),
		container.NewTabItem(lang.L("inspection.tab.objects"), u.inspectionObjectsTab()),
		container.NewTabItem(lang.L("inspection.tab.flowcharts"), u.flowchartTab()),
	)
	if want == "flowcharts" {
		tabs.SelectIndex(2)
	}
	return container.NewBorder(heading(lang.L("inspection.nav")), nil, nil, nil, tabs)
}

// allowed reports whether the signed-in user holds p (buttons they may not use are disabled;
// the service checks again).
func (u *UI) allowed(p domain.Permission) bool { return domain.Allowed(u.sess.User.Roles, p) }

// statusText colours a task's status for the task table.
func statusText(s domain.TaskStatus) string { return s.Label() }

// inspectionTasksTab lists the tasks; the selected one shows its draw and results below,
// with every action of its current status.
func (u *UI) inspectionTasksTab(want string) fyne.CanvasObject {
	svc := u.svc.Inspection
	var tasks []domain.InspectionTask
	selected := -1
	headers := []string{lang.L("inspection.task.name"), lang.L("inspection.task.matter"), lang.L("inspection.task.status"),
		lang.L("inspection.task.size"), lang.L("inspection.task.period"), lang.L("inspection.task.drawn"), lang.L("inspection.task.deadline")}
	widths := []float32{240, 180, 90, 100, 180, 130, 130}
	table := widget.NewTable(
		func() (int, int) { return len(tasks), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			t := tasks[id.Row]
			drawn, deadline := "", ""
			if d, ok := t.CurrentDraw(); ok {
				drawn = d.At.Local().Format("2006-01-02 15:04")
			}
			if t.Status() == domain.TaskDone {
				deadline = svc.PublishDeadline(t).String()
			} else if t.Status() == domain.TaskPublished {
				deadline = fmt.Sprintf(lang.L("inspection.task.published"), t.Public.On)
			}
			cells := []string{t.Name, t.MatterName, statusText(t.Status()), t.HowMany(), t.Start.String() + " 至 " + t.End.String(), drawn, deadline}
			l := o.(*widget.Label)
			l.SetText(cells[id.Col])
			l.Truncation = fyne.TextTruncateEllipsis
			l.Importance = widget.MediumImportance
			if id.Col == 2 && t.Status() == domain.TaskDone && svc.PublishDeadline(t).Overdue(domain.DateOf(u.svc.Store.Now())) {
				l.Importance = widget.DangerImportance
			}
		})
	setHeaders(table, headers, widths)

	detail := container.NewStack()
	var load func(keep uint64)
	show := func() {
		if selected < 0 || selected >= len(tasks) {
			detail.Objects = []fyne.CanvasObject{container.NewCenter(note(lang.L("inspection.task.pick")))}
		} else {
			detail.Objects = []fyne.CanvasObject{u.taskDetail(tasks[selected], func() { load(tasks[selected].ID) })}
		}
		detail.Refresh()
	}
	load = func(keep uint64) {
		var err error
		tasks, err = svc.Tasks(u.sess)
		if err != nil {
			u.showError(err)
		}
		selected = slices.IndexFunc(tasks, func(t domain.InspectionTask) bool { return t.ID == keep })
		// no table.Select here: selecting before the table is laid out scrolls it wrongly
		// and leaves rows blank; the detail's title says which task is shown
		table.Refresh()
		show()
	}
	table.OnSelected = func(id widget.TableCellID) {
		if id.Row != selected {
			selected = id.Row
			show()
		}
	}
	plan := widget.NewButtonWithIcon(lang.L("inspection.plan"), theme.ContentAddIcon(), func() {
		u.planDialog(func(t domain.InspectionTask) { load(t.ID) })
	})
	plan.Importance = widget.HighImportance
	if !u.allowed(domain.PermInspectionPlan) {
		plan.Disable()
	}
	keep, _ := strconv.ParseUint(want, 10, 64)
	load(keep)
	if selected < 0 && len(tasks) > 0 {
		load(tasks[0].ID)
	}
	top := container.NewBorder(nil, nil, nil, plan, note(lang.L("inspection.tasks.intro")))
	split := container.NewVSplit(table, detail)
	split.Offset = 0.3
	return container.NewBorder(top, nil, nil, nil, split)
}

// taskDetail is the selected task: what was planned, what was drawn, the results, and the
// buttons for the next step.
func (u *UI) taskDetail(t domain.InspectionTask, reload func()) fyne.CanvasObject {
	svc := u.svc.Inspection
	d, drawn := t.CurrentDraw()
	info := fmt.Sprintf(lang.L("inspection.task.info"), t.MatterName, t.Filter.Describe(), t.HowMany(), t.OfficersPerObject, t.Start, t.End)
	if t.RiskWeighted {
		info += lang.L("inspection.task.weighted")
	}
	// one fact per line: long lines would wrap in the middle of a date
	if drawn {
		info += "\n" + fmt.Sprintf(lang.L("inspection.draw.info"), d.No, d.At.Local().Format("2006-01-02 15:04"), d.By, len(d.Input.Objects), len(d.Input.Officers), d.Seed[:16])
	}
	switch t.Status() {
	case domain.TaskDone:
		info += "\n" + fmt.Sprintf(lang.L("inspection.task.done"), t.Done, svc.PublishDeadline(t))
	case domain.TaskPublished:
		info += "\n" + fmt.Sprintf(lang.L("inspection.task.public"), t.Public.On, t.Public.Channel)
	}
	infoLabel := widget.NewLabel(info)
	infoLabel.Wrapping = fyne.TextWrapWord

	objects, officers := map[uint64]domain.DrawObject{}, map[uint64]string{}
	for _, o := range d.Input.Objects {
		objects[o.ID] = o
	}
	for _, o := range d.Input.Officers {
		officers[o.ID] = o.Name
	}
	names := func(ids []uint64) string {
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = officers[id]
			if out[i] == "" {
				out[i] = u.officerName(id)
			}
		}
		return strings.Join(out, "、")
	}
	chosen := -1
	headers := []string{lang.L("inspection.col.no"), lang.L("inspection.col.object"), lang.L("inspection.col.code"),
		lang.L("inspection.col.officers"), lang.L("inspection.col.result"), lang.L("inspection.col.date")}
	widths := []float32{50, 250, 170, 150, 320, 100}
	table := widget.NewTable(
		func() (int, int) { return len(d.Assignments), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			a := d.Assignments[id.Row]
			result, date := lang.L("inspection.result.none"), ""
			imp := widget.MediumImportance
			if r, ok := t.Result(a.ObjectID); ok {
				result, date, imp = r.Finding.Label(), r.Date.String(), widget.SuccessImportance
				if r.CaseNo != "" {
					result += "（" + r.CaseNo + "）"
				}
				if r.Finding == domain.FindingCase || r.Finding == domain.FindingCorrected {
					imp = widget.WarningImportance
				}
			}
			off := names(a.Officers)
			if r, ok := t.Result(a.ObjectID); ok {
				off = names(r.Officers)
			}
			cells := []string{fmt.Sprint(id.Row + 1), objects[a.ObjectID].Name, objects[a.ObjectID].CreditCode, off, result, date}
			l := o.(*widget.Label)
			l.SetText(cells[id.Col])
			l.Truncation = fyne.TextTruncateEllipsis
			l.Importance = widget.MediumImportance
			if id.Col == 4 {
				l.Importance = imp
			}
		})
	setHeaders(table, headers, widths)

	// actions
	drawBtn := widget.NewButtonWithIcon(lang.L("inspection.draw"), theme.MediaPlayIcon(), func() { u.drawDialog(t, reload) })
	if drawn {
		drawBtn.SetText(lang.L("inspection.redraw"))
	} else {
		drawBtn.Importance = widget.HighImportance
	}
	if !u.allowed(domain.PermInspectionDraw) || len(t.Results) > 0 {
		drawBtn.Disable()
	}
	edit := widget.NewButtonWithIcon(lang.L("inspection.plan.edit"), theme.DocumentCreateIcon(), func() { u.planDialogFor(&t, func(domain.InspectionTask) { reload() }) })
	if drawn || !u.allowed(domain.PermInspectionPlan) {
		edit.Hide()
	}
	verify := widget.NewButtonWithIcon(lang.L("inspection.verify"), theme.ConfirmIcon(), func() { u.verifyDraw(t) })
	record := widget.NewButtonWithIcon(lang.L("inspection.print.draw"), theme.DocumentPrintIcon(), func() {
		u.saveFile(fmt.Sprintf("抽取记录-%s.pdf", t.Name), func(w io.Writer) error { return svc.WriteDrawRecord(u.sess, w, t.ID) })
	})
	result := widget.NewButtonWithIcon(lang.L("inspection.result.record"), theme.DocumentCreateIcon(), func() {
		if chosen < 0 {
			showMessage(u.win, lang.L("inspection.result.record"), lang.L("inspection.result.pick"))
			return
		}
		u.resultDialog(t, d.Assignments[chosen], objects[d.Assignments[chosen].ObjectID], reload)
	})
	if t.Status() == domain.TaskDrawn || t.Status() == domain.TaskInspecting {
		result.Importance = widget.HighImportance
	}
	if !u.allowed(domain.PermInspectionResult) || !t.Public.On.IsZero() {
		result.SetText(lang.L("inspection.result.view")) // still open, to read it and its files
	}
	results := widget.NewButtonWithIcon(lang.L("inspection.print.results"), theme.DocumentPrintIcon(), func() {
		u.saveFile(fmt.Sprintf("抽查结果公示表-%s.pdf", t.Name), func(w io.Writer) error { return svc.WriteResults(u.sess, w, t.ID) })
	})
	csv := widget.NewButtonWithIcon(lang.L("inspection.export.csv"), theme.DownloadIcon(), func() {
		u.saveFile(fmt.Sprintf("抽查结果-%s.csv", t.Name), func(w io.Writer) error { return svc.WriteResultsCSV(u.sess, w, t.ID) })
	})
	publish := widget.NewButtonWithIcon(lang.L("inspection.publish"), theme.MailSendIcon(), func() { u.publishDialog(t, reload) })
	if t.Status() == domain.TaskDone {
		publish.Importance = widget.HighImportance
	}
	if t.Status() != domain.TaskDone || !u.allowed(domain.PermInspectionPublish) {
		publish.Disable()
	}
	if !drawn {
		for _, b := range []*widget.Button{verify, record, result, results, csv} {
			b.Disable()
		}
	}
	table.OnSelected = func(id widget.TableCellID) { chosen = id.Row }

	title := subheading(t.Name)
	bar := container.NewHBox(drawBtn, edit, verify, record, widget.NewSeparator(), result, results, csv, publish)
	top := container.NewVBox(title, infoLabel, container.NewHScroll(bar))
	if !drawn {
		return container.NewBorder(top, nil, nil, nil, container.NewCenter(note(lang.L("inspection.task.notdrawn"))))
	}
	return container.NewBorder(top, nil, nil, nil, table)
}

// officerName is an officer's name from the officer list ("" when unknown).
func (u *UI) officerName(id uint64) string {
	o, err := u.svc.Store.Officer(id)
	if err != nil {
		return fmt.Sprintf("#%d", id)
	}
	return o.Name
}

// saveFile asks where to save a file and writes it there; errors are shown, and a file
// that could not be written completely is removed.
func (u *UI) saveFile(name string, write func(io.Writer) error) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if wc == nil {
			return
		}
		path := wc.URI().Path()
		werr := write(wc)
		cerr := wc.Close()
		if werr == nil && cerr != nil {
			werr = domain.Wrap(cerr, domain.EINVALID, "无法写入文件“%s”（磁盘已满或没有写入权限？）。", name)
		}
		if werr != nil {
			os.Remove(path)
			u.showError(werr)
			return
		}
		showMessage(u.win, lang.L("inspection.saved.title"), fmt.Sprintf(lang.L("inspection.saved"), path))
	}, u.win)
	d.SetFileName(name)
	if home, err := os.UserHomeDir(); err == nil {
		if l, err := storage.ListerForURI(storage.NewFileURI(home)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Resize(fyne.NewSize(900, 560))
	d.Show()
}

// verifyDraw re-runs the recorded draws and says whether they are confirmed.
func (u *UI) verifyDraw(t domain.InspectionTask) {
	v, err := u.svc.Inspection.Verify(t.ID)
	if err != nil {
		u.showError(err)
		return
	}
	if v.OK() {
		showMessage(u.win, lang.L("inspection.verify"), fmt.Sprintf(lang.L("inspection.verify.ok"), len(v.Task.Draws), t.ID))
		return
	}
	var b strings.Builder
	for i, p := range v.Draws {
		for _, x := range p {
			fmt.Fprintf(&b, "第 %d 次抽取：%s\n", i+1, x)
		}
	}
	if !v.Chain.OK {
		b.WriteString(v.Chain.Problem)
	}
	showMessage(u.win, lang.L("inspection.verify"), lang.L("inspection.verify.failed")+"\n"+b.String())
}

// drawDialog shows how many objects and officers the draw will choose from, asks for the
// reason of a re-draw, and draws.
func (u *UI) drawDialog(t domain.InspectionTask, reload func()) {
	svc := u.svc.Inspection
	in, err := svc.Candidates(t)
	if err != nil {
		u.showError(err)
		return
	}
	msg := fmt.Sprintf(lang.L("inspection.draw.confirm"), len(in.Objects), in.Count, len(in.Officers), in.PerObject)
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapBreak
	reason := widget.NewMultiLineEntry()
	reason.SetPlaceHolder(lang.L("inspection.redraw.reason"))
	reason.SetMinRowsVisible(3)
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapBreak
	status.Importance = widget.DangerImportance
	content := container.NewVBox(label)
	title := lang.L("inspection.draw")
	if len(t.Draws) > 0 {
		title = lang.L("inspection.redraw")
		content.Add(note(fmt.Sprintf(lang.L("inspection.redraw.note"), len(t.Draws))))
		content.Add(reason)
	}
	content.Add(status)
	var dlg dialog.Dialog
	run := widget.NewButtonWithIcon(title, theme.MediaPlayIcon(), func() {
		got, err := svc.Draw(u.sess, t.ID, reason.Text)
		if err != nil {
			status.SetText(domain.ErrorMessage(err))
			return
		}
		dlg.Hide()
		reload()
		nd, _ := got.CurrentDraw()
		showMessage(u.win, title, fmt.Sprintf(lang.L("inspection.draw.done"), len(nd.Assignments), nd.Seed))
	})
	run.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("action.cancel"), func() { dlg.Hide() })
	dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, run), nil, nil, content), u.win)
	dlg.Resize(fyne.NewSize(560, 340))
	dlg.Show()
}

// planDialog plans a new task.
func (u *UI) planDialog(done func(domain.InspectionTask)) { u.planDialogFor(nil, done) }

// planDialogFor plans a task (existing == nil) or changes the plan of one not yet drawn.
func (u *UI) planDialogFor(existing *domain.InspectionTask, done func(domain.InspectionTask)) {
	svc := u.svc.Inspection
	matters, err := svc.RandomMatters()
	if err != nil {
		u.showError(err)
		return
	}
	if len(matters) == 0 {
		showMessage(u.win, lang.L("inspection.plan"), lang.L("inspection.plan.nomatters"))
		return
	}
	objects, err := svc.Objects(u.sess)
	if err != nil {
		u.showError(err)
		return
	}
	officers, _ := u.svc.Store.Officers()
	values := func(get func(domain.InspectionObject) string) []string {
		var out []string
		for _, o := range objects {
			if v := get(o); v != "" && !slices.Contains(out, v) && !o.Closed {
				out = append(out, v)
			}
		}
		slices.Sort(out)
		return out
	}
	var categories []string
	for _, o := range officers {
		for _, c := range strings.FieldsFunc(o.Category, func(r rune) bool { return strings.ContainsRune("、,，;； ", r) }) {
			if !slices.Contains(categories, c) {
				categories = append(categories, c)
			}
		}
	}
	matterNames := make([]string, len(matters))
	for i, m := range matters {
		matterNames[i] = m.Name
	}
	today := domain.DateOf(u.svc.Store.Now())
	t := domain.InspectionTask{OfficersPerObject: 2, Percent: 5, Start: today, End: today.AddDays(30)}
	if existing != nil {
		t = *existing
	}
	name := widget.NewEntry()
	name.SetText(t.Name)
	name.SetPlaceHolder(lang.L("inspection.plan.name.hint"))
	matter := widget.NewSelect(matterNames, nil)
	if i := slices.IndexFunc(matters, func(m domain.Matter) bool { return m.ID == t.MatterID }); i >= 0 {
		matter.SetSelectedIndex(i)
	} else {
		matter.SetSelectedIndex(0)
	}
	types := widget.NewCheckGroup(values(func(o domain.InspectionObject) string { return o.Type }), nil)
	types.Horizontal = true
	types.SetSelected(t.Filter.Types)
	industries := widget.NewCheckGroup(values(func(o domain.InspectionObject) string { return o.Industry }), nil)
	industries.Horizontal = true
	industries.SetSelected(t.Filter.Industries)
	regions := widget.NewCheckGroup(values(func(o domain.InspectionObject) string { return o.Region }), nil)
	regions.Horizontal = true
	regions.SetSelected(t.Filter.Regions)
	gradeLabels := make([]string, len(domain.AllGrades))
	for i, g := range domain.AllGrades {
		gradeLabels[i] = g.Label()
	}
	grades := widget.NewCheckGroup(gradeLabels, nil)
	grades.Horizontal = true
	for _, g := range t.Filter.Grades {
		grades.Selected = append(grades.Selected, g.Label())
	}
	mode := widget.NewRadioGroup([]string{lang.L("inspection.plan.percent"), lang.L("inspection.plan.count")}, nil)
	mode.Horizontal = true
	amount := widget.NewEntry()
	if t.Percent > 0 {
		mode.SetSelected(lang.L("inspection.plan.percent"))
		amount.SetText(strconv.FormatFloat(t.Percent, 'f', -1, 64))
	} else {
		mode.SetSelected(lang.L("inspection.plan.count"))
		amount.SetText(strconv.Itoa(t.Count))
	}
	per := widget.NewEntry()
	per.SetText(strconv.Itoa(t.OfficersPerObject))
	category := widget.NewSelectEntry(categories)
	category.SetText(t.OfficerCategory)
	if existing == nil && len(categories) > 0 {
		category.SetText(categories[0])
	}
	weighted := widget.NewCheck(lang.L("inspection.plan.weighted"), nil)
	weighted.SetChecked(t.RiskWeighted)
	start, end := widget.NewEntry(), widget.NewEntry()
	start.SetText(t.Start.String())
	end.SetText(t.End.String())
	per.SetPlaceHolder("2")
	to := widget.NewLabel(lang.L("inspection.plan.to"))
	form := widget.NewForm(
		widget.NewFormItem(lang.L("inspection.task.name"), name),
		widget.NewFormItem(lang.L("inspection.task.matter"), matter),
		widget.NewFormItem(lang.L("inspection.obj.type"), types),
		widget.NewFormItem(lang.L("inspection.obj.industry"), industries),
		widget.NewFormItem(lang.L("inspection.obj.region"), regions),
		&widget.FormItem{Text: lang.L("inspection.obj.grade"), Widget: grades, HintText: lang.L("inspection.plan.all")},
		&widget.FormItem{Text: lang.L("inspection.plan.mode"), Widget: container.NewBorder(nil, nil, mode, nil, amount), HintText: lang.L("inspection.plan.mode.hint")},
		&widget.FormItem{Text: "", Widget: weighted, HintText: lang.L("inspection.plan.weighted.hint")},
		&widget.FormItem{Text: lang.L("inspection.plan.per"), Widget: container.NewGridWithColumns(2, per, category),
			HintText: lang.L("inspection.plan.per.hint")},
		widget.NewFormItem(lang.L("inspection.task.period"), container.NewBorder(nil, nil, nil, nil,
			container.NewGridWithColumns(2, container.NewBorder(nil, nil, nil, to, start), end))),
	)
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapBreak
	status.Importance = widget.DangerImportance
	var dlg dialog.Dialog
	save := widget.NewButton(lang.L("action.save"), func() {
		fail := func(err error) { status.SetText(domain.ErrorMessage(err)) }
		t.Name = name.Text
		t.MatterID = matters[max(matter.SelectedIndex(), 0)].ID
		t.Filter = domain.ObjectFilter{Types: types.Selected, Industries: industries.Selected, Regions: regions.Selected}
		for _, l := range grades.Selected {
			t.Filter.Grades = append(t.Filter.Grades, domain.AllGrades[slices.Index(gradeLabels, l)])
		}
		t.Percent, t.Count = 0, 0
		n, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(amount.Text), "%"), 64)
		if err != nil {
			fail(domain.Errorf(domain.EINVALID, "“%s”请填写数字，例如 5 或 20。", lang.L("inspection.plan.mode")))
			return
		}
		if mode.Selected == lang.L("inspection.plan.percent") {
			t.Percent = n
		} else {
			t.Count = int(n)
		}
		if t.OfficersPerObject, err = strconv.Atoi(strings.TrimSpace(per.Text)); err != nil {
			fail(domain.Errorf(domain.EINVALID, "“每户执法人员数”请填写整数，例如 2。"))
			return
		}
		t.OfficerCategory = category.Text
		t.RiskWeighted = weighted.Checked
		if t.Start, err = domain.ParseDate(start.Text); err != nil {
			fail(domain.Errorf(domain.EINVALID, "“开始日期”：%s", domain.ErrorMessage(err)))
			return
		}
		if t.End, err = domain.ParseDate(end.Text); err != nil {
			fail(domain.Errorf(domain.EINVALID, "“结束日期”：%s", domain.ErrorMessage(err)))
			return
		}
		saved, err := svc.SavePlan(u.sess, t)
		if err != nil {
			fail(err)
			return
		}
		dlg.Hide()
		done(saved)
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("action.cancel"), func() { dlg.Hide() })
	title := lang.L("inspection.plan")
	if existing != nil {
		title = lang.L("inspection.plan.edit")
	}
	content := container.NewBorder(nil, container.NewVBox(status, container.NewHBox(layout.NewSpacer(), cancel, save)), nil, nil,
		container.NewVScroll(form))
	dlg = dialog.NewCustomWithoutButtons(title, content, u.win)
	dlg.Resize(fyne.NewSize(1000, 660))
	dlg.Show()
}

// resultDialog records the inspection of one drawn object.
func (u *UI) resultDialog(t domain.InspectionTask, a domain.Assignment, obj domain.DrawObject, reload func()) {
	svc := u.svc.Inspection
	today := domain.DateOf(u.svc.Store.Now())
	prev, had := t.Result(a.ObjectID)
	officers, _ := u.svc.Store.Officers()
	var labels []string
	ids := map[string]uint64{}
	for _, o := range officers {
		if !o.CertValid(today) && !slices.Contains(a.Officers, o.ID) {
			continue
		}
		l := o.Name + "（" + o.CertNo + "）"
		labels = append(labels, l)
		ids[l] = o.ID
	}
	wantIDs := a.Officers
	if had {
		wantIDs = prev.Officers
	}
	var preset []string
	for l, id := range ids {
		if slices.Contains(wantIDs, id) {
			preset = append(preset, l)
		}
	}
	who, whoSelected := checkGrid(labels, preset, 3)
	// a published result, or a user who may not record results, only reads it: the
	// officers as names rather than a grid of boxes, so the whole result fits the screen
	readOnly := !t.Public.On.IsZero() || !u.allowed(domain.PermInspectionResult)
	whoItem := &widget.FormItem{Text: lang.L("inspection.col.officers"), Widget: who, HintText: lang.L("inspection.result.officers.hint")}
	if readOnly {
		slices.Sort(preset)
		whoItem = widget.NewFormItem(lang.L("inspection.col.officers"), widget.NewLabel(strings.Join(preset, "、")))
	}
	date := widget.NewEntry()
	date.SetText(today.String())
	findingLabels := make([]string, len(domain.AllFindings))
	for i, f := range domain.AllFindings {
		findingLabels[i] = f.Label()
	}
	finding := widget.NewSelect(findingLabels, nil)
	details := widget.NewMultiLineEntry()
	details.SetMinRowsVisible(4)
	details.SetPlaceHolder(lang.L("inspection.result.details.hint"))
	caseNo := widget.NewEntry()
	caseNo.SetPlaceHolder(lang.L("inspection.result.caseno.hint"))
	if had {
		date.SetText(prev.Date.String())
		finding.SetSelected(prev.Finding.Label())
		details.SetText(prev.Details)
		caseNo.SetText(prev.CaseNo)
	} else {
		finding.SetSelected(domain.FindingNone.Label())
	}
	var files []string
	fileList := widget.NewLabel(lang.L("inspection.result.nofiles"))
	fileList.Wrapping = fyne.TextWrapBreak
	saved := container.NewHBox() // files already attached: each opens in the system's viewer
	if had {
		for _, f := range prev.Files {
			f := f
			saved.Add(widget.NewButtonWithIcon(f.Name, theme.FileIcon(), func() { u.openResultFile(t.ID, f) }))
		}
		if len(prev.Files) > 0 {
			fileList.SetText(lang.L("inspection.result.hasfiles"))
		}
	}
	addFile := widget.NewButtonWithIcon(lang.L("inspection.result.addfile"), theme.FileIcon(), func() {
		fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
			if err != nil || rc == nil {
				return
			}
			rc.Close()
			files = append(files, rc.URI().Path())
			var n []string
			for _, f := range files {
				n = append(n, f[strings.LastIndexAny(f, `/\`)+1:])
			}
			fileList.SetText(fmt.Sprintf(lang.L("inspection.result.newfiles"), strings.Join(n, "、")))
		}, u.win)
		fd.Resize(fyne.NewSize(900, 560))
		fd.Show()
	})
	caseItem := &widget.FormItem{Text: lang.L("inspection.result.caseno"), Widget: caseNo, HintText: lang.L("inspection.result.caseno.auto")}
	if !svc.OpensCases() {
		caseItem.HintText = lang.L("inspection.result.caseno.manual")
	}
	dateItem := &widget.FormItem{Text: lang.L("inspection.col.date"), Widget: date}
	findingItem := &widget.FormItem{Text: lang.L("inspection.col.result"), Widget: finding}
	detailsItem := &widget.FormItem{Text: lang.L("inspection.result.details"), Widget: details}
	if readOnly { // plain text: disabled fields would be grey and hard to read
		addFile.Hide()
		text := func(s string) *widget.Label {
			l := widget.NewLabel(orDash(s))
			l.Wrapping = fyne.TextWrapBreak // Chinese has no spaces to wrap at
			return l
		}
		dateItem.Widget, findingItem.Widget, detailsItem.Widget = text(date.Text), text(finding.Selected), text(details.Text)
		caseItem = widget.NewFormItem(caseItem.Text, text(caseNo.Text))
	}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("inspection.col.object"), widget.NewLabel(obj.Name+"（"+obj.CreditCode+"）")),
		dateItem,
		whoItem,
		findingItem,
		detailsItem,
		caseItem,
		&widget.FormItem{Text: lang.L("inspection.result.files"), Widget: container.NewVBox(
			container.NewBorder(nil, nil, nil, addFile, fileList), container.NewHScroll(saved))},
	)
	var dlg dialog.Dialog
	if had && prev.CaseID != 0 { // 全过程记录: the recordings of the case it opened
		form.Append(lang.L("inspection.result.av"), u.inspectionRecordings(prev, obj.Name, func() { dlg.Hide() }))
	}
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapBreak
	status.Importance = widget.DangerImportance
	progress := widget.NewProgressBarInfinite()
	progress.Hide()
	var save *widget.Button
	save = widget.NewButton(lang.L("action.save"), func() {
		day, err := domain.ParseDate(date.Text)
		if err != nil {
			status.SetText("“检查日期”：" + domain.ErrorMessage(err))
			return
		}
		f := inspection.ResultForm{ObjectID: a.ObjectID, Date: day, Details: details.Text, CaseNo: caseNo.Text, Files: files}
		for _, l := range whoSelected() {
			f.Officers = append(f.Officers, ids[l])
		}
		if i := slices.Index(findingLabels, finding.Selected); i >= 0 {
			f.Finding = domain.AllFindings[i]
		}
		done := func(err error) {
			if err != nil {
				status.SetText(domain.ErrorMessage(err))
				return
			}
			dlg.Hide()
			reload()
		}
		if len(files) == 0 { // nothing to copy: instant
			_, err := svc.RecordResult(context.Background(), u.sess, t.ID, f)
			done(err)
			return
		}
		save.Disable()
		progress.Show()
		progress.Start()
		go func() { // attached recordings may be large: copy them off the UI goroutine
			_, err := svc.RecordResult(context.Background(), u.sess, t.ID, f)
			fyne.Do(func() {
				progress.Stop()
				progress.Hide()
				save.Enable()
				done(err)
			})
		}()
	})
	save.Importance = widget.HighImportance
	if !t.Public.On.IsZero() {
		save.Disable()
		status.SetText(fmt.Sprintf(lang.L("inspection.result.locked"), t.Public.On))
	} else if !u.allowed(domain.PermInspectionResult) {
		save.Disable()
	}
	cancel := widget.NewButton(lang.L("action.cancel"), func() { dlg.Hide() })
	if readOnly {
		cancel.SetText(lang.L("inspection.close"))
		save.Hide()
	}
	content := container.NewBorder(nil, container.NewVBox(progress, status, container.NewHBox(layout.NewSpacer(), cancel, save)), nil, nil,
		container.NewVScroll(form))
	title := lang.L("inspection.result.record")
	if save.Disabled() {
		title = lang.L("inspection.result.view")
	}
	dlg = dialog.NewCustomWithoutButtons(title, content, u.win)
	dlg.Resize(fyne.NewSize(940, 640))
	dlg.Show()
}

// openResultFile copies an attached file out of the store and opens it with the system's
// viewer; the service records the access.
func (u *UI) openResultFile(taskID uint64, f domain.ResultFile) {
	dir := filepath.Join(os.TempDir(), "lawdesk-view")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		u.showError(domain.Wrap(err, domain.EINVALID, "无法创建临时目录 %s。", dir))
		return
	}
	path, err := u.svc.Inspection.ExportFile(u.sess, taskID, f.SHA256, dir)
	if err != nil {
		u.showError(err)
		return
	}
	if err := u.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}); err != nil {
		showMessage(u.win, f.Name, fmt.Sprintf(lang.L("inspection.saved"), path))
	}
}

// publishDialog records the publication of a done task's results.
func (u *UI) publishDialog(t domain.InspectionTask, reload func()) {
	svc := u.svc.Inspection
	today := domain.DateOf(u.svc.Store.Now())
	date := widget.NewEntry()
	date.SetText(today.String())
	channel := widget.NewSelectEntry([]string{"国家企业信用信息公示系统", "本局门户网站", "国家企业信用信息公示系统、本局门户网站", "政务公开栏"})
	channel.SetText("国家企业信用信息公示系统、本局门户网站")
	msg := fmt.Sprintf(lang.L("inspection.publish.intro"), t.Done, svc.PublishDeadline(t), svc.PublishDays())
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapBreak
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapBreak
	status.Importance = widget.DangerImportance
	form := widget.NewForm(widget.NewFormItem(lang.L("inspection.publish.date"), date), widget.NewFormItem(lang.L("inspection.publish.channel"), channel))
	var dlg dialog.Dialog
	ok := widget.NewButton(lang.L("inspection.publish"), func() {
		day, err := domain.ParseDate(date.Text)
		if err != nil {
			status.SetText("“公示日期”：" + domain.ErrorMessage(err))
			return
		}
		if _, err := svc.Publish(u.sess, t.ID, day, channel.Text); err != nil {
			status.SetText(domain.ErrorMessage(err))
			return
		}
		dlg.Hide()
		reload()
	})
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("action.cancel"), func() { dlg.Hide() })
	dlg = dialog.NewCustomWithoutButtons(lang.L("inspection.publish"),
		container.NewBorder(label, container.NewVBox(status, container.NewHBox(layout.NewSpacer(), cancel, ok)), nil, nil, form), u.win)
	dlg.Resize(fyne.NewSize(620, 340))
	dlg.Show()
}

// inspectionObjectsTab is the 检查对象名录库: search, add, edit, import from a spreadsheet.
func (u *UI) inspectionObjectsTab() fyne.CanvasObject {
	svc := u.svc.Inspection
	var all, shown []domain.InspectionObject
	selected := -1
	officerNames := map[uint64]string{}
	headers := []string{lang.L("inspection.obj.name"), lang.L("inspection.col.code"), lang.L("inspection.obj.type"), lang.L("inspection.obj.region"),
		lang.L("inspection.obj.industry"), lang.L("inspection.obj.grade"), lang.L("inspection.obj.last"), lang.L("inspection.obj.related")}
	widths := []float32{280, 180, 100, 80, 90, 90, 100, 120}
	table := widget.NewTable(
		func() (int, int) { return len(shown), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			ob := shown[id.Row]
			var rel []string
			for _, r := range ob.RelatedOfficers {
				rel = append(rel, officerNames[r])
			}
			name := ob.Name
			if ob.Closed {
				name += lang.L("inspection.obj.closedmark")
			}
			cells := []string{name, ob.CreditCode, ob.Type, ob.Region, ob.Industry, ob.Grade.Short(), ob.LastInspected.String(), strings.Join(rel, "、")}
			l := o.(*widget.Label)
			l.SetText(cells[id.Col])
			l.Truncation = fyne.TextTruncateEllipsis
			l.Importance = widget.MediumImportance
			if ob.Closed {
				l.Importance = widget.LowImportance
			}
		})
	setHeaders(table, headers, widths)
	search := widget.NewEntry()
	search.SetPlaceHolder(lang.L("inspection.obj.search"))
	count := widget.NewLabel("")
	edit := widget.NewButtonWithIcon(lang.L("inspection.obj.edit"), theme.DocumentCreateIcon(), nil)
	edit.Disable()
	filter := func() {
		q := strings.TrimSpace(search.Text)
		shown = shown[:0]
		for _, o := range all {
			if q == "" || strings.Contains(o.Name, q) || strings.Contains(o.CreditCode, strings.ToUpper(q)) ||
				strings.Contains(o.Region, q) || strings.Contains(o.Industry, q) || strings.Contains(o.Address, q) {
				shown = append(shown, o)
			}
		}
		open := 0
		for _, o := range all {
			if !o.Closed {
				open++
			}
		}
		count.SetText(fmt.Sprintf(lang.L("inspection.obj.count"), len(all), open, len(shown)))
		selected = -1
		table.UnselectAll()
		edit.Disable()
		table.Refresh()
	}
	load := func() {
		var err error
		all, err = svc.Objects(u.sess)
		if err != nil {
			u.showError(err)
		}
		if offs, err := u.svc.Store.Officers(); err == nil {
			for _, o := range offs {
				officerNames[o.ID] = o.Name
			}
		}
		filter()
	}
	search.OnChanged = func(string) { filter() }
	table.OnSelected = func(id widget.TableCellID) {
		selected = id.Row
		if u.allowed(domain.PermInspectionDirectory) {
			edit.Enable()
		}
	}
	add := widget.NewButtonWithIcon(lang.L("inspection.obj.add"), theme.ContentAddIcon(), func() { u.objectDialog(nil, load) })
	add.Importance = widget.HighImportance
	edit.OnTapped = func() {
		if selected >= 0 && selected < len(shown) {
			o := shown[selected]
			u.objectDialog(&o, load)
		}
	}
	imp := widget.NewButtonWithIcon(lang.L("inspection.obj.import"), theme.UploadIcon(), func() { u.importObjects(load) })
	tmpl := widget.NewButtonWithIcon(lang.L("inspection.obj.template"), theme.DownloadIcon(), func() {
		u.saveFile("检查对象名录模板.xlsx", func(w io.Writer) error {
			b, err := inspection.ObjectTemplateXLSX()
			if err == nil {
				_, err = w.Write(b)
			}
			return err
		})
	})
	if !u.allowed(domain.PermInspectionDirectory) {
		add.Disable()
		imp.Disable()
	}
	load()
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(add, edit, imp, tmpl), search)
	return container.NewBorder(container.NewVBox(note(lang.L("inspection.obj.intro")), bar, count), nil, nil, nil, table)
}

// objectDialog adds (existing == nil) or edits an object, with its conflict-of-interest marks.
func (u *UI) objectDialog(existing *domain.InspectionObject, done func()) {
	svc := u.svc.Inspection
	o := domain.InspectionObject{}
	if existing != nil {
		o = *existing
	}
	all, _ := svc.Objects(u.sess)
	values := func(get func(domain.InspectionObject) string) []string {
		var out []string
		for _, x := range all {
			if v := get(x); v != "" && !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
		slices.Sort(out)
		return out
	}
	name, code, address, last := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	typ := widget.NewSelectEntry(values(func(x domain.InspectionObject) string { return x.Type }))
	region := widget.NewSelectEntry(values(func(x domain.InspectionObject) string { return x.Region }))
	industry := widget.NewSelectEntry(values(func(x domain.InspectionObject) string { return x.Industry }))
	gradeLabels := make([]string, len(domain.AllGrades))
	for i, g := range domain.AllGrades {
		gradeLabels[i] = g.Label()
	}
	grade := widget.NewSelect(gradeLabels, nil)
	grade.SetSelected(o.Grade.Label())
	closed := widget.NewCheck(lang.L("inspection.obj.closed"), nil)
	closed.SetChecked(o.Closed)
	name.SetText(o.Name)
	code.SetText(o.CreditCode)
	typ.SetText(o.Type)
	region.SetText(o.Region)
	industry.SetText(o.Industry)
	address.SetText(o.Address)
	last.SetText(o.LastInspected.String())
	officers, _ := u.svc.Store.Officers()
	var labels []string
	ids := map[string]uint64{}
	for _, of := range officers {
		if of.Left {
			continue
		}
		labels = append(labels, of.Name)
		ids[of.Name] = of.ID
	}
	var preset []string
	for _, r := range o.RelatedOfficers {
		for l, id := range ids {
			if id == r {
				preset = append(preset, l)
			}
		}
	}
	related, relatedSelected := checkGrid(labels, preset, 5)
	reason := widget.NewEntry()
	reason.SetPlaceHolder(lang.L("inspection.obj.reason.hint"))
	form := widget.NewForm(
		widget.NewFormItem(lang.L("inspection.obj.name"), name),
		&widget.FormItem{Text: lang.L("inspection.col.code"), Widget: code, HintText: lang.L("inspection.obj.code.hint")},
		widget.NewFormItem(lang.L("inspection.obj.type"), typ),
		widget.NewFormItem(lang.L("inspection.obj.address"), address),
		widget.NewFormItem(lang.L("inspection.obj.region"), region),
		widget.NewFormItem(lang.L("inspection.obj.industry"), industry),
		widget.NewFormItem(lang.L("inspection.obj.grade"), grade),
		&widget.FormItem{Text: lang.L("inspection.obj.last"), Widget: last, HintText: lang.L("inspection.obj.last.hint")},
		&widget.FormItem{Text: lang.L("inspection.obj.related"), Widget: related, HintText: lang.L("inspection.obj.related.hint")},
		widget.NewFormItem("", closed),
	)
	if existing != nil {
		form.Append(lang.L("inspection.obj.reason"), reason)
	}
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapBreak
	status.Importance = widget.DangerImportance
	var dlg dialog.Dialog
	save := widget.NewButton(lang.L("action.save"), func() {
		o.Name, o.CreditCode, o.Type, o.Address = name.Text, code.Text, typ.Text, address.Text
		o.Region, o.Industry, o.Closed = region.Text, industry.Text, closed.Checked
		if i := slices.Index(gradeLabels, grade.Selected); i >= 0 {
			o.Grade = domain.AllGrades[i]
		}
		o.LastInspected = domain.Date{}
		if strings.TrimSpace(last.Text) != "" {
			d, err := domain.ParseDate(last.Text)
			if err != nil {
				status.SetText("“上次检查日期”：" + domain.ErrorMessage(err))
				return
			}
			o.LastInspected = d
		}
		o.RelatedOfficers = nil
		for _, l := range relatedSelected() {
			o.RelatedOfficers = append(o.RelatedOfficers, ids[l])
		}
		if _, err := svc.SaveObject(u.sess, o, reason.Text); err != nil {
			status.SetText(domain.ErrorMessage(err))
			return
		}
		dlg.Hide()
		done()
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("action.cancel"), func() { dlg.Hide() })
	title := lang.L("inspection.obj.add")
	if existing != nil {
		title = lang.L("inspection.obj.edit.title")
	}
	dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil,
		container.NewVBox(status, container.NewHBox(layout.NewSpacer(), cancel, save)), nil, nil, container.NewVScroll(form)), u.win)
	dlg.Resize(fyne.NewSize(900, 640))
	dlg.Show()
}

// importObjects reads a directory spreadsheet, shows every row with its problems, and
// imports only when the user confirms a file without problems.
func (u *UI) importObjects(done func()) {
	fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if rc == nil {
			return
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		name := rc.URI().Name()
		if err != nil {
			u.showError(domain.Wrap(err, domain.EINVALID, "无法读取文件“%s”。", name))
			return
		}
		im, err := inspection.ParseObjectsFile(name, data)
		if err != nil {
			u.showError(err)
			return
		}
		u.importPreview(im, done)
	}, u.win)
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv"}))
	fd.Resize(fyne.NewSize(900, 560))
	fd.Show()
}

func (u *UI) importPreview(im inspection.ObjectImport, done func()) {
	headers := []string{lang.L("inspection.import.line"), lang.L("inspection.obj.name"), lang.L("inspection.col.code"),
		lang.L("inspection.obj.region"), lang.L("inspection.obj.industry"), lang.L("inspection.obj.grade"), lang.L("inspection.import.problems")}
	widths := []float32{60, 230, 180, 90, 90, 90, 300}
	table := widget.NewTable(
		func() (int, int) { return len(im.Rows), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			r := im.Rows[id.Row]
			problems := strings.Join(r.Problems, "；")
			cells := []string{fmt.Sprint(r.Line), r.Object.Name, r.Object.CreditCode, r.Object.Region, r.Object.Industry, r.Object.Grade.Short(), problems}
			l := o.(*widget.Label)
			l.SetText(cells[id.Col])
			l.Truncation = fyne.TextTruncateEllipsis
			l.Importance = widget.MediumImportance
			if problems != "" {
				l.Importance = widget.DangerImportance
			}
		})
	setHeaders(table, headers, widths)
	var msg string
	if n := im.Problems(); n > 0 {
		msg = fmt.Sprintf(lang.L("inspection.import.bad"), im.File, len(im.Rows), n)
	} else {
		msg = fmt.Sprintf(lang.L("inspection.import.good"), im.File, len(im.Rows))
	}
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapBreak
	var dlg dialog.Dialog
	ok := widget.NewButton(lang.L("inspection.import.confirm"), func() {
		added, updated, err := u.svc.Inspection.ImportObjects(u.sess, im)
		if err != nil {
			u.showError(err)
			return
		}
		dlg.Hide()
		done()
		showMessage(u.win, lang.L("inspection.obj.import"), fmt.Sprintf(lang.L("inspection.import.done"), added, updated))
	})
	ok.Importance = widget.HighImportance
	if im.Problems() > 0 {
		ok.Disable()
	}
	cancel := widget.NewButton(lang.L("action.cancel"), func() { dlg.Hide() })
	var body fyne.CanvasObject = table
	if im.Problems() > 0 { // every problem in full, with its row number, below the table
		var lines []string
		for _, r := range im.Rows {
			for _, p := range r.Problems {
				lines = append(lines, fmt.Sprintf(lang.L("inspection.import.problemline"), r.Line, p))
			}
		}
		list := widget.NewLabel(strings.Join(lines, "\n"))
		list.Wrapping = fyne.TextWrapBreak
		list.Importance = widget.DangerImportance
		split := container.NewVSplit(table, container.NewVScroll(list))
		split.Offset = 0.55
		body = split
	}
	dlg = dialog.NewCustomWithoutButtons(lang.L("inspection.obj.import"),
		container.NewBorder(label, container.NewHBox(layout.NewSpacer(), cancel, ok), nil, nil, body), u.win)
	dlg.Resize(fyne.NewSize(1120, 620))
	dlg.Show()
}

// checkGrid is a set of check boxes laid out in columns (a horizontal CheckGroup never
// wraps, so a long officer list would push a dialog off the screen); selected reads the
// ticked labels in order.
func checkGrid(labels, preset []string, columns int) (grid *fyne.Container, selected func() []string) {
	grid = container.NewGridWithColumns(columns)
	checks := make([]*widget.Check, len(labels))
	for i, l := range labels {
		checks[i] = widget.NewCheck(l, nil)
		checks[i].SetChecked(slices.Contains(preset, l))
		grid.Add(checks[i])
	}
	return grid, func() []string {
		var out []string
		for i, c := range checks {
			if c.Checked {
				out = append(out, labels[i])
			}
		}
		return out
	}
}
