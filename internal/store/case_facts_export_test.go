package store

import "go.etcd.io/bbolt"

// DropCaseFacts empties the statistics index, as in a store written before it existed.
func DropCaseFacts(s *Store) error {
	s.factsReady.Store(false) // as when such a store is opened
	return s.db.Update(func(tx *bbolt.Tx) error {
		for _, b := range [][]byte{bucketCaseDays, bucketCaseFacts} {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
			if _, err := tx.CreateBucket(b); err != nil {
				return err
			}
		}
		return nil
	})
}

// CorruptCaseFacts replaces the index entry of case id with facts of another content.
func CorruptCaseFacts(s *Store, id uint64) error {
	return s.db.Update(func(tx *bbolt.Tx) error {
		return put(tx, bucketCaseFacts, itob(id), caseFacts{N: "篡改", T: "penalty"})
	})
}
