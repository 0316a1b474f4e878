// Package store owns LawDesk's data directory: the bbolt database lawdesk.db (buckets,
// codecs, indexes, migrations, the audit chain) and the blob store beside it. Every
// exported method is exactly one View or Update; lowercase helpers take *bbolt.Tx so one
// workflow step that touches several entities is one transaction.
package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"lawdesk/internal/blob"
	"lawdesk/internal/domain"
)

// File names inside the data directory.
const (
	DBFile   = "lawdesk.db"
	BlobsDir = "blobs"
)

// Bucket names. Each file declares the buckets of its entity with newBucket; all are
// created at Open, so adding an entity needs no migration.
var (
	allBuckets [][]byte

	bucketMeta        = newBucket("meta")
	bucketAudit       = newBucket("audit")
	bucketUsers       = newBucket("users")
	bucketUsersByName = newBucket("users_by_name")
	bucketBlobs       = newBucket("blobs")
	bucketSettings    = newBucket("settings")
)

// newBucket registers a bucket to be created at Open and returns its name.
func newBucket(name string) []byte {
	allBuckets = append(allBuckets, []byte(name))
	return []byte(name)
}

// Store is an open data directory.
type Store struct {
	dir   string
	db    *bbolt.DB
	blobs *blob.Store
	facts factsMemo
	// factsReady is set once case_facts is known to hold every case (ensureCaseFacts).
	factsReady atomic.Bool
	// Now is the clock; tests replace it to make deadlines and timestamps repeatable.
	Now func() time.Time
}

// IsBusy reports whether err is Open's answer when another LawDesk has the directory open.
func IsBusy(err error) bool { return errors.Is(err, berrors.ErrTimeout) }

// Options tunes Open.
type Options struct {
	ReadOnly bool          // for verify and exports while another LawDesk may write
	Timeout  time.Duration // how long to wait for another LawDesk to let go; default 1 s
	Now      func() time.Time
}

// Open opens (creating when needed) the data directory dir, migrating an older schema
// after copying the database file aside.
func Open(dir string, opts Options) (*Store, error) {
	if opts.Timeout == 0 {
		opts.Timeout = time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if !opts.ReadOnly {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, domain.Wrap(err, domain.EINVALID, "无法创建数据目录 %s。请检查路径和权限，或用 --data 指定其他目录。", dir)
		}
	}
	path := filepath.Join(dir, DBFile)
	if opts.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, domain.Errorf(domain.ENOTFOUND, "数据目录 %s 中没有 LawDesk 数据（找不到 %s）。请检查 --data 参数。", dir, DBFile)
		}
	}
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: opts.Timeout, ReadOnly: opts.ReadOnly})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, domain.Wrap(err, domain.ECONFLICT, "另一个 LawDesk 已经打开了这个数据目录（%s）。请先关闭另一个窗口或命令，再重试。", dir)
	}
	if err != nil {
		return nil, domain.Wrap(err, domain.EINTERNAL, "无法打开数据文件 %s。文件可能已损坏，请从备份恢复，或联系管理员。", path)
	}
	blobs, err := blob.Open(filepath.Join(dir, BlobsDir))
	if err != nil && !opts.ReadOnly {
		db.Close()
		return nil, err
	}
	s := &Store{dir: dir, db: db, blobs: blobs, Now: opts.Now}
	if opts.ReadOnly {
		return s, s.checkReadableVersion()
	}
	if err := s.migrate(migrations); err != nil {
		db.Close()
		return nil, err
	}
	blobs.CleanTemp()
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Dir is the data directory.
func (s *Store) Dir() string { return s.dir }

// Blobs is the content-addressed file store of this data directory.
func (s *Store) Blobs() *blob.Store { return s.blobs }

// DB exposes the bbolt handle for the consistent hot copy taken by backups.
func (s *Store) DB() *bbolt.DB { return s.db }

// itob encodes an ID as an 8-byte big-endian key, so keys sort by ID.
func itob(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

func btoi(b []byte) uint64 { return binary.BigEndian.Uint64(b) }

// codecVersion prefixes every stored value so a later release can change a record's
// encoding and still read the old one.
const codecVersion = 1

func encode(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append([]byte{codecVersion}, b...), nil
}

func decode(data []byte, v any) error {
	if len(data) == 0 || data[0] != codecVersion {
		return fmt.Errorf("unknown record encoding %d", data[0])
	}
	return json.Unmarshal(data[1:], v)
}

// put encodes v under key in bucket.
func put(tx *bbolt.Tx, bucket []byte, key []byte, v any) error {
	data, err := encode(v)
	if err != nil {
		return err
	}
	return tx.Bucket(bucket).Put(key, data)
}

// get decodes the value under key; ok is false when there is none.
func get(tx *bbolt.Tx, bucket []byte, key []byte, v any) (bool, error) {
	data := tx.Bucket(bucket).Get(key)
	if data == nil {
		return false, nil
	}
	return true, decode(data, v)
}

// internal wraps an unexpected storage error in a generic user message.
func internal(err error) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	if errors.Is(err, berrors.ErrDatabaseReadOnly) {
		return domain.Wrap(err, domain.EFORBIDDEN, "数据以只读方式打开，不能修改。")
	}
	if errors.Is(err, syscall.ENOSPC) {
		return domain.Wrap(err, domain.EINVALID, "磁盘空间已满，操作没有完成，已保存的数据未受影响。请清理数据目录所在磁盘的空间后重试。")
	}
	return domain.Wrap(err, domain.EINTERNAL, "读写数据时出错，操作没有完成，已保存的数据未受影响。")
}
