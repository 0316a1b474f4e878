package store

import "go.etcd.io/bbolt"

// MigrateWithExtraStep runs the real migrations followed by one more step, as a future
// release would, so tests can exercise the backup-then-migrate path.
func MigrateWithExtraStep(s *Store, apply func(tx *bbolt.Tx) error) error {
	steps := append(append([]migration(nil), migrations...), migration{SchemaVersion() + 1, "test step", apply})
	return s.migrate(steps)
}
