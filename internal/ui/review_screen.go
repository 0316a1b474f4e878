package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
)

// reviewScreen (法制审核): the legal unit's staffing against the rule that reviewers number
// at least 5% of enforcement officers.
func (u *UI) reviewScreen() fyne.CanvasObject {
	users, err := u.svc.Store.Users()
	if err != nil {
		u.showError(err)
	}
	var officers, reviewers int
	for _, us := range users {
		if us.Disabled {
			continue
		}
		if us.HasRole(domain.RoleOfficer) {
			officers++
		}
		if us.HasRole(domain.RoleReviewer) {
			reviewers++
		}
	}
	ratio := 0.0
	if officers > 0 {
		ratio = float64(reviewers) / float64(officers) * 100
	}
	verdict := coloredText(lang.L("review.staff.ok"), colorOK, true)
	if ratio < 5 {
		verdict = coloredText(lang.L("review.staff.low"), colorOverdue, true)
	}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("review.staff.officers"), widget.NewLabel(fmt.Sprint(officers))),
		widget.NewFormItem(lang.L("review.staff.reviewers"), widget.NewLabel(fmt.Sprint(reviewers))),
		widget.NewFormItem(lang.L("review.staff.ratio"), widget.NewLabel(fmt.Sprintf("%.1f%%", ratio))),
		widget.NewFormItem("", verdict),
	)
	body := container.NewVBox(subheading(lang.L("review.staff")), note(lang.L("review.staff.intro")), widget.NewCard("", "", form))
	return container.NewBorder(heading(lang.L("nav.review")), nil, nil, nil, body)
}
