package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sort"
	"strconv"
	"time"

	"go.etcd.io/bbolt"

	"lawdesk/internal/blob"
	"lawdesk/internal/domain"
)

// Documents of cases (scans and PDFs). The files themselves live in the blob store; the
// database records them only after blob.Store.Put has made them durable.
var (
	bucketDocuments  = newBucket("documents")    // id → documentRecord
	bucketDocsByCase = newBucket("docs_by_case") // case id + document id → nil
	bucketDocTerms   = newBucket("doc_terms")    // document id → its search terms
	bucketDocText    = newBucket("doc_text")     // document id → searchable text (title, number, text layer)
	bucketThumbs     = newBucket("doc_thumbs")   // document id + page (4 bytes) → JPEG thumbnail (a few KB)
)

// maxStoredText bounds the text layer kept per document (a 300-page text PDF has far less).
const maxStoredText = 4 << 20

type documentRecord struct {
	ID         uint64       `json:"id"`
	CaseID     uint64       `json:"case"`
	Stage      domain.Stage `json:"stage"`
	Type       string       `json:"type"`
	Title      string       `json:"title"`
	DocNumber  string       `json:"doc_no,omitempty"`
	Date       domain.Date  `json:"date"`
	Author     string       `json:"author"`
	Remarks    string       `json:"remarks,omitempty"`
	Pages      int          `json:"pages"`
	FileName   string       `json:"file"`
	Format     string       `json:"format"`
	SHA256     string       `json:"sha256"`
	Size       int64        `json:"size"`
	TextChars  int          `json:"text_chars,omitempty"`
	Version    int          `json:"version"`
	FirstID    uint64       `json:"first"`
	Superseded bool         `json:"superseded,omitempty"`
	ItemNo     int          `json:"item,omitempty"`
	Added      time.Time    `json:"added"`
	AddedBy    string       `json:"added_by"`
}

func (r documentRecord) document() domain.Document { return domain.Document(r) }

// DocumentTarget is the audit target of a document: case:N/doc:M.
func DocumentTarget(caseID, docID uint64) string {
	return CaseTarget(caseID) + "/doc:" + strconv.FormatUint(docID, 10)
}

// NewDocument is a document whose file is already in the blob store. Its page thumbnails
// are small derived images and are kept in the database.
type NewDocument struct {
	Doc      domain.Document
	File     blob.Info
	Thumbs   [][]byte // one JPEG per page, in order
	Text     string   // the text layer, for search
	Replaces uint64   // the document this is a new version of, 0 for a new document
}

// AddDocument records a document of a case in one transaction: its file and thumbnails,
// its search terms (and the case's), the previous version marked superseded (never
// changed otherwise), and the audit event. An archived case refuses.
func (s *Store) AddDocument(ch Change, nd NewDocument) (domain.Document, error) {
	var d domain.Document
	err := s.db.Update(func(tx *bbolt.Tx) error {
		var err error
		d, err = s.addDocument(tx, ch, nd)
		return err
	})
	return d, internal(err)
}

func (s *Store) addDocument(tx *bbolt.Tx, ch Change, nd NewDocument) (d domain.Document, err error) {
	d = nd.Doc
	err = func() error {
		var cr caseRecord
		if ok, err := get(tx, bucketCases, itob(d.CaseID), &cr); err != nil {
			return err
		} else if !ok {
			return domain.Errorf(domain.ENOTFOUND, "案件不存在（编号 %d）。", d.CaseID)
		}
		if !cr.Archived.IsZero() {
			return domain.Errorf(domain.ELOCKED, "案件 %s 已归档，不能再添加文书，只能添加备注。", cr.Number)
		}
		seq, err := tx.Bucket(bucketDocuments).NextSequence()
		if err != nil {
			return err
		}
		d.ID, d.Version, d.FirstID, d.Superseded, d.ItemNo = seq, 1, seq, false, 0
		d.SHA256, d.Size, d.Added, d.AddedBy = nd.File.SHA256, nd.File.Size, s.Now(), ch.Actor
		action, what := "document.add", "添加文书"
		if nd.Replaces != 0 {
			var old documentRecord
			if ok, err := get(tx, bucketDocuments, itob(nd.Replaces), &old); err != nil {
				return err
			} else if !ok || old.CaseID != d.CaseID {
				return domain.Errorf(domain.ENOTFOUND, "要替换的文书不存在（编号 %d）。", nd.Replaces)
			}
			if old.Superseded {
				return domain.Errorf(domain.ECONFLICT, "文书“%s”第 %d 版已有更新的版本，请在最新版本上添加新版本。", old.Title, old.Version)
			}
			old.Superseded = true
			if err := put(tx, bucketDocuments, itob(old.ID), old); err != nil {
				return err
			}
			d.Version, d.FirstID = old.Version+1, old.FirstID
			action, what = "document.version", fmt.Sprintf("添加文书新版本（第 %d 版，原版本保留）", d.Version)
		}
		if err := s.recordBlob(tx, nd.File); err != nil {
			return err
		}
		for i, th := range nd.Thumbs {
			if err := tx.Bucket(bucketThumbs).Put(thumbKey(d.ID, i), th); err != nil {
				return err
			}
		}
		if err := put(tx, bucketDocuments, itob(d.ID), documentRecord(d)); err != nil {
			return err
		}
		if err := tx.Bucket(bucketDocsByCase).Put(append(itob(d.CaseID), itob(d.ID)...), nil); err != nil {
			return err
		}
		if err := s.writeDocumentText(tx, d, nd.Text); err != nil {
			return err
		}
		if err := s.reindexCaseText(tx, cr.toCase()); err != nil {
			return err
		}
		return s.appendEvent(tx, ch.Actor, action, DocumentTarget(d.CaseID, d.ID),
			ch.summary(fmt.Sprintf("%s %s：%s（%s，%d 页，文件 %s）", cr.Number, what, d.Title, d.Type, d.Pages, d.FileName)))
	}()
	return d, err
}

