package store

import (
	"fmt"
	"strconv"
	"time"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

// Publications of decisions (事后公开). Pending ones are derived from decided cases by the
// publication service; a record is written when someone acts on one, and never deleted.
var (
	bucketPublications       = newBucket("publications")         // id → publicationRecord
	bucketPublicationsByCase = newBucket("publications_by_case") // case id + publication id → nil
	bucketPublicationRules   = newBucket("publication_rules")    // "rules" → publicationRulesRecord
)

type pubDraftRecord struct {
	Conclusion string   `json:"conclusion,omitempty"`
	Violation  string   `json:"violation,omitempty"`
	Basis      string   `json:"basis,omitempty"`
	FullText   string   `json:"full_text,omitempty"`
	Manual     []string `json:"manual,omitempty"`
	Undone     []string `json:"undone,omitempty"`
}

type pubContentRecord struct {
	Agency       string               `json:"agency,omitempty"`
	Party        string               `json:"party,omitempty"`
	PartyCode    string               `json:"party_code,omitempty"`
	PartyPerson  bool                 `json:"party_person,omitempty"`
	Type         domain.ActType       `json:"type,omitempty"`
	Matter       string               `json:"matter,omitempty"`
	Conclusion   string               `json:"conclusion,omitempty"`
	DocNumber    string               `json:"doc_no,omitempty"`
	Violation    string               `json:"violation,omitempty"`
	Basis        string               `json:"basis,omitempty"`
	Kinds        []domain.PenaltyKind `json:"kinds,omitempty"`
	Fine         domain.Money         `json:"fine,omitempty"`
	Confiscation domain.Money         `json:"confiscation,omitempty"`
	Date         domain.Date          `json:"date,omitzero"`
	FullText     string               `json:"full_text,omitempty"`
}

type withdrawalRecord struct {
	Reason       domain.WithdrawReason `json:"reason,omitempty"`
	Note         string                `json:"note,omitempty"`
	Since        domain.Date           `json:"since,omitzero"`
	Due          domain.Date           `json:"due,omitzero"`
	DueConfirmed bool                  `json:"due_ok,omitempty"`
	RequestedBy  string                `json:"by,omitempty"`
	DoneOn       domain.Date           `json:"done,omitzero"`
	DoneBy       string                `json:"done_by,omitempty"`
}

type publicationRecord struct {
	ID              uint64            `json:"id"`
	CaseID          uint64            `json:"case"`
	CaseNumber      string            `json:"case_no"`
	Replaces        uint64            `json:"replaces,omitempty"`
	DecisionDate    domain.Date       `json:"decision_date,omitzero"`
	DocNumber       string            `json:"doc_no,omitempty"`
	Due             domain.Date       `json:"due,omitzero"`
	DueConfirmed    bool              `json:"due_ok,omitempty"`
	Draft           pubDraftRecord    `json:"draft"`
	Content         pubContentRecord  `json:"content"`
	ConfirmedAt     time.Time         `json:"confirmed_at,omitzero"`
	ConfirmedBy     string            `json:"confirmed_by,omitempty"`
	PublishedOn     domain.Date       `json:"published,omitzero"`
	Channel         domain.PubChannel `json:"channel,omitempty"`
	PublishedBy     string            `json:"published_by,omitempty"`
	NotPublicReason string            `json:"not_public,omitempty"`
	NotPublicBy     string            `json:"not_public_by,omitempty"`
	Withdrawal      withdrawalRecord  `json:"withdrawal"`
	Created         time.Time         `json:"created"`
	Updated         time.Time         `json:"updated"`
}

func toPublicationRecord(p domain.Publication) publicationRecord {
	return publicationRecord{
		ID: p.ID, CaseID: p.CaseID, CaseNumber: p.CaseNumber, Replaces: p.Replaces,
		DecisionDate: p.DecisionDate, DocNumber: p.DocNumber, Due: p.Due, DueConfirmed: p.DueConfirmed,
		Draft: pubDraftRecord(p.Draft), Content: pubContentRecord(p.Content),
		ConfirmedAt: p.ConfirmedAt, ConfirmedBy: p.ConfirmedBy,
		PublishedOn: p.PublishedOn, Channel: p.Channel, PublishedBy: p.PublishedBy,
		NotPublicReason: p.NotPublicReason, NotPublicBy: p.NotPublicBy,
		Withdrawal: withdrawalRecord(p.Withdrawal), Created: p.Created, Updated: p.Updated,
	}
}

func (r publicationRecord) publication() domain.Publication {
	return domain.Publication{
		ID: r.ID, CaseID: r.CaseID, CaseNumber: r.CaseNumber, Replaces: r.Replaces,
		DecisionDate: r.DecisionDate, DocNumber: r.DocNumber, Due: r.Due, DueConfirmed: r.DueConfirmed,
		Draft: domain.PubDraft(r.Draft), Content: domain.PubContent(r.Content),
		ConfirmedAt: r.ConfirmedAt, ConfirmedBy: r.ConfirmedBy,
		PublishedOn: r.PublishedOn, Channel: r.Channel, PublishedBy: r.PublishedBy,
		NotPublicReason: r.NotPublicReason, NotPublicBy: r.NotPublicBy,
		Withdrawal: domain.Withdrawal(r.Withdrawal), Created: r.Created, Updated: r.Updated,
	}
}

// PublicationTarget is the audit target of a publication, under its case so the case's
// whole log can be found by prefix.
func PublicationTarget(caseID, id uint64) string {
	return CaseTarget(caseID) + "/publication:" + strconv.FormatUint(id, 10)
}

func pubCaseKey(caseID, id uint64) []byte { return append(itob(caseID), itob(id)...) }

// SavePublication creates (ID 0) or replaces a publication and appends action and summary
// to the audit chain in the same transaction. A publication's case never changes.
func (s *Store) SavePublication(ch Change, p domain.Publication, action, summary string) (domain.Publication, error) {
	err := s.db.Update(func(tx *bbolt.Tx) error {
		var err error
		p, err = s.savePublication(tx, ch, p, action, summary)
		return err
	})
	return p, internal(err)
}

func (s *Store) savePublication(tx *bbolt.Tx, ch Change, p domain.Publication, action, summary string) (domain.Publication, error) {
	b := tx.Bucket(bucketPublications)
	now := s.Now()
	var old *publicationRecord // the stored version, nil for a new publication
	if p.ID == 0 {
		seq, err := b.NextSequence()
		if err != nil {
			return p, err
		}
		p.ID, p.Created = seq, now
		if err := tx.Bucket(bucketPublicationsByCase).Put(pubCaseKey(p.CaseID, p.ID), nil); err != nil {
			return p, err
		}
	} else {
		old = &publicationRecord{}
		ok, err := get(tx, bucketPublications, itob(p.ID), old)
		if err != nil {
			return p, err
		}
		if !ok {
			return p, domain.Errorf(domain.ENOTFOUND, "公开记录不存在（编号 %d）。", p.ID)
		}
		if old.CaseID != p.CaseID {
			return p, domain.Errorf(domain.EINVALID, "公开记录 %d 属于另一个案件，不能改到案件 %s。", p.ID, p.CaseNumber)
		}
		p.Created = old.Created
	}
	p.Updated = now
	rec := toPublicationRecord(p)
	if err := put(tx, bucketPublications, itob(p.ID), rec); err != nil {
		return p, err
	}
	if err := indexPublicationDays(tx, old, rec); err != nil {
		return p, err
	}
	var c caseRecord
	if ok, err := get(tx, bucketCases, itob(p.CaseID), &c); err != nil {
		return p, err
	} else if ok {
		if err := refreshPublicationOpen(tx, c.toCase()); err != nil {
			return p, err
		}
	}
	return p, s.appendEvent(tx, ch.Actor, action, PublicationTarget(p.CaseID, p.ID), ch.summary(summary))
}

// Publication returns one publication.
func (s *Store) Publication(id uint64) (domain.Publication, error) {
	var r publicationRecord
	err := s.db.View(func(tx *bbolt.Tx) error {
		ok, err := get(tx, bucketPublications, itob(id), &r)
		if err == nil && !ok {
			err = domain.Errorf(domain.ENOTFOUND, "公开记录不存在（编号 %d）。", id)
		}
		return err
	})
	return r.publication(), internal(err)
}

// Publications lists every publication, oldest first.
func (s *Store) Publications() ([]domain.Publication, error) {
	return allPublications[publicationRecord](s)
}

// CasePublications lists the publications of one case, oldest first.
func (s *Store) CasePublications(caseID uint64) ([]domain.Publication, error) {
	var out []domain.Publication
	err := s.db.View(func(tx *bbolt.Tx) error {
		var err error
		out, err = casePublications[publicationRecord](tx, caseID)
		return err
	})
	return out, internal(err)
}

// PublicationStates lists every publication as Publications does, and
// CasePublicationStates those of one case as CasePublications does, but without their
// texts (the draft and the published content): what lists and deadlines need. A year of
// decisions' full texts runs to hundreds of megabytes at county scale.
func (s *Store) PublicationStates() ([]domain.Publication, error) {
	return allPublications[publicationState](s)
}

// CasePublicationStates: see PublicationStates.
func (s *Store) CasePublicationStates(caseID uint64) ([]domain.Publication, error) {
	var out []domain.Publication
	err := s.db.View(func(tx *bbolt.Tx) error {
		var err error
		out, err = casePublications[publicationState](tx, caseID)
		return err
	})
	return out, internal(err)
}

// publicationState is a stored publication read without its texts: the decoder passes
// over them without keeping them.
type publicationState struct {
	publicationRecord
	Draft   skipped `json:"draft"`
	Content skipped `json:"content"`
}

type skipped struct{}

func (*skipped) UnmarshalJSON([]byte) error { return nil }

// storedPublication is how a publication is read: whole, or without its texts.
type storedPublication interface {
	publicationRecord | publicationState
	publication() domain.Publication
}

func allPublications[R storedPublication](s *Store) ([]domain.Publication, error) {
	var out []domain.Publication
	err := s.db.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketPublications).ForEach(func(_, v []byte) error {
			var r R
			if err := decode(v, &r); err != nil {
				return err
			}
			out = append(out, r.publication())
			return nil
		})
	})
	return out, internal(err)
}

