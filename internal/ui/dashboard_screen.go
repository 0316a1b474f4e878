package ui

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
)

var weekdays = []string{"日", "一", "二", "三", "四", "五", "六"}

// dashboardScreen (首页) is the office's to-do list: every deadline LawDesk knows, the
// soonest first, coloured when due soon or overdue, filtered by person ("mine") and kind.
// Each entry opens the thing to do.
func (u *UI) dashboardScreen() fyne.CanvasObject {
	now := u.svc.Store.Now()
	today := fmt.Sprintf(lang.L("home.today"), now.Year(), int(now.Month()), now.Day(), weekdays[now.Weekday()])
	greeting := fmt.Sprintf(lang.L("home.greeting"), u.sess.User.DisplayName())

	all, err := u.todos()
	if err != nil {
		u.showError(err)
	}
	var shown []domain.Todo
	counts := widget.NewLabel("")
	title := subheading("")
	empty := container.NewCenter(container.NewHBox(widget.NewIcon(theme.ConfirmIcon()), widget.NewLabel(lang.L("home.empty"))))

	list := widget.NewList(
		func() int { return len(shown) },
		func() fyne.CanvasObject { return newTodoRow(u) },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*todoRow).set(shown[i], now) })
	list.OnSelected = func(i widget.ListItemID) {
		list.UnselectAll()
		if i < len(shown) {
			u.openTarget(shown[i].Target)
		}
	}

	kinds := []string{lang.L("home.filter.allkinds")}
	for _, td := range all {
		if !slices.Contains(kinds, td.Kind) {
			kinds = append(kinds, td.Kind)
		}
	}
	kind := widget.NewSelect(kinds, nil)
	mine := widget.NewCheck(lang.L("home.filter.mine"), nil)
	body := container.NewStack()
	apply := func() {
		shown = filterTodos(all, u.sess.User.Name, mine.Checked, kind.SelectedIndex(), kind.Selected)
		overdue, soon := 0, 0
		for _, td := range shown {
			switch td.Severity {
			case domain.SeverityOverdue:
				overdue++
			case domain.SeverityDueSoon:
				soon++
			}
		}
		title.SetText(fmt.Sprintf(lang.L("home.todos"), len(shown)))
		counts.SetText(fmt.Sprintf(lang.L("home.counts"), overdue, soon, len(shown)-overdue-soon))
		if overdue > 0 {
			counts.Importance = widget.DangerImportance
		} else {
			counts.Importance = widget.MediumImportance
		}
		counts.Refresh()
		if len(shown) == 0 {
			body.Objects = []fyne.CanvasObject{empty}
		} else {
			body.Objects = []fyne.CanvasObject{list}
		}
		body.Refresh()
		list.Refresh()
	}
	kind.OnChanged = func(string) { apply() }
	mine.OnChanged = func(bool) { apply() }
	kind.SetSelectedIndex(0) // calls apply

	filters := container.NewHBox(title, layout.NewSpacer(), counts, mine, fixedWidth(170, kind))
	header := container.NewVBox(
		u.integrityBanner(),
		container.NewHBox(heading(lang.L("nav.home")), layout.NewSpacer(), widget.NewLabel(today)),
		widget.NewLabel(greeting),
		filters,
	)
	return container.NewBorder(header, nil, nil, nil, body)
}

// filterTodos keeps the entries of the chosen kind (index 0: every kind) and, with mine,
// those that are the user's own or the office's (no owner: the user sees them because of
// their role).
func filterTodos(all []domain.Todo, user string, mine bool, kindIndex int, kind string) []domain.Todo {
	var out []domain.Todo
	for _, td := range all {
		if mine && td.Owner != "" && td.Owner != user {
			continue
		}
		if kindIndex > 0 && td.Kind != kind {
			continue
		}
		out = append(out, td)
	}
	return out
}

// todoSource is a service that contributes dashboard entries for a signed-in user.
type todoSource interface {
	Todos(sess office.Session) ([]domain.Todo, error)
}

// todoSources lists every capability's dashboard contributions.
func (u *UI) todoSources() []todoSource {
	return []todoSource{u.svc.Office, u.svc.Calendar, u.svc.Publication, u.svc.Inspection, u.svc.Recording, u.svc.Publicity, u.svc.Record, u.svc.Review,
		u.svc.Backup, u.svc.Report}
}

