package ui

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
)

// runInBackground runs long work off the UI goroutine; tests run it in place so they can
// look at the result at once.
var runInBackground = func(work func()) { go work() }

// Choosing files goes through these two functions so tests can answer the file dialogs.

// chooseSaveFile asks where to save a file named name; done gets the open file and its
// path, or nothing when the user cancels.
var chooseSaveFile = func(u *UI, name string, exts []string, done func(w io.WriteCloser, path string, remove func())) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(domain.Wrap(err, domain.EINVALID, "无法创建文件：%v", err))
			return
		}
		if w == nil {
			return
		}
		uri := w.URI()
		done(w, uri.Path(), func() { storage.Delete(uri) })
	}, u.win)
	d.SetFileName(name)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// chooseOpenFile asks for a file to read; done gets its name and content.
var chooseOpenFile = func(u *UI, exts []string, done func(name string, data []byte)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(domain.Wrap(err, domain.EINVALID, "无法打开文件：%v", err))
			return
		}
		if r == nil {
			return
		}
		defer r.Close()
		data, err := io.ReadAll(r)
		if err != nil {
			u.showError(domain.Wrap(err, domain.EINVALID, "无法读取文件“%s”：%v", r.URI().Name(), err))
			return
		}
		done(r.URI().Name(), data)
	}, u.win)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// saveAs asks where to save name, then produces the content off the UI goroutine with a
// progress dialog, writes it, and says where it went. When produce fails nothing is left
// behind: the content is made in memory first and a created file is removed.
func (u *UI) saveAs(name string, produce func(w io.Writer) error) {
	ext := strings.ToLower(filepath.Ext(name))
	chooseSaveFile(u, name, []string{ext}, func(w io.WriteCloser, path string, remove func()) {
		p := u.showProgress(lang.L("publicity.progress.saving"), filepath.Base(path), nil)
		runInBackground(func() {
			var buf bytes.Buffer
			err := produce(&buf)
			if err == nil {
				_, err = w.Write(buf.Bytes())
				if err != nil {
					err = domain.Wrap(err, domain.EINVALID, "无法写入文件 %s：磁盘可能已满或没有写入权限。请换一个位置保存。", path)
				}
			}
			if cerr := w.Close(); err == nil && cerr != nil {
				err = domain.Wrap(cerr, domain.EINVALID, "无法保存文件 %s。请换一个位置保存。", path)
			}
			if err != nil && remove != nil {
				remove()
			}
			fyne.Do(func() {
				p.hide()
				if err != nil {
					u.showError(err)
					return
				}
				showMessage(u.win, lang.L("publicity.saved.title"), lang.L("publicity.saved.file")+path)
			})
		})
	})
}

// progressDialog shows long work: a bar (determinate when total is known), what is being
// done, and a cancel button when the work can be cancelled.
type progressDialog struct {
	d     dialog.Dialog
	bar   *widget.ProgressBar
	inf   *widget.ProgressBarInfinite
	label *widget.Label
}

func (u *UI) showProgress(title, text string, cancel func()) *progressDialog {
	p := &progressDialog{bar: widget.NewProgressBar(), inf: widget.NewProgressBarInfinite(), label: widget.NewLabel(text)}
	p.label.Wrapping = fyne.TextWrapWord
	p.bar.Hide()
	content := container.NewVBox(p.label, p.bar, p.inf)
	if cancel != nil {
		stop := widget.NewButton(lang.L("action.cancel"), cancel)
		content.Add(container.NewHBox(layout.NewSpacer(), stop))
	}
	p.d = dialog.NewCustomWithoutButtons(title, content, u.win)
	p.d.Resize(fyne.NewSize(460, 170))
	p.d.Show()
	return p
}

// set shows done of total (call on the UI goroutine).
func (p *progressDialog) set(done, total int, text string) {
	if total > 0 {
		p.inf.Stop()
		p.inf.Hide()
		p.bar.Show()
		p.bar.SetValue(float64(done) / float64(total))
	}
	if text != "" {
		p.label.SetText(text)
	}
}

func (p *progressDialog) hide() {
	p.inf.Stop()
	p.d.Hide()
}

// chooseOption asks the user to pick one of options (e.g. the format of an export).
func (u *UI) chooseOption(title, text string, options []string, ok string, done func(int)) {
	radio := widget.NewRadioGroup(options, nil)
	radio.SetSelected(options[0])
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(title, ok, lang.L("dialog.cancel"), container.NewVBox(l, radio), func(yes bool) {
		if !yes {
			return
		}
		for i, o := range options {
			if o == radio.Selected {
				done(i)
			}
		}
	}, u.win)
	d.Resize(fyne.NewSize(480, 260))
	d.Show()
}
