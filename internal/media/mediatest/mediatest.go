// Package mediatest makes real media files for tests: small videos and sound made by
// ffmpeg (with a known creation time), JPEG photos with EXIF made in Go, WAV sound, and a
// folder shaped like a body camera seen as a USB disk. Only tests import it.
package mediatest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// NeedFFmpeg returns the ffmpeg path or skips the test with a clear message (ffmpeg is
// installed on developer machines and in CI; the skip only keeps a bare machine working).
func NeedFFmpeg(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("ffmpeg")
	if err != nil {
		t.Skip("ffmpeg is not installed: this test needs it to make real video files (apt-get install ffmpeg)")
	}
	return p
}

// FFmpeg runs ffmpeg with args, failing the test on error.
func FFmpeg(t testing.TB, args ...string) {
	t.Helper()
	ff := NeedFFmpeg(t)
	cmd := exec.Command(ff, append([]string{"-nostdin", "-hide_banner", "-loglevel", "error", "-y"}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg %v: %v\n%s", args, err, out)
	}
}

// Video writes a small test-pattern video with sound, seconds long, with the given
// creation time (RFC 3339, "" for none). The container follows the extension of path
// (.mp4, .mov, .avi). hue varies the picture so that videos differ in content.
func Video(t testing.TB, path, seconds, creation string, hue int) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	args := []string{"-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-f", "lavfi", "-i",
		fmt.Sprintf("sine=frequency=%d:sample_rate=8000", 300+hue*10),
		"-vf", fmt.Sprintf("hue=h=%d", hue*37%360), "-t", seconds, "-c:v", "mpeg4", "-c:a", "aac", "-shortest"}
	if creation != "" {
		args = append(args, "-metadata", "creation_time="+creation)
	}
	FFmpeg(t, append(args, path)...)
}

// MP3 writes a short MP3 recording made by ffmpeg.
func MP3(t testing.TB, path, seconds string, freq int) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	FFmpeg(t, "-f", "lavfi", "-i", fmt.Sprintf("sine=frequency=%d:sample_rate=8000", freq), "-t", seconds, "-c:a", "libmp3lame", path)
}

// EXIF builds a little-endian EXIF APP1 payload ("Exif\0\0" + TIFF) carrying Orientation
// in IFD0 and DateTimeOriginal ("2006:01:02 15:04:05") in the Exif sub-IFD.
func EXIF(dateTimeOriginal string, orientation uint16) []byte {
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

// JPEG encodes a w×h photo (left half red, right half blue, with a stripe at row seed so
// different seeds give different files) and inserts the EXIF APP1 segment app1 right after
// SOI when it is not nil.
func JPEG(t testing.TB, w, h int, seed int, app1 []byte) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{255, 0, 0, 255}
			if x >= w/2 {
				c = color.RGBA{0, 0, 255, 255}
			}
			if y == seed%h {
				c = color.RGBA{uint8(seed), uint8(seed >> 8), 255, 255}
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

// WAV returns a mono 16-bit PCM recording of a sine tone.
func WAV(seconds float64, rate, freq int) []byte {
	n := int(seconds * float64(rate))
	var b bytes.Buffer
	le := binary.LittleEndian
	b.WriteString("RIFF")
	binary.Write(&b, le, uint32(36+2*n))
	b.WriteString("WAVEfmt ")
	binary.Write(&b, le, uint32(16))
	binary.Write(&b, le, [2]uint16{1, 1})
	binary.Write(&b, le, [2]uint32{uint32(rate), uint32(2 * rate)})
	binary.Write(&b, le, [2]uint16{2, 16})
	b.WriteString("data")
	binary.Write(&b, le, uint32(2*n))
	for i := 0; i < n; i++ {
		binary.Write(&b, le, int16(8000*math.Sin(2*math.Pi*float64(freq)*float64(i)/float64(rate))))
	}
	return b.Bytes()
}

// WriteFile writes data at path, creating folders.
func WriteFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
