// throwaway: seeds a demo store with a year of cases for screenshots (not committed)
package main

import (
	"fmt"
	"math/rand"
	"os"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

func main() {
	st, err := store.Open(os.Args[1], store.Options{})
	if err != nil {
		panic(err)
	}
	defer st.Close()
	st.DB().NoSync = true
	rnd := rand.New(rand.NewSource(1))
	types := []domain.ActType{domain.ActPenalty, domain.ActPenalty, domain.ActPenalty, domain.ActLicensing, domain.ActLicensing, domain.ActInspection, domain.ActInspection, domain.ActCoercion, domain.ActLevy}
	for _, o := range []string{"刘洋", "陈静", "杨帆", "黄伟", "周磊", "吴涛", "马骏"} {
		st.SaveOfficer(store.Change{Actor: "admin"}, domain.Officer{Name: o, Unit: "城关市场监管所", CertNo: "5202" + o, CertIssuer: "贵州省人民政府", ValidUntil: domain.NewDate(2027+rnd.Intn(2)-1*(rnd.Intn(4)/3)*2, 6, 30), Reviewer: o == "马骏", TrainingHours: map[int]float64{2025: float64(20 + rnd.Intn(40))}})
	}
	seq := map[string]int{}
	for i := 0; i < 300; i++ {
		t := types[rnd.Intn(len(types))]
		day := domain.NewDate(2025, time.January, 1).AddDays(rnd.Intn(365))
		c := domain.Case{Type: t, Procedure: domain.ProcedureGeneral, Source: domain.SourceInspection, Retention: domain.RetentionPermanent,
			Party: domain.Party{Kind: domain.PartyOrganisation, Name: fmt.Sprintf("青山县第%d商店", i)}, MatterName: "食品经营", HandlingUnit: "城关所",
			Opened: day.AddDays(-10), OfficerIDs: []uint64{1, 2}, Stage: domain.StageServe}
		seq[string(t)]++
		c.Number = fmt.Sprintf("青市监%s〔2025〕%d号", t.Short(), seq[string(t)])
		c.Decision = domain.Decision{Date: day, DocNumber: c.Number}
		switch t {
		case domain.ActPenalty:
			n := 1 + rnd.Intn(3)
			for k := 0; k < n; k++ {
				c.Decision.Kinds = append(c.Decision.Kinds, domain.AllPenaltyKinds[[]int{0, 0, 2, 2, 2, 3, 4, 7, 9}[rnd.Intn(9)]])
			}
			for _, k := range c.Decision.Kinds {
				if k == domain.PenaltyFine {
					c.Decision.Fine = domain.Money(100 * (1000 + rnd.Intn(50000)))
				}
				if k == domain.PenaltyConfiscateGains || k == domain.PenaltyConfiscateProperty {
					c.Decision.Confiscation = domain.Money(100 * (100 + rnd.Intn(9000)))
				}
			}
		case domain.ActLicensing:
			c.Decision.Summary = []string{"准予行政许可", "准予行政许可", "准予行政许可", "不予行政许可"}[rnd.Intn(4)]
		case domain.ActCoercion:
			c.Decision.Summary = []string{"查封", "扣押", "扣押"}[rnd.Intn(3)]
		case domain.ActInspection:
			c.History = append(c.History, domain.StageRecord{Stage: domain.StageOnSite, Date: day})
		}
		if rnd.Intn(3) > 0 {
			c.Closed = day.AddDays(5)
			c.Stage = domain.StageArchive
			if rnd.Intn(4) > 0 {
				c.Archived = c.Closed.AddDays(rnd.Intn(40))
			}
		}
		if _, err := st.CreateCase(store.Change{Actor: "admin"}, c, nil); err != nil {
			panic(err)
		}
	}
}
