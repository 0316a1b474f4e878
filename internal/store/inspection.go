package store

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"go.etcd.io/bbolt"

	"lawdesk/internal/blob"
	"lawdesk/internal/domain"
)

// 双随机、一公开: the inspection-object directory (检查对象名录库) and spot-check tasks with
// their draws, results and publication.

var (
	bucketInspectionObjects = newBucket("inspection_objects")
	// credit code → object ID: one record per business, so importing a file twice updates
	// instead of duplicating.
	bucketInspectionObjectsByCode = newBucket("inspection_objects_by_code")
	bucketInspectionTasks         = newBucket("inspection_tasks")
)

type inspectionObjectRecord struct {
	ID              uint64           `json:"id"`
	Name            string           `json:"name"`
	CreditCode      string           `json:"code"`
	Type            string           `json:"type,omitempty"`
	Address         string           `json:"address,omitempty"`
	Region          string           `json:"region,omitempty"`
	Industry        string           `json:"industry,omitempty"`
	Grade           domain.RiskGrade `json:"grade,omitempty"`
	LastInspected   domain.Date      `json:"last,omitzero"`
	RelatedOfficers []uint64         `json:"related,omitempty"`
	Closed          bool             `json:"closed,omitempty"`
}

func objectTarget(id uint64) string { return fmt.Sprintf("inspection_object:%d", id) }
func taskTarget(id uint64) string   { return fmt.Sprintf("inspection:%d", id) }

// SaveInspectionObject creates (ID 0) or replaces an object of the directory. The credit
// code identifies the object: a second object with the same code is refused.
func (s *Store) SaveInspectionObject(ch Change, o domain.InspectionObject) (domain.InspectionObject, error) {
	err := s.db.Update(func(tx *bbolt.Tx) error {
		var err error
		o, err = s.saveInspectionObject(tx, ch, o)
		return err
	})
	return o, internal(err)
}

func (s *Store) saveInspectionObject(tx *bbolt.Tx, ch Change, o domain.InspectionObject) (domain.InspectionObject, error) {
	byCode := tx.Bucket(bucketInspectionObjectsByCode)
	if id := byCode.Get([]byte(o.CreditCode)); id != nil && btoi(id) != o.ID {
		var other inspectionObjectRecord
		get(tx, bucketInspectionObjects, id, &other)
		return o, domain.Errorf(domain.ECONFLICT, "统一社会信用代码 %s 已属于名录库中的“%s”，同一对象不能登记两次。", o.CreditCode, other.Name)
	}
	action, what := "inspection_object.update", "修改检查对象 "+o.Name
	if o.ID == 0 {
		seq, err := tx.Bucket(bucketInspectionObjects).NextSequence()
		if err != nil {
			return o, err
		}
		o.ID, action, what = seq, "inspection_object.create", "新增检查对象 "+o.Name
	} else {
		var old inspectionObjectRecord
		ok, err := get(tx, bucketInspectionObjects, itob(o.ID), &old)
		if err != nil {
			return o, err
		}
		if !ok {
			return o, domain.Errorf(domain.ENOTFOUND, "检查对象不存在（编号 %d）。", o.ID)
		}
		if old.CreditCode != o.CreditCode {
			if err := byCode.Delete([]byte(old.CreditCode)); err != nil {
				return o, err
			}
		}
	}
	if err := byCode.Put([]byte(o.CreditCode), itob(o.ID)); err != nil {
		return o, err
	}
	if err := put(tx, bucketInspectionObjects, itob(o.ID), inspectionObjectRecord(o)); err != nil {
		return o, err
	}
	return o, s.appendEvent(tx, ch.Actor, action, objectTarget(o.ID), ch.summary(what))
}

