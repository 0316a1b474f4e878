package store

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"time"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

// Cases and their indexes. Every index is written in the same transaction as the case.
var (
	bucketCases         = newBucket("cases")           // id → caseRecord
	bucketCasesByNumber = newBucket("cases_by_number") // canonical number → id
	bucketCaseSets      = newBucket("case_sets")       // set name + 0xFF + id → nil (status, type, year, officer)
	bucketCaseCounts    = newBucket("case_counts")     // set name → number of cases in it
	bucketCaseSeq       = newBucket("case_seq")        // canonical prefix〔year〕 → last sequence number given out
	bucketCaseTerms     = newBucket("case_terms")      // term + 0xFF + id → nil (full-text search)
	bucketCaseTermDF    = newBucket("case_term_df")    // term → number of cases holding it
	bucketCaseTermList  = newBucket("case_term_list")  // id → the case's terms (to unindex on change)
)

type partyRecord struct {
	Kind     domain.PartyKind `json:"kind"`
	Name     string           `json:"name"`
	IDNumber string           `json:"id_no,omitempty"`
	LegalRep string           `json:"legal_rep,omitempty"`
	Contact  string           `json:"contact,omitempty"`
	Address  string           `json:"address,omitempty"`
}

type stageRecordRecord struct {
	Stage     domain.Stage `json:"stage"`
	Date      domain.Date  `json:"date,omitzero"`
	OfficerID uint64       `json:"officer,omitempty"`
	Note      string       `json:"note,omitempty"`
	Back      bool         `json:"back,omitempty"`
	From      domain.Stage `json:"from,omitempty"`
	Actor     string       `json:"actor"`
	At        time.Time    `json:"at"`
}

type decisionRecord struct {
	Kinds            []domain.PenaltyKind `json:"kinds,omitempty"`
	Fine             domain.Money         `json:"fine,omitempty"`
	Confiscation     domain.Money         `json:"confiscation,omitempty"`
	DocNumber        string               `json:"doc_no,omitempty"`
	Date             domain.Date          `json:"date,omitzero"`
	Summary          string               `json:"summary,omitempty"`
	HearingHeld      bool                 `json:"hearing,omitempty"`
	NotDecidedReason string               `json:"not_decided,omitempty"`
}

type annotationRecord struct {
	Text  string    `json:"text"`
	Actor string    `json:"actor"`
	At    time.Time `json:"at"`
}

type caseRecord struct {
	ID           uint64              `json:"id"`
	Number       string              `json:"number"`
	Type         domain.ActType      `json:"type"`
	MatterID     uint64              `json:"matter_id,omitempty"`
	MatterName   string              `json:"matter"`
	Procedure    domain.Procedure    `json:"procedure"`
	Source       domain.CaseSource   `json:"source"`
	Party        partyRecord         `json:"party"`
	HandlingUnit string              `json:"unit"`
	OfficerIDs   []uint64            `json:"officers"`
	Amount       domain.Money        `json:"amount,omitempty"`
	Facts        string              `json:"facts,omitempty"`
	Secrecy      domain.Secrecy      `json:"secrecy,omitempty"`
	Retention    domain.Retention    `json:"retention"`
	Stage        domain.Stage        `json:"stage"`
	Status       domain.CaseStatus   `json:"status"`
	History      []stageRecordRecord `json:"history,omitempty"`
	Decision     decisionRecord      `json:"decision"`
	Opened       domain.Date         `json:"opened,omitzero"`
	Closed       domain.Date         `json:"closed,omitzero"`
	Archived     domain.Date         `json:"archived,omitzero"`
	ArchiveNo    string              `json:"archive_no,omitempty"`
	Required     []string            `json:"required,omitempty"`
	Annotations  []annotationRecord  `json:"annotations,omitempty"`
	Created      time.Time           `json:"created"`
	Updated      time.Time           `json:"updated"`
	CreatedBy    string              `json:"created_by"`
}

