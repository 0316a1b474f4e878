// Package recording owns the office's audio-video records (音像记录, DOMAIN.md §2.2): it
// imports footage, photos and sound from body cameras and folders into the blob store
// (safely: the source is only read, a half-written file is skipped, a cancelled or killed
// import leaves nothing partial and can simply be run again), labels recordings with case,
// stage, place, collector and what they prove, and keeps the rules: the 24-hour rule, the
// must-record stages of a case, retention (at least 6 months, permanent for evidence and
// important recordings) and admin-only deletion.
//
// The split with internal/record: record owns cases, their stages and text documents;
// this package owns recordings and only refers to a case by its ID. The cases screens ask
// this package what a case has and lacks (Service.ForCase, Service.MissingStages), and
// this package asks record nothing it could not get from the store, so each can change
// without the other.
package recording

import (
	"fmt"
	"log"
	"os"
	"slices"
	"strings"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/media"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// Service is the audio-video records service over one store.
type Service struct {
	st *store.Store
}

// New returns the service. It also finishes a deletion a crash interrupted (the record
// says deleted but the file is still there).
func New(st *store.Store) *Service {
	s := &Service{st: st}
	if shas, err := st.DeletedRecordingBlobs(); err == nil {
		for _, sha := range shas {
			if st.Blobs().Has(sha) {
				if err := os.Remove(st.Blobs().Path(sha)); err != nil {
					log.Printf("recording: removing the file of a deleted recording: %v", err)
				}
			}
		}
	}
	return s
}

// Settings are the office's import settings (系统设置 → 音像导入).
type Settings struct {
	// Patterns are the office's own file-name patterns, tried before the built-in ones.
	Patterns []PatternSetting `json:"patterns,omitempty"`
	// ClockOffsets says, per device number, how far that device's clock runs ahead of the
	// true time (negative when it runs behind); it is subtracted from capture times.
	ClockOffsets map[string]time.Duration `json:"clock_offsets,omitempty"`
	// RetentionMonths is how long an unattached recording is kept (at least 6).
	RetentionMonths int `json:"retention_months,omitempty"`
}

// PatternSetting is one file-name pattern as the office typed it.
type PatternSetting struct {
	Name   string `json:"name"`
	Source string `json:"source"`           // a template such as DCAM_{device}_{officer}_{date}_{time}[_{flag}]*
	Regexp bool   `json:"regexp,omitempty"` // Source is a regular expression with named groups
}

const settingsKey = "media.import"

// Settings returns the office's import settings (defaults when never saved).
func (s *Service) Settings() (Settings, error) {
	var set Settings
	_, err := s.st.Setting(settingsKey, &set)
	if set.RetentionMonths < domain.MinRetentionMonths {
		set.RetentionMonths = domain.MinRetentionMonths
	}
	return set, err
}

// SaveSettings checks and stores the import settings (admins only).
func (s *Service) SaveSettings(sess office.Session, set Settings) error {
	if err := domain.Require(sess.User, domain.PermMediaSettings, "修改音像导入设置"); err != nil {
		return err
	}
	if set.RetentionMonths < domain.MinRetentionMonths {
		return domain.Errorf(domain.EINVALID, "“保存期限”至少 %d 个月（执法全过程记录制度的最低要求）。", domain.MinRetentionMonths)
	}
	if set.RetentionMonths > 1200 {
		return domain.Errorf(domain.EINVALID, "“保存期限”最多 1200 个月；需要永久保存的请标为重要或作为证据。")
	}
	if _, err := compilePatterns(set.Patterns); err != nil {
		return err
	}
	for dev, off := range set.ClockOffsets {
		if strings.TrimSpace(dev) == "" || strings.TrimSpace(dev) != dev {
			return domain.Errorf(domain.EINVALID, "时钟校正里的设备编号“%s”不能为空，前后也不能有空格。", dev)
		}
		if off > maxClockOffset || off < -maxClockOffset {
			return domain.Errorf(domain.EINVALID, "设备 %s 的时钟偏差超过一年，请检查填写是否正确。", dev)
		}
	}
	summary := fmt.Sprintf("修改音像导入设置：文件名规则 %d 条，时钟校正 %d 台设备，保存期限 %d 个月",
		len(set.Patterns), len(set.ClockOffsets), set.RetentionMonths)
	return s.st.SaveSetting(sess.Actor(), settingsKey, set, summary)
}

// compilePatterns turns the office's patterns into media patterns, followed by the
// built-in ones. An error names the pattern that cannot be used.
func compilePatterns(ps []PatternSetting) ([]media.NamePattern, error) {
	var out []media.NamePattern
	seen := map[string]bool{}
	for i, p := range ps {
		name := strings.TrimSpace(p.Name)
		if name == "" {
			name = fmt.Sprintf("自定义规则 %d", i+1)
		}
		if seen[name] {
			return nil, domain.Errorf(domain.EINVALID, "文件名规则的名称“%s”重复了，请换一个名称。", name)
		}
		seen[name] = true
		if strings.TrimSpace(p.Source) == "" {
			return nil, domain.Errorf(domain.EINVALID, "文件名规则“%s”没有填写模板。", name)
		}
		var np media.NamePattern
		var err error
		if p.Regexp {
			np, err = media.NewNameRegexp(name, p.Source)
		} else {
			np, err = media.NewNamePattern(name, p.Source)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, np)
	}
	return append(out, media.DefaultNamePatterns()...), nil
}

// DescribeName says which pattern recognises a file name and what it reads from it,
// trying patterns (the office's, as typed in the settings, maybe not saved yet) and then
// the built-in ones. An error names a pattern that cannot be used.
func DescribeName(patterns []PatternSetting, name string) (media.NameInfo, bool, error) {
	ps, err := compilePatterns(patterns)
	if err != nil {
		return media.NameInfo{}, false, err
	}
	info, ok := media.ParseName(name, ps)
	return info, ok, nil
}

// BuiltinPatterns lists the built-in file-name patterns (name and template), tried after
// the office's own.
func BuiltinPatterns() []PatternSetting {
	var out []PatternSetting
	for _, p := range media.DefaultNamePatterns() {
		out = append(out, PatternSetting{Name: p.Name, Source: p.Source})
	}
	return out
}

// DevicesSeen lists the device numbers of stored recordings, for the clock-offset table.
func (s *Service) DevicesSeen() ([]string, error) {
	recs, err := s.st.Recordings(store.RecordingFilter{})
	if err != nil {
		return nil, err
	}
	var out []string
	for _, r := range recs {
		if r.Device != "" && !slices.Contains(out, r.Device) {
			out = append(out, r.Device)
		}
	}
	slices.Sort(out)
	return out, nil
}

// now is the store's clock.
func (s *Service) now() time.Time { return s.st.Now() }
