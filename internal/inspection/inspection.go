// Package inspection is 双随机、一公开 (DOMAIN.md §1.1): the inspection-object directory
// (检查对象名录库), spot-check tasks for the matters of the 随机抽查事项清单, the draw of
// objects and officers with a recorded, re-runnable random seed, the inspection results
// (a 立案查处 result opens a case), and the publication of the results within 20 working
// days of completion.
package inspection

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"lawdesk/internal/blob"
	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
	"lawdesk/internal/workday"
)

// Service is 双随机、一公开 over one store.
type Service struct {
	st *store.Store
	// Cases opens the case of a 立案查处 result; nil until the case service is wired in, in
	// which case the user types the case number of a case opened by hand.
	Cases CaseOpener
	// Seeds gives each draw its seed: NewSeed (crypto/rand) unless replaced. Only the demo
	// office replaces it, with fixed seeds, so the demo is the same every time; nobody using
	// LawDesk can choose a seed.
	Seeds func() (string, error)
}

// New returns the service.
func New(st *store.Store) *Service {
	return &Service{st: st, Seeds: NewSeed}
}

// CaseOpener opens a case (立案) for an object whose inspection found a violation.
type CaseOpener interface {
	OpenInspectionCase(sess office.Session, req CaseRequest) (id uint64, number string, err error)
}

// CaseRequest is what a case opened from an inspection starts with.
type CaseRequest struct {
	Task     domain.InspectionTask
	Matter   domain.Matter
	Object   domain.InspectionObject
	Officers []uint64
	Date     domain.Date
	Facts    string
}

func (s *Service) today() domain.Date { return domain.DateOf(s.st.Now()) }

// Objects lists the directory.
func (s *Service) Objects(sess office.Session) ([]domain.InspectionObject, error) {
	if err := domain.Require(sess.User, domain.PermInspectionView, "查看检查对象名录库"); err != nil {
		return nil, err
	}
	return s.st.InspectionObjects()
}

// SaveObject adds (ID 0) or changes an object of the directory.
func (s *Service) SaveObject(sess office.Session, o domain.InspectionObject, reason string) (domain.InspectionObject, error) {
	if err := domain.Require(sess.User, domain.PermInspectionDirectory, "修改检查对象名录库"); err != nil {
		return o, err
	}
	o = cleanObject(o)
	if err := o.Validate(); err != nil {
		return o, err
	}
	for _, id := range o.RelatedOfficers {
		if _, err := s.st.Officer(id); err != nil {
			return o, domain.Errorf(domain.EINVALID, "“%s”的回避人员（编号 %d）不在执法人员清单中。", o.Name, id)
		}
	}
	return s.st.SaveInspectionObject(store.Change{Actor: sess.Actor(), Reason: strings.TrimSpace(reason)}, o)
}

func cleanObject(o domain.InspectionObject) domain.InspectionObject {
	for _, f := range []*string{&o.Name, &o.Type, &o.Address, &o.Region, &o.Industry} {
		*f = strings.Join(strings.Fields(*f), " ")
	}
	o.CreditCode = strings.ToUpper(strings.TrimSpace(o.CreditCode))
	slices.Sort(o.RelatedOfficers)
	o.RelatedOfficers = slices.Compact(o.RelatedOfficers)
	return o
}

// Tasks lists every task, newest first.
func (s *Service) Tasks(sess office.Session) ([]domain.InspectionTask, error) {
	if err := domain.Require(sess.User, domain.PermInspectionView, "查看抽查任务"); err != nil {
		return nil, err
	}
	return s.st.InspectionTasks()
}

// Task returns one task.
func (s *Service) Task(sess office.Session, id uint64) (domain.InspectionTask, error) {
	if err := domain.Require(sess.User, domain.PermInspectionView, "查看抽查任务"); err != nil {
		return domain.InspectionTask{}, err
	}
	return s.st.InspectionTask(id)
}

