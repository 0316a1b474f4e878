package recording_test

import (
	"context"
	"os"
	"testing"

	"lawdesk/internal/recording"
	"lawdesk/internal/store"
)

// BenchmarkImportFolder imports the folder named by LAWDESK_BENCH_SRC (e.g. the one
// packaging/bench-import.sh makes) into a new data directory per iteration. For the
// comparison with cp -r + sync, use `lawdesk bench import`.
func BenchmarkImportFolder(b *testing.B) {
	src := os.Getenv("LAWDESK_BENCH_SRC")
	if src == "" {
		b.Skip("set LAWDESK_BENCH_SRC to a folder to import")
	}
	var total int64
	for b.Loop() {
		st, err := store.Open(b.TempDir(), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		svc := recording.New(st)
		items, err := svc.Scan(context.Background(), src, nil)
		if err != nil {
			b.Fatal(err)
		}
		sum, err := svc.Import(context.Background(), officer, recording.ImportRequest{Items: items}, nil)
		if err != nil {
			b.Fatal(err)
		}
		total = sum.Bytes
		st.Close()
	}
	b.SetBytes(total)
}
