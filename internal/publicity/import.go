package publicity

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// ImportPlan is the preview of a spreadsheet import: what each row would do and every
// problem found, row by row and column by column. Nothing is written until ApplyImport,
// which refuses a plan with errors.
type ImportPlan struct {
	Kind      domain.ListKind
	File      string // file name as picked
	SHA256    string
	Rows      int // data rows read
	Creates   int
	Updates   int
	Unchanged int
	Errors    []RowError
	Ignored   []string   // column headers that are not part of the list
	Lines     []PlanLine // one per data row, in file order

	revision uint64
	write    func(st *store.Store, ch store.Change, summary string) error
}

// RowError is one problem of an import: the spreadsheet row number (as Excel shows it),
// the column's header ("" for the whole row) and what is wrong.
type RowError struct {
	Row     int
	Column  string
	Message string
}

func (e RowError) String() string {
	if e.Column == "" {
		return fmt.Sprintf("第 %d 行：%s", e.Row, e.Message)
	}
	return fmt.Sprintf("第 %d 行“%s”列：%s", e.Row, e.Column, e.Message)
}

// PlanLine is what one data row would do.
type PlanLine struct {
	Row     int
	Action  string // 新增, 更新, 无变化 or 有错误
	Summary string // the entry's name or key
}

// OK reports whether the plan can be applied.
func (p *ImportPlan) OK() bool { return len(p.Errors) == 0 }

// Changes is the number of entries the import would write.
func (p *ImportPlan) Changes() int { return p.Creates + p.Updates }

// Summary says what the import does, in one sentence.
func (p *ImportPlan) Summary() string {
	s := fmt.Sprintf("从“%s”导入%s：共 %d 行，新增 %d 项，更新 %d 项，无变化 %d 项", p.File, p.Kind.Title(),
		p.Rows, p.Creates, p.Updates, p.Unchanged)
	if len(p.Errors) > 0 {
		s += fmt.Sprintf("，发现 %d 个错误", len(p.Errors))
	}
	return s + "。"
}

// PreviewImport reads a spreadsheet (.xlsx or .csv in UTF-8 or GB18030) into kind and
// checks every row against the list as it stands, without writing anything. progress,
// when not nil, is called as rows are checked; ctx cancels a long preview.
func (s *Service) PreviewImport(ctx context.Context, sess office.Session, kind domain.ListKind, fileName string, data []byte, progress func(done, total int)) (*ImportPlan, error) {
	if err := domain.Require(sess.User, PermEditLists, "导入公示清单"); err != nil {
		return nil, err
	}
	l, err := listerOf(kind)
	if err != nil {
		return nil, err
	}
	spec := l.spec()
	sh, err := readSheet(fileName, data, func(h string) bool { _, ok := columnKey(spec, h); return ok })
	if err != nil {
		return nil, err
	}
	c, err := s.ctx()
	if err != nil {
		return nil, err
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	plan, err := l.preview(s.st, c, sh, func(done, total int) {
		if done%250 == 0 || done == total {
			progress(done, total)
		}
	})
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, domain.Errorf(domain.EINVALID, "已取消导入，没有写入任何数据。")
	}
	sum := sha256.Sum256(data)
	plan.File, plan.SHA256 = filepath.Base(fileName), hex.EncodeToString(sum[:])
	return plan, nil
}

// ApplyImport writes a previewed plan in one transaction: all of it or, on any failure,
// nothing. A plan with errors, or one made before the list changed, is refused.
func (s *Service) ApplyImport(sess office.Session, plan *ImportPlan) error {
	if err := domain.Require(sess.User, PermEditLists, "导入公示清单"); err != nil {
		return err
	}
	if plan == nil || plan.write == nil {
		return domain.Errorf(domain.EINVALID, "请先预览要导入的文件。")
	}
	if !plan.OK() {
		return domain.Errorf(domain.EINVALID, "文件“%s”中有 %d 个错误，没有导入任何数据。请按提示改正表格后重新导入。", plan.File, len(plan.Errors))
	}
	if plan.Changes() == 0 {
		return nil // the same file again: nothing to write
	}
	summary := plan.Summary() + "文件 SHA-256：" + plan.SHA256[:16] + "…"
	return plan.write(s.st, store.Change{Actor: sess.Actor()}, summary)
}

// columnKey maps a spreadsheet header to a field: its header, an alias, or the header
// with a note in brackets (执法证号（必填）).
func columnKey(spec *Spec, header string) (string, bool) {
	h := strings.TrimSpace(header)
	h = strings.TrimPrefix(h, "*")
	if i := strings.IndexAny(h, "（("); i > 0 {
		if k, ok := columnKey(spec, h[:i]); ok {
			return k, true
		}
	}
	for _, f := range spec.Fields {
		if !f.Editable() {
			continue
		}
		if h == f.Header {
			return f.Key, true
		}
		for _, a := range f.Aliases {
			if h == a {
				return f.Key, true
			}
		}
	}
	return "", false
}

