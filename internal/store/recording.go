package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sort"
	"strings"
	"time"

	"go.etcd.io/bbolt"

	"lawdesk/internal/blob"
	"lawdesk/internal/domain"
)

// Audio-video records and their indexes. Index keys are composite so a prefix scan answers
// "recordings of case 12", "captured between …", "from device CAM001", "by officer 000001".
var (
	bucketRecordings          = newBucket("recordings")
	bucketRecordingsBySHA     = newBucket("recordings_by_sha")     // sha256 → id (not deleted)
	bucketRecordingsBySource  = newBucket("recordings_by_source")  // lower(name) 0 size → id (not deleted)
	bucketRecordingsByCase    = newBucket("recordings_by_case")    // case id, capture key, id → nil
	bucketRecordingsByTime    = newBucket("recordings_by_time")    // capture key, id → nil
	bucketRecordingsByDevice  = newBucket("recordings_by_device")  // device 0 id → nil
	bucketRecordingsByOfficer = newBucket("recordings_by_officer") // officer number 0 id → nil
	// What the dashboard asks about, so it reads a handful of recordings, not every one.
	bucketRecordingsUnassigned = newBucket("recordings_unassigned") // capture key, id → nil (not deleted, no case)
	bucketRecordingsLate       = newBucket("recordings_late")       // import key, id → nil (late without a reason)
	bucketRecordingsFuture     = newBucket("recordings_future")     // id → nil (captured "after" import: a wrong clock)
	bucketRecordingsDeleted    = newBucket("recordings_deleted")    // id → nil (tombstones)
)

type recordingRecord struct {
	ID            uint64               `json:"id"`
	SHA256        string               `json:"sha"`
	Size          int64                `json:"size"`
	Kind          domain.RecordingKind `json:"kind"`
	Format        string               `json:"format,omitempty"`
	FileName      string               `json:"name"`
	SourcePath    string               `json:"src,omitempty"`
	Device        string               `json:"device,omitempty"`
	OfficerNo     string               `json:"officer_no,omitempty"`
	Captured      time.Time            `json:"captured,omitzero"`
	CaptureSource string               `json:"captured_from,omitempty"`
	ClockOffset   time.Duration        `json:"clock_offset,omitempty"`
	Duration      time.Duration        `json:"duration,omitempty"`
	Width         int                  `json:"w,omitempty"`
	Height        int                  `json:"h,omitempty"`
	Imported      time.Time            `json:"imported"`
	ImportedBy    string               `json:"imported_by"`
	Important     bool                 `json:"important,omitempty"`
	CaseID        uint64               `json:"case,omitempty"`
	Stage         domain.Stage         `json:"stage,omitempty"`
	Place         string               `json:"place,omitempty"`
	CollectorID   uint64               `json:"collector_id,omitempty"`
	Collector     string               `json:"collector,omitempty"`
	Proves        string               `json:"proves,omitempty"`
	Evidence      bool                 `json:"evidence,omitempty"`
	LateReason    string               `json:"late_reason,omitempty"`
	RetainUntil   domain.Date          `json:"retain_until,omitzero"`
	Permanent     bool                 `json:"permanent,omitempty"`
	Deleted       bool                 `json:"deleted,omitempty"`
	DeletedAt     time.Time            `json:"deleted_at,omitzero"`
	DeletedBy     string               `json:"deleted_by,omitempty"`
	DeleteReason  string               `json:"delete_reason,omitempty"`
}

func (r recordingRecord) recording() domain.Recording { return domain.Recording(r) }

// RecordingSource identifies a file on a camera before it is read: its name (case
// ignored) and size. Cameras put the time in the name, so this finds files already
// imported without hashing them; the import still confirms by SHA-256.
type RecordingSource struct {
	Name string
	Size int64
}

func sourceKey(name string, size int64) []byte {
	k := append([]byte(strings.ToLower(name)), 0)
	return binary.BigEndian.AppendUint64(k, uint64(size))
}

// timeKey orders times before and after 1970 correctly as unsigned big-endian bytes.
func timeKey(t time.Time) []byte {
	return binary.BigEndian.AppendUint64(nil, uint64(t.UnixNano())^(1<<63))
}

// captureKey is the time a recording sorts by: its capture time, else its import time.
func captureKey(r recordingRecord) []byte {
	if r.Captured.IsZero() {
		return timeKey(r.Imported)
	}
	return timeKey(r.Captured)
}

func caseIndexKey(r recordingRecord) []byte {
	return append(append(itob(r.CaseID), captureKey(r)...), itob(r.ID)...)
}

