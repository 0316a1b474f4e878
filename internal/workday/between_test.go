package workday_test

import (
	"math/rand/v2"
	"testing"

	"lawdesk/internal/domain"
	"lawdesk/internal/workday"
)

// WorkingDaysBetween counts by arithmetic; it must agree with counting day by day, across
// weekends, holidays, make-up days, year ends and both directions.
func TestWorkingDaysBetweenAgreesWithCountingDayByDay(t *testing.T) {
	cal := workday.Builtin()
	count := func(a, b domain.Date) int {
		sign := 1
		if b.Before(a) {
			a, b, sign = b, a, -1
		}
		n := 0
		for d := a; d.Before(b); {
			d = d.AddDays(1)
			if cal.IsWorkingDay(d) {
				n++
			}
		}
		return sign * n
	}
	r := rand.New(rand.NewPCG(4, 2))
	start := domain.NewDate(2018, 6, 1)
	for range 3000 {
		a := start.AddDays(r.IntN(3500))
		b := a.AddDays(r.IntN(900) - 300)
		if r.IntN(10) == 0 {
			b = a.AddDays(r.IntN(10))
		}
		if got, want := cal.WorkingDaysBetween(a, b), count(a, b); got != want {
			t.Fatalf("WorkingDaysBetween(%s, %s) = %d, counting day by day gives %d", a, b, got, want)
		}
	}
}
