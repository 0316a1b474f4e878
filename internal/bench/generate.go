package bench

import (
	"bytes"
	"container/heap"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"lawdesk/internal/blob"
	"lawdesk/internal/demo"
	"lawdesk/internal/domain"
	"lawdesk/internal/record"
	"lawdesk/internal/store"
	"lawdesk/internal/workday"
)

// Options say what Generate makes.
type Options struct {
	Cases    int         // how many cases (besides the demo office's own)
	Seed     uint64      // the same seed gives the same store
	Until    domain.Date // the generated office's "today": the last day anything happens
	PerYear  int         // cases a year; the store spans Cases/PerYear years up to Until
	Password string      // every account's password
	// Progress, when set, is called after each committed batch with the cases registered so far.
	Progress func(done, total int)
}

// Defaults of Options.
const (
	DefaultPerYear  = 10_000
	DefaultPassword = "bench1234"
)

// DefaultUntil is the generated office's default "today".
var DefaultUntil = domain.NewDate(2026, 10, 30)

// Summary says what Generate made.
type Summary struct {
	Cases, Officers, Matters, Publications, Views, Recordings, Documents int
	Submissions, Opinions                                                int // legal review rounds sent and answered
	Events                                                               uint64
	Elapsed                                                              time.Duration
	DBBytes                                                              int64
}

// batchSteps is how many steps of case life go into one bbolt transaction: large enough
// that commits are rare, small enough that a batch stays a few megabytes.
const batchSteps = 4000

// Generate fills the empty directory dir with a county-sized office: the demo office and its
// people, dozens more officers, the office's enforcement matters, and opts.Cases cases
// registered, worked through their stages, decided, published, viewed and archived day by
// day over the years up to opts.Until, every change in the audit chain in the order it
// happened. Cases still in progress at Until stay in whatever stage they reached, so the
// store holds cases in every stage, some of them overdue.
func Generate(dir string, opts Options) (Summary, error) {
	start := time.Now()
	if opts.Until.IsZero() {
		opts.Until = DefaultUntil
	}
	if opts.PerYear <= 0 {
		opts.PerYear = DefaultPerYear
	}
	if opts.Password == "" {
		opts.Password = DefaultPassword
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return Summary{}, domain.Errorf(domain.EINVALID, "目录 %s 不是空的。测试数据只能生成在新的空目录里。", dir)
	}
	g := &generator{opts: opts, r: rand.New(rand.NewPCG(opts.Seed, 0x1a3d5e7)), byLogin: map[uint64]string{},
		officerOf: map[string]uint64{}, fullName: map[string]string{}}
	g.clock = opts.Until.Time(time.Local).Add(8*time.Hour + 30*time.Minute)
	st, err := store.Open(dir, store.Options{Now: func() time.Time { return g.clock }})
	if err != nil {
		return Summary{}, err
	}
	defer st.Close()
	g.st = st
	// A half-made test store is thrown away, so there is no need to wait for the disk after
	// every batch; it is synced once at the end.
	st.DB().NoSync = true
	if _, err := demo.Create(st, opts.Password); err != nil {
		return Summary{}, err
	}
	if g.cal, err = st.Calendar(); err != nil {
		return Summary{}, err
	}
	if err := g.staff(); err != nil {
		return Summary{}, err
	}
	if err := g.matters(); err != nil {
		return Summary{}, err
	}
	if g.reviewCfg, err = st.ReviewConfig(); err != nil {
		return Summary{}, err
	}
	rec := record.New(st)
	if g.rule, err = rec.NumberRule(); err != nil {
		return Summary{}, err
	}
	if g.catalogue, err = rec.Catalogue(); err != nil {
		return Summary{}, err
	}
	if g.required, err = rec.RequiredDocs(); err != nil {
		return Summary{}, err
	}
	if g.archiveRule, err = rec.ArchiveRule(); err != nil {
		return Summary{}, err
	}
	g.scans = map[string]blob.Info{}
	if err := g.cases(); err != nil {
		return Summary{}, err
	}
	if err := st.SaveSetting("admin", keyGenerated, generated{Cases: opts.Cases, Seed: opts.Seed, Until: opts.Until, PerYear: opts.PerYear},
		fmt.Sprintf("生成测试数据：%d 件案件，种子 %d，截至 %s", opts.Cases, opts.Seed, opts.Until)); err != nil {
		return Summary{}, err
	}
	if err := st.DB().Sync(); err != nil {
		return Summary{}, err
	}
	chain, err := st.VerifyChain()
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{Cases: g.created, Officers: len(g.officers), Matters: len(g.matterList), Publications: g.publications,
		Views: g.views, Recordings: g.recordings, Documents: g.documents, Submissions: g.submissions, Opinions: g.opinions,
		Events: chain.Events, Elapsed: time.Since(start)}
	if fi, err := os.Stat(filepath.Join(dir, store.DBFile)); err == nil {
		sum.DBBytes = fi.Size()
	}
	return sum, nil
}

