package recording_test

import (
	"testing"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/recording"
)

func TestParseClockOffset(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"": 0, "0": 0, "5": 5 * time.Minute, "+5": 5 * time.Minute, "-2.5": -150 * time.Second,
		"+5分钟": 5 * time.Minute, "快5分钟": 5 * time.Minute, "慢 1小时30分": -90 * time.Minute,
		"90秒": 90 * time.Second, "-2m30s": -150 * time.Second, "1h": time.Hour, "－3分": -3 * time.Minute,
		"1小时2分3秒": time.Hour + 2*time.Minute + 3*time.Second,
	} {
		got, err := recording.ParseClockOffset(in)
		if err != nil || got != want {
			t.Errorf("%q: %v %v, want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"abc", "+", "5分5小时", "5天", "3分3分", "9999999小时", "1e9", "NaN", "5 分 钟x"} {
		if _, err := recording.ParseClockOffset(in); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("%q accepted: %v", in, err)
		}
	}
}

func FuzzParseClockOffset(f *testing.F) {
	for _, s := range []string{"5", "+5分钟", "-1小时30分", "90秒", "-2m30s", "慢3分", "1h2m3s", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := recording.ParseClockOffset(s)
		if err != nil {
			if domain.ErrorMessage(err) == "" {
				t.Fatal("empty message")
			}
			return
		}
		if d > 366*24*time.Hour || d < -366*24*time.Hour {
			t.Fatalf("%q: %v beyond a year", s, d)
		}
		// what FormatClockOffset writes reads back to the same offset (to the second)
		back, err := recording.ParseClockOffset(recording.FormatClockOffset(d))
		if err != nil || back != d.Round(time.Second) {
			t.Fatalf("%q → %v → %q → %v %v", s, d, recording.FormatClockOffset(d), back, err)
		}
	})
}
