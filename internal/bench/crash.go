package bench

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"lawdesk/internal/demo"
	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/publication"
	"lawdesk/internal/record"
	"lawdesk/internal/recording"
	"lawdesk/internal/store"
)

// The power-cut harness: Writer is the LawDesk that loses its power, Ack what it promised,
// CheckAfterCrash what must still be true when the data is opened again.

// Ack is one acknowledged change: the change had committed when Writer printed it.
type Ack struct {
	Kind string // case (registered or a stage completed), decision, publication, recording, view
	ID   uint64 // the case, publication or recording
	N    int    // case: how many history lines it had; view: the chain length after it
	SHA  string // recording: the stored file
}

func (a Ack) String() string {
	return fmt.Sprintf("ACK %s %d %d %s", a.Kind, a.ID, a.N, a.SHA)
}

// ParseAck reads one line Writer printed; ok is false for any other line (or a line cut
// short by the kill).
func ParseAck(line string) (Ack, bool) {
	f := strings.Fields(line)
	if len(f) < 4 || f[0] != "ACK" {
		return Ack{}, false
	}
	id, err1 := strconv.ParseUint(f[2], 10, 64)
	n, err2 := strconv.Atoi(f[3])
	a := Ack{Kind: f[1], ID: id, N: n}
	if len(f) > 4 {
		a.SHA = f[4]
	}
	return a, err1 == nil && err2 == nil
}

// Writer works on the office in dir as busy people do — registering cases, completing their
// stages, deciding, filing scanned documents, archiving, publishing decisions, importing
// body-camera photos, opening cases — and
// after each change has committed writes its Ack as one line to ack (unbuffered, so a kill
// never loses an acknowledgement that was made). It stops after n changes (0: never), or at
// the first error.
func Writer(dir string, seed uint64, n int, ack io.Writer) error {
	st, err := store.Open(dir, store.Options{Timeout: 10 * time.Second})
	if err != nil {
		return err
	}
	defer st.Close()
	sess, err := office.New(st).Login("admin", DefaultPassword)
	if err != nil {
		return err
	}
	w := &writer{st: st, sess: sess, rec: record.New(st), pub: publication.New(st), rs: recording.New(st),
		r: rand.New(rand.NewPCG(seed, uint64(time.Now().UnixNano()))), ack: ack, dir: dir}
	if w.officers, err = w.rec.Officers(); err != nil {
		return err
	}
	if w.catalogue, err = w.rec.Catalogue(); err != nil {
		return err
	}
	if len(w.officers) < 2 {
		return errors.New("writer: the office needs two certified officers")
	}
	for i := 0; n == 0 || i < n; i++ {
		if err := w.step(); err != nil {
			return err
		}
	}
	return nil
}

type writer struct {
	st        *store.Store
	sess      office.Session
	rec       *record.Service
	pub       *publication.Service
	rs        *recording.Service
	r         *rand.Rand
	ack       io.Writer
	dir       string
	officers  []domain.Officer
	catalogue []domain.DocType
	photos    int
}

func (w *writer) say(a Ack) error {
	_, err := io.WriteString(w.ack, a.String()+"\n")
	return err
}

func (w *writer) step() error {
	switch n := w.r.IntN(100); {
	case n < 15:
		return w.register()
	case n < 60:
		return w.advance()
	case n < 70:
		c, ok, err := w.openCase()
		if err != nil || !ok {
			return err
		}
		for _, t := range w.catalogue {
			if t.Stage == c.Stage {
				return w.fileDocument(c, t.Name) // the scan of the stage in hand
			}
		}
		return nil
	case n < 80:
		return w.publish()
	case n < 90:
		return w.importPhotos()
	default:
		return w.view()
	}
}

func (w *writer) register() error {
	o := w.r.Perm(len(w.officers))
	p := party(w.r, time.Now().Year())
	typ := pick(w.r, []domain.ActType{domain.ActPenalty, domain.ActLicensing, domain.ActInspection})
	c, err := w.rec.CreateCase(w.sess, domain.Case{Type: typ, MatterName: "断电测试事项", Procedure: domain.ProcedureGeneral,
		Source: domain.SourceInspection, Party: p, HandlingUnit: "执法稽查大队",
		OfficerIDs: []uint64{w.officers[o[0]].ID, w.officers[o[1]].ID}, Facts: fill(w.r, matterSpecs[0].facts, p, domain.DateOf(time.Now()))})
	if err != nil {
		return err
	}
	return w.say(Ack{Kind: "case", ID: c.ID, N: len(c.History)})
}

// openCase picks a case still in progress, mostly the furthest along of the newest ones,
// so cases reach their decision, closing and archiving within a few hundred writes.
func (w *writer) openCase() (domain.Case, bool, error) {
	page, err := w.rec.Cases(w.sess, record.CaseFilter{Status: domain.StatusOpen, Limit: 20})
	if err != nil || len(page.Cases) == 0 {
		return domain.Case{}, false, err
	}
	if w.r.IntN(3) == 0 {
		return pick(w.r, page.Cases), true, nil
	}
	best := page.Cases[0]
	for _, c := range page.Cases {
		if c.Stage.Index() > best.Stage.Index() {
			best = c
		}
	}
	return best, true, nil
}

