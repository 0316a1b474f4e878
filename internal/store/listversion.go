package store

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

// Published lists change in two steps: clerks edit the entries (each edit is saved at
// once and counted in the list's state), then someone publishes a new version with a date
// and a reason, which keeps the list exactly as published. The state tells how long
// changes have waited for publication.
var (
	bucketListState     = newBucket("list_state")     // kind → listStateRecord
	bucketListVersions  = newBucket("list_versions")  // kind 0x00 no → versionRecord
	bucketListSnapshots = newBucket("list_snapshots") // kind 0x00 no → snapshotRecord
)

// ListState is where a list stands between publications.
type ListState struct {
	Revision          uint64    // counts every change to the list's entries
	PublishedRevision uint64    // Revision when the latest version was published
	PendingSince      time.Time // first change after the latest publication; zero when none
	LastChange        time.Time
	LastChangeBy      string
	Versions          int // published versions so far
}

// Changed reports whether entries changed since the latest publication (the content may
// still be the same, e.g. when an edit was undone by hand).
func (st ListState) Changed() bool { return st.Revision != st.PublishedRevision }

type listStateRecord struct {
	Revision          uint64    `json:"rev"`
	PublishedRevision uint64    `json:"pub_rev"`
	PendingSince      time.Time `json:"pending_since,omitzero"`
	LastChange        time.Time `json:"last_change,omitzero"`
	LastChangeBy      string    `json:"last_change_by,omitempty"`
	Versions          int       `json:"versions,omitempty"`
}

type versionRecord struct {
	No          int         `json:"no"`
	Date        domain.Date `json:"date"`
	PublishedAt time.Time   `json:"published_at"`
	Actor       string      `json:"actor"`
	ActorName   string      `json:"actor_name,omitempty"`
	Reason      string      `json:"reason"`
	Rows        int         `json:"rows"`
	Added       int         `json:"added,omitempty"`
	Changed     int         `json:"changed,omitempty"`
	Removed     int         `json:"removed,omitempty"`
}

// snapshotRecord holds a published list as gzip-compressed JSON: lists of hundreds of
// entries with long legal texts compress four- to five-fold.
type snapshotRecord struct {
	Format string `json:"format"` // "gzip+json"
	Data   []byte `json:"data"`
}

type snapshotJSON struct {
	Columns [][2]string    `json:"cols"`
	Items   []snapshotItem `json:"items"`
}

type snapshotItem struct {
	ID     uint64   `json:"id"`
	Values []string `json:"v"`
}

func versionKey(kind domain.ListKind, no int) []byte {
	return append(append([]byte(kind), 0), itob(uint64(no))...)
}

func (s *Store) listState(tx *bbolt.Tx, kind domain.ListKind) (listStateRecord, error) {
	var r listStateRecord
	_, err := get(tx, bucketListState, []byte(kind), &r)
	return r, err
}

// touchList counts a change to kind's entries inside tx.
func (s *Store) touchList(tx *bbolt.Tx, kind domain.ListKind, actor string) error {
	if kind == "" {
		return nil
	}
	r, err := s.listState(tx, kind)
	if err != nil {
		return err
	}
	now := s.Now().UTC().Round(0)
	r.Revision++
	if r.PendingSince.IsZero() {
		r.PendingSince = now
	}
	r.LastChange, r.LastChangeBy = now, actor
	return put(tx, bucketListState, []byte(kind), r)
}

// checkRevision refuses a write prepared against an older state of the list.
func (s *Store) checkRevision(tx *bbolt.Tx, kind domain.ListKind, revision uint64) error {
	r, err := s.listState(tx, kind)
	if err != nil {
		return err
	}
	if r.Revision != revision {
		return domain.Errorf(domain.ECONFLICT, "“%s”在您预览之后被修改过（%s）。为免覆盖别人的修改，请重新打开后再操作。",
			kind.Title(), r.LastChangeBy)
	}
	return nil
}

// ListState returns where kind stands between publications.
func (s *Store) ListState(kind domain.ListKind) (ListState, error) {
	var r listStateRecord
	err := s.db.View(func(tx *bbolt.Tx) error {
		var err error
		r, err = s.listState(tx, kind)
		return err
	})
	return ListState(r), internal(err)
}

// PublishList stores a new version of kind with its snapshot, numbered after the latest,
// and clears the pending state. revision is the ListState.Revision the snapshot was built
// from: when entries changed since, nothing is written and ECONFLICT says so.
func (s *Store) PublishList(ch Change, kind domain.ListKind, revision uint64, v domain.ListVersion, snap domain.ListSnapshot) (domain.ListVersion, error) {
	data, err := encodeSnapshot(snap)
	if err != nil {
		return v, internal(err)
	}
	err = s.db.Update(func(tx *bbolt.Tx) error {
		if err := s.checkRevision(tx, kind, revision); err != nil {
			return err
		}
		st, err := s.listState(tx, kind)
		if err != nil {
			return err
		}
		v.Kind, v.No, v.PublishedAt, v.Actor = kind, st.Versions+1, s.Now().UTC().Round(0), ch.Actor
		v.Rows = len(snap.Items)
		rec := versionRecord{v.No, v.Date, v.PublishedAt, v.Actor, v.ActorName, v.Reason, v.Rows, v.Added, v.Changed, v.Removed}
		key := versionKey(kind, v.No)
		if err := put(tx, bucketListVersions, key, rec); err != nil {
			return err
		}
		if err := put(tx, bucketListSnapshots, key, snapshotRecord{Format: "gzip+json", Data: data}); err != nil {
			return err
		}
		st.Versions, st.PublishedRevision, st.PendingSince = v.No, st.Revision, time.Time{}
		if err := put(tx, bucketListState, []byte(kind), st); err != nil {
			return err
		}
		return s.appendEvent(tx, ch.Actor, "list.publish", fmt.Sprintf("list:%s:%d", kind, v.No),
			fmt.Sprintf("发布%s第 %d 版（%s，共 %d 项，%s；调整原因：%s）", kind.Title(), v.No, v.Date, v.Rows, v.ChangeSummary(), v.Reason))
	})
	return v, internal(err)
}

