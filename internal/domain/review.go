package domain

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// Legal review of major decisions (重大执法决定法制审核, DOMAIN.md §3): the checklist, the
// opinions, the rounds between the handling unit and the legal unit, coordination by the
// office head, the time limit and the staffing rule.

// Permissions of the legal review.
var (
	PermReviewView       = NewPermission("review.view", RoleAdmin, RoleHead, RoleOfficer, RoleReviewer)
	PermReviewSubmit     = NewPermission("review.submit", RoleOfficer, RoleHead) // 送审, respond, ask for coordination
	PermReviewOpinion    = NewPermission("review.opinion", RoleReviewer)         // checklist and opinion
	PermReviewCoordinate = NewPermission("review.coordinate", RoleHead)          // 协调 / 集体讨论
	PermReviewSettings   = NewPermission("review.settings", RoleAdmin)           // catalogue, checklist, time limit
	PermReviewPrint      = NewPermission("review.print", RoleAdmin, RoleHead, RoleOfficer, RoleReviewer)
)

// ---- the checklist ----

// Pre-checks LawDesk can run from data it already has; checklist elements name the ones
// that support them.
const (
	PreCheckCertificates = "certificates" // officers' certificates valid on the stage dates
	PreCheckTwoOfficers  = "two_officers" // at least two officers at each enforcement step
	PreCheckDeadlines    = "deadlines"    // the case's time limits were met
	PreCheckDocuments    = "documents"    // required documents present
	PreCheckBenchmark    = "benchmark"    // proposed amount within the benchmark range
)

// PreCheckTitles names each pre-check, in the order screens show them.
var PreCheckTitles = []struct{ Key, Title string }{
	{PreCheckCertificates, "执法证件在各环节日期有效"},
	{PreCheckTwoOfficers, "执法人员不少于两人"},
	{PreCheckDeadlines, "办案期限符合规定"},
	{PreCheckDocuments, "必备材料齐全"},
	{PreCheckBenchmark, "拟罚款金额在裁量基准范围内"},
}

// PreCheckTitle is the Chinese title of a pre-check key.
func PreCheckTitle(key string) string {
	for _, p := range PreCheckTitles {
		if p.Key == key {
			return p.Title
		}
	}
	return key
}

// ChecklistElement is one element of the 审核要素清单.
type ChecklistElement struct {
	Key       string   // stable identifier, e.g. "subject"
	Title     string   // e.g. 执法主体是否合法
	Hint      string   // what to look at
	PreChecks []string // pre-checks that support this element
}

// DefaultChecklist is the ten elements of DOMAIN.md §3.
func DefaultChecklist() []ChecklistElement {
	return []ChecklistElement{
		{Key: "subject", Title: "执法主体是否合法", Hint: "本机关是否具有该事项的法定职权，承办机构是否适格"},
		{Key: "officers", Title: "执法人员是否具备执法资格", Hint: "参与执法的人员是否持有有效执法证件",
			PreChecks: []string{PreCheckCertificates}},
		{Key: "procedure", Title: "执法程序是否合法", Hint: "立案、调查、告知、听证等环节是否依法进行，期限是否符合规定",
			PreChecks: []string{PreCheckTwoOfficers, PreCheckDeadlines}},
		{Key: "facts", Title: "案件事实是否清楚", Hint: "违法行为的时间、地点、情节、后果是否查明"},
		{Key: "evidence", Title: "证据是否合法充分", Hint: "证据的取得是否合法，能否相互印证、形成完整的证据链"},
		{Key: "law", Title: "适用法律法规规章是否准确", Hint: "定性是否准确，引用条款是否正确、完整"},
		{Key: "discretion", Title: "裁量基准运用是否适当", Hint: "是否按裁量基准确定处罚幅度，从轻、减轻、从重理由是否充分",
			PreChecks: []string{PreCheckBenchmark}},
		{Key: "authority", Title: "是否超越法定权限", Hint: "处罚种类和幅度是否在本机关权限之内"},
		{Key: "documents", Title: "执法文书是否规范齐备", Hint: "文书是否齐全、格式规范、签章完整",
			PreChecks: []string{PreCheckDocuments}},
		{Key: "crime", Title: "是否涉嫌犯罪需要移送司法机关", Hint: "涉案金额、情节是否达到刑事立案追诉标准"},
	}
}

