package ui

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
)

// publicitySettingsTab sets how long changes to a published list may wait before a new
// version must be published (一个月 by default; some localities use 15 个工作日).
func (u *UI) publicitySettingsTab() fyne.CanvasObject {
	limit, err := u.svc.Publicity.PendingLimit()
	if err != nil {
		u.showError(err)
	}
	units := []domain.LimitUnit{domain.LimitMonths, domain.LimitDays, domain.LimitWorkingDays}
	labels := make([]string, len(units))
	for i, un := range units {
		labels[i] = un.Label()
	}
	n := widget.NewEntry()
	n.SetText(strconv.Itoa(limit.N))
	unit := widget.NewSelect(labels, nil)
	unit.SetSelected(limit.Unit.Label())
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	save := widget.NewButton(lang.L("action.save"), func() {
		l := domain.PendingLimit{Unit: domain.DefaultPendingLimit.Unit}
		for i, lb := range labels {
			if lb == unit.Selected {
				l.Unit = units[i]
			}
		}
		v, err := strconv.Atoi(n.Text)
		if err != nil {
			status.Importance = widget.DangerImportance
			status.SetText(lang.L("publicity.settings.number"))
			return
		}
		l.N = v
		if err := u.svc.Publicity.SetPendingLimit(u.sess, l); err != nil {
			status.Importance = widget.DangerImportance
			status.SetText(domain.ErrorMessage(err))
			return
		}
		status.Importance = widget.SuccessImportance
		status.SetText(fmt.Sprintf(lang.L("publicity.settings.saved"), l))
	})
	save.Importance = widget.HighImportance
	if !domain.Allowed(u.sess.User.Roles, domain.PermEditAgency) {
		n.Disable()
		unit.Disable()
		save.Disable()
		status.SetText(lang.L("agency.readonly"))
	}
	form := widget.NewForm(widget.NewFormItem(lang.L("publicity.settings.limit"), container.NewHBox(fixedWidth(80, n), unit)))
	return container.NewVBox(note(lang.L("publicity.settings.intro")), form, status, container.NewHBox(layout.NewSpacer(), save))
}
