package ui

import (
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
)

// reviewSettingsTab (系统设置 → 法制审核): the 重大执法决定法制审核目录清单, the 审核要素清单,
// the review time limit and the reviewer staffing rule. Changes are collected on screen and
// written together with “保存”; only administrators can save.
func (u *UI) reviewSettingsTab() fyne.CanvasObject {
	cfg, err := u.svc.Review.Config()
	if err != nil {
		u.showError(err)
		cfg = domain.DefaultReviewConfig()
	}
	canEdit := domain.Allowed(u.sess.User.Roles, domain.PermReviewSettings)
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapBreak
	changed := func() {
		status.Importance = widget.WarningImportance
		status.SetText(lang.L("rvset.unsaved"))
	}
	if !canEdit {
		status.SetText(lang.L("rvset.readonly"))
	}

	rules := container.NewVBox()
	var drawRules func()
	drawRules = func() {
		rules.RemoveAll()
		for i := range cfg.Rules {
			rules.Add(u.reviewRuleRow(&cfg, i, canEdit, func() { drawRules(); changed() }))
		}
		rules.Refresh()
	}
	drawRules()
	addRule := widget.NewButtonWithIcon(lang.L("rvset.rule.add"), theme.ContentAddIcon(), func() {
		u.reviewRuleDialog(domain.MajorRule{Enabled: true}, func(r domain.MajorRule) {
			cfg.Rules = append(cfg.Rules, r)
			drawRules()
			changed()
		})
	})
	resetRules := widget.NewButton(lang.L("rvset.rule.defaults"), func() {
		confirm(u.win, lang.L("rvset.rule.defaults"), lang.L("rvset.rule.defaults.ask"), lang.L("rvset.rule.defaults"), func() {
			cfg.Rules = domain.DefaultMajorRules()
			drawRules()
			changed()
		})
	})
	if !canEdit {
		addRule.Disable()
		resetRules.Disable()
	}
	catalogue := container.NewBorder(
		container.NewVBox(reviewNote(lang.L("rvset.rule.intro")), container.NewHBox(addRule, resetRules)),
		nil, nil, nil, container.NewVScroll(rules))

	elements := container.NewVBox()
	var drawElements func()
	drawElements = func() {
		elements.RemoveAll()
		for i := range cfg.Checklist {
			elements.Add(u.reviewElementRow(&cfg, i, canEdit, func() { drawElements(); changed() }))
		}
		elements.Refresh()
	}
	drawElements()
	addElement := widget.NewButtonWithIcon(lang.L("rvset.el.add"), theme.ContentAddIcon(), func() {
		u.reviewElementDialog(domain.ChecklistElement{}, func(e domain.ChecklistElement) {
			cfg.Checklist = append(cfg.Checklist, e)
			drawElements()
			changed()
		})
	})
	resetElements := widget.NewButton(lang.L("rvset.el.defaults"), func() {
		confirm(u.win, lang.L("rvset.el.defaults"), lang.L("rvset.el.defaults.ask"), lang.L("rvset.el.defaults"), func() {
			cfg.Checklist = domain.DefaultChecklist()
			drawElements()
			changed()
		})
	})
	if !canEdit {
		addElement.Disable()
		resetElements.Disable()
	}
	checklist := container.NewBorder(
		container.NewVBox(reviewNote(lang.L("rvset.el.intro")), container.NewHBox(addElement, resetElements)),
		nil, nil, nil, container.NewVScroll(elements))

	policy := u.reviewPolicyForm(&cfg, canEdit, changed)

	tabs := container.NewAppTabs(
		container.NewTabItem(lang.L("rvset.tab.catalogue"), catalogue),
		container.NewTabItem(lang.L("rvset.tab.checklist"), checklist),
		container.NewTabItem(lang.L("rvset.tab.policy"), policy),
	)
	save := widget.NewButtonWithIcon(lang.L("action.save"), theme.DocumentSaveIcon(), func() {
		if err := u.svc.Review.SaveConfig(u.sess, cfg); err != nil {
			status.Importance = widget.DangerImportance
			status.SetText(domain.ErrorMessage(err))
			return
		}
		cfg, _ = u.svc.Review.Config()
		status.Importance = widget.SuccessImportance
		status.SetText(lang.L("rvset.saved"))
	})
	save.Importance = widget.HighImportance
	if !canEdit {
		save.Disable()
	}
	return container.NewBorder(nil, container.NewBorder(nil, nil, nil, save, status), nil, nil, tabs)
}