// ImportInspectionObjects adds the objects of an imported file to the directory, or updates
// the objects with the same credit code (their conflict-of-interest marks are kept, and the
// later of the two last-inspected dates). Everything is one transaction with one audit
// event: the file goes in whole or not at all.
func (s *Store) ImportInspectionObjects(ch Change, objs []domain.InspectionObject, source string) (added, updated int, err error) {
	err = s.db.Update(func(tx *bbolt.Tx) error {
		added, updated = 0, 0
		byCode := tx.Bucket(bucketInspectionObjectsByCode)
		for _, o := range objs {
			key := byCode.Get([]byte(o.CreditCode))
			if key == nil {
				seq, err := tx.Bucket(bucketInspectionObjects).NextSequence()
				if err != nil {
					return err
				}
				o.ID = seq
				added++
			} else {
				var old inspectionObjectRecord
				if _, err := get(tx, bucketInspectionObjects, key, &old); err != nil {
					return err
				}
				o.ID, o.RelatedOfficers = old.ID, old.RelatedOfficers
				if old.LastInspected.After(o.LastInspected) {
					o.LastInspected = old.LastInspected
				}
				if inspectionObjectRecord(o).equal(old) {
					continue
				}
				updated++
			}
			if err := byCode.Put([]byte(o.CreditCode), itob(o.ID)); err != nil {
				return err
			}
			if err := put(tx, bucketInspectionObjects, itob(o.ID), inspectionObjectRecord(o)); err != nil {
				return err
			}
		}
		return s.appendEvent(tx, ch.Actor, "inspection_object.import", "inspection_objects",
			ch.summary(fmt.Sprintf("导入检查对象名录（%s）：新增 %d 户，更新 %d 户", source, added, updated)))
	})
	return added, updated, internal(err)
}

func (r inspectionObjectRecord) equal(o inspectionObjectRecord) bool {
	return r.ID == o.ID && r.Name == o.Name && r.CreditCode == o.CreditCode && r.Type == o.Type &&
		r.Address == o.Address && r.Region == o.Region && r.Industry == o.Industry && r.Grade == o.Grade &&
		r.LastInspected == o.LastInspected && slices.Equal(r.RelatedOfficers, o.RelatedOfficers) && r.Closed == o.Closed
}

// InspectionObject returns one object of the directory.
func (s *Store) InspectionObject(id uint64) (domain.InspectionObject, error) {
	var r inspectionObjectRecord
	err := s.db.View(func(tx *bbolt.Tx) error {
		ok, err := get(tx, bucketInspectionObjects, itob(id), &r)
		if err == nil && !ok {
			err = domain.Errorf(domain.ENOTFOUND, "检查对象不存在（编号 %d）。", id)
		}
		return err
	})
	return domain.InspectionObject(r), internal(err)
}

// InspectionObjects lists the whole directory (closed objects included) by region, then name.
func (s *Store) InspectionObjects() ([]domain.InspectionObject, error) {
	var out []domain.InspectionObject
	err := s.db.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketInspectionObjects).ForEach(func(k, v []byte) error {
			var r inspectionObjectRecord
			if err := decode(v, &r); err != nil {
				return err
			}
			out = append(out, domain.InspectionObject(r))
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Region != out[j].Region {
			return out[i].Region < out[j].Region
		}
		return out[i].Name < out[j].Name
	})
	return out, internal(err)
}

