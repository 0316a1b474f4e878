package recording

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"

	"lawdesk/internal/blob"
	"lawdesk/internal/domain"
	"lawdesk/internal/media"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// ImportRequest says what to import.
type ImportRequest struct {
	Root  string      // the folder that was scanned, for the log
	Items []Candidate // from Scan; items with a Problem are reported as skipped
	// Labels, when not nil, are set on every new recording (e.g. --case and --stage on the
	// command line). Empty text fields keep what the import found.
	Labels *domain.RecordingLabels
	// ClearSource deletes each source file after its stored copy has been read back and
	// matches (清空记录仪). Off by default: without it the source is only ever read.
	ClearSource bool
}

// Progress is reported while importing.
type Progress struct {
	FilesDone, FilesTotal int
	BytesDone, BytesTotal int64
	Current               string // the file being copied
	Elapsed               time.Duration
	Speed                 float64       // bytes per second so far
	Remaining             time.Duration // estimated time left; -1 while unknown
}

// Skipped is a file the import left alone, with the reason in Chinese.
type Skipped struct {
	Rel    string
	Reason string
}

// Duplicate is a file whose content is already stored (same SHA-256).
type Duplicate struct {
	Rel    string
	SameAs string // the stored recording's file name, or the earlier file of this import
	ID     uint64 // the stored recording, 0 while it is the earlier file of this import
}

// Summary is what an import did.
type Summary struct {
	Root        string
	Imported    []domain.Recording
	Duplicates  []Duplicate
	Skipped     []Skipped
	Late        []domain.Recording // imported more than 24 hours after capture
	Cleared     int                // source files deleted after verification (ClearSource)
	ClearFailed []Skipped
	Bytes       int64 // bytes copied into the store
	Elapsed     time.Duration
	Cancelled   bool
}

// Text is the summary in a few Chinese lines, for the command line and the log.
func (s Summary) Text() string {
	var b strings.Builder
	state := "导入完成"
	if s.Cancelled {
		state = "导入已取消（已完成的文件已保存，其余没有导入）"
	}
	fmt.Fprintf(&b, "%s：新增 %d 个，已在库中（重复）%d 个，跳过 %d 个，超过 24 小时 %d 个；复制 %.1f MB，用时 %s。\n",
		state, len(s.Imported), len(s.Duplicates), len(s.Skipped), len(s.Late), float64(s.Bytes)/1e6, s.Elapsed.Round(100*time.Millisecond))
	for _, sk := range s.Skipped {
		fmt.Fprintf(&b, "  跳过 %s：%s\n", sk.Rel, sk.Reason)
	}
	for _, d := range s.Duplicates {
		fmt.Fprintf(&b, "  重复 %s：与 %s 内容相同，未重复保存\n", d.Rel, d.SameAs)
	}
	for _, r := range s.Late {
		fmt.Fprintf(&b, "  超时 %s：拍摄于 %s，%s后才导入（规定 24 小时内）\n", r.SourcePath,
			r.Captured.Local().Format("2006-01-02 15:04"), FormatDelay(r.ImportDelay()))
	}
	if s.Cleared > 0 {
		fmt.Fprintf(&b, "  已核对并清除记录仪上的 %d 个文件。\n", s.Cleared)
	}
	for _, sk := range s.ClearFailed {
		fmt.Fprintf(&b, "  未清除 %s：%s\n", sk.Rel, sk.Reason)
	}
	return b.String()
}

// FormatDelay writes a duration as 天/小时/分钟 for people.
func FormatDelay(d time.Duration) string {
	d = d.Round(time.Minute)
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case days > 0:
		return fmt.Sprintf("%d 天 %d 小时", days, hours)
	case hours > 0:
		return fmt.Sprintf("%d 小时 %d 分钟", hours, mins)
	}
	return fmt.Sprintf("%d 分钟", mins)
}

// Batching: files are committed (synced, renamed, recorded) together, so hundreds of
// photos cost a few syncs instead of hundreds; a big video is committed on its own.
var (
	batchFiles       = 100
	batchBytes int64 = 512 << 20
	batchAge         = 3 * time.Second
)

