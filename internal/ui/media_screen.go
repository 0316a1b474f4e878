package ui

import (
	"context"
	"fmt"
	"image"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync/atomic"
	"time"

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
	"lawdesk/internal/media"
	"lawdesk/internal/recording"
	"lawdesk/internal/store"
)

// sectionMedia is the 导入音像 screen: import footage from cameras, and the stored
// recordings with their labels and rules.
const sectionMedia section = "media"

// mediaState is what the 导入音像 screen keeps between visits: the last scan and the import
// that runs (or last ran), so leaving the screen during a long import loses nothing and
// coming back shows its progress. Only the UI goroutine touches it.
type mediaState struct {
	source     string // the folder chosen (a drive or any folder)
	candidates []recording.Candidate

	running  bool
	cancel   context.CancelFunc
	progress recording.Progress
	summary  *recording.Summary
	err      error
	onChange func() // refreshes the visible import tab

	thumbs map[string]image.Image // small pictures by path or hash; nil image = none

	// idle is closed when the scan or import started last has finished and the screen
	// shows its result (tests wait on it).
	idle chan struct{}
}

// busy starts a piece of background work and returns the function that marks it done.
func (ms *mediaState) busy() func() {
	ms.idle = make(chan struct{})
	done := ms.idle
	return func() { close(done) }
}

// mediaScreen (导入音像): one tab to import from a camera or folder, one with the stored
// recordings to label them and keep the 24-hour, must-record and retention rules.
func (u *UI) mediaScreen() fyne.CanvasObject {
	if u.media == nil {
		u.media = &mediaState{thumbs: map[string]image.Image{}}
	}
	target := u.takeTarget()
	if err := domain.Require(u.sess.User, domain.PermViewRecording, lang.L("media.what")); err != nil {
		return container.NewBorder(heading(lang.L("nav.media")), nil, nil, nil, note(domain.ErrorMessage(err)))
	}
	tabs := container.NewAppTabs()
	lib, showLibrary := u.mediaLibraryTab(target)
	if domain.Allowed(u.sess.User.Roles, domain.PermImportRecording) {
		tabs.Append(container.NewTabItemWithIcon(lang.L("media.tab.import"), theme.DownloadIcon(), u.mediaImportTab(func() {
			tabs.SelectIndex(len(tabs.Items) - 1)
			showLibrary("")
		})))
	}
	tabs.Append(container.NewTabItemWithIcon(lang.L("media.tab.library"), theme.MediaVideoIcon(), lib))
	if target != "" {
		tabs.SelectIndex(len(tabs.Items) - 1)
	}
	tabs.OnSelected = func(t *container.TabItem) {
		if t.Content == lib {
			showLibrary("") // what was imported meanwhile shows up
		}
	}
	return container.NewBorder(heading(lang.L("nav.media")), nil, nil, nil, tabs)
}

// ---- import tab ----

