// Package backup owns the copies of a data directory kept somewhere else (an external
// disk, a network folder) and bringing one back.
//
// A backup is one .zip file holding a consistent copy of the database (lawdesk.db) and a
// manifest (backup.json) listing every stored file the copy refers to. The stored files
// themselves (scans, recordings — large and never changed once written) go into a folder
// lawdesk-blobs/ beside the .zip, shared by every backup in that folder: a file already
// there with the right size is not copied again, so a daily backup copies only what is new.
//
// The database copy is taken inside one bbolt read transaction while LawDesk keeps
// working (Backup), or, from the command line while a LawDesk window holds the data
// directory, by copying the file until two readings of its meta pages agree (BackupDir).
package backup

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

// Names inside a backup and beside it.
const (
	ManifestName = "backup.json"    // inside the .zip
	DBName       = store.DBFile     // inside the .zip
	BlobsDir     = "lawdesk-blobs"  // beside the .zip, shared by every backup in that folder
	FormatName   = "lawdesk-backup" // Manifest.Format
	formatV1     = 1
)

// Manifest describes one backup; it is backup.json inside the .zip.
type Manifest struct {
	Format   string     `json:"format"`
	Version  int        `json:"version"`
	Created  time.Time  `json:"created"`
	LawDesk  string     `json:"lawdesk"`
	Schema   int        `json:"schema"`
	Office   string     `json:"office"`
	Source   string     `json:"source"` // the data directory that was backed up
	Method   string     `json:"method"` // hot (inside LawDesk) or file (copied beside a running LawDesk) or closed
	DB       FileEntry  `json:"db"`
	BlobsDir string     `json:"blobs_dir"`
	Blobs    []BlobFile `json:"blobs"`
	Events   uint64     `json:"events"` // audit-chain length in the copy
}

