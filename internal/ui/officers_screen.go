package ui

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // photos the clerk picks
	_ "image/png"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/publicity"
)

// officerExtras adds to the officer list what only officers have: the sign-in account
// linked to the officer and the ID photo used on posting-board cards.
func (u *UI) officerExtras() listExtras {
	accounts, err := u.svc.Publicity.OfficerAccounts()
	if err != nil {
		u.showError(err)
	}
	return listExtras{
		columns: []listColumn{{header: lang.L("publicity.officer.account"), width: 75,
			value: func(it publicity.Item) string { return accounts[it.ID] }}},
		formItems: func(it *publicity.Item) ([]*widget.FormItem, func(uint64) error) {
			account := lang.L("publicity.officer.noaccount")
			var current image.Image
			if it != nil {
				if a := accounts[it.ID]; a != "" {
					account = a
				}
				if officers, err := u.svc.Publicity.Officers(); err == nil {
					for _, o := range officers {
						if o.ID == it.ID {
							current, _ = u.svc.Publicity.OfficerPhoto(o)
						}
					}
				}
			}
			photo := newPhotoPicker(u, current)
			accountNote := note(fmt.Sprintf(lang.L("publicity.officer.account.note"), account))
			items := []*widget.FormItem{
				widget.NewFormItem(lang.L("publicity.photo"), photo.widget),
				widget.NewFormItem(lang.L("publicity.officer.account"), accountNote),
			}
			return items, func(id uint64) error {
				if photo.picked == nil {
					return nil
				}
				return u.svc.Publicity.SetOfficerPhoto(u.sess, id, *photo.picked)
			}
		},
	}
}

// photoPicker shows an ID photo (or a placeholder) and lets the clerk pick another file.
type photoPicker struct {
	widget fyne.CanvasObject
	picked *publicity.PhotoFile
}

func newPhotoPicker(u *UI, current image.Image) *photoPicker {
	p := &photoPicker{}
	img := canvas.NewImageFromImage(current)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(75, 100))
	placeholder := widget.NewLabel(lang.L("publicity.photo.none"))
	frame := container.NewStack(placeholder, img)
	if current != nil {
		placeholder.Hide()
	}
	name := widget.NewLabel("")
	pick := widget.NewButton(lang.L("publicity.photo.pick"), func() {
		chooseOpenFile(u, []string{".jpg", ".jpeg", ".png"}, func(file string, data []byte) {
			decoded, _, err := image.Decode(bytes.NewReader(data))
			if err != nil {
				u.showError(domain.Errorf(domain.EINVALID, lang.L("publicity.photo.bad"), file))
				return
			}
			p.picked = &publicity.PhotoFile{Name: file, Data: data}
			img.Image = decoded
			img.Refresh()
			placeholder.Hide()
			name.SetText(file + lang.L("publicity.photo.picked"))
		})
	})
	hint := note(lang.L("publicity.photo.hint"))
	p.widget = container.NewBorder(nil, nil, container.NewPadded(frame), nil, container.NewVBox(pick, name, hint))
	return p
}

// officerSelect is the user dialog's choice of the officer an account belongs to, so
// the officer sees their own certificate reminders and cases.
func (u *UI) officerSelect(existing *domain.User) (*widget.Select, func() uint64) {
	none := lang.L("publicity.user.officer.none")
	options := []string{none}
	ids := map[string]uint64{none: 0}
	current := none
	if u.svc.Publicity != nil {
		officers, err := u.svc.Publicity.Officers()
		if err != nil {
			u.showError(err)
		}
		for _, o := range officers {
			if o.Left && (existing == nil || existing.OfficerID != o.ID) {
				continue
			}
			label := fmt.Sprintf("%s（%s）", o.Name, o.Unit)
			options = append(options, label)
			ids[label] = o.ID
			if existing != nil && existing.OfficerID == o.ID {
				current = label
			}
		}
	}
	s := widget.NewSelect(options, nil)
	s.SetSelected(current)
	return s, func() uint64 { return ids[s.Selected] }
}