func (o *ops[T]) preview(st *store.Store, c *listCtx, sh *sheet, progress func(done, total int)) (*ImportPlan, error) {
	spec := o.def
	plan := &ImportPlan{Kind: spec.Kind, Rows: len(sh.rows)}
	state, err := st.ListState(spec.Kind)
	if err != nil {
		return nil, err
	}
	plan.revision = state.Revision

	// columns: which field each column fills; required fields need a column
	keys := make([]string, len(sh.header))
	headerOf := map[string]string{}
	for i, h := range sh.header {
		if h == "" {
			continue
		}
		k, ok := columnKey(spec, h)
		switch {
		case !ok:
			if h != "序号" {
				plan.Ignored = append(plan.Ignored, h)
			}
		case headerOf[k] != "":
			plan.Errors = append(plan.Errors, RowError{Row: sh.headerRow, Column: h,
				Message: fmt.Sprintf("与“%s”列是同一项内容，表格中只能有一列。请删除其中一列。", headerOf[k])})
		default:
			keys[i], headerOf[k] = k, h
		}
	}
	for _, f := range spec.Fields {
		if f.Required && f.Editable() && headerOf[f.Key] == "" {
			plan.Errors = append(plan.Errors, RowError{Row: sh.headerRow, Column: f.Header,
				Message: "缺少必填列“" + f.Header + "”。请使用“下载模板”得到的表格，或在表头加上这一列。"})
		}
	}
	if len(sh.rows) == 0 {
		plan.Errors = append(plan.Errors, RowError{Row: sh.headerRow + 1, Message: "表头下面没有数据。"})
	}
	if len(plan.Errors) > 0 {
		return plan, nil
	}
	columnOf := func(field string) string {
		if h := headerOf[field]; h != "" {
			return h
		}
		return spec.Header(field)
	}
	dateField := map[string]bool{}
	for _, f := range spec.Fields {
		dateField[f.Key] = f.Kind == Date
	}

	all, err := o.all(st)
	if err != nil {
		return nil, err
	}
	existing := make(map[string]T, len(all))
	for _, t := range all {
		existing[o.key(t)] = t
	}
	firstRow := map[string]int{}
	var items []T
	var zero T
	for i, sr := range sh.rows {
		progress(i+1, len(sh.rows))
		row := Row{}
		for j, k := range keys {
			if k == "" {
				continue
			}
			v := ""
			if j < len(sr.cells) {
				v = sr.cells[j]
			}
			if dateField[k] {
				v = excelSerialDate(v)
			}
			row[k] = v
		}
		fail := func(err error) {
			col := ""
			if f := domain.ErrorField(err); f != "" {
				col = columnOf(f)
			}
			plan.Errors = append(plan.Errors, RowError{Row: sr.n, Column: col, Message: domain.ErrorMessage(err)})
			plan.Lines = append(plan.Lines, PlanLine{Row: sr.n, Action: "有错误", Summary: rowName(row)})
		}
		t, err := o.fromRow(zero, row, c)
		if err != nil {
			fail(err)
			continue
		}
		key := o.key(t)
		if prev, dup := firstRow[key]; dup {
			fail(domain.FieldErrorf(o.keyField(t), "与第 %d 行重复（%s相同）。同一条目只能出现一次。", prev, o.keyHeader))
			continue
		}
		firstRow[key] = sr.n
		base, exists := existing[key]
		if exists {
			if t, err = o.fromRow(base, row, c); err != nil {
				fail(err)
				continue
			}
		}
		if err := o.validate(t, c); err != nil {
			fail(err)
			continue
		}
		line := PlanLine{Row: sr.n, Summary: o.describe(t, c)}
		switch {
		case !exists:
			line.Action = "新增"
			plan.Creates++
			items = append(items, t)
		case sameRow(o.toRow(base, c), o.toRow(t, c)):
			line.Action = "无变化"
			plan.Unchanged++
		default:
			line.Action = "更新"
			plan.Updates++
			items = append(items, t)
		}
		plan.Lines = append(plan.Lines, line)
	}
	sort.SliceStable(plan.Errors, func(i, j int) bool { return plan.Errors[i].Row < plan.Errors[j].Row })
	plan.write = func(st *store.Store, ch store.Change, summary string) error {
		return o.importAll(st, ch, plan.revision, items, summary)
	}
	return plan, nil
}

// rowName names a row that could not be read, for the preview.
func rowName(r Row) string {
	for _, k := range []string{"name", "body", "violation", "code", "cert_no"} {
		if v := clean(r[k]); v != "" {
			return v
		}
	}
	return ""
}

func sameRow(a, b Row) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
