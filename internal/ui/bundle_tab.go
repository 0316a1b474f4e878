package ui

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/report"
)

// bundleTab (年度数据包, administrators): export a year's BagIt bundle to send upward and
// archive, and check any bundle — every file, the audit-chain segment, nothing missing,
// nothing extra — with every problem listed.
func (u *UI) bundleTab() fyne.CanvasObject {
	now := u.svc.Store.Now()
	var years []string
	for y := now.Year() - 1; y >= now.Year()-10; y-- {
		years = append([]string{strconv.Itoa(y)}, years...)
	}
	years = append(years, strconv.Itoa(now.Year()))
	year := widget.NewSelect(years, nil)
	year.SetSelected(strconv.Itoa(now.Year() - 1))
	originals := widget.NewCheck(lang.L("report.bundle.originals"), nil)

	export := newJobRow(lang.L("report.bundle.export"))
	export.start.Importance = widget.HighImportance
	export.start.OnTapped = func() {
		y, _ := strconv.Atoi(year.Selected)
		name := fmt.Sprintf("%s.zip", report.BagName(mustAgency(u), y))
		u.choosePath(name, func(path string) { u.runBundleExport(export, y, path, originals.Checked) })
	}

	check := newJobRow(lang.L("report.bundle.verify"))
	check.start.OnTapped = func() {
		d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
			if err != nil || rc == nil {
				return
			}
			path := rc.URI().Path()
			rc.Close()
			u.runBundleVerify(check, path)
		}, u.win)
		d.Resize(fyne.NewSize(900, 560))
		d.Show()
	}

	return container.NewVScroll(container.NewVBox(
		note(lang.L("report.bundle.intro")),
		container.NewHBox(widget.NewLabel(lang.L("report.annual.year")), year, originals),
		export.row(),
		widget.NewSeparator(),
		subheading(lang.L("report.bundle.verify.title")),
		note(lang.L("report.bundle.verify.intro")),
		check.row(),
	))
}

func mustAgency(u *UI) domain.Agency {
	ag, _ := u.svc.Office.Agency()
	return ag
}

// choosePath asks where to save a file that a long job writes itself (through a
// temporary file and a rename), so the empty file the save dialog creates is removed.
func (u *UI) choosePath(name string, then func(path string)) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
			os.Remove(path)
		}
		then(path)
	}, u.win)
	d.SetFileName(name)
	if home, err := os.UserHomeDir(); err == nil {
		if l, err := storage.ListerForURI(storage.NewFileURI(home)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Resize(fyne.NewSize(900, 560))
	d.Show()
}

// runBundleExport writes year's bundle to path off the UI goroutine.
func (u *UI) runBundleExport(j *jobRow, year int, path string, withOriginals bool) {
	ctx := j.begin(fmt.Sprintf(lang.L("report.bundle.exporting"), year))
	var res report.BundleResult
	var err error
	inBackground(func() {
		res, err = u.svc.Report.ExportBundle(ctx, u.sess, year, path, report.BundleOptions{WithOriginals: withOriginals},
			func(part string, done, total int) {
				j.progress(int64(done), int64(total))
			})
	}, func() {
		if err != nil {
			j.fail(domain.ErrorMessage(err))
			return
		}
		if res.Chain.Events == 0 {
			j.succeed(fmt.Sprintf(lang.L("report.bundle.exported.empty"), res.File, res.Files, megabytes(res.Bytes)))
			return
		}
		j.succeed(fmt.Sprintf(lang.L("report.bundle.exported"), res.File, res.Files, megabytes(res.Bytes), res.Chain.Events, short(res.Chain.LastHash)))
	})
}

// runBundleVerify checks the bundle at path off the UI goroutine.
func (u *UI) runBundleVerify(j *jobRow, path string) {
	ctx := j.begin(fmt.Sprintf(lang.L("report.bundle.verifying"), path))
	var rep report.BundleReport
	var err error
	inBackground(func() {
		rep, err = report.VerifyBundle(ctx, path, j.progress)
	}, func() {
		switch {
		case err != nil:
			j.fail(domain.ErrorMessage(err))
		case rep.OK():
			j.succeed(fmt.Sprintf(lang.L("report.bundle.ok"), path, rep.InfoValue("Source-Organization"), rep.InfoValue("LawDesk-Year"), rep.Files, chainEvents(rep)))
		default:
			j.fail(fmt.Sprintf(lang.L("report.bundle.bad"), path, len(rep.Problems)) + "\n· " + strings.Join(rep.Problems, "\n· "))
		}
	})
}

func chainEvents(rep report.BundleReport) uint64 {
	if rep.Chain == nil {
		return 0
	}
	return rep.Chain.Events
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
