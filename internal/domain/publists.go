package domain

import (
	"regexp"
	"strconv"
	"strings"
)

// The entries of the published lists other than officers and matters (DOMAIN.md §1.1).
// Each has a Validate whose errors name their field, and a Key that identifies the entry
// when a spreadsheet is imported again (so a second import updates instead of duplicating).

// BodyKind is the legal standing of an enforcement body.
type BodyKind string

const (
	BodyAgency     BodyKind = "agency"     // 行政机关
	BodyAuthorized BodyKind = "authorized" // 法律法规授权组织
	BodyEntrusted  BodyKind = "entrusted"  // 受委托组织
	BodyUnit       BodyKind = "unit"       // 承办机构 (an internal unit of a body)
)

// AllBodyKinds lists the kinds in the order forms show them.
var AllBodyKinds = []BodyKind{BodyAgency, BodyAuthorized, BodyEntrusted, BodyUnit}

var bodyKindLabels = map[BodyKind]string{
	BodyAgency: "行政机关", BodyAuthorized: "法律法规授权组织", BodyEntrusted: "受委托组织", BodyUnit: "承办机构",
}

// Label is the kind's Chinese name.
func (k BodyKind) Label() string { return bodyKindLabels[k] }

// Body is an entry of the 执法主体 list: the office itself, an organisation authorised or
// entrusted to enforce, or one of the internal units that handle the work (承办机构).
type Body struct {
	ID           uint64
	Kind         BodyKind
	Name         string // 名称
	Parent       string // 所属执法主体 (承办机构) or 委托机关 (受委托组织)
	CreditCode   string // 统一社会信用代码
	LegalRep     string // 法定代表人 / 负责人
	Duties       string // 主要职责; for a 承办机构 its 职责分工
	Jurisdiction string // 管辖范围
	Entrustment  string // 委托依据及委托协议 (受委托组织)
	Address      string
	Phone        string // 联系电话 / 投诉电话
	Note         string
}

// Key identifies the body on re-import.
func (b Body) Key() string { return strings.TrimSpace(b.Name) }

// Validate checks a body as typed or imported.
func (b Body) Validate() error {
	if _, ok := bodyKindLabels[b.Kind]; !ok {
		return FieldErrorf("kind", "请选择“主体类型”：行政机关、法律法规授权组织、受委托组织或承办机构。")
	}
	if err := required("name", "名称", b.Name, 100); err != nil {
		return err
	}
	if b.Kind == BodyUnit && strings.TrimSpace(b.Parent) == "" {
		return FieldErrorf("parent", "承办机构“%s”请填写“所属执法主体”。", b.Name)
	}
	if b.Kind == BodyEntrusted {
		if strings.TrimSpace(b.Parent) == "" {
			return FieldErrorf("parent", "受委托组织“%s”请在“所属主体/委托机关”中填写委托机关。", b.Name)
		}
		if strings.TrimSpace(b.Entrustment) == "" {
			return FieldErrorf("entrustment", "受委托组织“%s”请填写“委托依据及委托协议”。", b.Name)
		}
	}
	if b.CreditCode != "" && !ValidCreditCode(b.CreditCode) {
		return FieldErrorf("credit_code", "“统一社会信用代码”%s 不对：应为 18 位数字或大写字母，且最后一位校验码正确。请对照营业执照或登记证书核对。", b.CreditCode)
	}
	if b.Kind != BodyUnit && strings.TrimSpace(b.Duties) == "" {
		return FieldErrorf("duties", "请填写“%s”的“主要职责”。", b.Name)
	}
	return firstErr(phoneField("phone", "联系电话", b.Phone), maxLen("parent", "所属执法主体", b.Parent, 100),
		maxLen("legal_rep", "法定代表人/负责人", b.LegalRep, 30), maxLen("duties", "职责", b.Duties, 2000),
		maxLen("jurisdiction", "管辖范围", b.Jurisdiction, 500), maxLen("entrustment", "委托依据", b.Entrustment, 1000),
		maxLen("address", "地址", b.Address, 200), maxLen("note", "备注", b.Note, 500))
}

// InspectionCategory is the 抽查类别 of a random-inspection matter.
type InspectionCategory string

const (
	InspectKey     InspectionCategory = "key"     // 重点检查事项
	InspectGeneral InspectionCategory = "general" // 一般检查事项
)

// AllInspectionCategories lists the categories in form order.
var AllInspectionCategories = []InspectionCategory{InspectKey, InspectGeneral}

var inspectionLabels = map[InspectionCategory]string{InspectKey: "重点检查事项", InspectGeneral: "一般检查事项"}

