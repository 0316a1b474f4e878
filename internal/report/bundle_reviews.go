package report

import (
	"fmt"
	"io"
	"sort"
	"strconv"

	"lawdesk/internal/domain"
	"lawdesk/internal/pdf"
	"lawdesk/internal/record"
	"lawdesk/internal/review"
)

// yearOpinion is one 法制审核意见书 given in the bundle's year.
type yearOpinion struct {
	review domain.Review
	round  domain.Round
	c      domain.Case
}

// opinionsIn lists the opinions given in year, in the order they were given.
func opinionsIn(d *Data, year int) []yearOpinion {
	var out []yearOpinion
	for _, r := range d.Reviews {
		for _, rd := range r.Rounds {
			if rd.Decided() && rd.OpinionAt.In(d.Loc).Year() == year {
				out = append(out, yearOpinion{review: r, round: rd, c: d.ReviewCases[r.CaseID]})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].round.OpinionAt.Before(out[j].round.OpinionAt) })
	return out
}

// filedOpinion finds the PDF of opinion no filed with case caseID (the review service files
// each opinion as a document of the case when it is given); ok is false when none is.
func filedOpinion(j *bundleJob, caseID uint64, no string) (sha string, ok bool, err error) {
	docs, err := j.st.Documents(caseID)
	if err != nil {
		return "", false, err
	}
	for _, d := range docs {
		if d.DocNumber == no && !d.Superseded && d.Format == "pdf" {
			return d.SHA256, true, nil
		}
	}
	return "", false, nil
}

// The review part: every 法制审核意见书 given in the year — the very PDF filed with the case
// when the opinion was given, or, when its filing failed, printed now as the legal unit
// prints it (logged in the exporter's name like any print) — and their catalogue as PDF and
// CSV (natural persons shortened).
var _ = addBundlePart(45, "法制审核意见书", func(j *bundleJob) error {
	opinions := opinionsIn(j.data, j.year)
	rec := record.New(j.st)
	rv := review.New(j.st, rec)
	header := []string{"序号", "意见书文号", "案件编号", "案由", "当事人", "轮次", "审核意见", "审核人员", "出具日期", "文件"}
	var rows [][]string
	opened := map[uint64]bool{}
	for i, o := range opinions {
		if o.c.Secrecy.NeedsReason() && !opened[o.c.ID] { // 涉密 and 个人隐私 are opened with a reason, which the access log keeps
			if _, err := rec.OpenCase(j.sess, o.c.ID, fmt.Sprintf("导出%d年度数据包（法制审核意见书）", j.year)); err != nil {
				return err
			}
			opened[o.c.ID] = true
		}
		file := fmt.Sprintf("法制审核意见书/%03d %s.pdf", i+1, safeName(o.round.OpinionNo))
		caseID, round := o.review.CaseID, o.round.No
		sha, filed, err := filedOpinion(j, caseID, o.round.OpinionNo)
		if err != nil {
			return err
		}
		if filed {
			r, err := j.st.Blobs().Open(sha)
			if err != nil {
				return err
			}
			err = j.bag.Add(file, r)
			r.Close()
			if err != nil {
				return err
			}
			rows = append(rows, opinionRow(j, i, o, file))
			continue
		}
		err = j.bag.AddRendered(file, func(w io.Writer) error {
			if err := rv.Print(j.sess, caseID, review.DocOpinion, round, w); err != nil {
				return fmt.Errorf("案件 %s 第 %d 轮法制审核意见书：%w", o.review.CaseNo, round, err)
			}
			return nil
		})
		if err != nil {
			return err
		}
		rows = append(rows, opinionRow(j, i, o, file))
	}
	base := fmt.Sprintf("法制审核意见书/%d年法制审核意见书目录", j.year)
	if err := j.bag.AddBytes(base+".csv", csvBytes(append([][]string{header}, rows...))); err != nil {
		return err
	}
	printed := make([][]string, len(rows))
	for i, r := range rows {
		printed[i] = r[:len(r)-1] // the file names are for the CSV
	}
	t := pdf.Table{Title: fmt.Sprintf("%d年法制审核意见书目录", j.year), Office: j.data.Office.Name, VersionDate: chineseDate(domain.DateOf(j.st.Now())),
		Columns: []pdf.Column{{Header: header[0], Width: 0.5, Align: pdf.AlignCenter}, {Header: header[1], Width: 2}, {Header: header[2], Width: 2},
			{Header: header[3], Width: 3}, {Header: header[4], Width: 2}, {Header: header[5], Width: 0.5, Align: pdf.AlignCenter},
			{Header: header[6], Width: 0.8, Align: pdf.AlignCenter}, {Header: header[7], Width: 0.8}, {Header: header[8], Width: 1.1}},
		Rows: printed, Landscape: true, FontSize: 9}
	if err := j.bag.AddRendered(base+".pdf", func(w io.Writer) error { return pdf.RenderTable(w, t) }); err != nil {
		return err
	}
	j.info = append(j.info, InfoField{"LawDesk-Count-opinions", strconv.Itoa(len(opinions))})
	return nil
})

// opinionRow is the catalogue's line of the i-th opinion.
func opinionRow(j *bundleJob, i int, o yearOpinion, file string) []string {
	return []string{strconv.Itoa(i + 1), o.round.OpinionNo, o.review.CaseNo, o.c.MatterName, shortParty(o.c.Party),
		strconv.Itoa(o.round.No), o.round.Opinion.Label(), o.round.ReviewerNm, domain.DateOf(o.round.OpinionAt.In(j.data.Loc)).String(), file}
}
