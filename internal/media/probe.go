package media

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	mp4 "github.com/abema/go-mp4"
	"github.com/rwcarlsen/goexif/exif"

	"lawdesk/internal/domain"
)

// Kind is the broad class of a media file.
type Kind string

// The kinds of media LawDesk imports.
const (
	KindVideo Kind = "video"
	KindPhoto Kind = "photo"
	KindAudio Kind = "audio"
)

// Label returns the Chinese word for the kind.
func (k Kind) Label() string {
	switch k {
	case KindVideo:
		return "视频"
	case KindPhoto:
		return "照片"
	case KindAudio:
		return "录音"
	}
	return "文件"
}

// Source says where a capture time came from. The values are the Chinese words shown to
// users and stored with each recording.
type Source string

// Capture-time sources, in the order CaptureTime prefers them.
const (
	SourceName     Source = "文件名"
	SourceMetadata Source = "媒体元数据"
	SourceEXIF     Source = "EXIF"
	SourceModTime  Source = "文件修改时间"
)

// Info is what Probe learned about one file. Fields it could not learn are zero.
type Info struct {
	Path    string
	Kind    Kind
	Format  string // from the content: "mp4", "mov", "avi", "jpeg", "wav", "mp3"
	Size    int64
	ModTime time.Time

	// Created is the capture time recorded inside the file: the MP4/MOV movie header's
	// creation time (UTC) or the JPEG's EXIF DateTimeOriginal (camera local time, read as
	// time.Local). CreatedSource says which; both are zero when the file has none.
	Created       time.Time
	CreatedSource Source

	Duration      time.Duration // video and audio
	Width, Height int           // video and photo, as displayed (EXIF rotation applied)
	Orientation   int           // JPEG EXIF orientation 1–8, 0 when absent
}

// extKinds maps the supported extensions (lower case) to their kind.
var extKinds = map[string]Kind{
	".mp4":  KindVideo,
	".mov":  KindVideo,
	".avi":  KindVideo,
	".jpg":  KindPhoto,
	".jpeg": KindPhoto,
	".wav":  KindAudio,
	".mp3":  KindAudio,
}

// KindOf returns the kind a file name's extension promises (ignoring case) and whether the
// extension is supported at all.
func KindOf(name string) (Kind, bool) {
	k, ok := extKinds[strings.ToLower(filepath.Ext(name))]
	return k, ok
}

// formatKinds maps a sniffed format to its kind.
var formatKinds = map[string]Kind{
	"mp4": KindVideo, "mov": KindVideo, "avi": KindVideo,
	"jpeg": KindPhoto,
	"wav":  KindAudio, "mp3": KindAudio,
}

var formatNames = map[string]string{
	"mp4": "MP4 视频", "mov": "MOV 视频", "avi": "AVI 视频", "jpeg": "JPEG 图片",
	"wav": "WAV 录音", "mp3": "MP3 录音", "png": "PNG 图片", "pdf": "PDF 文档",
	"tiff": "TIFF 图片", "zip": "压缩包", "": "无法识别的数据",
}

// sniff names the format of a file from its first bytes ("" when unknown).
func sniff(h []byte) string {
	switch {
	case len(h) >= 12 && string(h[4:8]) == "ftyp":
		if string(h[8:12]) == "qt  " {
			return "mov"
		}
		return "mp4"
	case len(h) >= 8 && (string(h[4:8]) == "moov" || string(h[4:8]) == "mdat" ||
		string(h[4:8]) == "wide" || string(h[4:8]) == "free" || string(h[4:8]) == "skip"):
		return "mov" // QuickTime files without ftyp
	case len(h) >= 12 && string(h[:4]) == "RIFF" && string(h[8:12]) == "AVI ":
		return "avi"
	case len(h) >= 12 && (string(h[:4]) == "RIFF" || string(h[:4]) == "RF64") && string(h[8:12]) == "WAVE":
		return "wav"
	case len(h) >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF:
		return "jpeg"
	case len(h) >= 3 && string(h[:3]) == "ID3":
		return "mp3"
	case len(h) >= 4 && h[0] == 0xFF && h[1]&0xE0 == 0xE0 && mp3Header(h[:4]).valid():
		return "mp3"
	case len(h) >= 8 && string(h[:8]) == "\x89PNG\r\n\x1a\n":
		return "png"
	case len(h) >= 5 && string(h[:5]) == "%PDF-":
		return "pdf"
	case len(h) >= 4 && (string(h[:4]) == "II*\x00" || string(h[:4]) == "MM\x00*"):
		return "tiff"
	case len(h) >= 4 && string(h[:4]) == "PK\x03\x04":
		return "zip"
	}
	return ""
}

