package media

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"time"

	fitz "github.com/gen2brain/go-fitz"

	"lawdesk/internal/domain"
)

// MuPDF, reached through go-fitz, ends the whole process on some malformed files: a few of
// go-fitz's calls (counting pages, page bounds, making the page image) run outside MuPDF's
// error handler, and an error there aborts the program (FuzzOpenDocument found such a PDF).
// So before LawDesk opens a file with MuPDF itself, a helper — a copy of this program started
// once and kept for the next files — reads it whole: every page counted, measured, drawn
// small and searched for text. If the helper dies or hangs on a file, the file is refused
// with a message, the next file gets a new helper, and LawDesk carries on.

// trialEnv marks the helper: it then reads the files it is sent and does nothing else.
const trialEnv = "LAWDESK_TRIAL_WORKER"

// trialTimeout bounds one file: reading a 300-page scan takes a few seconds.
const trialTimeout = 2 * time.Minute

func init() {
	// Runs before main (or before the tests) in any program that can open documents.
	if os.Getenv(trialEnv) != "" {
		serveTrials(os.Stdin, os.Stdout)
		os.Exit(0)
	}
}

// serveTrials says "ready", then reads one quoted path per line and answers "ok" once it
// has read the file.
func serveTrials(in io.Reader, out io.Writer) {
	fmt.Fprintln(out, "ready")
	lines := bufio.NewScanner(in)
	lines.Buffer(make([]byte, 64<<10), 1<<20)
	for lines.Scan() {
		if path, err := strconv.Unquote(lines.Text()); err == nil {
			readWhole(path)
		}
		fmt.Fprintln(out, "ok")
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

// helper is the running helper, if any; one file is tried at a time.
var helper struct {
	sync.Mutex
	cmd     *exec.Cmd
	in      io.WriteCloser
	answers chan string // closed when the helper's output ends: it died
}

// trialOpen has the helper read the file at path, and reports an error naming the file
// (name) when the helper did not survive it.
func trialOpen(path, name string) error {
	info, err := os.Stat(path)
	if err != nil {
		return nil // OpenDocument reports it
	}
	key := trialKey{path, info.Size(), info.ModTime()}
	if _, ok := tried.Load(key); ok {
		return nil
	}
	helper.Lock()
	defer helper.Unlock()
	for attempt := 1; ; attempt++ {
		if helper.cmd == nil && startHelper() != nil {
			return nil // no helper can start here (no memory for a process?): open it here, as before
		}
		if _, err := fmt.Fprintln(helper.in, strconv.Quote(path)); err == nil {
			break
		}
		stopHelper() // it had gone while idle (ended from outside): start another, once
		if attempt == 2 {
			return nil
		}
	}
	select {
	case _, alive := <-helper.answers:
		if !alive {
			stopHelper()
			return domain.Errorf(domain.EINVALID, "文件 %s 已损坏，读取时出错，已跳过；请重新扫描或向对方索取完好的文件。", name)
		}
	case <-time.After(trialTimeout):
		stopHelper()
		return domain.Errorf(domain.EINVALID, "文件 %s 读取超过 %d 分钟仍未完成，可能已损坏，已跳过；请重新扫描或向对方索取完好的文件。", name, int(trialTimeout.Minutes()))
	}
	tried.Store(key, true)
	return nil
}

// startHelper starts a copy of this program as the helper.
func startHelper() error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), trialEnv+"=1")
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	answers := make(chan string, 1) // one answer per file: the reader never blocks for long
	go func() {
		lines := bufio.NewScanner(out)
		for lines.Scan() {
			answers <- lines.Text()
		}
		close(answers)
	}()
	helper.cmd, helper.in, helper.answers = cmd, in, answers
	// a helper that cannot even start would refuse every file: open them here instead
	select {
	case first := <-answers:
		if first == "ready" {
			return nil
		}
	case <-time.After(30 * time.Second):
	}
	stopHelper()
	return fmt.Errorf("the document helper did not start")
}

// stopHelper ends the helper (if it still runs) and forgets it.
func stopHelper() {
	helper.in.Close()
	helper.cmd.Process.Kill()
	helper.cmd.Wait()
	helper.cmd = nil
}