// advance completes the current stage of an open case (deciding first at 决定), or
// archives a closed one, filing the documents its dossier still lacks first.
func (w *writer) advance() error {
	c, ok, err := w.openCase()
	if w.r.IntN(3) == 0 {
		c, ok, err = w.closedCase()
	}
	if err != nil || !ok {
		return err
	}
	if c.Stage == domain.StageArchive {
		ds, err := w.rec.Dossier(w.sess, c.ID)
		if err != nil {
			return err
		}
		if len(ds.Missing) > 0 {
			return w.fileDocument(c, ds.Missing[0])
		}
		if c, err = w.rec.CompleteStage(w.sess, record.StageStep{CaseID: c.ID, Note: "断电测试：立卷归档"}); err != nil {
			return err
		}
		return w.say(Ack{Kind: "case", ID: c.ID, N: len(c.History)})
	}
	if c.Stage == domain.StageDecide && !c.Decision.Decided() {
		d := domain.Decision{Date: domain.DateOf(w.st.Now()), DocNumber: c.Number, Summary: "准予许可"}
		if c.Type == domain.ActPenalty {
			d.Kinds, d.Summary = []domain.PenaltyKind{domain.PenaltyWarning}, "警告"
		}
		if c, err = w.rec.SetDecision(w.sess, c.ID, d); err != nil {
			return err
		}
		return w.say(Ack{Kind: "decision", ID: c.ID, N: len(c.History)})
	}
	next := c.NextStages()
	if len(next) == 0 {
		return nil
	}
	c, err = w.rec.CompleteStage(w.sess, record.StageStep{CaseID: c.ID, OfficerID: c.OfficerIDs[0],
		Note: "断电测试：完成环节", Next: next[len(next)-1]})
	if err != nil {
		return err
	}
	return w.say(Ack{Kind: "case", ID: c.ID, N: len(c.History)})
}

// closedCase picks a case waiting to be archived.
func (w *writer) closedCase() (domain.Case, bool, error) {
	page, err := w.rec.Cases(w.sess, record.CaseFilter{Status: domain.StatusClosed, Limit: 20})
	if err != nil || len(page.Cases) == 0 {
		return domain.Case{}, false, err
	}
	return pick(w.r, page.Cases), true, nil
}

// fileDocument scans a document of the given type into the case, as from the scanner folder.
func (w *writer) fileDocument(c domain.Case, docType string) error {
	page, err := demo.ScanJPEG(demo.Sheet{Office: demo.Agency.Name, Title: docType, Number: c.Number,
		Lines: []string{fmt.Sprintf("断电测试文书 %d", w.r.IntN(1_000_000))}}, 600)
	if err != nil {
		return err
	}
	path := filepath.Join(filepath.Dir(w.dir), fmt.Sprintf("scan-%d.jpg", w.r.Uint64()))
	if err := os.WriteFile(path, page, 0o600); err != nil {
		return err
	}
	defer os.Remove(path)
	stage := domain.Stage("")
	for _, t := range w.catalogue {
		if t.Name == docType {
			stage = t.Stage
		}
	}
	d, err := w.rec.AddDocument(context.Background(), w.sess, record.AddDocumentRequest{CaseID: c.ID, Stage: stage,
		Type: docType, Title: docType, Author: demo.Agency.Name, Path: path}, nil)
	if err != nil {
		return err
	}
	return w.say(Ack{Kind: "document", ID: d.ID, SHA: d.SHA256})
}

// publish confirms and records the publication of a decision waiting for it.
func (w *writer) publish() error {
	entries, err := w.pub.Entries(w.sess)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Task != publication.TaskPublish || e.KeepPrivate != "" {
			continue
		}
		p, err := w.pub.Prepare(w.sess, e.Case.ID)
		if err != nil {
			return err
		}
		p.Draft.Basis = "《中华人民共和国食品安全法》第一百二十四条"
		if strings.TrimSpace(p.Draft.Violation) == "" {
			p.Draft.Violation = "销售超过保质期的食品"
		}
		pb, err := w.pub.Confirm(w.sess, e.Case.ID, publication.PublishForm{Draft: p.Draft,
			PublishedOn: domain.DateOf(w.st.Now()), Channel: domain.ChannelWebsite})
		if err != nil {
			return err
		}
		return w.say(Ack{Kind: "publication", ID: pb.ID})
	}
	return nil
}

