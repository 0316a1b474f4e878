// Package office owns the office itself: its agency profile, its user accounts, signing
// in, and who may do what. Every operation checks the caller's roles here, so the user
// interface hiding a button is never the only protection.
package office

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

// Service is the office service over one store.
type Service struct {
	st *store.Store
}

// New returns the office service.
func New(st *store.Store) *Service { return &Service{st: st} }

// Session is a signed-in user. Services take it to check permissions and to record who
// did what in the audit chain.
type Session struct {
	User domain.User
}

// Actor is the name recorded in the audit chain.
func (s Session) Actor() string { return s.User.Name }

// NeedsSetup reports whether the data directory is new (no accounts yet).
func (s *Service) NeedsSetup() (bool, error) {
	n, err := s.st.UserCount()
	return n == 0, err
}

// SetupRequest is what the first-run wizard collects.
type SetupRequest struct {
	Agency        domain.Agency
	AdminName     string
	AdminFullName string
	Password      string
	Password2     string
}

// Setup creates the office and its first administrator and signs them in.
func (s *Service) Setup(req SetupRequest) (Session, error) {
	if err := req.Agency.Validate(); err != nil {
		return Session{}, err
	}
	admin := domain.User{Name: strings.TrimSpace(req.AdminName), FullName: strings.TrimSpace(req.AdminFullName),
		Roles: []domain.Role{domain.RoleAdmin}}
	if err := admin.Validate(); err != nil {
		return Session{}, err
	}
	if err := checkNewPassword(req.Password, req.Password2); err != nil {
		return Session{}, err
	}
	hash, err := HashPassword(req.Password)
	if err != nil {
		return Session{}, err
	}
	admin.PasswordHash = hash
	admin, err = s.st.Setup(req.Agency, admin)
	return Session{User: admin}, err
}

// Login checks a user name and password. Five wrong passwords in a row lock the account
// for 15 minutes; the lock and every attempt are recorded in the audit chain.
func (s *Service) Login(name, password string) (Session, error) {
	name = strings.TrimSpace(name)
	wrong := domain.Errorf(domain.EUNAUTHORIZED, "用户名或密码不正确。请检查后重试（注意大小写和输入法）。")
	if name == "" {
		return Session{}, domain.Errorf(domain.EINVALID, "请输入用户名。")
	}
	u, err := s.st.UserByName(name)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		CheckPassword(dummyHash, password) // same time as a real check: no user-name probing
		return Session{}, wrong
	}
	if err != nil {
		return Session{}, err
	}
	now := s.st.Now()
	if u.Disabled {
		return Session{}, domain.Errorf(domain.EFORBIDDEN, "账户“%s”已停用。请联系管理员。", name)
	}
	if u.Locked(now) {
		return Session{}, lockedError(u, now)
	}
	if !CheckPassword(u.PasswordHash, password) {
		u.FailedLogins++
		summary := fmt.Sprintf("登录失败（密码错误，第 %d 次）", u.FailedLogins)
		if u.FailedLogins >= domain.MaxFailedLogins {
			u.LockedUntil = now.Add(domain.LockoutDuration)
			u.FailedLogins = 0
			summary = fmt.Sprintf("连续 %d 次密码错误，账户锁定 %d 分钟", domain.MaxFailedLogins, int(domain.LockoutDuration.Minutes()))
		}
		if _, err := s.st.SaveUser(u, store.UserChange{Actor: name, Action: "user.login_failed", Summary: summary}); err != nil {
			return Session{}, err
		}
		if u.Locked(now) {
			return Session{}, lockedError(u, now)
		}
		left := domain.MaxFailedLogins - u.FailedLogins
		return Session{}, domain.Errorf(domain.EUNAUTHORIZED, "用户名或密码不正确。再错 %d 次，账户将被锁定 %d 分钟。", left, int(domain.LockoutDuration.Minutes()))
	}
	u.FailedLogins = 0
	u.LockedUntil = time.Time{}
	u, err = s.st.SaveUser(u, store.UserChange{Actor: name, Action: "user.login", Summary: "登录"})
	return Session{User: u}, err
}

var dummyHash, _ = HashPassword("dummy-password-for-timing")

