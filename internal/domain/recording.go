package domain

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// RecordingKind is the broad class of an audio-video record (音像记录).
type RecordingKind string

// The kinds of recordings (the same words as media.Kind).
const (
	RecordingVideo RecordingKind = "video"
	RecordingPhoto RecordingKind = "photo"
	RecordingAudio RecordingKind = "audio"
)

// Label is the kind's Chinese name.
func (k RecordingKind) Label() string {
	switch k {
	case RecordingVideo:
		return "视频"
	case RecordingPhoto:
		return "照片"
	case RecordingAudio:
		return "录音"
	}
	return "文件"
}

// Recording is one audio-video record (DOMAIN.md §2.2): a video, photo or sound file from a
// body camera, camera or recorder, stored once in the blob store under its SHA-256 and
// labelled with case, stage, place, collector and what it proves.
type Recording struct {
	ID     uint64
	SHA256 string // content hash; the blob store's key
	Size   int64
	Kind   RecordingKind
	Format string // from the content: mp4, mov, avi, jpeg, wav, mp3

	// Where it came from.
	FileName   string // the file's name on the camera, e.g. DCAM_CAM001_000001_20260804_100000_IMP.mp4
	SourcePath string // its path below the imported folder, with / separators
	Device     string // 设备编号 (from the file name), "" when unknown
	OfficerNo  string // 执法人员编号/警号 (from the file name), "" when unknown

	// When it was made. Captured is already corrected by ClockOffset (how far the device's
	// clock ran ahead); CaptureSource says where the time came from (文件名, 媒体元数据,
	// EXIF, 文件修改时间), so a reader knows how far to trust it.
	Captured      time.Time
	CaptureSource string
	ClockOffset   time.Duration
	Duration      time.Duration // video and audio
	Width, Height int

	Imported   time.Time // when it entered the office's store
	ImportedBy string    // login name

	// Labels (标注).
	Important   bool   // 重要 (the camera's _IMP flag, or marked by hand); else 一般
	CaseID      uint64 // 0 until assigned to a case
	Stage       Stage  // the case's stage it records
	Place       string // 采集地点
	CollectorID uint64 // the officer (执法人员清单) who made it; 0 when not in the list
	Collector   string // the collector's name as shown
	Proves      string // 证明对象: what it proves
	Evidence    bool   // used as evidence in its case
	LateReason  string // why it reached the office more than 24 hours after it was made

	// Retention. RetainUntil is the first day it may be deleted (when unattached and not
	// permanent). Permanent never goes back to false.
	RetainUntil Date
	Permanent   bool

	// Deletion (only by an admin, with a reason; the record stays as a tombstone so the
	// audit trail and statistics keep it).
	Deleted      bool
	DeletedAt    time.Time
	DeletedBy    string
	DeleteReason string
}

// Rules of DOMAIN.md §2.2.
const (
	// ImportWithin is how soon a recording must reach the office's store after it was made.
	ImportWithin = 24 * time.Hour
	// MinRetentionMonths is the shortest time a recording is kept.
	MinRetentionMonths = 6
)

// ImportDelay is how long after capture the recording reached the store (0 when the
// capture time is unknown).
func (r Recording) ImportDelay() time.Duration {
	if r.Captured.IsZero() || r.Imported.IsZero() {
		return 0
	}
	return r.Imported.Sub(r.Captured)
}

// Late reports whether the recording reached the store more than 24 hours after it was
// made (the 24-hour rule).
func (r Recording) Late() bool { return r.ImportDelay() > ImportWithin }

// FutureCapture reports a capture time after the import: the device's clock is wrong (set a
// clock offset for it).
func (r Recording) FutureCapture() bool { return r.ImportDelay() < -5*time.Minute }

// Title is a short human name for lists and the audit log.
func (r Recording) Title() string {
	if r.FileName != "" {
		return r.FileName
	}
	return fmt.Sprintf("音像记录 %d", r.ID)
}

// DefaultRetainUntil is the first day a recording imported at imported may be deleted,
// keeping it months (at least MinRetentionMonths) months.
func DefaultRetainUntil(imported time.Time, months int) Date {
	months = max(months, MinRetentionMonths)
	return DateOf(DateOf(imported).Time(time.UTC).AddDate(0, months, 0))
}

