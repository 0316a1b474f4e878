package store

import (
	"bytes"
	"strconv"
	"strings"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

// The events of each case (changes and accesses, target case:N or case:N/…) and every
// access to a record (action record.*) are indexed as they are appended, so a case's log
// and the access-log screen read only their own events, however long the chain grows.
var (
	bucketCaseEvents     = newBucket("case_events")     // case id + seq → nil
	bucketRecordAccess   = newBucket("record_access")   // seq → nil
	bucketAccessByActor  = newBucket("access_by_actor") // actor + 0xFF + seq → nil
	_                    = registerEventIndex(indexRecordEvent)
	recordActionPrefix   = "record."
	caseTargetPrefix     = "case:"
	maxAccessLogPageSize = 100_000
)

func indexRecordEvent(tx *bbolt.Tx, e domain.Event) error {
	if id, ok := CaseOfTarget(e.Target); ok {
		if err := tx.Bucket(bucketCaseEvents).Put(append(itob(id), itob(e.Seq)...), nil); err != nil {
			return err
		}
	}
	if strings.HasPrefix(e.Action, recordActionPrefix) {
		if err := tx.Bucket(bucketRecordAccess).Put(itob(e.Seq), nil); err != nil {
			return err
		}
		return tx.Bucket(bucketAccessByActor).Put(setKey(e.Actor, e.Seq), nil)
	}
	return nil
}

// CaseOfTarget reads the case ID of an audit target case:N or case:N/…
func CaseOfTarget(target string) (uint64, bool) {
	rest, ok := strings.CutPrefix(target, caseTargetPrefix)
	if !ok {
		return 0, false
	}
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		rest = rest[:i]
	}
	id, err := strconv.ParseUint(rest, 10, 64)
	return id, err == nil && id > 0
}

// CaseEvents returns every event of case id (its changes, and every view, preview,
// export and print of it and its documents), newest first, at most limit (0: all).
func (s *Store) CaseEvents(id uint64, limit int) ([]domain.Event, error) {
	var out []domain.Event
	err := s.db.View(func(tx *bbolt.Tx) error {
		return caseEventsNewestFirst(tx, id, func(e domain.Event) bool {
			out = append(out, e)
			return limit == 0 || len(out) < limit
		})
	})
	return out, internal(err)
}

// caseEventsNewestFirst calls more with each event of case id, newest first, while it
// returns true.
func caseEventsNewestFirst(tx *bbolt.Tx, id uint64, more func(domain.Event) bool) error {
	prefix := itob(id)
	c := tx.Bucket(bucketCaseEvents).Cursor()
	k, _ := c.Seek(itob(id + 1))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	for ; k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Prev() {
		e, err := eventAt(tx, btoi(k[8:]))
		if err != nil {
			return err
		}
		if !more(e) {
			return nil
		}
	}
	return nil
}

// AccessFilter selects entries of the access log (调阅记录). Zero fields match everything.
type AccessFilter struct {
	Actor  string
	CaseID uint64
	From   domain.Date // inclusive, in the office's local time
	To     domain.Date // inclusive
	Limit  int         // 0 means 1000
}

// AccessLog lists views, previews, exports and prints of records (actions record.*),
// newest first.
func (s *Store) AccessLog(f AccessFilter) ([]domain.Event, error) {
	if f.Limit <= 0 {
		f.Limit = 1000
	}
	f.Limit = min(f.Limit, maxAccessLogPageSize)
	var out []domain.Event
	err := s.db.View(func(tx *bbolt.Tx) error {
		keep := func(e domain.Event) bool {
			if !strings.HasPrefix(e.Action, recordActionPrefix) {
				return false
			}
			if f.Actor != "" && e.Actor != f.Actor {
				return false
			}
			if f.CaseID != 0 {
				if id, ok := CaseOfTarget(e.Target); !ok || id != f.CaseID {
					return false
				}
			}
			day := domain.DateOf(e.Time.Local())
			return (f.From.IsZero() || !day.Before(f.From)) && (f.To.IsZero() || !day.After(f.To))
		}
		var c *bbolt.Cursor
		var prefix []byte
		switch {
		case f.CaseID != 0:
			c, prefix = tx.Bucket(bucketCaseEvents).Cursor(), itob(f.CaseID)
		case f.Actor != "":
			c, prefix = tx.Bucket(bucketAccessByActor).Cursor(), append([]byte(f.Actor), termSep)
		default:
			c = tx.Bucket(bucketRecordAccess).Cursor()
		}
		var k []byte
		if prefix == nil {
			k, _ = c.Last()
		} else if k, _ = c.Seek(append(append([]byte(nil), prefix...), bytes.Repeat([]byte{0xFF}, 8)...)); k == nil {
			k, _ = c.Last()
		} else if !bytes.HasPrefix(k, prefix) || len(k) != len(prefix)+8 {
			k, _ = c.Prev()
		}
		for ; k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8; k, _ = c.Prev() {
			e, err := eventAt(tx, btoi(k[len(prefix):]))
			if err != nil {
				return err
			}
			if !f.From.IsZero() && domain.DateOf(e.Time.Local()).Before(f.From) {
				break // newest first: everything further is older still
			}
			if keep(e) {
				out = append(out, e)
				if len(out) >= f.Limit {
					break
				}
			}
		}
		return nil
	})
	return out, internal(err)
}

func eventAt(tx *bbolt.Tx, seq uint64) (domain.Event, error) {
	var r eventRecord
	ok, err := get(tx, bucketAudit, itob(seq), &r)
	if err == nil && !ok {
		err = domain.Errorf(domain.ENOTFOUND, "审计记录 %d 不存在。", seq)
	}
	return r.event(), err
}
