package report

import (
	"fmt"

	"lawdesk/internal/domain"
)

// The 执法人员 table: officers on duty, their certificates and training, and the legal
// reviewers with the 5% ratio (DOMAIN.md §1.1, §3), as on the period's last day.
var _ = addSection("people", 90, peopleTable)

// ReviewerRatioMin is the national minimum share of legal reviewers among officers, in %.
const ReviewerRatioMin = 5.0

func officerRef(o domain.Officer, note string) Ref {
	label := o.Name + "（" + o.Unit + "）"
	if o.CertNo != "" {
		label += " 执法证 " + o.CertNo
	}
	return Ref{Kind: "officer", ID: o.ID, Label: label, Date: o.ValidUntil, Note: note}
}

func peopleTable(d *Data, p Period, asOf domain.Date) (Table, []Chart) {
	var onDuty, valid, expired, none, reviewers, short []Ref
	year := p.To.Year
	for _, o := range d.Officers {
		if o.Left {
			continue
		}
		onDuty = append(onDuty, officerRef(o, ""))
		switch {
		case o.CertValid(asOf):
			valid = append(valid, officerRef(o, "有效期至 "+o.ValidUntil.String()))
		case o.CertNo == "":
			none = append(none, officerRef(o, "未取得执法证"))
		default:
			expired = append(expired, officerRef(o, "已于 "+o.ValidUntil.String()+" 过期"))
		}
		if o.Reviewer {
			reviewers = append(reviewers, officerRef(o, "法制审核人员"))
		}
		if h := o.TrainingShort(year); h > 0 {
			short = append(short, officerRef(o, fmt.Sprintf("%d年培训 %.1f 学时，差 %.1f 学时", year, o.TrainingHours[year], h)))
		}
	}
	t := Table{Title: "执法人员", Note: "截至" + chineseDate(asOf)}
	t.Figures = append(t.Figures,
		count("people.officers", "在岗执法人员", "人", onDuty),
		withLevel(count("people.cert.valid", "持有效执法证", "人", valid), 1),
		withLevel(warnIf(count("people.cert.expired", "执法证已过期", "人", expired), len(expired) > 0, "执法证过期的人员不得从事执法活动"), 1),
		withLevel(warnIf(count("people.cert.none", "未取得执法证", "人", none), len(none) > 0, "未取得执法证的人员不得从事执法活动"), 1),
		count("people.reviewers", "法制审核人员", "人", reviewers),
	)
	ratio := Figure{Key: "people.reviewer.ratio", Label: "法制审核人员占执法人员比例", Unit: "%", Refs: reviewers}
	if len(onDuty) > 0 {
		ratio.Value = 100 * float64(len(reviewers)) / float64(len(onDuty))
	}
	if len(onDuty) > 0 && ratio.Value < ReviewerRatioMin {
		ratio.Warn = fmt.Sprintf("低于 %.0f%% 的要求", ReviewerRatioMin)
	}
	t.Figures = append(t.Figures, ratio,
		warnIf(count("people.training.short", fmt.Sprintf("%d年培训不足 %d 学时", year, domain.AnnualTrainingHours), "人", short),
			len(short) > 0, fmt.Sprintf("每人每年应不少于 %d 学时", domain.AnnualTrainingHours)))
	return t, nil
}

func withLevel(f Figure, level int) Figure { f.Level = level; return f }

func warnIf(f Figure, cond bool, warn string) Figure {
	if cond {
		f.Warn = warn
	}
	return f
}
