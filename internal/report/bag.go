package report

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path"
	"runtime"
	"sort"
	"strings"
	"time"
	"unicode"
)

// The BagIt layout (RFC 8493) of the annual data bundle: a zip whose single top-level
// folder is the bag, holding bagit.txt, bag-info.txt, manifest-sha256.txt,
// tagmanifest-sha256.txt and the payload under data/.
const (
	bagitVersion    = "1.0"
	bagitFile       = "bagit.txt"
	bagInfoFile     = "bag-info.txt"
	manifestFile    = "manifest-sha256.txt"
	tagManifestFile = "tagmanifest-sha256.txt"
	payloadDir      = "data/"
)

// bagWriter writes a bag into a zip as it goes: payload files are hashed while they are
// written, and the manifests come last.
type bagWriter struct {
	zw      *zip.Writer
	root    string // the bag's folder inside the zip, e.g. 青市监-年度行政执法数据-2025
	created time.Time
	payload []bagEntry
	tags    []bagEntry
	names   map[string]bool
	// workDir holds files being rendered in parallel (AddRendered); "" renders in line.
	workDir   string
	rendering []*rendered
	slots     chan struct{}
}

type bagEntry struct {
	path string // relative to the bag, e.g. data/statistics/统计.csv
	sum  string
	size int64
}

func newBagWriter(w io.Writer, root string, created time.Time) (*bagWriter, error) {
	zw := zip.NewWriter(w)
	// a bundle is archived once and read rarely: fast compression is the better trade
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	b := &bagWriter{zw: zw, root: root, created: created, names: map[string]bool{}}
	err := b.writeTag(bagitFile, []byte("BagIt-Version: "+bagitVersion+"\nTag-File-Character-Encoding: UTF-8\n"))
	return b, err
}

// compressed reports whether a file of this name is already compressed, so deflating it
// again only costs time.
func compressed(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".pdf", ".xlsx", ".zip", ".jpg", ".jpeg", ".png", ".mp4", ".mov", ".mp3", ".avi", ".ofd":
		return true
	}
	return false
}

// create opens a zip entry for rel (relative to the bag) and returns a writer that hashes.
func (b *bagWriter) create(rel string) (io.Writer, *hashCounter, error) {
	if b.names[rel] {
		return nil, nil, fmt.Errorf("bundle: %s written twice", rel)
	}
	b.names[rel] = true
	method := zip.Deflate
	if compressed(rel) {
		method = zip.Store
	}
	zf, err := b.zw.CreateHeader(&zip.FileHeader{Name: b.root + "/" + rel, Method: method, Modified: b.created})
	if err != nil {
		return nil, nil, err
	}
	h := &hashCounter{h: sha256.New()}
	return io.MultiWriter(zf, h), h, nil
}

// Add writes a payload file at rel under data/ from r.
func (b *bagWriter) Add(rel string, r io.Reader) error {
	rel = payloadDir + rel
	w, h, err := b.create(rel)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, r); err != nil {
		return err
	}
	b.payload = append(b.payload, bagEntry{rel, h.sum(), h.n})
	return nil
}

// AddBytes writes a payload file from memory.
func (b *bagWriter) AddBytes(rel string, data []byte) error {
	return b.Add(rel, strings.NewReader(string(data)))
}

// AddFunc writes a payload file produced by fill (a PDF or spreadsheet renderer).
func (b *bagWriter) AddFunc(rel string, fill func(io.Writer) error) error {
	rel = payloadDir + rel
	w, h, err := b.create(rel)
	if err != nil {
		return err
	}
	if err := fill(w); err != nil {
		return err
	}
	b.payload = append(b.payload, bagEntry{rel, h.sum(), h.n})
	return nil
}

// AddRendered is AddFunc for a renderer that needs nothing from the parts after it (a
// PDF, a spreadsheet): it renders into a temporary file in workDir on another goroutine,
// as many at once as the PC has cores, and the file joins the zip at finishRendered.
func (b *bagWriter) AddRendered(rel string, fill func(io.Writer) error) error {
	if b.workDir == "" {
		return b.AddFunc(rel, fill)
	}
	if b.names[payloadDir+rel] {
		return fmt.Errorf("bundle: %s written twice", rel)
	}
	b.names[payloadDir+rel] = true
	tmp, err := os.CreateTemp(b.workDir, "part-*")
	if err != nil {
		return err
	}
	r := &rendered{rel: rel, tmp: tmp, done: make(chan error, 1)}
	b.rendering = append(b.rendering, r)
	if b.slots == nil {
		b.slots = make(chan struct{}, max(1, runtime.NumCPU()))
	}
	b.slots <- struct{}{}
	go func() {
		defer func() { <-b.slots }()
		w := bufio.NewWriterSize(tmp, 1<<20)
		err := fill(w)
		if err == nil {
			err = w.Flush()
		}
		r.done <- err
	}()
	return nil
}

