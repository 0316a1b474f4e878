package pdf

import (
	"fmt"
	"math"
	"strconv"

	"github.com/signintech/gopdf"

	"lawdesk/internal/domain"
)

// RGB is a colour of a chart.
type RGB struct{ R, G, B uint8 }

// ChartSeries is one named row of values of a BarChart.
type ChartSeries struct {
	Name   string
	Values []float64
	Color  RGB
}

// BarChart is a Document block: one bar per label, its series stacked (or, when not
// Stacked, side by side), with a value axis, the totals over the bars and a legend.
type BarChart struct {
	Heading string // optional section heading above the chart, kept on its page
	Title   string
	Labels  []string
	Series  []ChartSeries
	Stacked bool
	Unit    string  // of the values, e.g. 件
	Height  float64 // of the plot in points; 0 means 170
}

// barTop is the largest bar: the largest stack, or the largest single value.
func (b BarChart) barTop() float64 {
	top := 0.0
	for i := range b.Labels {
		sum := 0.0
		for _, s := range b.Series {
			if b.Stacked {
				sum += s.Values[i]
			} else {
				sum = math.Max(sum, s.Values[i])
			}
		}
		top = math.Max(top, sum)
	}
	return top
}

// PieChart is a Document block: the shares of a whole, with a legend giving each slice's
// value and percentage.
type PieChart struct {
	Heading string // optional section heading above the chart, kept on its page
	Title   string
	Labels  []string
	Values  []float64
	Colors  []RGB
	Unit    string
}

const (
	chartTitleSize = 12
	chartTextSize  = 8
)

func (b BarChart) check() error {
	for _, s := range b.Series {
		if len(s.Values) != len(b.Labels) {
			return domain.Errorf(domain.EINVALID, "图表“%s”的数据“%s”有 %d 个值，但有 %d 个分组", b.Title, s.Name, len(s.Values), len(b.Labels))
		}
		for _, v := range s.Values {
			if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
				return domain.Errorf(domain.EINVALID, "图表“%s”中有无效的数值", b.Title)
			}
		}
	}
	return nil
}

func (p PieChart) check() error {
	if len(p.Values) != len(p.Labels) {
		return domain.Errorf(domain.EINVALID, "图表“%s”的数值和名称个数不一致", p.Title)
	}
	for _, v := range p.Values {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return domain.Errorf(domain.EINVALID, "图表“%s”中有无效的数值", p.Title)
		}
	}
	return nil
}

// chartTitle lays out a chart's section heading (if any) and centred title, keeping them
// on the page with the chart (keep points high).
func (f *flow) chartTitle(heading, title string, keep float64) {
	const hs = 14
	lh := chartTitleSize * 1.6
	need := lh + keep + 6
	if heading != "" {
		need += hs * 1.7
	}
	f.y += 6
	f.ensure(need)
	if heading != "" {
		f.textLines([]string{heading}, hs, hs*1.7, AlignLeft, false)
	}
	if title != "" {
		f.textLines([]string{title}, chartTitleSize, lh, AlignCenter, false)
	}
}

// niceStep is a step of 1, 2 or 5 × 10^k that divides max into at most five ticks.
func niceStep(max float64) float64 {
	if max <= 0 {
		return 1
	}
	raw := max / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			return math.Max(1, m*mag)
		}
	}
	return 10 * mag
}

// NiceScale is the value axis of a bar chart whose largest bar is max: the axis top and
// the step between grid lines, with room over the tallest bar for its label. The screen's
// charts use it too, so both look the same.
func NiceScale(max float64) (top, step float64) {
	step = niceStep(max)
	return step * math.Max(1, math.Ceil((max+step/4)/step)), step
}

