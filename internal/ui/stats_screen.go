package ui

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/report"
)

// statsScreen (统计与报表): the statistics of any period with charts, each number opening
// the list of records behind it; the annual report; and, for administrators, the annual
// data bundle and its verification. Target "annual:2025" opens that year's report,
// "bundle" the bundle tab.
func (u *UI) statsScreen() fyne.CanvasObject {
	target := u.takeTarget()
	tabs := container.NewAppTabs(container.NewTabItem(lang.L("report.tab.stats"), u.statsTab()))
	annualYear := u.svc.Store.Now().Year() - 1
	if y, ok := strings.CutPrefix(target, "annual:"); ok {
		if n, err := strconv.Atoi(y); err == nil {
			annualYear = n
		}
	}
	tabs.Append(container.NewTabItem(lang.L("report.tab.annual"), u.annualTab(annualYear)))
	if domain.Allowed(u.sess.User.Roles, report.PermBundle) {
		tabs.Append(container.NewTabItem(lang.L("report.tab.bundle"), u.bundleTab()))
		if target == "bundle" {
			tabs.SelectIndex(2)
		}
	}
	if strings.HasPrefix(target, "annual") {
		tabs.SelectIndex(1)
	}
	return container.NewBorder(heading(lang.L("nav.stats")), nil, nil, nil, tabs)
}

// periodPicker chooses a statistics period: a year, a quarter, a month or two dates.
type periodPicker struct {
	kind     *widget.Select
	year     *widget.Select
	part     *widget.Select
	from, to *widget.Entry
	row      *fyne.Container
	onChange func() // called when a select changes (not while typing dates)
}

var periodKinds = []report.PeriodKind{report.PeriodYear, report.PeriodQuarter, report.PeriodMonth, report.PeriodCustom}

func newPeriodPicker(now time.Time) *periodPicker {
	pp := &periodPicker{}
	var years []string
	for y := now.Year(); y >= now.Year()-10; y-- {
		years = append(years, strconv.Itoa(y))
	}
	changed := func(string) {
		if pp.onChange != nil && periodKinds[max(0, pp.kind.SelectedIndex())] != report.PeriodCustom {
			pp.onChange()
		}
	}
	pp.year = widget.NewSelect(years, nil)
	pp.year.SetSelected(years[0])
	if now.Month() == time.January {
		pp.year.SetSelected(years[1]) // January is when last year's figures are wanted
	}
	pp.part = widget.NewSelect(nil, nil)
	pp.from, pp.to = widget.NewEntry(), widget.NewEntry()
	pp.from.SetPlaceHolder(lang.L("report.period.from"))
	pp.to.SetPlaceHolder(lang.L("report.period.to"))
	pp.from.SetText(fmt.Sprintf("%d-01-01", now.Year()))
	pp.to.SetText(now.Format("2006-01-02"))
	var kinds []string
	for _, k := range periodKinds {
		kinds = append(kinds, lang.L("report.period."+string(k)))
	}
	pp.kind = widget.NewSelect(kinds, func(string) { pp.arrange(now) })
	pp.row = container.NewHBox()
	pp.kind.SetSelectedIndex(0)
	pp.year.OnChanged, pp.part.OnChanged = changed, changed
	return pp
}

// arrange shows the fields the chosen kind of period needs.
func (pp *periodPicker) arrange(now time.Time) {
	k := periodKinds[max(0, pp.kind.SelectedIndex())]
	pp.row.Objects = []fyne.CanvasObject{pp.kind}
	switch k {
	case report.PeriodQuarter:
		pp.part.Options = []string{"第一季度", "第二季度", "第三季度", "第四季度"}
		pp.part.SetSelectedIndex((int(now.Month()) - 1) / 3)
		pp.row.Objects = append(pp.row.Objects, pp.year, pp.part)
	case report.PeriodMonth:
		pp.part.Options = nil
		for m := 1; m <= 12; m++ {
			pp.part.Options = append(pp.part.Options, fmt.Sprintf("%d月", m))
		}
		pp.part.SetSelectedIndex(int(now.Month()) - 1)
		pp.row.Objects = append(pp.row.Objects, pp.year, pp.part)
	case report.PeriodCustom:
		pp.row.Objects = append(pp.row.Objects, fixedWidth(130, pp.from), widget.NewLabel("—"), fixedWidth(130, pp.to))
	default:
		pp.row.Objects = append(pp.row.Objects, pp.year)
	}
	pp.row.Refresh()
}

// period is the period chosen, or an error naming the field that is wrong.
func (pp *periodPicker) period() (report.Period, error) {
	y, _ := strconv.Atoi(pp.year.Selected)
	switch periodKinds[max(0, pp.kind.SelectedIndex())] {
	case report.PeriodQuarter:
		return report.Quarter(y, pp.part.SelectedIndex()+1), nil
	case report.PeriodMonth:
		return report.Month(y, time.Month(pp.part.SelectedIndex()+1)), nil
	case report.PeriodCustom:
		from, err := domain.ParseDate(pp.from.Text)
		if err != nil {
			return report.Period{}, domain.Errorf(domain.EINVALID, "“起始日期”：%s", domain.ErrorMessage(err))
		}
		to, err := domain.ParseDate(pp.to.Text)
		if err != nil {
			return report.Period{}, domain.Errorf(domain.EINVALID, "“截止日期”：%s", domain.ErrorMessage(err))
		}
		return report.Custom(from, to)
	}
	return report.Year(y), nil
}

