package ui

import (
	"fmt"
	"slices"

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

// usersTab is user management: a table of accounts and the actions an admin needs.
func (u *UI) usersTab() fyne.CanvasObject {
	if err := domain.Require(u.sess.User, domain.PermManageUsers, lang.L("users.what")); err != nil {
		return note(domain.ErrorMessage(err))
	}
	var users []domain.User
	selected := -1
	headers := []string{lang.L("user.name"), lang.L("user.fullname"), lang.L("user.roles"), lang.L("user.status"), lang.L("user.phone")}
	widths := []float32{130, 110, 300, 170, 150}
	table := widget.NewTable(
		func() (int, int) { return len(users), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			us := users[id.Row]
			cells := []string{us.Name, us.FullName, domain.RoleLabels(us.Roles), u.userStatus(us), us.Phone}
			l := o.(*widget.Label)
			l.SetText(cells[id.Col])
			l.Truncation = fyne.TextTruncateEllipsis
		})
	setHeaders(table, headers, widths)

	edit := widget.NewButtonWithIcon(lang.L("users.edit"), theme.DocumentCreateIcon(), nil)
	reset := widget.NewButtonWithIcon(lang.L("users.reset"), theme.ViewRefreshIcon(), nil)
	unlock := widget.NewButtonWithIcon(lang.L("users.unlock"), theme.VisibilityIcon(), nil)
	actions := []*widget.Button{edit, reset, unlock}
	setEnabled := func() {
		for _, b := range actions {
			if selected >= 0 && selected < len(users) {
				b.Enable()
			} else {
				b.Disable()
			}
		}
		if selected >= 0 && selected < len(users) && !users[selected].Locked(u.svc.Store.Now()) {
			unlock.Disable()
		}
	}
	load := func() {
		var err error
		users, err = u.svc.Office.Users(u.sess)
		if err != nil {
			u.showError(err)
		}
		selected = -1
		table.UnselectAll()
		table.Refresh()
		setEnabled()
	}
	table.OnSelected = func(id widget.TableCellID) { selected = id.Row; setEnabled() }

	add := widget.NewButtonWithIcon(lang.L("users.add"), theme.ContentAddIcon(), func() { u.userDialog(nil, load) })
	add.Importance = widget.HighImportance
	edit.OnTapped = func() { us := users[selected]; u.userDialog(&us, load) }
	reset.OnTapped = func() { u.resetPasswordDialog(users[selected], load) }
	unlock.OnTapped = func() {
		us := users[selected]
		if err := u.svc.Office.Unlock(u.sess, us.ID); err != nil {
			u.showError(err)
			return
		}
		load()
	}
	load()
	bar := container.NewHBox(add, edit, reset, unlock, layout.NewSpacer())
	return container.NewBorder(container.NewVBox(note(lang.L("users.intro")), bar), nil, nil, nil, table)
}

// userStatus is the account's state in words.
func (u *UI) userStatus(us domain.User) string {
	switch {
	case us.Disabled:
		return lang.L("user.status.disabled")
	case us.Locked(u.svc.Store.Now()):
		return fmt.Sprintf(lang.L("user.status.locked"), us.LockedUntil.Local().Format("15:04"))
	case us.MustChangePassword:
		return lang.L("user.status.mustchange")
	}
	return lang.L("user.status.ok")
}

// userDialog creates (existing == nil) or edits an account, with the first password for
// new accounts. Service errors are shown in the dialog, which stays open to fix them.
func (u *UI) userDialog(existing *domain.User, done func()) {
	name, full, phone := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	pw := widget.NewPasswordEntry()
	disabled := widget.NewCheck(lang.L("user.disabled"), nil)
	var roleChecks []*widget.Check
	roleBox := container.NewGridWithColumns(3)
	for _, r := range domain.AllRoles {
		c := widget.NewCheck(lang.L("role."+string(r)), nil)
		if existing != nil {
			c.SetChecked(existing.HasRole(r))
		}
		roleChecks = append(roleChecks, c)
		roleBox.Add(c)
	}
	officer, officerID := u.officerSelect(existing)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("user.name"), name),
		widget.NewFormItem(lang.L("user.fullname"), full),
		widget.NewFormItem(lang.L("user.roles"), roleBox),
		widget.NewFormItem(lang.L("user.phone"), phone),
	}
	title := lang.L("users.add")
	if existing != nil {
		title = lang.L("users.edit")
		name.SetText(existing.Name)
		full.SetText(existing.FullName)
		phone.SetText(existing.Phone)
		disabled.SetChecked(existing.Disabled)
		items = append(items, widget.NewFormItem(lang.L("user.status"), disabled))
	} else {
		pw.SetText(office.GeneratePassword())
		pw.Password = false
		items = append(items, &widget.FormItem{Text: lang.L("user.firstpassword"), Widget: pw, HintText: lang.L("user.firstpassword.hint")})
	}
	items = append(items, &widget.FormItem{Text: lang.L("publicity.user.officer"), Widget: officer, HintText: lang.L("publicity.user.officer.hint")})
	items[0].HintText = lang.L("user.name.hint")
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	status.Importance = widget.DangerImportance

	form := widget.NewForm(items...)
	var d dialog.Dialog
	save := widget.NewButton(lang.L("action.save"), func() {
		f := office.UserForm{Name: name.Text, FullName: full.Text, Phone: phone.Text, Disabled: disabled.Checked, Password: pw.Text}
		if existing != nil {
			f.ID = existing.ID
		}
		f.OfficerID = officerID()
		for i, r := range domain.AllRoles {
			if roleChecks[i].Checked && !slices.Contains(f.Roles, r) {
				f.Roles = append(f.Roles, r)
			}
		}
		saved, err := u.svc.Office.SaveUser(u.sess, f)
		if err != nil {
			status.SetText(domain.ErrorMessage(err))
			return
		}
		d.Hide()
		done()
		if existing == nil {
			showMessage(u.win, title, fmt.Sprintf(lang.L("users.created"), saved.Name, f.Password))
		}
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("action.cancel"), func() { d.Hide() })
	content := container.NewBorder(nil, container.NewVBox(status, container.NewHBox(layout.NewSpacer(), cancel, save)), nil, nil, form)
	d = dialog.NewCustomWithoutButtons(title, content, u.win)
	d.Resize(fyne.NewSize(640, 480))
	d.Show()
}

// resetPasswordDialog lets an admin set a temporary password that must be changed.
func (u *UI) resetPasswordDialog(us domain.User, done func()) {
	pw := widget.NewEntry()
	pw.SetText(office.GeneratePassword())
	msg := fmt.Sprintf(lang.L("users.reset.text"), us.Name, us.DisplayName())
	form := widget.NewForm(widget.NewFormItem(lang.L("user.temppassword"), pw))
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("users.reset"), lang.L("users.reset"), lang.L("action.cancel"),
		container.NewVBox(label, form), func(ok bool) {
			if !ok {
				return
			}
			if err := u.svc.Office.ResetPassword(u.sess, us.ID, pw.Text); err != nil {
				u.showError(err)
				return
			}
			done()
			showMessage(u.win, lang.L("users.reset"), fmt.Sprintf(lang.L("users.reset.done"), us.Name, pw.Text))
		}, u.win)
	d.Resize(fyne.NewSize(520, 280))
	d.Show()
}
