package backup

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzOpen feeds backup.Open arbitrary files: it must never panic and must refuse
// anything that is not a well-formed LawDesk backup with a message, never half-read it.
func FuzzOpen(f *testing.F) {
	var good bytes.Buffer
	zw := zip.NewWriter(&good)
	w, _ := zw.Create(DBName)
	w.Write([]byte("bbolt"))
	w, _ = zw.Create(ManifestName)
	w.Write([]byte(`{"format":"lawdesk-backup","version":1,"db":{"name":"lawdesk.db","size":5,"sha256":"` +
		"3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea" + `"},"blobs":[{"sha256":"` +
		"3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea" + `","size":5}]}`))
	zw.Close()
	f.Add(good.Bytes())
	f.Add([]byte("not a zip"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "b.zip")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		zr, m, err := Open(path)
		if err != nil {
			return
		}
		zr.Close()
		if m.Format != FormatName || m.DB.Name != DBName {
			t.Errorf("accepted a manifest that is not a backup's: %+v", m)
		}
	})
}
