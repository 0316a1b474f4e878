package recording

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"lawdesk/internal/domain"
	"lawdesk/internal/media"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// List returns the recordings matching f (see store.RecordingFilter) that sess may see.
func (s *Service) List(sess office.Session, f store.RecordingFilter) ([]domain.Recording, error) {
	if err := domain.Require(sess.User, domain.PermViewRecording, "查看音像记录"); err != nil {
		return nil, err
	}
	all, err := s.st.Recordings(f)
	if err != nil || domain.SeesAllCases(sess.User) {
		return all, err
	}
	seen := map[uint64]bool{}
	out := all[:0]
	for _, r := range all {
		if s.maySee(sess, r, seen) {
			out = append(out, r)
		}
	}
	return out, nil
}

// Get returns one recording sess may see.
func (s *Service) Get(sess office.Session, id uint64) (domain.Recording, error) {
	if err := domain.Require(sess.User, domain.PermViewRecording, "查看音像记录"); err != nil {
		return domain.Recording{}, err
	}
	r, err := s.st.Recording(id)
	if err == nil && !s.maySee(sess, r, nil) {
		err = domain.Errorf(domain.EFORBIDDEN, "音像记录“%s”属于您没有承办的案件，不能查看。", r.Title())
	}
	return r, err
}

// maySee applies the cases' rule to recordings: the head, reviewers and admins see all;
// an officer sees what is not yet assigned, what they imported, and the recordings of the
// cases they are assigned to. cases caches the case checks of one listing (may be nil).
func (s *Service) maySee(sess office.Session, r domain.Recording, cases map[uint64]bool) bool {
	if domain.SeesAllCases(sess.User) || r.CaseID == 0 || r.ImportedBy == sess.User.Name {
		return true
	}
	if ok, known := cases[r.CaseID]; known {
		return ok
	}
	c, err := s.st.Case(r.CaseID)
	ok := err == nil && c.MaySee(sess.User)
	if cases != nil {
		cases[r.CaseID] = ok
	}
	return ok
}

// Assign sets labels on one or many recordings at once (e.g. everything one officer
// recorded in a morning goes to one case and stage). Fields of l that are empty keep each
// recording's own value, except the case and stage, which are always set. All or none are
// changed, each change in the audit chain.
func (s *Service) Assign(sess office.Session, ids []uint64, l domain.RecordingLabels) ([]domain.Recording, error) {
	return s.label(sess, ids, l, true)
}

// LabelKeepingCases sets the other labels of many recordings (place, collector, what they
// prove, 重要, evidence) and leaves each one's case and stage as they are.
func (s *Service) LabelKeepingCases(sess office.Session, ids []uint64, l domain.RecordingLabels) ([]domain.Recording, error) {
	return s.label(sess, ids, l, false)
}

func (s *Service) label(sess office.Session, ids []uint64, l domain.RecordingLabels, setCase bool) ([]domain.Recording, error) {
	if err := domain.Require(sess.User, domain.PermLabelRecording, "标注音像记录"); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, domain.Errorf(domain.EINVALID, "请先在列表中勾选要标注的音像记录。")
	}
	check := l
	if !setCase {
		check.CaseID, check.Stage, check.Evidence = 0, "", false // each recording keeps its own
	}
	if err := check.Validate(); err != nil {
		return nil, err
	}
	if err := s.checkCaseFor(sess, check.CaseID); err != nil {
		return nil, err
	}
	change := func(r domain.Recording) (domain.Recording, error) {
		m := r.Labels()
		if setCase {
			m.CaseID, m.Stage = l.CaseID, l.Stage
		}
		if l.Place != "" {
			m.Place = l.Place
		}
		if l.Proves != "" {
			m.Proves = l.Proves
		}
		if l.Collector != "" || l.CollectorID != 0 {
			m.Collector, m.CollectorID = l.Collector, l.CollectorID
		}
		m.Important = m.Important || l.Important
		m.Evidence = m.Evidence || l.Evidence
		out, err := r.WithLabels(m)
		if err != nil && domain.ErrorCode(err) == domain.EINVALID {
			return r, domain.Wrap(err, domain.EINVALID, "音像记录“%s”：%s", r.Title(), domain.ErrorMessage(err))
		}
		return out, err
	}
	return s.st.UpdateRecordings(store.Change{Actor: sess.Actor()}, "recording.label", ids, change, s.describeLabels)
}

// Relabel replaces all labels of one recording with l (the edit form of one recording).
func (s *Service) Relabel(sess office.Session, id uint64, l domain.RecordingLabels) (domain.Recording, error) {
	if err := domain.Require(sess.User, domain.PermLabelRecording, "标注音像记录"); err != nil {
		return domain.Recording{}, err
	}
	if err := s.checkCaseFor(sess, l.CaseID); err != nil {
		return domain.Recording{}, err
	}
	out, err := s.st.UpdateRecordings(store.Change{Actor: sess.Actor()}, "recording.label", []uint64{id},
		func(r domain.Recording) (domain.Recording, error) { return r.WithLabels(l) }, s.describeLabels)
	if err != nil {
		return domain.Recording{}, err
	}
	return out[0], nil
}

