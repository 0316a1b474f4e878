package domain

import "testing"

func TestOfficerCertificateRules(t *testing.T) {
	today := NewDate(2026, 11, 20)
	o := Officer{Name: "刘洋", Unit: "城关所", CertNo: "X1", CertIssuer: "省政府", ValidUntil: NewDate(2027, 1, 19)}
	cases := []struct {
		name              string
		mod               func(*Officer)
		valid, expireSoon bool
	}{
		{"valid, expires in 60 days", func(*Officer) {}, true, true},
		{"valid, expires in 61 days", func(o *Officer) { o.ValidUntil = NewDate(2027, 1, 20) }, true, false},
		{"expires today: still valid", func(o *Officer) { o.ValidUntil = today }, true, true},
		{"expired yesterday", func(o *Officer) { o.ValidUntil = today.AddDays(-1) }, false, false},
		{"no certificate", func(o *Officer) { o.CertNo = "" }, false, false},
		{"left the office", func(o *Officer) { o.Left = true }, false, false},
	}
	for _, c := range cases {
		x := o
		c.mod(&x)
		if got := x.CertValid(today); got != c.valid {
			t.Errorf("%s: CertValid = %v", c.name, got)
		}
		if got := x.CertExpiresSoon(today); got != c.expireSoon {
			t.Errorf("%s: CertExpiresSoon = %v", c.name, got)
		}
	}
	o.TrainingHours = map[int]float64{2026: 32.5}
	if s := o.TrainingShort(2026); s != 7.5 {
		t.Errorf("training short %v", s)
	}
	if s := o.TrainingShort(2025); s != 40 {
		t.Errorf("training short for a year without hours %v", s)
	}
}

func TestOfficerValidate(t *testing.T) {
	ok := Officer{Name: "刘洋", Unit: "城关所", CertNo: "X1", CertIssuer: "省政府", ValidUntil: NewDate(2027, 1, 1)}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := []Officer{
		{Unit: "城关所"},
		{Name: "刘洋"},
		{Name: "刘洋", Unit: "城关所", CertNo: "X1", CertIssuer: "省政府"},
		{Name: "刘洋", Unit: "城关所", CertNo: "X1", ValidUntil: NewDate(2027, 1, 1)},
		{Name: "刘洋", Unit: "城关所", Phone: "电话"},
		{Name: "刘洋", Unit: "城关所", TrainingHours: map[int]float64{2026: -1}},
	}
	for i, o := range bad {
		if err := o.Validate(); ErrorCode(err) != EINVALID {
			t.Errorf("bad officer %d accepted: %v", i, err)
		}
	}
}

func TestHeaviestPenaltyFollowsTheLegalOrder(t *testing.T) {
	if h := Heaviest([]PenaltyKind{PenaltyFine, PenaltyWarning, PenaltyConfiscateGains}); h != PenaltyConfiscateGains {
		t.Errorf("fine+warning+confiscation counted as %s", h.Label())
	}
	if h := Heaviest(nil); h != PenaltyNone {
		t.Errorf("no penalty counted as %s", h.Label())
	}
	for i := 1; i < len(AllPenaltyKinds); i++ {
		if AllPenaltyKinds[i] <= AllPenaltyKinds[i-1] {
			t.Errorf("%s is not heavier than %s", AllPenaltyKinds[i].Label(), AllPenaltyKinds[i-1].Label())
		}
	}
	if k, err := ParsePenaltyKind("吊销营业执照"); err != nil || k != PenaltyRevokeLicence {
		t.Errorf("吊销营业执照 → %v %v", k, err)
	}
}

func TestParseActTypeAndStage(t *testing.T) {
	for in, want := range map[string]ActType{"处罚": ActPenalty, "行政许可": ActLicensing, "inspection": ActInspection} {
		if got, err := ParseActType(in); err != nil || got != want {
			t.Errorf("ParseActType(%q) = %v %v", in, got, err)
		}
	}
	if _, err := ParseActType("罚"); ErrorCode(err) != EINVALID {
		t.Error("unknown act type accepted")
	}
	if ActPenalty.PublishWithinWorkingDays() != 7 || ActInspection.PublishWithinWorkingDays() != 20 {
		t.Error("publication deadlines")
	}
	if s, err := ParseStage("陈述申辩"); err != nil || s != StageNotify {
		t.Errorf("ParseStage = %v %v", s, err)
	}
}
