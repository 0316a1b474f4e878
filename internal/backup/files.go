package backup

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
	"syscall"

	"lawdesk/internal/domain"
)

// blobLayout is the blobs/ab/cd/<sha256> layout of a folder, without creating anything
// in it (the source of a backup may be read-only).
type blobLayout string

func (d blobLayout) Path(sha string) string {
	if len(sha) < 4 {
		return filepath.Join(string(d), "invalid", sha)
	}
	return filepath.Join(string(d), sha[:2], sha[2:4], sha)
}

// sourceProblem is a stored file that cannot be copied because it is missing or its
// content no longer matches its name; the copy goes on with the other files.
type sourceProblem struct{ msg string }

func (p *sourceProblem) Error() string { return p.msg }

// copyVerified copies the stored file at srcPath into dst, hashing while it streams; the
// file is renamed into place only when its hash and size are the ones expected.
func copyVerified(ctx context.Context, srcPath string, dst blobLayout, want BlobFile, progress func(int64)) error {
	src, err := os.Open(srcPath)
	if errors.Is(err, fs.ErrNotExist) {
		return &sourceProblem{fmt.Sprintf("文件缺失：%s…（数据库有记录，%s 中找不到）", short(want.SHA256), filepath.Dir(filepath.Dir(filepath.Dir(srcPath))))}
	}
	if err != nil {
		return &sourceProblem{fmt.Sprintf("文件无法读取：%s（%v）", srcPath, err)}
	}
	defer src.Close()
	final := dst.Path(want.SHA256)
	if err := os.MkdirAll(filepath.Dir(final), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(final), "."+short(want.SHA256)+".*.partial")
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
	h := sha256.New()
	n, err := copyWithProgress(ctx, io.MultiWriter(tmp, h), src, progress)
	if err != nil {
		if _, isRead := err.(readError); isRead {
			return &sourceProblem{fmt.Sprintf("文件无法读取：%s…（%v）", short(want.SHA256), err)}
		}
		return err
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != want.SHA256 || n != want.Size {
		return &sourceProblem{fmt.Sprintf("文件已被改动：%s…（内容与记录不符，未复制）", short(want.SHA256))}
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return err
	}
	ok = true
	return nil
}

// readError marks a failure reading the source, as opposed to writing the target.
type readError struct{ error }

func (e readError) Unwrap() error { return e.error }

func copyWithProgress(ctx context.Context, w io.Writer, r io.Reader, progress func(int64)) (int64, error) {
	buf := make([]byte, 1<<20)
	var n int64
	for {
		if err := ctx.Err(); err != nil {
			return n, cancelled(err)
		}
		k, rerr := r.Read(buf)
		if k > 0 {
			if _, werr := w.Write(buf[:k]); werr != nil {
				return n, werr
			}
			n += int64(k)
			if progress != nil {
				progress(n)
			}
		}
		if rerr == io.EOF {
			return n, nil
		}
		if rerr != nil {
			return n, readError{rerr}
		}
	}
}

// targetError turns a failure writing into dir into a message that names the folder and
// the likely cause. Errors already meant for people pass through.
func targetError(err error, dir, op string) error {
	var de *domain.Error
	if errors.As(err, &de) && de.Code != domain.EINTERNAL {
		return err
	}
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return domain.Wrap(err, domain.EINVALID, "%s 所在的磁盘空间已满，%s没有完成。已有的数据和以前的备份都没有受影响；请腾出磁盘空间或换一个空间更大的磁盘后重试。", dir, op)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return domain.Wrap(err, domain.EINVALID, "没有权限写入 %s（磁盘可能是只读的，或文件夹不允许写入）。请换一个文件夹。", dir)
	}
	return domain.Wrap(err, domain.EINTERNAL, "写入 %s 时出错，%s没有完成。已有的数据没有受影响；请检查磁盘（是否已拔出）后重试。", dir, op)
}

// checkFreeSpace refuses to start when the disk of dir has clearly less room than need
// (plus a small margin), before anything is written.
func checkFreeSpace(dir string, need int64, op string) error {
	free, err := freeSpace(dir)
	if err != nil || free < 0 {
		return nil // unknown: the write itself will say when the disk is full
	}
	margin := int64(8 << 20)
	if free < need+margin {
		return domain.Errorf(domain.EINVALID, "%s 所在的磁盘空间不足，%s需要约 %s，只剩 %s。什么都没有写入；请腾出磁盘空间或换一个空间更大的磁盘后重试。",
			dir, op, megabytes(need+margin), megabytes(free))
	}
	return nil
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}
