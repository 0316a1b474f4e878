// Package domain holds LawDesk's entities, enums and rules: pure Go with no I/O, no storage
// and no user interface, so every rule can be tested on its own.
package domain

import (
	"errors"
	"fmt"
)

// Code classifies an error so callers (UI, CLI) can react without parsing text.
type Code string

const (
	EINVALID      Code = "invalid"      // the user's input is wrong; Message says which field and why
	ENOTFOUND     Code = "not_found"    // the thing asked for does not exist
	ECONFLICT     Code = "conflict"     // duplicates, or the data is busy/in another state
	EFORBIDDEN    Code = "forbidden"    // the user's roles do not allow this
	EUNAUTHORIZED Code = "unauthorized" // wrong user name or password
	ELOCKED       Code = "locked"       // an account is locked, or a record is archived
	EINTERNAL     Code = "internal"     // anything unexpected; the message is generic
)

// Error is an error meant for a person: Message is plain Chinese that says what went wrong
// and, where possible, what to do. Err keeps the technical cause for the log.
type Error struct {
	Code    Code
	Message string
	Err     error
	Field   string // the form field or column the message is about ("" when none), see FieldErrorf
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a formatted user message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an *Error carrying a technical cause behind a user message.
func Wrap(err error, code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for any other
// error and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message to show a user: the *Error's message, or a generic one
// for anything unexpected (whose details belong in the log, not on screen).
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Message
	}
	if e != nil && e.Message != "" {
		return e.Message
	}
	return "发生了意外错误，操作没有完成，已保存的数据未受影响。请重试；如果问题仍然存在，请联系管理员并提供日志。"
}
