package store

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

// Legal reviews (法制审核): one review per case, holding every round and coordination, so
// the whole history is written and read together. The opinion numbers (法审〔年〕N号) come
// from their own per-year counter.
var (
	bucketReviews       = newBucket("reviews")
	bucketReviewsByCase = newBucket("reviews_by_case") // case ID → review ID
	bucketReviewMarks   = newBucket("review_marks")    // case ID → the officer's marks
	bucketReviewNumbers = newBucket("review_numbers")  // year → last opinion sequence
	// case ID → review ID while the review is not settled (agreed, or concluded by the
	// head): what the dashboard asks about, without reading every review ever made
	bucketReviewsOpen = newBucket("reviews_open")
)

// Setting key of the review configuration (catalogue, checklist, figures).
const settingReviewConfig = "review.config"

type reviewRecord struct {
	ID            uint64               `json:"id"`
	CaseID        uint64               `json:"case"`
	CaseNo        string               `json:"case_no"`
	Party         string               `json:"party,omitempty"`
	Handlers      []uint64             `json:"handlers,omitempty"`
	HandlerLogins []string             `json:"handler_logins,omitempty"`
	MajorReasons  []string             `json:"major,omitempty"`
	Status        domain.ReviewStatus  `json:"status"`
	Rounds        []roundRecord        `json:"rounds"`
	Coordinations []coordinationRecord `json:"coordinations,omitempty"`
}

type roundRecord struct {
	No         int                   `json:"no"`
	Submission submissionRecord      `json:"submission"`
	Deadline   domain.Date           `json:"deadline,omitzero"`
	Extended   bool                  `json:"extended,omitempty"`
	ExtendedBy string                `json:"extended_by,omitempty"`
	Reviewer   string                `json:"reviewer,omitempty"`
	ReviewerNm string                `json:"reviewer_name,omitempty"`
	Checklist  []checklistItemRecord `json:"checklist"`
	Opinion    domain.Opinion        `json:"opinion,omitempty"`
	Reasons    string                `json:"reasons,omitempty"`
	OpinionAt  time.Time             `json:"opinion_at,omitzero"`
	OpinionNo  string                `json:"opinion_no,omitempty"`
}

type submissionRecord struct {
	Proposed    proposedRecord        `json:"proposed"`
	Reasons     string                `json:"reasons"`
	Materials   []materialRecord      `json:"materials,omitempty"`
	Responses   []pointResponseRecord `json:"responses,omitempty"`
	By          string                `json:"by"`
	ByName      string                `json:"by_name,omitempty"`
	At          time.Time             `json:"at"`
	Voluntarily bool                  `json:"voluntarily,omitempty"`
}

type proposedRecord struct {
	Penalties    []domain.PenaltyKind `json:"penalties,omitempty"`
	Fine         domain.Money         `json:"fine,omitempty"`
	Content      string               `json:"content"`
	Basis        string               `json:"basis"`
	Benchmark    string               `json:"benchmark,omitempty"`
	BenchmarkMin domain.Money         `json:"bm_min,omitempty"`
	BenchmarkMax domain.Money         `json:"bm_max,omitempty"`
}

type materialRecord struct {
	Name      string   `json:"name"`
	Required  bool     `json:"required,omitempty"`
	Documents []string `json:"documents,omitempty"`
	DocIDs    []uint64 `json:"doc_ids,omitempty"`
}

type pointResponseRecord struct {
	Key      string `json:"key"`
	Problem  string `json:"problem"`
	Response string `json:"response"`
}

type checklistItemRecord struct {
	Key      string                `json:"key"`
	Title    string                `json:"title"`
	Finding  domain.ElementFinding `json:"finding,omitempty"`
	Note     string                `json:"note,omitempty"`
	Resolved string                `json:"resolved,omitempty"`
	Evidence []string              `json:"evidence,omitempty"`
}

