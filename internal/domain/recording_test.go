package domain

import (
	"strings"
	"testing"
	"time"
)

func TestTwentyFourHourRule(t *testing.T) {
	imported := time.Date(2026, 8, 5, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name     string
		captured time.Time
		late     bool
		future   bool
	}{
		{"same hour", imported.Add(-30 * time.Minute), false, false},
		{"exactly 24 h", imported.Add(-24 * time.Hour), false, false},
		{"24 h and a second", imported.Add(-24*time.Hour - time.Second), true, false},
		{"three days", imported.Add(-72 * time.Hour), true, false},
		{"unknown capture time", time.Time{}, false, false},
		{"camera clock ahead by a day", imported.Add(24 * time.Hour), false, true},
		{"a minute ahead is clock noise", imported.Add(time.Minute), false, false},
	} {
		r := Recording{Captured: c.captured, Imported: imported}
		if r.Late() != c.late || r.FutureCapture() != c.future {
			t.Errorf("%s: late %v future %v, want %v %v", c.name, r.Late(), r.FutureCapture(), c.late, c.future)
		}
	}
}

func TestDefaultRetention(t *testing.T) {
	for _, c := range []struct {
		imported time.Time
		months   int
		want     Date
	}{
		{time.Date(2026, 8, 5, 23, 0, 0, 0, time.UTC), 6, NewDate(2027, 2, 5)},
		{time.Date(2026, 8, 5, 23, 0, 0, 0, time.UTC), 0, NewDate(2027, 2, 5)}, // never below 6 months
		{time.Date(2026, 8, 5, 23, 0, 0, 0, time.UTC), 3, NewDate(2027, 2, 5)},
		{time.Date(2026, 8, 5, 23, 0, 0, 0, time.UTC), 24, NewDate(2028, 8, 5)},
		{time.Date(2026, 8, 31, 8, 0, 0, 0, time.UTC), 6, NewDate(2027, 3, 3)}, // 31 Feb rolls over, never earlier
	} {
		if got := DefaultRetainUntil(c.imported, c.months); got != c.want {
			t.Errorf("%v + %d months = %s, want %s", c.imported, c.months, got, c.want)
		}
	}
}

func TestLabelsMakePermanentForEver(t *testing.T) {
	r := Recording{ID: 1, FileName: "a.mp4", RetainUntil: NewDate(2027, 2, 5)}
	r, err := r.WithLabels(RecordingLabels{Important: true})
	if err != nil || !r.Permanent {
		t.Fatalf("important: %v permanent=%v", err, r.Permanent)
	}
	r, err = r.WithLabels(RecordingLabels{Important: false})
	if err != nil || !r.Permanent || r.Important {
		t.Fatalf("back to 一般: permanent must stay (%v %v)", r.Permanent, err)
	}
	if _, err := r.ExtendRetention(NewDate(2030, 1, 1)); ErrorCode(err) != ECONFLICT {
		t.Fatalf("extending a permanent recording: %v", err)
	}

	e := Recording{ID: 2, FileName: "b.mp4", RetainUntil: NewDate(2027, 2, 5)}
	e, err = e.WithLabels(RecordingLabels{CaseID: 3, Stage: StageOnSite, Evidence: true, Place: " 城关镇 "})
	if err != nil || !e.Permanent || e.Place != "城关镇" {
		t.Fatalf("evidence: %+v %v", e, err)
	}
	if _, err := e.WithLabels(RecordingLabels{CaseID: 3, Stage: StageOnSite}); ErrorCode(err) != EFORBIDDEN {
		t.Fatalf("evidence flag removed: %v", err)
	}
	// detaching from a case clears the stage
	d, err := Recording{ID: 4}.WithLabels(RecordingLabels{Stage: StageOnSite})
	if err != nil || d.Stage != "" {
		t.Fatalf("no case: stage %q, %v", d.Stage, err)
	}
}

func TestLabelValidation(t *testing.T) {
	for _, c := range []struct {
		l    RecordingLabels
		want string
	}{
		{RecordingLabels{CaseID: 1}, "环节"},
		{RecordingLabels{CaseID: 1, Stage: "nonsense"}, "环节"},
		{RecordingLabels{Evidence: true}, "证据"},
		{RecordingLabels{Place: strings.Repeat("地", 101)}, "采集地点"},
		{RecordingLabels{Proves: strings.Repeat("证", 501)}, "证明对象"},
		{RecordingLabels{Collector: "张\x00三"}, "采集人"},
	} {
		err := c.l.Validate()
		if ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), c.want) {
			t.Errorf("%+v: %v, want a message about %s", c.l, err, c.want)
		}
	}
	if err := (RecordingLabels{CaseID: 1, Stage: StageHearing, Evidence: true, Place: "听证室"}).Validate(); err != nil {
		t.Errorf("good labels refused: %v", err)
	}
}

