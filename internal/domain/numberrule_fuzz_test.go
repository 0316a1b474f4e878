package domain

import (
	"testing"
)

// FuzzNumberRule: any template the settings screen accepts must number every case so that
// the number reads back (typed in the search box, printed on a document) as the same year
// and sequence, with the prefix that ties it to its sequence.
func FuzzNumberRule(f *testing.F) {
	f.Add(DefaultNumberTemplate, "罚", 2026, 12)
	f.Add("{机关代字}{类别字}[{年}]{序号}号", "", 1999, 1)
	f.Add("{机关代字}（{年}）第{序号}号", "许", 2100, 99999)
	f.Add("{序号}{机关代字}〔{年}〕号", "", 2026, 7)
	f.Add("{机关代字}〔{年}〕{序号}0号", "", 2026, 3)
	f.Add("{机关代字}〔{年}〕{序号}号{类别字}", "1", 2030, 120)
	f.Fuzz(func(t *testing.T, template, typeChar string, year, seq int) {
		r := NumberRule{Template: template}
		if typeChar != "" {
			r.TypeChars = map[ActType]string{ActPenalty: typeChar}
		}
		if r.Validate() != nil {
			return
		}
		if year < 2000 || year > 2099 || seq < 1 || seq > 99999 {
			return
		}
		for _, typ := range []ActType{ActPenalty, ActLicensing} {
			number := r.Format("青市监", typ, year, seq)
			n, err := ParseCaseNumber(number)
			if err != nil {
				t.Fatalf("template %q: the number %q of case %d/%d does not read back: %v", template, number, year, seq, err)
			}
			if n.Year != year || n.Seq != seq {
				t.Fatalf("template %q: %q reads back as %d/%d, want %d/%d", template, number, n.Year, n.Seq, year, seq)
			}
			if p := r.Prefix("青市监", typ); p != n.Prefix {
				t.Fatalf("template %q: %q has prefix %q, the rule's sequence prefix is %q", template, number, n.Prefix, p)
			}
		}
	})
}