// settleAge: a file modified more recently than this may still be being written (FAT
// keeps modification times to 2 seconds), so the import watches it before copying.
const settleAge = 3 * time.Second

// settleTimeout is how long the import watches such a file before skipping it.
var settleTimeout = 8 * time.Second

// Import copies the candidates into the store, hashing while copying, and records them.
// The source is never changed (unless ClearSource). Files that are still being written
// are skipped; content already stored is reported as a duplicate, not stored twice;
// cancelling ctx stops after the file being copied, which leaves nothing behind, while the
// files already complete stay imported. Running the same import again (after a cancel, a
// pulled cable or a crash) imports what is missing and reports the rest as duplicates.
//
// progress, when not nil, is called at most every 100 ms, from any goroutine but never
// concurrently. The summary is valid even when an error stops the import midway.
func (s *Service) Import(ctx context.Context, sess office.Session, req ImportRequest, progress func(Progress)) (Summary, error) {
	sum := Summary{Root: req.Root}
	if err := domain.Require(sess.User, domain.PermImportRecording, "导入音像记录"); err != nil {
		return sum, err
	}
	if req.Labels != nil {
		if err := domain.Require(sess.User, domain.PermLabelRecording, "标注音像记录"); err != nil {
			return sum, err
		}
		if err := req.Labels.Validate(); err != nil {
			return sum, err
		}
		if err := s.checkCaseFor(sess, req.Labels.CaseID); err != nil {
			return sum, err
		}
	}
	set, err := s.Settings()
	if err != nil {
		return sum, err
	}
	officers, err := s.st.Officers()
	if err != nil {
		return sum, err
	}
	im := &importer{s: s, sess: sess, req: req, set: set, officers: officers, sum: &sum,
		seen: map[string]string{}, started: time.Now()}
	im.tr = newTracker(progress)
	for _, c := range req.Items {
		if c.Problem == "" {
			im.tr.p.FilesTotal++
			im.tr.p.BytesTotal += c.Size
		}
	}
	im.tr.report(true)
	for _, c := range req.Items {
		if ctx.Err() != nil {
			sum.Cancelled = true
			break
		}
		if c.Problem != "" {
			sum.Skipped = append(sum.Skipped, Skipped{c.Rel, c.Problem})
			continue
		}
		if err = im.one(ctx, c); err != nil {
			break
		}
		if im.due() {
			if err = im.flush(); err != nil {
				break
			}
		}
	}
	if errors.Is(err, context.Canceled) {
		sum.Cancelled, err = true, nil
	}
	if ferr := im.flush(); err == nil {
		err = ferr
	}
	im.discard()
	sum.Elapsed = time.Since(im.started)
	im.tr.finish()
	note := fmt.Sprintf("从 %s 导入音像记录：新增 %d 个，重复 %d 个，跳过 %d 个，超过 24 小时 %d 个", req.Root,
		len(sum.Imported), len(sum.Duplicates), len(sum.Skipped), len(sum.Late))
	if sum.Cancelled {
		note += "（已取消）"
	}
	if err != nil {
		note += "（因错误中断：" + domain.ErrorMessage(err) + "）"
	}
	if nerr := s.st.NoteRecordingImport(sess.Actor(), note); err == nil {
		err = nerr
	}
	return sum, err
}

// importer is the state of one Import run.
type importer struct {
	s        *Service
	sess     office.Session
	req      ImportRequest
	set      Settings
	officers []domain.Officer
	sum      *Summary
	tr       *tracker
	started  time.Time

	pending      []pendingFile
	pendingBytes int64
	pendingSince time.Time
	seen         map[string]string // sha → Rel of the first file of this run with that content
	verified     []verifiedSource  // files to clear after their batch is committed
}

type pendingFile struct {
	c   Candidate
	p   *blob.Pending
	rec domain.Recording
}

type verifiedSource struct {
	c   Candidate
	sha string
}

