package bench_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/bench"
	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/publication"
	"lawdesk/internal/record"
	"lawdesk/internal/recording"
	"lawdesk/internal/review"
	"lawdesk/internal/store"
)

// generated makes a small store once per test binary.
func generate(t testing.TB, cases int, seed uint64) string {
	t.Helper()
	countyScale(t)
	dir := t.TempDir()
	if _, err := bench.Generate(dir, bench.Options{Cases: cases, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestGenerateMakesAVerifiableOfficeWithCasesInEveryStage(t *testing.T) {
	dir := generate(t, 1500, 2)
	st, err := store.Open(dir, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rep, err := st.Verify(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range rep.Checks {
		if len(c.Problems) > 0 {
			t.Errorf("verify %s: %v", c.Name, c.Problems)
		}
	}
	stages := map[domain.Stage]int{}
	types := map[domain.ActType]int{}
	statuses := map[domain.CaseStatus]int{}
	q := store.CaseQuery{Limit: 500}
	n := 0
	for {
		page, err := st.Cases(q)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range page.Cases {
			n++
			stages[c.Stage]++
			types[c.Type]++
			statuses[c.Status]++
			if err := c.Validate(); err != nil {
				t.Fatalf("case %s: %v", c.Number, err)
			}
			if c.Decision.Decided() {
				if err := c.Decision.Validate(c.Type, c.Procedure); err != nil {
					t.Fatalf("case %s decision: %v", c.Number, err)
				}
			}
		}
		if page.Next == 0 {
			break
		}
		q.Before = page.Next
	}
	if n < 1500 {
		t.Errorf("%d cases, want at least 1500", n)
	}
	for _, s := range domain.AllStages {
		if stages[s] == 0 {
			t.Errorf("no case in stage %s (%v)", s.Label(), stages)
		}
	}
	for _, s := range domain.AllCaseStatuses {
		if statuses[s] == 0 {
			t.Errorf("no case with status %s (%v)", s.Label(), statuses)
		}
	}
	for _, ty := range []domain.ActType{domain.ActLicensing, domain.ActPenalty, domain.ActInspection, domain.ActCoercion} {
		if types[ty] == 0 {
			t.Errorf("no case of type %s", ty.Label())
		}
	}
	chain, err := st.VerifyChain()
	if err != nil || !chain.OK {
		t.Fatalf("chain %+v %v", chain, err)
	}
	// about ten events a case for its life, views and publication, and one for each
	// document filed (four or five a case): more than the ten the targets assume
	if per := float64(chain.Events) / float64(n); per < 10 || per > 18 {
		t.Errorf("%.1f audit events per case, want 10 to 18", per)
	}
	t.Logf("stages %v statuses %v types %v events %d", stages, statuses, types, chain.Events)
	checkGeneratedReviews(t, st)
}

// checkGeneratedReviews: major cases went to legal review before their decision; the index
// of unsettled reviews holds exactly those; a reviewer's dashboard lists every pending one.
func checkGeneratedReviews(t *testing.T, st *store.Store) {
	all, err := st.Reviews()
	if err != nil {
		t.Fatal(err)
	}
	open, err := st.OpenReviews()
	if err != nil {
		t.Fatal(err)
	}
	byStatus := map[domain.ReviewStatus]int{}
	unsettled := map[uint64]bool{}
	for _, r := range all {
		byStatus[r.Status]++
		if r.Status != domain.ReviewAgreed && r.Status != domain.ReviewConcluded {
			unsettled[r.CaseID] = true
		}
		c, err := st.Case(r.CaseID)
		if err != nil {
			t.Fatal(err)
		}
		if _, decided := c.Completed(domain.StageDecide); decided && !r.Passed() {
			t.Errorf("case %s was decided with its review %s", c.Number, r.Status.Label())
		}
	}
	if byStatus[domain.ReviewAgreed] < 50 || byStatus[domain.ReviewPending] == 0 {
		t.Errorf("reviews by status: %v; want many agreed and some pending", byStatus)
	}
	if len(open) != len(unsettled) {
		t.Errorf("%d unsettled reviews in the index, %d in the reviews", len(open), len(unsettled))
	}
	for _, r := range open {
		if !unsettled[r.CaseID] {
			t.Errorf("case %s: a settled review in the index of unsettled ones", r.CaseNo)
		}
	}
	sunli, err := st.UserByName("sunli")
	if err != nil {
		t.Fatal(err)
	}
	rv := review.New(st, record.New(st))
	todos, err := rv.Todos(office.Session{User: sunli})
	if err != nil {
		t.Fatal(err)
	}
	pending, mine := 0, 0
	for _, r := range open {
		if r.Status == domain.ReviewPending && !slices.Contains(r.HandlerLogins, "sunli") {
			mine++
		}
	}
	for _, td := range todos {
		if strings.HasPrefix(td.Title, "法制审核：") {
			pending++
		}
	}
	if pending != mine || mine == 0 {
		t.Errorf("the reviewer's dashboard lists %d reviews to give, %d are pending for them", pending, mine)
	}
}

// The same seed gives the same office: every event of the audit chain, hence its last hash
// (in the same directory: the demo's scanner folder is named after it).
func TestGenerateIsDeterministic(t *testing.T) {
	countyScale(t)
	dir := filepath.Join(t.TempDir(), "data")
	last := func(seed uint64) string {
		os.RemoveAll(dir)
		if _, err := bench.Generate(dir, bench.Options{Cases: 200, Seed: seed}); err != nil {
			t.Fatal(err)
		}
		st, err := store.Open(dir, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		chain, err := st.VerifyChain()
		if err != nil || !chain.OK {
			t.Fatalf("chain %+v %v", chain, err)
		}
		return chain.Last.Hash
	}
	a, b, c := last(7), last(7), last(8)
	if a != b {
		t.Errorf("seed 7 twice: chain ends %s and %s", a, b)
	}
	if a == c {
		t.Errorf("seeds 7 and 8 made the same chain")
	}
}

// The publication to-dos read only the index of open publications; on a generated office
// (published, late, not public, pending and overdue decisions) they must be exactly the
// tasks of the full publication list, for the head and for an officer.
func TestPublicationTodosMatchTheFullList(t *testing.T) {
	dir := generate(t, 600, 3)
	st, err := store.Open(dir, store.Options{Now: func() time.Time { return bench.DefaultUntil.Time(time.Local).Add(16 * time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	pub := publication.New(st)
	for _, login := range []string{"admin", "liuyang"} {
		u, err := st.UserByName(login)
		if err != nil {
			t.Fatal(err)
		}
		sess := office.Session{User: u}
		entries, err := pub.Entries(sess)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{}
		for _, e := range entries {
			if e.Task != publication.TaskNone {
				want[fmt.Sprintf("publication:case:%d", e.Case.ID)] = true
			}
		}
		todos, err := pub.Todos(sess)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, td := range todos {
			got[td.Target] = true
		}
		if len(want) == 0 || len(entries) < 20 {
			t.Fatalf("%s: %d entries, %d tasks: the generated office should have both", login, len(entries), len(want))
		}
		if !maps.Equal(got, want) {
			t.Errorf("%s: to-dos %d, tasks in the full list %d", login, len(got), len(want))
		}
	}
}

// The recording to-dos read only the indexes of unassigned and late recordings; on a
// generated office their counts must equal a count over every recording.
func TestRecordingTodosMatchAFullCount(t *testing.T) {
	dir := generate(t, 800, 5)
	now := bench.DefaultUntil.Time(time.Local).Add(16 * time.Hour)
	st, err := store.Open(dir, store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// make some recordings unassigned, as an import without labels leaves them
	all, err := st.Recordings(store.RecordingFilter{})
	if err != nil || len(all) < 20 {
		t.Fatalf("%d recordings, %v", len(all), err)
	}
	var ids []uint64
	for _, r := range all[:10] {
		ids = append(ids, r.ID)
	}
	if _, err := st.UpdateRecordings(store.Change{Actor: "admin"}, "recording.label", ids,
		func(r domain.Recording) (domain.Recording, error) {
			r.CaseID, r.Stage, r.Evidence, r.Permanent = 0, "", false, false
			return r, nil
		},
		func(before, after domain.Recording) string { return "取消关联" }); err != nil {
		t.Fatal(err)
	}
	all, _ = st.Recordings(store.RecordingFilter{})
	late, unassigned, expired := 0, 0, 0
	for _, r := range all {
		if r.Late() && r.LateReason == "" && now.Sub(r.Imported) < 180*24*time.Hour {
			late++
		}
		if r.CaseID == 0 && now.Sub(r.Imported) > 3*24*time.Hour {
			unassigned++
		}
		if r.CanDelete(domain.DateOf(now)) == nil {
			expired++
		}
	}
	u, _ := st.UserByName("admin")
	todos, err := recording.New(st).Todos(office.Session{User: u})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, td := range todos {
		got[td.Target] = td.Title
	}
	for target, n := range map[string]int{"media:late": late, "media:unassigned": unassigned, "media:expired": expired} {
		title, ok := got[target]
		if n == 0 {
			if ok {
				t.Errorf("%s: to-do %q, but a full count finds none", target, title)
			}
			continue
		}
		if !strings.HasPrefix(title, fmt.Sprintf("%d ", n)) {
			t.Errorf("%s: to-do %q, a full count finds %d", target, title, n)
		}
	}
	if unassigned == 0 || expired == 0 {
		t.Errorf("the test office should have unassigned (%d) and expired (%d) recordings", unassigned, expired)
	}
}

// The publication screen lists one year at a time: exactly the entries of the full list
// filed under that year, and every entry with a task from other years.
func TestPublicationYearMatchesTheFullList(t *testing.T) {
	countyScale(t)
	dir := t.TempDir()
	if _, err := bench.Generate(dir, bench.Options{Cases: 900, Seed: 9, PerYear: 400}); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(dir, store.Options{Now: func() time.Time { return bench.DefaultUntil.Time(time.Local).Add(16 * time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	pub := publication.New(st)
	u, _ := st.UserByName("admin")
	sess := office.Session{User: u}
	all, err := pub.Entries(sess)
	if err != nil {
		t.Fatal(err)
	}
	for _, year := range []int{2024, 2025, 2026} {
		want := map[uint64]bool{}
		for _, e := range all {
			if store.CaseYear(e.Case) == year || e.Task != publication.TaskNone {
				want[e.Case.ID] = true
			}
		}
		got, err := pub.EntriesOfYear(sess, year)
		if err != nil {
			t.Fatal(err)
		}
		ids := map[uint64]bool{}
		for _, e := range got {
			ids[e.Case.ID] = true
		}
		if !maps.Equal(ids, want) || len(got) != len(ids) {
			t.Errorf("%d: %d entries, the full list has %d for the year and the tasks", year, len(got), len(want))
		}
		if len(want) < 20 {
			t.Errorf("%d: only %d entries: the test office should span the year", year, len(want))
		}
	}
}
