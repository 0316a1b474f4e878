package publication

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
	"lawdesk/internal/workday"
)

// Service is the publication service over one store.
type Service struct {
	st *store.Store
	// Sections add what other capabilities publish to the export (the 双随机抽查结果 of
	// internal/inspection), wired in by app; each is asked for its section when exporting.
	Sections []SectionSource
}

// New returns the publication service.
func New(st *store.Store) *Service { return &Service{st: st} }

func (s *Service) today() domain.Date { return domain.DateOf(s.st.Now()) }

// Task is what an entry needs done now.
type Task int

const (
	TaskNone     Task = iota
	TaskPublish       // publish (or decide not to) before Due
	TaskWithdraw      // take the published decision down before Due
)

// Entry is one line of the publication list: a decided case and what was done about
// publishing its decision.
type Entry struct {
	Case    domain.Case
	Pub     *domain.Publication  // the case's current stored entry; nil while nobody acted on it
	Earlier []domain.Publication // older entries of the case (withdrawn, then replaced)
	Status  domain.PubStatus
	Task    Task
	Due     workday.Deadline // the deadline of Task; zero when there is nothing to do
	// DaysLeft is the working days from today to Due (negative: overdue by that many).
	DaysLeft int
	Overdue  bool
	// WithdrawWhy says why a withdrawal is due when the office did not ask for it: the
	// case went back or its decision changed after publication.
	WithdrawWhy   string
	WithdrawSince domain.Date // the day the case went back or its decision changed
	// KeepPrivate says why the decision must not be published (minor, secret case); the
	// only way to settle such an entry is 不公开 with a reason.
	KeepPrivate string
	Replaces    uint64 // a pending entry that replaces a withdrawn one (decision remade)
}

// Late reports whether the entry was published after its deadline.
func (e Entry) Late() bool { return e.Pub != nil && e.Pub.Late() }

// decided reports whether the case's decision is made: 决定 completed with a decision.
func decided(c domain.Case) bool {
	_, done := c.Completed(domain.StageDecide)
	return done && c.Decision.Decided() && c.Decision.NotDecidedReason == ""
}

// keepPrivate says why a case's decision may never be published, or "".
func keepPrivate(c domain.Case) string {
	switch {
	case c.Party.MinorOn(c.Decision.Date):
		return "当事人为未成年人"
	case c.Secrecy == domain.SecrecyState:
		return "案件涉及国家秘密"
	case c.Secrecy == domain.SecrecyTrade:
		return "案件标记为涉及商业秘密"
	case c.Secrecy == domain.SecrecyPrivacy:
		return "案件标记为涉及个人隐私"
	}
	return ""
}

// Entries lists the decided cases sess may see with their publication state, the most
// urgent first: overdue tasks, then tasks by deadline, then the rest newest first. The
// publications of a list come without their texts (draft and content); Entry has them.
func (s *Service) Entries(sess office.Session) ([]Entry, error) {
	if err := domain.Require(sess.User, domain.PermPublicationView, "查看事后公开"); err != nil {
		return nil, err
	}
	pubs, err := s.st.PublicationStates()
	if err != nil {
		return nil, err
	}
	byCase := map[uint64][]domain.Publication{}
	for _, p := range pubs {
		byCase[p.CaseID] = append(byCase[p.CaseID], p)
	}
	cases, err := s.cases(sess, store.CaseQuery{}, func(c domain.Case) bool { return decided(c) || len(byCase[c.ID]) > 0 })
	if err != nil {
		return nil, err
	}
	return s.entries(cases, func(c domain.Case) ([]domain.Publication, error) { return byCase[c.ID], nil })
}

// EntriesOfYear lists the entries of the cases filed under year (case-number year), and
// every entry with a task whatever its year, most urgent first: the publication screen's
// list, which reads one year of decisions instead of every decision since the office began.
func (s *Service) EntriesOfYear(sess office.Session, year int) ([]Entry, error) {
	if err := domain.Require(sess.User, domain.PermPublicationView, "查看事后公开"); err != nil {
		return nil, err
	}
	withPubs, err := s.st.CasesWithPublications()
	if err != nil {
		return nil, err
	}
	cases, err := s.cases(sess, store.CaseQuery{Year: year}, func(c domain.Case) bool { return decided(c) || withPubs[c.ID] })
	if err != nil {
		return nil, err
	}
	open, err := s.cases(sess, store.CaseQuery{PublicationOpen: true}, func(domain.Case) bool { return true })
	if err != nil {
		return nil, err
	}
	seen := map[uint64]bool{}
	for _, c := range cases {
		seen[c.ID] = true
	}
	var others []domain.Case
	for _, c := range open {
		if !seen[c.ID] {
			others = append(others, c)
		}
	}
	entries, err := s.entries(append(cases, others...), func(c domain.Case) ([]domain.Publication, error) { return s.st.CasePublicationStates(c.ID) })
	if err != nil {
		return nil, err
	}
	// a case of another year is listed only for its task
	return slices.DeleteFunc(entries, func(e Entry) bool { return e.Task == TaskNone && !seen[e.Case.ID] }), nil
}