// mediaImportTab lists removable drives as they come and go, scans the chosen one and
// imports it with progress, off the UI goroutine.
func (u *UI) mediaImportTab(openLibrary func()) fyne.CanvasObject {
	ms := u.media
	svc := u.svc.Recording

	// the source: a drive (listed as they are plugged in) or any folder
	var drives []media.Drive
	driveSelect := widget.NewSelect(nil, nil)
	driveSelect.PlaceHolder = lang.L("media.source.placeholder")
	sourceLabel := widget.NewLabel("")
	sourceLabel.Truncation = fyne.TextTruncateEllipsis
	top := container.NewVBox()
	showSource := func() { // the chosen folder, when it is not one of the drives listed
		defer top.Refresh()
		sourceLabel.Show()
		switch {
		case ms.source == "":
			sourceLabel.SetText(lang.L("media.source.none"))
		case slices.ContainsFunc(drives, func(d media.Drive) bool { return d.Path == ms.source }):
			sourceLabel.Hide()
		default:
			sourceLabel.SetText(fmt.Sprintf(lang.L("media.source.chosen"), ms.source))
		}
	}
	driveName := func(d media.Drive) string {
		if d.Label != "" && d.Label != d.Path {
			return d.Label + "（" + d.Path + "）"
		}
		return d.Path
	}
	var scan func()
	setDrives := func(ds []media.Drive) {
		drives = ds
		opts := make([]string, len(ds))
		for i, d := range ds {
			opts[i] = driveName(d)
		}
		driveSelect.SetOptions(opts)
		if len(ds) == 0 {
			driveSelect.PlaceHolder = lang.L("media.source.nodrive")
		} else {
			driveSelect.PlaceHolder = lang.L("media.source.placeholder")
		}
		driveSelect.Refresh()
	}
	driveSelect.OnChanged = func(s string) {
		for _, d := range drives {
			if driveName(d) == s && ms.source != d.Path {
				ms.source = d.Path
				showSource()
				scan()
			}
		}
	}
	folder := widget.NewButtonWithIcon(lang.L("media.source.folder"), theme.FolderOpenIcon(), func() {
		dialog.ShowFolderOpen(func(uri fyne.ListableURI, err error) {
			if err != nil {
				u.showError(err)
				return
			}
			if uri == nil {
				return
			}
			ms.source = uri.Path()
			driveSelect.ClearSelected()
			showSource()
			scan()
		}, u.win)
	})
	scanButton := widget.NewButtonWithIcon(lang.L("media.scan"), theme.SearchIcon(), func() { scan() })

	// the files found
	counts := widget.NewLabel("")
	counts.Wrapping = fyne.TextWrapWord
	headers := []string{lang.L("media.col.file"), lang.L("media.col.kind"), lang.L("media.col.size"), lang.L("media.col.captured"),
		lang.L("media.col.device"), lang.L("media.col.officer"), lang.L("media.col.status")}
	widths := []float32{290, 50, 80, 140, 80, 70, 110}
	now := func() time.Time { return u.svc.Store.Now() }
	table := widget.NewTable(
		func() (int, int) { return len(ms.candidates), len(headers) },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			c := ms.candidates[id.Row]
			l := o.(*widget.Label)
			l.Importance = widget.MediumImportance
			var text string
			switch id.Col {
			case 0:
				text = path.Base(c.Rel)
			case 1:
				text = c.Kind.Label()
			case 2:
				text = formatSize(c.Size)
			case 3:
				text = formatMinute(c.Captured)
			case 4:
				text = c.Device
			case 5:
				text = c.OfficerNo
			case 6:
				text, l.Importance = candidateStatus(c, now())
			}
			l.SetText(text)
		})
	setHeaders(table, headers, widths)
	detail := container.NewVBox(note(lang.L("media.detail.choose")))
	table.OnSelected = func(id widget.TableCellID) {
		if id.Row < len(ms.candidates) {
			u.showCandidate(detail, ms.candidates[id.Row])
		}
	}

	// options, progress and result
	clearCheck := widget.NewCheck(lang.L("media.clear"), nil)
	clearNote := note(lang.L("media.clear.note"))
	bar := widget.NewProgressBar()
	progressLine := widget.NewLabel("")
	current := widget.NewLabel("")
	current.Truncation = fyne.TextTruncateEllipsis
	cancel := widget.NewButtonWithIcon(lang.L("action.cancel"), theme.CancelIcon(), nil)
	progressBox := container.NewVBox(bar, container.NewBorder(nil, nil, nil, cancel, container.NewVBox(progressLine, current)))
	resultBox := container.NewVBox()
	importButton := widget.NewButtonWithIcon("", theme.DownloadIcon(), nil)
	importButton.Importance = widget.HighImportance
	scanBar := widget.NewProgressBarInfinite()
	scanBar.Hide()
	scanning := false

	fresh := func() (n int, size int64) { // files not in the store yet
		for _, c := range ms.candidates {
			if c.Problem == "" && !c.Known {
				n++
				size += c.Size
			}
		}
		return n, size
	}
	refresh := func() {
		n, size := fresh()
		known, bad, late := 0, 0, 0
		for _, c := range ms.candidates {
			switch {
			case c.Problem != "":
				bad++
			case c.Known:
				known++
			}
			if c.Problem == "" && !c.Known && !c.Captured.IsZero() && now().Sub(c.Captured) > domain.ImportWithin {
				late++
			}
		}
		switch {
		case scanning:
		case ms.source == "":
			counts.SetText(lang.L("media.howto"))
		case len(ms.candidates) == 0:
			counts.SetText(lang.L("media.scan.empty"))
		default:
			counts.SetText(fmt.Sprintf(lang.L("media.scan.counts"), len(ms.candidates), n, known, bad, late))
		}
		if n == 0 && len(ms.candidates) > 0 {
			importButton.SetText(lang.L("media.import.nothing"))
		} else {
			importButton.SetText(fmt.Sprintf(lang.L("media.import.button"), n, formatSize(size)))
		}
		if ms.running || scanning || n == 0 {
			importButton.Disable()
		} else {
			importButton.Enable()
		}
		if ms.running || scanning {
			scanButton.Disable()
			folder.Disable()
			driveSelect.Disable()
			clearCheck.Disable()
		} else {
			scanButton.Enable()
			folder.Enable()
			driveSelect.Enable()
			clearCheck.Enable()
		}
		if ms.running {
			p := ms.progress
			if p.BytesTotal > 0 {
				bar.SetValue(float64(p.BytesDone) / float64(p.BytesTotal))
			}
			progressLine.SetText(progressText(p))
			if p.Current != "" {
				current.SetText(fmt.Sprintf(lang.L("media.progress.current"), p.Current))
			}
			progressBox.Show()
		} else {
			progressBox.Hide()
		}
		resultBox.Objects = nil
		if !ms.running && ms.summary != nil {
			resultBox.Add(u.importResult(*ms.summary, ms.err, openLibrary))
		}
		resultBox.Refresh()
		table.Refresh()
	}
	ms.onChange = refresh

	scan = func() {
		if ms.source == "" {
			showMessage(u.win, lang.L("media.scan"), lang.L("media.source.first"))
			return
		}
		root := ms.source
		scanning = true
		ms.candidates, ms.summary, ms.err = nil, nil, nil
		counts.SetText(lang.L("media.scan.running"))
		scanBar.Show()
		scanBar.Start()
		detail.Objects = []fyne.CanvasObject{note(lang.L("media.detail.choose"))}
		detail.Refresh()
		refresh()
		finished := ms.busy()
		go func() {
			defer finished()
			items, err := svc.Scan(context.Background(), root, func(p recording.ScanProgress) {
				fyne.Do(func() { counts.SetText(fmt.Sprintf(lang.L("media.scan.progress"), p.Files, p.Rel)) })
			})
			fyne.Do(func() {
				scanning = false
				scanBar.Stop()
				scanBar.Hide()
				if err != nil {
					u.showError(err)
				}
				if root == ms.source {
					ms.candidates = items
				}
				table.UnselectAll()
				refresh()
			})
		}()
	}

	importButton.OnTapped = func() {
		items := ms.candidates
		req := recording.ImportRequest{Root: ms.source, Items: items, ClearSource: clearCheck.Checked}
		start := func() {
			ctx, stop := context.WithCancel(context.Background())
			ms.running, ms.cancel, ms.summary, ms.err = true, stop, nil, nil
			ms.progress = recording.Progress{Remaining: -1}
			bar.SetValue(0)
			progressLine.SetText(lang.L("media.progress.starting"))
			current.SetText("")
			refresh()
			finished := ms.busy()
			go func() {
				defer finished()
				sum, err := svc.Import(ctx, u.sess, req, func(p recording.Progress) {
					fyne.Do(func() {
						ms.progress = p
						if ms.onChange != nil {
							ms.onChange()
						}
					})
				})
				fyne.Do(func() {
					ms.running, ms.cancel, ms.summary, ms.err = false, nil, &sum, err
					markImported(ms.candidates, sum)
					if ms.onChange != nil {
						ms.onChange()
					}
					if err != nil {
						u.showError(err)
					}
				})
			}()
		}
		if req.ClearSource {
			confirm(u.win, lang.L("media.clear"), lang.L("media.clear.confirm"), lang.L("media.clear.yes"), start)
			return
		}
		start()
	}
	cancel.OnTapped = func() {
		if ms.cancel != nil {
			ms.cancel()
			progressLine.SetText(lang.L("media.progress.cancelling"))
		}
	}

	u.watchDrives(setDrives, func(d media.Drive) {
		if ms.running || scanning {
			return
		}
		driveSelect.SetSelected(driveName(d)) // a camera just plugged in: scan it
	})
	showSource()
	refresh()

	top.Objects = []fyne.CanvasObject{
		note(lang.L("media.intro")),
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("media.source")), container.NewHBox(folder, scanButton),
			driveSelect),
		sourceLabel,
		scanBar,
		counts,
	}
	top.Refresh()
	bottom := container.NewVBox(
		widget.NewSeparator(),
		progressBox,
		resultBox,
		container.NewBorder(nil, nil, nil, importButton, container.NewVBox(clearCheck, clearNote)),
	)
	side := fixedWidth(250, container.NewVScroll(detail))
	return container.NewBorder(top, bottom, nil, side, table)
}

