package domain

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// ProcedureChart is one kind of enforcement procedure as the office publishes it in its
// 执法流程图 (DOMAIN.md §1.1): the steps in order with their time limits and documents, the
// decision points, and the rights of the party at each step. Steps that record a case
// stage name it, so the chart shows the same stages, in the same order, as the case
// workflow. The office may adjust titles, time limits, documents and notes, and leave out
// optional steps (FlowChanges); the chart is always drawn from the adjusted definition.
type ProcedureChart struct {
	Name     string  // penalty, penalty-simple, license, coercion, inspection, review
	Title    string  // e.g. 行政处罚（一般程序）流程图
	Type     ActType // the act type of the cases that follow it ("" for 法制审核)
	Simple   bool    // the simple procedure (简易程序) of its act type
	Basis    string  // 依据
	Steps    []FlowStep
	Remedies string // 救济途径, printed under the chart
}

// FlowKind is the shape of a step in the chart.
type FlowKind string

const (
	FlowStart    FlowKind = "start"    // where the procedure begins
	FlowAct      FlowKind = "step"     // an act of the office or the party
	FlowDecision FlowKind = "decision" // a question with two ways on
	FlowEnd      FlowKind = "end"      // where the procedure ends
)

// FlowStep is one node of a chart.
type FlowStep struct {
	ID        string   // stable within its chart; office adjustments refer to it
	Kind      FlowKind //
	Stage     Stage    // the case stage this step records, "" when it records none
	Title     string   // for a decision, the question
	TimeLimit string   // 时限, e.g. 自立案之日起 90 日内
	Documents []string // 文书 made or served at this step
	Rights    []string // the party's rights at this step: 陈述、申辩, 听证, 复议, 诉讼, 回避
	Note      string   // who does what, in a few words
	Optional  bool     // carried out only when needed (drawn dashed); may be left out by the office

	// A decision continues down the chart when answered Go (default 是). Answered Branch
	// (default 否) it leaves the procedure at Exit (an end drawn beside it), or goes to step
	// Jump (a later step: a bypass; an earlier one: back round a loop), or both: Exit is
	// done, then the procedure goes on at Jump.
	Go, Branch string
	Exit       string
	Jump       string
}

// GoLabel and BranchLabel are the answers written on a decision's two ways out.
func (s FlowStep) GoLabel() string     { return cmpOr(s.Go, "是") }
func (s FlowStep) BranchLabel() string { return cmpOr(s.Branch, "否") }

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Stages lists the case stages the chart shows, in order.
func (c ProcedureChart) Stages() []Stage {
	var out []Stage
	for _, s := range c.Steps {
		if s.Stage != "" {
			out = append(out, s.Stage)
		}
	}
	return out
}

// Step returns the step with the given ID.
func (c ProcedureChart) Step(id string) (FlowStep, bool) {
	i := slices.IndexFunc(c.Steps, func(s FlowStep) bool { return s.ID == id })
	if i < 0 {
		return FlowStep{}, false
	}
	return c.Steps[i], true
}

// Check verifies that the chart can be drawn: unique IDs, decisions that lead somewhere,
// jumps to existing steps, a start and an end.
func (c ProcedureChart) Check() error {
	seen := map[string]bool{}
	for _, s := range c.Steps {
		if s.ID == "" || seen[s.ID] {
			return Errorf(EINVALID, "流程图“%s”的环节编号“%s”为空或重复。", c.Title, s.ID)
		}
		seen[s.ID] = true
	}
	if len(c.Steps) < 2 || c.Steps[0].Kind != FlowStart || c.Steps[len(c.Steps)-1].Kind != FlowEnd {
		return Errorf(EINVALID, "流程图“%s”应以“开始”环节起、以“结束”环节止。", c.Title)
	}
	for i, s := range c.Steps {
		if s.Kind != FlowDecision {
			continue
		}
		if s.Exit == "" && s.Jump == "" {
			return Errorf(EINVALID, "流程图“%s”的判断“%s”缺少“%s”时的去向。", c.Title, s.Title, s.BranchLabel())
		}
		if s.Jump != "" && (!seen[s.Jump] || s.Jump == s.ID) {
			return Errorf(EINVALID, "流程图“%s”的判断“%s”转到的环节“%s”不存在。", c.Title, s.Title, s.Jump)
		}
		if i == len(c.Steps)-1 {
			return Errorf(EINVALID, "流程图“%s”不能以判断结束。", c.Title)
		}
	}
	return nil
}

