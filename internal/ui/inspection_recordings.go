package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

// inspectionRecordings is the 音像记录 row of an inspection result that opened a case
// (全过程记录): the audio-video records of that case — the same ones the case's 音像记录
// tab shows — each playable, the must-record stages still missing, and a way to link
// footage of the on-site check that was imported without a case. closeDialog closes the
// result dialog before the case opens.
func (u *UI) inspectionRecordings(r domain.InspectionResult, place string, closeDialog func()) fyne.CanvasObject {
	box := container.NewVBox()
	var fill func()
	fill = func() {
		box.RemoveAll()
		cr, err := u.svc.Recording.ForCase(u.sess, r.CaseID)
		if err != nil {
			box.Add(note(domain.ErrorMessage(err)))
			return
		}
		link := widget.NewButtonWithIcon(lang.L("inspection.av.link"), theme.ContentAddIcon(), func() {
			u.linkRecordingsDialog(r, place, fill)
		})
		if !u.allowed(domain.PermLabelRecording) {
			link.Disable()
		}
		open := widget.NewButtonWithIcon(lang.L("inspection.av.opencase"), theme.FolderOpenIcon(), func() {
			closeDialog()
			u.openTarget(fmt.Sprintf("cases:%d", r.CaseID))
		})
		buttons := container.NewHBox(link, open)
		if len(cr.Recordings) == 0 {
			box.Add(container.NewBorder(nil, nil, nil, buttons, wrapped(fmt.Sprintf(lang.L("inspection.av.none"), r.CaseNo))))
		} else {
			box.Add(container.NewBorder(nil, nil, nil, buttons, wrapped(fmt.Sprintf(lang.L("inspection.av.count"), r.CaseNo, len(cr.Recordings)))))
			list := container.NewVBox()
			for _, rec := range cr.Recordings {
				b := widget.NewButtonWithIcon(fmt.Sprintf("%s　%s　%s　%s", formatMinute(rec.Captured), rec.Stage.Label(), rec.Kind.Label(), rec.FileName),
					theme.MediaPlayIcon(), func() { u.playRecording(rec) })
				b.Alignment = widget.ButtonAlignLeading
				list.Add(b)
			}
			scroll := container.NewVScroll(list)
			scroll.SetMinSize(fyne.NewSize(0, min(float32(len(cr.Recordings)), 4)*40))
			box.Add(scroll)
		}
		if len(cr.Missing) > 0 {
			l := widget.NewLabel(fmt.Sprintf(lang.L("inspection.av.missing"), domain.StageLabels(cr.Missing)))
			l.Importance = widget.DangerImportance
			l.Wrapping = fyne.TextWrapBreak
			box.Add(l)
		}
	}
	fill()
	return box
}

// linkRecordingsDialog offers the recordings not yet assigned to any case, newest first,
// those captured on the day of the inspection ticked, and assigns the chosen ones to the
// result's case as 现场检查 footage (labels, audit and the must-record rule as in 导入音像).
func (u *UI) linkRecordingsDialog(r domain.InspectionResult, place string, done func()) {
	recs, err := u.svc.Recording.List(u.sess, store.RecordingFilter{Unassigned: true, Newest: true, Limit: 200})
	if err != nil {
		u.showError(err)
		return
	}
	if len(recs) == 0 {
		showMessage(u.win, lang.L("inspection.av.link"), lang.L("inspection.av.link.empty"))
		return
	}
	checks := make([]*widget.Check, len(recs))
	list := container.NewVBox()
	for i, rec := range recs {
		captured := rec.Captured
		if captured.IsZero() {
			captured = rec.Imported
		}
		label := fmt.Sprintf("%s　%s　%s", formatMinute(captured), rec.Kind.Label(), rec.FileName)
		sameDay := domain.DateOf(captured) == r.Date
		if sameDay {
			label += lang.L("inspection.av.link.sameday")
		}
		checks[i] = widget.NewCheck(label, nil)
		checks[i].SetChecked(sameDay)
		list.Add(checks[i])
	}
	status := widget.NewLabel("")
	status.Importance = widget.DangerImportance
	status.Wrapping = fyne.TextWrapWord
	var dlg dialog.Dialog
	ok := widget.NewButton(lang.L("inspection.av.link.run"), func() {
		var ids []uint64
		for i, c := range checks {
			if c.Checked {
				ids = append(ids, recs[i].ID)
			}
		}
		_, err := u.svc.Recording.Assign(u.sess, ids, domain.RecordingLabels{CaseID: r.CaseID, Stage: domain.StageOnSite, Place: place})
		if err != nil {
			status.SetText(domain.ErrorMessage(err))
			return
		}
		dlg.Hide()
		done()
	})
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("action.cancel"), func() { dlg.Hide() })
	intro := widget.NewLabel(fmt.Sprintf(lang.L("inspection.av.link.intro"), r.CaseNo, r.Date))
	intro.Wrapping = fyne.TextWrapBreak
	content := container.NewBorder(intro, container.NewVBox(status, container.NewHBox(layout.NewSpacer(), cancel, ok)), nil, nil,
		container.NewVScroll(list))
	dlg = dialog.NewCustomWithoutButtons(strings.TrimSuffix(lang.L("inspection.av.link"), "…"), content, u.win)
	dlg.Resize(fyne.NewSize(760, 480))
	dlg.Show()
}

// wrapped is a label of Chinese text that wraps anywhere (it has no spaces to wrap at).
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapBreak
	return l
}
