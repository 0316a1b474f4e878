package domain

import "strings"

// Stage is a step of an enforcement procedure that leaves documents (DOMAIN.md §2.1).
type Stage string

const (
	StageAccept      Stage = "accept"      // 受理/案件来源登记
	StageOnSite      Stage = "onsite"      // 现场检查
	StageFile        Stage = "file"        // 立案
	StageInvestigate Stage = "investigate" // 调查取证
	StageExamine     Stage = "examine"     // 审查（案件审核）
	StageNotify      Stage = "notify"      // 告知（陈述申辩）
	StageHearing     Stage = "hearing"     // 听证
	StageDecide      Stage = "decide"      // 决定
	StageServe       Stage = "serve"       // 送达
	StageExecute     Stage = "execute"     // 执行
	StageClose       Stage = "close"       // 结案
	StageArchive     Stage = "archive"     // 归档
)

// AllStages lists the stages in procedural order.
var AllStages = []Stage{StageAccept, StageOnSite, StageFile, StageInvestigate, StageExamine,
	StageNotify, StageHearing, StageDecide, StageServe, StageExecute, StageClose, StageArchive}

var stageLabels = map[Stage]string{
	StageAccept:      "受理登记",
	StageOnSite:      "现场检查",
	StageFile:        "立案",
	StageInvestigate: "调查取证",
	StageExamine:     "案件审核",
	StageNotify:      "告知",
	StageHearing:     "听证",
	StageDecide:      "决定",
	StageServe:       "送达",
	StageExecute:     "执行",
	StageClose:       "结案",
	StageArchive:     "归档",
}

// Label is the stage's Chinese name.
func (s Stage) Label() string {
	if l, ok := stageLabels[s]; ok {
		return l
	}
	return string(s)
}

// Valid reports whether s is a known stage.
func (s Stage) Valid() bool { _, ok := stageLabels[s]; return ok }

// Index is the stage's position in AllStages, -1 when unknown.
func (s Stage) Index() int {
	for i, x := range AllStages {
		if x == s {
			return i
		}
	}
	return -1
}

// ParseStage accepts a stage's code or Chinese name (also 受理, 案件来源登记, 审查, 陈述申辩).
func ParseStage(s string) (Stage, error) {
	s = strings.TrimSpace(s)
	aliases := map[string]Stage{"受理": StageAccept, "案件来源登记": StageAccept, "审查": StageExamine,
		"陈述申辩": StageNotify, "调查": StageInvestigate, "取证": StageInvestigate}
	if st, ok := aliases[s]; ok {
		return st, nil
	}
	for _, st := range AllStages {
		if s == string(st) || s == st.Label() {
			return st, nil
		}
	}
	return "", Errorf(EINVALID, "环节“%s”不认识。可填：受理登记、现场检查、立案、调查取证、案件审核、告知、听证、决定、送达、执行、结案、归档。", s)
}

// StageLabels joins the Chinese names of stages with 、.
func StageLabels(stages []Stage) string {
	labels := make([]string, len(stages))
	for i, s := range stages {
		labels[i] = s.Label()
	}
	return strings.Join(labels, "、")
}
