package domain

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Case is one enforcement act recorded from its first registration to its archived dossier
// (全过程记录, DOMAIN.md §2.1): who, what, against whom, through which stages, with which
// decision. Its documents are separate records (Document) pointing at it.
type Case struct {
	ID     uint64
	Number string // 案件编号, e.g. 青市监处罚〔2026〕12号 (generated, or typed for older cases)

	Type         ActType
	MatterID     uint64 // the entry of the 执法事项清单, 0 when none matches (yet)
	MatterName   string // the matter as written, kept even when MatterID is set
	Procedure    Procedure
	Source       CaseSource
	Party        Party
	HandlingUnit string   // 承办机构
	OfficerIDs   []uint64 // 承办人员 (domain.Officer IDs): at least two with valid certificates
	Amount       Money    // 涉案金额
	Facts        string   // 案情摘要
	Secrecy      Secrecy
	Retention    Retention

	Stage    Stage         // the stage in progress (StageArchive once closed)
	Status   CaseStatus    // derived from Stage and Archived; kept for the index
	History  []StageRecord // every completed stage and every step back, oldest first
	Decision Decision

	Opened   Date // date of the first stage (受理/来源登记)
	Closed   Date // 结案 date; the 30-day archiving deadline runs from it
	Archived Date // 归档 date; the case is locked from then on

	ArchiveNo   string       // 档号 (DA/T 22), assigned at archiving
	Required    []string     // the documents the dossier had to hold when it was archived
	Annotations []Annotation // notes added after archiving (the only change allowed then)

	Created   time.Time
	Updated   time.Time
	CreatedBy string // login name
}

// Procedure is the procedure a case follows: 简易程序 or 普通程序.
type Procedure string

const (
	ProcedureGeneral Procedure = "general" // 普通程序
	ProcedureSimple  Procedure = "simple"  // 简易程序
)

// CaseSource is where a case came from (案件来源).
type CaseSource string

const (
	SourceComplaint  CaseSource = "complaint"  // 投诉举报
	SourceInspection CaseSource = "inspection" // 监督检查
	SourceTransfer   CaseSource = "transfer"   // 移送
	SourceAssigned   CaseSource = "assigned"   // 上级交办
	SourceOther      CaseSource = "other"      // 其他
)

// PartyKind tells a natural person from an organisation.
type PartyKind string

const (
	PartyPerson       PartyKind = "person" // 自然人
	PartyOrganisation PartyKind = "org"    // 法人或其他组织
)

// Party is the 当事人. IDNumber, Contact and Address of a natural person are personal data:
// never published, masked in lists and command-line output.
type Party struct {
	Kind     PartyKind
	Name     string // 姓名 or 名称
	IDNumber string // 身份证号 (person) or 统一社会信用代码 (organisation)
	LegalRep string // 法定代表人 (organisation)
	Contact  string // 联系电话
	Address  string // 住所或地址
}

// Secrecy marks records that need special handling (DOMAIN.md §2.3): 涉密 and 个人隐私 need
// an explicit reason to open; none of the three is ever published.
type Secrecy string

const (
	SecrecyNone    Secrecy = ""        // 无
	SecrecyState   Secrecy = "state"   // 涉密 (state secret)
	SecrecyTrade   Secrecy = "trade"   // 商业秘密
	SecrecyPrivacy Secrecy = "privacy" // 个人隐私
)

// NeedsReason reports whether opening a record so marked must be justified in writing.
func (s Secrecy) NeedsReason() bool { return s == SecrecyState || s == SecrecyPrivacy }

// Retention is how long the dossier is kept (保管期限).
type Retention string

const (
	RetentionPermanent Retention = "permanent" // 永久 (general procedure)
	Retention30Years   Retention = "30y"       // 30年 (simple procedure)
	Retention10Years   Retention = "10y"       // 10年
)

// DefaultRetention is the retention DOMAIN.md §2.3 gives a procedure.
func DefaultRetention(p Procedure) Retention {
	if p == ProcedureSimple {
		return Retention30Years
	}
	return RetentionPermanent
}

// CaseStatus is where a case stands as a whole.
type CaseStatus string

const (
	StatusOpen     CaseStatus = "open"     // 办理中
	StatusClosed   CaseStatus = "closed"   // 已结案，待归档
	StatusArchived CaseStatus = "archived" // 已归档 (locked)
)

// AllCaseStatuses lists the statuses in the order filters show them.
var AllCaseStatuses = []CaseStatus{StatusOpen, StatusClosed, StatusArchived}

