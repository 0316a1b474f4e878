package store

import (
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
	BenchmarkCodes   []string       `json:"benchmark_codes,omitempty"`
	Note             string         `json:"note,omitempty"`
}

func (r matterRecord) matter() domain.Matter { return domain.Matter(r) }

var matters = &table[domain.Matter, matterRecord]{
	bucket: bucketMatters, kind: domain.ListMatters, noun: "执法事项", target: "matter",
	toRecord: func(m domain.Matter) matterRecord { return matterRecord(m) },
	toDomain: matterRecord.matter,
	id:       func(m domain.Matter) uint64 { return m.ID },
	setID:    func(m *domain.Matter, id uint64) { m.ID = id },
	label:    func(m domain.Matter) string { return m.Name },
}

// SaveMatter creates (ID 0) or replaces an enforcement matter and appends the change to the
// audit chain in the same transaction. Matters are never deleted: mark them Retired.
func (s *Store) SaveMatter(ch Change, m domain.Matter) (domain.Matter, error) {
	return saveOne(s, matters, ch, m)
}

func (s *Store) saveMatter(tx *bbolt.Tx, ch Change, m domain.Matter) (domain.Matter, error) {
	return matters.save(s, tx, ch, m, "")
}

// Matter returns one enforcement matter.
func (s *Store) Matter(id uint64) (domain.Matter, error) { return getOne(s, matters, id) }

// Matters lists every enforcement matter (including retired ones) by type, then code.
func (s *Store) Matters() ([]domain.Matter, error) {
	out, err := listAll(s, matters)
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
	return out, err
}

// ImportMatters writes the matters of one spreadsheet import in one transaction, refusing
// when the list changed since revision.
func (s *Store) ImportMatters(ch Change, revision uint64, items []domain.Matter, summary string) error {
	return matters.importAll(s, ch, revision, items, summary)
}
