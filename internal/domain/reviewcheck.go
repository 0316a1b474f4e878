package domain

import (
	"fmt"
	"strings"
)

// Pre-checks of the legal review: what LawDesk can verify from the data it already holds,
// each with the evidence it looked at, so the reviewer sees why an element was pre-filled.

// PreCheckState is the outcome of one pre-check.
type PreCheckState int

const (
	PreCheckNoData PreCheckState = iota // nothing recorded to judge by
	PreCheckPass
	PreCheckFail
)

// Label is the state in Chinese.
func (s PreCheckState) Label() string {
	switch s {
	case PreCheckPass:
		return "通过"
	case PreCheckFail:
		return "发现问题"
	}
	return "无数据"
}

// PreCheckResult is one pre-check with its evidence: one line per fact looked at.
type PreCheckResult struct {
	Key      string
	Title    string
	State    PreCheckState
	Evidence []string
	Problems []string // the evidence lines that failed
}

func newPreCheck(key string) PreCheckResult {
	return PreCheckResult{Key: key, Title: PreCheckTitle(key)}
}

func (r *PreCheckResult) pass(line string) { r.Evidence = append(r.Evidence, "✓ "+line) }

func (r *PreCheckResult) fail(line string) {
	r.Evidence = append(r.Evidence, "✗ "+line)
	r.Problems = append(r.Problems, line)
}

// finish sets the state from what was recorded.
func (r PreCheckResult) finish() PreCheckResult {
	switch {
	case len(r.Problems) > 0:
		r.State = PreCheckFail
	case len(r.Evidence) > 0:
		r.State = PreCheckPass
	default:
		r.State = PreCheckNoData
	}
	return r
}

// StageAttendance is who acted at one stage of a case and on which day.
type StageAttendance struct {
	Stage    Stage
	Date     Date
	Officers []Officer
}

// CheckCertificates verifies that every officer recorded at a stage held a certificate
// valid on that stage's date.
func CheckCertificates(att []StageAttendance) PreCheckResult {
	r := newPreCheck(PreCheckCertificates)
	for _, a := range att {
		if a.Date.IsZero() {
			continue
		}
		for _, o := range a.Officers {
			switch {
			case o.CertNo == "":
				r.fail(fmt.Sprintf("%s（%s）：%s 没有执法证件", a.Stage.Label(), a.Date, o.Name))
			case o.CertValid(a.Date):
				r.pass(fmt.Sprintf("%s（%s）：%s 执法证 %s 有效期至 %s", a.Stage.Label(), a.Date, o.Name, o.CertNo, o.ValidUntil))
			default:
				r.fail(fmt.Sprintf("%s（%s）：%s 执法证 %s 有效期至 %s，当日已失效", a.Stage.Label(), a.Date, o.Name, o.CertNo, o.ValidUntil))
			}
		}
	}
	return r.finish()
}

// CheckTwoOfficers verifies that at least two officers acted at each enforcement stage
// (EnforcementStage), where the law requires two officers with valid certificates.
func CheckTwoOfficers(att []StageAttendance) PreCheckResult {
	r := newPreCheck(PreCheckTwoOfficers)
	for _, a := range att {
		if a.Date.IsZero() || !EnforcementStage(a.Stage) {
			continue
		}
		names := make([]string, len(a.Officers))
		for i, o := range a.Officers {
			names[i] = o.Name
		}
		line := fmt.Sprintf("%s（%s）：%d 人（%s）", a.Stage.Label(), a.Date, len(names), strings.Join(names, "、"))
		if len(names) >= 2 {
			r.pass(line)
		} else {
			r.fail(line + "，少于两人")
		}
	}
	return r.finish()
}

// DeadlineFact is one time limit of a case and when it was met.
type DeadlineFact struct {
	Name string // e.g. 立案期限
	Due  Date
	Done Date // zero when not yet done
}