// watchDrivesInBackground is false in tests, which have no drives to watch.
var watchDrivesInBackground = true

// watchDrives lists removable drives now and every two seconds while the 导入音像 screen is
// shown, calling list when they change and plugged for each drive that appears.
func (u *UI) watchDrives(list func([]media.Drive), plugged func(media.Drive)) {
	shell := u.main
	current := media.RemovableDrives()
	list(current)
	if !watchDrivesInBackground {
		return
	}
	var stop atomic.Bool
	go func() {
		for !stop.Load() {
			time.Sleep(2 * time.Second)
			next := media.RemovableDrives()
			if slices.Equal(next, current) {
				continue
			}
			var added []media.Drive
			for _, d := range next {
				if !slices.Contains(current, d) {
					added = append(added, d)
				}
			}
			current = next
			fyne.Do(func() {
				if u.main != shell || shell == nil || shell.current != sectionMedia {
					stop.Store(true)
					return
				}
				list(next)
				for _, d := range added {
					plugged(d)
				}
			})
		}
	}()
	// stop also when the screen is left without any drive change
	go func() {
		for !stop.Load() {
			time.Sleep(2 * time.Second)
			fyne.Do(func() {
				if u.main != shell || shell == nil || shell.current != sectionMedia {
					stop.Store(true)
				}
			})
		}
	}()
}

// candidateStatus says in a word or two what will happen to a found file.
func candidateStatus(c recording.Candidate, now time.Time) (string, widget.Importance) {
	switch {
	case c.Problem != "":
		return lang.L("media.status.problem"), widget.DangerImportance
	case c.Known:
		return lang.L("media.status.known"), widget.LowImportance
	case !c.Captured.IsZero() && now.Sub(c.Captured) > domain.ImportWithin:
		return lang.L("media.status.late"), widget.WarningImportance
	}
	return lang.L("media.status.ready"), widget.SuccessImportance
}

// markImported marks the files an import stored (or found stored) as known, so the list
// says so without scanning again.
func markImported(cs []recording.Candidate, sum recording.Summary) {
	done := map[string]bool{}
	for _, r := range sum.Imported {
		done[r.SourcePath] = true
	}
	for _, d := range sum.Duplicates {
		done[d.Rel] = true
	}
	for i := range cs {
		if done[cs[i].Rel] {
			cs[i].Known = true
		}
	}
}

// progressText is an import's progress in one line.
func progressText(p recording.Progress) string {
	left := lang.L("media.progress.estimating")
	if p.Remaining >= 0 {
		left = formatDuration(p.Remaining)
	}
	return fmt.Sprintf(lang.L("media.progress.line"), p.FilesDone, p.FilesTotal, formatSize(p.BytesDone), formatSize(p.BytesTotal),
		float64(p.Speed)/1e6, left)
}

