package domain

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ArchiveRule is how the office forms archive numbers (档号, DA/T 22):
// 全宗号-门类代码·年度-保管期限-机构代码-件号, e.g. J047-WS·2026-Y-ZF-0003. The 件号 runs per
// everything before it (so per year and retention), is given out when a case is archived
// and is never reused.
type ArchiveRule struct {
	Template string // with {全宗号} {门类} {年度} {期限} {机构} {件号}
	Fonds    string // 全宗号, given by the archives office
	Category string // 门类代码, e.g. WS (文书) or ZF (执法)
	Unit     string // 机构（问题）代码; "" leaves it and its dash out
	Digits   int    // width of the 件号, zero-padded (DA/T 22: 4)
}

// DefaultArchiveTemplate is the DA/T 22 form.
const DefaultArchiveTemplate = "{全宗号}-{门类}·{年度}-{期限}-{机构}-{件号}"

// DefaultArchiveRule is the rule until an administrator sets the office's own 全宗号.
func DefaultArchiveRule() ArchiveRule {
	return ArchiveRule{Template: DefaultArchiveTemplate, Fonds: "001", Category: "WS", Digits: 4}
}

var archivePlaceholders = map[string]bool{"{全宗号}": true, "{门类}": true, "{年度}": true, "{期限}": true, "{机构}": true, "{件号}": true}

var archiveCodeChars = regexp.MustCompile(`^[A-Za-z0-9]*$`)

// Validate checks the rule an administrator typed.
func (r ArchiveRule) Validate() error {
	t := strings.TrimSpace(r.Template)
	if t == "" {
		return Errorf(EINVALID, "请填写“档号规则”，例如 %s。", DefaultArchiveTemplate)
	}
	for _, p := range placeholder.FindAllString(t, -1) {
		if !archivePlaceholders[p] {
			return Errorf(EINVALID, "“档号规则”中的 %s 不认识。可用：{全宗号}、{门类}、{年度}、{期限}、{机构}、{件号}。", p)
		}
	}
	for _, must := range []string{"{年度}", "{件号}"} {
		if strings.Count(t, must) != 1 {
			return Errorf(EINVALID, "“档号规则”必须包含一次 %s。", must)
		}
	}
	if !strings.HasSuffix(t, "{件号}") {
		return Errorf(EINVALID, "“档号规则”应以 {件号} 结尾（DA/T 22：件号在最后）。")
	}
	if strings.Contains(t, "{全宗号}") && strings.TrimSpace(r.Fonds) == "" {
		return Errorf(EINVALID, "请填写“全宗号”（由档案部门编定，例如 J047）。")
	}
	for _, f := range []struct{ label, v string }{{"全宗号", r.Fonds}, {"门类代码", r.Category}, {"机构代码", r.Unit}} {
		if !archiveCodeChars.MatchString(f.v) || utf8.RuneCountInString(f.v) > 12 {
			return Errorf(EINVALID, "“%s”只能使用字母和数字（最多 12 位），现在是“%s”。", f.label, f.v)
		}
	}
	if r.Digits < 1 || r.Digits > 8 {
		return Errorf(EINVALID, "“件号位数”应在 1 到 8 之间。")
	}
	return nil
}

// RetentionCode is the DA/T 22 code of a retention period: Y (永久), D30, D10.
func RetentionCode(r Retention) string {
	switch r {
	case RetentionPermanent:
		return "Y"
	case Retention30Years:
		return "D30"
	case Retention10Years:
		return "D10"
	}
	return string(r)
}

// Prefix is the archive number without its 件号: the key of the 件号 sequence.
func (r ArchiveRule) Prefix(year int, ret Retention) string {
	t := strings.TrimSpace(r.Template)
	if r.Unit == "" {
		t = strings.ReplaceAll(t, "-{机构}", "")
		t = strings.ReplaceAll(t, "{机构}", "")
	}
	t = strings.TrimSuffix(t, "{件号}")
	return strings.NewReplacer("{全宗号}", r.Fonds, "{门类}", r.Category, "{年度}", strconv.Itoa(year),
		"{期限}", RetentionCode(ret), "{机构}", r.Unit).Replace(t)
}

// Format writes the archive number of the seq-th dossier under prefix.
func (r ArchiveRule) Format(year int, ret Retention, seq int) string {
	return r.Prefix(year, ret) + fmt.Sprintf("%0*d", max(1, r.Digits), seq)
}

// DossierTitle is the 案卷题名 of a case: party, matter and the kind of act.
func DossierTitle(c Case) string {
	matter := strings.TrimSuffix(strings.TrimPrefix(c.MatterName, "对"), "的处罚")
	return c.Party.Name + matter + "案"
}
