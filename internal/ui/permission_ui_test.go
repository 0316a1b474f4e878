package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// The audit log and verification are read by their settings tabs straight from the store,
// so the tabs are where their permissions are checked: each role alone either gets the tab
// or a refusal saying which roles may (app/permission_test.go walks the services).
func TestSettingsTabsFollowThePermissionMatrix(t *testing.T) {
	u := newTestUI(t, true)
	admin, err := u.svc.Store.UserByName("admin")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range domain.AllRoles {
		f := office.UserForm{Name: "only" + string(r), FullName: "仅" + r.Label(), Roles: []domain.Role{r}, Password: demoPassword}
		nu, err := u.svc.Office.SaveUser(office.Session{User: admin}, f)
		if err != nil {
			t.Fatal(err)
		}
		nu.MustChangePassword = false
		if _, err := u.svc.Store.SaveUser(nu, store.UserChange{Actor: "admin", Action: "user.update", Summary: "权限测试账户"}); err != nil {
			t.Fatal(err)
		}
	}
	tabs := []struct {
		target string
		perm   domain.Permission
		shows  string // what the tab shows when allowed
	}{
		{"settings:audit", domain.PermViewAudit, tr("audit.filter.actor")},
		{"settings:verify", domain.PermVerify, tr("verify.run")},
	}
	for _, r := range domain.AllRoles {
		signIn(t, u, "only"+string(r))
		for _, tab := range tabs {
			u.openTarget(tab.target)
			s := screenText(u)
			for _, e := range objects[*widget.Entry](u) {
				s += e.PlaceHolder + "\n"
			}
			for _, b := range objects[*widget.Button](u) {
				s += b.Text + "\n"
			}
			allowed := domain.Allowed([]domain.Role{r}, tab.perm)
			switch {
			case allowed && !strings.Contains(s, tab.shows):
				t.Errorf("%s as %s: the tab does not show %q:\n%s", tab.target, r.Label(), tab.shows, s)
			case !allowed && (strings.Contains(s, tab.shows) || !strings.Contains(s, "没有权限")):
				t.Errorf("%s as %s: not refused:\n%s", tab.target, r.Label(), s)
			}
		}
		u.signOut()
	}
}