// ValidateChecklist checks an edited checklist: at least one element, titles present,
// keys unique, pre-checks known.
func ValidateChecklist(els []ChecklistElement) error {
	if len(els) == 0 {
		return Errorf(EINVALID, "审核要素清单至少要有一项。")
	}
	seen := map[string]bool{}
	for i, e := range els {
		if strings.TrimSpace(e.Title) == "" {
			return Errorf(EINVALID, "审核要素第 %d 项没有填写名称。", i+1)
		}
		if utf8.RuneCountInString(e.Title) > 60 {
			return Errorf(EINVALID, "审核要素“%s”的名称最多 60 个字。", quoteInput(e.Title))
		}
		if e.Key == "" || seen[e.Key] {
			return Errorf(EINVALID, "审核要素“%s”的内部编号为空或重复。", e.Title)
		}
		seen[e.Key] = true
		for _, p := range e.PreChecks {
			if PreCheckTitle(p) == p {
				return Errorf(EINVALID, "审核要素“%s”引用了不存在的自动核对“%s”。", e.Title, p)
			}
		}
	}
	return nil
}

// ElementFinding is the reviewer's finding on one checklist element.
type ElementFinding string

const (
	ElementUnset   ElementFinding = ""        // not yet examined
	ElementOK      ElementFinding = "ok"      // 符合
	ElementProblem ElementFinding = "problem" // 存在问题
	ElementNA      ElementFinding = "na"      // 不适用
)

// AllElementFindings lists the findings a reviewer can choose.
var AllElementFindings = []ElementFinding{ElementOK, ElementProblem, ElementNA}

// Label is the finding's Chinese name.
func (f ElementFinding) Label() string {
	switch f {
	case ElementOK:
		return "符合"
	case ElementProblem:
		return "存在问题"
	case ElementNA:
		return "不适用"
	}
	return "未审核"
}

// ParseElementFinding accepts a finding's code or Chinese name.
func ParseElementFinding(s string) (ElementFinding, error) {
	s = strings.TrimSpace(s)
	for _, f := range AllElementFindings {
		if s == string(f) || s == f.Label() {
			return f, nil
		}
	}
	return ElementUnset, Errorf(EINVALID, "审核结论“%s”不认识。可选：符合、存在问题、不适用。", s)
}

// ChecklistItem is the reviewer's finding on one element in one round.
type ChecklistItem struct {
	Key      string
	Title    string
	Finding  ElementFinding
	Note     string // the reviewer's note: what is wrong, or what was checked
	Resolved string // for 存在问题: why it does not stand in the way of 同意 (resolved or explained)
	// Evidence is what the pre-checks found for this element when the round was opened,
	// kept so the record shows what the reviewer saw.
	Evidence []string
}

// NewChecklist returns the empty items of a round for els.
func NewChecklist(els []ChecklistElement) []ChecklistItem {
	out := make([]ChecklistItem, len(els))
	for i, e := range els {
		out[i] = ChecklistItem{Key: e.Key, Title: e.Title}
	}
	return out
}

// Blocking reports whether the item stands in the way of 同意: a problem neither resolved
// nor explained.
func (it ChecklistItem) Blocking() bool {
	return it.Finding == ElementProblem && strings.TrimSpace(it.Resolved) == ""
}

// ---- opinions ----

// Opinion is the legal unit's written opinion (DOMAIN.md §3).
type Opinion string

const (
	OpinionAgree      Opinion = "agree"      // 同意
	OpinionChange     Opinion = "change"     // 变更
	OpinionCorrect    Opinion = "correct"    // 纠正
	OpinionSupplement Opinion = "supplement" // 补充
	OpinionTransfer   Opinion = "transfer"   // 移送
)

// AllOpinions lists the opinions in the order screens show them.
var AllOpinions = []Opinion{OpinionAgree, OpinionChange, OpinionCorrect, OpinionSupplement, OpinionTransfer}

var opinionLabels = map[Opinion][2]string{
	OpinionAgree:      {"同意", "同意作出决定"},
	OpinionChange:     {"变更", "建议变更拟处理意见"},
	OpinionCorrect:    {"纠正", "建议纠正存在的问题"},
	OpinionSupplement: {"补充", "建议补充调查取证或材料"},
	OpinionTransfer:   {"移送", "建议移送有权机关处理"},
}