// statsTab shows the statistics of the chosen period.
func (u *UI) statsTab() fyne.CanvasObject {
	pp := newPeriodPicker(u.svc.Store.Now())
	body := container.NewStack()
	status := widget.NewLabel("")
	var current report.Stats
	var loaded bool
	show := func() {
		p, err := pp.period()
		if err != nil {
			u.showError(err)
			return
		}
		status.SetText(lang.L("report.stats.counting"))
		var s report.Stats
		inBackground(func() {
			s, err = u.svc.Report.Statistics(u.sess, p)
		}, func() {
			if err != nil {
				status.SetText("")
				u.showError(err)
				return
			}
			current, loaded = s, true
			status.SetText(fmt.Sprintf(lang.L("report.stats.computed"), s.Label, s.Computed.Local().Format("2006-01-02 15:04")))
			body.Objects = []fyne.CanvasObject{u.statsView(s)}
			body.Refresh()
		})
	}
	pp.onChange = show // a chosen year, quarter or month is counted at once
	count := widget.NewButtonWithIcon(lang.L("report.stats.count"), theme.ViewRefreshIcon(), show)
	count.Importance = widget.HighImportance
	export := widget.NewButtonWithIcon(lang.L("report.stats.export"), theme.DocumentSaveIcon(), func() {
		if !loaded {
			return
		}
		u.exportStatsDialog(current)
	})
	bar := container.NewHBox(pp.row, count, layout.NewSpacer(), status, export)
	show()
	return container.NewBorder(bar, nil, nil, nil, body)
}

// statsView lays out the charts and every table of s; each number opens its records.
func (u *UI) statsView(s report.Stats) fyne.CanvasObject {
	var charts []fyne.CanvasObject
	for _, ch := range s.Charts {
		charts = append(charts, widget.NewCard("", "", fixedHeight(250, chartView(ch))))
	}
	// two columns, each table going to the shorter one, so no card stretches to its neighbour
	left, right := container.NewVBox(), container.NewVBox()
	var lh, rh int
	for _, t := range s.Tables {
		rows := len(t.Figures) + 3
		if lh <= rh {
			left.Add(u.statsTableCard(t))
			lh += rows
		} else {
			right.Add(u.statsTableCard(t))
			rh += rows
		}
	}
	content := container.NewVBox()
	switch {
	case len(charts) > 2:
		// side by side they would be wider than an office screen: the first (the months)
		// gets the whole width, the others go two to a row
		content.Add(charts[0])
		content.Add(container.NewGridWithColumns(2, charts[1:]...))
	case len(charts) > 0:
		content.Add(container.NewGridWithColumns(len(charts), charts...))
	}
	content.Add(note(lang.L("report.stats.hint")))
	content.Add(container.NewGridWithColumns(2, left, right))
	return container.NewVScroll(content)
}

// statsTableCard shows one table: each figure's label and its number, which (when it
// counts anything) lists the records behind it; a warning when the figure breaks a rule.
// Rows are plain text, not buttons, so a table of twenty figures fits on the screen.
func (u *UI) statsTableCard(t report.Table) fyne.CanvasObject {
	rows := container.NewVBox()
	fg := theme.Color(theme.ColorNameForeground)
	for _, f := range t.Figures {
		f := f
		label := canvas.NewText(strings.Repeat("　　", f.Level)+f.Label, fg)
		var value fyne.CanvasObject
		if len(f.Refs) > 0 {
			value = newTapText(f.Text(), func() { u.showFigure(t, f) })
		} else {
			v := canvas.NewText(f.Text(), fg)
			v.Alignment = fyne.TextAlignTrailing
			value = v
		}
		right := container.NewHBox(value)
		if f.Warn != "" {
			right.Objects = append([]fyne.CanvasObject{coloredText(f.Warn, colorOverdue, false)}, right.Objects...)
		}
		rows.Add(container.NewBorder(nil, nil, nil, right, label))
	}
	if t.Note != "" {
		rows.Add(note(t.Note))
	}
	return widget.NewCard(t.Title, "", container.NewPadded(rows))
}

// tapText is a number that opens what it counts: link-coloured text with a hand cursor.
type tapText struct {
	widget.BaseWidget
	text  *canvas.Text
	onTap func()
}

func newTapText(s string, onTap func()) *tapText {
	t := &tapText{text: canvas.NewText(s, theme.Color(theme.ColorNameHyperlink)), onTap: onTap}
	t.text.TextStyle.Bold = true
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapText) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.text) }
func (t *tapText) Tapped(*fyne.PointEvent)             { t.onTap() }
func (t *tapText) Cursor() desktop.Cursor              { return desktop.PointerCursor }

