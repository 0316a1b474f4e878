package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

func sampleCase(party, facts string) domain.Case {
	return domain.Case{Type: domain.ActPenalty, MatterName: "销售过期食品", Procedure: domain.ProcedureGeneral,
		Source: domain.SourceComplaint, Party: domain.Party{Kind: domain.PartyOrganisation, Name: party},
		HandlingUnit: "城关市场监管所", OfficerIDs: []uint64{1, 2}, Facts: facts, Retention: domain.RetentionPermanent,
		Stage: domain.StageAccept, Opened: domain.NewDate(2026, 8, 3)}
}

func numbering(year int) *store.CaseNumbering {
	return &store.CaseNumbering{Rule: domain.DefaultNumberRule(), AgencyShort: "青市监", Year: year}
}

func TestCaseNumbersAreStrictPerYearAndType(t *testing.T) {
	st, _ := openTemp(t)
	ch := store.Change{Actor: "liuyang"}
	var got []string
	for _, tc := range []struct {
		typ  domain.ActType
		year int
	}{{domain.ActPenalty, 2026}, {domain.ActPenalty, 2026}, {domain.ActLicensing, 2026}, {domain.ActPenalty, 2025}, {domain.ActPenalty, 2026}} {
		c := sampleCase("青山县某超市", "")
		c.Type = tc.typ
		c, err := st.CreateCase(ch, c, numbering(tc.year))
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, c.Number)
	}
	want := []string{"青市监处罚〔2026〕1号", "青市监处罚〔2026〕2号", "青市监许可〔2026〕1号", "青市监处罚〔2025〕1号", "青市监处罚〔2026〕3号"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("numbers %v, want %v", got, want)
	}
}

func TestTypedNumbersCollideLenientlyAndMoveTheSequence(t *testing.T) {
	st, _ := openTemp(t)
	ch := store.Change{Actor: "liuyang"}
	typed := sampleCase("甲", "")
	typed.Number = "青市监处罚〔2026〕5号"
	if _, err := st.CreateCase(ch, typed, nil); err != nil {
		t.Fatal(err)
	}
	for _, dup := range []string{"青市监处罚[2026]5号", "青市监处罚（2026）005号", "青市监处罚〔2026〕第5号"} {
		typed.Number = dup
		_, err := st.CreateCase(ch, typed, nil)
		if domain.ErrorCode(err) != domain.ECONFLICT || !strings.Contains(domain.ErrorMessage(err), "已被使用") {
			t.Errorf("duplicate %q: %v", dup, err)
		}
	}
	// the generator continues after the typed number and never hands out 5 again
	c, err := st.CreateCase(ch, sampleCase("乙", ""), numbering(2026))
	if err != nil || c.Number != "青市监处罚〔2026〕6号" {
		t.Fatalf("next generated = %q, %v", c.Number, err)
	}
	// a typed number below the sequence is taken as is; generation skips nothing it need not
	typed.Number = "青市监处罚〔2026〕2号"
	if _, err := st.CreateCase(ch, typed, nil); err != nil {
		t.Fatal(err)
	}
	c, _ = st.CreateCase(ch, sampleCase("丙", ""), numbering(2026))
	if c.Number != "青市监处罚〔2026〕7号" {
		t.Fatalf("after a lower typed number: %q", c.Number)
	}
	if got, err := st.CaseByNumber("青市监处罚[2026]006号"); err != nil || got.Party.Name != "乙" {
		t.Fatalf("CaseByNumber leniently: %+v %v", got, err)
	}
	// the audit chain has one event per case created
	events, _ := st.Events(store.EventFilter{ActionPrefix: "case.create"})
	if len(events) != 4 {
		t.Fatalf("%d case.create events, want 4", len(events))
	}
}