// Label is the opinion's one-word Chinese name.
func (o Opinion) Label() string {
	if l, ok := opinionLabels[o]; ok {
		return l[0]
	}
	return "未出具"
}

// Long is the opinion as a phrase for documents, e.g. 建议补充调查取证或材料.
func (o Opinion) Long() string {
	if l, ok := opinionLabels[o]; ok {
		return l[1]
	}
	return "未出具"
}

// Valid reports whether o is a known opinion.
func (o Opinion) Valid() bool { _, ok := opinionLabels[o]; return ok }

// ParseOpinion accepts an opinion's code or Chinese name.
func ParseOpinion(s string) (Opinion, error) {
	s = strings.TrimSpace(s)
	for _, o := range AllOpinions {
		if s == string(o) || s == o.Label() || s == o.Long() {
			return o, nil
		}
	}
	return "", Errorf(EINVALID, "审核意见“%s”不认识。可选：同意、变更、纠正、补充、移送。", s)
}

// ---- submission ----

// ProposedDecision is what the handling unit proposes to decide (拟处理意见).
type ProposedDecision struct {
	Penalties    []PenaltyKind
	Fine         Money  // proposed fine and confiscation
	Content      string // 拟处理意见 in words, e.g. 罚款三万元，没收违法所得
	Basis        string // 法律依据: law and article
	Benchmark    string // 裁量基准 used: the entry and the circumstance
	BenchmarkMin Money  // the range that benchmark entry gives; both 0 when none applies
	BenchmarkMax Money
}

// Validate checks a proposed decision as typed in the submission form.
func (p ProposedDecision) Validate() error {
	if strings.TrimSpace(p.Content) == "" {
		return Errorf(EINVALID, "请填写“拟处理意见”，写明拟作出的决定内容。")
	}
	if strings.TrimSpace(p.Basis) == "" {
		return Errorf(EINVALID, "请填写“法律依据”（法律法规名称和条款）。")
	}
	for _, k := range p.Penalties {
		if !k.Valid() {
			return Errorf(EINVALID, "“拟处罚种类”中有不认识的种类。")
		}
	}
	if p.Fine < 0 || p.BenchmarkMin < 0 || p.BenchmarkMax < 0 {
		return Errorf(EINVALID, "金额不能是负数。")
	}
	if p.BenchmarkMax > 0 && p.BenchmarkMin > p.BenchmarkMax {
		return Errorf(EINVALID, "裁量基准的下限 %s 元大于上限 %s 元，请检查。", p.BenchmarkMin.String(), p.BenchmarkMax.String())
	}
	return nil
}

// Summary is the proposed decision in one line.
func (p ProposedDecision) Summary() string {
	s := strings.TrimSpace(p.Content)
	if s == "" {
		s = PenaltyLabels(p.Penalties)
	}
	return s
}

// Material is one line of the materials checklist of a submission: a kind of document and
// the case documents that provide it.
type Material struct {
	Name      string   // document kind, e.g. 询问笔录
	Required  bool     // submission is refused while a required material is missing
	Documents []string // titles of the case documents that provide it
	DocIDs    []uint64
}

// Present reports whether at least one document provides the material.
func (m Material) Present() bool { return len(m.DocIDs) > 0 }

// MissingMaterials lists the required materials no document provides.
func MissingMaterials(ms []Material) []string {
	var out []string
	for _, m := range ms {
		if m.Required && !m.Present() {
			out = append(out, m.Name)
		}
	}
	return out
}

// PointResponse answers one problem of the previous round (逐项回复).
type PointResponse struct {
	Key      string // checklist element key, or "opinion" for the opinion as a whole
	Problem  string // what the reviewer found
	Response string // what the handling unit did or why it disagrees
}

// Submission is one 送审 by the handling unit.
type Submission struct {
	Proposed    ProposedDecision
	Reasons     string // 送审理由 and the reasons for the proposed decision
	Materials   []Material
	Responses   []PointResponse // answers to the previous round's problems
	By          string          // login name
	ByName      string
	At          time.Time
	Voluntarily bool // sent although no catalogue rule matched
}

// ---- rounds and the review ----

