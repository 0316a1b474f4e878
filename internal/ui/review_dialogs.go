package ui

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/review"
)

// reviewDialog shows form-like content with an error line and 取消 / ok. ok returns an error
// to keep the dialog open with the message shown beside the buttons, or a message to show
// once the dialog has closed ("" for none).
func (u *UI) reviewDialog(title, okLabel string, content fyne.CanvasObject, size fyne.Size, ok func() (string, error)) {
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapBreak
	status.Importance = widget.DangerImportance
	var d dialog.Dialog
	okBtn := widget.NewButton(okLabel, func() {
		msg, err := ok()
		if err != nil {
			status.SetText(domain.ErrorMessage(err))
			return
		}
		d.Hide()
		if msg != "" {
			showMessage(u.win, title, msg)
		}
	})
	okBtn.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("action.cancel"), func() { d.Hide() })
	body := container.NewBorder(nil, container.NewVBox(status, container.NewHBox(layout.NewSpacer(), cancel, okBtn)), nil, nil,
		container.NewVScroll(content))
	d = dialog.NewCustomWithoutButtons(title, body, u.win)
	d.Resize(size)
	d.Show()
}

func reviewMultiLine(placeholder, text string, rows int) *widget.Entry {
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapBreak
	e.SetPlaceHolder(placeholder)
	e.SetText(text)
	e.SetMinRowsVisible(rows)
	return e
}

func reviewMoney(m domain.Money) string {
	if m == 0 {
		return ""
	}
	return m.String()
}

// reviewSubmitDialog is 送审: the proposed decision, its reasons, the materials from the case's
// documents and, for a resubmission, an answer to each point the reviewer raised.
func (u *UI) reviewSubmitDialog(w review.Workspace, reload func()) {
	c := w.Case
	p := w.Review.Latest().Submission.Proposed
	reasonsText := w.Review.Latest().Submission.Reasons
	if !w.Submitted && c.Decision.Decided() {
		p.Penalties, p.Fine, p.Content = c.Decision.Kinds, c.Decision.Fine+c.Decision.Confiscation, c.Decision.Summary
	}
	content := reviewMultiLine(lang.L("review.f.content.ph"), p.Content, 2)
	var penLabels, selected []string
	for _, k := range domain.AllPenaltyKinds {
		penLabels = append(penLabels, k.Label())
	}
	for _, k := range p.Penalties {
		selected = append(selected, k.Label())
	}
	kinds, chosen := reviewChecks(penLabels, selected, 5)
	fine, basis, bench := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	fine.SetText(reviewMoney(p.Fine))
	fine.SetPlaceHolder("60000")
	basis.SetText(p.Basis)
	basis.SetPlaceHolder(lang.L("review.f.basis.ph"))
	bench.SetText(p.Benchmark)
	bench.SetPlaceHolder(lang.L("review.f.benchmark.ph"))
	bmin, bmax := widget.NewEntry(), widget.NewEntry()
	bmin.SetText(reviewMoney(p.BenchmarkMin))
	bmax.SetText(reviewMoney(p.BenchmarkMax))
	rng := container.NewHBox(fixedWidth(130, bmin), widget.NewLabel(lang.L("review.f.to")), fixedWidth(130, bmax), widget.NewLabel(lang.L("rvset.yuan")))
	reasons := reviewMultiLine(lang.L("review.f.reasons.ph"), reasonsText, 3)

	form := widget.NewForm(
		widget.NewFormItem(lang.L("review.p.content"), content),
	)
	if c.Type == domain.ActPenalty {
		form.Append(lang.L("review.p.kinds"), kinds)
	}
	form.AppendItem(&widget.FormItem{Text: lang.L("review.p.fine"), Widget: fixedWidth(180, fine), HintText: lang.L("review.f.fine.hint")})
	form.Append(lang.L("review.p.basis"), basis)
	form.Append(lang.L("review.p.benchmark"), bench)
	form.AppendItem(&widget.FormItem{Text: lang.L("review.f.range"), Widget: rng, HintText: lang.L("review.f.range.hint")})
	form.Append(lang.L("review.p.reasons"), reasons)

	box := container.NewVBox(form)
	var answers []*widget.Entry
	points := w.Review.OpenPoints()
	if w.Submitted && (w.Review.Status == domain.ReviewReturned || w.Review.Status == domain.ReviewTransferred) {
		box.Add(subheading(lang.L("review.responses")))
		box.Add(reviewNote(lang.L("review.responses.hint")))
		for _, pt := range points {
			a := reviewMultiLine(lang.L("review.f.answer.ph"), "", 2)
			answers = append(answers, a)
			box.Add(reviewLabel("·" + pt.Problem))
			box.Add(a)
		}
	}
	box.Add(u.reviewMaterialsList(w.Materials, lang.L("review.materials")))

	title := lang.L("review.submit")
	if w.Submitted {
		title = lang.L("review.resubmit")
	}
	u.reviewDialog(title, title, box, fyne.NewSize(980, 660), func() (string, error) {
		f := review.SubmitForm{CaseID: c.ID, Reasons: reasons.Text,
			Proposed: domain.ProposedDecision{Content: content.Text, Basis: basis.Text, Benchmark: bench.Text}}
		if c.Type == domain.ActPenalty {
			for _, k := range domain.AllPenaltyKinds {
				if slices.Contains(chosen(), k.Label()) {
					f.Proposed.Penalties = append(f.Proposed.Penalties, k)
				}
			}
		}
		var err error
		if f.Proposed.Fine, err = domain.ParseMoney(fine.Text, lang.L("review.p.fine")); err != nil {
			return "", err
		}
		if f.Proposed.BenchmarkMin, err = domain.ParseMoney(bmin.Text, lang.L("review.f.range.min")); err != nil {
			return "", err
		}
		if f.Proposed.BenchmarkMax, err = domain.ParseMoney(bmax.Text, lang.L("review.f.range.max")); err != nil {
			return "", err
		}
		for i, pt := range points {
			if i < len(answers) {
				f.Responses = append(f.Responses, domain.PointResponse{Key: pt.Key, Response: answers[i].Text})
			}
		}
		r, err := u.svc.Review.Submit(u.sess, f)
		if err != nil {
			return "", err
		}
		reload()
		return fmt.Sprintf(lang.L("review.submitted"), c.Number, r.Latest().Deadline), nil
	})
}

