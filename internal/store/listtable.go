package store

import (
	"fmt"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

// table stores the entries of one published list (or the service windows) in their own
// bucket: domain values D kept as private records R with json tags. Every change appends
// an audit event and marks the list as changed since its last publication, in the same
// transaction.
type table[D any, R any] struct {
	bucket   []byte
	kind     domain.ListKind // "" for records that are not a published list
	noun     string          // what an entry is called in messages, e.g. 执法主体
	target   string          // audit target prefix, e.g. body (→ body:12)
	toRecord func(D) R
	toDomain func(R) D
	id       func(D) uint64
	setID    func(*D, uint64)
	label    func(D) string // how an entry is named in audit summaries
}

// save creates (ID 0) or replaces d. verb is the audit action's last part: create and
// update are chosen automatically when it is empty.
func (t *table[D, R]) save(s *Store, tx *bbolt.Tx, ch Change, d D, verb string) (D, error) {
	b := tx.Bucket(t.bucket)
	what := "修改"
	action := "update"
	if t.id(d) == 0 {
		seq, err := b.NextSequence()
		if err != nil {
			return d, err
		}
		t.setID(&d, seq)
		what, action = "新增", "create"
	} else if b.Get(itob(t.id(d))) == nil {
		return d, domain.Errorf(domain.ENOTFOUND, "%s不存在（编号 %d），可能已被删除。请刷新后重试。", t.noun, t.id(d))
	}
	if verb != "" {
		action, what = verb, "导入"
	}
	if err := put(tx, t.bucket, itob(t.id(d)), t.toRecord(d)); err != nil {
		return d, err
	}
	if err := s.touchList(tx, t.kind, ch.Actor); err != nil {
		return d, err
	}
	return d, s.appendEvent(tx, ch.Actor, t.target+"."+action, fmt.Sprintf("%s:%d", t.target, t.id(d)),
		ch.summary(what+t.noun+" "+t.label(d)))
}

// get returns one entry or ENOTFOUND.
func (t *table[D, R]) get(tx *bbolt.Tx, id uint64) (D, error) {
	var r R
	ok, err := get(tx, t.bucket, itob(id), &r)
	if err == nil && !ok {
		err = domain.Errorf(domain.ENOTFOUND, "%s不存在（编号 %d），可能已被删除。请刷新后重试。", t.noun, id)
	}
	return t.toDomain(r), err
}

// all returns every entry in ID order.
func (t *table[D, R]) all(tx *bbolt.Tx) ([]D, error) {
	var out []D
	err := tx.Bucket(t.bucket).ForEach(func(k, v []byte) error {
		var r R
		if err := decode(v, &r); err != nil {
			return fmt.Errorf("%s %d: %w", t.target, btoi(k), err)
		}
		out = append(out, t.toDomain(r))
		return nil
	})
	return out, err
}

// remove deletes an entry. Published versions keep it as it was published.
func (t *table[D, R]) remove(s *Store, tx *bbolt.Tx, ch Change, id uint64) error {
	d, err := t.get(tx, id)
	if err != nil {
		return err
	}
	if err := tx.Bucket(t.bucket).Delete(itob(id)); err != nil {
		return err
	}
	if err := s.touchList(tx, t.kind, ch.Actor); err != nil {
		return err
	}
	return s.appendEvent(tx, ch.Actor, t.target+".delete", fmt.Sprintf("%s:%d", t.target, id),
		ch.summary("删除"+t.noun+" "+t.label(d)))
}

// importAll writes the entries of one spreadsheet import (new ones have ID 0) in one
// transaction, after checking that the list has not changed since the import was
// previewed (revision).
func (t *table[D, R]) importAll(s *Store, ch Change, revision uint64, items []D, summary string) error {
	return internal(s.db.Update(func(tx *bbolt.Tx) error {
		if err := s.checkRevision(tx, t.kind, revision); err != nil {
			return err
		}
		for _, d := range items {
			if _, err := t.save(s, tx, ch, d, "import"); err != nil {
				return err
			}
		}
		return s.appendEvent(tx, ch.Actor, "list.import", "list:"+string(t.kind), ch.summary(summary))
	}))
}

// The exported methods of each list are thin wrappers around a table; these helpers are
// each exactly one transaction.

func saveOne[D, R any](s *Store, t *table[D, R], ch Change, d D) (D, error) {
	err := s.db.Update(func(tx *bbolt.Tx) error {
		var err error
		d, err = t.save(s, tx, ch, d, "")
		return err
	})
	return d, internal(err)
}

func getOne[D, R any](s *Store, t *table[D, R], id uint64) (D, error) {
	var d D
	err := s.db.View(func(tx *bbolt.Tx) error {
		var err error
		d, err = t.get(tx, id)
		return err
	})
	return d, internal(err)
}

func listAll[D, R any](s *Store, t *table[D, R]) ([]D, error) {
	var out []D
	err := s.db.View(func(tx *bbolt.Tx) error {
		var err error
		out, err = t.all(tx)
		return err
	})
	return out, internal(err)
}

func removeOne[D, R any](s *Store, t *table[D, R], ch Change, id uint64) error {
	return internal(s.db.Update(func(tx *bbolt.Tx) error { return t.remove(s, tx, ch, id) }))
}
