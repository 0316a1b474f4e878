package store

// The entries of the published 随机抽查事项清单 (publicity); the 双随机 objects, tasks and
// draws are in inspection.go.

import (
	"sort"

	"lawdesk/internal/domain"
)

var bucketInspections = newBucket("inspections")

type inspectionRecord struct {
	ID           uint64                    `json:"id"`
	Category     domain.InspectionCategory `json:"category"`
	Code         string                    `json:"code,omitempty"`
	Name         string                    `json:"name"`
	Object       string                    `json:"object"`
	Basis        string                    `json:"basis"`
	Content      string                    `json:"content,omitempty"`
	Method       string                    `json:"method,omitempty"`
	Proportion   string                    `json:"proportion,omitempty"`
	Frequency    string                    `json:"frequency,omitempty"`
	HandlingUnit string                    `json:"unit,omitempty"`
	Note         string                    `json:"note,omitempty"`
}

var inspectionTable = &table[domain.Inspection, inspectionRecord]{
	bucket: bucketInspections, kind: domain.ListInspections, noun: "随机抽查事项", target: "inspection",
	toRecord: func(b domain.Inspection) inspectionRecord { return inspectionRecord(b) },
	toDomain: func(r inspectionRecord) domain.Inspection { return domain.Inspection(r) },
	id:       func(b domain.Inspection) uint64 { return b.ID },
	setID:    func(b *domain.Inspection, id uint64) { b.ID = id },
	label:    func(b domain.Inspection) string { return b.Name },
}

// SaveInspection creates (ID 0) or replaces an entry of 随机抽查事项, with its audit event.
func (s *Store) SaveInspection(ch Change, b domain.Inspection) (domain.Inspection, error) {
	return saveOne(s, inspectionTable, ch, b)
}

// Inspection returns one entry.
func (s *Store) Inspection(id uint64) (domain.Inspection, error) {
	return getOne(s, inspectionTable, id)
}

// Inspections lists every entry, by category, then code.
func (s *Store) Inspections() ([]domain.Inspection, error) {
	out, err := listAll(s, inspectionTable)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Category != out[j].Category {
			return out[i].Category == domain.InspectKey
		}
		return out[i].Code < out[j].Code
	})
	return out, err
}

// DeleteInspection removes an entry; published versions keep it as it was published.
func (s *Store) DeleteInspection(ch Change, id uint64) error {
	return removeOne(s, inspectionTable, ch, id)
}

// ImportInspections writes the entries of one spreadsheet import in one transaction, refusing
// when the list changed since revision.
func (s *Store) ImportInspections(ch Change, revision uint64, items []domain.Inspection, summary string) error {
	return inspectionTable.importAll(s, ch, revision, items, summary)
}
