package report

import (
	"fmt"
	"sort"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

// The 事后公开 figures (DOMAIN.md §1.3): decisions published on time or late, published
// decisions withdrawn (on time or late), and decisions not published by law. A
// publication counts in the period of the day it was published, withdrawn, or (when not
// public) of its decision.

var _ = addLoader(20, func(st *store.Store, d *Data, p Period) error {
	var err error
	d.Publications, err = st.PublicationsDated(p.From, p.To)
	return err
})

// pubRef describes a publication by its case, so the list opens the case.
func pubRef(pb domain.Publication, day domain.Date, note string) Ref {
	return Ref{Kind: "case", ID: pb.CaseID, Label: pb.CaseNumber + " " + pb.DocNumber, Date: day, Note: note}
}

// countPubs makes a figure of the publications pick places in the period.
func countPubs(d *Data, p Period, key, label string, pick func(domain.Publication) (domain.Date, string, bool)) Figure {
	var refs []Ref
	for _, pb := range d.Publications {
		if day, note, ok := pick(pb); ok && p.Contains(day) {
			refs = append(refs, pubRef(pb, day, note))
		}
	}
	sort.SliceStable(refs, func(i, j int) bool { return refs[i].Date.Before(refs[j].Date) })
	return count(key, label, "件", refs)
}

func published(pb domain.Publication) (domain.Date, string, bool) {
	return pb.PublishedOn, fmt.Sprintf("应于 %s 前公开，%s公开", pb.Due, pb.PublishedOn), !pb.PublishedOn.IsZero()
}

func withdrawn(pb domain.Publication) (domain.Date, string, bool) {
	w := pb.Withdrawal
	return w.DoneOn, fmt.Sprintf("%s，应于 %s 前撤下，%s撤下", w.Reason.Label(), w.Due, w.DoneOn), !w.DoneOn.IsZero()
}

var _ = addSection("publications", 75, func(d *Data, p Period, asOf domain.Date) (Table, []Chart) {
	onTime := func(pick func(domain.Publication) (domain.Date, string, bool), late func(domain.Publication) bool, want bool) func(domain.Publication) (domain.Date, string, bool) {
		return func(pb domain.Publication) (domain.Date, string, bool) {
			day, note, ok := pick(pb)
			return day, note, ok && late(pb) != want
		}
	}
	isLate := domain.Publication.Late
	withdrawnLate := domain.Publication.WithdrawnLate
	lateWarn := func(f Figure, what string) Figure { return warnIf(f, f.Value > 0, what) }
	t := Table{Title: "事后公开", Note: "许可、处罚决定 7 个工作日内公开，其他决定 20 个工作日内；撤销等情形 3 个工作日内撤下（按本单位设置）"}
	t.Figures = []Figure{
		countPubs(d, p, "publications.published", "公开执法决定", published),
		withLevel(countPubs(d, p, "publications.ontime", "按期公开", onTime(published, isLate, true)), 1),
		withLevel(lateWarn(countPubs(d, p, "publications.late", "逾期公开", onTime(published, isLate, false)), "超过公开期限"), 1),
		countPubs(d, p, "publications.withdrawn", "撤下已公开的决定", withdrawn),
		withLevel(lateWarn(countPubs(d, p, "publications.withdrawn.late", "逾期撤下", onTime(withdrawn, withdrawnLate, false)), "超过撤下期限"), 1),
		countPubs(d, p, "publications.notpublic", "依法不予公开", func(pb domain.Publication) (domain.Date, string, bool) {
			return pb.DecisionDate, pb.NotPublicReason, pb.NotPublicReason != ""
		}),
	}
	return t, nil
})

var _ = func() bool {
	draftParagraphs = append(draftParagraphs, func(s Stats) string {
		v := s.value
		return fmt.Sprintf("事后公开方面，公开行政执法决定 %.0f 件，其中按期公开 %.0f 件、逾期公开 %.0f 件；撤下已公开的决定 %.0f 件；依法不予公开 %.0f 件。",
			v("publications.published"), v("publications.ontime"), v("publications.late"), v("publications.withdrawn"), v("publications.notpublic"))
	})
	return true
}()
