package domain

import (
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount in 分 (hundredths of a yuan), so sums never drift the way floats do.
type Money int64

// Yuan is the amount in yuan, for charts and statistics.
func (m Money) Yuan() float64 { return float64(m) / 100 }

// String writes the amount in yuan with two decimals and thousands separators, e.g.
// 12,345.60; the zero amount is "0.00".
func (m Money) String() string {
	neg := m < 0
	if neg {
		m = -m
	}
	whole := strconv.FormatInt(int64(m/100), 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	fmt.Fprintf(&b, ".%02d", int64(m%100))
	return b.String()
}

// maxMoney bounds typed amounts (one trillion yuan) so sums cannot overflow.
const maxMoney = Money(1_000_000_000_000 * 100)

// ParseMoney reads an amount in yuan as people type it: 12345, 12,345.6, 12345.60元,
// ￥12345, full-width digits; "" is zero. More than two decimals, negative amounts and
// anything else are errors naming field.
func ParseMoney(s, field string) (Money, error) {
	in := strings.TrimSpace(fullWidth.Replace(s))
	in = strings.NewReplacer(",", "", "，", "", " ", "", "元", "", "￥", "", "¥", "", "。", ".").Replace(in)
	if in == "" {
		return 0, nil
	}
	whole, frac, dot := strings.Cut(in, ".")
	bad := func() (Money, error) {
		return 0, Errorf(EINVALID, "“%s”应填写金额（元），例如 5000 或 5000.50，现在是“%s”。", field, quoteInput(strings.TrimSpace(s)))
	}
	if whole == "" && !dot || len(frac) > 2 || (dot && frac == "" && whole == "") {
		return bad()
	}
	for _, part := range []string{whole, frac} {
		for _, c := range part {
			if c < '0' || c > '9' {
				return bad()
			}
		}
	}
	if len(whole) > 13 {
		return 0, Errorf(EINVALID, "“%s”金额过大，请检查是否多填了位数。", field)
	}
	w, _ := strconv.ParseInt("0"+whole, 10, 64)
	f, _ := strconv.ParseInt((frac + "00")[:2], 10, 64)
	m := Money(w*100 + f)
	if m > maxMoney {
		return 0, Errorf(EINVALID, "“%s”金额过大，请检查是否多填了位数。", field)
	}
	return m, nil
}
