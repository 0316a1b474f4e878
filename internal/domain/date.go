package domain

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date is a civil calendar date with no time of day and no time zone: a decision date, a
// deadline, a date of birth. Deadlines are counted in whole days, so carrying a clock time
// (and a zone that could shift the day) would only invite off-by-one errors.
//
// The zero value means "no date". Operations other than IsZero, Compare and String are
// meaningless on the zero value.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the date of t as seen in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// NewDate returns the date y-m-d, normalised like time.Date (so 2025-02-30 becomes
// 2025-03-02). Use ParseDate for input that must be rejected when it is not a real date.
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// Time returns midnight at the start of d in loc.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// utc is the date as a time.Time used for arithmetic; UTC has no daylight saving, so
// every day is exactly 24 hours long.
func (d Date) utc() time.Time { return d.Time(time.UTC) }

// IsZero reports whether d is the zero value, meaning "no date".
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d is a real calendar date (the zero value is not).
func (d Date) Valid() bool {
	return d.Year != 0 && d.Month >= time.January && d.Month <= time.December &&
		d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// AddDays returns the date n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date {
	// Fast path for the common step inside deadline loops.
	if n == 1 && d.Day < 28 {
		return Date{d.Year, d.Month, d.Day + 1}
	}
	return DateOf(d.utc().AddDate(0, 0, n))
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.utc().Weekday() }

// DaysUntil returns the number of days from d to other: 1 when other is the next day,
// negative when other is earlier.
func (d Date) DaysUntil(other Date) int {
	return int((other.utc().Unix() - d.utc().Unix()) / 86400)
}

// Compare returns -1 if d is before other, +1 if after and 0 if they are the same date.
// The zero date sorts before every real date.
func (d Date) Compare(other Date) int {
	switch {
	case d.Year != other.Year:
		return cmpInt(d.Year, other.Year)
	case d.Month != other.Month:
		return cmpInt(int(d.Month), int(other.Month))
	default:
		return cmpInt(d.Day, other.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before other.
func (d Date) Before(other Date) bool { return d.Compare(other) < 0 }

// After reports whether d is after other.
func (d Date) After(other Date) bool { return d.Compare(other) > 0 }

// Equal reports whether d and other are the same date.
func (d Date) Equal(other Date) bool { return d == other }

// String returns d as "2006-01-02", or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText writes d as "2006-01-02" ("" for the zero date), so dates read naturally in
// JSON and exports.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText accepts "" as the zero date and anything else ParseDate accepts.
func (d *Date) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*d = Date{}
		return nil
	}
	if v, ok := parseCanonical(text); ok { // what MarshalText wrote: every stored date
		*d = v
		return nil
	}
	v, err := ParseDate(string(text))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// parseCanonical reads "2006-01-02" without the lenient patterns of ParseDate, which would
// otherwise dominate decoding a store with millions of dates.
func parseCanonical(t []byte) (Date, bool) {
	if len(t) != 10 || t[4] != '-' || t[7] != '-' {
		return Date{}, false
	}
	num := func(b []byte) (int, bool) {
		n := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(t[:4])
	m, ok2 := num(t[5:7])
	d, ok3 := num(t[8:])
	if !ok1 || !ok2 || !ok3 || y == 0 || m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return Date{}, false
	}
	return Date{y, time.Month(m), d}, true
}

var (
	// 2025-09-26, 2025-9-26, 2025/9/26, 2025.9.26 (both separators must match).
	dateWithSep = regexp.MustCompile(`^(\d{4}) *([-/.]) *(\d{1,2}) *([-/.]) *(\d{1,2})$`)
	// 2025年9月26日; the closing 日 (or colloquial 号) may be left out.
	dateChinese = regexp.MustCompile(`^(\d{4}) *年 *(\d{1,2}) *月 *(\d{1,2}) *[日号]?$`)
	// 20250926.
	dateCompact = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
)

// fullWidth maps the full-width digits and separators a Chinese input method produces to
// their ASCII forms.
var fullWidth = strings.NewReplacer(
	"０", "0", "１", "1", "２", "2", "３", "3", "４", "4",
	"５", "5", "６", "6", "７", "7", "８", "8", "９", "9",
	"－", "-", "／", "/", "．", ".", "\u3000", " ",
)

// ParseDate reads a date the way people type it: 2025-09-26, 2025-9-26, 2025/9/26,
// 2025.9.26, 20250926 or 2025年9月26日, with surrounding spaces and full-width digits
// allowed. It is strict about the date itself: 2025-02-30 is an error, never March 2nd.
// Errors are *Error with code EINVALID and a message naming the input.
func ParseDate(s string) (Date, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return Date{}, Errorf(EINVALID, "日期不能为空，请按“2025-09-26”或“2025年9月26日”的格式填写。")
	}
	norm := fullWidth.Replace(in)
	var parts []string
	if m := dateWithSep.FindStringSubmatch(norm); m != nil && m[2] == m[4] {
		parts = []string{m[1], m[3], m[5]}
	} else if m := dateChinese.FindStringSubmatch(norm); m != nil {
		parts = m[1:4]
	} else if m := dateCompact.FindStringSubmatch(norm); m != nil {
		parts = m[1:4]
	} else {
		return Date{}, Errorf(EINVALID, "无法识别日期“%s”，请按“2025-09-26”或“2025年9月26日”的格式填写。", quoteInput(in))
	}
	// The patterns allow only 1–4 ASCII digits, so Atoi cannot fail.
	y, _ := strconv.Atoi(parts[0])
	m, _ := strconv.Atoi(parts[1])
	d, _ := strconv.Atoi(parts[2])
	switch {
	case y == 0:
		return Date{}, Errorf(EINVALID, "日期“%s”无效：年份不能是 0000。", quoteInput(in))
	case m < 1 || m > 12:
		return Date{}, Errorf(EINVALID, "日期“%s”无效：月份应在 1 到 12 之间。", quoteInput(in))
	case d < 1:
		return Date{}, Errorf(EINVALID, "日期“%s”无效：日应从 1 开始。", quoteInput(in))
	case d > daysIn(y, time.Month(m)):
		return Date{}, Errorf(EINVALID, "日期“%s”无效：%d年%d月只有%d天。", quoteInput(in), y, m, daysIn(y, time.Month(m)))
	}
	return Date{y, time.Month(m), d}, nil
}

// daysIn returns the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// quoteInput shortens unrecognisable input so an error message stays readable.
func quoteInput(s string) string {
	const max = 30
	if r := []rune(s); len(r) > max {
		return string(r[:max]) + "…"
	}
	return s
}
