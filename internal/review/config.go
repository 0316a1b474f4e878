package review

import (
	"fmt"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
)

// Config returns the office's review configuration (catalogue, checklist, figures).
func (s *Service) Config() (domain.ReviewConfig, error) { return s.st.ReviewConfig() }

// SaveConfig stores an edited configuration (administrators only). Every rule and
// element keeps a stable key, so reviews already recorded still read correctly.
func (s *Service) SaveConfig(sess office.Session, cfg domain.ReviewConfig) error {
	if err := domain.Require(sess.User, domain.PermReviewSettings, "修改法制审核设置"); err != nil {
		return err
	}
	for i := range cfg.Rules {
		r := &cfg.Rules[i]
		r.Title, r.Basis = strings.TrimSpace(r.Title), strings.TrimSpace(r.Basis)
		if r.Key == "" {
			r.Key = newKey("rule", i, func(k string) bool { return hasRule(cfg.Rules, k) })
		}
	}
	for i := range cfg.Checklist {
		e := &cfg.Checklist[i]
		e.Title, e.Hint = strings.TrimSpace(e.Title), strings.TrimSpace(e.Hint)
		if e.Key == "" {
			e.Key = newKey("element", i, func(k string) bool { return hasElement(cfg.Checklist, k) })
		}
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	enabled := 0
	for _, r := range cfg.Rules {
		if r.Enabled {
			enabled++
		}
	}
	summary := fmt.Sprintf("修改法制审核设置：目录 %d 条（启用 %d 条），审核要素 %d 项，审核期限 %d 个工作日", len(cfg.Rules), enabled,
		len(cfg.Checklist), cfg.Policy.TimeLimitDays)
	return s.st.SaveReviewConfig(sess.Actor(), cfg, summary)
}

// newKey returns a key prefix-N not yet taken.
func newKey(prefix string, n int, taken func(string) bool) string {
	for ; ; n++ {
		if k := fmt.Sprintf("%s-%d", prefix, n+1); !taken(k) {
			return k
		}
	}
}

func hasRule(rules []domain.MajorRule, key string) bool {
	for _, r := range rules {
		if r.Key == key {
			return true
		}
	}
	return false
}

func hasElement(els []domain.ChecklistElement, key string) bool {
	for _, e := range els {
		if e.Key == key {
			return true
		}
	}
	return false
}

// StaffingReport is the staffing check with where the figures came from.
type StaffingReport struct {
	domain.Staffing
	Source        string   // 执法人员清单 or 用户账户
	ReviewerNames []string // names of the reviewers counted
}

// Staffing counts the legal reviewers against the enforcement officers. It counts the
// 执法人员清单 (officers marked 法制审核人员 are reviewers, the others officers, people who
// left are not counted); an office that has not entered its officer list yet is counted
// from its user accounts.
func (s *Service) Staffing() (StaffingReport, error) {
	cfg, err := s.Config()
	if err != nil {
		return StaffingReport{}, err
	}
	officers, err := s.st.Officers()
	if err != nil {
		return StaffingReport{}, err
	}
	var rep StaffingReport
	var nOfficers int
	for _, o := range officers {
		switch {
		case o.Left:
		case o.Reviewer:
			rep.ReviewerNames = append(rep.ReviewerNames, o.Name)
		default:
			nOfficers++
		}
	}
	rep.Source = "执法人员清单"
	if nOfficers+len(rep.ReviewerNames) == 0 {
		users, err := s.st.Users()
		if err != nil {
			return rep, err
		}
		rep.Source = "用户账户（执法人员清单尚未录入）"
		for _, u := range users {
			switch {
			case u.Disabled:
			case u.HasRole(domain.RoleReviewer):
				rep.ReviewerNames = append(rep.ReviewerNames, u.DisplayName())
			case u.HasRole(domain.RoleOfficer):
				nOfficers++
			}
		}
	}
	rep.Staffing = domain.EvaluateStaffing(nOfficers, len(rep.ReviewerNames), cfg.Policy)
	return rep, nil
}
