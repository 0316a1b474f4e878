package workday

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"lawdesk/internal/domain"
)

// Break is one holiday break the way the State Council's notice words it: "国庆节：10月1日至8日
// 放假调休，共8天。9月28日（周日）、10月11日（周六）上班。" An administrator enters next year's
// schedule holiday by holiday, which is far less error-prone than a list of single days.
type Break struct {
	Name     string
	From, To domain.Date   // the days off, both included; zero when the holiday has only make-up days
	Makeup   []domain.Date // the make-up working days (调休上班)
}

// maxHolidayDays guards against typing mistakes such as 10-01 to 11-08; the longest real
// break so far (春节 2020, extended) was 10 days.
const maxHolidayDays = 31

// FromBreaks builds the schedule of year from holidays as written in the notice, with a
// Chinese message naming the holiday at fault when something cannot be right.
func FromBreaks(year int, papers []string, hs []Break) (Schedule, error) {
	s := Schedule{Year: year, Papers: slices.Clone(papers)}
	owner := map[domain.Date]string{} // which holiday already claimed a date
	claim := func(name string, d domain.Date, what string) error {
		if other, dup := owner[d]; dup {
			if other == name {
				return domain.Errorf(domain.EINVALID, "“%s”中的日期 %s 填了两次，请删除其中一处。", name, d)
			}
			return domain.Errorf(domain.EINVALID, "“%s”的%s %s 已经填在“%s”中，同一天只能属于一个节日，请检查。", name, what, d, other)
		}
		owner[d] = name
		return nil
	}
	for i, h := range hs {
		name := strings.TrimSpace(h.Name)
		if name == "" {
			if h.From.IsZero() && h.To.IsZero() && len(h.Makeup) == 0 {
				continue // an empty row of the form
			}
			return Schedule{}, domain.Errorf(domain.EINVALID, "第 %d 个节日缺少名称，请填写，例如“国庆节”。", i+1)
		}
		if h.From.IsZero() != h.To.IsZero() {
			return Schedule{}, domain.Errorf(domain.EINVALID, "“%s”的放假日期要填写开始和结束两天（只放一天时两处填同一天）。", name)
		}
		if h.From.IsZero() && len(h.Makeup) == 0 {
			return Schedule{}, domain.Errorf(domain.EINVALID, "“%s”既没有放假日期也没有调休上班日期，请填写或删除这一行。", name)
		}
		if !h.From.IsZero() {
			if h.To.Before(h.From) {
				return Schedule{}, domain.Errorf(domain.EINVALID, "“%s”的放假结束日期 %s 早于开始日期 %s，请检查。", name, h.To, h.From)
			}
			if n := h.From.DaysUntil(h.To) + 1; n > maxHolidayDays {
				return Schedule{}, domain.Errorf(domain.EINVALID, "“%s”放假 %d 天（%s 至 %s），不像是真实的安排，请检查日期。", name, n, h.From, h.To)
			}
			for d := h.From; !d.After(h.To); d = d.AddDays(1) {
				if err := claim(name, d, "放假日期"); err != nil {
					return Schedule{}, err
				}
				s.Days = append(s.Days, Day{Date: d, Name: name, OffDay: true})
			}
		}
		for _, d := range h.Makeup {
			if err := claim(name, d, "调休上班日期"); err != nil {
				return Schedule{}, err
			}
			s.Days = append(s.Days, Day{Date: d, Name: name, OffDay: false})
		}
	}
	slices.SortFunc(s.Days, func(a, b Day) int { return a.Date.Compare(b.Date) })
	if err := s.Validate(); err != nil {
		return Schedule{}, err
	}
	return s, nil
}

// Breaks groups the days of s back into holidays, for editing: consecutive days off
// with the same name form one holiday (a name that has two separate breaks gives two),
// and each make-up day joins the first holiday of its name. FromBreaks of the result
// gives s again.
func (s Schedule) Breaks() []Break {
	var out []Break
	first := map[string]int{} // name → index of its first holiday in out
	for _, d := range s.Days {
		if !d.OffDay {
			continue
		}
		if n := len(out) - 1; n >= 0 && out[n].Name == d.Name && out[n].To.AddDays(1) == d.Date {
			out[n].To = d.Date
			continue
		}
		if _, ok := first[d.Name]; !ok {
			first[d.Name] = len(out)
		}
		out = append(out, Break{Name: d.Name, From: d.Date, To: d.Date})
	}
	for _, d := range s.Days {
		if d.OffDay {
			continue
		}
		i, ok := first[d.Name]
		if !ok {
			i = len(out)
			first[d.Name] = i
			out = append(out, Break{Name: d.Name})
		}
		out[i].Makeup = append(out[i].Makeup, d.Date)
	}
	return out
}

