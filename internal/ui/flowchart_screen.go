package ui

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/flowchart"
)

// flowchartTab (执法流程图): the office's procedure flowcharts, previewed as they print,
// exported as PDF or PNG, and adjusted step by step when the office's rules differ.
func (u *UI) flowchartTab() fyne.CanvasObject {
	svc := u.svc.Flowchart
	names := domain.ProcedureChartNames()
	titles := make([]string, len(names))
	for i, n := range names {
		c, _ := domain.ProcedureChartByName(n)
		titles[i] = strings.TrimSuffix(c.Title, "流程图")
	}
	current := 0
	preview := canvas.NewImageFromImage(nil)
	preview.FillMode = canvas.ImageFillContain
	preview.ScaleMode = canvas.ImageScaleSmooth
	changed := widget.NewLabel("")
	changed.Wrapping = fyne.TextWrapBreak
	render := func() {
		d, err := svc.Diagram(names[current])
		if err != nil {
			u.showError(err)
			return
		}
		img, err := flowchart.Rasterize(d, 1.6)
		if err != nil {
			u.showError(err)
			return
		}
		preview.Image = img
		preview.Refresh()
		ch, _ := svc.Changes(names[current])
		if len(ch) == 0 {
			changed.SetText(lang.L("flowchart.default"))
		} else {
			changed.SetText(fmt.Sprintf(lang.L("flowchart.changed"), len(ch)))
		}
	}
	list := widget.NewList(func() int { return len(names) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(titles[i]) })
	list.OnSelected = func(i widget.ListItemID) { current = i; render() }

	// the whole page fits the window; 放大 shows it at a readable size, scrolled
	page := container.NewVScroll(container.NewStack(preview))
	zoom := widget.NewButtonWithIcon(lang.L("flowchart.zoom"), theme.ZoomInIcon(), nil)
	zoom.OnTapped = func() {
		if preview.MinSize().Width > 1 {
			preview.SetMinSize(fyne.NewSize(0, 0))
			zoom.SetText(lang.L("flowchart.zoom"))
			zoom.SetIcon(theme.ZoomInIcon())
		} else {
			preview.SetMinSize(fyne.NewSize(780, 1103))
			zoom.SetText(lang.L("flowchart.fit"))
			zoom.SetIcon(theme.ZoomFitIcon())
		}
		page.Refresh()
	}
	pdfBtn := widget.NewButtonWithIcon(lang.L("flowchart.pdf"), theme.DocumentPrintIcon(), func() {
		u.saveFile(titles[current]+"流程图.pdf", func(w io.Writer) error { return svc.WritePDF(w, names[current]) })
	})
	pdfBtn.Importance = widget.HighImportance
	pngBtn := widget.NewButtonWithIcon(lang.L("flowchart.png"), theme.FileImageIcon(), func() {
		u.saveFile(titles[current]+"流程图.png", func(w io.Writer) error { return svc.WritePNG(w, names[current]) })
	})
	adjust := widget.NewButtonWithIcon(lang.L("flowchart.adjust"), theme.SettingsIcon(), func() { u.adjustStepDialog(names[current], render) })
	if !u.allowed(flowchart.PermEdit) {
		adjust.Disable()
	}
	list.Select(0)
	bar := container.NewHBox(pdfBtn, pngBtn, adjust, layout.NewSpacer(), zoom)
	left := container.NewBorder(note(lang.L("flowchart.intro")), nil, nil, nil, list)
	right := container.NewBorder(container.NewVBox(bar, changed), nil, nil, nil, page)
	split := container.NewHSplit(left, right)
	split.Offset = 0.24
	return split
}

