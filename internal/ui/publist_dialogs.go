package ui

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/publicity"
)

// openPublish shows what a new version would change and publishes it with a date and a
// reason.
func (v *listView) openPublish() {
	u := v.u
	draft, err := u.svc.Publicity.NewDraft(u.sess, v.kind)
	if err != nil {
		u.showError(err)
		return
	}
	if draft.Latest != nil && draft.Diff.Empty() {
		showMessage(u.win, lang.L("publicity.publish"), fmt.Sprintf(lang.L("publicity.publish.nothing"), v.spec.Title(), draft.Latest.No))
		return
	}
	no := 1
	if draft.Latest != nil {
		no = draft.Latest.No + 1
	}
	changes := widget.NewLabel(draft.DiffSummary(8))
	changes.Wrapping = fyne.TextWrapWord
	if draft.Latest == nil {
		changes.SetText(fmt.Sprintf(lang.L("publicity.publish.first"), len(draft.Snapshot.Items)))
	}
	date := widget.NewEntry()
	date.SetText(domain.DateOf(u.svc.Store.Now()).String())
	reason := widget.NewMultiLineEntry()
	reason.Wrapping = fyne.TextWrapWord
	reason.SetMinRowsVisible(3)
	reason.SetPlaceHolder(lang.L("publicity.publish.reason.placeholder"))
	dateErr, reasonErr := errorLabel(), errorLabel()
	status := errorLabel()
	form := widget.NewForm(
		widget.NewFormItem(lang.L("publicity.publish.changes"), changes),
		widget.NewFormItem(lang.L("publicity.publish.date"), container.NewVBox(date, dateErr)),
		widget.NewFormItem(lang.L("publicity.publish.reason")+" *", container.NewVBox(reason, reasonErr)),
	)
	var d dialog.Dialog
	publish := widget.NewButton(fmt.Sprintf(lang.L("publicity.publish.do"), no), func() {
		dateErr.Hide()
		reasonErr.Hide()
		status.Hide()
		day, err := domain.ParseDate(date.Text)
		if err != nil {
			dateErr.SetText(domain.ErrorMessage(err))
			dateErr.Show()
			return
		}
		ver, err := u.svc.Publicity.Publish(u.sess, draft, day, reason.Text)
		if err != nil {
			switch domain.ErrorField(err) {
			case "date":
				dateErr.SetText(domain.ErrorMessage(err))
				dateErr.Show()
			case "reason":
				reasonErr.SetText(domain.ErrorMessage(err))
				reasonErr.Show()
			default:
				status.SetText(domain.ErrorMessage(err))
				status.Show()
			}
			return
		}
		d.Hide()
		v.reload(0)
		v.say(lang.L("publicity.published"), v.spec.Title(), ver.No, ver.Date)
	})
	publish.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("action.cancel"), func() { d.Hide() })
	intro := note(lang.L("publicity.publish.intro"))
	content := container.NewBorder(intro, container.NewVBox(status, container.NewHBox(layout.NewSpacer(), cancel, publish)), nil, nil,
		container.NewVScroll(form))
	d = dialog.NewCustomWithoutButtons(fmt.Sprintf(lang.L("publicity.publish.title"), v.spec.Title(), no), content, u.win)
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}

func errorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// openHistory lists the published versions; each can be viewed or printed.
func (v *listView) openHistory() {
	u := v.u
	versions, err := u.svc.Publicity.Versions(u.sess, v.kind)
	if err != nil {
		u.showError(err)
		return
	}
	if len(versions) == 0 {
		showMessage(u.win, lang.L("publicity.history"), fmt.Sprintf(lang.L("publicity.history.none"), v.spec.Title()))
		return
	}
	sel := -1
	headers := []string{lang.L("publicity.history.no"), lang.L("publicity.history.date"), lang.L("publicity.history.published"),
		lang.L("publicity.history.by"), lang.L("publicity.history.changes"), lang.L("publicity.history.reason")}
	table := widget.NewTable(
		func() (int, int) { return len(versions), len(headers) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			ver := versions[id.Row]
			cells := []string{fmt.Sprintf(lang.L("publicity.history.version"), ver.No), ver.Date.String(),
				ver.PublishedAt.Local().Format("2006-01-02 15:04"), ver.ActorName,
				fmt.Sprintf("%s（%d 项）", ver.ChangeSummary(), ver.Rows), ver.Reason}
			o.(*widget.Label).SetText(cells[id.Col])
		})
	setListHeaders(table, headers, []float32{70, 100, 140, 80, 190, 360})
	view := widget.NewButton(lang.L("publicity.history.view"), nil)
	print := widget.NewButton(lang.L("publicity.print"), nil)
	view.Disable()
	print.Disable()
	table.OnSelected = func(id widget.TableCellID) { sel = id.Row; view.Enable(); print.Enable() }
	view.OnTapped = func() { v.showVersion(versions[sel].No) }
	print.OnTapped = func() { v.printVersion(versions[sel].No) }
	reason := note(lang.L("publicity.history.intro"))
	content := container.NewBorder(reason, container.NewHBox(layout.NewSpacer(), view, print), nil, nil, table)
	d := dialog.NewCustom(fmt.Sprintf(lang.L("publicity.history.title"), v.spec.Title()), lang.L("dialog.close"), content, u.win)
	d.Resize(fyne.NewSize(1000, 520))
	d.Show()
}

