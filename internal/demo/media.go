package demo

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"lawdesk/internal/domain"
	"lawdesk/internal/recording"
	"lawdesk/internal/store"
	"lawdesk/resources"
)

// The demo's audio-video records are made here, in Go, as a body camera would leave them:
// Motion-JPEG AVI videos with the camera's time stamp burnt in (playable by any player),
// JPEG photos and a WAV interview recording, in DCIM/100MEDIA-style folders. They go through
// the real import (scan, hash-while-copy, rules) as 刘洋 and 黄伟 after a day in the field.

// mediaStep imports the demo footage and labels it.
func mediaStep(b *Builder) error {
	svc := recording.New(b.Store)
	admin := b.As("admin")
	set, err := svc.Settings()
	if err != nil {
		return err
	}
	set.Patterns = []recording.PatternSetting{{Name: "录音笔 REC", Source: "{device}-REC-{datetime}*"}}
	set.ClockOffsets = map[string]time.Duration{"CAM002": 3 * time.Minute} // this camera's clock runs 3 minutes fast
	if err := svc.SaveSettings(admin, set); err != nil {
		return err
	}

	now := b.Store.Now().Local().Truncate(time.Minute)
	cam, err := os.MkdirTemp("", "lawdesk-demo-camera-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(cam)

	// 刘洋's camera: this morning's inspection of a supermarket, imported in time
	inspect := now.Add(-3 * time.Hour)
	files := []struct {
		rel  string
		data func() ([]byte, error)
	}{
		{fmt.Sprintf("CAM001/DCIM/100MEDIA/DCAM_CAM001_000003_%s_IMP.AVI", inspect.Format("20060102_150405")),
			func() ([]byte, error) { return footageVideo("CAM001", "000003", inspect, 0) }},
		{fmt.Sprintf("CAM001/DCIM/100MEDIA/DCAM_CAM001_000003_%s.AVI", inspect.Add(6*time.Minute).Format("20060102_150405")),
			func() ([]byte, error) { return footageVideo("CAM001", "000003", inspect.Add(6*time.Minute), 1) }},
		{fmt.Sprintf("CAM001/RECORD/RP01-REC-%s.WAV", inspect.Add(20*time.Minute).Format("20060102150405")),
			func() ([]byte, error) { return footageWAV(6, 8000), nil }},
	}
	for i := 0; i < 6; i++ {
		at := inspect.Add(time.Duration(2+i) * time.Minute)
		i := i
		files = append(files, struct {
			rel  string
			data func() ([]byte, error)
		}{fmt.Sprintf("CAM001/DCIM/100MEDIA/IMG_%s.JPG", at.Format("20060102_150405")),
			func() ([]byte, error) { return footagePhoto("CAM001", "000003", at, i) }})
	}
	// 黄伟's camera: a seizure three days ago, brought in late; its clock runs 3 minutes fast
	seizure := now.Add(-3*24*time.Hour - 2*time.Hour)
	files = append(files, struct {
		rel  string
		data func() ([]byte, error)
	}{fmt.Sprintf("CAM002/DCIM/100MEDIA/DCAM_CAM002_000006_%s_IMP.AVI", seizure.Format("20060102_150405")),
		func() ([]byte, error) { return footageVideo("CAM002", "000006", seizure, 2) }})
	for i := 0; i < 3; i++ {
		at := seizure.Add(time.Duration(4+i) * time.Minute)
		i := i
		files = append(files, struct {
			rel  string
			data func() ([]byte, error)
		}{fmt.Sprintf("CAM002/DCIM/100MEDIA/IMG_%s.JPG", at.Format("20060102_150405")),
			func() ([]byte, error) { return footagePhoto("CAM002", "000006", at, 10+i) }})
	}
	for _, f := range files {
		data, err := f.data()
		if err != nil {
			return err
		}
		p := filepath.Join(cam, filepath.FromSlash(f.rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
		old := time.Now().Add(-time.Hour) // settled, as on a camera
		os.Chtimes(p, old, old)
	}

	imported := map[string][]domain.Recording{}
	for _, who := range []struct{ dir, user string }{{"CAM001", "liuyang"}, {"CAM002", "huangwei"}} {
		root := filepath.Join(cam, who.dir)
		items, err := svc.Scan(context.Background(), root, nil)
		if err != nil {
			return err
		}
		sum, err := svc.Import(context.Background(), b.As(who.user), recording.ImportRequest{Root: "可移动磁盘 " + who.dir, Items: items}, nil)
		if err != nil {
			return err
		}
		if len(sum.Skipped) > 0 {
			return fmt.Errorf("demo footage skipped: %s", sum.Text())
		}
		imported[who.dir] = sum.Imported
	}

	// label the inspection: place, collector, what it proves; attach it to a case when the
	// demo has one in or past 现场检查
	labels := domain.RecordingLabels{Place: "青山县城关镇人民路 12 号 好又多超市", Collector: "刘洋",
		Proves: "货架上陈列超过保质期的食品，当事人现场确认"}
	if c, ok := footageCase(b.Store); ok {
		labels.CaseID, labels.Stage, labels.Evidence = c.ID, domain.StageOnSite, true
	}
	var ids []uint64
	for _, r := range imported["CAM001"] {
		ids = append(ids, r.ID)
	}
	if _, err := svc.Assign(admin, ids, labels); err != nil {
		return err
	}
	// the late seizure footage: one explained, the rest left for the dashboard to ask about
	late := imported["CAM002"]
	if len(late) > 0 {
		if err := svc.SetLateReason(b.As("huangwei"), []uint64{late[0].ID}, "在乡镇连续执法两天，记录仪随车带回后才导入"); err != nil {
			return err
		}
	}
	return nil
}

// footageCase finds an open demo case that has reached 现场检查, to attach footage to.
func footageCase(st *store.Store) (domain.Case, bool) {
	page, err := st.Cases(store.CaseQuery{Pending: true, Limit: 200})
	if err != nil {
		return domain.Case{}, false
	}
	for _, c := range page.Cases {
		if c.OnPath(domain.StageOnSite) && domain.RecordingDue(c, domain.StageOnSite) && !c.Locked() {
			return c, true
		}
	}
	return domain.Case{}, false
}

// footageFace is the embedded CJK font at the size of a camera's burnt-in time stamp.
func footageFace(size float64) (font.Face, error) {
	f, err := opentype.Parse(resources.Font)
	if err != nil {
		return nil, err
	}
	return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
}

// footageScene draws one frame of a shop inspection: shelves of goods, a moving officer's
// view, and the camera's stamp (time, device, officer number) as body cameras burn it in.
func footageScene(device, officer string, at time.Time, seed, frame int, face font.Face) image.Image {
	const w, h = 320, 240
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), &image.Uniform{color.RGBA{0xdd, 0xe4, 0xea, 0xff}}, image.Point{}, draw.Src)
	shift := int(8 * math.Sin(float64(frame)/3+float64(seed)))
	palette := []color.RGBA{{0xc6, 0x28, 0x28, 0xff}, {0xf9, 0xa8, 0x25, 0xff}, {0x2e, 0x7d, 0x32, 0xff}, {0x15, 0x65, 0xc0, 0xff}, {0x6a, 0x1b, 0x9a, 0xff}}
	for shelf := 0; shelf < 3; shelf++ {
		y := 50 + shelf*60
		draw.Draw(img, image.Rect(0, y+40, w, y+46), &image.Uniform{color.RGBA{0x79, 0x55, 0x48, 0xff}}, image.Point{}, draw.Src)
		for i := 0; i < 9; i++ {
			x := 10 + i*34 + shift
			c := palette[(i+shelf+seed)%len(palette)]
			draw.Draw(img, image.Rect(x, y+10+(i%3)*4, x+26, y+40), &image.Uniform{c}, image.Point{}, draw.Src)
		}
	}
	stamp := at.Add(time.Duration(frame) * time.Second / 5)
	d := font.Drawer{Dst: img, Src: image.NewUniform(color.White), Face: face}
	shadow := font.Drawer{Dst: img, Src: image.NewUniform(color.Black), Face: face}
	for _, line := range []struct {
		text string
		y    int
	}{{stamp.Format("2006-01-02 15:04:05"), 18}, {"青山县市场监管 " + device + " 警号 " + officer, h - 8}} {
		shadow.Dot = fixed.P(9, line.y+1)
		shadow.DrawString(line.text)
		d.Dot = fixed.P(8, line.y)
		d.DrawString(line.text)
	}
	return img
}

// footagePhoto is one photo from the camera, a JPEG of the scene with its stamp.
func footagePhoto(device, officer string, at time.Time, seed int) ([]byte, error) {
	face, err := footageFace(14)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = jpeg.Encode(&buf, footageScene(device, officer, at, seed, 0, face), &jpeg.Options{Quality: 80})
	return buf.Bytes(), err
}

// footageVideo is a 4-second Motion-JPEG AVI (5 frames a second), the format of many body
// cameras, with the time stamp running.
func footageVideo(device, officer string, at time.Time, seed int) ([]byte, error) {
	face, err := footageFace(14)
	if err != nil {
		return nil, err
	}
	const fps, frames = 5, 20
	var jpegs [][]byte
	for i := 0; i < frames; i++ {
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, footageScene(device, officer, at, seed, i, face), &jpeg.Options{Quality: 70}); err != nil {
			return nil, err
		}
		jpegs = append(jpegs, buf.Bytes())
	}
	return mjpegAVI(jpegs, 320, 240, fps), nil
}

