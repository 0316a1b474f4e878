package backup

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"lawdesk/internal/blob"
	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

// maxManifest bounds backup.json: even a million stored files fit in far less.
const maxManifest = 256 << 20

// Open reads the manifest of the backup file and checks that it is one; the returned
// archive must be closed.
func Open(file string) (*zip.ReadCloser, Manifest, error) {
	zr, err := zip.OpenReader(file)
	if errors.Is(err, os.ErrNotExist) {
		return nil, Manifest{}, domain.Errorf(domain.ENOTFOUND, "找不到备份文件 %s。请检查文件名和路径。", file)
	}
	if err != nil {
		return nil, Manifest{}, wrongFile(file, "不是完整的 zip 文件")
	}
	m, err := readManifest(zr, file)
	if err != nil {
		zr.Close()
		return nil, Manifest{}, err
	}
	return zr, m, nil
}

func readManifest(zr *zip.ReadCloser, file string) (Manifest, error) {
	var m Manifest
	f := findEntry(zr, ManifestName)
	if f == nil {
		return m, wrongFile(file, "里面没有 "+ManifestName)
	}
	if f.UncompressedSize64 > maxManifest {
		return m, wrongFile(file, ManifestName+" 大得不合理")
	}
	r, err := f.Open()
	if err != nil {
		return m, wrongFile(file, ManifestName+" 无法读取")
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, maxManifest+1))
	if err != nil || len(data) > maxManifest {
		return m, wrongFile(file, ManifestName+" 已损坏")
	}
	if err := json.Unmarshal(data, &m); err != nil || m.Format != FormatName {
		return m, wrongFile(file, ManifestName+" 不是 LawDesk 备份清单")
	}
	if m.Version > formatV1 {
		return m, domain.Errorf(domain.ECONFLICT, "备份文件 %s 由更新版本的 LawDesk 制作（备份格式 %d）。请安装最新版本的 LawDesk 后再恢复。", file, m.Version)
	}
	if m.DB.Name != DBName || !blob.ValidSHA256(m.DB.SHA256) || m.DB.Size <= 0 {
		return m, wrongFile(file, "清单中的数据库信息不完整")
	}
	for _, b := range m.Blobs {
		if !blob.ValidSHA256(b.SHA256) || b.Size < 0 {
			return m, wrongFile(file, "清单中有无效的文件记录")
		}
	}
	if findEntry(zr, DBName) == nil {
		return m, wrongFile(file, "里面没有数据库文件 "+DBName)
	}
	return m, nil
}

func wrongFile(file, why string) error {
	return domain.Errorf(domain.EINVALID, "文件 %s 不是 LawDesk 备份（%s）。请选择“数据备份”生成的 lawdesk-backup-….zip 文件。", filepath.Base(file), why)
}

