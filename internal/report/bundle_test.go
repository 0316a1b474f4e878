package report_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/demo"
	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/report"
	"lawdesk/internal/store"
)

// clock is the office's clock in these tests; tests move it to place events in a year.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func at(y int, m time.Month, d, hh, mm, ss int) time.Time {
	return time.Date(y, m, d, hh, mm, ss, 0, time.Local)
}

// yearStore is an office set up in March 2025 (not the demo, so that tests can count by
// hand) with a clerk, officers, and events on both sides of the 2025/2026 boundary.
func yearStore(t testing.TB) (*store.Store, *clock) {
	t.Helper()
	c := &clock{at(2025, 3, 1, 9, 0, 0)}
	st, err := store.Open(filepath.Join(t.TempDir(), "data"), store.Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	setUpOffice(t, st)
	for _, o := range []domain.Officer{
		{Name: "刘洋", Unit: "城关市场监管所", CertNo: "52020001", CertIssuer: "贵州省人民政府", ValidUntil: domain.NewDate(2027, 6, 30), TrainingHours: map[int]float64{2025: 48}},
		{Name: "陈静", Unit: "城关市场监管所", CertNo: "52020002", CertIssuer: "贵州省人民政府", ValidUntil: domain.NewDate(2025, 8, 31), TrainingHours: map[int]float64{2025: 12}},
		{Name: "马骏", Unit: "法制股", CertNo: "52020003", CertIssuer: "贵州省人民政府", ValidUntil: domain.NewDate(2028, 1, 1), Reviewer: true},
		{Name: "何晓", Unit: "政务服务窗口"},
		{Name: "老张", Unit: "城关市场监管所", CertNo: "52020009", CertIssuer: "贵州省人民政府", ValidUntil: domain.NewDate(2026, 1, 1), Left: true},
	} {
		if _, err := st.SaveOfficer(store.Change{Actor: "admin"}, o); err != nil {
			t.Fatal(err)
		}
	}
	c.t = at(2025, 12, 31, 23, 59, 30)
	st.SaveSetting("admin", "test.boundary", 1, "年末最后一条")
	c.t = at(2026, 1, 1, 0, 0, 10)
	st.SaveSetting("admin", "test.boundary", 2, "新年第一条")
	c.t = at(2026, 1, 10, 10, 0, 0)
	return st, c
}

// setUpOffice creates the office with its administrator (also head) and a window clerk.
func setUpOffice(t testing.TB, st *store.Store) {
	t.Helper()
	sess, err := office.New(st).Setup(office.SetupRequest{Agency: domain.Agency{Name: "青山县市场监督管理局", ShortName: "青市监",
		Region: "贵州省六盘水市青山县", Address: "青山县人民路 88 号", Phone: "0858-12315"},
		AdminName: "admin", AdminFullName: "王建国", Password: "demo1234", Password2: "demo1234"})
	if err != nil {
		t.Fatal(err)
	}
	sess.User.Roles = []domain.Role{domain.RoleAdmin, domain.RoleHead}
	if _, err := st.SaveUser(sess.User, store.UserChange{Actor: "admin", Action: "user.update"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveUser(domain.User{Name: "hexiao", FullName: "何晓", Roles: []domain.Role{domain.RoleClerk}},
		store.UserChange{Actor: "admin", Action: "user.create"}); err != nil {
		t.Fatal(err)
	}
}

func admin(t testing.TB, st *store.Store) office.Session {
	u, err := st.UserByName("admin")
	if err != nil {
		t.Fatal(err)
	}
	return office.Session{User: u}
}

func exportBundle(t testing.TB, st *store.Store) (string, report.BundleResult) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "bundle.zip")
	res, err := report.New(st).ExportBundle(context.Background(), admin(t, st), 2025, file, report.BundleOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return file, res
}

func TestBundleRoundTrip(t *testing.T) {
	st, _ := yearStore(t)
	file, res := exportBundle(t, st)
	rep, err := report.VerifyBundle(context.Background(), file, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("a fresh bundle does not verify:\n%s", strings.Join(rep.Problems, "\n"))
	}
	if rep.Bag != "青市监-年度行政执法数据-2025" || rep.Files != res.Files || rep.Files < 5 {
		t.Fatalf("report: bag %q, %d files (export said %d)", rep.Bag, rep.Files, res.Files)
	}
	for label, want := range map[string]string{
		"Source-Organization": "青山县市场监督管理局", "LawDesk-Year": "2025", "LawDesk-Created-By": "admin",
		"LawDesk-Count-list-versions": "0", "LawDesk-Count-people.officers": "4", "Bagging-Date": "2026-01-10",
	} {
		if got := rep.InfoValue(label); got != want {
			t.Errorf("bag-info %s = %q, want %q", label, got, want)
		}
	}

	// the chain segment is exactly the events of 2025, counted independently
	all, _ := st.Events(store.EventFilter{})
	var want []domain.Event
	for _, e := range all {
		if e.Time.In(time.Local).Year() == 2025 {
			want = append(want, e)
		}
	}
	seg := rep.Chain
	if seg == nil || seg.Events != uint64(len(want)) || seg.FirstHash != want[0].Hash || seg.LastHash != want[len(want)-1].Hash ||
		seg.PrevHash != want[0].PrevHash || seg.LastSeq != want[len(want)-1].Seq {
		t.Fatalf("segment %+v, want %d events from %d to %d", seg, len(want), want[0].Seq, want[len(want)-1].Seq)
	}
	if want[len(want)-1].Summary != "年末最后一条" {
		t.Fatalf("the last event of 2025 is %q: the 23:59 event belongs to 2025", want[len(want)-1].Summary)
	}
	if seg != nil && res.Chain != *seg {
		t.Errorf("export result chain %+v differs from the bundle's %+v", res.Chain, *seg)
	}
	exports, _ := st.Events(store.EventFilter{ActionPrefix: "report.bundle.export"})
	if len(exports) != 1 || exports[0].Actor != "admin" {
		t.Errorf("the export is not in the audit chain: %+v", exports)
	}
}

// zipEntries reads a whole zip into memory, in order.
type zipEntry struct {
	name string
	data []byte
}

func readZip(t testing.TB, file string) ([]zipEntry, string) {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var out []zipEntry
	for _, f := range zr.File {
		r, _ := f.Open()
		data, _ := io.ReadAll(r)
		r.Close()
		out = append(out, zipEntry{f.Name, data})
	}
	return out, zr.Comment
}

func writeZip(t testing.TB, file string, entries []zipEntry, comment string) {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	zw.SetComment(comment)
	zw.Close()
	if err := os.WriteFile(file, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

func verify(t testing.TB, file string) []string {
	t.Helper()
	rep, err := report.VerifyBundle(context.Background(), file, nil)
	if err != nil {
		t.Fatalf("verify-bundle: %v", err)
	}
	return rep.Problems
}

func mustName(t *testing.T, problems []string, words ...string) {
	t.Helper()
	for _, p := range problems {
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(p, w)
		}
		if ok {
			return
		}
	}
	t.Errorf("no problem mentions %q; problems:\n%s", words, strings.Join(problems, "\n"))
}

// TestEveryChangedByteIsNamed flips one byte in each file of the bundle in turn.
func TestEveryChangedByteIsNamed(t *testing.T) {
	st, _ := yearStore(t)
	file, _ := exportBundle(t, st)
	entries, comment := readZip(t, file)
	dir := t.TempDir()
	for i, e := range entries {
		rel := e.name[strings.Index(e.name, "/")+1:]
		t.Run(rel, func(t *testing.T) {
			changed := append([]zipEntry(nil), entries...)
			data := append([]byte(nil), e.data...)
			data[len(data)/2] ^= 0x20
			changed[i] = zipEntry{e.name, data}
			bad := filepath.Join(dir, "changed.zip")
			writeZip(t, bad, changed, comment)
			problems := verify(t, bad)
			if len(problems) == 0 {
				t.Fatal("a changed byte went unnoticed")
			}
			mustName(t, problems, rel)
		})
	}
}

func TestMissingAndExtraFilesAreAllNamed(t *testing.T) {
	st, _ := yearStore(t)
	file, _ := exportBundle(t, st)
	entries, comment := readZip(t, file)
	root := entries[0].name[:strings.Index(entries[0].name, "/")]

	// remove each file in turn
	for i, e := range entries {
		rel := strings.TrimPrefix(e.name, root+"/")
		less := append(append([]zipEntry(nil), entries[:i]...), entries[i+1:]...)
		bad := filepath.Join(t.TempDir(), "less.zip")
		writeZip(t, bad, less, comment)
		rep, err := report.VerifyBundle(context.Background(), bad, nil)
		if rel == "bagit.txt" {
			if err == nil || !strings.Contains(domain.ErrorMessage(err), "不是 BagIt 数据包") {
				t.Errorf("without bagit.txt: %v", err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("without %s: %v", rel, err)
		}
		mustName(t, rep.Problems, "缺少文件", rel)
	}

	// change one, remove one, add three: every problem is reported at once
	var mixed []zipEntry
	var changedRel, removedRel string
	for _, e := range entries {
		rel := strings.TrimPrefix(e.name, root+"/")
		switch {
		case strings.HasSuffix(rel, ".csv") && removedRel == "":
			removedRel = rel
			continue
		case strings.HasSuffix(rel, ".json") && changedRel == "":
			changedRel = rel
			e.data = bytes.Replace(e.data, []byte("执法人员"), []byte("执法人具"), 1)
		}
		mixed = append(mixed, e)
	}
	mixed = append(mixed,
		zipEntry{root + "/data/统计/补充说明.txt", []byte("后来加进去的")},
		zipEntry{root + "/notes.txt", []byte("标签区多出来的")},
		zipEntry{"readme.txt", []byte("数据包外面的")},
	)
	bad := filepath.Join(t.TempDir(), "mixed.zip")
	writeZip(t, bad, mixed, comment)
	problems := verify(t, bad)
	mustName(t, problems, "已被改动", changedRel)
	mustName(t, problems, "缺少文件", removedRel)
	mustName(t, problems, "多余文件", "data/统计/补充说明.txt")
	mustName(t, problems, "多余文件", "notes.txt")
	mustName(t, problems, "多余文件", "readme.txt")
	mustName(t, problems, "数据总量", "bag-info.txt")
}

// TestBrokenChainSegmentIsNamed changes and removes events of the segment and recomputes
// every checksum, as someone covering their tracks would: the chain itself still tells.
func TestBrokenChainSegmentIsNamed(t *testing.T) {
	st, _ := yearStore(t)
	file, _ := exportBundle(t, st)
	entries, _ := readZip(t, file)
	root := entries[0].name[:strings.Index(entries[0].name, "/")]
	for i, e := range entries {
		if !strings.HasSuffix(e.name, ".jsonl") {
			continue
		}
		lines := strings.Split(strings.TrimSuffix(string(e.data), "\n"), "\n")
		if len(lines) < 10 {
			t.Fatalf("segment has only %d events", len(lines))
		}
		lines[3] = strings.Replace(lines[3], `"actor":"`, `"actor":"x`, 1) // a changed event
		lines = append(lines[:6], lines[7:]...)                            // a removed event
		entries[i].data = []byte(strings.Join(lines, "\n") + "\n")
	}
	resealed := reseal(t, entries, root)
	bad := filepath.Join(t.TempDir(), "resealed.zip")
	writeZip(t, bad, resealed, "")
	problems := verify(t, bad)
	mustName(t, problems, "审计链断裂", "第 4 行", "被改动")
	mustName(t, problems, "审计链断裂", "第 7 行", "缺失")
	mustName(t, problems, "审计链与 bag-info.txt 不符", "LawDesk-Audit-Events")
	for _, p := range problems {
		if strings.Contains(p, "已被改动") || strings.Contains(p, "缺少文件") {
			t.Errorf("the resealed bundle should pass its checksums; got %q", p)
		}
	}
}

// reseal recomputes the manifests of a bag so that only deeper checks can find changes.
func reseal(t *testing.T, entries []zipEntry, root string) []zipEntry {
	t.Helper()
	var out []zipEntry
	var manifest, tagManifest strings.Builder
	tags := map[string][]byte{}
	for _, e := range entries {
		rel := strings.TrimPrefix(e.name, root+"/")
		switch {
		case strings.HasPrefix(rel, "data/"):
			manifest.WriteString(sha(e.data) + "  " + rel + "\n")
			out = append(out, e)
		case rel == "bagit.txt" || rel == "bag-info.txt":
			tags[rel] = e.data
			out = append(out, e)
		}
	}
	tags["manifest-sha256.txt"] = []byte(manifest.String())
	out = append(out, zipEntry{root + "/manifest-sha256.txt", tags["manifest-sha256.txt"]})
	for _, name := range []string{"bag-info.txt", "bagit.txt", "manifest-sha256.txt"} {
		tagManifest.WriteString(sha(tags[name]) + "  " + name + "\n")
	}
	return append(out, zipEntry{root + "/tagmanifest-sha256.txt", []byte(tagManifest.String())})
}

func TestHostileArchives(t *testing.T) {
	st, _ := yearStore(t)
	file, _ := exportBundle(t, st)
	entries, comment := readZip(t, file)
	root := entries[0].name[:strings.Index(entries[0].name, "/")]
	dir := t.TempDir()

	// paths that would escape when unpacked are named and never read
	evil := append(append([]zipEntry(nil), entries...),
		zipEntry{root + "/data/../../evil.sh", []byte("rm -rf")},
		zipEntry{"/etc/passwd", []byte("x")},
		zipEntry{`..\windows.bat`, []byte("x")},
	)
	bad := filepath.Join(dir, "evil.zip")
	writeZip(t, bad, evil, comment)
	problems := verify(t, bad)
	mustName(t, problems, "不安全的路径", "evil.sh")
	mustName(t, problems, "不安全的路径", "/etc/passwd")
	mustName(t, problems, "不安全的路径", `windows.bat`)

	// an entry that claims 10 GB behind a few bytes is refused before anything is read
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		w, _ := zw.Create(e.name)
		w.Write(e.data)
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: root + "/data/bomb.bin", Method: zip.Deflate,
		CompressedSize64: 2, UncompressedSize64: 10 << 30, CRC32: crc32.ChecksumIEEE(nil)})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte{0x03, 0x00})
	zw.Close()
	bomb := filepath.Join(dir, "bomb.zip")
	os.WriteFile(bomb, b.Bytes(), 0o600)
	_, err = report.VerifyBundle(context.Background(), bomb, nil)
	if err == nil || !strings.Contains(domain.ErrorMessage(err), "恶意构造") {
		t.Fatalf("zip bomb: %v", err)
	}

	for name, data := range map[string][]byte{"照片.jpg": []byte("\xff\xd8\xff"), "empty.zip": {}} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o600)
		if _, err := report.VerifyBundle(context.Background(), p, nil); err == nil || !strings.Contains(domain.ErrorMessage(err), name) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestBundleExportChecks(t *testing.T) {
	st, _ := yearStore(t)
	svc := report.New(st)
	clerk, _ := st.UserByName("hexiao")
	_, err := svc.ExportBundle(context.Background(), office.Session{User: clerk}, 2025, filepath.Join(t.TempDir(), "b.zip"), report.BundleOptions{}, nil)
	if domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("a clerk exported the bundle: %v", err)
	}
	if _, err := svc.ExportBundle(context.Background(), admin(t, st), 2030, filepath.Join(t.TempDir(), "b.zip"), report.BundleOptions{}, nil); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("a future year: %v", err)
	}
	existing := filepath.Join(t.TempDir(), "old.zip")
	os.WriteFile(existing, []byte("keep"), 0o600)
	if _, err := svc.ExportBundle(context.Background(), admin(t, st), 2025, existing, report.BundleOptions{}, nil); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("over an existing file: %v", err)
	}
	// a year without any event still makes a bundle that verifies
	empty := filepath.Join(t.TempDir(), "2024.zip")
	res, err := svc.ExportBundle(context.Background(), admin(t, st), 2024, empty, report.BundleOptions{}, nil)
	if err != nil || res.Chain.Events != 0 {
		t.Fatalf("2024: %+v %v", res, err)
	}
	if problems := verify(t, empty); len(problems) != 0 {
		t.Fatalf("an empty year's bundle: %v", problems)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	if _, err := svc.ExportBundle(ctx, admin(t, st), 2025, filepath.Join(dir, "b.zip"), report.BundleOptions{}, nil); err == nil || !strings.Contains(domain.ErrorMessage(err), "已取消") {
		t.Fatalf("cancelled: %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("a cancelled export left %d files", len(left))
	}
}

func sha(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

func sessionOf(u domain.User) office.Session { return office.Session{User: u} }

// TestBundleOfTheDemo exports the demo office's year: it verifies, lists its publications
// (private ones without a party), and no identity number leaves LawDesk in it.
func TestBundleOfTheDemo(t *testing.T) {
	c := &clock{at(2025, 12, 20, 9, 0, 0)}
	st, err := store.Open(filepath.Join(t.TempDir(), "demo"), store.Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Create(st, "demo1234"); err != nil {
		t.Fatal(err)
	}
	c.t = at(2026, 1, 12, 9, 0, 0)
	file, _ := exportBundle(t, st)
	if problems := verify(t, file); len(problems) > 0 {
		t.Fatalf("the demo's bundle does not verify: %v", problems)
	}
	entries, _ := readZip(t, file)
	idNumber := regexp.MustCompile(`\d{17}[\dXx]`)
	var csvRows [][]string
	for _, e := range entries {
		if strings.HasSuffix(e.name, ".csv") || strings.HasSuffix(e.name, ".html") || strings.HasSuffix(e.name, ".json") {
			if m := idNumber.FindString(string(e.data)); m != "" {
				t.Errorf("%s contains an identity number %s", e.name, m)
			}
		}
		if strings.HasSuffix(e.name, "年行政执法决定公开.csv") {
			rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(e.data, []byte("\uFEFF")))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			csvRows = rows[1:]
		}
	}
	// every list version of 2025 and each list's version in force on 1 January, as PDF
	wantLists := 0
	for _, kind := range domain.AllListKinds {
		versions, _ := st.ListVersions(kind)
		before := false
		for _, v := range versions {
			if v.Date.Year == 2025 {
				wantLists++
			}
			before = before || v.Date.Year < 2025
		}
		if before {
			wantLists++
		}
	}
	gotLists := 0
	for _, e := range entries {
		if strings.Contains(e.name, "/data/清单/") && strings.HasSuffix(e.name, ".pdf") {
			gotLists++
			if !bytes.HasPrefix(e.data, []byte("%PDF")) {
				t.Errorf("%s is not a PDF", e.name)
			}
		}
	}
	if gotLists != wantLists || wantLists == 0 {
		t.Errorf("%d list PDFs in the bundle, want %d", gotLists, wantLists)
	}

	// the catalogue of the dossiers archived in 2025
	archived := 0
	for _, cs := range allCases(t, st) {
		if cs.Archived.Year == 2025 {
			archived++
		}
	}
	for _, e := range entries {
		if strings.HasSuffix(e.name, "年归档案卷目录.csv") {
			rows, _ := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(e.data, []byte("\uFEFF")))).ReadAll()
			if len(rows)-1 != archived || archived == 0 {
				t.Errorf("the dossier catalogue lists %d dossiers, want %d", len(rows)-1, archived)
			}
		}
	}

	// every 法制审核意见书 of 2025 as its own PDF (its number printed in it), and their catalogue
	reviews, _ := st.Reviews()
	var opinionNos []string
	filed := map[string]string{} // opinion number → the SHA-256 of the PDF filed with the case
	for _, r := range reviews {
		for _, rd := range r.Rounds {
			if rd.Opinion != "" && rd.OpinionAt.Year() == 2025 {
				opinionNos = append(opinionNos, rd.OpinionNo)
				docs, _ := st.Documents(r.CaseID)
				for _, d := range docs {
					if d.DocNumber == rd.OpinionNo && !d.Superseded {
						filed[rd.OpinionNo] = d.SHA256
					}
				}
			}
		}
	}
	if len(filed) == 0 {
		t.Error("no opinion of the demo is filed with its case")
	}
	if len(opinionNos) == 0 {
		t.Fatal("the demo has no review opinion in 2025: the bundle's opinions are not checked")
	}
	var opinionPDFs []zipEntry
	for _, e := range entries {
		if strings.Contains(e.name, "/data/法制审核意见书/") && strings.HasSuffix(e.name, ".pdf") && !strings.Contains(e.name, "目录") {
			opinionPDFs = append(opinionPDFs, e)
		}
		if strings.HasSuffix(e.name, "年法制审核意见书目录.csv") {
			rows, _ := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(e.data, []byte("\uFEFF")))).ReadAll()
			if len(rows)-1 != len(opinionNos) {
				t.Errorf("the opinion catalogue lists %d opinions, want %d", len(rows)-1, len(opinionNos))
			}
		}
	}
	if len(opinionPDFs) != len(opinionNos) {
		t.Errorf("%d opinion PDFs in the bundle, want %d", len(opinionPDFs), len(opinionNos))
	}
	for _, no := range opinionNos {
		found := false
		for _, e := range opinionPDFs {
			if strings.Contains(e.name, no) {
				found = true
				if text := strings.Join(strings.Fields(pdftotext(t, e.data)), ""); !strings.Contains(text, "法制审核意见书") || !strings.Contains(text, no) {
					t.Errorf("%s does not read as opinion %s: %.200s", e.name, no, text)
				}
				if want, ok := filed[no]; ok && sha(e.data) != want {
					t.Errorf("%s is not the opinion filed with the case", e.name)
				}
			}
		}
		if !found {
			t.Errorf("opinion %s is not in the bundle", no)
		}
	}

	pubs, _ := st.Publications()
	want, private := 0, 0
	for _, pb := range pubs {
		if pb.PublishedOn.Year == 2025 || pb.Withdrawal.DoneOn.Year == 2025 || pb.NotPublicReason != "" && pb.DecisionDate.Year == 2025 {
			want++
		}
	}
	if len(csvRows) != want || want == 0 {
		t.Fatalf("publications CSV has %d rows, want %d", len(csvRows), want)
	}
	for _, r := range csvRows {
		if r[16] == "不公开" {
			private++
			if r[3] != "" || r[5] != "" {
				t.Errorf("a private decision shows its party or conclusion: %v", r)
			}
		}
	}
	if private == 0 {
		t.Log("the demo has no private decision in 2025")
	}
}

