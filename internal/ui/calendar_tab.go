package ui

import (
	"fmt"
	"image/color"
	"io"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/calendar"
	"lawdesk/internal/domain"
	"lawdesk/internal/workday"
)

// Day colours of the calendar grid.
var (
	colorHolidayBg = color.NRGBA{R: 0xfb, G: 0xdc, B: 0xdc, A: 0xff}
	colorMakeupBg  = color.NRGBA{R: 0xd6, G: 0xe6, B: 0xf8, A: 0xff}
	colorPlainBg   = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	colorWeekendBg = color.NRGBA{R: 0xf0, G: 0xf1, B: 0xf3, A: 0xff}
)

// calendarTab (系统设置 → 工作日历) shows one year as twelve month grids with the days off
// and make-up working days coloured, says where the year's schedule comes from, and lets
// the administrator enter, import, export or revert it. Target "calendar:2027" opens 2027.
func (u *UI) calendarTab() fyne.CanvasObject {
	svc := u.svc.Calendar
	now := u.svc.Store.Now()
	year := now.Year()
	if t := u.takeTarget(); strings.HasPrefix(t, "calendar:") {
		if y, err := strconv.Atoi(strings.TrimPrefix(t, "calendar:")); err == nil {
			year = y
		}
	}
	canEdit := domain.Allowed(u.sess.User.Roles, domain.PermEditCalendar)

	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	months := container.NewGridWithColumns(6)
	breaksText := widget.NewLabel("")
	breaksText.Wrapping = fyne.TextWrapWord

	enter := widget.NewButtonWithIcon(lang.L("calendar.enter"), theme.DocumentCreateIcon(), nil)
	enter.Importance = widget.HighImportance
	importBtn := widget.NewButtonWithIcon(lang.L("calendar.import"), theme.FolderOpenIcon(), nil)
	export := widget.NewButtonWithIcon(lang.L("calendar.export"), theme.DocumentSaveIcon(), nil)
	revert := widget.NewButtonWithIcon(lang.L("calendar.revert"), theme.ContentUndoIcon(), nil)
	history := widget.NewButtonWithIcon(lang.L("calendar.history"), theme.HistoryIcon(), nil)

	yearSelect := widget.NewSelect(nil, nil)
	var show func(y int)
	show = func(y int) {
		year = y
		info, err := svc.Year(y)
		if err != nil {
			u.showError(err)
			return
		}
		cal, err := svc.Calendar()
		if err != nil {
			u.showError(err)
			return
		}
		status.SetText(yearStatusText(info))
		switch info.Source {
		case calendar.SourceNone:
			status.Importance = widget.DangerImportance
		default:
			status.Importance = widget.SuccessImportance
		}
		status.Refresh()
		months.Objects = nil
		today := domain.DateOf(now)
		for m := time.January; m <= time.December; m++ {
			months.Add(monthGrid(cal, y, m, today))
		}
		months.Refresh()
		breaksText.SetText(breaksSummary(info.Schedule))

		options := yearOptions(now.Year(), y)
		yearSelect.Options = options
		yearSelect.SetSelected(fmt.Sprintf(lang.L("calendar.year"), y))
		export.Disable()
		if info.Source != calendar.SourceNone {
			export.Enable()
		}
		revert.Disable()
		if canEdit && info.Source == calendar.SourceOffice {
			revert.Enable()
		}
		history.Disable()
		if info.Versions > 0 {
			history.Enable()
		}
		if canEdit {
			enter.Enable()
			importBtn.Enable()
		} else {
			enter.Disable()
			importBtn.Disable()
		}
	}
	yearSelect.OnChanged = func(s string) {
		var y int
		if _, err := fmt.Sscanf(s, lang.L("calendar.year"), &y); err == nil && y != year {
			show(y)
		}
	}
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { show(year - 1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { show(year + 1) })

	enter.OnTapped = func() { u.scheduleDialog(year, func() { show(year) }) }
	importBtn.OnTapped = func() { u.importScheduleDialog(func(y int) { show(y) }) }
	export.OnTapped = func() { u.exportSchedule(year) }
	revert.OnTapped = func() { u.revertScheduleDialog(year, func() { show(year) }) }
	history.OnTapped = func() { u.scheduleHistoryDialog(year) }

	show(year)
	bar := container.NewHBox(prev, yearSelect, next, layout.NewSpacer(), enter, importBtn, export, revert, history)
	legend := container.NewHBox(
		legendSwatch(colorHolidayBg, lang.L("calendar.legend.off")),
		legendSwatch(colorMakeupBg, lang.L("calendar.legend.makeup")),
		legendSwatch(colorWeekendBg, lang.L("calendar.legend.weekend")),
		legendSwatch(colorPlainBg, lang.L("calendar.legend.workday")),
	)
	top := container.NewVBox(note(lang.L("calendar.intro")), bar, status)
	if !canEdit {
		top.Add(note(lang.L("calendar.readonly")))
	}
	body := container.NewVBox(months, legend, breaksText)
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(body))
}