// ReviewStatus is where a review stands.
type ReviewStatus string

const (
	ReviewPending      ReviewStatus = "pending"      // 待审核: submitted, waiting for the opinion
	ReviewReturned     ReviewStatus = "returned"     // 已退回: a problem opinion, waiting for the handling unit
	ReviewCoordinating ReviewStatus = "coordinating" // 协调中: the handling unit disagrees, the head decides
	ReviewAgreed       ReviewStatus = "agreed"       // 审核通过: the latest opinion is 同意
	ReviewConcluded    ReviewStatus = "concluded"    // 负责人决定: the head concluded the decision may be made
	ReviewTransferred  ReviewStatus = "transferred"  // 建议移送: the opinion is 移送
)

var reviewStatusLabels = map[ReviewStatus]string{
	ReviewPending:      "待审核",
	ReviewReturned:     "已退回承办机构",
	ReviewCoordinating: "协调中",
	ReviewAgreed:       "审核通过",
	ReviewConcluded:    "负责人协调后同意",
	ReviewTransferred:  "建议移送",
}

// Label is the status in Chinese.
func (s ReviewStatus) Label() string {
	if l, ok := reviewStatusLabels[s]; ok {
		return l
	}
	return "未送审"
}

// Round is one submission and the opinion on it.
type Round struct {
	No         int
	Submission Submission
	Deadline   Date   // the review time limit of this round
	Extended   bool   // the time limit was extended (only once)
	ExtendedBy string // reason for the extension
	Reviewer   string // login name of the reviewer who gave the opinion
	ReviewerNm string
	Checklist  []ChecklistItem
	Opinion    Opinion // "" while pending
	Reasons    string  // the opinion's reasons
	OpinionAt  time.Time
	OpinionNo  string // document number of the 法制审核意见书 for this round
}

// Decided reports whether the round has its opinion.
func (r Round) Decided() bool { return r.Opinion != "" }

// Problems lists the checklist items marked 存在问题.
func (r Round) Problems() []ChecklistItem {
	var out []ChecklistItem
	for _, it := range r.Checklist {
		if it.Finding == ElementProblem {
			out = append(out, it)
		}
	}
	return out
}

// Coordination outcomes.
type CoordinationOutcome string

const (
	CoordinationProceed CoordinationOutcome = "proceed" // the decision may be made as the head concluded
	CoordinationUphold  CoordinationOutcome = "uphold"  // the legal unit's opinion stands: fix and resubmit
)

// Label is the outcome in Chinese.
func (o CoordinationOutcome) Label() string {
	switch o {
	case CoordinationProceed:
		return "同意作出决定"
	case CoordinationUphold:
		return "按法制审核意见办理"
	}
	return "尚未决定"
}

// Coordination is the office head's handling of a disagreement between the handling unit
// and the legal unit (协调 or 集体讨论).
type Coordination struct {
	Round        int    // the round whose opinion is disputed
	Disagreement string // the handling unit's view
	RequestedBy  string
	RequestedNm  string
	RequestedAt  time.Time

	Head         string // login name of the 负责人 who recorded the conclusion
	HeadName     string
	Method       string // 负责人协调 or 集体讨论
	HeldOn       Date
	Participants []string
	Conclusion   string
	Outcome      CoordinationOutcome // "" until concluded
	ConcludedAt  time.Time
}

// Concluded reports whether the head recorded the conclusion.
func (c Coordination) Concluded() bool { return c.Outcome != "" }

// Coordination methods.
var CoordinationMethods = []string{"负责人协调", "集体讨论"}

// Review is the legal review of one case: its rounds and coordinations.
type Review struct {
	ID            uint64
	CaseID        uint64
	CaseNo        string // snapshot for lists
	Party         string // snapshot for lists and the opinion
	Handlers      []uint64
	HandlerLogins []string // login names of the case's handling officers (self-review refusal)
	MajorReasons  []string // why the case is major, when submitted
	Status        ReviewStatus
	Rounds        []Round
	Coordinations []Coordination
}

// Latest returns the latest round (the zero Round when none).
func (r Review) Latest() Round {
	if len(r.Rounds) == 0 {
		return Round{}
	}
	return r.Rounds[len(r.Rounds)-1]
}

