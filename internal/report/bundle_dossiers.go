package report

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/pdf"
	"lawdesk/internal/record"
	"lawdesk/internal/store"
)

// archivedIn returns the cases archived in year, in archive-number order, as stored.
func archivedIn(st *store.Store, data *Data, year int) ([]domain.Case, error) {
	var out []domain.Case
	for _, slim := range data.Cases {
		if slim.Archived.Year != year {
			continue
		}
		c, err := st.Case(slim.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].ArchiveNo != out[j].ArchiveNo {
			return out[i].ArchiveNo < out[j].ArchiveNo
		}
		return out[i].Archived.Before(out[j].Archived)
	})
	return out, nil
}

// dossierTitle is the dossier's title with a natural person's name shortened, as in every
// list that leaves LawDesk.
func dossierTitle(c domain.Case) string {
	if c.Party.Kind == domain.PartyPerson {
		if r := []rune(strings.TrimSpace(c.Party.Name)); len(r) > 0 {
			c.Party.Name = string(r[0]) + "某"
		}
	}
	return domain.DossierTitle(c)
}

// The dossiers part: the catalogue of the dossiers archived in the year — archive number,
// case, title, items, pages, retention, dates — as PDF and CSV. (Each dossier's own 卷内目录
// and documents go with the originals.)
var _ = addBundlePart(40, "案卷目录", func(j *bundleJob) error {
	cases, err := archivedIn(j.st, j.data, j.year)
	if err != nil {
		return err
	}
	rows := [][]string{}
	for i, c := range cases {
		docs, err := j.st.Documents(c.ID)
		if err != nil {
			return err
		}
		items, pages := 0, 0
		for _, d := range docs {
			if !d.Superseded {
				items++
				pages += d.Pages
			}
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), c.ArchiveNo, c.Number, dossierTitle(c), strconv.Itoa(items), strconv.Itoa(pages),
			c.Retention.Label(), c.Closed.String(), c.Archived.String()})
	}
	header := []string{"序号", "档号", "案件编号", "题名", "件数", "页数", "保管期限", "结案日期", "归档日期"}
	base := fmt.Sprintf("案卷目录/%d年归档案卷目录", j.year)
	if err := j.bag.AddBytes(base+".csv", csvBytes(append([][]string{header}, rows...))); err != nil {
		return err
	}
	t := pdf.Table{Title: fmt.Sprintf("%d年归档案卷目录", j.year), Office: j.data.Office.Name, VersionDate: chineseDate(domain.DateOf(j.st.Now())),
		Columns: []pdf.Column{{Header: header[0], Width: 0.5, Align: pdf.AlignCenter}, {Header: header[1], Width: 2.2}, {Header: header[2], Width: 2},
			{Header: header[3], Width: 3}, {Header: header[4], Width: 0.6, Align: pdf.AlignRight}, {Header: header[5], Width: 0.6, Align: pdf.AlignRight},
			{Header: header[6], Width: 0.8, Align: pdf.AlignCenter}, {Header: header[7], Width: 1.1}, {Header: header[8], Width: 1.1}},
		Rows: rows, Landscape: true, FontSize: 9}
	if err := j.bag.AddRendered(base+".pdf", func(w io.Writer) error { return pdf.RenderTable(w, t) }); err != nil {
		return err
	}
	j.info = append(j.info, InfoField{"LawDesk-Count-dossiers", strconv.Itoa(len(cases))})
	return nil
})

// The archived dossiers as originals: for each case archived in the year, its 卷内目录
// (printed as the office prints it) and every current document file, by item number.
var _ = func() bool {
	originalSources = append(originalSources, func(j *bundleJob) ([]originalFile, error) {
		cases, err := archivedIn(j.st, j.data, j.year)
		if err != nil {
			return nil, err
		}
		rec := record.New(j.st)
		var out []originalFile
		for _, c := range cases {
			if c.Secrecy.NeedsReason() { // 涉密 and 个人隐私 are opened with a reason, which the access log keeps
				if _, err := rec.OpenCase(j.sess, c.ID, fmt.Sprintf("导出%d年度数据包（含原始文件）", j.year)); err != nil {
					return nil, err
				}
			}
			folder := "案卷/" + safeName(c.Number)
			err := j.bag.AddRendered("原始文件/"+folder+"/00 卷内目录.pdf", func(w io.Writer) error {
				return rec.PrintDossier(j.ctx, j.sess, c.ID, pdf.DossierCatalogue, w, nil)
			})
			if err != nil {
				return nil, fmt.Errorf("案卷 %s 的卷内目录：%w", c.Number, err)
			}
			docs, err := j.st.Documents(c.ID)
			if err != nil {
				return nil, err
			}
			for _, d := range docs {
				if d.Superseded {
					continue
				}
				out = append(out, originalFile{Path: fmt.Sprintf("%s/%02d %s.%s", folder, d.ItemNo, safeName(d.Title), d.Format), SHA256: d.SHA256})
			}
		}
		return out, nil
	})
	return true
}()
