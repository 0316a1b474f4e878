package store_test

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

// The case list and search must stay fast in a store holding many years of a busy office:
// 100,000 cases and 1,000,000 audit events. The store is generated once into the temporary
// directory (it takes minutes) and reused by later runs:
//
//	go test -run XXX -bench 'CaseList|Search' -benchtime 200x ./internal/store/

const (
	benchCases  = 100_000
	benchEvents = 1_000_000
)

var (
	benchOnce  sync.Once
	benchStore *store.Store
	benchErr   error
)

func bigStore(b *testing.B) *store.Store {
	b.Helper()
	benchOnce.Do(func() {
		dir := filepath.Join(os.TempDir(), fmt.Sprintf("lawdesk-bench-%d-%d-v3", benchCases, benchEvents))
		fresh := false
		if _, err := os.Stat(filepath.Join(dir, "complete")); err != nil {
			os.RemoveAll(dir)
			fresh = true
		}
		st, err := store.Open(dir, store.Options{Timeout: time.Minute})
		if err != nil {
			benchErr = err
			return
		}
		if fresh {
			start := time.Now()
			if benchErr = store.BulkLoad(st, benchCaseList(), benchEvents, benchEvent); benchErr != nil {
				return
			}
			os.WriteFile(filepath.Join(dir, "complete"), nil, 0o600)
			b.Logf("generated %d cases and %d events in %v", benchCases, benchEvents, time.Since(start))
		}
		benchStore = st
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore
}

// benchCaseList makes realistic cases from a small vocabulary, as a county office's are:
// the same kinds of shops, streets and violations again and again.
func benchCaseList() []domain.Case {
	r := rand.New(rand.NewSource(1))
	places := []string{"人民路", "新华街", "车站路", "建设路", "光明路", "滨河路", "学府路", "健康路", "和平巷", "工业园区"}
	kinds := []string{"超市", "便利店", "食品店", "餐馆", "药房", "粉馆", "面包坊", "五金店", "农资经营部", "商贸有限公司"}
	names := []string{"惠民", "福源", "康乐", "好又多", "阳光", "绿源", "川味", "兴旺", "美味", "晨光", "老字号", "鑫达", "金穗", "永辉", "百佳"}
	surnames := []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"}
	facts := []string{"销售超过保质期的纯牛奶", "未取得食品经营许可从事食品经营", "电子秤计量不准", "虚假宣传保健食品功效",
		"销售假冒注册商标的运动鞋", "未公示营业执照", "销售不合格辣椒酱", "冷柜内速冻水饺过期", "无证经营卤菜", "价格欺诈"}
	types := []domain.ActType{domain.ActPenalty, domain.ActPenalty, domain.ActPenalty, domain.ActLicensing, domain.ActInspection,
		domain.ActInspection, domain.ActCoercion, domain.ActLevy, domain.ActConfirm}
	seq := map[string]int{}
	out := make([]domain.Case, benchCases)
	for i := range out {
		year := 2016 + i*10/benchCases
		t := types[r.Intn(len(types))]
		key := fmt.Sprint(year, t)
		seq[key]++
		party := domain.Party{Kind: domain.PartyOrganisation, Name: "青山县" + names[r.Intn(len(names))] + kinds[r.Intn(len(kinds))]}
		if r.Intn(4) == 0 {
			party = domain.Party{Kind: domain.PartyPerson, Name: surnames[r.Intn(len(surnames))] + names[r.Intn(len(names))][:3]}
		}
		opened := domain.NewDate(year, time.Month(1+r.Intn(12)), 1+r.Intn(28))
		c := domain.Case{
			Number: fmt.Sprintf("青市监%s〔%d〕%d号", t.Short(), year, seq[key]), Type: t, MatterName: "对" + facts[r.Intn(len(facts))] + "的处罚",
			Procedure: domain.ProcedureGeneral, Source: domain.SourceComplaint, Party: party, HandlingUnit: "城关市场监管所",
			OfficerIDs: []uint64{uint64(1 + r.Intn(40)), uint64(41 + r.Intn(40))}, Retention: domain.RetentionPermanent,
			Facts: fmt.Sprintf("群众举报%s%d号%s%s，执法人员现场检查发现问题 %d 项。", places[r.Intn(len(places))], 1+r.Intn(200), party.Name, facts[r.Intn(len(facts))], 1+r.Intn(9)),
			Stage: domain.StageArchive, Opened: opened, Closed: opened.AddDays(40), Archived: opened.AddDays(60),
			Created: opened.Time(time.UTC), Updated: opened.Time(time.UTC),
		}
		if year == 2025 && i%3 == 0 { // this year's cases are still at work
			c.Stage, c.Closed, c.Archived = domain.AllStages[r.Intn(10)], domain.Date{}, domain.Date{}
		}
		out[i] = c
	}
	return out
}

func benchEvent(i int) (actor, action, target, summary string) {
	users := []string{"liuyang", "chenjing", "yangfan", "huangwei", "zhoulei", "wutao", "admin", "sunli"}
	id := 1 + (i*7919)%benchCases
	if i%3 == 0 {
		return users[i%len(users)], "record.view", fmt.Sprintf("case:%d", id), fmt.Sprintf("查看案件 %d", id)
	}
	return users[i%len(users)], "case.stage", fmt.Sprintf("case:%d", id), fmt.Sprintf("案件 %d 完成环节", id)
}

func benchQuery(b *testing.B, q store.CaseQuery, wantSome bool) {
	st := bigStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		page, err := st.Cases(q)
		if err != nil {
			b.Fatal(err)
		}
		if wantSome && len(page.Cases) == 0 {
			b.Fatalf("%+v found nothing", q)
		}
	}
}

func BenchmarkCaseListFirstPage(b *testing.B) { benchQuery(b, store.CaseQuery{Limit: 50}, true) }

func BenchmarkCaseListOfficerFirstPage(b *testing.B) {
	benchQuery(b, store.CaseQuery{OnlyOfficer: 7, Limit: 50}, true)
}

func BenchmarkCaseListStatusYearType(b *testing.B) {
	benchQuery(b, store.CaseQuery{Status: domain.StatusArchived, Year: 2019, Type: domain.ActCoercion, Limit: 50}, true)
}

func BenchmarkCaseListOpenOfficer(b *testing.B) {
	benchQuery(b, store.CaseQuery{Status: domain.StatusOpen, OfficerID: 50, Limit: 50}, true)
}

func BenchmarkSearchCommonWords(b *testing.B) {
	benchQuery(b, store.CaseQuery{Text: "惠民超市", Limit: 50}, true)
}

func BenchmarkSearchPhrase(b *testing.B) {
	benchQuery(b, store.CaseQuery{Text: "销售超过保质期的纯牛奶", Limit: 50}, true)
}

func BenchmarkSearchTwoWordsRare(b *testing.B) {
	benchQuery(b, store.CaseQuery{Text: "和平巷 永辉 粉馆", Limit: 50}, true)
}

func BenchmarkSearchNumber(b *testing.B) {
	benchQuery(b, store.CaseQuery{Text: "青市监处罚[2021]0087号", Limit: 50}, true)
}

func BenchmarkSearchOneCharacter(b *testing.B) {
	benchQuery(b, store.CaseQuery{Text: "鑫", Limit: 50}, true)
}

func BenchmarkSearchNothing(b *testing.B) {
	benchQuery(b, store.CaseQuery{Text: "查无此案", Limit: 50}, false)
}

func BenchmarkAccessLogOfOneCase(b *testing.B) {
	st := bigStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := st.AccessLog(store.AccessFilter{CaseID: 12345, Limit: 1000}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAccessLogNewest(b *testing.B) {
	st := bigStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := st.AccessLog(store.AccessFilter{Limit: 200}); err != nil {
			b.Fatal(err)
		}
	}
}