// Stored forms of a task. Domain structs carry no storage tags, so each nested part has
// its own record type.
type (
	taskRecord struct {
		ID                uint64          `json:"id"`
		Name              string          `json:"name"`
		MatterID          uint64          `json:"matter"`
		MatterName        string          `json:"matter_name"`
		Filter            filterRecord    `json:"filter"`
		Percent           float64         `json:"percent,omitempty"`
		Count             int             `json:"count,omitempty"`
		OfficersPerObject int             `json:"per_object"`
		OfficerCategory   string          `json:"category,omitempty"`
		RiskWeighted      bool            `json:"weighted,omitempty"`
		Start             domain.Date     `json:"start"`
		End               domain.Date     `json:"end"`
		Draws             []drawRecord    `json:"draws,omitempty"`
		Results           []resultRecord  `json:"results,omitempty"`
		Done              domain.Date     `json:"done,omitzero"`
		Public            publishedRecord `json:"public,omitzero"`
		Created           time.Time       `json:"created"`
		CreatedBy         string          `json:"created_by"`
	}
	filterRecord struct {
		Types      []string           `json:"types,omitempty"`
		Industries []string           `json:"industries,omitempty"`
		Regions    []string           `json:"regions,omitempty"`
		Grades     []domain.RiskGrade `json:"grades,omitempty"`
	}
	drawRecord struct {
		No           int                 `json:"no"`
		At           time.Time           `json:"at"`
		By           string              `json:"by"`
		Reason       string              `json:"reason,omitempty"`
		Algorithm    string              `json:"algorithm"`
		Seed         string              `json:"seed"`
		Count        int                 `json:"count"`
		PerObject    int                 `json:"per_object"`
		Weighted     bool                `json:"weighted,omitempty"`
		Objects      []drawObjectRecord  `json:"objects"`
		Officers     []drawOfficerRecord `json:"officers"`
		ObjectsHash  string              `json:"objects_hash"`
		OfficersHash string              `json:"officers_hash"`
		ResultHash   string              `json:"result_hash"`
		Assignments  []assignmentRecord  `json:"assignments"`
		AuditSeq     uint64              `json:"audit_seq"`
	}
	drawObjectRecord struct {
		ID         uint64   `json:"id"`
		Name       string   `json:"name"`
		CreditCode string   `json:"code"`
		Weight     int      `json:"w"`
		Related    []uint64 `json:"related,omitempty"`
		Previous   []uint64 `json:"previous,omitempty"`
	}
	drawOfficerRecord struct {
		ID     uint64 `json:"id"`
		Name   string `json:"name"`
		CertNo string `json:"cert"`
	}
	assignmentRecord struct {
		ObjectID uint64   `json:"object"`
		Officers []uint64 `json:"officers"`
		Repeated bool     `json:"repeated,omitempty"`
	}
	resultRecord struct {
		ObjectID uint64             `json:"object"`
		Date     domain.Date        `json:"date"`
		Officers []uint64           `json:"officers"`
		Finding  domain.Finding     `json:"finding"`
		Details  string             `json:"details,omitempty"`
		CaseID   uint64             `json:"case,omitempty"`
		CaseNo   string             `json:"case_no,omitempty"`
		Files    []resultFileRecord `json:"files,omitempty"`
		By       string             `json:"by"`
		At       time.Time          `json:"at"`
	}
	resultFileRecord struct {
		Name   string `json:"name"`
		SHA256 string `json:"sha256"`
		Size   int64  `json:"size"`
	}
	publishedRecord struct {
		On      domain.Date `json:"on,omitzero"`
		Channel string      `json:"channel,omitempty"`
		By      string      `json:"by,omitempty"`
	}
)

func toTaskRecord(t domain.InspectionTask) taskRecord {
	r := taskRecord{ID: t.ID, Name: t.Name, MatterID: t.MatterID, MatterName: t.MatterName,
		Filter: filterRecord(t.Filter), Percent: t.Percent, Count: t.Count, OfficersPerObject: t.OfficersPerObject,
		OfficerCategory: t.OfficerCategory, RiskWeighted: t.RiskWeighted, Start: t.Start, End: t.End,
		Done: t.Done, Public: publishedRecord(t.Public), Created: t.Created, CreatedBy: t.CreatedBy}
	for _, d := range t.Draws {
		dr := drawRecord{No: d.No, At: d.At, By: d.By, Reason: d.Reason, Algorithm: d.Algorithm, Seed: d.Seed,
			Count: d.Input.Count, PerObject: d.Input.PerObject, Weighted: d.Input.Weighted,
			ObjectsHash: d.ObjectsHash, OfficersHash: d.OfficersHash, ResultHash: d.ResultHash, AuditSeq: d.AuditSeq}
		for _, o := range d.Input.Objects {
			dr.Objects = append(dr.Objects, drawObjectRecord(o))
		}
		for _, o := range d.Input.Officers {
			dr.Officers = append(dr.Officers, drawOfficerRecord(o))
		}
		for _, a := range d.Assignments {
			dr.Assignments = append(dr.Assignments, assignmentRecord(a))
		}
		r.Draws = append(r.Draws, dr)
	}
	for _, res := range t.Results {
		rr := resultRecord{ObjectID: res.ObjectID, Date: res.Date, Officers: res.Officers, Finding: res.Finding,
			Details: res.Details, CaseID: res.CaseID, CaseNo: res.CaseNo, By: res.By, At: res.At}
		for _, f := range res.Files {
			rr.Files = append(rr.Files, resultFileRecord(f))
		}
		r.Results = append(r.Results, rr)
	}
	return r
}