func casePublications[R storedPublication](tx *bbolt.Tx, caseID uint64) ([]domain.Publication, error) {
	var out []domain.Publication
	c := tx.Bucket(bucketPublicationsByCase).Cursor()
	prefix := itob(caseID)
	for k, _ := c.Seek(prefix); k != nil && len(k) == 16 && string(k[:8]) == string(prefix); k, _ = c.Next() {
		var r R
		ok, err := get(tx, bucketPublications, k[8:], &r)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, r.publication())
		}
	}
	return out, nil
}

type publicationRulesRecord struct {
	Days         map[domain.ActType]int `json:"days,omitempty"`
	WithdrawDays int                    `json:"withdraw_days,omitempty"`
}

var keyPublicationRules = []byte("rules")

// PublicationRules returns the office's publication deadlines (zero: the national defaults).
func (s *Store) PublicationRules() (domain.PublicationRules, error) {
	var r publicationRulesRecord
	err := s.db.View(func(tx *bbolt.Tx) error {
		_, err := get(tx, bucketPublicationRules, keyPublicationRules, &r)
		return err
	})
	return domain.PublicationRules(r), internal(err)
}

// SavePublicationRules stores the office's publication deadlines.
func (s *Store) SavePublicationRules(ch Change, r domain.PublicationRules, summary string) error {
	return internal(s.db.Update(func(tx *bbolt.Tx) error {
		if err := put(tx, bucketPublicationRules, keyPublicationRules, publicationRulesRecord(r)); err != nil {
			return err
		}
		return s.appendEvent(tx, ch.Actor, "publication.rules", "setting:publication", ch.summary(summary))
	}))
}