// formatValue writes a chart value without needless decimals.
func formatValue(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

func (b BarChart) layout(f *flow) {
	plotH := b.Height
	if plotH <= 0 {
		plotH = 170
	}
	const axisW, labelsH, legendH = 34.0, 16.0, 18.0
	f.chartTitle(b.Heading, b.Title, plotH+labelsH+legendH)
	c := f.c
	x0, y0, w := f.left+axisW, f.y, f.width()-axisW-4
	max := b.barTop()
	top, step := NiceScale(max)
	series, labels, unit, stacked := b.Series, b.Labels, b.Unit, b.Stacked
	f.add(func() {
		// value axis with grid lines
		c.textColor(0x50, 0x50, 0x50)
		for v := 0.0; v <= top+step/2; v += step {
			y := y0 + plotH - plotH*v/top
			c.line(x0, y, x0+w, y, 0.3, 0xD0)
			c.textIn(x0-axisW, y-chartTextSize*0.7, axisW-4, chartTextSize*1.4, formatValue(v), chartTextSize, AlignRight)
		}
		c.line(x0, y0+plotH, x0+w, y0+plotH, 0.8, 0x40)
		if len(labels) == 0 || len(series) == 0 {
			c.textIn(x0, y0+plotH/2-chartTextSize, w, chartTextSize*2, "本期没有数据", chartTextSize+2, AlignCenter)
		}
		// bars
		gw := w / math.Max(1, float64(len(labels)))
		perGroup := float64(len(series))
		if stacked {
			perGroup = 1
		}
		bw := math.Min(gw*0.7/math.Max(1, perGroup), 40)
		for i, label := range labels {
			gx := x0 + float64(i)*gw + (gw-bw*perGroup)/2
			base, total := 0.0, 0.0
			for j, s := range series {
				v := s.Values[i]
				h := plotH * v / top
				x := gx + float64(j)*bw
				if stacked {
					x = gx
				}
				if h > 0 {
					c.fillRect(x, y0+plotH-base-h, bw*0.92, h, s.Color.R, s.Color.G, s.Color.B)
				}
				if !stacked && v > 0 && bw >= 9 {
					c.textIn(x-2, y0+plotH-h-chartTextSize*1.4, bw*0.92+4, chartTextSize*1.3, formatValue(v), chartTextSize-1, AlignCenter)
				}
				if stacked {
					base += h
					total += v
				}
			}
			if stacked && total > 0 {
				c.textIn(gx-4, y0+plotH-base-chartTextSize*1.4, bw+8, chartTextSize*1.3, formatValue(total), chartTextSize, AlignCenter)
			}
			c.textIn(x0+float64(i)*gw, y0+plotH+2, gw, labelsH-2, label, chartTextSize, AlignCenter)
		}
		// legend
		c.textColor(0x20, 0x20, 0x20)
		lx := x0
		for _, s := range series {
			lw := c.measure(s.Name, chartTextSize) + 22
			c.fillRect(lx, y0+plotH+labelsH+5, 8, 8, s.Color.R, s.Color.G, s.Color.B)
			c.text(lx+11, y0+plotH+labelsH+3, 12, s.Name, chartTextSize)
			lx += lw
		}
		if unit != "" {
			c.textIn(x0, y0+plotH+labelsH+3, w, 12, "单位："+unit, chartTextSize, AlignRight)
		}
		c.textColor(0, 0, 0)
	})
	f.y += plotH + labelsH + legendH
}

func (p PieChart) layout(f *flow) {
	const h = 160.0
	f.chartTitle(p.Heading, p.Title, h)
	c := f.c
	total := 0.0
	for _, v := range p.Values {
		total += v
	}
	r := h/2 - 6
	cx, cy := f.left+f.width()*0.28, f.y+h/2
	lx, ly := f.left+f.width()*0.55, f.y+h/2-float64(len(p.Values))*7.5
	labels, values, colors, unit := p.Labels, p.Values, p.Colors, p.Unit
	f.add(func() {
		if total <= 0 {
			c.textIn(cx-r, cy-chartTextSize, 2*r, chartTextSize*2, "本期没有数据", chartTextSize+2, AlignCenter)
			return
		}
		a := -math.Pi / 2
		for i, v := range values {
			if v <= 0 {
				continue
			}
			sweep := 2 * math.Pi * v / total
			col := colorAt(colors, i)
			c.gp.SetFillColor(col.R, col.G, col.B)
			pts := []gopdf.Point{{X: cx, Y: cy}}
			pts = append(pts, ellipse(cx, cy, r, r, a, a+sweep)...)
			if len(values) == 1 || sweep >= 2*math.Pi-1e-9 {
				pts = ellipse(cx, cy, r, r, 0, 2*math.Pi)
			}
			c.gp.Polygon(pts, "F")
			a += sweep
		}
		c.textColor(0x20, 0x20, 0x20)
		for i, v := range values {
			col := colorAt(colors, i)
			y := ly + float64(i)*15
			c.fillRect(lx, y+3, 9, 9, col.R, col.G, col.B)
			c.text(lx+14, y, 15, fmt.Sprintf("%s  %s %s（%.1f%%）", labels[i], formatValue(v), unit, 100*v/total), chartTextSize+1)
		}
		c.textColor(0, 0, 0)
	})
	f.y += h
}

func colorAt(colors []RGB, i int) RGB {
	if i < len(colors) {
		return colors[i]
	}
	return RGB{0x60, 0x60, 0x60}
}
