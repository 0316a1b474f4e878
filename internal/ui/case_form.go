package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
)

// editCase shows the registration form (登记案件) for a new case (existing == nil) or the
// edit form of an existing one, in place of the list. Problems are shown beside the field
// they concern and in one line above the buttons; nothing is saved until they are fixed.
func (v *casesView) editCase(existing *domain.Case) {
	u := v.u
	c := domain.Case{Type: domain.ActPenalty, Procedure: domain.ProcedureGeneral, Source: domain.SourceComplaint,
		Party: domain.Party{Kind: domain.PartyOrganisation}, Opened: domain.DateOf(u.svc.Store.Now())}
	if existing != nil {
		c = *existing
	}

	choose := func(labels []string, selected string) *widget.Select {
		s := widget.NewSelect(labels, nil)
		s.SetSelected(selected)
		return s
	}
	var typeLabels, procLabels, sourceLabels, kindLabels, secrecyLabels, retentionLabels []string
	for _, t := range domain.AllActTypes {
		typeLabels = append(typeLabels, t.Label())
	}
	for _, p := range domain.AllProcedures {
		procLabels = append(procLabels, p.Label())
	}
	for _, s := range domain.AllSources {
		sourceLabels = append(sourceLabels, s.Label())
	}
	for _, k := range domain.AllPartyKinds {
		kindLabels = append(kindLabels, k.Label())
	}
	for _, s := range domain.AllSecrecies {
		secrecyLabels = append(secrecyLabels, s.Label())
	}
	for _, r := range domain.AllRetentions {
		retentionLabels = append(retentionLabels, r.Label())
	}
	typ := choose(typeLabels, c.Type.Label())
	proc := choose(procLabels, c.Procedure.Label())
	source := choose(sourceLabels, c.Source.Label())
	kind := choose(kindLabels, c.Party.Kind.Label())
	secrecy := choose(secrecyLabels, c.Secrecy.Label())
	retention := choose(retentionLabels, c.Retention.Label())
	if existing == nil {
		retention.Options = append([]string{lang.L("record.retention.auto")}, retentionLabels...)
		retention.SetSelected(lang.L("record.retention.auto"))
	}

	matters, _ := u.svc.Store.Matters()
	var matterNames []string
	matterID := map[string]uint64{}
	for _, m := range matters {
		if !m.Retired {
			matterNames = append(matterNames, m.Name)
			matterID[m.Name] = m.ID
		}
	}
	matter := widget.NewSelectEntry(matterNames)
	matter.SetText(c.MatterName)
	matter.SetPlaceHolder(lang.L("record.form.matter.placeholder"))

	entry := func(text, placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(text)
		e.SetPlaceHolder(placeholder)
		return e
	}
	number := entry(c.Number, lang.L("record.form.number.placeholder"))
	partyName := entry(c.Party.Name, lang.L("record.form.party.placeholder"))
	partyID := entry(c.Party.IDNumber, "")
	legalRep := entry(c.Party.LegalRep, "")
	contact := entry(c.Party.Contact, "")
	address := entry(c.Party.Address, "")
	unit := entry(c.HandlingUnit, lang.L("record.form.unit.placeholder"))
	amount := entry("", "0.00")
	if c.Amount != 0 {
		amount.SetText(c.Amount.String())
	}
	opened := entry(c.Opened.String(), "2026-09-01")
	facts := widget.NewMultiLineEntry()
	facts.SetText(c.Facts)
	facts.Wrapping = fyne.TextWrapBreak
	facts.SetMinRowsVisible(4)
	amount.Validator = func(s string) error { _, err := domain.ParseMoney(s, lang.L("record.field.amount")); return err }
	opened.Validator = func(s string) error { _, err := domain.ParseDate(s); return err }
	number.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := domain.ParseCaseNumber(s)
		return err
	}

	officers, _ := u.svc.Record.Officers()
	officerBox := container.NewGridWithColumns(4)
	var officerChecks []*widget.Check
	var officerIDs []uint64
	for _, o := range officers {
		check := widget.NewCheck(o.Name, nil)
		check.SetChecked(c.Assigned(o.ID))
		officerChecks = append(officerChecks, check)
		officerIDs = append(officerIDs, o.ID)
		officerBox.Add(check)
	}
	if existing == nil && u.sess.User.OfficerID != 0 {
		for i, id := range officerIDs {
			if id == u.sess.User.OfficerID {
				officerChecks[i].SetChecked(true)
			}
		}
	}
	if unit.Text == "" && u.sess.User.OfficerID != 0 {
		if o, err := u.svc.Store.Officer(u.sess.User.OfficerID); err == nil {
			unit.SetText(o.Unit)
		}
	}

	item := func(key string, w fyne.CanvasObject, hint string) *widget.FormItem {
		it := widget.NewFormItem(lang.L(key), w)
		it.HintText = hint
		return it
	}
	numberHint := lang.L("record.form.number.hint")
	if existing != nil {
		numberHint = lang.L("record.form.number.edit")
	}
	left := widget.NewForm(
		item("record.field.number", number, numberHint),
		item("record.field.type", typ, ""),
		item("record.field.procedure", proc, ""),
		item("record.field.matter", matter, ""),
		item("record.field.source", source, ""),
		item("record.field.opened", opened, ""),
		item("record.field.unit", unit, ""),
		item("record.field.amount", amount, lang.L("record.form.amount.hint")),
	)
	right := widget.NewForm(
		item("record.field.partykind", kind, ""),
		item("record.field.party", partyName, ""),
		item("record.field.partyid", partyID, lang.L("record.form.partyid.hint")),
		item("record.field.legalrep", legalRep, ""),
		item("record.field.phone", contact, lang.L("record.form.personal.hint")),
		item("record.field.address", address, ""),
		item("record.field.secrecy", secrecy, lang.L("record.form.secrecy.hint")),
		item("record.field.retention", retention, ""),
	)
	lower := widget.NewForm(
		item("record.field.officers", officerBox, lang.L("record.form.officers.hint")),
		item("record.field.facts", facts, ""),
	)
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapBreak
	status.Importance = widget.DangerImportance

	title := lang.L("record.case.new")
	if existing != nil {
		title = lang.L("record.case.edit") + "：" + c.Number
	}
	cancel := widget.NewButton(lang.L("action.cancel"), func() {
		if existing != nil {
			v.reloadCase(existing.ID, caseTabOverview)
		} else {
			v.back()
		}
	})
	var save *widget.Button
	save = widget.NewButtonWithIcon(lang.L("action.save"), theme.DocumentSaveIcon(), func() {
		n := c
		n.Number = strings.TrimSpace(number.Text)
		n.Type = domain.AllActTypes[max(0, typ.SelectedIndex())]
		n.Procedure = domain.AllProcedures[max(0, proc.SelectedIndex())]
		n.Source = domain.AllSources[max(0, source.SelectedIndex())]
		n.MatterName = strings.TrimSpace(matter.Text)
		n.MatterID = matterID[n.MatterName]
		n.Party = domain.Party{Kind: domain.AllPartyKinds[max(0, kind.SelectedIndex())], Name: partyName.Text,
			IDNumber: partyID.Text, LegalRep: legalRep.Text, Contact: contact.Text, Address: address.Text}
		n.HandlingUnit, n.Facts = unit.Text, facts.Text
		n.Secrecy = domain.AllSecrecies[max(0, secrecy.SelectedIndex())]
		n.Retention = ""
		if i := retention.SelectedIndex(); existing == nil && i > 0 {
			n.Retention = domain.AllRetentions[i-1]
		} else if existing != nil && i >= 0 {
			n.Retention = domain.AllRetentions[i]
		}
		n.OfficerIDs = nil
		for i, ch := range officerChecks {
			if ch.Checked {
				n.OfficerIDs = append(n.OfficerIDs, officerIDs[i])
			}
		}
		var err error
		if n.Amount, err = domain.ParseMoney(amount.Text, lang.L("record.field.amount")); err != nil {
			status.SetText(domain.ErrorMessage(err))
			return
		}
		if n.Opened, err = domain.ParseDate(opened.Text); err != nil {
			status.SetText(lang.L("record.field.opened") + "：" + domain.ErrorMessage(err))
			return
		}
		if existing == nil {
			n, err = u.svc.Record.CreateCase(u.sess, n)
		} else {
			n, err = u.svc.Record.UpdateCase(u.sess, n)
		}
		if err != nil {
			status.SetText(domain.ErrorMessage(err))
			return
		}
		v.list.reload()
		v.openCaseNoReason(n)
	})
	save.Importance = widget.HighImportance
	head := container.NewVBox(subheading(title), note(lang.L("record.form.intro")))
	body := container.NewVBox(container.NewGridWithColumns(2, left, right), lower)
	buttons := container.NewVBox(status, container.NewHBox(layout.NewSpacer(), cancel, save))
	v.show(container.NewBorder(head, buttons, nil, nil, container.NewVScroll(body)))
}

// openCaseNoReason shows a case just saved by the person (no access reason asked: they
// have just typed it in); the view is still logged.
func (v *casesView) openCaseNoReason(c domain.Case) {
	if c.Secrecy.NeedsReason() {
		if opened, err := v.u.svc.Record.OpenCase(v.u.sess, c.ID, lang.L("record.reason.ownentry")); err == nil {
			c = opened
		}
	} else if opened, err := v.u.svc.Record.OpenCase(v.u.sess, c.ID, ""); err == nil {
		c = opened
	}
	v.showCase(c, caseTabOverview)
}