// one imports one good candidate. It returns an error only for what stops the whole
// import (cancel, a full disk); a problem with the file itself is recorded as skipped.
func (im *importer) one(ctx context.Context, c Candidate) error {
	im.tr.begin(c.Rel)
	defer im.tr.fileDone()
	skip := func(reason string) error {
		im.sum.Skipped = append(im.sum.Skipped, Skipped{c.Rel, reason})
		im.tr.drop(c.Size)
		return nil
	}
	modTime, err := settled(ctx, c)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return err
		}
		return skip(domain.ErrorMessage(err))
	}
	if c.Known {
		sha, err := hashSource(ctx, c.Path, im.tr)
		if errors.Is(err, context.Canceled) {
			return err
		}
		if err == nil && sha == c.KnownSHA {
			if r, ok, err := im.s.st.RecordingBySHA(sha); err != nil {
				return err
			} else if ok && im.s.st.Blobs().Has(sha) {
				im.sum.Duplicates = append(im.sum.Duplicates, Duplicate{Rel: c.Rel, SameAs: r.FileName, ID: r.ID})
				im.verified = append(im.verified, verifiedSource{c, sha})
				return nil
			}
		}
		im.tr.rewind(c.Size) // not what we thought: copy it after all
	}
	f, err := os.Open(c.Path)
	if err != nil {
		return skip(fmt.Sprintf("无法打开（%s），请检查存储卡是否仍然连接。", shortErr(err)))
	}
	p, err := im.s.st.Blobs().Write(ctx, &countingReader{r: f, tr: im.tr})
	f.Close()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return err
		}
		if domain.ErrorCode(err) == domain.EINVALID && !isDiskFull(err) {
			return skip("读取时出错（文件可能不完整，或设备已拔出），请重新连接后再导入。")
		}
		return err
	}
	if fi, err := os.Stat(c.Path); err != nil || fi.Size() != p.Size || !fi.ModTime().Equal(modTime) {
		p.Discard()
		return skip("复制时文件还在变化（可能仍在录制或拷贝），请等记录仪停止录制后再导入。")
	}
	if first, ok := im.seen[p.SHA256]; ok {
		p.Discard()
		im.sum.Duplicates = append(im.sum.Duplicates, Duplicate{Rel: c.Rel, SameAs: first})
		return nil
	}
	if r, ok, err := im.s.st.RecordingBySHA(p.SHA256); err != nil {
		p.Discard()
		return err
	} else if ok && im.s.st.Blobs().Has(p.SHA256) {
		p.Discard()
		im.sum.Duplicates = append(im.sum.Duplicates, Duplicate{Rel: c.Rel, SameAs: r.FileName, ID: r.ID})
		im.verified = append(im.verified, verifiedSource{c, p.SHA256})
		return nil
	}
	im.seen[p.SHA256] = c.Rel
	rec, err := im.newRecording(c)
	if err != nil {
		p.Discard()
		return err
	}
	if len(im.pending) == 0 {
		im.pendingSince = time.Now()
	}
	im.pending = append(im.pending, pendingFile{c: c, p: p, rec: rec})
	im.pendingBytes += p.Size
	return nil
}

// newRecording describes candidate c as a new recording.
func (im *importer) newRecording(c Candidate) (domain.Recording, error) {
	now := im.s.now()
	r := domain.Recording{
		Kind: c.Kind, Format: c.Format, FileName: baseName(c.Rel), SourcePath: c.Rel,
		Device: c.Device, OfficerNo: c.OfficerNo, Captured: c.Captured, CaptureSource: c.CaptureSource,
		ClockOffset: c.ClockOffset, Duration: c.Duration, Width: c.Width, Height: c.Height,
		Imported: now, ImportedBy: im.sess.Actor(), Important: c.Important,
		RetainUntil: domain.DefaultRetainUntil(now, im.set.RetentionMonths),
	}
	if o, ok := officerByNumber(im.officers, c.OfficerNo); ok {
		r.CollectorID, r.Collector = o.ID, o.Name
	}
	l := r.Labels()
	if req := im.req.Labels; req != nil {
		l.CaseID, l.Stage, l.Evidence = req.CaseID, req.Stage, req.Evidence
		l.Important = l.Important || req.Important
		if req.Place != "" {
			l.Place = req.Place
		}
		if req.Proves != "" {
			l.Proves = req.Proves
		}
		if req.Collector != "" || req.CollectorID != 0 {
			l.Collector, l.CollectorID = req.Collector, req.CollectorID
		}
	}
	return r.WithLabels(l)
}