// FileEntry is the database file of a backup.
type FileEntry struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// BlobFile is one stored file a backup refers to.
type BlobFile struct {
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// TotalBlobBytes is the size of every stored file of the backup.
func (m Manifest) TotalBlobBytes() int64 {
	var n int64
	for _, b := range m.Blobs {
		n += b.Size
	}
	return n
}

// Progress reports bytes done out of total; it may be nil.
type Progress func(done, total int64)

// Result says what one backup wrote.
type Result struct {
	File        string
	Manifest    Manifest
	BlobsCopied int      // files new in the backup folder this time
	BytesCopied int64    // their bytes
	Problems    []string // stored files of the data directory that are missing or damaged
}

// Version is the LawDesk release written into manifests (set by app/ at start).
var Version = "dev"

// Backup writes a backup of the open store st to file while st stays in use: the database
// is copied inside one read transaction, so writers carry on and the copy is the state of
// one moment.
func Backup(ctx context.Context, st *store.Store, file string, progress Progress) (Result, error) {
	return run(ctx, st.Dir(), file, "hot", st.Now(), progress, func(f *os.File) error {
		return st.DB().View(func(tx *bbolt.Tx) error {
			_, err := tx.WriteTo(ctxWriter{ctx, f})
			return err
		})
	})
}

// run does the work common to every backup: check the target, take the database copy
// with snapshot, read it, copy the new stored files, and write the .zip.
func run(ctx context.Context, dataDir, file, method string, created time.Time, progress Progress, snapshot func(*os.File) error) (Result, error) {
	file, err := prepareTarget(dataDir, file, created)
	if err != nil {
		return Result{}, err
	}
	dir := filepath.Dir(file)
	targetError := func(err error, dir, op string) error {
		if ctx.Err() != nil { // bbolt does not wrap the writer's error
			return cancelled(ctx.Err())
		}
		return targetError(err, dir, op)
	}
	work, err := os.MkdirTemp(dir, ".lawdesk-backup-*")
	if err != nil {
		return Result{}, targetError(err, dir, "备份")
	}
	defer os.RemoveAll(work)

	// 1. the database copy
	dbCopy := filepath.Join(work, DBName)
	if err := writeSnapshot(dbCopy, snapshot); err != nil {
		return Result{}, targetError(err, dir, "备份")
	}
	m, err := readSnapshot(work)
	if err != nil {
		return Result{}, err
	}
	m.Method, m.Source, m.Created, m.LawDesk = method, dataDir, created.UTC().Round(time.Second), Version
	if m.DB, err = describe(dbCopy); err != nil {
		return Result{}, targetError(err, dir, "备份")
	}

	// 2. which stored files are new in the backup folder, and is there room for them
	dst := blobLayout(filepath.Join(dir, BlobsDir))
	src := blobLayout(filepath.Join(dataDir, store.BlobsDir))
	var todo []BlobFile
	var need int64
	for _, b := range m.Blobs {
		if !presentWithSize(dst.Path(b.SHA256), b.Size) {
			todo = append(todo, b)
			need += b.Size
		}
	}
	if err := checkFreeSpace(dir, need+m.DB.Size, "备份"); err != nil {
		return Result{}, err
	}

	// 3. copy them, hashing each; a damaged source file is reported, not copied
	res := Result{File: file}
	var done int64
	total := need + m.DB.Size
	report := func(n int64) {
		if progress != nil {
			progress(done+n, total)
		}
	}
	for _, b := range todo {
		if err := ctx.Err(); err != nil {
			return Result{}, cancelled(err)
		}
		err := copyVerified(ctx, src.Path(b.SHA256), dst, b, report)
		if pe, ok := err.(*sourceProblem); ok {
			res.Problems = append(res.Problems, pe.msg)
			continue
		}
		if err != nil {
			return Result{}, targetError(err, dir, "备份")
		}
		done += b.Size
		res.BlobsCopied++
		res.BytesCopied += b.Size
	}

	// 4. the .zip: the database copy and the manifest, written aside and renamed
	if err := writeFile(ctx, file, func(w io.Writer) error { return writeZip(w, dbCopy, m) }); err != nil {
		return Result{}, targetError(err, dir, "备份")
	}
	done += m.DB.Size
	report(0)
	res.Manifest = m
	return res, nil
}

// prepareTarget checks where the backup goes: a new file outside the data directory, in
// a folder that exists or can be made. A folder as target gets a dated file name.
func prepareTarget(dataDir, file string, created time.Time) (string, error) {
	if strings.TrimSpace(file) == "" {
		return "", domain.Errorf(domain.EINVALID, "请指定备份文件保存的位置（例如移动硬盘上的一个文件夹）。")
	}
	file, err := filepath.Abs(file)
	if err != nil {
		return "", domain.Wrap(err, domain.EINVALID, "备份位置 %s 无效。", file)
	}
	if fi, err := os.Stat(file); err == nil {
		if !fi.IsDir() {
			return "", domain.Errorf(domain.ECONFLICT, "备份文件 %s 已经存在。为免覆盖以前的备份，请换一个文件名或文件夹。", file)
		}
		file = filepath.Join(file, DefaultName(created))
	}
	data, _ := filepath.Abs(dataDir)
	if inside(file, data) {
		return "", domain.Errorf(domain.EINVALID, "不能把备份放在数据目录 %s 里面：电脑坏了备份也会一起丢失。请选择移动硬盘或其他磁盘上的文件夹。", data)
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return "", targetError(err, filepath.Dir(file), "备份")
	}
	return file, nil
}

// DefaultName is the file name of a backup made at t, sorting by time.
func DefaultName(t time.Time) string {
	return "lawdesk-backup-" + t.Format("20060102-150405") + ".zip"
}

// inside reports whether path is dir or lies below it.
func inside(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// readSnapshot opens the database copy in work read-only, checks its pages and reads
// what the manifest records about it.
func readSnapshot(work string) (Manifest, error) {
	st, err := store.Open(work, store.Options{ReadOnly: true})
	if err != nil {
		return Manifest{}, domain.Wrap(err, domain.EINTERNAL, "数据库副本无法打开：%s", domain.ErrorMessage(err))
	}
	defer st.Close()
	if err := checkPages(st.DB()); err != nil {
		return Manifest{}, err
	}
	m := Manifest{Format: FormatName, Version: formatV1, BlobsDir: BlobsDir}
	if m.Schema, err = st.Version(); err != nil {
		return m, err
	}
	if ag, _, err := st.Agency(); err == nil {
		m.Office = ag.Name
	}
	sizes, err := st.BlobSizes()
	if err != nil {
		return m, err
	}
	for sha, n := range sizes {
		m.Blobs = append(m.Blobs, BlobFile{SHA256: sha, Size: n})
	}
	sort.Slice(m.Blobs, func(i, j int) bool { return m.Blobs[i].SHA256 < m.Blobs[j].SHA256 })
	chain, err := st.VerifyChain()
	if err != nil {
		return m, err
	}
	m.Events = chain.Events
	return m, nil
}

// checkPages runs bbolt's own consistency check over every page of db.
func checkPages(db *bbolt.DB) error {
	return db.View(func(tx *bbolt.Tx) error {
		for err := range tx.Check() {
			return domain.Wrap(err, domain.EINTERNAL, "数据库副本不完整（%v）。请重新备份；如果反复出现，请运行“校验”检查数据。", err)
		}
		return nil
	})
}

// describe hashes a file for the manifest.
func describe(path string) (FileEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return FileEntry{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	return FileEntry{Name: DBName, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, err
}

// writeZip writes the backup archive: the database copy, then the manifest.
func writeZip(w io.Writer, dbCopy string, m Manifest) error {
	zw := zip.NewWriter(w)
	f, err := os.Open(dbCopy)
	if err != nil {
		return err
	}
	defer f.Close()
	hdr := &zip.FileHeader{Name: DBName, Method: zip.Deflate, Modified: m.Created}
	zf, err := zw.CreateHeader(hdr)
	if err != nil {
		return err
	}
	if _, err := io.Copy(zf, f); err != nil {
		return err
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	zf, err = zw.CreateHeader(&zip.FileHeader{Name: ManifestName, Method: zip.Deflate, Modified: m.Created})
	if err != nil {
		return err
	}
	if _, err := zf.Write(data); err != nil {
		return err
	}
	return zw.Close()
}

// writeSnapshot writes the database copy into the work folder.
func writeSnapshot(path string, snapshot func(*os.File) error) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := snapshot(f); err != nil {
		return err
	}
	return f.Sync()
}

// writeFile writes path through a temporary file beside it, synced and renamed, so a
// cancelled or failed write leaves nothing under path.
func writeFile(ctx context.Context, path string, fill func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.partial")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := fill(ctxWriter{ctx, tmp}); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	ok = true
	syncDir(filepath.Dir(path))
	return nil
}

// ctxWriter stops a long write when the user cancels.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, cancelled(err)
	}
	return c.w.Write(p)
}

func presentWithSize(path string, size int64) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Size() == size
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

func cancelled(err error) error {
	if domain.ErrorCode(err) != domain.EINTERNAL {
		return err
	}
	return domain.Wrap(err, domain.ECONFLICT, "操作已取消。已有的数据和以前的备份都没有受影响。")
}

// megabytes formats a size for messages.
func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }
