package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzVerifyBundle feeds verify-bundle arbitrary archives: it must never panic, never
// read without end, and either refuse the file or report on it.
func FuzzVerifyBundle(f *testing.F) {
	var good bytes.Buffer
	b, err := newBagWriter(&good, "青市监-年度行政执法数据-2025", time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC))
	if err != nil {
		f.Fatal(err)
	}
	b.AddBytes("统计/年度统计-2025.csv", []byte("\uFEFF表,指标\r\n处罚,作出处罚决定\r\n"))
	b.AddBytes("审计链/审计链-2025.jsonl", []byte(`{"seq":1,"time":"2025-01-02T01:00:00Z","actor":"admin","action":"x","target":"y","summary":"z","prev_hash":"","hash":"00"}`+"\n"))
	if err := b.Close([]InfoField{{"Source-Organization", "青山县市场监督管理局"}, {infoAuditFile, "data/审计链/审计链-2025.jsonl"}}); err != nil {
		f.Fatal(err)
	}
	f.Add(good.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "bundle.zip")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		rep, err := VerifyBundle(ctx, path, nil)
		if bytes.Equal(data, good.Bytes()) && (err != nil || len(rep.Problems) == 0) {
			// the seed's audit event carries a made-up hash, which must be reported
			t.Errorf("seed bundle: %v %v", rep.Problems, err)
		}
	})
}