func TestRetentionOnlyLengthens(t *testing.T) {
	r := Recording{ID: 1, FileName: "a.mp4", RetainUntil: NewDate(2027, 2, 5)}
	for _, c := range []struct {
		until Date
		ok    bool
	}{
		{NewDate(2027, 2, 4), false},
		{NewDate(2027, 2, 5), false},
		{Date{}, false},
		{NewDate(2027, 2, 6), true},
	} {
		got, err := r.ExtendRetention(c.until)
		if (err == nil) != c.ok {
			t.Errorf("extend to %s: %v", c.until, err)
		}
		if err == nil && got.RetainUntil != c.until {
			t.Errorf("extend to %s gave %s", c.until, got.RetainUntil)
		}
	}
}

func TestDeletionRules(t *testing.T) {
	base := Recording{ID: 1, FileName: "a.mp4", RetainUntil: NewDate(2027, 2, 5)}
	after := time.Date(2027, 2, 5, 9, 0, 0, 0, time.UTC)
	before := time.Date(2027, 2, 4, 23, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name   string
		r      Recording
		now    time.Time
		reason string
		code   Code
	}{
		{"past retention, unattached", base, after, "存储空间不足，清理过期记录", ""},
		{"no reason", base, after, "  ", EINVALID},
		{"within retention", base, before, "清理", EFORBIDDEN},
		{"attached to a case", func() Recording { r := base; r.CaseID = 3; return r }(), after, "清理", EFORBIDDEN},
		{"evidence, even detached", func() Recording { r := base; r.Evidence = true; return r }(), after, "清理", EFORBIDDEN},
		{"permanent", base.MakePermanent(), after, "清理", EFORBIDDEN},
		{"already deleted", func() Recording { r := base; r.Deleted = true; return r }(), after, "清理", ECONFLICT},
	} {
		got, err := c.r.Delete("admin", c.now, c.reason)
		if ErrorCode(err) != c.code {
			t.Errorf("%s: %v, want code %q", c.name, err, c.code)
			continue
		}
		if err == nil && (!got.Deleted || got.DeletedBy != "admin" || got.DeleteReason == "" || !got.DeletedAt.Equal(c.now)) {
			t.Errorf("%s: tombstone %+v", c.name, got)
		}
	}
	// nothing else may change a deleted recording's labels
	gone, _ := base.Delete("admin", after, "清理")
	if _, err := gone.WithLabels(RecordingLabels{}); ErrorCode(err) != ECONFLICT {
		t.Errorf("relabelling a deleted recording: %v", err)
	}
}

func TestMustRecordStages(t *testing.T) {
	done := func(stages ...Stage) []StageRecord {
		var h []StageRecord
		for _, s := range stages {
			h = append(h, StageRecord{Stage: s, Date: NewDate(2026, 8, 1)})
		}
		return h
	}
	coercion := Case{Type: ActCoercion, Procedure: ProcedureGeneral, MatterName: "查封、扣押不符合安全标准的食品"}
	penalty := Case{Type: ActPenalty, Procedure: ProcedureGeneral, MatterName: "销售过期食品"}
	demolish := Case{Type: ActOther, Procedure: ProcedureGeneral, MatterName: "强制拆除违法建筑"}
	served := penalty
	served.History = []StageRecord{{Stage: StageServe, Note: "当事人拒收，留置送达"}}
	listed := &Matter{Name: "销售过期食品", RecordingStages: []Stage{StageInvestigate, StageDecide}}
	for _, c := range []struct {
		name   string
		c      Case
		matter *Matter
		want   []Stage
	}{
		{"coercion defaults", coercion, nil, []Stage{StageOnSite, StageExecute}},
		{"penalty: only a hearing", penalty, nil, []Stage{StageHearing}},
		{"a matter entry without stages keeps the defaults", penalty, &Matter{Name: "x"}, []Stage{StageHearing}},
		{"demolition", demolish, nil, []Stage{StageHearing, StageExecute}},
		{"留置送达", served, nil, []Stage{StageHearing, StageServe}},
		{"the office's list decides", penalty, listed, []Stage{StageInvestigate, StageDecide}},
		{"simple procedure has no hearing", Case{Type: ActPenalty, Procedure: ProcedureSimple}, nil, nil},
	} {
		got := MustRecordStages(c.c, c.matter)
		if StageLabels(got) != StageLabels(c.want) {
			t.Errorf("%s: %s, want %s", c.name, StageLabels(got), StageLabels(c.want))
		}
	}
	c := coercion
	c.Stage, c.History = StageDecide, done(StageAccept, StageOnSite)
	if !RecordingDue(c, StageOnSite) || !RecordingDue(c, StageDecide) || RecordingDue(c, StageExecute) {
		t.Error("RecordingDue: on-site done and decide in progress are due, execution is not yet")
	}
}
