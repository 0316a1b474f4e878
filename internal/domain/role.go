package domain

import "strings"

// Role is what a user may do in the office. A user may hold several.
type Role string

const (
	RoleAdmin    Role = "admin"    // 管理员: lists, users, calendar, backups, annual bundle
	RoleHead     Role = "head"     // 负责人: approves decisions, coordinates disputed reviews
	RoleOfficer  Role = "officer"  // 执法人员: records cases, scans and footage
	RoleReviewer Role = "reviewer" // 法制审核人员: reviews major decisions
	RoleClerk    Role = "clerk"    // 窗口人员: posting-board cards, service guides
)

// AllRoles lists the roles in the order screens show them.
var AllRoles = []Role{RoleAdmin, RoleHead, RoleOfficer, RoleReviewer, RoleClerk}

var roleLabels = map[Role]string{
	RoleAdmin:    "管理员",
	RoleHead:     "负责人",
	RoleOfficer:  "执法人员",
	RoleReviewer: "法制审核人员",
	RoleClerk:    "窗口人员",
}

// Label is the role's Chinese name, as used on screens, in print and on the command line.
func (r Role) Label() string {
	if l, ok := roleLabels[r]; ok {
		return l
	}
	return string(r)
}

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool { _, ok := roleLabels[r]; return ok }

// ParseRole accepts a role's code (admin) or Chinese name (管理员).
func ParseRole(s string) (Role, error) {
	s = strings.TrimSpace(s)
	for _, r := range AllRoles {
		if s == string(r) || s == r.Label() {
			return r, nil
		}
	}
	return "", Errorf(EINVALID, "角色“%s”不存在。可选的角色：管理员、负责人、执法人员、法制审核人员、窗口人员。", s)
}

// RoleLabels joins the Chinese names of roles with 、.
func RoleLabels(roles []Role) string {
	labels := make([]string, len(roles))
	for i, r := range roles {
		labels[i] = r.Label()
	}
	return strings.Join(labels, "、")
}