// latest returns a pointer to the latest round.
func (r *Review) latest() *Round { return &r.Rounds[len(r.Rounds)-1] }

// OpenCoordination returns the coordination awaiting the head's conclusion.
func (r Review) OpenCoordination() (Coordination, bool) {
	if n := len(r.Coordinations); n > 0 && !r.Coordinations[n-1].Concluded() {
		return r.Coordinations[n-1], true
	}
	return Coordination{}, false
}

// Passed reports whether the decision may be made: the latest opinion is 同意, or the
// head concluded after coordination that it may.
func (r Review) Passed() bool {
	return r.Status == ReviewAgreed || r.Status == ReviewConcluded
}

// GateMessage explains why a case's decision may not yet be made ("" when it may).
func (r Review) GateMessage() string {
	switch r.Status {
	case ReviewAgreed, ReviewConcluded:
		return ""
	case ReviewPending:
		return fmt.Sprintf("案件 %s 的法制审核尚未完成（第 %d 轮待审核，期限 %s）。审核同意后才能作出决定。", r.CaseNo, len(r.Rounds), r.Latest().Deadline)
	case ReviewReturned:
		l := r.Latest()
		return fmt.Sprintf("案件 %s 的法制审核意见为“%s”，已退回承办机构。请按意见处理后重新送审，审核同意后才能作出决定。", r.CaseNo, l.Opinion.Label())
	case ReviewCoordinating:
		return fmt.Sprintf("案件 %s 的审核意见有分歧，正在等待负责人协调。负责人作出结论前不能作出决定。", r.CaseNo)
	case ReviewTransferred:
		return fmt.Sprintf("法制审核意见建议将案件 %s 移送有权机关处理，本机关不能作出决定。如有不同意见，请提请负责人协调。", r.CaseNo)
	}
	return fmt.Sprintf("案件 %s 属于重大执法决定，尚未送法制审核。请先送审，审核同意后才能作出决定。", r.CaseNo)
}

// OpenPoints lists the problems of the latest round that a resubmission must answer point
// by point: each element marked 存在问题, or the opinion itself when none is marked.
func (r Review) OpenPoints() []PointResponse {
	l := r.Latest()
	if !l.Decided() || l.Opinion == OpinionAgree {
		return nil
	}
	var out []PointResponse
	for _, it := range l.Problems() {
		out = append(out, PointResponse{Key: it.Key, Problem: it.Title + "：" + it.Note})
	}
	if len(out) == 0 {
		out = append(out, PointResponse{Key: "opinion", Problem: l.Opinion.Long() + "：" + l.Reasons})
	}
	return out
}

// Submit adds a round: the first submission, or a resubmission after a problem opinion or
// a coordination that upheld it (then every open point needs an answer).
func (r *Review) Submit(s Submission, deadline Date) error {
	if err := s.Proposed.Validate(); err != nil {
		return err
	}
	if strings.TrimSpace(s.Reasons) == "" {
		return Errorf(EINVALID, "请填写“送审理由”，说明拟处理意见的事实和理由。")
	}
	if missing := MissingMaterials(s.Materials); len(missing) > 0 {
		return Errorf(EINVALID, "送审材料不齐，缺少：%s。请先在案件中添加这些文书，再送审。", strings.Join(missing, "、"))
	}
	switch r.Status {
	case ReviewPending:
		return Errorf(ECONFLICT, "案件 %s 已经送审，正在等待审核意见，不能重复送审。", r.CaseNo)
	case ReviewCoordinating:
		return Errorf(ECONFLICT, "案件 %s 正在等待负责人协调，协调结论作出前不能重新送审。", r.CaseNo)
	}
	points := r.OpenPoints()
	if r.Status == ReviewReturned || r.Status == ReviewTransferred {
		answered := map[string]string{}
		for _, a := range s.Responses {
			answered[a.Key] = strings.TrimSpace(a.Response)
		}
		var unanswered []string
		for i := range points {
			if answered[points[i].Key] == "" {
				unanswered = append(unanswered, strings.SplitN(points[i].Problem, "：", 2)[0])
			}
			points[i].Response = answered[points[i].Key]
		}
		if len(unanswered) > 0 {
			return Errorf(EINVALID, "请逐项回复上一轮审核意见指出的问题后再送审，尚未回复：%s。", strings.Join(unanswered, "、"))
		}
		s.Responses = points
	} else {
		s.Responses = nil
	}
	r.Rounds = append(r.Rounds, Round{No: len(r.Rounds) + 1, Submission: s, Deadline: deadline})
	r.Status = ReviewPending
	return nil
}