func toCaseRecord(c domain.Case) caseRecord {
	r := caseRecord{
		ID: c.ID, Number: c.Number, Type: c.Type, MatterID: c.MatterID, MatterName: c.MatterName,
		Procedure: c.Procedure, Source: c.Source, Party: partyRecord(c.Party), HandlingUnit: c.HandlingUnit,
		OfficerIDs: c.OfficerIDs, Amount: c.Amount, Facts: c.Facts, Secrecy: c.Secrecy, Retention: c.Retention,
		Stage: c.Stage, Status: c.Status, Decision: decisionRecord(c.Decision), Opened: c.Opened,
		Closed: c.Closed, Archived: c.Archived, ArchiveNo: c.ArchiveNo, Required: c.Required, Created: c.Created,
		Updated: c.Updated, CreatedBy: c.CreatedBy,
	}
	for _, h := range c.History {
		r.History = append(r.History, stageRecordRecord(h))
	}
	for _, a := range c.Annotations {
		r.Annotations = append(r.Annotations, annotationRecord(a))
	}
	return r
}

func (r caseRecord) toCase() domain.Case {
	c := domain.Case{
		ID: r.ID, Number: r.Number, Type: r.Type, MatterID: r.MatterID, MatterName: r.MatterName,
		Procedure: r.Procedure, Source: r.Source, Party: domain.Party(r.Party), HandlingUnit: r.HandlingUnit,
		OfficerIDs: r.OfficerIDs, Amount: r.Amount, Facts: r.Facts, Secrecy: r.Secrecy, Retention: r.Retention,
		Stage: r.Stage, Status: r.Status, Decision: domain.Decision(r.Decision), Opened: r.Opened,
		Closed: r.Closed, Archived: r.Archived, ArchiveNo: r.ArchiveNo, Required: r.Required, Created: r.Created,
		Updated: r.Updated, CreatedBy: r.CreatedBy,
	}
	for _, h := range r.History {
		c.History = append(c.History, domain.StageRecord(h))
	}
	for _, a := range r.Annotations {
		c.Annotations = append(c.Annotations, domain.Annotation(a))
	}
	return c
}

// CaseNumbering asks CreateCase to generate the case number strictly by Rule.
type CaseNumbering struct {
	Rule        domain.NumberRule
	AgencyShort string // 机关代字
	Year        int
}

// CaseTarget is the audit target of a case; its documents and dossier use it as a prefix
// (case:12/doc:3), so a case's whole log can be found by prefix.
func CaseTarget(id uint64) string { return "case:" + strconv.FormatUint(id, 10) }

// CreateCase stores a new case. With numbering, the number is generated inside this one
// transaction from the sequence of its year (and type), so two cases can never get the
// same number and no number is ever given out twice; without it, c.Number is a number
// typed by hand, which must not collide with an existing one (compared leniently:
// 〔2026〕12号, [2026]12号 and （2026）012号 are the same number).
func (s *Store) CreateCase(ch Change, c domain.Case, numbering *CaseNumbering) (domain.Case, error) {
	err := s.db.Update(func(tx *bbolt.Tx) error {
		var err error
		c, err = s.createCase(tx, ch, c, numbering)
		return err
	})
	return c, internal(err)
}

func (s *Store) createCase(tx *bbolt.Tx, ch Change, c domain.Case, numbering *CaseNumbering) (domain.Case, error) {
	if numbering != nil {
		n, err := s.nextCaseNumber(tx, *numbering, c.Type)
		if err != nil {
			return c, err
		}
		c.Number = n
	} else if err := s.claimTypedNumber(tx, c.Number); err != nil {
		return c, err
	}
	seq, err := tx.Bucket(bucketCases).NextSequence()
	if err != nil {
		return c, err
	}
	now := s.Now()
	c.ID, c.Created, c.Updated, c.CreatedBy = seq, now, now, ch.Actor
	c.Status = domain.StatusFor(c.Stage, c.Archived)
	if err := s.writeCase(tx, nil, c); err != nil {
		return c, err
	}
	return c, s.appendEvent(tx, ch.Actor, "case.create", CaseTarget(c.ID),
		ch.summary(fmt.Sprintf("登记案件 %s（%s，%s）", c.Number, c.Type.Label(), c.MatterName)))
}

// nextCaseNumber gives out the next number of the rule's sequence for the year, skipping
// any number already taken by a case typed in by hand.
func (s *Store) nextCaseNumber(tx *bbolt.Tx, n CaseNumbering, t domain.ActType) (string, error) {
	prefix := n.Rule.Prefix(n.AgencyShort, t)
	if prefix == "" {
		return "", domain.Errorf(domain.EINVALID, "“案件编号规则”无法生成编号，请在系统设置中检查规则。")
	}
	key := []byte(domain.CaseNumber{Prefix: prefix, Year: n.Year}.String())
	seqs := tx.Bucket(bucketCaseSeq)
	var last uint64
	if v := seqs.Get(key); v != nil {
		last = btoi(v)
	}
	for {
		last++
		number := n.Rule.Format(n.AgencyShort, t, n.Year, int(last))
		canon, err := domain.CanonicalCaseNumber(number)
		if err != nil {
			return "", err
		}
		if tx.Bucket(bucketCasesByNumber).Get([]byte(canon)) == nil {
			return number, seqs.Put(key, itob(last))
		}
	}
}

