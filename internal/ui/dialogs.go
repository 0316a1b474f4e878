package ui

import (
	"image/color"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// showMessage shows a message with a wrapping label. Fyne sizes dialogs to their content's
// minimum, which for wrapped text is one character wide, so the dialog is sized from the
// text's length instead.
func showMessage(w fyne.Window, title, msg string) {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, lang.L("dialog.ok"), l, w)
	d.Resize(dialogSize(msg))
	d.Show()
}

// dialogSize estimates a comfortable size for a wrapped message of text.
func dialogSize(text string) fyne.Size {
	const width = 460
	perLine := (width - 60) / int(theme.TextSize()+1)
	lines := 1
	for _, para := range strings.Split(text, "\n") {
		lines += (utf8.RuneCountInString(para) + perLine - 1) / max(perLine, 1)
	}
	return fyne.NewSize(width, float32(110+lines*int(theme.TextSize()+10)))
}

// confirm asks a yes/no question with plain words on the buttons.
func confirm(w fyne.Window, title, msg, yes string, onYes func()) {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(title, yes, lang.L("dialog.cancel"), l, func(ok bool) {
		if ok {
			onYes()
		}
	}, w)
	d.Resize(dialogSize(msg))
	d.Show()
}

// heading is a section title.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameHeadingText
	return l
}

// subheading is a smaller title inside a screen.
func subheading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// note is a muted, wrapping explanation.
func note(text string) fyne.CanvasObject {
	seg := &widget.TextSegment{Text: text, Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, Inline: true}}
	r := widget.NewRichText(seg)
	r.Wrapping = fyne.TextWrapWord
	return r
}

// coloredText is a short coloured label (status words in tables and the dashboard).
func coloredText(text string, c color.Color, bold bool) *canvas.Text {
	t := canvas.NewText(text, c)
	t.TextStyle.Bold = bold
	t.TextSize = theme.TextSize()
	return t
}

// fatalScreen explains why LawDesk could not start and offers to close.
func fatalScreen(msg string, quit func()) fyne.CanvasObject {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	icon := widget.NewIcon(theme.ErrorIcon())
	return container.NewBorder(nil,
		container.NewHBox(layout.NewSpacer(), widget.NewButton(lang.L("dialog.close"), quit)),
		nil, nil,
		container.NewBorder(nil, nil, container.NewPadded(icon), nil,
			container.NewVBox(subheading(lang.L("fatal.title")), l)))
}
