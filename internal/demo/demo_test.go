package demo_test

import (
	"testing"

	"lawdesk/internal/demo"
	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

func TestDemoCoversEveryRoleAndSignsIn(t *testing.T) {
	st, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := demo.Create(st, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Users) < 12 {
		t.Errorf("demo has %d users, want about 12", len(res.Users))
	}
	for _, r := range domain.AllRoles {
		n := 0
		for _, u := range res.Users {
			if u.HasRole(r) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no demo user holds %s", r.Label())
		}
	}
	svc := office.New(st)
	for _, u := range res.Users {
		if _, err := svc.Login(u.Name, res.Password); err != nil {
			t.Errorf("login %s: %v", u.Name, err)
		}
	}
	if _, err := demo.Create(st, "abc12345"); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("demo on non-empty store: %v", err)
	}
	if rep, err := st.Verify(t.Context(), nil); err != nil || !rep.OK() {
		t.Errorf("verify after demo: %+v %v", rep, err)
	}
}

func TestDemoAgencyIsValid(t *testing.T) {
	if err := demo.Agency.Validate(); err != nil {
		t.Fatal(err)
	}
	if !domain.ValidCreditCode(demo.Agency.CreditCode) {
		t.Fatal("demo credit code has a wrong check character")
	}
}
