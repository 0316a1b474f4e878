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
	"lawdesk/internal/record"
)

// stagesTab shows the case's procedure stage by stage (done, current, to come) and, for a
// person who may work the case, the actions of the current stage: its decision, completing
// it, going back, or closing without a decision.
func (cs *caseScreen) stagesTab() fyne.CanvasObject {
	c := cs.c
	docs, _ := cs.u.svc.Record.Documents(cs.u.sess, c.ID)
	perStage := map[domain.Stage]int{}
	for _, d := range docs {
		if !d.Superseded {
			perStage[d.Stage]++
		}
	}
	steps := container.NewVBox()
	for _, p := range c.Path() {
		var icon fyne.Resource
		var detail string
		rec, done := c.Completed(p.Stage)
		switch {
		case done:
			icon = theme.ConfirmIcon()
			detail = fmt.Sprintf(lang.L("record.stage.done"), rec.Date, cs.officers[rec.OfficerID].Name)
			if rec.Note != "" {
				detail += "：" + rec.Note
			}
		case p.Stage == c.Stage && !c.Locked():
			icon = theme.MediaPlayIcon()
			detail = lang.L("record.stage.current")
		case p.Stage.Index() < c.Stage.Index() || c.Locked():
			icon = theme.RadioButtonIcon()
			detail = lang.L("record.stage.skipped")
		default:
			icon = theme.RadioButtonIcon()
			if p.Optional {
				detail = lang.L("record.stage.optional")
			}
		}
		if n := perStage[p.Stage]; n > 0 {
			detail += fmt.Sprintf(lang.L("record.stage.docs"), n)
		}
		name := widget.NewLabelWithStyle(p.Stage.Label(), fyne.TextAlignLeading, fyne.TextStyle{Bold: p.Stage == c.Stage && !c.Locked()})
		d := widget.NewLabel(detail)
		d.Truncation = fyne.TextTruncateEllipsis
		steps.Add(container.NewBorder(nil, nil, container.NewHBox(widget.NewIcon(icon), fixedWidth(80, name)), nil, d))
	}
	var backs []string
	for _, h := range c.History {
		if h.Back {
			backs = append(backs, fmt.Sprintf(lang.L("record.stage.backline"), h.Date, h.From.Label(), h.Stage.Label(), h.Note))
		}
	}
	if len(backs) > 0 {
		steps.Add(widget.NewSeparator())
		for _, b := range backs {
			l := widget.NewLabel(b)
			l.Wrapping = fyne.TextWrapBreak
			l.Importance = widget.WarningImportance
			steps.Add(l)
		}
	}
	left := container.NewBorder(subheading(lang.L("record.stage.path")), nil, nil, nil, container.NewVScroll(steps))
	// padded, so the scroll bar does not cover the right edge of the fields and buttons
	return container.NewHSplit(left, container.NewVScroll(container.NewPadded(cs.stageActions())))
}

