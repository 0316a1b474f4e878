// Package demo builds the demo office: a county market-regulation bureau with realistic
// people and records, so a newcomer can try every capability without typing data first.
// Each capability adds its own demo data here.
package demo

import (
	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// Agency is the demo office.
var Agency = domain.Agency{
	Name:       "青山县市场监督管理局",
	ShortName:  "青市监",
	Region:     "贵州省六盘水市青山县",
	CreditCode: "11520200MB1234567W",
	Address:    "贵州省六盘水市青山县人民路 88 号",
	Postcode:   "553000",
	Phone:      "0858-12315",
	LegalRep:   "王建国",
	PublicURL:  "https://www.qingshan.gov.cn/scjgj/zfgs",
}

// Person is one demo account.
type Person struct {
	Name     string
	FullName string
	Roles    []domain.Role
	Phone    string
}

// People are the demo office's accounts: every role is covered, some people hold two.
var People = []Person{
	{"admin", "王建国", []domain.Role{domain.RoleAdmin, domain.RoleHead}, "13908581001"},
	{"zhaomin", "赵敏", []domain.Role{domain.RoleHead}, "13908581002"},
	{"liuyang", "刘洋", []domain.Role{domain.RoleOfficer}, "13908581003"},
	{"chenjing", "陈静", []domain.Role{domain.RoleOfficer}, "13908581004"},
	{"yangfan", "杨帆", []domain.Role{domain.RoleOfficer}, "13908581005"},
	{"huangwei", "黄伟", []domain.Role{domain.RoleOfficer}, "13908581006"},
	{"zhoulei", "周磊", []domain.Role{domain.RoleOfficer}, "13908581007"},
	{"wutao", "吴涛", []domain.Role{domain.RoleOfficer}, "13908581008"},
	{"sunli", "孙丽", []domain.Role{domain.RoleReviewer}, "13908581009"},
	{"majun", "马骏", []domain.Role{domain.RoleReviewer, domain.RoleOfficer}, "13908581010"},
	{"hexiao", "何晓", []domain.Role{domain.RoleClerk}, "13908581011"},
	{"luoqian", "罗倩", []domain.Role{domain.RoleClerk}, "13908581012"},
}

// Builder is what each capability's demo step works with: the store, the signed-in demo
// people (by login name) and the clock.
type Builder struct {
	Store    *store.Store
	Sessions map[string]office.Session
}

// As returns the session of a demo person, e.g. b.As("liuyang").
func (b *Builder) As(name string) office.Session { return b.Sessions[name] }

// steps add each capability's demo records after the office and its people exist, in
// order (later steps may use what earlier ones made). Each capability adds its step here.
var steps = []struct {
	name string
	run  func(b *Builder) error
}{
	{"公示清单", publicityDemo},
	{"事后公开", publicationDemo},
	{"双随机抽查", inspectionDemo},
	{"音像记录", mediaStep},
	{"案件与记录", recordDemo},
}

// Result says how to sign in to the new demo office.
type Result struct {
	Password string // every demo account's password
	Users    []domain.User
}

// Create fills an empty store with the demo office. Every account gets password; when
// password is empty a random one is generated and returned.
func Create(st *store.Store, password string) (Result, error) {
	svc := office.New(st)
	if need, err := svc.NeedsSetup(); err != nil {
		return Result{}, err
	} else if !need {
		return Result{}, domain.Errorf(domain.ECONFLICT, "这个数据目录已经有数据，不能再建立演示单位。请指定一个新的空目录。")
	}
	if password == "" {
		password = office.GeneratePassword()
	}
	if err := domain.ValidatePassword(password); err != nil {
		return Result{}, domain.Errorf(domain.EINVALID, "演示密码不符合要求：%s", domain.ErrorMessage(err))
	}
	first := People[0]
	admin, err := svc.Setup(office.SetupRequest{Agency: Agency, AdminName: first.Name, AdminFullName: first.FullName,
		Password: password, Password2: password})
	if err != nil {
		return Result{}, err
	}
	// the first admin also holds the head role in the demo
	if _, err := svc.SaveUser(admin, office.UserForm{ID: admin.User.ID, Name: first.Name, FullName: first.FullName,
		Roles: first.Roles, Phone: first.Phone}); err != nil {
		return Result{}, err
	}
	for _, p := range People[1:] {
		u, err := svc.SaveUser(admin, office.UserForm{Name: p.Name, FullName: p.FullName, Roles: p.Roles, Phone: p.Phone, Password: password})
		if err != nil {
			return Result{}, err
		}
		// demo accounts are ready to use: no forced change of a password everyone knows
		u.MustChangePassword = false
		if _, err := st.SaveUser(u, store.UserChange{Actor: domain.SystemActor, Action: "user.update", Summary: "演示账户无需首次改密"}); err != nil {
			return Result{}, err
		}
	}
	users, err := st.Users()
	if err != nil {
		return Result{}, err
	}
	b := &Builder{Store: st, Sessions: map[string]office.Session{}}
	for _, u := range users {
		b.Sessions[u.Name] = office.Session{User: u}
	}
	for _, step := range steps {
		if err := step.run(b); err != nil {
			return Result{}, domain.Wrap(err, domain.ErrorCode(err), "建立演示数据（%s）时出错：%s", step.name, domain.ErrorMessage(err))
		}
	}
	return Result{Password: password, Users: users}, nil
}