// openEntries lists the entries that may have a task, reading only the cases in the
// store's index of open publications (not every decided case of every year).
func (s *Service) openEntries(sess office.Session) ([]Entry, error) {
	if err := domain.Require(sess.User, domain.PermPublicationView, "查看事后公开"); err != nil {
		return nil, err
	}
	cases, err := s.cases(sess, store.CaseQuery{PublicationOpen: true}, func(domain.Case) bool { return true })
	if err != nil {
		return nil, err
	}
	entries, err := s.entries(cases, func(c domain.Case) ([]domain.Publication, error) { return s.st.CasePublicationStates(c.ID) })
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(entries, func(e Entry) bool { return e.Task == TaskNone }), nil
}

// entries derives and sorts the entries of cases, with pubs giving each case's publications.
func (s *Service) entries(cases []domain.Case, pubs func(domain.Case) ([]domain.Publication, error)) ([]Entry, error) {
	cal, err := s.st.Calendar()
	if err != nil {
		return nil, err
	}
	rules, err := s.st.PublicationRules()
	if err != nil {
		return nil, err
	}
	today := s.today()
	out := make([]Entry, 0, len(cases))
	for _, c := range cases {
		ps, err := pubs(c)
		if err != nil {
			return nil, err
		}
		out = append(out, s.entry(c, ps, cal, rules, today))
	}
	sortEntries(out)
	return out, nil
}

// Entry returns the entry of one case.
func (s *Service) Entry(sess office.Session, caseID uint64) (Entry, error) {
	if err := domain.Require(sess.User, domain.PermPublicationView, "查看事后公开"); err != nil {
		return Entry{}, err
	}
	c, err := s.visibleCase(sess, caseID)
	if err != nil {
		return Entry{}, err
	}
	pubs, err := s.st.CasePublications(caseID)
	if err != nil {
		return Entry{}, err
	}
	cal, err := s.st.Calendar()
	if err != nil {
		return Entry{}, err
	}
	rules, err := s.st.PublicationRules()
	if err != nil {
		return Entry{}, err
	}
	return s.entry(c, pubs, cal, rules, s.today()), nil
}

// entry derives the publication state of case c from its stored publications (oldest first).
func (s *Service) entry(c domain.Case, pubs []domain.Publication, cal *workday.Calendar, rules domain.PublicationRules, today domain.Date) Entry {
	e := Entry{Case: c, KeepPrivate: keepPrivate(c)}
	var latest *domain.Publication
	if n := len(pubs); n > 0 {
		latest = &pubs[n-1]
		e.Earlier = pubs[:n-1]
	}
	publishDue := func() workday.Deadline {
		return cal.AddWorkingDays(c.Decision.Date, rules.PublishDays(c.Type))
	}
	switch {
	case latest == nil:
		if decided(c) {
			e.Status, e.Task, e.Due = domain.PubPending, TaskPublish, publishDue()
		}
	case latest.Status() == domain.PubWithdrawn:
		if decided(c) && decisionChanged(c, *latest) {
			// the decision was remade: publish the new one, replacing the old entry
			e.Earlier = pubs
			e.Status, e.Task, e.Due, e.Replaces = domain.PubPending, TaskPublish, publishDue(), latest.ID
		} else {
			e.Pub, e.Status = latest, domain.PubWithdrawn
		}
	case latest.Status() == domain.PubPending:
		e.Pub, e.Status = latest, domain.PubPending
		if decided(c) {
			e.Task, e.Due = TaskPublish, publishDue()
		}
	case latest.Status() == domain.PubNotPublic:
		e.Pub, e.Status = latest, domain.PubNotPublic
	case latest.Status() == domain.PubPublished:
		e.Pub, e.Status = latest, domain.PubPublished
		switch w := latest.Withdrawal; {
		case w.Requested():
			e.Task, e.Due = TaskWithdraw, workday.Deadline{Date: w.Due, Confirmed: w.DueConfirmed}
		case !decided(c):
			since := lastBack(c)
			e.WithdrawWhy, e.WithdrawSince = fmt.Sprintf("案件已于 %s 退回到“%s”环节，已公开的决定需撤下", since, c.Stage.Label()), since
			e.Task, e.Due = TaskWithdraw, cal.AddWorkingDays(since, rules.WithdrawWithin())
		case decisionChanged(c, *latest):
			since := c.Decision.Date
			if r, ok := c.Completed(domain.StageDecide); ok {
				since = r.Date
			}
			e.WithdrawWhy, e.WithdrawSince = fmt.Sprintf("决定已改为 %s（%s），已公开的原决定需撤下", c.Decision.DocNumber, c.Decision.Date), since
			e.Task, e.Due = TaskWithdraw, cal.AddWorkingDays(since, rules.WithdrawWithin())
		}
	}
	if e.Task != TaskNone {
		e.DaysLeft = cal.WorkingDaysBetween(today, e.Due.Date)
		e.Overdue = e.Due.Overdue(today)
	}
	return e
}