// Every publication is in the case and day indexes, and the indexes point at real
// publications.
var _ = registerCheck(func(s *Store, tx *bbolt.Tx) Check {
	c := Check{Name: "事后公开"}
	n, dated := 0, 0
	byCase, days := tx.Bucket(bucketPublicationsByCase), tx.Bucket(bucketPublicationDays)
	tx.Bucket(bucketPublications).ForEach(func(k, v []byte) error {
		n++
		var r publicationRecord
		if err := decode(v, &r); err != nil {
			c.Problems = append(c.Problems, fmt.Sprintf("公开记录 %d 无法读取", btoi(k)))
			return nil
		}
		if byCase.Get(pubCaseKey(r.CaseID, r.ID)) == nil {
			c.Problems = append(c.Problems, fmt.Sprintf("公开记录 %d（案件 %s）不在案件索引中", r.ID, r.CaseNumber))
		}
		for _, k := range r.dayKeys() {
			dated++
			if days.Get(k) == nil {
				c.Problems = append(c.Problems, fmt.Sprintf("公开记录 %d（案件 %s）不在日期索引中", r.ID, r.CaseNumber))
				break
			}
		}
		return nil
	})
	if byCase.Stats().KeyN != n {
		c.Problems = append(c.Problems, fmt.Sprintf("案件索引有 %d 条，公开记录有 %d 条", byCase.Stats().KeyN, n))
	}
	if days.Stats().KeyN != dated {
		c.Problems = append(c.Problems, fmt.Sprintf("日期索引有 %d 条，应有 %d 条", days.Stats().KeyN, dated))
	}
	c.Summary = fmt.Sprintf("%d 条公开记录", n)
	return c
})
