package store

import (
	"fmt"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

// BulkLoad writes cases and audit events in large transactions, for benchmarks that need a
// store the size of many years of a busy office: the same code paths as CreateCase and
// appendEvent, without a disk sync per record.
func BulkLoad(s *Store, cases []domain.Case, events int, event func(i int) (actor, action, target, summary string)) error {
	const batch = 2000
	for start := 0; start < len(cases); start += batch {
		err := s.db.Update(func(tx *bbolt.Tx) error {
			for _, c := range cases[start:min(start+batch, len(cases))] {
				seq, err := tx.Bucket(bucketCases).NextSequence()
				if err != nil {
					return err
				}
				c.ID = seq
				c.Status = domain.StatusFor(c.Stage, c.Archived)
				if err := s.claimTypedNumber(tx, c.Number); err != nil {
					return fmt.Errorf("%s: %w", c.Number, err)
				}
				if err := s.writeCase(tx, nil, c); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for start := 0; start < events; start += 20 * batch {
		err := s.db.Update(func(tx *bbolt.Tx) error {
			for i := start; i < min(start+20*batch, events); i++ {
				actor, action, target, summary := event(i)
				if err := s.appendEvent(tx, actor, action, target, summary); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
