package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"

	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
)

// showLogin asks for a user name and password, with the office's name above so people
// know which data they are signing in to.
func (u *UI) showLogin(name, password string) {
	ag, _ := u.svc.Office.Agency()

	user := widget.NewEntry()
	user.SetPlaceHolder(lang.L("login.user.placeholder"))
	user.SetText(name)
	pass := widget.NewPasswordEntry()
	pass.SetText(password)
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	status.Importance = widget.DangerImportance

	var login *widget.Button
	submit := func() {
		sess, err := u.svc.Office.Login(user.Text, pass.Text)
		if err != nil {
			status.SetText(domain.ErrorMessage(err))
			pass.SetText("")
			u.win.Canvas().Focus(pass)
			return
		}
		u.signedIn(sess)
	}
	login = widget.NewButton(lang.L("login.submit"), submit)
	login.Importance = widget.HighImportance
	user.OnSubmitted = func(string) { u.win.Canvas().Focus(pass) }
	pass.OnSubmitted = func(string) { submit() }

	form := widget.NewForm(
		widget.NewFormItem(lang.L("login.user"), user),
		widget.NewFormItem(lang.L("login.password"), pass),
	)
	title := canvas.NewText(lang.L("app.title"), colorPrimary)
	title.TextSize = 28
	title.TextStyle.Bold = true
	title.Alignment = fyne.TextAlignCenter
	office := widget.NewLabelWithStyle(ag.Name, fyne.TextAlignCenter, fyne.TextStyle{})
	office.SizeName = "subHeadingText"

	card := widget.NewCard(lang.L("login.heading"), "", container.NewVBox(form, status, login))
	panel := container.NewVBox(
		container.NewCenter(title),
		office,
		widget.NewLabel(""),
		container.NewGridWrap(fyne.NewSize(440, 250), card),
		container.NewBorder(nil, nil, nil, u.helpButton(), note(lang.L("login.hint"))),
	)
	u.win.SetContent(container.NewCenter(container.NewGridWrap(fyne.NewSize(440, 420), panel)))
	if name == "" {
		u.win.Canvas().Focus(user)
	} else {
		u.win.Canvas().Focus(pass)
	}
}

// changePasswordScreen makes a user replace a password an admin reset (forced) or lets
// anyone change their own.
func (u *UI) changePasswordScreen(forced bool) fyne.CanvasObject {
	old := widget.NewPasswordEntry()
	pw := widget.NewPasswordEntry()
	pw2 := widget.NewPasswordEntry()
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	status.Importance = widget.DangerImportance
	save := widget.NewButton(lang.L("password.save"), func() {
		sess, err := u.svc.Office.ChangePassword(u.sess, old.Text, pw.Text, pw2.Text)
		if err != nil {
			status.SetText(domain.ErrorMessage(err))
			return
		}
		u.sess = sess
		u.signedIn(sess)
		showMessage(u.win, lang.L("password.title"), lang.L("password.done"))
	})
	save.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem(lang.L("password.old"), old),
		widget.NewFormItem(lang.L("password.new"), pw),
		widget.NewFormItem(lang.L("password.repeat"), pw2),
	)
	intro := lang.L("password.intro")
	if forced {
		intro = lang.L("password.forced")
	}
	buttons := container.NewHBox(u.helpButton(), layout.NewSpacer(), widget.NewButton(lang.L("nav.logout"), u.signOut), save)
	card := widget.NewCard(lang.L("password.title"), "", container.NewVBox(note(intro), form, status, buttons))
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(480, 360), card))
}
