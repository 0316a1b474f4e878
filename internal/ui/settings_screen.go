package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

// settingsTab is one tab of 系统设置; id is what dashboard targets name (settings:users).
type settingsTab struct {
	id    string
	label string // translation key
	build func(u *UI) fyne.CanvasObject
}

// settingsTabs lists the tabs in order. Each capability adds its settings here.
func settingsTabs() []settingsTab {
	return []settingsTab{
		{"agency", "settings.agency", (*UI).agencyTab},
		{"users", "settings.users", (*UI).usersTab},
		{"publicity", "publicity.settings.tab", (*UI).publicitySettingsTab},
		{"media", "settings.media", (*UI).mediaSettingsTab},
		{"review", "settings.review", (*UI).reviewSettingsTab},
		{"audit", "settings.audit", (*UI).auditTab},
		{"calendar", "calendar.tab", (*UI).calendarTab},
		{"record", "record.settings.tab", (*UI).recordSettingsTab},
		{"verify", "settings.verify", (*UI).verifyTab},
		{"backup", "report.backup.tab", (*UI).backupTab},
		{"about", "settings.about", (*UI).aboutTab},
	}
}

// settingsScreen (系统设置): the agency profile, user management, the audit log, data
// verification and information about this installation.
func (u *UI) settingsScreen() fyne.CanvasObject {
	tabs := container.NewAppTabs()
	want := u.takeTarget()
	for _, t := range settingsTabs() {
		u.target = want // a tab may read the rest of its target (settings:calendar:2027) with takeTarget
		tabs.Append(container.NewTabItem(lang.L(t.label), t.build(u)))
		if want != "" && strings.HasPrefix(want, t.id) {
			tabs.SelectIndex(len(tabs.Items) - 1)
		}
	}
	u.target = ""
	return container.NewBorder(heading(lang.L("nav.settings")), nil, nil, nil, tabs)
}

// agencyTab edits the office profile; only admins can save.
func (u *UI) agencyTab() fyne.CanvasObject {
	ag, err := u.svc.Office.Agency()
	if err != nil {
		u.showError(err)
	}
	type field struct {
		key   string
		value *string
		hint  string
	}
	fields := []field{
		{"agency.name", &ag.Name, ""},
		{"agency.short", &ag.ShortName, lang.L("agency.short.hint")},
		{"agency.region", &ag.Region, ""},
		{"agency.credit", &ag.CreditCode, lang.L("agency.credit.hint")},
		{"agency.address", &ag.Address, ""},
		{"agency.postcode", &ag.Postcode, ""},
		{"agency.phone", &ag.Phone, ""},
		{"agency.legalrep", &ag.LegalRep, ""},
		{"agency.url", &ag.PublicURL, lang.L("agency.url.hint")},
	}
	form := widget.NewForm()
	entries := make([]*widget.Entry, len(fields))
	for i, f := range fields {
		e := widget.NewEntry()
		e.SetText(*f.value)
		entries[i] = e
		item := widget.NewFormItem(lang.L(f.key), e)
		item.HintText = f.hint
		form.AppendItem(item)
	}
	canEdit := domain.Allowed(u.sess.User.Roles, domain.PermEditAgency)
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	save := widget.NewButton(lang.L("action.save"), func() {
		for i, f := range fields {
			*f.value = entries[i].Text
		}
		if err := u.svc.Office.SaveAgency(u.sess, ag); err != nil {
			status.Importance = widget.DangerImportance
			status.SetText(domain.ErrorMessage(err))
			return
		}
		status.Importance = widget.SuccessImportance
		status.SetText(lang.L("agency.saved"))
	})
	save.Importance = widget.HighImportance
	if !canEdit {
		for _, e := range entries {
			e.Disable()
		}
		save.Disable()
		status.SetText(lang.L("agency.readonly"))
	}
	return container.NewVScroll(container.NewVBox(form, status, container.NewHBox(layout.NewSpacer(), save)))
}