// ListVersions lists the published versions of kind, oldest first.
func (s *Store) ListVersions(kind domain.ListKind) ([]domain.ListVersion, error) {
	var out []domain.ListVersion
	err := s.db.View(func(tx *bbolt.Tx) error {
		prefix := append([]byte(kind), 0)
		c := tx.Bucket(bucketListVersions).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var r versionRecord
			if err := decode(v, &r); err != nil {
				return err
			}
			out = append(out, r.version(kind))
		}
		return nil
	})
	return out, internal(err)
}

func (r versionRecord) version(kind domain.ListKind) domain.ListVersion {
	return domain.ListVersion{Kind: kind, No: r.No, Date: r.Date, PublishedAt: r.PublishedAt, Actor: r.Actor,
		ActorName: r.ActorName, Reason: r.Reason, Rows: r.Rows, Added: r.Added, Changed: r.Changed, Removed: r.Removed}
}

// ListVersion returns version no of kind with the list as published; no 0 means the
// latest. ENOTFOUND when there is no such version.
func (s *Store) ListVersion(kind domain.ListKind, no int) (domain.ListVersion, domain.ListSnapshot, error) {
	var v domain.ListVersion
	var snap domain.ListSnapshot
	err := s.db.View(func(tx *bbolt.Tx) error {
		if no == 0 {
			st, err := s.listState(tx, kind)
			if err != nil {
				return err
			}
			no = st.Versions
		}
		var r versionRecord
		ok, err := get(tx, bucketListVersions, versionKey(kind, no), &r)
		if err == nil && !ok {
			if no == 0 {
				return domain.Errorf(domain.ENOTFOUND, "“%s”还没有发布过。请先在清单页面点“发布新版本”。", kind.Title())
			}
			return domain.Errorf(domain.ENOTFOUND, "“%s”没有第 %d 版。", kind.Title(), no)
		}
		if err != nil {
			return err
		}
		v = r.version(kind)
		var sr snapshotRecord
		if ok, err := get(tx, bucketListSnapshots, versionKey(kind, no), &sr); err != nil || !ok {
			return fmt.Errorf("snapshot of %s version %d missing: %v", kind, no, err)
		}
		snap, err = decodeSnapshot(sr)
		return err
	})
	return v, snap, internal(err)
}

func encodeSnapshot(snap domain.ListSnapshot) ([]byte, error) {
	j := snapshotJSON{Items: make([]snapshotItem, len(snap.Items))}
	for _, c := range snap.Columns {
		j.Columns = append(j.Columns, [2]string{c.Key, c.Header})
	}
	for i, it := range snap.Items {
		j.Items[i] = snapshotItem{it.ID, it.Values}
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if err := json.NewEncoder(zw).Encode(j); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func decodeSnapshot(r snapshotRecord) (domain.ListSnapshot, error) {
	var snap domain.ListSnapshot
	if r.Format != "gzip+json" {
		return snap, fmt.Errorf("unknown snapshot format %q", r.Format)
	}
	zr, err := gzip.NewReader(bytes.NewReader(r.Data))
	if err != nil {
		return snap, err
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return snap, err
	}
	var j snapshotJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return snap, err
	}
	for _, c := range j.Columns {
		snap.Columns = append(snap.Columns, domain.SnapshotColumn{Key: c[0], Header: c[1]})
	}
	snap.Items = make([]domain.SnapshotItem, len(j.Items))
	for i, it := range j.Items {
		snap.Items[i] = domain.SnapshotItem{ID: it.ID, Values: it.Values}
	}
	return snap, nil
}

// Every list's versions are numbered 1…n without gaps, each with a readable snapshot.
var _ = registerCheck(func(s *Store, tx *bbolt.Tx) Check {
	c := Check{Name: "公示清单版本"}
	total := 0
	for _, kind := range domain.AllListKinds {
		st, err := s.listState(tx, kind)
		if err != nil {
			c.Problems = append(c.Problems, fmt.Sprintf("%s的状态记录无法读取", kind.Title()))
			continue
		}
		for no := 1; no <= st.Versions; no++ {
			total++
			key := versionKey(kind, no)
			var vr versionRecord
			if ok, err := get(tx, bucketListVersions, key, &vr); err != nil || !ok {
				c.Problems = append(c.Problems, fmt.Sprintf("%s第 %d 版的版本记录缺失或损坏", kind.Title(), no))
				continue
			}
			var sr snapshotRecord
			ok, err := get(tx, bucketListSnapshots, key, &sr)
			if err == nil && ok {
				var snap domain.ListSnapshot
				if snap, err = decodeSnapshot(sr); err == nil && len(snap.Items) != vr.Rows {
					err = fmt.Errorf("%d 项，版本记录为 %d 项", len(snap.Items), vr.Rows)
				}
			}
			if err != nil || !ok {
				c.Problems = append(c.Problems, fmt.Sprintf("%s第 %d 版的发布内容缺失或损坏", kind.Title(), no))
			}
		}
	}
	c.Summary = fmt.Sprintf("%d 个版本", total)
	return c
})
