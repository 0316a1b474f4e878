package store

import (
	"bytes"
	"fmt"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

// setPublicationOpen is the case set of cases whose publication (事后公开) may still need
// doing: decided without a publication of that decision, or published and since changed,
// sent back or asked to be withdrawn. It is kept in the same transaction as every case and
// every publication change, so the dashboard looks at a handful of cases instead of every
// case the office ever decided.
const setPublicationOpen = "pubopen"

// pubState is the part of a stored publication that says whether it is settled, decoded
// without the texts, so the index and its check stay cheap with 100 000 publications.
type pubState struct {
	DecisionDate    domain.Date `json:"decision_date,omitzero"`
	DocNumber       string      `json:"doc_no,omitempty"`
	PublishedOn     domain.Date `json:"published,omitzero"`
	NotPublicReason string      `json:"not_public,omitempty"`
	Withdrawal      struct {
		Reason domain.WithdrawReason `json:"reason,omitempty"`
		DoneOn domain.Date           `json:"done,omitzero"`
	} `json:"withdrawal"`
}

// publicationSettled reports whether nothing about the publication of case c can be due:
// undecided with nothing published, or decided with the latest publication about this very
// decision published (and not asked to be withdrawn) or marked not public. It errs towards
// "not settled": the publication service decides exactly for the cases left in the set.
func publicationSettled(c domain.Case, latest *pubState) bool {
	_, done := c.Completed(domain.StageDecide)
	decided := done && c.Decision.Decided() && c.Decision.NotDecidedReason == ""
	if latest == nil {
		return !decided
	}
	if !decided || latest.DecisionDate != c.Decision.Date || latest.DocNumber != c.Decision.DocNumber {
		return false
	}
	p := domain.Publication{PublishedOn: latest.PublishedOn, NotPublicReason: latest.NotPublicReason,
		Withdrawal: domain.Withdrawal{Reason: latest.Withdrawal.Reason, DoneOn: latest.Withdrawal.DoneOn}}
	switch p.Status() {
	case domain.PubNotPublic:
		return true
	case domain.PubPublished:
		return !p.Withdrawal.Requested()
	}
	return false
}

// latestPublication reads the state of the newest publication of a case, nil when it has none.
func latestPublication(tx *bbolt.Tx, caseID uint64) (*pubState, error) {
	c := tx.Bucket(bucketPublicationsByCase).Cursor()
	prefix := itob(caseID)
	k, _ := c.Seek(itob(caseID + 1))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	if k == nil || !bytes.HasPrefix(k, prefix) || len(k) != 16 {
		return nil, nil
	}
	var r pubState
	if ok, err := get(tx, bucketPublications, k[8:], &r); err != nil || !ok {
		return nil, err
	}
	return &r, nil
}

// caseDecision is the part of a stored case publicationSettled looks at.
type caseDecision struct {
	ID      uint64 `json:"id"`
	Number  string `json:"number"`
	History []struct {
		Stage domain.Stage `json:"stage"`
		Back  bool         `json:"back,omitempty"`
	} `json:"history,omitempty"`
	Decision struct {
		Date             domain.Date `json:"date,omitzero"`
		DocNumber        string      `json:"doc_no,omitempty"`
		NotDecidedReason string      `json:"not_decided,omitempty"`
	} `json:"decision"`
}

func (r caseDecision) toCase() domain.Case {
	c := domain.Case{ID: r.ID, Number: r.Number, Decision: domain.Decision{Date: r.Decision.Date,
		DocNumber: r.Decision.DocNumber, NotDecidedReason: r.Decision.NotDecidedReason}}
	for _, h := range r.History {
		c.History = append(c.History, domain.StageRecord{Stage: h.Stage, Back: h.Back})
	}
	return c
}

// refreshPublicationOpen puts case c into the open-publication set or takes it out.
func refreshPublicationOpen(tx *bbolt.Tx, c domain.Case) error {
	latest, err := latestPublication(tx, c.ID)
	if err != nil {
		return err
	}
	want := !publicationSettled(c, latest)
	key := setKey(setPublicationOpen, c.ID)
	sets, counts := tx.Bucket(bucketCaseSets), tx.Bucket(bucketCaseCounts)
	if has := hasKey(sets, key); has == want {
		return nil
	}
	if want {
		if err := sets.Put(key, nil); err != nil {
			return err
		}
		return addCount(counts, []byte(setPublicationOpen), 1)
	}
	if err := sets.Delete(key); err != nil {
		return err
	}
	return addCount(counts, []byte(setPublicationOpen), -1)
}

// indexOpenPublications builds the set for a store made before it existed.
func indexOpenPublications(tx *bbolt.Tx) error {
	var open []uint64 // decided first, written after the walk (a bucket cannot change under ForEach)
	err := tx.Bucket(bucketCases).ForEach(func(_, v []byte) error {
		var r caseDecision
		if err := decode(v, &r); err != nil {
			return err
		}
		latest, err := latestPublication(tx, r.ID)
		if err != nil {
			return err
		}
		if !publicationSettled(r.toCase(), latest) {
			open = append(open, r.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sets := tx.Bucket(bucketCaseSets)
	for _, id := range open {
		if err := sets.Put(setKey(setPublicationOpen, id), nil); err != nil {
			return err
		}
	}
	if len(open) == 0 {
		return nil
	}
	return tx.Bucket(bucketCaseCounts).Put([]byte(setPublicationOpen), itob(uint64(len(open))))
}

// Every case's place in the open-publication set agrees with its case and publications.
var _ = registerCheck(func(s *Store, tx *bbolt.Tx) Check {
	ch := Check{Name: "事后公开待办索引"}
	n, wrong := 0, 0
	sets := tx.Bucket(bucketCaseSets)
	tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
		var r caseDecision
		if decode(v, &r) != nil {
			return nil // the case check reports it
		}
		latest, err := latestPublication(tx, r.ID)
		if err != nil {
			return nil // the publication check reports it
		}
		want := !publicationSettled(r.toCase(), latest)
		if has := hasKey(sets, setKey(setPublicationOpen, r.ID)); has != want {
			wrong++
			if wrong <= 20 {
				ch.Problems = append(ch.Problems, "案件 "+r.Number+" 的事后公开待办索引与记录不符")
			}
		}
		if want {
			n++
		}
		return nil
	})
	if wrong > 20 {
		ch.Problems = append(ch.Problems, fmt.Sprintf("……共 %d 件案件的索引不符", wrong))
	}
	if got := count(tx.Bucket(bucketCaseCounts), setPublicationOpen); got != n {
		ch.Problems = append(ch.Problems, "事后公开待办计数与索引不符")
	}
	ch.Summary = fmt.Sprintf("待办案件 %d 件", n)
	return ch
})

// hasKey reports whether key is in b. Get cannot tell: inside a write transaction a key put
// with a nil value reads back as nil, as if it were absent.
func hasKey(b *bbolt.Bucket, key []byte) bool {
	k, _ := b.Cursor().Seek(key)
	return bytes.Equal(k, key)
}

// CasesWithPublications returns the cases that have at least one publication record, read
// from the index keys alone.
func (s *Store) CasesWithPublications() (map[uint64]bool, error) {
	out := map[uint64]bool{}
	err := s.db.View(func(tx *bbolt.Tx) error {
		c := tx.Bucket(bucketPublicationsByCase).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if len(k) == 16 {
				out[btoi(k[:8])] = true
			}
		}
		return nil
	})
	return out, internal(err)
}
