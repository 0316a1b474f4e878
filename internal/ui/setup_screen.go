package ui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
)

// setupScreen is the first-run wizard on an empty data directory: create the office, or
// open the demo office to look around first.
func (u *UI) setupScreen() fyne.CanvasObject {
	create := widget.NewButton(lang.L("setup.create"), func() { u.win.SetContent(u.setupForm()) })
	create.Importance = widget.HighImportance
	demoBtn := widget.NewButton(lang.L("setup.demo"), u.onCreateDemo)

	choose := container.NewGridWithColumns(2,
		widget.NewCard(lang.L("setup.create.title"), "", container.NewVBox(note(lang.L("setup.create.text")), create)),
		widget.NewCard(lang.L("setup.demo.title"), "", container.NewVBox(note(lang.L("setup.demo.text")), demoBtn)),
	)
	body := container.NewVBox(
		container.NewBorder(nil, nil, nil, u.helpButton(), heading(lang.L("setup.welcome"))),
		note(lang.L("setup.intro")),
		choose,
		u.dataDirRow(),
	)
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(860, 420), body))
}

// dataDirRow says where the data will be kept and, unless --data fixed it, offers to
// choose another place (e.g. drive D:) while nothing is stored yet.
func (u *UI) dataDirRow() fyne.CanvasObject {
	where := note(fmt.Sprintf(lang.L("setup.datadir"), u.svc.Store.Dir()))
	if u.svc.ChangeDataDir == nil {
		return where
	}
	change := widget.NewButtonWithIcon(lang.L("datadir.change"), theme.FolderOpenIcon(), u.onChangeDataDir)
	return container.NewBorder(nil, nil, nil, change, where)
}

// onChangeDataDir asks for the data directory: typed, or picked with the folder dialog.
func (u *UI) onChangeDataDir() {
	path := widget.NewEntry()
	path.SetText(u.svc.Store.Dir())
	browse := widget.NewButtonWithIcon(lang.L("datadir.browse"), theme.FolderOpenIcon(), func() {
		pick := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err == nil && dir != nil {
				path.SetText(filepath.FromSlash(dir.Path()))
			}
		}, u.win)
		pick.Resize(fyne.NewSize(900, 600))
		pick.Show()
	})
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	status.Importance = widget.DangerImportance

	var d *dialog.CustomDialog
	use := widget.NewButton(lang.L("datadir.use"), func() {
		svc, err := u.svc.ChangeDataDir(path.Text)
		if err != nil {
			status.SetText(domain.ErrorMessage(err))
			return
		}
		d.Hide()
		u.svc = svc
		u.Start()
		msg := fmt.Sprintf(lang.L("datadir.done"), svc.Store.Dir())
		if need, _ := svc.Office.NeedsSetup(); !need {
			msg = fmt.Sprintf(lang.L("datadir.found"), svc.Store.Dir())
		}
		showMessage(u.win, lang.L("datadir.title"), msg)
	})
	use.Importance = widget.HighImportance
	content := container.NewVBox(
		note(lang.L("datadir.intro")),
		container.NewBorder(nil, nil, nil, browse, path),
		status,
	)
	d = dialog.NewCustomWithoutButtons(lang.L("datadir.title"), content, u.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("dialog.cancel"), func() { d.Hide() }), use})
	d.Resize(fyne.NewSize(680, 270))
	d.Show()
}

func (u *UI) onCreateDemo() {
	res, err := u.createDemo()
	if err != nil {
		u.showError(err)
		return
	}
	u.showLogin("admin", res.Password)
	showMessage(u.win, lang.L("setup.demo.title"), fmt.Sprintf(lang.L("setup.demo.done"), res.Password))
}

// setupForm collects the agency profile and the first administrator.
func (u *UI) setupForm() fyne.CanvasObject {
	name, short, region := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	name.SetPlaceHolder("例如：青山县市场监督管理局")
	short.SetPlaceHolder("例如：青市监")
	region.SetPlaceHolder("例如：贵州省六盘水市青山县")
	adminName, adminFull := widget.NewEntry(), widget.NewEntry()
	adminName.SetText("admin")
	pw, pw2 := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	status.Importance = widget.DangerImportance

	form := widget.NewForm(
		widget.NewFormItem(lang.L("agency.name"), name),
		widget.NewFormItem(lang.L("agency.short"), short),
		widget.NewFormItem(lang.L("agency.region"), region),
		widget.NewFormItem(lang.L("user.name"), adminName),
		widget.NewFormItem(lang.L("user.fullname"), adminFull),
		widget.NewFormItem(lang.L("password.new"), pw),
		widget.NewFormItem(lang.L("password.repeat"), pw2),
	)
	form.Items[1].HintText = lang.L("agency.short.hint")
	form.Items[5].HintText = fmt.Sprintf(lang.L("password.hint"), domain.MinPasswordLength)

	submit := widget.NewButton(lang.L("setup.submit"), func() {
		sess, err := u.svc.Office.Setup(office.SetupRequest{
			Agency:    domain.Agency{Name: name.Text, ShortName: short.Text, Region: region.Text},
			AdminName: adminName.Text, AdminFullName: adminFull.Text, Password: pw.Text, Password2: pw2.Text,
		})
		if err != nil {
			status.SetText(domain.ErrorMessage(err))
			return
		}
		u.signedIn(sess)
	})
	submit.Importance = widget.HighImportance
	back := widget.NewButton(lang.L("setup.back"), func() { u.win.SetContent(u.setupScreen()) })
	body := container.NewVBox(
		container.NewBorder(nil, nil, nil, u.helpButton(), heading(lang.L("setup.create.title"))),
		note(lang.L("setup.form.intro")),
		form, status,
		container.NewHBox(layout.NewSpacer(), back, submit),
	)
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(720, 600), body))
}
