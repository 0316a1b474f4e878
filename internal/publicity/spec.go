package publicity

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"lawdesk/internal/domain"
)

// Row is one entry of a list as text, by field key: what a form shows, a spreadsheet row
// holds and a printed line prints. Every list converts its entries to and from Rows, so
// forms, imports, exports, history and printing are written once for all lists.
type Row map[string]string

// FieldKind says how a field is typed and read.
type FieldKind int

const (
	Text     FieldKind = iota // one line
	LongText                  // several lines
	Date                      // a date, e.g. 2028-06-30 or 2028年6月30日
	Choice                    // one of Choices
	Multi                     // several of Choices (or of the service's Options), separated by 、
	Bool                      // 是 / 否
	Number                    // a number, e.g. training hours
	Suggest                   // free text with suggestions from the service's Options
)

// Field is one column of a list.
type Field struct {
	Key      string
	Header   string    // column header on screen, in spreadsheets and in print
	Kind     FieldKind //
	Required bool      // the form and imports refuse an empty value
	Choices  []string  // Choice and Multi: the labels allowed
	Hint     string    // shown under the form field and in the template's 填写说明
	Print    float64   // relative width in the printed list; 0 keeps the field out of print and history
	Table    float32   // width in the screen table; 0 keeps it out of the table
	Aliases  []string  // other headers accepted on import
	Computed bool      // derived from other fields: printed, never typed or imported
}

// Editable reports whether the field is typed in forms and read from spreadsheets.
func (f Field) Editable() bool { return !f.Computed }

// Spec describes one list to the generic machinery.
type Spec struct {
	Kind   domain.ListKind
	Intro  string // one sentence on the list's screen
	Fields []Field
	// GroupBy names a field whose consecutive equal values print once (like merged cells):
	// the benchmark lines of one violation. GroupFields are blanked with it.
	GroupBy     string
	GroupFields []string
	// StatusHeader is the header of the computed status column of the screen table ("" none);
	// the column comes first, or after the field StatusAfter.
	StatusHeader string
	StatusAfter  string
	// RemoveWord is what removing an entry is called: 删除, or 标记调离 for officers who are
	// kept for the record.
	RemoveWord string
}

// Title is the list's printed title.
func (s *Spec) Title() string { return s.Kind.Title() }

// Field returns the field with key.
func (s *Spec) Field(key string) (Field, bool) {
	for _, f := range s.Fields {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// Header returns the header of the field with key, or key itself.
func (s *Spec) Header(key string) string {
	if f, ok := s.Field(key); ok {
		return f.Header
	}
	return key
}

// PrintFields are the published columns: what history keeps and print shows.
func (s *Spec) PrintFields() []Field {
	var out []Field
	for _, f := range s.Fields {
		if f.Print > 0 {
			out = append(out, f)
		}
	}
	return out
}

// TableFields are the columns of the screen table.
func (s *Spec) TableFields() []Field {
	var out []Field
	for _, f := range s.Fields {
		if f.Table > 0 {
			out = append(out, f)
		}
	}
	return out
}

// Parsing text into typed values. Every error names the field (domain.FieldErrorf), so a
// form shows it beside the field and an import beside the column.

func fieldErr(f Field, format string, args ...any) error {
	return domain.FieldErrorf(f.Key, "“%s”："+format, append([]any{f.Header}, args...)...)
}

// clean trims a value and normalises line ends.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimSpace(strings.ReplaceAll(s, "\r", "\n"))
}

func parseDate(f Field, s string) (domain.Date, error) {
	s = clean(s)
	if s == "" {
		return domain.Date{}, nil
	}
	d, err := domain.ParseDate(s)
	if err != nil {
		return d, fieldErr(f, "%s", domain.ErrorMessage(err))
	}
	return d, nil
}

var truthy = map[string]bool{"是": true, "y": true, "yes": true, "true": true, "1": true, "√": true, "✓": true, "有": true,
	"否": false, "n": false, "no": false, "false": false, "0": false, "×": false, "无": false, "": false}

func parseBool(f Field, s string) (bool, error) {
	v, ok := truthy[strings.ToLower(clean(s))]
	if !ok {
		return false, fieldErr(f, "应填“是”或“否”，现在是“%s”。", clean(s))
	}
	return v, nil
}

func boolText(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

var numberPattern = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)\s*(?:学时|小时|h)?$`)

func parseNumber(f Field, s string) (float64, bool, error) {
	s = clean(s)
	if s == "" {
		return 0, false, nil
	}
	m := numberPattern.FindStringSubmatch(s)
	if m == nil {
		return 0, false, fieldErr(f, "应填数字，例如 40 或 42.5，现在是“%s”。", s)
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	// kept to a tenth, as lists and cards show it: 42.46 reads 42.5 everywhere
	return math.Round(v*10) / 10, true, nil
}

func numberText(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// choice finds s among labels and returns its index; an empty s gives -1 without error.
func choice(f Field, s string) (int, error) {
	s = clean(s)
	if s == "" {
		return -1, nil
	}
	for i, c := range f.Choices {
		if s == c {
			return i, nil
		}
	}
	return -1, fieldErr(f, "“%s”不是可选的值。可填：%s。", s, strings.Join(f.Choices, "、"))
}

var listSeparators = regexp.MustCompile(`\s*[、,，;；/\n]\s*`)

// splitList splits a multi-value cell: 现场检查、调查取证 or one value per line.
func splitList(s string) []string {
	var out []string
	for _, p := range listSeparators.Split(clean(s), -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func splitLines(s string) []string {
	var out []string
	for _, p := range strings.Split(clean(s), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// rowReader sets the fields present in a Row, collecting the first error. Absent keys
// leave the value as it was, so a spreadsheet without a column keeps what is stored.
type rowReader struct {
	spec *Spec
	row  Row
	err  error
}

func (r *rowReader) field(key string) (Field, string, bool) {
	v, ok := r.row[key]
	if !ok || r.err != nil {
		return Field{}, "", false
	}
	f, _ := r.spec.Field(key)
	if f.Required && clean(v) == "" {
		r.err = domain.FieldErrorf(key, "请填写“%s”。", f.Header)
		return f, "", false
	}
	return f, v, true
}

func (r *rowReader) text(key string, dst *string) {
	if _, v, ok := r.field(key); ok {
		*dst = clean(v)
	}
}

func (r *rowReader) date(key string, dst *domain.Date) {
	if f, v, ok := r.field(key); ok {
		d, err := parseDate(f, v)
		if err != nil {
			r.err = err
			return
		}
		*dst = d
	}
}

func (r *rowReader) boolean(key string, dst *bool) {
	if f, v, ok := r.field(key); ok {
		b, err := parseBool(f, v)
		if err != nil {
			r.err = err
			return
		}
		*dst = b
	}
}

// pick reads a Choice field into the code at the same index of codes.
func pick[T ~string](r *rowReader, key string, codes []T, dst *T) {
	if f, v, ok := r.field(key); ok {
		i, err := choice(f, v)
		if err != nil {
			r.err = err
			return
		}
		if i < 0 {
			*dst = ""
			return
		}
		*dst = codes[i]
	}
}

func (r *rowReader) lines(key string, dst *[]string) {
	if _, v, ok := r.field(key); ok {
		*dst = splitLines(v)
	}
}

// labels returns the label of each code, for Choice fields.
func labels[T any](codes []T, label func(T) string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = label(c)
	}
	return out
}

func labelOf[T comparable](codes []T, labels []string, c T) string {
	for i, x := range codes {
		if x == c {
			return labels[i]
		}
	}
	return ""
}
