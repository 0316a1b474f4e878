package ui

import (
	"fmt"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lawdesk/internal/pdf"
	"lawdesk/internal/report"
)

// The charts of the statistics screen, drawn from the same report.Chart as the PDF and in
// the same colours (report.Palette) and scale (pdf.NiceScale).

func paletteColor(i int) color.Color {
	c := report.Palette[i%len(report.Palette)]
	return color.NRGBA{R: c.R, G: c.G, B: c.B, A: 0xFF}
}

// chartView draws ch with its title.
func chartView(ch report.Chart) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(ch.Title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	var body fyne.CanvasObject
	if ch.Kind == report.ChartPie {
		body = pieView(ch)
	} else {
		body = newBarView(ch)
	}
	return container.NewBorder(title, nil, nil, nil, body)
}

// barView lays out stacked (or grouped) bars, the value axis and the legend.
type barView struct {
	ch     report.Chart
	top    float64
	step   float64
	grid   []*canvas.Line
	ticks  []*canvas.Text
	bars   [][]*canvas.Rectangle // [label][series]
	totals []*canvas.Text
	labels []*canvas.Text
	axis   *canvas.Line
	legend []fyne.CanvasObject
	empty  *canvas.Text
}

const (
	chartAxisW   = 30
	chartLabelsH = 18
	chartLegendH = 22
	chartText    = 11
)

func newBarView(ch report.Chart) fyne.CanvasObject {
	b := &barView{ch: ch}
	max := 0.0
	for i := range ch.Labels {
		sum := 0.0
		for _, s := range ch.Series {
			if ch.Stacked {
				sum += s.Values[i]
			} else {
				sum = math.Max(sum, s.Values[i])
			}
		}
		max = math.Max(max, sum)
	}
	b.top, b.step = pdf.NiceScale(max)
	var objs []fyne.CanvasObject
	muted := theme.Color(theme.ColorNamePlaceHolder)
	for v := 0.0; v <= b.top+b.step/2; v += b.step {
		l := canvas.NewLine(color.NRGBA{0xD0, 0xD0, 0xD0, 0xFF})
		t := canvas.NewText(fmt.Sprintf("%.0f", v), muted)
		t.TextSize, t.Alignment = chartText, fyne.TextAlignTrailing
		b.grid, b.ticks = append(b.grid, l), append(b.ticks, t)
		objs = append(objs, l, t)
	}
	for i, label := range ch.Labels {
		var row []*canvas.Rectangle
		total := 0.0
		for j, s := range ch.Series {
			r := canvas.NewRectangle(paletteColor(j))
			row = append(row, r)
			objs = append(objs, r)
			total += s.Values[i]
		}
		b.bars = append(b.bars, row)
		tt := canvas.NewText("", theme.Color(theme.ColorNameForeground))
		if total > 0 {
			tt.Text = fmt.Sprintf("%.0f", total)
		}
		tt.TextSize, tt.Alignment = chartText, fyne.TextAlignCenter
		lt := canvas.NewText(label, theme.Color(theme.ColorNameForeground))
		lt.TextSize, lt.Alignment = chartText, fyne.TextAlignCenter
		b.totals, b.labels = append(b.totals, tt), append(b.labels, lt)
		objs = append(objs, tt, lt)
	}
	b.axis = canvas.NewLine(theme.Color(theme.ColorNameForeground))
	objs = append(objs, b.axis)
	for j, s := range ch.Series {
		sw := canvas.NewRectangle(paletteColor(j))
		sw.SetMinSize(fyne.NewSize(10, 10))
		t := canvas.NewText(s.Name, theme.Color(theme.ColorNameForeground))
		t.TextSize = chartText
		b.legend = append(b.legend, sw, t)
		objs = append(objs, sw, t)
	}
	if len(ch.Series) == 0 {
		b.empty = canvas.NewText(lang.L("report.chart.empty"), muted)
		b.empty.Alignment = fyne.TextAlignCenter
		objs = append(objs, b.empty)
	}
	return container.New(b, objs...)
}

func (b *barView) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(380, 200) }

