package media

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"sync"
	"time"

	fitz "github.com/gen2brain/go-fitz"

	"lawdesk/internal/domain"
)

// MuPDF, reached through go-fitz, ends the whole process on some malformed files: a few of
// go-fitz's calls (counting pages, page bounds, making the page image) run outside MuPDF's
// error handler, and an error there aborts the program (FuzzOpenDocument found such a PDF).
// So before LawDesk opens a file with MuPDF itself, a short-lived copy of this program reads
// it whole — every page counted, measured, drawn small and searched for text. If that copy
// dies or hangs, the file is refused with a message and LawDesk carries on.

// trialEnv names the file a copy started by trialOpen must read; it then does nothing else.
const trialEnv = "LAWDESK_TRIAL_OPEN"

// trialTimeout bounds the trial: reading a 300-page scan takes a few seconds.
const trialTimeout = 2 * time.Minute

func init() {
	// Runs before main (or before the tests) in any program that can open documents.
	if path := os.Getenv(trialEnv); path != "" {
		readWhole(path)
		os.Exit(0)
	}
}

// readWhole does to the file at path everything LawDesk later does with MuPDF.
func readWhole(path string) {
	doc, err := fitz.New(path)
	if err != nil {
		return // OpenDocument reports the error itself
	}
	defer doc.Close()
	for i := range doc.NumPage() {
		b, err := doc.Bound(i)
		if err != nil || max(b.Dx(), b.Dy()) <= 0 {
			continue
		}
		doc.ImageDPI(i, 72*64/float64(max(b.Dx(), b.Dy()))) // 64 pixels on the longer side
		doc.Text(i)
	}
}

// tried remembers the files that passed their trial in this run, by path, size and time of
// change: the blob store's files never change, so a dossier or a preview opens them again
// without another trial.
var tried sync.Map

type trialKey struct {
	path    string
	size    int64
	modTime time.Time
}

// trialOpen reads the file at path in a copy of this program, and reports an error naming
// the file (name) when that copy did not survive it.
func trialOpen(path, name string) error {
	info, err := os.Stat(path)
	if err != nil {
		return nil // OpenDocument reports it
	}
	key := trialKey{path, info.Size(), info.ModTime()}
	if _, ok := tried.Load(key); ok {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return nil // no way to start a copy: open it here, as before
	}
	ctx, cancel := context.WithTimeout(context.Background(), trialTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(), trialEnv+"="+path)
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		return domain.Errorf(domain.EINVALID, "文件 %s 读取超过 %d 分钟仍未完成，可能已损坏，已跳过；请重新扫描或向对方索取完好的文件。", name, int(trialTimeout.Minutes()))
	case errors.As(err, &exit):
		return domain.Wrap(err, domain.EINVALID, "文件 %s 已损坏，读取时出错，已跳过；请重新扫描或向对方索取完好的文件。", name)
	case err != nil:
		return nil // the copy could not start (no memory for a process?): open it here
	}
	tried.Store(key, true)
	return nil
}
