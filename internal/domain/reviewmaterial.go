package domain

import "slices"

// The materials a submission for legal review (送审材料) must carry, taken from the case's
// documents by their kind (文书种类 of the document catalogue).

// MaterialSpec is one line of the materials checklist: a material, the document kinds that
// provide it, and the stage that produces it. A required material is required only when its
// stage was completed in the case, so a case reviewed before notification is not asked for
// the notification.
type MaterialSpec struct {
	Name     string
	Types    []string // any document of one of these kinds provides the material
	Stage    Stage
	Required bool
}

// DefaultMaterials lists the submission materials by act type; types not listed need no
// particular material (every document of the case is still listed).
func DefaultMaterials() map[ActType][]MaterialSpec {
	evidence := MaterialSpec{Name: "调查取证材料（现场笔录、询问笔录等）", Types: []string{"现场笔录", "现场检查笔录", "询问笔录",
		"证据登记保存清单", "鉴定意见", "抽样记录", "现场照片"}, Stage: StageInvestigate, Required: true}
	hearing := MaterialSpec{Name: "听证笔录", Types: []string{"听证笔录", "听证报告"}, Stage: StageHearing, Required: true}
	return map[ActType][]MaterialSpec{
		ActPenalty: {
			{Name: "案件来源登记表", Types: []string{"案件来源登记表", "投诉举报登记表"}, Stage: StageAccept},
			{Name: "立案审批表", Types: []string{"立案审批表"}, Stage: StageFile, Required: true},
			evidence,
			{Name: "调查终结报告", Types: []string{"调查终结报告"}, Stage: StageInvestigate, Required: true},
			{Name: "案件审核表", Types: []string{"案件审核表"}, Stage: StageExamine},
			{Name: "行政处罚事先告知书", Types: []string{"行政处罚事先告知书"}, Stage: StageNotify, Required: true},
			{Name: "陈述申辩笔录", Types: []string{"陈述申辩笔录"}, Stage: StageNotify},
			hearing,
		},
		ActLicensing: {
			{Name: "行政许可申请书", Types: []string{"行政许可申请书", "申请材料"}, Stage: StageAccept, Required: true},
			{Name: "现场检查笔录", Types: []string{"现场检查笔录", "现场笔录"}, Stage: StageOnSite},
			{Name: "行政许可审查意见", Types: []string{"行政许可审查意见"}, Stage: StageExamine, Required: true},
			hearing,
		},
		ActCoercion: {
			{Name: "查封扣押审批表", Types: []string{"查封扣押审批表"}, Stage: StageFile, Required: true},
			{Name: "查封扣押现场笔录", Types: []string{"查封扣押现场笔录", "现场笔录"}, Stage: StageOnSite, Required: true},
			{Name: "查封（扣押）物品清单", Types: []string{"查封（扣押）物品清单"}, Stage: StageInvestigate},
		},
		ActInspection: {
			{Name: "现场检查笔录", Types: []string{"现场检查笔录", "现场笔录"}, Stage: StageOnSite, Required: true},
		},
	}
}

// CaseDocument is what the materials checklist needs of a case document.
type CaseDocument struct {
	ID    uint64
	Type  string
	Title string
}

// BuildMaterials matches a case's current documents against the specs of its type: each
// spec becomes a line with the documents providing it, required when its stage was
// completed; documents no spec claims are listed after, one line per kind.
func BuildMaterials(specs []MaterialSpec, docs []CaseDocument, completed func(Stage) bool) []Material {
	used := map[uint64]bool{}
	var out []Material
	for _, sp := range specs {
		m := Material{Name: sp.Name, Required: sp.Required && completed(sp.Stage)}
		for _, d := range docs {
			if slices.Contains(sp.Types, d.Type) {
				m.Documents, m.DocIDs = append(m.Documents, d.Title), append(m.DocIDs, d.ID)
				used[d.ID] = true
			}
		}
		if m.Required || m.Present() {
			out = append(out, m)
		}
	}
	byType := map[string]int{}
	for _, d := range docs {
		if used[d.ID] {
			continue
		}
		i, ok := byType[d.Type]
		if !ok {
			i = len(out)
			byType[d.Type] = i
			out = append(out, Material{Name: d.Type})
		}
		out[i].Documents, out[i].DocIDs = append(out[i].Documents, d.Title), append(out[i].DocIDs, d.ID)
	}
	return out
}
