package media

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"lawdesk/internal/domain"
)

// NamePattern recognises one vendor's file-name shape. Build one with NewNamePattern (a
// template such as "DCAM_{device}_{officer}_{date}_{time}[_{flag}]") or NewNameRegexp (a
// regular expression with named groups). The zero value matches nothing.
//
// A pattern is matched against the whole file name without its extension, ignoring case.
type NamePattern struct {
	// Name identifies the pattern in NameInfo.Pattern and in settings screens.
	Name string
	// Source is the template or regular expression the pattern was built from.
	Source string
	// IsRegexp tells whether Source is a regular expression (true) or a template.
	IsRegexp bool
	// ImportantFlags lists the flag values (compared ignoring case) that mark a file as
	// important; nil means DefaultImportantFlags.
	ImportantFlags []string

	re *regexp.Regexp
}

// NameInfo is what a file name says about a recording.
type NameInfo struct {
	Device   string
	Officer  string
	Captured time.Time // in time.Local; zero when the pattern carries no date
	Flag     string    // the raw flag text, e.g. "IMP"
	// Important is true when Flag is one of the pattern's important flags.
	Important bool
	// Pattern is the Name of the pattern that matched.
	Pattern string
}

// DefaultImportantFlags are the flag values that mark an important (key) file.
var DefaultImportantFlags = []string{"IMP", "IMPT", "IMPORTANT"}

// Group names a pattern may use. date is YYYYMMDD (separators allowed in regexps), time is
// HHMMSS or HHMM, datetime is both together.
var nameGroups = map[string]string{
	"device":   `[A-Za-z0-9-]+`,
	"officer":  `[A-Za-z0-9-]+`,
	"date":     `\d{8}`,
	"time":     `\d{6}`,
	"datetime": `\d{14}`,
	"flag":     `[A-Za-z]+`,
}

// DefaultNamePatterns returns the built-in patterns, most specific first: the common
// Chinese body-camera shape (DCAM_CAM001_000001_20260804_100000_IMP) and a few generic
// camera and phone shapes. The slice is new on every call; callers may append to it.
func DefaultNamePatterns() []NamePattern {
	defs := []struct{ name, tmpl string }{
		{"执法记录仪 DCAM", "DCAM_{device}_{officer}_{date}_{time}[_{flag}]*"},
		{"执法记录仪 设备_警号_日期_时间", "{device}_{officer}_{date}_{time}[_{flag}]*"},
		{"日期_时间_设备", "{date}_{time}_{device}[_{flag}]*"},
		{"日期_时间", "{date}_{time}[_{flag}]"},
		{"IMG_日期_时间", "IMG_{date}_{time}*"},
		{"VID_日期_时间", "VID_{date}_{time}*"},
		{"IMG日期时间", "IMG{datetime}*"},
		{"VID日期时间", "VID{datetime}*"},
		{"REC日期时间", "REC{datetime}*"},
	}
	out := make([]NamePattern, 0, len(defs))
	for _, d := range defs {
		p, err := NewNamePattern(d.name, d.tmpl)
		if err != nil {
			panic("media: bad default name pattern " + d.tmpl + ": " + err.Error())
		}
		out = append(out, p)
	}
	return out
}