type coordinationRecord struct {
	Round        int                        `json:"round"`
	Disagreement string                     `json:"disagreement"`
	RequestedBy  string                     `json:"requested_by"`
	RequestedNm  string                     `json:"requested_name,omitempty"`
	RequestedAt  time.Time                  `json:"requested_at"`
	Head         string                     `json:"head,omitempty"`
	HeadName     string                     `json:"head_name,omitempty"`
	Method       string                     `json:"method,omitempty"`
	HeldOn       domain.Date                `json:"held_on,omitzero"`
	Participants []string                   `json:"participants,omitempty"`
	Conclusion   string                     `json:"conclusion,omitempty"`
	Outcome      domain.CoordinationOutcome `json:"outcome,omitempty"`
	ConcludedAt  time.Time                  `json:"concluded_at,omitzero"`
}

func toReviewRecord(r domain.Review) reviewRecord {
	rec := reviewRecord{ID: r.ID, CaseID: r.CaseID, CaseNo: r.CaseNo, Party: r.Party, Handlers: r.Handlers,
		HandlerLogins: r.HandlerLogins, MajorReasons: r.MajorReasons, Status: r.Status}
	for _, rd := range r.Rounds {
		s := rd.Submission
		sr := submissionRecord{Proposed: proposedRecord(s.Proposed), Reasons: s.Reasons, By: s.By, ByName: s.ByName,
			At: s.At, Voluntarily: s.Voluntarily}
		for _, m := range s.Materials {
			sr.Materials = append(sr.Materials, materialRecord(m))
		}
		for _, p := range s.Responses {
			sr.Responses = append(sr.Responses, pointResponseRecord(p))
		}
		rr := roundRecord{No: rd.No, Submission: sr, Deadline: rd.Deadline, Extended: rd.Extended, ExtendedBy: rd.ExtendedBy,
			Reviewer: rd.Reviewer, ReviewerNm: rd.ReviewerNm, Opinion: rd.Opinion, Reasons: rd.Reasons,
			OpinionAt: rd.OpinionAt, OpinionNo: rd.OpinionNo}
		for _, it := range rd.Checklist {
			rr.Checklist = append(rr.Checklist, checklistItemRecord(it))
		}
		rec.Rounds = append(rec.Rounds, rr)
	}
	for _, c := range r.Coordinations {
		rec.Coordinations = append(rec.Coordinations, coordinationRecord(c))
	}
	return rec
}

func (rec reviewRecord) review() domain.Review {
	r := domain.Review{ID: rec.ID, CaseID: rec.CaseID, CaseNo: rec.CaseNo, Party: rec.Party, Handlers: rec.Handlers,
		HandlerLogins: rec.HandlerLogins, MajorReasons: rec.MajorReasons, Status: rec.Status}
	for _, rr := range rec.Rounds {
		sr := rr.Submission
		s := domain.Submission{Proposed: domain.ProposedDecision(sr.Proposed), Reasons: sr.Reasons, By: sr.By,
			ByName: sr.ByName, At: sr.At, Voluntarily: sr.Voluntarily}
		for _, m := range sr.Materials {
			s.Materials = append(s.Materials, domain.Material(m))
		}
		for _, p := range sr.Responses {
			s.Responses = append(s.Responses, domain.PointResponse(p))
		}
		rd := domain.Round{No: rr.No, Submission: s, Deadline: rr.Deadline, Extended: rr.Extended, ExtendedBy: rr.ExtendedBy,
			Reviewer: rr.Reviewer, ReviewerNm: rr.ReviewerNm, Opinion: rr.Opinion, Reasons: rr.Reasons,
			OpinionAt: rr.OpinionAt, OpinionNo: rr.OpinionNo}
		for _, it := range rr.Checklist {
			rd.Checklist = append(rd.Checklist, domain.ChecklistItem(it))
		}
		r.Rounds = append(r.Rounds, rd)
	}
	for _, c := range rec.Coordinations {
		r.Coordinations = append(r.Coordinations, domain.Coordination(c))
	}
	return r
}

