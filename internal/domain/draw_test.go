package domain_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"testing"

	"lawdesk/internal/domain"
)

// seedN derives the n-th seed of a fixed sequence, so statistical tests are repeatable.
func seedN(n int) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("lawdesk test seed %d", n)))
	return hex.EncodeToString(h[:])
}

func input(objects, officers, count, per int) domain.DrawInput {
	in := domain.DrawInput{Count: count, PerObject: per}
	for i := 1; i <= objects; i++ {
		in.Objects = append(in.Objects, domain.DrawObject{ID: uint64(i), Name: fmt.Sprintf("对象%d", i),
			CreditCode: fmt.Sprintf("CODE%04d", i), Weight: 1 + i%4})
	}
	for i := 1; i <= officers; i++ {
		in.Officers = append(in.Officers, domain.DrawOfficer{ID: uint64(100 + i), Name: fmt.Sprintf("人员%d", i), CertNo: fmt.Sprintf("52000%d", i)})
	}
	return in
}

func record(t *testing.T, in domain.DrawInput, seed string) domain.Draw {
	t.Helper()
	as, err := in.Run(seed)
	if err != nil {
		t.Fatal(err)
	}
	return domain.Draw{Algorithm: domain.DrawAlgorithm, Seed: seed, Input: in, Assignments: as, ObjectsHash: in.ObjectsHash(),
		OfficersHash: in.OfficersHash(), ResultHash: in.ResultHash(seed, as)}
}

func TestDrawReproducibleFromRecord(t *testing.T) {
	in := input(40, 7, 9, 2)
	d := record(t, in, seedN(1))
	if r := d.Replay(); !r.OK() {
		t.Fatalf("replay of an untouched record failed: %v", r.Problems)
	}
	again, _ := in.Run(seedN(1))
	if !slices.EqualFunc(again, d.Assignments, sameAssignment) {
		t.Fatal("the same input and seed gave a different draw")
	}
	if len(d.Assignments) != 9 {
		t.Fatalf("drew %d objects, want 9", len(d.Assignments))
	}
	seen := map[uint64]bool{}
	for _, a := range d.Assignments {
		if seen[a.ObjectID] {
			t.Fatalf("object %d drawn twice", a.ObjectID)
		}
		seen[a.ObjectID] = true
		if len(a.Officers) != 2 || a.Officers[0] == a.Officers[1] {
			t.Fatalf("object %d got officers %v, want two different ones", a.ObjectID, a.Officers)
		}
	}
}

func sameAssignment(a, b domain.Assignment) bool {
	return a.ObjectID == b.ObjectID && a.Repeated == b.Repeated && slices.Equal(a.Officers, b.Officers)
}

func TestReplayDetectsTampering(t *testing.T) {
	in := input(30, 6, 5, 2)
	tests := []struct {
		name   string
		change func(d *domain.Draw)
	}{
		{"result swapped", func(d *domain.Draw) {
			d.Assignments[0].ObjectID, d.Assignments[1].ObjectID = d.Assignments[1].ObjectID, d.Assignments[0].ObjectID
		}},
		{"officer replaced", func(d *domain.Draw) { d.Assignments[2].Officers[0] = 999 }},
		{"candidate removed", func(d *domain.Draw) { d.Input.Objects = d.Input.Objects[1:] }},
		{"officer renamed", func(d *domain.Draw) { d.Input.Officers[0].Name = "别人" }},
		{"seed changed", func(d *domain.Draw) { d.Seed = seedN(99) }},
		{"weight changed", func(d *domain.Draw) { d.Input.Objects[3].Weight = 4; d.Input.Weighted = true }},
		{"algorithm unknown", func(d *domain.Draw) { d.Algorithm = "lawdesk-draw-v0" }},
		{"result hash changed", func(d *domain.Draw) { d.ResultHash = seedN(5) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := record(t, in, seedN(2))
			d.Input.Objects = slices.Clone(d.Input.Objects)
			d.Input.Officers = slices.Clone(d.Input.Officers)
			for i := range d.Assignments {
				d.Assignments[i].Officers = slices.Clone(d.Assignments[i].Officers)
			}
			tt.change(&d)
			if r := d.Replay(); r.OK() {
				t.Fatal("replay accepted a tampered record")
			}
		})
	}
}

