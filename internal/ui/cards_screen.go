package ui

import (
	"fmt"
	"image"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/pdf"
	"lawdesk/internal/publicity"
)

// cardsScreen (岗位信息公示牌): the service windows and who staffs them, and printing
// their posting-board cards on A4 or A5, one window or all of them.
func (u *UI) cardsScreen() fyne.CanvasObject {
	var windows []domain.Window
	sel := -1
	officerName := map[uint64]string{}
	headers := []string{lang.L("publicity.window.name"), lang.L("publicity.window.staff"), lang.L("publicity.window.post"), lang.L("publicity.photo")}
	table := widget.NewTable(
		func() (int, int) { return len(windows), len(headers) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			w := windows[id.Row]
			photo := lang.L("publicity.photo.none")
			switch {
			case w.PhotoSHA != "":
				photo = lang.L("publicity.photo.own")
			case w.OfficerID != 0:
				photo = lang.L("publicity.photo.officer")
			}
			staff := w.Staff
			if w.OfficerID != 0 {
				staff += lang.L("publicity.window.isofficer")
			}
			cells := []string{w.Name, staff, w.Post, photo}
			o.(*widget.Label).SetText(cells[id.Col])
		})
	setListHeaders(table, headers, []float32{230, 100, 100, 110})
	preview := canvas.NewImageFromImage(nil)
	preview.FillMode = canvas.ImageFillContain
	preview.SetMinSize(fyne.NewSize(320, 300))
	previewNote := note(lang.L("publicity.cards.preview.none"))
	message := widget.NewLabel("")
	message.Hide()
	message.Importance = widget.SuccessImportance
	message.Wrapping = fyne.TextWrapWord
	canEdit := domain.Allowed(u.sess.User.Roles, publicity.PermEditCards)

	edit := widget.NewButtonWithIcon(lang.L("publicity.edit"), theme.DocumentCreateIcon(), nil)
	remove := widget.NewButtonWithIcon(lang.L("publicity.delete"), theme.DeleteIcon(), nil)
	printOne := widget.NewButtonWithIcon(lang.L("publicity.cards.printone"), theme.DocumentPrintIcon(), nil)
	update := func() {
		for _, b := range []*widget.Button{edit, remove, printOne} {
			if sel >= 0 && sel < len(windows) {
				b.Enable()
			} else {
				b.Disable()
			}
		}
		if !canEdit {
			edit.Disable()
			remove.Disable()
		}
	}
	var load func(selectID uint64)
	load = func(selectID uint64) {
		var err error
		windows, err = u.svc.Publicity.Windows(u.sess)
		if err != nil {
			u.showError(err)
		}
		if officers, err := u.svc.Publicity.Officers(); err == nil {
			for _, o := range officers {
				officerName[o.ID] = o.Name
			}
		}
		sel = -1
		table.UnselectAll()
		table.Refresh()
		for i, w := range windows {
			if w.ID == selectID {
				table.Select(widget.TableCellID{Row: i})
			}
		}
		update()
	}
	size := widget.NewSelect([]string{lang.L("publicity.cards.a4"), lang.L("publicity.cards.a5")}, nil)
	cardSize := func() pdf.CardSize {
		if size.Selected == lang.L("publicity.cards.a5") {
			return pdf.CardA5Landscape
		}
		return pdf.CardA4
	}
	// showPreview renders the selected window's card off the UI goroutine.
	generation := 0
	showPreview := func() {
		generation++
		if sel < 0 || sel >= len(windows) {
			preview.Image = nil
			preview.Refresh()
			previewNote.Show()
			return
		}
		w, paper, gen := windows[sel], cardSize(), generation
		runInBackground(func() {
			img, err := u.svc.Publicity.CardPreview(u.sess, w, paper, 900)
			fyne.Do(func() {
				if gen != generation {
					return // another window was selected meanwhile
				}
				if err != nil {
					u.showError(err)
					return
				}
				previewNote.Hide()
				preview.Image = img
				preview.Refresh()
			})
		})
	}
	table.OnSelected = func(id widget.TableCellID) { sel = id.Row; update(); showPreview() }
	size.OnChanged = func(string) { showPreview() }
	size.SetSelected(lang.L("publicity.cards.a4"))
	print := func(ids []uint64, name string) {
		paper := cardSize()
		u.saveAs(name, func(w io.Writer) error {
			return u.svc.Publicity.PrintCards(u.sess, w, ids, paper, nil)
		})
	}
	add := widget.NewButtonWithIcon(lang.L("publicity.window.add"), theme.ContentAddIcon(), func() {
		u.windowDialog(nil, func(w domain.Window) {
			load(w.ID)
			message.SetText(fmt.Sprintf(lang.L("publicity.window.saved"), w.Name))
			message.Show()
		})
	})
	add.Importance = widget.HighImportance
	if !canEdit {
		add.Disable()
	}
	edit.OnTapped = func() {
		w := windows[sel]
		u.windowDialog(&w, func(w domain.Window) {
			load(w.ID)
			message.SetText(fmt.Sprintf(lang.L("publicity.window.saved"), w.Name))
			message.Show()
		})
	}
	remove.OnTapped = func() {
		w := windows[sel]
		confirm(u.win, lang.L("publicity.delete"), fmt.Sprintf(lang.L("publicity.window.delete.confirm"), w.Name), lang.L("publicity.delete"), func() {
			if err := u.svc.Publicity.DeleteWindow(u.sess, w.ID); err != nil {
				u.showError(err)
				return
			}
			load(0)
			message.SetText(fmt.Sprintf(lang.L("publicity.window.removed"), w.Name))
			message.Show()
		})
	}
	printOne.OnTapped = func() {
		w := windows[sel]
		print([]uint64{w.ID}, fmt.Sprintf("岗位信息公示牌-%s.pdf", fileSafe(w.Staff)))
	}
	printAll := widget.NewButtonWithIcon(lang.L("publicity.cards.printall"), theme.DocumentPrintIcon(), func() {
		print(nil, "岗位信息公示牌（全部窗口）.pdf")
	})
	printAll.Importance = widget.HighImportance
	ag, _ := u.svc.Office.Agency()
	qr := ag.PublicURL
	if qr == "" {
		qr = lang.L("publicity.cards.noqr")
	}
	intro := note(fmt.Sprintf(lang.L("publicity.cards.intro"), qr))
	tools := container.NewHBox(add, edit, remove, layout.NewSpacer(), widget.NewLabel(lang.L("publicity.cards.paper")), size, printOne, printAll)
	load(0)
	top := container.NewVBox(subheading(lang.L("publicity.cards")), intro, tools, message)
	right := container.NewBorder(widget.NewLabelWithStyle(lang.L("publicity.cards.preview"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, nil, nil, container.NewStack(container.NewCenter(previewNote), preview))
	split := container.NewHSplit(table, right)
	split.SetOffset(0.6)
	return container.NewBorder(top, nil, nil, nil, split)
}

// fileSafe removes characters file names may not contain.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, r) {
			return '_'
		}
		return r
	}, s)
}

