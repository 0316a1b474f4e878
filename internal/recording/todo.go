package recording

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// unassignedGrace is how long a recording may wait for its case before the dashboard asks.
const unassignedGrace = 3 * 24 * time.Hour

// lateLookback bounds how far back the dashboard asks for late-import reasons.
const lateLookback = 180 * 24 * time.Hour

// Todos lists what audio-video records need, for the dashboard: reasons for late imports,
// recordings waiting for their case, devices whose clock looks wrong and, for admins,
// recordings past retention that may be cleaned up. Officers see their own imports; the
// head and admins see the whole office.
func (s *Service) Todos(sess office.Session) ([]domain.Todo, error) {
	u := sess.User
	if !domain.Allowed(u.Roles, domain.PermImportRecording) && !domain.Allowed(u.Roles, domain.PermDeleteRecording) {
		return nil, nil
	}
	office := slices.Contains(u.Roles, domain.RoleHead) || slices.Contains(u.Roles, domain.RoleAdmin)
	// Only the recordings the dashboard can ask about are read, from their indexes: those
	// not yet assigned to a case, and those late without a reason or with a wrong clock.
	// An office with years of footage has few of either.
	unassignedAll, err := s.st.Recordings(store.RecordingFilter{Unassigned: true})
	if err != nil {
		return nil, err
	}
	now := s.now()
	recentLate, err := s.st.RecordingsLateSince(now.Add(-lateLookback))
	if err != nil {
		return nil, err
	}
	wrongClock, err := s.st.RecordingsFutureCapture()
	if err != nil {
		return nil, err
	}
	seen := map[uint64]bool{}
	attention := slices.DeleteFunc(append(recentLate, wrongClock...), func(r domain.Recording) bool {
		dup := seen[r.ID]
		seen[r.ID] = true
		return dup
	})
	slices.SortStableFunc(attention, func(a, b domain.Recording) int { return sortTime(a).Compare(sortTime(b)) })
	var late, unassigned []domain.Recording
	clockDevices := map[string]bool{}
	future := 0
	for _, r := range unassignedAll {
		if (office || r.ImportedBy == u.Name) && now.Sub(r.Imported) > unassignedGrace {
			unassigned = append(unassigned, r)
		}
	}
	for _, r := range attention {
		if !office && r.ImportedBy != u.Name {
			continue
		}
		if r.Late() && r.LateReason == "" && now.Sub(r.Imported) < lateLookback {
			late = append(late, r)
		}
		if r.FutureCapture() {
			future++
			if r.Device != "" {
				clockDevices[r.Device] = true
			}
		}
	}
	owner := u.Name
	if office {
		owner = ""
	}
	var out []domain.Todo
	if len(late) > 0 {
		// the importer must explain (overdue); the head and admins supervise (a note)
		severity := domain.SeverityOverdue
		if office {
			severity = domain.SeverityInfo
		}
		out = append(out, domain.Todo{Kind: "音像记录", Severity: severity, Owner: owner, Target: "media:late",
			Title:  fmt.Sprintf("%d 段音像记录超过 24 小时才导入，请说明原因", len(late)),
			Detail: "音像记录应在拍摄后 24 小时内存入单位系统。" + examples(late)})
	}
	if len(unassigned) > 0 {
		out = append(out, domain.Todo{Kind: "音像记录", Severity: domain.SeverityDueSoon, Owner: owner, Target: "media:unassigned",
			Title:  fmt.Sprintf("%d 段音像记录尚未关联案件", len(unassigned)),
			Detail: "请标注案件、环节、地点、采集人和证明对象。" + examples(unassigned)})
	}
	if office && future > 0 {
		devs := make([]string, 0, len(clockDevices))
		for d := range clockDevices {
			devs = append(devs, d)
		}
		slices.Sort(devs)
		title := fmt.Sprintf("%d 段音像记录的拍摄时间晚于导入时间，设备时钟可能不准", future)
		if len(devs) > 0 {
			title += "（" + strings.Join(devs, "、") + "）"
		}
		out = append(out, domain.Todo{Kind: "音像记录", Severity: domain.SeverityInfo, Target: "settings:media", Title: title,
			Detail: "请校准执法记录仪的时钟，或在“系统设置 → 音像导入”中为该设备填写时钟偏差。"})
	}
	missing, err := s.missingTodos(sess)
	if err != nil {
		return nil, err
	}
	out = append(out, missing...)
	if domain.Allowed(u.Roles, domain.PermDeleteRecording) {
		today := domain.DateOf(now)
		n := 0
		for _, r := range unassignedAll { // only recordings without a case may ever be deleted
			if r.CanDelete(today) == nil {
				n++
			}
		}
		if n > 0 {
			out = append(out, domain.Todo{Kind: "音像记录", Severity: domain.SeverityInfo, Target: "media:expired",
				Title:  fmt.Sprintf("%d 段未关联案件的音像记录已过保存期限", n),
				Detail: "可以由管理员填写原因后删除，以释放磁盘空间；不删除也没有问题。"})
		}
	}
	return out, nil
}

// examples names the first few recordings of a list.
func examples(rs []domain.Recording) string {
	var names []string
	for _, r := range rs[:min(len(rs), 3)] {
		names = append(names, r.FileName)
	}
	more := ""
	if len(rs) > 3 {
		more = " 等"
	}
	return "如：" + strings.Join(names, "、") + more + "。"
}

// Stats counts recordings imported in [from, to) for the statistics screen.
type Stats struct {
	Total, Videos, Photos, Audio int
	Bytes                        int64
	Late                         int // imported more than 24 hours after capture
	LateExplained                int // of which a reason was given
	Unassigned                   int // not yet attached to a case
	Evidence                     int
	Deleted                      int // deleted since (tombstones), counted by import time
}

// Stats counts the recordings imported between from and to (zero times: no bound).
func (s *Service) Stats(sess office.Session, from, to time.Time) (Stats, error) {
	var st Stats
	if err := domain.Require(sess.User, domain.PermViewRecording, "查看音像记录统计"); err != nil {
		return st, err
	}
	all, err := s.st.Recordings(store.RecordingFilter{Deleted: true})
	if err != nil {
		return st, err
	}
	for _, r := range all {
		if !from.IsZero() && r.Imported.Before(from) || !to.IsZero() && !r.Imported.Before(to) {
			continue
		}
		st.Total++
		if r.Deleted {
			st.Deleted++
		}
		switch r.Kind {
		case domain.RecordingVideo:
			st.Videos++
		case domain.RecordingPhoto:
			st.Photos++
		case domain.RecordingAudio:
			st.Audio++
		}
		st.Bytes += r.Size
		if r.Late() {
			st.Late++
			if r.LateReason != "" {
				st.LateExplained++
			}
		}
		if r.CaseID == 0 && !r.Deleted {
			st.Unassigned++
		}
		if r.Evidence {
			st.Evidence++
		}
	}
	return st, nil
}

// sortTime is when a recording was made, or imported when that is unknown: the order the
// dashboard's examples are named in, as the store lists recordings.
func sortTime(r domain.Recording) time.Time {
	if r.Captured.IsZero() {
		return r.Imported
	}
	return r.Captured
}
