package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/record"
	"lawdesk/internal/review"
)

// reviewDetail is the selected case's review: summary and actions, the proposal with its
// materials, the reviewer's checklist and opinion, the rounds side by side, coordination.
func (u *UI) reviewDetail(w review.Workspace, reload func()) fyne.CanvasObject {
	if w.CanReview {
		// the reviewer works with the case on the left and the checklist beside it
		left := container.NewVBox(u.reviewProposalCard(w))
		if reviewDecidedRounds(w.Review) > 0 {
			left.Add(u.reviewRoundsSideBySide(w.Review))
		}
		if len(w.Review.Coordinations) > 0 {
			left.Add(u.reviewCoordinationCard(w.Review))
		}
		// padded, so the scroll bars do not cover the right edge of the content
		split := container.NewHSplit(container.NewVScroll(container.NewPadded(left)),
			container.NewVScroll(container.NewPadded(u.reviewOpinionForm(w, reload))))
		split.Offset = 0.47
		return container.NewBorder(u.reviewSummary(w, reload), nil, nil, nil, split)
	}
	body := container.NewVBox(u.reviewSummary(w, reload))
	if w.Submitted {
		body.Add(u.reviewProposalCard(w))
	} else {
		body.Add(u.reviewMaterialsCard(w.Materials, lang.L("review.materials.now")))
	}
	if w.Submitted && w.Review.Status == domain.ReviewPending {
		body.Add(widget.NewCard("", "", reviewNote(w.Why)))
	}
	if decided := reviewDecidedRounds(w.Review); decided > 0 {
		body.Add(u.reviewRoundsSideBySide(w.Review))
	}
	if len(w.Review.Coordinations) > 0 {
		body.Add(u.reviewCoordinationCard(w.Review))
	}
	return container.NewVScroll(container.NewPadded(body))
}

func reviewDecidedRounds(r domain.Review) int {
	n := 0
	for _, rd := range r.Rounds {
		if rd.Decided() {
			n++
		}
	}
	return n
}

// reviewLabel is a label that wraps at word boundaries.
func reviewLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapBreak
	return l
}

// reviewSummary is the head of the detail: the case, why it needs review, where the review
// stands and the actions sess may take.
func (u *UI) reviewSummary(w review.Workspace, reload func()) fyne.CanvasObject {
	c, r := w.Case, w.Review
	status, col := lang.L("review.status.notsubmitted"), colorDueSoon
	if w.Submitted {
		status, col = r.Status.Label(), colorPrimary
		switch {
		case r.Passed():
			col = colorOK
		case r.Status != domain.ReviewPending:
			col = colorOverdue
		}
	}
	line := fmt.Sprintf(lang.L("review.case.line"), c.MatterName, c.Party.Name, c.Party.Kind.Label()) + " · " +
		fmt.Sprintf(lang.L("review.case.stage"), c.HandlingUnit, u.reviewOfficerNames(c.OfficerIDs), c.Stage.Label(), c.Amount)
	if w.Submitted && r.Status == domain.ReviewPending {
		l := r.Latest()
		line += " · " + fmt.Sprintf(lang.L("review.deadline"), l.No, l.Deadline)
		if l.Extended {
			line += fmt.Sprintf(lang.L("review.extended"), l.ExtendedBy)
		}
	}
	reasons := w.Reasons()
	if len(reasons) == 0 && w.Submitted {
		reasons = r.MajorReasons
	}
	why := lang.L("review.notmajor")
	if len(reasons) > 0 {
		why = lang.L("review.major") + strings.Join(reasons, "；")
	}
	title := container.NewHBox(subheading(c.Number), container.NewCenter(coloredText(status, col, true)))
	box := container.NewVBox(title, reviewLabel(line), reviewNote(why))
	if n := reviewLastDecided(r); n > 0 {
		rd := r.Rounds[n-1]
		op := reviewLabel(fmt.Sprintf(lang.L("review.latest"), rd.No, rd.Opinion.Label(), rd.Reasons, rd.OpinionNo))
		if rd.Opinion != domain.OpinionAgree {
			op.Importance = widget.DangerImportance
		} else {
			op.Importance = widget.SuccessImportance
		}
		box.Add(op)
	}
	box.Add(u.reviewActions(w, reload))
	return widget.NewCard("", "", box)
}