// RetentionLabel describes the retention for screens: 永久 or 保存至 YYYY-MM-DD.
func (r Recording) RetentionLabel() string {
	if r.Permanent {
		return "永久"
	}
	if r.RetainUntil.IsZero() {
		return "—"
	}
	return "保存至 " + r.RetainUntil.String()
}

// RecordingLabels are the labels one assignment sets, on one recording or on many at once.
type RecordingLabels struct {
	CaseID      uint64
	Stage       Stage
	Place       string
	CollectorID uint64
	Collector   string
	Proves      string
	Important   bool
	Evidence    bool
}

// Validate checks the labels a person typed.
func (l RecordingLabels) Validate() error {
	if l.CaseID != 0 && !l.Stage.Valid() {
		return Errorf(EINVALID, "请选择这段音像记录所属的“环节”（例如现场检查、调查取证）。")
	}
	if l.Stage != "" && !l.Stage.Valid() {
		return Errorf(EINVALID, "环节“%s”不认识。", l.Stage)
	}
	for _, f := range []struct {
		name, value string
		max         int
	}{{"采集地点", l.Place, 100}, {"采集人", l.Collector, 50}, {"证明对象", l.Proves, 500}} {
		if utf8.RuneCountInString(f.value) > f.max {
			return Errorf(EINVALID, "“%s”最多 %d 个字，现在有 %d 个字。", f.name, f.max, utf8.RuneCountInString(f.value))
		}
		if strings.ContainsAny(f.value, "\x00\r") {
			return Errorf(EINVALID, "“%s”里有无法保存的控制字符，请重新输入。", f.name)
		}
	}
	if l.Evidence && l.CaseID == 0 {
		return Errorf(EINVALID, "只有关联到案件的音像记录才能作为证据，请先选择案件。")
	}
	return nil
}

// Labels returns the recording's current labels.
func (r Recording) Labels() RecordingLabels {
	return RecordingLabels{CaseID: r.CaseID, Stage: r.Stage, Place: r.Place, CollectorID: r.CollectorID,
		Collector: r.Collector, Proves: r.Proves, Important: r.Important, Evidence: r.Evidence}
}

// WithLabels returns the recording labelled with l. Marking it 重要 or using it as evidence
// makes its retention permanent, and permanent stays permanent whatever is changed later
// (retention is lengthened, never shortened).
func (r Recording) WithLabels(l RecordingLabels) (Recording, error) {
	if err := l.Validate(); err != nil {
		return r, err
	}
	if r.Deleted {
		return r, Errorf(ECONFLICT, "音像记录“%s”已被删除，不能再标注。", r.Title())
	}
	if r.Evidence && !l.Evidence && r.CaseID != 0 {
		return r, Errorf(EFORBIDDEN, "音像记录“%s”已作为证据使用，不能取消证据标记或与案件解除关联；如果关联错了案件，可以改到正确的案件。", r.Title())
	}
	r.CaseID, r.Stage, r.Place = l.CaseID, l.Stage, strings.TrimSpace(l.Place)
	r.CollectorID, r.Collector, r.Proves = l.CollectorID, strings.TrimSpace(l.Collector), strings.TrimSpace(l.Proves)
	r.Important, r.Evidence = l.Important, l.Evidence
	if r.CaseID == 0 {
		r.Stage = ""
	}
	if r.Important || r.Evidence {
		r.Permanent = true
	}
	return r, nil
}

// ExtendRetention keeps the recording until the given day. Retention can only be
// lengthened: an earlier day, or any day for a permanent recording, is refused.
func (r Recording) ExtendRetention(until Date) (Recording, error) {
	if !until.Valid() {
		return r, Errorf(EINVALID, "请填写有效的保存期限日期。")
	}
	if r.Permanent {
		return r, Errorf(ECONFLICT, "音像记录“%s”已永久保存，无需再延长。", r.Title())
	}
	if !until.After(r.RetainUntil) {
		return r, Errorf(EINVALID, "保存期限只能延长，不能缩短：“%s”现在保存至 %s，新的日期必须晚于它。", r.Title(), r.RetainUntil)
	}
	r.RetainUntil = until
	return r, nil
}

