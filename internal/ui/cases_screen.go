package ui

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/record"
	"lawdesk/internal/store"
)

// casesView is the 案件与记录 section: the case list (with its filters kept while a case is
// open) and the access log; a case opens in place of the list.
type casesView struct {
	u    *UI
	root *fyne.Container
	home fyne.CanvasObject
	list *caseList
}

// casesScreen (案件与记录): every case with filters and full-text search, each case's
// stages, documents, timeline and dossier, and the access log (调阅记录). A dashboard target
// "cases:12" opens case 12 directly.
func (u *UI) casesScreen() fyne.CanvasObject {
	v := &casesView{u: u, root: container.NewStack()}
	v.list = v.newCaseList()
	tabs := container.NewAppTabs(container.NewTabItem(lang.L("record.tab.cases"), v.list.content))
	if domain.Allowed(u.sess.User.Roles, domain.PermViewAudit) {
		tabs.Append(container.NewTabItem(lang.L("record.tab.accesslog"), u.accessLogView(0)))
	}
	v.home = container.NewBorder(heading(lang.L("nav.cases")), nil, nil, nil, tabs)
	v.root.Objects = []fyne.CanvasObject{v.home}
	if t := u.takeTarget(); t != "" {
		if id, err := strconv.ParseUint(t, 10, 64); err == nil {
			v.openCase(id)
		}
	}
	return v.root
}

// show replaces what the section shows.
func (v *casesView) show(o fyne.CanvasObject) {
	v.root.Objects = []fyne.CanvasObject{o}
	v.root.Refresh()
}

// back returns to the case list, reloading the current page.
func (v *casesView) back() {
	v.show(v.home)
	v.list.load()
}

// caseList is the filtered, paged case table.
type caseList struct {
	v       *casesView
	content fyne.CanvasObject

	search                 *widget.Entry
	status, typ, officer   *widget.Select
	year                   *widget.Select
	overdue                *widget.Check
	table                  *widget.Table
	summary                *widget.Label
	prev, next             *widget.Button
	cases                  []domain.Case
	cursors                []uint64 // Before of each page shown so far; the last is the current page
	nextCursor             uint64
	officerIDs, officerNms map[string]uint64
	names                  map[uint64]string
}

