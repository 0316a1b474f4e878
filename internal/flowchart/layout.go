package flowchart

import (
	"fmt"
	"math"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/pdf"
)

// The chart is one A4 portrait page: the title and legal basis on top, the procedure as a
// column of steps down the middle with the time limit, documents and the party's rights
// of each step beside it on the right, side exits of decisions on the left, and the legend,
// remedies and the office at the bottom. A procedure too long for the page is scaled down
// as a whole (the header and footer keep their size).

// Footer is what the chart says about who published it.
type Footer struct {
	Office string // 制图单位
	Phone  string // 监督电话
	Date   domain.Date
}

// Page geometry in points. The body (the steps) is laid out on a virtual page as wide as
// the real one divided by the scale it will be drawn at, so a long procedure scaled down to
// fit still fills the page's width, with fewer wrapped lines beside its steps.
const (
	pageW, pageH = 595.28, 841.89
	margin       = 30.0

	exitW        = 100.0 // left column: the side exits of decisions
	laneSpace    = 32.0  // between the exits and the steps: the lanes of jumps
	spineW       = 150.0 // middle column: the steps
	annGap       = 12.0  // between a step and what it involves
	diamondTextW = 92.0
	rowGap       = 11.0
	maxRowGap    = 26.0
	maxScale     = 1.2
	minScale     = 0.5

	titleSize    = 17.0
	basisSize    = 8.5
	stepSize     = 10.0
	decisionSize = 9.0
	annSize      = 8.0
	exitSize     = 8.0
	footSize     = 8.0
	lineFactor   = 1.35
)

// geometry is the body's columns on its virtual page.
type geometry struct {
	exitX, spineX, spineCX, annX, annW float64
	jumpLanes, edgeLanes               []float64
	gap                                float64
}

func newGeometry(scale, gap float64) geometry {
	left, right := margin/scale, (pageW-margin)/scale
	g := geometry{exitX: left, gap: gap}
	g.spineX = left + exitW + laneSpace
	g.spineCX = g.spineX + spineW/2
	g.annX = g.spineX + spineW + annGap
	g.annW = right - g.annX
	// direct jumps run down lanes between the exits and the steps; exits that lead on run
	// down lanes along the page's left edge
	for i := range 4 {
		g.jumpLanes = append(g.jumpLanes, g.spineX-6-float64(i)*7)
	}
	g.edgeLanes = []float64{left - 8, left - 15}
	return g
}

// Colours.
var (
	colText      = pdf.DiagramColor{R: 0x1F, G: 0x29, B: 0x37}
	colMuted     = pdf.DiagramColor{R: 0x55, G: 0x5F, B: 0x6D}
	colLine      = pdf.DiagramColor{R: 0x44, G: 0x4C, B: 0x58}
	colStepFill  = pdf.DiagramColor{R: 0xE8, G: 0xF0, B: 0xFB}
	colStepEdge  = pdf.DiagramColor{R: 0x2B, G: 0x57, B: 0x97}
	colDecFill   = pdf.DiagramColor{R: 0xFF, G: 0xF6, B: 0xDD}
	colDecEdge   = pdf.DiagramColor{R: 0xB0, G: 0x74, B: 0x14}
	colTermFill  = pdf.DiagramColor{R: 0xDC, G: 0xEB, B: 0xE0}
	colTermEdge  = pdf.DiagramColor{R: 0x2E, G: 0x6B, B: 0x45}
	colExitFill  = pdf.DiagramColor{R: 0xF1, G: 0xF2, B: 0xF4}
	colAnnFill   = pdf.DiagramColor{R: 0xF5, G: 0xF7, B: 0xFA}
	colTimeLimit = pdf.DiagramColor{R: 0xB3, G: 0x26, B: 0x1E}
	colRights    = pdf.DiagramColor{R: 0x1B, G: 0x6E, B: 0x3A}
	colWhite     = pdf.DiagramColor{R: 0xFF, G: 0xFF, B: 0xFF}
)

// sketch collects primitives; body primitives are scaled to fit before they join the page.
type sketch struct {
	paths []pdf.DiagramPath
	texts []pdf.DiagramText
}

