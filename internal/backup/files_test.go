package backup

import (
	"os"
	"strings"
	"testing"

	"lawdesk/internal/domain"
)

// TestDiskFullWhileWriting checks the message of a write that fails half-way because the
// disk filled up (the free-space check before starting cannot foresee other programs).
func TestDiskFullWhileWriting(t *testing.T) {
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full on this system")
	}
	defer f.Close()
	_, werr := f.Write([]byte("数据"))
	if werr == nil {
		t.Fatal("writing /dev/full succeeded")
	}
	msg := domain.ErrorMessage(targetError(werr, `E:\LawDesk备份`, "备份"))
	for _, want := range []string{`E:\LawDesk备份`, "磁盘空间已满", "备份没有完成", "没有受影响"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not say %q", msg, want)
		}
	}
}