func (v *casesView) newCaseList() *caseList {
	u := v.u
	l := &caseList{v: v, cursors: []uint64{0}, officerIDs: map[string]uint64{}, names: map[uint64]string{}}
	all := lang.L("record.filter.all")

	l.search = widget.NewEntry()
	l.search.SetPlaceHolder(lang.L("record.search.placeholder"))
	l.search.OnSubmitted = func(string) { l.reload() }
	statuses := []string{all}
	for _, s := range domain.AllCaseStatuses {
		statuses = append(statuses, s.Label())
	}
	l.status = widget.NewSelect(statuses, func(string) { l.reload() })
	types := []string{all}
	for _, t := range domain.AllActTypes {
		types = append(types, t.Label())
	}
	l.typ = widget.NewSelect(types, func(string) { l.reload() })
	officers := []string{all}
	if os, err := u.svc.Store.Officers(); err == nil {
		for _, o := range os {
			l.names[o.ID] = o.Name
			if !o.Left {
				officers = append(officers, o.Name)
				l.officerIDs[o.Name] = o.ID
			}
		}
	}
	l.officer = widget.NewSelect(officers, func(string) { l.reload() })
	years := []string{all}
	if counts, err := u.svc.Store.CaseCounts(); err == nil {
		var ys []string
		for k := range counts {
			if y, ok := strings.CutPrefix(k, "year:"); ok {
				ys = append(ys, y)
			}
		}
		sort.Sort(sort.Reverse(sort.StringSlice(ys)))
		years = append(years, ys...)
	}
	l.year = widget.NewSelect(years, func(string) { l.reload() })
	for _, s := range []*widget.Select{l.status, l.typ, l.officer, l.year} {
		s.SetSelectedIndex(0)
	}
	l.overdue = widget.NewCheck(lang.L("record.filter.overdue"), func(bool) { l.reload() })

	headers := []string{lang.L("record.col.number"), lang.L("record.col.type"), lang.L("record.col.party"),
		lang.L("record.col.matter"), lang.L("record.col.stage"), lang.L("record.col.status"),
		lang.L("record.col.officers"), lang.L("record.col.opened"), lang.L("record.col.deadline")}
	widths := []float32{178, 52, 180, 160, 78, 64, 100, 98, 150}
	today := domain.DateOf(u.svc.Store.Now())
	l.table = widget.NewTable(
		func() (int, int) { return len(l.cases), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			c := l.cases[id.Row]
			lb := o.(*widget.Label)
			lb.Truncation = fyne.TextTruncateEllipsis
			lb.Importance = widget.MediumImportance
			text := ""
			switch id.Col {
			case 0:
				text = c.Number
			case 1:
				text = c.Type.Short()
			case 2:
				text = c.Party.Name
			case 3:
				text = c.MatterName
			case 4:
				text = c.Stage.Label()
			case 5:
				text = c.Status.Label()
			case 6:
				text = l.officerNames(c)
			case 7:
				text = c.Opened.String()
			case 8:
				text, lb.Importance = deadlineText(c, today)
			}
			lb.SetText(text)
		})
	setHeaders(l.table, headers, widths)
	l.table.OnSelected = func(id widget.TableCellID) {
		l.table.UnselectAll()
		if id.Row >= 0 && id.Row < len(l.cases) {
			v.openCase(l.cases[id.Row].ID)
		}
	}

	l.summary = widget.NewLabel("")
	l.prev = widget.NewButtonWithIcon(lang.L("record.page.prev"), theme.NavigateBackIcon(), func() {
		if len(l.cursors) > 1 {
			l.cursors = l.cursors[:len(l.cursors)-1]
			l.load()
		}
	})
	l.next = widget.NewButtonWithIcon(lang.L("record.page.next"), theme.NavigateNextIcon(), func() {
		if l.nextCursor != 0 {
			l.cursors = append(l.cursors, l.nextCursor)
			l.load()
		}
	})
	l.next.IconPlacement = widget.ButtonIconTrailingText

	create := widget.NewButtonWithIcon(lang.L("record.case.new"), theme.ContentAddIcon(), func() { v.editCase(nil) })
	create.Importance = widget.HighImportance
	if !domain.Allowed(u.sess.User.Roles, domain.PermCaseCreate) {
		create.Hide()
	}
	clear := widget.NewButton(lang.L("record.filter.clear"), func() {
		l.search.SetText("")
		l.overdue.SetChecked(false)
		for _, s := range []*widget.Select{l.status, l.typ, l.officer, l.year} {
			s.SetSelectedIndex(0)
		}
		l.reload()
	})
	searchBar := container.NewBorder(nil, nil, nil, container.NewHBox(
		widget.NewButtonWithIcon(lang.L("action.search"), theme.SearchIcon(), l.reload), create), l.search)
	filters := container.NewHBox(
		widget.NewLabel(lang.L("record.filter.status")), l.status,
		widget.NewLabel(lang.L("record.filter.type")), l.typ,
		widget.NewLabel(lang.L("record.filter.officer")), l.officer,
		widget.NewLabel(lang.L("record.filter.year")), l.year,
		l.overdue, clear)
	pager := container.NewHBox(l.summary, layout.NewSpacer(), l.prev, l.next)
	l.content = container.NewBorder(container.NewVBox(searchBar, filters), pager, nil, nil, l.table)
	l.load()
	return l
}

// officerNames joins the names of a case's officers.
func (l *caseList) officerNames(c domain.Case) string {
	names := make([]string, 0, len(c.OfficerIDs))
	for _, id := range c.OfficerIDs {
		names = append(names, l.names[id])
	}
	return strings.Join(names, "、")
}

