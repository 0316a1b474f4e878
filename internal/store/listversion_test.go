package store_test

import (
	"context"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

func TestListVersionsAndPendingState(t *testing.T) {
	st, _ := openTemp(t)
	ch := store.Change{Actor: "admin"}
	b, err := st.SaveBody(ch, domain.Body{Kind: domain.BodyAgency, Name: "青山县市场监督管理局", Duties: "市场监管"})
	if err != nil {
		t.Fatal(err)
	}
	state, _ := st.ListState(domain.ListBodies)
	if !state.Changed() || state.PendingSince.IsZero() || state.LastChangeBy != "admin" {
		t.Fatalf("state after a change: %+v", state)
	}
	snap := domain.ListSnapshot{Columns: []domain.SnapshotColumn{{Key: "name", Header: "名称"}},
		Items: []domain.SnapshotItem{{ID: b.ID, Values: []string{b.Name}}}}
	if _, err := st.PublishList(ch, domain.ListBodies, state.Revision-1, domain.ListVersion{Date: domain.NewDate(2026, 3, 1), Reason: "x"}, snap); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("publishing from an old revision: %v", err)
	}
	v, err := st.PublishList(ch, domain.ListBodies, state.Revision, domain.ListVersion{Date: domain.NewDate(2026, 3, 1), Reason: "首次编制"}, snap)
	if err != nil || v.No != 1 || v.Rows != 1 {
		t.Fatalf("publish: %+v %v", v, err)
	}
	state, _ = st.ListState(domain.ListBodies)
	if state.Changed() || !state.PendingSince.IsZero() || state.Versions != 1 {
		t.Fatalf("state after publishing: %+v", state)
	}
	got, gotSnap, err := st.ListVersion(domain.ListBodies, 0)
	if err != nil || got.Reason != "首次编制" || gotSnap.Value(gotSnap.Items[0], "name") != b.Name {
		t.Fatalf("latest version: %+v %+v %v", got, gotSnap, err)
	}
	if _, _, err := st.ListVersion(domain.ListMatters, 0); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("a list never published: %v", err)
	}
	// deleting an entry keeps the published version intact
	if err := st.DeleteBody(ch, b.ID); err != nil {
		t.Fatal(err)
	}
	if _, s2, _ := st.ListVersion(domain.ListBodies, 1); len(s2.Items) != 1 {
		t.Fatal("deleting an entry changed the published version")
	}
	rep, err := st.Verify(context.Background(), nil)
	if err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep, err)
	}
	// a lost snapshot is reported by verify
	st.DB().Update(func(tx *bbolt.Tx) error {
		return tx.Bucket([]byte("list_snapshots")).Delete(append([]byte("bodies\x00"), 0, 0, 0, 0, 0, 0, 0, 1))
	})
	rep, _ = st.Verify(context.Background(), nil)
	var problems []string
	for _, c := range rep.Checks {
		problems = append(problems, c.Problems...)
	}
	if !strings.Contains(strings.Join(problems, "\n"), "执法主体第 1 版的发布内容缺失或损坏") {
		t.Errorf("verify did not notice the missing snapshot: %v", problems)
	}
}