func TestConcurrentCreationNeverCollides(t *testing.T) {
	st, _ := openTemp(t)
	var wg sync.WaitGroup
	numbers := make(chan string, 40)
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c, err := st.CreateCase(store.Change{Actor: "x"}, sampleCase(fmt.Sprintf("当事人%d", i), ""), numbering(2026))
			if err != nil {
				t.Error(err)
				return
			}
			numbers <- c.Number
		}(i)
	}
	wg.Wait()
	close(numbers)
	seen := map[string]bool{}
	for n := range numbers {
		if seen[n] {
			t.Fatalf("number %s given twice", n)
		}
		seen[n] = true
	}
	for i := 1; i <= 40; i++ {
		if !seen[fmt.Sprintf("青市监处罚〔2026〕%d号", i)] {
			t.Fatalf("sequence has a gap at %d: %v", i, seen)
		}
	}
}

func TestSaveCaseKeepsIndexesAndRefusesStaleAndArchived(t *testing.T) {
	st, _ := openTemp(t)
	ch := store.Change{Actor: "liuyang"}
	c, _ := st.CreateCase(ch, sampleCase("青山县惠民超市", "销售超过保质期的牛奶"), numbering(2026))
	stale := c
	c.Party.Name = "青山县便民商店"
	c.OfficerIDs = []uint64{2, 3}
	c, err := st.SaveCase(ch, c, "case.update", "修改")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveCase(ch, stale, "case.update", "旧的"); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("stale save: %v", err)
	}
	for q, want := range map[string]int{"惠民": 0, "便民": 1, "保质期": 1, "牛奶": 1} {
		page, _ := st.Cases(store.CaseQuery{Text: q})
		if len(page.Cases) != want {
			t.Errorf("search %q found %d", q, len(page.Cases))
		}
	}
	if p, _ := st.Cases(store.CaseQuery{OfficerID: 1}); len(p.Cases) != 0 {
		t.Error("officer 1 index not removed")
	}
	if p, _ := st.Cases(store.CaseQuery{OfficerID: 3}); len(p.Cases) != 1 || p.Total != 1 {
		t.Errorf("officer 3 index: %+v", p)
	}

	c.Stage, c.Archived = domain.StageArchive, domain.NewDate(2026, 8, 4)
	if c, err = st.ArchiveCase(ch, c, nil, store.ArchiveNumbering{Rule: domain.DefaultArchiveRule(), Year: 2026}); err != nil {
		t.Fatal(err)
	}
	if c.ArchiveNo != "001-WS·2026-Y-0001" {
		t.Fatalf("archive number %q", c.ArchiveNo)
	}
	changed := c
	changed.Facts = "改动"
	if _, err := st.SaveCase(ch, changed, "case.update", "改"); domain.ErrorCode(err) != domain.ELOCKED {
		t.Fatalf("changing an archived case: %v", err)
	}
	noted := c
	noted.Annotations = append(noted.Annotations, domain.Annotation{Text: "评查合格", Actor: "admin", At: fixedNow})
	if _, err := st.SaveCase(ch, noted, "case.annotate", "备注"); err != nil {
		t.Fatalf("annotating an archived case: %v", err)
	}
	counts, _ := st.CaseCounts()
	if counts["status:archived"] != 1 || counts["status:open"] != 0 || counts["pending"] != 0 {
		t.Fatalf("counts %v", counts)
	}
	rep, err := st.Verify(context.Background(), nil)
	if err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep, err)
	}
}

