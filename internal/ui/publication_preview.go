package ui

import (
	"fmt"
	"slices"
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

// pubPreview is the side-by-side preview of one decision before it is published: each
// field as typed (with what will be hidden in red) beside what will be published (with
// each mask in blue), the list of redactions to keep or undo, text to hide by hand, and
// the buttons that save, confirm and record the publication.
type pubPreview struct {
	s     *pubScreen
	prep  publication.Prepared
	draft domain.PubDraft

	fields *fyne.Container
	list   *fyne.Container
	status *widget.Label
}

// openPreview replaces the list with the preview of case caseID's pending publication.
func (s *pubScreen) openPreview(caseID uint64) {
	prep, err := s.u.svc.Publication.Prepare(s.u.sess, caseID)
	if err != nil {
		s.u.showError(err)
		return
	}
	p := &pubPreview{s: s, prep: prep, draft: prep.Draft}
	s.body.Objects = []fyne.CanvasObject{p.view()}
	s.body.Refresh()
}

// closePreview goes back to the list, read again.
func (s *pubScreen) closePreview() {
	s.body.Objects = []fyne.CanvasObject{s.listView()}
	s.load()
	s.body.Refresh()
}

func (p *pubPreview) view() fyne.CanvasObject {
	u := p.s.u
	e := p.prep.Entry
	c := e.Case
	back := widget.NewButtonWithIcon(lang.L("pub.preview.back"), theme.NavigateBackIcon(), p.s.closePreview)
	title := subheading(fmt.Sprintf(lang.L("pub.preview.title"), c.Number))
	info := widget.NewLabel(fmt.Sprintf(lang.L("pub.preview.info"), c.Party.MaskedName(), c.Type.Label(), c.Decision.DocNumber,
		c.Decision.Date, entryDueText(e)))
	info.Wrapping = fyne.TextWrapWord
	if e.Overdue {
		info.Importance = widget.DangerImportance
	}
	legend := container.NewHBox(
		coloredText("■ "+lang.L("pub.preview.legend.hidden"), colorOverdue, true),
		coloredText("■ "+lang.L("pub.preview.legend.mask"), colorPrimary, true),
	)
	top := container.NewVBox(container.NewHBox(back, title, layout.NewSpacer(), legend), info)
	if e.Replaces != 0 {
		top.Add(note(lang.L("pub.preview.replaces")))
	}

	p.fields = container.NewVBox()
	p.list = container.NewVBox()
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord

	manual := widget.NewEntry()
	manual.SetPlaceHolder(lang.L("pub.preview.manual.placeholder"))
	hide := widget.NewButtonWithIcon(lang.L("pub.preview.manual.add"), theme.VisibilityOffIcon(), func() {
		text := strings.TrimSpace(manual.Text)
		if text == "" {
			return
		}
		if !slices.Contains(p.draft.Manual, text) {
			p.draft.Manual = append(p.draft.Manual, text)
		}
		manual.SetText("")
		p.render()
	})
	side := container.NewBorder(
		container.NewVBox(subheading(lang.L("pub.preview.redactions")), note(lang.L("pub.preview.redactions.intro"))),
		container.NewVBox(widget.NewSeparator(), widget.NewLabelWithStyle(lang.L("pub.preview.manual"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			container.NewBorder(nil, nil, nil, hide, manual)),
		nil, nil, container.NewVScroll(p.list))

	// publishing
	today := domain.DateOf(u.svc.Store.Now())
	on := dateEntry(today)
	ch := channelSelect()
	save := widget.NewButtonWithIcon(lang.L("pub.preview.save"), theme.DocumentSaveIcon(), func() {
		if _, err := u.svc.Publication.SaveDraft(u.sess, c.ID, p.draft); err != nil {
			p.fail(err)
			return
		}
		p.ok(lang.L("pub.preview.saved"))
	})
	confirmOnly := widget.NewButtonWithIcon(lang.L("pub.preview.confirm"), theme.ConfirmIcon(), func() {
		if _, err := u.svc.Publication.Confirm(u.sess, c.ID, publication.PublishForm{Draft: p.draft}); err != nil {
			p.fail(err)
			return
		}
		p.s.closePreview()
		showMessage(u.win, lang.L("pub.preview.confirm"), fmt.Sprintf(lang.L("pub.preview.confirmed"), c.Number))
	})
	publish := widget.NewButtonWithIcon(lang.L("pub.preview.publish"), theme.MailSendIcon(), func() {
		d, err := parseDateField(lang.L("pub.field.publishedon"), on.Text)
		if err == nil {
			_, err = u.svc.Publication.Confirm(u.sess, c.ID, publication.PublishForm{Draft: p.draft, PublishedOn: d,
				Channel: domain.AllPubChannels[max(0, ch.SelectedIndex())]})
		}
		if err != nil {
			p.fail(err)
			return
		}
		p.s.closePreview()
	})
	publish.Importance = widget.HighImportance
	when := container.NewHBox(widget.NewLabel(lang.L("pub.field.publishedon")), fixedWidth(120, on),
		widget.NewLabel(lang.L("pub.field.channel")), fixedWidth(170, ch))
	buttons := container.NewHBox(layout.NewSpacer(), save, confirmOnly, publish)
	bottom := container.NewVBox(widget.NewSeparator(), p.status, container.NewBorder(nil, nil, when, buttons))

	p.render()
	split := container.NewHSplit(container.NewVScroll(p.fields), side)
	split.Offset = 0.7
	return container.NewBorder(top, bottom, nil, nil, split)
}

func (p *pubPreview) fail(err error) {
	p.status.Importance = widget.DangerImportance
	p.status.SetText(domain.ErrorMessage(err))
}

func (p *pubPreview) ok(msg string) {
	p.status.Importance = widget.SuccessImportance
	p.status.SetText(msg)
}

// editable maps the preview's field labels to the draft texts a person may edit.
func (p *pubPreview) editable(label string) *string {
	switch label {
	case "执法结论":
		return &p.draft.Conclusion
	case "违法行为":
		return &p.draft.Violation
	case "依据":
		return &p.draft.Basis
	case "决定书全文":
		return &p.draft.FullText
	}
	return nil
}

// render redacts the draft again and redraws both columns and the redaction list.
func (p *pubPreview) render() {
	pv := p.s.u.svc.Publication.Preview(p.s.u.sess, p.prep, p.draft)
	// the column titles sit above the columns they name
	p.fields.Objects = []fyne.CanvasObject{container.NewPadded(container.NewGridWithColumns(2,
		coloredText(lang.L("pub.preview.original"), colorOverdue, true),
		coloredText(lang.L("pub.preview.published"), colorPrimary, true)))}
	hasFullText := false
	for _, f := range pv.Fields {
		hasFullText = hasFullText || f.Label == "决定书全文"
		p.fields.Add(p.fieldRow(f))
	}
	if !hasFullText {
		p.fields.Add(p.fieldRow(publication.Field{Label: "决定书全文"}))
	}
	p.fields.Refresh()

	// every redaction once, by what it hides
	type item struct {
		r     publication.Redaction
		count int
	}
	var items []*item
	seen := map[string]*item{}
	for _, f := range pv.Fields {
		for _, r := range f.Redactions {
			key := string(r.Kind) + "\x00" + r.Original
			if it, ok := seen[key]; ok {
				it.count++
				continue
			}
			it := &item{r: r, count: 1}
			seen[key] = it
			items = append(items, it)
		}
	}
	p.list.Objects = nil
	if len(items) == 0 {
		p.list.Add(note(lang.L("pub.preview.nothing")))
	}
	for _, it := range items {
		r := it.r
		text := fmt.Sprintf("%s：%s → %s", r.Kind, r.Original, r.Mask)
		if it.count > 1 {
			text += fmt.Sprintf(lang.L("pub.preview.times"), it.count)
		}
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		var act fyne.CanvasObject
		switch {
		case r.Kind == publication.KindManual:
			act = widget.NewButton(lang.L("pub.preview.unhide"), func() {
				p.draft.Manual = slices.DeleteFunc(p.draft.Manual, func(s string) bool { return strings.Contains(r.Original, s) })
				p.render()
			})
		case r.Kind.Undoable():
			act = widget.NewButton(lang.L("pub.preview.keep"), func() {
				p.draft.Undone = append(p.draft.Undone, r.Original)
				p.render()
			})
		default:
			act = widget.NewLabelWithStyle(lang.L("pub.preview.mustHide"), fyne.TextAlignTrailing, fyne.TextStyle{Italic: true})
		}
		p.list.Add(container.NewBorder(nil, nil, nil, act, l))
	}
	for _, kept := range p.draft.Undone {
		l := widget.NewLabel(fmt.Sprintf(lang.L("pub.preview.kept"), kept))
		l.Wrapping = fyne.TextWrapWord
		kept := kept
		p.list.Add(container.NewBorder(nil, nil, nil, widget.NewButton(lang.L("pub.preview.rehide"), func() {
			p.draft.Undone = slices.DeleteFunc(p.draft.Undone, func(s string) bool { return s == kept })
			p.render()
		}), l))
	}
	p.list.Refresh()
}

// fieldRow shows one field: its label with an edit button, then the text as typed and
// the text as published side by side.
func (p *pubPreview) fieldRow(f publication.Field) fyne.CanvasObject {
	label := widget.NewLabelWithStyle(f.Label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head := container.NewHBox(label)
	if target := p.editable(f.Label); target != nil {
		head.Add(widget.NewButtonWithIcon(lang.L("pub.preview.edit"), theme.DocumentCreateIcon(), func() { p.editDialog(f.Label, target) }))
	}
	if f.Original == "" {
		return container.NewVBox(head, note(lang.L("pub.preview.empty."+map[bool]string{true: "optional", false: "required"}[f.Label == "决定书全文"])), widget.NewSeparator())
	}
	orig := highlighted(f.Original, f.Redactions, false)
	pub := highlighted(f.Original, f.Redactions, true)
	return container.NewVBox(head, container.NewGridWithColumns(2, orig, pub), widget.NewSeparator())
}

// highlighted renders text with its redactions marked: the originals in red (masked
// false) or the masks in blue (masked true).
func highlighted(text string, rs []publication.Redaction, masked bool) *widget.RichText {
	var segs []widget.RichTextSegment
	plain := func(s string) {
		lines := strings.Split(s, "\n")
		for i, line := range lines {
			style := widget.RichTextStyleInline
			if i < len(lines)-1 {
				style = widget.RichTextStyleParagraph // ends the line
			}
			segs = append(segs, &widget.TextSegment{Text: line, Style: style})
		}
	}
	mark := func(s string, color fyne.ThemeColorName) {
		segs = append(segs, &widget.TextSegment{Text: s, Style: widget.RichTextStyle{ColorName: color, Inline: true,
			SizeName: theme.SizeNameText, TextStyle: fyne.TextStyle{Bold: true}}})
	}
	last := 0
	for _, r := range rs {
		plain(text[last:r.Start])
		if masked {
			mark(r.Mask, theme.ColorNamePrimary)
		} else {
			mark(r.Original, theme.ColorNameError)
		}
		last = r.End
	}
	plain(text[last:])
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// editDialog edits one text of the draft.
func (p *pubPreview) editDialog(label string, target *string) {
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetText(*target)
	e.SetMinRowsVisible(10)
	hint := ""
	if label == "决定书全文" {
		hint = lang.L("pub.preview.fulltext.hint")
	}
	d := dialog.NewCustomConfirm(fmt.Sprintf(lang.L("pub.preview.edit.title"), label), lang.L("action.save"), lang.L("action.cancel"),
		container.NewBorder(note(hint), nil, nil, nil, e), func(ok bool) {
			if ok {
				*target = e.Text
				p.render()
			}
		}, p.s.u.win)
	d.Resize(fyne.NewSize(820, 520))
	d.Show()
}
