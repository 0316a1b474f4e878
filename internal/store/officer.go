package store

import (
	"sort"

	"go.etcd.io/bbolt"

	"lawdesk/internal/blob"
	"lawdesk/internal/domain"
)

var bucketOfficers = newBucket("officers")

type officerRecord struct {
	ID            uint64          `json:"id"`
	Name          string          `json:"name"`
	Unit          string          `json:"unit"`
	Post          string          `json:"post,omitempty"`
	CertNo        string          `json:"cert_no,omitempty"`
	CertIssuer    string          `json:"cert_issuer,omitempty"`
	Category      string          `json:"category,omitempty"`
	Region        string          `json:"region,omitempty"`
	ValidUntil    domain.Date     `json:"valid_until,omitzero"`
	Phone         string          `json:"phone,omitempty"`
	PhotoSHA      string          `json:"photo,omitempty"`
	Reviewer      bool            `json:"reviewer,omitempty"`
	Left          bool            `json:"left,omitempty"`
	TrainingHours map[int]float64 `json:"training,omitempty"`
	Note          string          `json:"note,omitempty"`
}

func (r officerRecord) officer() domain.Officer { return domain.Officer(r) }

var officers = &table[domain.Officer, officerRecord]{
	bucket: bucketOfficers, kind: domain.ListOfficers, noun: "执法人员", target: "officer",
	toRecord: func(o domain.Officer) officerRecord { return officerRecord(o) },
	toDomain: officerRecord.officer,
	id:       func(o domain.Officer) uint64 { return o.ID },
	setID:    func(o *domain.Officer, id uint64) { o.ID = id },
	label:    func(o domain.Officer) string { return o.Name },
}

// Change says who changes a record and why, for the audit chain.
type Change struct {
	Actor  string
	Reason string // optional: why, in the user's words
}

func (c Change) summary(what string) string {
	if c.Reason == "" {
		return what
	}
	return what + "（原因：" + c.Reason + "）"
}

// SaveOfficer creates (ID 0) or replaces an officer and appends the change to the audit
// chain in the same transaction. Officers are never deleted: mark them Left.
func (s *Store) SaveOfficer(ch Change, o domain.Officer) (domain.Officer, error) {
	return saveOne(s, officers, ch, o)
}

func (s *Store) saveOfficer(tx *bbolt.Tx, ch Change, o domain.Officer) (domain.Officer, error) {
	return officers.save(s, tx, ch, o, "")
}

// Officer returns one officer.
func (s *Store) Officer(id uint64) (domain.Officer, error) { return getOne(s, officers, id) }

// Officers lists every officer (including those who left), sorted by unit then name.
func (s *Store) Officers() ([]domain.Officer, error) {
	out, err := listAll(s, officers)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Unit != out[j].Unit {
			return out[i].Unit < out[j].Unit
		}
		return out[i].Name < out[j].Name
	})
	return out, err
}

// ImportOfficers writes the officers of one spreadsheet import in one transaction,
// refusing when the list changed since revision (see ListState).
func (s *Store) ImportOfficers(ch Change, revision uint64, items []domain.Officer, summary string) error {
	return officers.importAll(s, ch, revision, items, summary)
}

// SetOfficerPhoto records the ID photo (already stored by Blobs().Put) of an officer.
func (s *Store) SetOfficerPhoto(ch Change, id uint64, photo blob.Info) (domain.Officer, error) {
	var o domain.Officer
	err := s.db.Update(func(tx *bbolt.Tx) error {
		var err error
		if o, err = officers.get(tx, id); err != nil {
			return err
		}
		if err := s.recordBlob(tx, photo); err != nil {
			return err
		}
		o.PhotoSHA = photo.SHA256
		o, err = officers.save(s, tx, Change{Actor: ch.Actor, Reason: "更换照片"}, o, "")
		return err
	})
	return o, internal(err)
}
