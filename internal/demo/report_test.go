package demo_test

import (
	"strings"
	"testing"
	"time"

	"lawdesk/internal/demo/demotest"
	"lawdesk/internal/report"
)

// The demo's last-year report is published once its deadline has passed, and left for the
// dashboard to remind about in January.
func TestDemoAnnualReport(t *testing.T) {
	for _, c := range []struct {
		now       time.Time
		published bool
	}{
		{time.Date(2026, 11, 20, 9, 30, 0, 0, time.Local), true},
		{time.Date(2026, 1, 12, 9, 0, 0, 0, time.Local), false},
	} {
		st := demotest.Open(t, c.now)
		a, err := report.New(st).Annual(c.now.Year() - 1)
		if err != nil || a.Published != c.published || !strings.Contains(a.Summary, "年，青山县市场监督管理局共受理登记") {
			t.Errorf("demo made on %s: %+v %v", c.now.Format("2006-01-02"), a, err)
		}
	}
}