func pt(x, y float64) pdf.DiagramPoint { return pdf.DiagramPoint{X: x, Y: y} }

func (k *sketch) polygon(pts []pdf.DiagramPoint, fill, edge pdf.DiagramColor, width, dash float64) {
	k.paths = append(k.paths, pdf.DiagramPath{Points: pts, Closed: true, Fill: true, FillColor: fill,
		Stroke: width, StrokeColor: edge, Dash: dash})
}

func (k *sketch) line(c pdf.DiagramColor, width, dash float64, pts ...pdf.DiagramPoint) {
	k.paths = append(k.paths, pdf.DiagramPath{Points: pts, Stroke: width, StrokeColor: c, Dash: dash})
}

// arrow draws a polyline with a filled head at its last point.
func (k *sketch) arrow(pts ...pdf.DiagramPoint) {
	k.line(colLine, 0.9, 0, pts...)
	a, b := pts[len(pts)-2], pts[len(pts)-1]
	dx, dy := b.X-a.X, b.Y-a.Y
	n := math.Hypot(dx, dy)
	if n == 0 {
		return
	}
	dx, dy = dx/n, dy/n
	const length, half = 5.5, 3.0
	base := pt(b.X-dx*length, b.Y-dy*length)
	k.polygon([]pdf.DiagramPoint{b, pt(base.X-dy*half, base.Y+dx*half), pt(base.X+dy*half, base.Y-dx*half)}, colLine, colLine, 0, 0)
}

func (k *sketch) text(x, baseline float64, s string, size float64, c pdf.DiagramColor) {
	k.texts = append(k.texts, pdf.DiagramText{X: x, Y: baseline, Text: s, Size: size, Color: c})
}

// block draws lines centred (or left-aligned) in the box (x, top, w, h), vertically centred.
func (k *sketch) block(m *metrics, lines []string, x, top, w, h, size float64, c pdf.DiagramColor, centre bool) {
	lh := size * lineFactor
	y := top + (h-float64(len(lines))*lh)/2
	for _, l := range lines {
		lx := x
		if centre {
			lx = x + (w-m.width(l, size))/2
		}
		k.text(lx, y+(lh-size)/2+size*0.86, l, size, c)
		y += lh
	}
}

// roundRect returns the outline of a rectangle with rounded corners.
func roundRect(x, y, w, h, r float64) []pdf.DiagramPoint {
	r = math.Min(r, math.Min(w, h)/2)
	if r <= 0 {
		return []pdf.DiagramPoint{pt(x, y), pt(x+w, y), pt(x+w, y+h), pt(x, y+h)}
	}
	var out []pdf.DiagramPoint
	corner := func(cx, cy, from float64) {
		const steps = 6
		for i := 0; i <= steps; i++ {
			a := from + float64(i)*math.Pi/2/steps
			out = append(out, pt(cx+r*math.Cos(a), cy+r*math.Sin(a)))
		}
	}
	corner(x+w-r, y+r, -math.Pi/2)
	corner(x+w-r, y+h-r, 0)
	corner(x+r, y+h-r, math.Pi/2)
	corner(x+r, y+r, math.Pi)
	return out
}

// node is a step placed in the middle column.
type node struct {
	step        domain.FlowStep
	lines       []string
	w, h        float64
	top, rowH   float64
	cy          float64 // vertical centre of its row
	ann         []annLine
	annH        float64
	exitLines   []string
	exitH       float64
	left, right float64 // x of the left and right edges where lines attach
}

type annLine struct {
	text  string
	color pdf.DiagramColor
}

func (n node) bottom() float64 { return n.cy + n.h/2 }
func (n node) topY() float64   { return n.cy - n.h/2 }