// OpinionInput is what the reviewer records on a round.
type OpinionInput struct {
	Reviewer     string
	ReviewerName string
	Checklist    []ChecklistItem
	Opinion      Opinion
	Reasons      string
	At           time.Time
	No           string // document number of the opinion
}

// CanAgree says why 同意 is not yet possible ("" when it is): every element examined and
// no 存在问题 left unresolved and unexplained.
func CanAgree(items []ChecklistItem) string {
	var unset, blocking []string
	for _, it := range items {
		switch {
		case it.Finding == ElementUnset:
			unset = append(unset, it.Title)
		case it.Blocking():
			blocking = append(blocking, it.Title)
		}
	}
	if len(unset) > 0 {
		return "以下审核要素尚未审核：" + strings.Join(unset, "、") + "。"
	}
	if len(blocking) > 0 {
		return "以下审核要素“存在问题”，尚未说明已解决或不影响决定：" + strings.Join(blocking, "、") + "。请填写处理说明，或选择其他审核意见。"
	}
	return ""
}

// RecordOpinion gives the latest round its opinion. 同意 needs every element examined and
// every problem resolved or explained; any other opinion returns the case (移送: transfer).
func (r *Review) RecordOpinion(in OpinionInput) error {
	if r.Status != ReviewPending || len(r.Rounds) == 0 {
		return Errorf(ECONFLICT, "案件 %s 当前%s，没有待审核的送审。", r.CaseNo, r.Status.Label())
	}
	if !in.Opinion.Valid() {
		return Errorf(EINVALID, "请选择审核意见：同意、变更、纠正、补充或移送。")
	}
	if strings.TrimSpace(in.Reasons) == "" {
		return Errorf(EINVALID, "请填写审核意见的“理由”。")
	}
	l := r.latest()
	items, err := mergeChecklist(l.Checklist, in.Checklist)
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.Finding == ElementUnset {
			return Errorf(EINVALID, "审核要素“%s”尚未审核，请选择符合、存在问题或不适用。", it.Title)
		}
		if it.Finding == ElementProblem && strings.TrimSpace(it.Note) == "" {
			return Errorf(EINVALID, "审核要素“%s”选择了“存在问题”，请在说明中写明问题。", it.Title)
		}
	}
	if in.Opinion == OpinionAgree {
		if why := CanAgree(items); why != "" {
			return Errorf(EINVALID, "不能出具“同意”意见：%s", why)
		}
	}
	l.Checklist = items
	l.Reviewer, l.ReviewerNm = in.Reviewer, in.ReviewerName
	l.Opinion, l.Reasons, l.OpinionAt, l.OpinionNo = in.Opinion, strings.TrimSpace(in.Reasons), in.At, in.No
	switch in.Opinion {
	case OpinionAgree:
		r.Status = ReviewAgreed
	case OpinionTransfer:
		r.Status = ReviewTransferred
	default:
		r.Status = ReviewReturned
	}
	return nil
}

// mergeChecklist takes the reviewer's findings onto the round's elements, keeping the
// element list (and its pre-check evidence) as it was when the round opened.
func mergeChecklist(base, in []ChecklistItem) ([]ChecklistItem, error) {
	byKey := map[string]ChecklistItem{}
	for _, it := range in {
		byKey[it.Key] = it
	}
	out := make([]ChecklistItem, len(base))
	for i, b := range base {
		it, ok := byKey[b.Key]
		if ok {
			if it.Finding != ElementUnset && it.Finding != ElementOK && it.Finding != ElementProblem && it.Finding != ElementNA {
				return nil, Errorf(EINVALID, "审核要素“%s”的结论不认识。", b.Title)
			}
			b.Finding, b.Note, b.Resolved = it.Finding, strings.TrimSpace(it.Note), strings.TrimSpace(it.Resolved)
			if b.Finding != ElementProblem {
				b.Resolved = ""
			}
		}
		out[i] = b
	}
	return out, nil
}

