package publicity

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	_ "image/png" // photos may be PNG
	"io"
	"os"
	"path/filepath"
	"strings"

	"lawdesk/internal/blob"
	"lawdesk/internal/domain"
	"lawdesk/internal/media"
	"lawdesk/internal/office"
	"lawdesk/internal/pdf"
	"lawdesk/internal/store"
)

// Windows lists the service windows whose posting-board cards (岗位信息公示牌) are printed.
func (s *Service) Windows(sess office.Session) ([]domain.Window, error) {
	if err := domain.Require(sess.User, domain.PermViewDashboard, "查看岗位信息公示牌"); err != nil {
		return nil, err
	}
	return s.st.Windows()
}

// PhotoFile is a photo the clerk picked: its file name (for messages) and content.
type PhotoFile struct {
	Name string
	Data []byte
}

// maxPhotoBytes is the largest photo file accepted (a phone camera's JPEG is 3–8 MB).
const maxPhotoBytes = 30 << 20

// SaveWindow adds (ID 0) or changes a service window; photo, when not nil, replaces its ID
// photo after it is cropped to 3:4 and scaled down.
func (s *Service) SaveWindow(sess office.Session, w domain.Window, photo *PhotoFile) (domain.Window, error) {
	if err := domain.Require(sess.User, PermEditCards, "编辑岗位信息公示牌"); err != nil {
		return w, err
	}
	w = trimWindow(w)
	if w.OfficerID != 0 {
		o, err := s.st.Officer(w.OfficerID)
		if err != nil {
			return w, domain.FieldErrorf("officer", "选择的执法人员不存在，请重新选择。")
		}
		if w.Staff == "" {
			w.Staff = o.Name
		}
	}
	if err := w.Validate(); err != nil {
		return w, err
	}
	var info *blob.Info
	if photo != nil {
		i, err := s.storePhoto(*photo)
		if err != nil {
			return w, err
		}
		info = &i
	}
	return s.st.SaveWindow(store.Change{Actor: sess.Actor()}, w, info)
}

func trimWindow(w domain.Window) domain.Window {
	for _, f := range []*string{&w.Name, &w.Staff, &w.Post, &w.Duties, &w.Materials, &w.ProgressPhone, &w.Consultation, &w.ComplaintPhone} {
		*f = clean(*f)
	}
	var svc []string
	for _, x := range w.Services {
		if x = strings.TrimSpace(x); x != "" {
			svc = append(svc, x)
		}
	}
	w.Services = svc
	return w
}

// DeleteWindow removes a service window.
func (s *Service) DeleteWindow(sess office.Session, id uint64) error {
	if err := domain.Require(sess.User, PermEditCards, "编辑岗位信息公示牌"); err != nil {
		return err
	}
	return s.st.DeleteWindow(store.Change{Actor: sess.Actor()}, id)
}

// SetOfficerPhoto stores an officer's ID photo, used on the cards of their windows.
func (s *Service) SetOfficerPhoto(sess office.Session, officerID uint64, photo PhotoFile) error {
	if err := domain.Require(sess.User, PermEditLists, "修改执法人员照片"); err != nil {
		return err
	}
	info, err := s.storePhoto(photo)
	if err != nil {
		return err
	}
	_, err = s.st.SetOfficerPhoto(store.Change{Actor: sess.Actor()}, officerID, info)
	return err
}

// storePhoto decodes a JPEG or PNG, crops it to the ID-photo ratio, scales it to at most
// pdf.IDPhotoWidth × pdf.IDPhotoHeight and stores it as JPEG in the blob store.
func (s *Service) storePhoto(p PhotoFile) (blob.Info, error) {
	name := filepath.Base(p.Name)
	if len(p.Data) > maxPhotoBytes {
		return blob.Info{}, domain.Errorf(domain.EINVALID, "照片“%s”太大（%.0f MB），请选择 30 MB 以内的 JPG 或 PNG 照片。", name, float64(len(p.Data))/1e6)
	}
	img, _, err := image.Decode(bytes.NewReader(p.Data))
	if err != nil {
		return blob.Info{}, domain.Wrap(err, domain.EINVALID, "无法读取照片“%s”：只支持 JPG 和 PNG 格式的图片，文件也可能已损坏。", name)
	}
	if b := img.Bounds(); b.Dx() < 60 || b.Dy() < 80 {
		return blob.Info{}, domain.Errorf(domain.EINVALID, "照片“%s”太小（%d×%d 像素），打印出来会模糊。请选择至少 300×400 像素的证件照。", name, b.Dx(), b.Dy())
	}
	id := pdf.IDPhoto(img, pdf.IDPhotoWidth, pdf.IDPhotoHeight)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, id, &jpeg.Options{Quality: 90}); err != nil {
		return blob.Info{}, domain.Wrap(err, domain.EINTERNAL, "处理照片“%s”时出错。", name)
	}
	return s.st.Blobs().Put(context.Background(), &buf)
}

// photoSHA is the stored photo of a window: its own, else its officer's; "" when none.
func (s *Service) photoSHA(w domain.Window) string {
	if w.PhotoSHA == "" && w.OfficerID != 0 {
		if o, err := s.st.Officer(w.OfficerID); err == nil {
			return o.PhotoSHA
		}
	}
	return w.PhotoSHA
}