// Layout draws chart as an A4 page.
func Layout(chart domain.ProcedureChart, foot Footer) (pdf.Diagram, error) {
	if err := chart.Check(); err != nil {
		return pdf.Diagram{}, err
	}
	m, err := newMetrics()
	if err != nil {
		return pdf.Diagram{}, domain.Wrap(err, domain.EINTERNAL, "无法读取内嵌字体，流程图没有生成。")
	}
	page := &sketch{}

	// header
	y := margin + titleSize
	page.text((pageW-m.width(chart.Title, titleSize))/2, y, chart.Title, titleSize, colText)
	y += 6
	for _, l := range m.wrap("依据："+chart.Basis, pageW-2*margin, basisSize) {
		y += basisSize * lineFactor
		page.text((pageW-m.width(l, basisSize))/2, y, l, basisSize, colMuted)
	}
	y += 7
	page.line(colStepEdge, 1.2, 0, pt(margin, y), pt(pageW-margin, y))
	bodyTop := y + 12

	footTop := layoutFooter(page, m, chart, foot)

	avail := footTop - 10 - bodyTop
	// find the scale at which the body fills the space, laying it out again at each guess
	scale, gap := 1.0, rowGap
	body, bodyH := layoutBody(m, chart, newGeometry(scale, gap))
	for range 4 {
		scale = math.Max(minScale, math.Min(maxScale, avail/bodyH))
		body, bodyH = layoutBody(m, chart, newGeometry(scale, gap))
	}
	if rows := float64(len(chart.Steps) - 1); bodyH*scale < avail && rows > 0 {
		// a short procedure at full size: spread the rows out rather than leave the page empty
		gap = math.Min(maxRowGap, gap+(avail/scale-bodyH)/rows)
		body, bodyH = layoutBody(m, chart, newGeometry(scale, gap))
	}
	if bodyH*scale > avail { // still too tall (minimum scale): shrink to fit whatever it costs
		scale = avail / bodyH
		body, _ = layoutBody(m, chart, newGeometry(scale, gap))
	}
	for _, p := range body.paths {
		q := p
		q.Points = make([]pdf.DiagramPoint, len(p.Points))
		for i, a := range p.Points {
			q.Points[i] = pt(a.X*scale, bodyTop+a.Y*scale)
		}
		q.Stroke *= scale
		q.Dash *= scale
		page.paths = append(page.paths, q)
	}
	for _, t := range body.texts {
		page.texts = append(page.texts, pdf.DiagramText{X: t.X * scale, Y: bodyTop + t.Y*scale, Text: t.Text, Size: t.Size * scale, Color: t.Color})
	}
	return pdf.Diagram{Width: pageW, Height: pageH, Title: chart.Title, Paths: page.paths, Texts: page.texts}, nil
}

