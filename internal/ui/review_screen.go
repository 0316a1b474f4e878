package ui

import (
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/review"
)

// reviewView is the 法制审核 section: the list of reviews (and of major cases still to be
// submitted) on the left, the selected case's review on the right.
type reviewView struct {
	u        *UI
	all      []review.Entry
	shown    []review.Entry
	filter   string
	selected uint64 // case ID
	list     *widget.List
	detail   *fyne.Container
	count    *widget.Label
	earlier  uint64         // cursor of the settled reviews not read yet (0: all read)
	more     *widget.Button // reads the next page of them
}

// Filters of the list, as translation keys.
var reviewFilters = []string{"review.filter.all", "review.filter.mine", "review.filter.pending", "review.filter.todo",
	"review.filter.returned", "review.filter.coordinating", "review.filter.passed"}

// reviewScreen (法制审核) lists the reviews sess may see, most pressing first, and shows the
// selected one: the case, the proposal with its materials, the checklist and opinion for the
// reviewer, every round side by side and the coordination record.
func (u *UI) reviewScreen() fyne.CanvasObject {
	v := &reviewView{u: u, detail: container.NewStack(), count: widget.NewLabel("")}
	if id, err := strconv.ParseUint(u.takeTarget(), 10, 64); err == nil {
		v.selected = id
	}
	v.list = widget.NewList(
		func() int { return len(v.shown) },
		func() fyne.CanvasObject {
			no := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			no.Truncation = fyne.TextTruncateEllipsis
			status := coloredText("", colorMuted, true)
			sub := widget.NewLabel("")
			sub.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(no, container.NewBorder(nil, nil, container.NewPadded(status), nil, sub))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			e := v.shown[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(e.CaseNo)
			line := box.Objects[1].(*fyne.Container)
			line.Objects[0].(*widget.Label).SetText(reviewEntryLine(e))
			st := line.Objects[1].(*fyne.Container).Objects[0].(*canvas.Text)
			st.Text, st.Color = reviewEntryStatus(e)
			st.Refresh()
		})
	v.list.OnSelected = func(i widget.ListItemID) {
		if i < len(v.shown) && v.shown[i].CaseID != v.selected {
			v.selected = v.shown[i].CaseID
			v.showDetail()
		}
	}
	filter := widget.NewSelect(reviewTranslated(reviewFilters), nil)
	filter.SetSelectedIndex(0) // before the callback, so the target chosen above stays selected
	v.filter = filter.Selected
	filter.OnChanged = func(s string) {
		v.filter = s
		v.applyFilter()
	}
	v.more = widget.NewButtonWithIcon(lang.L("review.more"), theme.MoreVerticalIcon(), v.loadEarlier)
	catalogue := widget.NewButtonWithIcon(lang.L("review.catalogue.print"), theme.DocumentPrintIcon(), u.reviewPrintCatalogue)
	v.reload()

	left := container.NewBorder(container.NewVBox(filter, v.count), v.more, nil, nil, v.list)
	split := container.NewHSplit(left, v.detail)
	split.Offset = 0.25
	header := container.NewHBox(heading(lang.L("nav.review")), layout.NewSpacer(), u.reviewStaffingBadge(), catalogue)
	return container.NewBorder(header, nil, nil, nil, split)
}

func reviewTranslated(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = lang.L(k)
	}
	return out
}

// reload reads the list again (the open work and the newest settled reviews) and shows the
// selected case (or the first).
func (v *reviewView) reload() {
	page, err := v.u.svc.Review.FirstPage(v.u.sess)
	if err != nil {
		v.u.showError(err)
	}
	v.all, v.earlier = page.Entries, page.Next
	v.showMore()
	v.keepOpenedCase()
	v.applyFilter()
}

// loadEarlier adds the next page of earlier settled reviews to the list.
func (v *reviewView) loadEarlier() {
	page, err := v.u.svc.Review.EarlierEntries(v.u.sess, v.earlier)
	if err != nil {
		v.u.showError(err)
		return
	}
	listed := map[uint64]bool{}
	for _, e := range v.all {
		listed[e.CaseID] = true
	}
	for _, e := range page.Entries {
		if !listed[e.CaseID] { // a settled review of a case still open is already listed
			v.all = append(v.all, e)
		}
	}
	v.earlier = page.Next
	v.showMore()
	v.applyFilter()
}

// showMore shows the button for earlier reviews while there are some.
func (v *reviewView) showMore() {
	if v.more == nil {
		return
	}
	if v.earlier == 0 {
		v.more.Hide()
	} else {
		v.more.Show()
	}
}

