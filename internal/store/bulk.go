package store

import (
	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

// Bulk is one write transaction for loading many records at once (the bench generator, a
// large import): the same entity writes as the single-record methods, each checked the same
// way and each appending its own audit event, but committed together, so loading 100 000
// cases costs a few hundred commits instead of a million.
type Bulk struct {
	s  *Store
	tx *bbolt.Tx
}

// Bulk runs fn in one write transaction. If fn returns an error nothing it wrote is kept.
// Keep a batch to a few thousand records: the whole batch is held in memory until commit.
func (s *Store) Bulk(fn func(b *Bulk) error) error {
	return internal(s.db.Update(func(tx *bbolt.Tx) error { return fn(&Bulk{s: s, tx: tx}) }))
}

// CreateCase is Store.CreateCase inside the batch.
func (b *Bulk) CreateCase(ch Change, c domain.Case, numbering *CaseNumbering) (domain.Case, error) {
	return b.s.createCase(b.tx, ch, c, numbering)
}

// SaveCase is Store.SaveCase inside the batch.
func (b *Bulk) SaveCase(ch Change, c domain.Case, action, summary string) (domain.Case, error) {
	return b.s.saveCase(b.tx, ch, c, action, summary)
}

// SavePublication is Store.SavePublication inside the batch.
func (b *Bulk) SavePublication(ch Change, p domain.Publication, action, summary string) (domain.Publication, error) {
	return b.s.savePublication(b.tx, ch, p, action, summary)
}

// LogAccess is Store.LogAccess inside the batch.
func (b *Bulk) LogAccess(actor, action, target, summary string) error {
	return b.s.appendEvent(b.tx, actor, action, target, summary)
}

// AddRecordings is Store.AddRecordings inside the batch.
func (b *Bulk) AddRecordings(ch Change, batch []NewRecording) ([]AddedRecording, error) {
	return b.s.addRecordings(b.tx, ch, batch)
}

// AddDocument is Store.AddDocument inside the batch.
func (b *Bulk) AddDocument(ch Change, nd NewDocument) (domain.Document, error) {
	return b.s.addDocument(b.tx, ch, nd)
}

// ArchiveCase is Store.ArchiveCase inside the batch.
func (b *Bulk) ArchiveCase(ch Change, c domain.Case, order []uint64, n ArchiveNumbering) (domain.Case, error) {
	return b.s.archiveCase(b.tx, ch, c, order, n)
}

// UpdateReview is Store.UpdateReview inside the batch.
func (b *Bulk) UpdateReview(caseID uint64, actor, action string, change func(r *domain.Review, t ReviewTx) (string, error)) (domain.Review, error) {
	return b.s.updateReview(b.tx, caseID, actor, action, change)
}
