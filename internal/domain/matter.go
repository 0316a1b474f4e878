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
	// BenchmarkCodes link the matter to entries of the 裁量基准 (by their 编号).
	BenchmarkCodes []string
	Note           string // 备注
}

// Validate checks the fields a clerk types or imports. Errors name their field.
func (m Matter) Validate() error {
	if strings.TrimSpace(m.Name) == "" {
		return FieldErrorf("name", "请填写“事项名称”。")
	}
	if utf8.RuneCountInString(m.Name) > 200 {
		return FieldErrorf("name", "“事项名称”最多 200 个字。")
	}
	if !m.Type.Valid() {
		return FieldErrorf("type", "请为事项“%s”选择“事项类别”。", m.Name)
	}
	if strings.TrimSpace(m.LegalBasis) == "" {
		return FieldErrorf("basis", "请填写事项“%s”的“实施依据”（法律法规名称和条款）。", m.Name)
	}
	for _, s := range m.RecordingStages {
		if !s.Valid() {
			return FieldErrorf("recording", "事项“%s”的音像记录环节“%s”不认识。", m.Name, s)
		}
	}
	if m.Code != "" && !validCode(m.Code) {
		return FieldErrorf("code", "事项编码“%s”格式不对：只能包含数字、字母和“-”，最多 40 位。", m.Code)
	}
	return firstErr(maxLen("basis", "实施依据", m.LegalBasis, 2000), maxLen("benchmark", "裁量基准说明", m.Benchmark, 1000),
		maxLen("unit", "承办机构", m.HandlingUnit, 100), maxLen("time_limit", "办理时限", m.TimeLimit, 100),
		maxLen("note", "备注", m.Note, 500))
}

// validCode accepts list codes such as 330217001000 or SCJG-CF-012.
func validCode(s string) bool {
	if len(s) > 40 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return s != ""
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
