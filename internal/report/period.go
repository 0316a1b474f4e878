package report

import (
	"fmt"
	"time"

	"lawdesk/internal/domain"
)

// PeriodKind is how a statistics period was chosen.
type PeriodKind string

const (
	PeriodYear    PeriodKind = "year"
	PeriodQuarter PeriodKind = "quarter"
	PeriodMonth   PeriodKind = "month"
	PeriodCustom  PeriodKind = "custom"
)

// Period is a span of whole days, From and To included. Statistics count an act in the
// period of its civil date (a decision made at 23:59 on 31 December belongs to that year;
// one at 00:00 on 1 January to the next), in the office's time zone.
type Period struct {
	Kind PeriodKind  `json:"kind"`
	From domain.Date `json:"from"`
	To   domain.Date `json:"to"`
}

// Year is the calendar year y.
func Year(y int) Period {
	return Period{PeriodYear, domain.Date{Year: y, Month: time.January, Day: 1}, domain.Date{Year: y, Month: time.December, Day: 31}}
}

// Quarter is quarter q (1–4) of year y.
func Quarter(y, q int) Period {
	from := domain.Date{Year: y, Month: time.Month(3*(q-1) + 1), Day: 1}
	return Period{PeriodQuarter, from, domain.NewDate(y, from.Month+3, 0)}
}

// Month is month m of year y.
func Month(y int, m time.Month) Period {
	return Period{PeriodMonth, domain.Date{Year: y, Month: m, Day: 1}, domain.NewDate(y, m+1, 0)}
}

// Custom is the span from–to, both included.
func Custom(from, to domain.Date) (Period, error) {
	if !from.Valid() || !to.Valid() {
		return Period{}, domain.Errorf(domain.EINVALID, "请填写统计期间的“起始日期”和“截止日期”。")
	}
	if to.Before(from) {
		return Period{}, domain.Errorf(domain.EINVALID, "统计期间的“截止日期”（%s）早于“起始日期”（%s），请检查。", to, from)
	}
	if from.DaysUntil(to) > 366*10 {
		return Period{}, domain.Errorf(domain.EINVALID, "统计期间最长 10 年，请缩短。")
	}
	return Period{PeriodCustom, from, to}, nil
}

var quarterNames = []string{"", "第一季度", "第二季度", "第三季度", "第四季度"}

// Label names the period in Chinese, e.g. 2025年, 2025年第一季度, 2025年3月.
func (p Period) Label() string {
	switch p.Kind {
	case PeriodYear:
		return fmt.Sprintf("%d年", p.From.Year)
	case PeriodQuarter:
		return fmt.Sprintf("%d年%s", p.From.Year, quarterNames[(int(p.From.Month)-1)/3+1])
	case PeriodMonth:
		return fmt.Sprintf("%d年%d月", p.From.Year, int(p.From.Month))
	}
	return fmt.Sprintf("%s 至 %s", p.From, p.To)
}

// Contains reports whether day lies in the period.
func (p Period) Contains(day domain.Date) bool {
	return !day.IsZero() && !day.Before(p.From) && !day.After(p.To)
}

// ContainsTime reports whether the instant t falls on a day of the period in loc.
func (p Period) ContainsTime(t time.Time, loc *time.Location) bool {
	return !t.IsZero() && p.Contains(domain.DateOf(t.In(loc)))
}

// Start and End are the instants the period begins and ends (exclusive) in loc.
func (p Period) Start(loc *time.Location) time.Time { return p.From.Time(loc) }
func (p Period) End(loc *time.Location) time.Time   { return p.To.AddDays(1).Time(loc) }

// Months lists the first day of every month the period touches, for charts by month.
func (p Period) Months() []domain.Date {
	var out []domain.Date
	for m := (domain.Date{Year: p.From.Year, Month: p.From.Month, Day: 1}); !m.After(p.To); m = domain.NewDate(m.Year, m.Month+1, 1) {
		out = append(out, m)
	}
	return out
}

// monthIndex is the position of day's month in Months().
func (p Period) monthIndex(day domain.Date) int {
	return (day.Year-p.From.Year)*12 + int(day.Month) - int(p.From.Month)
}