// claimTypedNumber checks a hand-typed number is free and moves its sequence past it, so
// the generator never produces it later.
func (s *Store) claimTypedNumber(tx *bbolt.Tx, number string) error {
	n, err := domain.ParseCaseNumber(number)
	if err != nil {
		return err
	}
	if id := tx.Bucket(bucketCasesByNumber).Get([]byte(n.String())); id != nil {
		var other caseRecord
		get(tx, bucketCases, id, &other)
		return domain.Errorf(domain.ECONFLICT, "案件编号“%s”已被使用（案件 %s，%s）。请核对编号，一个编号只能登记一次。",
			number, other.Number, other.MatterName)
	}
	key := []byte(domain.CaseNumber{Prefix: n.Prefix, Year: n.Year}.String())
	seqs := tx.Bucket(bucketCaseSeq)
	if v := seqs.Get(key); v == nil || btoi(v) < uint64(n.Seq) {
		return seqs.Put(key, itob(uint64(n.Seq)))
	}
	return nil
}

// SaveCase replaces a case read earlier (c.Updated must still match what is stored, so a
// change made meanwhile in another window is never overwritten) and appends action with
// summary to the audit chain. An archived case refuses every change except annotations.
func (s *Store) SaveCase(ch Change, c domain.Case, action, summary string) (domain.Case, error) {
	err := s.db.Update(func(tx *bbolt.Tx) error {
		var err error
		c, err = s.saveCase(tx, ch, c, action, summary)
		return err
	})
	return c, internal(err)
}

func (s *Store) saveCase(tx *bbolt.Tx, ch Change, c domain.Case, action, summary string) (domain.Case, error) {
	var old caseRecord
	ok, err := get(tx, bucketCases, itob(c.ID), &old)
	if err != nil {
		return c, err
	}
	if !ok {
		return c, domain.Errorf(domain.ENOTFOUND, "案件不存在（编号 %d）。", c.ID)
	}
	if !old.Updated.Equal(c.Updated) {
		return c, domain.Errorf(domain.ECONFLICT, "案件 %s 刚刚被其他操作修改过。请重新打开案件，再做一次这个操作。", old.Number)
	}
	if !old.Archived.IsZero() && !onlyAnnotated(old, c) {
		return c, domain.Errorf(domain.ELOCKED, "案件 %s 已于 %s 归档，不能修改，只能添加备注。", old.Number, old.Archived)
	}
	if oldN, _ := domain.CanonicalCaseNumber(old.Number); oldN != canonicalOrSelf(c.Number) {
		if err := s.claimTypedNumber(tx, c.Number); err != nil {
			return c, err
		}
	}
	c.Updated = s.Now()
	if !c.Updated.After(old.Updated) { // a fixed test clock: keep Updated strictly increasing
		c.Updated = old.Updated.Add(time.Nanosecond)
	}
	c.Status = domain.StatusFor(c.Stage, c.Archived)
	oldCase := old.toCase()
	if err := s.writeCase(tx, &oldCase, c); err != nil {
		return c, err
	}
	return c, s.appendEvent(tx, ch.Actor, action, CaseTarget(c.ID), ch.summary(summary))
}

func canonicalOrSelf(number string) string {
	if n, err := domain.CanonicalCaseNumber(number); err == nil {
		return n
	}
	return number
}

// onlyAnnotated reports whether the only difference between two versions of a case is
// annotations appended at the end.
func onlyAnnotated(old caseRecord, c domain.Case) bool {
	n := toCaseRecord(c)
	if len(n.Annotations) < len(old.Annotations) {
		return false
	}
	for i := range old.Annotations {
		if n.Annotations[i] != old.Annotations[i] {
			return false
		}
	}
	n.Annotations, n.Updated = old.Annotations, old.Updated
	a, _ := encode(old)
	b, _ := encode(n)
	return bytes.Equal(a, b)
}

