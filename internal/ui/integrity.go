package ui

import (
	"context"
	"fmt"
	"image/color"
	"log"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

// integrityCheck is the verification LawDesk runs at every start, off the UI goroutine: the
// audit chain, every record's consistency and the stored files' presence and sizes (their
// contents are re-hashed by 设置 → 数据校验 and `lawdesk verify`). Until the data verifies
// again, the dashboard shows a red warning.
type integrityCheck struct {
	done chan struct{} // closed when the start-up check has finished

	mu      sync.Mutex
	warning *store.VerifyRecord // the failed verification to warn about, nil when none
	banner  *fyne.Container     // the dashboard's place for the warning, while shown
}

// startIntegrityCheck shows the warning of an earlier failed verification at once and runs
// the quick verification in the background.
func (u *UI) startIntegrityCheck() {
	c := u.integrity()
	go func() {
		defer close(c.done)
		rep, err := u.svc.Store.VerifyQuick(context.Background())
		if err != nil {
			log.Printf("start-up verification: %v", err)
			return
		}
		if _, err := u.svc.Store.SaveVerifyResult(domain.SystemActor, false, rep); err != nil {
			log.Printf("start-up verification: recording the result: %v", err)
		}
		u.reloadIntegrityWarning()
	}()
}

// integrity returns the UI's check state, loading the last recorded warning the first time.
func (u *UI) integrity() *integrityCheck {
	if u.check == nil {
		u.check = &integrityCheck{done: make(chan struct{})}
		u.reloadIntegrityWarning()
	}
	return u.check
}

// reloadIntegrityWarning reads the verification to warn about and shows it (from any goroutine).
func (u *UI) reloadIntegrityWarning() {
	rec, failed, err := u.svc.Store.VerifyWarning()
	if err != nil {
		log.Printf("verification warning: %v", err)
		return
	}
	c := u.check
	c.mu.Lock()
	c.warning = nil
	if failed {
		c.warning = &rec
	}
	c.mu.Unlock()
	fyne.Do(u.showIntegrityWarning)
}

// integrityBanner is the dashboard's place for the warning: empty while the data verifies.
func (u *UI) integrityBanner() fyne.CanvasObject {
	c := u.integrity()
	c.mu.Lock()
	c.banner = container.NewVBox()
	c.mu.Unlock()
	u.showIntegrityWarning()
	return c.banner
}

// showIntegrityWarning fills the banner from the current warning (on the UI goroutine).
func (u *UI) showIntegrityWarning() {
	c := u.check
	if c == nil {
		return
	}
	c.mu.Lock()
	banner, w := c.banner, c.warning
	c.mu.Unlock()
	if banner == nil {
		return
	}
	banner.Objects = nil
	if w != nil {
		banner.Objects = []fyne.CanvasObject{u.integrityPanel(*w)}
	}
	banner.Refresh()
}

// integrityPanel is the red warning: what failed, when, the first problem and what to do.
func (u *UI) integrityPanel(w store.VerifyRecord) fyne.CanvasObject {
	kind := lang.L("integrity.quick")
	if w.Full {
		kind = lang.L("integrity.full")
	}
	first := ""
	if len(w.Problems) > 0 {
		first = w.Problems[0]
	}
	title := widget.NewLabelWithStyle(lang.L("integrity.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Importance = widget.DangerImportance
	body := widget.NewLabel(fmt.Sprintf(lang.L("integrity.body"), kind, w.At.Local().Format("2006-01-02 15:04"), w.Total, first))
	body.Wrapping = fyne.TextWrapWord
	body.Importance = widget.DangerImportance
	var action fyne.CanvasObject
	if domain.Allowed(u.sess.User.Roles, domain.PermVerify) {
		b := widget.NewButtonWithIcon(lang.L("integrity.open"), theme.SearchIcon(), func() { u.openTarget("settings:verify") })
		b.Importance = widget.DangerImportance
		action = container.NewCenter(b)
	}
	bg := canvas.NewRectangle(color.NRGBA{R: 0xfd, G: 0xe7, B: 0xe7, A: 0xff})
	bg.StrokeColor = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
	bg.StrokeWidth = 2
	bg.CornerRadius = 4
	icon := widget.NewIcon(theme.NewErrorThemedResource(theme.ErrorIcon()))
	content := container.NewBorder(nil, nil, container.NewCenter(icon), action, container.NewVBox(title, body))
	return container.NewStack(bg, container.NewPadded(content))
}
