package report

import (
	"fmt"
	"io"
	"strconv"

	"lawdesk/internal/domain"
	"lawdesk/internal/publicity"
)

// The lists part: every published list as it was published — each version published in
// the year, and the version in force on 1 January — as the same PDF the office prints,
// with an index of the versions (date, reason, entries added, changed, removed).
var _ = addBundlePart(20, "清单", func(j *bundleJob) error {
	svc := publicity.New(j.st)
	index := [][]string{{"清单", "版本", "版本日期", "发布时间", "发布人", "调整原因", "条目数", "新增", "修改", "删除", "说明"}}
	n := 0
	for _, kind := range domain.AllListKinds {
		versions, err := j.st.ListVersions(kind)
		if err != nil {
			return err
		}
		var inForce *domain.ListVersion // the last version dated before the year
		var ofYear []domain.ListVersion
		for i := range versions {
			switch v := versions[i]; {
			case v.Date.Year < j.year && (inForce == nil || v.No > inForce.No):
				inForce = &versions[i]
			case v.Date.Year == j.year:
				ofYear = append(ofYear, v)
			}
		}
		write := func(v domain.ListVersion, note string) error {
			name := fmt.Sprintf("清单/%s（第%d版，%s）.pdf", kind.Title(), v.No, v.Date)
			err := j.bag.AddRendered(name, func(w io.Writer) error {
				return svc.PrintList(j.sess, w, publicity.PrintRequest{Kind: kind, Version: v.No})
			})
			if err != nil {
				return err
			}
			index = append(index, []string{kind.Title(), strconv.Itoa(v.No), v.Date.String(), v.PublishedAt.Local().Format("2006-01-02 15:04"),
				v.ActorName, v.Reason, strconv.Itoa(v.Rows), strconv.Itoa(v.Added), strconv.Itoa(v.Changed), strconv.Itoa(v.Removed), note})
			n++
			return nil
		}
		if inForce != nil {
			if err := write(*inForce, fmt.Sprintf("%d年1月1日有效的版本", j.year)); err != nil {
				return err
			}
		}
		for _, v := range ofYear {
			if err := write(v, fmt.Sprintf("%d年发布", j.year)); err != nil {
				return err
			}
		}
	}
	if err := j.bag.AddBytes(fmt.Sprintf("清单/清单版本-%d.csv", j.year), csvBytes(index)); err != nil {
		return err
	}
	j.info = append(j.info, InfoField{"LawDesk-Count-list-versions", strconv.Itoa(n)})
	return nil
})
