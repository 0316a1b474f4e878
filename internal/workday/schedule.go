package workday

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"lawdesk/internal/domain"
)

// Day is one entry of a published schedule: a day off, or a make-up working day (调休上班)
// that falls on what would otherwise be a weekend.
type Day struct {
	Date   domain.Date
	Name   string // the holiday it belongs to, e.g. 国庆节
	OffDay bool   // true: a day off; false: a make-up working day
}

// Schedule is the State Council's holiday arrangement for one year.
//
// Days may include late December of the previous year: the New Year holiday is announced
// in the following year's notice (2019's notice covers 2018-12-29 … 2019-01-01).
type Schedule struct {
	Year   int
	Papers []string // the notices the schedule comes from (usually gov.cn addresses)
	Days   []Day    // sorted by date, no date twice
}

// ParseSchedule reads a schedule in the holiday-cn format
// {"year": 2025, "papers": [url…], "days": [{"name", "date": "YYYY-MM-DD", "isOffDay"}]},
// tolerating unknown fields and rejecting anything that would make deadlines wrong, with a
// Chinese message naming the entry at fault.
func ParseSchedule(data []byte) (Schedule, error) {
	var s Schedule
	err := s.UnmarshalJSON(data)
	return s, err
}

// Validate checks s the way ParseSchedule does, for schedules built by hand (for example
// entered by the administrator).
func (s Schedule) Validate() error {
	if s.Year < minYear || s.Year > maxYear {
		return domain.Errorf(domain.EINVALID, "节假日安排的年份 %d 不正确，请填写 %d 到 %d 之间的年份。", s.Year, minYear, maxYear)
	}
	if len(s.Days) == 0 {
		return domain.Errorf(domain.EINVALID, "%d 年的节假日安排没有列出任何放假或调休上班的日期，请检查文件是否完整。", s.Year)
	}
	seen := make(map[domain.Date]int, len(s.Days))
	for i, d := range s.Days {
		n := i + 1 // people count entries from 1
		if !d.Date.Valid() {
			return domain.Errorf(domain.EINVALID, "%d 年节假日安排第 %d 项的日期无效，请填写形如“%d-10-01”的日期。", s.Year, n, s.Year)
		}
		if !inScheduleYear(s.Year, d.Date) {
			return domain.Errorf(domain.EINVALID,
				"%d 年节假日安排第 %d 项的日期 %s 不属于 %d 年（只能是本年的日期，或元旦假期涉及的上一年 12 月的日期），请检查年份。",
				s.Year, n, d.Date, s.Year)
		}
		if strings.TrimSpace(d.Name) == "" {
			return domain.Errorf(domain.EINVALID, "%d 年节假日安排第 %d 项（%s）缺少节日名称，请填写，例如“国庆节”。", s.Year, n, d.Date)
		}
		if prev, dup := seen[d.Date]; dup {
			return domain.Errorf(domain.EINVALID, "%d 年节假日安排第 %d 项与第 %d 项的日期重复（%s），请删除其中一项。", s.Year, n, prev, d.Date)
		}
		seen[d.Date] = n
	}
	return nil
}

// Years outside this range are typing mistakes, not schedules.
const (
	minYear = 1949
	maxYear = 2999
)

// inScheduleYear reports whether d may appear in year's schedule: the year itself, or
// December of the year before (New Year holidays and their make-up days).
func inScheduleYear(year int, d domain.Date) bool {
	return d.Year == year || (d.Year == year-1 && d.Month == time.December)
}

// holidayCN mirrors the holiday-cn JSON format. Pointers tell a missing field from a
// zero one: a missing isOffDay must not silently turn a holiday into a working day.
type holidayCN struct {
	Year   *int            `json:"year"`
	Papers []string        `json:"papers"`
	Days   *[]holidayCNDay `json:"days"`
}

type holidayCNDay struct {
	Name     string `json:"name"`
	Date     string `json:"date"`
	IsOffDay *bool  `json:"isOffDay"`
}

