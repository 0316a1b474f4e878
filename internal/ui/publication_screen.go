package ui

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/publication"
)

// sectionPublication is 事后公开, next to 公示 in the navigation.
const sectionPublication section = "publication"

// pubScreen is 事后公开: every decided case with what was done about publishing its
// decision, the deadlines, and the preview where a decision is redacted and published.
// Target "case:12" selects case 12 and opens what it needs (the preview or the withdrawal).
type pubScreen struct {
	u    *UI
	body *fyne.Container // the list, or one decision's preview

	entries  []publication.Entry
	shown    []publication.Entry
	selected int

	table   *widget.Table
	summary *widget.Label
	year    *widget.Select // the year whose decisions are listed (tasks of every year always are)
	years   []int          // the choices of year, 0 meaning every year
	status  *widget.Select
	mine    *widget.Check
	search  *widget.Entry

	prepare, record, notPublic, withdraw, history *widget.Button
}

func (u *UI) publicationScreen() fyne.CanvasObject {
	if err := domain.Require(u.sess.User, domain.PermPublicationView, lang.L("pub.what")); err != nil {
		return container.NewBorder(heading(lang.L("nav.publication")), nil, nil, nil, note(domain.ErrorMessage(err)))
	}
	s := &pubScreen{u: u, body: container.NewStack(), selected: -1}
	list := s.listView()
	s.body.Objects = []fyne.CanvasObject{list}
	s.load()
	if t := u.takeTarget(); strings.HasPrefix(t, "case:") {
		if id, err := strconv.ParseUint(strings.TrimPrefix(t, "case:"), 10, 64); err == nil {
			s.openCase(id)
		}
	}
	return s.body
}

// statusFilters are the choices of the status filter, in order; "todo" is everything
// with a deadline running.
var statusFilters = []string{"all", "todo", string(domain.PubPending), string(domain.PubPublished), string(domain.PubWithdrawn), string(domain.PubNotPublic)}

func (s *pubScreen) listView() fyne.CanvasObject {
	u := s.u
	s.summary = widget.NewLabel("")
	s.summary.Wrapping = fyne.TextWrapWord
	labels := make([]string, len(statusFilters))
	for i, f := range statusFilters {
		labels[i] = lang.L("pub.filter." + f)
	}
	s.yearChoices()
	s.status = widget.NewSelect(labels, func(string) { s.filter() })
	s.status.SetSelectedIndex(0)
	s.mine = widget.NewCheck(lang.L("pub.filter.mine"), func(bool) { s.filter() })
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(lang.L("pub.filter.search"))
	s.search.OnChanged = func(string) { s.filter() }

	headers := []string{lang.L("pub.col.status"), lang.L("pub.col.due"), lang.L("pub.col.case"), lang.L("pub.col.party"),
		lang.L("pub.col.type"), lang.L("pub.col.decided"), lang.L("pub.col.state")}
	widths := []float32{78, 225, 178, 180, 48, 95, 270}
	s.table = widget.NewTable(
		func() (int, int) { return len(s.shown), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Truncation = fyne.TextTruncateEllipsis
			e := s.shown[id.Row]
			l.Importance = widget.MediumImportance
			switch id.Col {
			case 0:
				l.SetText(entryStatusText(e))
				l.Importance = entryImportance(e)
			case 1:
				l.SetText(entryDueText(e))
				l.Importance = entryImportance(e)
			case 2:
				l.SetText(e.Case.Number)
			case 3:
				l.SetText(e.Case.Party.MaskedName())
			case 4:
				l.SetText(e.Case.Type.Short())
			case 5:
				l.SetText(e.Case.Decision.Date.String())
			case 6:
				l.SetText(entryStateText(e))
			}
			l.Refresh()
		})
	setHeaders(s.table, headers, widths)
	s.table.OnSelected = func(id widget.TableCellID) { s.selected = id.Row; s.setActions() }

	s.prepare = widget.NewButtonWithIcon(lang.L("pub.action.prepare"), theme.VisibilityIcon(), func() { s.openPreview(s.current().Case.ID) })
	s.prepare.Importance = widget.HighImportance
	s.record = widget.NewButtonWithIcon(lang.L("pub.action.record"), theme.ConfirmIcon(), func() { s.recordDialog(s.current()) })
	s.notPublic = widget.NewButtonWithIcon(lang.L("pub.action.notpublic"), theme.VisibilityOffIcon(), func() { s.notPublicDialog(s.current()) })
	s.withdraw = widget.NewButtonWithIcon(lang.L("pub.action.withdraw"), theme.ContentRemoveIcon(), func() { s.withdrawDialog(s.current()) })
	s.history = widget.NewButtonWithIcon(lang.L("pub.action.history"), theme.HistoryIcon(), func() { s.historyDialog(s.current()) })
	s.setActions()

	export := widget.NewButtonWithIcon(lang.L("pub.export"), theme.DownloadIcon(), u.exportPublicationsDialog)
	export.Importance = widget.HighImportance
	if !domain.Allowed(u.sess.User.Roles, domain.PermPublicationExport) {
		export.Disable()
	}
	top := container.NewHBox(heading(lang.L("nav.publication")), layout.NewSpacer(), export)
	if domain.Allowed(u.sess.User.Roles, domain.PermPublicationSettings) {
		top.Add(widget.NewButtonWithIcon(lang.L("pub.rules"), theme.SettingsIcon(), u.publicationRulesDialog))
	}
	filters := container.NewBorder(nil, nil, container.NewHBox(fixedWidth(120, s.year), fixedWidth(150, s.status), s.mine), nil, s.search)
	actions := container.NewHBox(s.prepare, s.record, s.notPublic, s.withdraw, s.history)
	header := container.NewVBox(top, note(lang.L("pub.intro")), s.summary, filters)
	return container.NewBorder(header, actions, nil, nil, s.table)
}

