package store

import (
	"sort"

	"lawdesk/internal/domain"
)

var bucketBenchmarks = newBucket("benchmarks")

type benchmarkRecord struct {
	ID           uint64                `json:"id"`
	Code         string                `json:"code"`
	Violation    string                `json:"violation"`
	Basis        string                `json:"basis,omitempty"`
	PenaltyBasis string                `json:"penalty_basis"`
	Circumstance string                `json:"circumstance"`
	Grade        domain.BenchmarkGrade `json:"grade"`
	Penalty      string                `json:"penalty"`
	Note         string                `json:"note,omitempty"`
}

var benchmarkTable = &table[domain.Benchmark, benchmarkRecord]{
	bucket: bucketBenchmarks, kind: domain.ListBenchmarks, noun: "裁量基准", target: "benchmark",
	toRecord: func(b domain.Benchmark) benchmarkRecord { return benchmarkRecord(b) },
	toDomain: func(r benchmarkRecord) domain.Benchmark { return domain.Benchmark(r) },
	id:       func(b domain.Benchmark) uint64 { return b.ID },
	setID:    func(b *domain.Benchmark, id uint64) { b.ID = id },
	label:    func(b domain.Benchmark) string { return b.Code + " " + b.Violation + "（" + b.Grade.Label() + "）" },
}

// SaveBenchmark creates (ID 0) or replaces an entry of 裁量基准, with its audit event.
func (s *Store) SaveBenchmark(ch Change, b domain.Benchmark) (domain.Benchmark, error) {
	return saveOne(s, benchmarkTable, ch, b)
}

// Benchmark returns one entry.
func (s *Store) Benchmark(id uint64) (domain.Benchmark, error) { return getOne(s, benchmarkTable, id) }

// Benchmarks lists every entry, by code, then grade.
func (s *Store) Benchmarks() ([]domain.Benchmark, error) {
	out, err := listAll(s, benchmarkTable)
	rank := map[domain.BenchmarkGrade]int{}
	for i, g := range domain.AllBenchmarkGrades {
		rank[g] = i
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Code != out[j].Code {
			return out[i].Code < out[j].Code
		}
		return rank[out[i].Grade] < rank[out[j].Grade]
	})
	return out, err
}

// DeleteBenchmark removes an entry; published versions keep it as it was published.
func (s *Store) DeleteBenchmark(ch Change, id uint64) error {
	return removeOne(s, benchmarkTable, ch, id)
}

// ImportBenchmarks writes the entries of one spreadsheet import in one transaction, refusing
// when the list changed since revision.
func (s *Store) ImportBenchmarks(ch Change, revision uint64, items []domain.Benchmark, summary string) error {
	return benchmarkTable.importAll(s, ch, revision, items, summary)
}
