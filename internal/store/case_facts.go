package store

import (
	"encoding/binary"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

// Statistics count cases by the days things happened to them, over years of cases. Two
// buckets, kept in step with every case write (writeCase calls writeCaseFacts), let them
// read only what they need:
//
//   - case_days: yyyymmdd (4 bytes) + case id → nil, one key per dated event of a case
//     (opened, each stage done, decided, closed, archived) and one at openEnd until the
//     case is archived, so "everything active since a day" is one range scan;
//   - case_facts: case id → the fields statistics count, a small fraction of the case.
var (
	bucketCaseDays  = newBucket("case_days")
	bucketCaseFacts = newBucket("case_facts")
)

// openEnd sorts after every real day: the key of a case not yet closed.
const openEnd = 99991231

type factStage struct {
	S domain.Stage `json:"s"`
	D int          `json:"d"` // yyyymmdd
	B bool         `json:"b,omitempty"`
	N string       `json:"n,omitempty"` // the note of 送达 (留置送达 and 公告送达 must be recorded)
}

// caseFacts is the stored form of a case's statistics fields; dates are yyyymmdd.
type caseFacts struct {
	N  string               `json:"n"`
	T  domain.ActType       `json:"t"`
	P  domain.Procedure     `json:"p"`
	M  uint64               `json:"m,omitempty"`
	MN string               `json:"mn,omitempty"`
	PK domain.PartyKind     `json:"pk,omitempty"`
	PN string               `json:"pn,omitempty"`
	A  domain.Money         `json:"a,omitempty"`
	S  domain.Stage         `json:"s"`
	H  []factStage          `json:"h,omitempty"`
	DK []domain.PenaltyKind `json:"dk,omitempty"`
	DF domain.Money         `json:"df,omitempty"`
	DC domain.Money         `json:"dc,omitempty"`
	DD int                  `json:"dd,omitempty"`
	DS string               `json:"ds,omitempty"`
	DH bool                 `json:"dh,omitempty"`
	DN string               `json:"dn,omitempty"`
	O  int                  `json:"o,omitempty"`
	C  int                  `json:"c,omitempty"`
	R  int                  `json:"r,omitempty"`
}

func dayInt(d domain.Date) int {
	if d.IsZero() {
		return 0
	}
	return d.Year*10000 + int(d.Month)*100 + d.Day
}

func intDay(n int) domain.Date {
	if n == 0 {
		return domain.Date{}
	}
	return domain.Date{Year: n / 10000, Month: time.Month(n / 100 % 100), Day: n % 100}
}

// clip keeps the first n runes of s: a decision's wording is counted by its first words.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

func factsOf(c domain.Case) caseFacts {
	f := caseFacts{N: c.Number, T: c.Type, P: c.Procedure, M: c.MatterID, MN: clip(c.MatterName, 40),
		PK: c.Party.Kind, PN: clip(c.Party.Name, 40), A: c.Amount, S: c.Stage,
		DK: c.Decision.Kinds, DF: c.Decision.Fine, DC: c.Decision.Confiscation, DD: dayInt(c.Decision.Date),
		DS: clip(c.Decision.Summary, 80), DH: c.Decision.HearingHeld, DN: clip(c.Decision.NotDecidedReason, 80),
		O: dayInt(c.Opened), C: dayInt(c.Closed), R: dayInt(c.Archived)}
	for _, h := range c.History {
		fs := factStage{S: h.Stage, D: dayInt(h.Date), B: h.Back}
		if h.Stage == domain.StageServe {
			fs.N = clip(h.Note, 40)
		}
		f.H = append(f.H, fs)
	}
	return f
}

// slimCase is the case as statistics see it: every field they count, nothing else.
func (f caseFacts) slimCase(id uint64) domain.Case {
	c := domain.Case{ID: id, Number: f.N, Type: f.T, Procedure: f.P, MatterID: f.M, MatterName: f.MN,
		Party: domain.Party{Kind: f.PK, Name: f.PN}, Amount: f.A, Stage: f.S,
		Decision: domain.Decision{Kinds: slices.Clone(f.DK), Fine: f.DF, Confiscation: f.DC, Date: intDay(f.DD), Summary: f.DS,
			HearingHeld: f.DH, NotDecidedReason: f.DN},
		Opened: intDay(f.O), Closed: intDay(f.C), Archived: intDay(f.R)}
	for _, h := range f.H {
		c.History = append(c.History, domain.StageRecord{Stage: h.S, Date: intDay(h.D), Back: h.B, Note: h.N})
	}
	c.Status = domain.StatusFor(c.Stage, c.Archived)
	return c
}

// days are the case_days keys of a case.
func (f caseFacts) days(id uint64) [][]byte {
	set := map[int]bool{}
	for _, d := range []int{f.O, f.DD, f.C, f.R} {
		if d != 0 {
			set[d] = true
		}
	}
	for _, h := range f.H {
		if h.D != 0 {
			set[h.D] = true
		}
	}
	if f.R == 0 { // open, or closed and waiting to be archived: still in hand
		set[openEnd] = true
	}
	keys := make([][]byte, 0, len(set))
	for d := range set {
		keys = append(keys, dayKey(d, id))
	}
	return keys
}

func dayKey(day int, id uint64) []byte {
	k := make([]byte, 12)
	binary.BigEndian.PutUint32(k, uint32(day))
	binary.BigEndian.PutUint64(k[4:], id)
	return k
}

// writeCaseFacts brings both buckets in line with c (old is the stored version, nil for
// a new case).
func (s *Store) writeCaseFacts(tx *bbolt.Tx, old *domain.Case, c domain.Case) error {
	days := tx.Bucket(bucketCaseDays)
	if old != nil {
		for _, k := range factsOf(*old).days(c.ID) {
			if err := days.Delete(k); err != nil {
				return err
			}
		}
	}
	f := factsOf(c)
	for _, k := range f.days(c.ID) {
		if err := days.Put(k, nil); err != nil {
			return err
		}
	}
	return put(tx, bucketCaseFacts, itob(c.ID), f)
}

// CasesActiveFrom returns, as statistics see them (see caseFacts), every case with
// something dated on or after from, and every case not yet archived: all that the
// statistics of a period starting at from can count, including the cases still in hand
// at its end.
func (s *Store) CasesActiveFrom(from domain.Date) ([]domain.Case, error) {
	if err := s.ensureCaseFacts(); err != nil {
		return nil, err
	}
	var out []domain.Case
	err := s.db.View(func(tx *bbolt.Tx) error {
		seen := map[uint64]bool{}
		facts := tx.Bucket(bucketCaseFacts)
		c := tx.Bucket(bucketCaseDays).Cursor()
		start := make([]byte, 4)
		binary.BigEndian.PutUint32(start, uint32(dayInt(from)))
		for k, _ := c.Seek(start); k != nil; k, _ = c.Next() {
			id := binary.BigEndian.Uint64(k[4:])
			if seen[id] {
				continue
			}
			seen[id] = true
			data := facts.Get(itob(id))
			if data == nil {
				return fmt.Errorf("case_days names case %d, which has no facts", id)
			}
			f, err := s.facts.decode(id, data)
			if err != nil {
				return err
			}
			out = append(out, f.slimCase(id))
		}
		return nil
	})
	return out, internal(err)
}

// ensureCaseFacts builds the two buckets for cases stored before they existed (one
// Update, recorded in the audit chain); afterwards every case write keeps them current.
// Counting both buckets walks every page of the cases, so it is done once per run: this
// program's own writes keep the buckets whole from then on.
func (s *Store) ensureCaseFacts() error {
	if s.factsReady.Load() {
		return nil
	}
	var need bool
	err := s.db.View(func(tx *bbolt.Tx) error {
		need = tx.Bucket(bucketCaseFacts).Stats().KeyN != tx.Bucket(bucketCases).Stats().KeyN
		return nil
	})
	if err != nil || !need {
		s.factsReady.Store(err == nil)
		return internal(err)
	}
	err = s.db.Update(func(tx *bbolt.Tx) error {
		for _, name := range [][]byte{bucketCaseDays, bucketCaseFacts} {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		n := 0
		err := tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
			var r caseRecord
			if err := decode(v, &r); err != nil {
				return err
			}
			n++
			return s.writeCaseFacts(tx, nil, r.toCase())
		})
		if err != nil {
			return err
		}
		return s.appendEvent(tx, domain.SystemActor, "case.facts.rebuild", "cases", fmt.Sprintf("建立统计索引（%d 件案件）", n))
	})
	s.factsReady.Store(err == nil)
	return internal(err)
}