// FlowStepChange is the office's adjustment of one step (nil/empty fields keep the
// national default).
type FlowStepChange struct {
	Title     string
	TimeLimit string
	Documents []string // nil keeps the default; an empty non-nil list removes them
	Note      string
	Omit      bool // leave the (optional) step out of the chart
}

// FlowChanges are the adjustments of one chart, by step ID.
type FlowChanges map[string]FlowStepChange

// Validate checks an adjustment of step s.
func (ch FlowStepChange) Validate(s FlowStep) error {
	if ch.Omit && !s.Optional {
		return Errorf(EINVALID, "“%s”是法定必经环节，不能从流程图中去掉。只有“视情况进行”的环节可以去掉。", s.Title)
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(ch.Title)); n > 40 {
		return Errorf(EINVALID, "环节名称最多 40 个字，现在是 %d 个。", n)
	}
	if n := utf8.RuneCountInString(ch.TimeLimit); n > 80 {
		return Errorf(EINVALID, "“时限”最多 80 个字，现在是 %d 个。", n)
	}
	if n := utf8.RuneCountInString(ch.Note); n > 80 {
		return Errorf(EINVALID, "“说明”最多 80 个字，现在是 %d 个。", n)
	}
	if len(ch.Documents) > 8 {
		return Errorf(EINVALID, "每个环节最多列 8 种文书。")
	}
	for _, d := range ch.Documents {
		if utf8.RuneCountInString(d) > 30 {
			return Errorf(EINVALID, "文书名称“%s”太长（最多 30 个字）。", d)
		}
	}
	return nil
}

// With returns the chart with the office's adjustments applied. Omitted steps disappear,
// and so does a decision that only guarded them (its jump would now lead to the very next
// step).
func (c ProcedureChart) With(changes FlowChanges) ProcedureChart {
	out := c
	out.Steps = nil
	for _, s := range c.Steps {
		ch, ok := changes[s.ID]
		if ok && ch.Omit && s.Optional {
			continue
		}
		if ok {
			if t := strings.TrimSpace(ch.Title); t != "" {
				s.Title = t
			}
			if ch.TimeLimit != "" {
				s.TimeLimit = strings.TrimSpace(ch.TimeLimit)
			}
			if ch.Documents != nil {
				s.Documents = slices.Clone(ch.Documents)
			}
			if ch.Note != "" {
				s.Note = strings.TrimSpace(ch.Note)
			}
		}
		out.Steps = append(out.Steps, s)
	}
	// a decision whose jump now leads to its own next step guards nothing any more
	for i := 0; i < len(out.Steps)-1; i++ {
		s := out.Steps[i]
		if s.Kind == FlowDecision && s.Exit == "" && s.Jump == out.Steps[i+1].ID {
			out.Steps = slices.Delete(out.Steps, i, i+1)
			i--
		}
	}
	return out
}

// ProcedureChartNames lists the charts in the order screens show them.
func ProcedureChartNames() []string {
	names := make([]string, len(procedureCharts))
	for i, c := range procedureCharts {
		names[i] = c.Name
	}
	return names
}

// ProcedureChartByName returns the national default of a chart.
func ProcedureChartByName(name string) (ProcedureChart, error) {
	for _, c := range procedureCharts {
		if c.Name == name {
			c.Steps = slices.Clone(c.Steps)
			return c, nil
		}
	}
	return ProcedureChart{}, Errorf(EINVALID, "没有名为“%s”的流程图。可选：%s。", name, strings.Join(ProcedureChartNames(), "、"))
}

// PublishTimeLimit is the time limit written on a chart's publication step (ID "publish")
// when results or decisions of type t are published within days working days.
func PublishTimeLimit(t ActType, days int) string {
	if t == ActInspection {
		return fmt.Sprintf("任务完成之日起 %d 个工作日内", days)
	}
	return fmt.Sprintf("作出决定之日起 %d 个工作日内公开", days)
}

// WithPublishDays returns the chart with its publication step's time limit counted from
// the office's publication rules (days working days), so changing those rules changes the
// chart too.
func (c ProcedureChart) WithPublishDays(days int) ProcedureChart {
	out := c
	out.Steps = slices.Clone(c.Steps)
	for i, s := range out.Steps {
		if s.ID == "publish" && c.Type != "" && days > 0 {
			out.Steps[i].TimeLimit = PublishTimeLimit(c.Type, days)
		}
	}
	return out
}

