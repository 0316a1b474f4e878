package domain

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// 双随机、一公开 (DOMAIN.md §1.1): inspections of randomly drawn objects by randomly drawn
// officers, with the results published.

// RiskGrade is an object's credit-risk class (企业信用风险分类): A low … D high. The zero
// value means not yet classified.
type RiskGrade string

const (
	GradeNone RiskGrade = ""
	GradeA    RiskGrade = "A" // 信用风险低
	GradeB    RiskGrade = "B" // 信用风险一般
	GradeC    RiskGrade = "C" // 信用风险较高
	GradeD    RiskGrade = "D" // 信用风险高
)

// AllGrades lists the grades from lowest to highest risk, then "not classified".
var AllGrades = []RiskGrade{GradeA, GradeB, GradeC, GradeD, GradeNone}

// Label is the grade's Chinese name.
func (g RiskGrade) Label() string {
	switch g {
	case GradeA:
		return "A类（信用风险低）"
	case GradeB:
		return "B类（信用风险一般）"
	case GradeC:
		return "C类（信用风险较高）"
	case GradeD:
		return "D类（信用风险高）"
	case GradeNone:
		return "未分类"
	}
	return string(g)
}

// Short is the grade in a few characters, for tables: A（低）… D（高）.
func (g RiskGrade) Short() string {
	switch g {
	case GradeA:
		return "A（低）"
	case GradeB:
		return "B（一般）"
	case GradeC:
		return "C（较高）"
	case GradeD:
		return "D（高）"
	case GradeNone:
		return "未分类"
	}
	return string(g)
}

// Valid reports whether g is a known grade (未分类 included).
func (g RiskGrade) Valid() bool { return slices.Contains(AllGrades, g) }

// DrawWeight is the grade's weight in a risk-weighted draw: an object of grade D is four
// times as likely to be drawn as one of grade A ("对信用风险高的提高抽查比例和频次，对信用风险
// 低的合理降低"). Unclassified objects weigh like B.
func (g RiskGrade) DrawWeight() int {
	switch g {
	case GradeA:
		return 1
	case GradeC:
		return 3
	case GradeD:
		return 4
	}
	return 2
}

// ParseRiskGrade accepts A–D (any case), the Chinese labels, "A类", 低/一般/较高/高 and
// empty or 未分类 for not classified.
func ParseRiskGrade(s string) (RiskGrade, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.TrimSuffix(strings.TrimSuffix(s, "级"), "类")
	switch s {
	case "", "未分类", "无":
		return GradeNone, nil
	case "A", "低", "低风险", "信用风险低":
		return GradeA, nil
	case "B", "一般", "一般风险", "信用风险一般":
		return GradeB, nil
	case "C", "较高", "较高风险", "信用风险较高":
		return GradeC, nil
	case "D", "高", "高风险", "信用风险高":
		return GradeD, nil
	}
	for _, g := range AllGrades {
		if s == g.Label() {
			return g, nil
		}
	}
	return "", Errorf(EINVALID, "风险等级“%s”不认识。可填：A、B、C、D（或留空表示未分类）。", s)
}

// InspectionObject is one entry of the 检查对象名录库: a business or other body that may be
// drawn for a random inspection.
type InspectionObject struct {
	ID            uint64
	Name          string    // 名称, e.g. 青山县城关镇好又多超市
	CreditCode    string    // 统一社会信用代码 (or 注册号 for old records): the object's identity
	Type          string    // 主体类型, e.g. 企业, 个体工商户, 农民专业合作社
	Address       string    // 住所（经营场所）
	Region        string    // 所属区域 (乡镇/街道), e.g. 城关镇
	Industry      string    // 行业, e.g. 食品销售, 餐饮服务
	Grade         RiskGrade // 信用风险分类
	LastInspected Date      // 上次检查日期, updated by results
	// RelatedOfficers are officers with a conflict of interest (利害关系, e.g. a relative runs
	// the business): they are never sent to this object.
	RelatedOfficers []uint64
	Closed          bool // 已注销或停业: kept for the record, never drawn
}

