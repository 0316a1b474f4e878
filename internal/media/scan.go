package media

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"lawdesk/internal/domain"
)

// Found is one file Scan came across. Skip is empty for a supported media file ready to
// probe; otherwise it says, in Chinese, why the entry is not imported (a symbolic link, a
// name with control characters, an unreadable folder).
type Found struct {
	Path    string // absolute or as given under root
	Rel     string // relative to root, with / separators, for display
	Size    int64
	ModTime time.Time
	Skip    string
}

// Skip reasons reported by Scan.
const (
	SkipSymlink     = "符号链接（快捷方式），为安全起见未跟随"
	SkipControlChar = "文件名含控制字符，无法安全处理；请在电脑上改名后再导入"
	SkipNotRegular  = "不是普通文件（设备或管道）"
	SkipUnreadable  = "无法读取（权限不足或存储卡已断开）"
)

// systemDirs are folders that cameras, Windows and macOS create and that never hold
// recordings. Compared ignoring case.
var systemDirs = map[string]bool{
	"system volume information": true,
	"$recycle.bin":              true,
	"recycler":                  true,
	"recycled":                  true,
	"lost.dir":                  true,
	"lost+found":                true,
	"found.000":                 true,
	"__macosx":                  true,
	"msdownld.tmp":              true,
}

// Scan walks root (a mounted camera or any folder) in lexical order and calls fn for every
// supported media file (MP4, MOV, AVI, JPG/JPEG, WAV, MP3, extension case ignored) and for
// every entry it refuses, with Found.Skip set. It skips hidden and system folders and files
// silently, never follows symbolic links (they are reported as skipped), and ignores other
// file types. It only reads directory entries, never file contents.
//
// Scan stops at the first error fn returns (filepath.SkipAll stops it with a nil result)
// and returns ctx.Err() when ctx is cancelled. A root that cannot be read is an error; a
// sub-folder that cannot be read is reported to fn and the walk goes on.
func Scan(ctx context.Context, root string, fn func(Found) error) error {
	st, err := os.Stat(root)
	if err != nil {
		return domain.Wrap(err, domain.EINVALID, "无法打开文件夹 %s：请确认记录仪或存储卡已连接、路径正确。", root)
	}
	if !st.IsDir() {
		return domain.Errorf(domain.EINVALID, "%s 不是文件夹，请选择记录仪或存储卡的根目录。", root)
	}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if err != nil {
			if path == root {
				return err
			}
			if ferr := fn(Found{Path: path, Rel: rel, Skip: SkipUnreadable}); ferr != nil {
				return ferr
			}
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if path == root {
			return nil
		}
		name := d.Name()
		if hasControlChar(name) {
			if ferr := fn(Found{Path: path, Rel: rel, Skip: SkipControlChar}); ferr != nil {
				return ferr
			}
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if isHiddenName(name) || systemDirs[strings.ToLower(name)] || hiddenAttr(path) {
				return filepath.SkipDir
			}
			return nil
		}
		if isHiddenName(name) || hiddenAttr(path) {
			return nil // ._IMG0001.JPG (macOS resource forks), desktop.ini, …
		}
		if d.Type()&fs.ModeSymlink != 0 {
			fi, _ := d.Info()
			f := Found{Path: path, Rel: rel, Skip: SkipSymlink}
			if fi != nil {
				f.ModTime = fi.ModTime()
			}
			return fn(f)
		}
		if _, ok := KindOf(name); !ok {
			return nil
		}
		fi, ierr := d.Info()
		if ierr != nil {
			if errors.Is(ierr, fs.ErrNotExist) {
				return nil // removed while scanning
			}
			return fn(Found{Path: path, Rel: rel, Skip: SkipUnreadable})
		}
		f := Found{Path: path, Rel: rel, Size: fi.Size(), ModTime: fi.ModTime()}
		if !fi.Mode().IsRegular() {
			f.Skip = SkipNotRegular
		}
		return fn(f)
	})
	if errors.Is(err, filepath.SkipAll) {
		return nil
	}
	return err
}

func isHiddenName(name string) bool { return strings.HasPrefix(name, ".") }

// hasControlChar reports names that cannot be shown or passed around safely: C0/C1 control
// characters, DEL, invalid UTF-8 and Unicode format characters such as right-to-left
// overrides that disguise extensions.
func hasControlChar(name string) bool {
	if !utf8.ValidString(name) {
		return true
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) || unicode.Is(unicode.Cf, r) && r != 0x200D {
			return true
		}
	}
	return false
}

// WaitStable returns nil once the file's size and modification time have stayed the same
// over checks consecutive looks, interval apart (a camera or copy tool still writing the
// file keeps changing them). checks below 1 counts as 1. When ctx ends first it returns a
// *domain.Error (ECONFLICT) saying the file is still being written, so the importer skips
// it with that message; if the file disappears it returns ENOTFOUND.
func WaitStable(ctx context.Context, path string, interval time.Duration, checks int) error {
	if checks < 1 {
		checks = 1
	}
	name := filepath.Base(path)
	stat := func() (int64, time.Time, error) {
		fi, err := os.Stat(path)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return 0, time.Time{}, domain.Wrap(err, domain.ENOTFOUND, "文件 %s 在等待时消失了（可能存储卡被拔出），已跳过；请重新连接后再试。", name)
			}
			return 0, time.Time{}, domain.Wrap(err, domain.EINVALID, "无法读取文件 %s 的属性，已跳过；请检查存储卡是否仍然连接。", name)
		}
		return fi.Size(), fi.ModTime(), nil
	}
	size, mod, err := stat()
	if err != nil {
		return err
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	same := 0
	for same < checks {
		select {
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.Canceled) {
				return ctx.Err()
			}
			return domain.Wrap(ctx.Err(), domain.ECONFLICT, "文件 %s 仍在写入（大小还在变化），已跳过；请等记录仪停止录制、拷贝完成后再导入。", name)
		case <-t.C:
		}
		s, m, err := stat()
		if err != nil {
			return err
		}
		if s == size && m.Equal(mod) {
			same++
		} else {
			size, mod, same = s, m, 0
		}
	}
	return nil
}

// Drive is a candidate camera or card mount.
type Drive struct {
	Path   string // mount point or drive root, e.g. /media/alice/CAM001 or E:\
	Label  string // volume label when known, else the folder name
	FSType string // file system when known (vfat, exfat, FAT32, …)
}