// reviewRuleRow shows one catalogue entry: on/off, title, conditions, basis, and its actions.
func (u *UI) reviewRuleRow(cfg *domain.ReviewConfig, i int, canEdit bool, redraw func()) fyne.CanvasObject {
	r := cfg.Rules[i]
	on := widget.NewCheck("", func(b bool) {
		if cfg.Rules[i].Enabled != b {
			cfg.Rules[i].Enabled = b
			redraw()
		}
	})
	on.SetChecked(r.Enabled)
	title := widget.NewLabelWithStyle(fmt.Sprintf("%d. %s", i+1, r.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapBreak
	if !r.Enabled {
		title.Importance = widget.LowImportance
	}
	lines := []string{lang.L("rvset.rule.conditions") + strings.Join(r.Conditions(), "；")}
	if r.Basis != "" {
		lines = append(lines, lang.L("rvset.rule.basis")+r.Basis)
	}
	edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() {
		u.reviewRuleDialog(cfg.Rules[i], func(nr domain.MajorRule) {
			cfg.Rules[i] = nr
			redraw()
		})
	})
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		confirm(u.win, lang.L("rvset.rule.delete"), fmt.Sprintf(lang.L("rvset.rule.delete.ask"), r.Title), lang.L("rvset.rule.delete"), func() {
			cfg.Rules = slices.Delete(cfg.Rules, i, i+1)
			redraw()
		})
	})
	if !canEdit {
		on.Disable()
		edit.Disable()
		del.Disable()
	}
	return widget.NewCard("", "", container.NewBorder(nil, nil, container.NewCenter(on), container.NewHBox(edit, del),
		container.NewVBox(title, reviewNote(strings.Join(lines, "\n")))))
}