// Photo returns the ID photo of a window (its own, else its officer's); nil when none.
func (s *Service) Photo(w domain.Window) (image.Image, error) { return s.photoBySHA(s.photoSHA(w)) }

// photoJPEG is the stored photo of a window as the JPEG storePhoto wrote (3:4, at most
// pdf.IDPhotoWidth wide), embedded in cards as it is; nil when none.
func (s *Service) photoJPEG(w domain.Window) ([]byte, error) {
	sha := s.photoSHA(w)
	if sha == "" {
		return nil, nil
	}
	f, err := s.st.Blobs().Open(sha)
	if err != nil {
		return nil, domain.Wrap(err, domain.EINTERNAL, "照片文件缺失或无法读取（%s…）。请运行数据校验，或重新选择照片。", sha[:12])
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, domain.Wrap(err, domain.EINTERNAL, "照片文件无法读取（%s…）。", sha[:12])
	}
	return data, nil
}

// OfficerPhoto returns an officer's stored ID photo; nil when none.
func (s *Service) OfficerPhoto(o domain.Officer) (image.Image, error) {
	return s.photoBySHA(o.PhotoSHA)
}

func (s *Service) photoBySHA(sha string) (image.Image, error) {
	if sha == "" {
		return nil, nil
	}
	f, err := s.st.Blobs().Open(sha)
	if err != nil {
		return nil, domain.Wrap(err, domain.EINTERNAL, "照片文件缺失或无法读取（%s…）。请运行数据校验，或重新选择照片。", sha[:12])
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		return nil, domain.Wrap(err, domain.EINTERNAL, "照片文件已损坏（%s…）。请重新选择照片。", sha[:12])
	}
	return img, nil
}

// CardSize parses a card paper size: A4 or A5 (landscape).
func CardSize(s string) (pdf.CardSize, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "", "A4":
		return pdf.CardA4, nil
	case "A5":
		return pdf.CardA5Landscape, nil
	}
	return 0, domain.Errorf(domain.EINVALID, "公示牌纸张“%s”不支持。可选：A4（纵向）或 A5（横向）。", s)
}

// PrintCards writes the posting-board cards of the windows with ids (all windows when
// ids is empty), one per page, and logs the print. The cards hang in public, so printing
// them needs no account. progress, when not nil, is told how many cards are prepared.
func (s *Service) PrintCards(sess office.Session, w io.Writer, ids []uint64, size pdf.CardSize, progress func(done, total int)) error {
	all, err := s.st.Windows()
	if err != nil {
		return err
	}
	want := map[uint64]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var windows []domain.Window
	for _, win := range all {
		if len(ids) == 0 || want[win.ID] {
			windows = append(windows, win)
		}
	}
	if len(windows) == 0 {
		return domain.Errorf(domain.EINVALID, "还没有服务窗口。请先在“岗位信息公示牌”中添加窗口。")
	}
	if err := s.renderCards(w, windows, size, progress); err != nil {
		return err
	}
	names := make([]string, len(windows))
	for i, win := range windows {
		names[i] = win.Name
	}
	return s.st.LogAccess(sess.Actor(), "card.print", "windows", fmt.Sprintf("打印岗位信息公示牌 %d 张：%s", len(windows), strings.Join(names, "、")))
}

// renderCards writes the cards of windows.
func (s *Service) renderCards(w io.Writer, windows []domain.Window, size pdf.CardSize, progress func(done, total int)) error {
	ag, _, err := s.st.Agency()
	if err != nil {
		return err
	}
	cards := make([]pdf.Card, len(windows))
	for i, win := range windows {
		photo, err := s.photoJPEG(win)
		if err != nil {
			return err
		}
		cards[i] = pdf.Card{Office: ag.Name, Window: win.Name, Name: win.Staff, Post: win.Post, Duties: win.Duties,
			Services: win.Services, Materials: win.Materials, ProgressPhone: win.ProgressPhone,
			Consultation: win.Consultation, ComplaintPhone: win.ComplaintPhone, QRURL: ag.PublicURL, PhotoJPEG: photo}
		if progress != nil {
			progress(i+1, len(windows))
		}
	}
	return pdf.RenderCards(w, cards, size)
}

// CardPreview renders the card of w (saved or not) as a picture whose longer side is
// maxSide pixels, so the clerk sees it before printing.
func (s *Service) CardPreview(sess office.Session, w domain.Window, size pdf.CardSize, maxSide int) (image.Image, error) {
	if err := domain.Require(sess.User, domain.PermViewDashboard, "预览岗位信息公示牌"); err != nil {
		return nil, err
	}
	if strings.TrimSpace(w.Staff) == "" {
		w.Staff = "（姓名）"
	}
	f, err := os.CreateTemp("", "lawdesk-card-*.pdf")
	if err != nil {
		return nil, domain.Wrap(err, domain.EINTERNAL, "无法生成预览：临时目录不可写。")
	}
	defer os.Remove(f.Name())
	err = s.renderCards(f, []domain.Window{w}, size, nil)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	doc, err := media.OpenDocument(f.Name())
	if err != nil {
		return nil, err
	}
	defer doc.Close()
	return doc.RenderPage(0, maxSide)
}
