package media

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// needFFmpeg returns the ffmpeg path or skips the test (ffmpeg is installed on developer
// machines and in CI; the skip only keeps a bare machine from failing).
func needFFmpeg(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("ffmpeg")
	if err != nil {
		t.Skip("ffmpeg not on PATH")
	}
	return p
}

// ffmpeg runs ffmpeg with args, failing the test on error.
func ffmpeg(t testing.TB, args ...string) {
	t.Helper()
	ff := needFFmpeg(t)
	cmd := exec.Command(ff, append([]string{"-nostdin", "-hide_banner", "-loglevel", "error", "-y"}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg %v: %v\n%s", args, err, out)
	}
}

// makeVideo writes a small test-pattern video (seconds long) with the given creation time
// ("" for none). The container follows the extension of path.
func makeVideo(t testing.TB, path string, seconds string, creation string) {
	t.Helper()
	args := []string{"-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000",
		"-t", seconds, "-c:v", "mpeg4", "-c:a", "aac", "-shortest"}
	if creation != "" {
		args = append(args, "-metadata", "creation_time="+creation)
	}
	ffmpeg(t, append(args, path)...)
}

// exifSegment builds a little-endian EXIF APP1 payload ("Exif\0\0" + TIFF) carrying
// Orientation in IFD0 and DateTimeOriginal in the Exif sub-IFD.
func exifSegment(dateTimeOriginal string, orientation uint16) []byte {
	le := binary.LittleEndian
	var b bytes.Buffer
	b.WriteString("II*\x00")
	binary.Write(&b, le, uint32(8)) // IFD0 offset
	// IFD0: 2 entries, at offset 8: 2 + 2*12 + 4 = 30 bytes → Exif IFD at 38.
	binary.Write(&b, le, uint16(2))
	binary.Write(&b, le, [6]uint16{0x0112, 3, 1, 0, orientation, 0}) // Orientation SHORT
	binary.Write(&b, le, uint16(0x8769))                             // ExifIFDPointer LONG
	binary.Write(&b, le, uint16(4))
	binary.Write(&b, le, uint32(1))
	binary.Write(&b, le, uint32(38))
	binary.Write(&b, le, uint32(0)) // no next IFD
	// Exif IFD at 38: 1 entry → 2 + 12 + 4 = 18 bytes → string at 56.
	s := append([]byte(dateTimeOriginal), 0)
	binary.Write(&b, le, uint16(1))
	binary.Write(&b, le, uint16(0x9003)) // DateTimeOriginal ASCII
	binary.Write(&b, le, uint16(2))
	binary.Write(&b, le, uint32(len(s)))
	binary.Write(&b, le, uint32(56))
	binary.Write(&b, le, uint32(0))
	b.Write(s)
	return append([]byte("Exif\x00\x00"), b.Bytes()...)
}

// makeJPEG encodes a w×h JPEG (left half red, right half blue) and inserts an EXIF APP1
// segment right after SOI when app1 is not nil.
func makeJPEG(t testing.TB, w, h int, app1 []byte) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{255, 0, 0, 255}
			if x >= w/2 {
				c = color.RGBA{0, 0, 255, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if app1 == nil {
		return data
	}
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(app1)+2))
	out := append([]byte{}, data[:2]...)
	out = append(out, seg...)
	out = append(out, app1...)
	return append(out, data[2:]...)
}

func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func execLookPath(name string) (string, error) { return exec.LookPath(name) }

func execCommand(name string, args ...string) ([]byte, error) {
	return exec.Command(name, args...).CombinedOutput()
}