// writeCase puts c and brings every index in line with it; old is the stored version
// (nil for a new case).
func (s *Store) writeCase(tx *bbolt.Tx, old *domain.Case, c domain.Case) error {
	if err := put(tx, bucketCases, itob(c.ID), toCaseRecord(c)); err != nil {
		return err
	}
	if err := s.writeCaseFacts(tx, old, c); err != nil {
		return err
	}
	byNumber := tx.Bucket(bucketCasesByNumber)
	if old != nil {
		if err := byNumber.Delete([]byte(canonicalOrSelf(old.Number))); err != nil {
			return err
		}
	}
	if err := byNumber.Put([]byte(canonicalOrSelf(c.Number)), itob(c.ID)); err != nil {
		return err
	}
	var oldSets []string
	if old != nil {
		oldSets = caseSets(*old)
	}
	if err := s.updateSets(tx, c.ID, oldSets, caseSets(c)); err != nil {
		return err
	}
	if err := refreshPublicationOpen(tx, c); err != nil {
		return err
	}
	if old != nil && slices.Equal(caseFieldText(*old), caseFieldText(c)) {
		return nil // most saves complete a stage: the searchable text stays as it was
	}
	return s.reindexCaseText(tx, c)
}

// caseSets are the index sets a case belongs to.
func caseSets(c domain.Case) []string {
	status := domain.StatusFor(c.Stage, c.Archived)
	sets := []string{setAll, "status:" + string(status), "type:" + string(c.Type),
		"year:" + strconv.Itoa(CaseYear(c))}
	if status != domain.StatusArchived {
		sets = append(sets, setPending)
	}
	for _, id := range c.OfficerIDs {
		sets = append(sets, officerSet(id))
	}
	return sets
}

const (
	setAll     = "all"
	setPending = "pending" // open or closed, not archived: where deadlines live
)

func officerSet(id uint64) string { return "officer:" + strconv.FormatUint(id, 10) }

// CaseYear is the year a case is filed under: its number's year, else its opening date's.
func CaseYear(c domain.Case) int {
	if n, err := domain.ParseCaseNumber(c.Number); err == nil {
		return n.Year
	}
	if !c.Opened.IsZero() {
		return c.Opened.Year
	}
	return c.Created.Year()
}

func setKey(set string, id uint64) []byte {
	k := make([]byte, 0, len(set)+9)
	k = append(k, set...)
	k = append(k, termSep)
	return append(k, itob(id)...)
}

// updateSets moves case id from the sets in old to those in new, keeping the counts.
func (s *Store) updateSets(tx *bbolt.Tx, id uint64, old, new []string) error {
	sets, counts := tx.Bucket(bucketCaseSets), tx.Bucket(bucketCaseCounts)
	inNew := map[string]bool{}
	for _, n := range new {
		inNew[n] = true
	}
	inOld := map[string]bool{}
	for _, o := range old {
		inOld[o] = true
		if !inNew[o] {
			if err := sets.Delete(setKey(o, id)); err != nil {
				return err
			}
			if err := addCount(counts, []byte(o), -1); err != nil {
				return err
			}
		}
	}
	for n := range inNew {
		if !inOld[n] {
			if err := sets.Put(setKey(n, id), nil); err != nil {
				return err
			}
			if err := addCount(counts, []byte(n), 1); err != nil {
				return err
			}
		}
	}
	return nil
}

func addCount(b *bbolt.Bucket, key []byte, delta int64) error {
	var n int64
	if v := b.Get(key); v != nil {
		n = int64(btoi(v))
	}
	n += delta
	if n <= 0 {
		return b.Delete(key)
	}
	return b.Put(key, itob(uint64(n)))
}

func count(b *bbolt.Bucket, key string) int {
	if v := b.Get([]byte(key)); v != nil {
		return int(btoi(v))
	}
	return 0
}

// caseFieldText is the text of a case's own fields that search finds.
func caseFieldText(c domain.Case) []string {
	return []string{c.Number, canonicalOrSelf(c.Number), c.Party.Name, c.Party.IDNumber, c.MatterName,
		c.Facts, c.Decision.DocNumber, c.ArchiveNo}
}