// reviewMarksDialog lets the handling officer mark the facts only they know, or send a case that
// no rule catches.
func (u *UI) reviewMarksDialog(w review.Workspace, reload func()) {
	complexCase := widget.NewCheck(lang.L("rvset.rule.complex"), nil)
	complexCase.SetChecked(w.Marks.Complex)
	public := widget.NewCheck(lang.L("rvset.rule.public"), nil)
	public.SetChecked(w.Marks.PublicInterest)
	voluntary := widget.NewCheck(lang.L("review.marks.voluntary"), nil)
	voluntary.SetChecked(w.Marks.Voluntary)
	why := reviewMultiLine(lang.L("review.marks.note.ph"), w.Marks.Note, 2)
	box := container.NewVBox(reviewNote(lang.L("review.marks.intro")), complexCase, public, voluntary, why)
	u.reviewDialog(lang.L("review.marks"), lang.L("action.save"), box, fyne.NewSize(620, 400), func() (string, error) {
		err := u.svc.Review.SetMarks(u.sess, w.Case.ID, domain.ReviewMarks{Complex: complexCase.Checked,
			PublicInterest: public.Checked, Voluntary: voluntary.Checked, Note: why.Text})
		if err == nil {
			reload()
		}
		return "", err
	})
}

// reviewCoordinationRequestDialog records the handling unit's disagreement for the head.
func (u *UI) reviewCoordinationRequestDialog(c domain.Case, reload func()) {
	text := reviewMultiLine(lang.L("review.coordinate.ph"), "", 5)
	box := container.NewVBox(reviewNote(lang.L("review.coordinate.intro")), text)
	u.reviewDialog(lang.L("review.coordinate.ask"), lang.L("review.coordinate.ask"), box, fyne.NewSize(640, 400), func() (string, error) {
		_, err := u.svc.Review.RequestCoordination(u.sess, c.ID, text.Text)
		if err == nil {
			reload()
		}
		return "", err
	})
}