// Probe identifies the file at path and reads its capture metadata. It reads only headers
// and the few boxes or chunks it needs, never the whole file, so a 4 GB recording probes in
// milliseconds. The kind must agree between extension and content. Empty, truncated and
// unreadable files give a *domain.Error whose message names the file and says what to do.
func Probe(path string) (Info, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return Info{}, domain.Wrap(err, domain.ENOTFOUND, "找不到文件 %s：可能存储卡已拔出或文件已被移走，请重新连接后再试。", name)
		}
		return Info{}, domain.Wrap(err, domain.EINVALID, "无法打开文件 %s：请检查存储卡是否仍然连接、文件是否被其他程序占用。", name)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Info{}, domain.Wrap(err, domain.EINVALID, "无法读取文件 %s 的属性：请检查存储卡是否仍然连接。", name)
	}
	if !st.Mode().IsRegular() {
		return Info{}, domain.Errorf(domain.EINVALID, "%s 不是普通文件，已跳过。", name)
	}
	info, err := probeReader(f, st.Size(), name)
	info.Path = path
	info.ModTime = st.ModTime()
	return info, err
}

// probeReader does Probe's work on an open file of the given size.
func probeReader(r io.ReadSeeker, size int64, name string) (Info, error) {
	info := Info{Size: size}
	want, ok := KindOf(name)
	if !ok {
		return info, domain.Errorf(domain.EINVALID, "文件 %s 不是支持的音像格式（支持 MP4、MOV、AVI、JPG、WAV、MP3），已跳过。", name)
	}
	if size == 0 {
		return info, domain.Errorf(domain.EINVALID, "文件 %s 是空文件（0 字节），已跳过；请重新从记录仪拷贝。", name)
	}
	head := make([]byte, 64)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return info, readErr(err, name)
	}
	head = head[:n]
	format := sniff(head)
	got, known := formatKinds[format]
	if !known || got != want {
		if format == "" && allZero(head) {
			return info, errTruncated(name)
		}
		return info, domain.Errorf(domain.EINVALID, "文件 %s 的扩展名表示%s，但内容是%s，已跳过；请确认文件来源是否正确。",
			name, want.Label(), formatNames[format])
	}
	info.Kind, info.Format = got, format
	switch format {
	case "mp4", "mov":
		err = probeMP4(r, size, name, &info)
	case "avi":
		err = probeAVI(r, size, name, &info)
	case "jpeg":
		err = probeJPEG(r, name, &info)
	case "wav":
		err = probeWAV(r, size, name, &info)
	case "mp3":
		err = probeMP3(r, size, &info)
	}
	return info, err
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

func errTruncated(name string) error {
	return domain.Errorf(domain.EINVALID, "文件 %s 不完整（可能拷贝中断），已跳过；请重新从记录仪拷贝。", name)
}

func errCorrupt(err error, name, what string) error {
	return domain.Wrap(err, domain.EINVALID, "文件 %s 已损坏（%s无法读取），已跳过；请重新从记录仪拷贝，仍不行请检查记录仪。", name, what)
}

func readErr(err error, name string) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return domain.Wrap(err, domain.EINVALID, "文件 %s 不完整（可能拷贝中断），已跳过；请重新从记录仪拷贝。", name)
	}
	return domain.Wrap(err, domain.EINVALID, "读取文件 %s 时出错，已跳过；请检查存储卡是否仍然连接后重试。", name)
}

// mp4Epoch is the zero of MP4/QuickTime times: 1904-01-01 00:00:00 UTC.
var mp4Epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)

// maxTopBoxes bounds the walk over a file's top-level boxes (a real file has a handful).
const maxTopBoxes = 100000