// reviewRuleDialog edits one catalogue entry; the rule is checked before the dialog closes.
func (u *UI) reviewRuleDialog(r domain.MajorRule, done func(domain.MajorRule)) {
	title := widget.NewEntry()
	title.SetText(r.Title)
	title.SetPlaceHolder(lang.L("rvset.rule.title.ph"))
	basis := widget.NewEntry()
	basis.SetText(r.Basis)
	enabled := widget.NewCheck(lang.L("rvset.rule.enabled"), nil)
	enabled.SetChecked(r.Enabled)

	var actLabels []string
	for _, t := range domain.AllActTypes {
		actLabels = append(actLabels, t.Label())
	}
	var actSelected []string
	for _, t := range r.ActTypes {
		actSelected = append(actSelected, t.Label())
	}
	acts, actsChosen := reviewChecks(actLabels, actSelected, 6)
	general := widget.NewCheck(lang.L("rvset.rule.general"), nil)
	general.SetChecked(r.GeneralProcedure)
	matter := widget.NewCheck(lang.L("rvset.rule.matter"), nil)
	matter.SetChecked(r.MatterMajor)
	hearing := widget.NewCheck(lang.L("rvset.rule.hearing"), nil)
	hearing.SetChecked(r.HearingHeld)
	complexCase := widget.NewCheck(lang.L("rvset.rule.complex"), nil)
	complexCase.SetChecked(r.Complex)
	public := widget.NewCheck(lang.L("rvset.rule.public"), nil)
	public.SetChecked(r.PublicInterest)

	byAmount := widget.NewCheck(lang.L("rvset.rule.amount"), nil)
	byAmount.SetChecked(r.ByAmount)
	person, org := widget.NewEntry(), widget.NewEntry()
	person.SetPlaceHolder("5000")
	org.SetPlaceHolder("50000")
	if r.ByAmount {
		person.SetText(r.PersonThreshold.String())
		org.SetText(r.OrgThreshold.String())
	}
	amounts := container.NewHBox(byAmount,
		widget.NewLabel(lang.L("rvset.rule.person")), fixedWidth(110, person),
		widget.NewLabel(lang.L("rvset.rule.org")), fixedWidth(110, org), widget.NewLabel(lang.L("rvset.yuan")))

	var penLabels []string
	for _, k := range domain.AllPenaltyKinds {
		penLabels = append(penLabels, k.Label())
	}
	var penSelected []string
	for _, k := range r.Penalties {
		penSelected = append(penSelected, k.Label())
	}
	pens, pensChosen := reviewChecks(penLabels, penSelected, 5)

	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapBreak
	status.Importance = widget.DangerImportance
	form := widget.NewForm(
		widget.NewFormItem(lang.L("rvset.rule.title"), title),
		widget.NewFormItem(lang.L("rvset.rule.basis.label"), basis),
		widget.NewFormItem("", enabled),
		&widget.FormItem{Text: lang.L("rvset.rule.acts"), Widget: acts, HintText: lang.L("rvset.rule.acts.hint")},
		widget.NewFormItem(lang.L("rvset.rule.facts"), container.NewGridWithColumns(3, general, matter, hearing, complexCase, public)),
		widget.NewFormItem(lang.L("rvset.rule.amount.label"), amounts),
		&widget.FormItem{Text: lang.L("rvset.rule.penalties"), Widget: pens, HintText: lang.L("rvset.rule.penalties.hint")},
	)
	var d dialog.Dialog
	ok := widget.NewButton(lang.L("dialog.ok"), func() {
		nr := domain.MajorRule{Key: r.Key, Title: strings.TrimSpace(title.Text), Basis: strings.TrimSpace(basis.Text),
			Enabled: enabled.Checked, GeneralProcedure: general.Checked, MatterMajor: matter.Checked,
			HearingHeld: hearing.Checked, Complex: complexCase.Checked, PublicInterest: public.Checked, ByAmount: byAmount.Checked}
		for _, t := range domain.AllActTypes {
			if slices.Contains(actsChosen(), t.Label()) {
				nr.ActTypes = append(nr.ActTypes, t)
			}
		}
		for _, k := range domain.AllPenaltyKinds {
			if slices.Contains(pensChosen(), k.Label()) {
				nr.Penalties = append(nr.Penalties, k)
			}
		}
		if nr.ByAmount {
			var err error
			if nr.PersonThreshold, err = domain.ParseMoney(person.Text, lang.L("rvset.rule.person")); err != nil {
				status.SetText(domain.ErrorMessage(err))
				return
			}
			if nr.OrgThreshold, err = domain.ParseMoney(org.Text, lang.L("rvset.rule.org")); err != nil {
				status.SetText(domain.ErrorMessage(err))
				return
			}
		}
		if err := nr.Validate(); err != nil {
			status.SetText(domain.ErrorMessage(err))
			return
		}
		d.Hide()
		done(nr)
	})
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("action.cancel"), func() { d.Hide() })
	content := container.NewBorder(reviewNote(lang.L("rvset.rule.dialog.intro")), container.NewVBox(status, container.NewHBox(layout.NewSpacer(), cancel, ok)),
		nil, nil, container.NewVScroll(form))
	d = dialog.NewCustomWithoutButtons(lang.L("rvset.rule.dialog"), content, u.win)
	d.Resize(fyne.NewSize(1040, 620))
	d.Show()
}

