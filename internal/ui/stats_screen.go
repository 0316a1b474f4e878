package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

// statsScreen (统计与报表): figures counted from the store itself. It starts with the
// office's people by role and this year's recorded activity by month.
func (u *UI) statsScreen() fyne.CanvasObject {
	users, err := u.svc.Store.Users()
	if err != nil {
		u.showError(err)
	}
	people := widget.NewForm()
	for _, r := range domain.AllRoles {
		n := 0
		for _, us := range users {
			if us.HasRole(r) && !us.Disabled {
				n++
			}
		}
		people.Append(lang.L("role."+string(r)), widget.NewLabel(fmt.Sprint(n)))
	}

	now := u.svc.Store.Now()
	events, err := u.svc.Store.Events(store.EventFilter{From: startOfYear(now)})
	if err != nil {
		u.showError(err)
	}
	var byMonth [12]int
	for _, e := range events {
		byMonth[e.Time.Local().Month()-1]++
	}
	months := container.NewGridWithColumns(6)
	for m := 0; m < 12; m++ {
		months.Add(widget.NewLabel(fmt.Sprintf(lang.L("stats.month"), m+1, byMonth[m])))
	}
	body := container.NewVBox(
		subheading(lang.L("stats.people")), widget.NewCard("", "", people),
		subheading(fmt.Sprintf(lang.L("stats.activity"), now.Year(), len(events))), widget.NewCard("", "", months),
	)
	return container.NewBorder(heading(lang.L("nav.stats")), nil, nil, nil, container.NewVScroll(body))
}

func startOfYear(t time.Time) time.Time {
	return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, t.Location())
}