// StageRecord is one line of a case's history: a completed stage, or a step back.
type StageRecord struct {
	Stage     Stage  // the stage completed, or (Back) the stage returned to
	Date      Date   // the date the stage was done (or the return decided)
	OfficerID uint64 // the officer responsible for it
	Note      string // what was done, or (Back) why the case went back
	Back      bool   // a step back (e.g. 补充调查), not a completion
	From      Stage  // (Back) the stage the case was in
	Actor     string // who recorded it
	At        time.Time
}

// Decision is what the case decided, or why it decided nothing.
type Decision struct {
	Kinds        []PenaltyKind // penalty kinds (empty for non-penalty decisions)
	Fine         Money         // 罚款
	Confiscation Money         // 没收违法所得及非法财物的金额
	DocNumber    string        // 决定书文号
	Date         Date          // 决定日期
	Summary      string        // 决定内容 (e.g. 准予许可, 责令改正…)
	HearingHeld  bool          // the decision follows a hearing (听证)
	// NotDecidedReason records why no decision was made (不予立案, 撤销立案, 不予处罚…);
	// such a case closes without service and execution.
	NotDecidedReason string
}

// Decided reports whether a decision has been recorded.
func (d Decision) Decided() bool { return !d.Date.IsZero() }

// Annotation is a note added to an archived case (e.g. 案卷评查意见).
type Annotation struct {
	Text  string
	Actor string
	At    time.Time
}

// Labels of the enumerations, as screens, print and the command line show them.
var (
	procedureLabels = map[Procedure]string{ProcedureGeneral: "普通程序", ProcedureSimple: "简易程序"}
	sourceLabels    = map[CaseSource]string{SourceComplaint: "投诉举报", SourceInspection: "监督检查",
		SourceTransfer: "移送", SourceAssigned: "上级交办", SourceOther: "其他"}
	partyKindLabels = map[PartyKind]string{PartyPerson: "自然人", PartyOrganisation: "法人或其他组织"}
	secrecyLabels   = map[Secrecy]string{SecrecyNone: "无", SecrecyState: "涉密", SecrecyTrade: "商业秘密",
		SecrecyPrivacy: "个人隐私"}
	retentionLabels = map[Retention]string{RetentionPermanent: "永久", Retention30Years: "30年", Retention10Years: "10年"}
	statusLabels    = map[CaseStatus]string{StatusOpen: "办理中", StatusClosed: "已结案", StatusArchived: "已归档"}
)

// Orders for choosers.
var (
	AllProcedures = []Procedure{ProcedureGeneral, ProcedureSimple}
	AllSources    = []CaseSource{SourceComplaint, SourceInspection, SourceTransfer, SourceAssigned, SourceOther}
	AllPartyKinds = []PartyKind{PartyOrganisation, PartyPerson}
	AllSecrecies  = []Secrecy{SecrecyNone, SecrecyTrade, SecrecyPrivacy, SecrecyState}
	AllRetentions = []Retention{RetentionPermanent, Retention30Years, Retention10Years}
)

func (p Procedure) Label() string  { return labelOr(procedureLabels, p) }
func (s CaseSource) Label() string { return labelOr(sourceLabels, s) }
func (k PartyKind) Label() string  { return labelOr(partyKindLabels, k) }
func (s Secrecy) Label() string    { return labelOr(secrecyLabels, s) }
func (r Retention) Label() string  { return labelOr(retentionLabels, r) }
func (s CaseStatus) Label() string { return labelOr(statusLabels, s) }

func (p Procedure) Valid() bool  { _, ok := procedureLabels[p]; return ok }
func (s CaseSource) Valid() bool { _, ok := sourceLabels[s]; return ok }
func (k PartyKind) Valid() bool  { _, ok := partyKindLabels[k]; return ok }
func (s Secrecy) Valid() bool    { _, ok := secrecyLabels[s]; return ok }
func (r Retention) Valid() bool  { _, ok := retentionLabels[r]; return ok }
func (s CaseStatus) Valid() bool { _, ok := statusLabels[s]; return ok }

func labelOr[K ~string](m map[K]string, k K) string {
	if l, ok := m[k]; ok {
		return l
	}
	return string(k)
}