// CheckDeadlines verifies that every time limit was met (or is not yet passed on today).
func CheckDeadlines(ds []DeadlineFact, today Date) PreCheckResult {
	r := newPreCheck(PreCheckDeadlines)
	for _, d := range ds {
		if d.Due.IsZero() {
			continue
		}
		switch {
		case !d.Done.IsZero() && !d.Done.After(d.Due):
			r.pass(fmt.Sprintf("%s：期限 %s，%s 完成", d.Name, d.Due, d.Done))
		case !d.Done.IsZero():
			r.fail(fmt.Sprintf("%s：期限 %s，%s 才完成，超期 %d 天", d.Name, d.Due, d.Done, d.Due.DaysUntil(d.Done)))
		case today.After(d.Due):
			r.fail(fmt.Sprintf("%s：期限 %s，至今（%s）未完成", d.Name, d.Due, today))
		default:
			r.pass(fmt.Sprintf("%s：期限 %s，尚未届满", d.Name, d.Due))
		}
	}
	return r.finish()
}

// CheckMaterials verifies that every required material is among the case's documents.
func CheckMaterials(ms []Material) PreCheckResult {
	r := newPreCheck(PreCheckDocuments)
	for _, m := range ms {
		switch {
		case m.Present():
			r.pass(fmt.Sprintf("%s：%s", m.Name, strings.Join(m.Documents, "、")))
		case m.Required:
			r.fail(fmt.Sprintf("%s：缺少", m.Name))
		}
	}
	return r.finish()
}

// CheckBenchmark verifies that the proposed fine lies within the benchmark range the
// handling unit cited.
func CheckBenchmark(p ProposedDecision) PreCheckResult {
	r := newPreCheck(PreCheckBenchmark)
	if p.BenchmarkMax == 0 && p.BenchmarkMin == 0 {
		return r.finish()
	}
	line := fmt.Sprintf("拟罚没金额 %s 元，裁量基准“%s”幅度 %s 至 %s 元", p.Fine.String(), p.Benchmark,
		p.BenchmarkMin.String(), p.BenchmarkMax.String())
	switch {
	case p.Fine < p.BenchmarkMin:
		r.fail(line + "，低于下限（如属减轻处罚，应写明理由）")
	case p.BenchmarkMax > 0 && p.Fine > p.BenchmarkMax:
		r.fail(line + "，超过上限")
	default:
		r.pass(line + "，在幅度内")
	}
	return r.finish()
}

// ApplyPreChecks puts the pre-check evidence on the checklist items whose elements name
// those pre-checks, and pre-fills their finding: 存在问题 (with the problems as the note)
// when any failed, 符合 when all that had data passed. The reviewer may change both.
func ApplyPreChecks(items []ChecklistItem, els []ChecklistElement, results []PreCheckResult) []ChecklistItem {
	byKey := map[string]PreCheckResult{}
	for _, r := range results {
		byKey[r.Key] = r
	}
	out := append([]ChecklistItem(nil), items...)
	for i := range out {
		var el ChecklistElement
		for _, e := range els {
			if e.Key == out[i].Key {
				el = e
			}
		}
		var evidence, problems, passed []string
		for _, key := range el.PreChecks {
			r, ok := byKey[key]
			if !ok {
				continue
			}
			evidence = append(evidence, fmt.Sprintf("【%s：%s】", r.Title, r.State.Label()))
			evidence = append(evidence, r.Evidence...)
			problems = append(problems, r.Problems...)
			if r.State == PreCheckPass {
				passed = append(passed, r.Title)
			}
		}
		out[i].Evidence = evidence
		if out[i].Finding != ElementUnset {
			continue
		}
		switch {
		case len(problems) > 0:
			out[i].Finding, out[i].Note = ElementProblem, "系统核对发现："+strings.Join(problems, "；")
		case len(passed) > 0:
			out[i].Finding, out[i].Note = ElementOK, "经系统核对，"+strings.Join(passed, "，")+"。"
		}
	}
	return out
}