// layoutBody draws the steps from y = 0 on the virtual page of g and returns the drawing
// and its height.
func layoutBody(m *metrics, chart domain.ProcedureChart, g geometry) (*sketch, float64) {
	k := &sketch{}
	nodes := make([]node, len(chart.Steps))
	index := map[string]int{}
	y := 0.0
	for i, s := range chart.Steps {
		n := node{step: s}
		index[s.ID] = i
		switch s.Kind {
		case domain.FlowDecision:
			n.lines = m.balanced(s.Title, diamondTextW, decisionSize)
			n.w = spineW
			n.h = math.Max(38, float64(len(n.lines))*decisionSize*lineFactor*2.1+4)
		case domain.FlowStart, domain.FlowEnd:
			n.lines = m.balanced(s.Title, spineW+16, stepSize)
			n.w = math.Min(spineW+30, widest(m, n.lines, stepSize)+30)
			n.h = float64(len(n.lines))*stepSize*lineFactor + 10
		default:
			n.lines = m.balanced(s.Title, spineW-14, stepSize)
			n.w = spineW
			n.h = float64(len(n.lines))*stepSize*lineFactor + 12
		}
		n.left, n.right = g.spineCX-n.w/2, g.spineCX+n.w/2
		n.ann = annotation(m, s, g.annW)
		if len(n.ann) > 0 {
			n.annH = float64(len(n.ann))*annSize*1.4 + 8
		}
		if s.Exit != "" {
			n.exitLines = m.balanced(s.Exit, exitW-10, exitSize)
			n.exitH = float64(len(n.exitLines))*exitSize*lineFactor + 10
		}
		n.rowH = math.Max(n.h, math.Max(n.annH, n.exitH))
		n.top = y
		n.cy = y + n.rowH/2
		y += n.rowH + g.gap
		nodes[i] = n
	}
	height := y - g.gap

	for i, n := range nodes {
		drawNode(k, m, n, g)
		if len(n.ann) > 0 {
			top := n.cy - n.annH/2
			k.polygon(roundRect(g.annX, top, g.annW, n.annH, 3), colAnnFill, colAnnFill, 0, 0)
			k.line(colMuted, 0.5, 1.5, pt(n.right+2, n.cy), pt(g.annX, n.cy))
			ly := top + 4
			for _, l := range n.ann {
				ly += annSize * 1.4
				k.text(g.annX+6, ly-annSize*0.3, l.text, annSize, l.color)
			}
		}
		if i+1 < len(nodes) && n.step.Kind != domain.FlowEnd {
			next := nodes[i+1]
			k.arrow(pt(g.spineCX, n.bottom()), pt(g.spineCX, next.topY()))
			if n.step.Kind == domain.FlowDecision {
				k.text(g.spineCX+5, n.bottom()+8, n.step.GoLabel(), annSize, colDecEdge)
			}
		}
	}

	// side ways out of decisions
	var jumpLaneUse, edgeLaneUse [][2]float64
	take := func(use *[][2]float64, lanes []float64, a, b float64) float64 {
		lo, hi := math.Min(a, b), math.Max(a, b)
		for len(*use) < len(lanes) {
			*use = append(*use, [2]float64{math.Inf(1), math.Inf(-1)})
		}
		for i, u := range *use {
			if hi < u[0]-4 || lo > u[1]+4 {
				(*use)[i] = [2]float64{math.Min(u[0], lo), math.Max(u[1], hi)}
				return lanes[i]
			}
		}
		return lanes[len(lanes)-1]
	}
	for _, n := range nodes {
		s := n.step
		if s.Kind != domain.FlowDecision {
			continue
		}
		label := func(x float64) { k.text(x, n.cy-3, s.BranchLabel(), annSize, colDecEdge) }
		if s.Exit != "" {
			top := n.cy - n.exitH/2
			fill, edge, r := colExitFill, colLine, 3.0
			if s.Jump == "" { // the procedure ends here
				fill, edge, r = colTermFill, colTermEdge, 9
			}
			k.polygon(roundRect(g.exitX, top, exitW, n.exitH, r), fill, edge, 0.9, 0)
			k.block(m, n.exitLines, g.exitX+5, top, exitW-10, n.exitH, exitSize, colText, true)
			k.arrow(pt(n.left, n.cy), pt(g.exitX+exitW, n.cy))
			label(n.left - 14)
			if s.Jump != "" {
				t := nodes[index[s.Jump]]
				x := take(&edgeLaneUse, g.edgeLanes, n.cy, t.cy)
				k.arrow(pt(g.exitX, n.cy), pt(x, n.cy), pt(x, t.cy), pt(t.left, t.cy))
			}
			continue
		}
		t := nodes[index[s.Jump]]
		x := take(&jumpLaneUse, g.jumpLanes, n.cy, t.cy)
		k.arrow(pt(n.left, n.cy), pt(x, n.cy), pt(x, t.cy), pt(t.left, t.cy))
		label(n.left - 12)
	}
	return k, height
}

func widest(m *metrics, lines []string, size float64) float64 {
	w := 0.0
	for _, l := range lines {
		w = math.Max(w, m.width(l, size))
	}
	return w
}

// annotation lists what is written beside a step: time limit, documents, note, rights.
func annotation(m *metrics, s domain.FlowStep, width float64) []annLine {
	var out []annLine
	add := func(prefix, text string, c pdf.DiagramColor) {
		if strings.TrimSpace(text) == "" {
			return
		}
		for _, l := range m.wrap(prefix+text, width-12, annSize) {
			out = append(out, annLine{l, c})
		}
	}
	add("时限：", s.TimeLimit, colTimeLimit)
	add("文书：", strings.Join(s.Documents, "、"), colText)
	add("", s.Note, colMuted)
	add("当事人权利：", strings.Join(s.Rights, "、"), colRights)
	return out
}

