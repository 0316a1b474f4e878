package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

func TestCasesActiveFrom(t *testing.T) {
	st, err := store.Open(t.TempDir(), store.Options{Now: func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.Local) }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	mk := func(n int, opened, decided, closed, archived string) domain.Case {
		c := sampleCase("青山县第一超市", "")
		c.Number = "青市监处罚〔2025〕" + string(rune('0'+n)) + "号"
		c.Opened = day(t, opened)
		c.Closed, c.Archived = day(t, closed), day(t, archived)
		if decided != "" {
			c.Decision = domain.Decision{Kinds: []domain.PenaltyKind{domain.PenaltyWarning}, Date: day(t, decided), Summary: strings.Repeat("警告", 100)}
			c.Stage = domain.StageServe
		}
		if !c.Closed.IsZero() {
			c.Stage = domain.StageArchive
		}
		got, err := st.CreateCase(store.Change{Actor: "admin"}, c, nil)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	old := mk(1, "2024-03-01", "2024-04-01", "2024-04-10", "2024-05-01")         // all in 2024
	lateArchive := mk(2, "2024-03-01", "2024-04-01", "2024-04-10", "2025-02-01") // archived in 2025
	waiting := mk(3, "2024-10-01", "2024-11-01", "2024-11-10", "")               // closed, never archived
	open := mk(4, "2024-12-01", "", "", "")                                      // still open
	recent := mk(5, "2025-06-01", "2025-06-20", "", "")

	ids := func() []uint64 {
		cs, err := st.CasesActiveFrom(day(t, "2025-01-01"))
		if err != nil {
			t.Fatal(err)
		}
		var out []uint64
		for _, c := range cs {
			out = append(out, c.ID)
			if c.ID == recent.ID && (c.Decision.Date != recent.Decision.Date || len([]rune(c.Decision.Summary)) != 80 || c.Number != recent.Number) {
				t.Errorf("slim case %+v", c.Decision)
			}
		}
		return out
	}
	want := map[uint64]bool{lateArchive.ID: true, waiting.ID: true, open.ID: true, recent.ID: true}
	check := func(what string) {
		got := ids()
		if len(got) != len(want) {
			t.Errorf("%s: active since 2025: %v (the 2024 case %d must not be there)", what, got, old.ID)
		}
		for _, id := range got {
			if !want[id] {
				t.Errorf("%s: case %d is not active in 2025", what, id)
			}
		}
	}
	check("kept current")

	// archiving a waiting case keeps its 2025 archive date as activity
	waiting.Archived, waiting.Stage = day(t, "2026-02-01"), domain.StageArchive
	if _, err := st.SaveCase(store.Change{Actor: "admin"}, waiting, "case.archive", "归档"); err != nil {
		t.Fatal(err)
	}
	check("after archiving")

	// a store written before the index existed gets it built on first use
	if err := store.DropCaseFacts(st); err != nil {
		t.Fatal(err)
	}
	check("rebuilt")
	if ev, _ := st.Events(store.EventFilter{ActionPrefix: "case.facts.rebuild"}); len(ev) != 1 {
		t.Errorf("the rebuild is not in the audit chain: %v", ev)
	}
	// (the cases here are stored directly, archived without the dossier steps, so only
	// this index's own check is looked at)
	indexProblems := func() []string {
		rep, err := st.Verify(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range rep.Checks {
			if c.Name == "统计索引" {
				return c.Problems
			}
		}
		t.Fatal("verify has no 统计索引 check")
		return nil
	}
	if p := indexProblems(); len(p) != 0 {
		t.Fatalf("verify: %v", p)
	}
	if err := store.CorruptCaseFacts(st, recent.ID); err != nil {
		t.Fatal(err)
	}
	if p := indexProblems(); len(p) != 1 || !strings.Contains(p[0], recent.Number) {
		t.Fatalf("verify of a statistics index that does not match its case: %v", p)
	}
}

func day(t *testing.T, s string) domain.Date {
	if s == "" {
		return domain.Date{}
	}
	d, err := domain.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
