package store

import (
	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

var keyAgency = []byte("agency")

type agencyRecord struct {
	Name       string `json:"name"`
	ShortName  string `json:"short_name"`
	Region     string `json:"region"`
	CreditCode string `json:"credit_code,omitempty"`
	Address    string `json:"address,omitempty"`
	Postcode   string `json:"postcode,omitempty"`
	Phone      string `json:"phone,omitempty"`
	LegalRep   string `json:"legal_rep,omitempty"`
	PublicURL  string `json:"public_url,omitempty"`
}

// Agency returns the office profile; ok is false before the first-run wizard.
func (s *Store) Agency() (a domain.Agency, ok bool, err error) {
	var r agencyRecord
	err = s.db.View(func(tx *bbolt.Tx) error {
		ok, err = get(tx, bucketSettings, keyAgency, &r)
		return err
	})
	return domain.Agency(r), ok, internal(err)
}

// SaveAgency replaces the office profile and records who changed it.
func (s *Store) SaveAgency(actor string, a domain.Agency) error {
	return internal(s.db.Update(func(tx *bbolt.Tx) error {
		return s.saveAgency(tx, actor, a)
	}))
}

func (s *Store) saveAgency(tx *bbolt.Tx, actor string, a domain.Agency) error {
	if err := put(tx, bucketSettings, keyAgency, agencyRecord(a)); err != nil {
		return err
	}
	return s.appendEvent(tx, actor, "agency.update", "agency", "修改机构信息："+a.Name)
}

// Setup writes the agency profile and the first administrator in one transaction; it
// refuses when the store already has users, so the wizard cannot run twice.
func (s *Store) Setup(a domain.Agency, admin domain.User) (domain.User, error) {
	err := s.db.Update(func(tx *bbolt.Tx) error {
		if tx.Bucket(bucketUsers).Stats().KeyN > 0 {
			return domain.Errorf(domain.ECONFLICT, "这个数据目录已经建立过机构和账户，不能重复初始化。")
		}
		if err := s.saveAgency(tx, domain.SystemActor, a); err != nil {
			return err
		}
		var err error
		admin, err = s.saveUser(tx, admin)
		if err != nil {
			return err
		}
		return s.appendEvent(tx, domain.SystemActor, "user.create", "user:1", "初始化：创建管理员账户 "+admin.Name)
	})
	return admin, internal(err)
}
