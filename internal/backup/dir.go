package backup

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

// BackupDir backs up the data directory dataDir from outside LawDesk (the command line).
// When no LawDesk has the directory open, the store is opened and copied inside a read
// transaction like Backup, and the backup is recorded in its audit chain. When a LawDesk
// window has it open (bbolt allows one process), the database file is copied directly —
// see copyBusyDB for why that copy is consistent.
func BackupDir(ctx context.Context, dataDir, file string, progress Progress) (Result, error) {
	dbPath := filepath.Join(dataDir, store.DBFile)
	if _, err := os.Stat(dbPath); err != nil {
		return Result{}, domain.Errorf(domain.ENOTFOUND, "数据目录 %s 中没有 LawDesk 数据（找不到 %s）。请检查 --data 参数。", dataDir, store.DBFile)
	}
	st, err := store.Open(dataDir, store.Options{Timeout: 300 * time.Millisecond})
	if store.IsBusy(err) {
		return run(ctx, dataDir, file, "file", time.Now(), progress, func(f *os.File) error {
			return copyBusyDB(ctx, dbPath, f)
		})
	}
	if err != nil {
		return Result{}, err
	}
	defer st.Close()
	res, err := Backup(ctx, st, file, progress)
	if err != nil {
		return res, err
	}
	return res, Record(st, domain.SystemActor, res)
}

// Record notes a finished backup in the store: the audit chain gets an event and the
// schedule reminder learns when the last backup was made.
func Record(st interface {
	SaveSetting(actor, key string, v any, summary string) error
}, actor string, res Result) error {
	last := Last{Time: res.Manifest.Created, File: res.File, Blobs: len(res.Manifest.Blobs),
		Bytes: res.Manifest.DB.Size + res.Manifest.TotalBlobBytes(), Problems: len(res.Problems)}
	summary := fmt.Sprintf("备份到 %s（数据库 %s，%d 个文件，本次新复制 %d 个）", res.File, megabytes(res.Manifest.DB.Size), len(res.Manifest.Blobs), res.BlobsCopied)
	return st.SaveSetting(actor, settingLast, last, summary)
}

// Last is the most recent backup made from this data directory.
type Last struct {
	Time     time.Time `json:"time"`
	File     string    `json:"file"`
	Blobs    int       `json:"blobs"`
	Bytes    int64     `json:"bytes"`
	Problems int       `json:"problems,omitempty"`
}

const settingLast = "backup.last"

// copyBusyDB copies a bbolt file that another process may be writing.
//
// bbolt never overwrites a page reachable from the newest committed meta page: a commit
// writes its pages into free space and then one of the two meta pages; pages freed by a
// commit are reused only by the commit after it. So if the two meta pages read the same
// before and after the whole file is copied, no commit finished during the copy, and the
// copy holds the newest meta page and every page it reaches — a consistent database. A
// commit in progress may have written into free pages, which the copy's meta page does
// not reach. Otherwise the copy is retried; the result is checked page by page anyway.
func copyBusyDB(ctx context.Context, path string, dst *os.File) error {
	const attempts = 20
	for i := 0; i < attempts; i++ {
		if err := ctx.Err(); err != nil {
			return cancelled(err)
		}
		before, err := readMetaPages(path)
		if err != nil {
			return err
		}
		if err := dst.Truncate(0); err != nil {
			return err
		}
		if _, err := dst.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if err := copyFile(ctx, path, dst); err != nil {
			return err
		}
		after, err := readMetaPages(path)
		if err != nil {
			return err
		}
		copied := make([]byte, len(before))
		if _, err := dst.ReadAt(copied, 0); err != nil {
			return err
		}
		if bytes.Equal(before, after) && bytes.Equal(before, copied) {
			return nil
		}
		time.Sleep(time.Duration(20*(i+1)) * time.Millisecond)
	}
	return domain.Errorf(domain.ECONFLICT, "LawDesk 窗口正在不停地写入数据，%d 次尝试都没能取得完整的副本。请稍后再试，或在窗口中用“系统设置 → 数据备份”备份。", attempts)
}

// bbolt's file layout: page 0 and page 1 are meta pages; a meta page starts with a
// 16-byte page header followed by magic (uint32), version (uint32) and the page size.
const (
	boltMagic      = 0xED0CDAED
	pageHeaderSize = 16
)

// readMetaPages returns the bytes of both meta pages of a bbolt file.
func readMetaPages(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, domain.Wrap(err, domain.EINVALID, "无法读取数据文件 %s。", path)
	}
	defer f.Close()
	head := make([]byte, pageHeaderSize+12)
	if _, err := io.ReadFull(f, head); err != nil {
		return nil, notADatabase(path, err)
	}
	order := binary.LittleEndian // bbolt writes in the machine's order; every supported PC is little-endian
	if order.Uint32(head[pageHeaderSize:]) != boltMagic {
		return nil, notADatabase(path, nil)
	}
	pageSize := int64(order.Uint32(head[pageHeaderSize+8:]))
	if pageSize < 512 || pageSize > 1<<20 {
		return nil, notADatabase(path, nil)
	}
	meta := make([]byte, 2*pageSize)
	if _, err := f.ReadAt(meta, 0); err != nil {
		return nil, notADatabase(path, err)
	}
	return meta, nil
}

func notADatabase(path string, err error) error {
	return domain.Wrap(err, domain.EINVALID, "%s 不是有效的 LawDesk 数据文件（文件头不对）。请运行 lawdesk verify 检查，或从备份恢复。", path)
}

func copyFile(ctx context.Context, path string, w io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = copyWithProgress(ctx, w, f, nil)
	return err
}
