package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/demo/demotest"
	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/recording"
	"lawdesk/internal/store"
)

func TestDemoFootage(t *testing.T) {
	st := demotest.Open(t, time.Date(2026, 11, 20, 9, 30, 0, 0, time.Local))
	recs, err := st.Recordings(store.RecordingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var videos, late, explained, labelled, important int
	for _, r := range recs {
		if r.Kind == domain.RecordingVideo {
			videos++
			if r.Format != "avi" || r.Duration.Seconds() != 4 || r.Width != 320 {
				t.Errorf("demo video %s: %s %v %dx%d", r.FileName, r.Format, r.Duration, r.Width, r.Height)
			}
		}
		if r.Late() {
			late++
			if r.LateReason != "" {
				explained++
			}
		}
		if r.Place != "" && r.Proves != "" {
			labelled++
		}
		if r.Important {
			important++
		}
	}
	// 13 of the 音像记录 demo, 2 photos of the 双随机 demo's 立案查处 check
	if len(recs) != 15 || videos != 3 || late != 4 || explained != 1 || labelled != 11 || important != 2 {
		t.Errorf("demo footage: %d recordings, %d videos, %d late (%d explained), %d labelled, %d important",
			len(recs), videos, late, explained, labelled, important)
	}
	u, _ := st.UserByName("huangwei")
	todos, err := recording.New(st).Todos(office.Session{User: u})
	if err != nil || len(todos) == 0 || !strings.Contains(todos[0].Title, "3 段音像记录超过 24 小时") {
		t.Errorf("huangwei's todos: %+v %v", todos, err)
	}
	rep, err := st.Verify(context.Background(), nil)
	if err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep.Checks, err)
	}
}