type generator struct {
	st    *store.Store
	opts  Options
	r     *rand.Rand
	cal   *workday.Calendar
	rule  domain.NumberRule
	clock time.Time

	officers   []domain.Officer
	byLogin    map[uint64]string // officer ID → login
	heads      []string          // logins that look at cases without handling them
	matterList []domain.Matter
	specs      map[uint64]matterSpec

	created, publications, views, recordings, documents, submissions, opinions int

	reviewCfg domain.ReviewConfig
	reviewers []string          // logins of the legal reviewers
	officerOf map[string]uint64 // login → officer ID
	fullName  map[string]string // login → name

	catalogue   []domain.DocType
	required    domain.RequiredDocs
	archiveRule domain.ArchiveRule
	scans       map[string]blob.Info // one scanned page per document type, shared by every document of that type
}

// units of the bureau that handle cases.
var units = []string{"执法稽查大队", "食品安全监管股", "特种设备安全监察股", "行政审批股", "信用监管股"}

// staff adds the bureau's other officers (with accounts sharing the demo password), some
// with certificates that have run out and some who have left.
func (g *generator) staff() error {
	users, err := g.st.Users()
	if err != nil {
		return err
	}
	var model domain.User
	reviewerOnly := map[uint64]bool{} // legal reviewers review cases, they do not handle them
	for _, u := range users {
		g.officerOf[u.Name], g.fullName[u.Name] = u.OfficerID, u.DisplayName()
		reviewerOnly[u.OfficerID] = u.HasRole(domain.RoleReviewer) && !u.HasRole(domain.RoleOfficer)
		if u.HasRole(domain.RoleReviewer) {
			g.reviewers = append(g.reviewers, u.Name)
		}
		if u.OfficerID != 0 {
			g.byLogin[u.OfficerID] = u.Name
			model = u
		}
		if u.HasAnyRole(domain.RoleHead, domain.RoleReviewer) {
			g.heads = append(g.heads, u.Name)
		}
	}
	for i := 1; i <= 36; i++ {
		unit := units[i%len(units)]
		if i%3 == 0 {
			unit = "青山县市场监督管理局" + towns[i%len(towns)] + "市场监管所"
		}
		o := domain.Officer{Name: personName(g.r), Unit: unit, Post: pick(g.r, []string{"科员", "副所长", "所长", "副队长", "科员"}),
			CertNo: fmt.Sprintf("520200%05d", 19100+i), CertIssuer: "贵州省人民政府", Category: "市场监管综合执法",
			Region: "青山县", ValidUntil: g.opts.Until.AddDays(200 + g.r.IntN(1500)), Phone: phone(g.r),
			TrainingHours: map[int]float64{g.opts.Until.Year: float64(20 + g.r.IntN(40))}}
		switch i {
		case 7, 19:
			o.ValidUntil = g.opts.Until.AddDays(-30 - g.r.IntN(300)) // expired: may no longer enforce
		case 11:
			o.ValidUntil = g.opts.Until.AddDays(20) // expires soon: a dashboard warning
		case 23:
			o.Left = true
		}
		o, err := g.st.SaveOfficer(store.Change{Actor: "admin"}, o)
		if err != nil {
			return err
		}
		login := fmt.Sprintf("zf%02d", i)
		u := domain.User{Name: login, FullName: o.Name, Roles: []domain.Role{domain.RoleOfficer}, OfficerID: o.ID,
			Phone: o.Phone, PasswordHash: model.PasswordHash, Disabled: o.Left}
		if _, err := g.st.SaveUser(u, store.UserChange{Actor: "admin", Action: "user.create", Summary: "新建账户 " + login + "（" + o.Name + "）"}); err != nil {
			return err
		}
		g.byLogin[o.ID] = login
		g.officerOf[login], g.fullName[login] = o.ID, o.Name
	}
	all, err := g.st.Officers()
	if err != nil {
		return err
	}
	for _, o := range all {
		if g.byLogin[o.ID] != "" && !reviewerOnly[o.ID] {
			g.officers = append(g.officers, o)
		}
	}
	slices.SortFunc(g.officers, func(a, b domain.Officer) int { return int(a.ID) - int(b.ID) })
	return nil
}

