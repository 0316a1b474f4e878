package store

import (
	"context"
	"fmt"

	"go.etcd.io/bbolt"

	"lawdesk/internal/blob"
	"lawdesk/internal/domain"
)

// Check is one section of a verification report.
type Check struct {
	Name     string   // Chinese title, e.g. 审计链
	Summary  string   // what was checked, e.g. "12 345 条记录"
	Problems []string // empty when the check holds
}

// Report is the result of Verify; later capabilities append their own checks.
type Report struct {
	Checks []Check
}

// OK reports whether every check holds.
func (r Report) OK() bool {
	for _, c := range r.Checks {
		if len(c.Problems) > 0 {
			return false
		}
	}
	return true
}

// consistencyCheck is one entity's own verification (indexes match records, references
// resolve, …), run inside one read transaction.
type consistencyCheck func(s *Store, tx *bbolt.Tx) Check

var consistencyChecks []consistencyCheck

// registerCheck adds an entity's check to Verify; each entity file registers its own.
func registerCheck(c consistencyCheck) bool {
	consistencyChecks = append(consistencyChecks, c)
	return true
}

// Verify checks the audit chain end to end, every entity's consistency, and re-hashes
// every stored file.
func (s *Store) Verify(ctx context.Context, progress func(done int64)) (Report, error) {
	rep, sizes, err := s.verifyRecords()
	if err != nil {
		return rep, err
	}
	problems, err := s.blobs.Verify(ctx, sizes, progress)
	if err != nil {
		return rep, internal(err)
	}
	rep.Checks = append(rep.Checks, blobCheck(sizes, problems, "重新计算哈希"))
	return rep, nil
}

// VerifyQuick checks everything Verify checks except the contents of the stored files:
// the audit chain end to end, every entity's consistency, and that each stored file is
// present with its recorded size. It reads only the database and the file sizes, so it
// takes seconds even with hundreds of gigabytes of footage; LawDesk runs it at start-up.
func (s *Store) VerifyQuick(ctx context.Context) (Report, error) {
	rep, sizes, err := s.verifyRecords()
	if err != nil {
		return rep, err
	}
	problems, err := s.blobs.CheckSizes(ctx, sizes)
	if err != nil {
		return rep, internal(err)
	}
	rep.Checks = append(rep.Checks, blobCheck(sizes, problems, "只核对是否存在和大小"))
	return rep, nil
}

// verifyRecords checks the audit chain and every entity's consistency, and returns the
// registered files with their sizes for the file check.
func (s *Store) verifyRecords() (Report, map[string]int64, error) {
	// opened read-only, an older schema is checked as it is: the buckets later schemas add
	// are not there yet, so the checks cannot run until LawDesk has upgraded the data
	if v, err := s.Version(); err != nil {
		return Report{}, nil, internal(err)
	} else if v < SchemaVersion() {
		return Report{}, nil, domain.Errorf(domain.ECONFLICT, "数据目录 %s 的数据版本（%d）比本程序（%d）旧，需要先升级才能校验。请用 LawDesk 打开一次这个数据目录（升级前会自动把数据文件另存一份），然后再校验。", s.dir, v, SchemaVersion())
	}
	// The chain and the entities' checks read different buckets: walk them side by side
	// (each in its own read transaction), which halves the time on a two-core office PC.
	var chain ChainReport
	var chainErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		chain, chainErr = s.VerifyChain()
	}()
	checks := make([]Check, 0, len(consistencyChecks))
	err := s.db.View(func(tx *bbolt.Tx) error {
		for _, check := range consistencyChecks {
			checks = append(checks, check(s, tx))
		}
		return nil
	})
	<-done
	var rep Report
	if chainErr != nil {
		return rep, nil, chainErr
	}
	c := Check{Name: "审计链", Summary: fmt.Sprintf("%d 条记录", chain.Events)}
	if !chain.OK {
		c.Problems = append(c.Problems, chain.Problem)
	}
	rep.Checks = append(rep.Checks, c, Check{Name: "记录完整性（与审计链对照）",
		Summary: "审计链记载的每件案件、文书、公开、音像记录、执法人员和事项都还在", Problems: chain.Missing})
	rep.Checks = append(rep.Checks, checks...)
	if err != nil {
		return rep, nil, internal(err)
	}
	sizes, err := s.BlobSizes()
	return rep, sizes, err
}

func blobCheck(sizes map[string]int64, problems []blob.Problem, how string) Check {
	var total int64
	for _, n := range sizes {
		total += n
	}
	c := Check{Name: "文件存储", Summary: fmt.Sprintf("%d 个文件，共 %.1f MB，%s", len(sizes), float64(total)/1e6, how)}
	for _, p := range problems {
		c.Problems = append(c.Problems, p.Detail)
	}
	return c
}
