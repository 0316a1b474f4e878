package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"lawdesk/resources"
)

// lawTheme wraps Fyne's default theme: one embedded CJK font so every PC renders the same,
// a sober government blue, and always the light variant, which prints and projects well.
type lawTheme struct {
	font fyne.Resource
}

func newTheme() fyne.Theme {
	return &lawTheme{font: fyne.NewStaticResource(resources.FontName, resources.Font)}
}

var (
	colorPrimary    = color.NRGBA{R: 0x1f, G: 0x5f, B: 0xa8, A: 0xff} // 政务蓝
	colorSidebar    = color.NRGBA{R: 0xee, G: 0xf2, B: 0xf7, A: 0xff}
	colorOverdue    = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
	colorDueSoon    = color.NRGBA{R: 0xd9, G: 0x7a, B: 0x00, A: 0xff}
	colorOK         = color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff}
	colorMuted      = color.NRGBA{R: 0x60, G: 0x66, B: 0x70, A: 0xff}
	colorBackground = color.NRGBA{R: 0xfa, G: 0xfb, B: 0xfc, A: 0xff}
)

func (t *lawTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink, theme.ColorNameFocus:
		if n == theme.ColorNameFocus {
			return color.NRGBA{R: 0x1f, G: 0x5f, B: 0xa8, A: 0x60}
		}
		return colorPrimary
	case theme.ColorNameBackground:
		return colorBackground
	case theme.ColorNameSelection:
		return color.NRGBA{R: 0x1f, G: 0x5f, B: 0xa8, A: 0x30}
	}
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

func (t *lawTheme) Font(fyne.TextStyle) fyne.Resource { return t.font }

func (t *lawTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *lawTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 14
	case theme.SizeNameHeadingText:
		return 22
	case theme.SizeNameSubHeadingText:
		return 17
	}
	return theme.DefaultTheme().Size(n)
}
