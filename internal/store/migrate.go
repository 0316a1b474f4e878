package store

import (
	"fmt"
	"os"
	"path/filepath"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

// migration is one ordered step of the schema. Each runs in its own Update together with
// the version bump, so a crash leaves the schema at a whole step.
type migration struct {
	version int
	name    string
	apply   func(tx *bbolt.Tx) error
}

// migrations lists every schema step in order. Never edit a released step: add a new one.
var migrations = []migration{
	{1, "initial buckets", func(tx *bbolt.Tx) error { return nil }},
	{2, "index of open publications", indexOpenPublications},
	{3, "indexes of recordings the dashboard asks about", indexRecordingsForDashboard},
	{4, "index of unsettled legal reviews", indexOpenReviews},
	{5, "index of publications by day", buildPublicationDays},
}

// SchemaVersion is the schema this build writes.
func SchemaVersion() int { return migrations[len(migrations)-1].version }

var keySchema = []byte("schema_version")

func readVersion(tx *bbolt.Tx) int {
	b := tx.Bucket(bucketMeta)
	if b == nil {
		return 0
	}
	v := b.Get(keySchema)
	if len(v) != 8 {
		return 0
	}
	return int(btoi(v))
}

// migrate brings the database to the last step of steps, copying the file aside first
// when an existing store is about to change.
func (s *Store) migrate(steps []migration) error {
	latest := steps[len(steps)-1].version
	var current int
	var empty bool
	err := s.db.Update(func(tx *bbolt.Tx) error {
		current = readVersion(tx)
		empty = tx.Bucket(bucketMeta) == nil
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return internal(err)
	}
	if current > latest {
		return domain.Errorf(domain.ECONFLICT, "这份数据由更新版本的 LawDesk 创建（数据版本 %d，本程序支持到 %d）。请安装最新版本的 LawDesk 后再打开。", current, latest)
	}
	if current == latest {
		return nil
	}
	if empty {
		// a new data directory starts at the latest schema: every step at once, one event
		err := s.db.Update(func(tx *bbolt.Tx) error {
			for _, m := range steps {
				if err := m.apply(tx); err != nil {
					return err
				}
			}
			if err := tx.Bucket(bucketMeta).Put(keySchema, itob(uint64(latest))); err != nil {
				return err
			}
			return s.appendEvent(tx, domain.SystemActor, "store.migrate", "schema",
				fmt.Sprintf("新建数据，数据结构为第 %d 版", latest))
		})
		if err != nil {
			return domain.Wrap(err, domain.EINTERNAL, "无法建立新的数据文件，请检查磁盘空间和权限。")
		}
		return nil
	}
	if current > 0 {
		if err := s.backupBeforeMigration(current); err != nil {
			return err
		}
	}
	for _, m := range steps {
		if m.version <= current {
			continue
		}
		err := s.db.Update(func(tx *bbolt.Tx) error {
			if err := m.apply(tx); err != nil {
				return err
			}
			if err := tx.Bucket(bucketMeta).Put(keySchema, itob(uint64(m.version))); err != nil {
				return err
			}
			return s.appendEvent(tx, domain.SystemActor, "store.migrate", "schema",
				fmt.Sprintf("数据结构升级到第 %d 版（%s）", m.version, m.name))
		})
		if err != nil {
			return domain.Wrap(err, domain.EINTERNAL, "数据升级到第 %d 版时失败。原数据已备份在数据目录中，请联系管理员。", m.version)
		}
	}
	return nil
}

// backupBeforeMigration copies the database to lawdesk.db.v<N>.bak (a consistent copy
// from a read transaction) before any migration touches it.
func (s *Store) backupBeforeMigration(version int) error {
	dst := filepath.Join(s.dir, fmt.Sprintf("%s.v%d.bak", DBFile, version))
	if _, err := os.Stat(dst); err == nil {
		dst = filepath.Join(s.dir, fmt.Sprintf("%s.v%d.%s.bak", DBFile, version, s.Now().Format("20060102-150405")))
	}
	err := s.db.View(func(tx *bbolt.Tx) error { return tx.CopyFile(dst, 0o600) })
	if err != nil {
		return domain.Wrap(err, domain.EINTERNAL, "升级数据前无法备份数据文件（%s），未做任何修改。请检查磁盘空间。", dst)
	}
	return nil
}

func (s *Store) checkReadableVersion() error {
	var v int
	s.db.View(func(tx *bbolt.Tx) error { v = readVersion(tx); return nil })
	if v > SchemaVersion() {
		s.db.Close()
		return domain.Errorf(domain.ECONFLICT, "这份数据由更新版本的 LawDesk 创建（数据版本 %d）。请安装最新版本。", v)
	}
	return nil
}

// Version returns the schema version recorded in the store.
func (s *Store) Version() (v int, err error) {
	err = s.db.View(func(tx *bbolt.Tx) error { v = readVersion(tx); return nil })
	return v, err
}
