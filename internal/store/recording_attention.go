package store

import (
	"time"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

// RecordingsLateSince lists the recordings (not deleted) imported since since more than 24
// hours after they were made, with no reason given yet, from their index.
func (s *Store) RecordingsLateSince(since time.Time) ([]domain.Recording, error) {
	return s.recordingsFrom(bucketRecordingsLate, timeKey(since))
}

// RecordingsFutureCapture lists the recordings (not deleted) whose capture time is after
// their import: their device's clock is wrong.
func (s *Store) RecordingsFutureCapture() ([]domain.Recording, error) {
	return s.recordingsFrom(bucketRecordingsFuture, nil)
}

// recordingsFrom decodes the recordings of an index whose keys end in the ID, from key on.
func (s *Store) recordingsFrom(index, from []byte) ([]domain.Recording, error) {
	var out []domain.Recording
	err := s.db.View(func(tx *bbolt.Tx) error {
		c := tx.Bucket(index).Cursor()
		for k, _ := c.Seek(from); k != nil; k, _ = c.Next() {
			if len(k) < 8 {
				continue
			}
			r, err := loadRecording(tx, btoi(k[len(k)-8:]))
			if err != nil {
				return err
			}
			out = append(out, r.recording())
		}
		return nil
	})
	return out, internal(err)
}

// indexRecordingsForDashboard builds the unassigned, late, wrong-clock and deleted indexes
// of a store made before they existed.
func indexRecordingsForDashboard(tx *bbolt.Tx) error {
	var recs []recordingRecord
	err := tx.Bucket(bucketRecordings).ForEach(func(_, v []byte) error {
		var r recordingRecord
		if err := decode(v, &r); err != nil {
			return err
		}
		rec := r.recording()
		if r.Deleted || r.CaseID == 0 || rec.Late() && rec.LateReason == "" || rec.FutureCapture() {
			recs = append(recs, r)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, r := range recs {
		// indexRecording puts every index entry; the older ones are already there
		if err := indexRecording(tx, r, true); err != nil {
			return err
		}
	}
	return nil
}