// importPhotos imports a folder of three new photos as a body camera leaves them.
func (w *writer) importPhotos() error {
	src, err := os.MkdirTemp(filepath.Dir(w.dir), "camera-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(src)
	dcim := filepath.Join(src, "DCIM", "100MEDIA")
	if err := os.MkdirAll(dcim, 0o700); err != nil {
		return err
	}
	for range 3 {
		w.photos++
		img := image.NewRGBA(image.Rect(0, 0, 32, 24))
		for i := range img.Pix {
			img.Pix[i] = byte(w.r.Uint32())
		}
		img.Set(0, 0, color.RGBA{byte(w.photos), byte(w.photos >> 8), 0, 255})
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, nil); err != nil {
			return err
		}
		at := time.Now().Add(-time.Duration(w.r.IntN(3600)) * time.Second)
		name := fmt.Sprintf("DCAM_CAM%03d_%06d_%s.jpg", 1+w.r.IntN(9), 1+w.r.IntN(999), at.Format("20060102_150405"))
		if err := os.WriteFile(filepath.Join(dcim, fmt.Sprintf("%d_%s", w.photos, name)), buf.Bytes(), 0o600); err != nil {
			return err
		}
	}
	items, err := w.rs.Scan(context.Background(), src, nil)
	if err != nil {
		return err
	}
	sum, err := w.rs.Import(context.Background(), w.sess, recording.ImportRequest{Root: src, Items: items}, nil)
	if err != nil {
		return err
	}
	for _, r := range sum.Imported {
		if err := w.say(Ack{Kind: "recording", ID: r.ID, SHA: r.SHA256}); err != nil {
			return err
		}
	}
	return nil
}

// view opens a case, which logs the view in the audit chain.
func (w *writer) view() error {
	page, err := w.rec.Cases(w.sess, record.CaseFilter{Limit: 20})
	if err != nil || len(page.Cases) == 0 {
		return err
	}
	c := pick(w.r, page.Cases)
	if _, err := w.rec.OpenCase(w.sess, c.ID, "断电测试调阅"); err != nil {
		return err
	}
	chain, err := w.st.Events(store.EventFilter{Newest: true, Limit: 1})
	if err != nil || len(chain) == 0 {
		return err
	}
	return w.say(Ack{Kind: "view", ID: c.ID, N: int(chain[0].Seq)})
}

// ReadAcks collects the acknowledgements in r until it ends, passing any other line (the
// writer's complaints) to other.
func ReadAcks(r io.Reader, into chan<- Ack, other io.Writer) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if a, ok := ParseAck(sc.Text()); ok {
			into <- a
		} else if other != nil && !strings.HasPrefix(sc.Text(), "=== RUN") {
			fmt.Fprintln(other, "writer:", sc.Text())
		}
	}
	close(into)
}

// CheckAfterCrash opens the data in dir after a kill and checks that it opens, that the
// quick and the full verification hold (stray files, the complete leftovers of an import
// cut short before its database commit, are allowed and returned), and that every
// acknowledged change is there.
func CheckAfterCrash(dir string, acks []Ack) (strays int, err error) {
	st, err := store.Open(dir, store.Options{Timeout: 10 * time.Second})
	if err != nil {
		return 0, fmt.Errorf("the store does not open: %w", err)
	}
	defer st.Close()
	quick, err := st.VerifyQuick(context.Background())
	if err != nil {
		return 0, err
	}
	if !quick.OK() {
		return 0, fmt.Errorf("quick verify fails: %v", problems(quick))
	}
	full, err := st.Verify(context.Background(), nil)
	if err != nil {
		return 0, err
	}
	for _, c := range full.Checks {
		for _, p := range c.Problems {
			if !strings.HasPrefix(p, "多余文件") {
				return 0, fmt.Errorf("verify fails: %s: %s", c.Name, p)
			}
			strays++
		}
	}
	chain, err := st.VerifyChain()
	if err != nil {
		return strays, err
	}
	for _, a := range acks {
		if err := checkAck(st, a, chain.Events); err != nil {
			return strays, fmt.Errorf("acknowledged change lost: %v: %w", a, err)
		}
	}
	return strays, nil
}

func checkAck(st *store.Store, a Ack, events uint64) error {
	switch a.Kind {
	case "case", "decision":
		c, err := st.Case(a.ID)
		if err != nil {
			return err
		}
		if len(c.History) < a.N {
			return fmt.Errorf("case %s has %d history lines, %d were acknowledged", c.Number, len(c.History), a.N)
		}
		if a.Kind == "decision" && !c.Decision.Decided() {
			return fmt.Errorf("case %s lost its decision", c.Number)
		}
	case "publication":
		p, err := st.Publication(a.ID)
		if err != nil {
			return err
		}
		if p.Status() != domain.PubPublished {
			return fmt.Errorf("publication %d is %s", p.ID, p.Status())
		}
	case "recording":
		r, err := st.Recording(a.ID)
		if err != nil {
			return err
		}
		if r.SHA256 != a.SHA || !st.Blobs().Has(a.SHA) {
			return fmt.Errorf("recording %d: file %s missing", r.ID, a.SHA)
		}
	case "document":
		d, err := st.Document(a.ID)
		if err != nil {
			return err
		}
		if d.SHA256 != a.SHA || !st.Blobs().Has(a.SHA) {
			return fmt.Errorf("document %d: file %s missing", d.ID, a.SHA)
		}
	case "view":
		if events < uint64(a.N) {
			return fmt.Errorf("the chain has %d events, %d were acknowledged", events, a.N)
		}
	default:
		return fmt.Errorf("unknown acknowledgement")
	}
	return nil
}

func problems(r store.Report) []string {
	var out []string
	for _, c := range r.Checks {
		for _, p := range c.Problems {
			out = append(out, c.Name+"："+p)
		}
	}
	return out
}
