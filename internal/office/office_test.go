package office_test

import (
	"strings"
	"testing"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func setup(t *testing.T) (*office.Service, office.Session, *clock) {
	t.Helper()
	c := &clock{time.Date(2026, 8, 4, 9, 0, 0, 0, time.Local)}
	st, err := store.Open(t.TempDir(), store.Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	svc := office.New(st)
	sess, err := svc.Setup(office.SetupRequest{
		Agency:    domain.Agency{Name: "青山县市场监督管理局", ShortName: "青市监", Region: "贵州省青山县"},
		AdminName: "admin", AdminFullName: "王管理", Password: "admin2026", Password2: "admin2026",
	})
	if err != nil {
		t.Fatal(err)
	}
	return svc, sess, c
}

func TestPasswordHashing(t *testing.T) {
	h, err := office.HashPassword("secret123")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$") || strings.Contains(h, "secret123") {
		t.Fatalf("hash %q", h)
	}
	h2, _ := office.HashPassword("secret123")
	if h == h2 {
		t.Error("two hashes of one password are equal: salt missing")
	}
	if !office.CheckPassword(h, "secret123") || office.CheckPassword(h, "secret124") || office.CheckPassword("garbage", "secret123") {
		t.Error("CheckPassword wrong")
	}
	if err := domain.ValidatePassword(office.GeneratePassword()); err != nil {
		t.Errorf("generated password fails policy: %v", err)
	}
}

func TestSetupValidatesAndRunsOnce(t *testing.T) {
	svc, sess, _ := setup(t)
	if !sess.User.HasRole(domain.RoleAdmin) {
		t.Fatal("first user is not admin")
	}
	if need, _ := svc.NeedsSetup(); need {
		t.Fatal("still needs setup")
	}
	_, err := svc.Setup(office.SetupRequest{Agency: domain.Agency{Name: "x", ShortName: "x", Region: "x"},
		AdminName: "root", AdminFullName: "根", Password: "abcd1234", Password2: "abcd1234"})
	if domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("second setup: %v", err)
	}
}

func TestSetupFieldErrors(t *testing.T) {
	st, _ := store.Open(t.TempDir(), store.Options{})
	defer st.Close()
	svc := office.New(st)
	good := office.SetupRequest{Agency: domain.Agency{Name: "某镇综合行政执法办公室", ShortName: "某综执", Region: "某县某镇"},
		AdminName: "admin", AdminFullName: "管理员", Password: "abcd1234", Password2: "abcd1234"}
	cases := []struct {
		edit func(r *office.SetupRequest)
		says string
	}{
		{func(r *office.SetupRequest) { r.Agency.Name = "" }, "机关名称"},
		{func(r *office.SetupRequest) { r.Agency.ShortName = "某〔综执〕" }, "机关代字"},
		{func(r *office.SetupRequest) { r.AdminName = "管理员" }, "登录名"},
		{func(r *office.SetupRequest) { r.Password = "short1"; r.Password2 = "short1" }, "至少"},
		{func(r *office.SetupRequest) { r.Password = "onlyletters"; r.Password2 = "onlyletters" }, "字母和数字"},
		{func(r *office.SetupRequest) { r.Password2 = "abcd12345" }, "不一致"},
		{func(r *office.SetupRequest) { r.Agency.CreditCode = "123" }, "统一社会信用代码"},
	}
	for _, c := range cases {
		r := good
		c.edit(&r)
		_, err := svc.Setup(r)
		if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(domain.ErrorMessage(err), c.says) {
			t.Errorf("want EINVALID about %q, got %v", c.says, err)
		}
	}
	if need, _ := svc.NeedsSetup(); !need {
		t.Error("a rejected setup wrote data")
	}
}

