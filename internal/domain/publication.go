package domain

import (
	"strings"
	"time"
)

// Publication is the 事后公开 of one decision (DOMAIN.md §1.3): what was published about it,
// when and where, or why it was not, and its withdrawal. Pending publications are derived
// from decided cases; a Publication is stored as soon as someone acts on one, and is never
// deleted: a withdrawn entry keeps its content, its reason and the entry replacing it.
type Publication struct {
	ID         uint64
	CaseID     uint64
	CaseNumber string
	Replaces   uint64 // the withdrawn publication of an earlier decision this one replaces

	// The decision this entry is about, as it was when the entry was stored, so a remade
	// decision is recognised.
	DecisionDate Date
	DocNumber    string

	Due          Date // the publication deadline, fixed when the entry is stored
	DueConfirmed bool // false when Due was counted through a year without a holiday schedule

	Draft   PubDraft   // what people typed; unredacted, never leaves LawDesk
	Content PubContent // the redacted content; zero until the redaction is confirmed

	ConfirmedAt time.Time // when the redaction was confirmed (Content filled)
	ConfirmedBy string

	PublishedOn Date // the day it went on the website or the notice board
	Channel     PubChannel
	PublishedBy string

	NotPublicReason string // set when the decision is not published (minor, secret, law)
	NotPublicBy     string

	Withdrawal Withdrawal

	Created, Updated time.Time
}

// PubDraft is what the officer prepares before publishing: the texts of the decision and
// the redactions chosen by hand. It is unredacted and stays inside LawDesk.
type PubDraft struct {
	Conclusion string // 执法结论 / 决定内容
	Violation  string // 违法行为 (penalties)
	Basis      string // 处罚依据 or 法律依据
	FullText   string // the full text of the decision document, optional
	Manual     []string
	Undone     []string
}

// PubContent is what is published about a decision, already redacted: the fields of
// DOMAIN.md §1.3 (and, for penalties, the decision-document fields of the 双公示 layout).
type PubContent struct {
	Agency       string // 执法机关, which is also the deciding body
	Party        string // 执法对象
	PartyCode    string // 统一社会信用代码 of an organisation; empty for natural persons
	PartyPerson  bool   // the party is a natural person
	Type         ActType
	Matter       string // 执法事项
	Conclusion   string
	DocNumber    string
	Violation    string
	Basis        string
	Kinds        []PenaltyKind
	Fine         Money
	Confiscation Money
	Date         Date // 决定日期
	FullText     string
}

// PenaltyText lists the penalty kinds, e.g. 警告、罚款.
func (c PubContent) PenaltyText() string {
	names := make([]string, len(c.Kinds))
	for i, k := range c.Kinds {
		names[i] = k.Label()
	}
	return strings.Join(names, "、")
}

// PubChannel is where a decision was published.
type PubChannel string

const (
	ChannelWebsite PubChannel = "website" // 政府网站
	ChannelBoard   PubChannel = "board"   // 公示栏
	ChannelBoth    PubChannel = "both"    // 政府网站和公示栏
)

// AllPubChannels lists the channels in the order choosers show them.
var AllPubChannels = []PubChannel{ChannelWebsite, ChannelBoard, ChannelBoth}

// Label is the channel's Chinese name.
func (c PubChannel) Label() string {
	switch c {
	case ChannelWebsite:
		return "政府网站"
	case ChannelBoard:
		return "公示栏"
	case ChannelBoth:
		return "政府网站和公示栏"
	}
	return string(c)
}

// Valid reports whether c is a known channel.
func (c PubChannel) Valid() bool { return c == ChannelWebsite || c == ChannelBoard || c == ChannelBoth }

// WithdrawReason is why a published decision is taken down (DOMAIN.md §1.3).
type WithdrawReason string

const (
	WithdrawRevoked  WithdrawReason = "revoked"  // 决定被撤销
	WithdrawUnlawful WithdrawReason = "unlawful" // 决定被确认违法
	WithdrawRemade   WithdrawReason = "remade"   // 决定需重新作出
	WithdrawOther    WithdrawReason = "other"    // 其他
)

// AllWithdrawReasons lists the reasons in the order choosers show them.
var AllWithdrawReasons = []WithdrawReason{WithdrawRevoked, WithdrawUnlawful, WithdrawRemade, WithdrawOther}

// Label is the reason's Chinese name.
func (r WithdrawReason) Label() string {
	switch r {
	case WithdrawRevoked:
		return "决定被撤销"
	case WithdrawUnlawful:
		return "决定被确认违法"
	case WithdrawRemade:
		return "决定需重新作出"
	case WithdrawOther:
		return "其他原因"
	}
	return string(r)
}

// Valid reports whether r is a known reason.
func (r WithdrawReason) Valid() bool {
	return r == WithdrawRevoked || r == WithdrawUnlawful || r == WithdrawRemade || r == WithdrawOther
}