// Validate checks the fields a clerk types or imports.
func (o InspectionObject) Validate() error {
	if strings.TrimSpace(o.Name) == "" {
		return Errorf(EINVALID, "请填写检查对象的“名称”。")
	}
	if utf8.RuneCountInString(o.Name) > 100 {
		return Errorf(EINVALID, "检查对象“名称”最多 100 个字。")
	}
	code := strings.TrimSpace(o.CreditCode)
	if code == "" {
		return Errorf(EINVALID, "请填写“%s”的“统一社会信用代码”（或注册号）。", o.Name)
	}
	if len(code) == 18 && !ValidCreditCode(code) {
		return Errorf(EINVALID, "“%s”的统一社会信用代码 %s 校验位不对，请核对。", o.Name, code)
	}
	if len(code) != 18 && (len(code) < 13 || len(code) > 15 || strings.Trim(code, "0123456789") != "") {
		return Errorf(EINVALID, "“%s”的统一社会信用代码 %s 格式不对：应为 18 位代码，或 13–15 位数字的旧注册号。", o.Name, code)
	}
	if !o.Grade.Valid() {
		return Errorf(EINVALID, "“%s”的风险等级“%s”不认识。", o.Name, o.Grade)
	}
	for _, f := range []struct{ label, v string }{{"主体类型", o.Type}, {"所属区域", o.Region}, {"行业", o.Industry}} {
		if utf8.RuneCountInString(f.v) > 40 {
			return Errorf(EINVALID, "“%s”的“%s”最多 40 个字。", o.Name, f.label)
		}
	}
	if utf8.RuneCountInString(o.Address) > 200 {
		return Errorf(EINVALID, "“%s”的“住所”最多 200 个字。", o.Name)
	}
	if !o.LastInspected.IsZero() && !o.LastInspected.Valid() {
		return Errorf(EINVALID, "“%s”的“上次检查日期”不是有效日期。", o.Name)
	}
	return nil
}

// RelatedTo reports whether officer id has a conflict of interest with the object.
func (o InspectionObject) RelatedTo(officer uint64) bool {
	return slices.Contains(o.RelatedOfficers, officer)
}

// ObjectFilter selects the objects a task may draw from. An empty list matches everything.
type ObjectFilter struct {
	Types      []string
	Industries []string
	Regions    []string
	Grades     []RiskGrade
}

// Match reports whether the object is a candidate under the filter (closed objects never are).
func (f ObjectFilter) Match(o InspectionObject) bool {
	in := func(list []string, v string) bool { return len(list) == 0 || slices.Contains(list, v) }
	return !o.Closed && in(f.Types, o.Type) && in(f.Industries, o.Industry) && in(f.Regions, o.Region) &&
		(len(f.Grades) == 0 || slices.Contains(f.Grades, o.Grade))
}

// Describe says in one line what the filter selects, e.g. "行业：食品销售；区域：城关镇、河西乡".
func (f ObjectFilter) Describe() string {
	var parts []string
	add := func(label string, vs []string) {
		if len(vs) > 0 {
			parts = append(parts, label+"："+strings.Join(vs, "、"))
		}
	}
	add("主体类型", f.Types)
	add("行业", f.Industries)
	add("区域", f.Regions)
	if len(f.Grades) > 0 {
		g := make([]string, len(f.Grades))
		for i, x := range f.Grades {
			g[i] = x.Label()
		}
		add("风险等级", g)
	}
	if len(parts) == 0 {
		return "名录库中全部在营对象"
	}
	return strings.Join(parts, "；")
}

// MinOfficersPerObject: every inspection is carried out by at least two officers holding
// valid certificates (行政处罚法 §42, 行政检查 practice).
const MinOfficersPerObject = 2

// InspectionTask is one spot-check task (抽查任务) for a random-inspection matter: the plan,
// every draw made for it, the results and their publication.
type InspectionTask struct {
	ID         uint64
	Name       string // 任务名称, e.g. 2026年第四季度食品销售者双随机抽查
	MatterID   uint64 // the matter on the 随机抽查事项清单
	MatterName string // kept with the task even if the matter is renamed later
	Filter     ObjectFilter
	// Percent or Count says how many objects to draw: Percent of the candidates (rounded
	// up, at least one) when Percent > 0, else Count.
	Percent           float64
	Count             int
	OfficersPerObject int
	// OfficerCategory limits officers to those whose 执法类别 includes it ("" = any).
	OfficerCategory string
	RiskWeighted    bool // draw objects with the weights of their risk grade
	Start, End      Date // 检查时间

	Draws   []Draw              // every draw, oldest first; the last one is in force
	Results []InspectionResult  // one per inspected object
	Done    Date                // 完成日期: when every drawn object has its result
	Public  InspectionPublished // 一公开

	Created   time.Time
	CreatedBy string
}

// TaskStatus is where a task stands.
type TaskStatus string

const (
	TaskPlanned    TaskStatus = "planned"    // 待抽取
	TaskDrawn      TaskStatus = "drawn"      // 已抽取
	TaskInspecting TaskStatus = "inspecting" // 检查中
	TaskDone       TaskStatus = "done"       // 已完成（待公示）
	TaskPublished  TaskStatus = "published"  // 已公示
)

// Label is the status in Chinese.
func (s TaskStatus) Label() string {
	switch s {
	case TaskPlanned:
		return "待抽取"
	case TaskDrawn:
		return "已抽取"
	case TaskInspecting:
		return "检查中"
	case TaskDone:
		return "已完成待公示"
	case TaskPublished:
		return "已公示"
	}
	return string(s)
}

