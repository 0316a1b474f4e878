package pdf

import (
	"io"

	"github.com/signintech/gopdf"

	"lawdesk/internal/domain"
)

// Diagram is a one-page vector drawing already laid out by its caller (the 执法流程图 are
// laid out by package flowchart): paths, then lines of text on top, in points from the
// page's top-left corner. The same Diagram is also rasterised to PNG, so it holds only
// primitives both can paint exactly alike.
type Diagram struct {
	Width, Height float64 // page size in points, e.g. A4 595.28 × 841.89
	Title         string  // document title in the PDF's properties
	Paths         []DiagramPath
	Texts         []DiagramText
}

// DiagramPoint is a position in points.
type DiagramPoint struct{ X, Y float64 }

// DiagramColor is an RGB colour.
type DiagramColor struct{ R, G, B uint8 }

// DiagramPath is a polygon (Closed) or a polyline, filled and/or stroked.
type DiagramPath struct {
	Points      []DiagramPoint
	Closed      bool
	Fill        bool // closed paths only
	FillColor   DiagramColor
	Stroke      float64 // line width; 0 means no outline
	StrokeColor DiagramColor
	Dash        float64 // dash length for dashed outlines; 0 means solid
}

// DiagramText is one line of text; (X, Y) is the left end of its baseline.
type DiagramText struct {
	X, Y  float64
	Text  string
	Size  float64
	Color DiagramColor
}

// RenderDiagram writes d as a one-page PDF with the embedded Chinese font.
func RenderDiagram(w io.Writer, d Diagram) error {
	if d.Width <= 0 || d.Height <= 0 {
		return domain.Errorf(domain.EINVALID, "图的页面大小无效")
	}
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: d.Width, H: d.Height}})
	gp.SetCompressLevel(6)
	if d.Title != "" {
		gp.SetInfo(gopdf.PdfInfo{Title: d.Title, Creator: "LawDesk"})
	}
	fc, err := loadFont()
	if err != nil {
		return internalErr(err)
	}
	if err := gp.AddTTFFontFromFontContainer(fontFamily, fc); err != nil {
		return internalErr(err)
	}
	gp.AddPage()
	for _, p := range d.Paths {
		diagramPath(gp, p)
	}
	for _, t := range d.Texts {
		if t.Text == "" {
			continue
		}
		if err := gp.SetFont(fontFamily, "", t.Size); err != nil {
			return domain.Wrap(err, domain.EINTERNAL, "生成 PDF 文件失败（字体）")
		}
		gp.SetTextColor(t.Color.R, t.Color.G, t.Color.B)
		gp.SetXY(t.X, t.Y)
		if err := gp.Text(t.Text); err != nil {
			return domain.Wrap(err, domain.EINTERNAL, "生成 PDF 文件失败（文字“%s”）", t.Text)
		}
	}
	if _, err := gp.WriteTo(w); err != nil {
		return domain.Wrap(err, domain.EINTERNAL, "写入 PDF 文件失败")
	}
	return nil
}

func diagramPath(gp *gopdf.GoPdf, p DiagramPath) {
	if len(p.Points) < 2 {
		return
	}
	if p.Stroke > 0 {
		gp.SetLineWidth(p.Stroke)
		gp.SetStrokeColor(p.StrokeColor.R, p.StrokeColor.G, p.StrokeColor.B)
		if p.Dash > 0 {
			gp.SetCustomLineType([]float64{p.Dash, p.Dash * 0.6}, 0)
		} else {
			gp.SetLineType("solid")
		}
	}
	if p.Closed {
		style := ""
		switch {
		case p.Fill && p.Stroke > 0:
			style = "FD"
		case p.Fill:
			style = "F"
		case p.Stroke > 0:
			style = "D"
		default:
			return
		}
		if p.Fill {
			gp.SetFillColor(p.FillColor.R, p.FillColor.G, p.FillColor.B)
		}
		pts := make([]gopdf.Point, len(p.Points))
		for i, q := range p.Points {
			pts[i] = gopdf.Point{X: q.X, Y: q.Y}
		}
		gp.Polygon(pts, style)
		return
	}
	if p.Stroke <= 0 {
		return
	}
	for i := 1; i < len(p.Points); i++ {
		a, b := p.Points[i-1], p.Points[i]
		gp.Line(a.X, a.Y, b.X, b.Y)
	}
}