// TestBundleWithOriginals adds the year's recordings to the demo's bundle: each file is
// there byte for byte, and the bundle still verifies.
func TestBundleWithOriginals(t *testing.T) {
	c := &clock{at(2025, 12, 20, 9, 0, 0)}
	st, err := store.Open(filepath.Join(t.TempDir(), "demo"), store.Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Create(st, "demo1234"); err != nil {
		t.Fatal(err)
	}
	c.t = at(2026, 1, 12, 9, 0, 0)
	file := filepath.Join(t.TempDir(), "with.zip")
	res, err := report.New(st).ExportBundle(context.Background(), admin(t, st), 2025, file, report.BundleOptions{WithOriginals: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if problems := verify(t, file); len(problems) > 0 {
		t.Fatalf("bundle with originals: %v", problems)
	}
	recs, _ := st.Recordings(store.RecordingFilter{})
	want := map[string]bool{}
	for _, r := range recs {
		if r.Captured.In(time.Local).Year() == 2025 {
			want[r.SHA256] = true
		}
	}
	entries, _ := readZip(t, file)
	found := 0
	for _, e := range entries {
		if strings.Contains(e.name, "/data/原始文件/音像记录/") {
			if !want[sha(e.data)] {
				t.Errorf("%s is not a recording of 2025 byte for byte", e.name)
			}
			found++
		}
	}
	if found != len(want) || found == 0 {
		t.Fatalf("%d original recordings in the bundle, want %d", found, len(want))
	}
	// the dossiers archived in 2025: their catalogue and every current document
	wantDocs, catalogues, docCount := map[string]bool{}, 0, 0
	for _, cs := range allCases(t, st) {
		if cs.Archived.Year != 2025 {
			continue
		}
		catalogues++
		docs, _ := st.Documents(cs.ID)
		for _, d := range docs {
			if !d.Superseded {
				wantDocs[d.SHA256] = true
				docCount++
			}
		}
	}
	gotDocs, gotCatalogues := 0, 0
	for _, e := range entries {
		switch {
		case strings.Contains(e.name, "/data/原始文件/案卷/") && strings.HasSuffix(e.name, "卷内目录.pdf"):
			gotCatalogues++
		case strings.Contains(e.name, "/data/原始文件/案卷/"):
			if !wantDocs[sha(e.data)] {
				t.Errorf("%s is not a document of an archived dossier", e.name)
			}
			gotDocs++
		}
	}
	t.Logf("%d dossiers, %d documents", catalogues, gotDocs)
	if gotCatalogues != catalogues || gotDocs != docCount || catalogues == 0 {
		t.Errorf("dossiers: %d catalogues and %d documents, want %d and %d", gotCatalogues, gotDocs, catalogues, docCount)
	}
	if without, _ := exportBundle(t, st); res.Bytes <= fileSize(t, without) {
		t.Errorf("the bundle with originals is not larger")
	}
}

func fileSize(t *testing.T, path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// The opinion of a case marked 个人隐私 whose PDF was never filed is printed anew for the
// bundle; the case is opened with the bundle as the reason, which the access log keeps.
// (The statistics index keeps no secrecy: the bundle must see the case whole.)
func TestBundlePrintsASecretCasesOpinionWithAReason(t *testing.T) {
	st, c := yearStore(t)
	decided := domain.NewDate(2025, 6, 10)
	c.t = at(2025, 5, 20, 9, 0, 0)
	cs := domain.Case{Type: domain.ActPenalty, Procedure: domain.ProcedureGeneral, Source: domain.SourceComplaint,
		Retention: domain.RetentionPermanent, Number: "青市监处罚〔2025〕31号", MatterName: "销售过期食品",
		Party:      domain.Party{Kind: domain.PartyPerson, Name: "张小明", IDNumber: "520201198503124617"},
		OfficerIDs: []uint64{1, 2}, Opened: decided.AddDays(-20), Stage: domain.StageClose, Secrecy: domain.SecrecyPrivacy,
		Decision: domain.Decision{Date: decided, Kinds: []domain.PenaltyKind{domain.PenaltyFine}, Fine: 60000_00}, Closed: decided.AddDays(10)}
	for _, s := range []domain.Stage{domain.StageAccept, domain.StageOnSite, domain.StageExamine, domain.StageDecide, domain.StageServe, domain.StageClose} {
		cs.History = append(cs.History, domain.StageRecord{Stage: s, Date: decided, OfficerID: 1, Actor: "admin", At: c.t})
	}
	created, err := st.CreateCase(store.Change{Actor: "admin"}, cs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := benchReview(st, created, decided, false, false); err != nil { // reviewed, the opinion not filed
		t.Fatal(err)
	}
	c.t = at(2026, 1, 10, 10, 0, 0)
	out := filepath.Join(t.TempDir(), "b.zip")
	if _, err := report.New(st).ExportBundle(context.Background(), admin(t, st), 2025, out, report.BundleOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	if problems := verify(t, out); len(problems) != 0 {
		t.Fatalf("bundle: %v", problems)
	}
	log, err := st.AccessLog(store.AccessFilter{CaseID: created.ID})
	if err != nil {
		t.Fatal(err)
	}
	opened := false
	for _, e := range log {
		opened = opened || strings.Contains(e.Summary, "导出2025年度数据包（法制审核意见书）")
	}
	if !opened {
		t.Errorf("the secret case was not opened with the bundle as the reason: %v", log)
	}
}
