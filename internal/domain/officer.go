package domain

import (
	"strings"
	"unicode/utf8"
)

// Officer is one entry of the 执法人员清单: a person who may carry out enforcement while
// their certificate (执法证) is valid.
type Officer struct {
	ID         uint64
	Name       string // 姓名
	Unit       string // 所在单位或承办机构, e.g. 青山县市场监督管理局城关市场监管所
	Post       string // 职务或岗位, e.g. 科员, 所长
	CertNo     string // 执法证号
	CertIssuer string // 发证机关: the provincial government or a State Council ministry
	Category   string // 执法类别, e.g. 市场监管
	Region     string // 执法区域
	ValidUntil Date   // 证件有效期至; the zero date means no certificate
	Phone      string
	PhotoSHA   string // blob of the photo for posting-board cards, "" when none
	Reviewer   bool   // works in the legal unit as a 法制审核人员 (counts for the 5% rule)
	Left       bool   // no longer with the office; kept for the record, never deleted
	// TrainingHours are the hours of enforcement training by year (≥ 40 a year).
	TrainingHours map[int]float64
	Note          string // 备注
}

// Officer rules (DOMAIN.md §1.1).
const (
	CertExpiryWarningDays = 60 // warn this many days before a certificate expires
	AnnualTrainingHours   = 40 // minimum training hours per year
)

// CertValid reports whether the officer holds a certificate valid on day and has not left:
// only then may they enforce.
func (o Officer) CertValid(day Date) bool {
	return !o.Left && o.CertNo != "" && !o.ValidUntil.IsZero() && !o.ValidUntil.Before(day)
}

// CertExpiresSoon reports whether a valid certificate expires within
// CertExpiryWarningDays of day.
func (o Officer) CertExpiresSoon(day Date) bool {
	return o.CertValid(day) && day.DaysUntil(o.ValidUntil) <= CertExpiryWarningDays
}

// TrainingShort reports how many hours short of the annual minimum the officer is in year.
func (o Officer) TrainingShort(year int) float64 {
	return max(0, AnnualTrainingHours-o.TrainingHours[year])
}

// Validate checks the fields a clerk types or imports. Errors name their field (see
// FieldErrorf) so forms and imports can show them beside the field or column.
func (o Officer) Validate() error {
	if strings.TrimSpace(o.Name) == "" {
		return FieldErrorf("name", "请填写执法人员的“姓名”。")
	}
	if utf8.RuneCountInString(o.Name) > 30 {
		return FieldErrorf("name", "“姓名”最多 30 个字。")
	}
	if strings.TrimSpace(o.Unit) == "" {
		return FieldErrorf("unit", "请填写“%s”的“所在单位”。", o.Name)
	}
	if o.CertNo != "" && o.ValidUntil.IsZero() {
		return FieldErrorf("valid_until", "“%s”填了执法证号，请同时填写“有效期至”。", o.Name)
	}
	if o.CertNo != "" && strings.TrimSpace(o.CertIssuer) == "" {
		return FieldErrorf("cert_issuer", "“%s”填了执法证号，请同时填写“发证机关”。", o.Name)
	}
	if o.CertNo != "" && !validCertNo(o.CertNo) {
		return FieldErrorf("cert_no", "“%s”的执法证号“%s”格式不对：只能包含数字、字母和“-”，最多 30 位。", o.Name, o.CertNo)
	}
	if !o.ValidUntil.IsZero() && !o.ValidUntil.Valid() {
		return FieldErrorf("valid_until", "“%s”的“有效期至”不是有效日期。", o.Name)
	}
	if o.Phone != "" && !validPhone(o.Phone) {
		return FieldErrorf("phone", "“%s”的“联系电话”格式不对：%s。", o.Name, o.Phone)
	}
	for year, h := range o.TrainingHours {
		if h < 0 || h > 2000 {
			return FieldErrorf("training", "“%s”%d 年的培训学时 %.1f 不合理，请检查。", o.Name, year, h)
		}
	}
	return firstErr(maxLen("unit", "所在单位", o.Unit, 100), maxLen("post", "职务", o.Post, 60),
		maxLen("cert_issuer", "发证机关", o.CertIssuer, 60), maxLen("category", "执法类别", o.Category, 100),
		maxLen("region", "执法区域", o.Region, 200), maxLen("note", "备注", o.Note, 500))
}

// validCertNo accepts the shapes certificate numbers take across provinces and ministries:
// digits and letters, optionally with hyphens.
func validCertNo(s string) bool {
	n := 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9', c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
			n++
		case c == '-':
		default:
			return false
		}
	}
	return n >= 2 && n <= 30
}

// CertStatus is an officer's standing on day, in words for lists and screens.
func (o Officer) CertStatus(day Date) string {
	switch {
	case o.Left:
		return "已调离"
	case o.CertNo == "" || o.ValidUntil.IsZero():
		return "无执法证"
	case !o.CertValid(day):
		return "证件已过期"
	case o.CertExpiresSoon(day):
		return "证件即将到期"
	}
	return "可执法"
}
