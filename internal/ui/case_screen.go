package ui

import (
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/record"
	"lawdesk/internal/store"
)

// Tabs of the case screen, in order.
const (
	caseTabOverview = iota
	caseTabStages
	caseTabDocuments
	caseTabRecordings
	caseTabTimeline
	caseTabDossier
	caseTabAccess
)

// caseScreen is one open case: a header and tabs for its registration, stages, documents,
// timeline, dossier and access log.
type caseScreen struct {
	v        *casesView
	u        *UI
	c        domain.Case
	officers map[uint64]domain.Officer
	canEdit  bool
}

// showCase shows case c on tab.
func (v *casesView) showCase(c domain.Case, tab int) {
	u := v.u
	cs := &caseScreen{v: v, u: u, c: c, officers: map[uint64]domain.Officer{}}
	if all, err := u.svc.Store.Officers(); err == nil {
		for _, o := range all {
			cs.officers[o.ID] = o
		}
	}
	cs.canEdit = !c.Locked() && domain.Allowed(u.sess.User.Roles, domain.PermCaseEdit) &&
		(u.sess.User.HasAnyRole(domain.RoleHead, domain.RoleAdmin) || c.Assigned(u.sess.User.OfficerID))

	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("record.tab.overview"), theme.InfoIcon(), cs.overviewTab()),
		container.NewTabItemWithIcon(lang.L("record.tab.stages"), theme.MediaFastForwardIcon(), cs.stagesTab()),
		container.NewTabItemWithIcon(lang.L("record.tab.documents"), theme.FileIcon(), cs.documentsTab()),
		container.NewTabItemWithIcon(lang.L("record.tab.av"), theme.MediaVideoIcon(), cs.recordingsTab()),
		container.NewTabItemWithIcon(lang.L("record.tab.timeline"), theme.HistoryIcon(), cs.timelineTab()),
		container.NewTabItemWithIcon(lang.L("record.tab.dossier"), theme.FolderIcon(), cs.dossierTab()),
	)
	if domain.Allowed(u.sess.User.Roles, domain.PermViewAudit) {
		tabs.Append(container.NewTabItemWithIcon(lang.L("record.tab.accesslog"), theme.VisibilityIcon(), u.accessLogView(c.ID)))
	}
	if tab >= 0 && tab < len(tabs.Items) {
		tabs.SelectIndex(tab)
	}
	v.show(container.NewBorder(cs.header(), nil, nil, nil, tabs))
}

// reload reads the case again and shows it on the given tab.
func (cs *caseScreen) reload(tab int) { cs.v.reloadCase(cs.c.ID, tab) }

// header shows the case number, party, type and where the case stands.
func (cs *caseScreen) header() fyne.CanvasObject {
	c := cs.c
	back := widget.NewButtonWithIcon(lang.L("record.back"), theme.NavigateBackIcon(), cs.v.back)
	title := subheading(c.Number)
	status := coloredText(c.Status.Label(), colorPrimary, true)
	switch c.Status {
	case domain.StatusClosed:
		status.Color = colorDueSoon
	case domain.StatusArchived:
		status.Color = colorOK
	}
	parts := []string{c.Type.Label(), c.Procedure.Label(), c.Party.Name, c.MatterName}
	if c.Status == domain.StatusOpen {
		parts = append(parts, fmt.Sprintf(lang.L("record.header.stage"), c.Stage.Label()))
	}
	line := widget.NewLabel(strings.Join(parts, " · "))
	line.Truncation = fyne.TextTruncateEllipsis
	row := container.NewHBox(back, title, container.NewCenter(status))
	if c.Secrecy != domain.SecrecyNone {
		row.Add(container.NewCenter(coloredText("【"+c.Secrecy.Label()+"】", colorOverdue, true)))
	}
	if over, why := c.Overdue(domain.DateOf(cs.u.svc.Store.Now())); over {
		row.Add(container.NewCenter(coloredText(why, colorOverdue, false)))
	}
	return container.NewVBox(row, line, widget.NewSeparator())
}

