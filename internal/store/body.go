package store

import (
	"sort"

	"lawdesk/internal/domain"
)

var bucketBodies = newBucket("bodies")

type bodyRecord struct {
	ID           uint64          `json:"id"`
	Kind         domain.BodyKind `json:"kind"`
	Name         string          `json:"name"`
	Parent       string          `json:"parent,omitempty"`
	CreditCode   string          `json:"credit_code,omitempty"`
	LegalRep     string          `json:"legal_rep,omitempty"`
	Duties       string          `json:"duties,omitempty"`
	Jurisdiction string          `json:"jurisdiction,omitempty"`
	Entrustment  string          `json:"entrustment,omitempty"`
	Address      string          `json:"address,omitempty"`
	Phone        string          `json:"phone,omitempty"`
	Note         string          `json:"note,omitempty"`
}

var bodyTable = &table[domain.Body, bodyRecord]{
	bucket: bucketBodies, kind: domain.ListBodies, noun: "执法主体", target: "body",
	toRecord: func(b domain.Body) bodyRecord { return bodyRecord(b) },
	toDomain: func(r bodyRecord) domain.Body { return domain.Body(r) },
	id:       func(b domain.Body) uint64 { return b.ID },
	setID:    func(b *domain.Body, id uint64) { b.ID = id },
	label:    func(b domain.Body) string { return b.Name },
}

// SaveBody creates (ID 0) or replaces an entry of 执法主体, with its audit event.
func (s *Store) SaveBody(ch Change, b domain.Body) (domain.Body, error) {
	return saveOne(s, bodyTable, ch, b)
}

// Body returns one entry.
func (s *Store) Body(id uint64) (domain.Body, error) { return getOne(s, bodyTable, id) }

// Bodies lists every entry, the office first, then by kind and name.
func (s *Store) Bodies() ([]domain.Body, error) {
	out, err := listAll(s, bodyTable)
	rank := map[domain.BodyKind]int{}
	for i, k := range domain.AllBodyKinds {
		rank[k] = i
	}
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i].Kind] < rank[out[j].Kind] })
	return out, err
}

// DeleteBody removes an entry; published versions keep it as it was published.
func (s *Store) DeleteBody(ch Change, id uint64) error { return removeOne(s, bodyTable, ch, id) }

// ImportBodies writes the entries of one spreadsheet import in one transaction, refusing
// when the list changed since revision.
func (s *Store) ImportBodies(ch Change, revision uint64, items []domain.Body, summary string) error {
	return bodyTable.importAll(s, ch, revision, items, summary)
}