// load reads the entries again and keeps the selection on the same case.
func (s *pubScreen) load() {
	keep := uint64(0)
	if e := s.current(); e != nil {
		keep = e.Case.ID
	}
	var entries []publication.Entry
	var err error
	scope := lang.L("pubyear.scope.all")
	if year := s.selectedYear(); year != 0 {
		entries, err = s.u.svc.Publication.EntriesOfYear(s.u.sess, year)
		scope = fmt.Sprintf(lang.L("pubyear.scope"), year)
	} else {
		entries, err = s.u.svc.Publication.Entries(s.u.sess)
	}
	if err != nil {
		s.u.showError(err)
	}
	s.entries = entries
	sum := publication.Summarise(entries)
	s.summary.SetText(scope + fmt.Sprintf(lang.L("pub.summary"), sum.Pending, sum.Overdue, sum.Published, sum.Late,
		sum.WithdrawalsDue, sum.Withdrawn, sum.NotPublic))
	if !domain.SeesAllCases(s.u.sess.User) {
		// officers and window clerks see only their own cases here; the export carries every
		// published decision, so say so rather than leave a clerk with an empty list
		s.summary.SetText(s.summary.Text + lang.L("pub.scope.own"))
	}
	s.filter()
	if keep != 0 {
		s.selectCase(keep)
	}
}

// yearChoices offers the years cases are filed under, newest first, then every year; the
// current year is chosen, so the list reads one year of decisions, not all of them.
func (s *pubScreen) yearChoices() {
	counts, err := s.u.svc.Store.CaseCounts()
	if err != nil {
		s.u.showError(err)
	}
	s.years = nil
	for k := range counts {
		if y, err := strconv.Atoi(strings.TrimPrefix(k, "year:")); err == nil && strings.HasPrefix(k, "year:") {
			s.years = append(s.years, y)
		}
	}
	slices.Sort(s.years)
	slices.Reverse(s.years)
	labels := make([]string, 0, len(s.years)+1)
	chosen := 0
	now := s.u.svc.Store.Now().Year()
	for i, y := range s.years {
		labels = append(labels, fmt.Sprintf(lang.L("pubyear.year"), y))
		if y == now {
			chosen = i
		}
	}
	s.years = append(s.years, 0)
	labels = append(labels, lang.L("pubyear.all"))
	s.year = widget.NewSelect(labels, nil)
	s.year.SetSelectedIndex(chosen)
	s.year.OnChanged = func(string) { s.load() }
}

