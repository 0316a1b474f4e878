package publication_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"lawdesk/internal/domain"
	"lawdesk/internal/publication"
	"lawdesk/internal/store"
)

// secretData is generated personal data written into a case, and the forms of it that
// must never appear in an exported file.
type secretData struct {
	text      string
	forbidden []string
}

func genSecrets(r *rand.Rand) []secretData {
	digits := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		return b.String()
	}
	id := validID(fmt.Sprintf("5202%02d%04d%02d%02d%03d", r.IntN(30), 1950+r.IntN(60), 1+r.IntN(12), 1+r.IntN(28), r.IntN(1000)))
	mobile := "1" + string("3456789"[r.IntN(7)]) + digits(9)
	local := string("2345678"[r.IntN(7)]) + digits(6)
	bank := "6222" + digits(15)
	road := []string{"钟山西路", "解放大道", "建设巷", "凤凰小区"}[r.IntN(4)]
	house := fmt.Sprintf("%d号%d栋%d室", 1+r.IntN(200), 1+r.IntN(9), 101+r.IntN(800))
	return []secretData{
		{"身份证号码" + id, []string{id[:17]}},
		{"联系电话" + mobile[:3] + " " + mobile[3:7] + " " + mobile[7:], []string{mobile}},
		{"座机（0858）" + local, []string{local}},
		{"银行账号" + bank, []string{bank}},
		{"住青山县" + road + house, []string{road + house}},
	}
}

// Every file an export writes — HTML pages, the CSV, the notice-board and full-text PDFs,
// the manifest — is free of the ID numbers, phones, accounts and addresses in the cases,
// whatever field they were typed into.
func TestExportedFilesNeverHoldPersonalData(t *testing.T) {
	f := newFixture(t)
	r := rand.New(rand.NewPCG(7, 26))
	var all []secretData
	type made struct {
		c       domain.Case
		secrets []secretData
	}
	var cases []made
	for i := range 6 {
		secrets := genSecrets(r)
		all = append(all, secrets...)
		var facts []string
		for _, s := range secrets {
			facts = append(facts, s.text)
		}
		day := fmt.Sprintf("2025-09-%02d", 15+i)
		c := f.decide(day, domain.ActPenalty, func(c *domain.Case) {
			c.Party = domain.Party{Kind: domain.PartyPerson, Name: "刘某" + []string{"甲", "乙", "丙", "丁", "戊", "己"}[i], IDNumber: validID(strings.TrimPrefix(secrets[0].text, "身份证号码")[:17]),
				Contact: "13908581234", Address: "青山县" + strings.TrimPrefix(secrets[4].text, "住青山县")}
			c.Facts = "经查，当事人（" + strings.Join(facts, "，") + "）销售过期食品。"
		})
		cases = append(cases, made{c, secrets})
	}
	f.at("2025-09-30")
	for i, m := range cases {
		p, err := f.svc.Prepare(f.as("liuyang"), m.c.ID)
		if err != nil {
			t.Fatal(err)
		}
		d := p.Draft
		d.Basis = "《中华人民共和国食品安全法》第一百二十四条第一款"
		// the full text repeats every secret, with the 18-digit ID in lower case and grouped
		d.FullText = "行政处罚决定书\n" + strings.ToLower(m.c.Facts) + "\n" + m.secrets[1].text + "，" + m.secrets[3].text
		d.Conclusion = "给予警告、罚款的行政处罚。" + m.secrets[2].text
		form := publication.PublishForm{Draft: d}
		if i%2 == 0 {
			form.PublishedOn, form.Channel = date(t, "2025-09-30"), domain.ChannelWebsite
		}
		if _, err := f.svc.Confirm(f.as("liuyang"), m.c.ID, form); err != nil {
			t.Fatal(err)
		}
	}
	// One more: not published (a minor), its party must not appear at all.
	minor := f.decide("2025-09-29", domain.ActPenalty, func(c *domain.Case) {
		c.Party = domain.Party{Kind: domain.PartyPerson, Name: "王小明", IDNumber: validID("52020120100101123")}
	})
	f.at("2025-09-30")
	if _, err := f.svc.MarkNotPublic(f.as("liuyang"), minor.ID, "当事人为未成年人"); err != nil {
		t.Fatal(err)
	}
	// And one withdrawn: it must disappear from the website.
	gone := cases[0]
	pubs, _ := f.st.CasePublications(gone.c.ID)
	if _, err := f.svc.Withdraw(f.as("liuyang"), pubs[0].ID, publication.WithdrawForm{Reason: domain.WithdrawRevoked, DoneOn: date(t, "2025-09-30")}); err != nil {
		t.Fatal(err)
	}

	dir := filepath.Join(t.TempDir(), "网站")
	res, err := f.svc.Export(context.Background(), f.as("hexiao"), dir, publication.ExportOptions{FullTextPDF: true, NoticeBoard: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Decisions != 5 {
		t.Errorf("exported %d decisions, want 5 (6 confirmed, 1 withdrawn)", res.Decisions)
	}
	texts := readExport(t, dir)
	if len(texts) != 1+5+5+1+1+1 { // index, pages, full texts, CSV, board, manifest
		t.Errorf("files = %d: %v", len(texts), res.Files)
	}
	for name, text := range texts {
		flat := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, text)
		for _, s := range all {
			for _, bad := range s.forbidden {
				if strings.Contains(text, bad) || isDigits(bad) && strings.Contains(flat, bad) {
					t.Errorf("%s holds %q", name, bad)
				}
			}
		}
		for _, bad := range []string{"王小明", gone.c.Decision.DocNumber, "13908581234"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s holds %q", name, bad)
			}
		}
	}
	if !strings.Contains(texts["index.html"], cases[1].c.Decision.DocNumber) || !strings.Contains(texts[publication.ExportBoard], cases[1].c.Party.Name) {
		t.Error("the export lacks a current publication")
	}
	if strings.Contains(texts["index.html"], "<script") {
		t.Error("index.html must work without scripts")
	}
}

