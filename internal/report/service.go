package report

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// Permissions of the statistics and the annual report.
var (
	// PermStats: everyone may look at the office's figures.
	PermStats = domain.NewPermission("stats.view", domain.AllRoles...)
	// PermAnnual: write the 情况说明 and mark the annual report published.
	PermAnnual = domain.NewPermission("report.annual", domain.RoleAdmin, domain.RoleHead)
	// PermBundle: export the annual data bundle (the administrator's job, DOMAIN.md §6).
	PermBundle = domain.NewPermission("report.bundle", domain.RoleAdmin)
)

// PublishDeadline is the day of January by which the previous year's data must be
// published (DOMAIN.md §1.4: 31 January nationally; Hunan 20 January).
const PublishDeadline = 31

// Service is the statistics and reports capability.
type Service struct {
	st *store.Store
}

// New returns the report service over st.
func New(st *store.Store) *Service { return &Service{st: st} }

// Statistics counts the figures of period p.
func (s *Service) Statistics(sess office.Session, p Period) (Stats, error) {
	if err := domain.Require(sess.User, PermStats, "查看统计"); err != nil {
		return Stats{}, err
	}
	d, err := Load(s.st, p)
	if err != nil {
		return Stats{}, err
	}
	return Compute(d, p), nil
}

// LogExport records in the audit chain that someone exported or printed statistics.
func (s *Service) LogExport(sess office.Session, what string) error {
	return s.st.LogAccess(sess.Actor(), "report.export", "stats", what)
}

// ExportBundle writes the annual data bundle of year to file.
func (s *Service) ExportBundle(ctx context.Context, sess office.Session, year int, file string, opts BundleOptions, progress func(part string, done, total int)) (BundleResult, error) {
	if err := domain.Require(sess.User, PermBundle, "导出年度数据包"); err != nil {
		return BundleResult{}, err
	}
	if year < 2000 || year > s.st.Now().Year() {
		return BundleResult{}, domain.Errorf(domain.EINVALID, "“年度”应在 2000 到 %d 之间，现在是 %d。", s.st.Now().Year(), year)
	}
	if strings.TrimSpace(file) == "" {
		return BundleResult{}, domain.Errorf(domain.EINVALID, "请指定数据包保存的位置。")
	}
	if !strings.EqualFold(filepath.Ext(file), ".zip") {
		file += ".zip"
	}
	res, err := writeBundle(ctx, s.st, sess, year, file, opts, progress)
	if err != nil {
		return res, err
	}
	return res, s.st.LogAccess(sess.Actor(), "report.bundle.export", fmt.Sprintf("year:%d", year),
		fmt.Sprintf("导出 %d 年度数据包 %s（%d 个文件，%s%s）", year, filepath.Base(res.File), res.Files, humanSize(res.Bytes),
			map[bool]string{true: "，含原始文件", false: ""}[opts.WithOriginals]))
}

// Annual is the office's work on one year's report: the written summary and whether it
// has been published.
type Annual struct {
	Year        int       `json:"year"`
	Summary     string    `json:"summary"` // 情况说明; empty until someone writes or accepts the draft
	Published   bool      `json:"published"`
	PublishedAt time.Time `json:"published_at,omitzero"`
	PublishedBy string    `json:"published_by,omitempty"`
}

func annualKey(year int) string { return fmt.Sprintf("report.annual.%d", year) }

// Annual returns the state of year's report.
func (s *Service) Annual(year int) (Annual, error) {
	a := Annual{Year: year}
	_, err := s.st.Setting(annualKey(year), &a)
	return a, err
}

// SaveSummary stores the 情况说明 of year's report.
func (s *Service) SaveSummary(sess office.Session, year int, summary string) error {
	if err := domain.Require(sess.User, PermAnnual, "编写年度报告情况说明"); err != nil {
		return err
	}
	if utf8.RuneCountInString(summary) > 20000 {
		return domain.Errorf(domain.EINVALID, "“情况说明”最多 20000 字，现在有 %d 字。", utf8.RuneCountInString(summary))
	}
	a, err := s.Annual(year)
	if err != nil {
		return err
	}
	a.Summary = strings.TrimSpace(summary)
	return s.st.SaveSetting(sess.Actor(), annualKey(year), a, fmt.Sprintf("修改 %d 年度报告情况说明", year))
}

// MarkPublished records that year's report was published (and reported upward); the
// dashboard stops reminding.
func (s *Service) MarkPublished(sess office.Session, year int, published bool) error {
	if err := domain.Require(sess.User, PermAnnual, "标记年度报告已公开"); err != nil {
		return err
	}
	a, err := s.Annual(year)
	if err != nil {
		return err
	}
	a.Published = published
	a.PublishedAt, a.PublishedBy = time.Time{}, ""
	summary := fmt.Sprintf("撤销 %d 年度报告“已公开”标记", year)
	if published {
		a.PublishedAt, a.PublishedBy = s.st.Now(), sess.Actor()
		summary = fmt.Sprintf("标记 %d 年度报告已公开", year)
	}
	return s.st.SaveSetting(sess.Actor(), annualKey(year), a, summary)
}

// Todos reminds heads and administrators, from 1 January, to publish the previous year's
// data by 31 January, until the report is marked published.
func (s *Service) Todos(sess office.Session) ([]domain.Todo, error) {
	if !domain.Allowed(sess.User.Roles, PermAnnual) {
		return nil, nil
	}
	now := s.st.Now()
	year := now.Year() - 1
	a, err := s.Annual(year)
	if err != nil || a.Published {
		return nil, err
	}
	due := time.Date(now.Year(), time.January, PublishDeadline, 23, 59, 0, 0, now.Location())
	t := domain.Todo{Kind: "年报", Target: fmt.Sprintf("stats:annual:%d", year), Due: due,
		Title:  fmt.Sprintf("公开 %d 年度行政执法数据", year),
		Detail: fmt.Sprintf("应在 1 月 %d 日前公开上一年度的行政执法数据，并报送本级政府和上级部门。在“统计与报表 → 年度报告”中生成报告，公开后标记“已公开”。", PublishDeadline),
	}
	switch {
	case now.After(due):
		t.Severity = domain.SeverityOverdue
	default:
		t.Severity = domain.SeverityDueSoon
	}
	return []domain.Todo{t}, nil
}