// selectedYear is the chosen year, 0 for every year.
func (s *pubScreen) selectedYear() int {
	if i := s.year.SelectedIndex(); i >= 0 && i < len(s.years) {
		return s.years[i]
	}
	return 0
}

// filter shows the entries matching the status filter, "mine" and the search text.
func (s *pubScreen) filter() {
	if s.table == nil {
		return
	}
	want := statusFilters[max(0, s.status.SelectedIndex())]
	text := strings.TrimSpace(s.search.Text)
	me := s.u.sess.User.OfficerID
	s.shown = s.shown[:0]
	for _, e := range s.entries {
		switch {
		case want == "todo" && e.Task == publication.TaskNone:
			continue
		case want != "all" && want != "todo" && string(e.Status) != want:
			continue
		case s.mine.Checked && !e.Case.Assigned(me):
			continue
		case text != "" && !strings.Contains(e.Case.Number+e.Case.Party.MaskedName()+e.Case.Decision.DocNumber+e.Case.MatterName, text):
			continue
		}
		s.shown = append(s.shown, e)
	}
	s.selected = -1
	s.table.UnselectAll()
	s.table.Refresh()
	s.setActions()
}

func (s *pubScreen) current() *publication.Entry {
	if s.selected < 0 || s.selected >= len(s.shown) {
		return nil
	}
	return &s.shown[s.selected]
}

func (s *pubScreen) selectCase(id uint64) *publication.Entry {
	for i, e := range s.shown {
		if e.Case.ID == id {
			s.table.Select(widget.TableCellID{Row: i, Col: 0})
			s.selected = i
			s.setActions()
			return &s.shown[i]
		}
	}
	return nil
}

// openCase shows a case's entry and opens what it needs doing.
func (s *pubScreen) openCase(id uint64) {
	e := s.selectCase(id)
	if e == nil {
		s.status.SetSelectedIndex(0)
		s.mine.SetChecked(false)
		s.search.SetText("")
		if e = s.selectCase(id); e == nil && s.selectedYear() != 0 {
			s.year.SetSelectedIndex(len(s.years) - 1) // every year (reloads)
			e = s.selectCase(id)
		}
		if e == nil {
			return
		}
	}
	canPublish := domain.Allowed(s.u.sess.User.Roles, domain.PermPublicationPublish)
	switch {
	case !canPublish:
	case e.Task == publication.TaskPublish && e.KeepPrivate != "":
		s.notPublicDialog(e)
	case e.Task == publication.TaskPublish:
		s.openPreview(id)
	case e.Task == publication.TaskWithdraw:
		s.withdrawDialog(e)
	}
}