func thumbKey(docID uint64, page int) []byte {
	k := make([]byte, 12)
	binary.BigEndian.PutUint64(k, docID)
	binary.BigEndian.PutUint32(k[8:], uint32(page))
	return k
}

// writeDocumentText stores what search finds in a document and its terms.
func (s *Store) writeDocumentText(tx *bbolt.Tx, d domain.Document, text string) error {
	if len(text) > maxStoredText {
		text = text[:maxStoredText]
	}
	all := d.Title + "\n" + d.DocNumber + "\n" + d.Type + "\n" + text
	if err := tx.Bucket(bucketDocText).Put(itob(d.ID), []byte(all)); err != nil {
		return err
	}
	terms := map[string]struct{}{}
	addTerms(terms, all)
	return tx.Bucket(bucketDocTerms).Put(itob(d.ID), encodeTerms(terms))
}

// UpdateDocumentInfo changes what a document is described as (type, title, number, date,
// author, remarks, stage); its file never changes. Refused once the case is archived.
func (s *Store) UpdateDocumentInfo(ch Change, d domain.Document) (domain.Document, error) {
	err := s.db.Update(func(tx *bbolt.Tx) error {
		var old documentRecord
		if ok, err := get(tx, bucketDocuments, itob(d.ID), &old); err != nil {
			return err
		} else if !ok {
			return domain.Errorf(domain.ENOTFOUND, "文书不存在（编号 %d）。", d.ID)
		}
		var cr caseRecord
		if _, err := get(tx, bucketCases, itob(old.CaseID), &cr); err != nil {
			return err
		}
		if !cr.Archived.IsZero() {
			return domain.Errorf(domain.ELOCKED, "案件 %s 已归档，文书不能修改，只能添加备注。", cr.Number)
		}
		n := old
		n.Stage, n.Type, n.Title, n.DocNumber, n.Date, n.Author, n.Remarks = d.Stage, d.Type, d.Title, d.DocNumber, d.Date, d.Author, d.Remarks
		if err := put(tx, bucketDocuments, itob(n.ID), n); err != nil {
			return err
		}
		text := tx.Bucket(bucketDocText).Get(itob(n.ID))
		body := ""
		if parts := bytes.SplitN(text, []byte("\n"), 4); len(parts) == 4 {
			body = string(parts[3])
		}
		if err := s.writeDocumentText(tx, n.document(), body); err != nil {
			return err
		}
		if err := s.reindexCaseText(tx, cr.toCase()); err != nil {
			return err
		}
		d = n.document()
		return s.appendEvent(tx, ch.Actor, "document.update", DocumentTarget(n.CaseID, n.ID),
			ch.summary(fmt.Sprintf("%s 修改文书信息：%s", cr.Number, n.Title)))
	})
	return d, internal(err)
}

// Document returns one document.
func (s *Store) Document(id uint64) (domain.Document, error) {
	var r documentRecord
	err := s.db.View(func(tx *bbolt.Tx) error {
		ok, err := get(tx, bucketDocuments, itob(id), &r)
		if err == nil && !ok {
			err = domain.Errorf(domain.ENOTFOUND, "文书不存在（编号 %d）。", id)
		}
		return err
	})
	return r.document(), internal(err)
}