// overviewTab shows what was registered and decided, with the edit button.
func (cs *caseScreen) overviewTab() fyne.CanvasObject {
	c := cs.c
	na := lang.L("common.notset")
	or := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return na
		}
		return s
	}
	var officers []string
	for _, id := range c.OfficerIDs {
		o := cs.officers[id]
		officers = append(officers, fmt.Sprintf("%s（%s）", o.Name, o.CertNo))
	}
	party := c.Party.Name + "（" + c.Party.Kind.Label() + "）"
	left := [][2]string{
		{"record.field.number", c.Number},
		{"record.field.type", c.Type.Label() + " · " + c.Procedure.Label()},
		{"record.field.matter", c.MatterName},
		{"record.field.source", c.Source.Label()},
		{"record.field.opened", c.Opened.String()},
		{"record.field.unit", c.HandlingUnit},
		{"record.field.officers", strings.Join(officers, "、")},
		{"record.field.amount.short", c.Amount.String() + " 元"},
		{"record.field.secrecy", c.Secrecy.Label() + " · " + lang.L("record.field.retention") + " " + c.Retention.Label()},
	}
	right := [][2]string{
		{"record.field.party", party},
		{"record.field.partyid", or(c.Party.IDNumber)},
		{"record.field.legalrep", or(c.Party.LegalRep)},
		{"record.field.phone", or(c.Party.Contact)},
		{"record.field.address", or(c.Party.Address)},
	}
	if c.Decision.Decided() || c.Decision.NotDecidedReason != "" {
		right = append(right, [2]string{"record.field.decision", decisionText(c)})
	}
	if !c.Closed.IsZero() {
		right = append(right, [2]string{"record.field.closed", c.Closed.String()})
	}
	if c.Locked() {
		right = append(right, [2]string{"record.field.archived", c.Archived.String() + " · " + c.ArchiveNo})
	}
	form := func(rows [][2]string) *widget.Form {
		f := widget.NewForm()
		for _, r := range rows {
			l := widget.NewLabel(r[1])
			l.Wrapping = fyne.TextWrapBreak
			f.Append(lang.L(r[0]), l)
		}
		return f
	}
	facts := widget.NewLabel(or(c.Facts))
	facts.Wrapping = fyne.TextWrapBreak
	grid := container.NewVBox(container.NewGridWithColumns(2, form(left), form(right)),
		widget.NewForm(widget.NewFormItem(lang.L("record.field.facts"), facts)))
	edit := widget.NewButtonWithIcon(lang.L("record.case.edit"), theme.DocumentCreateIcon(), func() { cs.v.editCase(&cs.c) })
	if !cs.canEdit {
		edit.Disable()
	}
	bar := container.NewHBox(edit, layout.NewSpacer())
	body := container.NewVBox(grid)
	if len(c.Annotations) > 0 {
		body.Add(subheading(lang.L("record.annotations")))
		for _, a := range c.Annotations {
			l := widget.NewLabel(fmt.Sprintf("%s  %s：%s", a.At.Local().Format("2006-01-02 15:04"), a.Actor, a.Text))
			l.Wrapping = fyne.TextWrapBreak
			body.Add(l)
		}
	}
	return container.NewBorder(bar, nil, nil, nil, container.NewVScroll(body))
}

