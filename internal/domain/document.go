package domain

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Document is one document of a case: a scan or PDF filed under a stage (现场笔录, 行政处罚
// 决定书, 送达回证, …). The file is kept unchanged in the blob store; a corrected file is a
// new version, and the old one stays.
type Document struct {
	ID        uint64
	CaseID    uint64
	Stage     Stage
	Type      string // 文书种类, from the document catalogue
	Title     string // 题名
	DocNumber string // 文书编号 (文号), "" when the document has none
	Date      Date   // 形成日期
	Author    string // 责任者
	Remarks   string // 备注 (printed in the catalogue)

	Pages     int    // counted from the file, never typed
	FileName  string // the name the file had when added
	Format    string // pdf, jpeg, png or tiff (sniffed from the content)
	SHA256    string // the file in the blob store
	Size      int64
	TextChars int // characters of text found in the file (0 for a scan without a text layer)

	Version    int    // 1 for the first file, 2 for its first replacement, …
	FirstID    uint64 // the ID of version 1, shared by every version
	Superseded bool   // a newer version exists; the dossier uses the newest

	ItemNo int // 件号 in the archived dossier, 0 until archived

	Added   time.Time
	AddedBy string
}

// DocType is an entry of the document catalogue: a kind of document and the stage that
// usually produces it.
type DocType struct {
	Name  string
	Stage Stage
}

// DefaultCatalogue is the document catalogue a new office starts with: the typical documents
// of DOMAIN.md §2.1 (the 2021 market-regulation penalty templates) and those of licensing,
// inspection and coercive measures. Offices edit it in the settings.
func DefaultCatalogue() []DocType {
	list := []struct {
		stage Stage
		names string
	}{
		{StageAccept, "案件来源登记表、投诉举报登记表、行政许可申请书、申请材料、受理通知书、检查任务通知书"},
		{StageOnSite, "现场笔录、现场检查笔录、现场照片、抽样记录、查封扣押现场笔录"},
		{StageFile, "立案审批表、不予立案审批表、查封扣押审批表"},
		{StageInvestigate, "询问笔录、证据登记保存清单、调取证据通知书、鉴定意见、调查终结报告、查封（扣押）物品清单"},
		{StageExamine, "案件审核表、法制审核意见书、集体讨论记录、行政许可审查意见"},
		{StageNotify, "行政处罚事先告知书、陈述申辩笔录、听证告知书"},
		{StageHearing, "听证通知书、听证笔录、听证报告"},
		{StageDecide, "行政处罚决定书、不予行政处罚决定书、准予行政许可决定书、不予行政许可决定书、查封扣押决定书、检查结果告知书、责令改正通知书"},
		{StageServe, "送达回证、送达地址确认书、公告送达记录"},
		{StageExecute, "罚没款票据、执行情况记录、催告书、解除查封扣押决定书、行政许可证件"},
		{StageClose, "结案审批表"},
		{StageArchive, "卷内目录、备考表"},
	}
	var out []DocType
	for _, l := range list {
		for _, n := range strings.Split(l.names, "、") {
			out = append(out, DocType{Name: n, Stage: l.stage})
		}
		out = append(out, DocType{Name: l.stage.Label() + "其他材料", Stage: l.stage})
	}
	return out
}

// ValidateCatalogue checks an edited catalogue: names present, short and unique, stages known.
func ValidateCatalogue(cat []DocType) error {
	if len(cat) == 0 {
		return Errorf(EINVALID, "文书目录不能为空。")
	}
	seen := map[string]bool{}
	for i, t := range cat {
		name := strings.TrimSpace(t.Name)
		switch {
		case name == "":
			return Errorf(EINVALID, "文书目录第 %d 行缺少“文书名称”。", i+1)
		case utf8.RuneCountInString(name) > 40:
			return Errorf(EINVALID, "文书名称“%s”太长（最多 40 个字）。", name)
		case seen[name]:
			return Errorf(EINVALID, "文书目录中“%s”出现了两次。", name)
		case !t.Stage.Valid():
			return Errorf(EINVALID, "文书“%s”的环节不认识。", name)
		}
		seen[name] = true
	}
	return nil
}

// RequiredDocs lists, per act type, the documents a complete dossier must hold (四性检测:
// 完整性). A document is required only when its stage was completed in the case, so a case
// closed without a decision, or under the simple procedure, is not asked for documents of
// stages it never went through.
type RequiredDocs map[ActType][]string

// DefaultRequiredDocs are the defaults for penalty, licensing, inspection and coercion.
func DefaultRequiredDocs() RequiredDocs {
	return RequiredDocs{
		ActPenalty: {"案件来源登记表", "立案审批表", "调查终结报告", "行政处罚事先告知书", "听证笔录",
			"行政处罚决定书", "送达回证", "结案审批表"},
		ActLicensing:  {"行政许可申请书", "受理通知书", "行政许可审查意见", "准予行政许可决定书", "送达回证"},
		ActInspection: {"检查任务通知书", "现场检查笔录", "检查结果告知书"},
		ActCoercion:   {"查封扣押现场笔录", "查封扣押决定书", "查封（扣押）物品清单", "送达回证", "解除查封扣押决定书"},
	}
}

// Missing returns the required documents of case c that docs (its current documents) lack,
// given the catalogue that says which stage each document belongs to. A penalty decided
// without a hearing does not need the hearing record; a case closed without a decision
// needs none of the decision's documents.
func (r RequiredDocs) Missing(c Case, docs []Document, cat []DocType) []string {
	stageOf := map[string]Stage{}
	for _, t := range cat {
		stageOf[t.Name] = t.Stage
	}
	have := map[string]bool{}
	for _, d := range docs {
		if !d.Superseded {
			have[d.Type] = true
		}
	}
	var missing []string
	for _, name := range r[c.Type] {
		stage, known := stageOf[name]
		if known {
			if _, done := c.Completed(stage); !done {
				continue
			}
		}
		if !have[name] {
			missing = append(missing, name)
		}
	}
	return missing
}

// Validate checks a document's description as typed.
func (d Document) Validate(cat []DocType) error {
	if strings.TrimSpace(d.Type) == "" {
		return Errorf(EINVALID, "请选择“文书种类”。")
	}
	if !slices.ContainsFunc(cat, func(t DocType) bool { return t.Name == d.Type }) {
		return Errorf(EINVALID, "文书种类“%s”不在文书目录中。请从列表中选择，或请管理员在系统设置中添加。", d.Type)
	}
	if !d.Stage.Valid() {
		return Errorf(EINVALID, "请选择文书所属的“环节”。")
	}
	if strings.TrimSpace(d.Title) == "" {
		return Errorf(EINVALID, "请填写文书“题名”。")
	}
	if utf8.RuneCountInString(d.Title) > 200 {
		return Errorf(EINVALID, "文书“题名”最多 200 个字。")
	}
	if d.Date.IsZero() || !d.Date.Valid() {
		return Errorf(EINVALID, "请填写文书的“日期”。")
	}
	if strings.TrimSpace(d.Author) == "" {
		return Errorf(EINVALID, "请填写文书的“责任者”（制作文书的机关或人员）。")
	}
	if utf8.RuneCountInString(d.Remarks) > 200 {
		return Errorf(EINVALID, "文书“备注”最多 200 个字。")
	}
	return nil
}
