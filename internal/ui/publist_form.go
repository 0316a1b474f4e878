package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/publicity"
)

// fieldInput is the widget of one form field: how to set and read its text, and the
// label under it that shows its validation message.
type fieldInput struct {
	field  publicity.Field
	widget fyne.CanvasObject
	get    func() string
	set    func(string)
	errMsg *widget.Label
	focus  fyne.Focusable
}

// newFieldInput builds the widget of f. choices are the options of Suggest fields and of
// Multi fields without fixed choices (the benchmark codes, as "编号 违法行为").
func newFieldInput(f publicity.Field, choices []string) *fieldInput {
	in := &fieldInput{field: f, errMsg: widget.NewLabel("")}
	in.errMsg.Importance = widget.DangerImportance
	in.errMsg.Wrapping = fyne.TextWrapWord
	in.errMsg.Hide()
	switch f.Kind {
	case publicity.LongText:
		e := widget.NewMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(3)
		in.widget, in.get, in.set, in.focus = e, func() string { return e.Text }, e.SetText, e
	case publicity.Choice:
		opts := f.Choices
		if !f.Required {
			opts = append([]string{lang.L("publicity.choice.none")}, opts...)
		}
		s := widget.NewSelect(opts, nil)
		s.PlaceHolder = lang.L("publicity.choice.placeholder")
		in.widget = s
		in.get = func() string {
			if s.Selected == lang.L("publicity.choice.none") {
				return ""
			}
			return s.Selected
		}
		in.set = func(v string) {
			if v == "" {
				s.ClearSelected()
				return
			}
			s.SetSelected(v)
		}
	case publicity.Bool:
		c := widget.NewCheck(lang.L("publicity.yes"), nil)
		in.widget = c
		in.get = func() string {
			if c.Checked {
				return "是"
			}
			return "否"
		}
		in.set = func(v string) { c.SetChecked(v == "是") }
	case publicity.Multi:
		opts := f.Choices
		dynamic := len(opts) == 0 // the benchmark codes, shown as "编号 违法行为"
		if dynamic {
			opts = choices
		}
		code := func(o string) string {
			if dynamic {
				o, _, _ = strings.Cut(o, " ")
			}
			return o
		}
		checks := make([]fyne.CanvasObject, len(opts))
		for i, o := range opts {
			checks[i] = widget.NewCheck(o, nil)
		}
		in.get = func() string {
			var out []string
			for i, c := range checks {
				if c.(*widget.Check).Checked {
					out = append(out, code(opts[i]))
				}
			}
			return strings.Join(out, "、")
		}
		in.set = func(v string) {
			want := map[string]bool{}
			for _, s := range strings.Split(v, "、") {
				want[s] = true
			}
			for i, c := range checks {
				c.(*widget.Check).SetChecked(want[code(opts[i])])
			}
		}
		switch {
		case dynamic && len(opts) == 0:
			in.widget = note(lang.L("publicity.benchmarks.none"))
		case dynamic:
			in.widget = container.New(&heightLayout{h: 120}, container.NewVScroll(container.NewVBox(checks...)))
		default:
			in.widget = container.NewGridWithColumns(4, checks...)
		}
	case publicity.Suggest:
		e := widget.NewSelectEntry(choices)
		in.widget, in.get, in.set, in.focus = e, func() string { return e.Text }, e.SetText, e
	default: // Text, Date, Number
		e := widget.NewEntry()
		switch f.Kind {
		case publicity.Date:
			e.SetPlaceHolder(lang.L("publicity.date.placeholder"))
		case publicity.Number:
			e.SetPlaceHolder(lang.L("publicity.number.placeholder"))
		}
		in.widget, in.get, in.set, in.focus = e, func() string { return e.Text }, e.SetText, e
	}
	return in
}

// heightLayout gives its content a fixed height and the full width.
type heightLayout struct{ h float32 }

func (l *heightLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(fyne.NewSize(size.Width, l.h))
		o.Move(fyne.NewPos(0, 0))
	}
}

func (l *heightLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := float32(0)
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	return fyne.NewSize(w, l.h)
}

// openForm adds (it == nil) or edits an entry. Errors from the service are shown beside
// their field and the dialog stays open to fix them.
func (v *listView) openForm(it *publicity.Item) {
	u := v.u
	var inputs []*fieldInput
	form := widget.NewForm()
	for _, f := range v.spec.Fields {
		if !f.Editable() {
			continue
		}
		var choices []string
		switch {
		case f.Kind == publicity.Suggest:
			choices, _ = u.svc.Publicity.Suggestions(u.sess, v.kind, f.Key)
		case f.Kind == publicity.Multi && len(f.Choices) == 0:
			choices, _ = u.svc.Publicity.BenchmarkChoices()
		}
		in := newFieldInput(f, choices)
		if it != nil {
			in.set(it.Row[f.Key])
		} else if f.Kind == publicity.Bool {
			in.set("否")
		}
		inputs = append(inputs, in)
		label := f.Header
		if f.Required {
			label += " *"
		}
		item := widget.NewFormItem(label, container.NewVBox(in.widget, in.errMsg))
		item.HintText = f.Hint
		form.AppendItem(item)
	}
	var afterSave func(id uint64) error
	if v.extras.formItems != nil {
		var items []*widget.FormItem
		items, afterSave = v.extras.formItems(it)
		for _, fi := range items {
			form.AppendItem(fi)
		}
	}
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	status.Importance = widget.DangerImportance
	title := fmt.Sprintf(lang.L("publicity.form.add"), v.spec.Title())
	if it != nil {
		title = fmt.Sprintf(lang.L("publicity.form.edit"), v.itemName(*it))
	}
	scroll := container.NewVScroll(form)
	var d dialog.Dialog
	save := widget.NewButton(lang.L("action.save"), func() {
		row := publicity.Row{}
		for _, in := range inputs {
			row[in.field.Key] = in.get()
			in.errMsg.Hide()
		}
		var id uint64
		if it != nil {
			id = it.ID
		}
		saved, err := u.svc.Publicity.Save(u.sess, v.kind, id, row)
		if err != nil {
			field := domain.ErrorField(err)
			shown := false
			for _, in := range inputs {
				if in.field.Key == field {
					in.errMsg.SetText(domain.ErrorMessage(err))
					in.errMsg.Show()
					shown = true
					if in.focus != nil {
						u.win.Canvas().Focus(in.focus)
					}
				}
			}
			if shown {
				status.SetText(lang.L("publicity.form.fix"))
			} else {
				status.SetText(domain.ErrorMessage(err))
			}
			form.Refresh()
			return
		}
		if afterSave != nil {
			if err := afterSave(saved.ID); err != nil {
				status.SetText(domain.ErrorMessage(err))
				return
			}
		}
		d.Hide()
		v.reload(saved.ID)
		v.say(lang.L("publicity.saved"), v.itemName(saved))
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("action.cancel"), func() { d.Hide() })
	if !v.canEdit() {
		save.Disable()
		status.SetText(lang.L("publicity.readonly"))
	}
	bottom := container.NewVBox(status, container.NewHBox(layout.NewSpacer(), cancel, save))
	d = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, bottom, nil, nil, scroll), u.win)
	d.Resize(fyne.NewSize(820, 640))
	d.Show()
}