// stageActions is the panel of what can be done in the current stage.
func (cs *caseScreen) stageActions() fyne.CanvasObject {
	c, u := cs.c, cs.u
	today := domain.DateOf(u.svc.Store.Now())
	switch {
	case c.Locked():
		return container.NewVBox(subheading(lang.L("record.stage.archived")),
			note(fmt.Sprintf(lang.L("record.stage.archived.text"), c.Archived, c.ArchiveNo)))
	case !cs.canEdit:
		return container.NewVBox(subheading(fmt.Sprintf(lang.L("record.stage.now"), c.Stage.Label())), note(lang.L("record.stage.readonly")))
	case c.Stage == domain.StageArchive:
		due := c.ArchiveDue()
		box := container.NewVBox(subheading(lang.L("record.stage.closed")),
			note(fmt.Sprintf(lang.L("record.stage.closed.text"), c.Closed, due, today.DaysUntil(due))),
			widget.NewButtonWithIcon(lang.L("record.stage.todossier"), theme.FolderIcon(), func() { cs.reload(caseTabDossier) }))
		box.Add(cs.backButton())
		return box
	}
	box := container.NewVBox(subheading(fmt.Sprintf(lang.L("record.stage.now"), c.Stage.Label())))
	if c.Stage == domain.StageDecide {
		box.Add(cs.decisionForm())
		box.Add(widget.NewSeparator())
		box.Add(u.reviewCasePanel(c))
		box.Add(widget.NewSeparator())
	}

	date := widget.NewEntry()
	date.SetText(today.String())
	date.Validator = func(s string) error { _, err := domain.ParseDate(s); return err }
	var officerNames []string
	var officerIDs []uint64
	for _, id := range c.OfficerIDs {
		officerNames = append(officerNames, cs.officers[id].Name)
		officerIDs = append(officerIDs, id)
	}
	officer := widget.NewSelect(officerNames, nil)
	for i, id := range officerIDs {
		if id == u.sess.User.OfficerID {
			officer.SetSelectedIndex(i)
		}
	}
	if officer.SelectedIndex() < 0 && len(officerNames) > 0 {
		officer.SetSelectedIndex(0)
	}
	noteEntry := widget.NewMultiLineEntry()
	noteEntry.SetPlaceHolder(lang.L("record.stage.note.placeholder"))
	noteEntry.Wrapping = fyne.TextWrapBreak
	noteEntry.SetMinRowsVisible(3)
	nextStages := c.NextStages()
	var nextLabels []string
	for _, s := range nextStages {
		nextLabels = append(nextLabels, s.Label())
	}
	next := widget.NewSelect(nextLabels, nil)
	if len(nextLabels) > 0 {
		next.SetSelectedIndex(len(nextLabels) - 1) // the first required stage
	}
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapBreak
	status.Importance = widget.DangerImportance
	form := widget.NewForm(
		widget.NewFormItem(lang.L("record.stage.date"), date),
		widget.NewFormItem(lang.L("record.stage.officer"), officer),
		widget.NewFormItem(lang.L("record.stage.note"), noteEntry),
		widget.NewFormItem(lang.L("record.stage.next"), next),
	)
	complete := widget.NewButtonWithIcon(fmt.Sprintf(lang.L("record.stage.complete"), c.Stage.Label()), theme.ConfirmIcon(), func() {
		day, err := domain.ParseDate(date.Text)
		if err != nil {
			status.SetText(lang.L("record.stage.date") + "：" + domain.ErrorMessage(err))
			return
		}
		step := record.StageStep{CaseID: c.ID, Date: day, Note: noteEntry.Text}
		if i := officer.SelectedIndex(); i >= 0 {
			step.OfficerID = officerIDs[i]
		}
		if i := next.SelectedIndex(); i >= 0 {
			step.Next = nextStages[i]
		}
		if _, err := u.svc.Record.CompleteStage(u.sess, step); err != nil {
			status.SetText(domain.ErrorMessage(err))
			return
		}
		cs.reload(caseTabStages)
	})
	complete.Importance = widget.HighImportance
	box.Add(note(lang.L("record.stage.complete.intro")))
	box.Add(form)
	box.Add(status)
	box.Add(container.NewHBox(layout.NewSpacer(), complete))
	box.Add(widget.NewSeparator())
	extra := container.NewHBox(cs.backButton())
	if c.Stage.Index() < domain.StageDecide.Index() {
		extra.Add(widget.NewButtonWithIcon(lang.L("record.stage.nodecision"), theme.CancelIcon(), cs.closeWithoutDecision))
	}
	box.Add(extra)
	return box
}

// backButton sends the case back to an earlier stage, asking for the reason.
func (cs *caseScreen) backButton() *widget.Button {
	b := widget.NewButtonWithIcon(lang.L("record.stage.back"), theme.NavigateBackIcon(), func() {
		stages := cs.c.BackStages()
		var labels []string
		for _, s := range stages {
			labels = append(labels, s.Label())
		}
		to := widget.NewSelect(labels, nil)
		if len(labels) > 0 {
			to.SetSelectedIndex(len(labels) - 1)
		}
		reason := widget.NewMultiLineEntry()
		reason.SetPlaceHolder(lang.L("record.stage.back.placeholder"))
		reason.SetMinRowsVisible(3)
		form := widget.NewForm(widget.NewFormItem(lang.L("record.stage.back.to"), to), widget.NewFormItem(lang.L("record.stage.back.reason"), reason))
		confirmForm(cs.u.win, lang.L("record.stage.back"), lang.L("record.stage.back"), form, fyne.NewSize(560, 300), func() {
			if to.SelectedIndex() < 0 {
				return
			}
			if _, err := cs.u.svc.Record.GoBack(cs.u.sess, cs.c.ID, stages[to.SelectedIndex()], reason.Text); err != nil {
				cs.u.showError(err)
				return
			}
			cs.reload(caseTabStages)
		})
	})
	if len(cs.c.BackStages()) == 0 {
		b.Disable()
	}
	return b
}

