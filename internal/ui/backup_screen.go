package ui

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/backup"
	"lawdesk/internal/domain"
)

// backupTab (系统设置 → 数据备份): where backups go and how often the dashboard reminds,
// a button that backs up now while everyone keeps working, and the backups found in the
// folder with a check that re-reads one completely.
func (u *UI) backupTab() fyne.CanvasObject {
	if err := domain.Require(u.sess.User, backup.PermBackup, lang.L("report.backup.what")); err != nil {
		return note(domain.ErrorMessage(err))
	}
	svc := u.svc.Backup
	sc, err := svc.Schedule()
	if err != nil {
		u.showError(err)
	}

	// where and how often
	folder := widget.NewEntry()
	folder.SetPlaceHolder(lang.L("report.backup.folder.placeholder"))
	folder.SetText(sc.Folder)
	pick := widget.NewButton(lang.L("report.backup.pick"), func() {
		dialog.ShowFolderOpen(func(uri fyne.ListableURI, err error) {
			if err == nil && uri != nil {
				folder.SetText(uri.Path())
			}
		}, u.win)
	})
	every := widget.NewEntry()
	every.SetText(strconv.Itoa(sc.EveryDays))
	scheduleMsg := widget.NewLabel("")
	scheduleMsg.Wrapping = fyne.TextWrapWord
	scheduleMsg.Hide()

	last := widget.NewLabel("")
	last.Wrapping = fyne.TextWrapWord
	var backups []backup.Found
	list := u.backupList(&backups)
	refresh := func() {
		l, ok, err := svc.Last()
		switch {
		case err != nil:
			last.SetText(domain.ErrorMessage(err))
		case !ok:
			last.SetText(lang.L("report.backup.never"))
		default:
			days := int(u.svc.Store.Now().Sub(l.Time).Hours() / 24)
			last.SetText(fmt.Sprintf(lang.L("report.backup.last"), l.Time.Local().Format("2006-01-02 15:04"), days, l.File, l.Blobs, megabytes(l.Bytes)))
		}
		backups = nil
		if f := strings.TrimSpace(folder.Text); f != "" {
			backups, _ = backup.List(f)
		}
		list.table.Refresh()
	}

	save := widget.NewButton(lang.L("action.save"), func() {
		n, err := strconv.Atoi(strings.TrimSpace(every.Text))
		if err != nil {
			n = -1
		}
		if err := svc.SaveSchedule(u.sess, backup.Schedule{Folder: folder.Text, EveryDays: n}); err != nil {
			scheduleMsg.Importance = widget.DangerImportance
			scheduleMsg.Show()
			scheduleMsg.SetText(domain.ErrorMessage(err))
			return
		}
		sc, _ = svc.Schedule()
		scheduleMsg.Importance = widget.SuccessImportance
		scheduleMsg.Show()
		scheduleMsg.SetText(lang.L("report.backup.saved"))
		refresh()
	})

	// back up now
	job := newJobRow(lang.L("report.backup.run"))
	job.start.OnTapped = func() {
		// back up into the folder on screen, saving it first when it was changed
		n, _ := strconv.Atoi(strings.TrimSpace(every.Text))
		if strings.TrimSpace(folder.Text) != sc.Folder || n != sc.EveryDays {
			if err := svc.SaveSchedule(u.sess, backup.Schedule{Folder: folder.Text, EveryDays: n}); err != nil {
				scheduleMsg.Importance = widget.DangerImportance
				scheduleMsg.Show()
				scheduleMsg.SetText(domain.ErrorMessage(err))
				return
			}
			sc, _ = svc.Schedule()
		}
		ctx := job.begin(lang.L("report.backup.running"))
		var res backup.Result
		var err error
		inBackground(func() {
			res, err = svc.Run(ctx, u.sess, "", job.progress)
		}, func() {
			if err != nil {
				job.fail(domain.ErrorMessage(err))
				return
			}
			msg := fmt.Sprintf(lang.L("report.backup.done"), res.File, len(res.Manifest.Blobs), res.BlobsCopied, megabytes(res.BytesCopied))
			if len(res.Problems) > 0 {
				job.fail(msg + "\n" + fmt.Sprintf(lang.L("report.backup.problems"), len(res.Problems)) + "\n· " + strings.Join(res.Problems, "\n· "))
			} else {
				job.succeed(msg)
			}
			refresh()
		})
	}
	job.start.Importance = widget.HighImportance

	// check the selected backup
	check := newJobRow(lang.L("report.backup.check"))
	check.start.OnTapped = func() {
		if list.selected < 0 || list.selected >= len(backups) {
			u.showError(domain.Errorf(domain.EINVALID, "%s", lang.L("report.backup.select")))
			return
		}
		file := backups[list.selected].File
		ctx := check.begin(fmt.Sprintf(lang.L("report.backup.checking"), filepath.Base(file)))
		var m backup.Manifest
		var problems []string
		var err error
		inBackground(func() {
			m, problems, err = backup.Check(ctx, file, check.progress)
		}, func() {
			switch {
			case err != nil:
				check.fail(domain.ErrorMessage(err))
			case len(problems) > 0:
				check.fail(fmt.Sprintf(lang.L("report.backup.check.bad"), filepath.Base(file), len(problems)) + "\n· " + strings.Join(problems, "\n· "))
			default:
				check.succeed(fmt.Sprintf(lang.L("report.backup.check.ok"), filepath.Base(file), len(m.Blobs)))
			}
		})
	}
	refresh()

	everyRow := container.NewHBox(fixedWidth(80, every), widget.NewLabel(lang.L("report.backup.every.hint")), save)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("report.backup.folder"), container.NewBorder(nil, nil, nil, pick, folder)),
		widget.NewFormItem(lang.L("report.backup.every"), everyRow),
	)
	top := container.NewVBox(
		note(lang.L("report.backup.intro")),
		form, scheduleMsg,
		widget.NewSeparator(),
		container.NewHBox(subheading(lang.L("report.backup.now")), last), job.row(),
		widget.NewSeparator(),
		subheading(lang.L("report.backup.list")),
	)
	bottom := container.NewVBox(check.row(), note(lang.L("report.backup.restore.hint")))
	return container.NewBorder(top, bottom, nil, nil, list.table)
}

// backupListView is the table of backups found in the folder, with the selected row.
type backupListView struct {
	table    *widget.Table
	selected int
}

func (u *UI) backupList(backups *[]backup.Found) *backupListView {
	v := &backupListView{selected: -1}
	headers := []string{lang.L("report.backup.col.time"), lang.L("report.backup.col.file"), lang.L("report.backup.col.db"), lang.L("report.backup.col.files"), lang.L("report.backup.col.how")}
	v.table = widget.NewTable(
		func() (int, int) { return len(*backups), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			f := (*backups)[id.Row]
			m := f.Manifest
			how := lang.L("report.backup.how." + m.Method)
			cells := []string{m.Created.Local().Format("2006-01-02 15:04"), filepath.Base(f.File), megabytes(m.DB.Size),
				fmt.Sprintf("%d（%s）", len(m.Blobs), megabytes(m.TotalBlobBytes())), how}
			l := o.(*widget.Label)
			l.Truncation = fyne.TextTruncateEllipsis
			l.SetText(cells[id.Col])
		})
	setHeaders(v.table, headers, []float32{150, 330, 110, 170, 200})
	v.table.OnSelected = func(id widget.TableCellID) { v.selected = id.Row }
	return v
}

func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }
