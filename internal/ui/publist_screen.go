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
	"lawdesk/internal/publicity"
)

// listView is the screen of one published list: its version and pending changes, a
// searchable table of entries, and every action on the list.
type listView struct {
	u      *UI
	kind   domain.ListKind
	spec   *publicity.Spec
	all    []publicity.Item
	shown  []publicity.Item
	sel    int // index into shown, -1 when nothing is selected
	cols   []listColumn
	extras listExtras

	table        *widget.Table
	search       *widget.Entry
	showInactive *widget.Check
	version      *widget.Label
	pending      *fyne.Container
	message      *widget.Label
	edit, remove *widget.Button
	empty        fyne.CanvasObject
}

// listColumn is one column of the screen table.
type listColumn struct {
	header string
	width  float32
	value  func(publicity.Item) string
	level  func(publicity.Item) int // colour: 0 plain, 1 warning, 2 danger, -1 muted
}

// listExtras are what a list adds to the generic screen (the officer list's photo and
// linked account).
type listExtras struct {
	columns   []listColumn
	formItems func(it *publicity.Item) (items []*widget.FormItem, afterSave func(id uint64) error)
}

// listScreen builds the screen of kind and selects the entry selectID when not 0.
func (u *UI) listScreen(kind domain.ListKind, selectID uint64) fyne.CanvasObject {
	spec, err := publicity.SpecOf(kind)
	if err != nil {
		return note(domain.ErrorMessage(err))
	}
	v := &listView{u: u, kind: kind, spec: spec, sel: -1}
	if kind == domain.ListOfficers {
		v.extras = u.officerExtras()
	}
	v.buildColumns()
	return v.build(selectID)
}

func (v *listView) canEdit() bool {
	return domain.Allowed(v.u.sess.User.Roles, publicity.PermEditLists)
}
func (v *listView) canPublish() bool {
	return domain.Allowed(v.u.sess.User.Roles, publicity.PermPublishLists)
}
func (v *listView) canExport() bool {
	return domain.Allowed(v.u.sess.User.Roles, publicity.PermExportLists)
}

func (v *listView) buildColumns() {
	status := listColumn{header: v.spec.StatusHeader, width: 165,
		value: func(it publicity.Item) string { return it.Status },
		level: func(it publicity.Item) int {
			if !it.Active {
				return levelMuted
			}
			return it.Level
		}}
	if v.spec.StatusHeader != "" && v.spec.StatusAfter == "" {
		v.cols = append(v.cols, status)
	}
	agency, _ := v.u.svc.Office.Agency()
	for _, f := range v.spec.TableFields() {
		key := f.Key
		v.cols = append(v.cols, listColumn{header: f.Header, width: f.Table,
			value: func(it publicity.Item) string {
				s := strings.ReplaceAll(it.Row[key], "\n", " ")
				if key == "unit" && len(s) > len(agency.Name) && agency.Name != "" {
					s = strings.TrimPrefix(s, agency.Name) // 食品安全监督管理股 reads better than …管理局食品…
				}
				return s
			}})
		if v.spec.StatusHeader != "" && v.spec.StatusAfter == key {
			status.width = 150
			v.cols = append(v.cols, status)
		}
	}
	v.cols = append(v.cols, v.extras.columns...)
}

// levelMuted greys out entries that left the published list.
const levelMuted = -1

