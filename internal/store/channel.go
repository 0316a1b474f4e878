package store

import (
	"lawdesk/internal/domain"
)

var bucketChannels = newBucket("channels")

type channelRecord struct {
	ID        uint64 `json:"id"`
	Name      string `json:"name"`
	Scope     string `json:"scope"`
	Address   string `json:"address,omitempty"`
	Postcode  string `json:"postcode,omitempty"`
	Phone     string `json:"phone,omitempty"`
	Email     string `json:"email,omitempty"`
	URL       string `json:"url,omitempty"`
	Hours     string `json:"hours,omitempty"`
	Procedure string `json:"procedure,omitempty"`
}

var channelTable = &table[domain.Channel, channelRecord]{
	bucket: bucketChannels, kind: domain.ListSupervision, noun: "投诉举报与监督方式", target: "channel",
	toRecord: func(b domain.Channel) channelRecord { return channelRecord(b) },
	toDomain: func(r channelRecord) domain.Channel { return domain.Channel(r) },
	id:       func(b domain.Channel) uint64 { return b.ID },
	setID:    func(b *domain.Channel, id uint64) { b.ID = id },
	label:    func(b domain.Channel) string { return b.Name },
}

// SaveChannel creates (ID 0) or replaces an entry of 投诉举报与监督方式, with its audit event.
func (s *Store) SaveChannel(ch Change, b domain.Channel) (domain.Channel, error) {
	return saveOne(s, channelTable, ch, b)
}

// Channel returns one entry.
func (s *Store) Channel(id uint64) (domain.Channel, error) { return getOne(s, channelTable, id) }

// Channels lists every entry, in the order they were added.
func (s *Store) Channels() ([]domain.Channel, error) {
	out, err := listAll(s, channelTable)

	return out, err
}

// DeleteChannel removes an entry; published versions keep it as it was published.
func (s *Store) DeleteChannel(ch Change, id uint64) error { return removeOne(s, channelTable, ch, id) }

// ImportChannels writes the entries of one spreadsheet import in one transaction, refusing
// when the list changed since revision.
func (s *Store) ImportChannels(ch Change, revision uint64, items []domain.Channel, summary string) error {
	return channelTable.importAll(s, ch, revision, items, summary)
}
