package recording

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"lawdesk/internal/domain"
)

// ParseClockOffset reads how far a device's clock runs ahead (+) or behind (−), as a person
// types it in the settings: "5" (minutes), "+5分钟", "-1小时30分", "90秒", "-2m30s".
// Seconds are the finest unit; at most one year either way.
func ParseClockOffset(s string) (time.Duration, error) {
	in := strings.TrimSpace(s)
	bad := func() (time.Duration, error) {
		return 0, domain.Errorf(domain.EINVALID, "时钟偏差“%s”看不懂。请写成例如“+5分钟”（设备时间快 5 分钟）、“-1小时30分”（慢 1 小时 30 分）或“90秒”。", in)
	}
	t := strings.NewReplacer("＋", "+", "－", "-", "—", "-", " ", "", "　", "", "快", "+", "慢", "-").Replace(in)
	if t == "" {
		return 0, nil
	}
	sign := time.Duration(1)
	switch t[0] {
	case '+':
		t = t[1:]
	case '-':
		sign, t = -1, t[1:]
	}
	if t == "" {
		return bad()
	}
	if f, err := strconv.ParseFloat(t, 64); err == nil { // a bare number is minutes
		if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > maxClockOffset.Minutes() {
			return bad()
		}
		return sign * (time.Duration(f*60) * time.Second), nil
	}
	units := []struct {
		words []string
		unit  time.Duration
	}{{[]string{"小时", "时", "h"}, time.Hour}, {[]string{"分钟", "分", "m"}, time.Minute}, {[]string{"秒钟", "秒", "s"}, time.Second}}
	var total time.Duration
	next := 0 // units must come in order: hours, minutes, seconds
	for t != "" {
		i := strings.IndexFunc(t, func(r rune) bool { return !unicode.IsDigit(r) })
		if i <= 0 || i > 7 {
			return bad()
		}
		n, _ := strconv.Atoi(t[:i])
		t = t[i:]
		matched := false
		for u := next; u < len(units) && !matched; u++ {
			for _, w := range units[u].words {
				if strings.HasPrefix(t, w) {
					if time.Duration(n) > maxClockOffset/units[u].unit {
						return bad()
					}
					total += time.Duration(n) * units[u].unit
					t, next, matched = t[len(w):], u+1, true
					break
				}
			}
		}
		if !matched {
			return bad()
		}
	}
	if total > maxClockOffset {
		return bad()
	}
	return sign * total, nil
}

// maxClockOffset bounds what a clock offset may be: a year either way.
const maxClockOffset = 366 * 24 * time.Hour

// FormatClockOffset writes an offset the way ParseClockOffset reads it, e.g. +1小时5分.
func FormatClockOffset(d time.Duration) string {
	if d == 0 {
		return "0"
	}
	sign := "+"
	if d < 0 {
		sign, d = "-", -d
	}
	d = d.Round(time.Second)
	h, m, s := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	out := sign
	if h > 0 {
		out += fmt.Sprintf("%d小时", h)
	}
	if m > 0 {
		out += fmt.Sprintf("%d分", m)
	}
	if s > 0 {
		out += fmt.Sprintf("%d秒", s)
	}
	return out
}
