package store

import (
	"bytes"
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

// eventRecord is the stored form of a domain.Event.
type eventRecord struct {
	Seq      uint64    `json:"seq"`
	Time     time.Time `json:"t"`
	Actor    string    `json:"a"`
	Action   string    `json:"x"`
	Target   string    `json:"g"`
	Summary  string    `json:"s"`
	PrevHash string    `json:"p"`
	Hash     string    `json:"h"`
}

func (r eventRecord) event() domain.Event {
	return domain.Event{Seq: r.Seq, Time: r.Time, Actor: r.Actor, Action: r.Action, Target: r.Target,
		Summary: r.Summary, PrevHash: r.PrevHash, Hash: r.Hash}
}

// keyChainHead holds "seq|hash" of the last event, so appending is O(1) and a truncated
// chain (deleted tail) is detectable.
var keyChainHead = []byte("audit_head")

type chainHead struct {
	Seq  uint64 `json:"seq"`
	Hash string `json:"hash"`
}

// appendEvent adds one link to the audit chain inside tx.
func (s *Store) appendEvent(tx *bbolt.Tx, actor, action, target, summary string) error {
	var head chainHead
	if _, err := get(tx, bucketMeta, keyChainHead, &head); err != nil {
		return err
	}
	e := domain.Event{
		Seq: head.Seq + 1, Time: s.Now().UTC().Round(0), Actor: actor, Action: action,
		Target: target, Summary: summary, PrevHash: head.Hash,
	}
	e.Hash = e.ComputeHash()
	rec := eventRecord{e.Seq, e.Time, e.Actor, e.Action, e.Target, e.Summary, e.PrevHash, e.Hash}
	// The chain only grows at its end: fill its pages instead of splitting them in half,
	// which keeps a million events in half the space and reads them twice as fast.
	tx.Bucket(bucketAudit).FillPercent = 0.95
	if err := put(tx, bucketAudit, itob(e.Seq), rec); err != nil {
		return err
	}
	for _, index := range eventIndexes {
		if err := index(tx, e); err != nil {
			return err
		}
	}
	return put(tx, bucketMeta, keyChainHead, chainHead{Seq: e.Seq, Hash: e.Hash})
}

// eventIndexes let an entity index the events that concern it (e.g. each case's log) in the
// same transaction as the event, so its log screens need not walk the whole chain.
var eventIndexes []func(tx *bbolt.Tx, e domain.Event) error

// registerEventIndex adds an entity's event index; each entity file registers its own.
func registerEventIndex(f func(tx *bbolt.Tx, e domain.Event) error) bool {
	eventIndexes = append(eventIndexes, f)
	return true
}

// LogAccess records a view, export or print of a record (调阅监督) as its own event.
func (s *Store) LogAccess(actor, action, target, summary string) error {
	return internal(s.db.Update(func(tx *bbolt.Tx) error {
		return s.appendEvent(tx, actor, action, target, summary)
	}))
}

// EventFilter selects events for the log screens. Zero fields match everything.
type EventFilter struct {
	Actor        string
	ActionPrefix string
	Target       string
	From, To     time.Time
	Limit        int  // 0 = no limit
	Newest       bool // newest first
}

func (f EventFilter) match(e eventRecord) bool {
	if f.Actor != "" && e.Actor != f.Actor {
		return false
	}
	if f.ActionPrefix != "" && !bytes.HasPrefix([]byte(e.Action), []byte(f.ActionPrefix)) {
		return false
	}
	if f.Target != "" && e.Target != f.Target {
		return false
	}
	if !f.From.IsZero() && e.Time.Before(f.From) {
		return false
	}
	if !f.To.IsZero() && !e.Time.Before(f.To) {
		return false
	}
	return true
}

// Events lists audit events matching f.
func (s *Store) Events(f EventFilter) ([]domain.Event, error) {
	var out []domain.Event
	err := s.db.View(func(tx *bbolt.Tx) error {
		c := tx.Bucket(bucketAudit).Cursor()
		first, next := c.First, c.Next
		if f.Newest {
			first, next = c.Last, c.Prev
		}
		for k, v := first(); k != nil; k, v = next() {
			var r eventRecord
			if err := decode(v, &r); err != nil {
				return err
			}
			if f.match(r) {
				out = append(out, r.event())
				if f.Limit > 0 && len(out) >= f.Limit {
					break
				}
			}
		}
		return nil
	})
	return out, internal(err)
}

// ChainReport is the result of walking the audit chain.
type ChainReport struct {
	Events   uint64
	First    domain.Event // zero when empty
	Last     domain.Event
	OK       bool
	BrokenAt uint64 // sequence number of the first bad event (0 when OK)
	Problem  string // Chinese description of what is wrong
	// Missing names records the chain speaks of that are no longer in the database
	// (deleted outside LawDesk); they do not break the chain itself.
	Missing []string
}

// VerifyChain walks the whole audit chain and reports the first broken link: a changed
// event, a gap in sequence numbers, a wrong link to its predecessor, or a missing tail.
func (s *Store) VerifyChain() (ChainReport, error) {
	rep := ChainReport{OK: true}
	fail := func(seq uint64, format string, args ...any) {
		rep.OK, rep.BrokenAt, rep.Problem = false, seq, fmt.Sprintf(format, args...)
	}
	err := s.db.View(func(tx *bbolt.Tx) error {
		var prev string
		var want uint64 = 1
		witness := newRecordWitness()
		defer func() { rep.Missing = witness.problems() }()
		c := tx.Bucket(bucketAudit).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var r eventRecord
			if err := decode(v, &r); err != nil {
				fail(want, "第 %d 条审计记录无法读取（数据被改动或损坏）", want)
				return nil
			}
			e := r.event()
			switch {
			case len(k) != 8 || btoi(k) != e.Seq:
				fail(want, "第 %d 条审计记录的编号与位置不符（记录被移动或改动）", want)
			case e.Seq != want:
				fail(want, "审计记录缺失：第 %d 条之后直接是第 %d 条（有记录被删除）", want-1, e.Seq)
			case e.PrevHash != prev:
				fail(e.Seq, "第 %d 条审计记录与前一条不衔接（前一条被改动或删除）", e.Seq)
			case e.ComputeHash() != e.Hash:
				fail(e.Seq, "第 %d 条审计记录的内容被改动（%s，%s，%s）", e.Seq, e.Time.Local().Format("2006-01-02 15:04:05"), e.Actor, e.Action)
			}
			if !rep.OK {
				return nil
			}
			witness.note(tx, e)
			if rep.Events == 0 {
				rep.First = e
			}
			rep.Last = e
			rep.Events++
			prev = e.Hash
			want++
		}
		var head chainHead
		if _, err := get(tx, bucketMeta, keyChainHead, &head); err != nil {
			fail(want, "审计链的链头记录无法读取")
			return nil
		}
		if head.Seq != rep.Last.Seq || head.Hash != rep.Last.Hash {
			fail(rep.Last.Seq+1, "审计链末尾缺少记录：链头指向第 %d 条，实际只有 %d 条（最后的记录被删除）", head.Seq, rep.Events)
		}
		return nil
	})
	return rep, internal(err)
}