// Status derives the task's status from its draws, results and publication.
func (t InspectionTask) Status() TaskStatus {
	switch {
	case !t.Public.On.IsZero():
		return TaskPublished
	case !t.Done.IsZero():
		return TaskDone
	case len(t.Results) > 0:
		return TaskInspecting
	case len(t.Draws) > 0:
		return TaskDrawn
	}
	return TaskPlanned
}

// CurrentDraw is the draw in force (the last one); ok is false before the first draw.
func (t InspectionTask) CurrentDraw() (Draw, bool) {
	if len(t.Draws) == 0 {
		return Draw{}, false
	}
	return t.Draws[len(t.Draws)-1], true
}

// Result returns the result recorded for object id.
func (t InspectionTask) Result(object uint64) (InspectionResult, bool) {
	for _, r := range t.Results {
		if r.ObjectID == object {
			return r, true
		}
	}
	return InspectionResult{}, false
}

// ObjectsToDraw is how many of n candidates the plan draws.
func (t InspectionTask) ObjectsToDraw(n int) int {
	if t.Percent > 0 {
		k := int(math.Ceil(float64(n)*t.Percent/100 - 1e-9))
		return max(min(k, n), min(1, n))
	}
	return t.Count
}

// HowMany says the plan's size in words, e.g. "抽取 5%" or "抽取 12 户".
func (t InspectionTask) HowMany() string {
	if t.Percent > 0 {
		return "按比例 " + strconv.FormatFloat(t.Percent, 'f', -1, 64) + "%"
	}
	return "按数量 " + strconv.Itoa(t.Count) + " 户"
}

// Validate checks the plan as typed on the planning form.
func (t InspectionTask) Validate() error {
	if strings.TrimSpace(t.Name) == "" {
		return Errorf(EINVALID, "请填写“任务名称”。")
	}
	if utf8.RuneCountInString(t.Name) > 100 {
		return Errorf(EINVALID, "“任务名称”最多 100 个字。")
	}
	if t.MatterID == 0 {
		return Errorf(EINVALID, "请选择“抽查事项”（随机抽查事项清单中的事项）。")
	}
	switch {
	case t.Percent < 0 || t.Percent > 100 || math.IsNaN(t.Percent):
		return Errorf(EINVALID, "“抽取比例”应在 0 到 100 之间（百分数），现在是 %v。", t.Percent)
	case t.Percent == 0 && t.Count <= 0:
		return Errorf(EINVALID, "请填写“抽取比例”或“抽取数量”（至少 1 户）。")
	case t.Percent > 0 && t.Count > 0:
		return Errorf(EINVALID, "“抽取比例”和“抽取数量”只填一个。")
	case t.Count > 100000:
		return Errorf(EINVALID, "“抽取数量”%d 太大。", t.Count)
	}
	if t.OfficersPerObject < MinOfficersPerObject {
		return Errorf(EINVALID, "“每户执法人员数”至少为 %d 名（检查须由两名以上持证执法人员进行）。", MinOfficersPerObject)
	}
	if t.OfficersPerObject > 10 {
		return Errorf(EINVALID, "“每户执法人员数”最多 10 名。")
	}
	if t.Start.IsZero() || t.End.IsZero() {
		return Errorf(EINVALID, "请填写检查的“开始日期”和“结束日期”。")
	}
	if !t.Start.Valid() || !t.End.Valid() {
		return Errorf(EINVALID, "检查的开始或结束日期不是有效日期。")
	}
	if t.End.Before(t.Start) {
		return Errorf(EINVALID, "“结束日期”%s 早于“开始日期”%s。", t.End, t.Start)
	}
	for _, g := range t.Filter.Grades {
		if !g.Valid() {
			return Errorf(EINVALID, "筛选条件中的风险等级“%s”不认识。", g)
		}
	}
	return nil
}

// Finding is the outcome of inspecting one object.
type Finding string

const (
	FindingNone        Finding = "none"        // 未发现问题
	FindingCorrected   Finding = "corrected"   // 发现问题已责令改正
	FindingCase        Finding = "case"        // 发现问题，立案查处
	FindingUnreachable Finding = "unreachable" // 通过登记的住所（经营场所）无法联系
	FindingNotRunning  Finding = "notrunning"  // 未发现开展本次抽查涉及的经营活动
)

// AllFindings lists the findings in the order forms show them.
var AllFindings = []Finding{FindingNone, FindingCorrected, FindingCase, FindingUnreachable, FindingNotRunning}

// Label is the finding as published.
func (f Finding) Label() string {
	switch f {
	case FindingNone:
		return "未发现问题"
	case FindingCorrected:
		return "发现问题已责令改正"
	case FindingCase:
		return "发现问题，立案查处"
	case FindingUnreachable:
		return "通过登记的住所（经营场所）无法联系"
	case FindingNotRunning:
		return "未发现开展本次抽查涉及的经营活动"
	}
	return string(f)
}

