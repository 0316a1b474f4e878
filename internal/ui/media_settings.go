package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/recording"
)

// mediaSettingsTab (系统设置 → 音像导入): the office's file-name patterns with a live test,
// each device's clock offset, and how long unattached recordings are kept. Only admins
// save; everyone else sees the settings read-only.
func (u *UI) mediaSettingsTab() fyne.CanvasObject {
	svc := u.svc.Recording
	set, err := svc.Settings()
	if err != nil {
		u.showError(err)
	}
	canEdit := domain.Allowed(u.sess.User.Roles, domain.PermMediaSettings)
	var editable []fyne.Disableable

	// file-name patterns
	type patternRow struct {
		name, source *widget.Entry
		regexp       *widget.Check
	}
	var patterns []patternRow
	patternBox := container.NewVBox()
	sample := widget.NewEntry()
	sample.SetPlaceHolder(lang.L("media.settings.sample.placeholder"))
	sampleResult := widget.NewLabel("")
	sampleResult.Wrapping = fyne.TextWrapWord
	currentPatterns := func() []recording.PatternSetting {
		var out []recording.PatternSetting
		for _, p := range patterns {
			if strings.TrimSpace(p.source.Text) == "" && strings.TrimSpace(p.name.Text) == "" {
				continue
			}
			out = append(out, recording.PatternSetting{Name: strings.TrimSpace(p.name.Text), Source: strings.TrimSpace(p.source.Text), Regexp: p.regexp.Checked})
		}
		return out
	}
	testSample := func() {
		name := strings.TrimSpace(sample.Text)
		if name == "" {
			sampleResult.SetText(lang.L("media.settings.sample.hint"))
			return
		}
		info, ok, err := recording.DescribeName(currentPatterns(), name)
		switch {
		case err != nil:
			sampleResult.Importance = widget.DangerImportance
			sampleResult.SetText(domain.ErrorMessage(err))
		case !ok:
			sampleResult.Importance = widget.WarningImportance
			sampleResult.SetText(lang.L("media.settings.sample.nomatch"))
		default:
			sampleResult.Importance = widget.SuccessImportance
			flag := ""
			if info.Important {
				flag = lang.L("media.settings.sample.important")
			}
			sampleResult.SetText(fmt.Sprintf(lang.L("media.settings.sample.match"), info.Pattern, orDash(info.Device), orDash(info.Officer),
				info.Captured.Format("2006-01-02 15:04:05"), flag))
		}
	}
	sample.OnChanged = func(string) { testSample() }
	var rebuildPatterns func()
	addPattern := func(p recording.PatternSetting) {
		row := patternRow{name: widget.NewEntry(), source: widget.NewEntry(), regexp: widget.NewCheck(lang.L("media.settings.regexp"), nil)}
		row.name.SetPlaceHolder(lang.L("media.settings.pattern.name"))
		row.source.SetPlaceHolder(lang.L("media.settings.pattern.source"))
		row.name.SetText(p.Name)
		row.source.SetText(p.Source)
		row.regexp.SetChecked(p.Regexp)
		row.source.OnChanged = func(string) { testSample() }
		row.regexp.OnChanged = func(bool) { testSample() }
		patterns = append(patterns, row)
		editable = append(editable, row.name, row.source, row.regexp)
	}
	rebuildPatterns = func() {
		patternBox.Objects = nil
		for i, p := range patterns {
			i := i
			remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
				patterns = slices.Delete(patterns, i, i+1)
				rebuildPatterns()
				testSample()
			})
			if !canEdit {
				remove.Disable()
			}
			patternBox.Add(container.NewBorder(nil, nil, fixedWidth(150, p.name), container.NewHBox(p.regexp, remove), p.source))
		}
		if len(patterns) == 0 {
			patternBox.Add(note(lang.L("media.settings.patterns.none")))
		}
		patternBox.Refresh()
	}
	for _, p := range set.Patterns {
		addPattern(p)
	}
	rebuildPatterns()
	addPatternButton := widget.NewButtonWithIcon(lang.L("media.settings.pattern.add"), theme.ContentAddIcon(), func() {
		addPattern(recording.PatternSetting{})
		rebuildPatterns()
	})
	var builtin []string
	for _, p := range recording.BuiltinPatterns() {
		builtin = append(builtin, p.Source)
	}

	// clock offsets
	type offsetRow struct{ device, offset *widget.Entry }
	var offsets []offsetRow
	offsetBox := container.NewVBox()
	var rebuildOffsets func()
	addOffset := func(device string, d time.Duration) {
		row := offsetRow{device: widget.NewEntry(), offset: widget.NewEntry()}
		row.device.SetPlaceHolder(lang.L("media.settings.device"))
		row.offset.SetPlaceHolder(lang.L("media.settings.offset.placeholder"))
		row.device.SetText(device)
		if device != "" || d != 0 {
			row.offset.SetText(recording.FormatClockOffset(d))
		}
		offsets = append(offsets, row)
		editable = append(editable, row.device, row.offset)
	}
	rebuildOffsets = func() {
		offsetBox.Objects = nil
		for i, o := range offsets {
			i := i
			remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
				offsets = slices.Delete(offsets, i, i+1)
				rebuildOffsets()
			})
			if !canEdit {
				remove.Disable()
			}
			offsetBox.Add(container.NewBorder(nil, nil, fixedWidth(200, o.device), remove, o.offset))
		}
		if len(offsets) == 0 {
			offsetBox.Add(note(lang.L("media.settings.offsets.none")))
		}
		offsetBox.Refresh()
	}
	devices := make([]string, 0, len(set.ClockOffsets))
	for d := range set.ClockOffsets {
		devices = append(devices, d)
	}
	slices.Sort(devices)
	for _, d := range devices {
		addOffset(d, set.ClockOffsets[d])
	}
	rebuildOffsets()
	addOffsetButton := widget.NewButtonWithIcon(lang.L("media.settings.offset.add"), theme.ContentAddIcon(), func() {
		addOffset("", 0)
		rebuildOffsets()
	})
	seen, _ := svc.DevicesSeen()
	seenNote := lang.L("media.settings.devices.none")
	if len(seen) > 0 {
		seenNote = fmt.Sprintf(lang.L("media.settings.devices.seen"), strings.Join(seen, "、"))
	}

	// retention
	months := widget.NewEntry()
	months.SetText(strconv.Itoa(set.RetentionMonths))
	editable = append(editable, months)

	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	save := widget.NewButton(lang.L("action.save"), func() {
		next := recording.Settings{Patterns: currentPatterns(), ClockOffsets: map[string]time.Duration{}}
		for _, o := range offsets {
			dev := strings.TrimSpace(o.device.Text)
			if dev == "" && strings.TrimSpace(o.offset.Text) == "" {
				continue
			}
			if dev == "" {
				status.Importance = widget.DangerImportance
				status.SetText(lang.L("media.settings.device.missing"))
				return
			}
			d, err := recording.ParseClockOffset(o.offset.Text)
			if err != nil {
				status.Importance = widget.DangerImportance
				status.SetText(dev + "：" + domain.ErrorMessage(err))
				return
			}
			next.ClockOffsets[dev] = d
		}
		n, err := strconv.Atoi(strings.TrimSpace(months.Text))
		if err != nil {
			status.Importance = widget.DangerImportance
			status.SetText(lang.L("media.settings.months.bad"))
			return
		}
		next.RetentionMonths = n
		if err := svc.SaveSettings(u.sess, next); err != nil {
			status.Importance = widget.DangerImportance
			status.SetText(domain.ErrorMessage(err))
			return
		}
		status.Importance = widget.SuccessImportance
		status.SetText(lang.L("media.settings.saved"))
	})
	save.Importance = widget.HighImportance
	if !canEdit {
		for _, e := range editable {
			e.Disable()
		}
		save.Disable()
		addPatternButton.Disable()
		addOffsetButton.Disable()
		status.SetText(lang.L("media.settings.readonly"))
	}
	testSample()

	return container.NewVScroll(container.NewVBox(
		subheading(lang.L("media.settings.patterns")),
		note(lang.L("media.settings.patterns.intro")),
		patternBox,
		container.NewHBox(addPatternButton),
		note(fmt.Sprintf(lang.L("media.settings.builtin"), strings.Join(builtin, "  "))),
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("media.settings.sample")), nil, sample),
		sampleResult,
		widget.NewSeparator(),
		subheading(lang.L("media.settings.offsets")),
		note(lang.L("media.settings.offsets.intro")),
		offsetBox,
		container.NewHBox(addOffsetButton),
		note(seenNote),
		widget.NewSeparator(),
		subheading(lang.L("media.settings.retention")),
		container.NewHBox(widget.NewLabel(lang.L("media.settings.months")), fixedWidthMin(120, months)),
		note(lang.L("media.settings.retention.intro")),
		status,
		container.NewHBox(layout.NewSpacer(), save),
	))
}
