package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
)

// recordingsTab (音像记录) shows a case's audio-video records: which stages must be
// recorded, which of those still lack a recording (the must-record rule), how many came
// in more than 24 hours late, and the recordings themselves with the detail panel of the
// 导入音像 screen (play, labels).
func (cs *caseScreen) recordingsTab() fyne.CanvasObject {
	u := cs.u
	cr, err := u.svc.Recording.ForCase(u.sess, cs.c.ID)
	if err != nil {
		return note(domain.ErrorMessage(err))
	}
	var status []fyne.CanvasObject
	switch {
	case len(cr.Required) == 0:
		status = append(status, note(lang.L("record.av.required.none")))
	case len(cr.Missing) > 0:
		l := widget.NewLabel(fmt.Sprintf(lang.L("record.av.missing"), domain.StageLabels(cr.Missing)))
		l.Importance = widget.DangerImportance
		l.Wrapping = fyne.TextWrapWord
		status = append(status, l, note(fmt.Sprintf(lang.L("record.av.required"), domain.StageLabels(cr.Required))))
	default:
		l := widget.NewLabel(fmt.Sprintf(lang.L("record.av.complete"), domain.StageLabels(cr.Required)))
		l.Importance = widget.SuccessImportance
		status = append(status, l)
	}
	if cr.Late > 0 {
		l := widget.NewLabel(fmt.Sprintf(lang.L("record.av.late"), cr.Late))
		l.Importance = widget.WarningImportance
		status = append(status, l)
	}
	if len(cr.Recordings) == 0 {
		status = append(status, widget.NewCard("", "", widget.NewLabel(lang.L("record.av.empty"))))
		return container.NewVScroll(container.NewVBox(status...))
	}

	panel := container.NewStack(container.NewPadded(note(lang.L("record.av.select"))))
	headers := []string{lang.L("record.av.col.captured"), lang.L("record.av.col.stage"), lang.L("record.av.col.kind"),
		lang.L("record.av.col.collector"), lang.L("record.av.col.proves"), lang.L("record.av.col.flags")}
	recs := cr.Recordings
	table := widget.NewTable(
		func() (int, int) { return len(recs), len(headers) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			r := recs[id.Row]
			flags := ""
			if r.Important {
				flags = "重要"
			}
			if r.Late() {
				flags += " " + lang.L("record.av.flag.late")
			}
			cells := []string{formatMinute(r.Captured), r.Stage.Label(), r.Kind.Label(), orDash(r.Collector), orDash(r.Proves), flags}
			l := o.(*widget.Label)
			l.SetText(cells[id.Col])
			l.Importance = widget.MediumImportance
			if r.Late() && id.Col == len(headers)-1 {
				l.Importance = widget.WarningImportance
			}
		})
	setHeaders(table, headers, []float32{140, 90, 60, 90, 220, 90})
	reload := func() { cs.reload(caseTabRecordings) }
	table.OnSelected = func(id widget.TableCellID) {
		u.showRecording(panel, recs[id.Row], cs.c.Number, reload)
	}
	top := container.NewVBox(status...)
	return container.NewBorder(top, nil, nil, fixedWidth(300, panel), table)
}
