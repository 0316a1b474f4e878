package media

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/domain"
)

var wantCreated = time.Date(2026, 8, 4, 10, 0, 0, 0, time.UTC)

func TestProbeVideo(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"DCAM_CAM001_000001_20260804_100000_IMP.mp4", "clip.MOV"} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			makeVideo(t, p, "2", "2026-08-04T10:00:00Z")
			info, err := Probe(p)
			if err != nil {
				t.Fatal(err)
			}
			wantFormat := "mp4"
			if strings.HasSuffix(name, ".MOV") {
				wantFormat = "mov"
			}
			if info.Kind != KindVideo || info.Format != wantFormat {
				t.Errorf("kind/format = %s/%s", info.Kind, info.Format)
			}
			if !info.Created.Equal(wantCreated) || info.CreatedSource != SourceMetadata {
				t.Errorf("created = %v (%s), want %v", info.Created, info.CreatedSource, wantCreated)
			}
			if info.Duration < 1900*time.Millisecond || info.Duration > 2200*time.Millisecond {
				t.Errorf("duration = %v, want about 2s", info.Duration)
			}
			if info.Width != 160 || info.Height != 120 {
				t.Errorf("size = %dx%d, want 160x120", info.Width, info.Height)
			}
			st, _ := os.Stat(p)
			if info.Size != st.Size() || !info.ModTime.Equal(st.ModTime()) || info.Path != p {
				t.Errorf("size/modtime/path = %d %v %s", info.Size, info.ModTime, info.Path)
			}
		})
	}
}

func TestProbeVideoWithoutCreationTime(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.mp4")
	makeVideo(t, p, "1", "")
	info, err := Probe(p)
	if err != nil {
		t.Fatal(err)
	}
	if !info.Created.IsZero() || info.CreatedSource != "" {
		t.Fatalf("created = %v %q, want unknown", info.Created, info.CreatedSource)
	}
}

func TestProbeFaststartAndAVI(t *testing.T) {
	dir := t.TempDir()
	fast := filepath.Join(dir, "fast.mp4")
	makeVideo(t, filepath.Join(dir, "src.mp4"), "2", "2026-08-04T10:00:00Z")
	ffmpeg(t, "-i", filepath.Join(dir, "src.mp4"), "-c", "copy", "-movflags", "+faststart", "-metadata", "creation_time=2026-08-04T10:00:00Z", fast)
	if info, err := Probe(fast); err != nil || !info.Created.Equal(wantCreated) {
		t.Fatalf("faststart: %+v %v", info, err)
	}
	// faststart truncated in the middle of mdat: the mdat box runs past the end
	data, _ := os.ReadFile(fast)
	cut := filepath.Join(dir, "fastcut.mp4")
	writeFile(t, cut, data[:len(data)-500])
	if _, err := Probe(cut); !isIncomplete(err) {
		t.Fatalf("truncated faststart: err = %v", err)
	}

	avi := filepath.Join(dir, "REC.AVI")
	ffmpeg(t, "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-t", "3", "-c:v", "mjpeg", avi)
	info, err := Probe(avi)
	if err != nil {
		t.Fatal(err)
	}
	if info.Kind != KindVideo || info.Format != "avi" || info.Width != 160 || info.Duration < 2900*time.Millisecond || info.Duration > 3100*time.Millisecond {
		t.Fatalf("avi: %+v", info)
	}
	data, _ = os.ReadFile(avi)
	writeFile(t, filepath.Join(dir, "cut.avi"), data[:len(data)/2])
	if _, err := Probe(filepath.Join(dir, "cut.avi")); !isIncomplete(err) {
		t.Fatalf("truncated avi: err = %v", err)
	}
}

func isIncomplete(err error) bool {
	return domain.ErrorCode(err) == domain.EINVALID && strings.Contains(domain.ErrorMessage(err), "不完整")
}