// setActions enables what can be done with the selected entry.
func (s *pubScreen) setActions() {
	if s.prepare == nil {
		return
	}
	e := s.current()
	canPublish := domain.Allowed(s.u.sess.User.Roles, domain.PermPublicationPublish)
	set := func(b *widget.Button, ok bool) {
		if ok {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	set(s.prepare, canPublish && e != nil && e.Task == publication.TaskPublish && e.KeepPrivate == "")
	set(s.record, canPublish && e != nil && e.Status == domain.PubPending && e.Pub != nil && e.Pub.Confirmed())
	set(s.notPublic, canPublish && e != nil && e.Task == publication.TaskPublish)
	set(s.withdraw, canPublish && e != nil && e.Status == domain.PubPublished)
	set(s.history, e != nil)
}

// ---- words for an entry ----

func entryStatusText(e publication.Entry) string {
	switch {
	case e.Task == publication.TaskWithdraw:
		return lang.L("pub.status.withdrawdue")
	case e.Status == domain.PubPending && e.KeepPrivate != "":
		return lang.L("pub.status.private")
	case e.Status == domain.PubPending && e.Pub != nil && e.Pub.Confirmed():
		return lang.L("pub.status.confirmed")
	}
	return e.Status.Label()
}

func entryImportance(e publication.Entry) widget.Importance {
	switch {
	case e.Overdue:
		return widget.DangerImportance
	case e.Task != publication.TaskNone && e.DaysLeft <= 2:
		return widget.WarningImportance
	case e.Status == domain.PubPublished && e.Task == publication.TaskNone:
		return widget.SuccessImportance
	}
	return widget.MediumImportance
}

func entryDueText(e publication.Entry) string {
	if e.Task == publication.TaskNone {
		return ""
	}
	due := e.Due.Date.String()
	if !e.Due.Confirmed {
		due += lang.L("pub.due.unconfirmed")
	}
	switch {
	case e.Overdue:
		return fmt.Sprintf(lang.L("pub.due.overdue"), due, -e.DaysLeft)
	case e.DaysLeft == 0:
		return fmt.Sprintf(lang.L("pub.due.today"), due)
	}
	return fmt.Sprintf(lang.L("pub.due.left"), due, e.DaysLeft)
}

// entryStateText says in a few words what was done.
func entryStateText(e publication.Entry) string {
	p := e.Pub
	switch {
	case e.Task == publication.TaskWithdraw && e.WithdrawWhy != "":
		return e.WithdrawWhy
	case e.Task == publication.TaskWithdraw && p != nil:
		return fmt.Sprintf(lang.L("pub.state.withdrawdue"), p.Withdrawal.Reason.Label(), p.Withdrawal.Since)
	case e.Status == domain.PubPublished:
		s := fmt.Sprintf(lang.L("pub.state.published"), p.PublishedOn, p.Channel.Label())
		if p.Late() {
			s += lang.L("pub.state.late")
		}
		return s
	case e.Status == domain.PubWithdrawn:
		return fmt.Sprintf(lang.L("pub.state.withdrawn"), p.Withdrawal.DoneOn, p.Withdrawal.Reason.Label())
	case e.Status == domain.PubNotPublic:
		return fmt.Sprintf(lang.L("pub.state.notpublic"), p.NotPublicReason)
	case e.KeepPrivate != "":
		return e.KeepPrivate
	case e.Replaces != 0:
		return lang.L("pub.state.replaces")
	case p != nil && p.Confirmed():
		return lang.L("pub.state.confirmed")
	case p != nil:
		return lang.L("pub.state.draft")
	}
	return lang.L("pub.state.new")
}

// ---- dialogs of the list ----

// dateEntry is an entry for a date, pre-filled with d.
func dateEntry(d domain.Date) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder("2026-09-26")
	e.SetText(d.String())
	return e
}

// channelSelect chooses where a decision was published, website and board by default.
func channelSelect() *widget.Select {
	labels := make([]string, len(domain.AllPubChannels))
	for i, c := range domain.AllPubChannels {
		labels[i] = c.Label()
	}
	sel := widget.NewSelect(labels, nil)
	sel.SetSelectedIndex(2)
	return sel
}

// formDialog shows a form whose errors appear inside it, so the dialog stays open until
// the input is right. submit returns the error to show, or nil to close.
func (u *UI) formDialog(title, ok string, intro string, items []*widget.FormItem, size fyne.Size, submit func() error) {
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	status.Importance = widget.DangerImportance
	var d dialog.Dialog
	okBtn := widget.NewButton(ok, func() {
		if err := submit(); err != nil {
			status.SetText(domain.ErrorMessage(err))
			return
		}
		d.Hide()
	})
	okBtn.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("action.cancel"), func() { d.Hide() })
	top := container.NewVBox()
	if intro != "" {
		l := widget.NewLabel(intro)
		l.Wrapping = fyne.TextWrapWord
		top.Add(l)
	}
	content := container.NewBorder(top, container.NewVBox(status, container.NewHBox(layout.NewSpacer(), cancel, okBtn)), nil, nil,
		widget.NewForm(items...))
	d = dialog.NewCustomWithoutButtons(title, content, u.win)
	d.Resize(size)
	d.Show()
}

func parseDateField(label, text string) (domain.Date, error) {
	d, err := domain.ParseDate(text)
	if err != nil {
		return d, domain.Errorf(domain.EINVALID, "“%s”：%s", label, domain.ErrorMessage(err))
	}
	return d, nil
}

