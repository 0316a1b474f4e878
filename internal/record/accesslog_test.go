package record_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/record"
	"lawdesk/internal/store"
)

func TestAccessLogPerCaseAndUserWithCSV(t *testing.T) {
	f := newFixture(t)
	a := f.newCase()
	b := f.newCase()
	f.svc.OpenCase(f.as("liuyang"), a.ID, "")
	f.svc.OpenCase(f.as("chenjing"), a.ID, "")
	f.svc.OpenCase(f.as("liuyang"), b.ID, "")
	f.now = f.now.Add(48 * time.Hour)
	f.svc.OpenCase(f.as("sunli"), a.ID, "")

	if _, err := f.svc.AccessLog(f.as("liuyang"), store.AccessFilter{}); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("an officer read the access log: %v", err)
	}
	for _, tc := range []struct {
		f    store.AccessFilter
		want []string // actors, newest first
	}{
		{store.AccessFilter{}, []string{"sunli", "liuyang", "chenjing", "liuyang"}},
		{store.AccessFilter{CaseID: a.ID}, []string{"sunli", "chenjing", "liuyang"}},
		{store.AccessFilter{Actor: "liuyang"}, []string{"liuyang", "liuyang"}},
		{store.AccessFilter{Actor: "liuyang", CaseID: b.ID}, []string{"liuyang"}},
		{store.AccessFilter{From: domain.DateOf(f.now)}, []string{"sunli"}},
		{store.AccessFilter{To: domain.DateOf(fixedNow)}, []string{"liuyang", "chenjing", "liuyang"}},
		{store.AccessFilter{Limit: 2}, []string{"sunli", "liuyang"}},
	} {
		events, err := f.svc.AccessLog(f.as("admin"), tc.f)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range events {
			got = append(got, e.Actor)
			if !strings.HasPrefix(e.Action, "record.") {
				t.Errorf("%+v: non-access event %s", tc.f, e.Action)
			}
		}
		if strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%+v: %v, want %v", tc.f, got, tc.want)
		}
	}

	var buf bytes.Buffer
	n, err := f.svc.ExportAccessLog(f.as("admin"), store.AccessFilter{CaseID: a.ID}, &buf)
	if err != nil || n != 3 {
		t.Fatalf("export: %d %v", n, err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\uFEFF")) {
		t.Error("CSV lacks the byte-order mark Excel needs")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF")))).ReadAll()
	if err != nil || len(rows) != 4 || rows[0][1] != "时间" || rows[1][2] != "sunli" || rows[1][4] != "查看" || !strings.Contains(rows[1][6], a.Number) {
		t.Fatalf("CSV rows %v %v", rows, err)
	}
	// the export is itself logged
	events, _ := f.svc.AccessLog(f.as("admin"), store.AccessFilter{Limit: 1})
	if events[0].Action != record.ActionExport || !strings.Contains(events[0].Summary, "3 条") {
		t.Fatalf("export not logged: %+v", events[0])
	}
	// the timeline of a case holds its registration and its views
	tl, err := f.svc.Timeline(f.as("liuyang"), a.ID)
	if err != nil || len(tl) != 4 || tl[len(tl)-1].Action != "case.create" {
		t.Fatalf("timeline %+v %v", tl, err)
	}
	if _, err := f.svc.Timeline(f.as("huangwei"), a.ID); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("an unassigned officer read the timeline: %v", err)
	}
}

func TestArchiveDeadlineTodos(t *testing.T) {
	f := newFixture(t)
	c := f.newCase()
	f.step("liuyang", c.ID, domain.StageFile, 2)
	f.svc.CompleteStage(f.as("liuyang"), record.StageStep{CaseID: c.ID, Date: domain.NewDate(2026, 9, 3), NotDecidedReason: "不予立案", Next: domain.StageClose})
	f.step("liuyang", c.ID, domain.StageArchive, 4) // closed 2026-09-04: archive by 2026-10-04

	todos := func(who string) []domain.Todo {
		td, err := f.svc.Todos(f.as(who))
		if err != nil {
			t.Fatal(err)
		}
		return td
	}
	if td := todos("liuyang"); len(td) != 0 {
		t.Fatalf("todos with 19 days left: %+v", td)
	}
	f.now = time.Date(2026, 9, 27, 9, 0, 0, 0, time.Local) // 7 days left
	td := todos("liuyang")
	if len(td) != 1 || td[0].Severity != domain.SeverityDueSoon || td[0].Target != "cases:1" || !strings.Contains(td[0].Detail, "2026-10-04") {
		t.Fatalf("7 days left: %+v", td)
	}
	if len(todos("huangwei")) != 0 || len(todos("hexiao")) != 0 {
		t.Fatal("people who may not see the case got its todo")
	}
	if len(todos("admin")) != 1 {
		t.Fatal("the head did not get the todo")
	}
	f.now = time.Date(2026, 10, 5, 9, 0, 0, 0, time.Local)
	if td := todos("chenjing"); len(td) != 1 || td[0].Severity != domain.SeverityOverdue || !strings.Contains(td[0].Title, "逾期") {
		t.Fatalf("overdue: %+v", td)
	}
	page, _ := f.svc.Cases(f.as("admin"), record.CaseFilter{Overdue: true})
	if len(page.Cases) != 1 {
		t.Fatalf("overdue filter: %d", len(page.Cases))
	}
}