// windowDialog adds (existing == nil) or edits a service window and its card.
func (u *UI) windowDialog(existing *domain.Window, saved func(domain.Window)) {
	w := domain.Window{}
	if existing != nil {
		w = *existing
	}
	officers, err := u.svc.Publicity.Officers()
	if err != nil {
		u.showError(err)
	}
	noOfficer := lang.L("publicity.window.notofficer")
	options := []string{noOfficer}
	ids := map[string]uint64{noOfficer: 0}
	current := noOfficer
	for _, o := range officers {
		if o.Left && o.ID != w.OfficerID {
			continue
		}
		label := fmt.Sprintf("%s（%s）", o.Name, o.Unit)
		options = append(options, label)
		ids[label] = o.ID
		if o.ID == w.OfficerID {
			current = label
		}
	}
	name, staff, post := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	duties, services, materials := widget.NewMultiLineEntry(), widget.NewMultiLineEntry(), widget.NewMultiLineEntry()
	for _, e := range []*widget.Entry{duties, services, materials} {
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(4)
	}
	progress, consult, complaint := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	officer := widget.NewSelect(options, func(s string) {
		if id := ids[s]; id != 0 {
			for _, o := range officers {
				if o.ID == id {
					staff.SetText(o.Name)
					if post.Text == "" {
						post.SetText(o.Post)
					}
				}
			}
		}
	})
	officer.SetSelected(current)
	name.SetText(w.Name)
	staff.SetText(w.Staff)
	post.SetText(w.Post)
	duties.SetText(w.Duties)
	services.SetText(strings.Join(w.Services, "\n"))
	materials.SetText(w.Materials)
	progress.SetText(w.ProgressPhone)
	consult.SetText(w.Consultation)
	complaint.SetText(w.ComplaintPhone)
	name.SetPlaceHolder(lang.L("publicity.window.name.placeholder"))
	services.SetPlaceHolder(lang.L("publicity.window.services.placeholder"))

	var currentPhoto image.Image
	if existing != nil {
		currentPhoto, _ = u.svc.Publicity.Photo(w)
	}
	photo := newPhotoPicker(u, currentPhoto)

	fields := map[string]*widget.Label{}
	item := func(key, label string, obj fyne.CanvasObject, hint string) *widget.FormItem {
		l := errorLabel()
		fields[key] = l
		fi := widget.NewFormItem(label, container.NewVBox(obj, l))
		fi.HintText = hint
		return fi
	}
	form := widget.NewForm(
		item("name", lang.L("publicity.window.name")+" *", name, ""),
		item("officer", lang.L("publicity.window.officer"), officer, lang.L("publicity.window.officer.hint")),
		item("staff", lang.L("publicity.window.staff")+" *", staff, ""),
		item("post", lang.L("publicity.window.post"), post, ""),
		widget.NewFormItem(lang.L("publicity.photo"), photo.widget),
		item("duties", lang.L("publicity.window.duties"), duties, ""),
		item("services", lang.L("publicity.window.services"), services, lang.L("publicity.window.oneperline")),
		item("materials", lang.L("publicity.window.materials"), materials, lang.L("publicity.window.oneperline")),
		item("progress_phone", lang.L("publicity.window.progress"), progress, ""),
		item("consultation", lang.L("publicity.window.consult"), consult, ""),
		item("complaint_phone", lang.L("publicity.window.complaint"), complaint, lang.L("publicity.window.phones.hint")),
	)
	status := errorLabel()
	var d dialog.Dialog
	save := widget.NewButton(lang.L("action.save"), func() {
		for _, l := range fields {
			l.Hide()
		}
		status.Hide()
		w.Name, w.OfficerID, w.Staff, w.Post = name.Text, ids[officer.Selected], staff.Text, post.Text
		w.Duties, w.Services, w.Materials = duties.Text, strings.Split(services.Text, "\n"), materials.Text
		w.ProgressPhone, w.Consultation, w.ComplaintPhone = progress.Text, consult.Text, complaint.Text
		res, err := u.svc.Publicity.SaveWindow(u.sess, w, photo.picked)
		if err != nil {
			if l, ok := fields[domain.ErrorField(err)]; ok {
				l.SetText(domain.ErrorMessage(err))
				l.Show()
				status.SetText(lang.L("publicity.form.fix"))
			} else {
				status.SetText(domain.ErrorMessage(err))
			}
			status.Show()
			return
		}
		d.Hide()
		saved(res)
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("action.cancel"), func() { d.Hide() })
	title := lang.L("publicity.window.add")
	if existing != nil {
		title = fmt.Sprintf(lang.L("publicity.form.edit"), existing.Name)
	}
	content := container.NewBorder(nil, container.NewVBox(status, container.NewHBox(layout.NewSpacer(), cancel, save)), nil, nil,
		container.NewVScroll(form))
	d = dialog.NewCustomWithoutButtons(title, content, u.win)
	d.Resize(fyne.NewSize(820, 640))
	d.Show()
}