// Valid reports whether f is a known finding.
func (f Finding) Valid() bool { return slices.Contains(AllFindings, f) }

// ParseFinding accepts the code or the Chinese label (also 立案查处, 责令改正).
func ParseFinding(s string) (Finding, error) {
	s = strings.TrimSpace(s)
	switch s {
	case "立案查处":
		return FindingCase, nil
	case "责令改正", "已责令改正":
		return FindingCorrected, nil
	case "无法联系":
		return FindingUnreachable, nil
	}
	for _, f := range AllFindings {
		if s == string(f) || s == f.Label() {
			return f, nil
		}
	}
	return "", Errorf(EINVALID, "检查结果“%s”不认识。可填：未发现问题、发现问题已责令改正、立案查处、无法联系、未发现相关经营活动。", s)
}

// InspectionResult is the inspection record of one drawn object.
type InspectionResult struct {
	ObjectID uint64
	Date     Date     // 检查日期
	Officers []uint64 // who inspected (normally the drawn officers)
	Finding  Finding
	Details  string // 检查情况: what was checked and found; may contain personal data (redacted on publication)
	CaseID   uint64 // the case opened for 立案查处, 0 otherwise
	CaseNo   string
	Files    []ResultFile // 检查记录、照片、执法记录仪录像
	By       string
	At       time.Time
}

// ResultFile is a document or recording attached to a result (kept in the blob store).
type ResultFile struct {
	Name   string // the file name as chosen
	SHA256 string
	Size   int64
}

// Validate checks a result against its task on the day it is recorded.
func (r InspectionResult) Validate(t InspectionTask, today Date) error {
	if r.Date.IsZero() || !r.Date.Valid() {
		return Errorf(EINVALID, "请填写有效的“检查日期”。")
	}
	if r.Date.After(today) {
		return Errorf(EINVALID, "“检查日期”%s 在今天之后，请检查。", r.Date)
	}
	if d, ok := t.CurrentDraw(); !ok || d.At.IsZero() {
		return Errorf(EINVALID, "任务“%s”还没有抽取，不能登记检查结果。", t.Name)
	} else if r.Date.Before(DateOf(d.At.Local())) {
		return Errorf(EINVALID, "“检查日期”%s 早于抽取日期 %s。", r.Date, DateOf(d.At.Local()))
	}
	if !r.Finding.Valid() {
		return Errorf(EINVALID, "请选择“检查结果”。")
	}
	if len(r.Officers) < MinOfficersPerObject {
		return Errorf(EINVALID, "检查须由至少 %d 名执法人员进行，请选择“检查人员”。", MinOfficersPerObject)
	}
	if strings.TrimSpace(r.Details) == "" && r.Finding != FindingNone {
		return Errorf(EINVALID, "检查结果为“%s”时，请在“检查情况”中写明发现的问题和处理情况。", r.Finding.Label())
	}
	if utf8.RuneCountInString(r.Details) > 2000 {
		return Errorf(EINVALID, "“检查情况”最多 2000 个字。")
	}
	return nil
}

// InspectionPublished is the publication of a task's results (一公开).
type InspectionPublished struct {
	On      Date   // 公示日期, zero until published
	Channel string // 公示渠道, e.g. 国家企业信用信息公示系统、本局网站
	By      string
}

// Results of a task are published within ActInspection.PublishWithinWorkingDays() (20)
// working days of its completion (DOMAIN.md §1.3, "every other decision"), or as many as
// the office's publication rules say for 行政检查.

// Permissions of 双随机、一公开.
var (
	PermInspectionView      = NewPermission("inspection.view", AllRoles...)                           // directory, tasks, draw records
	PermInspectionDirectory = NewPermission("inspection.directory", RoleAdmin, RoleHead, RoleOfficer) // edit and import the object directory
	PermInspectionPlan      = NewPermission("inspection.plan", RoleAdmin, RoleHead)                   // plan tasks
	PermInspectionDraw      = NewPermission("inspection.draw", RoleAdmin, RoleHead)                   // draw and re-draw
	PermInspectionResult    = NewPermission("inspection.result", RoleAdmin, RoleHead, RoleOfficer)    // record inspection results
	PermInspectionPublish   = NewPermission("inspection.publish", RoleAdmin, RoleHead, RoleClerk)     // publish results (一公开)
)

// CompleteCreditCode appends the GB 32100 check character to the first 17 characters of a
// unified social credit code ("" when they cannot form one), for generated test and demo data.
func CompleteCreditCode(first17 string) string {
	for _, c := range "0123456789ABCDEFGHJKLMNPQRTUWXY" {
		if code := first17 + string(c); ValidCreditCode(code) {
			return code
		}
	}
	return ""
}