// reviewElementRow shows one checklist element with its pre-checks and its actions.
func (u *UI) reviewElementRow(cfg *domain.ReviewConfig, i int, canEdit bool, redraw func()) fyne.CanvasObject {
	e := cfg.Checklist[i]
	title := widget.NewLabelWithStyle(fmt.Sprintf("%d. %s", i+1, e.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var lines []string
	if e.Hint != "" {
		lines = append(lines, e.Hint)
	}
	if len(e.PreChecks) > 0 {
		var names []string
		for _, p := range e.PreChecks {
			names = append(names, domain.PreCheckTitle(p))
		}
		lines = append(lines, lang.L("rvset.el.prechecks")+strings.Join(names, "、"))
	}
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() {
		cfg.Checklist[i-1], cfg.Checklist[i] = cfg.Checklist[i], cfg.Checklist[i-1]
		redraw()
	})
	down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() {
		cfg.Checklist[i+1], cfg.Checklist[i] = cfg.Checklist[i], cfg.Checklist[i+1]
		redraw()
	})
	edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() {
		u.reviewElementDialog(cfg.Checklist[i], func(ne domain.ChecklistElement) {
			cfg.Checklist[i] = ne
			redraw()
		})
	})
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		confirm(u.win, lang.L("rvset.el.delete"), fmt.Sprintf(lang.L("rvset.el.delete.ask"), e.Title), lang.L("rvset.el.delete"), func() {
			cfg.Checklist = slices.Delete(cfg.Checklist, i, i+1)
			redraw()
		})
	})
	if i == 0 || !canEdit {
		up.Disable()
	}
	if i == len(cfg.Checklist)-1 || !canEdit {
		down.Disable()
	}
	if !canEdit {
		edit.Disable()
		del.Disable()
	}
	body := container.NewVBox(title)
	if len(lines) > 0 {
		body.Add(reviewNote(strings.Join(lines, "\n")))
	}
	return widget.NewCard("", "", container.NewBorder(nil, nil, nil, container.NewHBox(up, down, edit, del), body))
}

// reviewElementDialog edits one checklist element and the pre-checks that support it.
func (u *UI) reviewElementDialog(e domain.ChecklistElement, done func(domain.ChecklistElement)) {
	title, hint := widget.NewEntry(), widget.NewEntry()
	title.SetText(e.Title)
	title.SetPlaceHolder(lang.L("rvset.el.title.ph"))
	hint.SetText(e.Hint)
	var labels []string
	for _, p := range domain.PreCheckTitles {
		labels = append(labels, p.Title)
	}
	checks := widget.NewCheckGroup(labels, nil)
	for _, p := range e.PreChecks {
		checks.Selected = append(checks.Selected, domain.PreCheckTitle(p))
	}
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapBreak
	status.Importance = widget.DangerImportance
	form := widget.NewForm(
		widget.NewFormItem(lang.L("rvset.el.title"), title),
		widget.NewFormItem(lang.L("rvset.el.hint"), hint),
		&widget.FormItem{Text: lang.L("rvset.el.prechecks.label"), Widget: checks, HintText: lang.L("rvset.el.prechecks.hint")},
	)
	var d dialog.Dialog
	ok := widget.NewButton(lang.L("dialog.ok"), func() {
		ne := domain.ChecklistElement{Key: e.Key, Title: strings.TrimSpace(title.Text), Hint: strings.TrimSpace(hint.Text)}
		for _, p := range domain.PreCheckTitles {
			if slices.Contains(checks.Selected, p.Title) {
				ne.PreChecks = append(ne.PreChecks, p.Key)
			}
		}
		if ne.Title == "" {
			status.SetText(lang.L("rvset.el.title.missing"))
			return
		}
		d.Hide()
		done(ne)
	})
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("action.cancel"), func() { d.Hide() })
	content := container.NewBorder(nil, container.NewVBox(status, container.NewHBox(layout.NewSpacer(), cancel, ok)), nil, nil, form)
	d = dialog.NewCustomWithoutButtons(lang.L("rvset.el.dialog"), content, u.win)
	d.Resize(fyne.NewSize(680, 440))
	d.Show()
}

