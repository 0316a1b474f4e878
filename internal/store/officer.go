package store

import (
	"fmt"
	"sort"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

var bucketOfficers = newBucket("officers")

type officerRecord struct {
	ID            uint64          `json:"id"`
	Name          string          `json:"name"`
	Unit          string          `json:"unit"`
	Post          string          `json:"post,omitempty"`
	CertNo        string          `json:"cert_no,omitempty"`
	CertIssuer    string          `json:"cert_issuer,omitempty"`
	Category      string          `json:"category,omitempty"`
	Region        string          `json:"region,omitempty"`
	ValidUntil    domain.Date     `json:"valid_until,omitzero"`
	Phone         string          `json:"phone,omitempty"`
	PhotoSHA      string          `json:"photo,omitempty"`
	Reviewer      bool            `json:"reviewer,omitempty"`
	Left          bool            `json:"left,omitempty"`
	TrainingHours map[int]float64 `json:"training,omitempty"`
}

func (r officerRecord) officer() domain.Officer { return domain.Officer(r) }

// Change says who changes a record and why, for the audit chain.
type Change struct {
	Actor  string
	Reason string // optional: why, in the user's words
}

func (c Change) summary(what string) string {
	if c.Reason == "" {
		return what
	}
	return what + "（原因：" + c.Reason + "）"
}

// SaveOfficer creates (ID 0) or replaces an officer and appends the change to the audit
// chain in the same transaction. Officers are never deleted: mark them Left.
func (s *Store) SaveOfficer(ch Change, o domain.Officer) (domain.Officer, error) {
	err := s.db.Update(func(tx *bbolt.Tx) error {
		var err error
		o, err = s.saveOfficer(tx, ch, o)
		return err
	})
	return o, internal(err)
}

func (s *Store) saveOfficer(tx *bbolt.Tx, ch Change, o domain.Officer) (domain.Officer, error) {
	action, what := "officer.update", "修改执法人员 "+o.Name
	if o.ID == 0 {
		seq, err := tx.Bucket(bucketOfficers).NextSequence()
		if err != nil {
			return o, err
		}
		o.ID, action, what = seq, "officer.create", "新增执法人员 "+o.Name
	} else if tx.Bucket(bucketOfficers).Get(itob(o.ID)) == nil {
		return o, domain.Errorf(domain.ENOTFOUND, "执法人员不存在（编号 %d）。", o.ID)
	}
	if err := put(tx, bucketOfficers, itob(o.ID), officerRecord(o)); err != nil {
		return o, err
	}
	return o, s.appendEvent(tx, ch.Actor, action, fmt.Sprintf("officer:%d", o.ID), ch.summary(what))
}

// Officer returns one officer.
func (s *Store) Officer(id uint64) (domain.Officer, error) {
	var r officerRecord
	err := s.db.View(func(tx *bbolt.Tx) error {
		ok, err := get(tx, bucketOfficers, itob(id), &r)
		if err == nil && !ok {
			err = domain.Errorf(domain.ENOTFOUND, "执法人员不存在（编号 %d）。", id)
		}
		return err
	})
	return r.officer(), internal(err)
}

// Officers lists every officer (including those who left), sorted by unit then name.
func (s *Store) Officers() ([]domain.Officer, error) {
	var out []domain.Officer
	err := s.db.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketOfficers).ForEach(func(k, v []byte) error {
			var r officerRecord
			if err := decode(v, &r); err != nil {
				return err
			}
			out = append(out, r.officer())
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Unit != out[j].Unit {
			return out[i].Unit < out[j].Unit
		}
		return out[i].Name < out[j].Name
	})
	return out, internal(err)
}
