package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/review"
)

// findingKeys are the translation keys of the findings, in the order of domain.AllElementFindings.
var findingKeys = []string{"review.finding.ok", "review.finding.problem", "review.finding.na"}

// checklistRow is one element of the reviewer's checklist on screen.
type checklistRow struct {
	item     domain.ChecklistItem
	finding  *widget.RadioGroup
	note     *widget.Entry
	resolved *widget.Entry
}

// value reads the row back into a checklist item.
func (r *checklistRow) value() domain.ChecklistItem {
	it := r.item
	it.Finding = domain.ElementUnset
	for i, k := range findingKeys {
		if r.finding.Selected == lang.L(k) {
			it.Finding = domain.AllElementFindings[i]
		}
	}
	it.Note, it.Resolved = r.note.Text, r.resolved.Text
	return it
}

// reviewOpinionForm is the reviewer's work on the pending round: each checklist element with
// 符合 / 存在问题 / 不适用 and a note (pre-filled from the record, with the evidence one
// click away), then the opinion and its reasons. 同意 is refused while a problem is neither
// resolved nor explained, and the form says so as soon as it happens.
func (u *UI) reviewOpinionForm(w review.Workspace, reload func()) fyne.CanvasObject {
	l := w.Review.Latest()
	var rows []*checklistRow
	list := container.NewVBox()
	warn := widget.NewLabel("")
	warn.Wrapping = fyne.TextWrapBreak
	warn.Importance = widget.DangerImportance
	opinion := widget.NewRadioGroup(nil, nil)
	update := func() {
		items := make([]domain.ChecklistItem, len(rows))
		for i, r := range rows {
			items[i] = r.value()
		}
		msg := ""
		if opinion.Selected == domain.OpinionAgree.Label() {
			msg = domain.CanAgree(items)
		}
		warn.SetText(msg)
	}
	for i, it := range l.Checklist {
		r := &checklistRow{item: it}
		r.note = widget.NewEntry()
		r.note.SetPlaceHolder(lang.L("review.note.ph"))
		r.note.SetText(it.Note)
		r.resolved = widget.NewEntry()
		r.resolved.SetPlaceHolder(lang.L("review.resolved.ph"))
		r.resolved.SetText(it.Resolved)
		r.finding = widget.NewRadioGroup(reviewTranslated(findingKeys), func(s string) {
			if s == lang.L("review.finding.problem") {
				r.resolved.Show()
			} else {
				r.resolved.Hide()
			}
			update()
		})
		r.finding.Horizontal = true
		for j, f := range domain.AllElementFindings {
			if f == it.Finding {
				r.finding.SetSelected(lang.L(findingKeys[j]))
			}
		}
		if it.Finding != domain.ElementProblem {
			r.resolved.Hide()
		}
		r.resolved.OnChanged = func(string) { update() }
		rows = append(rows, r)
		title := widget.NewLabelWithStyle(fmt.Sprintf("%d. %s", i+1, it.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		row := container.NewVBox(title, r.finding, r.note, r.resolved)
		if len(it.Evidence) > 0 {
			ev := reviewLabel(strings.Join(it.Evidence, "\n"))
			acc := widget.NewAccordion(widget.NewAccordionItem(lang.L("review.evidence"), ev))
			row.Add(acc)
		}
		list.Add(row)
		list.Add(widget.NewSeparator())
	}

	var labels []string
	for _, o := range domain.AllOpinions {
		labels = append(labels, o.Label())
	}
	opinion.Options = labels
	opinion.Horizontal = true
	opinion.OnChanged = func(string) { update() }
	opinion.Refresh()
	reasons := widget.NewMultiLineEntry()
	reasons.SetPlaceHolder(lang.L("review.reasons.ph"))
	reasons.Wrapping = fyne.TextWrapBreak
	reasons.SetMinRowsVisible(3)
	submit := widget.NewButtonWithIcon(lang.L("review.opinion.submit"), theme.ConfirmIcon(), func() {
		f := review.OpinionForm{CaseID: w.Case.ID, Reasons: reasons.Text}
		for _, r := range rows {
			f.Checklist = append(f.Checklist, r.value())
		}
		for _, o := range domain.AllOpinions {
			if opinion.Selected == o.Label() {
				f.Opinion = o
			}
		}
		msg := fmt.Sprintf(lang.L("review.opinion.ask"), w.Case.Number, f.Opinion.Label())
		confirm(u.win, lang.L("review.opinion.submit"), msg, lang.L("review.opinion.submit"), func() {
			r, err := u.svc.Review.RecordOpinion(u.sess, f)
			if err != nil {
				u.showError(err)
				return
			}
			reload()
			showMessage(u.win, lang.L("review.opinion.submit"), fmt.Sprintf(lang.L("review.opinion.done"), r.Latest().OpinionNo))
		})
	})
	submit.Importance = widget.HighImportance
	opinionBox := container.NewVBox(
		subheading(lang.L("review.opinion")),
		reviewNote(lang.L("review.opinion.hint")),
		opinion, reasons, warn,
		container.NewHBox(layout.NewSpacer(), submit),
	)
	update()
	return widget.NewCard("", "", container.NewVBox(subheading(fmt.Sprintf(lang.L("review.checklist"), l.No)),
		reviewNote(lang.L("review.checklist.sub")), list, opinionBox))
}