// RandomMatters lists the matters that may be inspected at random (on the 随机抽查事项清单
// and in force).
func (s *Service) RandomMatters() ([]domain.Matter, error) {
	all, err := s.st.Matters()
	var out []domain.Matter
	for _, m := range all {
		if m.RandomInspection && !m.Retired {
			out = append(out, m)
		}
	}
	return out, err
}

// SavePlan plans a task (ID 0) or changes the plan of a task not yet drawn.
func (s *Service) SavePlan(sess office.Session, t domain.InspectionTask) (domain.InspectionTask, error) {
	if err := domain.Require(sess.User, domain.PermInspectionPlan, "制定抽查计划"); err != nil {
		return t, err
	}
	t.Name = strings.TrimSpace(t.Name)
	t.OfficerCategory = strings.TrimSpace(t.OfficerCategory)
	if err := t.Validate(); err != nil {
		return t, err
	}
	m, err := s.st.Matter(t.MatterID)
	if err != nil {
		return t, err
	}
	if !m.RandomInspection || m.Retired {
		return t, domain.Errorf(domain.EINVALID, "事项“%s”不在随机抽查事项清单中（或已停用），不能制定双随机抽查任务。请先在“执法事项清单”中标记它为随机抽查事项。", m.Name)
	}
	t.MatterName = m.Name
	if t.ID == 0 && t.End.Before(s.today()) {
		return t, domain.Errorf(domain.EINVALID, "“结束日期”%s 已经过去，请重新选择检查时间。", t.End)
	}
	return s.st.SaveInspectionPlan(store.Change{Actor: sess.Actor()}, t)
}

// NewSeed returns 32 bytes from the operating system's cryptographic generator as 64 hex
// digits: nobody, the person drawing included, can choose or predict it.
func NewSeed() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", domain.Wrap(err, domain.EINTERNAL, "无法取得随机数，抽取没有进行。")
	}
	return hex.EncodeToString(b[:]), nil
}

// Draw draws the objects and officers of a task. The first draw needs no reason; a
// re-draw needs one, and every earlier draw stays on record.
func (s *Service) Draw(sess office.Session, id uint64, reason string) (domain.InspectionTask, error) {
	if err := domain.Require(sess.User, domain.PermInspectionDraw, "进行双随机抽取"); err != nil {
		return domain.InspectionTask{}, err
	}
	t, err := s.st.InspectionTask(id)
	if err != nil {
		return t, err
	}
	reason = strings.TrimSpace(reason)
	switch {
	case len(t.Results) > 0:
		return t, domain.Errorf(domain.ECONFLICT, "抽查任务“%s”已经登记了检查结果，不能重新抽取。", t.Name)
	case len(t.Draws) > 0 && reason == "":
		return t, domain.Errorf(domain.EINVALID, "这个任务已于 %s 抽取过。重新抽取须填写“重新抽取理由”，原抽取结果会保留在记录中。", t.Draws[0].At.Local().Format("2006-01-02 15:04"))
	case utf8.RuneCountInString(reason) > 300:
		return t, domain.Errorf(domain.EINVALID, "“重新抽取理由”最多 300 个字。")
	case t.End.Before(s.today()):
		return t, domain.Errorf(domain.EINVALID, "抽查任务“%s”的检查时间已于 %s 结束，不能再抽取。", t.Name, t.End)
	}
	if len(t.Draws) == 0 {
		reason = ""
	}
	in, err := s.Candidates(t)
	if err != nil {
		return t, err
	}
	seed, err := s.Seeds()
	if err != nil {
		return t, err
	}
	as, err := in.Run(seed)
	if err != nil {
		return t, err
	}
	d := domain.Draw{No: len(t.Draws) + 1, At: s.st.Now(), By: sess.Actor(), Reason: reason,
		Algorithm: domain.DrawAlgorithm, Seed: seed, Input: in, Assignments: as,
		ObjectsHash: in.ObjectsHash(), OfficersHash: in.OfficersHash(), ResultHash: in.ResultHash(seed, as)}
	return s.st.AddInspectionDraw(sess.Actor(), id, d)
}