func TestProbeTruncatedMP4(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "DCAM_CAM001_000001_20260804_100000_IMP.mp4")
	makeVideo(t, src, "2", "2026-08-04T10:00:00Z")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	// ffmpeg puts moov at the end: cutting the file loses moov, or leaves it past EOF.
	for _, n := range []int{len(data) - 1, len(data) - 200, len(data) / 2, 40, 12} {
		p := filepath.Join(dir, "cut.mp4")
		writeFile(t, p, data[:n])
		_, err := Probe(p)
		if !isIncomplete(err) {
			t.Errorf("cut at %d: err = %v, want an 不完整 EINVALID error", n, err)
			continue
		}
		if !strings.Contains(domain.ErrorMessage(err), "cut.mp4") || !strings.Contains(domain.ErrorMessage(err), "重新从记录仪拷贝") {
			t.Errorf("cut at %d: message %q does not name the file and the remedy", n, domain.ErrorMessage(err))
		}
	}
	// a file of zeros after a copy that never wrote the data
	p := filepath.Join(dir, "zeros.mp4")
	writeFile(t, p, make([]byte, 4096))
	if _, err := Probe(p); !isIncomplete(err) {
		t.Errorf("zeros: err = %v", err)
	}
}

func TestProbeBadFiles(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.mp4")
	writeFile(t, empty, nil)
	_, err := Probe(empty)
	if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(domain.ErrorMessage(err), "empty.mp4") || !strings.Contains(domain.ErrorMessage(err), "空文件") {
		t.Errorf("empty: %v", err)
	}
	if _, err := Probe(filepath.Join(dir, "missing.mp4")); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("missing: %v", err)
	}
	txt := filepath.Join(dir, "notes.txt")
	writeFile(t, txt, []byte("hello"))
	if _, err := Probe(txt); domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(domain.ErrorMessage(err), "不是支持的音像格式") {
		t.Errorf("txt: %v", err)
	}
	// a JPEG renamed to .mp4: extension and content disagree
	fake := filepath.Join(dir, "fake.mp4")
	writeFile(t, fake, makeJPEG(t, 8, 8, nil))
	if _, err := Probe(fake); domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(domain.ErrorMessage(err), "JPEG 图片") {
		t.Errorf("fake: %v", err)
	}
	// an MP4 called .jpg
	mp4 := filepath.Join(dir, "v.mp4")
	makeVideo(t, mp4, "1", "")
	data, _ := os.ReadFile(mp4)
	writeFile(t, filepath.Join(dir, "v.jpg"), data)
	if _, err := Probe(filepath.Join(dir, "v.jpg")); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("mp4 as jpg: %v", err)
	}
	// but an MP4 called .mov is still a video
	writeFile(t, filepath.Join(dir, "v.mov"), data)
	if info, err := Probe(filepath.Join(dir, "v.mov")); err != nil || info.Format != "mp4" {
		t.Errorf("mp4 as mov: %+v %v", info, err)
	}
	// a directory
	if _, err := Probe(dir); err == nil {
		t.Error("directory probed without error")
	}
}

func TestProbeJPEG(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "IMG_20260804_100000.JPG")
	writeFile(t, p, makeJPEG(t, 64, 48, exifSegment("2026:08:04 10:00:05", 6)))
	info, err := Probe(p)
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 8, 4, 10, 0, 5, 0, time.Local)
	if info.Kind != KindPhoto || info.Format != "jpeg" || !info.Created.Equal(want) || info.CreatedSource != SourceEXIF {
		t.Errorf("got %+v", info)
	}
	if info.Orientation != 6 || info.Width != 48 || info.Height != 64 {
		t.Errorf("orientation/size = %d %dx%d, want 6 48x64", info.Orientation, info.Width, info.Height)
	}

	// no EXIF: dimensions only
	p2 := filepath.Join(dir, "plain.jpeg")
	writeFile(t, p2, makeJPEG(t, 30, 20, nil))
	info, err = Probe(p2)
	if err != nil || !info.Created.IsZero() || info.Width != 30 || info.Height != 20 {
		t.Errorf("plain: %+v %v", info, err)
	}

	// broken EXIF must not fail the photo
	p3 := filepath.Join(dir, "badexif.jpg")
	writeFile(t, p3, makeJPEG(t, 30, 20, []byte("Exif\x00\x00II*\x00\xff\xff\xff\x7f")))
	if info, err := Probe(p3); err != nil || info.Width != 30 {
		t.Errorf("bad exif: %+v %v", info, err)
	}

	// truncated inside the headers
	data := makeJPEG(t, 30, 20, exifSegment("2026:08:04 10:00:05", 1))
	writeFile(t, filepath.Join(dir, "cut.jpg"), data[:40])
	if _, err := Probe(filepath.Join(dir, "cut.jpg")); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("cut jpeg: %v", err)
	}
}

