package store

import (
	"fmt"

	"go.etcd.io/bbolt"

	"lawdesk/internal/blob"
	"lawdesk/internal/domain"
)

var bucketWindows = newBucket("windows")

type windowRecord struct {
	ID             uint64   `json:"id"`
	Name           string   `json:"name"`
	OfficerID      uint64   `json:"officer,omitempty"`
	Staff          string   `json:"staff"`
	Post           string   `json:"post,omitempty"`
	Duties         string   `json:"duties,omitempty"`
	Services       []string `json:"services,omitempty"`
	Materials      string   `json:"materials,omitempty"`
	ProgressPhone  string   `json:"progress_phone,omitempty"`
	Consultation   string   `json:"consultation,omitempty"`
	ComplaintPhone string   `json:"complaint_phone,omitempty"`
	PhotoSHA       string   `json:"photo,omitempty"`
}

// Windows are not a published list (kind ""): their cards are printed, not versioned.
var windowTable = &table[domain.Window, windowRecord]{
	bucket: bucketWindows, noun: "服务窗口", target: "window",
	toRecord: func(w domain.Window) windowRecord { return windowRecord(w) },
	toDomain: func(r windowRecord) domain.Window { return domain.Window(r) },
	id:       func(w domain.Window) uint64 { return w.ID },
	setID:    func(w *domain.Window, id uint64) { w.ID = id },
	label:    func(w domain.Window) string { return w.Name + "（" + w.Staff + "）" },
}

// SaveWindow creates (ID 0) or replaces a service window. photo, when not nil, is a new ID
// photo already stored by Blobs().Put; it is registered in the same transaction.
func (s *Store) SaveWindow(ch Change, w domain.Window, photo *blob.Info) (domain.Window, error) {
	err := s.db.Update(func(tx *bbolt.Tx) error {
		if photo != nil {
			if err := s.recordBlob(tx, *photo); err != nil {
				return err
			}
			w.PhotoSHA = photo.SHA256
		}
		var err error
		w, err = windowTable.save(s, tx, ch, w, "")
		return err
	})
	return w, internal(err)
}

// Window returns one service window.
func (s *Store) Window(id uint64) (domain.Window, error) { return getOne(s, windowTable, id) }

// Windows lists the service windows in the order they were added.
func (s *Store) Windows() ([]domain.Window, error) { return listAll(s, windowTable) }

// DeleteWindow removes a service window.
func (s *Store) DeleteWindow(ch Change, id uint64) error { return removeOne(s, windowTable, ch, id) }

// Windows point at existing officers, and their photos and the officers' are stored.
var _ = registerCheck(func(s *Store, tx *bbolt.Tx) Check {
	c := Check{Name: "服务窗口与执法人员照片"}
	ws, err := windowTable.all(tx)
	if err != nil {
		c.Problems = append(c.Problems, "服务窗口记录无法读取："+err.Error())
		return c
	}
	blobs := tx.Bucket(bucketBlobs)
	for _, w := range ws {
		if w.OfficerID != 0 && tx.Bucket(bucketOfficers).Get(itob(w.OfficerID)) == nil {
			c.Problems = append(c.Problems, fmt.Sprintf("窗口“%s”关联的执法人员（编号 %d）不存在", w.Name, w.OfficerID))
		}
		if w.PhotoSHA != "" && blobs.Get([]byte(w.PhotoSHA)) == nil {
			c.Problems = append(c.Problems, fmt.Sprintf("窗口“%s”的照片没有登记在文件存储中", w.Name))
		}
	}
	os, err := officers.all(tx)
	if err != nil {
		c.Problems = append(c.Problems, "执法人员记录无法读取："+err.Error())
		return c
	}
	for _, o := range os {
		if o.PhotoSHA != "" && blobs.Get([]byte(o.PhotoSHA)) == nil {
			c.Problems = append(c.Problems, fmt.Sprintf("执法人员“%s”的照片没有登记在文件存储中", o.Name))
		}
	}
	c.Summary = fmt.Sprintf("%d 个窗口，%d 名执法人员", len(ws), len(os))
	return c
})
