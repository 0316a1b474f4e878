package store

import (
	"fmt"
	"sort"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

var bucketMatters = newBucket("matters")

type matterRecord struct {
	ID               uint64         `json:"id"`
	Code             string         `json:"code,omitempty"`
	Name             string         `json:"name"`
	Type             domain.ActType `json:"type"`
	LegalBasis       string         `json:"basis"`
	Benchmark        string         `json:"benchmark,omitempty"`
	HandlingUnit     string         `json:"unit,omitempty"`
	TimeLimit        string         `json:"time_limit,omitempty"`
	RandomInspection bool           `json:"random,omitempty"`
	RecordingStages  []domain.Stage `json:"recording,omitempty"`
	AlwaysMajor      bool           `json:"major,omitempty"`
	Retired          bool           `json:"retired,omitempty"`
}

func (r matterRecord) matter() domain.Matter { return domain.Matter(r) }

// SaveMatter creates (ID 0) or replaces an enforcement matter and appends the change to the
// audit chain in the same transaction. Matters are never deleted: mark them Retired.
func (s *Store) SaveMatter(ch Change, m domain.Matter) (domain.Matter, error) {
	err := s.db.Update(func(tx *bbolt.Tx) error {
		var err error
		m, err = s.saveMatter(tx, ch, m)
		return err
	})
	return m, internal(err)
}

func (s *Store) saveMatter(tx *bbolt.Tx, ch Change, m domain.Matter) (domain.Matter, error) {
	action, what := "matter.update", "修改执法事项 "+m.Name
	if m.ID == 0 {
		seq, err := tx.Bucket(bucketMatters).NextSequence()
		if err != nil {
			return m, err
		}
		m.ID, action, what = seq, "matter.create", "新增执法事项 "+m.Name
	} else if tx.Bucket(bucketMatters).Get(itob(m.ID)) == nil {
		return m, domain.Errorf(domain.ENOTFOUND, "执法事项不存在（编号 %d）。", m.ID)
	}
	if err := put(tx, bucketMatters, itob(m.ID), matterRecord(m)); err != nil {
		return m, err
	}
	return m, s.appendEvent(tx, ch.Actor, action, fmt.Sprintf("matter:%d", m.ID), ch.summary(what))
}

// Matter returns one enforcement matter.
func (s *Store) Matter(id uint64) (domain.Matter, error) {
	var r matterRecord
	err := s.db.View(func(tx *bbolt.Tx) error {
		ok, err := get(tx, bucketMatters, itob(id), &r)
		if err == nil && !ok {
			err = domain.Errorf(domain.ENOTFOUND, "执法事项不存在（编号 %d）。", id)
		}
		return err
	})
	return r.matter(), internal(err)
}

// Matters lists every enforcement matter (including retired ones) by type, then code.
func (s *Store) Matters() ([]domain.Matter, error) {
	var out []domain.Matter
	err := s.db.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketMatters).ForEach(func(k, v []byte) error {
			var r matterRecord
			if err := decode(v, &r); err != nil {
				return err
			}
			out = append(out, r.matter())
			return nil
		})
	})
	order := func(t domain.ActType) int {
		for i, x := range domain.AllActTypes {
			if x == t {
				return i
			}
		}
		return len(domain.AllActTypes)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if a, b := order(out[i].Type), order(out[j].Type); a != b {
			return a < b
		}
		return out[i].Code < out[j].Code
	})
	return out, internal(err)
}
