package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
)

// reviewCasePanel tells the officer at the 决定 stage of a case whether its decision needs legal
// review: which rules of the catalogue match and why, where the review stands, and a way to
// open it (or to send a case no rule catches). Nothing when sess may not see reviews.
func (u *UI) reviewCasePanel(c domain.Case) fyne.CanvasObject {
	if u.svc.Review == nil || !domain.Allowed(u.sess.User.Roles, domain.PermReviewView) {
		return container.NewVBox()
	}
	a, err := u.svc.Review.Assess(u.sess, c.ID, nil)
	if err != nil {
		return reviewNote(domain.ErrorMessage(err))
	}
	box := container.NewVBox(subheading(lang.L("review.panel.title")))
	open := widget.NewButtonWithIcon(lang.L("review.panel.open"), theme.NavigateNextIcon(),
		func() { u.openTarget(fmt.Sprintf("review:%d", c.ID)) })
	if !a.NeedsReview() {
		box.Add(reviewNote(lang.L("review.panel.notmajor")))
		open.SetText(lang.L("review.panel.send"))
		box.Add(container.NewHBox(open))
		return box
	}
	for _, r := range a.Evaluation.Matched() {
		box.Add(reviewLabel(fmt.Sprintf(lang.L("review.panel.rule"), r.Rule.Title, joinLines(r.Reasons))))
	}
	if a.Marks.Voluntary {
		box.Add(reviewLabel(lang.L("review.panel.voluntary") + a.Marks.Note))
	}
	status := lang.L("review.status.notsubmitted") + "：" + lang.L("review.panel.submitfirst")
	importance := widget.WarningImportance
	if a.Submitted {
		status = a.Review.Status.Label()
		if msg := a.Review.GateMessage(); msg != "" {
			status += "：" + msg
		} else {
			importance = widget.SuccessImportance
		}
	}
	st := reviewLabel(status)
	st.Importance = importance
	st.TextStyle.Bold = true
	box.Add(st)
	open.Importance = widget.HighImportance
	box.Add(container.NewHBox(open))
	return box
}

// joinLines joins reasons with the Chinese semicolon.
func joinLines(list []string) string {
	out := ""
	for i, s := range list {
		if i > 0 {
			out += "；"
		}
		out += s
	}
	return out
}