func (v *listView) build(selectID uint64) fyne.CanvasObject {
	v.version = widget.NewLabel("")
	v.version.Wrapping = fyne.TextWrapWord
	v.pending = container.NewStack()
	v.message = widget.NewLabel("")
	v.message.Wrapping = fyne.TextWrapWord
	v.message.Importance = widget.SuccessImportance

	headers := make([]string, len(v.cols))
	widths := make([]float32, len(v.cols))
	for i, c := range v.cols {
		headers[i], widths[i] = c.header, c.width
	}
	v.table = widget.NewTable(
		func() (int, int) { return len(v.shown), len(v.cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row >= len(v.shown) || id.Col >= len(v.cols) {
				return
			}
			it, c := v.shown[id.Row], v.cols[id.Col]
			l.Importance = widget.MediumImportance
			if c.level != nil {
				switch c.level(it) {
				case levelMuted:
					l.Importance = widget.LowImportance
				case publicity.LevelGood:
					l.Importance = widget.SuccessImportance
				case publicity.LevelSoon:
					l.Importance = widget.WarningImportance
				case publicity.LevelBad:
					l.Importance = widget.DangerImportance
				}
			} else if !it.Active {
				l.Importance = widget.LowImportance
			}
			l.SetText(c.value(it))
		})
	setListHeaders(v.table, headers, widths)
	v.table.OnSelected = func(id widget.TableCellID) { v.sel = id.Row; v.updateButtons() }
	v.table.OnUnselected = func(widget.TableCellID) { v.sel = -1; v.updateButtons() }

	v.search = widget.NewEntry()
	v.search.SetPlaceHolder(lang.L("publicity.search.placeholder"))
	v.search.OnChanged = func(string) { v.filter() }

	add := toolbarButton(lang.L("publicity.add"), theme.ContentAddIcon(), func() { v.openForm(nil) })
	add.Importance = widget.HighImportance
	v.edit = toolbarButton(lang.L("publicity.edit"), theme.DocumentCreateIcon(), func() {
		if it := v.selected(); it != nil {
			v.openForm(it)
		}
	})
	v.remove = toolbarButton(v.spec.RemoveWord, theme.DeleteIcon(), v.confirmRemove)
	importBtn := toolbarButton(lang.L("publicity.import"), theme.UploadIcon(), v.startImport)
	exportBtn := toolbarButton(lang.L("publicity.export"), theme.DownloadIcon(), v.startExport)
	templateBtn := toolbarButton(lang.L("publicity.template"), theme.FileIcon(), v.downloadTemplate)
	printBtn := toolbarButton(lang.L("publicity.print"), theme.DocumentPrintIcon(), v.startPrint)
	publish := toolbarButton(lang.L("publicity.publish"), theme.MailSendIcon(), v.openPublish)
	publish.Importance = widget.HighImportance
	history := toolbarButton(lang.L("publicity.history"), theme.HistoryIcon(), v.openHistory)
	if !v.canEdit() {
		add.Disable()
		importBtn.Disable()
	}
	if !v.canPublish() {
		publish.Disable()
	}
	if !v.canExport() {
		exportBtn.Disable()
	}

	var filters []fyne.CanvasObject
	if v.kind == domain.ListOfficers || v.kind == domain.ListMatters {
		label := lang.L("publicity.show.left")
		if v.kind == domain.ListMatters {
			label = lang.L("publicity.show.retired")
		}
		v.showInactive = widget.NewCheck(label, func(bool) { v.filter() })
		filters = append(filters, v.showInactive)
	}
	v.empty = note(lang.L("publicity.empty"))

	title := subheading(v.spec.Title())
	intro := note(v.spec.Intro)
	statusRow := container.NewBorder(nil, nil, nil, container.NewVBox(layout.NewSpacer(), container.NewHBox(history, publish), layout.NewSpacer()),
		container.NewVBox(v.version, v.pending))
	actions := container.NewHBox(add, v.edit, v.remove, widget.NewSeparator(), importBtn, exportBtn, templateBtn, printBtn)
	searchRow := container.NewBorder(nil, nil, nil, container.NewHBox(filters...), v.search)
	v.message.Hide()
	top := container.NewVBox(title, intro, widget.NewCard("", "", statusRow), actions, searchRow, v.message, v.empty)
	v.reload(selectID)
	return container.NewBorder(top, nil, nil, nil, v.table)
}

// reload reads the list and its status again, keeping (or setting) the selection.
func (v *listView) reload(selectID uint64) {
	u := v.u
	if selectID == 0 {
		if it := v.selected(); it != nil {
			selectID = it.ID
		}
	}
	var err error
	v.all, err = u.svc.Publicity.Items(u.sess, v.kind)
	if err != nil {
		u.showError(err)
	}
	ls, err := u.svc.Publicity.Status(u.sess, v.kind)
	if err != nil {
		u.showError(err)
	}
	limit, _ := u.svc.Publicity.PendingLimit()
	v.version.SetText(versionLine(ls))
	v.pending.Objects = []fyne.CanvasObject{pendingLabel(ls, limit.String())}
	v.pending.Refresh()
	if selectID != 0 && v.showInactive != nil {
		for _, it := range v.all {
			if it.ID == selectID && !it.Active {
				v.showInactive.SetChecked(true)
			}
		}
	}
	v.filter()
	if selectID != 0 {
		for i, it := range v.shown {
			if it.ID == selectID {
				v.table.Select(widget.TableCellID{Row: i, Col: 0})
				v.table.ScrollTo(widget.TableCellID{Row: i, Col: 0})
			}
		}
	}
}

// filter applies the search text (every word must appear in the entry) and the
// left/retired switch.
func (v *listView) filter() {
	words := strings.Fields(strings.ToLower(v.search.Text))
	prev := v.selected()
	v.shown = v.shown[:0]
	for _, it := range v.all {
		if !it.Active && (v.showInactive == nil || !v.showInactive.Checked) {
			continue
		}
		if len(words) > 0 {
			var hay strings.Builder
			for _, val := range it.Row {
				hay.WriteString(strings.ToLower(val))
				hay.WriteByte(' ')
			}
			hay.WriteString(it.Status)
			text := hay.String()
			ok := true
			for _, w := range words {
				if !strings.Contains(text, w) {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
		}
		v.shown = append(v.shown, it)
	}
	v.sel = -1
	v.table.UnselectAll()
	if prev != nil {
		for i, it := range v.shown {
			if it.ID == prev.ID {
				v.sel = i
			}
		}
	}
	if len(v.all) == 0 {
		v.empty.Show()
	} else {
		v.empty.Hide()
	}
	v.table.Refresh()
	v.updateButtons()
}

func (v *listView) selected() *publicity.Item {
	if v.sel < 0 || v.sel >= len(v.shown) {
		return nil
	}
	it := v.shown[v.sel]
	return &it
}

func (v *listView) updateButtons() {
	if v.edit == nil {
		return
	}
	it := v.selected()
	if it == nil || !v.canEdit() {
		v.edit.Disable()
		v.remove.Disable()
		return
	}
	v.edit.Enable()
	if it.Active {
		v.remove.Enable()
	} else {
		v.remove.Disable()
	}
}

// say shows a short confirmation under the toolbar.
func (v *listView) say(format string, args ...any) {
	v.message.SetText(fmt.Sprintf(format, args...))
	v.message.Show()
}

// itemName names an entry in messages.
func (v *listView) itemName(it publicity.Item) string {
	for _, k := range []string{"name", "body", "violation"} {
		if s := it.Row[k]; s != "" {
			if k == "violation" {
				return it.Row["code"] + " " + s + "（" + it.Row["grade"] + "）"
			}
			return s
		}
	}
	return fmt.Sprint(it.ID)
}

// confirmRemove asks before removing an entry, with an optional reason.
func (v *listView) confirmRemove() {
	it := v.selected()
	if it == nil {
		return
	}
	name := v.itemName(*it)
	msg := fmt.Sprintf(lang.L("publicity.remove.confirm"), name)
	if v.kind == domain.ListOfficers || v.kind == domain.ListMatters {
		msg = fmt.Sprintf(lang.L("publicity.remove.keep"), name, v.spec.RemoveWord)
	}
	reason := widget.NewEntry()
	reason.SetPlaceHolder(lang.L("publicity.remove.reason"))
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(v.spec.RemoveWord, v.spec.RemoveWord, lang.L("dialog.cancel"), container.NewVBox(l, reason), func(ok bool) {
		if !ok {
			return
		}
		if err := v.u.svc.Publicity.Remove(v.u.sess, v.kind, it.ID, reason.Text); err != nil {
			v.u.showError(err)
			return
		}
		v.sel = -1
		v.reload(0)
		v.say(lang.L("publicity.removed"), name)
	}, v.u.win)
	d.Resize(fyne.NewSize(520, 280))
	d.Show()
}

// setListHeaders is setHeaders with headers cut short ("…") when a column is narrow, so
// a long header never runs into the next one.
func setListHeaders(t *widget.Table, headers []string, widths []float32) {
	setHeaders(t, headers, widths)
	t.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
}