func (s *pubScreen) recordDialog(e *publication.Entry) {
	if e == nil || e.Pub == nil {
		return
	}
	u := s.u
	on := dateEntry(domain.DateOf(u.svc.Store.Now()))
	ch := channelSelect()
	intro := fmt.Sprintf(lang.L("pub.record.intro"), e.Case.Number, e.Due.Date)
	u.formDialog(lang.L("pub.action.record"), lang.L("pub.action.record"), intro, []*widget.FormItem{
		widget.NewFormItem(lang.L("pub.field.publishedon"), on), widget.NewFormItem(lang.L("pub.field.channel"), ch),
	}, fyne.NewSize(560, 320), func() error {
		d, err := parseDateField(lang.L("pub.field.publishedon"), on.Text)
		if err != nil {
			return err
		}
		if _, err := u.svc.Publication.RecordPublished(u.sess, e.Pub.ID, d, domain.AllPubChannels[max(0, ch.SelectedIndex())]); err != nil {
			return err
		}
		s.load()
		return nil
	})
}

func (s *pubScreen) notPublicDialog(e *publication.Entry) {
	if e == nil {
		return
	}
	u := s.u
	reason := widget.NewMultiLineEntry()
	reason.SetMinRowsVisible(3)
	reason.Wrapping = fyne.TextWrapWord
	reason.SetPlaceHolder(lang.L("pub.notpublic.placeholder"))
	if e.KeepPrivate != "" {
		reason.SetText(e.KeepPrivate + "，依法不予公开")
	}
	intro := fmt.Sprintf(lang.L("pub.notpublic.intro"), e.Case.Number)
	if e.KeepPrivate != "" {
		intro = fmt.Sprintf(lang.L("pub.notpublic.private"), e.Case.Number, e.KeepPrivate)
	}
	u.formDialog(lang.L("pub.action.notpublic"), lang.L("pub.action.notpublic"), intro,
		[]*widget.FormItem{widget.NewFormItem(lang.L("pub.field.reason"), reason)}, fyne.NewSize(600, 340), func() error {
			if _, err := u.svc.Publication.MarkNotPublic(u.sess, e.Case.ID, reason.Text); err != nil {
				return err
			}
			s.load()
			return nil
		})
}

func (s *pubScreen) withdrawDialog(e *publication.Entry) {
	if e == nil || e.Pub == nil {
		return
	}
	u := s.u
	today := domain.DateOf(u.svc.Store.Now())
	requested := e.Pub.Withdrawal.Requested()
	reasons := make([]string, len(domain.AllWithdrawReasons))
	for i, r := range domain.AllWithdrawReasons {
		reasons[i] = r.Label()
	}
	reason := widget.NewSelect(reasons, nil)
	noteEntry := widget.NewEntry()
	noteEntry.SetPlaceHolder(lang.L("pub.withdraw.note.placeholder"))
	since := dateEntry(today)
	if e.WithdrawWhy != "" {
		reason.SetSelectedIndex(2) // the case went back or its decision changed: to be remade
		noteEntry.SetText(e.WithdrawWhy)
		since.SetText(e.WithdrawSince.String())
	}
	done := widget.NewCheck(lang.L("pub.withdraw.done"), nil)
	doneOn := dateEntry(today)
	doneOn.Disable()
	done.OnChanged = func(b bool) {
		if b {
			doneOn.Enable()
		} else {
			doneOn.Disable()
		}
	}
	var items []*widget.FormItem
	intro := fmt.Sprintf(lang.L("pub.withdraw.intro"), e.Case.Number, e.Pub.PublishedOn)
	if requested {
		w := e.Pub.Withdrawal
		intro = fmt.Sprintf(lang.L("pub.withdraw.requested"), e.Case.Number, w.Reason.Label(), w.Since, w.Due)
		done.SetChecked(true)
		done.Disable()
	} else {
		items = append(items, widget.NewFormItem(lang.L("pub.field.withdrawreason"), reason),
			widget.NewFormItem(lang.L("pub.field.note"), noteEntry),
			&widget.FormItem{Text: lang.L("pub.field.since"), Widget: since, HintText: lang.L("pub.field.since.hint")})
	}
	items = append(items, widget.NewFormItem("", done), widget.NewFormItem(lang.L("pub.field.doneon"), doneOn))
	u.formDialog(lang.L("pub.action.withdraw"), lang.L("action.save"), intro, items, fyne.NewSize(640, 420), func() error {
		f := publication.WithdrawForm{Note: noteEntry.Text}
		if i := reason.SelectedIndex(); i >= 0 {
			f.Reason = domain.AllWithdrawReasons[i]
		}
		if !requested {
			d, err := parseDateField(lang.L("pub.field.since"), since.Text)
			if err != nil {
				return err
			}
			f.Since = d
		}
		if done.Checked {
			d, err := parseDateField(lang.L("pub.field.doneon"), doneOn.Text)
			if err != nil {
				return err
			}
			f.DoneOn = d
		}
		if _, err := u.svc.Publication.Withdraw(u.sess, e.Pub.ID, f); err != nil {
			return err
		}
		s.load()
		return nil
	})
}

