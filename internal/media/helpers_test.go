package media

import (
	"os/exec"
	"testing"

	"lawdesk/internal/media/mediatest"
)

// The media files of these tests come from mediatest (shared with the services' tests).

func needFFmpeg(t testing.TB) string { return mediatest.NeedFFmpeg(t) }

func ffmpeg(t testing.TB, args ...string) { t.Helper(); mediatest.FFmpeg(t, args...) }

// makeVideo writes a small test-pattern video (seconds long) with the given creation time
// ("" for none). The container follows the extension of path.
func makeVideo(t testing.TB, path string, seconds string, creation string) {
	t.Helper()
	mediatest.Video(t, path, seconds, creation, 0)
}

func exifSegment(dateTimeOriginal string, orientation uint16) []byte {
	return mediatest.EXIF(dateTimeOriginal, orientation)
}

// makeJPEG encodes a w×h JPEG (left half red, right half blue) with an optional EXIF APP1.
func makeJPEG(t testing.TB, w, h int, app1 []byte) []byte {
	t.Helper()
	return mediatest.JPEG(t, w, h, -1, app1)
}

func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	mediatest.WriteFile(t, path, data)
}

func execLookPath(name string) (string, error) { return exec.LookPath(name) }

func execCommand(name string, args ...string) ([]byte, error) {
	return exec.Command(name, args...).CombinedOutput()
}
