package store

import (
	"fmt"
	"time"

	"go.etcd.io/bbolt"
)

// VerifyRecord is the outcome of a verification LawDesk ran, kept so the dashboard warns
// (in red) until the data verifies again.
type VerifyRecord struct {
	At       time.Time `json:"at"`
	Full     bool      `json:"full,omitempty"` // files re-hashed; else only their sizes (the start-up check)
	OK       bool      `json:"ok"`
	Problems []string  `json:"problems,omitempty"` // the first problems, for the warning
	Total    int       `json:"total,omitempty"`    // problems in all
	Actor    string    `json:"actor"`
}

var (
	keyVerifyQuick = []byte("verify_quick")
	keyVerifyFull  = []byte("verify_full")
)

// SaveVerifyResult records the outcome of a verification (full: files re-hashed) and
// appends it to the audit chain, so who checked the data when, and what they found, is on
// record.
func (s *Store) SaveVerifyResult(actor string, full bool, rep Report) (VerifyRecord, error) {
	rec := VerifyRecord{At: s.Now(), Full: full, OK: rep.OK(), Actor: actor}
	for _, c := range rep.Checks {
		for _, p := range c.Problems {
			rec.Total++
			if len(rec.Problems) < 5 {
				rec.Problems = append(rec.Problems, c.Name+"："+p)
			}
		}
	}
	kind, key := "启动时快速校验", keyVerifyQuick
	if full {
		kind, key = "完整校验", keyVerifyFull
	}
	summary := kind + "：全部通过"
	if !rec.OK {
		summary = fmt.Sprintf("%s：发现 %d 个问题，第一个是 %s", kind, rec.Total, rec.Problems[0])
	}
	err := s.db.Update(func(tx *bbolt.Tx) error {
		if err := put(tx, bucketMeta, key, rec); err != nil {
			return err
		}
		return s.appendEvent(tx, actor, "store.verify", "store", summary)
	})
	return rec, internal(err)
}

// VerifyWarning returns the verification the dashboard must warn about: the last start-up
// check when it failed, else the last full verification when it failed (a file replaced
// by one of the same size is found only by the full one). ok is false when the data
// verified at its last checks.
func (s *Store) VerifyWarning() (rec VerifyRecord, ok bool, err error) {
	var quick, full VerifyRecord
	var hasQuick, hasFull bool
	err = s.db.View(func(tx *bbolt.Tx) error {
		var err error
		if hasQuick, err = get(tx, bucketMeta, keyVerifyQuick, &quick); err != nil {
			return err
		}
		hasFull, err = get(tx, bucketMeta, keyVerifyFull, &full)
		return err
	})
	switch {
	case err != nil:
		return rec, false, internal(err)
	case hasQuick && !quick.OK:
		return quick, true, nil
	case hasFull && !full.OK:
		return full, true, nil
	}
	return rec, false, nil
}
