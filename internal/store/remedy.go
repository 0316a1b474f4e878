package store

import (
	"sort"

	"lawdesk/internal/domain"
)

var bucketRemedies = newBucket("remedies")

type remedyRecord struct {
	ID        uint64            `json:"id"`
	Kind      domain.RemedyKind `json:"kind"`
	Body      string            `json:"body"`
	Address   string            `json:"address,omitempty"`
	Phone     string            `json:"phone,omitempty"`
	TimeLimit string            `json:"time_limit"`
	Basis     string            `json:"basis,omitempty"`
	Note      string            `json:"note,omitempty"`
}

var remedyTable = &table[domain.Remedy, remedyRecord]{
	bucket: bucketRemedies, kind: domain.ListRemedies, noun: "救济渠道", target: "remedy",
	toRecord: func(b domain.Remedy) remedyRecord { return remedyRecord(b) },
	toDomain: func(r remedyRecord) domain.Remedy { return domain.Remedy(r) },
	id:       func(b domain.Remedy) uint64 { return b.ID },
	setID:    func(b *domain.Remedy, id uint64) { b.ID = id },
	label:    func(b domain.Remedy) string { return b.Kind.Label() + " " + b.Body },
}

// SaveRemedy creates (ID 0) or replaces an entry of 救济渠道, with its audit event.
func (s *Store) SaveRemedy(ch Change, b domain.Remedy) (domain.Remedy, error) {
	return saveOne(s, remedyTable, ch, b)
}

// Remedy returns one entry.
func (s *Store) Remedy(id uint64) (domain.Remedy, error) { return getOne(s, remedyTable, id) }

// Remedies lists every entry, by kind.
func (s *Store) Remedies() ([]domain.Remedy, error) {
	out, err := listAll(s, remedyTable)
	rank := map[domain.RemedyKind]int{}
	for i, k := range domain.AllRemedyKinds {
		rank[k] = i
	}
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i].Kind] < rank[out[j].Kind] })
	return out, err
}

// DeleteRemedy removes an entry; published versions keep it as it was published.
func (s *Store) DeleteRemedy(ch Change, id uint64) error { return removeOne(s, remedyTable, ch, id) }

// ImportRemedies writes the entries of one spreadsheet import in one transaction, refusing
// when the list changed since revision.
func (s *Store) ImportRemedies(ch Change, revision uint64, items []domain.Remedy, summary string) error {
	return remedyTable.importAll(s, ch, revision, items, summary)
}