// deadlineText is what the deadline column says, and how loudly.
func deadlineText(c domain.Case, today domain.Date) (string, widget.Importance) {
	if over, _ := c.Overdue(today); over {
		if c.Status == domain.StatusClosed {
			return lang.L("record.deadline.archive.overdue"), widget.DangerImportance
		}
		return lang.L("record.deadline.decide.overdue"), widget.DangerImportance
	}
	if c.Status == domain.StatusClosed {
		left := today.DaysUntil(c.ArchiveDue())
		imp := widget.MediumImportance
		if left <= domain.ArchiveWarnDays {
			imp = widget.WarningImportance
		}
		if left == 0 {
			return lang.L("record.deadline.archive.today"), imp
		}
		return fmt.Sprintf(lang.L("record.deadline.archive"), left), imp
	}
	if c.Status == domain.StatusArchived {
		return c.Archived.String() + " " + lang.L("record.status.archived.short"), widget.LowImportance
	}
	return "", widget.MediumImportance
}

// reload goes back to the first page with the current filters.
func (l *caseList) reload() {
	l.cursors = []uint64{0}
	l.load()
}

// filter reads the filter widgets.
func (l *caseList) filter() record.CaseFilter {
	f := record.CaseFilter{Text: strings.TrimSpace(l.search.Text), Overdue: l.overdue.Checked,
		Before: l.cursors[len(l.cursors)-1], Limit: 50}
	if i := l.status.SelectedIndex(); i > 0 {
		f.Status = domain.AllCaseStatuses[i-1]
	}
	if i := l.typ.SelectedIndex(); i > 0 {
		f.Type = domain.AllActTypes[i-1]
	}
	f.OfficerID = l.officerIDs[l.officer.Selected]
	if i := l.year.SelectedIndex(); i > 0 {
		f.Year, _ = strconv.Atoi(l.year.Selected)
	}
	return f
}

// load shows the current page.
func (l *caseList) load() {
	if l.table == nil || l.summary == nil {
		return // still being built
	}
	page, err := l.v.u.svc.Record.Cases(l.v.u.sess, l.filter())
	if err != nil {
		l.v.u.showError(err)
		return
	}
	l.cases, l.nextCursor = page.Cases, page.Next
	l.table.Refresh()
	l.table.ScrollToTop()
	pageNo := len(l.cursors)
	switch {
	case len(l.cases) == 0 && pageNo == 1:
		l.summary.SetText(lang.L("record.list.empty"))
	case page.Total >= 0:
		l.summary.SetText(fmt.Sprintf(lang.L("record.list.total"), page.Total, pageNo))
	default:
		l.summary.SetText(fmt.Sprintf(lang.L("record.list.page"), pageNo, len(l.cases)))
	}
	if pageNo > 1 {
		l.prev.Enable()
	} else {
		l.prev.Disable()
	}
	if l.nextCursor != 0 {
		l.next.Enable()
	} else {
		l.next.Disable()
	}
}

// openCase opens a case in place of the list, asking for a reason first when the case is
// marked 涉密 or 个人隐私.
func (v *casesView) openCase(id uint64) {
	u := v.u
	c, err := u.svc.Record.OpenCase(u.sess, id, "")
	if record.NeedsReason(err) {
		u.askReason(domain.ErrorMessage(err), func(reason string) {
			c, err := u.svc.Record.OpenCase(u.sess, id, reason)
			if err != nil {
				u.showError(err)
				return
			}
			v.showCase(c, 0)
		})
		return
	}
	if err != nil {
		u.showError(err)
		return
	}
	v.showCase(c, 0)
}

// askReason asks for the reason to open a secret record (it goes into the access log).
func (u *UI) askReason(msg string, then func(reason string)) {
	reason := widget.NewEntry()
	reason.SetPlaceHolder(lang.L("record.reason.placeholder"))
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapBreak
	confirmForm(u.win, lang.L("record.reason.title"), lang.L("record.reason.open"),
		container.NewVBox(l, reason), fyne.NewSize(520, 240), func() { then(reason.Text) })
}

// reloadCase reads a case again after a change and shows it on the same tab.
func (v *casesView) reloadCase(id uint64, tab int) {
	c, err := v.u.svc.Record.Case(v.u.sess, id)
	if err != nil {
		v.u.showError(err)
		v.back()
		return
	}
	v.showCase(c, tab)
}

