package ui

import (
	"fmt"
	"io"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/report"
)

// annualTab (年度报告): the year's report with its 情况说明 — a draft generated from the
// figures that heads and administrators edit and save — printed as PDF or Excel, and
// marked published once it is out (which ends the dashboard reminder).
func (u *UI) annualTab(year int) fyne.CanvasObject {
	now := u.svc.Store.Now()
	var years []string
	for y := now.Year(); y >= now.Year()-10; y-- {
		years = append(years, strconv.Itoa(y))
	}
	pick := widget.NewSelect(years, nil)
	canEdit := domain.Allowed(u.sess.User.Roles, report.PermAnnual)
	summary := widget.NewMultiLineEntry()
	summary.Wrapping = fyne.TextWrapWord
	state := widget.NewLabel("")
	state.Wrapping = fyne.TextWrapWord
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide()
	var current report.AnnualReport
	var publish *widget.Button
	say := func(text string, imp widget.Importance) {
		msg.Importance = imp
		msg.SetText(text)
		msg.Show()
	}
	load := func() {
		y, _ := strconv.Atoi(pick.Selected)
		r, err := u.svc.Report.AnnualReport(u.sess, y)
		if err != nil {
			u.showError(err)
			return
		}
		current = r
		summary.SetText(r.Summary)
		msg.Hide()
		if r.Published {
			publish.SetText(lang.L("report.annual.unpublish"))
		} else {
			publish.SetText(lang.L("report.annual.publish"))
		}
		switch {
		case r.Published:
			a, _ := u.svc.Report.Annual(y)
			state.Importance = widget.SuccessImportance
			state.SetText(fmt.Sprintf(lang.L("report.annual.published"), y, a.PublishedAt.Local().Format("2006-01-02"), a.PublishedBy))
		case r.Drafted:
			state.Importance = widget.WarningImportance
			state.SetText(fmt.Sprintf(lang.L("report.annual.drafted"), y, report.PublishDeadline))
		default:
			state.Importance = widget.MediumImportance
			state.SetText(fmt.Sprintf(lang.L("report.annual.saved.state"), y, report.PublishDeadline))
		}
	}
	pick.OnChanged = func(string) { load() }

	save := widget.NewButton(lang.L("action.save"), func() {
		if err := u.svc.Report.SaveSummary(u.sess, current.Year, summary.Text); err != nil {
			say(domain.ErrorMessage(err), widget.DangerImportance)
			return
		}
		load()
		say(lang.L("report.annual.saved"), widget.SuccessImportance)
	})
	save.Importance = widget.HighImportance
	redraft := widget.NewButton(lang.L("report.annual.redraft"), func() {
		confirm(u.win, lang.L("report.annual.redraft"), lang.L("report.annual.redraft.confirm"), lang.L("report.annual.redraft.yes"), func() {
			summary.SetText(report.Draft(current.Stats))
		})
	})
	export := func(ext string, write func(io.Writer, report.AnnualReport) error) func() {
		return func() {
			r := current
			r.Summary = summary.Text // what is on screen, saved or not
			u.saveExport(fmt.Sprintf("%s%d年度行政执法数据%s", r.Office.Name, r.Year, ext), func(w io.Writer) error { return write(w, r) },
				func(path string) {
					u.svc.Report.LogExport(u.sess, fmt.Sprintf("导出 %d 年度报告到 %s", r.Year, path))
				})
		}
	}
	pdfButton := widget.NewButton(lang.L("report.export.pdf"), export(".pdf", report.RenderAnnualPDF))
	xlsxButton := widget.NewButton(lang.L("report.export.xlsx"), export(".xlsx", report.RenderAnnualXLSX))
	publish = widget.NewButton(lang.L("report.annual.publish"), func() {
		y := current.Year
		published := !current.Published
		question := fmt.Sprintf(lang.L("report.annual.publish.confirm"), y)
		if !published {
			question = fmt.Sprintf(lang.L("report.annual.unpublish.confirm"), y)
		}
		confirm(u.win, lang.L("report.annual.publish"), question, lang.L("dialog.ok"), func() {
			if err := u.svc.Report.MarkPublished(u.sess, y, published); err != nil {
				u.showError(err)
				return
			}
			load()
		})
	})
	if !canEdit {
		summary.Disable()
		save.Disable()
		redraft.Disable()
		publish.Disable()
	}
	pick.SetSelected(strconv.Itoa(year))
	top := container.NewVBox(
		container.NewHBox(widget.NewLabel(lang.L("report.annual.year")), pick, layout.NewSpacer(), pdfButton, xlsxButton, publish),
		state,
		subheading(lang.L("report.annual.summary")),
		note(lang.L("report.annual.summary.hint")),
	)
	bottom := container.NewVBox(msg, container.NewHBox(redraft, layout.NewSpacer(), save))
	return container.NewBorder(top, bottom, nil, nil, summary)
}