// yearOptions are the years the selector offers: 2019 (the first built-in year) to two
// years ahead, and the shown year wherever it is.
func yearOptions(thisYear, shown int) []string {
	first, last := min(2019, shown), max(thisYear+2, shown)
	var out []string
	for y := first; y <= last; y++ {
		out = append(out, fmt.Sprintf(lang.L("calendar.year"), y))
	}
	return out
}

// yearStatusText says in one sentence where year's schedule comes from.
func yearStatusText(info calendar.Year) string {
	switch info.Source {
	case calendar.SourceOffice:
		v := info.Latest
		return fmt.Sprintf(lang.L("calendar.status.office"), info.Year, v.At.Local().Format("2006-01-02 15:04"), v.Actor, v.Source, v.Reference)
	case calendar.SourceBuiltin:
		return fmt.Sprintf(lang.L("calendar.status.builtin"), info.Year, strings.Join(info.Schedule.Papers, " "))
	}
	return fmt.Sprintf(lang.L("calendar.status.none"), info.Year)
}

// breaksSummary lists the holidays of a schedule the way the notice words them.
func breaksSummary(s workday.Schedule) string {
	var b strings.Builder
	for _, br := range s.Breaks() {
		b.WriteString(br.Name + "：")
		if !br.From.IsZero() {
			if br.From == br.To {
				fmt.Fprintf(&b, lang.L("calendar.summary.oneday"), br.From)
			} else {
				fmt.Fprintf(&b, lang.L("calendar.summary.off"), br.From, br.To, br.From.DaysUntil(br.To)+1)
			}
		}
		if len(br.Makeup) > 0 {
			if !br.From.IsZero() {
				b.WriteString("；")
			}
			fmt.Fprintf(&b, lang.L("calendar.summary.makeup"), workday.FormatDateList(br.Makeup))
		}
		b.WriteString("\n")
	}
	return strings.TrimSpace(b.String())
}

// monthGrid is one month: a title, the weekday row and the days, coloured by kind.
func monthGrid(cal *workday.Calendar, year int, m time.Month, today domain.Date) fyne.CanvasObject {
	title := canvas.NewText(fmt.Sprintf(lang.L("calendar.month"), int(m)), colorPrimary)
	title.TextStyle.Bold = true
	title.Alignment = fyne.TextAlignCenter
	grid := container.NewGridWithColumns(7)
	for _, w := range weekdays {
		t := canvas.NewText(w, colorMuted)
		t.Alignment = fyne.TextAlignCenter
		t.TextSize = 12
		grid.Add(t)
	}
	first := domain.Date{Year: year, Month: m, Day: 1}
	for range int(first.Weekday()) {
		grid.Add(layout.NewSpacer())
	}
	for d := first; d.Month == m; d = d.AddDays(1) {
		grid.Add(dayCell(cal, d, d == today))
	}
	return container.NewPadded(container.NewVBox(title, grid))
}

// dayCell is one day: its number on a background saying whether it is a working day.
func dayCell(cal *workday.Calendar, d domain.Date, today bool) fyne.CanvasObject {
	kind, _ := cal.Classify(d)
	bg, fg := colorPlainBg, color.Color(color.Black)
	switch kind {
	case workday.Holiday:
		bg, fg = colorHolidayBg, colorOverdue
	case workday.Makeup:
		bg, fg = colorMakeupBg, colorPrimary
	case workday.Weekend:
		bg, fg = colorWeekendBg, colorMuted
	}
	rect := canvas.NewRectangle(bg)
	if today {
		rect.StrokeColor = colorPrimary
		rect.StrokeWidth = 2
	}
	t := canvas.NewText(strconv.Itoa(d.Day), fg)
	t.Alignment = fyne.TextAlignCenter
	t.TextSize = 12
	t.TextStyle.Bold = kind == workday.Holiday || kind == workday.Makeup
	return container.NewStack(rect, container.NewCenter(t))
}

func legendSwatch(c color.Color, label string) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	r.StrokeColor = colorMuted
	r.StrokeWidth = 1
	r.SetMinSize(fyne.NewSize(18, 18))
	return container.NewHBox(container.NewCenter(r), widget.NewLabel(label))
}