// decisionChanged reports whether the case's decision is no longer the one p is about.
func decisionChanged(c domain.Case, p domain.Publication) bool {
	return c.Decision.Date != p.DecisionDate || c.Decision.DocNumber != p.DocNumber
}

// lastBack is the date of the case's latest step back (or today's record date).
func lastBack(c domain.Case) domain.Date {
	for i := len(c.History) - 1; i >= 0; i-- {
		if c.History[i].Back {
			return c.History[i].Date
		}
	}
	return domain.DateOf(c.Updated)
}

func sortEntries(es []Entry) {
	slices.SortStableFunc(es, func(a, b Entry) int {
		if (a.Task != TaskNone) != (b.Task != TaskNone) {
			if a.Task != TaskNone {
				return -1
			}
			return 1
		}
		if a.Task != TaskNone {
			if c := a.Due.Date.Compare(b.Due.Date); c != 0 {
				return c
			}
		}
		if c := b.Case.Decision.Date.Compare(a.Case.Decision.Date); c != 0 {
			return c
		}
		return int(b.Case.ID) - int(a.Case.ID)
	})
}

// cases lists every case sess may see that matches keep, without paging.
func (s *Service) cases(sess office.Session, q store.CaseQuery, keep func(domain.Case) bool) ([]domain.Case, error) {
	var out []domain.Case
	q.Limit, q.Match = 500, func(c domain.Case) bool { return c.MaySee(sess.User) && keep(c) }
	for {
		page, err := s.st.Cases(q)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Cases...)
		if page.Next == 0 {
			return out, nil
		}
		q.Before = page.Next
	}
}

// visibleCase returns a case sess may see.
func (s *Service) visibleCase(sess office.Session, caseID uint64) (domain.Case, error) {
	c, err := s.st.Case(caseID)
	if err != nil {
		return c, err
	}
	if !c.MaySee(sess.User) {
		return domain.Case{}, domain.Errorf(domain.EFORBIDDEN, "您不是案件 %s 的承办人员，不能查看或公开它的决定。", c.Number)
	}
	return c, nil
}

// ---- preparing and confirming ----

// Prepared is what the preview screen starts from: the case, the draft to edit and the
// rules the redaction uses.
type Prepared struct {
	Entry  Entry
	Draft  domain.PubDraft
	Agency domain.Agency
	Keep   []string // public text never hidden (office, organisation party, officers)
}

// Prepare returns the draft of the case's pending publication: the one saved earlier, or
// one filled in from the case.
func (s *Service) Prepare(sess office.Session, caseID uint64) (Prepared, error) {
	if err := domain.Require(sess.User, domain.PermPublicationPublish, "准备公开决定"); err != nil {
		return Prepared{}, err
	}
	e, err := s.Entry(sess, caseID)
	if err != nil {
		return Prepared{}, err
	}
	if e.Status != domain.PubPending || e.Task != TaskPublish {
		return Prepared{}, domain.Errorf(domain.ECONFLICT, "案件 %s 的决定当前“%s”，没有待公开的内容。", e.Case.Number, e.Status.Label())
	}
	ag, _, err := s.st.Agency()
	if err != nil {
		return Prepared{}, err
	}
	keep, err := s.keepList(e.Case, ag)
	if err != nil {
		return Prepared{}, err
	}
	p := Prepared{Entry: e, Agency: ag, Keep: keep}
	if e.Pub != nil && e.Replaces == 0 && !decisionChanged(e.Case, *e.Pub) {
		p.Draft = e.Pub.Draft
	} else {
		p.Draft = defaultDraft(e.Case)
	}
	return p, nil
}

// defaultDraft fills the texts to publish from the case.
func defaultDraft(c domain.Case) domain.PubDraft {
	return domain.PubDraft{Conclusion: conclusion(c), Violation: strings.TrimSpace(c.Facts)}
}

