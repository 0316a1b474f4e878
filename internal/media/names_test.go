package media

import (
	"testing"
	"time"

	"lawdesk/internal/domain"
)

func TestParseNameDefaults(t *testing.T) {
	loc := time.Local
	cases := []struct {
		name            string
		ok              bool
		device, officer string
		at              time.Time
		important       bool
	}{
		{"DCAM_CAM001_000001_20260804_100000_IMP.mp4", true, "CAM001", "000001", time.Date(2026, 8, 4, 10, 0, 0, 0, loc), true},
		{"DCAM_CAM001_000001_20260804_100000.MP4", true, "CAM001", "000001", time.Date(2026, 8, 4, 10, 0, 0, 0, loc), false},
		{"dcam_cam001_000001_20260804_235959_imp.mov", true, "cam001", "000001", time.Date(2026, 8, 4, 23, 59, 59, 0, loc), true},
		{"/media/u/CAM/DCIM/100MEDIA/DCAM_CAM001_000001_20260804_100000_IMP.mp4", true, "CAM001", "000001", time.Date(2026, 8, 4, 10, 0, 0, 0, loc), true},
		{`E:\Record\DCAM_CAM002_012345_20260101_080910_0001.avi`, true, "CAM002", "012345", time.Date(2026, 1, 1, 8, 9, 10, 0, loc), false},
		{"CAM001_000001_20260804_100000.mp4", true, "CAM001", "000001", time.Date(2026, 8, 4, 10, 0, 0, 0, loc), false},
		{"20260804_100000_CAM001.MP4", true, "CAM001", "", time.Date(2026, 8, 4, 10, 0, 0, 0, loc), false},
		{"20260804_100000_CAM001_IMP.MP4", true, "CAM001", "", time.Date(2026, 8, 4, 10, 0, 0, 0, loc), true},
		{"20260804_100000.wav", true, "", "", time.Date(2026, 8, 4, 10, 0, 0, 0, loc), false},
		{"IMG_20260804_100000.jpg", true, "", "", time.Date(2026, 8, 4, 10, 0, 0, 0, loc), false},
		{"IMG_20260804_100000_1.jpg", true, "", "", time.Date(2026, 8, 4, 10, 0, 0, 0, loc), false},
		{"VID_20260804_100000.mp4", true, "", "", time.Date(2026, 8, 4, 10, 0, 0, 0, loc), false},
		{"VID20260804100000.mp4", true, "", "", time.Date(2026, 8, 4, 10, 0, 0, 0, loc), false},
		{"REC20260804100000.WAV", true, "", "", time.Date(2026, 8, 4, 10, 0, 0, 0, loc), false},
		{"20240229_120000.jpg", true, "", "", time.Date(2024, 2, 29, 12, 0, 0, 0, loc), false},
		// impossible dates and times are not matched
		{"DCAM_CAM001_000001_20261304_100000_IMP.mp4", false, "", "", time.Time{}, false},
		{"DCAM_CAM001_000001_20260431_100000.mp4", false, "", "", time.Time{}, false},
		{"20250229_120000.jpg", false, "", "", time.Time{}, false},
		{"DCAM_CAM001_000001_20260804_250000.mp4", false, "", "", time.Time{}, false},
		{"VID20260804106000.mp4", false, "", "", time.Time{}, false},
		{"DSC00001.JPG", false, "", "", time.Time{}, false},
		{"", false, "", "", time.Time{}, false},
		{".mp4", false, "", "", time.Time{}, false},
	}
	pats := DefaultNamePatterns()
	for _, c := range cases {
		got, ok := ParseName(c.name, pats)
		if ok != c.ok {
			t.Errorf("%q: ok=%v, want %v (%+v)", c.name, ok, c.ok, got)
			continue
		}
		if !ok {
			continue
		}
		if got.Device != c.device || got.Officer != c.officer || !got.Captured.Equal(c.at) || got.Important != c.important {
			t.Errorf("%q: got %+v, want device %q officer %q at %v important %v", c.name, got, c.device, c.officer, c.at, c.important)
		}
		if got.Captured.Location() != time.Local {
			t.Errorf("%q: location %v, want Local", c.name, got.Captured.Location())
		}
		if got.Pattern == "" {
			t.Errorf("%q: no pattern name", c.name)
		}
	}
}