// scheduleDialog enters or changes year's schedule holiday by holiday, as the notice
// words it. It is pre-filled with the year's current schedule, or the usual holidays.
func (u *UI) scheduleDialog(year int, done func()) {
	info, err := u.svc.Calendar.Year(year)
	if err != nil {
		u.showError(err)
		return
	}
	type row struct{ name, from, to, makeup *widget.Entry }
	var rows []row
	rowsBox := container.NewVBox()
	addRow := func(b workday.Break) {
		r := row{widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()}
		r.name.SetText(b.Name)
		r.name.SetPlaceHolder(lang.L("calendar.form.name.placeholder"))
		r.from.SetPlaceHolder("10-1")
		r.to.SetPlaceHolder("10-8")
		r.makeup.SetPlaceHolder(lang.L("calendar.form.makeup.placeholder"))
		if !b.From.IsZero() {
			r.from.SetText(b.From.String())
			r.to.SetText(b.To.String())
		}
		r.makeup.SetText(workday.FormatDateList(b.Makeup))
		rows = append(rows, r)
		rowsBox.Add(container.NewGridWithColumns(4, r.name, r.from, r.to, r.makeup))
	}
	breaks := info.Schedule.Breaks()
	if len(breaks) == 0 {
		for _, n := range workday.StandardHolidays {
			breaks = append(breaks, workday.Break{Name: n})
		}
	}
	for _, b := range breaks {
		addRow(b)
	}
	reference := widget.NewEntry()
	reference.SetPlaceHolder(lang.L("calendar.form.reference.placeholder"))
	if info.Source == calendar.SourceOffice {
		reference.SetText(info.Latest.Reference)
	}
	header := container.NewGridWithColumns(4,
		widget.NewLabelWithStyle(lang.L("calendar.form.name"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(lang.L("calendar.form.from"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(lang.L("calendar.form.to"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(lang.L("calendar.form.makeup"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	status.Importance = widget.DangerImportance

	// read turns the form into breaks, naming the field of the first unreadable date.
	read := func() ([]workday.Break, error) {
		var out []workday.Break
		for i, r := range rows {
			if strings.TrimSpace(r.from.Text+r.to.Text+r.makeup.Text) == "" {
				continue // a pre-filled holiday this year's notice does not mention
			}
			b := workday.Break{Name: strings.TrimSpace(r.name.Text)}
			label := b.Name
			if label == "" {
				label = fmt.Sprintf(lang.L("calendar.form.row"), i+1)
			}
			for _, f := range []struct {
				entry *widget.Entry
				dst   *domain.Date
				what  string
			}{{r.from, &b.From, lang.L("calendar.form.from")}, {r.to, &b.To, lang.L("calendar.form.to")}} {
				if strings.TrimSpace(f.entry.Text) == "" {
					continue
				}
				d, err := workday.ParseScheduleDate(year, f.entry.Text)
				if err != nil {
					return nil, domain.Errorf(domain.EINVALID, "%s · %s：%s", label, f.what, domain.ErrorMessage(err))
				}
				*f.dst = d
			}
			mk, err := workday.ParseDateList(year, r.makeup.Text)
			if err != nil {
				return nil, domain.Errorf(domain.EINVALID, "%s · %s：%s", label, lang.L("calendar.form.makeup"), domain.ErrorMessage(err))
			}
			b.Makeup = mk
			out = append(out, b)
		}
		return out, nil
	}
	var d dialog.Dialog
	save := widget.NewButton(lang.L("action.save"), func() {
		bs, err := read()
		if err == nil {
			_, err = u.svc.Calendar.SaveBreaks(u.sess, year, reference.Text, bs)
		}
		if err != nil {
			status.SetText(domain.ErrorMessage(err))
			return
		}
		d.Hide()
		done()
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("action.cancel"), func() { d.Hide() })
	add := widget.NewButtonWithIcon(lang.L("calendar.form.addrow"), theme.ContentAddIcon(), func() { addRow(workday.Break{}) })
	refForm := widget.NewForm(widget.NewFormItem(lang.L("calendar.form.reference"), reference))
	top := container.NewVBox(note(fmt.Sprintf(lang.L("calendar.form.intro"), year)), refForm, header)
	bottom := container.NewVBox(container.NewHBox(add), status, container.NewHBox(layout.NewSpacer(), cancel, save))
	content := container.NewBorder(top, bottom, nil, nil, container.NewVScroll(rowsBox))
	d = dialog.NewCustomWithoutButtons(fmt.Sprintf(lang.L("calendar.form.title"), year), content, u.win)
	d.Resize(fyne.NewSize(940, 600))
	d.Show()
}

// importScheduleDialog asks for the notice (optional when the file names it), then for a
// holiday-cn JSON file, and imports it. The file is only read.
func (u *UI) importScheduleDialog(done func(year int)) {
	reference := widget.NewEntry()
	reference.SetPlaceHolder(lang.L("calendar.import.reference.placeholder"))
	msg := widget.NewLabel(lang.L("calendar.import.intro"))
	msg.Wrapping = fyne.TextWrapWord
	form := container.NewVBox(msg, widget.NewForm(widget.NewFormItem(lang.L("calendar.form.reference"), reference)))
	d := dialog.NewCustomConfirm(lang.L("calendar.import"), lang.L("calendar.import.choose"), lang.L("action.cancel"), form, func(ok bool) {
		if !ok {
			return
		}
		open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil {
				u.showError(domain.Wrap(err, domain.EINVALID, "无法打开所选文件。"))
				return
			}
			if r == nil {
				return // cancelled
			}
			defer r.Close()
			data, err := io.ReadAll(io.LimitReader(r, 2<<20))
			if err != nil {
				u.showError(domain.Wrap(err, domain.EINVALID, "无法读取文件“%s”。", r.URI().Name()))
				return
			}
			v, err := u.svc.Calendar.Import(u.sess, r.URI().Name(), data, reference.Text)
			if err != nil {
				u.showError(err)
				return
			}
			done(v.Schedule.Year)
			showMessage(u.win, lang.L("calendar.import"), fmt.Sprintf(lang.L("calendar.import.done"), r.URI().Name(), v.Schedule.Year))
		}, u.win)
		open.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
		open.Resize(fyne.NewSize(900, 560))
		open.Show()
	}, u.win)
	d.Resize(fyne.NewSize(560, 300))
	d.Show()
}

// exportSchedule saves year's schedule as a holiday-cn JSON file.
func (u *UI) exportSchedule(year int) {
	data, err := u.svc.Calendar.Export(year)
	if err != nil {
		u.showError(err)
		return
	}
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(domain.Wrap(err, domain.EINVALID, "无法保存文件。"))
			return
		}
		if w == nil {
			return
		}
		_, err = w.Write(data)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			u.showError(domain.Wrap(err, domain.EINVALID, "保存文件“%s”时出错，请检查磁盘空间和权限。", w.URI().Name()))
			return
		}
		showMessage(u.win, lang.L("calendar.export"), fmt.Sprintf(lang.L("calendar.export.done"), w.URI().Path()))
	}, u.win)
	save.SetFileName(fmt.Sprintf("%d.json", year))
	save.Resize(fyne.NewSize(900, 560))
	save.Show()
}

// revertScheduleDialog drops the office's entry for year after asking why.
func (u *UI) revertScheduleDialog(year int, done func()) {
	reason := widget.NewEntry()
	reason.SetPlaceHolder(lang.L("calendar.revert.reason.placeholder"))
	msg := widget.NewLabel(fmt.Sprintf(lang.L("calendar.revert.text"), year))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("calendar.revert"), lang.L("calendar.revert"), lang.L("action.cancel"),
		container.NewVBox(msg, widget.NewForm(widget.NewFormItem(lang.L("calendar.revert.reason"), reason))), func(ok bool) {
			if !ok {
				return
			}
			if _, err := u.svc.Calendar.Revert(u.sess, year, reason.Text); err != nil {
				u.showError(err)
				return
			}
			done()
		}, u.win)
	d.Resize(fyne.NewSize(560, 300))
	d.Show()
}

// scheduleHistoryDialog lists every version the office saved for year.
func (u *UI) scheduleHistoryDialog(year int) {
	vs, err := u.svc.Calendar.History(year)
	if err != nil {
		u.showError(err)
		return
	}
	headers := []string{lang.L("calendar.history.time"), lang.L("calendar.history.actor"), lang.L("calendar.history.source"), lang.L("calendar.history.reference")}
	table := widget.NewTable(
		func() (int, int) { return len(vs), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			v := vs[id.Row]
			cells := []string{v.At.Local().Format("2006-01-02 15:04"), v.Actor, v.Source, v.Reference}
			l := o.(*widget.Label)
			l.SetText(cells[id.Col])
			l.Truncation = fyne.TextTruncateEllipsis
		})
	setHeaders(table, headers, []float32{150, 90, 200, 360})
	d := dialog.NewCustom(fmt.Sprintf(lang.L("calendar.history.title"), year), lang.L("dialog.close"), table, u.win)
	d.Resize(fyne.NewSize(880, 420))
	d.Show()
}
