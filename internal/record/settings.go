package record

import (
	"lawdesk/internal/domain"
	"lawdesk/internal/office"
)

// Setting keys of the record capability.
const (
	keyNumberRule = "record.number_rule"
)

type numberRuleSetting struct {
	Template  string            `json:"template"`
	TypeChars map[string]string `json:"type_chars,omitempty"`
}

// NumberRule is the office's case-numbering rule (default 机关代字+类别字+〔年〕+序号+号).
func (s *Service) NumberRule() (domain.NumberRule, error) {
	v := numberRuleSetting{Template: domain.DefaultNumberTemplate}
	if _, err := s.st.Setting(keyNumberRule, &v); err != nil {
		return domain.NumberRule{}, err
	}
	r := domain.NumberRule{Template: v.Template, TypeChars: map[domain.ActType]string{}}
	for k, c := range v.TypeChars {
		r.TypeChars[domain.ActType(k)] = c
	}
	return r, nil
}

// SaveNumberRule changes the numbering rule (admins only). Numbers already given out stay
// as they are; sequences continue from the numbers already used.
func (s *Service) SaveNumberRule(sess office.Session, r domain.NumberRule) error {
	if err := domain.Require(sess.User, domain.PermCaseSettings, "修改案件编号规则"); err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return err
	}
	v := numberRuleSetting{Template: r.Template, TypeChars: map[string]string{}}
	for t, c := range r.TypeChars {
		if c != "" && c != t.Short() {
			v.TypeChars[string(t)] = c
		}
	}
	return s.st.SaveSetting(sess.Actor(), keyNumberRule, v, "修改案件编号规则："+r.Template)
}