// accessLogView is the access log with filters and CSV export; caseID restricts it to one
// case.
func (u *UI) accessLogView(caseID uint64) fyne.CanvasObject {
	if err := domain.Require(u.sess.User, domain.PermViewAudit, lang.L("cases.accesslog.what")); err != nil {
		return note(domain.ErrorMessage(err))
	}
	names := map[string]string{}
	users := []string{lang.L("record.filter.all")}
	if all, err := u.svc.Store.Users(); err == nil {
		for _, us := range all {
			names[us.Name] = us.DisplayName()
			users = append(users, us.Name+" "+us.DisplayName())
		}
	}
	who := widget.NewSelect(users, nil)
	who.SetSelectedIndex(0)
	number := widget.NewEntry()
	number.SetPlaceHolder(lang.L("record.accesslog.case.placeholder"))
	from, to := widget.NewEntry(), widget.NewEntry()
	from.SetPlaceHolder(lang.L("record.accesslog.from"))
	to.SetPlaceHolder(lang.L("record.accesslog.to"))
	var events []domain.Event
	headers := []string{lang.L("audit.time"), lang.L("audit.actor"), lang.L("record.col.name"), lang.L("audit.action"), lang.L("audit.summary")}
	widths := []float32{150, 90, 70, 80, 620}
	table := widget.NewTable(
		func() (int, int) { return len(events), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			e := events[id.Row]
			cells := []string{e.Time.Local().Format("2006-01-02 15:04:05"), e.Actor, names[e.Actor], record.ActionLabel(e.Action), e.Summary}
			l := o.(*widget.Label)
			l.Truncation = fyne.TextTruncateEllipsis
			l.SetText(cells[id.Col])
		})
	setHeaders(table, headers, widths)
	count := widget.NewLabel("")
	filter := func() (store.AccessFilter, error) {
		f := store.AccessFilter{CaseID: caseID, Limit: 2000}
		if who.SelectedIndex() > 0 {
			f.Actor, _, _ = strings.Cut(who.Selected, " ")
		}
		if n := strings.TrimSpace(number.Text); n != "" && caseID == 0 {
			c, err := u.svc.Record.CaseByNumber(u.sess, n)
			if err != nil && !record.NeedsReason(err) {
				return f, err
			}
			if err != nil { // a secret case: its log is still the supervisor's to read
				c, err = u.svc.Store.CaseByNumber(n)
				if err != nil {
					return f, err
				}
			}
			f.CaseID = c.ID
		}
		for _, d := range []struct {
			e   *widget.Entry
			dst *domain.Date
		}{{from, &f.From}, {to, &f.To}} {
			if t := strings.TrimSpace(d.e.Text); t != "" {
				day, err := domain.ParseDate(t)
				if err != nil {
					return f, err
				}
				*d.dst = day
			}
		}
		return f, nil
	}
	load := func() {
		f, err := filter()
		if err != nil {
			u.showError(err)
			return
		}
		events, err = u.svc.Record.AccessLog(u.sess, f)
		if err != nil {
			u.showError(err)
		}
		table.Refresh()
		if len(events) == 0 {
			count.SetText(lang.L("cases.accesslog.empty"))
		} else {
			count.SetText(fmt.Sprintf(lang.L("record.accesslog.count"), len(events)))
		}
	}
	who.OnChanged = func(string) { load() }
	number.OnSubmitted = func(string) { load() }
	export := widget.NewButtonWithIcon(lang.L("record.accesslog.export"), theme.DownloadIcon(), func() {
		f, err := filter()
		if err != nil {
			u.showError(err)
			return
		}
		u.exportAccessLog(f)
	})
	search := widget.NewButtonWithIcon(lang.L("action.search"), theme.SearchIcon(), load)
	bar := container.NewHBox(widget.NewLabel(lang.L("record.accesslog.user")), who)
	if caseID == 0 {
		bar.Add(fixedWidth(230, number))
	}
	bar.Add(fixedWidth(120, from))
	bar.Add(fixedWidth(120, to))
	bar.Add(search)
	bar.Add(layout.NewSpacer())
	bar.Add(export)
	load()
	return container.NewBorder(container.NewVBox(note(lang.L("cases.accesslog.intro")), bar), count, nil, nil, table)
}
