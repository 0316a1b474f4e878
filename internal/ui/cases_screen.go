package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

// casesScreen (案件与记录): the record of enforcement. It opens on the access log
// (调阅记录), which every view, export and print of a record feeds.
func (u *UI) casesScreen() fyne.CanvasObject {
	var body fyne.CanvasObject
	if err := domain.Require(u.sess.User, domain.PermViewAudit, lang.L("cases.accesslog.what")); err != nil {
		body = note(domain.ErrorMessage(err))
	} else {
		events, err := u.svc.Store.Events(store.EventFilter{ActionPrefix: "record.", Newest: true, Limit: 200})
		if err != nil {
			u.showError(err)
		}
		if len(events) == 0 {
			body = widget.NewCard("", "", widget.NewLabel(lang.L("cases.accesslog.empty")))
		} else {
			list := container.NewVBox()
			for _, e := range events {
				list.Add(widget.NewLabel(fmt.Sprintf("%s  %s  %s", e.Time.Local().Format("2006-01-02 15:04"), e.Actor, e.Summary)))
			}
			body = container.NewVScroll(list)
		}
	}
	top := container.NewVBox(heading(lang.L("nav.cases")), subheading(lang.L("cases.accesslog")), note(lang.L("cases.accesslog.intro")))
	return container.NewBorder(top, nil, nil, nil, body)
}
