package domain

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// User is a person who signs in to LawDesk on the office PC.
type User struct {
	ID        uint64
	Name      string // login name, e.g. admin or zhangsan
	FullName  string // 姓名
	Roles     []Role
	OfficerID uint64 // the officer in the 执法人员清单 this account belongs to, 0 if none
	Phone     string
	Disabled  bool

	PasswordHash       string
	MustChangePassword bool // set when an admin resets the password
	FailedLogins       int  // consecutive wrong passwords
	LockedUntil        time.Time

	Created time.Time
	Updated time.Time
}

// Login policy (issue 2): five wrong passwords lock the account for 15 minutes.
const (
	MaxFailedLogins   = 5
	LockoutDuration   = 15 * time.Minute
	MinPasswordLength = 8
)

// HasRole reports whether the user holds role r.
func (u User) HasRole(r Role) bool { return slices.Contains(u.Roles, r) }

// HasAnyRole reports whether the user holds at least one of roles.
func (u User) HasAnyRole(roles ...Role) bool {
	for _, r := range roles {
		if u.HasRole(r) {
			return true
		}
	}
	return false
}

// Locked reports whether the account is locked at time now.
func (u User) Locked(now time.Time) bool { return now.Before(u.LockedUntil) }

// DisplayName is the person's name with the login name as a fallback.
func (u User) DisplayName() string {
	if u.FullName != "" {
		return u.FullName
	}
	return u.Name
}

// Validate checks the fields a person types in the user form.
func (u User) Validate() error {
	if err := ValidateLoginName(u.Name); err != nil {
		return err
	}
	if strings.TrimSpace(u.FullName) == "" {
		return Errorf(EINVALID, "请填写“姓名”。")
	}
	if utf8.RuneCountInString(u.FullName) > 30 {
		return Errorf(EINVALID, "“姓名”最多 30 个字。")
	}
	if len(u.Roles) == 0 {
		return Errorf(EINVALID, "请至少选择一个“角色”。")
	}
	for _, r := range u.Roles {
		if !r.Valid() {
			return Errorf(EINVALID, "角色“%s”不存在。", r)
		}
	}
	if u.Phone != "" && !validPhone(u.Phone) {
		return Errorf(EINVALID, "“联系电话”格式不对：%s。请只填数字和短横线，例如 13800000000 或 0851-12345678。", u.Phone)
	}
	return nil
}

// ValidateLoginName checks a login name: 2–32 letters, digits, '.', '_' or '-'.
func ValidateLoginName(name string) error {
	if name == "" {
		return Errorf(EINVALID, "请填写“登录名”。")
	}
	if len(name) < 2 || len(name) > 32 {
		return Errorf(EINVALID, "“登录名”应为 2 到 32 个字符。")
	}
	for _, c := range name {
		if c > unicode.MaxASCII || !(unicode.IsLetter(c) || unicode.IsDigit(c) || c == '.' || c == '_' || c == '-') {
			return Errorf(EINVALID, "“登录名”只能使用英文字母、数字和 . _ -，例如 zhangsan。")
		}
	}
	return nil
}

// ValidatePassword checks a new password against the office policy.
func ValidatePassword(pw string) error {
	if utf8.RuneCountInString(pw) < MinPasswordLength {
		return Errorf(EINVALID, "密码至少需要 %d 位。", MinPasswordLength)
	}
	var letter, digit bool
	for _, c := range pw {
		letter = letter || unicode.IsLetter(c)
		digit = digit || unicode.IsDigit(c)
	}
	if !letter || !digit {
		return Errorf(EINVALID, "密码需要同时包含字母和数字。")
	}
	return nil
}

func validPhone(s string) bool {
	digits := 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '-' || c == ' ' || c == '+' || c == '(' || c == ')':
		default:
			return false
		}
	}
	return digits >= 5 && digits <= 20
}
