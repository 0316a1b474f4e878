package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/publicity"
)

// publicityPage is one entry of the 公示 section's own navigation.
type publicityPage struct {
	id    string // overview, cards, or a list kind
	label string
}

func publicityPages() []publicityPage {
	pages := []publicityPage{{"overview", lang.L("publicity.overview")}}
	for _, k := range domain.AllListKinds {
		pages = append(pages, publicityPage{string(k), k.Title()})
	}
	return append(pages, publicityPage{"cards", lang.L("publicity.cards")})
}

// publicityScreen (公示): the lists the office publishes, their versions, spreadsheets and
// print, and the posting-board cards of the service windows. A dashboard target opens a
// list (list:officers), an officer (officer:12) or the cards (cards).
func (u *UI) publicityScreen() fyne.CanvasObject {
	body := container.NewStack()
	nav := container.NewVBox()
	buttons := map[string]*widget.Button{}
	var show func(id string, selectID uint64)
	show = func(id string, selectID uint64) {
		for pid, b := range buttons {
			if pid == id {
				b.Importance = widget.HighImportance
			} else {
				b.Importance = widget.LowImportance
			}
			b.Refresh()
		}
		var page fyne.CanvasObject
		switch id {
		case "overview":
			page = u.publicityOverview(func(kind domain.ListKind) { show(string(kind), 0) })
		case "cards":
			page = u.cardsScreen()
		default:
			page = u.listScreen(domain.ListKind(id), selectID)
		}
		body.Objects = []fyne.CanvasObject{page}
		body.Refresh()
	}
	for _, p := range publicityPages() {
		p := p
		b := widget.NewButton(p.label, func() { show(p.id, 0) })
		b.Alignment = widget.ButtonAlignLeading
		buttons[p.id] = b
		nav.Add(b)
	}
	target, selectID := "overview", uint64(0)
	switch t := u.takeTarget(); {
	case strings.HasPrefix(t, "list:"):
		target = strings.TrimPrefix(t, "list:")
	case strings.HasPrefix(t, "officer:"):
		target = string(domain.ListOfficers)
		selectID, _ = strconv.ParseUint(strings.TrimPrefix(t, "officer:"), 10, 64)
	case t == "cards":
		target = "cards"
	}
	if _, ok := buttons[target]; !ok {
		target = "overview"
	}
	show(target, selectID)
	left := container.NewBorder(nil, nil, nil, widget.NewSeparator(), container.NewVScroll(nav))
	return container.NewBorder(heading(lang.L("nav.publicity")), nil, fixedWidth(150, left), nil, container.NewPadded(body))
}

// publicityOverview shows every list with its current version and what waits for
// publication, most urgent first in colour.
func (u *UI) publicityOverview(open func(domain.ListKind)) fyne.CanvasObject {
	statuses, err := u.svc.Publicity.Statuses(u.sess)
	if err != nil {
		u.showError(err)
	}
	limit, _ := u.svc.Publicity.PendingLimit()
	rows := container.NewVBox()
	for _, ls := range statuses {
		ls := ls
		title := widget.NewLabelWithStyle(ls.Kind.Title(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		version := widget.NewLabel(versionLine(ls))
		version.Wrapping = fyne.TextWrapWord
		state := pendingLabel(ls, limit.String())
		btn := widget.NewButton(lang.L("publicity.open"), func() { open(ls.Kind) })
		rows.Add(widget.NewCard("", "", container.NewBorder(nil, nil, nil, container.NewCenter(btn),
			container.NewVBox(container.NewHBox(title, widget.NewLabel(fmt.Sprintf(lang.L("publicity.entries"), ls.Entries))), version, state))))
	}
	intro := note(fmt.Sprintf(lang.L("publicity.overview.intro"), limit.String()))
	return container.NewBorder(container.NewVBox(subheading(lang.L("publicity.overview")), intro), nil, nil, nil, container.NewVScroll(rows))
}

// versionLine says which version is in force: 现行第 2 版（2026-08-07 发布，王建国）.
func versionLine(ls publicity.ListStatus) string {
	if ls.Latest == nil {
		return lang.L("publicity.version.none")
	}
	v := ls.Latest
	return fmt.Sprintf(lang.L("publicity.version.current"), v.No, v.Date, v.ActorName, v.Reason)
}

// pendingLabel says in colour whether changes wait for publication, and until when.
func pendingLabel(ls publicity.ListStatus, limit string) *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	n := len(ls.Pending.Added) + len(ls.Pending.Changed) + len(ls.Pending.Removed)
	switch {
	case !ls.HasPending():
		l.SetText(lang.L("publicity.pending.none"))
		l.Importance = widget.SuccessImportance
	case ls.Latest == nil:
		l.SetText(fmt.Sprintf(lang.L("publicity.pending.first"), ls.Entries))
		l.Importance = widget.WarningImportance
	default:
		since := ls.PendingSince.Local().Format("2006-01-02")
		due := ls.Due.Local().Format("2006-01-02")
		l.SetText(fmt.Sprintf(lang.L("publicity.pending.some"), n, since, limit, due))
		l.Importance = widget.WarningImportance
		if ls.Overdue {
			l.SetText(l.Text + lang.L("publicity.pending.overdue"))
			l.Importance = widget.DangerImportance
		}
	}
	return l
}

// toolbarButton is a compact button with an icon.
func toolbarButton(label string, icon fyne.Resource, tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon(label, icon, tapped)
	return b
}