// decisionText describes the decision in one line.
func decisionText(c domain.Case) string {
	d := c.Decision
	if d.NotDecidedReason != "" {
		return lang.L("record.decision.none") + "：" + d.NotDecidedReason
	}
	var parts []string
	if len(d.Kinds) > 0 {
		parts = append(parts, domain.PenaltyLabels(d.Kinds))
	}
	if d.Fine > 0 {
		parts = append(parts, fmt.Sprintf(lang.L("record.decision.fine"), d.Fine))
	}
	if d.Confiscation > 0 {
		parts = append(parts, fmt.Sprintf(lang.L("record.decision.confiscation"), d.Confiscation))
	}
	if d.Summary != "" {
		parts = append(parts, d.Summary)
	}
	if d.DocNumber != "" {
		parts = append(parts, d.DocNumber)
	}
	parts = append(parts, d.Date.String())
	if d.HearingHeld {
		parts = append(parts, lang.L("record.decision.hearing"))
	}
	return strings.Join(parts, "，")
}

// timelineTab lists every event of the case, newest first: registration, each stage,
// each document and each view.
func (cs *caseScreen) timelineTab() fyne.CanvasObject {
	events, err := cs.u.svc.Record.Timeline(cs.u.sess, cs.c.ID)
	if err != nil {
		return note(domain.ErrorMessage(err))
	}
	names := map[string]string{}
	if users, err := cs.u.svc.Store.Users(); err == nil {
		for _, us := range users {
			names[us.Name] = us.DisplayName()
		}
	}
	list := widget.NewList(
		func() int { return len(events) },
		func() fyne.CanvasObject {
			icon := widget.NewIcon(theme.InfoIcon())
			when := widget.NewLabel("2026-01-01 00:00")
			what := widget.NewLabel("")
			what.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, container.NewHBox(icon, when), nil, what)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			e := events[i]
			b := o.(*fyne.Container)
			what := b.Objects[0].(*widget.Label)
			left := b.Objects[1].(*fyne.Container)
			left.Objects[0].(*widget.Icon).SetResource(eventIcon(e.Action))
			left.Objects[1].(*widget.Label).SetText(e.Time.Local().Format("2006-01-02 15:04"))
			who := names[e.Actor]
			if who == "" {
				who = e.Actor
			}
			what.SetText(fmt.Sprintf("%s　%s　%s", who, record.ActionLabel(e.Action), e.Summary))
		})
	intro := note(fmt.Sprintf(lang.L("record.timeline.intro"), len(events)))
	return container.NewBorder(intro, nil, nil, nil, list)
}

func eventIcon(action string) fyne.Resource {
	switch {
	case strings.HasPrefix(action, "record."):
		return theme.VisibilityIcon()
	case strings.HasPrefix(action, "document."):
		return theme.FileIcon()
	case action == "case.back":
		return theme.NavigateBackIcon()
	case action == "case.archive":
		return theme.FolderIcon()
	case strings.HasPrefix(action, "case.stage"), action == "case.decision":
		return theme.ConfirmIcon()
	}
	return theme.DocumentCreateIcon()
}

// confirmForm shows content with a cancel and a confirm button; onYes runs on confirm.
func confirmForm(w fyne.Window, title, yes string, content fyne.CanvasObject, size fyne.Size, onYes func()) {
	d := dialog.NewCustomConfirm(title, yes, lang.L("dialog.cancel"), content, func(ok bool) {
		if ok {
			onYes()
		}
	}, w)
	d.Resize(size)
	d.Show()
}

// exportAccessLog saves the access log matching f as a CSV file the person chooses.
func (u *UI) exportAccessLog(f store.AccessFilter) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		n, err := u.svc.Record.ExportAccessLog(u.sess, f, wc)
		cerr := wc.Close()
		if err == nil && cerr != nil {
			err = domain.Wrap(cerr, domain.EINVALID, "保存文件 %s 失败，请检查磁盘空间。", wc.URI().Name())
		}
		if err != nil {
			os.Remove(wc.URI().Path())
			u.showError(err)
			return
		}
		showMessage(u.win, lang.L("record.accesslog.export"), fmt.Sprintf(lang.L("record.accesslog.exported"), n, wc.URI().Path()))
	}, u.win)
	d.SetFileName("调阅记录.csv")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.Resize(fyne.NewSize(860, 560))
	d.Show()
}