// auditTab lists the newest audit events with simple filters.
func (u *UI) auditTab() fyne.CanvasObject {
	if err := domain.Require(u.sess.User, domain.PermViewAudit, lang.L("audit.what")); err != nil {
		return note(domain.ErrorMessage(err))
	}
	actor := widget.NewEntry()
	actor.SetPlaceHolder(lang.L("audit.filter.actor"))
	var events []domain.Event
	headers := []string{lang.L("audit.seq"), lang.L("audit.time"), lang.L("audit.actor"), lang.L("audit.action"), lang.L("audit.summary")}
	widths := []float32{70, 160, 110, 170, 520}
	table := widget.NewTable(
		func() (int, int) { return len(events), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			e := events[id.Row]
			cells := []string{fmt.Sprint(e.Seq), e.Time.Local().Format("2006-01-02 15:04:05"), e.Actor, e.Action, e.Summary}
			o.(*widget.Label).SetText(cells[id.Col])
			o.(*widget.Label).Truncation = fyne.TextTruncateEllipsis
		})
	setHeaders(table, headers, widths)
	load := func() {
		var err error
		events, err = u.svc.Store.Events(store.EventFilter{Actor: strings.TrimSpace(actor.Text), Newest: true, Limit: 500})
		if err != nil {
			u.showError(err)
		}
		table.Refresh()
	}
	actor.OnSubmitted = func(string) { load() }
	load()
	bar := container.NewBorder(nil, nil, nil, widget.NewButton(lang.L("action.search"), load), actor)
	return container.NewBorder(container.NewVBox(note(lang.L("audit.intro")), bar), nil, nil, nil, table)
}

// setHeaders gives a table a header row and fixed column widths.
func setHeaders(t *widget.Table, headers []string, widths []float32) {
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(headers) {
			o.(*widget.Label).SetText(headers[id.Col])
		}
	}
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
}

// verifyTab runs the same verification as `lawdesk verify`, off the UI goroutine.
func (u *UI) verifyTab() fyne.CanvasObject {
	if err := domain.Require(u.sess.User, domain.PermVerify, lang.L("verify.what")); err != nil {
		return note(domain.ErrorMessage(err))
	}
	result := widget.NewLabel("")
	result.Wrapping = fyne.TextWrapWord
	bar := widget.NewProgressBarInfinite()
	bar.Hide()
	var cancel context.CancelFunc
	var run *widget.Button
	stop := widget.NewButton(lang.L("action.cancel"), func() {
		if cancel != nil {
			cancel()
		}
	})
	stop.Hide()
	run = widget.NewButton(lang.L("verify.run"), func() {
		var ctx context.Context
		ctx, cancel = context.WithCancel(context.Background())
		run.Disable()
		bar.Show()
		bar.Start()
		stop.Show()
		result.SetText(lang.L("verify.running"))
		go func() {
			rep, err := u.svc.Store.Verify(ctx, nil)
			if err == nil {
				if _, err := u.svc.Store.SaveVerifyResult(u.sess.Actor(), true, rep); err == nil && u.check != nil {
					u.reloadIntegrityWarning() // the dashboard warns (or stops warning) accordingly
				}
			}
			fyne.Do(func() {
				bar.Stop()
				bar.Hide()
				stop.Hide()
				run.Enable()
				if err != nil {
					result.SetText(domain.ErrorMessage(err))
					return
				}
				result.SetText(formatReport(rep))
				if rep.OK() {
					result.Importance = widget.SuccessImportance
				} else {
					result.Importance = widget.DangerImportance
				}
				result.Refresh()
			})
		}()
	})
	run.Importance = widget.HighImportance
	return container.NewVBox(note(lang.L("verify.intro")), container.NewHBox(run, stop), bar, result)
}

// formatReport writes a verification report as plain lines.
func formatReport(rep store.Report) string {
	var b strings.Builder
	for _, c := range rep.Checks {
		if len(c.Problems) == 0 {
			fmt.Fprintf(&b, "✔ %s：%s，%s\n", c.Name, lang.L("verify.ok"), c.Summary)
			continue
		}
		fmt.Fprintf(&b, "✘ %s：%s\n", c.Name, fmt.Sprintf(lang.L("verify.problems"), len(c.Problems)))
		for _, p := range c.Problems {
			fmt.Fprintf(&b, "    · %s\n", p)
		}
	}
	if rep.OK() {
		b.WriteString(lang.L("verify.allok"))
	} else {
		b.WriteString(lang.L("verify.failed"))
	}
	return b.String()
}

// aboutTab says which program and which data this is.
func (u *UI) aboutTab() fyne.CanvasObject {
	v, _ := u.svc.Store.Version()
	return container.NewVBox(
		subheading(lang.L("app.title")),
		widget.NewLabel(fmt.Sprintf(lang.L("about.version"), u.svc.Version, v)),
		widget.NewLabel(fmt.Sprintf(lang.L("about.datadir"), u.svc.Store.Dir())),
		note(lang.L("about.license")),
	)
}
