package store

import (
	"encoding/binary"
	"fmt"
	"slices"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

// Publications by the days they count on: the day of the decision, of publication and of
// withdrawal. The statistics and the annual bundle of a period read the publications
// dated in it from here instead of every publication of every year; a decision published
// years late still counts in the period of its publication.
var bucketPublicationDays = newBucket("publication_days") // day (uint32 YYYYMMDD) + publication id → nil

// dayKeys are the index keys of a publication.
func (r publicationRecord) dayKeys() [][]byte {
	var keys [][]byte
	seen := map[int]bool{}
	for _, d := range []domain.Date{r.DecisionDate, r.PublishedOn, r.Withdrawal.DoneOn} {
		if day := dayInt(d); day != 0 && !seen[day] {
			seen[day] = true
			keys = append(keys, dayKey(day, r.ID))
		}
	}
	return keys
}

// indexPublicationDays replaces the keys of old (nil for a new publication) by those of r.
func indexPublicationDays(tx *bbolt.Tx, old *publicationRecord, r publicationRecord) error {
	days := tx.Bucket(bucketPublicationDays)
	if old != nil {
		for _, k := range old.dayKeys() {
			if err := days.Delete(k); err != nil {
				return err
			}
		}
	}
	for _, k := range r.dayKeys() {
		if err := days.Put(k, nil); err != nil {
			return err
		}
	}
	return nil
}

// buildPublicationDays indexes the publications of a store made before the index existed.
func buildPublicationDays(tx *bbolt.Tx) error {
	var all []publicationRecord // read first: a bucket cannot change under ForEach
	err := tx.Bucket(bucketPublications).ForEach(func(_, v []byte) error {
		var r publicationRecord
		if err := decode(v, &r); err != nil {
			return err
		}
		all = append(all, publicationRecord{ID: r.ID, DecisionDate: r.DecisionDate, PublishedOn: r.PublishedOn, Withdrawal: withdrawalRecord{DoneOn: r.Withdrawal.DoneOn}})
		return nil
	})
	if err != nil {
		return err
	}
	for _, r := range all {
		if err := indexPublicationDays(tx, nil, r); err != nil {
			return err
		}
	}
	return nil
}

// PublicationsDated lists, oldest first, every publication decided, published or
// withdrawn on a day from from to to (both included).
func (s *Store) PublicationsDated(from, to domain.Date) ([]domain.Publication, error) {
	var out []domain.Publication
	err := s.db.View(func(tx *bbolt.Tx) error {
		var ids []uint64
		seen := map[uint64]bool{}
		c := tx.Bucket(bucketPublicationDays).Cursor()
		last := uint32(dayInt(to))
		for k, _ := c.Seek(dayKey(dayInt(from), 0)[:4]); k != nil && binary.BigEndian.Uint32(k) <= last; k, _ = c.Next() {
			if id := binary.BigEndian.Uint64(k[4:]); !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		for _, id := range ids {
			var r publicationRecord
			ok, err := get(tx, bucketPublications, itob(id), &r)
			if err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("publication_days names publication %d, which does not exist", id)
			}
			out = append(out, r.publication())
		}
		return nil
	})
	return out, internal(err)
}