// reviewOfficerNames joins the names of officers by ID.
func (u *UI) reviewOfficerNames(ids []uint64) string {
	var names []string
	for _, id := range ids {
		if o, err := u.svc.Store.Officer(id); err == nil {
			names = append(names, o.Name)
		}
	}
	return strings.Join(names, "、")
}

// reviewActions are the buttons sess may use on this review, each checked again by the
// service when pressed.
func (u *UI) reviewActions(w review.Workspace, reload func()) fyne.CanvasObject {
	c, r, me := w.Case, w.Review, u.sess.User
	handler := (c.Assigned(me.OfficerID) || me.HasRole(domain.RoleHead)) && domain.Allowed(me.Roles, domain.PermReviewSubmit)
	_, decided := c.Completed(domain.StageDecide)
	bar := container.NewHBox()
	if handler && !decided && !c.Locked() {
		switch {
		case !w.Submitted:
			b := widget.NewButtonWithIcon(lang.L("review.submit"), theme.MailSendIcon(), func() { u.reviewSubmitDialog(w, reload) })
			b.Importance = widget.HighImportance
			bar.Add(b)
			bar.Add(widget.NewButton(lang.L("review.marks"), func() { u.reviewMarksDialog(w, reload) }))
		case r.Status == domain.ReviewReturned || r.Status == domain.ReviewTransferred:
			b := widget.NewButtonWithIcon(lang.L("review.resubmit"), theme.MailSendIcon(), func() { u.reviewSubmitDialog(w, reload) })
			b.Importance = widget.HighImportance
			bar.Add(b)
			bar.Add(widget.NewButton(lang.L("review.coordinate.ask"), func() { u.reviewCoordinationRequestDialog(c, reload) }))
		}
	}
	if r.Status == domain.ReviewCoordinating && domain.Allowed(me.Roles, domain.PermReviewCoordinate) {
		b := widget.NewButton(lang.L("review.conclude"), func() { u.reviewConcludeDialog(c, r, reload) })
		b.Importance = widget.HighImportance
		bar.Add(b)
	}
	if w.CanReview && !r.Latest().Extended {
		bar.Add(widget.NewButton(lang.L("review.extend"), func() { u.reviewExtendDialog(c, r, reload) }))
	}
	if handler && c.Stage == domain.StageDecide {
		bar.Add(widget.NewButtonWithIcon(lang.L("review.decide"), theme.ConfirmIcon(), func() { u.reviewDecideFromReview(c, reload) }))
	}
	if w.Submitted && domain.Allowed(me.Roles, domain.PermReviewPrint) {
		var items []*fyne.MenuItem
		if reviewDecidedRounds(r) > 0 {
			items = append(items, fyne.NewMenuItem(lang.L("review.print.opinion"), func() { u.reviewPrintReview(c, review.DocOpinion, reviewLastDecided(r)) }))
		}
		items = append(items,
			fyne.NewMenuItem(lang.L("review.print.submission"), func() { u.reviewPrintReview(c, review.DocSubmission, 0) }),
			fyne.NewMenuItem(lang.L("review.print.history"), func() { u.reviewPrintReview(c, review.DocHistory, 0) }))
		var print *widget.Button
		print = widget.NewButtonWithIcon(lang.L("review.print"), theme.DocumentPrintIcon(), func() {
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(print).AddXY(0, print.Size().Height)
			widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), u.win.Canvas(), pos)
		})
		bar.Add(print)
	}
	return bar
}

// reviewDecideFromReview completes the 决定 stage through the record service, whose gate refuses
// while the review has not passed; the decision itself is filled in under 案件与记录.
func (u *UI) reviewDecideFromReview(c domain.Case, reload func()) {
	if !c.Decision.Decided() {
		// the review comes first: say so before asking for the decision's details
		if err := u.svc.Review.Gate(c, domain.StageDecide); err != nil {
			u.showError(err)
			return
		}
		showMessage(u.win, lang.L("review.decide"), lang.L("review.decide.fillfirst"))
		return
	}
	next := c.NextStages()
	if len(next) == 0 {
		return
	}
	msg := fmt.Sprintf(lang.L("review.decide.ask"), c.Number, c.Decision.Date, next[0].Label())
	confirm(u.win, lang.L("review.decide"), msg, lang.L("review.decide"), func() {
		_, err := u.svc.Record.CompleteStage(u.sess, record.StageStep{CaseID: c.ID, Date: c.Decision.Date,
			Note: lang.L("review.decide.note"), Next: next[0]})
		if err != nil {
			u.showError(err)
			return
		}
		reload()
		showMessage(u.win, lang.L("review.decide"), fmt.Sprintf(lang.L("review.decide.done"), c.Number))
	})
}