// showVersion shows a published version exactly as it was published.
func (v *listView) showVersion(no int) {
	u := v.u
	ver, snap, err := u.svc.Publicity.Version(u.sess, v.kind, no)
	if err != nil {
		u.showError(err)
		return
	}
	headers := []string{lang.L("publicity.seq")}
	widths := []float32{50}
	for _, c := range snap.Columns {
		headers = append(headers, c.Header)
		w := float32(150)
		if f, ok := v.spec.Field(c.Key); ok && f.Table > 0 {
			w = f.Table
		}
		widths = append(widths, w)
	}
	table := widget.NewTable(
		func() (int, int) { return len(snap.Items), len(headers) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			it := snap.Items[id.Row]
			text := fmt.Sprint(id.Row + 1)
			if id.Col > 0 && id.Col-1 < len(it.Values) {
				text = strings.ReplaceAll(it.Values[id.Col-1], "\n", " ")
			}
			o.(*widget.Label).SetText(text)
		})
	setListHeaders(table, headers, widths)
	info := widget.NewLabel(fmt.Sprintf(lang.L("publicity.version.info"), ver.No, ver.Date, ver.ActorName,
		ver.PublishedAt.Local().Format("2006-01-02 15:04"), ver.Reason, ver.Rows))
	info.Wrapping = fyne.TextWrapWord
	print := widget.NewButton(lang.L("publicity.print"), func() { v.printVersion(no) })
	content := container.NewBorder(info, container.NewHBox(layout.NewSpacer(), print), nil, nil, table)
	d := dialog.NewCustom(fmt.Sprintf(lang.L("publicity.version.title"), v.spec.Title(), ver.No), lang.L("dialog.close"), content, u.win)
	d.Resize(fyne.NewSize(1100, 600))
	d.Show()
}

// startPrint prints the version in force or, on request, the list as it stands (草稿).
func (v *listView) startPrint() {
	u := v.u
	ls, err := u.svc.Publicity.Status(u.sess, v.kind)
	if err != nil {
		u.showError(err)
		return
	}
	if ls.Latest == nil {
		v.printDraft()
		return
	}
	options := []string{fmt.Sprintf(lang.L("publicity.print.current"), ls.Latest.No, ls.Latest.Date)}
	if ls.HasPending() {
		options = append(options, lang.L("publicity.print.draft"))
	}
	if len(options) == 1 {
		v.printVersion(0)
		return
	}
	u.chooseOption(lang.L("publicity.print"), lang.L("publicity.print.which"), options, lang.L("publicity.print"), func(i int) {
		if i == 0 {
			v.printVersion(0)
		} else {
			v.printDraft()
		}
	})
}

func (v *listView) printVersion(no int) {
	name := v.spec.Title() + ".pdf"
	if no > 0 {
		name = fmt.Sprintf("%s（第%d版）.pdf", v.spec.Title(), no)
	}
	v.u.saveAs(name, func(w io.Writer) error {
		return v.u.svc.Publicity.PrintList(v.u.sess, w, publicity.PrintRequest{Kind: v.kind, Version: no})
	})
}

func (v *listView) printDraft() {
	v.u.saveAs(v.spec.Title()+"（草稿）.pdf", func(w io.Writer) error {
		return v.u.svc.Publicity.PrintList(v.u.sess, w, publicity.PrintRequest{Kind: v.kind, Draft: true})
	})
}

var sheetFormats = []string{publicity.FormatXLSX, publicity.FormatCSV}

func (v *listView) startExport() {
	v.u.chooseOption(lang.L("publicity.export"), lang.L("publicity.export.which"), []string{lang.L("publicity.format.xlsx"), lang.L("publicity.format.csv")},
		lang.L("publicity.export"), func(i int) {
			format := sheetFormats[i]
			v.u.saveAs(publicity.FileName(v.kind, "", format), func(w io.Writer) error {
				return v.u.svc.Publicity.Export(v.u.sess, w, v.kind, format)
			})
		})
}

func (v *listView) downloadTemplate() {
	v.u.chooseOption(lang.L("publicity.template"), lang.L("publicity.template.which"), []string{lang.L("publicity.format.xlsx"), lang.L("publicity.format.csv")},
		lang.L("publicity.template.save"), func(i int) {
			format := sheetFormats[i]
			v.u.saveAs(publicity.FileName(v.kind, "导入模板", format), func(w io.Writer) error {
				return v.u.svc.Publicity.Template(w, v.kind, format)
			})
		})
}

