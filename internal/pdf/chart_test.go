package pdf

import (
	"io"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestNiceScale(t *testing.T) {
	for _, c := range []struct{ max, top, step float64 }{
		{0, 1, 1}, {1, 2, 1}, {3, 4, 1}, {4, 5, 1}, {9, 10, 2}, {24, 30, 5}, {36, 40, 10}, {99, 120, 20}, {1234, 1500, 500},
	} {
		top, step := NiceScale(c.max)
		if top != c.top || step != c.step {
			t.Errorf("NiceScale(%v) = %v, %v; want %v, %v", c.max, top, step, c.top, c.step)
		}
		if top < c.max+step/4 {
			t.Errorf("NiceScale(%v): no room over the tallest bar", c.max)
		}
	}
}

// TestChartsRender prints both charts (and their empty forms) and checks the words and
// the colours on the page.
func TestChartsRender(t *testing.T) {
	blue, orange := RGB{0x1F, 0x5F, 0xA8}, RGB{0xE0, 0x7B, 0x24}
	doc := Document{Title: "图表", Blocks: []Block{
		BarChart{Heading: "三、图表", Title: "各月作出决定数", Unit: "件", Stacked: true, Labels: []string{"1月", "2月", "3月"},
			Series: []ChartSeries{{Name: "许可", Values: []float64{1, 0, 2}, Color: blue}, {Name: "处罚", Values: []float64{3, 0, 1}, Color: orange}}},
		PieChart{Title: "处罚种类构成", Unit: "件", Labels: []string{"警告", "罚款"}, Values: []float64{1, 3}, Colors: []RGB{blue, orange}},
		BarChart{Title: "空的柱状图", Labels: nil},
		PieChart{Title: "空的饼图"},
	}}
	path := writePDF(t, "charts.pdf", func(w io.Writer) error { return RenderDocument(w, doc) })
	text := squash(pdfText(t, path, 0))
	assertContains(t, text, "三、图表", "各月作出决定数", "1月", "许可", "处罚", "单位：件", "处罚种类构成",
		"警告1件（25.0%）", "罚款3件（75.0%）", "空的柱状图", "本期没有数据")
	needTool(t, "pdftoppm")
	out := filepath.Join(t.TempDir(), "page")
	if err := exec.Command("pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", path, out).Run(); err != nil {
		t.Fatal(err)
	}
	img := readPNG(t, out+"-1.png")
	found := map[RGB]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bb, _ := img.At(x, y).RGBA()
			found[RGB{uint8(r >> 8), uint8(g >> 8), uint8(bb >> 8)}] = true
		}
	}
	for _, c := range []RGB{blue, orange} {
		if !found[c] {
			t.Errorf("colour %v is not on the page", c)
		}
	}
}

func TestChartsRefuseBadData(t *testing.T) {
	for name, b := range map[string]Block{
		"bar lengths":  BarChart{Title: "x", Labels: []string{"1月", "2月"}, Series: []ChartSeries{{Name: "a", Values: []float64{1}}}},
		"bar negative": BarChart{Title: "x", Labels: []string{"1月"}, Series: []ChartSeries{{Name: "a", Values: []float64{-1}}}},
		"pie lengths":  PieChart{Title: "x", Labels: []string{"警告"}},
	} {
		if err := RenderDocument(io.Discard, Document{Title: "t", Blocks: []Block{b}}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