// Documents lists every document of a case (all versions) in dossier order: by stage, then
// date, then when they were added.
func (s *Store) Documents(caseID uint64) ([]domain.Document, error) {
	var out []domain.Document
	err := s.db.View(func(tx *bbolt.Tx) error {
		var err error
		out, err = s.documents(tx, caseID)
		return err
	})
	return out, internal(err)
}

func (s *Store) documents(tx *bbolt.Tx, caseID uint64) ([]domain.Document, error) {
	var out []domain.Document
	c := tx.Bucket(bucketDocsByCase).Cursor()
	prefix := itob(caseID)
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		var r documentRecord
		if _, err := get(tx, bucketDocuments, k[8:], &r); err != nil {
			return nil, err
		}
		out = append(out, r.document())
	}
	SortDocuments(out)
	return out, nil
}

// SortDocuments puts documents in dossier order: stage, date, then the order they came in.
func SortDocuments(docs []domain.Document) {
	sort.SliceStable(docs, func(i, j int) bool {
		a, b := docs[i], docs[j]
		if a.ItemNo != 0 && b.ItemNo != 0 {
			return a.ItemNo < b.ItemNo
		}
		if x, y := a.Stage.Index(), b.Stage.Index(); x != y {
			return x < y
		}
		if c := a.Date.Compare(b.Date); c != 0 {
			return c < 0
		}
		return a.ID < b.ID
	})
}

// Thumbnail returns the JPEG thumbnail of a document page (nil when there is none).
func (s *Store) Thumbnail(docID uint64, page int) ([]byte, error) {
	var data []byte
	err := s.db.View(func(tx *bbolt.Tx) error {
		if v := tx.Bucket(bucketThumbs).Get(thumbKey(docID, page)); v != nil {
			data = append([]byte(nil), v...)
		}
		return nil
	})
	return data, internal(err)
}

// DocumentText returns the searchable text kept for a document.
func (s *Store) DocumentText(docID uint64) (string, error) {
	var text string
	err := s.db.View(func(tx *bbolt.Tx) error {
		text = string(tx.Bucket(bucketDocText).Get(itob(docID)))
		return nil
	})
	return text, internal(err)
}

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

// documentTexts returns the folded searchable text of every document of a case.
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

// documentsCheck (四性检测, DA/T 70): every document's file is a registered blob present
// on disk (the file store check re-hashes them), every document belongs to an
// existing case, and versions are consistent.
var _ = registerCheck(func(s *Store, tx *bbolt.Tx) Check {
	ch := Check{Name: "案件文书"}
	n, pages := 0, 0
	blobs, cases, byCase := tx.Bucket(bucketBlobs), tx.Bucket(bucketCases), tx.Bucket(bucketDocsByCase)
	// Cases hold many documents and documents share scans: each case and each file is
	// looked at once, and a case is decoded only to name it in a problem.
	present := map[string]bool{}
	tx.Bucket(bucketDocuments).ForEach(func(k, v []byte) error {
		n++
		var r documentRecord
		if err := decode(v, &r); err != nil {
			ch.Problems = append(ch.Problems, fmt.Sprintf("文书记录 %d 无法读取", btoi(k)))
			return nil
		}
		pages += r.Pages
		if cases.Get(itob(r.CaseID)) == nil {
			ch.Problems = append(ch.Problems, fmt.Sprintf("文书“%s”（编号 %d）所属的案件不存在", r.Title, r.ID))
			return nil
		}
		where := func() string {
			var cr caseIndexFields
			get(tx, bucketCases, itob(r.CaseID), &cr)
			return fmt.Sprintf("案件 %s 的文书“%s”", cr.Number, r.Title)
		}
		stored, seen := present[r.SHA256]
		if !seen {
			stored = blobs.Get([]byte(r.SHA256)) != nil && s.blobs.Has(r.SHA256)
			present[r.SHA256] = stored
		}
		if !stored {
			if blobs.Get([]byte(r.SHA256)) == nil {
				ch.Problems = append(ch.Problems, where()+" 的文件没有登记在文件存储中")
			} else {
				ch.Problems = append(ch.Problems, where()+" 的文件缺失（"+r.SHA256[:12]+"…）")
			}
		}
		if r.Pages < 1 {
			ch.Problems = append(ch.Problems, where()+" 的页数不正确")
		}
		if byCase.Get(append(itob(r.CaseID), itob(r.ID)...)) == nil {
			ch.Problems = append(ch.Problems, where()+" 不在案件的文书索引中")
		}
		if r.Version < 1 || r.FirstID == 0 || r.FirstID > r.ID {
			ch.Problems = append(ch.Problems, where()+" 的版本信息不正确")
		}
		return nil
	})
	ch.Summary = fmt.Sprintf("%d 份文书，共 %d 页", n, pages)
	return ch
})
