package recording

import (
	"context"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/media"
	"lawdesk/internal/store"
)

// Candidate is one file found on a camera or in a folder, as the import screen lists it:
// what it is, when it was made and by whom (when the name or the file says), and whether
// it is already in the store.
type Candidate struct {
	Path    string // on the source
	Rel     string // below the scanned folder, with / separators
	Size    int64
	ModTime time.Time

	Kind          domain.RecordingKind
	Format        string
	Device        string
	OfficerNo     string
	Important     bool   // the name's flag (e.g. _IMP)
	Pattern       string // the name pattern that matched, "" when none did
	Captured      time.Time
	CaptureSource string        // 文件名, 媒体元数据, EXIF or 文件修改时间
	ClockOffset   time.Duration // the device's offset, already applied to Captured
	Duration      time.Duration
	Width, Height int

	// Known is true when a stored recording has the same name and size: very likely
	// already imported (the import confirms by SHA-256). KnownSHA is that recording's hash.
	Known    bool
	KnownSHA string
	// Problem says why the file will not be imported (empty, truncated, not a media file,
	// a link); empty for a good file.
	Problem string
}

// ScanProgress is reported while a folder is scanned.
type ScanProgress struct {
	Files int    // files looked at so far
	Rel   string // the file being looked at
}

// Scan walks root (a mounted camera or any folder), probes every media file's headers (it
// never reads a whole file, and never writes) and returns the candidates in path order.
// progress, when not nil, is called now and then from the calling goroutine.
func (s *Service) Scan(ctx context.Context, root string, progress func(ScanProgress)) ([]Candidate, error) {
	set, err := s.Settings()
	if err != nil {
		return nil, err
	}
	patterns, err := compilePatterns(set.Patterns)
	if err != nil {
		return nil, err
	}
	var out []Candidate
	last := time.Time{}
	err = media.Scan(ctx, root, func(f media.Found) error {
		if progress != nil && time.Since(last) > 100*time.Millisecond {
			last = time.Now()
			progress(ScanProgress{Files: len(out), Rel: f.Rel})
		}
		out = append(out, describe(f, patterns, set.ClockOffsets))
		return nil
	})
	if err != nil {
		return nil, err
	}
	srcs := make([]store.RecordingSource, 0, len(out))
	for _, c := range out {
		srcs = append(srcs, store.RecordingSource{Name: baseName(c.Rel), Size: c.Size})
	}
	known, err := s.st.KnownSources(srcs)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if sha, ok := known[srcs[i]]; ok {
			out[i].Known, out[i].KnownSHA = true, sha
		}
	}
	if progress != nil {
		progress(ScanProgress{Files: len(out)})
	}
	return out, nil
}

// describe probes one found file and works out its capture time.
func describe(f media.Found, patterns []media.NamePattern, offsets map[string]time.Duration) Candidate {
	c := Candidate{Path: f.Path, Rel: f.Rel, Size: f.Size, ModTime: f.ModTime, Problem: f.Skip}
	if k, ok := media.KindOf(f.Rel); ok {
		c.Kind = domain.RecordingKind(k)
	}
	if c.Problem != "" {
		return c
	}
	name, _ := media.ParseName(f.Rel, patterns)
	c.Device, c.OfficerNo, c.Important, c.Pattern = name.Device, name.Officer, name.Important, name.Pattern
	info, err := media.Probe(f.Path)
	if err != nil {
		c.Problem = domain.ErrorMessage(err)
	}
	c.Format, c.Duration, c.Width, c.Height = info.Format, info.Duration, info.Width, info.Height
	if info.Kind != "" {
		c.Kind = domain.RecordingKind(info.Kind)
	}
	c.ClockOffset = offsets[c.Device]
	captured, src := media.CaptureTime(info, name, f.ModTime, c.ClockOffset)
	c.Captured, c.CaptureSource = captured, string(src)
	return c
}

func baseName(rel string) string {
	for i := len(rel) - 1; i >= 0; i-- {
		if rel[i] == '/' || rel[i] == '\\' {
			return rel[i+1:]
		}
	}
	return rel
}