// reviewPolicyForm edits the time limit and staffing figures and shows the current staffing.
func (u *UI) reviewPolicyForm(cfg *domain.ReviewConfig, canEdit bool, changed func()) fyne.CanvasObject {
	intField := func(v int, set func(int)) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(strconv.Itoa(v))
		e.Validator = func(s string) error {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n < 0 {
				return fmt.Errorf("%s", lang.L("rvset.policy.number"))
			}
			return nil
		}
		e.OnChanged = func(s string) {
			if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
				set(n)
				changed()
			}
		}
		if !canEdit {
			e.Disable()
		}
		return e
	}
	limit := intField(cfg.Policy.TimeLimitDays, func(n int) { cfg.Policy.TimeLimitDays = n })
	ext := intField(cfg.Policy.ExtensionDays, func(n int) { cfg.Policy.ExtensionDays = n })
	share := widget.NewEntry()
	share.SetText(strconv.FormatFloat(cfg.Policy.MinReviewerShare, 'f', -1, 64))
	share.OnChanged = func(s string) {
		if v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, "%")), 64); err == nil {
			cfg.Policy.MinReviewerShare = v
			changed()
		}
	}
	if !canEdit {
		share.Disable()
	}
	minPeople := intField(cfg.Policy.MinReviewers, func(n int) { cfg.Policy.MinReviewers = n })
	form := widget.NewForm(
		&widget.FormItem{Text: lang.L("rvset.policy.limit"), Widget: fixedWidth(120, limit), HintText: lang.L("rvset.policy.limit.hint")},
		&widget.FormItem{Text: lang.L("rvset.policy.ext"), Widget: fixedWidth(120, ext), HintText: lang.L("rvset.policy.ext.hint")},
		&widget.FormItem{Text: lang.L("rvset.policy.share"), Widget: fixedWidth(120, share), HintText: lang.L("rvset.policy.share.hint")},
		&widget.FormItem{Text: lang.L("rvset.policy.min"), Widget: fixedWidth(120, minPeople), HintText: lang.L("rvset.policy.min.hint")},
	)
	return container.NewVScroll(container.NewGridWithColumns(2,
		container.NewVBox(subheading(lang.L("rvset.policy.title")), form),
		u.reviewStaffingCard(),
	))
}

// reviewStaffingCard shows reviewers against enforcement officers, warning when too few.
func (u *UI) reviewStaffingCard() fyne.CanvasObject {
	rep, err := u.svc.Review.Staffing()
	if err != nil {
		return reviewNote(domain.ErrorMessage(err))
	}
	verdict := coloredText(lang.L("rvstaff.ok"), colorOK, true)
	if !rep.OK() {
		verdict = coloredText(lang.L("rvstaff.low"), colorOverdue, true)
	}
	msg := widget.NewLabel(rep.Message())
	msg.Wrapping = fyne.TextWrapBreak
	names := strings.Join(rep.ReviewerNames, "、")
	if names == "" {
		names = lang.L("common.notset")
	}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("rvstaff.officers"), widget.NewLabel(strconv.Itoa(rep.Officers))),
		widget.NewFormItem(lang.L("rvstaff.reviewers"), widget.NewLabel(fmt.Sprintf("%d（%s）", rep.Staffing.Reviewers, names))),
		widget.NewFormItem(lang.L("rvstaff.required"), widget.NewLabel(strconv.Itoa(rep.Required))),
		widget.NewFormItem(lang.L("rvstaff.ratio"), widget.NewLabel(fmt.Sprintf("%.1f%%", rep.Share()))),
		widget.NewFormItem(lang.L("rvstaff.source"), widget.NewLabel(rep.Source)),
	)
	return container.NewVBox(subheading(lang.L("rvstaff.title")), container.NewPadded(verdict), msg, form)
}

// reviewChecks lays out one check box per label in rows of cols, so long lists wrap instead of
// running off the dialog; chosen returns the ticked labels in label order.
func reviewChecks(labels, selected []string, cols int) (grid *fyne.Container, chosen func() []string) {
	grid = container.NewGridWithColumns(cols)
	var checks []*widget.Check
	for _, l := range labels {
		c := widget.NewCheck(l, nil)
		c.SetChecked(slices.Contains(selected, l))
		checks = append(checks, c)
		grid.Add(c)
	}
	return grid, func() []string {
		var out []string
		for i, c := range checks {
			if c.Checked {
				out = append(out, labels[i])
			}
		}
		return out
	}
}
