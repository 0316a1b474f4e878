package ui

import (
	"context"
	"fmt"
	"image"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/record"
)

// documentsTab lists the case's documents with their thumbnails and the actions on them.
func (cs *caseScreen) documentsTab() fyne.CanvasObject {
	u, c := cs.u, cs.c
	docs, err := u.svc.Record.Documents(u.sess, c.ID)
	if err != nil {
		return note(domain.ErrorMessage(err))
	}
	selected := -1
	headers := []string{lang.L("record.doc.item"), lang.L("record.doc.stage"), lang.L("record.doc.type"), lang.L("record.doc.title"),
		lang.L("record.doc.number"), lang.L("record.doc.date"), lang.L("record.doc.pages"), lang.L("record.doc.version")}
	widths := []float32{44, 72, 118, 196, 150, 94, 44, 110}
	table := widget.NewTable(
		func() (int, int) { return len(docs), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			d := docs[id.Row]
			item := ""
			if d.ItemNo > 0 {
				item = fmt.Sprint(d.ItemNo)
			}
			version := fmt.Sprintf(lang.L("record.doc.v"), d.Version)
			if d.Superseded {
				version += lang.L("record.doc.superseded")
			}
			cells := []string{item, d.Stage.Label(), d.Type, d.Title, d.DocNumber, d.Date.String(), fmt.Sprint(d.Pages), version}
			l := o.(*widget.Label)
			l.Truncation = fyne.TextTruncateEllipsis
			l.Importance = widget.MediumImportance
			if d.Superseded {
				l.Importance = widget.LowImportance
			}
			l.SetText(cells[id.Col])
		})
	setHeaders(table, headers, widths)

	thumb := canvas.NewImageFromImage(nil)
	thumb.FillMode = canvas.ImageFillContain
	thumb.SetMinSize(fyne.NewSize(150, 200))
	info := widget.NewLabel(lang.L("record.doc.select"))
	info.Wrapping = fyne.TextWrapBreak

	preview := widget.NewButtonWithIcon(lang.L("record.doc.preview"), theme.VisibilityIcon(), nil)
	open := widget.NewButtonWithIcon(lang.L("record.doc.open"), theme.ComputerIcon(), nil)
	export := widget.NewButtonWithIcon(lang.L("record.doc.export"), theme.DownloadIcon(), nil)
	version := widget.NewButtonWithIcon(lang.L("record.doc.newversion"), theme.ContentCopyIcon(), nil)
	selectedOnly := []*widget.Button{preview, open, export, version}
	update := func() {
		for _, b := range selectedOnly {
			if selected >= 0 {
				b.Enable()
			} else {
				b.Disable()
			}
		}
		if selected >= 0 && (!cs.canEdit || docs[selected].Superseded) {
			version.Disable()
		}
	}
	table.OnSelected = func(id widget.TableCellID) {
		selected = id.Row
		update()
		d := docs[selected]
		info.SetText(fmt.Sprintf(lang.L("record.doc.info"), d.Title, d.Type, d.Pages, d.Format, float64(d.Size)/1e6, d.FileName, d.Author, d.AddedBy,
			d.Added.Local().Format("2006-01-02 15:04")))
		if img, err := u.svc.Record.Thumbnail(u.sess, d.ID, 0); err == nil {
			thumb.Image = img
		} else {
			thumb.Image = nil
		}
		thumb.Refresh()
	}
	preview.OnTapped = func() { u.previewDocument(docs[selected]) }
	open.OnTapped = func() { u.openWithSystemViewer(docs[selected]) }
	export.OnTapped = func() { u.exportDocument(docs[selected]) }
	version.OnTapped = func() { cs.addDocumentDialog(&docs[selected], "") }
	update()

	add := widget.NewButtonWithIcon(lang.L("record.doc.add"), theme.ContentAddIcon(), func() { cs.addDocumentDialog(nil, "") })
	add.Importance = widget.HighImportance
	scanner := widget.NewButtonWithIcon(lang.L("record.doc.scanner"), theme.StorageIcon(), cs.scannerDialog)
	if !cs.canEdit {
		add.Disable()
		scanner.Disable()
	}
	bar := container.NewHBox(add, scanner, widget.NewSeparator(), preview, open, export, version, layout.NewSpacer())
	side := container.NewBorder(thumb, nil, nil, nil, container.NewVScroll(info))
	intro := note(fmt.Sprintf(lang.L("record.doc.intro"), len(docs)))
	if c.Locked() {
		intro = note(lang.L("record.doc.locked"))
	}
	split := container.NewHSplit(table, side)
	split.Offset = 0.8
	return container.NewBorder(container.NewVBox(intro, bar), nil, nil, nil, split)
}