// importResult is the card shown after an import: what happened and what to do next.
func (u *UI) importResult(sum recording.Summary, err error, openLibrary func()) fyne.CanvasObject {
	title := lang.L("media.result.done")
	if sum.Cancelled {
		title = lang.L("media.result.cancelled")
	}
	if err != nil {
		title = lang.L("media.result.failed")
	}
	head := widget.NewLabelWithStyle(fmt.Sprintf(lang.L("media.result.counts"), title, len(sum.Imported), len(sum.Duplicates),
		len(sum.Skipped), len(sum.Late), formatSize(sum.Bytes), formatDuration(sum.Elapsed)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(head)
	var lines []string
	for _, s := range sum.Skipped {
		lines = append(lines, fmt.Sprintf(lang.L("media.result.skipped"), s.Rel, s.Reason))
	}
	if sum.Cleared > 0 {
		lines = append(lines, fmt.Sprintf(lang.L("media.result.cleared"), sum.Cleared))
	}
	for _, s := range sum.ClearFailed {
		lines = append(lines, fmt.Sprintf(lang.L("media.result.notcleared"), s.Rel, s.Reason))
	}
	if len(lines) > 0 {
		l := widget.NewLabel(strings.Join(lines, "\n"))
		l.Wrapping = fyne.TextWrapWord
		if len(lines) <= 2 {
			box.Add(l)
		} else {
			sc := container.NewVScroll(l)
			sc.SetMinSize(fyne.NewSize(0, 80))
			box.Add(sc)
		}
	}
	var buttons []fyne.CanvasObject
	if len(sum.Imported) > 0 && domain.Allowed(u.sess.User.Roles, domain.PermLabelRecording) {
		ids := recordingIDs(sum.Imported)
		b := widget.NewButtonWithIcon(fmt.Sprintf(lang.L("media.result.label"), len(ids)), theme.DocumentCreateIcon(), func() {
			u.labelsDialog(ids, nil, openLibrary)
		})
		b.Importance = widget.HighImportance
		buttons = append(buttons, b)
	}
	if len(sum.Late) > 0 {
		ids := recordingIDs(sum.Late)
		buttons = append(buttons, widget.NewButtonWithIcon(fmt.Sprintf(lang.L("media.result.late"), len(ids)), theme.WarningIcon(), func() {
			u.lateReasonDialog(ids, func() {})
		}))
	}
	buttons = append(buttons, widget.NewButtonWithIcon(lang.L("media.result.library"), theme.MediaVideoIcon(), openLibrary))
	box.Add(container.NewHBox(buttons...))
	return widget.NewCard("", "", box)
}

func recordingIDs(rs []domain.Recording) []uint64 {
	ids := make([]uint64, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	return ids
}

// showCandidate fills the side panel with a found file's picture and details.
func (u *UI) showCandidate(panel *fyne.Container, c recording.Candidate) {
	rows := []string{
		c.Rel,
		fmt.Sprintf(lang.L("media.detail.kind"), c.Kind.Label(), strings.ToUpper(c.Format), formatSize(c.Size)),
		fmt.Sprintf(lang.L("media.detail.captured"), formatTime(c.Captured), c.CaptureSource),
	}
	if c.ClockOffset != 0 {
		rows = append(rows, fmt.Sprintf(lang.L("media.detail.offset"), recording.FormatClockOffset(c.ClockOffset)))
	}
	if c.Device != "" || c.OfficerNo != "" {
		rows = append(rows, fmt.Sprintf(lang.L("media.detail.device"), orDash(c.Device), orDash(c.OfficerNo)))
	}
	if c.Duration > 0 {
		rows = append(rows, fmt.Sprintf(lang.L("media.detail.duration"), formatDuration(c.Duration)))
	}
	if c.Important {
		rows = append(rows, lang.L("media.detail.important"))
	}
	if c.Pattern == "" {
		rows = append(rows, lang.L("media.detail.nopattern"))
	} else {
		rows = append(rows, fmt.Sprintf(lang.L("media.detail.pattern"), c.Pattern))
	}
	status, _ := candidateStatus(c, u.svc.Store.Now())
	rows = append(rows, status)
	if c.Problem != "" {
		rows = append(rows, c.Problem)
	}
	u.fillPanel(panel, "file:"+c.Path, c.Kind, c.Duration, func(ctx context.Context) (image.Image, error) {
		return recording.CandidateThumbnail(ctx, c, 220)
	}, rows, nil)
}

// fillPanel shows a picture (made off the UI goroutine, cached by key) above text rows and
// buttons. Without a picture (sound, or a video without ffmpeg) it shows an icon and the
// duration.
func (u *UI) fillPanel(panel *fyne.Container, key string, kind domain.RecordingKind, d time.Duration,
	thumb func(context.Context) (image.Image, error), rows []string, buttons []fyne.CanvasObject) {
	pic := container.NewStack()
	setPic := func(img image.Image) {
		if img != nil {
			ci := canvas.NewImageFromImage(img)
			ci.FillMode = canvas.ImageFillContain
			ci.SetMinSize(fyne.NewSize(220, 165))
			pic.Objects = []fyne.CanvasObject{ci}
		} else {
			icon := theme.MediaVideoIcon()
			switch kind {
			case domain.RecordingAudio:
				icon = theme.MediaMusicIcon()
			case domain.RecordingPhoto:
				icon = theme.MediaPhotoIcon()
			}
			ic := widget.NewIcon(icon)
			label := kind.Label()
			if d > 0 {
				label += " " + formatDuration(d)
			}
			pic.Objects = []fyne.CanvasObject{container.NewVBox(container.New(&minSizeLayout{fyne.NewSize(220, 120)}, ic),
				widget.NewLabelWithStyle(label, fyne.TextAlignCenter, fyne.TextStyle{}))}
		}
		pic.Refresh()
	}
	if img, ok := u.media.thumbs[key]; ok {
		setPic(img)
	} else {
		setPic(nil)
		if kind != domain.RecordingAudio {
			go func() {
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				defer cancel()
				img, _ := thumb(ctx)
				fyne.Do(func() {
					if len(u.media.thumbs) > 300 {
						clear(u.media.thumbs)
					}
					u.media.thumbs[key] = img
					setPic(img)
				})
			}()
		}
	}
	texts := container.NewVBox()
	for i, r := range rows {
		l := widget.NewLabel(r)
		l.Wrapping = fyne.TextWrapWord
		if i == 0 {
			l.TextStyle.Bold = true
		}
		texts.Add(l)
	}
	panel.Objects = []fyne.CanvasObject{pic, texts}
	if len(buttons) > 0 {
		panel.Add(container.NewGridWithColumns(1, buttons...))
	}
	panel.Refresh()
}

// ---- library tab ----

// library filters, in the order of the chooser.
const (
	filterAll = iota
	filterUnassigned
	filterLate
	filterImportant
	filterExpired
)

// mediaLibraryTab lists the stored recordings with filters (not yet assigned, late,
// deletable; by device or officer number and capture dates), lets one label many at once
// and shows one recording's details with play. It returns the tab and a function that
// shows it with a dashboard target (late, unassigned, expired).
func (u *UI) mediaLibraryTab(target string) (fyne.CanvasObject, func(string)) {
	svc := u.svc.Recording
	isAdmin := domain.Allowed(u.sess.User.Roles, domain.PermDeleteRecording)
	canLabel := domain.Allowed(u.sess.User.Roles, domain.PermLabelRecording)
	filterNames := []string{lang.L("media.filter.all"), lang.L("media.filter.unassigned"), lang.L("media.filter.late"),
		lang.L("media.filter.important")}
	if isAdmin {
		filterNames = append(filterNames, lang.L("media.filter.expired"))
	}
	filter := widget.NewSelect(filterNames, nil)
	filter.PlaceHolder = filterNames[0]
	who := widget.NewEntry()
	who.SetPlaceHolder(lang.L("media.filter.who"))
	from, to := widget.NewEntry(), widget.NewEntry()
	from.SetPlaceHolder(lang.L("media.filter.from"))
	to.SetPlaceHolder(lang.L("media.filter.to"))
	yearStats := widget.NewLabel("")
	filterError := widget.NewLabel("")
	filterError.Importance = widget.DangerImportance
	filterError.Hide()

	empty := widget.NewLabel(lang.L("media.library.empty"))
	empty.Hide()
	var recs []domain.Recording
	caseNos := map[uint64]string{}
	selected := map[uint64]bool{}
	focus := -1
	selCount := widget.NewLabel("")
	headers := []string{"", lang.L("media.col.captured"), lang.L("media.col.file"), lang.L("media.col.device"),
		lang.L("media.col.officer"), lang.L("media.col.case"), lang.L("media.col.stage"), lang.L("media.col.late")}
	widths := []float32{36, 130, 180, 74, 64, 170, 80, 64}
	var table *widget.Table
	var updateButtons func()
	table = widget.NewTable(
		func() (int, int) { return len(recs), len(headers) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewStack(widget.NewCheck("", nil), l)
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			r := recs[id.Row]
			box := o.(*fyne.Container)
			check, l := box.Objects[0].(*widget.Check), box.Objects[1].(*widget.Label)
			if id.Col == 0 {
				l.Hide()
				check.Show()
				check.OnChanged = nil
				check.SetChecked(selected[r.ID])
				check.OnChanged = func(on bool) {
					if on {
						selected[r.ID] = true
					} else {
						delete(selected, r.ID)
					}
					updateButtons()
				}
				return
			}
			check.Hide()
			l.Show()
			l.Importance = widget.MediumImportance
			var text string
			switch id.Col {
			case 1:
				text = formatMinute(r.Captured)
			case 2:
				text = r.FileName
				if r.Important {
					text = "★ " + text
				}
			case 3:
				text = r.Device
			case 4:
				text = r.OfficerNo
			case 5:
				text = caseNos[r.CaseID]
				if r.CaseID == 0 {
					text, l.Importance = lang.L("media.case.none"), widget.WarningImportance
				}
			case 6:
				if r.CaseID != 0 {
					text = r.Stage.Label()
				}
			case 7:
				switch {
				case r.Late() && r.LateReason == "":
					text, l.Importance = lang.L("media.late.unexplained"), widget.DangerImportance
				case r.Late():
					text, l.Importance = lang.L("media.late.explained"), widget.WarningImportance
				case r.FutureCapture():
					text, l.Importance = lang.L("media.late.clock"), widget.WarningImportance
				default:
					text = lang.L("media.late.ok")
				}
			}
			l.SetText(text)
		})
	setHeaders(table, headers, widths)
	detail := container.NewVBox()

	load := func() {
		f := store.RecordingFilter{Newest: true}
		filterError.Hide()
		for _, e := range []struct {
			entry *widget.Entry
			dst   *time.Time
			end   bool
		}{{from, &f.From, false}, {to, &f.To, true}} {
			text := strings.TrimSpace(e.entry.Text)
			if text == "" {
				continue
			}
			d, err := domain.ParseDate(text)
			if err != nil {
				filterError.SetText(domain.ErrorMessage(err))
				filterError.Show()
				return
			}
			if e.end {
				d = d.AddDays(1)
			}
			*e.dst = d.Time(time.Local)
		}
		switch filter.SelectedIndex() {
		case filterUnassigned:
			f.Unassigned = true
		case filterLate:
			f.LateOnly = true
		}
		var err error
		if filter.SelectedIndex() == filterExpired {
			recs, err = svc.Deletable(u.sess)
		} else {
			recs, err = svc.List(u.sess, f)
		}
		if err != nil {
			u.showError(err)
		}
		if w := strings.TrimSpace(who.Text); w != "" || filter.SelectedIndex() == filterImportant {
			recs = slices.DeleteFunc(recs, func(r domain.Recording) bool {
				return w != "" && r.Device != w && r.OfficerNo != w ||
					filter.SelectedIndex() == filterImportant && !r.Important
			})
		}
		var ids []uint64
		for _, r := range recs {
			ids = append(ids, r.CaseID)
		}
		caseNos = svc.CaseNumbers(ids)
		yearStats.SetText(u.mediaYearStats())
		if len(recs) == 0 {
			empty.Show()
		} else {
			empty.Hide()
		}
		for id := range selected {
			if !slices.ContainsFunc(recs, func(r domain.Recording) bool { return r.ID == id }) {
				delete(selected, id)
			}
		}
		focus = -1
		table.UnselectAll()
		detail.Objects = []fyne.CanvasObject{note(lang.L("media.detail.choose"))}
		detail.Refresh()
		table.Refresh()
		updateButtons()
	}
	filter.OnChanged = func(string) { load() }
	who.OnSubmitted = func(string) { load() }
	from.OnSubmitted = func(string) { load() }
	to.OnSubmitted = func(string) { load() }

	chosen := func() []uint64 {
		var ids []uint64
		for _, r := range recs {
			if selected[r.ID] {
				ids = append(ids, r.ID)
			}
		}
		return ids
	}
	selectAll := widget.NewButton(lang.L("media.select.all"), func() {
		for _, r := range recs {
			selected[r.ID] = true
		}
		table.Refresh()
		updateButtons()
	})
	selectNone := widget.NewButton(lang.L("media.select.none"), func() {
		clear(selected)
		table.Refresh()
		updateButtons()
	})
	label := widget.NewButtonWithIcon(lang.L("media.action.label"), theme.DocumentCreateIcon(), func() { u.labelsDialog(chosen(), nil, load) })
	label.Importance = widget.HighImportance
	late := widget.NewButtonWithIcon(lang.L("media.action.late"), theme.WarningIcon(), func() { u.lateReasonDialog(chosen(), load) })
	extend := widget.NewButtonWithIcon(lang.L("media.action.extend"), theme.HistoryIcon(), func() { u.extendDialog(chosen(), load) })
	permanent := widget.NewButtonWithIcon(lang.L("media.action.permanent"), theme.StorageIcon(), func() { u.permanentDialog(chosen(), load) })
	del := widget.NewButtonWithIcon(lang.L("media.action.delete"), theme.DeleteIcon(), func() { u.deleteDialog(chosen(), load) })
	del.Importance = widget.DangerImportance
	actions := []*widget.Button{label, late, extend, permanent, del}
	updateButtons = func() {
		n := len(chosen())
		selCount.SetText(fmt.Sprintf(lang.L("media.selected"), n, len(recs)))
		for _, b := range actions {
			if n == 0 || !canLabel {
				b.Disable()
			} else {
				b.Enable()
			}
		}
		if !isAdmin {
			del.Hide()
		}
	}
	table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= len(recs) {
			return
		}
		focus = id.Row
		u.showRecording(detail, recs[focus], caseNos[recs[focus].CaseID], load)
	}

	show := func(t string) {
		idx := max(filter.SelectedIndex(), filterAll)
		switch t {
		case "late":
			idx = filterLate
		case "unassigned":
			idx = filterUnassigned
		case "expired":
			if isAdmin {
				idx = filterExpired
			}
		}
		if filter.SelectedIndex() == idx {
			load()
		} else {
			filter.SetSelectedIndex(idx) // loads
		}
	}
	show(target)

	filters := container.NewHBox(widget.NewLabel(lang.L("media.filter")), fixedWidthMin(170, filter), fixedWidthMin(160, who),
		widget.NewLabel(lang.L("media.filter.dates")), fixedWidthMin(130, from), widget.NewLabel("—"), fixedWidthMin(130, to),
		widget.NewButtonWithIcon(lang.L("action.search"), theme.SearchIcon(), load))
	top := container.NewVBox(filters, filterError, yearStats)
	bar := container.NewHBox(selectAll, selectNone, selCount, layout.NewSpacer(), label, late, extend, permanent, del)
	side := fixedWidth(250, container.NewVScroll(detail))
	return container.NewBorder(top, bar, nil, side, container.NewStack(table, container.NewCenter(empty))), show
}

// mediaYearStats counts this year's recordings for the line above the list: how many came
// in, how many late (the 24-hour rule) and how many of those were explained.
func (u *UI) mediaYearStats() string {
	now := u.svc.Store.Now()
	from := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, time.Local)
	st, err := u.svc.Recording.Stats(u.sess, from, time.Time{})
	if err != nil {
		return ""
	}
	return fmt.Sprintf(lang.L("media.stats.year"), now.Year(), st.Total, st.Videos, st.Photos, st.Audio, formatSize(st.Bytes),
		st.Late, st.LateExplained, st.Unassigned)
}

// showRecording fills the side panel with a stored recording: picture, labels, rules, and
// the buttons to play it and edit its labels.
func (u *UI) showRecording(panel *fyne.Container, r domain.Recording, caseNo string, changed func()) {
	rows := []string{
		r.FileName,
		fmt.Sprintf(lang.L("media.detail.kind"), r.Kind.Label(), strings.ToUpper(r.Format), formatSize(r.Size)),
		fmt.Sprintf(lang.L("media.detail.captured"), formatTime(r.Captured), r.CaptureSource),
		fmt.Sprintf(lang.L("media.detail.imported"), r.Imported.Local().Format("2006-01-02 15:04"), r.ImportedBy),
	}
	if r.Late() {
		line := fmt.Sprintf(lang.L("media.detail.late"), recording.FormatDelay(r.ImportDelay()))
		if r.LateReason != "" {
			line += fmt.Sprintf(lang.L("media.detail.latereason"), r.LateReason)
		}
		rows = append(rows, line)
	}
	if r.Device != "" || r.OfficerNo != "" {
		rows = append(rows, fmt.Sprintf(lang.L("media.detail.device"), orDash(r.Device), orDash(r.OfficerNo)))
	}
	if r.Duration > 0 {
		rows = append(rows, fmt.Sprintf(lang.L("media.detail.duration"), formatDuration(r.Duration)))
	}
	if r.CaseID != 0 {
		rows = append(rows, fmt.Sprintf(lang.L("media.detail.case"), caseNo, r.Stage.Label()))
	} else {
		rows = append(rows, lang.L("media.case.none"))
	}
	rows = append(rows,
		fmt.Sprintf(lang.L("media.detail.place"), orDash(r.Place)),
		fmt.Sprintf(lang.L("media.detail.collector"), orDash(r.Collector)),
		fmt.Sprintf(lang.L("media.detail.proves"), orDash(r.Proves)),
		fmt.Sprintf(lang.L("media.detail.flags"), map[bool]string{true: "重要", false: "一般"}[r.Important],
			map[bool]string{true: "，作为证据", false: ""}[r.Evidence], r.RetentionLabel()),
	)
	play := widget.NewButtonWithIcon(lang.L("media.action.play"), theme.MediaPlayIcon(), func() { u.playRecording(r) })
	play.Importance = widget.HighImportance
	buttons := []fyne.CanvasObject{play}
	if domain.Allowed(u.sess.User.Roles, domain.PermLabelRecording) {
		buttons = append(buttons, widget.NewButtonWithIcon(lang.L("media.action.edit"), theme.DocumentCreateIcon(), func() {
			u.labelsDialog([]uint64{r.ID}, &r, changed)
		}))
	}
	u.fillPanel(panel, "sha:"+r.SHA256, r.Kind, r.Duration, func(ctx context.Context) (image.Image, error) {
		return u.svc.Recording.Thumbnail(ctx, r, 220)
	}, rows, buttons)
}

// playRecording opens a recording in the system's player; the service logs the access.
func (u *UI) playRecording(r domain.Recording) {
	path, err := u.svc.Recording.Play(u.sess, r.ID, "")
	if err != nil {
		u.showError(err)
		return
	}
	link, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = u.app.OpenURL(link)
	}
	if err != nil {
		showMessage(u.win, lang.L("media.action.play"), fmt.Sprintf(lang.L("media.play.failed"), path))
	}
}

