package domain

// Permission names one guarded operation. Services check it before doing anything, so a
// hidden button is never the only protection.
type Permission string

// permissions is the permission matrix. Each capability declares its own permissions with
// NewPermission in its own file; README's table comes from Permissions().
var permissions = map[Permission][]Role{}

// NewPermission declares a permission and the roles that hold it.
func NewPermission(name string, roles ...Role) Permission {
	p := Permission(name)
	if _, dup := permissions[p]; dup {
		panic("permission declared twice: " + name)
	}
	permissions[p] = roles
	return p
}

// The office's own permissions.
var (
	PermManageUsers   = NewPermission("users.manage", RoleAdmin)           // create, edit, lock, reset passwords
	PermEditAgency    = NewPermission("agency.edit", RoleAdmin)            // the agency profile
	PermViewAudit     = NewPermission("audit.view", RoleAdmin, RoleHead)   // the audit chain and access log
	PermVerify        = NewPermission("store.verify", RoleAdmin, RoleHead) // run verification from the GUI
	PermViewDashboard = NewPermission("dashboard.view", AllRoles...)       // everyone who can sign in
)

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