// describeLabels writes one audit line for a labelling change.
func (s *Service) describeLabels(before, after domain.Recording) string {
	var parts []string
	if before.CaseID != after.CaseID {
		parts = append(parts, "案件："+s.caseLabel(before.CaseID)+" → "+s.caseLabel(after.CaseID))
	}
	if before.Stage != after.Stage {
		parts = append(parts, "环节："+after.Stage.Label())
	}
	for _, f := range []struct{ name, a, b string }{
		{"地点", before.Place, after.Place}, {"采集人", before.Collector, after.Collector}, {"证明对象", before.Proves, after.Proves},
	} {
		if f.a != f.b {
			parts = append(parts, f.name+"："+f.b)
		}
	}
	if before.Important != after.Important {
		parts = append(parts, map[bool]string{true: "标为重要", false: "改为一般"}[after.Important])
	}
	if before.Evidence != after.Evidence {
		parts = append(parts, map[bool]string{true: "作为证据", false: "不再作为证据"}[after.Evidence])
	}
	if !before.Permanent && after.Permanent {
		parts = append(parts, "改为永久保存")
	}
	if len(parts) == 0 {
		parts = append(parts, "内容未变")
	}
	return "标注音像记录 " + after.FileName + "：" + strings.Join(parts, "；")
}

// SetLateReason records why recordings reached the office more than 24 hours after they
// were made (the dashboard asks for it).
func (s *Service) SetLateReason(sess office.Session, ids []uint64, reason string) error {
	if err := domain.Require(sess.User, domain.PermLabelRecording, "说明超时原因"); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return domain.Errorf(domain.EINVALID, "请填写超过 24 小时才导入的原因（例如：外出执法两天，无法返回单位）。")
	}
	if utf8.RuneCountInString(reason) > 200 {
		return domain.Errorf(domain.EINVALID, "超时原因最多 200 个字。")
	}
	_, err := s.st.UpdateRecordings(store.Change{Actor: sess.Actor()}, "recording.late_reason", ids,
		func(r domain.Recording) (domain.Recording, error) {
			if !r.Late() {
				return r, domain.Errorf(domain.EINVALID, "音像记录“%s”是在 24 小时内导入的，不需要说明原因。", r.Title())
			}
			r.LateReason = reason
			return r, nil
		},
		func(_, r domain.Recording) string { return "说明超时导入原因 " + r.FileName + "：" + reason })
	return err
}

// ExtendRetention lengthens the retention of recordings to until (never shortens).
func (s *Service) ExtendRetention(sess office.Session, ids []uint64, until domain.Date, reason string) error {
	if err := domain.Require(sess.User, domain.PermLabelRecording, "延长保存期限"); err != nil {
		return err
	}
	_, err := s.st.UpdateRecordings(store.Change{Actor: sess.Actor(), Reason: strings.TrimSpace(reason)}, "recording.retention", ids,
		func(r domain.Recording) (domain.Recording, error) { return r.ExtendRetention(until) },
		func(b, a domain.Recording) string {
			return fmt.Sprintf("延长音像记录 %s 的保存期限：%s → %s", a.FileName, b.RetainUntil, a.RetainUntil)
		})
	return err
}

// MakePermanent keeps recordings for ever (执法受阻, 重大事件), with a reason.
func (s *Service) MakePermanent(sess office.Session, ids []uint64, reason string) error {
	if err := domain.Require(sess.User, domain.PermLabelRecording, "设为永久保存"); err != nil {
		return err
	}
	if strings.TrimSpace(reason) == "" {
		return domain.Errorf(domain.EINVALID, "请填写永久保存的原因（例如：执法受阻、重大事件）。")
	}
	_, err := s.st.UpdateRecordings(store.Change{Actor: sess.Actor(), Reason: strings.TrimSpace(reason)}, "recording.retention", ids,
		func(r domain.Recording) (domain.Recording, error) { return r.MakePermanent(), nil },
		func(_, a domain.Recording) string { return "音像记录 " + a.FileName + " 改为永久保存" })
	return err
}

// Delete removes a recording that is unattached and past its retention (admins only,
// with a reason). The record stays as a tombstone; its file is removed from the store.
// Evidence and anything attached to a case is never deleted.
func (s *Service) Delete(sess office.Session, id uint64, reason string) error {
	if err := domain.Require(sess.User, domain.PermDeleteRecording, "删除音像记录"); err != nil {
		return err
	}
	r, removeBlob, err := s.st.DeleteRecording(store.Change{Actor: sess.Actor(), Reason: strings.TrimSpace(reason)}, id)
	if err != nil {
		return err
	}
	if removeBlob {
		if err := os.Remove(s.st.Blobs().Path(r.SHA256)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return domain.Wrap(err, domain.EINTERNAL, "记录已删除，但文件没能从存储中移除；下次启动 LawDesk 时会再次移除。")
		}
	}
	return nil
}