// MakePermanent keeps the recording for ever (enforcement obstructed, a major incident).
func (r Recording) MakePermanent() Recording {
	r.Permanent = true
	return r
}

// CanDelete says whether the recording may be deleted on day: never when it is evidence,
// attached to a case or permanent; only after its retention has passed.
func (r Recording) CanDelete(day Date) error {
	switch {
	case r.Deleted:
		return Errorf(ECONFLICT, "音像记录“%s”已经删除。", r.Title())
	case r.Evidence:
		return Errorf(EFORBIDDEN, "音像记录“%s”是案件证据，永远不能删除。", r.Title())
	case r.CaseID != 0:
		return Errorf(EFORBIDDEN, "音像记录“%s”已关联案件，不能删除；只有未关联案件的记录过了保存期限才能删除。", r.Title())
	case r.Permanent:
		return Errorf(EFORBIDDEN, "音像记录“%s”为永久保存（重要或证据），不能删除。", r.Title())
	case r.RetainUntil.IsZero() || day.Before(r.RetainUntil):
		return Errorf(EFORBIDDEN, "音像记录“%s”还在保存期限内（保存至 %s），期满后才能删除。", r.Title(), r.RetainUntil)
	}
	return nil
}

// Delete marks the recording deleted by actor at now for reason, after checking CanDelete.
func (r Recording) Delete(actor string, now time.Time, reason string) (Recording, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return r, Errorf(EINVALID, "删除音像记录必须填写原因。")
	}
	if utf8.RuneCountInString(reason) > 200 {
		return r, Errorf(EINVALID, "删除原因最多 200 个字。")
	}
	if err := r.CanDelete(DateOf(now)); err != nil {
		return r, err
	}
	r.Deleted, r.DeletedAt, r.DeletedBy, r.DeleteReason = true, now, actor, reason
	return r, nil
}

// MustRecordStages returns the stages of case c whose whole process must be recorded on
// audio-video (the 音像记录事项清单). When the case's matter has a list entry (matter not
// nil, RecordingStages not empty), that entry decides. Otherwise the national defaults
// apply (DOMAIN.md §2.2):
//   - 行政强制 cases: the on-site measure (查封、扣押) and the execution (强制执行、强制拆除);
//   - any case whose matter is 查封/扣押 (on site) or 拆除 (execution);
//   - 听证, whenever a case holds one;
//   - 送达, when service was 留置送达 or 公告送达 (as its note says).
//
// Only stages on the case's path are returned.
func MustRecordStages(c Case, matter *Matter) []Stage {
	var want []Stage
	if matter != nil && len(matter.RecordingStages) > 0 {
		want = append(want, matter.RecordingStages...)
	} else {
		if c.Type == ActCoercion {
			want = append(want, StageOnSite, StageExecute)
		}
		if strings.Contains(c.MatterName, "查封") || strings.Contains(c.MatterName, "扣押") {
			want = append(want, StageOnSite)
		}
		if strings.Contains(c.MatterName, "拆除") {
			want = append(want, StageExecute)
		}
		want = append(want, StageHearing)
		if r, ok := c.Completed(StageServe); ok && (strings.Contains(r.Note, "留置") || strings.Contains(r.Note, "公告送达")) {
			want = append(want, StageServe)
		}
	}
	var out []Stage
	for _, s := range AllStages {
		for _, w := range want {
			if w == s && c.OnPath(s) {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

// RecordingDue reports whether stage of case c has happened, so its recording is due: the
// stage is completed, or it is the stage in progress.
func RecordingDue(c Case, stage Stage) bool {
	if c.Stage == stage {
		return true
	}
	_, done := c.Completed(stage)
	return done
}

// Permissions of audio-video records.
var (
	PermImportRecording = NewPermission("recording.import", RoleOfficer, RoleHead, RoleAdmin)
	PermLabelRecording  = NewPermission("recording.label", RoleOfficer, RoleHead, RoleAdmin)
	PermViewRecording   = NewPermission("recording.view", RoleOfficer, RoleReviewer, RoleHead, RoleAdmin)
	PermDeleteRecording = NewPermission("recording.delete", RoleAdmin)
	PermMediaSettings   = NewPermission("recording.settings", RoleAdmin)
)
