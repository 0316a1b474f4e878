package publicity

import (
	"strings"
	"testing"

	"lawdesk/internal/domain"
)

func FuzzReadSheet(f *testing.F) {
	f.Add("a.csv", []byte("姓名,所在单位\n刘洋,城关所\n\n\"陈\n静\",城关所\n"))
	f.Add("a.csv", []byte("\xef\xbb\xbf标题\n姓名;所在单位\n刘洋;城关所\n"))
	f.Add("a.csv", []byte("\xff\xfe\x53\x59\x0d\x54"))
	f.Add("a.csv", []byte("\xd0\xd5\xc3\xfb,\xcb\xf9\xd4\xda\xb5\xa5\xce\xbb\n"))
	f.Add("a.xlsx", []byte("PK\x03\x04\x14\x00"))
	f.Add("a.csv", []byte("姓名,\"所在单位\n刘洋"))
	isHeader := func(h string) bool { return h == "姓名" || h == "所在单位" }
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		sh, err := readSheet(name, data, isHeader)
		if err != nil {
			if domain.ErrorMessage(err) == "" {
				t.Fatalf("error without a message: %v", err)
			}
			return
		}
		last := sh.headerRow
		for _, r := range sh.rows {
			if r.n <= last {
				t.Fatalf("row numbers not increasing: %d after %d", r.n, last)
			}
			last = r.n
		}
	})
}

func FuzzOfficerRow(f *testing.F) {
	f.Add("刘洋", "52020019001", "2028-06-30", "42", "是")
	f.Add("", "x", "2028年2月30日", "四十", "也许")
	f.Add(strings.Repeat("长", 40), "52020019001-A", "20280630", "40学时", "否")
	c := &listCtx{today: domain.NewDate(2026, 3, 2), benchmarks: map[string]string{}}
	f.Fuzz(func(t *testing.T, name, cert, until, hours, left string) {
		row := Row{"name": name, "unit": "城关所", "cert_no": cert, "cert_issuer": "省政府", "valid_until": until, "training": hours, "left": left}
		o, err := officerOps.fromRow(domain.Officer{}, row, c)
		if err == nil {
			err = officerOps.validate(o, c)
		}
		if err != nil {
			if domain.ErrorCode(err) != domain.EINVALID || domain.ErrorField(err) == "" {
				t.Fatalf("error %v has code %s and no field", err, domain.ErrorCode(err))
			}
			return
		}
		// what was accepted converts back to the same text
		back := officerOps.toRow(o, c)
		o2, err := officerOps.fromRow(domain.Officer{}, back, c)
		if err != nil || !sameRow(officerOps.toRow(o2, c), back) {
			t.Fatalf("round trip of %+v: %v", back, err)
		}
	})
}
