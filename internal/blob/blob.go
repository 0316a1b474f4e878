// Package blob owns the content-addressed file store beside the database: large files
// (scans, recordings) live in blobs/ab/cd/<sha256>, written atomically and verifiable.
// The database records a blob only after Put has returned, so a crash leaves either
// nothing or a complete file (a stray file at worst, which Verify reports).
package blob

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"lawdesk/internal/domain"
)

// Info identifies a stored file.
type Info struct {
	SHA256  string // hex, lower case
	Size    int64
	Existed bool // the same content was already stored; nothing new was written
}

// Store is a directory of files named by their SHA-256.
type Store struct {
	dir string
}

// Open returns the blob store rooted at dir, creating it when needed.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(filepath.Join(dir, "tmp"), 0o700); err != nil {
		return nil, domain.Wrap(err, domain.EINTERNAL, "无法创建文件存储目录 %s。请检查磁盘和权限。", dir)
	}
	return &Store{dir: dir}, nil
}

// Dir is the store's root directory.
func (s *Store) Dir() string { return s.dir }

// copyBuffer is large enough that copying a video is limited by the disk, not by syscalls.
const copyBuffer = 1 << 20

// Put copies r into the store, hashing while it streams. The file is written to tmp/,
// fsynced and renamed into place; cancelling ctx or any error leaves no file behind.
func (s *Store) Put(ctx context.Context, r io.Reader) (Info, error) {
	p, err := s.Write(ctx, r)
	if err != nil {
		return Info{}, err
	}
	if err := s.Commit(p); err != nil {
		return Info{}, err
	}
	return p.Info, nil
}

// Pending is content written to tmp/ and hashed, but neither durable nor visible under its
// hash yet. Commit makes it so; Discard removes it. A crash leaves it in tmp/, which
// CleanTemp empties.
type Pending struct {
	Info
	tmp  string
	done bool
}

// Write copies r into a temporary file of the store, hashing while it streams (reading,
// hashing and writing overlap, with a few fixed buffers, so memory stays bounded whatever
// the size). It does not sync: Commit a batch of Pending files to make them durable
// together. Cancelling ctx or any error leaves no file behind.
func (s *Store) Write(ctx context.Context, r io.Reader) (*Pending, error) {
	tmp, err := os.CreateTemp(filepath.Join(s.dir, "tmp"), "put-*")
	if err != nil {
		return nil, diskError(err, "无法在文件存储中创建临时文件")
	}
	sum, n, err := copyHashing(ctx, &streamWriter{f: tmp}, r)
	if cerr := tmp.Close(); err == nil && cerr != nil {
		err = diskError(cerr, "写入文件存储失败")
	}
	if err != nil {
		os.Remove(tmp.Name())
		return nil, err
	}
	return &Pending{Info: Info{SHA256: sum, Size: n}, tmp: tmp.Name()}, nil
}

// Discard removes a pending file that will not be committed. It is a no-op after Commit.
func (p *Pending) Discard() {
	if p != nil && !p.done {
		os.Remove(p.tmp)
		p.done = true
	}
}

// Commit makes pending files durable and visible: each is synced to disk, then renamed to
// blobs/ab/cd/<sha256> (or dropped, with Existed set, when that content is already stored),
// then the folders are synced. Only after Commit returns may the database record them. On
// error every file not yet in place is discarded.
func (s *Store) Commit(ps ...*Pending) error {
	defer func() {
		for _, p := range ps {
			p.Discard()
		}
	}()
	if err := syncFiles(filepath.Join(s.dir, "tmp"), ps); err != nil {
		return diskError(err, "写入文件存储失败")
	}
	dirs := map[string]bool{}
	for _, p := range ps {
		if p.done {
			continue
		}
		final := s.Path(p.SHA256)
		if st, err := os.Stat(final); err == nil && st.Size() == p.Size {
			p.Existed = true
			continue // the deferred Discard removes the temporary copy
		}
		if err := os.MkdirAll(filepath.Dir(final), 0o700); err != nil {
			return diskError(err, "无法创建文件存储子目录")
		}
		if err := os.Rename(p.tmp, final); err != nil {
			return diskError(err, "无法把文件移入文件存储")
		}
		p.done = true
		dirs[filepath.Dir(final)] = true
	}
	for d := range dirs {
		syncDir(d)
	}
	return nil
}