// Deletable lists unattached recordings whose retention has passed (for the admin's
// clean-up list).
func (s *Service) Deletable(sess office.Session) ([]domain.Recording, error) {
	if err := domain.Require(sess.User, domain.PermDeleteRecording, "清理过期音像记录"); err != nil {
		return nil, err
	}
	all, err := s.st.Recordings(store.RecordingFilter{Unassigned: true})
	if err != nil {
		return nil, err
	}
	today := domain.DateOf(s.now())
	var out []domain.Recording
	for _, r := range all {
		if r.CanDelete(today) == nil {
			out = append(out, r)
		}
	}
	return out, nil
}

// Play prepares a recording for the system's player and logs the access (调阅): it
// returns a path that carries the original file name and extension, so the player knows
// the format. The path is a hard link to the stored file inside the data directory
// (blobs/tmp, emptied at the next start); purpose is recorded when given.
func (s *Service) Play(sess office.Session, id uint64, purpose string) (string, error) {
	if err := domain.Require(sess.User, domain.PermViewRecording, "播放音像记录"); err != nil {
		return "", err
	}
	r, err := s.Get(sess, id)
	if err != nil {
		return "", err
	}
	if r.Deleted {
		return "", domain.Errorf(domain.ENOTFOUND, "音像记录“%s”已于 %s 删除，无法播放。", r.Title(), r.DeletedAt.Local().Format("2006-01-02"))
	}
	src := s.st.Blobs().Path(r.SHA256)
	if !s.st.Blobs().Has(r.SHA256) {
		return "", domain.Errorf(domain.ENOTFOUND, "文件存储中缺少音像记录“%s”的文件。请运行“校验”检查数据完整性，并从备份恢复。", r.Title())
	}
	dir := filepath.Join(s.st.Blobs().Dir(), "tmp", fmt.Sprintf("play-%d", r.ID))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", domain.Wrap(err, domain.EINTERNAL, "无法准备播放文件，请检查磁盘。")
	}
	path := filepath.Join(dir, safeName(r.FileName, r.Format))
	if _, err := os.Stat(path); err != nil {
		if err := os.Link(src, path); err != nil {
			if err := copyFile(src, path); err != nil {
				return "", domain.Wrap(err, domain.EINTERNAL, "无法准备播放文件，请检查磁盘空间。")
			}
		}
	}
	summary := "播放音像记录 " + r.FileName
	if r.CaseID != 0 {
		summary += "（" + s.caseLabel(r.CaseID) + "）"
	}
	if p := strings.TrimSpace(purpose); p != "" {
		summary += "，事由：" + p
	}
	if err := s.st.LogAccess(sess.Actor(), "record.recording.play", fmt.Sprintf("recording:%d", r.ID), summary); err != nil {
		return "", err
	}
	return path, nil
}

// safeName keeps a file name usable on every system (it came from a camera).
func safeName(name, format string) string {
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, filepath.Base(name))
	if name == "" || name == "." || name == ".." {
		name = "recording." + format
	}
	return name
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	return out.Close()
}

// Thumbnail draws a small picture of a stored recording: photos are shrunk, videos show a
// frame at 1 s when ffmpeg is installed (else media.ErrNoFFmpeg: draw a video icon with
// the duration), sound has none (ENOTFOUND).
func (s *Service) Thumbnail(ctx context.Context, r domain.Recording, maxSide int) (image.Image, error) {
	return thumbnail(ctx, s.st.Blobs().Path(r.SHA256), r.Kind, maxSide)
}

// CandidateThumbnail draws a small picture of a file on the camera before import.
func CandidateThumbnail(ctx context.Context, c Candidate, maxSide int) (image.Image, error) {
	if c.Problem != "" {
		return nil, domain.Errorf(domain.EINVALID, "%s", c.Problem)
	}
	return thumbnail(ctx, c.Path, c.Kind, maxSide)
}

func thumbnail(ctx context.Context, path string, kind domain.RecordingKind, maxSide int) (image.Image, error) {
	switch kind {
	case domain.RecordingPhoto:
		f, err := os.Open(path)
		if err != nil {
			return nil, domain.Wrap(err, domain.ENOTFOUND, "找不到照片文件。")
		}
		defer f.Close()
		return media.PhotoThumbnail(f, maxSide)
	case domain.RecordingVideo:
		return media.VideoThumbnail(ctx, path, maxSide)
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "录音没有画面。")
}
