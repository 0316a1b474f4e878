package store_test

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"lawdesk/internal/store"
)

// chainOf writes n access events after the migrate event.
func chainOf(t *testing.T, n int) *store.Store {
	st, _ := openTemp(t)
	for i := 0; i < n; i++ {
		if err := st.LogAccess("zhang", "document.view", fmt.Sprintf("doc:%d", i), "查看文书"); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func key(seq uint64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, seq)
	return k
}

// editEvent rewrites the stored JSON of event seq with fn, bypassing the store's API as
// someone editing the file would.
func editEvent(t *testing.T, st *store.Store, seq uint64, fn func(m map[string]any)) {
	t.Helper()
	err := st.DB().Update(func(tx *bbolt.Tx) error {
		b := tx.Bucket([]byte("audit"))
		v := b.Get(key(seq))
		m := map[string]any{}
		if err := json.Unmarshal(v[1:], &m); err != nil {
			return err
		}
		fn(m)
		data, _ := json.Marshal(m)
		return b.Put(key(seq), append([]byte{v[0]}, data...))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestChainVerifies(t *testing.T) {
	st := chainOf(t, 20)
	rep, err := st.VerifyChain()
	if err != nil || !rep.OK || rep.Events != 21 {
		t.Fatalf("report %+v, %v", rep, err)
	}
	if rep.Last.PrevHash == "" || rep.First.PrevHash != "" {
		t.Errorf("links wrong: first prev %q, last prev %q", rep.First.PrevHash, rep.Last.PrevHash)
	}
}

func TestChainTamper(t *testing.T) {
	cases := []struct {
		name   string
		tamper func(t *testing.T, st *store.Store)
		seq    uint64
		says   string
	}{
		{"edited summary", func(t *testing.T, st *store.Store) {
			editEvent(t, st, 7, func(m map[string]any) { m["s"] = "什么也没看" })
		}, 7, "内容被改动"},
		{"edited actor with rehash", func(t *testing.T, st *store.Store) {
			// a careful forger recomputes this event's hash; the next event no longer links
			evs, _ := st.Events(store.EventFilter{})
			e := evs[6]
			e.Actor = "li"
			e.Hash = e.ComputeHash()
			editEvent(t, st, 7, func(m map[string]any) { m["a"] = e.Actor; m["h"] = e.Hash })
		}, 8, "不衔接"},
		{"deleted middle event", func(t *testing.T, st *store.Store) {
			st.DB().Update(func(tx *bbolt.Tx) error { return tx.Bucket([]byte("audit")).Delete(key(10)) })
		}, 10, "有记录被删除"},
		{"deleted last event", func(t *testing.T, st *store.Store) {
			st.DB().Update(func(tx *bbolt.Tx) error { return tx.Bucket([]byte("audit")).Delete(key(21)) })
		}, 21, "末尾缺少记录"},
		{"broken link", func(t *testing.T, st *store.Store) {
			editEvent(t, st, 12, func(m map[string]any) { m["p"] = strings.Repeat("a", 64) })
		}, 12, "不衔接"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := chainOf(t, 20)
			c.tamper(t, st)
			rep, err := st.VerifyChain()
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK || rep.BrokenAt != c.seq || !strings.Contains(rep.Problem, c.says) {
				t.Fatalf("got OK=%v at %d: %q; want break at %d saying %q", rep.OK, rep.BrokenAt, rep.Problem, c.seq, c.says)
			}
		})
	}
}

func TestEventsFilter(t *testing.T) {
	st := chainOf(t, 5)
	st.LogAccess("li", "document.print", "doc:1", "打印")
	evs, err := st.Events(store.EventFilter{Actor: "li"})
	if err != nil || len(evs) != 1 || evs[0].Action != "document.print" {
		t.Fatalf("by actor: %+v %v", evs, err)
	}
	evs, _ = st.Events(store.EventFilter{ActionPrefix: "document.", Newest: true, Limit: 2})
	if len(evs) != 2 || evs[0].Actor != "li" || evs[0].Seq <= evs[1].Seq {
		t.Fatalf("newest first: %+v", evs)
	}
}

func BenchmarkAppendEvent(b *testing.B) {
	st, err := store.Open(b.TempDir(), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for b.Loop() {
		st.LogAccess("zhang", "document.view", "doc:1", "查看文书")
	}
}