// ---- dialogs ----

// labelsDialog sets case, stage, place, collector, what it proves and the flags on one
// recording (existing, all fields) or many (empty fields keep each recording's own).
func (u *UI) labelsDialog(ids []uint64, existing *domain.Recording, done func()) {
	if len(ids) == 0 {
		return
	}
	svc := u.svc.Recording
	choices, err := svc.CaseChoices(u.sess)
	if err != nil {
		u.showError(err)
		return
	}
	var caseSelect *widget.Select
	// the first choices: keep each recording's case (when labelling many), or no case
	var fixed []string
	if existing == nil {
		fixed = append(fixed, lang.L("media.case.keep"))
	}
	fixed = append(fixed, lang.L("media.case.none"))
	caseNames := append([]string(nil), fixed...)
	for _, c := range choices {
		caseNames = append(caseNames, c.Title)
	}
	chosenCase := func() (id uint64, keep, picked bool) {
		i := caseSelect.SelectedIndex() - len(fixed)
		switch {
		case i >= 0:
			return choices[i].ID, false, true
		case existing == nil && caseSelect.SelectedIndex() == 0:
			return 0, true, false
		}
		return 0, false, false
	}
	caseSelect = widget.NewSelect(caseNames, nil)
	caseSelect.PlaceHolder = lang.L("media.case.none")
	stageNames := make([]string, len(domain.AllStages))
	for i, s := range domain.AllStages {
		stageNames[i] = s.Label()
	}
	stageSelect := widget.NewSelect(stageNames, nil)
	stageSelect.PlaceHolder = lang.L("media.label.stage.placeholder")
	caseSelect.OnChanged = func(string) {
		if _, _, picked := chosenCase(); picked && stageSelect.SelectedIndex() < 0 {
			stageSelect.SetSelected(choices[caseSelect.SelectedIndex()-len(fixed)].Stage.Label())
		}
	}
	place, proves := widget.NewEntry(), widget.NewMultiLineEntry()
	proves.SetMinRowsVisible(3)
	proves.Wrapping = fyne.TextWrapWord
	var officerNames []string
	if officers, err := u.svc.Store.Officers(); err == nil {
		for _, o := range officers {
			if !o.Left {
				officerNames = append(officerNames, o.Name)
			}
		}
	}
	collector := widget.NewSelectEntry(officerNames)
	important := widget.NewCheck(lang.L("media.label.important"), nil)
	evidence := widget.NewCheck(lang.L("media.label.evidence"), nil)
	caseSelect.SetSelectedIndex(0)
	if existing != nil {
		for i, c := range choices {
			if c.ID == existing.CaseID {
				caseSelect.SetSelectedIndex(i + len(fixed))
			}
		}
		if existing.Stage != "" {
			stageSelect.SetSelected(existing.Stage.Label())
		}
		place.SetText(existing.Place)
		proves.SetText(existing.Proves)
		collector.SetText(existing.Collector)
		important.SetChecked(existing.Important)
		evidence.SetChecked(existing.Evidence)
	}
	items := []*widget.FormItem{
		{Text: lang.L("media.label.case"), Widget: caseSelect, HintText: lang.L("media.label.case.hint")},
		{Text: lang.L("media.label.stage"), Widget: stageSelect},
		{Text: lang.L("media.label.place"), Widget: place, HintText: lang.L("media.label.place.hint")},
		{Text: lang.L("media.label.collector"), Widget: collector},
		{Text: lang.L("media.label.proves"), Widget: proves, HintText: lang.L("media.label.proves.hint")},
		{Text: "", Widget: container.NewHBox(important, evidence)},
	}
	intro := fmt.Sprintf(lang.L("media.label.many"), len(ids))
	if existing != nil {
		intro = existing.FileName
	}
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	status.Importance = widget.DangerImportance
	var d dialog.Dialog
	save := widget.NewButton(lang.L("action.save"), func() {
		l := domain.RecordingLabels{Place: place.Text, Collector: collector.Text, Proves: proves.Text,
			Important: important.Checked, Evidence: evidence.Checked}
		id, keep, picked := chosenCase()
		switch {
		case picked:
			l.CaseID = id
		case existing != nil && existing.CaseID != 0 && !slices.ContainsFunc(choices, func(c recording.CaseChoice) bool { return c.ID == existing.CaseID }):
			l.CaseID = existing.CaseID // attached to a case no longer open: keep it
		}
		if i := stageSelect.SelectedIndex(); i >= 0 && l.CaseID != 0 {
			l.Stage = domain.AllStages[i]
		}
		for _, o := range u.officersByName(collector.Text) {
			l.CollectorID = o.ID
		}
		var err error
		switch {
		case existing != nil:
			_, err = svc.Relabel(u.sess, existing.ID, l)
		case keep:
			_, err = svc.LabelKeepingCases(u.sess, ids, l)
		default:
			_, err = svc.Assign(u.sess, ids, l)
		}
		if err != nil {
			status.SetText(domain.ErrorMessage(err))
			return
		}
		d.Hide()
		done()
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("action.cancel"), func() { d.Hide() })
	head := widget.NewLabel(intro)
	head.Wrapping = fyne.TextWrapWord
	content := container.NewBorder(head, container.NewVBox(status, container.NewHBox(layout.NewSpacer(), cancel, save)), nil, nil,
		widget.NewForm(items...))
	d = dialog.NewCustomWithoutButtons(lang.L("media.label.title"), content, u.win)
	d.Resize(fyne.NewSize(720, 520))
	d.Show()
}

// officersByName finds the one current officer with this name (none when it is typed
// free-hand or ambiguous).
func (u *UI) officersByName(name string) []domain.Officer {
	officers, _ := u.svc.Store.Officers()
	var out []domain.Officer
	for _, o := range officers {
		if !o.Left && o.Name == strings.TrimSpace(name) {
			out = append(out, o)
		}
	}
	if len(out) != 1 {
		return nil
	}
	return out
}

// textDialog asks for one line of text (a reason, a date) and calls save with it; an
// error from save is shown in the dialog, which stays open.
func (u *UI) textDialog(title, intro, field, placeholder string, multiLine bool, save func(string) error, done func()) {
	entry := widget.NewEntry()
	if multiLine {
		entry = widget.NewMultiLineEntry()
		entry.SetMinRowsVisible(3)
		entry.Wrapping = fyne.TextWrapWord
	}
	entry.SetPlaceHolder(placeholder)
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	status.Importance = widget.DangerImportance
	text := widget.NewLabel(intro)
	text.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	ok := widget.NewButton(lang.L("action.save"), func() {
		if err := save(entry.Text); err != nil {
			status.SetText(domain.ErrorMessage(err))
			return
		}
		d.Hide()
		done()
	})
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("action.cancel"), func() { d.Hide() })
	content := container.NewVBox(text, widget.NewForm(widget.NewFormItem(field, entry)), status,
		container.NewHBox(layout.NewSpacer(), cancel, ok))
	d = dialog.NewCustomWithoutButtons(strings.TrimSuffix(title, "…"), content, u.win)
	d.Resize(fyne.NewSize(560, 300))
	d.Show()
}

