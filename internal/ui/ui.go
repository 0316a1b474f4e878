// Package ui holds all of LawDesk's Fyne code: the theme, the login and first-run screens,
// the main window with its navigation, and one file per screen. It calls the services and
// never the store's internals directly for business rules.
package ui

import (
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"lawdesk/internal/backup"
	"lawdesk/internal/calendar"
	"lawdesk/internal/demo"
	"lawdesk/internal/domain"
	"lawdesk/internal/flowchart"
	"lawdesk/internal/inspection"
	"lawdesk/internal/office"
	"lawdesk/internal/publication"
	"lawdesk/internal/publicity"
	"lawdesk/internal/record"
	"lawdesk/internal/recording"
	"lawdesk/internal/report"
	"lawdesk/internal/review"
	"lawdesk/internal/store"
)

// WindowTitle is what the window manager and the taskbar show.
const WindowTitle = "行政执法三项制度工作台 · LawDesk"

// Services are what the screens work with, built by app/.
type Services struct {
	Store       *store.Store
	Office      *office.Service
	Review      *review.Service
	Calendar    *calendar.Service    // the office's working-day calendar (settings tab 工作日历)
	Publication *publication.Service // 事后公开
	Backup      *backup.Service      // 数据备份 (settings tab) and its reminder
	Report      *report.Service      // 统计与报表, the annual report and bundle
	Inspection  *inspection.Service  // 双随机、一公开
	Flowchart   *flowchart.Service   // 执法流程图
	Publicity   *publicity.Service   // 事前公开: the published lists and posting-board cards
	Record      *record.Service      // 全过程记录: cases, documents, access log, dossiers
	Version     string

	Recording *recording.Service // audio-video records (导入音像)

	// ChangeDataDir, when set, lets the first-run wizard put the data in another directory
	// (e.g. on drive D:): it opens the store there, remembers the choice and returns the
	// services on it. Nil when --data fixed the directory.
	ChangeDataDir func(dir string) (Services, error)
}

// UI is the one LawDesk window and the signed-in session.
type UI struct {
	app  fyne.App
	win  fyne.Window
	svc  Services
	sess office.Session
	main *shell // nil until signed in

	target string          // what the next screen should show first, e.g. "users" or "12" (see openTarget)
	check  *integrityCheck // the start-up verification and its warning (integrity.go)

	media *mediaState // the import that runs or last ran (导入音像), kept across visits
}

// takeTarget returns and forgets the pending target of the screen being built.
func (u *UI) takeTarget() string {
	t := u.target
	u.target = ""
	return t
}

// New builds the UI in app a. Call Start to show the first screen.
func New(a fyne.App, svc Services) *UI {
	if err := loadTranslations(LangChinese); err != nil {
		log.Printf("translations: %v", err)
	}
	a.Settings().SetTheme(newTheme())
	w := a.NewWindow(WindowTitle)
	w.Resize(fyne.NewSize(1280, 720)) // fits a 1366×768 office screen with its taskbar
	w.CenterOnScreen()
	w.SetMaster()
	return &UI{app: a, win: w, svc: svc}
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// Start shows the first-run wizard on an empty data directory, else the login screen.
func (u *UI) Start() {
	need, err := u.svc.Office.NeedsSetup()
	if err != nil {
		u.showError(err)
	}
	if need {
		u.win.SetContent(u.setupScreen())
	} else {
		u.showLogin("", "")
	}
}

// Run shows the window and runs the app until it is closed.
func Run(a fyne.App, svc Services) {
	u := New(a, svc)
	u.Start()
	u.startIntegrityCheck()
	u.win.ShowAndRun()
}

// RunFatal shows a single message window when LawDesk cannot start (for example another
// LawDesk has the data open), so a double-click never fails silently.
func RunFatal(a fyne.App, err error) {
	loadTranslations(LangChinese)
	a.Settings().SetTheme(newTheme())
	w := a.NewWindow(WindowTitle)
	w.SetContent(fatalScreen(domain.ErrorMessage(err), a.Quit))
	w.Resize(fyne.NewSize(640, 260))
	w.CenterOnScreen()
	w.ShowAndRun()
}

// signedIn switches from the login screen to the main window.
func (u *UI) signedIn(sess office.Session) {
	u.sess = sess
	if sess.User.MustChangePassword {
		u.win.SetContent(u.changePasswordScreen(true))
		return
	}
	u.main = newShell(u)
	u.win.SetContent(u.main.content)
	u.main.open(sectionHome)
}

// signOut returns to the login screen, forgetting the session.
func (u *UI) signOut() {
	name := u.sess.User.Name
	u.sess, u.main = office.Session{}, nil
	u.showLogin(name, "")
}

// showError shows one dialog with the message meant for the user and logs the details.
func (u *UI) showError(err error) {
	if err == nil {
		return
	}
	if domain.ErrorCode(err) == domain.EINTERNAL {
		log.Printf("error: %v", err)
	}
	showMessage(u.win, lang.L("dialog.error"), domain.ErrorMessage(err))
}

// createDemo fills the empty store with the demo office and returns its password.
func (u *UI) createDemo() (demo.Result, error) {
	return demo.Create(u.svc.Store, "")
}