// adjustStepDialog changes one step of a chart as the office publishes it: its name, time
// limit, documents and note, or leaves an optional step out; 恢复默认 undoes it.
func (u *UI) adjustStepDialog(name string, done func()) {
	svc := u.svc.Flowchart
	def, err := svc.Default(name)
	if err != nil {
		u.showError(err)
		return
	}
	changes, err := svc.Changes(name)
	if err != nil {
		u.showError(err)
		return
	}
	var steps []domain.FlowStep
	var labels []string
	for _, s := range def.Steps {
		if s.Kind == domain.FlowAct || s.Kind == domain.FlowDecision {
			steps = append(steps, s)
			l := s.Title
			if _, ok := changes[s.ID]; ok {
				l += lang.L("flowchart.step.changedmark")
			}
			labels = append(labels, l)
		}
	}
	pick := widget.NewSelect(labels, nil)
	title, limit, docs, noteEntry := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	omit := widget.NewCheck(lang.L("flowchart.step.omit"), nil)
	defaults := widget.NewLabel("")
	defaults.Wrapping = fyne.TextWrapBreak
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapBreak
	status.Importance = widget.DangerImportance
	var step domain.FlowStep
	fill := func(i int) {
		step = steps[i]
		ch := changes[step.ID]
		title.SetText(cmpOr(ch.Title, step.Title))
		limit.SetText(cmpOr(ch.TimeLimit, step.TimeLimit))
		d := step.Documents
		if ch.Documents != nil {
			d = ch.Documents
		}
		docs.SetText(strings.Join(d, "、"))
		noteEntry.SetText(cmpOr(ch.Note, step.Note))
		omit.SetChecked(ch.Omit)
		if step.Optional {
			omit.Enable()
		} else {
			omit.Disable()
		}
		defaults.SetText(fmt.Sprintf(lang.L("flowchart.step.defaults"), step.Title, cmpOr(step.TimeLimit, "—"), cmpOr(strings.Join(step.Documents, "、"), "—")))
		status.SetText("")
	}
	pick.OnChanged = func(string) { fill(pick.SelectedIndex()) }
	form := widget.NewForm(
		widget.NewFormItem(lang.L("flowchart.step"), pick),
		widget.NewFormItem(lang.L("flowchart.step.title"), title),
		&widget.FormItem{Text: lang.L("flowchart.step.limit"), Widget: limit, HintText: lang.L("flowchart.step.limit.hint")},
		&widget.FormItem{Text: lang.L("flowchart.step.docs"), Widget: docs, HintText: lang.L("flowchart.step.docs.hint")},
		widget.NewFormItem(lang.L("flowchart.step.note"), noteEntry),
		widget.NewFormItem("", omit),
	)
	pick.SetSelectedIndex(0)
	var dlg dialog.Dialog
	save := func(ch domain.FlowStepChange) {
		if err := svc.SaveChange(u.sess, name, step.ID, ch); err != nil {
			status.SetText(domain.ErrorMessage(err))
			return
		}
		dlg.Hide()
		done()
	}
	ok := widget.NewButton(lang.L("action.save"), func() {
		ch := domain.FlowStepChange{Title: title.Text, TimeLimit: limit.Text, Note: noteEntry.Text, Omit: omit.Checked}
		ch.Documents = []string{}
		for _, d := range strings.FieldsFunc(docs.Text, func(r rune) bool { return strings.ContainsRune("、,，;；\n", r) }) {
			if d = strings.TrimSpace(d); d != "" && !slices.Contains(ch.Documents, d) {
				ch.Documents = append(ch.Documents, d)
			}
		}
		save(ch)
	})
	ok.Importance = widget.HighImportance
	reset := widget.NewButton(lang.L("flowchart.step.reset"), func() { save(domain.FlowStepChange{}) })
	cancel := widget.NewButton(lang.L("action.cancel"), func() { dlg.Hide() })
	content := container.NewBorder(nil, container.NewVBox(defaults, status, container.NewHBox(reset, layout.NewSpacer(), cancel, ok)), nil, nil, form)
	dlg = dialog.NewCustomWithoutButtons(lang.L("flowchart.adjust"), content, u.win)
	dlg.Resize(fyne.NewSize(760, 480))
	dlg.Show()
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
