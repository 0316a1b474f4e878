package store_test

import (
	"strings"
	"testing"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

func TestDrawSummaryRoundTrip(t *testing.T) {
	d := domain.Draw{No: 2, Reason: "抽中对象已注销 [原名单]; 见说明", Seed: strings.Repeat("ab", 32),
		ObjectsHash: strings.Repeat("1", 64), OfficersHash: strings.Repeat("2", 64), ResultHash: strings.Repeat("3", 64)}
	s := store.DrawSummary(domain.InspectionTask{Name: "任务 [甲]"}, d)
	got := store.ParseDrawSummary(s)
	if got["seed"] != d.Seed || got["objects"] != d.ObjectsHash || got["officers"] != d.OfficersHash || got["result"] != d.ResultHash {
		t.Fatalf("parsed %v from %q", got, s)
	}
}

func FuzzParseDrawSummary(f *testing.F) {
	f.Add("抽取 [seed=ab; objects=cd; officers=ef; result=01]")
	f.Add("no brackets")
	f.Add(" [=]")
	f.Fuzz(func(t *testing.T, s string) {
		for k, v := range store.ParseDrawSummary(s) {
			if strings.Contains(k, "; ") || strings.Contains(v, "; ") {
				t.Fatalf("field %q=%q holds a separator", k, v)
			}
		}
	})
}