// historyDialog shows every publication record of the case: nothing is ever deleted.
func (s *pubScreen) historyDialog(e *publication.Entry) {
	if e == nil {
		return
	}
	pubs := slices.Clone(e.Earlier)
	if e.Pub != nil {
		pubs = append(pubs, *e.Pub)
	}
	var b strings.Builder
	fmt.Fprintf(&b, lang.L("pub.history.case"), e.Case.Number, e.Case.Party.MaskedName(), e.Case.Decision.DocNumber, e.Case.Decision.Date)
	if len(pubs) == 0 {
		b.WriteString("\n\n" + lang.L("pub.history.none"))
	}
	for i, p := range pubs {
		fmt.Fprintf(&b, "\n\n"+lang.L("pub.history.entry"), i+1, p.Status().Label(), p.DocNumber, p.DecisionDate, p.Due)
		if p.Replaces != 0 {
			b.WriteString("\n" + lang.L("pub.history.replaces"))
		}
		if p.Confirmed() {
			fmt.Fprintf(&b, "\n"+lang.L("pub.history.confirmed"), p.ConfirmedAt.Local().Format("2006-01-02 15:04"), p.ConfirmedBy)
		}
		if !p.PublishedOn.IsZero() {
			fmt.Fprintf(&b, "\n"+lang.L("pub.history.published"), p.PublishedOn, p.Channel.Label(), p.PublishedBy)
			if p.Late() {
				b.WriteString(lang.L("pub.state.late"))
			}
		}
		if p.NotPublicReason != "" {
			fmt.Fprintf(&b, "\n"+lang.L("pub.history.notpublic"), p.NotPublicReason, p.NotPublicBy)
		}
		if w := p.Withdrawal; w.Requested() {
			fmt.Fprintf(&b, "\n"+lang.L("pub.history.withdrawal"), w.Reason.Label(), w.Note, w.Since, w.Due, w.RequestedBy)
			if !w.DoneOn.IsZero() {
				fmt.Fprintf(&b, "\n"+lang.L("pub.history.withdrawn"), w.DoneOn, w.DoneBy)
			}
		}
	}
	l := widget.NewLabel(b.String())
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("pub.action.history"), lang.L("dialog.close"), container.NewVScroll(l), s.u.win)
	d.Resize(fyne.NewSize(720, 480))
	d.Show()
}

