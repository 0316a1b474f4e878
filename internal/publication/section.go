package publication

import (
	"path"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
)

// A Section is more published content that another capability adds to the export, so the
// office uploads one folder (DOMAIN.md §1.1: the results of random inspections are
// published like the decisions). Its files go into their own folder, the index page links
// its first file, and its texts pass the same last personal-data check as the decisions.
type Section struct {
	Dir   string        // folder inside the export, e.g. "inspections"; replaced on the next export
	Title string        // the link on the index page and the line in the manifest, e.g. "双随机抽查结果公示"
	Count int           // how many items it publishes (e.g. tasks), shown beside the title
	Files []SectionFile // the first is the page the index links to
	Texts []string      // every text the files show, checked once more for personal data
}

// SectionFile is one file of a section, its name relative to the section's folder.
type SectionFile struct {
	Name string
	Data []byte
}

// SectionSource builds a section for sess at export time.
type SectionSource func(sess office.Session) (Section, error)

// SectionSummary says what a section put into the export.
type SectionSummary struct {
	Title string
	Count int
}

// sections asks every source for its section and checks it: a folder name of its own and
// no personal data of the kinds LawDesk never publishes.
func (s *Service) sections(sess office.Session) ([]Section, error) {
	var out []Section
	for _, src := range s.Sections {
		sec, err := src(sess)
		if err != nil {
			return nil, err
		}
		if !validSectionDir(sec.Dir) {
			return nil, domain.Errorf(domain.EINVALID, "导出内容“%s”的文件夹名“%s”无效。", sec.Title, sec.Dir)
		}
		for _, f := range sec.Files {
			if f.Name == "" || path.Clean(f.Name) != f.Name || strings.HasPrefix(f.Name, "..") || strings.ContainsAny(f.Name, `\:`) || path.IsAbs(f.Name) {
				return nil, domain.Errorf(domain.EINVALID, "导出内容“%s”的文件名“%s”无效。", sec.Title, f.Name)
			}
		}
		for _, text := range sec.Texts {
			for _, r := range Detect(text, Rules{}) {
				if !r.Kind.Undoable() {
					return nil, domain.Errorf(domain.EINVALID, "“%s”中仍有%s（%s），已停止导出。请修改相应内容后重新导出。", sec.Title, r.Kind, r.Mask)
				}
			}
		}
		out = append(out, sec)
	}
	return out, nil
}

// validSectionDir keeps a section inside its own folder and off the decisions' names.
func validSectionDir(dir string) bool {
	if dir == "" || strings.ContainsAny(dir, `/\:.`) {
		return false
	}
	switch dir {
	case exportPagesDir, exportFullTexts:
		return false
	}
	return true
}

// link is the path of the page the index links to ("" for a section without files).
func (sec Section) link() string {
	if len(sec.Files) == 0 {
		return ""
	}
	return path.Join(sec.Dir, sec.Files[0].Name)
}