// syncFiles makes the contents of the pending files durable before any is renamed, so a
// file under its hash name is always complete.
func syncFiles(tmpDir string, ps []*Pending) error {
	for _, p := range ps {
		if p.done {
			continue
		}
		f, err := os.OpenFile(p.tmp, os.O_RDWR, 0)
		if err != nil {
			return err
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// PutFile stores the file at path (see Put).
func (s *Store) PutFile(ctx context.Context, path string) (Info, error) {
	f, err := os.Open(path)
	if err != nil {
		return Info{}, domain.Wrap(err, domain.EINVALID, "无法打开文件 %s。请确认文件存在且未被其他程序占用。", filepath.Base(path))
	}
	defer f.Close()
	return s.Put(ctx, f)
}

// Path is where the blob with the given hash lives (whether or not it exists).
func (s *Store) Path(sha string) string {
	if len(sha) < 4 {
		return filepath.Join(s.dir, "invalid", sha)
	}
	return filepath.Join(s.dir, sha[:2], sha[2:4], sha)
}

// Open opens a stored blob for reading.
func (s *Store) Open(sha string) (*os.File, error) {
	f, err := os.Open(s.Path(sha))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, domain.Errorf(domain.ENOTFOUND, "文件存储中缺少文件 %s…。请运行“校验”检查数据完整性，并从备份恢复。", short(sha))
	}
	return f, err
}

// Has reports whether the blob exists on disk.
func (s *Store) Has(sha string) bool {
	_, err := os.Stat(s.Path(sha))
	return err == nil
}

// Problem is one finding of Verify.
type Problem struct {
	Kind   string // missing, changed, stray
	SHA256 string
	Path   string
	Detail string // Chinese, for the report
}

// Verify re-hashes every blob the database knows (expected: hash → size) and lists files
// that are missing, changed, or present without a record (stray). progress, if not nil, is
// called with the bytes hashed so far.
func (s *Store) Verify(ctx context.Context, expected map[string]int64, progress func(done int64)) ([]Problem, error) {
	var problems []Problem
	var done int64
	seen := make(map[string]bool, len(expected))
	err := filepath.WalkDir(s.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rel, _ := filepath.Rel(s.dir, path)
		if d.IsDir() {
			if rel == "tmp" {
				return filepath.SkipDir // leftovers of interrupted writes; cleaned by CleanTemp
			}
			return nil
		}
		name := d.Name()
		want, known := expected[name]
		if !known || rel != filepath.Join(name[:min(2, len(name))], name[min(2, len(name)):min(4, len(name))], name) {
			problems = append(problems, Problem{Kind: "stray", SHA256: name, Path: path,
				Detail: fmt.Sprintf("多余文件：%s 不属于任何记录", rel)})
			return nil
		}
		seen[name] = true
		sum, n, err := hashFile(ctx, path, func(k int64) {
			if progress != nil {
				progress(done + k)
			}
		})
		done += n
		if err != nil {
			return err
		}
		if sum != name || n != want {
			problems = append(problems, Problem{Kind: "changed", SHA256: name, Path: path,
				Detail: fmt.Sprintf("文件已被改动：%s（内容哈希或大小与记录不符）", rel)})
		}
		return nil
	})
	if err != nil {
		return problems, err
	}
	for sha := range expected {
		if !seen[sha] {
			problems = append(problems, Problem{Kind: "missing", SHA256: sha, Path: s.Path(sha),
				Detail: fmt.Sprintf("文件缺失：%s…（数据库有记录，磁盘上找不到）", short(sha))})
		}
	}
	return problems, nil
}

// CheckSizes is the quick form of Verify: each expected file must be present with its
// recorded size. It reads no content, so a file replaced by another of the same size is
// found only by Verify.
func (s *Store) CheckSizes(ctx context.Context, expected map[string]int64) ([]Problem, error) {
	var problems []Problem
	for sha, want := range expected {
		if err := ctx.Err(); err != nil {
			return problems, err
		}
		path := s.Path(sha)
		fi, err := os.Stat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			problems = append(problems, Problem{Kind: "missing", SHA256: sha, Path: path,
				Detail: fmt.Sprintf("文件缺失：%s…（数据库有记录，磁盘上找不到）", short(sha))})
		case err != nil:
			return problems, err
		case !fi.Mode().IsRegular() || fi.Size() != want:
			problems = append(problems, Problem{Kind: "changed", SHA256: sha, Path: path,
				Detail: fmt.Sprintf("文件已被改动：%s…（大小 %d 字节，记录为 %d 字节）", short(sha), fi.Size(), want)})
		}
	}
	sort.Slice(problems, func(i, j int) bool { return problems[i].SHA256 < problems[j].SHA256 })
	return problems, nil
}

// CleanTemp removes leftovers of writes interrupted by a crash.
func (s *Store) CleanTemp() error {
	entries, err := os.ReadDir(filepath.Join(s.dir, "tmp"))
	if err != nil {
		return err
	}
	for _, e := range entries {
		os.Remove(filepath.Join(s.dir, "tmp", e.Name()))
	}
	return nil
}