// reviewConcludeDialog is the head's record of coordination or collective discussion.
func (u *UI) reviewConcludeDialog(c domain.Case, r domain.Review, reload func()) {
	open, _ := r.OpenCoordination()
	method := widget.NewRadioGroup(domain.CoordinationMethods, nil)
	method.Horizontal = true
	method.SetSelected(domain.CoordinationMethods[1])
	day := widget.NewEntry()
	day.SetText(domain.DateOf(u.svc.Store.Now()).String())
	people := widget.NewEntry()
	people.SetPlaceHolder(lang.L("review.conclude.people.ph"))
	people.SetText(u.sess.User.DisplayName())
	conclusion := reviewMultiLine(lang.L("review.conclude.ph"), "", 3)
	outcomes := []string{domain.CoordinationProceed.Label(), domain.CoordinationUphold.Label()}
	outcome := widget.NewRadioGroup(outcomes, nil)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("review.conclude.method"), method),
		widget.NewFormItem(lang.L("review.conclude.date"), fixedWidth(160, day)),
		&widget.FormItem{Text: lang.L("review.conclude.people"), Widget: people, HintText: lang.L("review.conclude.people.hint")},
		widget.NewFormItem(lang.L("review.conclude.text"), conclusion),
		widget.NewFormItem(lang.L("review.conclude.outcome"), outcome),
	)
	l := r.Latest()
	intro := fmt.Sprintf(lang.L("review.conclude.intro"), l.No, l.Opinion.Label(), l.Reasons, open.RequestedNm, open.Disagreement)
	u.reviewDialog(lang.L("review.conclude"), lang.L("review.conclude"), container.NewVBox(reviewLabel(intro), form), fyne.NewSize(760, 560), func() (string, error) {
		held, err := domain.ParseDate(day.Text)
		if err != nil {
			return "", err
		}
		f := review.ConcludeForm{CaseID: c.ID, Method: method.Selected, HeldOn: held, Conclusion: conclusion.Text,
			Participants: strings.FieldsFunc(people.Text, func(r rune) bool { return strings.ContainsRune("、，,；; ", r) })}
		switch outcome.Selected {
		case outcomes[0]:
			f.Outcome = domain.CoordinationProceed
		case outcomes[1]:
			f.Outcome = domain.CoordinationUphold
		}
		if _, err := u.svc.Review.Conclude(u.sess, f); err != nil {
			return "", err
		}
		reload()
		return "", nil
	})
}

// reviewExtendDialog extends the pending round's time limit once, with a reason.
func (u *UI) reviewExtendDialog(c domain.Case, r domain.Review, reload func()) {
	days, due, err := u.svc.Review.ExtendedDeadline(r)
	if err != nil {
		u.showError(err)
		return
	}
	why := reviewMultiLine(lang.L("review.extend.ph"), "", 3)
	intro := fmt.Sprintf(lang.L("review.extend.intro"), r.Latest().Deadline, days, due)
	u.reviewDialog(lang.L("review.extend"), lang.L("review.extend"), container.NewVBox(reviewNote(intro), why),
		fyne.NewSize(560, 340), func() (string, error) {
			r, err := u.svc.Review.Extend(u.sess, c.ID, why.Text)
			if err != nil {
				return "", err
			}
			reload()
			return fmt.Sprintf(lang.L("review.extend.done"), r.Latest().Deadline), nil
		})
}

// reviewPrintReview saves a review document of a case as PDF where the user chooses; the print
// is logged by the service.
func (u *UI) reviewPrintReview(c domain.Case, doc review.Document, round int) {
	name := fmt.Sprintf("%s-%s.pdf", doc.Title(), reviewFileName(c.Number))
	u.reviewSavePDF(name, func(w io.Writer) error { return u.svc.Review.Print(u.sess, c.ID, doc, round, w) })
}

// reviewPrintCatalogue saves the catalogue of major decisions as PDF for publication.
func (u *UI) reviewPrintCatalogue() {
	u.reviewSavePDF(lang.L("review.catalogue.file"), func(w io.Writer) error { return u.svc.Review.PrintCatalogue(u.sess, w) })
}

// reviewFileName replaces characters Windows does not allow in file names.
func reviewFileName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\|?*`, r) {
			return '_'
		}
		return r
	}, s)
}

// reviewSavePDF renders into memory first (a failed render writes nothing), then asks where to
// save it.
func (u *UI) reviewSavePDF(name string, render func(io.Writer) error) {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		u.showError(err)
		return
	}
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(domain.Wrap(err, domain.EINVALID, "无法保存文件，请换一个位置再试。"))
			return
		}
		if wc == nil {
			return
		}
		defer wc.Close()
		if _, err := wc.Write(buf.Bytes()); err != nil {
			u.showError(domain.Wrap(err, domain.EINVALID, "无法写入文件 %s，请检查磁盘空间和权限。", wc.URI().Path()))
			return
		}
		showMessage(u.win, lang.L("review.saved.title"), fmt.Sprintf(lang.L("review.saved"), wc.URI().Path()))
	}, u.win)
	d.SetFileName(name)
	if home, err := os.UserHomeDir(); err == nil {
		if l, err := storage.ListerForURI(storage.NewFileURI(home)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}