// Candidates builds the draw input of a task from the directory and the officer list as
// they are now: objects matching the filter (by ID), with the weight of their risk grade,
// the officers related to them and the officers who inspected them last time; officers
// with a certificate valid today and through the task's end, of the task's category.
func (s *Service) Candidates(t domain.InspectionTask) (domain.DrawInput, error) {
	in := domain.DrawInput{PerObject: t.OfficersPerObject, Weighted: t.RiskWeighted}
	m, err := s.st.Matter(t.MatterID)
	if err != nil {
		return in, err
	}
	if !m.RandomInspection || m.Retired {
		return in, domain.Errorf(domain.EINVALID, "事项“%s”已不在随机抽查事项清单中，不能抽取。", m.Name)
	}
	objects, err := s.st.InspectionObjects()
	if err != nil {
		return in, err
	}
	officers, err := s.st.Officers()
	if err != nil {
		return in, err
	}
	previous, err := s.previousOfficers(t.ID)
	if err != nil {
		return in, err
	}
	today := s.today()
	for _, o := range officers {
		if o.CertValid(today) && o.CertValid(t.End) && categoryMatches(o.Category, t.OfficerCategory) {
			in.Officers = append(in.Officers, domain.DrawOfficer{ID: o.ID, Name: o.Name, CertNo: o.CertNo})
		}
	}
	slices.SortFunc(in.Officers, func(a, b domain.DrawOfficer) int { return cmpID(a.ID, b.ID) })
	for _, o := range objects {
		if !t.Filter.Match(o) {
			continue
		}
		in.Objects = append(in.Objects, domain.DrawObject{ID: o.ID, Name: o.Name, CreditCode: o.CreditCode,
			Weight: o.Grade.DrawWeight(), Related: sortedIDs(o.RelatedOfficers), Previous: sortedIDs(previous[o.ID])})
	}
	slices.SortFunc(in.Objects, func(a, b domain.DrawObject) int { return cmpID(a.ID, b.ID) })
	in.Count = t.ObjectsToDraw(len(in.Objects))
	return in, nil
}