func lockedError(u domain.User, now time.Time) error {
	mins := int(u.LockedUntil.Sub(now).Minutes()) + 1
	return domain.Errorf(domain.ELOCKED, "账户“%s”因多次密码错误已被锁定，请 %d 分钟后再试，或请管理员解锁。", u.Name, mins)
}

// ChangePassword sets a new password for the signed-in user (required after a reset).
func (s *Service) ChangePassword(sess Session, old, pw, pw2 string) (Session, error) {
	u, err := s.st.User(sess.User.ID)
	if err != nil {
		return sess, err
	}
	if !CheckPassword(u.PasswordHash, old) {
		return sess, domain.Errorf(domain.EUNAUTHORIZED, "“原密码”不正确。")
	}
	if err := checkNewPassword(pw, pw2); err != nil {
		return sess, err
	}
	if pw == old {
		return sess, domain.Errorf(domain.EINVALID, "新密码不能与原密码相同。")
	}
	if u.PasswordHash, err = HashPassword(pw); err != nil {
		return sess, err
	}
	u.MustChangePassword = false
	u, err = s.st.SaveUser(u, store.UserChange{Actor: u.Name, Action: "user.password", Summary: "修改自己的密码"})
	return Session{User: u}, err
}

func checkNewPassword(pw, pw2 string) error {
	if err := domain.ValidatePassword(pw); err != nil {
		return err
	}
	if pw != pw2 {
		return domain.Errorf(domain.EINVALID, "两次输入的密码不一致，请重新输入“确认密码”。")
	}
	return nil
}

// Agency returns the office profile.
func (s *Service) Agency() (domain.Agency, error) {
	a, _, err := s.st.Agency()
	return a, err
}

// SaveAgency changes the office profile (admins only).
func (s *Service) SaveAgency(sess Session, a domain.Agency) error {
	if err := domain.Require(sess.User, domain.PermEditAgency, "修改机构信息"); err != nil {
		return err
	}
	a = trimAgency(a)
	if err := a.Validate(); err != nil {
		return err
	}
	return s.st.SaveAgency(sess.Actor(), a)
}

func trimAgency(a domain.Agency) domain.Agency {
	for _, f := range []*string{&a.Name, &a.ShortName, &a.Region, &a.CreditCode, &a.Address, &a.Postcode, &a.Phone, &a.LegalRep, &a.PublicURL} {
		*f = strings.TrimSpace(*f)
	}
	a.CreditCode = strings.ToUpper(a.CreditCode)
	return a
}

// Users lists the accounts (admins only).
func (s *Service) Users(sess Session) ([]domain.User, error) {
	if err := domain.Require(sess.User, domain.PermManageUsers, "查看账户列表"); err != nil {
		return nil, err
	}
	return s.st.Users()
}

// UserForm is what the user-management form edits.
type UserForm struct {
	ID        uint64 // 0 for a new account
	Name      string
	FullName  string
	Roles     []domain.Role
	Phone     string
	OfficerID uint64
	Disabled  bool
	Password  string // new accounts only: the first password (must be changed at first login)
}

// SaveUser creates or edits an account (admins only). A new account must change its
// password at first login.
func (s *Service) SaveUser(sess Session, f UserForm) (domain.User, error) {
	if err := domain.Require(sess.User, domain.PermManageUsers, "管理账户"); err != nil {
		return domain.User{}, err
	}
	u := domain.User{}
	action, summary := "user.create", "创建账户 "+f.Name
	if f.ID != 0 {
		var err error
		if u, err = s.st.User(f.ID); err != nil {
			return u, err
		}
		action, summary = "user.update", "修改账户 "+f.Name
	}
	u.Name, u.FullName, u.Phone = strings.TrimSpace(f.Name), strings.TrimSpace(f.FullName), strings.TrimSpace(f.Phone)
	u.Roles, u.OfficerID, u.Disabled = sortedRoles(f.Roles), f.OfficerID, f.Disabled
	if err := u.Validate(); err != nil {
		return u, err
	}
	if f.ID == sess.User.ID && (!u.HasRole(domain.RoleAdmin) || u.Disabled) {
		return u, domain.Errorf(domain.EINVALID, "不能取消自己的管理员角色或停用自己的账户，以免没有人能管理系统。请让另一位管理员操作。")
	}
	if f.ID != 0 && (!u.HasRole(domain.RoleAdmin) || u.Disabled) {
		if err := s.keepOneAdmin(f.ID); err != nil {
			return u, err
		}
	}
	if f.ID == 0 {
		if err := domain.ValidatePassword(f.Password); err != nil {
			return u, domain.Errorf(domain.EINVALID, "初始密码：%s", domain.ErrorMessage(err))
		}
		hash, err := HashPassword(f.Password)
		if err != nil {
			return u, err
		}
		u.PasswordHash, u.MustChangePassword = hash, true
	}
	summary += "（" + domain.RoleLabels(u.Roles) + "）"
	return s.st.SaveUser(u, store.UserChange{Actor: sess.Actor(), Action: action, Summary: summary})
}