func (r taskRecord) task() domain.InspectionTask {
	t := domain.InspectionTask{ID: r.ID, Name: r.Name, MatterID: r.MatterID, MatterName: r.MatterName,
		Filter: domain.ObjectFilter(r.Filter), Percent: r.Percent, Count: r.Count, OfficersPerObject: r.OfficersPerObject,
		OfficerCategory: r.OfficerCategory, RiskWeighted: r.RiskWeighted, Start: r.Start, End: r.End,
		Done: r.Done, Public: domain.InspectionPublished(r.Public), Created: r.Created, CreatedBy: r.CreatedBy}
	for _, dr := range r.Draws {
		d := domain.Draw{No: dr.No, At: dr.At, By: dr.By, Reason: dr.Reason, Algorithm: dr.Algorithm, Seed: dr.Seed,
			Input:       domain.DrawInput{Count: dr.Count, PerObject: dr.PerObject, Weighted: dr.Weighted},
			ObjectsHash: dr.ObjectsHash, OfficersHash: dr.OfficersHash, ResultHash: dr.ResultHash, AuditSeq: dr.AuditSeq}
		for _, o := range dr.Objects {
			d.Input.Objects = append(d.Input.Objects, domain.DrawObject(o))
		}
		for _, o := range dr.Officers {
			d.Input.Officers = append(d.Input.Officers, domain.DrawOfficer(o))
		}
		for _, a := range dr.Assignments {
			d.Assignments = append(d.Assignments, domain.Assignment(a))
		}
		t.Draws = append(t.Draws, d)
	}
	for _, rr := range r.Results {
		res := domain.InspectionResult{ObjectID: rr.ObjectID, Date: rr.Date, Officers: rr.Officers, Finding: rr.Finding,
			Details: rr.Details, CaseID: rr.CaseID, CaseNo: rr.CaseNo, By: rr.By, At: rr.At}
		for _, f := range rr.Files {
			res.Files = append(res.Files, domain.ResultFile(f))
		}
		t.Results = append(t.Results, res)
	}
	return t
}

func (s *Store) getTask(tx *bbolt.Tx, id uint64) (domain.InspectionTask, error) {
	var r taskRecord
	ok, err := get(tx, bucketInspectionTasks, itob(id), &r)
	if err == nil && !ok {
		err = domain.Errorf(domain.ENOTFOUND, "抽查任务不存在（编号 %d）。", id)
	}
	return r.task(), err
}

func (s *Store) putTask(tx *bbolt.Tx, t domain.InspectionTask) error {
	return put(tx, bucketInspectionTasks, itob(t.ID), toTaskRecord(t))
}

