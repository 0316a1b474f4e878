package review_test

import (
	"testing"
	"time"

	"lawdesk/internal/demo"
	"lawdesk/internal/office"
	"lawdesk/internal/record"
	"lawdesk/internal/review"
	"lawdesk/internal/store"
)

var fixedNow = time.Date(2026, 11, 20, 9, 30, 0, 0, time.Local)

type env struct {
	st    *store.Store
	svc   *review.Service
	rec   *record.Service
	users map[string]office.Session
}

// newEnv opens a real store with the demo office.
func newEnv(t *testing.T) *env {
	t.Helper()
	st, err := store.Open(t.TempDir(), store.Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := demo.Create(st, "demo1234")
	if err != nil {
		t.Fatal(err)
	}
	rec := record.New(st)
	e := &env{st: st, rec: rec, svc: review.New(st, rec), users: map[string]office.Session{}}
	for _, u := range res.Users {
		e.users[u.Name] = office.Session{User: u}
	}
	return e
}

func (e *env) as(name string) office.Session { return e.users[name] }