// reviewProposalCard shows the latest submission: the proposed decision, reasons and materials.
func (u *UI) reviewProposalCard(w review.Workspace) fyne.CanvasObject {
	l := w.Review.Latest()
	p := l.Submission.Proposed
	form := widget.NewForm()
	add := func(key, value string) {
		if strings.TrimSpace(value) != "" {
			form.Append(lang.L(key), reviewLabel(value))
		}
	}
	add("review.p.content", p.Content)
	if len(p.Penalties) > 0 {
		add("review.p.kinds", domain.PenaltyLabels(p.Penalties))
	}
	if p.Fine > 0 {
		add("review.p.fine", p.Fine.String()+" 元")
	}
	add("review.p.basis", p.Basis)
	bm := p.Benchmark
	if p.BenchmarkMax > 0 {
		bm += fmt.Sprintf(lang.L("review.p.range"), p.BenchmarkMin, p.BenchmarkMax)
	}
	add("review.p.benchmark", bm)
	add("review.p.reasons", l.Submission.Reasons)
	add("review.p.by", fmt.Sprintf("%s　%s", l.Submission.ByName, l.Submission.At.Local().Format("2006-01-02 15:04")))
	box := container.NewVBox(form)
	if len(l.Submission.Responses) > 0 {
		box.Add(subheading(lang.L("review.responses")))
		for _, rsp := range l.Submission.Responses {
			box.Add(reviewLabel("·" + rsp.Problem + "\n→ " + rsp.Response))
		}
	}
	box.Add(u.reviewMaterialsList(w.Materials, lang.L("review.materials")))
	return widget.NewCard("", "", container.NewVBox(subheading(fmt.Sprintf(lang.L("review.proposal"), l.No)), box))
}

// reviewMaterialsCard lists the materials a submission would carry now.
func (u *UI) reviewMaterialsCard(ms []domain.Material, title string) fyne.CanvasObject {
	return widget.NewCard("", "", u.reviewMaterialsList(ms, title))
}

