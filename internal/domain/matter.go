package domain

import (
	"strings"
	"unicode/utf8"
)

// Matter is one entry of the 执法事项清单: an enforcement power the office holds, with its
// legal basis and the flags later capabilities use.
type Matter struct {
	ID           uint64
	Code         string  // 事项编码, e.g. 330217001000
	Name         string  // 事项名称
	Type         ActType // 事项类别
	LegalBasis   string  // 实施依据: law and article
	Benchmark    string  // 裁量基准 reference (the discretion benchmark list entry's title)
	HandlingUnit string  // 承办机构
	TimeLimit    string  // 办理时限, e.g. 20个工作日
	// RandomInspection marks a matter that is also on the 随机抽查事项清单.
	RandomInspection bool
	// RecordingStages are the stages that must be recorded on audio-video for this matter
	// (the 音像记录事项清单).
	RecordingStages []Stage
	// AlwaysMajor makes every decision of this matter go to legal review.
	AlwaysMajor bool
	Retired     bool // no longer in force; kept for the record, never deleted
}

// Validate checks the fields a clerk types or imports.
func (m Matter) Validate() error {
	if strings.TrimSpace(m.Name) == "" {
		return Errorf(EINVALID, "请填写“事项名称”。")
	}
	if utf8.RuneCountInString(m.Name) > 200 {
		return Errorf(EINVALID, "“事项名称”最多 200 个字。")
	}
	if !m.Type.Valid() {
		return Errorf(EINVALID, "请为事项“%s”选择“事项类别”。", m.Name)
	}
	if strings.TrimSpace(m.LegalBasis) == "" {
		return Errorf(EINVALID, "请填写事项“%s”的“实施依据”（法律法规名称和条款）。", m.Name)
	}
	for _, s := range m.RecordingStages {
		if !s.Valid() {
			return Errorf(EINVALID, "事项“%s”的音像记录环节“%s”不认识。", m.Name, s)
		}
	}
	return nil
}

// MustRecord reports whether stage must be recorded on audio-video for this matter.
func (m Matter) MustRecord(stage Stage) bool {
	for _, s := range m.RecordingStages {
		if s == stage {
			return true
		}
	}
	return false
}
