package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// publicityScreen (公示): what the office publishes about itself. It starts with the
// enforcement body (执法主体) from the agency profile.
func (u *UI) publicityScreen() fyne.CanvasObject {
	ag, err := u.svc.Office.Agency()
	if err != nil {
		u.showError(err)
	}
	rows := [][2]string{
		{lang.L("agency.name"), ag.Name}, {lang.L("agency.credit"), ag.CreditCode},
		{lang.L("agency.region"), ag.Region}, {lang.L("agency.address"), ag.Address},
		{lang.L("agency.legalrep"), ag.LegalRep}, {lang.L("agency.phone"), ag.Phone},
		{lang.L("agency.url"), ag.PublicURL},
	}
	form := widget.NewForm()
	for _, r := range rows {
		v := r[1]
		if v == "" {
			v = lang.L("common.notset")
		}
		l := widget.NewLabel(v)
		l.Wrapping = fyne.TextWrapWord
		form.Append(r[0], l)
	}
	body := container.NewVBox(
		subheading(lang.L("publicity.body")),
		note(lang.L("publicity.body.intro")),
		widget.NewCard("", "", form),
	)
	return container.NewBorder(heading(lang.L("nav.publicity")), nil, nil, nil, container.NewVScroll(body))
}