// Extend extends the latest round's time limit once, with a reason.
func (r *Review) Extend(reason string, newDeadline Date) error {
	if r.Status != ReviewPending || len(r.Rounds) == 0 {
		return Errorf(ECONFLICT, "只有待审核的送审才能延长审核期限。")
	}
	if strings.TrimSpace(reason) == "" {
		return Errorf(EINVALID, "请填写延长审核期限的“理由”。")
	}
	l := r.latest()
	if l.Extended {
		return Errorf(ECONFLICT, "第 %d 轮的审核期限已经延长过一次（%s），不能再延长。", l.No, l.ExtendedBy)
	}
	l.Extended, l.ExtendedBy, l.Deadline = true, strings.TrimSpace(reason), newDeadline
	return nil
}

// RequestCoordination records that the handling unit disagrees with the latest opinion
// and asks the office head to coordinate.
func (r *Review) RequestCoordination(by, byName, disagreement string, at time.Time) error {
	if r.Status != ReviewReturned && r.Status != ReviewTransferred {
		return Errorf(ECONFLICT, "只有审核意见退回或建议移送时才能提请负责人协调（案件 %s 当前%s）。", r.CaseNo, r.Status.Label())
	}
	if strings.TrimSpace(disagreement) == "" {
		return Errorf(EINVALID, "请写明承办机构的“不同意见”及理由。")
	}
	r.Coordinations = append(r.Coordinations, Coordination{Round: len(r.Rounds), Disagreement: strings.TrimSpace(disagreement),
		RequestedBy: by, RequestedNm: byName, RequestedAt: at})
	r.Status = ReviewCoordinating
	return nil
}

// ConclusionInput is what the head records after coordination or collective discussion.
type ConclusionInput struct {
	Head         string
	HeadName     string
	Method       string
	HeldOn       Date
	Participants []string
	Conclusion   string
	Outcome      CoordinationOutcome
	At           time.Time
}

// Conclude records the head's conclusion: proceed lets the decision be made; uphold
// returns the case to the handling unit to deal with the opinion and resubmit.
func (r *Review) Conclude(in ConclusionInput) error {
	n := len(r.Coordinations)
	if r.Status != ReviewCoordinating || n == 0 {
		return Errorf(ECONFLICT, "案件 %s 没有等待协调的分歧。", r.CaseNo)
	}
	if in.Method != CoordinationMethods[0] && in.Method != CoordinationMethods[1] {
		return Errorf(EINVALID, "请选择协调方式：负责人协调或集体讨论。")
	}
	if in.HeldOn.IsZero() || !in.HeldOn.Valid() {
		return Errorf(EINVALID, "请填写协调（讨论）的“日期”。")
	}
	var people []string
	for _, p := range in.Participants {
		if p = strings.TrimSpace(p); p != "" {
			people = append(people, p)
		}
	}
	if len(people) == 0 {
		return Errorf(EINVALID, "请填写“参加人员”。")
	}
	if in.Method == "集体讨论" && len(people) < 3 {
		return Errorf(EINVALID, "集体讨论应有 3 名以上参加人员，现在只填了 %d 名。", len(people))
	}
	if strings.TrimSpace(in.Conclusion) == "" {
		return Errorf(EINVALID, "请填写协调“结论”。")
	}
	if in.Outcome != CoordinationProceed && in.Outcome != CoordinationUphold {
		return Errorf(EINVALID, "请选择结论：同意作出决定，或按法制审核意见办理。")
	}
	c := &r.Coordinations[n-1]
	c.Head, c.HeadName, c.Method, c.HeldOn = in.Head, in.HeadName, in.Method, in.HeldOn
	c.Participants, c.Conclusion, c.Outcome, c.ConcludedAt = people, strings.TrimSpace(in.Conclusion), in.Outcome, in.At
	if in.Outcome == CoordinationProceed {
		r.Status = ReviewConcluded
	} else {
		r.Status = ReviewReturned
	}
	return nil
}

// ---- time limit and staffing ----

// ReviewPolicy holds the office's figures for the legal review.
type ReviewPolicy struct {
	TimeLimitDays    int     // working days for a round (default 7)
	ExtensionDays    int     // one extension by this many working days (default 3)
	MinReviewerShare float64 // reviewers as a percentage of enforcement officers (default 5)
	MinReviewers     int     // and never fewer than this many people (default 2)
}