func TestProbeAudio(t *testing.T) {
	dir := t.TempDir()
	wav := filepath.Join(dir, "REC20260804100000.WAV")
	ffmpeg(t, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000:duration=1.5", "-c:a", "pcm_s16le", wav)
	info, err := Probe(wav)
	if err != nil {
		t.Fatal(err)
	}
	if info.Kind != KindAudio || info.Format != "wav" || info.Duration != 1500*time.Millisecond {
		t.Errorf("wav: %+v", info)
	}
	data, _ := os.ReadFile(wav)
	writeFile(t, filepath.Join(dir, "cut.wav"), data[:len(data)/2])
	if _, err := Probe(filepath.Join(dir, "cut.wav")); !isIncomplete(err) {
		t.Errorf("cut wav: %v", err)
	}

	mp3 := filepath.Join(dir, "a.mp3")
	ff := needFFmpeg(t)
	_ = ff
	if err := tryFFmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=3", "-c:a", "libmp3lame", "-b:a", "64k", mp3); err != nil {
		t.Skipf("no MP3 encoder: %v", err)
	}
	info, err = Probe(mp3)
	if err != nil {
		t.Fatal(err)
	}
	if info.Kind != KindAudio || info.Format != "mp3" || info.Duration < 2900*time.Millisecond || info.Duration > 3200*time.Millisecond {
		t.Errorf("mp3: %+v", info)
	}
}

func TestCaptureTime(t *testing.T) {
	nameT := time.Date(2026, 8, 4, 10, 0, 0, 0, time.Local)
	mod := time.Date(2026, 8, 4, 12, 0, 0, 0, time.Local)
	meta := Info{Created: wantCreated, CreatedSource: SourceMetadata}
	exifInfo := Info{Created: nameT.Add(time.Minute), CreatedSource: SourceEXIF}

	got, src := CaptureTime(meta, NameInfo{Captured: nameT}, mod, 0)
	if src != SourceName || !got.Equal(nameT) {
		t.Errorf("name: %v %s", got, src)
	}
	got, src = CaptureTime(meta, NameInfo{}, mod, 0)
	if src != SourceMetadata || !got.Equal(wantCreated) || got.Location() != time.Local {
		t.Errorf("meta: %v %s", got, src)
	}
	got, src = CaptureTime(exifInfo, NameInfo{}, mod, 0)
	if src != SourceEXIF || !got.Equal(nameT.Add(time.Minute)) {
		t.Errorf("exif: %v %s", got, src)
	}
	got, src = CaptureTime(Info{}, NameInfo{}, mod, 0)
	if src != SourceModTime || !got.Equal(mod) {
		t.Errorf("mod: %v %s", got, src)
	}
	// the camera runs 90 s fast
	got, src = CaptureTime(Info{}, NameInfo{Captured: nameT}, mod, 90*time.Second)
	if src != SourceName || !got.Equal(nameT.Add(-90*time.Second)) {
		t.Errorf("offset: %v %s", got, src)
	}
	if got, src := CaptureTime(Info{}, NameInfo{}, time.Time{}, 0); !got.IsZero() || src != "" {
		t.Errorf("nothing: %v %q", got, src)
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.ReadSeeker
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countingReader) Seek(off int64, whence int) (int64, error) { return c.r.Seek(off, whence) }

// bigMP4 writes a sparse file of about 4 GB: the small test video's ftyp and moov around a
// huge mdat box whose payload is a hole (no disk used, and reading it would take seconds).
func bigMP4(t testing.TB) string {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.mp4")
	makeVideo(t, src, "1", "2026-08-04T10:00:00Z")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	// Copy the top-level boxes except mdat, then add a 64-bit mdat of 4 GB at the end.
	var keep []byte
	for off := 0; off+8 <= len(data); {
		size := int(uint32(data[off])<<24 | uint32(data[off+1])<<16 | uint32(data[off+2])<<8 | uint32(data[off+3]))
		if string(data[off+4:off+8]) != "mdat" {
			keep = append(keep, data[off:off+size]...)
		}
		off += size
	}
	const mdatSize = 4 << 30
	hdr := []byte{0, 0, 0, 1, 'm', 'd', 'a', 't', 0, 0, 0, 0, 0, 0, 0, 0}
	for i := 0; i < 8; i++ {
		hdr[8+i] = byte(uint64(mdatSize) >> (56 - 8*i))
	}
	p := filepath.Join(dir, "big.mp4")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(append(keep, hdr...)); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(int64(len(keep)) + mdatSize); err != nil {
		t.Skipf("cannot make a sparse 4 GB file here: %v", err)
	}
	return p
}

func TestProbeLargeReadsLittle(t *testing.T) {
	p := bigMP4(t)
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	cr := &countingReader{r: f}
	info, err := probeReader(cr, st.Size(), filepath.Base(p))
	if err != nil {
		t.Fatal(err)
	}
	if !info.Created.Equal(wantCreated) {
		t.Errorf("created = %v", info.Created)
	}
	if cr.n > 1<<20 {
		t.Errorf("read %d bytes of a %d-byte file; want only the headers", cr.n, st.Size())
	}
	t.Logf("read %d bytes of %d", cr.n, st.Size())
}

func BenchmarkProbeLargeMP4(b *testing.B) {
	p := bigMP4(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Probe(p); err != nil {
			b.Fatal(err)
		}
	}
}

func tryFFmpeg(args ...string) error {
	ff, err := execLookPath("ffmpeg")
	if err != nil {
		return err
	}
	out, err := execCommand(ff, append([]string{"-nostdin", "-hide_banner", "-loglevel", "error", "-y"}, args...)...)
	if err != nil {
		return errors.New(err.Error() + ": " + string(out))
	}
	return nil
}

// FuzzProbe feeds arbitrary bytes to the header parsers under every supported extension:
// they must never panic, and a file that probes cleanly must have a kind.
func FuzzProbe(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1'})
	f.Add([]byte("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x40\x1f\x00\x00\x80\x3e\x00\x00\x02\x00\x10\x00data\x00\x00\x00\x00"))
	f.Add([]byte("RIFF\x00\x01\x00\x00AVI LIST\x00\x00\x00\x00hdrlavih"))
	f.Add([]byte("ID3\x03\x00\x00\x00\x00\x00\x00\xff\xfb\x90\x00"))
	f.Add(makeJPEG(f, 8, 8, exifSegment("2026:08:04 10:00:00", 6)))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, ext := range []string{".mp4", ".mov", ".avi", ".jpg", ".wav", ".mp3"} {
			info, err := probeReader(bytes.NewReader(data), int64(len(data)), "x"+ext)
			if err == nil && info.Kind == "" {
				t.Fatalf("%s: no kind and no error", ext)
			}
			if err != nil && domain.ErrorMessage(err) == "" {
				t.Fatalf("%s: empty message", ext)
			}
		}
	})
}

