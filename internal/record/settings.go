package record

import (
	"fmt"
	"os"
	"slices"
	"strings"

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

// More setting keys.
const (
	keyCatalogue  = "record.catalogue"
	keyRequired   = "record.required_docs"
	keyScannerDir = "record.scanner_dir"
)

type docTypeSetting struct {
	Name  string       `json:"name"`
	Stage domain.Stage `json:"stage"`
}

// Catalogue is the office's document catalogue (文书目录): the kinds of documents and the
// stage each belongs to. Until an administrator edits it, the default catalogue.
func (s *Service) Catalogue() ([]domain.DocType, error) {
	var v []docTypeSetting
	ok, err := s.st.Setting(keyCatalogue, &v)
	if err != nil || !ok || len(v) == 0 {
		return domain.DefaultCatalogue(), err
	}
	out := make([]domain.DocType, len(v))
	for i, t := range v {
		out[i] = domain.DocType(t)
	}
	return out, nil
}

// SaveCatalogue replaces the document catalogue (admins only). Documents already filed
// keep their type even when it is removed from the catalogue.
func (s *Service) SaveCatalogue(sess office.Session, cat []domain.DocType) error {
	if err := domain.Require(sess.User, domain.PermCaseSettings, "修改文书目录"); err != nil {
		return err
	}
	v := make([]docTypeSetting, len(cat))
	for i, t := range cat {
		t.Name = strings.TrimSpace(t.Name)
		cat[i], v[i] = t, docTypeSetting(t)
	}
	if err := domain.ValidateCatalogue(cat); err != nil {
		return err
	}
	return s.st.SaveSetting(sess.Actor(), keyCatalogue, v, fmt.Sprintf("修改文书目录（%d 种文书）", len(cat)))
}

// RequiredDocs lists the documents a complete dossier holds, per act type (defaults for
// penalty, licensing, inspection and coercion).
func (s *Service) RequiredDocs() (domain.RequiredDocs, error) {
	var v map[string][]string
	ok, err := s.st.Setting(keyRequired, &v)
	if err != nil || !ok {
		return domain.DefaultRequiredDocs(), err
	}
	out := domain.RequiredDocs{}
	for t, names := range v {
		out[domain.ActType(t)] = names
	}
	return out, nil
}

// SaveRequiredDocs changes the required documents of one act type (admins only); every name
// must be in the catalogue.
func (s *Service) SaveRequiredDocs(sess office.Session, t domain.ActType, names []string) error {
	if err := domain.Require(sess.User, domain.PermCaseSettings, "修改案卷必备文书"); err != nil {
		return err
	}
	if !t.Valid() {
		return domain.Errorf(domain.EINVALID, "请选择执法类别。")
	}
	cat, err := s.Catalogue()
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, d := range cat {
		known[d.Name] = true
	}
	var clean []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" || slices.Contains(clean, n) {
			continue
		}
		if !known[n] {
			return domain.Errorf(domain.EINVALID, "必备文书“%s”不在文书目录中，请先在文书目录中添加。", n)
		}
		clean = append(clean, n)
	}
	req, err := s.RequiredDocs()
	if err != nil {
		return err
	}
	req[t] = clean
	v := map[string][]string{}
	for k, n := range req {
		v[string(k)] = n
	}
	return s.st.SaveSetting(sess.Actor(), keyRequired, v, fmt.Sprintf("修改%s案卷必备文书：%s", t.Label(), strings.Join(clean, "、")))
}

// ScannerDir is the folder the office's scanner writes to ("" when not set).
func (s *Service) ScannerDir() (string, error) {
	var dir string
	_, err := s.st.Setting(keyScannerDir, &dir)
	return dir, err
}

// SaveScannerDir sets the scanner's output folder; any officer may set it for the PC.
func (s *Service) SaveScannerDir(sess office.Session, dir string) error {
	if err := domain.Require(sess.User, domain.PermCaseEdit, "设置扫描文件夹"); err != nil {
		return err
	}
	dir = strings.TrimSpace(dir)
	if dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return domain.Errorf(domain.EINVALID, "文件夹 %s 不存在，请选择扫描仪保存文件的文件夹。", dir)
		}
	}
	return s.st.SaveSetting(sess.Actor(), keyScannerDir, dir, "设置扫描文件夹："+dir)
}

const keyArchiveRule = "record.archive_rule"

type archiveRuleSetting struct {
	Template string `json:"template"`
	Fonds    string `json:"fonds"`
	Category string `json:"category"`
	Unit     string `json:"unit,omitempty"`
	Digits   int    `json:"digits"`
}

// ArchiveRule is the office's archive-number (档号) rule.
func (s *Service) ArchiveRule() (domain.ArchiveRule, error) {
	v := archiveRuleSetting(domain.DefaultArchiveRule())
	_, err := s.st.Setting(keyArchiveRule, &v)
	return domain.ArchiveRule(v), err
}

// SaveArchiveRule changes the archive-number rule (admins only). Archive numbers already
// given out stay as they are.
func (s *Service) SaveArchiveRule(sess office.Session, r domain.ArchiveRule) error {
	if err := domain.Require(sess.User, domain.PermCaseSettings, "修改档号规则"); err != nil {
		return err
	}
	r.Template, r.Fonds, r.Category, r.Unit = strings.TrimSpace(r.Template), strings.TrimSpace(r.Fonds), strings.TrimSpace(r.Category), strings.TrimSpace(r.Unit)
	if err := r.Validate(); err != nil {
		return err
	}
	return s.st.SaveSetting(sess.Actor(), keyArchiveRule, archiveRuleSetting(r),
		"修改档号规则："+r.Format(2026, domain.RetentionPermanent, 1)+"（示例）")
}