// mjpegAVI wraps JPEG frames in an AVI file (RIFF 'AVI ' with one MJPG video stream and
// an idx1 index), which every common player opens.
func mjpegAVI(frames [][]byte, w, h, fps int) []byte {
	le := binary.LittleEndian
	u32 := func(b *bytes.Buffer, vs ...uint32) {
		for _, v := range vs {
			binary.Write(b, le, v)
		}
	}
	chunk := func(id string, body []byte) []byte {
		var b bytes.Buffer
		b.WriteString(id)
		u32(&b, uint32(len(body)))
		b.Write(body)
		if len(body)%2 == 1 {
			b.WriteByte(0)
		}
		return b.Bytes()
	}
	list := func(kind string, parts ...[]byte) []byte {
		body := []byte(kind)
		for _, p := range parts {
			body = append(body, p...)
		}
		return chunk("LIST", body)
	}
	largest := 0
	for _, f := range frames {
		largest = max(largest, len(f))
	}
	var avih bytes.Buffer
	u32(&avih, uint32(1000000/fps), uint32(largest*fps), 0, 0x10, uint32(len(frames)), 0, 1, uint32(largest), uint32(w), uint32(h), 0, 0, 0, 0)
	var strh bytes.Buffer
	strh.WriteString("vidsMJPG")
	u32(&strh, 0, 0, 0, 1, uint32(fps), 0, uint32(len(frames)), uint32(largest), 0xFFFFFFFF, 0)
	binary.Write(&strh, le, [4]uint16{0, 0, uint16(w), uint16(h)})
	var strf bytes.Buffer
	u32(&strf, 40, uint32(w), uint32(h))
	binary.Write(&strf, le, [2]uint16{1, 24})
	strf.WriteString("MJPG")
	u32(&strf, uint32(w*h*3), 0, 0, 0, 0)
	hdrl := list("hdrl", chunk("avih", avih.Bytes()), list("strl", chunk("strh", strh.Bytes()), chunk("strf", strf.Bytes())))

	var movi, idx bytes.Buffer
	movi.WriteString("movi")
	for _, f := range frames {
		u32(&idx, le.Uint32([]byte("00dc")), 0x10, uint32(movi.Len()), uint32(len(f)))
		movi.Write(chunk("00dc", f))
	}
	body := append([]byte("AVI "), hdrl...)
	body = append(body, chunk("LIST", movi.Bytes())...)
	body = append(body, chunk("idx1", idx.Bytes())...)
	return chunk("RIFF", body)
}

// footageWAV is an interview recording: a few seconds of soft tones, mono 16-bit.
func footageWAV(seconds, rate int) []byte {
	n := seconds * rate
	var b bytes.Buffer
	le := binary.LittleEndian
	b.WriteString("RIFF")
	binary.Write(&b, le, uint32(36+2*n))
	b.WriteString("WAVEfmt ")
	binary.Write(&b, le, [4]uint32{16, 1 | 1<<16, uint32(rate), uint32(2 * rate)})
	binary.Write(&b, le, [2]uint16{2, 16})
	b.WriteString("data")
	binary.Write(&b, le, uint32(2*n))
	for i := 0; i < n; i++ {
		t := float64(i) / float64(rate)
		v := 3000 * math.Sin(2*math.Pi*220*t) * (0.5 + 0.5*math.Sin(2*math.Pi*0.7*t))
		binary.Write(&b, le, int16(v))
	}
	return b.Bytes()
}
