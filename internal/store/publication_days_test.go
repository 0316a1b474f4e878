package store_test

import (
	"context"
	"encoding/binary"
	"reflect"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

func TestPublicationsDated(t *testing.T) {
	st, dir := openTemp(t)
	sample := sampleCase("青山县第一超市", "")
	sample.Number = "青市监处罚〔2024〕7号"
	c, err := st.CreateCase(store.Change{Actor: "admin"}, sample, nil)
	if err != nil {
		t.Fatal(err)
	}
	save := func(p domain.Publication) domain.Publication {
		p.CaseID, p.CaseNumber = c.ID, c.Number
		p, err := st.SavePublication(store.Change{Actor: "admin"}, p, "publication.test", "测试")
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	// decided in December 2024, published in January 2025, withdrawn in March 2026
	late := save(domain.Publication{DecisionDate: day(t, "2024-12-20"), PublishedOn: day(t, "2025-01-06")})
	notPublic := save(domain.Publication{DecisionDate: day(t, "2025-05-01"), NotPublicReason: "涉及未成年人"})
	pending := save(domain.Publication{DecisionDate: day(t, "2026-07-01")})

	dated := func(from, to string) []uint64 {
		t.Helper()
		pubs, err := st.PublicationsDated(day(t, from), day(t, to))
		if err != nil {
			t.Fatal(err)
		}
		var ids []uint64
		for _, p := range pubs {
			ids = append(ids, p.ID)
		}
		return ids
	}
	same := func(got []uint64, want ...domain.Publication) bool {
		if len(got) != len(want) {
			return false
		}
		for i := range got {
			if got[i] != want[i].ID {
				return false
			}
		}
		return true
	}
	if got := dated("2025-01-01", "2025-12-31"); !same(got, late, notPublic) {
		t.Errorf("2025: %v, want the late publication and the one not public", got)
	}
	if got := dated("2024-12-20", "2024-12-20"); !same(got, late) {
		t.Errorf("the decision day alone: %v", got)
	}
	if got := dated("2026-01-01", "2026-12-31"); !same(got, pending) {
		t.Errorf("2026 before the withdrawal: %v", got)
	}
	// withdrawing moves it into 2026 as well; publishing the pending one changes its days
	late.Withdrawal = domain.Withdrawal{Reason: domain.WithdrawRevoked, DoneOn: day(t, "2026-03-02")}
	late = save(late)
	pending.PublishedOn = day(t, "2026-07-08")
	pending = save(pending)
	if got := dated("2026-01-01", "2026-12-31"); !same(got, late, pending) {
		t.Errorf("2026 after the withdrawal: %v", got)
	}
	if got := dated("2026-07-02", "2026-07-31"); !same(got, pending) {
		t.Errorf("July 2026: %v", got)
	}
	if got := dated("2023-01-01", "2023-12-31"); len(got) != 0 {
		t.Errorf("2023: %v", got)
	}

	problems := func() []string {
		rep, err := st.VerifyQuick(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, ch := range rep.Checks {
			if ch.Name == "事后公开" {
				return ch.Problems
			}
		}
		t.Fatal("no 事后公开 check")
		return nil
	}
	if p := problems(); len(p) != 0 {
		t.Fatalf("verify: %v", p)
	}
	// a day key removed behind LawDesk's back is found
	err = st.DB().Update(func(tx *bbolt.Tx) error {
		b := tx.Bucket([]byte("publication_days"))
		k, _ := b.Cursor().First()
		return b.Delete(k)
	})
	if err != nil {
		t.Fatal(err)
	}
	if p := problems(); len(p) != 2 || !strings.Contains(p[0], "不在日期索引中") || !strings.Contains(p[1], "日期索引有") {
		t.Fatalf("verify of a damaged day index: %v", p)
	}

	// a store of schema 4 had no day index: opening it builds one
	err = st.DB().Update(func(tx *bbolt.Tx) error {
		if err := tx.DeleteBucket([]byte("publication_days")); err != nil {
			return err
		}
		return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), binary.BigEndian.AppendUint64(nil, 4))
	})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	st, err = store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got := dated("2026-01-01", "2026-12-31"); !same(got, late, pending) {
		t.Errorf("2026 after the migration: %v", got)
	}
	if p := problems(); len(p) != 0 {
		t.Fatalf("verify after the migration: %v", p)
	}
}

// Lists read publications without their texts, and otherwise exactly as stored.
func TestPublicationStatesLeaveOutTheTexts(t *testing.T) {
	st, _ := openTemp(t)
	sample := sampleCase("青山县第一超市", "")
	sample.Number = "青市监处罚〔2024〕8号"
	c, err := st.CreateCase(store.Change{Actor: "admin"}, sample, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := domain.Publication{CaseID: c.ID, CaseNumber: c.Number, DecisionDate: day(t, "2024-12-20"), DocNumber: "青市监罚决〔2024〕8号",
		PublishedOn: day(t, "2025-01-06"), Draft: domain.PubDraft{FullText: "决定书全文"}, Content: domain.PubContent{Party: "青山县第一超市", FullText: "公开全文"}}
	if p, err = st.SavePublication(store.Change{Actor: "admin"}, p, "publication.test", "测试"); err != nil {
		t.Fatal(err)
	}
	whole, _ := st.CasePublications(c.ID)
	for what, list := range map[string]func() ([]domain.Publication, error){
		"PublicationStates":     st.PublicationStates,
		"CasePublicationStates": func() ([]domain.Publication, error) { return st.CasePublicationStates(c.ID) },
	} {
		got, err := list()
		if err != nil || len(got) != 1 {
			t.Fatalf("%s: %v %v", what, got, err)
		}
		if got[0].Draft.FullText != "" || got[0].Content.FullText != "" || got[0].Content.Party != "" {
			t.Errorf("%s kept the texts: %+v %+v", what, got[0].Draft, got[0].Content)
		}
		want := whole[0]
		want.Draft, want.Content = domain.PubDraft{}, domain.PubContent{}
		if !reflect.DeepEqual(got[0], want) {
			t.Errorf("%s:\n got %+v\nwant %+v", what, got[0], want)
		}
	}
	if whole[0].Content.FullText != "公开全文" || whole[0].Draft.FullText != "决定书全文" {
		t.Errorf("CasePublications lost the texts: %+v", whole[0])
	}
}
