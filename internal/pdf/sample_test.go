package pdf

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"testing"
)

// go test -run TestWriteSamples ./internal/pdf/ -samples DIR writes sample PDFs to DIR, to
// look at: pdftoppm -png -r 60 DIR/cards-a4.pdf DIR/cards-a4
var samplesDir = flag.String("samples", "", "write sample PDFs into this directory")

func TestWriteSamples(t *testing.T) {
	if *samplesDir == "" {
		t.Skip("no -samples DIR given")
	}
	if err := os.MkdirAll(*samplesDir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name string, render func(f *os.File) error) {
		f, err := os.Create(filepath.Join(*samplesDir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := render(f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		t.Logf("wrote %s", f.Name())
	}
	write("table.pdf", func(f *os.File) error { return RenderTable(f, sampleTable(120)) })
	write("table-500.pdf", func(f *os.File) error { return RenderTable(f, sampleTable(500)) })
	write("table-landscape.pdf", func(f *os.File) error { return RenderTable(f, sampleWideTable(40)) })
	cards := sampleCards()
	write("cards-a4.pdf", func(f *os.File) error { return RenderCards(f, cards, CardA4) })
	write("cards-a5.pdf", func(f *os.File) error { return RenderCards(f, cards, CardA5Landscape) })
	write("document.pdf", func(f *os.File) error { return RenderDocument(f, sampleDocument()) })
}

// sampleTable is an officer list (执法人员清单) with n rows; row i's name cell is 执法员0001….
func sampleTable(n int) Table {
	t := Table{
		Title:       "行政执法人员清单",
		Office:      "六盘水市钟山区市场监督管理局",
		VersionDate: "2026年3月1日",
		Columns: []Column{
			{Header: "序号", Width: 0.6, Align: AlignCenter},
			{Header: "姓名", Width: 1.2},
			{Header: "执法证号", Width: 1.6, Align: AlignCenter},
			{Header: "执法类别", Width: 1.6},
			{Header: "执法区域", Width: 2.4},
			{Header: "有效期至", Width: 1.3, Align: AlignCenter},
		},
	}
	for i := 1; i <= n; i++ {
		area := "钟山区全域"
		if i%7 == 0 {
			area = "钟山区荷泉街道、黄土坡街道、德坞街道及 ABC-1234 号文件规定的片区（含开发区代管区域）"
		}
		t.Rows = append(t.Rows, []string{
			fmt.Sprint(i), fmt.Sprintf("执法员%04d", i), fmt.Sprintf("52020%09d", 100000+i),
			"市场监管综合执法", area, "2028年12月31日",
		})
	}
	return t
}

// sampleWideTable is an enforcement-matter list with 8 columns (printed landscape).
func sampleWideTable(n int) Table {
	t := Table{
		Title:       "行政执法事项清单（随机抽查事项）",
		Subtitle:    "（2026年版）",
		Office:      "六盘水市钟山区市场监督管理局",
		VersionDate: "2026年1月15日",
		Columns: []Column{
			{Header: "序号", Width: 0.5, Align: AlignCenter},
			{Header: "事项类别", Width: 0.9, Align: AlignCenter},
			{Header: "事项名称", Width: 2},
			{Header: "事项编码", Width: 1.2},
			{Header: "实施依据", Width: 3.5},
			{Header: "裁量基准", Width: 2.5},
			{Header: "承办机构", Width: 1.2},
			{Header: "办理时限", Width: 0.9, Align: AlignCenter},
		},
	}
	for i := 1; i <= n; i++ {
		t.Rows = append(t.Rows, []string{
			fmt.Sprint(i), "行政处罚", fmt.Sprintf("对经营超过保质期食品的处罚（第%d项）", i), fmt.Sprintf("330217%03d000", i),
			"《中华人民共和国食品安全法》第三十四条第（十）项、第一百二十四条第一款第（五）项",
			"货值金额不足一万元的，并处五万元以上十万元以下罚款；情节严重的，吊销许可证",
			"食品安全监督管理科", "90日",
		})
	}
	return t
}

func sampleCard() Card {
	return Card{
		Office: "六盘水市钟山区市场监督管理局", Window: "政务服务中心 3号窗口 · 食品经营许可",
		Name: "王晓燕", Post: "综合受理岗 / 四级主任科员",
		Duties:        "负责食品经营许可申请的受理、材料初审、一次性告知和证照发放；解答办事群众咨询，落实首问负责、一次性告知和限时办结制度。",
		Services:      []string{"食品经营许可（新办）", "食品经营许可（变更、延续、注销）", "小餐饮经营许可证核发", "食品生产加工小作坊登记"},
		Materials:     "1. 食品经营许可申请书（示范文本见窗口）\n2. 营业执照复印件\n3. 法定代表人（负责人）身份证明\n4. 经营场所平面布局图及设备布局、工艺流程说明\n5. 食品安全管理制度文本",
		ProgressPhone: "0858-8221234", Consultation: "0858-8225678", ComplaintPhone: "12345 / 0858-8229999",
		QRURL: "https://zwfw.example.gov.cn/guide/spjyxk?window=3",
	}
}

// sampleCards: a full card with a photo, one without photo or QR code, and one whose texts
// are far too long for the card.
func sampleCards() []Card {
	a := sampleCard()
	a.Photo = samplePhoto(900, 1300)
	b := sampleCard()
	b.Name, b.Post, b.QRURL = "欧阳明轩", "审批服务科 科长", ""
	b.Window = "2号窗口"
	b.Services = b.Services[:2]
	c := sampleCard()
	c.Name = "司马长风"
	c.Post = "行政许可审批岗（兼任投诉举报受理、政策咨询、档案管理、数据统计）四级主任科员"
	c.Photo = samplePhoto(1600, 900)
	for i := 0; i < 6; i++ {
		c.Duties += "负责食品经营许可申请的受理、材料初审、一次性告知和证照发放。"
	}
	for i := 0; i < 14; i++ {
		c.Services = append(c.Services, fmt.Sprintf("其他事项第%d项：特殊医学用途配方食品经营许可变更登记", i+1))
	}
	for i := 0; i < 10; i++ {
		c.Materials += fmt.Sprintf("\n%d. 补充材料：申请人自我承诺书及相关证明材料复印件（加盖公章）", i+6)
	}
	return []Card{a, b, c}
}

// samplePhoto is a synthetic portrait: a blue background with a skin-toned head and dark
// shoulders (no real person's photo in the tests).
func samplePhoto(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	cx, cy := float64(w)/2, float64(h)*0.42
	r := float64(min(w, h)) * 0.2
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			c := color.RGBA{0x3A, 0x7B, 0xD5, 0xFF}
			switch {
			case dx*dx+dy*dy*0.8 < r*r:
				c = color.RGBA{0xF1, 0xC2, 0x9A, 0xFF}
			case float64(y) > cy+r*1.1 && dx*dx < (float64(y)-cy)*(float64(y)-cy)*0.9:
				c = color.RGBA{0x22, 0x2A, 0x3A, 0xFF}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

func sampleDocument() Document {
	return Document{
		Office: "六盘水市钟山区市场监督管理局",
		Title:  "法制审核意见书",
		Number: "钟市监法审〔2026〕12号",
		Blocks: []Block{
			KeyValues{Rows: []KeyValue{
				{"案件名称", "某某餐饮管理有限公司经营超过保质期食品案"},
				{"当事人", "某某餐饮管理有限公司（统一社会信用代码 91520201MA6XXXXXX1）"},
				{"承办机构", "食品安全监督管理科"},
				{"送审时间", "2026年3月2日"},
				{"拟作决定", "没收违法所得人民币 3,260 元，并处罚款人民币 50,000 元"},
			}},
			Heading{Text: "一、审核要素"},
			Grid{Columns: []Column{{Header: "序号", Width: 0.6, Align: AlignCenter}, {Header: "审核要素", Width: 3}, {Header: "审核结论", Width: 1.2, Align: AlignCenter}},
				Rows: [][]string{
					{"1", "执法主体是否合法", "合法"},
					{"2", "执法人员是否具备执法资格", "具备"},
					{"3", "执法程序是否合法", "合法"},
					{"4", "案件事实是否清楚", "清楚"},
					{"5", "证据是否合法充分", "需补充"},
					{"6", "适用法律法规规章是否准确", "准确"},
					{"7", "裁量基准运用是否适当", "适当"},
					{"8", "是否超越法定权限", "否"},
					{"9", "执法文书是否规范齐备", "齐备"},
					{"10", "是否涉嫌犯罪需要移送司法机关", "否"},
				}},
			Heading{Text: "二、审核意见"},
			Paragraph{Text: "经审核，本案执法主体合法，执法人员均持有有效执法证件，程序合法，事实基本清楚。当事人经营超过保质期的食品，违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定，依据该法第一百二十四条第一款第（五）项，拟作出的处罚决定适用法律准确，裁量适当。\n建议承办机构补充调取当事人进货查验记录（2025年10月至2026年1月），以进一步证明违法所得的计算依据。补充后可作出处罚决定。"},
			Paragraph{Text: "审核结论：同意（附补充意见）", NoIndent: true},
			Signature{Labels: []string{"审核人", "法制机构负责人"}, Seal: "（法制机构印章）"},
			PageBreak{},
			Heading{Text: "备考表", Align: AlignCenter},
			Spacer{Height: 12},
			KeyValues{LabelWidth: 0.22, Rows: []KeyValue{
				{"本卷情况说明", "本卷共有文件材料 23 件，计 68 页；音像记录 3 件（存于档案系统，档号 DA-2026-0012）。"},
				{"立卷人", ""},
				{"检查人", ""},
				{"立卷时间", "2026年4月1日"},
			}},
		},
	}
}
