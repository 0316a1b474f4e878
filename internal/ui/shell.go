package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
)

// section is one entry of the main navigation.
type section string

const (
	sectionHome      section = "home"
	sectionPublicity section = "publicity"
	sectionCases     section = "cases"
	sectionReview    section = "review"
	sectionStats     section = "stats"
	sectionSettings  section = "settings"
)

// sectionInspection is 双随机、一公开 and the flowcharts, next to 公示.
const sectionInspection section = "inspection"

type navEntry struct {
	id    section
	label string // translation key
	icon  fyne.Resource
	build func(u *UI) fyne.CanvasObject
}

func navEntries() []navEntry {
	return []navEntry{
		{sectionHome, "nav.home", theme.HomeIcon(), (*UI).dashboardScreen},
		{sectionPublicity, "nav.publicity", theme.DocumentIcon(), (*UI).publicityScreen},
		{sectionInspection, "inspection.nav", theme.SearchIcon(), (*UI).inspectionScreen},
		{sectionPublication, "nav.publication", theme.MailSendIcon(), (*UI).publicationScreen},
		{sectionCases, "nav.cases", theme.FolderIcon(), (*UI).casesScreen},
		{sectionMedia, "nav.media", theme.MediaVideoIcon(), (*UI).mediaScreen},
		{sectionReview, "nav.review", theme.ConfirmIcon(), (*UI).reviewScreen},
		{sectionStats, "nav.stats", theme.GridIcon(), (*UI).statsScreen},
		{sectionSettings, "nav.settings", theme.SettingsIcon(), (*UI).settingsScreen},
	}
}

// shell is the signed-in main window: a top bar, the navigation on the left and the
// current screen on the right.
type shell struct {
	u       *UI
	content fyne.CanvasObject
	body    *fyne.Container
	buttons map[section]*widget.Button
	current section
}

func newShell(u *UI) *shell {
	s := &shell{u: u, body: container.NewStack(), buttons: map[section]*widget.Button{}}
	nav := container.NewVBox()
	for _, e := range navEntries() {
		e := e
		b := widget.NewButtonWithIcon(lang.L(e.label), e.icon, func() { s.open(e.id) })
		b.Alignment = widget.ButtonAlignLeading
		s.buttons[e.id] = b
		nav.Add(b)
	}
	bg := canvas.NewRectangle(colorSidebar)
	sidebar := container.NewStack(bg, container.NewPadded(container.NewBorder(nil,
		container.NewVBox(widget.NewSeparator(), note(fmt.Sprintf("LawDesk %s", u.svc.Version))), nil, nil, nav)))

	s.content = container.NewBorder(s.topBar(), nil, fixedWidth(180, sidebar), nil, container.NewPadded(s.body))
	return s
}

// topBar shows the office, who is signed in, and the always-available actions.
func (s *shell) topBar() fyne.CanvasObject {
	u := s.u
	ag, _ := u.svc.Office.Agency()
	title := canvas.NewText(lang.L("app.title"), colorPrimary)
	title.TextStyle.Bold = true
	title.TextSize = 18
	office := widget.NewLabel(ag.Name)
	who := widget.NewLabel(fmt.Sprintf("%s（%s）", u.sess.User.DisplayName(), domain.RoleLabels(u.sess.User.Roles)))
	help := u.helpButton()
	pw := widget.NewButtonWithIcon(lang.L("nav.password"), theme.AccountIcon(), func() {
		u.win.SetContent(u.changePasswordScreen(false))
	})
	logout := widget.NewButtonWithIcon(lang.L("nav.logout"), theme.LogoutIcon(), u.signOut)
	bar := container.NewHBox(container.NewPadded(title), office, layout.NewSpacer(), who, help, pw, logout)
	return container.NewVBox(bar, widget.NewSeparator())
}

// open shows a section, rebuilding it so it always reads fresh data from the store.
func (s *shell) open(id section) {
	for _, e := range navEntries() {
		if e.id != id {
			continue
		}
		s.current = id
		for sid, b := range s.buttons {
			if sid == id {
				b.Importance = widget.HighImportance
			} else {
				b.Importance = widget.LowImportance
			}
			b.Refresh()
		}
		s.body.Objects = []fyne.CanvasObject{e.build(s.u)}
		s.body.Refresh()
		return
	}
}

// fixedWidth gives obj a fixed width and the full height of its parent.
func fixedWidth(w float32, obj fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&widthLayout{w: w}, obj)
}

type widthLayout struct{ w float32 }

func (l *widthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(fyne.NewSize(l.w, size.Height))
		o.Move(fyne.NewPos(0, 0))
	}
}

func (l *widthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.w, h)
}

// helpButton opens the 使用说明. Every screen has one, also before signing in.
func (u *UI) helpButton() *widget.Button {
	return widget.NewButtonWithIcon(lang.L("nav.help"), theme.HelpIcon(), u.showHelp)
}

// showHelp is the one-page 使用说明, reachable from every screen.
func (u *UI) showHelp() {
	text := widget.NewRichTextFromMarkdown(lang.L("help.text"))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("nav.help"), lang.L("dialog.close"), container.NewVScroll(text), u.win)
	d.Resize(fyne.NewSize(860, 660))
	d.Show()
}
