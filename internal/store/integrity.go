package store

import (
	"fmt"
	"strconv"
	"strings"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

// Records LawDesk never deletes (cases, their documents and publications, recordings,
// officers, matters) are named by the targets of the audit events about them. Walking the
// chain, verify checks that each record an event speaks of is still there, so a record
// deleted from the database file outside LawDesk is found even when its indexes were
// deleted with it.

// targetParts lists the record kinds of a target and their buckets: "case:12/doc:3" names
// case 12 and document 3.
var targetBuckets = map[string][]byte{
	"case":        bucketCases,
	"doc":         bucketDocuments,
	"publication": bucketPublications,
	"recording":   bucketRecordings,
	"officer":     bucketOfficers,
	"matter":      bucketMatters,
}

// targetNames are the Chinese names of the record kinds, for the report.
var targetNames = map[string]string{"case": "案件", "doc": "文书", "publication": "公开记录", "recording": "音像记录",
	"officer": "执法人员", "matter": "执法事项"}

// maxListed bounds the problems one check lists; the rest are counted.
const maxListed = 20

// recordWitness remembers which records the chain has vouched for, so each is looked up
// once however many events speak of it.
type recordWitness struct {
	seen    map[string]bool
	missing []string
	count   int
}

func newRecordWitness() *recordWitness { return &recordWitness{seen: map[string]bool{}} }

// note checks the records event e speaks of.
func (w *recordWitness) note(tx *bbolt.Tx, e domain.Event) {
	for _, part := range strings.Split(e.Target, "/") {
		kind, num, ok := strings.Cut(part, ":")
		bucket := targetBuckets[kind]
		if !ok || bucket == nil || w.seen[part] {
			continue
		}
		id, err := strconv.ParseUint(num, 10, 64)
		if err != nil || id == 0 {
			continue
		}
		w.seen[part] = true
		if tx.Bucket(bucket).Get(itob(id)) == nil {
			w.count++
			if len(w.missing) < maxListed {
				w.missing = append(w.missing, fmt.Sprintf("%s（内部编号 %d）的记录已不在数据中，被删除了（审计链第 %d 条记载了它：%s，%s，%s）",
					targetNames[kind], id, e.Seq, e.Time.Local().Format("2006-01-02 15:04:05"), e.Actor, e.Summary))
			}
		}
	}
}

func (w *recordWitness) problems() []string {
	out := append([]string(nil), w.missing...)
	if w.count > len(w.missing) {
		out = append(out, fmt.Sprintf("……共 %d 条记录缺失", w.count))
	}
	return out
}
