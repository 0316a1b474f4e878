package flowchart

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"lawdesk/internal/domain"
	"lawdesk/internal/pdf"
)

// PNGScale is the pixels per point of the website image: 2 gives 1191 × 1684 pixels for
// an A4 page (about 144 dpi), sharp on screens and still small.
const PNGScale = 2.0

// RenderPNG rasterises a diagram at scale pixels per point with the embedded font: the
// same primitives as the PDF, painted with anti-aliasing on white.
func RenderPNG(w io.Writer, d pdf.Diagram, scale float64) error {
	img, err := Rasterize(d, scale)
	if err != nil {
		return err
	}
	if err := png.Encode(w, img); err != nil {
		return domain.Wrap(err, domain.EINTERNAL, "写入 PNG 图片失败")
	}
	return nil
}

// Rasterize paints the diagram into an RGBA image.
func Rasterize(d pdf.Diagram, scale float64) (*image.RGBA, error) {
	if d.Width <= 0 || d.Height <= 0 || scale <= 0 || d.Width*scale > 20000 || d.Height*scale > 20000 {
		return nil, domain.Errorf(domain.EINVALID, "图片尺寸无效")
	}
	f, err := parsedFont()
	if err != nil {
		return nil, domain.Wrap(err, domain.EINTERNAL, "无法读取内嵌字体，图片没有生成。")
	}
	b := image.Rect(0, 0, int(math.Ceil(d.Width*scale)), int(math.Ceil(d.Height*scale)))
	img := image.NewRGBA(b)
	draw.Draw(img, b, image.White, image.Point{}, draw.Src)
	for _, p := range d.Paths {
		if p.Closed && p.Fill && len(p.Points) >= 3 {
			r := newPathRaster(b, p.Points, scale, 1)
			r.moveTo(p.Points[0])
			for _, q := range p.Points[1:] {
				r.lineTo(q)
			}
			r.ClosePath()
			r.draw(img, p.FillColor)
		}
		if p.Stroke > 0 && len(p.Points) >= 2 {
			width := math.Max(p.Stroke*scale, 1) // hairlines stay visible
			r := newPathRaster(b, p.Points, scale, width)
			pts := p.Points
			if p.Closed {
				pts = append(append([]pdf.DiagramPoint(nil), pts...), pts[0])
			}
			for i := 1; i < len(pts); i++ {
				a, c := r.at(pts[i-1]), r.at(pts[i])
				if p.Dash > 0 {
					dashes(r.Rasterizer, a, c, width, p.Dash*scale, p.Dash*0.6*scale)
				} else {
					segment(r.Rasterizer, a, c, width)
				}
			}
			r.draw(img, p.StrokeColor)
		}
	}
	fcs := &faces{f: f, cache: map[float64]font.Face{}}
	for _, t := range d.Texts {
		face, err := fcs.face(t.Size * scale)
		if err != nil {
			return nil, domain.Wrap(err, domain.EINTERNAL, "无法绘制文字“%s”", t.Text)
		}
		dr := font.Drawer{Dst: img, Src: image.NewUniform(rgba(t.Color)), Face: face,
			Dot: fixed.Point26_6{X: fixed.Int26_6(t.X * scale * 64), Y: fixed.Int26_6(t.Y * scale * 64)}}
		dr.DrawString(t.Text)
	}
	return img, nil
}

// pathRaster rasterises one path inside its own bounding box only: a rasteriser the size of
// the whole page for every box and arrow would cost seconds per chart.
type pathRaster struct {
	*vector.Rasterizer
	rect  image.Rectangle // where it lands on the page, in pixels
	scale float64
}

func newPathRaster(page image.Rectangle, pts []pdf.DiagramPoint, scale, pad float64) *pathRaster {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		x0, y0 = math.Min(x0, p.X*scale), math.Min(y0, p.Y*scale)
		x1, y1 = math.Max(x1, p.X*scale), math.Max(y1, p.Y*scale)
	}
	rect := image.Rect(int(math.Floor(x0-pad-1)), int(math.Floor(y0-pad-1)), int(math.Ceil(x1+pad+1)), int(math.Ceil(y1+pad+1)))
	rect = rect.Intersect(page)
	return &pathRaster{Rasterizer: vector.NewRasterizer(max(rect.Dx(), 1), max(rect.Dy(), 1)), rect: rect, scale: scale}
}

// at converts a point in points to pixels relative to the box.
func (r *pathRaster) at(p pdf.DiagramPoint) pdf.DiagramPoint {
	return pt(p.X*r.scale-float64(r.rect.Min.X), p.Y*r.scale-float64(r.rect.Min.Y))
}

func (r *pathRaster) moveTo(p pdf.DiagramPoint) { q := r.at(p); r.MoveTo(float32(q.X), float32(q.Y)) }
func (r *pathRaster) lineTo(p pdf.DiagramPoint) { q := r.at(p); r.LineTo(float32(q.X), float32(q.Y)) }

func (r *pathRaster) draw(img *image.RGBA, c pdf.DiagramColor) {
	if r.rect.Empty() {
		return
	}
	r.Draw(img, r.rect, image.NewUniform(rgba(c)), image.Point{})
}

func rgba(c pdf.DiagramColor) color.RGBA { return color.RGBA{R: c.R, G: c.G, B: c.B, A: 0xFF} }

// segment adds a line of the given width from a to b as a rectangle extended by half the
// width at both ends (so corners of outlines close). Every rectangle winds the same way,
// so overlaps never cancel out.
func segment(r *vector.Rasterizer, a, b pdf.DiagramPoint, width float64) {
	dx, dy := b.X-a.X, b.Y-a.Y
	n := math.Hypot(dx, dy)
	if n == 0 {
		return
	}
	ux, uy := dx/n*width/2, dy/n*width/2 // along the line
	nx, ny := -uy, ux                    // across it
	a = pt(a.X-ux, a.Y-uy)
	b = pt(b.X+ux, b.Y+uy)
	r.MoveTo(float32(a.X+nx), float32(a.Y+ny))
	r.LineTo(float32(b.X+nx), float32(b.Y+ny))
	r.LineTo(float32(b.X-nx), float32(b.Y-ny))
	r.LineTo(float32(a.X-nx), float32(a.Y-ny))
	r.ClosePath()
}

// dashes adds the dashes of a dashed line from a to b.
func dashes(r *vector.Rasterizer, a, b pdf.DiagramPoint, width, on, off float64) {
	n := math.Hypot(b.X-a.X, b.Y-a.Y)
	if n == 0 || on <= 0 {
		return
	}
	ux, uy := (b.X-a.X)/n, (b.Y-a.Y)/n
	for s := 0.0; s < n; s += on + off {
		e := math.Min(s+on, n)
		segment(r, pt(a.X+ux*s, a.Y+uy*s), pt(a.X+ux*e, a.Y+uy*e), width)
	}
}