// addDocumentDialog asks for a file and its description and adds it, with a progress bar
// and a cancel button while pages are read. replaces is the document a new version is for;
// path, when not empty, is the file already chosen (from the scanner folder).
func (cs *caseScreen) addDocumentDialog(replaces *domain.Document, path string) {
	u, c := cs.u, cs.c
	cat, err := u.svc.Record.Catalogue()
	if err != nil {
		u.showError(err)
		return
	}
	var names []string
	for _, t := range cat {
		if t.Stage.Index() <= c.Stage.Index() && (c.OnPath(t.Stage) || t.Stage == domain.StageArchive) {
			names = append(names, t.Name)
		}
	}
	file := widget.NewLabel(lang.L("record.doc.nofile"))
	file.Truncation = fyne.TextTruncateEllipsis
	chosen := path
	if path != "" {
		file.SetText(filepath.Base(path))
	}
	typ := widget.NewSelectEntry(names)
	typ.SetPlaceHolder(lang.L("record.doc.type.placeholder"))
	title := widget.NewEntry()
	number := widget.NewEntry()
	number.SetPlaceHolder(lang.L("record.doc.number.placeholder"))
	date := widget.NewEntry()
	date.SetText(domain.DateOf(u.svc.Store.Now()).String())
	author := widget.NewEntry()
	if ag, err := u.svc.Office.Agency(); err == nil {
		author.SetText(ag.Name)
	}
	remarks := widget.NewEntry()
	if replaces != nil {
		typ.SetText(replaces.Type)
		title.SetText(replaces.Title)
		number.SetText(replaces.DocNumber)
		author.SetText(replaces.Author)
	}
	typ.OnChanged = func(s string) {
		if title.Text == "" || (replaces == nil && contains(names, title.Text)) {
			title.SetText(s)
		}
	}
	pick := widget.NewButtonWithIcon(lang.L("record.doc.choose"), theme.FolderOpenIcon(), func() {
		fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
			if err != nil || rc == nil {
				return
			}
			rc.Close()
			chosen = rc.URI().Path()
			file.SetText(filepath.Base(chosen))
			if title.Text == "" {
				title.SetText(strings.TrimSuffix(filepath.Base(chosen), filepath.Ext(chosen)))
			}
		}, u.win)
		fd.SetFilter(storage.NewExtensionFileFilter([]string{".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".PDF", ".JPG", ".JPEG", ".PNG", ".TIF", ".TIFF"}))
		fd.Resize(fyne.NewSize(900, 600))
		fd.Show()
	})
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapBreak
	status.Importance = widget.DangerImportance
	form := widget.NewForm(
		widget.NewFormItem(lang.L("record.doc.file"), container.NewBorder(nil, nil, nil, pick, file)),
		widget.NewFormItem(lang.L("record.doc.type"), typ),
		widget.NewFormItem(lang.L("record.doc.title"), title),
		widget.NewFormItem(lang.L("record.doc.number"), number),
		widget.NewFormItem(lang.L("record.doc.date"), date),
		widget.NewFormItem(lang.L("record.doc.author"), author),
		widget.NewFormItem(lang.L("record.doc.remarks"), remarks),
	)
	heading := lang.L("record.doc.add")
	intro := lang.L("record.doc.add.intro")
	if replaces != nil {
		heading = lang.L("record.doc.newversion")
		intro = fmt.Sprintf(lang.L("record.doc.newversion.intro"), replaces.Title, replaces.Version)
	}
	introLabel := widget.NewLabel(intro)
	introLabel.Wrapping = fyne.TextWrapBreak
	var d dialog.Dialog
	save := widget.NewButtonWithIcon(lang.L("record.doc.save"), theme.DocumentSaveIcon(), func() {
		if chosen == "" {
			status.SetText(lang.L("record.doc.nofile.error"))
			return
		}
		day, err := domain.ParseDate(date.Text)
		if err != nil {
			status.SetText(lang.L("record.doc.date") + "：" + domain.ErrorMessage(err))
			return
		}
		req := record.AddDocumentRequest{CaseID: c.ID, Type: strings.TrimSpace(typ.Text), Title: title.Text, DocNumber: number.Text,
			Date: day, Author: author.Text, Remarks: remarks.Text, Path: chosen}
		if replaces != nil {
			req.Replaces = replaces.ID
		}
		d.Hide()
		u.runWithProgress(fmt.Sprintf(lang.L("record.doc.adding"), filepath.Base(chosen)), func(ctx context.Context, progress func(done, total int)) error {
			_, err := u.svc.Record.AddDocument(ctx, u.sess, req, progress)
			return err
		}, func(err error) {
			if err != nil {
				u.showError(err)
				d.Show()
				return
			}
			cs.reload(caseTabDocuments)
		})
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("action.cancel"), func() { d.Hide() })
	content := container.NewBorder(introLabel, container.NewVBox(status, container.NewHBox(layout.NewSpacer(), cancel, save)), nil, nil, form)
	d = dialog.NewCustomWithoutButtons(heading, content, u.win)
	d.Resize(fyne.NewSize(640, 520))
	d.Show()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// scannerDialog lists the files in the scanner's output folder, newest first, to add one.
func (cs *caseScreen) scannerDialog() {
	u := cs.u
	dir, err := u.svc.Record.ScannerDir()
	if err != nil {
		u.showError(err)
		return
	}
	files, err := u.svc.Record.ScannerFiles(dir)
	if err != nil {
		u.showError(err)
		return
	}
	if len(files) == 0 {
		showMessage(u.win, lang.L("record.doc.scanner"), fmt.Sprintf(lang.L("record.scanner.empty"), dir))
		return
	}
	var d dialog.Dialog
	list := widget.NewList(func() int { return len(files) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			f := files[i]
			o.(*widget.Label).SetText(fmt.Sprintf("%s　%s　%.1f MB", f.ModTime.Format("2006-01-02 15:04"), f.Name, float64(f.Size)/1e6))
		})
	list.OnSelected = func(i widget.ListItemID) {
		d.Hide()
		cs.addDocumentDialog(nil, files[i].Path)
	}
	d = dialog.NewCustom(lang.L("record.doc.scanner"), lang.L("dialog.cancel"),
		container.NewBorder(note(fmt.Sprintf(lang.L("record.scanner.intro"), dir)), nil, nil, nil, list), u.win)
	d.Resize(fyne.NewSize(720, 460))
	d.Show()
}

// runWithProgress runs work off the UI goroutine with a progress bar and a cancel button,
// then calls done on the UI goroutine with its error.
func (u *UI) runWithProgress(title string, work func(ctx context.Context, progress func(done, total int)) error, done func(error)) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	label := widget.NewLabel(lang.L("record.progress.start"))
	stop := widget.NewButton(lang.L("action.cancel"), cancel)
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(label, bar, container.NewHBox(layout.NewSpacer(), stop)), u.win)
	d.Resize(fyne.NewSize(480, 180))
	d.Show()
	go func() {
		err := work(ctx, func(n, total int) {
			fyne.Do(func() {
				if total > 0 {
					bar.SetValue(float64(n) / float64(total))
				}
				label.SetText(fmt.Sprintf(lang.L("record.progress.pages"), n, total))
			})
		})
		fyne.Do(func() {
			cancel()
			d.Hide()
			done(err)
		})
	}()
}

// previewDocument shows a document's pages in a window of their own, one page at a time.
func (u *UI) previewDocument(d domain.Document) {
	p, err := u.svc.Record.OpenPreview(u.sess, d.ID)
	if err != nil {
		u.showError(err)
		return
	}
	w := u.app.NewWindow(fmt.Sprintf("%s · %s", d.Title, p.Case.Number))
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillContain
	page := 0
	label := widget.NewLabel("")
	var prev, next *widget.Button
	show := func() {
		label.SetText(fmt.Sprintf(lang.L("record.preview.page"), page+1, p.Pages()))
		prev.Disable()
		next.Disable()
		n := page
		go func() {
			im, err := p.Render(n, 1400)
			fyne.Do(func() {
				if err != nil {
					label.SetText(domain.ErrorMessage(err))
					im = image.NewGray(image.Rect(0, 0, 1, 1))
				}
				img.Image = im
				img.Refresh()
				if page > 0 {
					prev.Enable()
				}
				if page < p.Pages()-1 {
					next.Enable()
				}
			})
		}()
	}
	prev = widget.NewButtonWithIcon(lang.L("record.page.prev"), theme.NavigateBackIcon(), func() { page--; show() })
	next = widget.NewButtonWithIcon(lang.L("record.page.next"), theme.NavigateNextIcon(), func() { page++; show() })
	open := widget.NewButtonWithIcon(lang.L("record.doc.open"), theme.ComputerIcon(), func() { u.openWithSystemViewer(d) })
	closeBtn := widget.NewButtonWithIcon(lang.L("dialog.close"), theme.CancelIcon(), w.Close)
	bar := container.NewHBox(prev, label, next, layout.NewSpacer(), widget.NewLabel(fmt.Sprintf(lang.L("record.preview.watermark"), u.sess.User.DisplayName())), open, closeBtn)
	w.SetContent(container.NewBorder(bar, nil, nil, nil, img))
	w.SetOnClosed(func() { p.Close() })
	w.Resize(fyne.NewSize(900, 700))
	w.Show()
	show()
}

// openWithSystemViewer hands a copy of the original file to the PC's own viewer.
func (u *UI) openWithSystemViewer(d domain.Document) {
	dir := filepath.Join(os.TempDir(), "lawdesk-open")
	path, err := u.svc.Record.CopyOriginal(u.sess, d.ID, dir, record.ActionOpen)
	if err != nil {
		u.showError(err)
		return
	}
	if err := u.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}); err != nil {
		showMessage(u.win, lang.L("record.doc.open"), fmt.Sprintf(lang.L("record.doc.open.failed"), path))
	}
}

// exportDocument saves a copy of the original file where the person chooses (logged).
func (u *UI) exportDocument(d domain.Document) {
	fd := dialog.NewFolderOpen(func(lu fyne.ListableURI, err error) {
		if err != nil || lu == nil {
			return
		}
		path, err := u.svc.Record.CopyOriginal(u.sess, d.ID, lu.Path(), record.ActionExport)
		if err != nil {
			u.showError(err)
			return
		}
		showMessage(u.win, lang.L("record.doc.export"), fmt.Sprintf(lang.L("record.doc.exported"), path))
	}, u.win)
	fd.Resize(fyne.NewSize(900, 600))
	fd.Show()
}