func isDigits(s string) bool { return strings.Trim(s, "0123456789") == "" }

// readExport returns the text of every file under dir: PDFs through pdftotext.
func readExport(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if strings.HasSuffix(path, ".pdf") {
			b, err := exec.Command("pdftotext", "-layout", path, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext %s: %v", rel, err)
			}
			out[filepath.ToSlash(rel)] = string(b)
			return nil
		}
		b, err := os.ReadFile(path)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestExportFolderAndCSV(t *testing.T) {
	f := newFixture(t)
	c := f.decide("2025-09-26", domain.ActPenalty)
	f.at("2025-09-29")
	pub := publish(t, f, "liuyang", c, "2025-09-29")

	// A folder holding someone's files is refused and left alone.
	busy := t.TempDir()
	os.WriteFile(filepath.Join(busy, "工作总结.docx"), []byte("mine"), 0o600)
	_, err := f.svc.Export(context.Background(), f.as("liuyang"), busy, publication.ExportOptions{}, nil)
	wantCode(t, err, domain.EINVALID, "不是空的")
	if b, _ := os.ReadFile(filepath.Join(busy, "工作总结.docx")); string(b) != "mine" {
		t.Fatal("a refused export touched the user's file")
	}
	_, err = f.svc.Export(context.Background(), f.as("sunli"), t.TempDir(), publication.ExportOptions{}, nil)
	wantCode(t, err, domain.EFORBIDDEN, "导出公开内容")

	dir := t.TempDir()
	var last [2]int
	res, err := f.svc.Export(context.Background(), f.as("liuyang"), dir, publication.ExportOptions{}, func(done, total int) { last = [2]int{done, total} })
	if err != nil {
		t.Fatal(err)
	}
	if last[0] != last[1] || last[1] != len(res.Files) {
		t.Errorf("progress ended at %v for %d files", last, len(res.Files))
	}
	b, _ := os.ReadFile(filepath.Join(dir, publication.ExportCSV))
	if !strings.HasPrefix(string(b), "\ufeff") {
		t.Error("the CSV needs a BOM for Excel")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("csv: %v, %d rows", err, len(rows))
	}
	got := map[string]string{}
	for i, h := range rows[0] {
		got[h] = rows[1][i]
	}
	for col, want := range map[string]string{"行政相对人名称": "青山县惠民超市有限公司", "行政相对人类别": "法人及非法人组织",
		"统一社会信用代码": c.Party.IDNumber, "决定书文号": c.Decision.DocNumber, "处罚类别": "警告、罚款", "罚款金额（万元）": "0.5",
		"决定日期": "2025-09-26", "公开日期": "2025-09-29", "决定机关": "青山县市场监督管理局", "决定机关统一社会信用代码": "11520200MB1234567W"} {
		if got[col] != want {
			t.Errorf("csv %s = %q, want %q", col, got[col], want)
		}
	}
	// Exporting again into the same folder replaces LawDesk's own files; the withdrawn
	// decision's page is gone.
	f.at("2025-09-30")
	if _, err := f.svc.Withdraw(f.as("liuyang"), pub.ID, publication.WithdrawForm{Reason: domain.WithdrawRevoked, DoneOn: date(t, "2025-09-30")}); err != nil {
		t.Fatal(err)
	}
	res, err = f.svc.Export(context.Background(), f.as("liuyang"), dir, publication.ExportOptions{NoticeBoard: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Decisions != 0 {
		t.Errorf("decisions = %d", res.Decisions)
	}
	if _, err := os.Stat(filepath.Join(dir, "decisions")); !os.IsNotExist(err) {
		t.Error("the withdrawn decision's page is still in the folder")
	}
	index, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	if !strings.Contains(string(index), "目前没有需要公开的行政执法决定") {
		t.Errorf("index = %s", index)
	}
	// A cancelled export says so.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = f.svc.Export(ctx, f.as("liuyang"), dir, publication.ExportOptions{}, nil)
	wantCode(t, err, domain.ECONFLICT, "导出已取消")
}

// Content stored by an older version, or changed behind LawDesk's back, is checked again:
// the export stops and names the case rather than publish an ID number.
func TestExportRefusesContentThatIsNotRedacted(t *testing.T) {
	f := newFixture(t)
	c := f.decide("2025-09-26", domain.ActPenalty)
	f.at("2025-09-29")
	pub := publish(t, f, "liuyang", c, "2025-09-29")
	pub.Content.Violation = "当事人身份证号码" + personID
	if _, err := f.st.SavePublication(store.Change{Actor: "test"}, pub, "test.tamper", "改动"); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	_, err := f.svc.Export(context.Background(), f.as("liuyang"), dir, publication.ExportOptions{NoticeBoard: true}, nil)
	wantCode(t, err, domain.EINVALID, c.Number)
	if !strings.Contains(domain.ErrorMessage(err), "身份证号") {
		t.Errorf("message = %s", domain.ErrorMessage(err))
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Error("a refused export wrote files")
	}
}