// rendered is a payload file being rendered on another goroutine.
type rendered struct {
	rel  string
	tmp  *os.File
	done chan error
	err  error
	read bool
}

// waitRendered waits for every renderer and returns the first error.
func (b *bagWriter) waitRendered() error {
	var first error
	for _, r := range b.rendering {
		if !r.read {
			r.err, r.read = <-r.done, true
		}
		if first == nil {
			first = r.err
		}
	}
	return first
}

// finishRendered copies the rendered files into the zip, in the order they were added,
// and removes them.
func (b *bagWriter) finishRendered() error {
	if err := b.waitRendered(); err != nil {
		return err
	}
	for _, r := range b.rendering {
		if _, err := r.tmp.Seek(0, io.SeekStart); err != nil {
			return err
		}
		delete(b.names, payloadDir+r.rel) // claimed at AddRendered; Add claims it again
		if err := b.Add(r.rel, r.tmp); err != nil {
			return err
		}
		r.tmp.Close()
		os.Remove(r.tmp.Name())
	}
	b.rendering = nil
	return nil
}

func (b *bagWriter) writeTag(name string, data []byte) error {
	w, h, err := b.create(name)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		return err
	}
	b.tags = append(b.tags, bagEntry{name, h.sum(), h.n})
	return nil
}

// Oxum is the Payload-Oxum of the bag so far: total payload bytes and file count.
func (b *bagWriter) Oxum() (int64, int) {
	var n int64
	for _, e := range b.payload {
		n += e.size
	}
	return n, len(b.payload)
}

// Close writes bag-info.txt (info plus Bagging-Date and Payload-Oxum), the payload
// manifest and the tag manifest, and finishes the zip.
func (b *bagWriter) Close(info []InfoField) error {
	if err := b.finishRendered(); err != nil {
		return err
	}
	octets, count := b.Oxum()
	info = append(info,
		InfoField{"Bagging-Date", b.created.Format("2006-01-02")},
		InfoField{"Payload-Oxum", fmt.Sprintf("%d.%d", octets, count)},
		InfoField{"Bag-Size", humanSize(octets)},
	)
	if err := b.writeTag(bagInfoFile, formatInfo(info)); err != nil {
		return err
	}
	if err := b.writeTag(manifestFile, formatManifest(b.payload)); err != nil {
		return err
	}
	tagManifest := formatManifest(b.tags)
	if err := b.writeTag(tagManifestFile, tagManifest); err != nil {
		return err
	}
	// BagIt lists no checksum of the tag manifest itself; the zip comment carries one, so
	// a change to it is caught too
	sum := sha256.Sum256(tagManifest)
	b.zw.SetComment("LawDesk annual bundle (BagIt " + bagitVersion + ") " + tagManifestFile + " sha256=" + hex.EncodeToString(sum[:]))
	return b.zw.Close()
}

// InfoField is one "Label: value" line of bag-info.txt.
type InfoField struct {
	Label, Value string
}

func formatInfo(fields []InfoField) []byte {
	var s strings.Builder
	for _, f := range fields {
		// a value never spans lines here; RFC 8493 would allow folding, but one line reads better
		v := strings.Map(func(r rune) rune {
			if r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, f.Value)
		fmt.Fprintf(&s, "%s: %s\n", f.Label, v)
	}
	return []byte(s.String())
}

func formatManifest(entries []bagEntry) []byte {
	sorted := append([]bagEntry(nil), entries...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].path < sorted[j].path })
	var s strings.Builder
	for _, e := range sorted {
		fmt.Fprintf(&s, "%s  %s\n", e.sum, encodePath(e.path))
	}
	return []byte(s.String())
}

// encodePath percent-encodes the characters RFC 8493 §2.1.3 requires in manifest paths.
func encodePath(p string) string {
	return strings.NewReplacer("%", "%25", "\n", "%0A", "\r", "%0D").Replace(p)
}

func decodePath(p string) string {
	return strings.NewReplacer("%0A", "\n", "%0a", "\n", "%0D", "\r", "%0d", "\r", "%25", "%").Replace(p)
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

type hashCounter struct {
	h interface {
		io.Writer
		Sum([]byte) []byte
	}
	n int64
}

func (c *hashCounter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return c.h.Write(p)
}

func (c *hashCounter) sum() string { return hex.EncodeToString(c.h.Sum(nil)) }

// safeName makes a string usable as one file name inside the bag on every system: no
// path separators, no characters Windows refuses, no leading dots, at most 80 runes.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r), unicode.IsControl(r):
			return '_'
		}
		return r
	}, strings.TrimSpace(s))
	s = strings.TrimLeft(s, ".")
	if r := []rune(s); len(r) > 80 {
		s = string(r[:80])
	}
	if s == "" {
		s = "_"
	}
	return s
}