// A photo whose EXIF claims two billion values for a tag (found by FuzzProbe) is read
// without allocating what it claims: once it took 16 GB, enough to bring down the office PC.
func TestCraftedEXIFCountsAreNotAllocated(t *testing.T) {
	data, err := os.ReadFile("testdata/fuzz/FuzzProbe/7a7e83520c905699")
	if err != nil {
		t.Fatal(err)
	}
	quoted := strings.TrimSuffix(strings.TrimPrefix(strings.SplitN(string(data), "\n", 2)[1], "[]byte("), ")\n")
	photo, err := strconv.Unquote(quoted)
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	info, err := probeReader(bytes.NewReader([]byte(photo)), int64(len(photo)), "crafted.jpg")
	runtime.ReadMemStats(&after)
	if err == nil && info.Kind == "" {
		t.Fatal("no kind and no error")
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 16<<20 {
		t.Fatalf("probing a 400-byte photo allocated %d MB", grew>>20)
	}
}

// Two IFDs pointing at each other (A→B→A) made the EXIF decoder read for ever, since it
// compares an offset only with the one just before; such EXIF is skipped, the photo kept.
func TestEXIFWithALoopingIFDChainIsSkipped(t *testing.T) {
	tiff := []byte("II*\x00\x08\x00\x00\x00") // little-endian, first IFD at 8
	tiff = append(tiff, 0, 0, 0x0e, 0, 0, 0)  // IFD at 8: no entries, next at 14
	tiff = append(tiff, 0, 0, 0x08, 0, 0, 0)  // IFD at 14: no entries, next at 8 again
	app1 := append([]byte("Exif\x00\x00"), tiff...)
	if exifSane(app1) {
		t.Fatal("a looping IFD chain passed as sane")
	}
	done := make(chan struct{})
	go func() { readEXIF(app1); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("reading EXIF with a looping IFD chain did not return")
	}
}
