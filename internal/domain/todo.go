package domain

import "time"

// Todo is one line of the dashboard: something an office member must do, with its
// deadline when there is one. Every capability contributes its own.
type Todo struct {
	Kind     string    // e.g. 账户, 机构信息, 公开, 审核, 归档
	Title    string    // what to do, in Chinese
	Detail   string    // why, or which record
	Due      time.Time // zero when there is no deadline
	Severity Severity
	Owner    string // login name of the person it belongs to, "" for the office
	Target   string // what it opens, e.g. settings:users or case:12
}

// Severity orders dashboard entries and chooses their colour.
type Severity int

const (
	SeverityInfo    Severity = iota // nothing pressing
	SeverityDueSoon                 // the deadline is near
	SeverityOverdue                 // the deadline has passed or a rule is broken
)
