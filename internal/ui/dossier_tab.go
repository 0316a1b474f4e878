package ui

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/pdf"
	"lawdesk/internal/record"
)

// dossierTab shows what the dossier holds and lacks, archives the case, prints the
// dossier's parts and takes annotations.
func (cs *caseScreen) dossierTab() fyne.CanvasObject {
	u, c := cs.u, cs.c
	st, err := u.svc.Record.Dossier(u.sess, c.ID)
	if err != nil {
		return note(domain.ErrorMessage(err))
	}
	today := domain.DateOf(u.svc.Store.Now())
	status := container.NewVBox()
	line := func(text string, imp widget.Importance) {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapBreak
		l.Importance = imp
		status.Add(l)
	}
	switch {
	case c.Locked():
		line(fmt.Sprintf(lang.L("record.dossier.archived"), c.Archived, c.ArchiveNo, len(st.Items), st.Pages), widget.SuccessImportance)
	case c.Status == domain.StatusClosed:
		left := today.DaysUntil(c.ArchiveDue())
		imp := widget.MediumImportance
		if left <= domain.ArchiveWarnDays {
			imp = widget.WarningImportance
		}
		if left < 0 {
			imp = widget.DangerImportance
		}
		line(fmt.Sprintf(lang.L("record.dossier.due"), c.Closed, c.ArchiveDue(), left), imp)
	default:
		line(lang.L("record.dossier.open"), widget.MediumImportance)
	}
	if !c.Locked() {
		line(fmt.Sprintf(lang.L("record.dossier.count"), len(st.Items), st.Pages, st.Superseded), widget.MediumImportance)
		if len(st.Missing) > 0 {
			line(lang.L("record.dossier.missing")+strings.Join(st.Missing, "、"), widget.DangerImportance)
		} else if len(st.Items) > 0 {
			line(lang.L("record.dossier.complete"), widget.SuccessImportance)
		}
		for _, p := range st.Problems {
			line(p, widget.DangerImportance)
		}
	}

	archive := widget.NewButtonWithIcon(lang.L("record.dossier.archive"), theme.FolderIcon(), cs.archiveDialog)
	archive.Importance = widget.HighImportance
	if c.Locked() || c.Status != domain.StatusClosed || !cs.canEdit {
		archive.Disable()
	}
	prints := container.NewHBox()
	for _, part := range []pdf.DossierPart{pdf.DossierWhole, pdf.DossierCover, pdf.DossierCatalogue, pdf.DossierClosingNote} {
		part := part
		b := widget.NewButtonWithIcon(fmt.Sprintf(lang.L("record.dossier.print"), record.DossierPartLabel(part)), theme.DocumentPrintIcon(),
			func() { cs.printDossier(part) })
		if len(st.Items) == 0 && part == pdf.DossierWhole {
			b.Disable()
		}
		prints.Add(b)
	}

	headers := []string{lang.L("record.doc.item"), lang.L("record.doc.number"), lang.L("record.doc.author"), lang.L("record.doc.title"),
		lang.L("record.doc.date"), lang.L("record.doc.pages"), lang.L("record.doc.remarks")}
	widths := []float32{50, 180, 170, 300, 100, 60, 150}
	table := widget.NewTable(
		func() (int, int) { return len(st.Items), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			d := st.Items[id.Row]
			no := d.ItemNo
			if no == 0 {
				no = id.Row + 1
			}
			cells := []string{fmt.Sprint(no), d.DocNumber, d.Author, d.Title, d.Date.String(), fmt.Sprint(d.Pages), d.Remarks}
			l := o.(*widget.Label)
			l.Truncation = fyne.TextTruncateEllipsis
			l.SetText(cells[id.Col])
		})
	setHeaders(table, headers, widths)

	annotation := widget.NewEntry()
	annotation.SetPlaceHolder(lang.L("record.dossier.annotation.placeholder"))
	annotate := widget.NewButtonWithIcon(lang.L("record.dossier.annotate"), theme.ContentAddIcon(), func() {
		if _, err := u.svc.Record.Annotate(u.sess, c.ID, annotation.Text); err != nil {
			u.showError(err)
			return
		}
		cs.reload(caseTabDossier)
	})
	if !domain.Allowed(u.sess.User.Roles, domain.PermCaseAnnotate) {
		annotation.Disable()
		annotate.Disable()
	}
	top := container.NewVBox(status, container.NewHBox(archive, widget.NewSeparator(), prints, layout.NewSpacer()),
		subheading(lang.L("record.dossier.catalogue")))
	bottom := container.NewBorder(nil, nil, nil, annotate, annotation)
	return container.NewBorder(top, bottom, nil, nil, table)
}

// archiveDialog confirms archiving with its date.
func (cs *caseScreen) archiveDialog() {
	u := cs.u
	date := widget.NewEntry()
	date.SetText(domain.DateOf(u.svc.Store.Now()).String())
	text := widget.NewLabel(lang.L("record.dossier.archive.text"))
	text.Wrapping = fyne.TextWrapBreak
	form := widget.NewForm(widget.NewFormItem(lang.L("record.dossier.archive.date"), date))
	confirmForm(u.win, lang.L("record.dossier.archive"), lang.L("record.dossier.archive"), container.NewVBox(text, form),
		fyne.NewSize(560, 300), func() {
			day, err := domain.ParseDate(date.Text)
			if err != nil {
				u.showError(err)
				return
			}
			c, err := u.svc.Record.Archive(u.sess, cs.c.ID, day)
			if err != nil {
				u.showError(err)
				return
			}
			cs.reload(caseTabDossier)
			showMessage(u.win, lang.L("record.dossier.archive"), fmt.Sprintf(lang.L("record.dossier.archived.done"), c.Number, c.ArchiveNo))
		})
}

// printDossier saves a part of the dossier as PDF where the person chooses, with progress,
// and offers to open it.
func (cs *caseScreen) printDossier(part pdf.DossierPart) {
	u, c := cs.u, cs.c
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		u.runWithProgress(fmt.Sprintf(lang.L("record.dossier.printing"), record.DossierPartLabel(part)),
			func(ctx context.Context, progress func(done, total int)) error {
				err := u.svc.Record.PrintDossier(ctx, u.sess, c.ID, part, wc, progress)
				if cerr := wc.Close(); err == nil && cerr != nil {
					err = domain.Wrap(cerr, domain.EINVALID, "保存文件 %s 失败，请检查磁盘空间。", filepath.Base(path))
				}
				if err != nil {
					os.Remove(path) // never leave half a PDF behind
				}
				return err
			}, func(err error) {
				if err != nil {
					u.showError(err)
					return
				}
				confirm(u.win, lang.L("record.dossier.printed"), fmt.Sprintf(lang.L("record.dossier.printed.text"), path),
					lang.L("record.doc.open"), func() {
						if err := u.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}); err != nil {
							u.showError(err)
						}
					})
			})
	}, u.win)
	d.SetFileName(fmt.Sprintf("%s-%s.pdf", safeFileName(c.Number), record.DossierPartLabel(part)))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// safeFileName replaces characters file systems refuse.
func safeFileName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 32 {
			return '_'
		}
		return r
	}, s)
}