func cmpID(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func sortedIDs(ids []uint64) []uint64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// categoryMatches reports whether an officer's 执法类别 (possibly several, separated by 、
// , ， ; or spaces) includes want; an empty want matches every officer.
func categoryMatches(have, want string) bool {
	if want == "" {
		return true
	}
	for _, c := range strings.FieldsFunc(have, func(r rune) bool { return strings.ContainsRune("、,，;； ", r) }) {
		if c == want {
			return true
		}
	}
	return false
}

// previousOfficers maps each object to the officers sent to it by the most recent draw of
// any other task, so the same pair is not sent again in consecutive tasks.
func (s *Service) previousOfficers(except uint64) (map[uint64][]uint64, error) {
	tasks, err := s.st.InspectionTasks()
	if err != nil {
		return nil, err
	}
	latest := map[uint64]time.Time{}
	out := map[uint64][]uint64{}
	for _, t := range tasks {
		d, ok := t.CurrentDraw()
		if !ok || t.ID == except {
			continue
		}
		for _, a := range d.Assignments {
			if d.At.After(latest[a.ObjectID]) {
				latest[a.ObjectID] = d.At
				out[a.ObjectID] = a.Officers
			}
		}
	}
	return out, nil
}

// Verification is the outcome of re-running every draw of a task.
type Verification struct {
	Task   domain.InspectionTask
	Draws  [][]string // problems per draw, oldest first
	Chain  store.ChainReport
	Replay []domain.DrawReplay
}

// OK reports whether every draw re-runs to its recorded result, matches its audit event,
// and the audit chain is intact.
func (v Verification) OK() bool {
	if !v.Chain.OK || len(v.Task.Draws) == 0 {
		return false
	}
	for _, p := range v.Draws {
		if len(p) > 0 {
			return false
		}
	}
	return true
}

// Verify re-runs every recorded draw of task id from its stored seed and candidate lists,
// compares the result and hashes with the audit event written when it was made, and walks
// the audit chain. It only reads, so it also works on a read-only store.
func (s *Service) Verify(id uint64) (Verification, error) {
	var v Verification
	var err error
	if v.Task, v.Draws, err = s.st.VerifyDraws(id); err != nil {
		return v, err
	}
	for _, d := range v.Task.Draws {
		v.Replay = append(v.Replay, d.Replay())
	}
	v.Chain, err = s.st.VerifyChain()
	return v, err
}

// ResultForm is what the result form collects for one drawn object.
type ResultForm struct {
	ObjectID uint64
	Date     domain.Date
	Officers []uint64
	Finding  domain.Finding
	Details  string
	CaseNo   string   // 立案查处 without a case service: the number of the case opened by hand
	Files    []string // paths of documents and recordings to attach
}

// RecordResult records (or corrects) the inspection result of one drawn object. A
// 立案查处 result opens a case through the case service when it is wired in. Attached
// files are copied into the blob store first; a file that cannot be read stops everything
// with its name, and nothing is recorded.
func (s *Service) RecordResult(ctx context.Context, sess office.Session, id uint64, f ResultForm) (domain.InspectionTask, error) {
	if err := domain.Require(sess.User, domain.PermInspectionResult, "登记检查结果"); err != nil {
		return domain.InspectionTask{}, err
	}
	t, err := s.st.InspectionTask(id)
	if err != nil {
		return t, err
	}
	r := domain.InspectionResult{ObjectID: f.ObjectID, Date: f.Date, Officers: sortedIDs(f.Officers), Finding: f.Finding,
		Details: strings.TrimSpace(f.Details), CaseNo: strings.TrimSpace(f.CaseNo), By: sess.Actor(), At: s.st.Now()}
	if err := r.Validate(t, s.today()); err != nil {
		return t, err
	}
	for _, oid := range r.Officers {
		o, err := s.st.Officer(oid)
		if err != nil {
			return t, err
		}
		if !o.CertValid(r.Date) {
			return t, domain.Errorf(domain.EINVALID, "执法人员“%s”在检查日期 %s 没有有效的执法证，不能作为检查人员。", o.Name, r.Date)
		}
	}
	obj, err := s.st.InspectionObject(r.ObjectID)
	if err != nil {
		return t, err
	}
	old, had := t.Result(r.ObjectID)
	if had && old.CaseID != 0 {
		r.CaseID, r.CaseNo = old.CaseID, old.CaseNo // a case once opened stays linked
	}
	if had {
		r.Files = old.Files
	}
	var infos []blob.Info
	for _, p := range f.Files {
		info, err := s.storeFile(ctx, p)
		if err != nil {
			return t, err
		}
		infos = append(infos, info)
		r.Files = append(r.Files, domain.ResultFile{Name: filepath.Base(p), SHA256: info.SHA256, Size: info.Size})
	}
	if r.Finding == domain.FindingCase && r.CaseID == 0 {
		if s.Cases != nil {
			m, err := s.st.Matter(t.MatterID)
			if err != nil {
				return t, err
			}
			r.CaseID, r.CaseNo, err = s.Cases.OpenInspectionCase(sess, CaseRequest{Task: t, Matter: m, Object: obj,
				Officers: r.Officers, Date: r.Date, Facts: r.Details})
			if err != nil {
				return t, err
			}
		} else if r.CaseNo == "" {
			return t, domain.Errorf(domain.EINVALID, "检查结果为“立案查处”，请填写立案后的“案件编号”。")
		}
	}
	return s.st.SaveInspectionResult(sess.Actor(), id, r, infos)
}

// storeFile copies one attached file into the blob store.
func (s *Service) storeFile(ctx context.Context, path string) (blob.Info, error) {
	f, err := os.Open(path)
	if err != nil {
		return blob.Info{}, domain.Wrap(err, domain.EINVALID, "无法读取文件“%s”。请检查文件是否存在、是否被其他程序占用。", filepath.Base(path))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		return blob.Info{}, domain.Errorf(domain.EINVALID, "“%s”不是文件。", filepath.Base(path))
	}
	if st.Size() == 0 {
		return blob.Info{}, domain.Errorf(domain.EINVALID, "文件“%s”是空的（0 字节），没有附上。", filepath.Base(path))
	}
	return s.st.Blobs().Put(ctx, f)
}

// calendar is the office's working-day calendar (the official schedules plus those the
// office entered); should it be unreadable, the built-in schedules, so a deadline is
// never missing.
func (s *Service) calendar() *workday.Calendar {
	if c, err := s.st.Calendar(); err == nil && c != nil {
		return c
	}
	return workday.Builtin()
}

// PublishDeadline is the last day to publish a done task's results: 20 working days after
// its completion, or as many as the office's publication rules give 行政检查 (the rules
// decision publication uses). Zero until the task is done.
func (s *Service) PublishDeadline(t domain.InspectionTask) workday.Deadline {
	return s.calendar().AddWorkingDays(t.Done, s.PublishDays())
}

// PublishDays is how many working days the office has to publish a task's results (20,
// or what its publication rules say for 行政检查).
func (s *Service) PublishDays() int {
	if r, err := s.st.PublicationRules(); err == nil {
		return r.PublishDays(domain.ActInspection)
	}
	return domain.ActInspection.PublishWithinWorkingDays()
}

// Publish records that the results of a done task were published on day through channel.
func (s *Service) Publish(sess office.Session, id uint64, day domain.Date, channel string) (domain.InspectionTask, error) {
	if err := domain.Require(sess.User, domain.PermInspectionPublish, "公示抽查结果"); err != nil {
		return domain.InspectionTask{}, err
	}
	channel = strings.TrimSpace(channel)
	if channel == "" {
		return domain.InspectionTask{}, domain.Errorf(domain.EINVALID, "请填写“公示渠道”，例如“国家企业信用信息公示系统、本局网站”。")
	}
	if day.IsZero() || !day.Valid() {
		return domain.InspectionTask{}, domain.Errorf(domain.EINVALID, "请填写有效的“公示日期”。")
	}
	if day.After(s.today()) {
		return domain.InspectionTask{}, domain.Errorf(domain.EINVALID, "“公示日期”%s 在今天之后。请在实际公示后再登记。", day)
	}
	t, err := s.st.InspectionTask(id)
	if err != nil {
		return t, err
	}
	if !t.Done.IsZero() && day.Before(t.Done) {
		return t, domain.Errorf(domain.EINVALID, "“公示日期”%s 早于任务完成日期 %s。", day, t.Done)
	}
	return s.st.PublishInspectionTask(sess.Actor(), id, domain.InspectionPublished{On: day, Channel: channel, By: sess.Actor()})
}

// Todos are the dashboard entries: tasks to draw, inspections past their end date, and
// results to publish before their deadline.
func (s *Service) Todos(sess office.Session) ([]domain.Todo, error) {
	if !domain.Allowed(sess.User.Roles, domain.PermInspectionView) {
		return nil, nil
	}
	tasks, err := s.st.InspectionTasks()
	if err != nil {
		return nil, err
	}
	today := s.today()
	var out []domain.Todo
	for _, t := range tasks {
		target := fmt.Sprintf("inspection:%d", t.ID)
		switch t.Status() {
		case domain.TaskPlanned:
			if domain.Allowed(sess.User.Roles, domain.PermInspectionDraw) {
				sev := domain.SeverityInfo
				if !today.Before(t.Start) {
					sev = domain.SeverityDueSoon
				}
				out = append(out, domain.Todo{Kind: "双随机", Title: "抽查任务待抽取：" + t.Name,
					Detail: fmt.Sprintf("检查时间 %s 至 %s", t.Start, t.End), Due: t.Start.Time(time.Local), Severity: sev, Target: target})
			}
		case domain.TaskDrawn, domain.TaskInspecting:
			d, _ := t.CurrentDraw()
			left := len(d.Assignments) - len(t.Results)
			sev := domain.SeverityInfo
			if today.After(t.End) {
				sev = domain.SeverityOverdue
			} else if today.DaysUntil(t.End) <= 7 {
				sev = domain.SeverityDueSoon
			}
			out = append(out, domain.Todo{Kind: "双随机", Title: fmt.Sprintf("抽查任务还有 %d 户未登记检查结果：%s", left, t.Name),
				Detail: fmt.Sprintf("检查时间至 %s", t.End), Due: t.End.Time(time.Local), Severity: sev, Target: target})
		case domain.TaskDone:
			dl := s.PublishDeadline(t)
			sev := domain.SeverityInfo
			if dl.Overdue(today) {
				sev = domain.SeverityOverdue
			} else if s.calendar().WorkingDaysBetween(today, dl.Date) <= 5 {
				sev = domain.SeverityDueSoon
			}
			out = append(out, domain.Todo{Kind: "公开", Title: "公示抽查结果：" + t.Name,
				Detail: fmt.Sprintf("任务于 %s 完成，应在 %s 前公示（%d 个工作日）", t.Done, dl, s.PublishDays()), Due: dl.Date.Time(time.Local), Severity: sev, Target: target})
		}
	}
	return out, nil
}

// OpensCases reports whether a 立案查处 result opens its case by itself (the case service
// is wired in); otherwise the user types the number of the case opened by hand.
func (s *Service) OpensCases() bool { return s.Cases != nil }

// ExportFile copies a file attached to a result of task id into dir (under its own name,
// prefixed so it never overwrites anything) for viewing, and records the access. It
// returns the copy's path.
func (s *Service) ExportFile(sess office.Session, id uint64, sha, dir string) (string, error) {
	if err := domain.Require(sess.User, domain.PermInspectionView, "查看检查记录"); err != nil {
		return "", err
	}
	t, err := s.st.InspectionTask(id)
	if err != nil {
		return "", err
	}
	var file domain.ResultFile
	for _, r := range t.Results {
		for _, f := range r.Files {
			if f.SHA256 == sha {
				file = f
			}
		}
	}
	if file.SHA256 == "" {
		return "", domain.Errorf(domain.ENOTFOUND, "抽查任务“%s”没有这个附件。", t.Name)
	}
	src, err := s.st.Blobs().Open(sha)
	if err != nil {
		return "", domain.Wrap(err, domain.ENOTFOUND, "附件“%s”的文件在数据目录中找不到。请运行“数据校验”，并从备份恢复。", file.Name)
	}
	defer src.Close()
	path := filepath.Join(dir, "lawdesk-"+sha[:8]+"-"+filepath.Base(file.Name))
	dst, err := os.Create(path)
	if err != nil {
		return "", domain.Wrap(err, domain.EINVALID, "无法在“%s”中写入附件副本。", dir)
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		os.Remove(path)
		return "", domain.Wrap(err, domain.EINVALID, "复制附件“%s”失败（磁盘已满？）。", file.Name)
	}
	if err := dst.Close(); err != nil {
		os.Remove(path)
		return "", domain.Wrap(err, domain.EINVALID, "复制附件“%s”失败。", file.Name)
	}
	return path, s.st.LogAccess(sess.Actor(), "inspection.file_view", fmt.Sprintf("inspection:%d", id),
		fmt.Sprintf("查看抽查任务“%s”的附件 %s", t.Name, file.Name))
}
