package ui

import (
	"fmt"
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

// recordSettingsTab (系统设置 → 案件与文书): the case-numbering and archive-number rules, the
// scanner folder, the document catalogue and the documents each kind of dossier requires.
func (u *UI) recordSettingsTab() fyne.CanvasObject {
	svc := u.svc.Record
	admin := domain.Allowed(u.sess.User.Roles, domain.PermCaseSettings)
	result := func() *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapBreak
		return l
	}
	report := func(l *widget.Label, err error, ok string) {
		if err != nil {
			l.Importance = widget.DangerImportance
			l.SetText(domain.ErrorMessage(err))
			return
		}
		l.Importance = widget.SuccessImportance
		l.SetText(ok)
	}
	ag, _ := u.svc.Office.Agency()

	// case numbers
	rule, _ := svc.NumberRule()
	tmpl := widget.NewEntry()
	tmpl.SetText(rule.Template)
	numberSample := widget.NewLabel("")
	sample := func() {
		r := rule
		r.Template = tmpl.Text
		if err := r.Validate(); err != nil {
			numberSample.SetText(domain.ErrorMessage(err))
			return
		}
		numberSample.SetText(fmt.Sprintf(lang.L("record.settings.sample"), r.Format(ag.ShortName, domain.ActPenalty, 2026, 12)))
	}
	tmpl.OnChanged = func(string) { sample() }
	sample()
	numberResult := result()
	saveNumber := widget.NewButtonWithIcon(lang.L("action.save"), theme.DocumentSaveIcon(), func() {
		r := rule
		r.Template = tmpl.Text
		report(numberResult, svc.SaveNumberRule(u.sess, r), lang.L("agency.saved"))
	})

	// archive numbers
	ar, _ := svc.ArchiveRule()
	atmpl, fonds, cat, unit, digits := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	atmpl.SetText(ar.Template)
	fonds.SetText(ar.Fonds)
	cat.SetText(ar.Category)
	unit.SetText(ar.Unit)
	digits.SetText(strconv.Itoa(ar.Digits))
	archiveSample := widget.NewLabel("")
	readArchive := func() domain.ArchiveRule {
		n, _ := strconv.Atoi(strings.TrimSpace(digits.Text))
		return domain.ArchiveRule{Template: atmpl.Text, Fonds: strings.TrimSpace(fonds.Text), Category: strings.TrimSpace(cat.Text),
			Unit: strings.TrimSpace(unit.Text), Digits: n}
	}
	asample := func() {
		r := readArchive()
		if err := r.Validate(); err != nil {
			archiveSample.SetText(domain.ErrorMessage(err))
			return
		}
		archiveSample.SetText(fmt.Sprintf(lang.L("record.settings.sample"), r.Format(2026, domain.RetentionPermanent, 3)))
	}
	for _, e := range []*widget.Entry{atmpl, fonds, cat, unit, digits} {
		e.OnChanged = func(string) { asample() }
	}
	asample()
	archiveResult := result()
	saveArchive := widget.NewButtonWithIcon(lang.L("action.save"), theme.DocumentSaveIcon(), func() {
		report(archiveResult, svc.SaveArchiveRule(u.sess, readArchive()), lang.L("agency.saved"))
	})

	// scanner folder
	dir, _ := svc.ScannerDir()
	scanner := widget.NewEntry()
	scanner.SetText(dir)
	scanner.SetPlaceHolder(lang.L("record.settings.scanner.placeholder"))
	scannerResult := result()
	browse := widget.NewButtonWithIcon(lang.L("record.settings.browse"), theme.FolderOpenIcon(), func() {
		fd := dialog.NewFolderOpen(func(lu fyne.ListableURI, err error) {
			if err == nil && lu != nil {
				scanner.SetText(lu.Path())
			}
		}, u.win)
		fd.Resize(fyne.NewSize(900, 600))
		fd.Show()
	})
	saveScanner := widget.NewButtonWithIcon(lang.L("action.save"), theme.DocumentSaveIcon(), func() {
		report(scannerResult, svc.SaveScannerDir(u.sess, scanner.Text), lang.L("agency.saved"))
	})

	// catalogue: one "环节：文书名称" per line
	catalogue, _ := svc.Catalogue()
	var lines []string
	for _, t := range catalogue {
		lines = append(lines, t.Stage.Label()+"："+t.Name)
	}
	catEntry := widget.NewMultiLineEntry()
	catEntry.SetText(strings.Join(lines, "\n"))
	catEntry.SetMinRowsVisible(8)
	catResult := result()
	saveCat := widget.NewButtonWithIcon(lang.L("action.save"), theme.DocumentSaveIcon(), func() {
		var cat []domain.DocType
		for i, l := range strings.Split(catEntry.Text, "\n") {
			l = strings.TrimSpace(l)
			if l == "" {
				continue
			}
			stage, name, ok := strings.Cut(strings.ReplaceAll(l, ":", "："), "：")
			st, err := domain.ParseStage(stage)
			if !ok || err != nil {
				report(catResult, domain.Errorf(domain.EINVALID, lang.L("record.settings.catalogue.bad"), i+1, l), "")
				return
			}
			cat = append(cat, domain.DocType{Name: strings.TrimSpace(name), Stage: st})
		}
		report(catResult, svc.SaveCatalogue(u.sess, cat), lang.L("agency.saved"))
	})

	// required documents per act type
	req, _ := svc.RequiredDocs()
	var typeLabels []string
	for _, t := range domain.AllActTypes {
		typeLabels = append(typeLabels, t.Label())
	}
	reqEntry := widget.NewMultiLineEntry()
	reqEntry.SetMinRowsVisible(6)
	reqType := widget.NewSelect(typeLabels, func(string) {})
	reqType.OnChanged = func(string) {
		if i := reqType.SelectedIndex(); i >= 0 {
			reqEntry.SetText(strings.Join(req[domain.AllActTypes[i]], "\n"))
		}
	}
	reqType.SetSelectedIndex(1)
	reqResult := result()
	saveReq := widget.NewButtonWithIcon(lang.L("action.save"), theme.DocumentSaveIcon(), func() {
		i := reqType.SelectedIndex()
		if i < 0 {
			return
		}
		err := svc.SaveRequiredDocs(u.sess, domain.AllActTypes[i], strings.Split(reqEntry.Text, "\n"))
		if err == nil {
			req, _ = svc.RequiredDocs()
		}
		report(reqResult, err, lang.L("agency.saved"))
	})

	if !admin {
		for _, w := range []fyne.Disableable{tmpl, saveNumber, atmpl, fonds, cat, unit, digits, saveArchive, catEntry, saveCat, reqEntry, saveReq} {
			w.Disable()
		}
	}
	right := func(b *widget.Button) fyne.CanvasObject { return container.NewHBox(layout.NewSpacer(), b) }
	section := func(title string, objs ...fyne.CanvasObject) fyne.CanvasObject {
		return widget.NewCard(title, "", container.NewVBox(objs...))
	}
	body := container.NewVBox(
		note(lang.L("record.settings.intro")),
		container.NewGridWithColumns(2,
			section(lang.L("record.settings.number"),
				widget.NewForm(&widget.FormItem{Text: lang.L("record.settings.template"), Widget: tmpl, HintText: lang.L("record.settings.number.hint")}),
				numberSample, numberResult, right(saveNumber)),
			section(lang.L("record.settings.archive"),
				widget.NewForm(
					&widget.FormItem{Text: lang.L("record.settings.template"), Widget: atmpl, HintText: lang.L("record.settings.archive.hint")},
					widget.NewFormItem(lang.L("record.settings.fonds"), fonds),
					widget.NewFormItem(lang.L("record.settings.category"), cat),
					widget.NewFormItem(lang.L("record.settings.unit"), unit),
					widget.NewFormItem(lang.L("record.settings.digits"), digits)),
				archiveSample, archiveResult, right(saveArchive)),
		),
		section(lang.L("record.settings.scanner"), note(lang.L("record.settings.scanner.intro")),
			container.NewBorder(nil, nil, nil, container.NewHBox(browse, saveScanner), scanner), scannerResult),
		container.NewGridWithColumns(2,
			section(lang.L("record.settings.catalogue"), note(lang.L("record.settings.catalogue.intro")), catEntry, catResult, right(saveCat)),
			section(lang.L("record.settings.required"), note(lang.L("record.settings.required.intro")), reqType, reqEntry, reqResult, right(saveReq)),
		),
	)
	return container.NewVScroll(body)
}
