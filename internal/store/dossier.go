package store

import (
	"bytes"
	"fmt"
	"slices"
	"sort"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

// bucketArchiveSeq holds the last 件号 given out under each archive-number prefix.
var bucketArchiveSeq = newBucket("archive_seq")

// ArchiveNumbering asks ArchiveCase to give the dossier the next archive number.
type ArchiveNumbering struct {
	Rule domain.ArchiveRule
	Year int
}

// ArchiveCase archives a case in one transaction: its current documents get item numbers
// 1…n in the order given (every current document, no gaps), the dossier gets the next
// archive number of its year and retention (never reused), and the case is saved locked.
// c carries the archive date, the completed stage and the required documents; c.Updated
// must still match what is stored.
func (s *Store) ArchiveCase(ch Change, c domain.Case, order []uint64, n ArchiveNumbering) (domain.Case, error) {
	err := s.db.Update(func(tx *bbolt.Tx) error {
		var err error
		c, err = s.archiveCase(tx, ch, c, order, n)
		return err
	})
	return c, internal(err)
}

func (s *Store) archiveCase(tx *bbolt.Tx, ch Change, c domain.Case, order []uint64, n ArchiveNumbering) (domain.Case, error) {
	err := func() error {
		docs, err := s.documents(tx, c.ID)
		if err != nil {
			return err
		}
		var current []uint64
		for _, d := range docs {
			if !d.Superseded {
				current = append(current, d.ID)
			}
		}
		sorted := slices.Clone(order)
		slices.Sort(sorted)
		slices.Sort(current)
		if !slices.Equal(sorted, current) {
			return domain.Errorf(domain.ECONFLICT, "案件 %s 的文书刚刚有变动，请重新检查案卷后再归档。", c.Number)
		}
		for i, id := range order {
			var r documentRecord
			if _, err := get(tx, bucketDocuments, itob(id), &r); err != nil {
				return err
			}
			r.ItemNo = i + 1
			if err := put(tx, bucketDocuments, itob(id), r); err != nil {
				return err
			}
		}
		prefix := n.Rule.Prefix(n.Year, c.Retention)
		seqs := tx.Bucket(bucketArchiveSeq)
		var last uint64
		if v := seqs.Get([]byte(prefix)); v != nil {
			last = btoi(v)
		}
		last++
		if err := seqs.Put([]byte(prefix), itob(last)); err != nil {
			return err
		}
		c.ArchiveNo = n.Rule.Format(n.Year, c.Retention, int(last))
		c, err = s.saveCase(tx, ch, c, "case.archive",
			fmt.Sprintf("案件 %s 归档，档号 %s，卷内 %d 件", c.Number, c.ArchiveNo, len(order)))
		return err
	}()
	return c, err
}

// dossierCheck (四性检测, DA/T 70) of every archived case: item numbers 1…n without gaps
// over exactly its current documents, every document required at archiving present, an
// archive number that no other dossier has, and the archiving logged in the audit chain.
var _ = registerCheck(func(s *Store, tx *bbolt.Tx) Check {
	ch := Check{Name: "归档案卷"}
	archived := 0
	numbers := map[string]string{}
	// Only the fields this check needs are decoded: it walks every case and the documents
	// of every archived one at each start-up.
	type dossierFields struct {
		ID        uint64      `json:"id"`
		Number    string      `json:"number"`
		Archived  domain.Date `json:"archived,omitzero"`
		ArchiveNo string      `json:"archive_no,omitempty"`
		Required  []string    `json:"required,omitempty"`
	}
	type itemFields struct {
		Type       string `json:"type"`
		Title      string `json:"title"`
		Superseded bool   `json:"superseded,omitempty"`
		ItemNo     int    `json:"item,omitempty"`
	}
	byCase, documents := tx.Bucket(bucketDocsByCase), tx.Bucket(bucketDocuments)
	tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
		var r dossierFields
		if decode(v, &r) != nil || r.Archived.IsZero() {
			return nil
		}
		archived++
		where := "案卷 " + r.Number
		if r.ArchiveNo == "" {
			ch.Problems = append(ch.Problems, where+" 没有档号")
		} else if other, dup := numbers[r.ArchiveNo]; dup {
			ch.Problems = append(ch.Problems, fmt.Sprintf("%s 与案卷 %s 的档号相同（%s）", where, other, r.ArchiveNo))
		}
		numbers[r.ArchiveNo] = r.Number
		var items []int
		have := map[string]bool{}
		c := byCase.Cursor()
		for dk, _ := c.Seek(k); dk != nil && bytes.HasPrefix(dk, k); dk, _ = c.Next() {
			var d itemFields
			if err := decode(documents.Get(dk[8:]), &d); err != nil {
				ch.Problems = append(ch.Problems, where+" 的文书无法读取")
				return nil
			}
			if d.Superseded {
				continue
			}
			have[d.Type] = true
			if d.ItemNo == 0 {
				ch.Problems = append(ch.Problems, fmt.Sprintf("%s 的文书“%s”没有件号（归档后被添加？）", where, d.Title))
				continue
			}
			items = append(items, d.ItemNo)
		}
		sort.Ints(items)
		for i, n := range items {
			if n != i+1 {
				ch.Problems = append(ch.Problems, fmt.Sprintf("%s 的件号不连续：应为第 %d 件，实际为第 %d 件", where, i+1, n))
				break
			}
		}
		if !s.caseHasEvent(tx, r.ID, "case.archive") {
			ch.Problems = append(ch.Problems, where+" 的归档没有记入审计链")
		}
		for _, req := range r.Required {
			if !have[req] {
				ch.Problems = append(ch.Problems, fmt.Sprintf("%s 缺少必备文书“%s”", where, req))
			}
		}
		return nil
	})
	ch.Summary = fmt.Sprintf("%d 个已归档案卷", archived)
	return ch
})

// caseHasEvent reports whether the audit chain holds an event with action for case id
// (looked for from the newest: the events asked about, such as archiving, come late).
func (s *Store) caseHasEvent(tx *bbolt.Tx, id uint64, action string) bool {
	found := false
	caseEventsNewestFirst(tx, id, func(e domain.Event) bool {
		found = e.Action == action
		return !found
	})
	return found
}
