package store

import (
	"bytes"

	"go.etcd.io/bbolt"
)

// Documents of cases (scans and PDFs). The files themselves live in the blob store.
var (
	bucketDocuments   = newBucket("documents")    // id → documentRecord
	bucketDocsByCase  = newBucket("docs_by_case") // case id + document id → nil
	bucketDocTerms    = newBucket("doc_terms")    // document id → its search terms
	bucketDocText     = newBucket("doc_text")     // document id → extracted text (search, display)
	bucketThumbs      = newBucket("doc_thumbs")   // document id + page → thumbnail blob hash
	bucketDocVersions = newBucket("doc_versions") // first version's id + version → document id
)

// addDocumentTerms adds the stored search terms of every document of case caseID to set.
func (s *Store) addDocumentTerms(tx *bbolt.Tx, caseID uint64, set map[string]struct{}) error {
	c := tx.Bucket(bucketDocsByCase).Cursor()
	prefix := itob(caseID)
	terms := tx.Bucket(bucketDocTerms)
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		decodeTerms(terms.Get(k[8:]), set)
	}
	return nil
}

// documentTexts returns the folded searchable text (title, number and extracted text) of
// every document of a case.
func (s *Store) documentTexts(tx *bbolt.Tx, caseID uint64) []string {
	var out []string
	c := tx.Bucket(bucketDocsByCase).Cursor()
	prefix := itob(caseID)
	texts := tx.Bucket(bucketDocText)
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if t := texts.Get(k[8:]); t != nil {
			out = append(out, foldText(string(t)))
		}
	}
	return out
}