// reindexCaseText recomputes the case's search terms from its fields and its documents'
// stored terms, and updates the postings that changed.
func (s *Store) reindexCaseText(tx *bbolt.Tx, c domain.Case) error {
	set := map[string]struct{}{}
	for _, t := range caseFieldText(c) {
		addTerms(set, t)
	}
	if err := s.addDocumentTerms(tx, c.ID, set); err != nil {
		return err
	}
	old := map[string]struct{}{}
	decodeTerms(tx.Bucket(bucketCaseTermList).Get(itob(c.ID)), old)
	terms, df := tx.Bucket(bucketCaseTerms), tx.Bucket(bucketCaseTermDF)
	for t := range old {
		if _, keep := set[t]; !keep {
			if err := terms.Delete(setKey(t, c.ID)); err != nil {
				return err
			}
			if err := addCount(df, []byte(t), -1); err != nil {
				return err
			}
		}
	}
	for t := range set {
		if _, had := old[t]; !had {
			if err := terms.Put(setKey(t, c.ID), nil); err != nil {
				return err
			}
			if err := addCount(df, []byte(t), 1); err != nil {
				return err
			}
		}
	}
	return tx.Bucket(bucketCaseTermList).Put(itob(c.ID), encodeTerms(set))
}

// Case returns one case.
func (s *Store) Case(id uint64) (domain.Case, error) {
	var r caseRecord
	err := s.db.View(func(tx *bbolt.Tx) error {
		ok, err := get(tx, bucketCases, itob(id), &r)
		if err == nil && !ok {
			err = domain.Errorf(domain.ENOTFOUND, "案件不存在（编号 %d）。", id)
		}
		return err
	})
	return r.toCase(), internal(err)
}

// CaseByNumber finds a case by its number, however it is typed (brackets, leading zeros).
func (s *Store) CaseByNumber(number string) (domain.Case, error) {
	canon, err := domain.CanonicalCaseNumber(number)
	if err != nil {
		return domain.Case{}, err
	}
	var r caseRecord
	err = s.db.View(func(tx *bbolt.Tx) error {
		id := tx.Bucket(bucketCasesByNumber).Get([]byte(canon))
		if id == nil {
			return domain.Errorf(domain.ENOTFOUND, "没有编号为“%s”的案件。", number)
		}
		_, err := get(tx, bucketCases, id, &r)
		return err
	})
	return r.toCase(), internal(err)
}

// CaseQuery selects cases for the case list, newest first. Zero fields match everything.
type CaseQuery struct {
	Status    domain.CaseStatus
	Type      domain.ActType
	OfficerID uint64 // cases this officer is assigned to
	Year      int
	Pending   bool // only cases not yet archived
	// PublicationOpen selects the cases whose publication may still need doing (decided and
	// not yet published, or published and since changed): the publication service's to-dos.
	PublicationOpen bool
	Text            string // full-text search: number, party, matter, facts, documents
	// OnlyOfficer restricts the result to the cases of one officer (what a plain officer
	// may see); 0 means no restriction.
	OnlyOfficer uint64
	// Match, when set, is a last test on the decoded case (e.g. overdue on a given day).
	Match func(domain.Case) bool
	// StageIn, when set, keeps the cases whose stage it accepts. It is tested on the small
	// statistics record of the case before the case itself is decoded, so a question about
	// a few stages among thousands of open cases decodes only the cases it keeps.
	StageIn func(domain.Stage) bool
	// Skip, when set, leaves out the cases it names before anything of them is read.
	Skip func(id uint64) bool
	// Slim gives each case as its small statistics record holds it — number, type,
	// procedure, matter, party kind and name, amount, stage, the stages of its history with
	// their dates and notes, decision and dates; no officers, facts, secrecy or
	// annotations — for questions over many cases that need no more (Match sees the same;
	// ignored with Text).
	Slim   bool
	Before uint64 // paging: only cases with a smaller ID; 0 starts at the newest
	Limit  int    // 0 means 50
}

// CasePage is one page of a case list.
type CasePage struct {
	Cases []domain.Case
	Next  uint64 // Before of the next page; 0 when this is the last page
	Total int    // cases matching in all, or -1 when counting them would cost a full scan
}

// idSet is a set of case IDs the query engine can walk newest-first and test membership of.
type idSet struct {
	bucket []byte // nil for an explicit list
	prefix []byte // set name + 0xFF
	n      int
	ids    []uint64 // explicit list, ascending
	member map[uint64]bool
}

func (st idSet) has(tx *bbolt.Tx, id uint64) bool {
	if st.bucket == nil {
		return st.member[id]
	}
	return tx.Bucket(st.bucket).Get(append(append([]byte(nil), st.prefix...), itob(id)...)) != nil
}

