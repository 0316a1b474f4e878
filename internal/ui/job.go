package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// inBackground runs work off the UI goroutine and then done on it. Tests make it
// synchronous so that screens behave the same on every run.
var inBackground = func(work, done func()) {
	go func() {
		work()
		fyne.Do(done)
	}()
}

// jobRow is a button that starts long work off the UI goroutine, with a progress bar, a
// cancel button and a result line.
type jobRow struct {
	start  *widget.Button
	stop   *widget.Button
	bar    *widget.ProgressBar
	result *widget.Label
	cancel context.CancelFunc
}

func newJobRow(label string) *jobRow {
	j := &jobRow{start: widget.NewButton(label, nil), bar: widget.NewProgressBar(), result: widget.NewLabel("")}
	j.result.Wrapping = fyne.TextWrapWord
	j.stop = widget.NewButton(lang.L("action.cancel"), func() {
		if j.cancel != nil {
			j.cancel()
		}
	})
	j.stop.Hide()
	j.bar.Hide()
	j.result.Hide()
	return j
}

func (j *jobRow) row() fyne.CanvasObject {
	return container.NewVBox(container.NewBorder(nil, nil, j.start, j.stop, j.bar), j.result)
}

// begin switches to running and returns the context the work must watch.
func (j *jobRow) begin(msg string) context.Context {
	var ctx context.Context
	ctx, j.cancel = context.WithCancel(context.Background())
	j.start.Disable()
	j.bar.SetValue(0)
	j.bar.Show()
	j.stop.Show()
	j.result.Importance = widget.MediumImportance
	j.result.SetText(msg)
	j.result.Show()
	return ctx
}

// progress may be called from any goroutine.
func (j *jobRow) progress(done, total int64) {
	if total <= 0 {
		return
	}
	v := float64(done) / float64(total)
	fyne.Do(func() { j.bar.SetValue(v) })
}

func (j *jobRow) finish(msg string, imp widget.Importance) {
	j.cancel()
	j.start.Enable()
	j.bar.Hide()
	j.stop.Hide()
	j.result.Importance = imp
	j.result.SetText(msg)
}

func (j *jobRow) succeed(msg string) { j.finish(msg, widget.SuccessImportance) }
func (j *jobRow) fail(msg string)    { j.finish(msg, widget.DangerImportance) }