// SaveInspectionPlan creates a task (ID 0) or changes the plan of one not yet drawn: once
// drawn, the plan is fixed, so the draw record always matches it.
func (s *Store) SaveInspectionPlan(ch Change, t domain.InspectionTask) (domain.InspectionTask, error) {
	err := s.db.Update(func(tx *bbolt.Tx) error {
		action, what := "inspection.plan_update", "修改抽查任务 "+t.Name
		if t.ID == 0 {
			seq, err := tx.Bucket(bucketInspectionTasks).NextSequence()
			if err != nil {
				return err
			}
			t.ID, t.Created, t.CreatedBy = seq, s.Now(), ch.Actor
			action, what = "inspection.plan", "制定抽查任务 "+t.Name
			t.Draws, t.Results, t.Done, t.Public = nil, nil, domain.Date{}, domain.InspectionPublished{}
		} else {
			old, err := s.getTask(tx, t.ID)
			if err != nil {
				return err
			}
			if len(old.Draws) > 0 {
				return domain.Errorf(domain.ECONFLICT, "抽查任务“%s”已经抽取，计划不能再修改。如确需变更，请重新抽取并说明理由。", old.Name)
			}
			t.Created, t.CreatedBy, t.Draws, t.Results, t.Done, t.Public = old.Created, old.CreatedBy, nil, nil, domain.Date{}, domain.InspectionPublished{}
		}
		if err := s.putTask(tx, t); err != nil {
			return err
		}
		return s.appendEvent(tx, ch.Actor, action, taskTarget(t.ID), ch.summary(what))
	})
	return t, internal(err)
}

// DrawSummary is the audit-chain summary of a draw. Its bracketed tail holds the seed and
// the hashes, so the chain itself proves what was drawn; ParseDrawSummary reads it back.
func DrawSummary(t domain.InspectionTask, d domain.Draw) string {
	what := fmt.Sprintf("抽查任务“%s”第 %d 次抽取：候选对象 %d 户、候选人员 %d 名，抽中 %d 户", t.Name, d.No,
		len(d.Input.Objects), len(d.Input.Officers), len(d.Assignments))
	if d.Reason != "" {
		what += "（重新抽取原因：" + d.Reason + "）"
	}
	return fmt.Sprintf("%s [seed=%s; objects=%s; officers=%s; result=%s]", what, d.Seed, d.ObjectsHash, d.OfficersHash, d.ResultHash)
}

// ParseDrawSummary reads the seed and hashes back from a draw's audit summary.
func ParseDrawSummary(summary string) map[string]string {
	out := map[string]string{}
	i := strings.LastIndex(summary, " [")
	if i < 0 || !strings.HasSuffix(summary, "]") {
		return out
	}
	for _, kv := range strings.Split(summary[i+2:len(summary)-1], "; ") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			out[k] = v
		}
	}
	return out
}

// AddInspectionDraw records a draw of task id in the same transaction as its audit event
// (whose sequence number the draw keeps). d.No must be the next number: two people
// drawing at once cannot both succeed. A draw after results were recorded is refused.
func (s *Store) AddInspectionDraw(actor string, id uint64, d domain.Draw) (domain.InspectionTask, error) {
	var t domain.InspectionTask
	err := s.db.Update(func(tx *bbolt.Tx) error {
		var err error
		if t, err = s.getTask(tx, id); err != nil {
			return err
		}
		if d.No != len(t.Draws)+1 {
			return domain.Errorf(domain.ECONFLICT, "抽查任务“%s”刚刚被其他人抽取过，请刷新后查看。", t.Name)
		}
		if len(t.Results) > 0 {
			return domain.Errorf(domain.ECONFLICT, "抽查任务“%s”已经登记了检查结果，不能重新抽取。", t.Name)
		}
		action := "inspection.draw"
		if d.No > 1 {
			action = "inspection.redraw"
		}
		if err := s.appendEvent(tx, actor, action, taskTarget(id), DrawSummary(t, d)); err != nil {
			return err
		}
		var head chainHead
		if _, err := get(tx, bucketMeta, keyChainHead, &head); err != nil {
			return err
		}
		d.AuditSeq = head.Seq
		t.Draws = append(t.Draws, d)
		return s.putTask(tx, t)
	})
	return t, internal(err)
}