func TestDrawChangesWithSeed(t *testing.T) {
	in := input(50, 8, 10, 2)
	first, _ := in.Run(seedN(1))
	differs := 0
	for n := 2; n < 12; n++ {
		other, err := in.Run(seedN(n))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(first, other, sameAssignment) {
			differs++
		}
	}
	if differs != 10 {
		t.Fatalf("only %d of 10 other seeds gave a different draw", differs)
	}
	if _, err := in.Run("not hex"); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("bad seed: got %v", err)
	}
}

// chiSquare returns Pearson's statistic of observed counts against expected ones.
func chiSquare(observed map[uint64]int, expected map[uint64]float64) float64 {
	x := 0.0
	for id, e := range expected {
		d := float64(observed[id]) - e
		x += d * d / e
	}
	return x
}

// Critical values of the chi-square distribution at p = 0.001: a fair draw exceeds them
// once in a thousand seed sequences; the seeds are fixed, so the test is repeatable.
var chi2Critical999 = map[int]float64{3: 16.27, 5: 20.52, 7: 24.32, 19: 43.82}

func TestDrawFrequencies(t *testing.T) {
	const draws = 3000
	in := input(20, 8, 5, 2)
	objects, officers := map[uint64]int{}, map[uint64]int{}
	for n := 0; n < draws; n++ {
		as, err := in.Run(seedN(n))
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range as {
			objects[a.ObjectID]++
			for _, o := range a.Officers {
				officers[o]++
			}
		}
	}
	wantObj := map[uint64]float64{}
	for _, o := range in.Objects {
		wantObj[o.ID] = draws * 5.0 / 20 // every object has probability k/n per draw
	}
	if x := chiSquare(objects, wantObj); x > chi2Critical999[19] {
		t.Errorf("object frequencies are not uniform: chi² = %.1f > %.1f; counts %v", x, chi2Critical999[19], objects)
	}
	wantOff := map[uint64]float64{}
	for _, o := range in.Officers {
		wantOff[o.ID] = draws * 5.0 * 2 / 8
	}
	if x := chiSquare(officers, wantOff); x > chi2Critical999[7] {
		t.Errorf("officer frequencies are not uniform: chi² = %.1f > %.1f; counts %v", x, chi2Critical999[7], officers)
	}
	for _, o := range in.Officers {
		if officers[o.ID] == 0 {
			t.Errorf("officer %d never drawn", o.ID)
		}
	}
}

func TestWeightedDrawFollowsRiskGrade(t *testing.T) {
	// One object drawn from four, weighted 1 (A) … 4 (D): probabilities 1/10 … 4/10.
	const draws = 4000
	in := domain.DrawInput{Count: 1, PerObject: 2, Weighted: true}
	for i, g := range []domain.RiskGrade{domain.GradeA, domain.GradeB, domain.GradeC, domain.GradeD} {
		in.Objects = append(in.Objects, domain.DrawObject{ID: uint64(i + 1), Name: string(g), Weight: g.DrawWeight()})
	}
	in.Officers = input(0, 3, 1, 2).Officers
	got := map[uint64]int{}
	for n := 0; n < draws; n++ {
		as, err := in.Run(seedN(n))
		if err != nil {
			t.Fatal(err)
		}
		got[as[0].ObjectID]++
	}
	want := map[uint64]float64{1: draws * 0.1, 2: draws * 0.2, 3: draws * 0.3, 4: draws * 0.4}
	if x := chiSquare(got, want); x > chi2Critical999[3] {
		t.Errorf("weighted frequencies off: chi² = %.1f; counts %v, want about %v", x, got, want)
	}
	// unweighted, the same objects are equally likely
	in.Weighted = false
	clear(got)
	for n := 0; n < draws; n++ {
		as, _ := in.Run(seedN(n))
		got[as[0].ObjectID]++
	}
	for id := range want {
		want[id] = draws / 4
	}
	if x := chiSquare(got, want); x > chi2Critical999[3] {
		t.Errorf("unweighted frequencies off: chi² = %.1f; counts %v", x, got)
	}
}

