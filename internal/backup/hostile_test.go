package backup_test

import (
	"archive/zip"
	"context"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lawdesk/internal/backup"
	"lawdesk/internal/domain"
)

// rewriteZip copies the backup in src to dst, letting edit replace an entry's content
// (return nil to keep it) and appending extra entries.
func rewriteZip(t *testing.T, src, dst string, edit func(name string, data []byte) []byte, extra map[string]string) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	zw := zip.NewWriter(out)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if changed := edit(f.Name, data); changed != nil {
			data = changed
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	for name, data := range extra {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

// A backup file someone crafted — entries named to escape the target (../, absolute
// paths), a manifest pointing its stored files outside the backup folder, a database entry
// that claims 10 GB behind a few bytes — restores only what a backup holds, into the new
// directory, or is refused; nothing is ever written outside the target.
func TestRestoreHostileArchive(t *testing.T) {
	st := newStore(t, 2)
	folder := filepath.Join(t.TempDir(), "备份")
	res, err := backup.Backup(context.Background(), st, filepath.Join(folder, "good.zip"), nil)
	if err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir() // where an escaping entry would land
	escapes := map[string]string{
		"../../../../../../" + strings.TrimPrefix(filepath.Join(outside, "evil.sh"), "/"): "rm -rf",
		filepath.Join(outside, "absolute.sh"):                                             "rm -rf",
		`..\..\windows.bat`:                                                               "del",
		"lawdesk-blobs/../../../sneaky.txt":                                               "x",
	}
	evil := filepath.Join(folder, "evil.zip")
	rewriteZip(t, res.File, evil, func(name string, data []byte) []byte {
		if name == backup.ManifestName { // stored files "beside" the backup, two folders up
			m := strings.Replace(string(data), `"blobs_dir": "`+backup.BlobsDir+`"`, `"blobs_dir": "../.."`, 1)
			if m == string(data) {
				t.Fatalf("the manifest has no blobs_dir to change: %s", data)
			}
			return []byte(m)
		}
		return nil
	}, escapes)
	target := filepath.Join(t.TempDir(), "restored")
	restored, err := backup.Restore(context.Background(), evil, target, nil)
	if err != nil {
		t.Fatalf("restore of a backup with extra entries: %v", err)
	}
	if !restored.OK() {
		t.Fatalf("restored store does not verify: %+v", restored)
	}
	entries, _ := os.ReadDir(outside)
	for _, e := range entries {
		t.Errorf("a crafted entry was written outside the target: %s", e.Name())
	}
	filepath.Walk(filepath.Dir(target), func(path string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && (strings.HasSuffix(path, ".sh") || strings.HasSuffix(path, ".bat") || strings.HasSuffix(path, "sneaky.txt")) {
			t.Errorf("a crafted entry was written: %s", path)
		}
		return nil
	})

	// a database entry that claims 10 GB behind a few bytes
	zr, err := zip.OpenReader(res.File)
	if err != nil {
		t.Fatal(err)
	}
	bomb := filepath.Join(folder, "bomb.zip")
	out, _ := os.Create(bomb)
	zw := zip.NewWriter(out)
	for _, f := range zr.File {
		if f.Name == backup.DBName {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, CompressedSize64: 2,
				UncompressedSize64: 10 << 30, CRC32: crc32.ChecksumIEEE(nil)})
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte{0x03, 0x00})
			continue
		}
		w, _ := zw.Create(f.Name)
		r, _ := f.Open()
		io.Copy(w, r)
		r.Close()
	}
	zw.Close()
	out.Close()
	zr.Close()
	target = filepath.Join(t.TempDir(), "restored-bomb")
	if _, err := backup.Restore(context.Background(), bomb, target, nil); err == nil || !strings.Contains(domain.ErrorMessage(err), "bomb.zip") {
		t.Fatalf("a forged database entry: %v", err)
	}
	if entries, _ := os.ReadDir(target); len(entries) != 0 {
		t.Errorf("a refused restore left %d entries in the target", len(entries))
	}
	if _, _, err := backup.Check(context.Background(), bomb, nil); err != nil && domain.ErrorMessage(err) == "" {
		t.Fatalf("check of a forged backup: %v", err)
	}
}
