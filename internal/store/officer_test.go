package store_test

import (
	"testing"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

func TestOfficerAndMatterRoundTripWithAudit(t *testing.T) {
	st, _ := openTemp(t)
	ch := store.Change{Actor: "admin", Reason: "新进人员"}
	o, err := st.SaveOfficer(ch, domain.Officer{Name: "刘洋", Unit: "城关所", CertNo: "52020019001",
		CertIssuer: "贵州省人民政府", ValidUntil: domain.NewDate(2028, 6, 30), TrainingHours: map[int]float64{2026: 42}})
	if err != nil || o.ID == 0 {
		t.Fatalf("save officer: %+v %v", o, err)
	}
	got, err := st.Officer(o.ID)
	if err != nil || got.CertNo != "52020019001" || got.ValidUntil != domain.NewDate(2028, 6, 30) || got.TrainingHours[2026] != 42 {
		t.Fatalf("officer round trip: %+v %v", got, err)
	}
	got.Left = true
	if _, err := st.SaveOfficer(store.Change{Actor: "admin"}, got); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveOfficer(store.Change{Actor: "admin"}, domain.Officer{ID: 99, Name: "无"}); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("saving an unknown officer: %v", err)
	}

	m, err := st.SaveMatter(ch, domain.Matter{Name: "对销售过期食品的处罚", Type: domain.ActPenalty, LegalBasis: "《食品安全法》第一百二十四条",
		RecordingStages: []domain.Stage{domain.StageOnSite}, AlwaysMajor: true})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := st.Matters()
	if err != nil || len(ms) != 1 || !ms[0].MustRecord(domain.StageOnSite) || !ms[0].AlwaysMajor || ms[0].ID != m.ID {
		t.Fatalf("matters: %+v %v", ms, err)
	}

	events, _ := st.Events(store.EventFilter{})
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	want := []string{"officer.create", "officer.update", "matter.create"}
	if len(actions) < 3 || actions[len(actions)-3] != want[0] || actions[len(actions)-2] != want[1] || actions[len(actions)-1] != want[2] {
		t.Fatalf("audit actions %v, want to end with %v", actions, want)
	}
	if events[len(events)-3].Summary != "新增执法人员 刘洋（原因：新进人员）" {
		t.Fatalf("summary %q", events[len(events)-3].Summary)
	}
}