func TestDrawConflictRules(t *testing.T) {
	in := input(12, 5, 12, 2)
	// officer 101 is related to objects 1–6; officers 102 and 103 inspected object 7 last time
	for i := range 6 {
		in.Objects[i].Related = []uint64{101}
	}
	in.Objects[6].Previous = []uint64{102, 103}
	for n := 0; n < 300; n++ {
		as, err := in.Run(seedN(n))
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range as {
			if a.ObjectID <= 6 && slices.Contains(a.Officers, 101) {
				t.Fatalf("seed %d: related officer 101 sent to object %d", n, a.ObjectID)
			}
			if a.ObjectID == 7 && (slices.Contains(a.Officers, 102) || slices.Contains(a.Officers, 103) || a.Repeated) {
				t.Fatalf("seed %d: object 7 got %v again although others were free", n, a.Officers)
			}
		}
	}

	// With only three officers and two of them inspected object 1 last time, one of them must
	// go again: allowed, and marked.
	small := input(1, 3, 1, 2)
	small.Objects[0].Previous = []uint64{101, 102}
	as, err := small.Run(seedN(1))
	if err != nil {
		t.Fatal(err)
	}
	if !as[0].Repeated || !slices.Contains(as[0].Officers, 103) {
		t.Fatalf("got %+v, want officer 103 plus one repeated, marked Repeated", as[0])
	}

	// Too many related officers: a clear error naming the object.
	small.Objects[0].Related = []uint64{101, 102}
	if _, err := small.Run(seedN(1)); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("want EINVALID when only one officer may go, got %v", err)
	}
}

func TestDrawBalancesOfficers(t *testing.T) {
	in := input(30, 6, 30, 2)
	as, err := in.Run(seedN(3))
	if err != nil {
		t.Fatal(err)
	}
	load := map[uint64]int{}
	for _, a := range as {
		for _, o := range a.Officers {
			load[o]++
		}
	}
	for id, n := range load {
		if n != 10 { // 30 objects × 2 officers / 6 officers
			t.Errorf("officer %d got %d objects, want 10 (even workload)", id, n)
		}
	}
}

func TestDrawRefusesImpossiblePlans(t *testing.T) {
	tests := []struct {
		name string
		in   domain.DrawInput
	}{
		{"more objects than candidates", input(3, 4, 4, 2)},
		{"no candidates", input(0, 4, 1, 2)},
		{"too few officers", input(5, 1, 2, 2)},
		{"one officer per object", input(5, 4, 2, 1)},
		{"zero count", input(5, 4, 0, 2)},
		{"duplicate object", func() domain.DrawInput { in := input(3, 4, 1, 2); in.Objects[1].ID = 1; return in }()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.in.Run(seedN(1))
			if domain.ErrorCode(err) != domain.EINVALID || domain.ErrorMessage(err) == "" {
				t.Fatalf("got %v, want a clear EINVALID", err)
			}
		})
	}
}

// TestDrawAlgorithmPinned pins the output of one draw. Records made today must verify in
// every later release: if this test fails, the draw procedure (or Go's ChaCha8) changed and
// a new domain.DrawAlgorithm version must be introduced instead.
func TestDrawAlgorithmPinned(t *testing.T) {
	in := input(10, 4, 3, 2)
	in.Weighted = true
	as, err := in.Run(seedN(0))
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(as)
	const want = "[{7 [104 103] false} {3 [101 102] false} {1 [101 103] false}]"
	if got != want {
		t.Fatalf("draw output changed:\n got %s\nwant %s", got, want)
	}
}

// BenchmarkDrawCounty draws 1 000 of a county's 20 000 businesses, risk-weighted, with two
// of 30 officers each (and hashes the record, as a draw does).
func BenchmarkDrawCounty(b *testing.B) {
	in := input(20000, 30, 1000, 2)
	in.Weighted = true
	for b.Loop() {
		as, err := in.Run(seedN(1))
		if err != nil {
			b.Fatal(err)
		}
		in.ResultHash(seedN(1), as)
	}
}

func FuzzParseRiskGradeAndFinding(f *testing.F) {
	for _, s := range []string{"A", "b类", "较高风险", "D级", "", "未分类", "E", "立案查处", "未发现问题", "无法联系", "notrunning"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if g, err := domain.ParseRiskGrade(s); err == nil && !g.Valid() {
			t.Fatalf("ParseRiskGrade(%q) = %q without error", s, g)
		} else if err != nil && domain.ErrorMessage(err) == "" {
			t.Fatal("an error without a message")
		}
		if fd, err := domain.ParseFinding(s); err == nil && !fd.Valid() {
			t.Fatalf("ParseFinding(%q) = %q without error", s, fd)
		}
	})
}