func TestLoginLockoutAfterFiveWrong(t *testing.T) {
	svc, _, c := setup(t)
	for i := 1; i <= 4; i++ {
		_, err := svc.Login("admin", "wrong")
		if domain.ErrorCode(err) != domain.EUNAUTHORIZED {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	_, err := svc.Login("admin", "wrong")
	if domain.ErrorCode(err) != domain.ELOCKED {
		t.Fatalf("fifth wrong: %v", err)
	}
	// even the right password is refused while locked
	if _, err := svc.Login("admin", "admin2026"); domain.ErrorCode(err) != domain.ELOCKED {
		t.Fatalf("right password while locked: %v", err)
	}
	c.t = c.t.Add(14 * time.Minute)
	if _, err := svc.Login("admin", "admin2026"); domain.ErrorCode(err) != domain.ELOCKED {
		t.Fatalf("after 14 min: %v", err)
	}
	c.t = c.t.Add(2 * time.Minute)
	if _, err := svc.Login("admin", "admin2026"); err != nil {
		t.Fatalf("after 16 min: %v", err)
	}
}

func TestLoginSuccessResetsCounter(t *testing.T) {
	svc, _, _ := setup(t)
	for i := 0; i < 4; i++ {
		svc.Login("admin", "wrong")
	}
	if _, err := svc.Login("admin", "admin2026"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 4; i++ {
		svc.Login("admin", "wrong")
	}
	if _, err := svc.Login("admin", "admin2026"); err != nil {
		t.Fatalf("counter not reset by a good login: %v", err)
	}
}

func TestUnknownUserSameMessage(t *testing.T) {
	svc, _, _ := setup(t)
	_, e1 := svc.Login("nobody", "x")
	_, e2 := svc.Login("admin", "x")
	if domain.ErrorCode(e1) != domain.EUNAUTHORIZED || !strings.HasPrefix(domain.ErrorMessage(e2), "用户名或密码不正确") ||
		!strings.HasPrefix(domain.ErrorMessage(e1), "用户名或密码不正确") {
		t.Fatalf("messages %q / %q", domain.ErrorMessage(e1), domain.ErrorMessage(e2))
	}
}

func TestResetPasswordForcesChange(t *testing.T) {
	svc, admin, _ := setup(t)
	u, err := svc.SaveUser(admin, office.UserForm{Name: "zhang", FullName: "张三", Roles: []domain.Role{domain.RoleOfficer}, Password: "first1234"})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := svc.Login("zhang", "first1234")
	if err != nil || !sess.User.MustChangePassword {
		t.Fatalf("new account must change password: %+v %v", sess.User, err)
	}
	if sess, err = svc.ChangePassword(sess, "first1234", "mine5678", "mine5678"); err != nil || sess.User.MustChangePassword {
		t.Fatalf("change: %v", err)
	}
	if err := svc.ResetPassword(admin, u.ID, "temp9999"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Login("zhang", "mine5678"); err == nil {
		t.Fatal("old password still works after reset")
	}
	sess, err = svc.Login("zhang", "temp9999")
	if err != nil || !sess.User.MustChangePassword {
		t.Fatalf("after reset: %+v %v", sess.User, err)
	}
	if _, err := svc.ChangePassword(sess, "wrong", "new12345", "new12345"); domain.ErrorCode(err) != domain.EUNAUTHORIZED {
		t.Errorf("change with wrong old password: %v", err)
	}
}

func TestRoleChecksInService(t *testing.T) {
	svc, admin, _ := setup(t)
	svc.SaveUser(admin, office.UserForm{Name: "zhang", FullName: "张三", Roles: []domain.Role{domain.RoleOfficer, domain.RoleReviewer}, Password: "first1234"})
	officer, _ := svc.Login("zhang", "first1234")

	checks := map[string]error{}
	_, checks["Users"] = svc.Users(officer)
	_, checks["SaveUser"] = svc.SaveUser(officer, office.UserForm{Name: "x1", FullName: "某", Roles: []domain.Role{domain.RoleAdmin}, Password: "abcd1234"})
	checks["ResetPassword"] = svc.ResetPassword(officer, admin.User.ID, "abcd1234")
	checks["Unlock"] = svc.Unlock(officer, admin.User.ID)
	checks["SaveAgency"] = svc.SaveAgency(officer, domain.Agency{Name: "改名", ShortName: "改", Region: "某"})
	for op, err := range checks {
		if domain.ErrorCode(err) != domain.EFORBIDDEN || !strings.Contains(domain.ErrorMessage(err), "管理员") {
			t.Errorf("%s as officer: %v", op, err)
		}
	}
	if ag, _ := svc.Agency(); ag.Name != "青山县市场监督管理局" {
		t.Error("forbidden SaveAgency changed data")
	}
}

func TestCannotRemoveLastAdmin(t *testing.T) {
	svc, admin, _ := setup(t)
	_, err := svc.SaveUser(admin, office.UserForm{ID: admin.User.ID, Name: "admin", FullName: "王管理", Roles: []domain.Role{domain.RoleOfficer}})
	if domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("removing own admin role: %v", err)
	}
	other, err := svc.SaveUser(admin, office.UserForm{Name: "admin2", FullName: "李管理", Roles: []domain.Role{domain.RoleAdmin}, Password: "abcd1234"})
	if err != nil {
		t.Fatal(err)
	}
	// demoting the other admin is fine while admin remains
	if _, err := svc.SaveUser(admin, office.UserForm{ID: other.ID, Name: "admin2", FullName: "李管理", Roles: []domain.Role{domain.RoleClerk}}); err != nil {
		t.Fatal(err)
	}
}

func TestTodosReportLockedAccountsAndMissingProfile(t *testing.T) {
	svc, admin, _ := setup(t)
	svc.SaveUser(admin, office.UserForm{Name: "zhang", FullName: "张三", Roles: []domain.Role{domain.RoleOfficer}, Password: "first1234"})
	for i := 0; i < 5; i++ {
		svc.Login("zhang", "nope")
	}
	todos, err := svc.Todos(admin)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, td := range todos {
		kinds = append(kinds, td.Kind+":"+td.Title)
	}
	joined := strings.Join(kinds, "\n")
	if !strings.Contains(joined, "账户:账户 zhang（张三）已被锁定") || !strings.Contains(joined, "机构信息") {
		t.Fatalf("todos:\n%s", joined)
	}
}