func findEntry(zr *zip.ReadCloser, name string) *zip.File {
	for _, f := range zr.File {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// blobsFolder is where the stored files of the backup in file live.
func blobsFolder(file string, m Manifest) blobLayout {
	name := m.BlobsDir
	if name == "" || filepath.Base(name) != name {
		name = BlobsDir
	}
	return blobLayout(filepath.Join(filepath.Dir(file), name))
}

// Check reads a backup completely without restoring it: the database inside the .zip and
// every stored file beside it are re-hashed. It returns every problem found.
func Check(ctx context.Context, file string, progress Progress) (Manifest, []string, error) {
	zr, m, err := Open(file)
	if err != nil {
		return m, nil, err
	}
	defer zr.Close()
	total := m.DB.Size + m.TotalBlobBytes()
	var done int64
	var problems []string
	sum, err := hashEntry(ctx, findEntry(zr, DBName), m.DB.Size, func(n int64) { report(progress, done+n, total) })
	if err != nil {
		return m, nil, err
	}
	if sum != m.DB.SHA256 {
		problems = append(problems, fmt.Sprintf("备份中的数据库文件已损坏（%s 的校验值与清单不符）", DBName))
	}
	done += m.DB.Size
	folder := blobsFolder(file, m)
	for _, b := range m.Blobs {
		if err := ctx.Err(); err != nil {
			return m, problems, cancelled(err)
		}
		got, n, err := hashPath(ctx, folder.Path(b.SHA256), func(k int64) { report(progress, done+k, total) })
		switch {
		case errors.Is(err, os.ErrNotExist):
			problems = append(problems, fmt.Sprintf("文件缺失：%s…（应在 %s 中）", short(b.SHA256), folder))
		case err != nil:
			return m, problems, err
		case got != b.SHA256 || n != b.Size:
			problems = append(problems, fmt.Sprintf("文件已损坏：%s…（内容与清单不符）", short(b.SHA256)))
		}
		done += b.Size
	}
	return m, problems, nil
}

func report(p Progress, done, total int64) {
	if p != nil {
		p(done, total)
	}
}

// hashEntry hashes a zip entry, reading at most size+1 bytes whatever the entry claims,
// so a forged archive cannot make it read without end.
func hashEntry(ctx context.Context, f *zip.File, size int64, progress func(int64)) (string, error) {
	r, err := f.Open()
	if err != nil {
		return "", domain.Wrap(err, domain.EINVALID, "备份中的数据库文件无法读取（%v）。", err)
	}
	defer r.Close()
	h := sha256.New()
	_, err = copyWithProgress(ctx, h, io.LimitReader(r, size+1), progress)
	var re readError
	if errors.As(err, &re) {
		return "corrupt", nil
	}
	return hex.EncodeToString(h.Sum(nil)), err
}

func hashPath(ctx context.Context, path string, progress func(int64)) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := copyWithProgress(ctx, h, f, progress)
	var re readError
	if errors.As(err, &re) {
		return "unreadable", n, nil
	}
	return hex.EncodeToString(h.Sum(nil)), n, err
}

// Restored is the outcome of Restore: the backup's manifest, stored files that could not
// be restored, and the verification of the new data directory.
type Restored struct {
	Manifest Manifest
	Missing  []string
	Verify   store.Report
}

// OK reports whether the restored data directory is complete and verified.
func (r Restored) OK() bool { return len(r.Missing) == 0 && r.Verify.OK() }

// Restore brings the backup in file back into newDir, which must be new or empty, then
// opens it (upgrading an older schema) and verifies it. On an error nothing is left in
// newDir; stored files missing from the backup folder do not stop the restore but are
// listed, and verification names them too.
func Restore(ctx context.Context, file, newDir string, progress Progress) (res Restored, err error) {
	if err := requireEmptyDir(newDir); err != nil {
		return res, err
	}
	zr, m, err := Open(file)
	if err != nil {
		return res, err
	}
	defer zr.Close()
	res.Manifest = m
	if err := os.MkdirAll(newDir, 0o700); err != nil {
		return res, restoreTargetError(err, newDir)
	}
	defer func() {
		if err != nil {
			clearDir(newDir)
		}
	}()
	if err := checkFreeSpace(newDir, m.DB.Size+m.TotalBlobBytes(), "恢复"); err != nil {
		return res, err
	}
	total := m.DB.Size + m.TotalBlobBytes()
	var done int64

	// the database: extracted beside its final name, checked, renamed
	dbPath := filepath.Join(newDir, store.DBFile)
	err = writeFile(ctx, dbPath, func(w io.Writer) error {
		r, err := findEntry(zr, DBName).Open()
		if err != nil {
			return domain.Wrap(err, domain.EINVALID, "备份文件 %s 中的数据库无法读取。", filepath.Base(file))
		}
		defer r.Close()
		h := sha256.New()
		n, err := copyWithProgress(ctx, io.MultiWriter(w, h), io.LimitReader(r, m.DB.Size+1), func(k int64) { report(progress, k, total) })
		if errors.As(err, new(readError)) || err == nil && (n != m.DB.Size || hex.EncodeToString(h.Sum(nil)) != m.DB.SHA256) {
			return domain.Errorf(domain.EINVALID, "备份文件 %s 中的数据库已损坏（校验值与清单不符），不能用它恢复。请换一个较早的备份。", filepath.Base(file))
		}
		return err
	})
	if err != nil {
		return res, restoreTargetError(err, newDir)
	}
	done += m.DB.Size

	// the stored files, each hashed on the way
	dst := blobLayout(filepath.Join(newDir, store.BlobsDir))
	folder := blobsFolder(file, m)
	for _, b := range m.Blobs {
		err := copyVerified(ctx, folder.Path(b.SHA256), dst, b, func(k int64) { report(progress, done+k, total) })
		var sp *sourceProblem
		if errors.As(err, &sp) {
			res.Missing = append(res.Missing, sp.msg)
			continue
		}
		if err != nil {
			return res, restoreTargetError(err, newDir)
		}
		done += b.Size
	}

	// open (migrating an older schema), note the restore, verify
	st, err := store.Open(newDir, store.Options{})
	if err != nil {
		return res, err
	}
	defer st.Close()
	if err := st.LogAccess(domain.SystemActor, "backup.restore", "backup:"+filepath.Base(file),
		fmt.Sprintf("从备份 %s（%s 制作）恢复", filepath.Base(file), m.Created.Local().Format("2006-01-02 15:04"))); err != nil {
		return res, err
	}
	res.Verify, err = st.Verify(ctx, nil)
	return res, err
}

// requireEmptyDir refuses a restore over existing data.
func requireEmptyDir(dir string) error {
	if dir == "" {
		return domain.Errorf(domain.EINVALID, "请用 --data 指定恢复到哪个新目录。")
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return domain.Wrap(err, domain.EINVALID, "无法读取目录 %s。请检查路径。", dir)
	}
	if len(entries) > 0 {
		return domain.Errorf(domain.EINVALID, "目录 %s 不是空的。恢复只能放到一个新的空目录中，以免覆盖现有数据。请换一个新目录（例如 %s）。", dir, filepath.Clean(dir)+"-恢复")
	}
	return nil
}

func restoreTargetError(err error, dir string) error { return targetError(err, dir, "恢复") }

// clearDir removes what a failed restore wrote into the (previously empty) directory.
func clearDir(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}
