package store

import (
	"slices"
	"testing"
	"time"

	"lawdesk/internal/domain"
)

// The verify check decodes only caseIndexFields; every index set caseSets derives must come
// out the same as from the whole record.
func TestCaseIndexFieldsGiveTheSameSets(t *testing.T) {
	cases := []domain.Case{
		{ID: 7, Number: "青市监处罚〔2026〕12号", Type: domain.ActPenalty, OfficerIDs: []uint64{3, 4}, Stage: domain.StageInvestigate,
			Opened: domain.NewDate(2026, 3, 1), Created: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), Facts: "很长的案情"},
		{ID: 8, Number: "手写编号", Type: domain.ActLicensing, OfficerIDs: []uint64{5, 6, 9}, Stage: domain.StageArchive,
			Opened: domain.NewDate(2024, 12, 30), Archived: domain.NewDate(2025, 1, 20), Created: time.Date(2025, 1, 2, 9, 0, 0, 0, time.UTC)},
		{ID: 9, Number: "x", Type: domain.ActInspection, OfficerIDs: []uint64{1, 2}, Stage: domain.StageArchive,
			Created: time.Date(2023, 5, 2, 9, 0, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		data, err := encode(toCaseRecord(c))
		if err != nil {
			t.Fatal(err)
		}
		var full caseRecord
		var light caseIndexFields
		if err := decode(data, &full); err != nil {
			t.Fatal(err)
		}
		if err := decode(data, &light); err != nil {
			t.Fatal(err)
		}
		if a, b := caseSets(full.toCase()), caseSets(light.toCase()); !slices.Equal(a, b) {
			t.Errorf("case %s: sets %v from the record, %v from the index fields", c.Number, a, b)
		}
	}
}