func TestCasesPagingFiltersAndSearch(t *testing.T) {
	st, _ := openTemp(t)
	ch := store.Change{Actor: "x"}
	parties := []string{"青山县惠民超市", "张三", "青山县食品有限公司", "李四餐馆"}
	for i := 0; i < 23; i++ {
		c := sampleCase(parties[i%4], fmt.Sprintf("第%d次检查发现问题", i))
		if i%2 == 1 {
			c.Type = domain.ActInspection
		}
		if i%3 == 0 {
			c.OfficerIDs = []uint64{5, 6}
		}
		if _, err := st.CreateCase(ch, c, numbering(2025+i%2)); err != nil {
			t.Fatal(err)
		}
	}
	var all []uint64
	var before uint64
	for pages := 0; ; pages++ {
		p, err := st.Cases(store.CaseQuery{Limit: 10, Before: before})
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != 23 {
			t.Fatalf("total %d", p.Total)
		}
		for _, c := range p.Cases {
			all = append(all, c.ID)
		}
		if p.Next == 0 {
			break
		}
		before = p.Next
	}
	if len(all) != 23 || all[0] != 23 || all[22] != 1 {
		t.Fatalf("paging gave %v", all)
	}
	for _, tc := range []struct {
		q    store.CaseQuery
		want int
	}{
		{store.CaseQuery{Type: domain.ActInspection}, 11},
		{store.CaseQuery{Year: 2026}, 11},
		{store.CaseQuery{Year: 2026, Type: domain.ActInspection}, 11},
		{store.CaseQuery{Year: 2025, Type: domain.ActInspection}, 0},
		{store.CaseQuery{OfficerID: 5}, 8},
		{store.CaseQuery{OnlyOfficer: 1, OfficerID: 5}, 0},
		{store.CaseQuery{Status: domain.StatusOpen}, 23},
		{store.CaseQuery{Status: domain.StatusArchived}, 0},
		{store.CaseQuery{Text: "惠民"}, 6},
		{store.CaseQuery{Text: "惠民超市"}, 6},
		{store.CaseQuery{Text: "惠民 超市"}, 6},
		{store.CaseQuery{Text: "食品有限"}, 6},
		{store.CaseQuery{Text: "张"}, 6},
		{store.CaseQuery{Text: "第12次"}, 1},
		{store.CaseQuery{Text: "１２次"}, 1},
		{store.CaseQuery{Text: "青市监处罚[2025]1号"}, 1},
		{store.CaseQuery{Text: "青市监处罚（2025）0001号"}, 1},
		{store.CaseQuery{Text: "不存在的词"}, 0},
		{store.CaseQuery{Text: "惠民", OfficerID: 5}, 2},
		{store.CaseQuery{Text: "〔〕"}, 23},
	} {
		p, err := st.Cases(tc.q)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Cases) != tc.want {
			t.Errorf("%+v: %d cases, want %d", tc.q, len(p.Cases), tc.want)
		}
		for i := 1; i < len(p.Cases); i++ {
			if p.Cases[i].ID >= p.Cases[i-1].ID {
				t.Errorf("%+v: not newest first", tc.q)
			}
		}
	}
}

// StageIn and Skip narrow a query before the cases are read, and give the same answer as
// testing the decoded cases would.
func TestCaseQueryStageInAndSkip(t *testing.T) {
	st, _ := openTemp(t)
	var ids []uint64
	for i := range 3 {
		c, err := st.CreateCase(store.Change{Actor: "liuyang"}, sampleCase(fmt.Sprintf("当事人%d", i), ""), numbering(2026))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	c, err := st.Case(ids[0])
	if err != nil {
		t.Fatal(err)
	}
	stage := c.Stage
	page, err := st.Cases(store.CaseQuery{StageIn: func(s domain.Stage) bool { return s == stage }, Skip: func(id uint64) bool { return id == ids[1] }})
	if err != nil || len(page.Cases) != 2 || page.Cases[0].ID != ids[2] || page.Cases[1].ID != ids[0] {
		t.Fatalf("stage %s without the second case: %+v %v", stage, page.Cases, err)
	}
	page, err = st.Cases(store.CaseQuery{StageIn: func(s domain.Stage) bool { return s != stage }})
	if err != nil || len(page.Cases) != 0 {
		t.Fatalf("no case in another stage, got %d (%v)", len(page.Cases), err)
	}
	page, err = st.Cases(store.CaseQuery{Slim: true, Skip: func(id uint64) bool { return id != ids[0] }})
	if err != nil || len(page.Cases) != 1 {
		t.Fatalf("slim: %+v %v", page.Cases, err)
	}
	if slim := page.Cases[0]; slim.Number != c.Number || slim.Stage != c.Stage || slim.Type != c.Type || slim.Procedure != c.Procedure ||
		slim.MatterName != c.MatterName || slim.Party.Name != c.Party.Name || len(slim.History) != len(c.History) || slim.Opened != c.Opened {
		t.Errorf("the slim case differs from the case:\n%+v\n%+v", slim, c)
	}
}