func (b *barView) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	x0, y0 := float32(chartAxisW), float32(8)
	w := size.Width - x0 - 4
	h := size.Height - y0 - chartLabelsH - chartLegendH
	if h < 20 {
		h = 20
	}
	yOf := func(v float64) float32 { return y0 + h - h*float32(v/b.top) }
	for i, l := range b.grid {
		y := yOf(float64(i) * b.step)
		l.Position1, l.Position2 = fyne.NewPos(x0, y), fyne.NewPos(x0+w, y)
		b.ticks[i].Move(fyne.NewPos(0, y-chartText*0.7))
		b.ticks[i].Resize(fyne.NewSize(x0-4, chartText*1.4))
	}
	b.axis.Position1, b.axis.Position2 = fyne.NewPos(x0, y0+h), fyne.NewPos(x0+w, y0+h)
	n := float32(max(1, len(b.ch.Labels)))
	gw := w / n
	perGroup := float32(len(b.ch.Series))
	if b.ch.Stacked {
		perGroup = 1
	}
	bw := min(gw*0.7/max(1, perGroup), 40)
	for i := range b.ch.Labels {
		gx := x0 + float32(i)*gw + (gw-bw*perGroup)/2
		base := float32(0)
		for j, r := range b.bars[i] {
			bh := h * float32(b.ch.Series[j].Values[i]/b.top)
			x := gx + float32(j)*bw
			if b.ch.Stacked {
				x = gx
			}
			r.Move(fyne.NewPos(x, y0+h-base-bh))
			r.Resize(fyne.NewSize(bw*0.92, bh))
			if b.ch.Stacked {
				base += bh
			}
		}
		if !b.ch.Stacked {
			base = 0
			for j := range b.bars[i] {
				base = max(base, h*float32(b.ch.Series[j].Values[i]/b.top))
			}
		}
		b.totals[i].Move(fyne.NewPos(gx-10, y0+h-base-chartText*1.5))
		b.totals[i].Resize(fyne.NewSize(bw*perGroup+20, chartText*1.3))
		b.labels[i].Move(fyne.NewPos(x0+float32(i)*gw, y0+h+3))
		b.labels[i].Resize(fyne.NewSize(gw, chartText*1.3))
	}
	lx, ly := x0, y0+h+chartLabelsH+4
	for k := 0; k+1 < len(b.legend); k += 2 {
		sw, t := b.legend[k], b.legend[k+1].(*canvas.Text)
		sw.Move(fyne.NewPos(lx, ly+2))
		sw.Resize(fyne.NewSize(10, 10))
		t.Move(fyne.NewPos(lx+13, ly-1))
		lx += 13 + t.MinSize().Width + 12
	}
	if b.empty != nil {
		b.empty.Move(fyne.NewPos(x0, y0+h/2-10))
		b.empty.Resize(fyne.NewSize(w, 20))
	}
}

// pieView is a disc drawn pixel by pixel (Fyne has no arcs) with a legend beside it.
func pieView(ch report.Chart) fyne.CanvasObject {
	var values []float64
	if len(ch.Series) > 0 {
		values = ch.Series[0].Values
	}
	total := 0.0
	for _, v := range values {
		total += v
	}
	disc := canvas.NewRasterWithPixels(func(x, y, w, h int) color.Color {
		r := float64(min(w, h))/2 - 2
		dx, dy := float64(x)-float64(w)/2, float64(y)-float64(h)/2
		if total <= 0 || dx*dx+dy*dy > r*r {
			// not color.Transparent: Fyne picks the image type from the first pixel, and
			// an alpha-only image would draw the whole disc white
			return color.NRGBA{}
		}
		// clockwise from twelve o'clock, as in the PDF
		a := math.Atan2(dy, dx) + math.Pi/2
		if a < 0 {
			a += 2 * math.Pi
		}
		share, acc := a/(2*math.Pi)*total, 0.0
		for i, v := range values {
			acc += v
			if share <= acc {
				return paletteColor(i)
			}
		}
		return paletteColor(len(values) - 1)
	})
	disc.SetMinSize(fyne.NewSize(170, 170))
	legend := container.NewVBox()
	for i, label := range ch.Labels {
		sw := canvas.NewRectangle(paletteColor(i))
		sw.SetMinSize(fyne.NewSize(12, 12))
		pct := 0.0
		if total > 0 {
			pct = 100 * values[i] / total
		}
		t := canvas.NewText(fmt.Sprintf(lang.L("report.chart.slice"), label, values[i], ch.UnitOr(), pct), theme.Color(theme.ColorNameForeground))
		t.TextSize = chartText + 1
		legend.Add(container.NewHBox(container.NewCenter(sw), t))
	}
	if total <= 0 {
		legend.Add(canvas.NewText(lang.L("report.chart.empty"), theme.Color(theme.ColorNamePlaceHolder)))
	}
	return container.NewBorder(nil, nil, disc, nil, container.NewCenter(legend))
}
