package store

import (
	"go.etcd.io/bbolt"
)

// Setting reads the office setting key into v; ok is false when it was never saved, in
// which case v keeps the caller's default.
func (s *Store) Setting(key string, v any) (ok bool, err error) {
	err = s.db.View(func(tx *bbolt.Tx) error {
		ok, err = get(tx, bucketSettings, []byte("setting:"+key), v)
		return err
	})
	return ok, internal(err)
}

// SaveSetting stores an office setting and records the change in the audit chain.
func (s *Store) SaveSetting(actor, key string, v any, summary string) error {
	return internal(s.db.Update(func(tx *bbolt.Tx) error {
		if err := put(tx, bucketSettings, []byte("setting:"+key), v); err != nil {
			return err
		}
		return s.appendEvent(tx, actor, "setting.update", "setting:"+key, summary)
	}))
}