// reviewMaterialsList shows each material, whether it is there, and its documents.
func (u *UI) reviewMaterialsList(ms []domain.Material, title string) fyne.CanvasObject {
	box := container.NewVBox(subheading(title))
	if len(ms) == 0 {
		box.Add(reviewNote(lang.L("review.materials.none")))
	}
	for _, m := range ms {
		mark := widget.NewLabelWithStyle("✓", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		mark.Importance = widget.SuccessImportance
		if !m.Present() {
			mark.Text, mark.Importance = "✗", widget.DangerImportance
			if !m.Required {
				mark.Text, mark.Importance = "—", widget.LowImportance
			}
		}
		name := m.Name
		if m.Required {
			name += lang.L("review.materials.required")
		}
		// the name on its own line and the documents under it, so a long name leaves the
		// links their width in the narrow pane beside the checklist
		var docs fyne.CanvasObject = reviewNote(lang.L("review.materials.missing"))
		if m.Present() {
			docs = u.reviewDocumentButtons(m)
		}
		box.Add(container.NewBorder(nil, nil, container.NewVBox(mark), nil,
			container.NewVBox(reviewLabel(name), docs)))
	}
	if missing := domain.MissingMaterials(ms); len(missing) > 0 {
		l := reviewLabel(fmt.Sprintf(lang.L("review.materials.block"), strings.Join(missing, "、")))
		l.Importance = widget.DangerImportance
		box.Add(l)
	}
	return box
}

// reviewRoundsSideBySide shows every round as a column: what was submitted and answered, what the
// reviewer found, the opinion.
func (u *UI) reviewRoundsSideBySide(r domain.Review) fyne.CanvasObject {
	cols := container.NewHBox()
	for _, rd := range r.Rounds {
		cols.Add(fixedWidth(330, u.reviewRoundColumn(rd)))
	}
	scroll := container.NewHScroll(cols)
	scroll.SetMinSize(fyne.NewSize(300, 420))
	return widget.NewCard("", "", container.NewVBox(subheading(lang.L("review.rounds.title")), reviewNote(lang.L("review.rounds.sub")), scroll))
}

func (u *UI) reviewRoundColumn(rd domain.Round) fyne.CanvasObject {
	box := container.NewVBox(widget.NewLabelWithStyle(fmt.Sprintf(lang.L("review.round"), rd.No), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	box.Add(reviewLabel(fmt.Sprintf(lang.L("review.round.submitted"), rd.Submission.ByName, rd.Submission.At.Local().Format("2006-01-02"),
		rd.Submission.Proposed.Summary())))
	for _, rsp := range rd.Submission.Responses {
		box.Add(reviewNote(lang.L("review.round.answer") + rsp.Response))
	}
	if !rd.Decided() {
		box.Add(reviewNote(fmt.Sprintf(lang.L("review.round.waiting"), rd.Deadline)))
		return widget.NewCard("", "", box)
	}
	grid := container.New(layout.NewFormLayout())
	for _, it := range rd.Checklist {
		c := colorOK
		switch it.Finding {
		case domain.ElementProblem:
			c = colorOverdue
			if !it.Blocking() {
				c = colorDueSoon
			}
		case domain.ElementNA:
			c = colorMuted
		}
		t := widget.NewLabel(it.Title)
		t.Truncation = fyne.TextTruncateEllipsis
		grid.Add(coloredText(it.Finding.Label(), c, it.Finding == domain.ElementProblem))
		grid.Add(t)
	}
	box.Add(grid)
	for _, it := range rd.Problems() {
		text := "·" + it.Title + "：" + it.Note
		if it.Resolved != "" {
			text += fmt.Sprintf(lang.L("review.round.resolved"), it.Resolved)
		}
		box.Add(reviewLabel(text))
	}
	op := container.NewHBox(widget.NewLabelWithStyle(lang.L("review.round.opinion"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		coloredText(rd.Opinion.Label(), reviewOpinionColor(rd.Opinion), true))
	box.Add(op)
	box.Add(reviewLabel(rd.Reasons))
	box.Add(reviewNote(fmt.Sprintf("%s · %s · %s", rd.OpinionNo, rd.ReviewerNm, rd.OpinionAt.Local().Format("2006-01-02"))))
	return widget.NewCard("", "", box)
}

func reviewOpinionColor(o domain.Opinion) color.Color {
	if o == domain.OpinionAgree {
		return colorOK
	}
	return colorOverdue
}

// reviewCoordinationCard shows every coordination: the disagreement and the head's conclusion.
func (u *UI) reviewCoordinationCard(r domain.Review) fyne.CanvasObject {
	box := container.NewVBox()
	for _, c := range r.Coordinations {
		text := fmt.Sprintf(lang.L("review.coord.asked"), c.Round, c.RequestedNm, c.RequestedAt.Local().Format("2006-01-02"), c.Disagreement)
		if c.Concluded() {
			text += "\n" + fmt.Sprintf(lang.L("review.coord.done"), c.Method, c.HeldOn, strings.Join(c.Participants, "、"),
				c.Outcome.Label(), c.Conclusion, c.HeadName)
		} else {
			text += "\n" + lang.L("review.coord.waiting")
		}
		box.Add(reviewLabel(text))
	}
	return widget.NewCard("", "", container.NewVBox(subheading(lang.L("review.coord.title")), box))
}

// reviewDocumentButtons are links that open each document of a material in the record's preview
// window (the view is logged in the access log there); long titles are shortened.
func (u *UI) reviewDocumentButtons(m domain.Material) fyne.CanvasObject {
	box := container.NewVBox()
	for i, id := range m.DocIDs {
		link := widget.NewHyperlink(m.Documents[i], nil)
		link.Truncation = fyne.TextTruncateEllipsis
		link.OnTapped = func() { u.reviewOpenDocument(id) }
		box.Add(link)
	}
	return box
}

// reviewLastDecided is the number of the latest round that has its opinion (0 when none).
func reviewLastDecided(r domain.Review) int {
	for i := len(r.Rounds) - 1; i >= 0; i-- {
		if r.Rounds[i].Decided() {
			return r.Rounds[i].No
		}
	}
	return 0
}

// reviewNote is a muted explanation that wraps anywhere: the review's texts are Chinese
// sentences with a few spaces around figures, which word wrapping breaks at odd places
// (leaving 元 alone at the end of a line).
func reviewNote(text string) fyne.CanvasObject {
	r := note(text).(*widget.RichText)
	r.Wrapping = fyne.TextWrapBreak
	return r
}