// todos gathers the dashboard entries of every capability, soonest first (sortTodos).
func (u *UI) todos() ([]domain.Todo, error) {
	// The sources read different parts of the store: ask them side by side, so the home
	// screen waits for the slowest, not for all of them in turn.
	sources := u.todoSources()
	lists := make([][]domain.Todo, len(sources))
	errs := make([]error, len(sources))
	var wg sync.WaitGroup
	for i, src := range sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lists[i], errs[i] = src.Todos(u.sess)
		}()
	}
	wg.Wait()
	var all []domain.Todo
	for i := range sources {
		if errs[i] != nil {
			return nil, errs[i]
		}
		all = append(all, lists[i]...)
	}
	sortTodos(all)
	return all, nil
}

// sortTodos puts overdue entries first, then every entry by its deadline, soonest first,
// then those without a deadline, most severe first.
func sortTodos(all []domain.Todo) {
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if ao, bo := a.Severity == domain.SeverityOverdue, b.Severity == domain.SeverityOverdue; ao != bo {
			return ao
		}
		if a.Due.IsZero() != b.Due.IsZero() {
			return !a.Due.IsZero()
		}
		if !a.Due.Equal(b.Due) {
			return a.Due.Before(b.Due)
		}
		return a.Severity > b.Severity
	})
}

// todoRow is one line of the dashboard: a coloured bar, the urgency and kind, what to do
// and why, the deadline, and the button that opens it.
type todoRow struct {
	widget.BaseWidget
	u      *UI
	bar    *canvas.Rectangle
	word   *canvas.Text
	kind   *canvas.Text
	title  *widget.Label
	detail *widget.Label
	due    *widget.Label
	open   *widget.Button
	target string
}

func newTodoRow(u *UI) *todoRow {
	r := &todoRow{u: u, bar: canvas.NewRectangle(colorMuted), word: coloredText("", colorMuted, true),
		kind: coloredText("", colorMuted, false), title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		detail: widget.NewLabel(""), due: widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{})}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.open = widget.NewButton(lang.L("home.open"), func() { r.u.openTarget(r.target) })
	r.ExtendBaseWidget(r)
	return r
}

func (r *todoRow) set(td domain.Todo, now time.Time) {
	c, word := colorMuted, lang.L("home.severity.info")
	switch td.Severity {
	case domain.SeverityOverdue:
		c, word = colorOverdue, lang.L("home.severity.overdue")
	case domain.SeverityDueSoon:
		c, word = colorDueSoon, lang.L("home.severity.soon")
	}
	r.bar.FillColor = c
	r.bar.Refresh()
	r.word.Text, r.word.Color = word, c
	r.word.Refresh()
	r.kind.Text = td.Kind
	r.kind.Refresh()
	r.title.SetText(td.Title)
	r.detail.SetText(td.Detail)
	// date on the first line, days left or overdue on the second, in a fixed column
	r.due.SetText(strings.Replace(dueText(td.Due, now), "，", "\n", 1))
	r.due.Importance = widget.MediumImportance
	if td.Severity == domain.SeverityOverdue {
		r.due.Importance = widget.DangerImportance
	} else if td.Severity == domain.SeverityDueSoon {
		r.due.Importance = widget.WarningImportance
	}
	r.due.Refresh()
	r.target = td.Target
}

func (r *todoRow) CreateRenderer() fyne.WidgetRenderer {
	bar := container.New(&widthLayout{w: 6}, r.bar)
	tag := fixedWidth(86, container.NewVBox(r.word, r.kind))
	right := container.NewHBox(fixedWidth(190, container.NewCenter(r.due)), container.NewCenter(r.open))
	text := container.NewVBox(r.title, r.detail)
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, container.NewHBox(bar, container.NewPadded(tag)), right, text))
}

// dueText says when an entry is due: the date (and time, when it has one) and how many
// days are left or overdue.
func dueText(due, now time.Time) string {
	if due.IsZero() {
		return ""
	}
	local := due.Local()
	when := local.Format("2006-01-02")
	if local.Hour() != 0 || local.Minute() != 0 {
		when = local.Format("2006-01-02 15:04")
	}
	days := domain.DateOf(now.Local()).DaysUntil(domain.DateOf(local))
	switch {
	case days < 0:
		return fmt.Sprintf(lang.L("home.due.overdue"), when, -days)
	case days == 0:
		return fmt.Sprintf(lang.L("home.due.today"), when)
	}
	return fmt.Sprintf(lang.L("home.due.left"), when, days)
}

// openTarget opens what a dashboard entry points to: "<section>:<what>", e.g.
// "settings:users" or "cases:12". The section's screen reads <what> with takeTarget.
func (u *UI) openTarget(target string) {
	if u.main == nil {
		return
	}
	sec, sub, _ := strings.Cut(target, ":")
	u.target = sub
	u.main.open(section(sec))
}