// closeWithoutDecision ends the case before 决定 (不予立案, 撤销立案…) with a reason.
func (cs *caseScreen) closeWithoutDecision() {
	reason := widget.NewMultiLineEntry()
	reason.SetPlaceHolder(lang.L("record.stage.nodecision.placeholder"))
	reason.SetMinRowsVisible(3)
	date := widget.NewEntry()
	date.SetText(domain.DateOf(cs.u.svc.Store.Now()).String())
	form := widget.NewForm(widget.NewFormItem(lang.L("record.stage.nodecision.reason"), reason), widget.NewFormItem(lang.L("record.stage.date"), date))
	text := widget.NewLabel(lang.L("record.stage.nodecision.text"))
	text.Wrapping = fyne.TextWrapBreak
	confirmForm(cs.u.win, lang.L("record.stage.nodecision"), lang.L("record.stage.nodecision"), container.NewVBox(text, form),
		fyne.NewSize(580, 340), func() {
			day, err := domain.ParseDate(date.Text)
			if err != nil {
				cs.u.showError(err)
				return
			}
			if strings.TrimSpace(reason.Text) == "" {
				cs.u.showError(domain.Errorf(domain.EINVALID, "%s", lang.L("record.stage.nodecision.empty")))
				return
			}
			_, err = cs.u.svc.Record.CompleteStage(cs.u.sess, record.StageStep{CaseID: cs.c.ID, Date: day,
				OfficerID: cs.u.sess.User.OfficerID, NotDecidedReason: reason.Text, Next: domain.StageClose})
			if err != nil && cs.u.sess.User.OfficerID == 0 && len(cs.c.OfficerIDs) > 0 {
				_, err = cs.u.svc.Record.CompleteStage(cs.u.sess, record.StageStep{CaseID: cs.c.ID, Date: day,
					OfficerID: cs.c.OfficerIDs[0], NotDecidedReason: reason.Text, Next: domain.StageClose})
			}
			if err != nil {
				cs.u.showError(err)
				return
			}
			cs.reload(caseTabStages)
		})
}

// decisionForm records the decision while the case is at 决定.
func (cs *caseScreen) decisionForm() fyne.CanvasObject {
	c, u := cs.c, cs.u
	d := c.Decision
	box := container.NewVBox(widget.NewLabelWithStyle(lang.L("record.decision.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	var kindChecks []*widget.Check
	kinds := container.NewGridWithColumns(3)
	if c.Type == domain.ActPenalty {
		for _, k := range domain.AllPenaltyKinds {
			ch := widget.NewCheck(k.Label(), nil)
			for _, have := range d.Kinds {
				ch.SetChecked(ch.Checked || have == k)
			}
			kindChecks = append(kindChecks, ch)
			kinds.Add(ch)
		}
	}
	money := func(m domain.Money) *widget.Entry {
		e := widget.NewEntry()
		if m != 0 {
			e.SetText(m.String())
		}
		e.SetPlaceHolder("0.00")
		return e
	}
	fine, confiscation := money(d.Fine), money(d.Confiscation)
	docNo := widget.NewEntry()
	docNo.SetText(d.DocNumber)
	docNo.SetPlaceHolder(lang.L("record.decision.docno.placeholder"))
	if d.DocNumber == "" && c.Type == domain.ActPenalty {
		docNo.SetText(c.Number) // the usual practice: the decision carries the case number
	}
	date := widget.NewEntry()
	date.SetText(domain.DateOf(u.svc.Store.Now()).String())
	if !d.Date.IsZero() {
		date.SetText(d.Date.String())
	}
	summary := widget.NewMultiLineEntry()
	summary.SetText(d.Summary)
	summary.SetPlaceHolder(lang.L("record.decision.summary.placeholder"))
	summary.Wrapping = fyne.TextWrapBreak
	summary.SetMinRowsVisible(2)
	form := widget.NewForm()
	if c.Type == domain.ActPenalty {
		form.Append(lang.L("record.decision.kinds"), kinds)
		form.Append(lang.L("record.decision.fineamount"), fine)
		form.Append(lang.L("record.decision.confamount"), confiscation)
	}
	form.Append(lang.L("record.decision.docno"), docNo)
	form.Append(lang.L("record.decision.date"), date)
	form.Append(lang.L("record.decision.summary"), summary)
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapBreak
	if d.Decided() {
		status.SetText(lang.L("record.decision.saved") + decisionText(c))
		status.Importance = widget.SuccessImportance
	}
	save := widget.NewButtonWithIcon(lang.L("record.decision.save"), theme.DocumentSaveIcon(), func() {
		n := domain.Decision{DocNumber: docNo.Text, Summary: summary.Text}
		for i, ch := range kindChecks {
			if ch.Checked {
				n.Kinds = append(n.Kinds, domain.AllPenaltyKinds[i])
			}
		}
		var err error
		fail := func(err error) {
			status.Importance = widget.DangerImportance
			status.SetText(domain.ErrorMessage(err))
		}
		if n.Fine, err = domain.ParseMoney(fine.Text, lang.L("record.decision.fineamount")); err != nil {
			fail(err)
			return
		}
		if n.Confiscation, err = domain.ParseMoney(confiscation.Text, lang.L("record.decision.confamount")); err != nil {
			fail(err)
			return
		}
		if n.Date, err = domain.ParseDate(date.Text); err != nil {
			fail(domain.Errorf(domain.EINVALID, "%s：%s", lang.L("record.decision.date"), domain.ErrorMessage(err)))
			return
		}
		if _, err := u.svc.Record.SetDecision(u.sess, c.ID, n); err != nil {
			fail(err)
			return
		}
		cs.reload(caseTabStages)
	})
	box.Add(form)
	box.Add(status)
	box.Add(container.NewHBox(layout.NewSpacer(), save))
	return box
}
