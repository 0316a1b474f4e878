package demo

import (
	"time"

	"lawdesk/internal/report"
)

// reportDemo gives the demo office last year's annual report: its 情况说明 written from
// the figures and, once the 31 January deadline has passed, marked published — as a
// diligent office would have it. In January the report is left open, so the dashboard
// shows the reminder.
func reportDemo(b *Builder) error {
	now := b.Store.Now()
	year := now.Year() - 1
	svc := report.New(b.Store)
	admin := b.As("admin")
	r, err := svc.AnnualReport(admin, year)
	if err != nil {
		return err
	}
	if err := svc.SaveSummary(admin, year, r.Summary+"\n全年未发生因执法引发的行政复议被撤销、行政诉讼败诉案件。下一步，我局将继续落实行政执法三项制度，加强执法人员培训，提升案卷质量。"); err != nil {
		return err
	}
	if now.Month() == time.January && now.Day() <= report.PublishDeadline {
		return nil
	}
	return svc.MarkPublished(admin, year, true)
}