// conclusion is the 执法结论 written from the decision: its summary, or for a penalty the
// penalties and amounts.
func conclusion(c domain.Case) string {
	d := c.Decision
	if s := strings.TrimSpace(d.Summary); s != "" {
		return s
	}
	if len(d.Kinds) == 0 {
		return c.MatterName + "：已作出决定"
	}
	var parts []string
	for _, k := range d.Kinds {
		switch k {
		case domain.PenaltyFine:
			parts = append(parts, "罚款人民币 "+d.Fine.String()+" 元")
		case domain.PenaltyConfiscateGains, domain.PenaltyConfiscateProperty:
			if d.Confiscation > 0 {
				parts = append(parts, k.Label()+" "+d.Confiscation.String()+" 元")
			} else {
				parts = append(parts, k.Label())
			}
		default:
			parts = append(parts, k.Label())
		}
	}
	return "给予" + strings.Join(parts, "，") + "的行政处罚"
}

// keepList is the public text the redaction must leave alone: the office's own details,
// the officers' names, and the details of a party that is an organisation.
func (s *Service) keepList(c domain.Case, ag domain.Agency) ([]string, error) {
	keep := []string{ag.Name, ag.Address, ag.Phone, ag.CreditCode}
	officers, err := s.st.Officers()
	if err != nil {
		return nil, err
	}
	for _, o := range officers {
		keep = append(keep, o.Name)
	}
	if c.Party.Kind == domain.PartyOrganisation {
		keep = append(keep, c.Party.Name, c.Party.IDNumber, c.Party.LegalRep, c.Party.Address)
	}
	return keep, nil
}

// Field is one published field in the preview: the text as typed and what will be
// published, with each redaction.
type Field struct {
	Label      string
	Original   string
	Redactions []Redaction
	Published  string
}

// Preview is the side-by-side view of a draft: every field before and after redaction.
type Preview struct {
	Content domain.PubContent
	Fields  []Field
}

// Preview redacts the draft as Confirm would, so the person sees exactly what leaves LawDesk.
func (s *Service) Preview(sess office.Session, p Prepared, d domain.PubDraft) Preview {
	return buildContent(p.Entry.Case, p.Agency, p.Keep, d)
}

// buildContent makes the published content of case c from draft d: the structured fields
// of the decision and the redacted texts.
func buildContent(c domain.Case, ag domain.Agency, keep []string, d domain.PubDraft) Preview {
	rules := Rules{Keep: keep, Manual: d.Manual, Undone: d.Undone}
	var pv Preview
	field := func(label, text string) string {
		text = strings.TrimSpace(text)
		rs := Detect(text, rules)
		out := Apply(text, rs)
		pv.Fields = append(pv.Fields, Field{Label: label, Original: text, Redactions: rs, Published: out})
		return out
	}
	dec := c.Decision
	pv.Content = domain.PubContent{
		Agency: ag.Name, Type: c.Type, DocNumber: dec.DocNumber, Kinds: slices.Clone(dec.Kinds),
		Fine: dec.Fine, Confiscation: dec.Confiscation, Date: dec.Date,
		PartyPerson: c.Party.Kind == domain.PartyPerson,
	}
	// The party's own name is published; everything else about a person is redacted.
	partyRules := rules
	partyRules.Keep = append(slices.Clone(keep), c.Party.Name)
	pv.Content.Party = Redact(strings.TrimSpace(c.Party.Name), partyRules)
	pv.Fields = append(pv.Fields, Field{Label: "执法对象", Original: c.Party.Name, Published: pv.Content.Party,
		Redactions: Detect(strings.TrimSpace(c.Party.Name), partyRules)})
	if c.Party.Kind == domain.PartyOrganisation {
		pv.Content.PartyCode = strings.ToUpper(strings.TrimSpace(c.Party.IDNumber))
	}
	pv.Content.Matter = field("执法事项", c.MatterName)
	pv.Content.Conclusion = field("执法结论", d.Conclusion)
	if c.Type == domain.ActPenalty || strings.TrimSpace(d.Violation) != "" {
		pv.Content.Violation = field("违法行为", d.Violation)
	}
	pv.Content.Basis = field("依据", d.Basis)
	if strings.TrimSpace(d.FullText) != "" {
		pv.Content.FullText = field("决定书全文", d.FullText)
	}
	return pv
}

// maxDraftRunes bounds each text of a draft (a decision document runs to a few thousand
// characters).
const maxDraftRunes = 20000