// walk calls fn for each ID below before, newest first, until fn returns false.
func (st idSet) walk(tx *bbolt.Tx, before uint64, fn func(id uint64) bool) {
	if before == 0 {
		before = math.MaxUint64
	}
	if st.bucket == nil {
		i := sort.Search(len(st.ids), func(i int) bool { return st.ids[i] >= before })
		for i--; i >= 0; i-- {
			if !fn(st.ids[i]) {
				return
			}
		}
		return
	}
	c := tx.Bucket(st.bucket).Cursor()
	k, _ := c.Seek(append(append([]byte(nil), st.prefix...), itob(before)...))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	for ; k != nil && bytes.HasPrefix(k, st.prefix) && len(k) == len(st.prefix)+8; k, _ = c.Prev() {
		if !fn(btoi(k[len(st.prefix):])) {
			return
		}
	}
}

func namedSet(tx *bbolt.Tx, name string) idSet {
	return idSet{bucket: bucketCaseSets, prefix: append([]byte(name), termSep), n: count(tx.Bucket(bucketCaseCounts), name)}
}

func termSet(tx *bbolt.Tx, term string) idSet {
	return idSet{bucket: bucketCaseTerms, prefix: append([]byte(term), termSep), n: count(tx.Bucket(bucketCaseTermDF), term)}
}

// prefixSet gathers the cases holding any term that starts with rune (a one-character
// query), as an explicit list.
func prefixSet(tx *bbolt.Tx, single string) idSet {
	member := map[uint64]bool{}
	c := tx.Bucket(bucketCaseTerms).Cursor()
	p := []byte(single)
	for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
		if len(k) >= 9 {
			member[btoi(k[len(k)-8:])] = true
		}
	}
	ids := make([]uint64, 0, len(member))
	for id := range member {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return idSet{ids: ids, member: member, n: len(ids)}
}

// Cases lists one page of the cases matching q, newest first. The smallest index set of
// the query drives the walk; the others are tested by single lookups, and only cases that
// pass every index are decoded, so a page costs about Limit decodes whatever the store's
// size.
func (s *Store) Cases(q CaseQuery) (CasePage, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	page := CasePage{Total: -1}
	err := s.db.View(func(tx *bbolt.Tx) error {
		var sets []idSet
		add := func(name string) { sets = append(sets, namedSet(tx, name)) }
		if q.Status != "" {
			add("status:" + string(q.Status))
		}
		if q.Type != "" {
			add("type:" + string(q.Type))
		}
		if q.Year != 0 {
			add("year:" + strconv.Itoa(q.Year))
		}
		if q.OfficerID != 0 {
			add(officerSet(q.OfficerID))
		}
		if q.OnlyOfficer != 0 {
			add(officerSet(q.OnlyOfficer))
		}
		if q.Pending {
			add(setPending)
		}
		if q.PublicationOpen {
			add(setPublicationOpen)
		}
		textual := false
		text := normalizeQuery(q.Text)
		keywords := foldedKeywords(text)
		if bigrams, singles := queryTerms(text); len(bigrams)+len(singles) > 0 {
			textual = true
			for _, t := range bigrams {
				sets = append(sets, termSet(tx, t))
			}
			for _, r := range singles {
				sets = append(sets, prefixSet(tx, r))
			}
		}
		if len(sets) == 0 {
			add(setAll)
		}
		sort.SliceStable(sets, func(i, j int) bool { return sets[i].n < sets[j].n })
		if len(sets) == 1 && !textual && q.Match == nil && q.StageIn == nil && q.Skip == nil {
			page.Total = sets[0].n
		}
		if sets[0].n == 0 {
			page.Total = 0
			return nil
		}
		var derr error
		sets[0].walk(tx, q.Before, func(id uint64) bool {
			for _, other := range sets[1:] {
				if !other.has(tx, id) {
					return true
				}
			}
			if q.Skip != nil && q.Skip(id) {
				return true
			}
			c, ok, err := s.queryCase(tx, id, q.Slim && !textual, q.StageIn)
			if err != nil || !ok {
				derr = err
				return err == nil
			}
			if q.StageIn != nil && !q.StageIn(c.Stage) {
				return true
			}
			if q.Match != nil && !q.Match(c) {
				return true
			}
			if len(keywords) > 0 && !s.caseContains(tx, c, keywords) {
				return true // every bigram occurs, but not the words themselves
			}
			if len(page.Cases) == q.Limit {
				page.Next = page.Cases[len(page.Cases)-1].ID
				return false
			}
			page.Cases = append(page.Cases, c)
			return true
		})
		return derr
	})
	return page, internal(err)
}

