package blob

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"lawdesk/internal/domain"
)

func sumOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func tmpEntries(t *testing.T, s *Store) int {
	t.Helper()
	e, err := os.ReadDir(filepath.Join(s.Dir(), "tmp"))
	if err != nil {
		t.Fatal(err)
	}
	return len(e)
}

func TestPutHashesAndDeduplicates(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	// sizes around the buffer boundaries of the pipelined copy
	for _, size := range []int{0, 1, copyBuffer - 1, copyBuffer, copyBuffer + 1, 3*copyBuffer + 17, 9 * copyBuffer} {
		data := bytes.Repeat([]byte{byte(size), 1, 2, 3, 5, 8, 13}, size/7+1)[:size]
		info, err := s.Put(context.Background(), bytes.NewReader(data))
		if err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		if info.SHA256 != sumOf(data) || info.Size != int64(size) || info.Existed {
			t.Fatalf("size %d: %+v, want %s", size, info, sumOf(data))
		}
		got, err := os.ReadFile(s.Path(info.SHA256))
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("size %d: stored copy differs (%v)", size, err)
		}
		again, err := s.Put(context.Background(), bytes.NewReader(data))
		if err != nil || !again.Existed || again.SHA256 != info.SHA256 {
			t.Fatalf("size %d: second put %+v %v", size, again, err)
		}
	}
	if n := tmpEntries(t, s); n != 0 {
		t.Fatalf("%d files left in tmp/", n)
	}
}

func TestBatchCommitAndDiscard(t *testing.T) {
	s, _ := Open(t.TempDir())
	ctx := context.Background()
	a, err := s.Write(ctx, bytes.NewReader([]byte("first")))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.Write(ctx, bytes.NewReader([]byte("second")))
	dup, _ := s.Write(ctx, bytes.NewReader([]byte("first")))
	gone, _ := s.Write(ctx, bytes.NewReader([]byte("never committed")))
	if s.Has(a.SHA256) {
		t.Fatal("a pending file is visible before Commit")
	}
	gone.Discard()
	if err := s.Commit(a, b, dup); err != nil {
		t.Fatal(err)
	}
	if !s.Has(a.SHA256) || !s.Has(b.SHA256) || s.Has(gone.SHA256) {
		t.Fatal("commit did not place exactly the committed files")
	}
	if a.Existed || !dup.Existed {
		t.Fatalf("Existed: first %v, duplicate %v", a.Existed, dup.Existed)
	}
	if n := tmpEntries(t, s); n != 0 {
		t.Fatalf("%d files left in tmp/", n)
	}
}

// slowReader yields data forever, cancelling ctx after some bytes.
type slowReader struct {
	n      int
	after  int
	cancel func()
}

func (r *slowReader) Read(p []byte) (int, error) {
	r.n += len(p)
	if r.n > r.after {
		r.cancel()
	}
	return len(p), nil
}

func TestCancelLeavesNothing(t *testing.T) {
	s, _ := Open(t.TempDir())
	ctx, cancel := context.WithCancel(context.Background())
	_, err := s.Put(ctx, &slowReader{after: 5 * copyBuffer, cancel: cancel})
	if !errors.Is(err, context.Canceled) || domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("err = %v", err)
	}
	if n := tmpEntries(t, s); n != 0 {
		t.Fatalf("%d files left in tmp/ after cancel", n)
	}
}

type failingReader struct{ left int }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, errors.New("device removed")
	}
	k := min(len(p), r.left)
	r.left -= k
	return k, nil
}

func TestReadErrorLeavesNothing(t *testing.T) {
	s, _ := Open(t.TempDir())
	_, err := s.Put(context.Background(), &failingReader{left: 2*copyBuffer + 5})
	if domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("err = %v", err)
	}
	if n := tmpEntries(t, s); n != 0 {
		t.Fatalf("%d files left in tmp/", n)
	}
}

// zeroReader yields size zero bytes without holding them in memory.
type zeroReader struct{ left int64 }

func (r *zeroReader) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	k := int64(len(p))
	if k > r.left {
		k = r.left
	}
	clear(p[:k])
	r.left -= k
	return int(k), nil
}

// A large file streams through a fixed set of buffers: the heap does not grow with it.
func TestWriteBoundedMemory(t *testing.T) {
	s, _ := Open(t.TempDir())
	const size = 256 << 20
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	p, err := s.Write(context.Background(), &zeroReader{left: size})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Discard()
	runtime.ReadMemStats(&after)
	if p.Size != size {
		t.Fatalf("size %d", p.Size)
	}
	if grown := after.TotalAlloc - before.TotalAlloc; grown > 32<<20 {
		t.Fatalf("copying %d MB allocated %d MB", size>>20, grown>>20)
	}
}