// officerByNumber finds the one current officer whose certificate number is, or ends
// with, the officer number a camera writes into its file names.
func officerByNumber(officers []domain.Officer, no string) (domain.Officer, bool) {
	if len(no) < 3 {
		return domain.Officer{}, false
	}
	var found []domain.Officer
	for _, o := range officers {
		if !o.Left && o.CertNo != "" && (o.CertNo == no || len(no) >= 4 && strings.HasSuffix(o.CertNo, no)) {
			found = append(found, o)
		}
	}
	if len(found) != 1 {
		return domain.Officer{}, false
	}
	return found[0], true
}

// due reports whether the pending batch should be committed now.
func (im *importer) due() bool {
	return len(im.pending) >= batchFiles || im.pendingBytes >= batchBytes ||
		len(im.pending) > 0 && time.Since(im.pendingSince) >= batchAge
}

// flush makes the pending files durable, then records them in one transaction, then (only
// when asked) clears verified sources.
func (im *importer) flush() error {
	if len(im.pending) > 0 {
		ps := make([]*blob.Pending, len(im.pending))
		news := make([]store.NewRecording, len(im.pending))
		for i, pf := range im.pending {
			ps[i] = pf.p
			news[i] = store.NewRecording{Recording: pf.rec, Blob: pf.p.Info}
		}
		batch := im.pending
		im.pending, im.pendingBytes = nil, 0
		if err := im.s.st.Blobs().Commit(ps...); err != nil {
			return err
		}
		added, err := im.s.st.AddRecordings(store.Change{Actor: im.sess.Actor()}, news)
		if err != nil {
			return err
		}
		for i, a := range added {
			if a.Duplicate {
				im.sum.Duplicates = append(im.sum.Duplicates, Duplicate{Rel: batch[i].c.Rel, SameAs: a.Recording.FileName, ID: a.Recording.ID})
			} else {
				im.sum.Imported = append(im.sum.Imported, a.Recording)
				im.sum.Bytes += a.Recording.Size
				if a.Recording.Late() {
					im.sum.Late = append(im.sum.Late, a.Recording)
				}
			}
			im.verified = append(im.verified, verifiedSource{batch[i].c, a.Recording.SHA256})
		}
	}
	if im.req.ClearSource {
		for _, v := range im.verified {
			if err := im.clear(v); err != nil {
				im.sum.ClearFailed = append(im.sum.ClearFailed, Skipped{v.c.Rel, domain.ErrorMessage(err)})
			} else {
				im.sum.Cleared++
			}
		}
	}
	im.verified = nil
	return nil
}

// clear deletes a source file after reading the stored copy back and finding the same
// content, and only if the source still is the file that was imported.
func (im *importer) clear(v verifiedSource) error {
	f, err := im.s.st.Blobs().Open(v.sha)
	if err != nil {
		return err
	}
	h := sha256.New()
	_, err = io.Copy(h, f)
	f.Close()
	if err != nil || hex.EncodeToString(h.Sum(nil)) != v.sha {
		return domain.Errorf(domain.EINTERNAL, "库中的副本核对不一致，为安全起见没有删除记录仪上的文件；请运行“校验”。")
	}
	if fi, err := os.Stat(v.c.Path); err != nil || fi.Size() != v.c.Size {
		return domain.Errorf(domain.ECONFLICT, "记录仪上的文件在导入后发生了变化，没有删除。")
	}
	if err := os.Remove(v.c.Path); err != nil {
		return domain.Wrap(err, domain.EINVALID, "无法删除（存储卡可能写保护）：%s", shortErr(err))
	}
	return nil
}

// discard removes pending files that were not committed (after an error).
func (im *importer) discard() {
	for _, pf := range im.pending {
		pf.p.Discard()
	}
	im.pending = nil
}