func textIndexKey(text string, id uint64) []byte {
	return append(append([]byte(text), 0), itob(id)...)
}

// indexRecording adds (add=true) or removes r's index entries.
func indexRecording(tx *bbolt.Tx, r recordingRecord, add bool) error {
	type entry struct {
		bucket     []byte
		key, value []byte
	}
	entries := []entry{{bucketRecordingsByTime, append(captureKey(r), itob(r.ID)...), nil}}
	if !r.Deleted {
		entries = append(entries,
			entry{bucketRecordingsBySHA, []byte(r.SHA256), itob(r.ID)},
			entry{bucketRecordingsBySource, sourceKey(r.FileName, r.Size), itob(r.ID)})
	}
	if r.CaseID != 0 {
		entries = append(entries, entry{bucketRecordingsByCase, caseIndexKey(r), nil})
	}
	if r.Device != "" {
		entries = append(entries, entry{bucketRecordingsByDevice, textIndexKey(r.Device, r.ID), nil})
	}
	if r.OfficerNo != "" {
		entries = append(entries, entry{bucketRecordingsByOfficer, textIndexKey(r.OfficerNo, r.ID), nil})
	}
	switch {
	case r.Deleted:
		entries = append(entries, entry{bucketRecordingsDeleted, itob(r.ID), nil})
	default:
		if r.CaseID == 0 {
			entries = append(entries, entry{bucketRecordingsUnassigned, append(captureKey(r), itob(r.ID)...), nil})
		}
		rec := r.recording()
		if rec.Late() && rec.LateReason == "" {
			entries = append(entries, entry{bucketRecordingsLate, append(timeKey(r.Imported), itob(r.ID)...), nil})
		}
		if rec.FutureCapture() {
			entries = append(entries, entry{bucketRecordingsFuture, itob(r.ID), nil})
		}
	}
	for _, e := range entries {
		b := tx.Bucket(e.bucket)
		var err error
		if add {
			v := e.value
			if v == nil {
				v = []byte{}
			}
			err = b.Put(e.key, v)
		} else if e.value == nil || bytes.Equal(b.Get(e.key), e.value) {
			err = b.Delete(e.key)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// NewRecording is one file of an import batch: the recording to create and the blob that
// Blobs().Commit made durable for it.
type NewRecording struct {
	Recording domain.Recording
	Blob      blob.Info
}

// AddedRecording is what became of one NewRecording: a new record, or the ID of the
// recording that already holds the same content (Duplicate).
type AddedRecording struct {
	Recording domain.Recording
	Duplicate bool
}

// AddRecordings records a batch of imported files in one transaction, each with its audit
// event. A file whose SHA-256 is already recorded is not added again; the existing
// recording is returned with Duplicate set. The blobs must already be durable.
func (s *Store) AddRecordings(ch Change, batch []NewRecording) ([]AddedRecording, error) {
	var out []AddedRecording
	err := s.db.Update(func(tx *bbolt.Tx) error {
		var err error
		out, err = s.addRecordings(tx, ch, batch)
		return err
	})
	return out, internal(err)
}

func (s *Store) addRecordings(tx *bbolt.Tx, ch Change, batch []NewRecording) ([]AddedRecording, error) {
	out := make([]AddedRecording, 0, len(batch))
	err := func() error {
		for _, n := range batch {
			r := n.Recording
			if id := tx.Bucket(bucketRecordingsBySHA).Get([]byte(n.Blob.SHA256)); id != nil {
				var old recordingRecord
				if _, err := get(tx, bucketRecordings, id, &old); err != nil {
					return err
				}
				out = append(out, AddedRecording{Recording: old.recording(), Duplicate: true})
				continue
			}
			if r.ID != 0 {
				return fmt.Errorf("AddRecordings: recording already has ID %d", r.ID)
			}
			seq, err := tx.Bucket(bucketRecordings).NextSequence()
			if err != nil {
				return err
			}
			r.ID, r.SHA256, r.Size = seq, n.Blob.SHA256, n.Blob.Size
			rec := recordingRecord(r)
			if err := put(tx, bucketRecordings, itob(r.ID), rec); err != nil {
				return err
			}
			if err := indexRecording(tx, rec, true); err != nil {
				return err
			}
			if err := s.recordBlob(tx, n.Blob); err != nil {
				return err
			}
			what := fmt.Sprintf("导入音像记录 %s（%s，%.1f MB）", r.FileName, r.Kind.Label(), float64(r.Size)/1e6)
			if r.Late() {
				what += "，超过 24 小时才导入"
			}
			if err := s.appendEvent(tx, ch.Actor, "recording.import", recordingTarget(r.ID), ch.summary(what)); err != nil {
				return err
			}
			out = append(out, AddedRecording{Recording: r})
		}
		return nil
	}()
	return out, err
}

func recordingTarget(id uint64) string { return fmt.Sprintf("recording:%d", id) }

// NoteRecordingImport appends one audit event summing up an import run (source folder,
// counts), so the log shows each import as a whole besides its files.
func (s *Store) NoteRecordingImport(actor, summary string) error {
	return internal(s.db.Update(func(tx *bbolt.Tx) error {
		return s.appendEvent(tx, actor, "recording.import_run", "recordings", summary)
	}))
}

// Recording returns one recording (also a deleted one).
func (s *Store) Recording(id uint64) (domain.Recording, error) {
	var r recordingRecord
	err := s.db.View(func(tx *bbolt.Tx) error {
		var err error
		r, err = loadRecording(tx, id)
		return err
	})
	return r.recording(), internal(err)
}

func loadRecording(tx *bbolt.Tx, id uint64) (recordingRecord, error) {
	var r recordingRecord
	ok, err := get(tx, bucketRecordings, itob(id), &r)
	if err == nil && !ok {
		err = domain.Errorf(domain.ENOTFOUND, "音像记录不存在（编号 %d）。", id)
	}
	return r, err
}

// RecordingBySHA returns the recording holding this content; ok is false when there is none.
func (s *Store) RecordingBySHA(sha string) (r domain.Recording, ok bool, err error) {
	err = s.db.View(func(tx *bbolt.Tx) error {
		id := tx.Bucket(bucketRecordingsBySHA).Get([]byte(sha))
		if id == nil {
			return nil
		}
		rec, err := loadRecording(tx, btoi(id))
		r, ok = rec.recording(), err == nil
		return err
	})
	return r, ok, internal(err)
}

// KnownSources returns, for each source that matches a stored recording by name and size,
// that recording's SHA-256 (a hint to confirm by hashing, not proof).
func (s *Store) KnownSources(srcs []RecordingSource) (map[RecordingSource]string, error) {
	out := map[RecordingSource]string{}
	err := s.db.View(func(tx *bbolt.Tx) error {
		idx := tx.Bucket(bucketRecordingsBySource)
		for _, src := range srcs {
			id := idx.Get(sourceKey(src.Name, src.Size))
			if id == nil {
				continue
			}
			r, err := loadRecording(tx, btoi(id))
			if err != nil {
				return err
			}
			out[src] = r.SHA256
		}
		return nil
	})
	return out, internal(err)
}

// RecordingFilter selects recordings. Zero fields match everything; deleted recordings are
// left out unless Deleted is set.
type RecordingFilter struct {
	CaseID     uint64 // only this case's recordings
	Unassigned bool   // only recordings not yet assigned to a case
	From, To   time.Time
	Device     string
	OfficerNo  string
	LateOnly   bool
	Deleted    bool // include deleted recordings (tombstones)
	Limit      int  // 0 = no limit
	Newest     bool // newest capture first
}

func (f RecordingFilter) match(r recordingRecord) bool {
	t := r.Captured
	if t.IsZero() {
		t = r.Imported
	}
	switch {
	case r.Deleted && !f.Deleted,
		f.CaseID != 0 && r.CaseID != f.CaseID,
		f.Unassigned && r.CaseID != 0,
		!f.From.IsZero() && t.Before(f.From),
		!f.To.IsZero() && !t.Before(f.To),
		f.Device != "" && r.Device != f.Device,
		f.OfficerNo != "" && r.OfficerNo != f.OfficerNo,
		f.LateOnly && !r.recording().Late():
		return false
	}
	return true
}

// Recordings lists recordings matching f, in capture-time order, using the narrowest
// index the filter allows.
func (s *Store) Recordings(f RecordingFilter) ([]domain.Recording, error) {
	var out []domain.Recording
	err := s.db.View(func(tx *bbolt.Tx) error {
		var ids []uint64
		switch {
		case f.Unassigned && !f.Deleted:
			ids = prefixIDs(tx, bucketRecordingsUnassigned, nil)
		case f.CaseID != 0:
			ids = prefixIDs(tx, bucketRecordingsByCase, itob(f.CaseID))
		case f.Device != "":
			ids = prefixIDs(tx, bucketRecordingsByDevice, append([]byte(f.Device), 0))
		case f.OfficerNo != "":
			ids = prefixIDs(tx, bucketRecordingsByOfficer, append([]byte(f.OfficerNo), 0))
		default:
			c := tx.Bucket(bucketRecordingsByTime).Cursor()
			var k []byte
			if f.From.IsZero() {
				k, _ = c.First()
			} else {
				k, _ = c.Seek(timeKey(f.From))
			}
			for ; k != nil; k, _ = c.Next() {
				if !f.To.IsZero() && bytes.Compare(k[:8], timeKey(f.To)) >= 0 {
					break
				}
				ids = append(ids, btoi(k[8:]))
			}
		}
		for _, id := range ids {
			r, err := loadRecording(tx, id)
			if err != nil {
				return err
			}
			if f.match(r) {
				out = append(out, r.recording())
			}
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool {
		a, b := sortTime(out[i]), sortTime(out[j])
		if f.Newest {
			return a.After(b)
		}
		return a.Before(b)
	})
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, internal(err)
}

func sortTime(r domain.Recording) time.Time {
	if r.Captured.IsZero() {
		return r.Imported
	}
	return r.Captured
}

// prefixIDs returns the IDs in the last 8 bytes of every key of bucket starting with prefix.
func prefixIDs(tx *bbolt.Tx, bucket, prefix []byte) []uint64 {
	var ids []uint64
	c := tx.Bucket(bucket).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if len(k) >= len(prefix)+8 {
			ids = append(ids, btoi(k[len(k)-8:]))
		}
	}
	return ids
}

// UpdateRecordings applies change to each recording in one transaction (all or none),
// keeping the indexes in step and appending one audit event per recording with action and
// the summary describe returns. Use it for labelling, retention and late reasons; deletion
// has its own method because it also releases the file.
func (s *Store) UpdateRecordings(ch Change, action string, ids []uint64,
	change func(domain.Recording) (domain.Recording, error), describe func(before, after domain.Recording) string) ([]domain.Recording, error) {
	var out []domain.Recording
	err := s.db.Update(func(tx *bbolt.Tx) error {
		out = out[:0]
		for _, id := range ids {
			old, err := loadRecording(tx, id)
			if err != nil {
				return err
			}
			before := old.recording()
			after, err := change(before)
			if err != nil {
				return err
			}
			if after.ID != before.ID || after.SHA256 != before.SHA256 || after.Size != before.Size || after.Deleted != before.Deleted {
				return fmt.Errorf("UpdateRecordings: identity of recording %d changed", id)
			}
			if err := indexRecording(tx, old, false); err != nil {
				return err
			}
			rec := recordingRecord(after)
			if err := put(tx, bucketRecordings, itob(id), rec); err != nil {
				return err
			}
			if err := indexRecording(tx, rec, true); err != nil {
				return err
			}
			if err := s.appendEvent(tx, ch.Actor, action, recordingTarget(id), ch.summary(describe(before, after))); err != nil {
				return err
			}
			out = append(out, after)
		}
		return nil
	})
	return out, internal(err)
}

// DeleteRecording marks a recording deleted (domain.Recording.Delete decides whether it
// may be) and releases its file: the blob is unregistered unless something else uses the
// same content. It returns the tombstone and whether the caller should now remove the file
// from the blob store (after this transaction, so a crash leaves at worst a stray file).
func (s *Store) DeleteRecording(ch Change, id uint64) (r domain.Recording, removeBlob bool, err error) {
	err = s.db.Update(func(tx *bbolt.Tx) error {
		old, err := loadRecording(tx, id)
		if err != nil {
			return err
		}
		r, err = old.recording().Delete(ch.Actor, s.Now(), ch.Reason)
		if err != nil {
			return err
		}
		if err := indexRecording(tx, old, false); err != nil {
			return err
		}
		rec := recordingRecord(r)
		if err := put(tx, bucketRecordings, itob(id), rec); err != nil {
			return err
		}
		if err := indexRecording(tx, rec, true); err != nil {
			return err
		}
		if !blobInUse(tx, r.SHA256) {
			if err := tx.Bucket(bucketBlobs).Delete([]byte(r.SHA256)); err != nil {
				return err
			}
			removeBlob = true
		}
		what := fmt.Sprintf("删除音像记录 %s（%s，%.1f MB，保存期限至 %s）", r.FileName, r.Kind.Label(), float64(r.Size)/1e6, r.RetainUntil)
		return s.appendEvent(tx, ch.Actor, "recording.delete", recordingTarget(id), ch.summary(what))
	})
	return r, removeBlob, internal(err)
}

// DeletedRecordingBlobs lists the content of deleted recordings that no record uses any
// more; the service removes those files if a crash left them behind after DeleteRecording.
func (s *Store) DeletedRecordingBlobs() ([]string, error) {
	var out []string
	err := s.db.View(func(tx *bbolt.Tx) error {
		for _, id := range prefixIDs(tx, bucketRecordingsDeleted, nil) {
			r, err := loadRecording(tx, id)
			if err != nil {
				return err
			}
			if r.Deleted && tx.Bucket(bucketBlobs).Get([]byte(r.SHA256)) == nil {
				out = append(out, r.SHA256)
			}
		}
		return nil
	})
	return out, internal(err)
}

// recordings register themselves as users of their blobs.
var _ = registerBlobUser(func(tx *bbolt.Tx, sha string) bool {
	return tx.Bucket(bucketRecordingsBySHA).Get([]byte(sha)) != nil
})

// The recordings' consistency check for `lawdesk verify`: every live recording has its
// file registered with the right size, and every index entry matches its record.
var _ = registerCheck(func(s *Store, tx *bbolt.Tx) Check {
	c := Check{Name: "音像记录"}
	var live, deleted int
	var bytesTotal int64
	wantIdx := map[string]map[string]bool{}
	add := func(bucket []byte, key []byte) {
		m := wantIdx[string(bucket)]
		if m == nil {
			m = map[string]bool{}
			wantIdx[string(bucket)] = m
		}
		m[string(key)] = true
	}
	err := tx.Bucket(bucketRecordings).ForEach(func(k, v []byte) error {
		var r recordingRecord
		if err := decode(v, &r); err != nil {
			c.Problems = append(c.Problems, fmt.Sprintf("音像记录 %d 无法读取", btoi(k)))
			return nil
		}
		if r.ID != btoi(k) {
			c.Problems = append(c.Problems, fmt.Sprintf("音像记录 %d 的编号与位置不符", btoi(k)))
		}
		add(bucketRecordingsByTime, append(captureKey(r), itob(r.ID)...))
		if r.CaseID != 0 {
			add(bucketRecordingsByCase, caseIndexKey(r))
		}
		if r.Device != "" {
			add(bucketRecordingsByDevice, textIndexKey(r.Device, r.ID))
		}
		if r.OfficerNo != "" {
			add(bucketRecordingsByOfficer, textIndexKey(r.OfficerNo, r.ID))
		}
		if r.Deleted {
			deleted++
			return nil
		}
		live++
		bytesTotal += r.Size
		add(bucketRecordingsBySHA, []byte(r.SHA256))
		if got := tx.Bucket(bucketRecordingsBySHA).Get([]byte(r.SHA256)); got == nil || btoi(got) != r.ID {
			c.Problems = append(c.Problems, fmt.Sprintf("音像记录 %s（编号 %d）的内容索引不一致", r.FileName, r.ID))
		}
		var b blobRecord
		if ok, err := get(tx, bucketBlobs, []byte(r.SHA256), &b); err != nil || !ok {
			c.Problems = append(c.Problems, fmt.Sprintf("音像记录 %s（编号 %d）的文件没有登记在文件存储中", r.FileName, r.ID))
		} else if b.Size != r.Size {
			c.Problems = append(c.Problems, fmt.Sprintf("音像记录 %s（编号 %d）的大小与文件存储登记不符", r.FileName, r.ID))
		}
		return nil
	})
	if err != nil {
		c.Problems = append(c.Problems, "音像记录无法读取："+err.Error())
	}
	for _, bucket := range [][]byte{bucketRecordingsBySHA, bucketRecordingsByTime, bucketRecordingsByCase, bucketRecordingsByDevice, bucketRecordingsByOfficer} {
		want := wantIdx[string(bucket)]
		found := 0
		tx.Bucket(bucket).ForEach(func(k, v []byte) error {
			if want[string(k)] {
				found++
			} else {
				c.Problems = append(c.Problems, fmt.Sprintf("音像记录索引 %s 有一条多余的记录", bucket))
			}
			return nil
		})
		if found != len(want) {
			c.Problems = append(c.Problems, fmt.Sprintf("音像记录索引 %s 缺少 %d 条记录", bucket, len(want)-found))
		}
	}
	c.Summary = fmt.Sprintf("%d 条（%.1f MB），已删除 %d 条", live, float64(bytesTotal)/1e6, deleted)
	return c
})