// matters enters the office's 执法事项清单.
func (g *generator) matters() error {
	g.specs = map[uint64]matterSpec{}
	for _, s := range matterSpecs {
		m := domain.Matter{Code: s.code, Name: s.name, Type: s.t, LegalBasis: s.basis, HandlingUnit: s.unit,
			TimeLimit: "法定期限内", AlwaysMajor: s.major}
		if s.t == domain.ActCoercion {
			m.RecordingStages = []domain.Stage{domain.StageOnSite, domain.StageExecute}
		}
		m, err := g.st.SaveMatter(store.Change{Actor: "admin"}, m)
		if err != nil {
			return err
		}
		g.matterList = append(g.matterList, m)
		g.specs[m.ID] = s
	}
	return nil
}

// ---- the life of the cases ----

type stepKind int

const (
	stepCreate stepKind = iota
	stepStage
	stepDecision
	stepBack
	stepView
	stepPublish
	stepNotPublic
	stepArchive
	stepRecording
	stepSubmit  // 送法制审核
	stepOpinion // 法制审核意见
)

type step struct {
	at       time.Time
	kind     stepKind
	next     domain.Stage // stepStage: the stage that follows; stepBack: the stage returned to
	officer  uint64
	note     string
	decision domain.Decision // stepDecision, and stepStage closing without a decision
	late     bool            // stepPublish: after the deadline
	stage    domain.Stage    // stepRecording: the stage filmed
	captured time.Time       // stepRecording: when it was filmed
	opinion  domain.Opinion  // stepOpinion
}

// life is one case and what is still to happen to it.
type life struct {
	c        domain.Case
	spec     matterSpec
	steps    []step
	next     int
	docs     []uint64 // its documents, in the order they were filed
	docTypes []string
}

func (l *life) at() time.Time { return l.steps[l.next].at }

type lifeHeap []*life