func drawNode(k *sketch, m *metrics, n node, g geometry) {
	top := n.topY()
	switch n.step.Kind {
	case domain.FlowDecision:
		k.polygon([]pdf.DiagramPoint{pt(g.spineCX, top), pt(n.right, n.cy), pt(g.spineCX, top+n.h), pt(n.left, n.cy)},
			colDecFill, colDecEdge, 1, 0)
		k.block(m, n.lines, g.spineCX-diamondTextW/2, top, diamondTextW, n.h, decisionSize, colText, true)
	case domain.FlowStart, domain.FlowEnd:
		k.polygon(roundRect(n.left, top, n.w, n.h, math.Min(n.h/2, 12)), colTermFill, colTermEdge, 1, 0)
		k.block(m, n.lines, n.left, top, n.w, n.h, stepSize, colText, true)
	default:
		fill, dash := colStepFill, 0.0
		if n.step.Optional {
			fill, dash = colWhite, 3
		}
		k.polygon(roundRect(n.left, top, n.w, n.h, 3), fill, colStepEdge, 1, dash)
		k.block(m, n.lines, n.left+7, top, n.w-14, n.h, stepSize, colText, true)
	}
}

// layoutFooter draws the legend, the remedies and the office at the bottom of the page and
// returns the y of its top.
func layoutFooter(k *sketch, m *metrics, chart domain.ProcedureChart, foot Footer) float64 {
	width := pageW - 2*margin
	office := []string{}
	if foot.Office != "" {
		office = append(office, "制图单位："+foot.Office)
	}
	if foot.Phone != "" {
		office = append(office, "监督电话："+foot.Phone)
	}
	if !foot.Date.IsZero() {
		office = append(office, fmt.Sprintf("日期：%d年%d月%d日", foot.Date.Year, foot.Date.Month, foot.Date.Day))
	}
	label := "救济途径："
	if chart.Type == "" {
		label = "说明："
	}
	remedies := m.wrap(label+chart.Remedies, width, 8.5)

	lh := 8.5 * lineFactor
	y := pageH - margin
	if len(office) > 0 {
		line := strings.Join(office, "　　")
		k.text((pageW-m.width(line, footSize))/2, y, line, footSize, colMuted)
		y -= footSize*lineFactor + 4
	}
	for i := len(remedies) - 1; i >= 0; i-- {
		k.text(margin, y, remedies[i], 8.5, colText)
		y -= lh
	}
	y -= 6

	// legend: one row of symbols with their meaning
	x, base := margin, y
	sym := func(draw func(x, top float64) float64, text string) {
		w := draw(x, base-8)
		k.text(x+w+4, base, text, footSize, colText)
		x += w + 4 + m.width(text, footSize) + 14
	}
	k.text(x, base, "图例：", footSize, colText)
	x += m.width("图例：", footSize) + 2
	sym(func(x, top float64) float64 {
		k.polygon(roundRect(x, top, 22, 10, 2), colStepFill, colStepEdge, 0.8, 0)
		return 22
	}, "必经环节")
	sym(func(x, top float64) float64 {
		k.polygon(roundRect(x, top, 22, 10, 2), colWhite, colStepEdge, 0.8, 2.5)
		return 22
	}, "视情况进行")
	sym(func(x, top float64) float64 {
		k.polygon([]pdf.DiagramPoint{pt(x+11, top-1), pt(x+22, top+5), pt(x+11, top+11), pt(x, top+5)}, colDecFill, colDecEdge, 0.8, 0)
		return 22
	}, "判断")
	sym(func(x, top float64) float64 {
		k.text(x, base, "时限", footSize, colTimeLimit)
		return m.width("时限", footSize)
	}, "办理期限")
	sym(func(x, top float64) float64 {
		k.text(x, base, "当事人权利", footSize, colRights)
		return m.width("当事人权利", footSize)
	}, "告知当事人的权利")
	y -= footSize + 8
	k.line(colStepEdge, 0.6, 0, pt(margin, y), pt(pageW-margin, y))
	return y
}
