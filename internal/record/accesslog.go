package record

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// Access-log actions (调阅监督, DOMAIN.md §2.4). Every one starts with "record.", which the
// access-log screens select on.
const (
	ActionView    = "record.view"    // a case opened on screen
	ActionPreview = "record.preview" // a document's pages shown inside LawDesk
	ActionOpen    = "record.open"    // a document's original handed to the system viewer
	ActionExport  = "record.export"  // a copy taken out (CSV, file saved elsewhere)
	ActionPrint   = "record.print"   // a PDF produced for printing
)

var actionLabels = map[string]string{
	ActionView: "查看", ActionPreview: "预览", ActionOpen: "打开原件", ActionExport: "导出", ActionPrint: "打印",
}

// ActionLabel is the Chinese word for an access-log or case action.
func ActionLabel(action string) string {
	if l, ok := actionLabels[action]; ok {
		return l
	}
	switch {
	case action == "case.create":
		return "登记"
	case action == "case.stage":
		return "办理环节"
	case action == "case.back":
		return "退回"
	case action == "case.decision":
		return "填写决定"
	case action == "case.update":
		return "修改"
	case action == "case.archive":
		return "归档"
	case action == "case.annotate":
		return "备注"
	case strings.HasPrefix(action, "document."):
		return "文书"
	}
	return action
}

// AccessLog lists the access log (who viewed, previewed, exported or printed which record,
// when and why), newest first. Only the office head and administrators supervise it.
func (s *Service) AccessLog(sess office.Session, f store.AccessFilter) ([]domain.Event, error) {
	if err := domain.Require(sess.User, domain.PermViewAudit, "查看调阅记录"); err != nil {
		return nil, err
	}
	return s.st.AccessLog(f)
}

// Timeline returns every event of a case (registration, stages, documents, views), newest
// first, for the case's history view.
func (s *Service) Timeline(sess office.Session, caseID uint64) ([]domain.Event, error) {
	if _, err := s.visible(sess, caseID, false); err != nil {
		return nil, err
	}
	return s.st.CaseEvents(caseID, 0)
}

// ExportAccessLog writes the access log matching f as CSV (UTF-8 with a byte-order mark, so
// Excel shows the Chinese) and logs the export itself.
func (s *Service) ExportAccessLog(sess office.Session, f store.AccessFilter, w io.Writer) (int, error) {
	events, err := s.AccessLog(sess, f)
	if err != nil {
		return 0, err
	}
	names := map[string]string{}
	if users, err := s.st.Users(); err == nil {
		for _, u := range users {
			names[u.Name] = u.DisplayName()
		}
	}
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return 0, exportErr(err)
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"序号", "时间", "用户", "姓名", "操作", "对象", "说明"})
	for _, e := range events {
		cw.Write([]string{fmt.Sprint(e.Seq), e.Time.Local().Format("2006-01-02 15:04:05"), e.Actor, names[e.Actor],
			ActionLabel(e.Action), e.Target, e.Summary})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return 0, exportErr(err)
	}
	what := "全部"
	if f.Actor != "" {
		what = "用户 " + f.Actor
	}
	if f.CaseID != 0 {
		what = fmt.Sprintf("案件 %d", f.CaseID)
	}
	return len(events), s.st.LogAccess(sess.Actor(), ActionExport, "accesslog", fmt.Sprintf("导出调阅记录（%s，%d 条）为 CSV", what, len(events)))
}

func exportErr(err error) error {
	return domain.Wrap(err, domain.EINVALID, "写入导出文件失败，请检查磁盘空间或换一个保存位置。")
}

// Todos lists the deadlines of the cases sess may see: dossiers to archive within 30 days of
// closing (a warning 7 days before, overdue after) and general-procedure penalty cases
// still undecided 90 days after 立案.
func (s *Service) Todos(sess office.Session) ([]domain.Todo, error) {
	if !domain.Allowed(sess.User.Roles, domain.PermCaseView) {
		return nil, nil
	}
	today := s.today()
	var out []domain.Todo
	var before uint64
	// the deadlines are read from the statistics index; only the cases with a to-do are read
	// whole (and masked), for their party
	due := func(c domain.Case) bool { _, ok := caseTodo(c, today); return ok }
	for {
		page, err := s.Cases(sess, CaseFilter{Before: before, Limit: 500, pendingOnly: true, keep: due})
		if err != nil {
			return nil, err
		}
		for _, slim := range page.Cases {
			c, err := s.st.Case(slim.ID)
			if err != nil {
				return nil, err
			}
			if td, ok := caseTodo(s.masked(sess, c), today); ok {
				out = append(out, td)
			}
		}
		if page.Next == 0 {
			return out, nil
		}
		before = page.Next
	}
}

func caseTodo(c domain.Case, today domain.Date) (domain.Todo, bool) {
	target := fmt.Sprintf("cases:%d", c.ID)
	switch c.Status {
	case domain.StatusClosed:
		due := c.ArchiveDue()
		left := today.DaysUntil(due)
		if left > domain.ArchiveWarnDays {
			return domain.Todo{}, false
		}
		td := domain.Todo{Kind: "归档", Title: "案件 " + c.Number + " 待归档", Due: due.Time(time.Local).Add(24*time.Hour - time.Minute),
			Detail:   fmt.Sprintf("%s于 %s 结案，应在结案后 30 日内（%s 前）立卷归档。", c.Party.MaskedName(), c.Closed, due),
			Severity: domain.SeverityDueSoon, Target: target}
		if left < 0 {
			td.Severity = domain.SeverityOverdue
			td.Title = "案件 " + c.Number + " 逾期未归档"
		}
		return td, true
	case domain.StatusOpen:
		if over, why := c.Overdue(today); over {
			return domain.Todo{Kind: "办案期限", Title: "案件 " + c.Number + " 超期", Detail: why,
				Severity: domain.SeverityOverdue, Target: target}, true
		}
	}
	return domain.Todo{}, false
}
