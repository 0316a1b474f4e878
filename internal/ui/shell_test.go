package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
)

func TestLoginWrongPasswordThenRight(t *testing.T) {
	u := newTestUI(t, true)
	typeInto(t, u, "login.user.placeholder", "liuyang")
	test.Type(objects[*widget.Entry](u)[1], "wrong-pass1")
	tapButton(t, u, "login.submit")
	if u.main != nil {
		t.Fatal("a wrong password signed in")
	}
	assertShows(t, u, "用户名或密码不正确", "再错 4 次")

	signIn(t, u, "liuyang")
	assertShows(t, u, "刘洋")
}

func TestEveryNavigationEntryOpensAScreen(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "admin")
	for _, e := range navEntries() {
		tapButton(t, u, e.label)
		if u.main.current != e.id {
			t.Errorf("%s: current section is %s", e.label, u.main.current)
		}
		if b := u.main.buttons[e.id]; b.Importance != widget.HighImportance {
			t.Errorf("%s: its navigation button is not highlighted", e.label)
		}
		// every screen starts with its own heading
		assertShows(t, u, lang.L(e.label))
	}
}

func TestFirstRunWizardCreatesOfficeAndAdmin(t *testing.T) {
	u := newTestUI(t, false)
	assertShows(t, u, tr("setup.welcome"))
	tapButton(t, u, "setup.create")
	entries := objects[*widget.Entry](u)
	// name, short name, region, admin login (prefilled), full name, password, repeat
	if len(entries) != 7 {
		t.Fatalf("setup form has %d entries, want 7", len(entries))
	}
	values := []string{"青山县综合行政执法局", "青综执", "贵州省六盘水市青山县", "", "李明", "abc12345", "abc12345"}
	for i, v := range values {
		if v != "" {
			test.Type(entries[i], v)
		}
	}
	entries[6].SetText("abc12346")
	tapButton(t, u, "setup.submit")
	assertShows(t, u, "两次输入的密码不一致")
	if u.main != nil {
		t.Fatal("mismatched passwords created the office")
	}
	entries[6].SetText("abc12345")
	tapButton(t, u, "setup.submit")
	if u.main == nil {
		t.Fatalf("setup did not sign in; screen: %s", screenText(u))
	}
	ag, err := u.svc.Office.Agency()
	if err != nil || ag.ShortName != "青综执" {
		t.Fatalf("agency = %+v, %v", ag, err)
	}
	if !u.sess.User.HasRole(domain.RoleAdmin) || u.sess.User.Name != "admin" {
		t.Fatalf("signed in as %+v", u.sess.User)
	}
}

func TestFirstRunDemoOffice(t *testing.T) {
	u := newTestUI(t, false)
	tapButton(t, u, "setup.demo")
	// the login screen is prefilled with admin and the generated password
	tapButton(t, u, "dialog.ok")
	tapButton(t, u, "login.submit")
	if u.main == nil {
		t.Fatalf("demo login failed: %s", screenText(u))
	}
}

func TestAgencyProfileEditAndValidation(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "admin")
	tapButton(t, u, "nav.settings")
	form := objects[*widget.Form](u)[0]
	credit := form.Items[3].Widget.(*widget.Entry)
	credit.SetText("123")
	tapButton(t, u, "action.save")
	assertShows(t, u, "统一社会信用代码”格式不对")

	credit.SetText("")
	phone := form.Items[6].Widget.(*widget.Entry)
	phone.SetText("0858-1234567")
	tapButton(t, u, "action.save")
	assertShows(t, u, tr("agency.saved"))
	ag, _ := u.svc.Office.Agency()
	if ag.Phone != "0858-1234567" {
		t.Fatalf("phone not saved: %q", ag.Phone)
	}
}

func TestAgencyProfileReadOnlyForOfficers(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "liuyang")
	tapButton(t, u, "nav.settings")
	if b := button(u, "action.save"); b == nil || !b.Disabled() {
		t.Fatal("an officer can press save on the agency profile")
	}
	assertShows(t, u, tr("agency.readonly"))
}

func TestUserManagementCreateResetAndForcedChange(t *testing.T) {
	u := newTestUI(t, true)
	signIn(t, u, "admin")
	u.target = "users"
	tapButton(t, u, "nav.settings")
	tapButton(t, u, "users.add")

	form := objects[*widget.Form](u)
	f := form[len(form)-1] // the dialog's form
	test.Type(f.Items[0].Widget.(*widget.Entry), "zhangsan")
	test.Type(f.Items[1].Widget.(*widget.Entry), "张三")
	tapButton(t, u, "action.save")
	assertShows(t, u, "请至少选择一个“角色”")

	for _, c := range objects[*widget.Check](u) {
		if c.Text == tr("role.officer") {
			test.Tap(c)
		}
	}
	first := f.Items[4].Widget.(*widget.Entry).Text
	tapButton(t, u, "action.save")
	created, err := u.svc.Store.UserByName("zhangsan")
	if err != nil {
		t.Fatalf("account not created: %v; screen: %s", err, screenText(u))
	}
	if !created.MustChangePassword || !created.HasRole(domain.RoleOfficer) {
		t.Fatalf("created = %+v", created)
	}

	// the new user must change the first password before anything else
	tapButton(t, u, "dialog.ok")
	u.signOut()
	typeInto(t, u, "login.user.placeholder", "zhangsan")
	test.Type(objects[*widget.Entry](u)[1], first)
	tapButton(t, u, "login.submit")
	if u.main != nil {
		t.Fatal("a user with a reset password reached the main window")
	}
	assertShows(t, u, tr("password.forced"))
	pw := objects[*widget.Entry](u)
	test.Type(pw[0], first)
	test.Type(pw[1], "newpass123")
	test.Type(pw[2], "newpass123")
	tapButton(t, u, "password.save")
	if u.main == nil {
		t.Fatalf("password change did not open the main window: %s", screenText(u))
	}
}

func TestTranslationsCoverEveryKey(t *testing.T) {
	zh, en := keys(t, LangChinese), keys(t, LangEnglish)
	for k := range zh {
		if fyneKeys[k] {
			continue // Fyne's own words: English is built into Fyne
		}
		if !en[k] {
			t.Errorf("key %q has no English translation", k)
		}
	}
	for k := range en {
		if !zh[k] {
			t.Errorf("key %q has no Chinese translation", k)
		}
	}
	for _, k := range usedKeys(t) {
		if !zh[k] {
			t.Errorf("lang.L(%q) is used in the code but has no translation", k)
		}
	}
	if !strings.Contains(tr("app.title"), "行政执法") {
		t.Errorf("the default language is not Chinese: app.title = %q", tr("app.title"))
	}
}