// probeMP4 walks the top-level boxes (headers only), checks that every box fits inside the
// file and that moov exists, then reads moov/mvhd and moov/trak/tkhd.
func probeMP4(r io.ReadSeeker, size int64, name string, info *Info) error {
	var moov *mp4.BoxInfo
	qt := info.Format == "mov"
	off := int64(0)
	for i := 0; off+8 <= size; i++ {
		if i > maxTopBoxes {
			return errCorrupt(nil, name, "文件结构")
		}
		if _, err := r.Seek(off, io.SeekStart); err != nil {
			return readErr(err, name)
		}
		bi, err := mp4.ReadBoxInfo(r)
		if err != nil {
			return readErr(err, name)
		}
		if bi.Size < bi.HeaderSize {
			return errCorrupt(fmt.Errorf("box %q at %d has size %d", bi.Type.String(), off, bi.Size), name, "文件结构")
		}
		if bi.Size > uint64(size-off) {
			return domain.Wrap(fmt.Errorf("box %q at %d has size %d, only %d bytes left", bi.Type.String(), off, bi.Size, size-off),
				domain.EINVALID, "文件 %s 不完整（可能拷贝中断或录制时断电），已跳过；请重新从记录仪拷贝。", name)
		}
		if bi.Type == mp4.BoxTypeMoov() && moov == nil {
			moov = bi
		}
		off += int64(bi.Size)
	}
	if moov == nil {
		return domain.Errorf(domain.EINVALID, "文件 %s 不完整（缺少视频索引 moov，可能拷贝中断或录制时断电），已跳过；请重新从记录仪拷贝。", name)
	}
	moov.Context.IsQuickTimeCompatible = qt
	boxes, err := mp4.ExtractBoxesWithPayload(r, moov, []mp4.BoxPath{
		{mp4.BoxTypeMvhd()},
		{mp4.BoxTypeTrak(), mp4.BoxTypeTkhd()},
	})
	if err != nil {
		return errCorrupt(err, name, "视频索引 moov ")
	}
	haveMvhd := false
	for _, b := range boxes {
		switch p := b.Payload.(type) {
		case *mp4.Mvhd:
			haveMvhd = true
			if c := p.GetCreationTime(); c != 0 {
				t := mp4Epoch.Add(time.Duration(c) * time.Second)
				if c < 1<<40 && t.Year() >= 1971 {
					info.Created, info.CreatedSource = t, SourceMetadata
				}
			}
			if p.Timescale > 0 {
				d := p.GetDuration()
				info.Duration = time.Duration(float64(d) / float64(p.Timescale) * float64(time.Second))
			}
		case *mp4.Tkhd:
			w, h := int(p.GetWidthInt()), int(p.GetHeightInt())
			if w*h > info.Width*info.Height {
				info.Width, info.Height = w, h
			}
		}
	}
	if !haveMvhd {
		return errCorrupt(errors.New("no moov/mvhd"), name, "视频头信息 ")
	}
	return nil
}

// probeAVI checks the RIFF size and reads the main AVI header (avih) for duration and size.
func probeAVI(r io.ReadSeeker, size int64, name string, info *Info) error {
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return readErr(err, name)
	}
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return readErr(err, name)
	}
	head = head[:n]
	riff := int64(binary.LittleEndian.Uint32(head[4:8]))
	if riff+8 > size {
		return errTruncated(name)
	}
	i := bytes.Index(head, []byte("avih"))
	if i < 0 || i+8+40 > len(head) {
		return errCorrupt(errors.New("no avih"), name, "视频头信息")
	}
	h := head[i+8:]
	usPerFrame := binary.LittleEndian.Uint32(h[0:4])
	frames := binary.LittleEndian.Uint32(h[16:20])
	info.Duration = time.Duration(usPerFrame) * time.Duration(frames) * time.Microsecond
	info.Width = int(binary.LittleEndian.Uint32(h[32:36]))
	info.Height = int(binary.LittleEndian.Uint32(h[36:40]))
	return nil
}