// DefaultReviewPolicy is the national example: 7 working days, extendable once by 3;
// reviewers at least 5% of officers and at least 2 people.
func DefaultReviewPolicy() ReviewPolicy {
	return ReviewPolicy{TimeLimitDays: 7, ExtensionDays: 3, MinReviewerShare: 5, MinReviewers: 2}
}

// Validate checks the policy as an administrator edits it.
func (p ReviewPolicy) Validate() error {
	if p.TimeLimitDays < 1 || p.TimeLimitDays > 60 {
		return Errorf(EINVALID, "“审核期限”应在 1 到 60 个工作日之间。")
	}
	if p.ExtensionDays < 0 || p.ExtensionDays > 30 {
		return Errorf(EINVALID, "“可延长天数”应在 0 到 30 个工作日之间。")
	}
	if p.MinReviewerShare < 0 || p.MinReviewerShare > 100 {
		return Errorf(EINVALID, "“审核人员比例”应在 0 到 100 之间。")
	}
	if p.MinReviewers < 0 || p.MinReviewers > 50 {
		return Errorf(EINVALID, "“审核人员最少人数”应在 0 到 50 之间。")
	}
	return nil
}

// Staffing compares the legal unit with the enforcement officers.
type Staffing struct {
	Officers  int // enforcement officers
	Reviewers int // legal reviewers
	Required  int // reviewers needed: the share of officers, rounded up, and at least the minimum
	Policy    ReviewPolicy
}

// EvaluateStaffing computes the reviewers required for officers enforcement officers.
func EvaluateStaffing(officers, reviewers int, p ReviewPolicy) Staffing {
	byShare := int(math.Ceil(float64(officers)*p.MinReviewerShare/100 - 1e-9))
	return Staffing{Officers: officers, Reviewers: reviewers, Required: max(byShare, p.MinReviewers), Policy: p}
}

// OK reports whether there are enough reviewers.
func (s Staffing) OK() bool { return s.Reviewers >= s.Required }

// Share is reviewers as a percentage of officers (0 when there are no officers).
func (s Staffing) Share() float64 {
	if s.Officers == 0 {
		return 0
	}
	return float64(s.Reviewers) / float64(s.Officers) * 100
}

// Message explains the staffing in one sentence.
func (s Staffing) Message() string {
	if s.OK() {
		return fmt.Sprintf("法制审核人员 %d 人，执法人员 %d 人，符合要求（不少于执法人员的 %g%%，且不少于 %d 人，即至少 %d 人）。",
			s.Reviewers, s.Officers, s.Policy.MinReviewerShare, s.Policy.MinReviewers, s.Required)
	}
	return fmt.Sprintf("法制审核人员不足：现有 %d 人，按执法人员 %d 人计算至少需要 %d 人（不少于 %g%%，且不少于 %d 人），还差 %d 人。",
		s.Reviewers, s.Officers, s.Required, s.Policy.MinReviewerShare, s.Policy.MinReviewers, s.Required-s.Reviewers)
}

// ReviewConfig is the office's legal-review configuration: the catalogue of major
// decisions, the checklist and the figures.
type ReviewConfig struct {
	Rules     []MajorRule
	Checklist []ChecklistElement
	Policy    ReviewPolicy
}

// DefaultReviewConfig is what a new office starts with.
func DefaultReviewConfig() ReviewConfig {
	return ReviewConfig{Rules: DefaultMajorRules(), Checklist: DefaultChecklist(), Policy: DefaultReviewPolicy()}
}

// Validate checks the whole configuration.
func (c ReviewConfig) Validate() error {
	if err := ValidateMajorRules(c.Rules); err != nil {
		return err
	}
	if err := ValidateChecklist(c.Checklist); err != nil {
		return err
	}
	return c.Policy.Validate()
}

// ReviewMarks are what the handling officer marks on a case for the catalogue: facts no
// other record holds, and the wish to send a non-major case to review.
type ReviewMarks struct {
	Complex        bool   // 案情疑难复杂、涉及多个法律关系
	PublicInterest bool   // 涉及重大公共利益或可能造成重大社会影响
	Voluntary      bool   // send to review although no rule matches
	Note           string // why, in the officer's words
}