// ReviewTx is what a review update may do inside its transaction besides changing the
// review: take the next opinion number.
type ReviewTx struct {
	s  *Store
	tx *bbolt.Tx
}

// NextOpinionNo allocates the next 法制审核意见书 number of year, e.g. 青市监法审〔2026〕3号.
// Numbers restart each year and are never reused: the counter is written in the same
// transaction as the opinion.
func (t ReviewTx) NextOpinionNo(prefix string, year int) (string, error) {
	b := t.tx.Bucket(bucketReviewNumbers)
	key := []byte(strconv.Itoa(year))
	var n uint64
	if v := b.Get(key); len(v) == 8 {
		n = btoi(v)
	}
	n++
	if err := b.Put(key, itob(n)); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s法审〔%d〕%d号", prefix, year, n), nil
}

// UpdateReview reads the review of a case (a new, empty one when there is none), lets
// change apply one workflow step to it, and writes it back with an audit event, all in one
// transaction: two people acting at once can never overwrite each other's step. change
// returns the audit summary; an error leaves everything as it was.
func (s *Store) UpdateReview(caseID uint64, actor, action string, change func(r *domain.Review, t ReviewTx) (string, error)) (domain.Review, error) {
	var r domain.Review
	err := s.db.Update(func(tx *bbolt.Tx) error {
		var err error
		r, err = s.updateReview(tx, caseID, actor, action, change)
		return err
	})
	return r, internal(err)
}

func (s *Store) updateReview(tx *bbolt.Tx, caseID uint64, actor, action string, change func(r *domain.Review, t ReviewTx) (string, error)) (domain.Review, error) {
	r, _, err := s.reviewByCase(tx, caseID)
	if err != nil {
		return r, err
	}
	if r.ID == 0 {
		r.CaseID = caseID
	}
	summary, err := change(&r, ReviewTx{s: s, tx: tx})
	if err != nil {
		return r, err
	}
	if r.ID == 0 {
		if r.ID, err = tx.Bucket(bucketReviews).NextSequence(); err != nil {
			return r, err
		}
		if err := tx.Bucket(bucketReviewsByCase).Put(itob(caseID), itob(r.ID)); err != nil {
			return r, err
		}
	}
	if err := put(tx, bucketReviews, itob(r.ID), toReviewRecord(r)); err != nil {
		return r, err
	}
	if err := indexOpenReview(tx, r); err != nil {
		return r, err
	}
	return r, s.appendEvent(tx, actor, action, fmt.Sprintf("case:%d", caseID), summary)
}

// reviewSettled reports whether a review needs nothing more from anyone.
func reviewSettled(st domain.ReviewStatus) bool {
	return st == domain.ReviewAgreed || st == domain.ReviewConcluded
}

// indexOpenReview keeps the review in the index of unsettled reviews, or takes it out.
func indexOpenReview(tx *bbolt.Tx, r domain.Review) error {
	if reviewSettled(r.Status) {
		return tx.Bucket(bucketReviewsOpen).Delete(itob(r.CaseID))
	}
	return tx.Bucket(bucketReviewsOpen).Put(itob(r.CaseID), itob(r.ID))
}

