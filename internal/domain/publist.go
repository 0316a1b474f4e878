package domain

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ListKind names one of the lists an office publishes before enforcement (DOMAIN.md §1.1,
// 事前公开). The code is what the command line and file names use.
type ListKind string

const (
	ListBodies      ListKind = "bodies"      // 执法主体（含承办机构）
	ListOfficers    ListKind = "officers"    // 执法人员清单
	ListMatters     ListKind = "matters"     // 执法事项清单
	ListInspections ListKind = "inspections" // 随机抽查事项清单
	ListGuides      ListKind = "guides"      // 服务指南
	ListBenchmarks  ListKind = "benchmarks"  // 裁量基准
	ListSupervision ListKind = "supervision" // 投诉举报与监督方式
	ListRemedies    ListKind = "remedies"    // 救济渠道
)

// AllListKinds lists the published lists in the order screens show them.
var AllListKinds = []ListKind{ListBodies, ListOfficers, ListMatters, ListInspections, ListGuides,
	ListBenchmarks, ListSupervision, ListRemedies}

var listTitles = map[ListKind]string{
	ListBodies:      "执法主体",
	ListOfficers:    "执法人员清单",
	ListMatters:     "执法事项清单",
	ListInspections: "随机抽查事项清单",
	ListGuides:      "服务指南",
	ListBenchmarks:  "行政处罚裁量基准",
	ListSupervision: "投诉举报与监督方式",
	ListRemedies:    "救济渠道",
}

// Title is the list's Chinese title as printed, e.g. 执法人员清单.
func (k ListKind) Title() string {
	if t, ok := listTitles[k]; ok {
		return t
	}
	return string(k)
}

// Valid reports whether k is a known list.
func (k ListKind) Valid() bool { _, ok := listTitles[k]; return ok }

// ParseListKind accepts a list's code (matters) or its Chinese title (执法事项清单).
func ParseListKind(s string) (ListKind, error) {
	s = strings.TrimSpace(s)
	for _, k := range AllListKinds {
		if s == string(k) || s == k.Title() {
			return k, nil
		}
	}
	var codes []string
	for _, k := range AllListKinds {
		codes = append(codes, string(k)+"（"+k.Title()+"）")
	}
	return "", Errorf(EINVALID, "清单“%s”不存在。可选：%s。", s, strings.Join(codes, "、"))
}

// ListVersion is one published version of a list (动态调整): every publication keeps the
// list as it was published, with its date, who published it and why.
type ListVersion struct {
	Kind        ListKind
	No          int       // 1, 2, 3 … per list
	Date        Date      // 版本日期 printed on the list
	PublishedAt time.Time // when it was published in LawDesk
	Actor       string    // login name
	ActorName   string    // full name, as printed
	Reason      string    // 调整原因
	Rows        int       // entries in the published list
	Added       int       // compared with the previous version
	Changed     int
	Removed     int
}

// ChangeSummary says in words what changed from the previous version.
func (v ListVersion) ChangeSummary() string {
	if v.No == 1 {
		return "首次发布"
	}
	var parts []string
	for _, p := range []struct {
		n    int
		word string
	}{{v.Added, "新增"}, {v.Changed, "修改"}, {v.Removed, "删除"}} {
		if p.n > 0 {
			parts = append(parts, p.word+strconv.Itoa(p.n)+"项")
		}
	}
	if len(parts) == 0 {
		return "内容无变化"
	}
	return strings.Join(parts, "，")
}

// ListSnapshot is the content of a published version: the printed columns and, for each
// entry, its record ID and the text of each column, exactly as published.
type ListSnapshot struct {
	Columns []SnapshotColumn
	Items   []SnapshotItem
}

// SnapshotColumn is one published column.
type SnapshotColumn struct {
	Key    string
	Header string
}

// SnapshotItem is one published entry.
type SnapshotItem struct {
	ID     uint64
	Values []string // one per column
}

// Value returns the item's text in the column with key, "" when there is none.
func (s ListSnapshot) Value(item SnapshotItem, key string) string {
	for i, c := range s.Columns {
		if c.Key == key && i < len(item.Values) {
			return item.Values[i]
		}
	}
	return ""
}

// ListDiff compares two snapshots entry by entry (by record ID, column by key).
type ListDiff struct {
	Added, Changed, Removed []SnapshotItem // Removed items come from the old snapshot
}

// Empty reports whether nothing changed.
func (d ListDiff) Empty() bool { return len(d.Added)+len(d.Changed)+len(d.Removed) == 0 }

// DiffSnapshots returns what changed from old to cur.
func DiffSnapshots(old, cur ListSnapshot) ListDiff {
	var d ListDiff
	oldByID := make(map[uint64]SnapshotItem, len(old.Items))
	for _, it := range old.Items {
		oldByID[it.ID] = it
	}
	seen := make(map[uint64]bool, len(cur.Items))
	for _, it := range cur.Items {
		seen[it.ID] = true
		prev, ok := oldByID[it.ID]
		if !ok {
			d.Added = append(d.Added, it)
			continue
		}
		for _, c := range cur.Columns {
			if cur.Value(it, c.Key) != old.Value(prev, c.Key) {
				d.Changed = append(d.Changed, it)
				break
			}
		}
	}
	for _, it := range old.Items {
		if !seen[it.ID] {
			d.Removed = append(d.Removed, it)
		}
	}
	return d
}

// PendingLimit is how long a change to a published list may stay unpublished (DOMAIN.md
// §1.1: most plans say within 1 month, one says 15 working days).
type PendingLimit struct {
	N    int
	Unit LimitUnit
}

// LimitUnit is the unit of a PendingLimit.
type LimitUnit string

const (
	LimitMonths      LimitUnit = "month"
	LimitDays        LimitUnit = "day"
	LimitWorkingDays LimitUnit = "workday"
)

// DefaultPendingLimit is the national figure: one month.
var DefaultPendingLimit = PendingLimit{N: 1, Unit: LimitMonths}

var limitUnitLabels = map[LimitUnit]string{LimitMonths: "个月", LimitDays: "天", LimitWorkingDays: "个工作日"}

// Label is the unit's Chinese word, e.g. 个工作日.
func (u LimitUnit) Label() string { return limitUnitLabels[u] }

// String is the limit in words, e.g. 1个月.
func (l PendingLimit) String() string { return strconv.Itoa(l.N) + l.Unit.Label() }

// Validate checks a limit typed in settings.
func (l PendingLimit) Validate() error {
	if _, ok := limitUnitLabels[l.Unit]; !ok {
		return FieldErrorf("unit", "期限的单位应为个月、天或个工作日。")
	}
	max := map[LimitUnit]int{LimitMonths: 12, LimitDays: 366, LimitWorkingDays: 250}[l.Unit]
	if l.N < 1 || l.N > max {
		return FieldErrorf("n", "期限应在 1 到 %d%s之间。", max, l.Unit.Label())
	}
	return nil
}

// FieldErrorf returns an EINVALID error about one field (a form field or a spreadsheet
// column), so the message can be shown beside that field.
func FieldErrorf(field, format string, args ...any) *Error {
	e := Errorf(EINVALID, format, args...)
	e.Field = field
	return e
}

// ErrorField returns the field an error is about, "" when it is about no field.
func ErrorField(err error) string {
	if e, ok := err.(*Error); ok {
		return e.Field
	}
	return ""
}

// Text checks shared by the list entities.

// required returns a field error when s is blank, and one when it is longer than max runes.
func required(field, label, s string, max int) error {
	if strings.TrimSpace(s) == "" {
		return FieldErrorf(field, "请填写“%s”。", label)
	}
	return maxLen(field, label, s, max)
}

func maxLen(field, label, s string, max int) error {
	if n := utf8.RuneCountInString(s); n > max {
		return FieldErrorf(field, "“%s”最多 %d 个字，现在是 %d 个。", label, max, n)
	}
	return nil
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// phoneSeparators split several numbers written in one field: "12345 / 0858-8229999".
var phoneSeparators = regexp.MustCompile(`\s*[/、,，;；]\s*|\s{2,}`)

// ValidPhones reports whether s is one or more phone numbers (landline with area code,
// mobile, or a hotline such as 12345 or 12315), separated by / 、 , or ;.
func ValidPhones(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for _, p := range phoneSeparators.Split(s, -1) {
		if p == "" || !validPhone(p) {
			return false
		}
	}
	return true
}

func phoneField(field, label, s string) error {
	if strings.TrimSpace(s) != "" && !ValidPhones(s) {
		return FieldErrorf(field, "“%s”格式不对：%s。请填写电话号码，多个号码用“/”分隔，例如 0858-12315 / 12345。", label, s)
	}
	return nil
}

func urlField(field, label, s string) error {
	s = strings.TrimSpace(s)
	if s != "" && !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
		return FieldErrorf(field, "“%s”应以 http:// 或 https:// 开头。", label)
	}
	return nil
}