// keepOpenedCase lists the case the screen was opened for (from the case's 决定 stage) even
// when no rule makes it major, so the officer can send it to review of their own accord.
func (v *reviewView) keepOpenedCase() {
	if v.selected == 0 {
		return
	}
	for _, e := range v.all {
		if e.CaseID == v.selected {
			return
		}
	}
	a, err := v.u.svc.Review.Assess(v.u.sess, v.selected, nil)
	if err != nil {
		return
	}
	c := a.Case
	v.all = append([]review.Entry{{CaseID: c.ID, CaseNo: c.Number, Party: c.Party.MaskedName(), Matter: c.MatterName,
		Stage: c.Stage, Review: a.Review, Submitted: a.Submitted, Reasons: a.Reasons()}}, v.all...)
}

// applyFilter narrows the list to the chosen filter and keeps the selection when it stays.
func (v *reviewView) applyFilter() {
	v.shown = v.shown[:0]
	me := v.u.sess.User
	for _, e := range v.all {
		keep := true
		switch v.filter {
		case lang.L("review.filter.mine"):
			keep = e.Submitted && e.Review.Status == domain.ReviewPending && me.HasRole(domain.RoleReviewer) &&
				!slices.Contains(e.Review.HandlerLogins, me.Name)
		case lang.L("review.filter.pending"):
			keep = e.Submitted && e.Review.Status == domain.ReviewPending
		case lang.L("review.filter.todo"):
			keep = !e.Submitted
		case lang.L("review.filter.returned"):
			keep = e.Submitted && (e.Review.Status == domain.ReviewReturned || e.Review.Status == domain.ReviewTransferred)
		case lang.L("review.filter.coordinating"):
			keep = e.Submitted && e.Review.Status == domain.ReviewCoordinating
		case lang.L("review.filter.passed"):
			keep = e.Submitted && e.Review.Passed()
		}
		if keep {
			v.shown = append(v.shown, e)
		}
	}
	v.count.SetText(fmt.Sprintf(lang.L("review.count"), len(v.shown)))
	if v.list == nil {
		return
	}
	v.list.Refresh()
	index := -1
	for i, e := range v.shown {
		if e.CaseID == v.selected {
			index = i
		}
	}
	if index < 0 && len(v.shown) > 0 {
		index = 0
		v.selected = v.shown[0].CaseID
	}
	if index >= 0 {
		v.list.Select(index)
	} else {
		v.list.UnselectAll()
		v.selected = 0
	}
	v.showDetail()
}

// reviewEntryStatus is the status word of a list entry and its colour.
func reviewEntryStatus(e review.Entry) (string, color.Color) {
	switch {
	case !e.Submitted:
		return e.Status(), colorDueSoon
	case e.Review.Status == domain.ReviewPending && e.DaysLeft < 0:
		return lang.L("review.status.overdue"), colorOverdue
	case e.Review.Status == domain.ReviewPending:
		return e.Status(), colorPrimary
	case e.Review.Passed():
		return e.Status(), colorOK
	case e.Review.Status == domain.ReviewCoordinating:
		return e.Status(), colorDueSoon
	}
	return e.Status(), colorOverdue
}

// reviewEntryLine is the second line of a list entry: the party and the deadline or opinion.
func reviewEntryLine(e review.Entry) string {
	parts := []string{e.Party}
	switch {
	case !e.Submitted:
		parts = append(parts, e.Stage.Label())
	case e.Review.Status == domain.ReviewPending && e.DaysLeft >= 0:
		parts = append(parts, fmt.Sprintf(lang.L("review.daysleft"), e.DaysLeft))
	case e.Review.Status == domain.ReviewPending:
		parts = append(parts, fmt.Sprintf(lang.L("review.daysover"), -e.DaysLeft))
	default:
		parts = append(parts, fmt.Sprintf(lang.L("review.rounds"), len(e.Review.Rounds)))
	}
	return strings.Join(parts, " · ")
}

// reviewStaffingBadge warns in the header when the legal unit has too few reviewers.
func (u *UI) reviewStaffingBadge() fyne.CanvasObject {
	rep, err := u.svc.Review.Staffing()
	if err != nil || rep.OK() {
		return layout.NewSpacer()
	}
	b := widget.NewButtonWithIcon(lang.L("rvstaff.low"), theme.WarningIcon(), func() { u.openTarget("settings:review") })
	b.Importance = widget.WarningImportance
	return b
}

// showDetail rebuilds the right-hand side for the selected case.
func (v *reviewView) showDetail() {
	if v.selected == 0 {
		v.detail.Objects = []fyne.CanvasObject{container.NewCenter(reviewNote(lang.L("review.empty")))}
		v.detail.Refresh()
		return
	}
	w, err := v.u.svc.Review.Open(v.u.sess, v.selected)
	if err != nil {
		v.detail.Objects = []fyne.CanvasObject{container.NewPadded(reviewNote(domain.ErrorMessage(err)))}
		v.detail.Refresh()
		return
	}
	v.detail.Objects = []fyne.CanvasObject{v.u.reviewDetail(w, v.reload)}
	v.detail.Refresh()
}
