package report

import (
	"fmt"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

// The recordings of the year as originals: every audio-video record captured in the year
// and not deleted, filed by its case (未关联案件 when it has none), named by its ID and its
// file name on the camera.
var _ = func() bool {
	originalSources = append(originalSources, func(j *bundleJob) ([]originalFile, error) {
		st, p := j.st, Year(j.year)
		recs, err := st.Recordings(store.RecordingFilter{From: p.Start(time.Local), To: p.End(time.Local)})
		if err != nil {
			return nil, err
		}
		numbers := map[uint64]string{}
		var out []originalFile
		for _, r := range recs {
			folder := "未关联案件"
			if r.CaseID != 0 {
				n, ok := numbers[r.CaseID]
				if !ok {
					c, err := st.Case(r.CaseID)
					if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
						return nil, err
					}
					n = safeName(c.Number)
					numbers[r.CaseID] = n
				}
				folder = n
			}
			out = append(out, originalFile{Path: fmt.Sprintf("音像记录/%s/%d-%s", folder, r.ID, safeName(r.Title())), SHA256: r.SHA256})
		}
		return out, nil
	})
	return true
}()