// keepOneAdmin refuses a change that would leave no active administrator.
func (s *Service) keepOneAdmin(changing uint64) error {
	users, err := s.st.Users()
	if err != nil {
		return err
	}
	for _, u := range users {
		if u.ID != changing && u.HasRole(domain.RoleAdmin) && !u.Disabled {
			return nil
		}
	}
	return domain.Errorf(domain.EINVALID, "这是唯一的管理员账户，不能取消管理员角色或停用。请先给另一个账户设置管理员角色。")
}

// ResetPassword sets a temporary password chosen by an admin; the user must change it at
// next login. It also unlocks the account.
func (s *Service) ResetPassword(sess Session, userID uint64, temp string) error {
	if err := domain.Require(sess.User, domain.PermManageUsers, "重置密码"); err != nil {
		return err
	}
	if err := domain.ValidatePassword(temp); err != nil {
		return domain.Errorf(domain.EINVALID, "临时密码：%s", domain.ErrorMessage(err))
	}
	u, err := s.st.User(userID)
	if err != nil {
		return err
	}
	if u.PasswordHash, err = HashPassword(temp); err != nil {
		return err
	}
	u.MustChangePassword, u.FailedLogins, u.LockedUntil = true, 0, time.Time{}
	_, err = s.st.SaveUser(u, store.UserChange{Actor: sess.Actor(), Action: "user.reset_password",
		Summary: "重置账户 " + u.Name + " 的密码（下次登录须修改）"})
	return err
}

// Unlock lifts a lockout before its 15 minutes are over.
func (s *Service) Unlock(sess Session, userID uint64) error {
	if err := domain.Require(sess.User, domain.PermManageUsers, "解锁账户"); err != nil {
		return err
	}
	u, err := s.st.User(userID)
	if err != nil {
		return err
	}
	u.FailedLogins, u.LockedUntil = 0, time.Time{}
	_, err = s.st.SaveUser(u, store.UserChange{Actor: sess.Actor(), Action: "user.unlock", Summary: "解锁账户 " + u.Name})
	return err
}

func sortedRoles(roles []domain.Role) []domain.Role {
	var out []domain.Role
	for _, r := range domain.AllRoles {
		if slices.Contains(roles, r) {
			out = append(out, r)
		}
	}
	return out
}

// Todos lists what the office profile and accounts need, for the dashboard.
func (s *Service) Todos(sess Session) ([]domain.Todo, error) {
	var out []domain.Todo
	if !domain.Allowed(sess.User.Roles, domain.PermManageUsers) {
		return nil, nil
	}
	a, err := s.Agency()
	if err != nil {
		return nil, err
	}
	if missing := a.Missing(); len(missing) > 0 {
		out = append(out, domain.Todo{Kind: "机构信息", Title: "完善机构信息",
			Detail:   "缺少：" + strings.Join(missing, "、") + "。公示和打印需要这些信息。",
			Severity: domain.SeverityInfo, Target: "settings:agency"})
	}
	users, err := s.st.Users()
	if err != nil {
		return nil, err
	}
	now := s.st.Now()
	for _, u := range users {
		if u.Locked(now) {
			out = append(out, domain.Todo{Kind: "账户", Title: "账户 " + u.Name + "（" + u.DisplayName() + "）已被锁定",
				Detail: "多次密码错误。如确认是本人，可在“系统设置 → 用户管理”中解锁。", Due: u.LockedUntil,
				Severity: domain.SeverityDueSoon, Target: fmt.Sprintf("settings:user:%d", u.ID)})
		}
	}
	return out, nil
}