// The statistics index must describe every case exactly.
var _ = registerCheck(func(s *Store, tx *bbolt.Tx) Check {
	ch := Check{Name: "统计索引"}
	facts := tx.Bucket(bucketCaseFacts)
	cases := tx.Bucket(bucketCases)
	n := 0
	cases.ForEach(func(k, v []byte) error {
		n++
		var r caseRecord
		if decode(v, &r) != nil {
			return nil // the case index check reports unreadable cases
		}
		var f caseFacts
		data := facts.Get(k)
		if data == nil || decode(data, &f) != nil {
			if facts.Stats().KeyN > 0 { // an empty index is built on first use
				ch.Problems = append(ch.Problems, fmt.Sprintf("案件 %s 不在统计索引中", r.Number))
			}
			return nil
		}
		want, _ := encode(factsOf(r.toCase()))
		if string(want) != string(data) {
			ch.Problems = append(ch.Problems, fmt.Sprintf("案件 %s 的统计索引与案件不符", r.Number))
		}
		return nil
	})
	days := tx.Bucket(bucketCaseDays).Cursor()
	for k, _ := days.First(); k != nil; k, _ = days.Next() {
		if len(k) != 12 || cases.Get(k[4:]) == nil {
			ch.Problems = append(ch.Problems, fmt.Sprintf("统计索引中有不存在的案件（%x）", k))
			break
		}
	}
	ch.Summary = fmt.Sprintf("%d 件案件", n)
	return ch
})