// probeWAV walks the RIFF chunks for fmt and data and computes the duration.
func probeWAV(r io.ReadSeeker, size int64, name string, info *Info) error {
	var hdr [12]byte
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return readErr(err, name)
	}
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return readErr(err, name)
	}
	rf64 := string(hdr[:4]) == "RF64"
	riff := binary.LittleEndian.Uint32(hdr[4:8])
	if !rf64 && riff != 0 && riff != 0xFFFFFFFF && int64(riff)+8 > size {
		return errTruncated(name)
	}
	var byteRate uint32
	var dataSize int64 = -1
	var ds64Data int64 = -1
	off := int64(12)
	for i := 0; off+8 <= size && i < 10000; i++ {
		var ch [8]byte
		if _, err := r.Seek(off, io.SeekStart); err != nil {
			return readErr(err, name)
		}
		if _, err := io.ReadFull(r, ch[:]); err != nil {
			return readErr(err, name)
		}
		id := string(ch[:4])
		csize := int64(binary.LittleEndian.Uint32(ch[4:8]))
		body := off + 8
		switch id {
		case "ds64":
			var b [16]byte
			if _, err := io.ReadFull(r, b[:]); err != nil {
				return readErr(err, name)
			}
			ds64Data = int64(binary.LittleEndian.Uint64(b[8:16]))
		case "fmt ":
			var b [16]byte
			if csize < 16 {
				return errCorrupt(errors.New("short fmt chunk"), name, "录音格式信息")
			}
			if _, err := io.ReadFull(r, b[:]); err != nil {
				return readErr(err, name)
			}
			byteRate = binary.LittleEndian.Uint32(b[8:12])
		case "data":
			left := size - body
			switch {
			case csize == 0xFFFFFFFF && ds64Data >= 0:
				csize = ds64Data
			case csize == 0xFFFFFFFF || csize == 0:
				csize = left // written by a stream that never went back to fix the header
			}
			if csize > left {
				return errTruncated(name)
			}
			dataSize = csize
		}
		if dataSize >= 0 && byteRate > 0 {
			break
		}
		off = body + csize + csize&1
	}
	if byteRate == 0 || dataSize < 0 {
		return errCorrupt(errors.New("no fmt or data chunk"), name, "录音头信息")
	}
	info.Duration = time.Duration(float64(dataSize) / float64(byteRate) * float64(time.Second))
	return nil
}

// mp3Header is the 4-byte header of an MPEG audio frame.
type mp3Header []byte

func (h mp3Header) version() int { return int(h[1]>>3) & 3 } // 3=MPEG1, 2=MPEG2, 0=MPEG2.5
func (h mp3Header) layer() int   { return int(h[1]>>1) & 3 } // 1=III, 2=II, 3=I

func (h mp3Header) valid() bool {
	return h[0] == 0xFF && h[1]&0xE0 == 0xE0 && h.version() != 1 && h.layer() != 0 &&
		h[2]>>4 != 0xF && h[2]>>4 != 0 && (h[2]>>2)&3 != 3
}

