package media

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"path/filepath"
	"testing"
	"time"

	"lawdesk/internal/domain"
)

func isRed(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r > 0xC000 && g < 0x4000 && b < 0x4000
}

func isBlue(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return b > 0xC000 && r < 0x4000 && g < 0x4000
}

func TestPhotoThumbnail(t *testing.T) {
	// 400×200, left red, right blue
	img, err := PhotoThumbnail(bytes.NewReader(makeJPEG(t, 400, 200, nil)), 100)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 100 || b.Dy() != 50 {
		t.Fatalf("size %v, want 100x50", b)
	}
	if !isRed(img.At(10, 25)) || !isBlue(img.At(90, 25)) {
		t.Errorf("colours wrong: %v %v", img.At(10, 25), img.At(90, 25))
	}
	// never enlarges
	img, err = PhotoThumbnail(bytes.NewReader(makeJPEG(t, 40, 20, nil)), 100)
	if err != nil || img.Bounds().Dx() != 40 {
		t.Fatalf("small: %v %v", img.Bounds(), err)
	}

	// EXIF orientation 6 (rotate 90° clockwise to view): red (left) ends up on top
	img, err = PhotoThumbnail(bytes.NewReader(makeJPEG(t, 400, 200, exifSegment("2026:08:04 10:00:00", 6))), 100)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 50 || b.Dy() != 100 {
		t.Fatalf("rotated size %v, want 50x100", b)
	}
	if !isRed(img.At(25, 10)) || !isBlue(img.At(25, 90)) {
		t.Errorf("rotation wrong: top %v bottom %v", img.At(25, 10), img.At(25, 90))
	}
	// orientation 8: red ends up at the bottom
	img, _ = PhotoThumbnail(bytes.NewReader(makeJPEG(t, 400, 200, exifSegment("2026:08:04 10:00:00", 8))), 100)
	if !isBlue(img.At(25, 10)) || !isRed(img.At(25, 90)) {
		t.Errorf("orientation 8 wrong: top %v bottom %v", img.At(25, 10), img.At(25, 90))
	}
	// orientation 3: red on the right
	img, _ = PhotoThumbnail(bytes.NewReader(makeJPEG(t, 400, 200, exifSegment("2026:08:04 10:00:00", 3))), 100)
	if !isBlue(img.At(10, 25)) || !isRed(img.At(90, 25)) {
		t.Errorf("orientation 3 wrong")
	}

	if _, err := PhotoThumbnail(bytes.NewReader([]byte("not an image")), 100); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("garbage: %v", err)
	}
	data := makeJPEG(t, 400, 200, nil)
	if _, err := PhotoThumbnail(bytes.NewReader(data[:len(data)/2]), 100); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("truncated: %v", err)
	}
}

func TestOrientImageAll(t *testing.T) {
	// a 3×2 image with a unique colour per pixel; each orientation must be a permutation
	src := image.NewRGBA(image.Rect(0, 0, 3, 2))
	for y := 0; y < 2; y++ {
		for x := 0; x < 3; x++ {
			src.Set(x, y, color.RGBA{uint8(x * 80), uint8(y * 80), 0, 255})
		}
	}
	for o := 1; o <= 8; o++ {
		out := orientImage(src, o)
		b := out.Bounds()
		if (o >= 5) != (b.Dx() == 2) {
			t.Errorf("orientation %d: bounds %v", o, b)
		}
		seen := map[color.RGBA]bool{}
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				seen[color.RGBAModel.Convert(out.At(x, y)).(color.RGBA)] = true
			}
		}
		if len(seen) != 6 {
			t.Errorf("orientation %d lost pixels", o)
		}
	}
}

func TestCropToRatio(t *testing.T) {
	// 400×200 → 3:4 ID photo 150×200: the centre strip is half red, half blue
	src := image.NewRGBA(image.Rect(0, 0, 400, 200))
	for y := 0; y < 200; y++ {
		for x := 0; x < 400; x++ {
			c := color.RGBA{255, 0, 0, 255}
			if x >= 200 {
				c = color.RGBA{0, 0, 255, 255}
			}
			if x < 100 || x >= 300 { // outside the centre crop
				c = color.RGBA{0, 255, 0, 255}
			}
			src.Set(x, y, c)
		}
	}
	out := CropToRatio(src, 150, 200)
	if b := out.Bounds(); b.Dx() != 150 || b.Dy() != 200 {
		t.Fatalf("bounds %v", b)
	}
	if !isRed(out.At(5, 100)) || !isBlue(out.At(145, 100)) {
		t.Errorf("crop not centred: %v %v", out.At(5, 100), out.At(145, 100))
	}
	// tall source, wide target
	tall := image.NewRGBA(image.Rect(10, 10, 110, 410))
	if b := CropToRatio(tall, 40, 30).Bounds(); b.Dx() != 40 || b.Dy() != 30 {
		t.Errorf("tall: %v", b)
	}
	if CropToRatio(tall, 0, 3) != nil || CropToRatio(nil, 3, 4) != nil {
		t.Error("bad arguments should give nil")
	}
}

func TestVideoThumbnail(t *testing.T) {
	needFFmpeg(t)
	dir := t.TempDir()
	long := filepath.Join(dir, "long.mp4")
	makeVideo(t, long, "2", "")
	img, err := VideoThumbnail(context.Background(), long, 80)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 80 || b.Dy() != 60 {
		t.Errorf("bounds %v, want 80x60", b)
	}
	// shorter than a second: first frame
	short := filepath.Join(dir, "short.mov")
	makeVideo(t, short, "0.5", "")
	if img, err := VideoThumbnail(context.Background(), short, 200); err != nil || img.Bounds().Dx() != 160 {
		t.Fatalf("short: %v %v", img, err)
	}
	// not a video
	bad := filepath.Join(dir, "bad.mp4")
	writeFile(t, bad, []byte("garbage garbage garbage"))
	if _, err := VideoThumbnail(context.Background(), bad, 80); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("bad: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	time.Sleep(time.Millisecond)
	if _, err := VideoThumbnail(ctx, long, 80); err == nil {
		t.Error("expired context: no error")
	}
}

func TestVideoThumbnailNoFFmpeg(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := VideoThumbnail(context.Background(), "x.mp4", 80)
	if !errors.Is(err, ErrNoFFmpeg) {
		t.Fatalf("err = %v", err)
	}
}