// ReviewTimeLimit is the time limit of the 法制审核 opinion: days working days, extendable
// by ext (none when ext is 0). The review chart says when the extension applies.
func ReviewTimeLimit(days, ext int, reviewChart bool) string {
	switch {
	case ext <= 0:
		return fmt.Sprintf("%d 个工作日内出具意见", days)
	case reviewChart:
		return fmt.Sprintf("%d 个工作日内（情况复杂的可延长 %d 个工作日）", days, ext)
	}
	return fmt.Sprintf("%d 个工作日内出具意见（可延长 %d 个工作日）", days, ext)
}

// WithReviewDays returns the chart with its 法制审核 step's time limit taken from the
// office's review policy (ReviewPolicy.TimeLimitDays, ExtensionDays), so changing the
// review settings changes the charts too.
func (c ProcedureChart) WithReviewDays(days, ext int) ProcedureChart {
	if days <= 0 {
		return c
	}
	out := c
	out.Steps = slices.Clone(c.Steps)
	for i, s := range out.Steps {
		switch {
		case c.Name == "review" && s.ID == "opinion":
			out.Steps[i].TimeLimit = ReviewTimeLimit(days, ext, true)
		case c.Name != "review" && s.ID == "review":
			out.Steps[i].TimeLimit = ReviewTimeLimit(days, ext, false)
		}
	}
	return out
}

// Time limits that other capabilities also use, written once.
var (
	publishLimit     = func(t ActType) string { return PublishTimeLimit(t, t.PublishWithinWorkingDays()) }
	remediesDecision = "当事人对决定不服的，可以自知道或者应当知道之日起 60 日内依法申请行政复议，或者自知道或者应当知道作出行政行为之日起 6 个月内依法提起行政诉讼。"
	rightsRemedy     = []string{"申请行政复议（60 日内）", "提起行政诉讼（6 个月内）"}
)