func hashFile(ctx context.Context, path string, progress func(int64)) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := copyContext(ctx, progressWriter{h, progress, new(int64)}, f)
	return hex.EncodeToString(h.Sum(nil)), n, err
}

type progressWriter struct {
	w    io.Writer
	fn   func(int64)
	done *int64
}

func (p progressWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	*p.done += int64(n)
	if p.fn != nil {
		p.fn(*p.done)
	}
	return n, err
}

// copyContext copies like io.Copy with a large buffer and stops when ctx is cancelled.
func copyContext(ctx context.Context, w io.Writer, r io.Reader) (int64, error) {
	buf := make([]byte, copyBuffer)
	var n int64
	for {
		if err := ctx.Err(); err != nil {
			return n, domain.Wrap(err, domain.ECONFLICT, "操作已取消，未保存任何内容。")
		}
		k, rerr := r.Read(buf)
		if k > 0 {
			if _, werr := w.Write(buf[:k]); werr != nil {
				return n, diskError(werr, "写入文件存储失败")
			}
			n += int64(k)
		}
		if rerr == io.EOF {
			return n, nil
		}
		if rerr != nil {
			return n, domain.Wrap(rerr, domain.EINVALID, "读取源文件时出错（文件可能不完整，或设备已拔出）")
		}
	}
}

// pipeBuffers is how many copyBuffer-sized buffers one copy keeps in flight: reading the
// next megabyte, hashing one and writing another happen at once, in 4 MB of memory.
const pipeBuffers = 4

// copyHashing copies r to w and returns the SHA-256 of what was copied. Reading, hashing
// and writing run in three goroutines over a fixed pool of buffers, so a file is copied at
// the speed of the slowest of the three rather than their sum. It stops when ctx is
// cancelled.
func copyHashing(parent context.Context, w io.Writer, r io.Reader) (string, int64, error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	free := make(chan []byte, pipeBuffers)
	for range pipeBuffers {
		free <- make([]byte, copyBuffer)
	}
	read := make(chan []byte, pipeBuffers)   // never blocks: it holds at most every buffer
	hashed := make(chan []byte, pipeBuffers) // likewise
	var rerr error
	go func() {
		defer close(read)
		for ctx.Err() == nil {
			var buf []byte
			select {
			case buf = <-free:
			case <-ctx.Done():
				return
			}
			k, err := io.ReadFull(r, buf)
			if k > 0 {
				read <- buf[:k]
			}
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				return
			}
			if err != nil {
				rerr = err
				return
			}
		}
	}()
	h := sha256.New()
	go func() {
		defer close(hashed)
		for b := range read {
			h.Write(b)
			hashed <- b
		}
	}()
	var n int64
	var werr error
	for b := range hashed {
		if werr == nil {
			if _, err := w.Write(b); err != nil {
				werr = diskError(err, "写入文件存储失败")
				cancel()
			}
			n += int64(len(b))
		}
		free <- b[:cap(b)]
	}
	switch {
	case parent.Err() != nil:
		return "", n, domain.Wrap(parent.Err(), domain.ECONFLICT, "操作已取消，未保存任何内容。")
	case werr != nil:
		return "", n, werr
	case rerr != nil:
		return "", n, domain.Wrap(rerr, domain.EINVALID, "读取源文件时出错（文件可能不完整，或设备已拔出）")
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// flushChunk is how much a streamWriter writes before asking the disk to catch up.
const flushChunk = 16 << 20

// streamWriter writes a file sequentially, starting each chunk's writeback as soon as it
// is written and waiting for the chunk before it, so at most two chunks are dirty.
type streamWriter struct {
	f       *os.File
	off     int64 // bytes written
	flushed int64 // writeback started up to here
}

func (w *streamWriter) Write(b []byte) (int, error) {
	n, err := w.f.Write(b)
	w.off += int64(n)
	for w.off-w.flushed >= flushChunk {
		flushRange(w.f, w.flushed, flushChunk, false)
		if w.flushed >= flushChunk {
			flushRange(w.f, w.flushed-flushChunk, flushChunk, true)
		}
		w.flushed += flushChunk
	}
	return n, err
}

// diskError turns a write failure into a message that names the likely cause.
func diskError(err error, what string) error {
	if errors.Is(err, syscall.ENOSPC) {
		return domain.Wrap(err, domain.EINVALID, "%s：磁盘空间已满。已保存的数据没有受影响；请清理磁盘空间后重试。", what)
	}
	return domain.Wrap(err, domain.EINTERNAL, "%s。已保存的数据没有受影响；请检查磁盘后重试。", what)
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

// ValidSHA256 reports whether s looks like a lower-case hex SHA-256.
func ValidSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	return strings.Trim(s, "0123456789abcdef") == ""
}
