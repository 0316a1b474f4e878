package media

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // decoders for PhotoThumbnail
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/nfnt/resize"

	"lawdesk/internal/domain"
)

// ErrNoFFmpeg is returned by VideoThumbnail when ffmpeg is not installed; the UI then draws
// a video icon with the duration from Probe instead of a frame. Test with errors.Is.
var ErrNoFFmpeg = domain.Errorf(domain.ENOTFOUND, "没有找到 ffmpeg，无法显示视频画面；视频本身不受影响。如需缩略图，请安装 ffmpeg。")

// maxPixels bounds the images PhotoThumbnail decodes (a 100-megapixel photo is already
// far beyond any camera LawDesk meets), so a crafted file cannot exhaust memory.
const maxPixels = 100_000_000

// maxPhotoBytes bounds how much PhotoThumbnail reads.
const maxPhotoBytes = 200 << 20

// PhotoThumbnail decodes a JPEG or PNG photo and shrinks it so that its longer side is at
// most maxSide (it never enlarges), turning it upright according to its EXIF orientation.
func PhotoThumbnail(r io.Reader, maxSide int) (image.Image, error) {
	if maxSide < 1 {
		return nil, domain.Errorf(domain.EINVALID, "缩略图尺寸必须大于 0。")
	}
	data, err := io.ReadAll(io.LimitReader(r, maxPhotoBytes+1))
	if err != nil {
		return nil, domain.Wrap(err, domain.EINVALID, "读取照片时出错，无法生成缩略图；请检查存储卡是否仍然连接。")
	}
	if len(data) > maxPhotoBytes {
		return nil, domain.Errorf(domain.EINVALID, "照片超过 %d MB，无法生成缩略图。", maxPhotoBytes>>20)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, domain.Wrap(err, domain.EINVALID, "照片内容已损坏或不是 JPEG/PNG 格式，无法生成缩略图。")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
		return nil, domain.Errorf(domain.EINVALID, "照片尺寸异常（%d×%d），无法生成缩略图。", cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, domain.Wrap(err, domain.EINVALID, "照片内容已损坏（可能拷贝不完整），无法生成缩略图；请重新拷贝。")
	}
	orient := 0
	if app1 := jpegEXIF(data); app1 != nil {
		_, orient = readEXIF(app1)
	}
	th := resize.Thumbnail(uint(maxSide), uint(maxSide), img, resize.Lanczos3)
	return orientImage(th, orient), nil
}

// jpegEXIF returns the EXIF APP1 payload ("Exif\0\0…") of an in-memory JPEG, or nil.
func jpegEXIF(b []byte) []byte {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return nil
	}
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xFF {
			return nil
		}
		m := b[i+1]
		if m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7) || m == 0xFF {
			i++
			continue
		}
		if m == 0xDA || m == 0xD9 {
			return nil
		}
		l := int(b[i+2])<<8 | int(b[i+3])
		if l < 2 || i+2+l > len(b) {
			return nil
		}
		seg := b[i+4 : i+2+l]
		if m == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return seg
		}
		i += 2 + l
	}
	return nil
}

// orientImage applies an EXIF orientation (2–8) so the image is upright; others return img.
func orientImage(img image.Image, o int) image.Image {
	if o < 2 || o > 8 {
		return img
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	ow, oh := w, h
	if o >= 5 {
		ow, oh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, ow, oh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // rotated 180
				dx, dy = w-1-x, h-1-y
			case 4: // mirrored vertically
				dx, dy = x, h-1-y
			case 5: // transposed
				dx, dy = y, x
			case 6: // rotate 90 clockwise
				dx, dy = h-1-y, x
			case 7: // transverse
				dx, dy = h-1-y, w-1-x
			case 8: // rotate 90 counter-clockwise
				dx, dy = y, w-1-x
			}
			dst.Set(dx, dy, img.At(b.Min.X+x, b.Min.Y+y))
		}
	}
	return dst
}

// VideoThumbnail grabs one frame with ffmpeg (at 1 s, or the first frame of clips shorter
// than that) and shrinks it so its longer side is at most maxSide. ffmpeg applies the
// video's rotation. It returns ErrNoFFmpeg when ffmpeg is not on PATH. The source file is
// only read.
func VideoThumbnail(ctx context.Context, path string, maxSide int) (image.Image, error) {
	if maxSide < 1 {
		return nil, domain.Errorf(domain.EINVALID, "缩略图尺寸必须大于 0。")
	}
	ff, err := exec.LookPath("ffmpeg")
	if err != nil {
		return nil, ErrNoFFmpeg
	}
	name := filepath.Base(path)
	abs, err := filepath.Abs(path) // never starts with "-", so ffmpeg cannot take it for an option
	if err != nil {
		return nil, domain.Wrap(err, domain.EINVALID, "无法打开视频 %s。", name)
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, domain.Wrap(err, domain.ENOTFOUND, "找不到视频 %s：可能存储卡已拔出或文件已被移走。", name)
	}
	at := 1.0
	if info, err := Probe(abs); err == nil && info.Duration > 0 && info.Duration.Seconds() <= 1 {
		at = 0
	}
	var lastErr error
	for _, ss := range []float64{at, 0} {
		img, err := ffmpegFrame(ctx, ff, abs, ss)
		if err == nil {
			return resize.Thumbnail(uint(maxSide), uint(maxSide), img, resize.Lanczos3), nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		lastErr = err
		if ss == 0 {
			break
		}
	}
	return nil, domain.Wrap(lastErr, domain.EINVALID, "视频 %s 无法生成缩略图（文件可能已损坏或格式不受支持）；可以直接用播放器打开查看。", name)
}

// ffmpegFrame decodes one frame at ss seconds as PNG on stdout.
func ffmpegFrame(ctx context.Context, ff, path string, ss float64) (image.Image, error) {
	cmd := exec.CommandContext(ctx, ff, "-nostdin", "-hide_banner", "-loglevel", "error",
		"-ss", strconv.FormatFloat(ss, 'f', 3, 64), "-i", path,
		"-frames:v", "1", "-an", "-sn", "-f", "image2pipe", "-c:v", "png", "pipe:1")
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("ffmpeg: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	if out.Len() == 0 {
		return nil, errors.New("ffmpeg produced no frame")
	}
	return png.Decode(&out)
}

// CropToRatio cuts the largest centred w:h region out of img and scales it to exactly w×h
// pixels, e.g. CropToRatio(photo, 300, 400) for a 3:4 ID photo on a posting-board card.
// It returns nil when w or h is not positive or img is empty.
func CropToRatio(img image.Image, w, h int) image.Image {
	if img == nil || w <= 0 || h <= 0 {
		return nil
	}
	b := img.Bounds()
	sw, sh := b.Dx(), b.Dy()
	if sw <= 0 || sh <= 0 {
		return nil
	}
	cw, ch := sw, sw*h/w // crop width and height with the target ratio
	if ch > sh {
		cw, ch = sh*w/h, sh
	}
	cw, ch = max(cw, 1), max(ch, 1)
	x0 := b.Min.X + (sw-cw)/2
	y0 := b.Min.Y + (sh-ch)/2
	crop := image.NewRGBA(image.Rect(0, 0, cw, ch))
	draw.Draw(crop, crop.Bounds(), img, image.Pt(x0, y0), draw.Src)
	return resize.Resize(uint(w), uint(h), crop, resize.Lanczos3)
}