// settled checks that c is the same file that was scanned and is not being written, and
// returns its modification time. A file modified within the last few seconds is watched
// until it stops changing (at most settleTimeout).
func settled(ctx context.Context, c Candidate) (time.Time, error) {
	name := baseName(c.Rel)
	fi, err := os.Stat(c.Path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return time.Time{}, domain.Wrap(err, domain.ENOTFOUND, "文件 %s 不见了（可能存储卡已拔出），请重新连接后再导入。", name)
		}
		return time.Time{}, domain.Wrap(err, domain.EINVALID, "无法读取文件 %s 的属性，请检查存储卡是否仍然连接。", name)
	}
	if fi.Size() != c.Size || !fi.ModTime().Equal(c.ModTime) {
		return time.Time{}, domain.Errorf(domain.ECONFLICT, "文件 %s 在扫描后又发生了变化（可能仍在录制），请等录制结束后重新扫描再导入。", name)
	}
	if time.Since(fi.ModTime()) < settleAge && time.Until(fi.ModTime()) < time.Minute {
		wctx, cancel := context.WithTimeout(ctx, settleTimeout)
		defer cancel()
		if err := media.WaitStable(wctx, c.Path, time.Second, 2); err != nil {
			return time.Time{}, err
		}
		if fi, err = os.Stat(c.Path); err != nil || fi.Size() != c.Size {
			return time.Time{}, domain.Errorf(domain.ECONFLICT, "文件 %s 仍在写入，已跳过；请等录制结束后重新扫描再导入。", name)
		}
	}
	return fi.ModTime(), nil
}

// hashSource reads a source file only to hash it (for files probably imported already).
func hashSource(ctx context.Context, path string, tr *tracker) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	buf := make([]byte, 1<<20)
	r := &countingReader{r: f, tr: tr}
	for {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		n, err := r.Read(buf)
		h.Write(buf[:n])
		if err == io.EOF {
			return hex.EncodeToString(h.Sum(nil)), nil
		}
		if err != nil {
			return "", err
		}
	}
}

// isDiskFull tells a full disk (which stops the import) from a bad source file (skipped).
func isDiskFull(err error) bool { return errors.Is(err, syscall.ENOSPC) }

func shortErr(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// countingReader counts bytes read into the progress tracker.
type countingReader struct {
	r  io.Reader
	tr *tracker
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.tr.add(int64(n))
	return n, err
}

// tracker keeps the import's progress and reports it, throttled.
type tracker struct {
	mu        sync.Mutex
	p         Progress
	fileBytes int64 // bytes of the current file counted so far
	start     time.Time
	last      time.Time
	fn        func(Progress)
}

func newTracker(fn func(Progress)) *tracker {
	return &tracker{fn: fn, start: time.Now(), p: Progress{Remaining: -1}}
}

func (t *tracker) begin(rel string) {
	t.mu.Lock()
	t.p.Current, t.fileBytes = rel, 0
	t.mu.Unlock()
	t.report(false)
}

func (t *tracker) add(n int64) {
	t.mu.Lock()
	t.p.BytesDone += n
	t.fileBytes += n
	t.mu.Unlock()
	t.report(false)
}

// rewind forgets the current file's bytes (it is read again).
func (t *tracker) rewind(size int64) {
	t.mu.Lock()
	t.p.BytesDone -= t.fileBytes
	t.fileBytes = 0
	t.mu.Unlock()
}

// drop removes a skipped file from the totals.
func (t *tracker) drop(size int64) {
	t.mu.Lock()
	t.p.BytesDone -= t.fileBytes
	t.p.BytesTotal -= size
	t.fileBytes = 0
	t.mu.Unlock()
}

func (t *tracker) fileDone() {
	t.mu.Lock()
	t.p.FilesDone++
	t.mu.Unlock()
	t.report(false)
}

func (t *tracker) finish() {
	t.mu.Lock()
	t.p.Current = ""
	t.mu.Unlock()
	t.report(true)
}

func (t *tracker) report(force bool) {
	if t.fn == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	now := time.Now()
	if !force && now.Sub(t.last) < 100*time.Millisecond {
		return
	}
	t.last = now
	p := t.p
	p.Elapsed = now.Sub(t.start)
	if secs := p.Elapsed.Seconds(); secs > 0.5 && p.BytesDone > 0 {
		p.Speed = float64(p.BytesDone) / secs
		p.Remaining = time.Duration(float64(max(p.BytesTotal-p.BytesDone, 0)) / p.Speed * float64(time.Second))
	} else {
		p.Remaining = -1
	}
	t.fn(p) // under the lock: never two calls at once
}
