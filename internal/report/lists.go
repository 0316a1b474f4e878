package report

import (
	"fmt"
	"strconv"
	"strings"
)

// The lists part: the 执法人员清单 and 执法事项清单 as they stand at export time.
// TODO(publicity): when list versions are published, write every version published in the year.
var _ = addBundlePart(20, "清单", func(j *bundleJob) error {
	officers := [][]string{{"姓名", "所在单位", "职务", "执法证号", "发证机关", "执法类别", "执法区域", "有效期至", "法制审核人员", "状态"}}
	for _, o := range j.data.Officers {
		state := "在岗"
		if o.Left {
			state = "已离岗"
		}
		officers = append(officers, []string{o.Name, o.Unit, o.Post, o.CertNo, o.CertIssuer, o.Category, o.Region,
			o.ValidUntil.String(), yesNo(o.Reviewer), state})
	}
	if err := j.bag.AddBytes("清单/执法人员清单（导出时）.csv", csvBytes(officers)); err != nil {
		return err
	}
	matters, err := j.st.Matters()
	if err != nil {
		return err
	}
	rows := [][]string{{"事项编码", "事项名称", "事项类别", "实施依据", "裁量基准", "承办机构", "办理时限", "随机抽查事项", "音像记录环节", "重大执法决定", "状态"}}
	for _, m := range matters {
		stages := make([]string, len(m.RecordingStages))
		for i, s := range m.RecordingStages {
			stages[i] = s.Label()
		}
		state := "有效"
		if m.Retired {
			state = "已废止"
		}
		rows = append(rows, []string{m.Code, m.Name, m.Type.Label(), m.LegalBasis, m.Benchmark, m.HandlingUnit, m.TimeLimit,
			yesNo(m.RandomInspection), strings.Join(stages, "、"), yesNo(m.AlwaysMajor), state})
	}
	if err := j.bag.AddBytes("清单/执法事项清单（导出时）.csv", csvBytes(rows)); err != nil {
		return err
	}
	j.info = append(j.info, InfoField{"LawDesk-Count-officers", strconv.Itoa(len(j.data.Officers))},
		InfoField{"LawDesk-Count-matters", fmt.Sprint(len(matters))})
	return nil
})

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}