// NewNamePattern compiles a user-friendly template. In a template:
//
//	{device} {officer} {date} {time} {datetime} {flag}  a field (each at most once)
//	[ ... ]                                             an optional part
//	*                                                   any text (including none)
//	anything else                                       literal text, matched ignoring case
//
// The template must contain {date} or {datetime}; {time} needs {date}.
func NewNamePattern(name, template string) (NamePattern, error) {
	var b strings.Builder
	b.WriteString(`(?i)^`)
	seen := map[string]bool{}
	depth := 0
	rs := []rune(template)
	for i := 0; i < len(rs); i++ {
		switch c := rs[i]; c {
		case '{':
			j := i + 1
			for j < len(rs) && rs[j] != '}' {
				j++
			}
			if j == len(rs) {
				return NamePattern{}, badTemplate(template, "“{” 没有对应的 “}”")
			}
			field := strings.ToLower(strings.TrimSpace(string(rs[i+1 : j])))
			expr, ok := nameGroups[field]
			if !ok {
				return NamePattern{}, badTemplate(template, "不认识的字段 {"+field+"}，可用的有 {device} {officer} {date} {time} {datetime} {flag}")
			}
			if seen[field] {
				return NamePattern{}, badTemplate(template, "字段 {"+field+"} 出现了不止一次")
			}
			seen[field] = true
			b.WriteString("(?P<" + field + ">" + expr + ")")
			i = j
		case '}':
			return NamePattern{}, badTemplate(template, "多了一个 “}”")
		case '[':
			depth++
			b.WriteString("(?:")
		case ']':
			if depth == 0 {
				return NamePattern{}, badTemplate(template, "多了一个 “]”")
			}
			depth--
			b.WriteString(")?")
		case '*':
			b.WriteString(".*?")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	if depth != 0 {
		return NamePattern{}, badTemplate(template, "“[” 没有对应的 “]”")
	}
	b.WriteString(`$`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		return NamePattern{}, domain.Wrap(err, domain.EINVALID, "文件名模板 %q 无法使用，请检查写法。", template)
	}
	p := NamePattern{Name: name, Source: template, re: re}
	if err := p.checkGroups(); err != nil {
		return NamePattern{}, err
	}
	return p, nil
}

// NewNameRegexp compiles a regular expression (Go RE2 syntax) with named groups among
// device, officer, date, time, datetime and flag. It is matched against the whole name
// without extension, ignoring case. Non-digits inside date, time and datetime are ignored,
// so (?P<date>\d{4}-\d{2}-\d{2}) works.
func NewNameRegexp(name, expr string) (NamePattern, error) {
	re, err := regexp.Compile(`(?i)^(?:` + expr + `)$`)
	if err != nil {
		return NamePattern{}, domain.Wrap(err, domain.EINVALID, "文件名正则表达式 %q 写法有误，请检查括号和转义。", expr)
	}
	p := NamePattern{Name: name, Source: expr, IsRegexp: true, re: re}
	if err := p.checkGroups(); err != nil {
		return NamePattern{}, err
	}
	return p, nil
}

func badTemplate(tmpl, why string) error {
	return domain.Errorf(domain.EINVALID, "文件名模板 %q 无法使用：%s。", tmpl, why)
}

func (p NamePattern) checkGroups() error {
	has := map[string]bool{}
	for _, n := range p.re.SubexpNames() {
		if n == "" {
			continue
		}
		if _, ok := nameGroups[n]; !ok {
			return domain.Errorf(domain.EINVALID, "文件名规则 %q 里的分组名 %q 不认识，可用的有 device、officer、date、time、datetime、flag。", p.Source, n)
		}
		has[n] = true
	}
	if !has["date"] && !has["datetime"] {
		return domain.Errorf(domain.EINVALID, "文件名规则 %q 没有日期字段（{date} 或 {datetime}），无法得出拍摄时间。", p.Source)
	}
	if has["time"] && !has["date"] {
		return domain.Errorf(domain.EINVALID, "文件名规则 %q 有时间字段却没有日期字段 {date}。", p.Source)
	}
	return nil
}

// String returns the pattern's name and source, for logs.
func (p NamePattern) String() string { return p.Name + " (" + p.Source + ")" }

// ParseName tries patterns in order on the base name of name (a path is accepted; both /
// and \ separate folders) and returns what the first matching pattern says. A match whose
// date or time is impossible (month 13, 25 o'clock) does not count, and the next pattern is
// tried. Captured is in time.Local.
func ParseName(name string, patterns []NamePattern) (NameInfo, bool) {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	stem := strings.TrimSuffix(name, filepath.Ext(name))
	if stem == "" {
		return NameInfo{}, false
	}
	for _, p := range patterns {
		if info, ok := p.parse(stem); ok {
			return info, true
		}
	}
	return NameInfo{}, false
}

func (p NamePattern) parse(stem string) (NameInfo, bool) {
	if p.re == nil {
		return NameInfo{}, false
	}
	m := p.re.FindStringSubmatch(stem)
	if m == nil {
		return NameInfo{}, false
	}
	get := func(n string) string {
		if i := p.re.SubexpIndex(n); i >= 0 {
			return m[i]
		}
		return ""
	}
	info := NameInfo{Device: get("device"), Officer: get("officer"), Flag: get("flag"), Pattern: p.Name}
	ds, ts := digits(get("date")), digits(get("time"))
	if dt := digits(get("datetime")); dt != "" {
		if len(dt) < 8 {
			return NameInfo{}, false
		}
		ds, ts = dt[:8], dt[8:]
	}
	t, ok := parseDateTime(ds, ts)
	if !ok {
		return NameInfo{}, false
	}
	info.Captured = t
	flags := p.ImportantFlags
	if flags == nil {
		flags = DefaultImportantFlags
	}
	for _, f := range flags {
		if info.Flag != "" && strings.EqualFold(info.Flag, f) {
			info.Important = true
		}
	}
	return info, true
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// parseDateTime turns YYYYMMDD and HHMMSS / HHMM / "" into a local time, refusing
// impossible values and years outside 1970–2099.
func parseDateTime(ds, ts string) (time.Time, bool) {
	if len(ds) != 8 {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(ds[:4])
	mo, _ := strconv.Atoi(ds[4:6])
	d, _ := strconv.Atoi(ds[6:8])
	var h, mi, s int
	switch len(ts) {
	case 0:
	case 4, 6:
		h, _ = strconv.Atoi(ts[:2])
		mi, _ = strconv.Atoi(ts[2:4])
		if len(ts) == 6 {
			s, _ = strconv.Atoi(ts[4:6])
		}
	default:
		return time.Time{}, false
	}
	if y < 1970 || y > 2099 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, s, 0, time.Local)
	if t.Day() != d || t.Month() != time.Month(mo) {
		return time.Time{}, false // 31 April, 29 February of a common year
	}
	return t, true
}