// MarshalJSON writes s in the holiday-cn format, so an exported schedule can be imported
// again here or read by other tools.
func (s Schedule) MarshalJSON() ([]byte, error) {
	days := make([]holidayCNDay, len(s.Days))
	for i, d := range s.Days {
		off := d.OffDay
		days[i] = holidayCNDay{Name: d.Name, Date: d.Date.String(), IsOffDay: &off}
	}
	year := s.Year
	papers := s.Papers
	if papers == nil {
		papers = []string{} // the format has a list, never null
	}
	return json.Marshal(holidayCN{Year: &year, Papers: papers, Days: &days})
}

// UnmarshalJSON reads the holiday-cn format; see ParseSchedule.
func (s *Schedule) UnmarshalJSON(data []byte) error {
	var raw holidayCN
	if err := json.Unmarshal(data, &raw); err != nil {
		return jsonError(data, err)
	}
	if raw.Year == nil {
		return domain.Errorf(domain.EINVALID, "节假日文件缺少 year（年份）字段，请使用 holiday-cn 格式：{\"year\": 2026, \"papers\": [...], \"days\": [...]}。")
	}
	if raw.Days == nil {
		return domain.Errorf(domain.EINVALID, "%d 年节假日文件缺少 days（日期列表）字段，请检查文件是否完整。", *raw.Year)
	}
	out := Schedule{Year: *raw.Year, Papers: raw.Papers, Days: make([]Day, 0, len(*raw.Days))}
	for i, rd := range *raw.Days {
		n := i + 1
		if strings.TrimSpace(rd.Date) == "" {
			return domain.Errorf(domain.EINVALID, "%d 年节假日文件第 %d 项（%s）缺少 date（日期）。", out.Year, n, rd.Name)
		}
		date, err := domain.ParseDate(rd.Date)
		if err != nil {
			// ParseDate's message already names the input and the problem.
			return domain.Errorf(domain.EINVALID, "%d 年节假日文件第 %d 项：%s", out.Year, n, domain.ErrorMessage(err))
		}
		if rd.IsOffDay == nil {
			return domain.Errorf(domain.EINVALID, "%d 年节假日文件第 %d 项（%s）缺少 isOffDay：放假填 true，调休上班填 false。", out.Year, n, date)
		}
		out.Days = append(out.Days, Day{Date: date, Name: strings.TrimSpace(rd.Name), OffDay: *rd.IsOffDay})
	}
	// Check before sorting so messages name entries as numbered in the file.
	if err := out.Validate(); err != nil {
		return err
	}
	slices.SortFunc(out.Days, func(a, b Day) int { return a.Date.Compare(b.Date) })
	*s = out
	return nil
}

// jsonError turns a decoding error into a message naming the line, because a person
// fixing the file needs to know where to look.
func jsonError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return domain.Wrap(err, domain.EINVALID, "节假日文件不是有效的 JSON（第 %d 行附近有格式错误），请检查括号、引号和逗号。", lineAt(data, syn.Offset))
	case errors.As(err, &typ) && typ.Field == "":
		return domain.Wrap(err, domain.EINVALID, "节假日文件的内容应为一个对象 {\"year\": …, \"papers\": […], \"days\": […]}，请确认它是 holiday-cn 格式。")
	case errors.As(err, &typ):
		return domain.Wrap(err, domain.EINVALID, "节假日文件第 %d 行附近的 %s 类型不对（应为 %s）。", lineAt(data, typ.Offset), typ.Field, jsonKind(typ.Type.Kind().String()))
	default:
		return domain.Wrap(err, domain.EINVALID, "节假日文件无法读取，请确认它是 holiday-cn 格式的 JSON 文件。")
	}
}

func lineAt(data []byte, offset int64) int {
	offset = min(max(offset, 0), int64(len(data)))
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

func jsonKind(goKind string) string {
	switch goKind {
	case "int":
		return "整数"
	case "bool":
		return "true 或 false"
	case "string":
		return "带引号的文字"
	case "slice":
		return "列表 [...]"
	case "struct":
		return "对象 {...}"
	}
	return goKind
}

// clone returns a copy of s sharing no slices, so a Calendar's schedules cannot be
// changed from outside.
func (s Schedule) clone() Schedule {
	s.Papers = slices.Clone(s.Papers)
	s.Days = slices.Clone(s.Days)
	return s
}