// StandardHolidays are the names of the yearly public holidays, in calendar order, to
// pre-fill the form for a new year.
var StandardHolidays = []string{"元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"}

var (
	// 10-1, 10/1, 10.1 (month first).
	shortDate = regexp.MustCompile(`^(\d{1,2}) *[-/.] *(\d{1,2})$`)
	// 10月1日, 10月1号, 10月1.
	shortChinese = regexp.MustCompile(`^(\d{1,2}) *月 *(\d{1,2}) *[日号]?$`)
	// (周日), （星期六）: the weekday notices print after a date.
	weekdayNote = regexp.MustCompile(`[(（] *(周|星期)[一二三四五六日天] *[)）]`)
	// separators of a list of dates
	dateSeparators = regexp.MustCompile(`[、，,；;\s]+`)
)

// ParseDateIn reads one date the way a notice or a person writes it. A full date
// (2025-09-28, 2025年9月28日, …) is taken as it is; a date without the year (9-28, 9/28,
// 9月28日) belongs to year. A weekday in brackets, as notices print it, is ignored.
func ParseDateIn(year int, s string) (domain.Date, error) {
	in := strings.TrimSpace(weekdayNote.ReplaceAllString(halfWidth(s), ""))
	var m []string
	if m = shortDate.FindStringSubmatch(in); m == nil {
		m = shortChinese.FindStringSubmatch(in)
	}
	if m == nil {
		return domain.ParseDate(in)
	}
	mo, _ := strconv.Atoi(m[1])
	d, _ := strconv.Atoi(m[2])
	date := domain.Date{Year: year, Month: time.Month(mo), Day: d}
	if !date.Valid() {
		return domain.Date{}, domain.Errorf(domain.EINVALID, "日期“%s”无效：%d 年没有 %d 月 %d 日。", strings.TrimSpace(s), year, mo, d)
	}
	return date, nil
}

// ParseScheduleDate reads a date of year's holiday schedule: like ParseDateIn, except
// that a December date without the year is taken as December of the year before, because
// the only December days a notice lists are those of the New Year break (the 2023 notice's
// "12月31日" is 2022-12-31); the year's own December belongs to the next year's notice.
func ParseScheduleDate(year int, s string) (domain.Date, error) {
	in := strings.TrimSpace(weekdayNote.ReplaceAllString(halfWidth(s), ""))
	if m := shortDate.FindStringSubmatch(in); m != nil && m[1] == "12" {
		return ParseDateIn(year-1, in)
	}
	if m := shortChinese.FindStringSubmatch(in); m != nil && m[1] == "12" {
		return ParseDateIn(year-1, in)
	}
	return ParseDateIn(year, in)
}

// ParseDateList reads the make-up working days of a holiday as the notice lists them:
// "9月28日（周日）、10月11日（周六）", "2025-09-28, 2025-10-11" or "9-28 10-11", each
// date read with ParseScheduleDate. An empty text is an empty list.
func ParseDateList(year int, s string) ([]domain.Date, error) {
	// The weekday notes contain no separators, but drop them first so "（周日）、" splits cleanly.
	s = weekdayNote.ReplaceAllString(halfWidth(s), " ")
	var out []domain.Date
	for _, tok := range dateSeparators.Split(strings.TrimSpace(s), -1) {
		if tok == "" {
			continue
		}
		d, err := ParseScheduleDate(year, tok)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// FormatDateList writes dates the way ParseDateList reads them back.
func FormatDateList(ds []domain.Date) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.String()
	}
	return strings.Join(parts, "、")
}

// halfWidth turns the full-width digits and punctuation of a Chinese input method into
// ASCII, so "１０－１" reads like "10-1".
func halfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '－':
			return '-'
		case r == '／':
			return '/'
		case r == '．':
			return '.'
		case r == '\u3000':
			return ' '
		}
		return r
	}, s)
}