// The national defaults, from 《中华人民共和国行政处罚法》(2021), 《市场监督管理行政处罚程序
// 规定》(2022), 《中华人民共和国行政许可法》, 《中华人民共和国行政强制法》 and the
// 重大执法决定法制审核 rules (DOMAIN.md §3). Stages follow the case workflow's stage paths.
var procedureCharts = []ProcedureChart{
	{
		Name: "penalty", Title: "行政处罚（一般程序）流程图", Type: ActPenalty,
		Basis:    "《中华人民共和国行政处罚法》《市场监督管理行政处罚程序规定》",
		Remedies: remediesDecision,
		Steps: []FlowStep{
			{ID: "start", Kind: FlowStart, Title: "发现案件线索", Note: "监督检查、投诉举报、其他部门移送、上级交办"},
			{ID: "accept", Kind: FlowAct, Stage: StageAccept, Title: "案件来源登记、核查",
				TimeLimit: "发现线索或收到材料之日起 15 个工作日内核查（可延长 15 个工作日）", Documents: []string{"案件来源登记表"}},
			{ID: "onsite", Kind: FlowAct, Stage: StageOnSite, Title: "现场检查", Optional: true,
				Documents: []string{"现场笔录", "音像记录"}, Note: "两名以上执法人员，出示执法证件", Rights: []string{"申请回避"}},
			{ID: "tofile", Kind: FlowDecision, Title: "符合立案条件？", Exit: "不予立案（报负责人批准）"},
			{ID: "file", Kind: FlowAct, Stage: StageFile, Title: "立案", TimeLimit: "经负责人批准", Documents: []string{"立案审批表"}},
			{ID: "investigate", Kind: FlowAct, Stage: StageInvestigate, Title: "调查取证",
				TimeLimit: "先行登记保存证据的，7 日内作出处理决定", Documents: []string{"询问笔录", "证据登记保存清单", "调查终结报告"},
				Note: "两名以上执法人员，出示执法证件", Rights: []string{"申请回避"}},
			{ID: "examine", Kind: FlowAct, Stage: StageExamine, Title: "案件审核", Documents: []string{"案件审核表"}},
			{ID: "notify", Kind: FlowAct, Stage: StageNotify, Title: "行政处罚告知",
				TimeLimit: "当事人收到告知书之日起 5 个工作日内陈述、申辩或要求听证", Documents: []string{"行政处罚告知书"},
				Rights: []string{"陈述、申辩", "要求听证"}},
			{ID: "askhearing", Kind: FlowDecision, Title: "当事人要求听证？", Jump: "major"},
			{ID: "hearing", Kind: FlowAct, Stage: StageHearing, Title: "举行听证", Optional: true,
				TimeLimit: "听证 7 日前通知当事人", Documents: []string{"听证通知书", "听证笔录", "听证报告"},
				Rights: []string{"申辩和质证", "申请回避"}},
			{ID: "major", Kind: FlowDecision, Title: "属于重大执法决定？", Jump: "decide"},
			{ID: "review", Kind: FlowAct, Title: "法制审核", Optional: true,
				TimeLimit: ReviewTimeLimit(7, 3, false), Documents: []string{"法制审核意见书"}},
			{ID: "discuss", Kind: FlowAct, Title: "集体讨论", Optional: true,
				Note: "情节复杂或者重大违法行为", Documents: []string{"集体讨论记录"}},
			{ID: "decide", Kind: FlowAct, Stage: StageDecide, Title: "作出处理决定",
				TimeLimit: "自立案之日起 90 日内（经批准可延长 30 日）", Documents: []string{"行政处罚决定书"}},
			{ID: "serve", Kind: FlowAct, Stage: StageServe, Title: "送达",
				TimeLimit: "宣告后当场交付；当事人不在场的，7 日内送达", Documents: []string{"送达回证"}, Rights: rightsRemedy},
			{ID: "publish", Kind: FlowAct, Title: "公示", TimeLimit: publishLimit(ActPenalty), Note: "去除个人隐私等信息"},
			{ID: "execute", Kind: FlowAct, Stage: StageExecute, Title: "执行",
				TimeLimit: "收到决定书之日起 15 日内缴纳罚款", Documents: []string{"罚没款票据"}, Note: "逾期每日按罚款数额 3% 加处罚款"},
			{ID: "close", Kind: FlowAct, Stage: StageClose, Title: "结案", Documents: []string{"结案审批表"}},
			{ID: "archive", Kind: FlowAct, Stage: StageArchive, Title: "立卷归档", TimeLimit: "结案后 30 日内", Documents: []string{"卷内目录", "备考表"}},
			{ID: "end", Kind: FlowEnd, Title: "结束"},
		},
	},
	{
		Name: "penalty-simple", Title: "行政处罚（简易程序）流程图", Type: ActPenalty, Simple: true,
		Basis:    "《中华人民共和国行政处罚法》第五十一条至第五十二条",
		Remedies: remediesDecision,
		Steps: []FlowStep{
			{ID: "start", Kind: FlowStart, Title: "发现违法行为"},
			{ID: "applicable", Kind: FlowDecision, Title: "符合当场处罚条件？", Exit: "适用一般程序",
				Note: "违法事实确凿并有法定依据，对公民处 200 元以下、对法人或者其他组织处 3000 元以下罚款或者警告"},
			{ID: "accept", Kind: FlowAct, Stage: StageAccept, Title: "表明身份", Note: "出示执法证件", Rights: []string{"申请回避"}},
			{ID: "onsite", Kind: FlowAct, Stage: StageOnSite, Title: "当场调查、告知",
				Note: "告知违法事实、处罚理由和依据", Documents: []string{"现场笔录"}, Rights: []string{"陈述、申辩"}},
			{ID: "decide", Kind: FlowAct, Stage: StageDecide, Title: "当场作出处罚决定",
				Documents: []string{"当场行政处罚决定书"}, Note: "预定格式、编有号码，执法人员签名或盖章"},
			{ID: "serve", Kind: FlowAct, Stage: StageServe, Title: "当场交付决定书", Documents: []string{"当场行政处罚决定书"}, Rights: rightsRemedy},
			{ID: "execute", Kind: FlowAct, Stage: StageExecute, Title: "缴纳罚款",
				TimeLimit: "收到决定书之日起 15 日内到指定银行缴纳；依法可当场收缴", Documents: []string{"罚款收据"}},
			{ID: "close", Kind: FlowAct, Stage: StageClose, Title: "报所属行政机关备案、结案"},
			{ID: "archive", Kind: FlowAct, Stage: StageArchive, Title: "归档", TimeLimit: "结案后 30 日内"},
			{ID: "end", Kind: FlowEnd, Title: "结束"},
		},
	},
	{
		Name: "license", Title: "行政许可流程图", Type: ActLicensing,
		Basis:    "《中华人民共和国行政许可法》",
		Remedies: "申请人对不予受理、不予许可等决定不服的，可以依法申请行政复议（60 日内）或者提起行政诉讼（6 个月内）。",
		Steps: []FlowStep{
			{ID: "start", Kind: FlowStart, Title: "申请人提出申请"},
			{ID: "complete", Kind: FlowDecision, Title: "申请材料齐全、符合法定形式？",
				Exit: "当场或 5 日内一次告知需补正的全部内容", Jump: "start"},
			{ID: "accept", Kind: FlowAct, Stage: StageAccept, Title: "受理", Documents: []string{"受理通知书"},
				Note: "不属于本机关职权的，不予受理并告知"},
			{ID: "onsite", Kind: FlowAct, Stage: StageOnSite, Title: "现场核查", Optional: true,
				Documents: []string{"现场核查记录"}, Note: "两名以上工作人员"},
			{ID: "examine", Kind: FlowAct, Stage: StageExamine, Title: "审查",
				Note: "涉及他人重大利益的，告知利害关系人", Rights: []string{"陈述、申辩"}},
			{ID: "askhearing", Kind: FlowDecision, Title: "需要听证？", Jump: "decide",
				Note: "法律规定应当听证、涉及公共利益，或申请人、利害关系人申请听证"},
			{ID: "hearing", Kind: FlowAct, Stage: StageHearing, Title: "举行听证", Optional: true,
				TimeLimit: "告知后 5 日内申请，20 日内组织听证", Documents: []string{"听证通知书", "听证笔录"}},
			{ID: "decide", Kind: FlowAct, Stage: StageDecide, Title: "作出许可决定",
				TimeLimit: "自受理之日起 20 日内（经负责人批准可延长 10 日）", Documents: []string{"准予（不予）行政许可决定书"},
				Note: "不予许可的，书面说明理由", Rights: rightsRemedy},
			{ID: "serve", Kind: FlowAct, Stage: StageServe, Title: "颁发、送达许可证件",
				TimeLimit: "作出决定之日起 10 日内", Documents: []string{"许可证件", "送达回证"}},
			{ID: "publish", Kind: FlowAct, Title: "公示", TimeLimit: publishLimit(ActLicensing)},
			{ID: "close", Kind: FlowAct, Stage: StageClose, Title: "办结"},
			{ID: "archive", Kind: FlowAct, Stage: StageArchive, Title: "归档", TimeLimit: "办结后 30 日内"},
			{ID: "end", Kind: FlowEnd, Title: "结束"},
		},
	},
	{
		Name: "coercion", Title: "行政强制措施（查封、扣押）流程图", Type: ActCoercion,
		Basis:    "《中华人民共和国行政强制法》第十八条至第二十八条",
		Remedies: "当事人对查封、扣押决定不服的，可以依法申请行政复议（60 日内）或者提起行政诉讼（6 个月内）。查封、扣押全过程音像记录。",
		Steps: []FlowStep{
			{ID: "start", Kind: FlowStart, Title: "发现需要查封、扣押的情形"},
			{ID: "accept", Kind: FlowAct, Stage: StageAccept, Title: "报告负责人并经批准",
				TimeLimit: "情况紧急当场实施的，24 小时内报告并补办批准手续", Documents: []string{"行政强制措施审批表"}},
			{ID: "onsite", Kind: FlowAct, Stage: StageOnSite, Title: "现场实施",
				Note:      "两名以上执法人员，出示执法证件，通知当事人到场，全程音像记录",
				Documents: []string{"现场笔录", "音像记录"}, Rights: []string{"陈述、申辩", "申请回避"}},
			{ID: "decide", Kind: FlowAct, Stage: StageDecide, Title: "作出查封、扣押决定",
				TimeLimit: "期限不超过 30 日；情况复杂的经批准可延长，不超过 30 日", Documents: []string{"查封（扣押）决定书", "查封（扣押）清单"}},
			{ID: "serve", Kind: FlowAct, Stage: StageServe, Title: "当场交付决定书和清单", Documents: []string{"送达回证"}, Rights: rightsRemedy},
			{ID: "execute", Kind: FlowAct, Stage: StageExecute, Title: "保管、查清事实",
				Note: "检测、检验、检疫、鉴定期间不计入查封扣押期限", Documents: []string{"检测（鉴定）报告"}},
			{ID: "confiscate", Kind: FlowDecision, Title: "依法应当没收、销毁？", Note: "在查封、扣押期限内查清事实",
				Exit: "作出解除决定，退还财物", Jump: "close"},
			{ID: "handle", Kind: FlowAct, Title: "依法没收、销毁", Note: "转入行政处罚程序", Documents: []string{"行政处罚决定书"}},
			{ID: "close", Kind: FlowAct, Stage: StageClose, Title: "结案", Documents: []string{"结案审批表"}},
			{ID: "archive", Kind: FlowAct, Stage: StageArchive, Title: "立卷归档", TimeLimit: "结案后 30 日内"},
			{ID: "end", Kind: FlowEnd, Title: "结束"},
		},
	},
	{
		Name: "inspection", Title: "行政检查（双随机、一公开）流程图", Type: ActInspection,
		Basis:    "《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》",
		Remedies: "检查对象对检查结果有异议的，可以向实施检查的机关提出；对据此作出的行政处理决定不服的，可以依法申请行政复议或者提起行政诉讼。",
		Steps: []FlowStep{
			{ID: "start", Kind: FlowStart, Title: "制定随机抽查计划", Note: "依据随机抽查事项清单"},
			{ID: "drawobjects", Kind: FlowAct, Title: "随机抽取检查对象",
				Note: "从检查对象名录库按比例或数量抽取，种子和名单记入审计链", Documents: []string{"抽取记录"}},
			{ID: "drawofficers", Kind: FlowAct, Title: "随机选派执法人员",
				Note: "每户不少于 2 名持有效执法证人员；有利害关系的回避"},
			{ID: "accept", Kind: FlowAct, Stage: StageAccept, Title: "检查登记"},
			{ID: "onsite", Kind: FlowAct, Stage: StageOnSite, Title: "实施检查",
				Note: "出示执法证件，按检查事项逐项检查", Documents: []string{"现场检查笔录", "照片、音像记录"},
				Rights: []string{"申请回避", "陈述、申辩"}},
			{ID: "examine", Kind: FlowAct, Stage: StageExamine, Title: "审查检查情况", Optional: true},
			{ID: "decide", Kind: FlowAct, Stage: StageDecide, Title: "作出检查结论", Documents: []string{"检查结果记录"},
				Note: "未发现问题／责令改正／立案查处"},
			{ID: "problem", Kind: FlowDecision, Title: "发现问题需责令改正？", Jump: "publish"},
			{ID: "serve", Kind: FlowAct, Stage: StageServe, Title: "送达责令改正通知书", Optional: true,
				Documents: []string{"责令改正通知书", "送达回证"}, Note: "涉嫌违法需立案的，转入行政处罚程序"},
			{ID: "publish", Kind: FlowAct, Title: "公示抽查结果",
				TimeLimit: publishLimit(ActInspection), Note: "国家企业信用信息公示系统等"},
			{ID: "close", Kind: FlowAct, Stage: StageClose, Title: "结案"},
			{ID: "archive", Kind: FlowAct, Stage: StageArchive, Title: "归档", TimeLimit: "结案后 30 日内"},
			{ID: "end", Kind: FlowEnd, Title: "结束"},
		},
	},
	{
		Name: "review", Title: "重大执法决定法制审核流程图",
		Basis:    "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》",
		Remedies: "未经法制审核或者审核未通过的，不得作出重大执法决定。审核意见及处理情况入卷归档。",
		Steps: []FlowStep{
			{ID: "start", Kind: FlowStart, Title: "承办机构拟作出重大执法决定"},
			{ID: "submit", Kind: FlowAct, Title: "提交法制审核",
				Documents: []string{"法制审核送审表", "调查终结报告", "证据材料", "拟处理意见"}, Note: "承办机构对送审材料的真实性、完整性负责"},
			{ID: "complete", Kind: FlowDecision, Title: "送审材料齐全？", Exit: "退回补充材料", Jump: "submit"},
			{ID: "check", Kind: FlowAct, Title: "审核",
				Note: "主体、资格、程序、事实、证据、法律适用、裁量基准、权限、文书、是否涉嫌犯罪", Documents: []string{"审核要素清单"}},
			{ID: "opinion", Kind: FlowAct, Title: "出具书面审核意见",
				TimeLimit: ReviewTimeLimit(7, 3, true), Documents: []string{"法制审核意见书"},
				Note: "同意、变更、纠正、补充、移送"},
			{ID: "agree", Kind: FlowDecision, Title: "审核意见为“同意”？", Exit: "承办机构研究处理后重新送审；有分歧的由负责人协调", Jump: "submit"},
			{ID: "decide", Kind: FlowAct, Title: "负责人决定或集体讨论决定", Documents: []string{"集体讨论记录"}},
			{ID: "file", Kind: FlowAct, Title: "审核意见入卷归档"},
			{ID: "end", Kind: FlowEnd, Title: "结束"},
		},
	},
}