// indexOpenReviews is the migration that fills the index of unsettled reviews.
func indexOpenReviews(tx *bbolt.Tx) error {
	var open []domain.Review // collected first: a bucket cannot change under ForEach
	err := tx.Bucket(bucketReviews).ForEach(func(_, v []byte) error {
		var rec reviewRecord
		if err := decode(v, &rec); err != nil {
			return err
		}
		if r := rec.review(); !reviewSettled(r.Status) {
			open = append(open, r)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, r := range open {
		if err := indexOpenReview(tx, r); err != nil {
			return err
		}
	}
	return nil
}

// reviewByCase returns the review of a case; ok is false (and the review zero) when the
// case was never submitted.
func (s *Store) reviewByCase(tx *bbolt.Tx, caseID uint64) (domain.Review, bool, error) {
	id := tx.Bucket(bucketReviewsByCase).Get(itob(caseID))
	if id == nil {
		return domain.Review{}, false, nil
	}
	var rec reviewRecord
	ok, err := get(tx, bucketReviews, id, &rec)
	if err != nil || !ok {
		return domain.Review{}, false, err
	}
	return rec.review(), true, nil
}

// ReviewOfCase returns the review of a case; ok is false when the case was never submitted.
func (s *Store) ReviewOfCase(caseID uint64) (r domain.Review, ok bool, err error) {
	err = s.db.View(func(tx *bbolt.Tx) error {
		r, ok, err = s.reviewByCase(tx, caseID)
		return err
	})
	return r, ok, internal(err)
}

// OpenReviews lists the reviews not yet settled (waiting for an opinion, returned,
// transferred, or waiting for the head), the most recently submitted first.
func (s *Store) OpenReviews() ([]domain.Review, error) {
	var out []domain.Review
	err := s.db.View(func(tx *bbolt.Tx) error {
		open := tx.Bucket(bucketReviewsOpen)
		if open == nil { // a store of an older schema opened read-only: no index yet
			reviews := tx.Bucket(bucketReviews)
			if reviews == nil {
				return nil
			}
			return reviews.ForEach(func(_, v []byte) error {
				var rec reviewRecord
				if err := decode(v, &rec); err != nil {
					return err
				}
				if r := rec.review(); !reviewSettled(r.Status) {
					out = append(out, r)
				}
				return nil
			})
		}
		return open.ForEach(func(_, id []byte) error {
			var rec reviewRecord
			ok, err := get(tx, bucketReviews, id, &rec)
			if err != nil || !ok {
				return err
			}
			out = append(out, rec.review())
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].Latest().Submission.At.After(out[j].Latest().Submission.At)
	})
	return out, internal(err)
}

// SettledReviews lists up to limit settled reviews (agreed, or concluded by the head) made
// before the review with ID before (0: from the newest), the most recently made first, and
// next, the ID to pass as before for the ones after them (0 when there are no more). The
// review screen pages through the years this way instead of reading every review at once.
func (s *Store) SettledReviews(before uint64, limit int) (out []domain.Review, next uint64, err error) {
	err = s.db.View(func(tx *bbolt.Tx) error {
		open := map[uint64]bool{}
		if b := tx.Bucket(bucketReviewsOpen); b != nil {
			if err := b.ForEach(func(_, id []byte) error { open[btoi(id)] = true; return nil }); err != nil {
				return err
			}
		}
		c := tx.Bucket(bucketReviews).Cursor()
		var k, v []byte
		if before == 0 {
			k, v = c.Last()
		} else if k, v = c.Seek(itob(before)); k == nil {
			k, v = c.Last()
		} else {
			k, v = c.Prev()
		}
		for ; k != nil; k, v = c.Prev() {
			if open[btoi(k)] {
				continue
			}
			if len(out) == limit {
				next = btoi(k) + 1 // the first not returned is the next page's newest
				return nil
			}
			var rec reviewRecord
			if err := decode(v, &rec); err != nil {
				return err
			}
			if r := rec.review(); reviewSettled(r.Status) { // a store opened read-only before its index was made
				out = append(out, r)
			}
		}
		return nil
	})
	return out, next, internal(err)
}

// Reviews lists every review, the most recently submitted first.
func (s *Store) Reviews() ([]domain.Review, error) {
	var out []domain.Review
	err := s.db.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketReviews).ForEach(func(k, v []byte) error {
			var rec reviewRecord
			if err := decode(v, &rec); err != nil {
				return err
			}
			out = append(out, rec.review())
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].Latest().Submission.At.After(out[j].Latest().Submission.At)
	})
	return out, internal(err)
}

// ReviewsOfCases lists the reviews of the cases ids (a case never submitted has none), the
// most recently submitted first, as Reviews does.
func (s *Store) ReviewsOfCases(ids []uint64) ([]domain.Review, error) {
	var out []domain.Review
	err := s.db.View(func(tx *bbolt.Tx) error {
		for _, id := range ids {
			r, ok, err := s.reviewByCase(tx, id)
			if err != nil {
				return err
			}
			if ok {
				out = append(out, r)
			}
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].Latest().Submission.At.After(out[j].Latest().Submission.At)
	})
	return out, internal(err)
}

// ---- configuration and marks ----

type reviewConfigRecord struct {
	Rules     []majorRuleRecord        `json:"rules"`
	Checklist []checklistElementRecord `json:"checklist"`
	Policy    reviewPolicyRecord       `json:"policy"`
}

type majorRuleRecord struct {
	Key              string               `json:"key"`
	Title            string               `json:"title"`
	Basis            string               `json:"basis,omitempty"`
	Enabled          bool                 `json:"enabled"`
	ActTypes         []domain.ActType     `json:"act_types,omitempty"`
	GeneralProcedure bool                 `json:"general,omitempty"`
	MatterMajor      bool                 `json:"matter,omitempty"`
	ByAmount         bool                 `json:"by_amount,omitempty"`
	PersonThreshold  domain.Money         `json:"person_fen,omitempty"`
	OrgThreshold     domain.Money         `json:"org_fen,omitempty"`
	HearingHeld      bool                 `json:"hearing,omitempty"`
	Penalties        []domain.PenaltyKind `json:"penalties,omitempty"`
	Complex          bool                 `json:"complex,omitempty"`
	PublicInterest   bool                 `json:"public,omitempty"`
}

type checklistElementRecord struct {
	Key       string   `json:"key"`
	Title     string   `json:"title"`
	Hint      string   `json:"hint,omitempty"`
	PreChecks []string `json:"prechecks,omitempty"`
}

type reviewPolicyRecord struct {
	TimeLimitDays    int     `json:"time_limit"`
	ExtensionDays    int     `json:"extension"`
	MinReviewerShare float64 `json:"min_share"`
	MinReviewers     int     `json:"min_reviewers"`
}

// ReviewConfig returns the office's review configuration, the defaults when never saved.
func (s *Store) ReviewConfig() (domain.ReviewConfig, error) {
	var rec reviewConfigRecord
	ok, err := s.Setting(settingReviewConfig, &rec)
	if err != nil || !ok {
		return domain.DefaultReviewConfig(), err
	}
	cfg := domain.ReviewConfig{Policy: domain.ReviewPolicy(rec.Policy)}
	for _, r := range rec.Rules {
		cfg.Rules = append(cfg.Rules, domain.MajorRule(r))
	}
	for _, e := range rec.Checklist {
		cfg.Checklist = append(cfg.Checklist, domain.ChecklistElement(e))
	}
	return cfg, nil
}

// SaveReviewConfig stores the review configuration with an audit event.
func (s *Store) SaveReviewConfig(actor string, cfg domain.ReviewConfig, summary string) error {
	rec := reviewConfigRecord{Policy: reviewPolicyRecord(cfg.Policy)}
	for _, r := range cfg.Rules {
		rec.Rules = append(rec.Rules, majorRuleRecord(r))
	}
	for _, e := range cfg.Checklist {
		rec.Checklist = append(rec.Checklist, checklistElementRecord(e))
	}
	return s.SaveSetting(actor, settingReviewConfig, rec, summary)
}

type reviewMarksRecord struct {
	Complex        bool   `json:"complex,omitempty"`
	PublicInterest bool   `json:"public,omitempty"`
	Voluntary      bool   `json:"voluntary,omitempty"`
	Note           string `json:"note,omitempty"`
}

// ReviewMarks returns the officer's review marks on a case (all false when never set).
func (s *Store) ReviewMarks(caseID uint64) (domain.ReviewMarks, error) {
	var rec reviewMarksRecord
	err := s.db.View(func(tx *bbolt.Tx) error {
		_, err := get(tx, bucketReviewMarks, itob(caseID), &rec)
		return err
	})
	return domain.ReviewMarks(rec), internal(err)
}

// SaveReviewMarks stores the officer's review marks on a case with an audit event.
func (s *Store) SaveReviewMarks(actor string, caseID uint64, m domain.ReviewMarks, summary string) error {
	return internal(s.db.Update(func(tx *bbolt.Tx) error {
		if err := put(tx, bucketReviewMarks, itob(caseID), reviewMarksRecord(m)); err != nil {
			return err
		}
		return s.appendEvent(tx, actor, "review.marks", fmt.Sprintf("case:%d", caseID), summary)
	}))
}

// The review check for lawdesk verify: the case index and the reviews agree, rounds are
// numbered without gaps, and no opinion number is used twice.
var _ = registerCheck(func(s *Store, tx *bbolt.Tx) Check {
	c := Check{Name: "法制审核"}
	seenNo := map[string]string{}
	n := 0
	_ = tx.Bucket(bucketReviews).ForEach(func(k, v []byte) error {
		n++
		var rec reviewRecord
		if err := decode(v, &rec); err != nil {
			c.Problems = append(c.Problems, fmt.Sprintf("审核记录 %d 无法读取", btoi(k)))
			return nil
		}
		if idx := tx.Bucket(bucketReviewsByCase).Get(itob(rec.CaseID)); idx == nil || btoi(idx) != rec.ID {
			c.Problems = append(c.Problems, fmt.Sprintf("案件 %s 的审核记录未正确登记在案件索引中", rec.CaseNo))
		}
		if idx := tx.Bucket(bucketReviewsOpen); idx == nil {
			// an older schema opened read-only: the index comes with the next write open
		} else if open := idx.Get(itob(rec.CaseID)) != nil; open == reviewSettled(rec.review().Status) {
			c.Problems = append(c.Problems, fmt.Sprintf("案件 %s 的审核记录在待办审核索引中的登记与其状态（%s）不符", rec.CaseNo, rec.review().Status.Label()))
		}
		for i, rd := range rec.Rounds {
			if rd.No != i+1 {
				c.Problems = append(c.Problems, fmt.Sprintf("案件 %s 的审核轮次编号不连续（第 %d 项为第 %d 轮）", rec.CaseNo, i+1, rd.No))
			}
			if rd.OpinionNo == "" {
				continue
			}
			if other, dup := seenNo[rd.OpinionNo]; dup {
				c.Problems = append(c.Problems, fmt.Sprintf("审核意见书编号 %s 重复使用（%s 与 %s）", rd.OpinionNo, other, rec.CaseNo))
			}
			seenNo[rd.OpinionNo] = rec.CaseNo
		}
		return nil
	})
	if idx := tx.Bucket(bucketReviewsOpen); idx != nil {
		_ = idx.ForEach(func(k, v []byte) error {
			if tx.Bucket(bucketReviews).Get(v) == nil {
				c.Problems = append(c.Problems, fmt.Sprintf("待办审核索引 %d 指向不存在的审核记录 %d", btoi(k), btoi(v)))
			}
			return nil
		})
	}
	_ = tx.Bucket(bucketReviewsByCase).ForEach(func(k, v []byte) error {
		if tx.Bucket(bucketReviews).Get(v) == nil {
			c.Problems = append(c.Problems, fmt.Sprintf("案件索引 %d 指向不存在的审核记录 %d", btoi(k), btoi(v)))
		}
		return nil
	})
	c.Summary = fmt.Sprintf("%d 件审核记录，%d 份审核意见书", n, len(seenNo))
	return c
})