var mp3Bitrates = [2][3][16]int{ // [mpeg1?0:1][layer I,II,III] kbit/s
	{
		{0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
		{0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
		{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
	},
	{
		{0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
		{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
		{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
	},
}

var mp3Rates = [4][3]int{{11025, 12000, 8000}, {}, {22050, 24000, 16000}, {44100, 48000, 32000}}

// probeMP3 estimates the duration from the Xing/Info/VBRI frame count, or from the first
// frame's bitrate for constant-bitrate files. It leaves Duration zero when unsure.
func probeMP3(r io.ReadSeeker, size int64, info *Info) error {
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil
	}
	var start int64
	var id3 [10]byte
	if _, err := io.ReadFull(r, id3[:]); err == nil && string(id3[:3]) == "ID3" {
		start = 10 + int64(id3[6]&0x7F)<<21 | int64(id3[7]&0x7F)<<14 | int64(id3[8]&0x7F)<<7 | int64(id3[9]&0x7F)
		if id3[5]&0x10 != 0 {
			start += 10 // footer
		}
	}
	if _, err := r.Seek(start, io.SeekStart); err != nil {
		return nil
	}
	buf := make([]byte, 4096)
	n, _ := io.ReadFull(r, buf)
	buf = buf[:n]
	for i := 0; i+4 <= len(buf); i++ {
		h := mp3Header(buf[i : i+4])
		if !h.valid() {
			continue
		}
		v, l := h.version(), h.layer()
		vi := 1
		if v == 3 {
			vi = 0
		}
		kbps := mp3Bitrates[vi][3-l][h[2]>>4]
		rate := mp3Rates[v][(h[2]>>2)&3]
		if kbps == 0 || rate == 0 {
			return nil
		}
		spf := 1152
		switch {
		case l == 3:
			spf = 384
		case l == 1 && v != 3:
			spf = 576
		}
		frame := buf[i:]
		for _, tag := range []string{"Xing", "Info"} {
			if j := bytes.Index(frame[:min(len(frame), 64)], []byte(tag)); j > 0 && j+12 <= len(frame) {
				if flags := binary.BigEndian.Uint32(frame[j+4 : j+8]); flags&1 != 0 {
					frames := binary.BigEndian.Uint32(frame[j+8 : j+12])
					info.Duration = time.Duration(float64(frames) * float64(spf) / float64(rate) * float64(time.Second))
					return nil
				}
			}
		}
		if len(frame) >= 36+18 && string(frame[36:40]) == "VBRI" {
			frames := binary.BigEndian.Uint32(frame[36+14 : 36+18])
			info.Duration = time.Duration(float64(frames) * float64(spf) / float64(rate) * float64(time.Second))
			return nil
		}
		audio := size - start - int64(i)
		info.Duration = time.Duration(float64(audio) * 8 / float64(kbps*1000) * float64(time.Second))
		return nil
	}
	return nil
}

// probeJPEG walks the JPEG markers up to the start of the image data, taking the EXIF APP1
// segment and the frame size; it never decodes pixels.
func probeJPEG(r io.ReadSeeker, name string, info *Info) error {
	if _, err := r.Seek(2, io.SeekStart); err != nil {
		return readErr(err, name)
	}
	br := bufio.NewReader(r)
	var app1 []byte
	for {
		c, err := br.ReadByte()
		if err != nil {
			return readErr(err, name)
		}
		if c != 0xFF {
			return errCorrupt(fmt.Errorf("expected marker, got %#x", c), name, "图片头信息")
		}
		m, err := br.ReadByte()
		for err == nil && m == 0xFF { // fill bytes
			m, err = br.ReadByte()
		}
		if err != nil {
			return readErr(err, name)
		}
		if m == 0x01 || (m >= 0xD0 && m <= 0xD7) {
			continue // no length
		}
		if m == 0xD9 {
			return errCorrupt(errors.New("EOI before image data"), name, "图片数据")
		}
		var lb [2]byte
		if _, err := io.ReadFull(br, lb[:]); err != nil {
			return readErr(err, name)
		}
		l := int(binary.BigEndian.Uint16(lb[:])) - 2
		if l < 0 {
			return errCorrupt(errors.New("bad segment length"), name, "图片头信息")
		}
		switch {
		case m == 0xE1 && app1 == nil:
			seg := make([]byte, l)
			if _, err := io.ReadFull(br, seg); err != nil {
				return readErr(err, name)
			}
			if bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
				app1 = seg
			}
			continue
		case m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC:
			seg := make([]byte, l)
			if _, err := io.ReadFull(br, seg); err != nil {
				return readErr(err, name)
			}
			if len(seg) >= 5 {
				info.Height = int(binary.BigEndian.Uint16(seg[1:3]))
				info.Width = int(binary.BigEndian.Uint16(seg[3:5]))
			}
			continue
		case m == 0xDA: // start of scan: the headers are over
		default:
			if _, err := br.Discard(l); err != nil {
				return readErr(err, name)
			}
			continue
		}
		break
	}
	if info.Width == 0 || info.Height == 0 {
		return errCorrupt(errors.New("no SOF before SOS"), name, "图片尺寸")
	}
	if app1 != nil {
		t, orient := readEXIF(app1)
		if !t.IsZero() {
			info.Created, info.CreatedSource = t, SourceEXIF
		}
		info.Orientation = orient
		if orient >= 5 && orient <= 8 {
			info.Width, info.Height = info.Height, info.Width
		}
	}
	return nil
}

// readEXIF returns DateTimeOriginal (falling back to DateTimeDigitized, then DateTime) in
// time.Local and the orientation from an APP1 payload beginning "Exif\0\0". Malformed EXIF
// gives zero values, never an error or a panic: a photo without good EXIF is still a photo.
func readEXIF(app1 []byte) (t time.Time, orientation int) {
	defer func() {
		if recover() != nil {
			t, orientation = time.Time{}, 0
		}
	}()
	if !exifSane(app1) {
		return time.Time{}, 0
	}
	x, err := exif.Decode(bytes.NewReader(app1))
	if x == nil || (err != nil && exif.IsCriticalError(err)) {
		return time.Time{}, 0
	}
	for _, f := range []exif.FieldName{exif.DateTimeOriginal, exif.DateTimeDigitized, exif.DateTime} {
		tag, err := x.Get(f)
		if err != nil {
			continue
		}
		s, err := tag.StringVal()
		if err != nil {
			continue
		}
		s = strings.TrimSpace(strings.TrimRight(s, "\x00"))
		if pt, err := time.ParseInLocation("2006:01:02 15:04:05", s, time.Local); err == nil && pt.Year() >= 1971 {
			t = pt
			break
		}
	}
	if tag, err := x.Get(exif.Orientation); err == nil {
		if o, err := tag.Int(0); err == nil && o >= 1 && o <= 8 {
			orientation = o
		}
	}
	return t, orientation
}

// exifSane walks the TIFF structure inside an APP1 payload as the EXIF decoder will (the IFD
// chain and the EXIF, GPS and interoperability sub-IFDs) and reports whether every entry's
// values fit in the payload. The decoder allocates what a count claims before reading, so a
// crafted photo claiming two billion values would take gigabytes, and a chain of IFDs that
// loops back makes it read for ever (both found by FuzzProbe).
func exifSane(app1 []byte) bool {
	tiff, ok := bytes.CutPrefix(app1, []byte("Exif\x00\x00"))
	if !ok || len(tiff) < 8 {
		return false
	}
	var order binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return false
	}
	sizes := map[uint16]uint64{1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8}
	pending := []uint32{order.Uint32(tiff[4:8])}
	seen := map[uint32]bool{}
	for len(pending) > 0 {
		off := pending[0]
		pending = pending[1:]
		if off == 0 {
			continue
		}
		if seen[off] {
			// a chain that comes back to an IFD (A→B→A) loops the decoder for ever, as it only
			// checks the offset just before (found by FuzzProbe); cameras never share an IFD
			return false
		}
		if len(seen) >= 16 || uint64(off)+2 > uint64(len(tiff)) {
			return false
		}
		seen[off] = true
		n := uint64(order.Uint16(tiff[off:]))
		end := uint64(off) + 2 + n*12
		if end+4 > uint64(len(tiff)) {
			return false
		}
		for i := uint64(0); i < n; i++ {
			e := tiff[uint64(off)+2+i*12:]
			tag, typ, count := order.Uint16(e), order.Uint16(e[2:]), uint64(order.Uint32(e[4:]))
			size, known := sizes[typ]
			if !known {
				size = 1
			}
			if count*size > uint64(len(tiff)) {
				return false
			}
			switch tag {
			case 0x8769, 0x8825, 0xA005: // EXIF, GPS, interoperability sub-IFDs
				pending = append(pending, order.Uint32(e[8:]))
			}
		}
		pending = append(pending, order.Uint32(tiff[end:]))
	}
	return true
}

// CaptureTime chooses a recording's capture time: the file name first (when nameInfo has a
// time), then the time inside the file (info.Created, from MP4/MOV metadata or EXIF), then
// the file's modification time. deviceOffset is how far the device's clock runs ahead of the
// true time (negative when it runs behind); it is subtracted from whichever time was
// chosen, since all three come from the device's clock. The result is in time.Local. When
// no time is known at all it returns the zero time and "".
func CaptureTime(info Info, nameInfo NameInfo, fileModTime time.Time, deviceOffset time.Duration) (time.Time, Source) {
	var t time.Time
	var src Source
	switch {
	case !nameInfo.Captured.IsZero():
		t, src = nameInfo.Captured, SourceName
	case !info.Created.IsZero():
		t, src = info.Created, info.CreatedSource
		if src == "" {
			src = SourceMetadata
		}
	case !fileModTime.IsZero():
		t, src = fileModTime, SourceModTime
	default:
		return time.Time{}, ""
	}
	return t.Add(-deviceOffset).In(time.Local), src
}