func (u *UI) lateReasonDialog(ids []uint64, done func()) {
	u.textDialog(lang.L("media.action.late"), fmt.Sprintf(lang.L("media.late.intro"), len(ids)), lang.L("media.late.reason"),
		lang.L("media.late.placeholder"), true, func(s string) error {
			return u.svc.Recording.SetLateReason(u.sess, ids, s)
		}, done)
}

func (u *UI) extendDialog(ids []uint64, done func()) {
	u.textDialog(lang.L("media.action.extend"), fmt.Sprintf(lang.L("media.extend.intro"), len(ids)), lang.L("media.extend.until"),
		"2028-12-31", false, func(s string) error {
			d, err := domain.ParseDate(s)
			if err != nil {
				return err
			}
			return u.svc.Recording.ExtendRetention(u.sess, ids, d, "")
		}, done)
}

func (u *UI) permanentDialog(ids []uint64, done func()) {
	u.textDialog(lang.L("media.action.permanent"), fmt.Sprintf(lang.L("media.permanent.intro"), len(ids)), lang.L("media.reason"),
		lang.L("media.permanent.placeholder"), false, func(s string) error {
			return u.svc.Recording.MakePermanent(u.sess, ids, s)
		}, done)
}

func (u *UI) deleteDialog(ids []uint64, done func()) {
	u.textDialog(lang.L("media.action.delete"), fmt.Sprintf(lang.L("media.delete.intro"), len(ids)), lang.L("media.reason"),
		lang.L("media.delete.placeholder"), false, func(s string) error {
			for _, id := range ids {
				if err := u.svc.Recording.Delete(u.sess, id, s); err != nil {
					return err
				}
			}
			return nil
		}, done)
}

// ---- small helpers ----

// formatSize writes a byte count for people: 850 KB, 12.3 MB, 4.20 GB.
func formatSize(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.2f GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.0f KB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d 字节", n)
}

// formatMinute writes a capture time to the minute, for tables; "—" when unknown.
func formatMinute(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Local().Format("2006-01-02 15:04")
}

// formatTime writes a capture time to the second, "—" when unknown.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Local().Format("2006-01-02 15:04:05")
}

// formatDuration writes 1小时2分 / 3分05秒 / 12秒.
func formatDuration(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	switch {
	case h > 0:
		return fmt.Sprintf("%d小时%02d分", h, m)
	case m > 0:
		return fmt.Sprintf("%d分%02d秒", m, s)
	}
	return fmt.Sprintf("%d秒", s)
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// fixedWidthMin gives obj at least width w in an HBox.
func fixedWidthMin(w float32, obj fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&minSizeLayout{fyne.NewSize(w, 0)}, obj)
}

// minSizeLayout stacks its objects with at least a given size.
type minSizeLayout struct{ min fyne.Size }

func (l *minSizeLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (l *minSizeLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := l.min
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}
