package publicity

import (
	"fmt"
	"io"
	"strconv"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/pdf"
)

// PrintRequest says which state of a list to print.
type PrintRequest struct {
	Kind    domain.ListKind
	Version int  // a published version; 0 is the latest
	Draft   bool // the list as it stands, not yet published (marked 草稿)
}

// PrintList writes the list as a formal PDF table (title, office, version date, page
// numbers, headers on every page) and logs the print. A published version is public
// information and needs no account (the command line prints it without signing in); the
// unpublished draft needs one.
func (s *Service) PrintList(sess office.Session, w io.Writer, req PrintRequest) error {
	if req.Draft {
		if err := domain.Require(sess.User, domain.PermViewDashboard, "打印未发布的清单草稿"); err != nil {
			return err
		}
	}
	spec, err := SpecOf(req.Kind)
	if err != nil {
		return err
	}
	ag, _, err := s.st.Agency()
	if err != nil {
		return err
	}
	t := pdf.Table{Title: spec.Title(), Office: ag.Name}
	var snap domain.ListSnapshot
	target := "list:" + string(req.Kind)
	if req.Draft {
		d, err := s.draft(req.Kind)
		if err != nil {
			return err
		}
		snap = d.Snapshot
		t.Subtitle = "（草稿，尚未发布）"
		t.VersionDate = "未发布"
	} else {
		v, sn, err := s.st.ListVersion(req.Kind, req.Version)
		if err != nil {
			return err
		}
		snap = sn
		t.Subtitle = fmt.Sprintf("（第 %d 版）", v.No)
		t.VersionDate = chineseDate(v.Date)
		target += ":" + strconv.Itoa(v.No)
	}
	fillTable(&t, spec, snap)
	if err := pdf.RenderTable(w, t); err != nil {
		return err
	}
	return s.st.LogAccess(sess.Actor(), "list.print", target, fmt.Sprintf("打印%s%s（%d 项）", spec.Title(), t.Subtitle, len(snap.Items)))
}

// fillTable puts a snapshot into a table: a 序号 column, then the published columns with
// the spec's widths; a group's repeated cells (a benchmark's violation) print once.
func fillTable(t *pdf.Table, spec *Spec, snap domain.ListSnapshot) {
	t.Columns = append(t.Columns, pdf.Column{Header: "序号", Width: 0.55, Align: pdf.AlignCenter})
	for _, c := range snap.Columns {
		w := 1.0
		if f, ok := spec.Field(c.Key); ok && f.Print > 0 {
			w = f.Print
		}
		t.Columns = append(t.Columns, pdf.Column{Header: c.Header, Width: w})
	}
	if len(t.Columns) > 8 {
		t.FontSize = 9
	}
	grouped := map[string]bool{}
	for _, k := range spec.GroupFields {
		grouped[k] = true
	}
	prevGroup, n := "\x00", 0
	for _, it := range snap.Items {
		group := ""
		if spec.GroupBy != "" {
			group = snap.Value(it, spec.GroupBy) + "\x00" + snap.Value(it, "violation")
		}
		repeat := spec.GroupBy != "" && group == prevGroup
		if !repeat {
			n++
		}
		row := []string{strconv.Itoa(n)}
		if repeat {
			row[0] = ""
		}
		for i, c := range snap.Columns {
			v := ""
			if i < len(it.Values) {
				v = it.Values[i]
			}
			if repeat && grouped[c.Key] {
				v = "〃"
			}
			row = append(row, v)
		}
		t.Rows = append(t.Rows, row)
		prevGroup = group
	}
}

// chineseDate writes a date as printed on documents: 2026年3月1日.
func chineseDate(d domain.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
}
