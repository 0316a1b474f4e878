package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

// The 音像记录 figures (DOMAIN.md §2.2): recordings made in the period (deleted ones
// included — their records stay), their hours, those stored more than 24 hours after they
// were made, those not attached to a case, and the cases closed in the period with a
// stage that had to be recorded and was not.

// (after the cases, order 10, whose closed cases it checks)
var _ = addLoader(30, func(st *store.Store, d *Data, p Period) error {
	var err error
	d.Recordings, err = st.Recordings(store.RecordingFilter{From: p.Start(d.Loc), To: p.End(d.Loc), Deleted: true})
	if err != nil {
		return err
	}
	// the stages recorded for each closed case that needs some: a few cases, by index
	d.RecordedStages = map[uint64]map[domain.Stage]bool{}
	for _, c := range d.Cases {
		if !p.Contains(c.Closed) || len(dueRecordings(c, d.matter(c))) == 0 {
			continue
		}
		recs, err := st.Recordings(store.RecordingFilter{CaseID: c.ID})
		if err != nil {
			return err
		}
		stages := map[domain.Stage]bool{}
		for _, r := range recs {
			stages[r.Stage] = true
		}
		d.RecordedStages[c.ID] = stages
	}
	return nil
})

// dueRecordings are the stages of c that had to be recorded and have been reached (a
// hearing only when one was held, and so on).
func dueRecordings(c domain.Case, m *domain.Matter) []domain.Stage {
	var out []domain.Stage
	for _, st := range domain.MustRecordStages(c, m) {
		if domain.RecordingDue(c, st) {
			out = append(out, st)
		}
	}
	return out
}

// matter is the case's entry of the 执法事项清单, nil when it has none.
func (d *Data) matter(c domain.Case) *domain.Matter {
	if m, ok := d.Matters[c.MatterID]; ok && c.MatterID != 0 {
		return &m
	}
	return nil
}

func recordingRef(r domain.Recording, note string) Ref {
	return Ref{Kind: "recording", ID: r.ID, Label: r.Title(), Date: domain.DateOf(r.Captured.Local()), Note: note}
}

var _ = addSection("recordings", 72, func(d *Data, p Period, asOf domain.Date) (Table, []Chart) {
	var all, late, explained, unassigned []Ref
	var hours float64
	byKind := map[domain.RecordingKind][]Ref{}
	for _, r := range d.Recordings {
		ref := recordingRef(r, "")
		all = append(all, ref)
		byKind[r.Kind] = append(byKind[r.Kind], ref)
		hours += r.Duration.Hours()
		if r.Late() {
			note := fmt.Sprintf("拍摄后 %.0f 小时入库", r.ImportDelay().Hours())
			if r.LateReason != "" {
				note += "；原因：" + r.LateReason
				explained = append(explained, recordingRef(r, note))
			}
			late = append(late, recordingRef(r, note))
		}
		if r.CaseID == 0 && !r.Deleted {
			unassigned = append(unassigned, ref)
		}
	}
	var missing []Ref
	for _, c := range d.Cases {
		recorded, checked := d.RecordedStages[c.ID]
		if !checked || !p.Contains(c.Closed) {
			continue
		}
		var gaps []string
		for _, st := range dueRecordings(c, d.matter(c)) {
			if !recorded[st] {
				gaps = append(gaps, st.Label())
			}
		}
		if len(gaps) > 0 {
			missing = append(missing, caseRef(c, c.Closed, "未录："+strings.Join(gaps, "、")))
		}
	}
	sort.SliceStable(missing, func(i, j int) bool { return missing[i].Date.Before(missing[j].Date) })
	t := Table{Title: "音像记录", Note: "按拍摄时间计入期间；应在拍摄后 24 小时内存入本单位系统"}
	t.Figures = append(t.Figures, count("recordings.count", "音像记录", "个", all))
	for _, k := range []domain.RecordingKind{domain.RecordingVideo, domain.RecordingPhoto, domain.RecordingAudio} {
		t.Figures = append(t.Figures, withLevel(count("recordings.kind."+string(k), k.Label(), "个", byKind[k]), 1))
	}
	t.Figures = append(t.Figures,
		// four decimals (a third of a second): the CSV, JSON and bag-info carry the value as written
		Figure{Key: "recordings.hours", Label: "音视频时长", Value: math.Round(hours*1e4) / 1e4, Unit: "小时", Refs: append(byKind[domain.RecordingVideo], byKind[domain.RecordingAudio]...)},
		warnIf(count("recordings.late", "超过 24 小时入库", "个", late), len(late) > len(explained), "有未说明原因的"),
		withLevel(count("recordings.late.explained", "已说明原因", "个", explained), 1),
		count("recordings.unassigned", "未关联案件", "个", unassigned),
		warnIf(count("recordings.missing", "应全程录像而未录的案件（期内结案）", "件", missing), len(missing) > 0, "请补充说明"),
	)
	return t, nil
})

var _ = func() bool {
	draftParagraphs = append(draftParagraphs, func(s Stats) string {
		v := s.value
		hours, _ := s.Figure("recordings.hours") // its Text says a few minutes in minutes, not 0.0 小时
		return fmt.Sprintf("音像记录方面，全年形成音像记录 %.0f 个，音视频时长 %s；超过 24 小时入库 %.0f 个；应全程录像而未录的案件 %.0f 件。",
			v("recordings.count"), hours.Text(), v("recordings.late"), v("recordings.missing"))
	})
	return true
}()