// fixedHeight gives obj a fixed height and the full width of its parent (heightLayout,
// publist_form.go).
func fixedHeight(h float32, obj fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&heightLayout{h: h}, obj)
}

// showFigure lists the records behind a figure; a case opens on double tap or 打开, and the
// list can be saved as CSV.
func (u *UI) showFigure(t report.Table, f report.Figure) {
	selected := -1
	headers := []string{lang.L("report.refs.kind"), lang.L("report.refs.label"), lang.L("report.refs.date"), lang.L("report.refs.note")}
	table := widget.NewTable(
		func() (int, int) { return len(f.Refs), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			r := f.Refs[id.Row]
			cells := []string{report.RefKindLabel(r.Kind), r.Label, r.Date.String(), r.Note}
			l := o.(*widget.Label)
			l.Truncation = fyne.TextTruncateEllipsis
			l.SetText(cells[id.Col])
		})
	setHeaders(table, headers, []float32{80, 420, 100, 240})
	var d dialog.Dialog
	open := widget.NewButton(lang.L("report.refs.open"), func() {
		if selected < 0 || f.Refs[selected].Kind != "case" {
			return
		}
		d.Hide()
		u.openTarget(fmt.Sprintf("cases:%d", f.Refs[selected].ID))
	})
	open.Disable()
	table.OnSelected = func(id widget.TableCellID) {
		selected = id.Row
		if f.Refs[id.Row].Kind == "case" {
			open.Enable()
		} else {
			open.Disable()
		}
	}
	save := widget.NewButton(lang.L("report.refs.csv"), func() {
		u.saveExport(fmt.Sprintf("%s-%s.csv", t.Title, f.Label), func(w io.Writer) error {
			_, err := w.Write(report.FigureCSV(t.Title, f))
			return err
		}, func(path string) {
			u.svc.Report.LogExport(u.sess, fmt.Sprintf("导出统计明细：%s %s（%d 条）到 %s", t.Title, f.Label, len(f.Refs), path))
		})
	})
	title := fmt.Sprintf("%s · %s：%s", t.Title, f.Label, f.Text())
	content := container.NewBorder(nil, container.NewHBox(open, save), nil, nil, table)
	d = dialog.NewCustom(title, lang.L("dialog.close"), content, u.win)
	d.Resize(fyne.NewSize(900, 520))
	d.Show()
}

// exportStatsDialog offers the statistics of the shown period as PDF, Excel or CSV.
func (u *UI) exportStatsDialog(s report.Stats) {
	base := fmt.Sprintf("%s-行政执法统计-%s", s.Office, s.Label)
	build := func() (report.AnnualReport, error) { return u.svc.Report.PeriodReport(u.sess, s.Period) }
	choose := func(ext string, write func(io.Writer, report.AnnualReport) error) {
		r, err := build()
		if err != nil {
			u.showError(err)
			return
		}
		u.saveExport(base+ext, func(w io.Writer) error { return write(w, r) }, func(path string) {
			u.svc.Report.LogExport(u.sess, fmt.Sprintf("导出%s统计到 %s", s.Label, path))
		})
	}
	var d dialog.Dialog
	buttons := container.NewVBox(
		widget.NewButton(lang.L("report.export.pdf"), func() { d.Hide(); choose(".pdf", report.RenderAnnualPDF) }),
		widget.NewButton(lang.L("report.export.xlsx"), func() { d.Hide(); choose(".xlsx", report.RenderAnnualXLSX) }),
		widget.NewButton(lang.L("report.export.csv"), func() {
			d.Hide()
			u.saveExport(base+".csv", func(w io.Writer) error { _, err := w.Write(report.StatsCSV(s)); return err }, func(path string) {
				u.svc.Report.LogExport(u.sess, fmt.Sprintf("导出%s统计到 %s", s.Label, path))
			})
		}),
	)
	d = dialog.NewCustom(lang.L("report.stats.export"), lang.L("dialog.cancel"), buttons, u.win)
	d.Show()
}

// saveExport asks where to save an export and writes it there, like saveFile, then gives
// done the path so the export can be recorded in the audit chain. A file that could not be
// written completely is removed.
func (u *UI) saveExport(name string, write func(io.Writer) error, done func(path string)) {
	dlg := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if wc == nil {
			return // cancelled
		}
		path := wc.URI().Path()
		werr := write(wc)
		if cerr := wc.Close(); werr == nil && cerr != nil {
			werr = domain.Wrap(cerr, domain.EINVALID, "无法写入文件“%s”（磁盘已满或没有写入权限？）。", path)
		}
		if werr != nil {
			os.Remove(path)
			u.showError(werr)
			return
		}
		if done != nil {
			done(path)
		}
		showMessage(u.win, lang.L("report.saved.title"), fmt.Sprintf(lang.L("report.saved"), path))
	}, u.win)
	dlg.SetFileName(name)
	if home, err := os.UserHomeDir(); err == nil {
		if l, err := storage.ListerForURI(storage.NewFileURI(home)); err == nil {
			dlg.SetLocation(l)
		}
	}
	dlg.Resize(fyne.NewSize(900, 560))
	dlg.Show()
}