// SaveInspectionResult records (or corrects) the result of one drawn object, stores its
// attached files, updates the object's last-inspected date and, once every drawn object has
// a result, marks the task done on the latest inspection date. A published task is fixed.
func (s *Store) SaveInspectionResult(actor string, id uint64, r domain.InspectionResult, files []blob.Info) (domain.InspectionTask, error) {
	var t domain.InspectionTask
	err := s.db.Update(func(tx *bbolt.Tx) error {
		var err error
		if t, err = s.getTask(tx, id); err != nil {
			return err
		}
		if !t.Public.On.IsZero() {
			return domain.Errorf(domain.ELOCKED, "抽查任务“%s”的结果已于 %s 公示，不能再修改。", t.Name, t.Public.On)
		}
		d, ok := t.CurrentDraw()
		if !ok || !slices.ContainsFunc(d.Assignments, func(a domain.Assignment) bool { return a.ObjectID == r.ObjectID }) {
			return domain.Errorf(domain.EINVALID, "这个检查对象不在抽查任务“%s”的抽取结果中。", t.Name)
		}
		for _, f := range files {
			if err := s.recordBlob(tx, f); err != nil {
				return err
			}
		}
		var obj inspectionObjectRecord
		if _, err := get(tx, bucketInspectionObjects, itob(r.ObjectID), &obj); err != nil {
			return err
		}
		action, verb := "inspection.result", "登记"
		if i := slices.IndexFunc(t.Results, func(x domain.InspectionResult) bool { return x.ObjectID == r.ObjectID }); i >= 0 {
			t.Results[i] = r
			action, verb = "inspection.result_update", "更正"
		} else {
			t.Results = append(t.Results, r)
		}
		if r.Date.After(obj.LastInspected) && obj.ID != 0 {
			obj.LastInspected = r.Date
			if err := put(tx, bucketInspectionObjects, itob(obj.ID), obj); err != nil {
				return err
			}
		}
		t.Done = domain.Date{}
		if len(t.Results) == len(d.Assignments) {
			for _, x := range t.Results {
				if x.Date.After(t.Done) {
					t.Done = x.Date
				}
			}
		}
		if err := s.putTask(tx, t); err != nil {
			return err
		}
		return s.appendEvent(tx, actor, action, taskTarget(id),
			fmt.Sprintf("%s抽查结果：%s — %s（任务“%s”）", verb, obj.Name, r.Finding.Label(), t.Name))
	})
	return t, internal(err)
}

// PublishInspectionTask records that the results of a done task were published.
func (s *Store) PublishInspectionTask(actor string, id uint64, p domain.InspectionPublished) (domain.InspectionTask, error) {
	var t domain.InspectionTask
	err := s.db.Update(func(tx *bbolt.Tx) error {
		var err error
		if t, err = s.getTask(tx, id); err != nil {
			return err
		}
		if t.Done.IsZero() {
			return domain.Errorf(domain.EINVALID, "抽查任务“%s”还有检查对象没有登记结果，不能公示。", t.Name)
		}
		if !t.Public.On.IsZero() {
			return domain.Errorf(domain.ECONFLICT, "抽查任务“%s”已于 %s 公示。", t.Name, t.Public.On)
		}
		t.Public = p
		if err := s.putTask(tx, t); err != nil {
			return err
		}
		return s.appendEvent(tx, actor, "inspection.publish", taskTarget(id),
			fmt.Sprintf("公示抽查任务“%s”的抽查结果（%s，%s）", t.Name, p.On, p.Channel))
	})
	return t, internal(err)
}

// InspectionTask returns one task.
func (s *Store) InspectionTask(id uint64) (domain.InspectionTask, error) {
	var t domain.InspectionTask
	err := s.db.View(func(tx *bbolt.Tx) error {
		var err error
		t, err = s.getTask(tx, id)
		return err
	})
	return t, internal(err)
}

