package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"lawdesk/internal/domain"
)

// needTool skips the test when a poppler tool is missing.
func needTool(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed", name)
	}
}

// writePDF renders into a file in t.TempDir and returns its path.
func writePDF(t *testing.T, name string, render func(io.Writer) error) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		t.Fatalf("render %s: %v", name, err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// pdfText runs pdftotext -layout, on one page when page > 0.
func pdfText(t *testing.T, path string, page int) string {
	t.Helper()
	needTool(t, "pdftotext")
	args := []string{"-layout"}
	if page > 0 {
		args = append(args, "-f", strconv.Itoa(page), "-l", strconv.Itoa(page))
	}
	out, err := exec.Command("pdftotext", append(args, path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// pdfRawText runs pdftotext -raw: the text in the order it was drawn, so the lines of a
// wrapped table cell follow each other.
func pdfRawText(t *testing.T, path string) string {
	t.Helper()
	needTool(t, "pdftotext")
	out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// squash drops all white space, so justified or wrapped Chinese text can be compared.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func assertContains(t *testing.T, text string, wants ...string) {
	t.Helper()
	sq := squash(text)
	for _, w := range wants {
		if !strings.Contains(sq, squash(w)) {
			t.Errorf("text does not contain %q\n--- text ---\n%s", w, text)
		}
	}
}

type pdfInfo struct {
	pages int
	w, h  float64
}

func info(t *testing.T, path string) pdfInfo {
	t.Helper()
	needTool(t, "pdfinfo")
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", path, err)
	}
	var pi pdfInfo
	if m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(string(out)); m != nil {
		pi.pages, _ = strconv.Atoi(m[1])
	}
	if m := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+)`).FindStringSubmatch(string(out)); m != nil {
		pi.w, _ = strconv.ParseFloat(m[1], 64)
		pi.h, _ = strconv.ParseFloat(m[2], 64)
	}
	return pi
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.5 }

func TestRenderTable500Rows(t *testing.T) {
	tb := sampleTable(500)
	path := writePDF(t, "table.pdf", func(w io.Writer) error { return RenderTable(w, tb) })
	pi := info(t, path)
	if !near(pi.w, a4W) || !near(pi.h, a4H) {
		t.Errorf("page size %.2f x %.2f, want A4 portrait", pi.w, pi.h)
	}

	// Every row appears exactly once, in order, on the page the geometry puts it on.
	perPage := expectedTableRows(t, tb)
	if pi.pages != len(perPage) {
		t.Errorf("500-row table: %d pages, want %d", pi.pages, len(perPage))
	}
	rowRe := regexp.MustCompile(`执法员(\d{4})`)
	next := 1
	for p := 1; p <= pi.pages; p++ {
		text := pdfText(t, path, p)
		assertContains(t, text, fmt.Sprintf("第 %d 页 共 %d 页", p, pi.pages))
		assertContains(t, text, "序号", "姓名", "执法证号", "执法类别", "执法区域", "有效期至") // header on every page
		ids := rowRe.FindAllStringSubmatch(text, -1)
		for _, m := range ids {
			n, _ := strconv.Atoi(m[1])
			if n != next {
				t.Fatalf("page %d: row %d after row %d", p, n, next-1)
			}
			next++
		}
		if p <= len(perPage) && len(ids) != perPage[p-1] {
			t.Errorf("page %d holds %d rows, want %d", p, len(ids), perPage[p-1])
		}
	}
	if next != 501 {
		t.Fatalf("found rows up to %d, want 500", next-1)
	}
	// expected page count from the geometry: the body height needed by all rows
	first := pdfText(t, path, 1)
	assertContains(t, first, "行政执法人员清单", "制表单位：六盘水市钟山区市场监督管理局", "版本日期：2026年3月1日",
		"执法员0001", "52020000100001", "第 1 页 共")
	// short cells stay on one line: the date column is widened rather than leaving 日 alone
	for _, l := range strings.Split(first, "\n") {
		if strings.Contains(l, "执法员0001") && !strings.Contains(l, "2028年12月31日") {
			t.Errorf("row 1 is not on one line: %q", l)
		}
	}
	last := pdfText(t, path, pi.pages)
	assertContains(t, last, "执法员0500", "52020000100500")
	if strings.Contains(squash(pdfText(t, path, 2)), "行政执法人员清单") {
		t.Error("title repeated on page 2; only the header row should repeat")
	}
}

// expectedTableRows recomputes how many rows of sampleTable each page holds from the
// geometry: each row as tall as its most wrapped cell (wrapping itself is TestWrap's
// business), a one-line header on each page, the title block on the first.
func expectedTableRows(t *testing.T, tb Table) []int {
	c, err := newCanvas(a4W, a4H)
	if err != nil {
		t.Fatal(err)
	}
	size := 10.5
	lh := size * 1.45
	g := newGrid(c, a4W-2*tableMarginSide, tb.Columns, tb.Rows, size)
	header := lh + 6
	limit := a4H - tableMarginBottom
	y := tableMarginTop + 18*1.5 + 6 + 10.5*1.6 + 4 + header // title, office line, header
	pages := []int{0}
	for _, row := range tb.Rows {
		lines := 1
		for i, cell := range row {
			lines = max(lines, len(c.wrap(cell, g.widths[i]-2*g.padX, size)))
		}
		h := float64(lines)*lh + 6
		if y+h > limit {
			pages = append(pages, 0)
			y = tableMarginTop + header
		}
		y += h
		pages[len(pages)-1]++
	}
	return pages
}

func TestRenderTableLandscapeAndWrap(t *testing.T) {
	tb := sampleWideTable(12)
	path := writePDF(t, "wide.pdf", func(w io.Writer) error { return RenderTable(w, tb) })
	pi := info(t, path)
	if !near(pi.w, a4H) || !near(pi.h, a4W) {
		t.Errorf("8 columns: page %.2f x %.2f, want A4 landscape", pi.w, pi.h)
	}
	assertContains(t, pdfText(t, path, 0), "行政执法事项清单（随机抽查事项）", "（2026年版）")
	// a wrapped cell is cut by its neighbours in the layout text; in drawing order its
	// lines follow each other
	raw := pdfRawText(t, path)
	assertContains(t, raw,
		"《中华人民共和国食品安全法》第三十四条第（十）项、第一百二十四条第一款第（五）项",
		"对经营超过保质期食品的处罚（第12项）")
	if n := strings.Count(squash(raw), "第一百二十四条第一款"); n != 12 {
		t.Errorf("basis printed %d times for 12 rows", n)
	}
	if pi.pages > 1 {
		assertContains(t, pdfText(t, path, 2), "事项名称", "实施依据", "裁量基准")
	}

	// forced landscape with few columns
	tb2 := sampleTable(3)
	tb2.Landscape = true
	p2 := writePDF(t, "forced.pdf", func(w io.Writer) error { return RenderTable(w, tb2) })
	if pi := info(t, p2); !near(pi.w, a4H) {
		t.Errorf("Landscape=true: width %.2f", pi.w)
	}
}

func TestRenderTableHugeRowSplitsAcrossPages(t *testing.T) {
	var long strings.Builder
	for i := 0; i < 400; i++ {
		fmt.Fprintf(&long, "第%03d句执法说明文字，", i)
	}
	tb := Table{Title: "超长单元格测试", Columns: []Column{{Header: "编号", Width: 1}, {Header: "内容", Width: 6}},
		Rows: [][]string{{"A1", "首行"}, {"A2", long.String()}, {"A3", "末行😀"}}}
	path := writePDF(t, "huge.pdf", func(w io.Writer) error { return RenderTable(w, tb) })
	pi := info(t, path)
	if pi.pages < 3 {
		t.Fatalf("a row of 4,400 characters gave %d pages", pi.pages)
	}
	text := pdfText(t, path, 0)
	assertContains(t, text, "首行", "第000句执法说明文字", "第199句执法说明文字", "第399句执法说明文字", "末行")
	assertContains(t, pdfText(t, path, 2), "编号", "内容") // header repeated on the continuation
}

func TestRenderTableEmpty(t *testing.T) {
	tb := Table{Title: "空清单", Columns: []Column{{Header: "名称"}}}
	path := writePDF(t, "empty.pdf", func(w io.Writer) error { return RenderTable(w, tb) })
	assertContains(t, pdfText(t, path, 0), "空清单", "名称", "（无）", "第 1 页 共 1 页")
}

func TestRenderTableInvalid(t *testing.T) {
	for name, tb := range map[string]Table{
		"no title":       {Columns: []Column{{Header: "a"}}},
		"no columns":     {Title: "x"},
		"too many cells": {Title: "x", Columns: []Column{{Header: "a"}}, Rows: [][]string{{"1", "2"}}},
		"bad width":      {Title: "x", Columns: []Column{{Header: "a", Width: -1}}},
	} {
		err := RenderTable(io.Discard, tb)
		if domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("%s: got %v, want EINVALID", name, err)
		}
	}
}

func TestWrap(t *testing.T) {
	c, err := newCanvas(a4W, a4H)
	if err != nil {
		t.Fatal(err)
	}
	const size = 10
	s := "执法人员应当出示执法证件，see https://example.gov.cn/guide and ABCDEFG 12345678 号文件说明。"
	for _, width := range []float64{40, 75, 120, 300} {
		lines := c.wrap(s, width, size)
		for _, l := range lines {
			if w := c.measure(l, size); w > width+0.01 && len([]rune(l)) > 1 {
				t.Errorf("width %v: line %q is %.1f wide", width, l, w)
			}
		}
		if got := strings.ReplaceAll(strings.Join(lines, ""), " ", ""); got != strings.ReplaceAll(s, " ", "") {
			t.Errorf("width %v: lost text: %q", width, got)
		}
	}
	// ASCII words stay whole when they fit on a line
	lines := c.wrap("执法执法执法执法 ABCDEFG", c.measure("执法执法执法执法 ABC", size), size)
	if len(lines) != 2 || lines[1] != "ABCDEFG" {
		t.Errorf("word split: %q", lines)
	}
	// no line starts with closing punctuation when it can be helped
	lines = c.wrap("一二三四五，六七", c.measure("一二三四五", size), size)
	if strings.HasPrefix(lines[1], "，") {
		t.Errorf("line starts with a comma: %q", lines)
	}
	if got := c.wrap("", 100, size); len(got) != 1 {
		t.Errorf("empty: %q", got)
	}
	if got := c.wrap("一二\n\n三", 100, size); len(got) != 3 {
		t.Errorf("newlines: %q", got)
	}
}

func TestRenderCards(t *testing.T) {
	cards := sampleCards()
	for _, tc := range []struct {
		size CardSize
		w, h float64
	}{{CardA4, a4W, a4H}, {CardA5Landscape, a5H, a5W}} {
		t.Run(fmt.Sprint(tc.size), func(t *testing.T) {
			path := writePDF(t, "cards.pdf", func(w io.Writer) error { return RenderCards(w, cards, tc.size) })
			pi := info(t, path)
			if pi.pages != len(cards) {
				t.Errorf("%d pages for %d cards", pi.pages, len(cards))
			}
			if !near(pi.w, tc.w) || !near(pi.h, tc.h) {
				t.Errorf("page %.2f x %.2f, want %.2f x %.2f", pi.w, pi.h, tc.w, tc.h)
			}
			p1 := pdfText(t, path, 1)
			assertContains(t, p1, "六盘水市钟山区市场监督管理局", "政务服务中心 3号窗口 · 食品经营许可", "王晓燕",
				"综合受理岗 / 四级主任科员", "岗位职责", "负责食品经营许可申请的受理", "办理事项", "食品生产加工小作坊登记",
				"申请材料示范文本", "食品安全管理制度文本", "进度查询：0858-8221234", "咨询电话：0858-8225678",
				"投诉电话：12345 / 0858-8229999", QRCaption)
			p2 := pdfText(t, path, 2)
			assertContains(t, p2, "欧阳明轩", "照片") // placeholder
			if strings.Contains(p2, QRCaption) {
				t.Error("card without QRURL has a QR caption")
			}
			p3 := pdfText(t, path, 3)
			assertContains(t, p3, "司马长风", "……") // too long: cut, not overflowing onto more pages
		})
	}
}

func TestRenderCardsPhotoEmbedded(t *testing.T) {
	needTool(t, "pdfimages")
	cards := sampleCards()[:1] // photo 900×1300, cropped to 3:4 → 900×1200, scaled to ≤ 300 dpi
	path := writePDF(t, "photo.pdf", func(w io.Writer) error { return RenderCards(w, cards, CardA5Landscape) })
	out, err := exec.Command("pdfimages", "-list", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	// page num type width height ...
	var found bool
	for _, line := range strings.Split(string(out), "\n")[2:] {
		f := strings.Fields(line)
		if len(f) < 5 || f[2] != "image" {
			continue
		}
		w, _ := strconv.Atoi(f[3])
		h, _ := strconv.Atoi(f[4])
		found = true
		if math.Abs(float64(w)/float64(h)-0.75) > 0.01 {
			t.Errorf("photo %dx%d is not 3:4", w, h)
		}
		if w >= 900 || w < 300 {
			t.Errorf("photo width %d px: want downscaled to about 300 dpi", w)
		}
	}
	if !found {
		t.Errorf("no photo embedded:\n%s", out)
	}
}

// TestCardQRCode renders the card pages at 150 dpi and reads the QR code back twice: by
// sampling every module of the drawn code and comparing it with the bitmap go-qrcode
// produces, and with zbarimg when it is installed (no Go QR decoder is among the project's
// modules).
func TestCardQRCode(t *testing.T) {
	needTool(t, "pdftoppm")
	cards := sampleCards()
	for _, size := range []CardSize{CardA4, CardA5Landscape} {
		var buf bytes.Buffer
		rects, err := renderCards(&buf, cards, size)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "c.pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		const dpi = 150
		if out, err := exec.Command("pdftoppm", "-r", strconv.Itoa(dpi), "-png", "-f", "1", "-l", "1", path, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
		pngs, _ := filepath.Glob(filepath.Join(dir, "p*.png"))
		if len(pngs) != 1 {
			t.Fatalf("pdftoppm wrote %v", pngs)
		}
		img := readPNG(t, pngs[0])
		want, err := qrBitmap(cards[0].QRURL)
		if err != nil {
			t.Fatal(err)
		}
		r := rects[0]
		n := len(want)
		mod := r.w / float64(n)
		if mod*dpi/72 < 2 {
			t.Fatalf("QR module only %.2f px at %d dpi", mod*dpi/72, dpi)
		}
		bad := 0
		for y := 0; y < n; y++ {
			for x := 0; x < n; x++ {
				px := int((r.x + (float64(x)+0.5)*mod) * dpi / 72)
				py := int((r.y + (float64(y)+0.5)*mod) * dpi / 72)
				cr, cg, cb, _ := img.At(px, py).RGBA()
				dark := (cr+cg+cb)/3 < 0x8000
				if dark != want[y][x] {
					bad++
				}
			}
		}
		if bad > 0 {
			t.Errorf("size %d: %d of %d QR modules differ from the encoded bitmap", size, bad, n*n)
		}
		// quiet zone: 4 modules of white around the code (the caption sits further down)
		for i := -4; i < n+4; i++ {
			for _, p := range [][2]int{{i, -3}, {i, n + 2}, {-3, i}, {n + 2, i}} {
				px := int((r.x + (float64(p[0])+0.5)*mod) * dpi / 72)
				py := int((r.y + (float64(p[1])+0.5)*mod) * dpi / 72)
				cr, cg, cb, _ := img.At(px, py).RGBA()
				if (cr+cg+cb)/3 < 0xC000 {
					t.Fatalf("size %d: quiet zone not white at module %v", size, p)
				}
			}
		}
		if _, err := exec.LookPath("zbarimg"); err == nil {
			out, err := exec.Command("zbarimg", "-q", "--raw", pngs[0]).Output()
			if err != nil {
				t.Errorf("zbarimg could not decode the QR code: %v", err)
			} else if got := strings.TrimSpace(string(out)); got != cards[0].QRURL {
				t.Errorf("zbarimg decoded %q, want %q", got, cards[0].QRURL)
			}
		} else {
			t.Log("zbarimg not installed: QR checked by module sampling only")
		}
		if rects[1] != (rect{}) {
			t.Error("card without QRURL got a QR code")
		}
	}
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func TestRenderCardsInvalid(t *testing.T) {
	long := "https://example.gov.cn/" + strings.Repeat("x", 3000)
	for name, tc := range map[string]struct {
		cards []Card
		size  CardSize
	}{
		"none":     {nil, CardA4},
		"no name":  {[]Card{{Office: "x"}}, CardA4},
		"bad size": {[]Card{{Name: "x"}}, CardSize(9)},
		"long url": {[]Card{{Name: "x", QRURL: long}}, CardA4},
	} {
		if err := RenderCards(io.Discard, tc.cards, tc.size); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("%s: got %v, want EINVALID", name, err)
		}
	}
}

func TestIDPhoto(t *testing.T) {
	for _, sz := range [][2]int{{900, 1300}, {1600, 900}, {300, 400}, {1, 1}} {
		src := samplePhoto(sz[0], sz[1])
		p := idPhoto(src, 600, 800)
		b := p.Bounds()
		if b.Dx() > 600 || b.Dy() > 800 || b.Min != (image.Point{}) {
			t.Errorf("%v: photo %v", sz, b)
		}
		if sz[0] > 10 && math.Abs(float64(b.Dx())/float64(b.Dy())-0.75) > 0.01 {
			t.Errorf("%v: photo %v not 3:4", sz, b)
		}
	}
	// a sub-image with an offset origin is cropped from its own bounds
	sub := samplePhoto(800, 800).(*image.RGBA).SubImage(image.Rect(100, 100, 700, 700))
	if b := idPhoto(sub, 1000, 1000).Bounds(); b.Dx() != 450 || b.Dy() != 600 {
		t.Errorf("sub-image: %v", b)
	}
}

func TestRenderDocument(t *testing.T) {
	d := sampleDocument()
	path := writePDF(t, "doc.pdf", func(w io.Writer) error { return RenderDocument(w, d) })
	pi := info(t, path)
	if pi.pages < 2 || !near(pi.w, a4W) {
		t.Fatalf("document: %+v", pi)
	}
	p1 := pdfText(t, path, 1)
	assertContains(t, p1, "六盘水市钟山区市场监督管理局", "法制审核意见书", "钟市监法审〔2026〕12号",
		"案件名称", "某某餐饮管理有限公司经营超过保质期食品案", "一、审核要素", "审核要素", "审核结论",
		"执法主体是否合法", "是否涉嫌犯罪需要移送司法机关", "二、审核意见",
		"经审核，本案执法主体合法", "补充后可作出处罚决定。", fmt.Sprintf("第 1 页 共 %d 页", pi.pages))
	all := pdfText(t, path, 0)
	assertContains(t, all, "审核人：", "法制机构负责人：", "（法制机构印章）", "年", "月", "日")
	last := pdfText(t, path, pi.pages)
	assertContains(t, last, "备考表", "本卷情况说明", "立卷时间", fmt.Sprintf("第 %d 页 共 %d 页", pi.pages, pi.pages))

	// first-line indent: the paragraph's first line starts further right than its second
	// (pdftotext writes the two-character indent as spaces, one per character width)
	lines := strings.Split(p1, "\n")
	found := false
	for i, l := range lines {
		if !strings.Contains(l, "经审核，") || i+1 >= len(lines) {
			continue
		}
		found = true
		indent := func(s string) int { return len(s) - len(strings.TrimLeft(s, " \u3000")) }
		next := lines[i+1]
		if indent(l) < 2 || indent(l) <= indent(next) {
			t.Errorf("paragraph not indented:\n%q\n%q", l, next)
		}
	}
	if !found {
		t.Error("paragraph 经审核… not found")
	}
}

func TestRenderDocumentInvalid(t *testing.T) {
	for name, d := range map[string]Document{
		"no title":  {Blocks: []Block{Paragraph{Text: "x"}}},
		"bad grid":  {Title: "x", Blocks: []Block{Grid{}}},
		"nil block": {Title: "x", Blocks: []Block{nil}},
		"bad space": {Title: "x", Blocks: []Block{Spacer{Height: -1}}},
	} {
		err := RenderDocument(io.Discard, d)
		if domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("%s: got %v, want EINVALID", name, err)
		}
	}
}

func BenchmarkRenderTable500(b *testing.B) {
	tb := sampleTable(500)
	if _, err := loadFont(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := RenderTable(io.Discard, tb); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderCards50(b *testing.B) {
	var cards []Card
	photo := samplePhoto(900, 1200)
	for i := 0; i < 50; i++ {
		cd := sampleCard()
		cd.Name = fmt.Sprintf("工作人员%02d", i)
		cd.QRURL = fmt.Sprintf("https://zwfw.example.gov.cn/guide/%d", i)
		cd.Photo = photo
		cards = append(cards, cd)
	}
	if _, err := loadFont(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := RenderCards(io.Discard, cards, CardA4); err != nil {
			b.Fatal(err)
		}
	}
}

func TestGridColumnWidths(t *testing.T) {
	c, err := newCanvas(a4W, a4H)
	if err != nil {
		t.Fatal(err)
	}
	const width, size = 500.0, 10.5
	date, long := "2028年12月31日", strings.Repeat("钟山区荷泉街道、黄土坡街道", 8)
	for _, tc := range []struct {
		name    string
		cols    []Column
		rows    [][]string
		oneLine []int // columns whose cells must end up on one line
	}{
		{"date takes room from slack", []Column{{Header: "姓名", Width: 3}, {Header: "有效期至", Width: 1}},
			[][]string{{"张三", date}}, []int{0, 1}},
		{"date takes room from a wrapping column", []Column{{Header: "区域", Width: 6}, {Header: "有效期至", Width: 1}},
			[][]string{{long, date}}, []int{1}},
		{"far too narrow: left to wrap", []Column{{Header: "区域", Width: 20}, {Header: "日期", Width: 1}},
			[][]string{{long, date}}, nil},
		{"empty column keeps its header", []Column{{Header: "备注", Width: 1}, {Header: "区域", Width: 1}},
			[][]string{{"", long}}, []int{0}},
	} {
		g := newGrid(c, width, tc.cols, tc.rows, size)
		total := 0.0
		for _, w := range g.widths {
			total += w
		}
		if math.Abs(total-width) > 0.001 {
			t.Errorf("%s: widths %v add up to %.3f, want %v", tc.name, g.widths, total, width)
		}
		for _, i := range tc.oneLine {
			for r, row := range append([][]string{g.header}, tc.rows...) {
				if lines := c.wrap(row[i], g.widths[i]-2*g.padX, size); len(lines) != 1 {
					t.Errorf("%s: row %d column %d wraps: %q (widths %v)", tc.name, r, i, lines, g.widths)
				}
			}
		}
	}
}

// BenchmarkRenderCards50Stored is the batch as LawDesk prints it: each photo already
// stored as a 3:4 JPEG of 600×800 (pdf.IDPhoto), embedded without re-encoding.
func BenchmarkRenderCards50Stored(b *testing.B) {
	var cards []Card
	for i := 0; i < 50; i++ {
		photo := samplePhoto(600, 800).(*image.RGBA)
		photo.Pix[i*4] = byte(i) // 50 different photos, as in a real office
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, photo, &jpeg.Options{Quality: 90}); err != nil {
			b.Fatal(err)
		}
		cd := sampleCard()
		cd.Name = fmt.Sprintf("工作人员%02d", i)
		cd.QRURL = fmt.Sprintf("https://zwfw.example.gov.cn/guide/%d", i)
		cd.PhotoJPEG = buf.Bytes()
		cards = append(cards, cd)
	}
	if _, err := loadFont(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := RenderCards(io.Discard, cards, CardA4); err != nil {
			b.Fatal(err)
		}
	}
}