func checkDraft(d domain.PubDraft, t domain.ActType) error {
	for _, f := range []struct{ label, text string }{
		{"执法结论", d.Conclusion}, {"违法行为", d.Violation}, {"依据", d.Basis}, {"决定书全文", d.FullText},
	} {
		if n := utf8.RuneCountInString(f.text); n > maxDraftRunes {
			return domain.Errorf(domain.EINVALID, "“%s”最多 %d 个字，现在是 %d 个。", f.label, maxDraftRunes, n)
		}
	}
	if strings.TrimSpace(d.Conclusion) == "" {
		return domain.Errorf(domain.EINVALID, "请填写“执法结论”（决定的内容，例如“给予警告、罚款人民币 5,000.00 元的行政处罚”）。")
	}
	if t == domain.ActPenalty {
		if strings.TrimSpace(d.Violation) == "" {
			return domain.Errorf(domain.EINVALID, "行政处罚决定须公开“违法行为”，请填写。")
		}
		if strings.TrimSpace(d.Basis) == "" {
			return domain.Errorf(domain.EINVALID, "行政处罚决定须公开“依据”（处罚所依据的法律条款），请填写。")
		}
	}
	return nil
}

// cleanDraft trims the hand-chosen redactions and drops empty ones and duplicates.
func cleanDraft(d domain.PubDraft) domain.PubDraft {
	clean := func(list []string) []string {
		var out []string
		for _, s := range list {
			if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
		return out
	}
	d.Manual, d.Undone = clean(d.Manual), clean(d.Undone)
	return d
}

// pendingRecord returns the stored pending entry to update for case e, or a new one.
func (s *Service) pendingRecord(e Entry, cal *workday.Calendar, rules domain.PublicationRules) domain.Publication {
	p := domain.Publication{CaseID: e.Case.ID, CaseNumber: e.Case.Number, Replaces: e.Replaces}
	if e.Pub != nil && e.Replaces == 0 && e.Pub.Status() == domain.PubPending {
		p = *e.Pub
	}
	due := cal.AddWorkingDays(e.Case.Decision.Date, rules.PublishDays(e.Case.Type))
	p.DecisionDate, p.DocNumber = e.Case.Decision.Date, e.Case.Decision.DocNumber
	p.Due, p.DueConfirmed = due.Date, due.Confirmed
	return p
}

// SaveDraft keeps the draft of a pending publication without confirming it.
func (s *Service) SaveDraft(sess office.Session, caseID uint64, d domain.PubDraft) (domain.Publication, error) {
	if err := domain.Require(sess.User, domain.PermPublicationPublish, "保存公开草稿"); err != nil {
		return domain.Publication{}, err
	}
	e, cal, rules, err := s.pendingEntry(sess, caseID)
	if err != nil {
		return domain.Publication{}, err
	}
	p := s.pendingRecord(e, cal, rules)
	p.Draft = cleanDraft(d)
	p.Content, p.ConfirmedAt, p.ConfirmedBy = domain.PubContent{}, time.Time{}, ""
	return s.st.SavePublication(store.Change{Actor: sess.Actor()}, p, "publication.draft",
		fmt.Sprintf("保存案件 %s 决定公开的草稿", e.Case.Number))
}

// pendingEntry returns case caseID's entry when it has a decision waiting to be published.
func (s *Service) pendingEntry(sess office.Session, caseID uint64) (Entry, *workday.Calendar, domain.PublicationRules, error) {
	e, err := s.Entry(sess, caseID)
	if err != nil {
		return e, nil, domain.PublicationRules{}, err
	}
	if e.Status != domain.PubPending || e.Task != TaskPublish {
		return e, nil, domain.PublicationRules{}, domain.Errorf(domain.ECONFLICT, "案件 %s 的决定当前“%s”，没有待公开的内容。", e.Case.Number, e.Status.Label())
	}
	cal, err := s.st.Calendar()
	if err != nil {
		return e, nil, domain.PublicationRules{}, err
	}
	rules, err := s.st.PublicationRules()
	return e, cal, rules, err
}

// PublishForm is the confirmation of a publication: the draft as finally checked, and,
// when it has already gone out, the day and the channel.
type PublishForm struct {
	Draft       domain.PubDraft
	PublishedOn domain.Date // zero: confirmed now, published later (RecordPublished)
	Channel     domain.PubChannel
}

// Confirm fixes the redacted content of a pending publication (so it can be exported)
// and, with a date and channel, records that it was published. A minor's or a secret case's
// decision is never published: it can only be marked 不公开.
func (s *Service) Confirm(sess office.Session, caseID uint64, f PublishForm) (domain.Publication, error) {
	if err := domain.Require(sess.User, domain.PermPublicationPublish, "确认公开决定"); err != nil {
		return domain.Publication{}, err
	}
	e, cal, rules, err := s.pendingEntry(sess, caseID)
	if err != nil {
		return domain.Publication{}, err
	}
	if e.KeepPrivate != "" {
		return domain.Publication{}, domain.Errorf(domain.EINVALID, "案件 %s %s，决定不得公开。请选择“不公开”并填写理由。", e.Case.Number, e.KeepPrivate)
	}
	d := cleanDraft(f.Draft)
	if err := checkDraft(d, e.Case.Type); err != nil {
		return domain.Publication{}, err
	}
	ag, _, err := s.st.Agency()
	if err != nil {
		return domain.Publication{}, err
	}
	keep, err := s.keepList(e.Case, ag)
	if err != nil {
		return domain.Publication{}, err
	}
	p := s.pendingRecord(e, cal, rules)
	p.Draft = d
	p.Content = buildContent(e.Case, ag, keep, d).Content
	p.ConfirmedAt, p.ConfirmedBy = s.st.Now(), sess.Actor()
	summary := fmt.Sprintf("确认案件 %s 决定（%s）的公开内容（已脱敏）", e.Case.Number, p.DocNumber)
	action := "publication.confirm"
	if !f.PublishedOn.IsZero() {
		if err := s.checkPublished(e.Case, f.PublishedOn, f.Channel); err != nil {
			return domain.Publication{}, err
		}
		p.PublishedOn, p.Channel, p.PublishedBy = f.PublishedOn, f.Channel, sess.Actor()
		action = "publication.publish"
		summary += fmt.Sprintf("，%s 已在%s公开", f.PublishedOn, f.Channel.Label())
		if p.Late() {
			summary += fmt.Sprintf("（逾期：期限为 %s）", p.Due)
		}
	}
	return s.st.SavePublication(store.Change{Actor: sess.Actor()}, p, action, summary)
}

func (s *Service) checkPublished(c domain.Case, on domain.Date, ch domain.PubChannel) error {
	if !ch.Valid() {
		return domain.Errorf(domain.EINVALID, "请选择公开的渠道（政府网站、公示栏或两者）。")
	}
	if !on.Valid() {
		return domain.Errorf(domain.EINVALID, "“公开日期”不是有效日期。")
	}
	if on.After(s.today()) {
		return domain.Errorf(domain.EINVALID, "“公开日期”%s 晚于今天。请在实际公开后再登记。", on)
	}
	if on.Before(c.Decision.Date) {
		return domain.Errorf(domain.EINVALID, "“公开日期”%s 早于决定日期 %s，请检查。", on, c.Decision.Date)
	}
	return nil
}

// RecordPublished records that a confirmed publication went out on a day through a channel.
func (s *Service) RecordPublished(sess office.Session, pubID uint64, on domain.Date, ch domain.PubChannel) (domain.Publication, error) {
	if err := domain.Require(sess.User, domain.PermPublicationPublish, "登记公开"); err != nil {
		return domain.Publication{}, err
	}
	p, c, err := s.publication(sess, pubID)
	if err != nil {
		return p, err
	}
	if p.Status() != domain.PubPending || !p.Confirmed() {
		return p, domain.Errorf(domain.ECONFLICT, "案件 %s 的公开记录当前“%s”，只有已确认脱敏、尚未公开的记录可以登记公开。", p.CaseNumber, p.Status().Label())
	}
	if err := s.checkPublished(c, on, ch); err != nil {
		return p, err
	}
	p.PublishedOn, p.Channel, p.PublishedBy = on, ch, sess.Actor()
	summary := fmt.Sprintf("登记案件 %s 决定已于 %s 在%s公开", p.CaseNumber, on, ch.Label())
	if p.Late() {
		summary += fmt.Sprintf("（逾期：期限为 %s）", p.Due)
	}
	return s.st.SavePublication(store.Change{Actor: sess.Actor()}, p, "publication.publish", summary)
}

// publication returns a stored publication and its case, if sess may see the case.
func (s *Service) publication(sess office.Session, pubID uint64) (domain.Publication, domain.Case, error) {
	p, err := s.st.Publication(pubID)
	if err != nil {
		return p, domain.Case{}, err
	}
	c, err := s.visibleCase(sess, p.CaseID)
	return p, c, err
}

// MarkNotPublic records that a decision is not published, and why (a minor party, a
// secret case, a law forbidding it). The reason is required.
func (s *Service) MarkNotPublic(sess office.Session, caseID uint64, reason string) (domain.Publication, error) {
	if err := domain.Require(sess.User, domain.PermPublicationPublish, "决定不公开"); err != nil {
		return domain.Publication{}, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return domain.Publication{}, domain.Errorf(domain.EINVALID, "请填写不公开的理由，例如“当事人为未成年人”或“涉及国家秘密”。")
	}
	if utf8.RuneCountInString(reason) > 500 {
		return domain.Publication{}, domain.Errorf(domain.EINVALID, "“不公开理由”最多 500 个字。")
	}
	e, cal, rules, err := s.pendingEntry(sess, caseID)
	if err != nil {
		return domain.Publication{}, err
	}
	p := s.pendingRecord(e, cal, rules)
	p.NotPublicReason, p.NotPublicBy = reason, sess.Actor()
	return s.st.SavePublication(store.Change{Actor: sess.Actor()}, p, "publication.notpublic",
		fmt.Sprintf("案件 %s 的决定不公开，理由：%s", e.Case.Number, reason))
}

// WithdrawForm asks to take a published decision down, and records when it was done.
type WithdrawForm struct {
	Reason domain.WithdrawReason
	Note   string
	Since  domain.Date // the day the decision was revoked etc.; zero means today
	DoneOn domain.Date // the day it was taken down; zero: not yet (a task with a deadline)
}

// Withdraw asks for a published decision to be taken down within the office's withdrawal
// deadline (3 working days by default) from Since, or records that it was taken down. The
// publication keeps its content and history; nothing is deleted.
func (s *Service) Withdraw(sess office.Session, pubID uint64, f WithdrawForm) (domain.Publication, error) {
	if err := domain.Require(sess.User, domain.PermPublicationPublish, "撤下已公开的决定"); err != nil {
		return domain.Publication{}, err
	}
	p, _, err := s.publication(sess, pubID)
	if err != nil {
		return p, err
	}
	if p.Status() != domain.PubPublished {
		return p, domain.Errorf(domain.ECONFLICT, "案件 %s 的公开记录当前“%s”，只有已公开的决定可以撤下。", p.CaseNumber, p.Status().Label())
	}
	today := s.today()
	w := p.Withdrawal
	if !w.Requested() {
		if !f.Reason.Valid() {
			return p, domain.Errorf(domain.EINVALID, "请选择撤下的原因（决定被撤销、被确认违法、需重新作出或其他）。")
		}
		note := strings.TrimSpace(f.Note)
		if f.Reason == domain.WithdrawOther && note == "" {
			return p, domain.Errorf(domain.EINVALID, "撤下原因为“其他”时，请在“说明”中写明原因。")
		}
		since := f.Since
		if since.IsZero() {
			since = today
		}
		if !since.Valid() || since.After(today) || since.Before(p.PublishedOn) {
			return p, domain.Errorf(domain.EINVALID, "“决定被撤销（或确认违法等）的日期”%s 应在公开日期 %s 和今天之间。", since, p.PublishedOn)
		}
		cal, err := s.st.Calendar()
		if err != nil {
			return p, err
		}
		rules, err := s.st.PublicationRules()
		if err != nil {
			return p, err
		}
		due := cal.AddWorkingDays(since, rules.WithdrawWithin())
		w = domain.Withdrawal{Reason: f.Reason, Note: note, Since: since, Due: due.Date, DueConfirmed: due.Confirmed, RequestedBy: sess.Actor()}
	}
	summary := fmt.Sprintf("案件 %s 已公开的决定需撤下：%s，期限 %s", p.CaseNumber, w.Reason.Label(), w.Due)
	action := "publication.withdraw.request"
	if !f.DoneOn.IsZero() {
		if !f.DoneOn.Valid() || f.DoneOn.After(today) || f.DoneOn.Before(p.PublishedOn) {
			return p, domain.Errorf(domain.EINVALID, "“撤下日期”%s 应在公开日期 %s 和今天之间。", f.DoneOn, p.PublishedOn)
		}
		w.DoneOn, w.DoneBy = f.DoneOn, sess.Actor()
		action = "publication.withdraw"
		summary = fmt.Sprintf("案件 %s 已公开的决定已于 %s 撤下（%s）", p.CaseNumber, f.DoneOn, w.Reason.Label())
		if f.DoneOn.After(w.Due) {
			summary += fmt.Sprintf("，逾期：期限为 %s", w.Due)
		}
	} else if p.Withdrawal.Requested() {
		return p, domain.Errorf(domain.ECONFLICT, "案件 %s 已登记需撤下（期限 %s），撤下后请填写撤下日期。", p.CaseNumber, w.Due)
	}
	p.Withdrawal = w
	return s.st.SavePublication(store.Change{Actor: sess.Actor(), Reason: w.Note}, p, action, summary)
}

// ---- rules ----

// Rules returns the office's publication deadlines.
func (s *Service) Rules() (domain.PublicationRules, error) { return s.st.PublicationRules() }

// SaveRules changes the office's publication deadlines (administrators only). Entries
// already stored keep the deadline they were given.
func (s *Service) SaveRules(sess office.Session, r domain.PublicationRules) error {
	if err := domain.Require(sess.User, domain.PermPublicationSettings, "修改公开期限"); err != nil {
		return err
	}
	for t, n := range r.Days {
		if n == t.PublishWithinWorkingDays() {
			delete(r.Days, t) // store only what differs from the law's default
		}
	}
	if r.WithdrawDays == domain.DefaultWithdrawDays {
		r.WithdrawDays = 0
	}
	if err := r.Validate(); err != nil {
		return err
	}
	var parts []string
	for _, t := range domain.AllActTypes {
		if n, ok := r.Days[t]; ok {
			parts = append(parts, fmt.Sprintf("%s %d 个工作日", t.Label(), n))
		}
	}
	summary := "公开期限：按法定默认（许可、处罚 7 个工作日，其他 20 个工作日）"
	if len(parts) > 0 {
		summary = "公开期限：" + strings.Join(parts, "，") + "，其余按法定默认"
	}
	summary += fmt.Sprintf("；撤下期限 %d 个工作日", r.WithdrawWithin())
	return s.st.SavePublicationRules(store.Change{Actor: sess.Actor()}, r, summary)
}

// ---- dashboard ----

// Todos lists the publications and withdrawals due, for the dashboard: each belongs to the
// case's first officer (so "mine" finds it) and opens the entry.
func (s *Service) Todos(sess office.Session) ([]domain.Todo, error) {
	if !domain.Allowed(sess.User.Roles, domain.PermPublicationPublish) {
		return nil, nil
	}
	entries, err := s.openEntries(sess)
	if err != nil {
		return nil, err
	}
	owners, err := s.officerLogins()
	if err != nil {
		return nil, err
	}
	var out []domain.Todo
	for _, e := range entries {
		if e.Task == TaskNone {
			continue
		}
		td := domain.Todo{Kind: "公开", Due: e.Due.Date.Time(time.Local), Target: fmt.Sprintf("publication:case:%d", e.Case.ID)}
		if len(e.Case.OfficerIDs) > 0 {
			td.Owner = owners[e.Case.OfficerIDs[0]]
		}
		party := e.Case.Party.MaskedName()
		switch {
		case e.Task == TaskWithdraw:
			td.Kind = "撤下"
			td.Title = fmt.Sprintf("撤下案件 %s 已公开的决定", e.Case.Number)
			why := e.WithdrawWhy
			if why == "" && e.Pub != nil {
				why = e.Pub.Withdrawal.Reason.Label()
			}
			td.Detail = fmt.Sprintf("%s（%s）。应在 %s 内撤下。", why, party, e.Due)
		case e.KeepPrivate != "":
			td.Title = fmt.Sprintf("确认案件 %s 的决定不公开", e.Case.Number)
			td.Detail = fmt.Sprintf("%s，决定不得公开，请登记“不公开”并填写理由（%s）。", e.KeepPrivate, party)
		default:
			td.Title = fmt.Sprintf("公开案件 %s 的决定", e.Case.Number)
			td.Detail = fmt.Sprintf("%s，%s，决定日期 %s，应于 %s 前公开。", party, e.Case.Type.Label(), e.Case.Decision.Date, e.Due)
		}
		switch {
		case e.Overdue:
			td.Severity = domain.SeverityOverdue
		case e.DaysLeft <= 2:
			td.Severity = domain.SeverityDueSoon
		}
		out = append(out, td)
	}
	return out, nil
}

// officerLogins maps officer IDs to the login names of their accounts.
func (s *Service) officerLogins() (map[uint64]string, error) {
	users, err := s.st.Users()
	if err != nil {
		return nil, err
	}
	out := map[uint64]string{}
	for _, u := range users {
		if u.OfficerID != 0 && !u.Disabled {
			out[u.OfficerID] = u.Name
		}
	}
	return out, nil
}

// Summary counts the entries by what matters to the office: how many are waiting, overdue,
// published, published late, withdrawn and not public.
type Summary struct {
	Pending, Overdue, Published, Late, WithdrawalsDue, Withdrawn, NotPublic int
}

// Summarise counts entries.
func Summarise(es []Entry) Summary {
	var s Summary
	for _, e := range es {
		switch e.Status {
		case domain.PubPending:
			s.Pending++
		case domain.PubPublished:
			s.Published++
		case domain.PubWithdrawn:
			s.Withdrawn++
		case domain.PubNotPublic:
			s.NotPublic++
		}
		if e.Overdue {
			s.Overdue++
		}
		if e.Task == TaskWithdraw {
			s.WithdrawalsDue++
		}
		if e.Late() {
			s.Late++
		}
		for _, p := range e.Earlier {
			if p.Late() {
				s.Late++
			}
		}
	}
	return s
}