// InspectionTasks lists every task, newest first.
func (s *Store) InspectionTasks() ([]domain.InspectionTask, error) {
	var out []domain.InspectionTask
	err := s.db.View(func(tx *bbolt.Tx) error {
		c := tx.Bucket(bucketInspectionTasks).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var r taskRecord
			if err := decode(v, &r); err != nil {
				return err
			}
			out = append(out, r.task())
		}
		return nil
	})
	return out, internal(err)
}

// The directory's index matches its records, and every recorded draw re-runs to its
// recorded result and matches the audit event written when it was made.
var _ = registerCheck(func(s *Store, tx *bbolt.Tx) Check {
	c := Check{Name: "双随机抽查"}
	objects := 0
	tx.Bucket(bucketInspectionObjects).ForEach(func(k, v []byte) error {
		objects++
		var r inspectionObjectRecord
		if err := decode(v, &r); err != nil {
			c.Problems = append(c.Problems, fmt.Sprintf("检查对象 %d 无法读取", btoi(k)))
			return nil
		}
		if id := tx.Bucket(bucketInspectionObjectsByCode).Get([]byte(r.CreditCode)); id == nil || btoi(id) != r.ID {
			c.Problems = append(c.Problems, fmt.Sprintf("检查对象“%s”的信用代码索引不一致", r.Name))
		}
		return nil
	})
	tasks, draws := 0, 0
	tx.Bucket(bucketInspectionTasks).ForEach(func(k, v []byte) error {
		tasks++
		var r taskRecord
		if err := decode(v, &r); err != nil {
			c.Problems = append(c.Problems, fmt.Sprintf("抽查任务 %d 无法读取", btoi(k)))
			return nil
		}
		t := r.task()
		for i, d := range t.Draws {
			draws++
			if d.No != i+1 {
				c.Problems = append(c.Problems, fmt.Sprintf("抽查任务“%s”的抽取次序不连续", t.Name))
			}
			for _, p := range CheckDrawRecord(tx, t, d) {
				c.Problems = append(c.Problems, fmt.Sprintf("抽查任务“%s”第 %d 次抽取：%s", t.Name, d.No, p))
			}
		}
		return nil
	})
	c.Summary = fmt.Sprintf("%d 户检查对象，%d 个抽查任务，%d 次抽取", objects, tasks, draws)
	return c
})

// CheckDrawRecord re-runs a recorded draw and compares it with the audit event written
// when it was made; it returns the problems found, in Chinese.
func CheckDrawRecord(tx *bbolt.Tx, t domain.InspectionTask, d domain.Draw) []string {
	problems := d.Replay().Problems
	var e eventRecord
	ok, err := get(tx, bucketAudit, itob(d.AuditSeq), &e)
	if err != nil || !ok || e.Target != taskTarget(t.ID) || !strings.HasPrefix(e.Action, "inspection.") {
		return append(problems, fmt.Sprintf("审计链中找不到这次抽取的记录（第 %d 条）", d.AuditSeq))
	}
	rec := ParseDrawSummary(e.Summary)
	for _, f := range []struct{ key, want, label string }{
		{"seed", d.Seed, "种子"}, {"objects", d.ObjectsHash, "候选对象哈希"},
		{"officers", d.OfficersHash, "候选人员哈希"}, {"result", d.ResultHash, "结果哈希"},
	} {
		if rec[f.key] != f.want {
			problems = append(problems, fmt.Sprintf("%s与审计链第 %d 条记录不符", f.label, d.AuditSeq))
		}
	}
	return problems
}

// VerifyDraws checks every draw of task id against its audit event (see CheckDrawRecord).
// The result has one entry per draw, oldest first.
func (s *Store) VerifyDraws(id uint64) (domain.InspectionTask, [][]string, error) {
	var t domain.InspectionTask
	var out [][]string
	err := s.db.View(func(tx *bbolt.Tx) error {
		var err error
		if t, err = s.getTask(tx, id); err != nil {
			return err
		}
		for _, d := range t.Draws {
			out = append(out, CheckDrawRecord(tx, t, d))
		}
		return nil
	})
	return t, out, internal(err)
}
