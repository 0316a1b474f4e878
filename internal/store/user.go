package store

import (
	"fmt"
	"sort"
	"time"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

type userRecord struct {
	ID                 uint64        `json:"id"`
	Name               string        `json:"name"`
	FullName           string        `json:"full_name"`
	Roles              []domain.Role `json:"roles"`
	OfficerID          uint64        `json:"officer_id,omitempty"`
	Phone              string        `json:"phone,omitempty"`
	Disabled           bool          `json:"disabled,omitempty"`
	PasswordHash       string        `json:"pw"`
	MustChangePassword bool          `json:"must_change,omitempty"`
	FailedLogins       int           `json:"failed,omitempty"`
	LockedUntil        time.Time     `json:"locked_until,omitzero"`
	Created            time.Time     `json:"created"`
	Updated            time.Time     `json:"updated"`
}

func toUserRecord(u domain.User) userRecord { return userRecord(u) }
func (r userRecord) user() domain.User      { return domain.User(r) }

// UserChange describes why a user record is written, for the audit chain.
type UserChange struct {
	Actor   string
	Action  string // user.create, user.update, user.password, user.login, …
	Summary string
}

// SaveUser creates (ID 0) or replaces a user, keeping login names unique, and appends the
// change to the audit chain in the same transaction.
func (s *Store) SaveUser(u domain.User, ch UserChange) (domain.User, error) {
	err := s.db.Update(func(tx *bbolt.Tx) error {
		var err error
		u, err = s.saveUser(tx, u)
		if err != nil {
			return err
		}
		return s.appendEvent(tx, ch.Actor, ch.Action, fmt.Sprintf("user:%d", u.ID), ch.Summary)
	})
	return u, internal(err)
}

func (s *Store) saveUser(tx *bbolt.Tx, u domain.User) (domain.User, error) {
	byName := tx.Bucket(bucketUsersByName)
	if id := byName.Get([]byte(u.Name)); id != nil && btoi(id) != u.ID {
		return u, domain.Errorf(domain.ECONFLICT, "登录名“%s”已被其他账户使用，请换一个。", u.Name)
	}
	now := s.Now()
	if u.ID == 0 {
		seq, err := tx.Bucket(bucketUsers).NextSequence()
		if err != nil {
			return u, err
		}
		u.ID, u.Created = seq, now
	} else {
		var old userRecord
		ok, err := get(tx, bucketUsers, itob(u.ID), &old)
		if err != nil {
			return u, err
		}
		if !ok {
			return u, domain.Errorf(domain.ENOTFOUND, "账户不存在（编号 %d），可能已被删除。", u.ID)
		}
		if old.Name != u.Name {
			if err := byName.Delete([]byte(old.Name)); err != nil {
				return u, err
			}
		}
		u.Created = old.Created
	}
	u.Updated = now
	if err := put(tx, bucketUsers, itob(u.ID), toUserRecord(u)); err != nil {
		return u, err
	}
	return u, byName.Put([]byte(u.Name), itob(u.ID))
}

// User returns the user with the given ID.
func (s *Store) User(id uint64) (domain.User, error) {
	var r userRecord
	err := s.db.View(func(tx *bbolt.Tx) error {
		ok, err := get(tx, bucketUsers, itob(id), &r)
		if err == nil && !ok {
			err = domain.Errorf(domain.ENOTFOUND, "账户不存在（编号 %d）。", id)
		}
		return err
	})
	return r.user(), internal(err)
}

// UserByName returns the user with the given login name.
func (s *Store) UserByName(name string) (domain.User, error) {
	var r userRecord
	err := s.db.View(func(tx *bbolt.Tx) error {
		id := tx.Bucket(bucketUsersByName).Get([]byte(name))
		if id == nil {
			return domain.Errorf(domain.ENOTFOUND, "账户“%s”不存在。", name)
		}
		_, err := get(tx, bucketUsers, id, &r)
		return err
	})
	return r.user(), internal(err)
}

// Users lists every user sorted by login name.
func (s *Store) Users() ([]domain.User, error) {
	var out []domain.User
	err := s.db.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketUsers).ForEach(func(k, v []byte) error {
			var r userRecord
			if err := decode(v, &r); err != nil {
				return err
			}
			out = append(out, r.user())
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, internal(err)
}

// UserCount is the number of accounts; 0 means the first-run wizard is due.
func (s *Store) UserCount() (n int, err error) {
	err = s.db.View(func(tx *bbolt.Tx) error { n = tx.Bucket(bucketUsers).Stats().KeyN; return nil })
	return n, internal(err)
}