func TestNamePatternCustom(t *testing.T) {
	p, err := NewNamePattern("某厂", "{officer}-{device}-{datetime}[-{flag}]")
	if err != nil {
		t.Fatal(err)
	}
	p.ImportantFlags = []string{"KEY"}
	got, ok := ParseName("000123-DSJ9-20260804101112-key.mp4", []NamePattern{p})
	if !ok || got.Officer != "000123" || got.Device != "DSJ9" || !got.Important || got.Flag != "key" ||
		!got.Captured.Equal(time.Date(2026, 8, 4, 10, 11, 12, 0, time.Local)) || got.Pattern != "某厂" {
		t.Fatalf("got %+v ok=%v", got, ok)
	}

	r, err := NewNameRegexp("正则", `(?P<device>[A-Z]+\d+)\s(?P<date>\d{4}-\d{2}-\d{2})\s(?P<time>\d{2}\.\d{2}\.\d{2})`)
	if err != nil {
		t.Fatal(err)
	}
	got, ok = ParseName("DSJ01 2026-08-04 10.00.00.MP4", []NamePattern{r})
	if !ok || got.Device != "DSJ01" || !got.Captured.Equal(time.Date(2026, 8, 4, 10, 0, 0, 0, time.Local)) {
		t.Fatalf("regexp: got %+v ok=%v", got, ok)
	}
	// the first matching pattern wins; a later one is used when an earlier one fails
	got, ok = ParseName("DSJ01 2026-08-04 10.00.00.MP4", append(DefaultNamePatterns(), r))
	if !ok || got.Pattern != "正则" {
		t.Fatalf("fallthrough: got %+v ok=%v", got, ok)
	}
	// zero pattern matches nothing
	if _, ok := ParseName("20260804_100000.mp4", []NamePattern{{}}); ok {
		t.Fatal("zero NamePattern matched")
	}
}

func TestNamePatternErrors(t *testing.T) {
	bad := []string{
		"{device}_{officer}", // no date
		"{date}_{nope}",      // unknown field
		"{date}_{date}",      // repeated
		"{date}_{time",       // unclosed
		"{date}]",            // stray ]
		"[{date}",            // unclosed [
		"{time}_{device}",    // time without date
		"{date}}",            // stray }
	}
	for _, s := range bad {
		if _, err := NewNamePattern("x", s); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("template %q: err = %v, want EINVALID", s, err)
		}
	}
	for _, s := range []string{`(?P<date>\d{8}`, `(?P<who>\w+)(?P<date>\d{8})`, `(?P<device>\w+)`} {
		if _, err := NewNameRegexp("x", s); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("regexp %q: err = %v, want EINVALID", s, err)
		}
	}
}

func FuzzParseName(f *testing.F) {
	for _, s := range []string{
		"DCAM_CAM001_000001_20260804_100000_IMP.mp4", "20260804_100000_CAM001.MP4",
		"IMG_20260804_100000.jpg", "VID20260804100000.mp4", "DCAM_CAM001_000001_20261304_100000.mp4",
		"20240229_235959.wav", "a/b\\c_00000000_000000.mp4", "",
	} {
		f.Add(s)
	}
	pats := DefaultNamePatterns()
	custom, err := NewNameRegexp("r", `(?P<date>[\d-]+)T?(?P<time>[\d:]*)`)
	if err != nil {
		f.Fatal(err)
	}
	pats = append(pats, custom)
	f.Fuzz(func(t *testing.T, name string) {
		info, ok := ParseName(name, pats)
		if !ok {
			if info != (NameInfo{}) {
				t.Fatalf("not ok but info %+v", info)
			}
			return
		}
		c := info.Captured
		if c.IsZero() || c.Year() < 1970 || c.Year() > 2099 || c.Location() != time.Local {
			t.Fatalf("%q: bad time %v", name, c)
		}
		// the parsed fields re-format to digits that occur in the name
		if info.Pattern == "" {
			t.Fatalf("%q: empty pattern", name)
		}
	})
}

// FuzzNewNamePattern: the office types templates in the settings; any text must compile
// to a pattern or give a message, never panic, and a compiled pattern must parse names
// safely.
func FuzzNewNamePattern(f *testing.F) {
	for _, s := range []string{"DCAM_{device}_{officer}_{date}_{time}[_{flag}]*", "{officer}-{device}-{datetime}",
		"[{date}", "{date}]", "{nope}", "{date}{date}", "IMG*{date}*", "{time}", "{", "}"} {
		f.Add(s, "DCAM_CAM001_000001_20260804_100000_IMP.mp4")
	}
	f.Fuzz(func(t *testing.T, tmpl, name string) {
		p, err := NewNamePattern("x", tmpl)
		if err != nil {
			if domain.ErrorMessage(err) == "" || domain.ErrorCode(err) != domain.EINVALID {
				t.Fatalf("%q: %v", tmpl, err)
			}
			return
		}
		if info, ok := ParseName(name, []NamePattern{p}); ok && info.Captured.IsZero() {
			t.Fatalf("%q on %q: matched without a time", tmpl, name)
		}
	})
}
