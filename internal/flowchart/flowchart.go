// Package flowchart draws the office's 执法流程图 (DOMAIN.md §1.1): each kind of procedure
// — 行政处罚 general and simple, 行政许可, 行政强制, 行政检查 and 法制审核 — from the
// procedure definitions the case workflow shares (domain.ProcedureChart) with the office's
// own adjustments of titles, time limits and documents, laid out on one A4 page and
// rendered as a printable PDF (package pdf) and a PNG for the website.
package flowchart

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/pdf"
	"lawdesk/internal/store"
)

// PermEdit guards the office's adjustments of its flowcharts.
var PermEdit = domain.NewPermission("flowchart.edit", domain.RoleAdmin, domain.RoleHead)

// Service draws and adjusts the office's flowcharts.
type Service struct{ st *store.Store }

// New returns the service.
func New(st *store.Store) *Service { return &Service{st: st} }

// settingKey stores every chart's adjustments: chart name → step ID → change.
const settingKey = "flowchart.changes"

type changeRecord struct {
	Title     string   `json:"title,omitempty"`
	TimeLimit string   `json:"time_limit,omitempty"`
	Documents []string `json:"documents,omitempty"`
	SetDocs   bool     `json:"set_docs,omitempty"` // Documents replaces the default (even when empty)
	Note      string   `json:"note,omitempty"`
	Omit      bool     `json:"omit,omitempty"`
}

func (s *Service) allChanges() (map[string]map[string]changeRecord, error) {
	all := map[string]map[string]changeRecord{}
	_, err := s.st.Setting(settingKey, &all)
	return all, err
}

// Changes returns the office's adjustments of chart name.
func (s *Service) Changes(name string) (domain.FlowChanges, error) {
	all, err := s.allChanges()
	out := domain.FlowChanges{}
	for id, r := range all[name] {
		ch := domain.FlowStepChange{Title: r.Title, TimeLimit: r.TimeLimit, Note: r.Note, Omit: r.Omit}
		if r.SetDocs {
			ch.Documents = append([]string{}, r.Documents...)
		}
		out[id] = ch
	}
	return out, err
}

// Default returns chart name before the office's adjustments of its steps: the national
// definition, with the publication deadline of the office's publication rules (which
// decision publication counts with too) and the 法制审核 time limit of the office's review
// settings (which the review queue counts with).
func (s *Service) Default(name string) (domain.ProcedureChart, error) {
	c, err := domain.ProcedureChartByName(name)
	if err != nil {
		return c, err
	}
	review, err := s.st.ReviewConfig()
	if err != nil {
		return c, err
	}
	c = c.WithReviewDays(review.Policy.TimeLimitDays, review.Policy.ExtensionDays)
	if c.Type == "" {
		return c, nil
	}
	rules, err := s.st.PublicationRules()
	if err != nil {
		return c, err
	}
	return c.WithPublishDays(rules.PublishDays(c.Type)), nil
}

// Chart returns chart name as the office publishes it: Default with the office's own
// adjustments of its steps.
func (s *Service) Chart(name string) (domain.ProcedureChart, error) {
	c, err := s.Default(name)
	if err != nil {
		return c, err
	}
	ch, err := s.Changes(name)
	if err != nil {
		return c, err
	}
	return c.With(ch), nil
}

// SaveChange adjusts one step of a chart; a change equal to nothing restores the default.
func (s *Service) SaveChange(sess office.Session, name, stepID string, ch domain.FlowStepChange) error {
	if err := domain.Require(sess.User, PermEdit, "调整执法流程图"); err != nil {
		return err
	}
	c, err := s.Default(name)
	if err != nil {
		return err
	}
	step, ok := c.Step(stepID)
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "流程图“%s”中没有环节“%s”。", c.Title, stepID)
	}
	ch.Title, ch.TimeLimit, ch.Note = strings.TrimSpace(ch.Title), strings.TrimSpace(ch.TimeLimit), strings.TrimSpace(ch.Note)
	var docs []string
	for _, d := range ch.Documents {
		if d = strings.TrimSpace(d); d != "" {
			docs = append(docs, d)
		}
	}
	if ch.Documents != nil {
		ch.Documents = append([]string{}, docs...)
	}
	if err := ch.Validate(step); err != nil {
		return err
	}
	// a field equal to the default is no change at all
	if ch.Title == step.Title {
		ch.Title = ""
	}
	if ch.TimeLimit == step.TimeLimit {
		ch.TimeLimit = ""
	}
	if ch.Note == step.Note {
		ch.Note = ""
	}
	if ch.Documents != nil && slices.Equal(ch.Documents, step.Documents) {
		ch.Documents = nil
	}
	all, err := s.allChanges()
	if err != nil {
		return err
	}
	if all[name] == nil {
		all[name] = map[string]changeRecord{}
	}
	r := changeRecord{Title: ch.Title, TimeLimit: ch.TimeLimit, Documents: ch.Documents, SetDocs: ch.Documents != nil, Note: ch.Note, Omit: ch.Omit}
	what := "恢复默认"
	if r.Title == "" && r.TimeLimit == "" && !r.SetDocs && r.Note == "" && !r.Omit {
		delete(all[name], stepID)
	} else {
		all[name][stepID] = r
		what = describeChange(ch)
	}
	return s.st.SaveSetting(sess.Actor(), settingKey, all,
		fmt.Sprintf("调整%s的环节“%s”：%s", c.Title, step.Title, what))
}

func describeChange(ch domain.FlowStepChange) string {
	var parts []string
	if ch.Title != "" {
		parts = append(parts, "名称改为“"+ch.Title+"”")
	}
	if ch.TimeLimit != "" {
		parts = append(parts, "时限改为“"+ch.TimeLimit+"”")
	}
	if ch.Documents != nil {
		parts = append(parts, "文书改为“"+strings.Join(ch.Documents, "、")+"”")
	}
	if ch.Note != "" {
		parts = append(parts, "说明改为“"+ch.Note+"”")
	}
	if ch.Omit {
		parts = append(parts, "不在流程图中显示")
	}
	return strings.Join(parts, "，")
}

// Diagram lays out chart name as the office publishes it, with the office in the footer.
func (s *Service) Diagram(name string) (pdf.Diagram, error) {
	c, err := s.Chart(name)
	if err != nil {
		return pdf.Diagram{}, err
	}
	ag, _, err := s.st.Agency()
	if err != nil {
		return pdf.Diagram{}, err
	}
	return Layout(c, Footer{Office: ag.Name, Phone: ag.Phone, Date: domain.DateOf(s.st.Now())})
}

// WritePDF writes chart name as a one-page A4 PDF.
func (s *Service) WritePDF(w io.Writer, name string) error {
	d, err := s.Diagram(name)
	if err != nil {
		return err
	}
	return pdf.RenderDiagram(w, d)
}

// WritePNG writes chart name as a PNG for the website.
func (s *Service) WritePNG(w io.Writer, name string) error {
	d, err := s.Diagram(name)
	if err != nil {
		return err
	}
	return RenderPNG(w, d, PNGScale)
}
