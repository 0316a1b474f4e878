package store

import (
	"sort"

	"lawdesk/internal/domain"
)

var bucketGuides = newBucket("guides")

type guideRecord struct {
	ID            uint64         `json:"id"`
	Name          string         `json:"name"`
	Code          string         `json:"code,omitempty"`
	Type          domain.ActType `json:"type,omitempty"`
	Basis         string         `json:"basis"`
	AcceptingBody string         `json:"accepting"`
	DecidingBody  string         `json:"deciding,omitempty"`
	Conditions    string         `json:"conditions,omitempty"`
	Materials     string         `json:"materials"`
	Procedure     string         `json:"procedure,omitempty"`
	TimeLimit     string         `json:"time_limit"`
	Fees          string         `json:"fees,omitempty"`
	Supervision   string         `json:"supervision,omitempty"`
	Remedies      string         `json:"remedies,omitempty"`
	Hours         string         `json:"hours,omitempty"`
	Address       string         `json:"address,omitempty"`
	Phone         string         `json:"phone,omitempty"`
	URL           string         `json:"url,omitempty"`
}

var guideTable = &table[domain.Guide, guideRecord]{
	bucket: bucketGuides, kind: domain.ListGuides, noun: "服务指南", target: "guide",
	toRecord: func(b domain.Guide) guideRecord { return guideRecord(b) },
	toDomain: func(r guideRecord) domain.Guide { return domain.Guide(r) },
	id:       func(b domain.Guide) uint64 { return b.ID },
	setID:    func(b *domain.Guide, id uint64) { b.ID = id },
	label:    func(b domain.Guide) string { return b.Name },
}

// SaveGuide creates (ID 0) or replaces an entry of 服务指南, with its audit event.
func (s *Store) SaveGuide(ch Change, b domain.Guide) (domain.Guide, error) {
	return saveOne(s, guideTable, ch, b)
}

// Guide returns one entry.
func (s *Store) Guide(id uint64) (domain.Guide, error) { return getOne(s, guideTable, id) }

// Guides lists every entry, by code, then name.
func (s *Store) Guides() ([]domain.Guide, error) {
	out, err := listAll(s, guideTable)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, err
}

// DeleteGuide removes an entry; published versions keep it as it was published.
func (s *Store) DeleteGuide(ch Change, id uint64) error { return removeOne(s, guideTable, ch, id) }

// ImportGuides writes the entries of one spreadsheet import in one transaction, refusing
// when the list changed since revision.
func (s *Store) ImportGuides(ch Change, revision uint64, items []domain.Guide, summary string) error {
	return guideTable.importAll(s, ch, revision, items, summary)
}
