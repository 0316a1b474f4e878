package domain

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NumberRule is the office's rule for generating case numbers (DOMAIN.md §5). The template
// holds the placeholders {机关代字}, {类别字}, {年} and {序号}; the default gives
// 青市监处罚〔2026〕12号. Sequences restart each year and run per act type when the template
// contains {类别字} (otherwise one sequence per year serves every type).
type NumberRule struct {
	Template  string
	TypeChars map[ActType]string // 类别字 per act type; missing types use ActType.Short()
}

// DefaultNumberTemplate is the GB/T 9704 form: 机关代字 + 类别字 + 〔年〕 + 序号 + 号.
const DefaultNumberTemplate = "{机关代字}{类别字}〔{年}〕{序号}号"

// DefaultNumberRule returns the default rule.
func DefaultNumberRule() NumberRule { return NumberRule{Template: DefaultNumberTemplate} }

var placeholder = regexp.MustCompile(`\{[^{}]*\}`)

// Validate checks the template: {年} and {序号} exactly once, no unknown placeholders, and
// a result the lenient parser reads back.
func (r NumberRule) Validate() error {
	t := strings.TrimSpace(r.Template)
	if t == "" {
		return Errorf(EINVALID, "请填写“案件编号规则”，例如 %s。", DefaultNumberTemplate)
	}
	for _, p := range placeholder.FindAllString(t, -1) {
		switch p {
		case "{机关代字}", "{类别字}", "{年}", "{序号}":
		default:
			return Errorf(EINVALID, "“案件编号规则”中的 %s 不认识。可用：{机关代字}、{类别字}、{年}、{序号}。", p)
		}
	}
	for _, must := range []string{"{年}", "{序号}"} {
		if n := strings.Count(t, must); n != 1 {
			return Errorf(EINVALID, "“案件编号规则”必须包含一次 %s（现在是 %d 次）。", must, n)
		}
	}
	for typ, c := range r.TypeChars {
		if strings.ContainsAny(c, "〔〕[]()（）{}") || strings.IndexFunc(c, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
			return Errorf(EINVALID, "%s的类别字“%s”不能包含括号或空格。", typ.Label(), c)
		}
	}
	// every type's number must read back, the 12th case's as the 99,999th: a 类别字 after
	// the 序号 reads as part of it, zeros before it make a long number too long
	for _, typ := range AllActTypes {
		for _, seq := range []int{12, 99999} {
			sample := r.Format("某市监", typ, 2026, seq)
			n, err := ParseCaseNumber(sample)
			if err != nil || n.Year != 2026 || n.Seq != seq {
				return Errorf(EINVALID, "按“案件编号规则”生成的编号“%s”无法识别：年份应写在括号内（如〔{年}〕），序号紧随其后，类别字不能放在序号之后，序号前不要加 0。", sample)
			}
		}
	}
	return nil
}

// PerType reports whether each act type has its own sequence.
func (r NumberRule) PerType() bool { return strings.Contains(r.Template, "{类别字}") }

// TypeChar is the 类别字 of an act type (处罚, 许可, …).
func (r NumberRule) TypeChar(t ActType) string {
	if c, ok := r.TypeChars[t]; ok && c != "" {
		return c
	}
	return t.Short()
}

// Format writes the number of the seq-th case of year.
func (r NumberRule) Format(agencyShort string, t ActType, year, seq int) string {
	return strings.NewReplacer(
		"{机关代字}", agencyShort,
		"{类别字}", r.TypeChar(t),
		"{年}", strconv.Itoa(year),
		"{序号}", strconv.Itoa(seq),
	).Replace(strings.TrimSpace(r.Template))
}

// Prefix is the part of the numbers of type t before the year, in canonical form: the key
// that ties a typed number to the sequence it belongs to.
func (r NumberRule) Prefix(agencyShort string, t ActType) string {
	n, err := ParseCaseNumber(r.Format(agencyShort, t, 2000, 1))
	if err != nil {
		return ""
	}
	return n.Prefix
}

// CaseNumber is a case or document number read into its parts.
type CaseNumber struct {
	Prefix string // 机关代字 and 类别字, e.g. 青市监处罚
	Year   int
	Seq    int
}

// String is the canonical form: GB/T 9704 brackets 〔〕, no leading zeros, ending in 号.
// Two numbers that differ only in how they were typed have the same canonical form.
func (n CaseNumber) String() string {
	return n.Prefix + "〔" + strconv.Itoa(n.Year) + "〕" + strconv.Itoa(n.Seq) + "号"
}

// Number limits.
const (
	minNumberYear   = 1949
	maxNumberYear   = 2199
	maxNumberSeq    = 9_999_999
	maxPrefixRunes  = 40
	maxNumberLength = 120
)

var (
	numberSpaces = strings.NewReplacer(" ", "", "\t", "", "\u3000", "", "\u00a0", "")
	// the brackets people type around the year: 〔〕 (correct), ［］ [] （） () 【】 ﹝﹞ 〖〗
	numberBrackets = regexp.MustCompile(`^(.+?)[〔［\[（(【﹝〖](\d{4})[〕］\]）)】﹞〗]第?(\d{1,9})号?$`)
)

// ParseCaseNumber reads a number as it is found in real files: 青市监处罚〔2026〕12号, with
// [2026], ［2026］, （2026）, (2026) or 【2026】 for the brackets, leading zeros (〔2021〕0876号),
// 第 before the sequence, spaces and full-width digits. Errors are EINVALID and quote the
// input.
func ParseCaseNumber(s string) (CaseNumber, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return CaseNumber{}, Errorf(EINVALID, "请填写“案件编号”，例如 青市监处罚〔2026〕12号。")
	}
	if len(in) > maxNumberLength || !utf8.ValidString(in) {
		return CaseNumber{}, Errorf(EINVALID, "“案件编号”过长或含有无法识别的字符：%s。", quoteInput(strings.ToValidUTF8(in, "?")))
	}
	norm := numberSpaces.Replace(fullWidth.Replace(in))
	m := numberBrackets.FindStringSubmatch(norm)
	if m == nil {
		return CaseNumber{}, Errorf(EINVALID, "无法识别案件编号“%s”。应为“机关代字〔年份〕序号号”的形式，例如 青市监处罚〔2026〕12号。", quoteInput(in))
	}
	prefix := m[1]
	if strings.ContainsAny(prefix, "〔〕［］[]（）()【】﹝﹞〖〗") || utf8.RuneCountInString(prefix) > maxPrefixRunes {
		return CaseNumber{}, Errorf(EINVALID, "无法识别案件编号“%s”：年份前的机关代字不对。", quoteInput(in))
	}
	year, _ := strconv.Atoi(m[2])
	seq, _ := strconv.Atoi(m[3])
	switch {
	case year < minNumberYear || year > maxNumberYear:
		return CaseNumber{}, Errorf(EINVALID, "案件编号“%s”中的年份 %d 不合理。", quoteInput(in), year)
	case seq < 1 || seq > maxNumberSeq:
		return CaseNumber{}, Errorf(EINVALID, "案件编号“%s”中的序号应从 1 开始。", quoteInput(in))
	}
	return CaseNumber{Prefix: prefix, Year: year, Seq: seq}, nil
}

// CanonicalCaseNumber returns the canonical form of a typed number, or the error of
// ParseCaseNumber.
func CanonicalCaseNumber(s string) (string, error) {
	n, err := ParseCaseNumber(s)
	if err != nil {
		return "", err
	}
	return n.String(), nil
}
