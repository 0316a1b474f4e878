package domain

// Permission names one guarded operation. Services check it before doing anything, so a
// hidden button is never the only protection.
type Permission string

const (
	PermManageUsers   Permission = "users.manage"   // create, edit, lock, reset passwords
	PermEditAgency    Permission = "agency.edit"    // the agency profile
	PermViewAudit     Permission = "audit.view"     // the audit chain and access log
	PermVerify        Permission = "store.verify"   // run verification from the GUI
	PermViewDashboard Permission = "dashboard.view" // everyone who can sign in
)

// permissions is the permission matrix; README's table is generated from the same data.
var permissions = map[Permission][]Role{
	PermManageUsers:   {RoleAdmin},
	PermEditAgency:    {RoleAdmin},
	PermViewAudit:     {RoleAdmin, RoleHead},
	PermVerify:        {RoleAdmin, RoleHead},
	PermViewDashboard: AllRoles,
}

// Allowed reports whether a user holding roles may perform p.
func Allowed(roles []Role, p Permission) bool {
	for _, want := range permissions[p] {
		for _, have := range roles {
			if have == want {
				return true
			}
		}
	}
	return false
}

// Require returns an EFORBIDDEN error naming the roles that may perform p (what), or nil.
func Require(u User, p Permission, what string) error {
	if u.Disabled {
		return Errorf(EFORBIDDEN, "账户“%s”已停用，不能%s。", u.Name, what)
	}
	if Allowed(u.Roles, p) {
		return nil
	}
	return Errorf(EFORBIDDEN, "您没有权限%s。需要以下角色之一：%s。请联系管理员。", what, RoleLabels(permissions[p]))
}

// Permissions lists every permission with the roles allowed, for documentation and tests.
func Permissions() map[Permission][]Role {
	out := make(map[Permission][]Role, len(permissions))
	for p, r := range permissions {
		out[p] = append([]Role(nil), r...)
	}
	return out
}
