package domain

import (
	"strings"
	"unicode/utf8"
)

// Agency is the office that uses LawDesk: the 执法主体 in whose name it acts.
type Agency struct {
	Name       string // 机关全称, e.g. 青山县市场监督管理局
	ShortName  string // 机关代字 for document numbers, e.g. 青市监
	Region     string // 行政区划, e.g. 贵州省六盘水市青山县
	CreditCode string // 统一社会信用代码
	Address    string
	Postcode   string
	Phone      string // 投诉举报电话
	LegalRep   string // 法定代表人
	PublicURL  string // the office's public page (QR codes on posting-board cards)
}

// Validate checks the agency profile as typed in the setup wizard or settings.
func (a Agency) Validate() error {
	if strings.TrimSpace(a.Name) == "" {
		return Errorf(EINVALID, "请填写“机关名称”。")
	}
	if utf8.RuneCountInString(a.Name) > 60 {
		return Errorf(EINVALID, "“机关名称”最多 60 个字。")
	}
	if strings.TrimSpace(a.ShortName) == "" {
		return Errorf(EINVALID, "请填写“机关代字”（用于文书编号，例如“青市监”）。")
	}
	if n := utf8.RuneCountInString(a.ShortName); n > 10 {
		return Errorf(EINVALID, "“机关代字”最多 10 个字，现在是 %d 个。", n)
	}
	if strings.ContainsAny(a.ShortName, "〔〕[]()（） ") {
		return Errorf(EINVALID, "“机关代字”不能包含括号或空格，年份和序号由系统自动添加。")
	}
	if strings.TrimSpace(a.Region) == "" {
		return Errorf(EINVALID, "请填写“行政区划”，例如“贵州省六盘水市青山县”。")
	}
	if a.CreditCode != "" && !ValidCreditCode(a.CreditCode) {
		return Errorf(EINVALID, "“统一社会信用代码”格式不对：%s。应为 18 位数字或大写字母。", a.CreditCode)
	}
	if a.Phone != "" && !validPhone(a.Phone) {
		return Errorf(EINVALID, "“联系电话”格式不对：%s。", a.Phone)
	}
	if a.PublicURL != "" && !strings.HasPrefix(a.PublicURL, "http://") && !strings.HasPrefix(a.PublicURL, "https://") {
		return Errorf(EINVALID, "“公示网址”应以 http:// 或 https:// 开头。")
	}
	return nil
}

// Missing lists the profile fields that are empty but should be filled before publishing.
func (a Agency) Missing() []string {
	var m []string
	for _, f := range []struct{ label, value string }{
		{"统一社会信用代码", a.CreditCode}, {"地址", a.Address}, {"联系电话", a.Phone},
		{"法定代表人", a.LegalRep}, {"公示网址", a.PublicURL},
	} {
		if strings.TrimSpace(f.value) == "" {
			m = append(m, f.label)
		}
	}
	return m
}

// ValidCreditCode checks the shape and the GB 32100-2015 check character of a unified social
// credit code (统一社会信用代码).
func ValidCreditCode(code string) bool {
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	weights := [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	if len(code) != 18 {
		return false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(chars, code[i])
		if v < 0 {
			return false
		}
		sum += v * weights[i]
	}
	check := (31 - sum%31) % 31
	return code[17] == chars[check]
}