// Withdrawal is the taking down of a published decision: requested with a reason and a
// deadline, then done on a date. Both stay on the record.
type Withdrawal struct {
	Reason       WithdrawReason // empty: no withdrawal requested
	Note         string
	Since        Date // the day the decision was revoked (etc.); the deadline counts from it
	Due          Date
	DueConfirmed bool
	RequestedBy  string
	DoneOn       Date
	DoneBy       string
}

// Requested reports whether a withdrawal has been asked for.
func (w Withdrawal) Requested() bool { return w.Reason != "" }

// PubStatus is where a publication stands: the four states the office reports.
type PubStatus string

const (
	PubPending   PubStatus = "pending"   // 待公开
	PubPublished PubStatus = "published" // 已公开
	PubWithdrawn PubStatus = "withdrawn" // 已撤下
	PubNotPublic PubStatus = "notpublic" // 不公开
)

// AllPubStatuses lists the statuses in the order filters show them.
var AllPubStatuses = []PubStatus{PubPending, PubPublished, PubWithdrawn, PubNotPublic}

// Label is the status's Chinese name.
func (s PubStatus) Label() string {
	switch s {
	case PubPending:
		return "待公开"
	case PubPublished:
		return "已公开"
	case PubWithdrawn:
		return "已撤下"
	case PubNotPublic:
		return "不公开"
	}
	return string(s)
}

// Status derives the publication's status from what was recorded.
func (p Publication) Status() PubStatus {
	switch {
	case p.NotPublicReason != "":
		return PubNotPublic
	case !p.Withdrawal.DoneOn.IsZero():
		return PubWithdrawn
	case !p.PublishedOn.IsZero():
		return PubPublished
	}
	return PubPending
}

// Confirmed reports whether the redacted content has been confirmed, so it may be exported.
func (p Publication) Confirmed() bool { return !p.ConfirmedAt.IsZero() }

// Late reports whether the decision was published after its deadline.
func (p Publication) Late() bool { return !p.PublishedOn.IsZero() && p.PublishedOn.After(p.Due) }

// WithdrawnLate reports whether it was taken down after the withdrawal deadline.
func (p Publication) WithdrawnLate() bool {
	return !p.Withdrawal.DoneOn.IsZero() && p.Withdrawal.DoneOn.After(p.Withdrawal.Due)
}

// PublicationRules are the office's deadlines: the national defaults unless a law (or the
// locality) says otherwise — some offices withdraw within 5 working days.
type PublicationRules struct {
	Days         map[ActType]int // working days to publish, by act type; missing means the default
	WithdrawDays int             // working days to withdraw; 0 means 3
}

// DefaultWithdrawDays is the national deadline for withdrawing a published decision.
const DefaultWithdrawDays = 3

// PublishDays is the number of working days to publish a decision of type t.
func (r PublicationRules) PublishDays(t ActType) int {
	if n := r.Days[t]; n > 0 {
		return n
	}
	return t.PublishWithinWorkingDays()
}

// WithdrawWithin is the number of working days to withdraw a decision.
func (r PublicationRules) WithdrawWithin() int {
	if r.WithdrawDays > 0 {
		return r.WithdrawDays
	}
	return DefaultWithdrawDays
}

// Validate checks deadlines typed by the administrator.
func (r PublicationRules) Validate() error {
	for t, n := range r.Days {
		if !t.Valid() {
			return Errorf(EINVALID, "公开期限中的执法类别“%s”不认识。", t)
		}
		if n < 1 || n > 60 {
			return Errorf(EINVALID, "“%s”的公开期限应为 1 到 60 个工作日，现在是 %d。", t.Label(), n)
		}
	}
	if r.WithdrawDays < 0 || r.WithdrawDays > 30 {
		return Errorf(EINVALID, "撤下期限应为 1 到 30 个工作日，现在是 %d。", r.WithdrawDays)
	}
	return nil
}

// MinorOn reports whether the party is a natural person under 18 on day d, judged from the
// date of birth in their identity number; false when it cannot be told.
func (p Party) MinorOn(d Date) bool {
	id := strings.TrimSpace(p.IDNumber)
	if p.Kind != PartyPerson || len(id) != 18 {
		return false
	}
	born, err := ParseDate(id[6:14])
	if err != nil {
		return false
	}
	adult := Date{Year: born.Year + 18, Month: born.Month, Day: born.Day}
	if born.Month == 2 && born.Day == 29 {
		adult = Date{Year: born.Year + 18, Month: 3, Day: 1}
	}
	return d.Before(adult)
}

// Publication permissions. Publications are public once published, but preparing one shows
// the unredacted decision, so it is limited to those who handle cases.
var (
	PermPublicationView     = NewPermission("publication.view", RoleOfficer, RoleReviewer, RoleHead, RoleAdmin, RoleClerk)
	PermPublicationPublish  = NewPermission("publication.publish", RoleOfficer, RoleHead, RoleAdmin)
	PermPublicationExport   = NewPermission("publication.export", RoleOfficer, RoleHead, RoleAdmin, RoleClerk)
	PermPublicationSettings = NewPermission("publication.settings", RoleAdmin)
)
