package ui

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
)

var weekdays = []string{"日", "一", "二", "三", "四", "五", "六"}

// dashboardScreen (首页) is the office's to-do list: everything LawDesk knows that needs
// doing, the most urgent first.
func (u *UI) dashboardScreen() fyne.CanvasObject {
	now := u.svc.Store.Now()
	today := fmt.Sprintf(lang.L("home.today"), now.Year(), int(now.Month()), now.Day(), weekdays[now.Weekday()])
	greeting := fmt.Sprintf(lang.L("home.greeting"), u.sess.User.DisplayName())

	todos, err := u.todos()
	if err != nil {
		u.showError(err)
	}
	list := container.NewVBox()
	if len(todos) == 0 {
		list.Add(widget.NewCard("", "", container.NewHBox(widget.NewIcon(theme.ConfirmIcon()), widget.NewLabel(lang.L("home.empty")))))
	}
	for _, td := range todos {
		list.Add(u.todoCard(td, now))
	}
	header := container.NewVBox(
		container.NewHBox(heading(lang.L("nav.home")), layout.NewSpacer(), widget.NewLabel(today)),
		widget.NewLabel(greeting),
		subheading(fmt.Sprintf(lang.L("home.todos"), len(todos))),
	)
	return container.NewBorder(header, nil, nil, nil, container.NewVScroll(list))
}

// todoSource is a service that contributes dashboard entries for a signed-in user.
type todoSource interface {
	Todos(sess office.Session) ([]domain.Todo, error)
}

// todoSources lists every capability's dashboard contributions.
func (u *UI) todoSources() []todoSource {
	return []todoSource{u.svc.Office, u.svc.Backup, u.svc.Report}
}

// todos gathers the dashboard entries of every capability, sorted by urgency then due date.
func (u *UI) todos() ([]domain.Todo, error) {
	var all []domain.Todo
	for _, src := range u.todoSources() {
		t, err := src.Todos(u.sess)
		if err != nil {
			return nil, err
		}
		all = append(all, t...)
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.Due.IsZero() != b.Due.IsZero() {
			return !a.Due.IsZero()
		}
		return a.Due.Before(b.Due)
	})
	return all, nil
}

func (u *UI) todoCard(td domain.Todo, now time.Time) fyne.CanvasObject {
	c, word := colorMuted, lang.L("home.severity.info")
	switch td.Severity {
	case domain.SeverityOverdue:
		c, word = colorOverdue, lang.L("home.severity.overdue")
	case domain.SeverityDueSoon:
		c, word = colorDueSoon, lang.L("home.severity.soon")
	}
	due := ""
	if !td.Due.IsZero() {
		due = fmt.Sprintf(lang.L("home.due"), td.Due.Local().Format("2006-01-02 15:04"))
	}
	title := widget.NewLabelWithStyle(td.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	detail := widget.NewLabel(strings.TrimSpace(td.Detail + " " + due))
	detail.Wrapping = fyne.TextWrapWord
	open := widget.NewButton(lang.L("home.open"), func() { u.openTarget(td.Target) })
	tag := container.NewVBox(coloredText(word, c, true), coloredText(td.Kind, colorMuted, false))
	return widget.NewCard("", "", container.NewBorder(nil, nil, fixedWidth(80, tag), container.NewCenter(open),
		container.NewVBox(title, detail)))
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