// publicationRulesDialog lets the administrator change the deadlines.
func (u *UI) publicationRulesDialog() {
	rules, err := u.svc.Publication.Rules()
	if err != nil {
		u.showError(err)
		return
	}
	entries := map[domain.ActType]*widget.Entry{}
	var items []*widget.FormItem
	for _, t := range domain.AllActTypes {
		e := widget.NewEntry()
		e.SetText(strconv.Itoa(rules.PublishDays(t)))
		entries[t] = e
		items = append(items, &widget.FormItem{Text: t.Label(), Widget: fixedWidth(80, e),
			HintText: fmt.Sprintf(lang.L("pub.rules.default"), t.PublishWithinWorkingDays())})
	}
	withdraw := widget.NewEntry()
	withdraw.SetText(strconv.Itoa(rules.WithdrawWithin()))
	items = append(items, &widget.FormItem{Text: lang.L("pub.rules.withdraw"), Widget: fixedWidth(80, withdraw),
		HintText: fmt.Sprintf(lang.L("pub.rules.default"), domain.DefaultWithdrawDays)})
	u.formDialog(lang.L("pub.rules"), lang.L("action.save"), lang.L("pub.rules.intro"), items, fyne.NewSize(620, 660), func() error {
		r := domain.PublicationRules{Days: map[domain.ActType]int{}}
		for t, e := range entries {
			n, err := strconv.Atoi(strings.TrimSpace(e.Text))
			if err != nil {
				return domain.Errorf(domain.EINVALID, "“%s”的公开期限应填写工作日天数（整数），现在是“%s”。", t.Label(), e.Text)
			}
			r.Days[t] = n
		}
		n, err := strconv.Atoi(strings.TrimSpace(withdraw.Text))
		if err != nil || n < 1 {
			return domain.Errorf(domain.EINVALID, "“%s”应填写 1 到 30 之间的整数，现在是“%s”。", lang.L("pub.rules.withdraw"), withdraw.Text)
		}
		r.WithdrawDays = n
		return u.svc.Publication.SaveRules(u.sess, r)
	})
}

// exportPublicationsDialog chooses the folder and the options, then exports off the UI
// goroutine with a progress bar and a cancel button.
func (u *UI) exportPublicationsDialog() {
	fullText := widget.NewCheck(lang.L("pub.export.fulltext"), nil)
	fullText.SetChecked(true)
	board := widget.NewCheck(lang.L("pub.export.board"), nil)
	board.SetChecked(true)
	folder := widget.NewEntry()
	folder.SetPlaceHolder(lang.L("pub.export.folder.placeholder"))
	browse := widget.NewButtonWithIcon(lang.L("pub.export.browse"), theme.FolderOpenIcon(), func() {
		fd := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err == nil && l != nil {
				folder.SetText(l.Path())
			}
		}, u.win)
		fd.Resize(fyne.NewSize(900, 560))
		fd.Show()
	})
	bar := widget.NewProgressBar()
	bar.Hide()
	result := widget.NewLabel("")
	result.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	var cancel context.CancelFunc
	var run *widget.Button
	stop := widget.NewButton(lang.L("action.cancel"), func() {
		if cancel != nil {
			cancel()
			return
		}
		d.Hide()
	})
	run = widget.NewButtonWithIcon(lang.L("pub.export.run"), theme.DownloadIcon(), func() {
		dir := strings.TrimSpace(folder.Text)
		if dir == "" {
			result.Importance = widget.DangerImportance
			result.SetText(lang.L("pub.export.nofolder"))
			return
		}
		var ctx context.Context
		ctx, cancel = context.WithCancel(context.Background())
		run.Disable()
		bar.SetValue(0)
		bar.Show()
		result.Importance = widget.MediumImportance
		result.SetText(lang.L("pub.export.running"))
		opt := publication.ExportOptions{FullTextPDF: fullText.Checked, NoticeBoard: board.Checked}
		sess := u.sess
		go func() {
			res, err := u.svc.Publication.Export(ctx, sess, dir, opt, func(done, total int) {
				fyne.Do(func() { bar.SetValue(float64(done) / float64(total)) })
			})
			fyne.Do(func() {
				cancel = nil
				run.Enable()
				if err != nil {
					result.Importance = widget.DangerImportance
					result.SetText(domain.ErrorMessage(err))
					return
				}
				result.Importance = widget.SuccessImportance
				text := fmt.Sprintf(lang.L("pub.export.done"), res.Decisions, res.Dir)
				for _, sec := range res.Sections {
					text += "\n" + fmt.Sprintf(lang.L("pub.export.section"), sec.Title, sec.Count)
				}
				result.SetText(text)
			})
		}()
	})
	run.Importance = widget.HighImportance
	intro := widget.NewLabel(lang.L("pub.export.intro"))
	intro.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(intro,
		container.NewBorder(nil, nil, nil, browse, folder), fullText, board, bar, result,
		container.NewHBox(layout.NewSpacer(), stop, run))
	d = dialog.NewCustomWithoutButtons(lang.L("pub.export"), content, u.win)
	d.Resize(fyne.NewSize(680, 340))
	d.Show()
}