// parseLabel accepts a code or its Chinese label.
func parseLabel[K ~string](m map[K]string, s, field string) (K, error) {
	s = strings.TrimSpace(s)
	for k, l := range m {
		if s == string(k) || s == l {
			return k, nil
		}
	}
	labels := make([]string, 0, len(m))
	for _, l := range m {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	return "", Errorf(EINVALID, "%s“%s”不认识。可填：%s。", field, s, strings.Join(labels, "、"))
}

// ParseCaseStatus accepts open/closed/archived or 办理中/已结案/已归档.
func ParseCaseStatus(s string) (CaseStatus, error) {
	return parseLabel(statusLabels, s, "案件状态")
}

// Case limits.
const (
	MinCaseOfficers   = 2    // 执法人员不得少于两人 (行政处罚法 第四十二条)
	ArchiveWithinDays = 30   // a dossier is formed within 30 days of closing (DOMAIN.md §2.3)
	ArchiveWarnDays   = 7    // the dashboard warns this many days before
	DecideWithinDays  = 90   // 普通程序 decision within 90 days of 立案 (行政处罚法 第六十条)
	maxFactsRunes     = 4000 // 案情摘要
)

// ArchiveDue is the last day to archive a closed case; zero while the case is open.
func (c Case) ArchiveDue() Date {
	if c.Closed.IsZero() {
		return Date{}
	}
	return c.Closed.AddDays(ArchiveWithinDays)
}

// Locked reports whether the case is archived: nothing may change but annotations.
func (c Case) Locked() bool { return !c.Archived.IsZero() }

// Filed returns the date 立案 was completed, zero when it was not.
func (c Case) Filed() Date {
	if r, ok := c.Completed(StageFile); ok {
		return r.Date
	}
	return Date{}
}

// Completed returns the latest completion record of stage that has not been undone by a
// later step back to it or before it.
func (c Case) Completed(stage Stage) (StageRecord, bool) {
	for i := len(c.History) - 1; i >= 0; i-- {
		r := c.History[i]
		if r.Back && r.Stage.Index() <= stage.Index() {
			return StageRecord{}, false
		}
		if !r.Back && r.Stage == stage {
			return r, true
		}
	}
	return StageRecord{}, false
}

// Overdue says whether a deadline of the case has passed on today and which: the archiving
// deadline of a closed case, or the 90-day decision limit of an open general-procedure
// penalty case counted from 立案.
func (c Case) Overdue(today Date) (bool, string) {
	switch c.Status {
	case StatusClosed:
		if due := c.ArchiveDue(); today.After(due) {
			return true, "超过归档期限（结案后 30 日内，应于 " + due.String() + " 前归档）"
		}
	case StatusOpen:
		if c.Type == ActPenalty && c.Procedure == ProcedureGeneral && !c.Decision.Decided() {
			if f := c.Filed(); !f.IsZero() && today.After(f.AddDays(DecideWithinDays)) {
				return true, "立案已超过 90 日仍未作出决定（立案日期 " + f.String() + "）"
			}
		}
	}
	return false, ""
}

// StatusFor derives a case's status from its stage and archive date.
func StatusFor(stage Stage, archived Date) CaseStatus {
	switch {
	case !archived.IsZero():
		return StatusArchived
	case stage == StageArchive:
		return StatusClosed
	default:
		return StatusOpen
	}
}

// Validate checks what a person types when registering or editing a case. Officers'
// certificates are checked by the service, which knows them.
func (c Case) Validate() error {
	if !c.Type.Valid() {
		return Errorf(EINVALID, "请选择“执法类别”。")
	}
	if strings.TrimSpace(c.MatterName) == "" {
		return Errorf(EINVALID, "请填写“执法事项”（可从事项清单中选择，也可直接填写）。")
	}
	if utf8.RuneCountInString(c.MatterName) > 200 {
		return Errorf(EINVALID, "“执法事项”最多 200 个字。")
	}
	if !c.Procedure.Valid() {
		return Errorf(EINVALID, "请选择“程序”（简易程序或普通程序）。")
	}
	if !c.Source.Valid() {
		return Errorf(EINVALID, "请选择“案件来源”。")
	}
	if err := c.Party.Validate(); err != nil {
		return err
	}
	if strings.TrimSpace(c.HandlingUnit) == "" {
		return Errorf(EINVALID, "请填写“承办机构”。")
	}
	if c.Amount < 0 {
		return Errorf(EINVALID, "“涉案金额”不能为负数。")
	}
	if utf8.RuneCountInString(c.Facts) > maxFactsRunes {
		return Errorf(EINVALID, "“案情摘要”最多 %d 个字，现在是 %d 个。较长的内容请作为文书附上。", maxFactsRunes, utf8.RuneCountInString(c.Facts))
	}
	if !c.Secrecy.Valid() {
		return Errorf(EINVALID, "“密级标记”不认识：%s。", c.Secrecy)
	}
	if !c.Retention.Valid() {
		return Errorf(EINVALID, "请选择“保管期限”。")
	}
	if len(c.OfficerIDs) < MinCaseOfficers {
		return Errorf(EINVALID, "请至少指定 %d 名“承办人员”（执法人员不得少于两人）。", MinCaseOfficers)
	}
	seen := map[uint64]bool{}
	for _, id := range c.OfficerIDs {
		if seen[id] {
			return Errorf(EINVALID, "“承办人员”中有人被选了两次，请检查。")
		}
		seen[id] = true
	}
	if !c.Opened.IsZero() && !c.Opened.Valid() {
		return Errorf(EINVALID, "“受理日期”不是有效日期。")
	}
	return nil
}

// Validate checks the party's fields.
func (p Party) Validate() error {
	if !p.Kind.Valid() {
		return Errorf(EINVALID, "请选择当事人类型（自然人或法人、其他组织）。")
	}
	name := strings.TrimSpace(p.Name)
	if name == "" {
		return Errorf(EINVALID, "请填写“当事人”的姓名或名称。")
	}
	if utf8.RuneCountInString(name) > 100 {
		return Errorf(EINVALID, "“当事人”名称最多 100 个字。")
	}
	id := strings.TrimSpace(p.IDNumber)
	switch {
	case id == "":
	case p.Kind == PartyOrganisation && !ValidCreditCode(strings.ToUpper(id)):
		return Errorf(EINVALID, "当事人“%s”的“统一社会信用代码”格式不对：%s。应为 18 位数字或大写字母，请核对营业执照。", name, id)
	case p.Kind == PartyPerson && !ValidIDNumber(id):
		return Errorf(EINVALID, "当事人“%s”的“身份证号”格式不对：%s。应为 18 位，最后一位可以是 X，请核对身份证。", name, id)
	}
	if p.Contact != "" && !validPhone(p.Contact) {
		return Errorf(EINVALID, "当事人“%s”的“联系电话”格式不对：%s。", name, p.Contact)
	}
	return nil
}

// ValidIDNumber checks a resident identity card number (GB 11643): 17 digits and a check
// character computed from them.
func ValidIDNumber(id string) bool {
	id = strings.ToUpper(strings.TrimSpace(id))
	if len(id) != 18 {
		return false
	}
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
		sum += int(id[i]-'0') * weights[i]
	}
	return id[17] == "10X98765432"[sum%11]
}