// startImport asks for a spreadsheet, checks it off the UI goroutine with a progress bar,
// and shows the preview; nothing is written before the user confirms it.
func (v *listView) startImport() {
	chooseOpenFile(v.u, []string{".xlsx", ".csv", ".xls", ".txt"}, func(name string, data []byte) {
		v.previewImport(name, data)
	})
}

func (v *listView) previewImport(name string, data []byte) {
	u := v.u
	ctx, cancel := context.WithCancel(context.Background())
	p := u.showProgress(lang.L("publicity.import.checking"), fmt.Sprintf(lang.L("publicity.import.reading"), name), cancel)
	runInBackground(func() {
		plan, err := u.svc.Publicity.PreviewImport(ctx, u.sess, v.kind, name, data, func(done, total int) {
			fyne.Do(func() { p.set(done, total, fmt.Sprintf(lang.L("publicity.import.progress"), done, total)) })
		})
		fyne.Do(func() {
			p.hide()
			cancel()
			if err != nil {
				u.showError(err)
				return
			}
			v.showImportPlan(plan)
		})
	})
}

// showImportPlan shows what an import would do: its errors row by row, or each row's
// action, and the button that writes it.
func (v *listView) showImportPlan(plan *publicity.ImportPlan) {
	u := v.u
	summary := widget.NewLabel(plan.Summary())
	summary.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(summary)
	if len(plan.Ignored) > 0 {
		top.Add(note(fmt.Sprintf(lang.L("publicity.import.ignored"), strings.Join(plan.Ignored, "、"))))
	}
	var table *widget.Table
	if !plan.OK() {
		advice := widget.NewLabel(lang.L("publicity.import.haserrors"))
		advice.Importance = widget.DangerImportance
		advice.Wrapping = fyne.TextWrapWord
		top.Add(advice)
		table = widget.NewTable(
			func() (int, int) { return len(plan.Errors), 3 },
			func() fyne.CanvasObject {
				l := widget.NewLabel("")
				l.Truncation = fyne.TextTruncateEllipsis
				return l
			},
			func(id widget.TableCellID, o fyne.CanvasObject) {
				e := plan.Errors[id.Row]
				cells := []string{fmt.Sprintf(lang.L("publicity.import.row"), e.Row), e.Column, e.Message}
				if cells[1] == "" {
					cells[1] = lang.L("publicity.import.wholerow")
				}
				o.(*widget.Label).SetText(cells[id.Col])
			})
		setListHeaders(table, []string{lang.L("publicity.import.col.row"), lang.L("publicity.import.col.column"), lang.L("publicity.import.col.problem")}, []float32{80, 130, 780})
	} else {
		table = widget.NewTable(
			func() (int, int) { return len(plan.Lines), 3 },
			func() fyne.CanvasObject {
				l := widget.NewLabel("")
				l.Truncation = fyne.TextTruncateEllipsis
				return l
			},
			func(id widget.TableCellID, o fyne.CanvasObject) {
				ln := plan.Lines[id.Row]
				cells := []string{fmt.Sprintf(lang.L("publicity.import.row"), ln.Row), ln.Action, ln.Summary}
				l := o.(*widget.Label)
				l.Importance = widget.MediumImportance
				if ln.Action == "无变化" {
					l.Importance = widget.LowImportance
				}
				l.SetText(cells[id.Col])
			})
		setListHeaders(table, []string{lang.L("publicity.import.col.row"), lang.L("publicity.import.col.action"), lang.L("publicity.import.col.entry")}, []float32{80, 90, 820})
	}
	var d dialog.Dialog
	apply := widget.NewButton(fmt.Sprintf(lang.L("publicity.import.apply"), plan.Changes()), func() {
		if err := u.svc.Publicity.ApplyImport(u.sess, plan); err != nil {
			u.showError(err)
			return
		}
		d.Hide()
		v.reload(0)
		v.say(lang.L("publicity.import.done"), plan.Creates, plan.Updates, plan.Unchanged)
	})
	apply.Importance = widget.HighImportance
	switch {
	case !plan.OK():
		apply.Disable()
	case plan.Changes() == 0:
		apply.SetText(lang.L("publicity.import.nothing"))
		apply.Disable()
	}
	closeBtn := widget.NewButton(lang.L("dialog.close"), func() { d.Hide() })
	content := container.NewBorder(top, container.NewHBox(layout.NewSpacer(), closeBtn, apply), nil, nil, table)
	d = dialog.NewCustomWithoutButtons(fmt.Sprintf(lang.L("publicity.import.title"), v.spec.Title(), plan.File), content, u.win)
	d.Resize(fyne.NewSize(1060, 600))
	d.Show()
}