// queryCase reads case id for a query: from its statistics record when slim (or, with
// stageIn, first only its stage there, so a case in another stage costs no more), and whole
// otherwise or when the statistics index does not hold it yet. ok is false for a case
// stageIn refuses by the index, or one that is gone.
func (s *Store) queryCase(tx *bbolt.Tx, id uint64, slim bool, stageIn func(domain.Stage) bool) (domain.Case, bool, error) {
	data := tx.Bucket(bucketCaseFacts).Get(itob(id))
	if data != nil && (slim || stageIn != nil) {
		f, err := s.facts.decode(id, data)
		if err != nil || stageIn != nil && !stageIn(f.S) { // most cases stop at their stage
			return domain.Case{}, false, err
		}
		if slim {
			return f.slimCase(id), true, nil
		}
	}
	var r caseRecord
	ok, err := get(tx, bucketCases, itob(id), &r)
	if err != nil || !ok {
		return domain.Case{}, false, err
	}
	return r.toCase(), true, nil
}

// CaseCounts returns the number of cases in each index set (e.g. "status:open", "year:2026",
// "type:penalty"), for dashboards and filters.
func (s *Store) CaseCounts() (map[string]int, error) {
	out := map[string]int{}
	err := s.db.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketCaseCounts).ForEach(func(k, v []byte) error {
			out[string(k)] = int(btoi(v))
			return nil
		})
	})
	return out, internal(err)
}

// caseIndexFields are the fields of a stored case its index sets are made from (keep them
// in step with caseSets: TestCaseIndexFieldsGiveTheSameSets).
type caseIndexFields struct {
	ID         uint64         `json:"id"`
	Number     string         `json:"number"`
	Type       domain.ActType `json:"type"`
	OfficerIDs []uint64       `json:"officers"`
	Stage      domain.Stage   `json:"stage"`
	Opened     domain.Date    `json:"opened,omitzero"`
	Archived   domain.Date    `json:"archived,omitzero"`
	Created    time.Time      `json:"created"`
}

func (r caseIndexFields) toCase() domain.Case {
	return domain.Case{ID: r.ID, Number: r.Number, Type: r.Type, OfficerIDs: r.OfficerIDs, Stage: r.Stage,
		Opened: r.Opened, Archived: r.Archived, Created: r.Created}
}

// casesCheck verifies the case indexes against the cases themselves.
var _ = registerCheck(func(s *Store, tx *bbolt.Tx) Check {
	ch := Check{Name: "案件索引"}
	n := 0
	byNumber := tx.Bucket(bucketCasesByNumber)
	tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
		n++
		var r caseIndexFields // not the whole record: this walks every case at start-up
		if err := decode(v, &r); err != nil {
			ch.Problems = append(ch.Problems, fmt.Sprintf("案件记录 %d 无法读取", btoi(k)))
			return nil
		}
		if id := byNumber.Get([]byte(canonicalOrSelf(r.Number))); id == nil || btoi(id) != r.ID {
			ch.Problems = append(ch.Problems, fmt.Sprintf("案件 %s 不在编号索引中", r.Number))
		}
		for _, set := range caseSets(r.toCase()) {
			if tx.Bucket(bucketCaseSets).Get(setKey(set, r.ID)) == nil {
				ch.Problems = append(ch.Problems, fmt.Sprintf("案件 %s 缺少索引 %s", r.Number, set))
			}
		}
		return nil
	})
	if byNumber.Stats().KeyN != n {
		ch.Problems = append(ch.Problems, fmt.Sprintf("编号索引有 %d 条，案件有 %d 件", byNumber.Stats().KeyN, n))
		listed := 0
		byNumber.ForEach(func(number, id []byte) error {
			if len(id) == 8 && tx.Bucket(bucketCases).Get(id) == nil && listed < 20 {
				listed++
				ch.Problems = append(ch.Problems, fmt.Sprintf("编号 %s 指向的案件（内部编号 %d）不存在，案件记录被删除了", number, btoi(id)))
			}
			return nil
		})
	}
	ch.Summary = fmt.Sprintf("%d 件案件", n)
	return ch
})
