package store

import (
	"time"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

// AuditSegment calls fn, in chain order, for the run of audit events from the first one at
// or after from up to the last one before to — a year's segment of the chain for the
// annual data bundle. Events are appended in time order, so both ends are found by binary
// search over the sequence numbers instead of reading the whole chain.
func (s *Store) AuditSegment(from, to time.Time, fn func(domain.Event) error) error {
	return internal(s.db.View(func(tx *bbolt.Tx) error {
		c := tx.Bucket(bucketAudit).Cursor()
		last, _ := c.Last()
		if last == nil {
			return nil
		}
		n := btoi(last)
		// firstAtOrAfter is the smallest sequence number in 1…n+1 whose event is not before t.
		firstAtOrAfter := func(t time.Time) (uint64, error) {
			lo, hi := uint64(1), n+1
			for lo < hi {
				mid := lo + (hi-lo)/2
				var r eventRecord
				ok, err := get(tx, bucketAudit, itob(mid), &r)
				if err != nil {
					return 0, err
				}
				if !ok {
					return 0, domain.Errorf(domain.EINTERNAL, "审计链中缺少第 %d 条记录，请运行“校验”。", mid)
				}
				if r.Time.Before(t) {
					lo = mid + 1
				} else {
					hi = mid
				}
			}
			return lo, nil
		}
		a, err := firstAtOrAfter(from)
		if err != nil {
			return err
		}
		z, err := firstAtOrAfter(to)
		if err != nil {
			return err
		}
		for k, v := c.Seek(itob(a)); k != nil && btoi(k) < z; k, v = c.Next() {
			var r eventRecord
			if err := decode(v, &r); err != nil {
				return err
			}
			if err := fn(r.event()); err != nil {
				return err
			}
		}
		return nil
	}))
}