// MaskedName hides a natural person's name except its first character (张三 → 张*), for
// lists and command-line output; organisation names are public and stay whole.
func (p Party) MaskedName() string {
	if p.Kind != PartyPerson {
		return p.Name
	}
	return MaskName(p.Name)
}

// MaskName keeps the first character of a name and stars the rest.
func MaskName(name string) string {
	r := []rune(strings.TrimSpace(name))
	if len(r) == 0 {
		return ""
	}
	return string(r[0]) + strings.Repeat("*", max(1, len(r)-1))
}

// MaskID keeps the first 4 and last 2 characters of an identity number or phone.
func MaskID(s string) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= 6 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:4]) + strings.Repeat("*", len(r)-6) + string(r[len(r)-2:])
}

// Case permissions. Seeing a particular case also needs being assigned to it, unless the
// user is a reviewer, the office head or an administrator (record.Service checks that).
var (
	PermCaseView     = NewPermission("case.view", RoleOfficer, RoleReviewer, RoleHead, RoleAdmin)
	PermCaseCreate   = NewPermission("case.create", RoleOfficer, RoleHead, RoleAdmin)
	PermCaseEdit     = NewPermission("case.edit", RoleOfficer, RoleHead, RoleAdmin)
	PermCaseAnnotate = NewPermission("case.annotate", RoleOfficer, RoleReviewer, RoleHead, RoleAdmin)
	PermCaseSettings = NewPermission("case.settings", RoleAdmin)
)

// SeesAllCases reports whether a user may see every case, not only those assigned to them.
func SeesAllCases(u User) bool { return u.HasAnyRole(RoleAdmin, RoleHead, RoleReviewer) }

// MaySee reports whether u may see case c: reviewers, the head and admins see every case;
// an officer sees the cases they are assigned to.
func (c Case) MaySee(u User) bool {
	if u.Disabled {
		return false
	}
	if SeesAllCases(u) {
		return true
	}
	return u.HasRole(RoleOfficer) && c.Assigned(u.OfficerID)
}

// Assigned reports whether officer id is one of the case's officers.
func (c Case) Assigned(officerID uint64) bool {
	return officerID != 0 && slices.Contains(c.OfficerIDs, officerID)
}