func (h lifeHeap) Len() int           { return len(h) }
func (h lifeHeap) Less(i, j int) bool { return h[i].at().Before(h[j].at()) }
func (h lifeHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *lifeHeap) Push(x any)        { *h = append(*h, x.(*life)) }
func (h *lifeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// cases registers the cases one working day after another and plays every case's life in
// time order, so the audit chain reads like the office's real history.
func (g *generator) cases() error {
	years := max(1, (g.opts.Cases+g.opts.PerYear-1)/g.opts.PerYear)
	first := g.opts.Until.AddDays(-365 * years)
	var days []domain.Date
	for d := first; !d.After(g.opts.Until); d = d.AddDays(1) {
		if g.cal.IsWorkingDay(d) {
			days = append(days, d)
		}
	}
	end := g.opts.Until.Time(time.Local).Add(18 * time.Hour)
	var active lifeHeap
	arrived := 0
	arrival := func(i int) time.Time { // the i-th case's registration, spread evenly
		day := days[i*len(days)/g.opts.Cases]
		return day.Time(time.Local).Add(8*time.Hour + 30*time.Minute + time.Duration(i%97)*5*time.Minute)
	}
	done := false
	for !done {
		err := g.st.Bulk(func(b *store.Bulk) error {
			for n := 0; n < batchSteps; n++ {
				var next *life
				switch {
				case arrived < g.opts.Cases && (active.Len() == 0 || !active[0].at().Before(arrival(arrived))):
					next = g.plan(arrival(arrived))
					arrived++
				case active.Len() > 0:
					next = heap.Pop(&active).(*life)
				}
				if next == nil || next.at().After(end) {
					done = true
					return nil
				}
				if err := g.apply(b, next); err != nil {
					return err
				}
				if next.next++; next.next < len(next.steps) {
					heap.Push(&active, next)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if g.opts.Progress != nil {
			g.opts.Progress(arrived, g.opts.Cases)
		}
	}
	return nil
}

// apply performs the case's next step at its time.
func (g *generator) apply(b *store.Bulk, l *life) error {
	s := l.steps[l.next]
	g.clock = s.at
	c := &l.c
	actor := g.byLogin[s.officer]
	if actor == "" {
		actor = g.byLogin[c.OfficerIDs[0]]
	}
	ch := store.Change{Actor: actor}
	var err error
	switch s.kind {
	case stepCreate:
		*c, err = b.CreateCase(ch, *c, &store.CaseNumbering{Rule: g.rule, AgencyShort: demo.Agency.ShortName, Year: c.Opened.Year})
		g.created++
	case stepDecision:
		d := s.decision
		if d.DocNumber == "" && c.Procedure == domain.ProcedureGeneral {
			d.DocNumber = c.Number
		}
		if _, held := c.Completed(domain.StageHearing); held {
			d.HearingHeld = true
		}
		c.Decision = d
		*c, err = b.SaveCase(ch, *c, "case.decision", fmt.Sprintf("案件 %s 填写决定：%s（%s）", c.Number, decisionWhat(d), d.Date))
	case stepStage:
		stage := c.Stage
		if *c, err = g.completeStage(b, ch, c, s); err == nil {
			err = g.fileDocuments(b, ch, l, stage, domain.DateOf(s.at))
		}
	case stepBack:
		from := c.Stage
		c.History = append(c.History, domain.StageRecord{Stage: s.next, From: from, Back: true, Date: domain.DateOf(s.at),
			OfficerID: s.officer, Note: s.note, Actor: actor, At: s.at})
		c.Stage = s.next
		*c, err = b.SaveCase(store.Change{Actor: actor, Reason: s.note}, *c, "case.back",
			fmt.Sprintf("案件 %s 从“%s”退回到“%s”", c.Number, from.Label(), s.next.Label()))
	case stepView:
		g.views++
		who := pick(g.r, g.heads)
		if g.r.IntN(2) == 0 {
			who = actor
		}
		err = b.LogAccess(who, "record.view", store.CaseTarget(c.ID), "查看案件 "+c.Number)
	case stepPublish, stepNotPublic:
		err = g.publish(b, ch, l, s)
	case stepRecording:
		err = g.record(b, ch, l, s)
	case stepSubmit:
		err = g.submit(b, ch, l, s)
	case stepOpinion:
		err = g.opinion(b, l, s)
	case stepArchive:
		// as record.Service does at 归档: the dossier's items in filing order, the next
		// archive number of the closing year, the required documents it holds
		c.History = append(c.History, domain.StageRecord{Stage: domain.StageArchive, Date: domain.DateOf(s.at),
			Note: "立卷归档", Actor: actor, At: s.at})
		c.Archived = domain.DateOf(s.at)
		c.Required = nil
		have := map[string]bool{}
		for _, t := range l.docTypes {
			have[t] = true
		}
		for _, name := range g.required[c.Type] {
			if have[name] {
				c.Required = append(c.Required, name)
			}
		}
		*c, err = b.ArchiveCase(ch, *c, l.docs, store.ArchiveNumbering{Rule: g.archiveRule, Year: c.Closed.Year})
	}
	return err
}

// fileDocuments files the documents a completed stage leaves, as the officer scans them in:
// the dossier's required documents of that stage, or for kinds of case without a list, the
// catalogue's first document of registration, decision and closing.
func (g *generator) fileDocuments(b *store.Bulk, ch store.Change, l *life, stage domain.Stage, day domain.Date) error {
	var names []string
	for _, name := range g.required[l.c.Type] {
		if g.stageOf(name) == stage {
			names = append(names, name)
		}
	}
	if len(g.required[l.c.Type]) == 0 && (stage == domain.StageAccept || stage == domain.StageDecide || stage == domain.StageClose) {
		for _, t := range g.catalogue {
			if t.Stage == stage {
				names = append(names, t.Name)
				break
			}
		}
	}
	for _, name := range names {
		if err := g.fileDocument(b, ch, l, stage, name, day); err != nil {
			return err
		}
	}
	return nil
}

// fileDocument files one scanned document of type name in the case's stage.
func (g *generator) fileDocument(b *store.Bulk, ch store.Change, l *life, stage domain.Stage, name string, day domain.Date) error {
	file, err := g.scan(name)
	if err != nil {
		return err
	}
	d := domain.Document{CaseID: l.c.ID, Stage: stage, Type: name, Title: name, Date: day, Author: ch.Actor,
		Pages: 1, FileName: name + ".jpg", Format: "jpeg"}
	if stage == domain.StageDecide && strings.HasSuffix(name, "决定书") {
		d.DocNumber = l.c.Decision.DocNumber
	}
	doc, err := b.AddDocument(ch, store.NewDocument{Doc: d, File: file})
	if err != nil {
		return err
	}
	g.documents++
	l.docs, l.docTypes = append(l.docs, doc.ID), append(l.docTypes, name)
	return nil
}

func (g *generator) stageOf(docType string) domain.Stage {
	for _, t := range g.catalogue {
		if t.Name == docType {
			return t.Stage
		}
	}
	return ""
}

// scan is the scanned page of a document type, made (once) as the demo office's scans are.
func (g *generator) scan(docType string) (blob.Info, error) {
	if info, ok := g.scans[docType]; ok {
		return info, nil
	}
	page, err := demo.ScanJPEG(demo.Sheet{Office: demo.Agency.Name, Title: docType,
		Lines: demo.Paragraphs(3), Footer: "执法人员签名：＿＿＿＿　　年　月　日"}, 900)
	if err != nil {
		return blob.Info{}, err
	}
	info, err := g.st.Blobs().Put(context.Background(), bytes.NewReader(page))
	if err != nil {
		return blob.Info{}, err
	}
	g.scans[docType] = info
	return info, nil
}

func decisionWhat(d domain.Decision) string {
	if len(d.Kinds) > 0 {
		return domain.PenaltyLabels(d.Kinds)
	}
	return d.Summary
}

// completeStage records the completion of the case's current stage as CompleteStage does.
func (g *generator) completeStage(b *store.Bulk, ch store.Change, c *domain.Case, s step) (domain.Case, error) {
	stage := c.Stage
	day := domain.DateOf(s.at)
	if s.decision.NotDecidedReason != "" {
		c.Decision = s.decision
	}
	c.History = append(c.History, domain.StageRecord{Stage: stage, Date: day, OfficerID: s.officer, Note: s.note,
		Actor: ch.Actor, At: s.at})
	summary := fmt.Sprintf("案件 %s 完成“%s”（%s）", c.Number, stage.Label(), day)
	if stage == domain.StageClose {
		c.Closed = day
	}
	if s.decision.NotDecidedReason != "" {
		summary += "，不予决定：" + s.decision.NotDecidedReason
	}
	c.Stage = s.next
	summary += "，进入“" + s.next.Label() + "”"
	return b.SaveCase(ch, *c, "case.stage", summary)
}

// publish records the decision's publication (or that it may not be published), as the
// publication service does when an officer confirms the redacted content.
func (g *generator) publish(b *store.Bulk, ch store.Change, l *life, s step) error {
	c := l.c
	due := g.cal.AddWorkingDays(c.Decision.Date, c.Type.PublishWithinWorkingDays())
	p := domain.Publication{CaseID: c.ID, CaseNumber: c.Number, DecisionDate: c.Decision.Date,
		DocNumber: c.Decision.DocNumber, Due: due.Date, DueConfirmed: due.Confirmed}
	if s.kind == stepNotPublic {
		p.NotPublicReason, p.NotPublicBy = s.note, ch.Actor
		_, err := b.SavePublication(ch, p, "publication.notpublic", fmt.Sprintf("案件 %s 的决定不公开，理由：%s", c.Number, s.note))
		g.publications++
		return err
	}
	p.Content = domain.PubContent{Agency: demo.Agency.Name, Party: c.Party.MaskedName(), PartyPerson: c.Party.Kind == domain.PartyPerson,
		Type: c.Type, Matter: c.MatterName, Conclusion: conclusion(c), DocNumber: c.Decision.DocNumber,
		Basis: l.spec.basis, Kinds: c.Decision.Kinds, Fine: c.Decision.Fine, Confiscation: c.Decision.Confiscation,
		Date: c.Decision.Date}
	if c.Party.Kind == domain.PartyOrganisation {
		p.Content.PartyCode = c.Party.IDNumber
	}
	if c.Type == domain.ActPenalty {
		p.Content.Violation = l.spec.name[len("对"):]
	}
	p.Draft = domain.PubDraft{Conclusion: p.Content.Conclusion, Basis: p.Content.Basis, Violation: p.Content.Violation}
	p.ConfirmedAt, p.ConfirmedBy = s.at, ch.Actor
	p.PublishedOn, p.Channel, p.PublishedBy = domain.DateOf(s.at), pick(g.r, domain.AllPubChannels), ch.Actor
	summary := fmt.Sprintf("确认案件 %s 决定（%s）的公开内容（已脱敏），%s 已在%s公开", c.Number, p.DocNumber, p.PublishedOn, p.Channel.Label())
	if p.Late() {
		summary += fmt.Sprintf("（逾期：期限为 %s）", p.Due)
	}
	_, err := b.SavePublication(ch, p, "publication.publish", summary)
	g.publications++
	return err
}

func conclusion(c domain.Case) string {
	d := c.Decision
	if len(d.Kinds) == 0 {
		return d.Summary
	}
	text := domain.PenaltyLabels(d.Kinds)
	if d.Fine > 0 {
		text += "，罚款 " + d.Fine.String() + " 元"
	}
	if d.Confiscation > 0 {
		text += "，没收 " + d.Confiscation.String() + " 元"
	}
	return text
}

// record imports the body-camera footage of a stage, labelled with its case, as an officer
// does the same day (or, now and then, too late, with the reason). The file is a few
// kilobytes standing in for the video: the store holds what LawDesk knows about it.
func (g *generator) record(b *store.Bulk, ch store.Change, l *life, s step) error {
	c := l.c
	g.recordings++
	officer := s.officer
	var collector domain.Officer
	for _, o := range g.officers {
		if o.ID == officer {
			collector = o
		}
	}
	device := fmt.Sprintf("CAM%03d", officer)
	content := make([]byte, 2048+g.r.IntN(2048))
	for i := range content {
		content[i] = byte(g.r.Uint32())
	}
	copy(content, fmt.Sprintf("LawDesk bench footage %d %s %s", g.recordings, c.Number, s.captured.Format(time.RFC3339)))
	p, err := g.st.Blobs().Write(context.Background(), bytes.NewReader(content))
	if err != nil {
		return err
	}
	if err := g.st.Blobs().Commit(p); err != nil {
		return err
	}
	r := domain.Recording{Kind: domain.RecordingVideo, Format: "mp4",
		FileName: fmt.Sprintf("DCAM_%s_%06d_%s_IMP.mp4", device, officer, s.captured.Format("20060102_150405")),
		Device:   device, OfficerNo: fmt.Sprintf("%06d", officer), Captured: s.captured, CaptureSource: "文件名",
		Duration: time.Duration(60+g.r.IntN(2400)) * time.Second, Width: 1920, Height: 1080,
		Imported: s.at, ImportedBy: ch.Actor, Important: g.r.IntN(3) == 0, CaseID: c.ID, Stage: s.stage,
		Place: c.Party.Address, CollectorID: officer, Collector: collector.Name,
		Proves: s.stage.Label() + "过程及" + c.Party.Name + "的现场情况", Evidence: g.r.IntN(3) == 0,
		RetainUntil: domain.DefaultRetainUntil(s.at, domain.MinRetentionMonths)}
	r.SourcePath = "DCIM/100MEDIA/" + r.FileName
	if r.Late() && g.r.IntN(2) == 0 {
		r.LateReason = "外出执法路途远，次日返回单位后导入"
	}
	r.Permanent = r.Evidence
	_, err = b.AddRecordings(ch, []store.NewRecording{{Recording: r, Blob: p.Info}})
	return err
}
