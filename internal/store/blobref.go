package store

import (
	"bytes"
	"errors"
	"time"

	"go.etcd.io/bbolt"

	"lawdesk/internal/blob"
)

// blobRecord notes that a file in blobs/ belongs to LawDesk. It is written only after
// blob.Store.Put has made the file durable.
type blobRecord struct {
	Size    int64     `json:"size"`
	Created time.Time `json:"created"`
}

// recordBlob registers a stored file inside tx (idempotent).
func (s *Store) recordBlob(tx *bbolt.Tx, info blob.Info) error {
	b := tx.Bucket(bucketBlobs)
	if b.Get([]byte(info.SHA256)) != nil {
		return nil
	}
	return put(tx, bucketBlobs, []byte(info.SHA256), blobRecord{Size: info.Size, Created: s.Now()})
}

// BlobSizes returns every registered blob with its size, for blob.Store.Verify.
func (s *Store) BlobSizes() (map[string]int64, error) {
	out := map[string]int64{}
	err := s.db.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketBlobs).ForEach(func(k, v []byte) error {
			var r blobRecord
			if err := decode(v, &r); err != nil {
				return err
			}
			out[string(k)] = r.Size
			return nil
		})
	})
	return out, internal(err)
}

// RegisterBlob records a file already made durable by Blobs().Put, with an audit event.
func (s *Store) RegisterBlob(actor string, info blob.Info, summary string) error {
	return internal(s.db.Update(func(tx *bbolt.Tx) error {
		if err := s.recordBlob(tx, info); err != nil {
			return err
		}
		return s.appendEvent(tx, actor, "blob.add", "blob:"+info.SHA256, summary)
	}))
}

// blobUser reports whether an entity still uses the stored file sha (inside tx). Each
// entity that keeps blobs registers one, so deleting one record never releases a file
// another record still points to.
type blobUser func(tx *bbolt.Tx, sha string) bool

var blobUsers []blobUser

func registerBlobUser(u blobUser) bool {
	blobUsers = append(blobUsers, u)
	return true
}

// blobInUse reports whether any entity still uses the file sha.
func blobInUse(tx *bbolt.Tx, sha string) bool {
	for _, u := range blobUsers {
		if u(tx, sha) {
			return true
		}
	}
	return false
}

// Every entity that keeps a blob's hash in its records registers as a user of it, so the
// only code that removes files (deleting an expired recording) never removes a file that a
// document, a photo or an inspection result also points to. These records are few or
// deleted rarely, so a scan is enough: each value that mentions the 64-hex hash keeps it (a
// conservative test: a false match only keeps a file).
var _ = registerBlobUser(func(tx *bbolt.Tx, sha string) bool {
	needle := []byte(sha)
	for _, b := range [][]byte{bucketDocuments, bucketOfficers, bucketWindows, bucketInspectionTasks, bucketListSnapshots} {
		found := false
		tx.Bucket(b).ForEach(func(_, v []byte) error {
			if bytes.Contains(v, needle) {
				found = true
				return errFound
			}
			return nil
		})
		if found {
			return true
		}
	}
	return false
})

var errFound = errors.New("found")
