package main

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
	"lawdesk/internal/ui"
)

// Where the data lives. The standard directory (defaultDataDir) is used unless the
// first-run wizard chose another one, e.g. D:\LawDesk on an office PC whose C: drive is
// small or reinstalled now and then. The choice is a small text file in the standard
// directory, locationFile, naming the chosen one: the program, the command line and a
// person looking into %APPDATA%\LawDesk all find the data the same way, and it survives
// uninstalling and reinstalling LawDesk, which never touch the data. --data always wins.

// locationFile is the name of the note in the standard directory that points elsewhere.
const locationFile = "数据位置.txt"

// dataDir is the data directory when no --data is given: the standard directory, unless
// it holds no database and its location note names another directory.
func dataDir() string {
	std := defaultDataDir()
	if fileExists(filepath.Join(std, store.DBFile)) {
		return std
	}
	if dir, ok := readLocation(std); ok {
		return dir
	}
	return std
}

// readLocation reads the directory named by the first non-empty line of the location
// note in std. A note that cannot be read or names no absolute path is ignored.
func readLocation(std string) (string, bool) {
	b, err := os.ReadFile(filepath.Join(std, locationFile))
	if err != nil {
		return "", false
	}
	for _, line := range strings.Split(strings.TrimPrefix(string(b), "\ufeff"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if !filepath.IsAbs(line) {
			return "", false
		}
		return filepath.Clean(line), true
	}
	return "", false
}

// writeLocation makes std point to dir; pointing back to std itself removes the note.
func writeLocation(std, dir string) error {
	path := filepath.Join(std, locationFile)
	if samePath(dir, std) {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return domain.Wrap(err, domain.EINVALID, "无法删除 %s。请检查权限。", path)
		}
		return nil
	}
	nl := "\n"
	if runtime.GOOS == "windows" {
		nl = "\r\n" // so that every Notepad shows the lines
	}
	text := dir + nl + nl +
		"LawDesk（行政执法三项制度工作台）的数据保存在上面一行的目录中，这是第一次启动时选择的位置。" + nl +
		"删除本文件后，LawDesk 下次启动时会重新询问数据位置；数据本身不受影响。" + nl +
		"LawDesk keeps its data in the directory on the first line, chosen at first start." + nl
	if err := os.MkdirAll(std, 0o700); err != nil {
		return domain.Wrap(err, domain.EINVALID, "无法创建目录 %s。请检查权限。", std)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(text), 0o600); err != nil {
		return domain.Wrap(err, domain.EINVALID, "无法写入 %s。请检查磁盘和权限。", path)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return domain.Wrap(err, domain.EINVALID, "无法写入 %s。请检查磁盘和权限。", path)
	}
	return nil
}

// checkChosenDirPresent refuses to start on a directory chosen at first start that is
// gone, e.g. an external drive that is not connected: opening it would create an empty
// office there, and people would think their records lost.
func checkChosenDirPresent(dir string, fromFlag bool) error {
	std := defaultDataDir()
	if fromFlag || samePath(dir, std) || fileExists(dir) {
		return nil
	}
	return domain.Errorf(domain.ENOTFOUND, "找不到 LawDesk 的数据目录 %s。\n\n"+
		"这是第一次启动时选择的位置（记在 %s 中）。如果它在移动硬盘或网络盘上，请先连接好，再打开LawDesk。"+
		"如果数据已经搬到别处，或者要重新选择位置，请删除这个文件后再打开LawDesk。",
		dir, filepath.Join(std, locationFile))
}

// dataMover lets the first-run wizard put the data somewhere else before anything is in it.
type dataMover struct {
	std     string      // the standard directory, where the location note lives
	current ui.Services // what the window works with now
}

// moveTo switches the window to the data directory dir (see chooseDir for which exactly),
// remembers the choice, and returns the services on it. It refuses once an office has been
// set up in the current directory: moving real data is a copy an administrator makes.
func (m *dataMover) moveTo(dir string) (ui.Services, error) {
	need, err := m.current.Office.NeedsSetup()
	if err != nil {
		return m.current, err
	}
	if !need {
		return m.current, domain.Errorf(domain.EINVALID, "数据目录 %s 中已经有本单位的数据，不能再更改位置。", m.current.Store.Dir())
	}
	dir, err = chooseDir(dir)
	if err != nil {
		return m.current, err
	}
	old := m.current.Store.Dir()
	if samePath(dir, old) {
		return m.current, nil
	}
	next, err := openServices(dir)
	if err != nil {
		return m.current, err
	}
	if err := writeLocation(m.std, dir); err != nil {
		next.Store.Close()
		return m.current, err
	}
	m.current.Store.Close()
	removeUnused(old)
	next.ChangeDataDir = m.moveTo
	m.current = next
	return next, nil
}

// chooseDir turns what the person picked into the data directory: the directory itself
// when it is new, empty or already holds LawDesk data, otherwise a LawDesk folder inside
// it, so that picking "D:\" keeps the data together in D:\LawDesk.
func chooseDir(picked string) (string, error) {
	picked = strings.TrimSpace(picked)
	if picked == "" || !filepath.IsAbs(picked) {
		return "", domain.Errorf(domain.EINVALID, "请填写完整的目录路径，例如 %s。", exampleDir())
	}
	picked = filepath.Clean(picked)
	entries, err := os.ReadDir(picked)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return picked, nil
	case err != nil:
		return "", domain.Wrap(err, domain.EINVALID, "无法读取目录 %s。请检查路径和权限。", picked)
	case onlyLocationNote(entries), fileExists(filepath.Join(picked, store.DBFile)):
		return picked, nil
	}
	return filepath.Join(picked, "LawDesk"), nil
}

// onlyLocationNote reports whether a directory is empty but for the location note (the
// standard directory, when the person goes back to it).
func onlyLocationNote(entries []os.DirEntry) bool {
	for _, e := range entries {
		if e.Name() != locationFile {
			return false
		}
	}
	return true
}

// removeUnused deletes the empty database the window opened in dir before the person
// chose another place, and the directory when nothing else is left in it. Only called
// for a directory in which no office was set up, so nothing of value is lost.
func removeUnused(dir string) {
	os.Remove(filepath.Join(dir, store.DBFile))
	os.Remove(filepath.Join(dir, store.BlobsDir, "tmp"))
	os.Remove(filepath.Join(dir, store.BlobsDir))
	os.Remove(dir) // fails, as it should, when anything else is in it
}

func exampleDir() string {
	if runtime.GOOS == "windows" {
		return `D:\LawDesk`
	}
	return "/home/用户名/LawDesk"
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// samePath compares directories the way the system does (Windows ignores case).
func samePath(a, b string) bool {
	a, b = filepath.Clean(a), filepath.Clean(b)
	if runtime.GOOS == "windows" {
		return strings.EqualFold(a, b)
	}
	return a == b
}