// Label is the category's Chinese name.
func (c InspectionCategory) Label() string { return inspectionLabels[c] }

// Inspection is an entry of the 随机抽查事项清单 ("双随机、一公开").
type Inspection struct {
	ID           uint64
	Category     InspectionCategory // 抽查类别
	Code         string             // 事项编码
	Name         string             // 抽查事项
	Object       string             // 检查对象
	Basis        string             // 检查依据
	Content      string             // 检查内容
	Method       string             // 检查方式, e.g. 现场检查、书面检查
	Proportion   string             // 抽查比例, e.g. 5%
	Frequency    string             // 抽查频次, e.g. 每年不少于1次
	HandlingUnit string             // 实施机构
	Note         string
}

// Key identifies the inspection matter on re-import: its code, else name and object.
func (i Inspection) Key() string {
	if c := strings.TrimSpace(i.Code); c != "" {
		return c
	}
	return strings.TrimSpace(i.Name) + "｜" + strings.TrimSpace(i.Object)
}

var proportionPattern = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*[%％]`)

// Validate checks an inspection matter as typed or imported.
func (i Inspection) Validate() error {
	if _, ok := inspectionLabels[i.Category]; !ok {
		return FieldErrorf("category", "请选择“抽查类别”：重点检查事项或一般检查事项。")
	}
	if err := firstErr(required("name", "抽查事项", i.Name, 200), required("object", "检查对象", i.Object, 300),
		required("basis", "检查依据", i.Basis, 2000)); err != nil {
		return err
	}
	if i.Code != "" && !validCode(i.Code) {
		return FieldErrorf("code", "事项编码“%s”格式不对：只能包含数字、字母和“-”，最多 40 位。", i.Code)
	}
	if p := strings.TrimSpace(i.Proportion); p != "" {
		m := proportionPattern.FindStringSubmatch(p)
		if m == nil {
			return FieldErrorf("proportion", "“抽查比例”应写成百分比，例如“5%%”或“不低于3%%”，现在是“%s”。", p)
		}
		if v, _ := strconv.ParseFloat(m[1], 64); v <= 0 || v > 100 {
			return FieldErrorf("proportion", "“抽查比例”%s 应大于 0%% 且不超过 100%%。", p)
		}
	}
	return firstErr(maxLen("content", "检查内容", i.Content, 2000), maxLen("method", "检查方式", i.Method, 200),
		maxLen("frequency", "抽查频次", i.Frequency, 100), maxLen("unit", "实施机构", i.HandlingUnit, 100),
		maxLen("note", "备注", i.Note, 500))
}

// Guide is a 服务指南: how the public applies for one matter.
type Guide struct {
	ID            uint64
	Name          string  // 事项名称
	Code          string  // 事项编码
	Type          ActType // 事项类型
	Basis         string  // 设定依据
	AcceptingBody string  // 受理机构
	DecidingBody  string  // 决定机构
	Conditions    string  // 申请条件
	Materials     string  // 申请材料
	Procedure     string  // 办理流程
	TimeLimit     string  // 办理时限
	Fees          string  // 收费标准
	Supervision   string  // 监督投诉
	Remedies      string  // 救济途径
	Hours         string  // 办公时间
	Address       string  // 办理地点
	Phone         string  // 咨询电话
	URL           string  // 网上办理地址
}

// Key identifies the guide on re-import: its code, else its name.
func (g Guide) Key() string {
	if c := strings.TrimSpace(g.Code); c != "" {
		return c
	}
	return strings.TrimSpace(g.Name)
}

// Validate checks a service guide as typed or imported.
func (g Guide) Validate() error {
	if err := firstErr(required("name", "事项名称", g.Name, 200)); err != nil {
		return err
	}
	if g.Type != "" && !g.Type.Valid() {
		return FieldErrorf("type", "“事项类型”不认识。")
	}
	if g.Code != "" && !validCode(g.Code) {
		return FieldErrorf("code", "事项编码“%s”格式不对：只能包含数字、字母和“-”，最多 40 位。", g.Code)
	}
	return firstErr(required("basis", "设定依据", g.Basis, 2000), required("accepting", "受理机构", g.AcceptingBody, 100),
		required("materials", "申请材料", g.Materials, 4000), required("time_limit", "办理时限", g.TimeLimit, 200),
		maxLen("deciding", "决定机构", g.DecidingBody, 100), maxLen("conditions", "申请条件", g.Conditions, 4000),
		maxLen("procedure", "办理流程", g.Procedure, 4000), maxLen("fees", "收费标准", g.Fees, 500),
		maxLen("supervision", "监督投诉", g.Supervision, 500), maxLen("remedies", "救济途径", g.Remedies, 500),
		maxLen("hours", "办公时间", g.Hours, 200), maxLen("address", "办理地点", g.Address, 200),
		phoneField("phone", "咨询电话", g.Phone), urlField("url", "网上办理地址", g.URL))
}

// BenchmarkGrade is the 裁量阶次 of a discretion benchmark entry.
type BenchmarkGrade string

const (
	GradeNoPenalty BenchmarkGrade = "none"      // 不予处罚
	GradeMitigated BenchmarkGrade = "mitigated" // 减轻处罚
	GradeLighter   BenchmarkGrade = "lighter"   // 从轻处罚
	GradeGeneral   BenchmarkGrade = "general"   // 一般处罚
	GradeHeavier   BenchmarkGrade = "heavier"   // 从重处罚
)

// AllBenchmarkGrades lists the grades from lightest to heaviest.
var AllBenchmarkGrades = []BenchmarkGrade{GradeNoPenalty, GradeMitigated, GradeLighter, GradeGeneral, GradeHeavier}

var gradeLabels = map[BenchmarkGrade]string{GradeNoPenalty: "不予处罚", GradeMitigated: "减轻处罚",
	GradeLighter: "从轻处罚", GradeGeneral: "一般处罚", GradeHeavier: "从重处罚"}

// Label is the grade's Chinese name.
func (g BenchmarkGrade) Label() string { return gradeLabels[g] }

// Benchmark is one line of the 裁量基准: for a violation (identified by its 编号), one set
// of circumstances and the penalty range that applies. A violation usually has several
// lines, one per grade.
type Benchmark struct {
	ID           uint64
	Code         string         // 编号 of the violation, shared by its lines
	Violation    string         // 违法行为
	Basis        string         // 违法依据
	PenaltyBasis string         // 处罚依据
	Circumstance string         // 违法情节
	Grade        BenchmarkGrade // 裁量阶次
	Penalty      string         // 处罚标准 (range)
	Note         string
}

// Key identifies the line on re-import: the violation's code and the circumstances.
func (b Benchmark) Key() string {
	return strings.TrimSpace(b.Code) + "｜" + strings.TrimSpace(b.Circumstance)
}

// Validate checks a benchmark line as typed or imported.
func (b Benchmark) Validate() error {
	if err := required("code", "编号", b.Code, 40); err != nil {
		return err
	}
	if !validCode(b.Code) {
		return FieldErrorf("code", "编号“%s”格式不对：只能包含数字、字母和“-”，例如 SP-012。", b.Code)
	}
	if _, ok := gradeLabels[b.Grade]; !ok {
		return FieldErrorf("grade", "请选择“裁量阶次”：不予处罚、减轻处罚、从轻处罚、一般处罚或从重处罚。")
	}
	return firstErr(required("violation", "违法行为", b.Violation, 300), required("penalty_basis", "处罚依据", b.PenaltyBasis, 2000),
		required("circumstance", "违法情节", b.Circumstance, 1000), required("penalty", "处罚标准", b.Penalty, 1000),
		maxLen("basis", "违法依据", b.Basis, 2000), maxLen("note", "备注", b.Note, 500))
}

// Channel is an entry of 投诉举报与监督方式: one way the public can complain, report or
// supervise enforcement.
type Channel struct {
	ID        uint64
	Name      string // 渠道名称, e.g. 投诉举报电话
	Scope     string // 受理范围
	Address   string // 来信地址
	Postcode  string
	Phone     string
	Email     string
	URL       string // 网上投诉
	Hours     string // 受理时间
	Procedure string // 处理及反馈程序
}

// Key identifies the channel on re-import.
func (c Channel) Key() string { return strings.TrimSpace(c.Name) }

var postcodePattern = regexp.MustCompile(`^\d{6}$`)
var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// Validate checks a supervision channel as typed or imported.
func (c Channel) Validate() error {
	if err := firstErr(required("name", "渠道名称", c.Name, 60), required("scope", "受理范围", c.Scope, 1000)); err != nil {
		return err
	}
	if strings.TrimSpace(c.Address+c.Phone+c.Email+c.URL) == "" {
		return FieldErrorf("phone", "“%s”请至少填写地址、电话、电子邮箱或网址中的一项，群众才能找到。", c.Name)
	}
	if c.Postcode != "" && !postcodePattern.MatchString(c.Postcode) {
		return FieldErrorf("postcode", "“邮政编码”应为 6 位数字，现在是“%s”。", c.Postcode)
	}
	if c.Email != "" && !emailPattern.MatchString(c.Email) {
		return FieldErrorf("email", "“电子邮箱”格式不对：%s。", c.Email)
	}
	return firstErr(phoneField("phone", "电话", c.Phone), urlField("url", "网址", c.URL),
		maxLen("address", "地址", c.Address, 200), maxLen("hours", "受理时间", c.Hours, 200),
		maxLen("procedure", "处理及反馈程序", c.Procedure, 2000))
}

// RemedyKind is the kind of legal remedy a party has against a decision.
type RemedyKind string

const (
	RemedyReconsideration RemedyKind = "reconsideration" // 行政复议
	RemedyLitigation      RemedyKind = "litigation"      // 行政诉讼
	RemedyCompensation    RemedyKind = "compensation"    // 国家赔偿
)

// AllRemedyKinds lists the kinds in form order.
var AllRemedyKinds = []RemedyKind{RemedyReconsideration, RemedyLitigation, RemedyCompensation}

var remedyLabels = map[RemedyKind]string{RemedyReconsideration: "行政复议", RemedyLitigation: "行政诉讼", RemedyCompensation: "国家赔偿"}

// Label is the kind's Chinese name.
func (k RemedyKind) Label() string { return remedyLabels[k] }

// Remedy is an entry of 救济渠道: where and within what time a party can seek review.
type Remedy struct {
	ID        uint64
	Kind      RemedyKind
	Body      string // 受理机关, e.g. 青山县人民政府
	Address   string
	Phone     string
	TimeLimit string // 申请期限, e.g. 自知道该行政行为之日起六十日内
	Basis     string // 法律依据
	Note      string
}

// Key identifies the remedy on re-import.
func (r Remedy) Key() string { return string(r.Kind) + "｜" + strings.TrimSpace(r.Body) }

// Validate checks a remedy as typed or imported.
func (r Remedy) Validate() error {
	if _, ok := remedyLabels[r.Kind]; !ok {
		return FieldErrorf("kind", "请选择“救济方式”：行政复议、行政诉讼或国家赔偿。")
	}
	return firstErr(required("body", "受理机关", r.Body, 100), required("time_limit", "申请期限", r.TimeLimit, 300),
		phoneField("phone", "联系电话", r.Phone), maxLen("address", "地址", r.Address, 200),
		maxLen("basis", "法律依据", r.Basis, 1000), maxLen("note", "备注", r.Note, 500))
}

// Window is a service window and the person who staffs it: what its 岗位信息公示牌
// (posting-board card) shows (DOMAIN.md §1.2).
type Window struct {
	ID             uint64
	Name           string   // 窗口名称, e.g. 政务服务中心 3号窗口 · 食品经营许可
	OfficerID      uint64   // the officer staffing it, 0 when the person is not on the officer list
	Staff          string   // 姓名
	Post           string   // 岗位 / 职务
	Duties         string   // 岗位职责
	Services       []string // 办理事项
	Materials      string   // 申请材料示范文本, one per line
	ProgressPhone  string   // 进度查询
	Consultation   string   // 咨询电话
	ComplaintPhone string   // 投诉电话
	PhotoSHA       string   // blob of the ID photo; "" uses the officer's photo, else a placeholder
}

// Validate checks a window as typed.
func (w Window) Validate() error {
	if err := firstErr(required("name", "窗口名称", w.Name, 60), required("staff", "姓名", w.Staff, 30)); err != nil {
		return err
	}
	for _, s := range w.Services {
		if err := maxLen("services", "办理事项", s, 100); err != nil {
			return err
		}
	}
	return firstErr(maxLen("post", "岗位", w.Post, 60), maxLen("duties", "岗位职责", w.Duties, 1000),
		maxLen("materials", "申请材料示范文本", w.Materials, 2000),
		phoneField("progress_phone", "进度查询电话", w.ProgressPhone),
		phoneField("consultation", "咨询电话", w.Consultation),
		phoneField("complaint_phone", "投诉电话", w.ComplaintPhone))
}

// Key identifies an officer on re-import: the certificate number, else name and unit.
func (o Officer) Key() string {
	if c := strings.TrimSpace(o.CertNo); c != "" {
		return c
	}
	return strings.TrimSpace(o.Name) + "｜" + strings.TrimSpace(o.Unit)
}

// Key identifies a matter on re-import: its code, else its category and name.
func (m Matter) Key() string {
	if c := strings.TrimSpace(m.Code); c != "" {
		return c
	}
	return string(m.Type) + "｜" + strings.TrimSpace(m.Name)
}
