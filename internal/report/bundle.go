package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// BundleOptions choose what goes into an annual bundle.
type BundleOptions struct {
	// WithOriginals adds the full original files of the year's archived dossiers and
	// recordings (large).
	WithOriginals bool
}

// BundleResult says what an export wrote.
type BundleResult struct {
	File  string
	Bag   string
	Files int
	Bytes int64
	Chain ChainSegment
}

// bundleJob is one annual bundle being written; parts add their files through it.
type bundleJob struct {
	ctx   context.Context
	st    *store.Store
	year  int
	data  *Data
	stats Stats
	opts  BundleOptions
	bag   *bagWriter
	info  []InfoField // LawDesk-Count-… and other lines the parts add to bag-info.txt
	seg   ChainSegment
	sess  office.Session // who exports (printing the lists logs it in their name)
}

// bundlePart writes one kind of content into the bundle.
type bundlePart struct {
	order int
	name  string // Chinese, shown while exporting
	write func(j *bundleJob) error
}

var bundleParts []bundlePart

// addBundlePart registers a part; each capability's file adds its own.
func addBundlePart(order int, name string, write func(j *bundleJob) error) bool {
	bundleParts = append(bundleParts, bundlePart{order, name, write})
	sort.SliceStable(bundleParts, func(i, j int) bool { return bundleParts[i].order < bundleParts[j].order })
	return true
}

// BagName is the folder name of the year's bag inside the zip, and the default file name.
func BagName(ag domain.Agency, year int) string {
	prefix := ag.ShortName
	if prefix == "" {
		prefix = ag.Name
	}
	return safeName(fmt.Sprintf("%s-年度行政执法数据-%d", prefix, year))
}

// writeBundle writes the annual bundle of year to file (through a temporary file beside
// it, so a failed or cancelled export leaves nothing). progress gets the part being
// written and how many are done.
func writeBundle(ctx context.Context, st *store.Store, sess office.Session, year int, file string, opts BundleOptions, progress func(part string, done, total int)) (BundleResult, error) {
	actor := sess.Actor()
	res := BundleResult{File: file}
	if _, err := os.Stat(file); err == nil {
		return res, domain.Errorf(domain.ECONFLICT, "文件 %s 已经存在。请换一个文件名，以免覆盖。", file)
	}
	data, err := Load(st, Year(year))
	if err != nil {
		return res, err
	}
	j := &bundleJob{ctx: ctx, st: st, year: year, data: data, opts: opts, stats: Compute(data, Year(year)), sess: sess}
	res.Bag = BagName(data.Office, year)
	created := st.Now()

	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return res, writeError(err, file)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(file)+".*.partial")
	if err != nil {
		return res, writeError(err, file)
	}
	defer func() {
		tmp.Close()
		os.Remove(tmp.Name())
	}()
	j.bag, err = newBagWriter(tmp, res.Bag, created)
	if err != nil {
		return res, writeError(err, file)
	}
	if j.bag.workDir, err = os.MkdirTemp(dir, ".lawdesk-bundle-*"); err != nil {
		return res, writeError(err, file)
	}
	defer func() {
		j.bag.waitRendered() // a failed export still lets its renderers finish before cleaning up
		os.RemoveAll(j.bag.workDir)
	}()
	for i, part := range bundleParts {
		if progress != nil {
			progress(part.name, i, len(bundleParts))
		}
		if err := ctx.Err(); err != nil {
			return res, domain.Wrap(err, domain.ECONFLICT, "导出已取消，没有生成文件。")
		}
		if err := part.write(j); err != nil {
			if ctx.Err() != nil {
				return res, domain.Wrap(err, domain.ECONFLICT, "导出已取消，没有生成文件。")
			}
			return res, writeError(err, file)
		}
	}
	ag := data.Office
	info := []InfoField{
		{"Source-Organization", ag.Name},
		{"Organization-Address", ag.Address},
		{"Contact-Phone", ag.Phone},
		{"External-Identifier", res.Bag},
		{"External-Description", fmt.Sprintf("%s %d年度行政执法数据（LawDesk 导出）", ag.Name, year)},
		{"LawDesk-Version", Version},
		{"LawDesk-Year", strconv.Itoa(year)},
		{"LawDesk-Created", created.Format(time.RFC3339)},
		{"LawDesk-Created-By", actor},
		{"LawDesk-With-Originals", map[bool]string{true: "yes", false: "no"}[opts.WithOriginals]},
	}
	info = append(info, j.info...)
	if err := j.bag.Close(info); err != nil {
		return res, writeError(err, file)
	}
	if err := tmp.Sync(); err != nil {
		return res, writeError(err, file)
	}
	if err := tmp.Close(); err != nil {
		return res, writeError(err, file)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return res, writeError(err, file)
	}
	if progress != nil {
		progress("", len(bundleParts), len(bundleParts))
	}
	octets, n := j.bag.Oxum()
	res.Files, res.Bytes, res.Chain = n, octets, j.seg
	return res, nil
}

// Version is the LawDesk release written into bundles (set by app/ at start).
var Version = "dev"

func writeError(err error, file string) error {
	var de *domain.Error
	if errors.As(err, &de) && de.Code != domain.EINTERNAL {
		return err
	}
	if errors.Is(err, syscall.ENOSPC) {
		return domain.Wrap(err, domain.EINVALID, "%s 所在的磁盘空间已满，数据包没有生成。请腾出空间或换一个位置后重试。", filepath.Dir(file))
	}
	return domain.Wrap(err, domain.EINTERNAL, "写入 %s 时出错，数据包没有生成。请检查磁盘后重试。", file)
}

// The statistics part: the figures as JSON and CSV, and every record behind every figure.
var _ = addBundlePart(10, "统计数据", func(j *bundleJob) error {
	base := fmt.Sprintf("统计/年度统计-%d", j.year)
	data, err := json.MarshalIndent(j.stats, "", "  ")
	if err != nil {
		return err
	}
	if err := j.bag.AddBytes(base+".json", data); err != nil {
		return err
	}
	if err := j.bag.AddBytes(base+".csv", StatsCSV(j.stats)); err != nil {
		return err
	}
	if err := j.bag.AddBytes(fmt.Sprintf("统计/统计明细-%d.csv", j.year), RefsCSV(j.stats)); err != nil {
		return err
	}
	for _, t := range j.stats.Tables {
		if len(t.Figures) > 0 {
			f := t.Figures[0]
			j.info = append(j.info, InfoField{"LawDesk-Count-" + f.Key, strconv.FormatFloat(f.Value, 'f', -1, 64)})
		}
	}
	return nil
})

// The audit part: the year's segment of the audit chain with its first and last hash.
var _ = addBundlePart(90, "审计链", func(j *bundleJob) error {
	rel := fmt.Sprintf("审计链/审计链-%d.jsonl", j.year)
	var seg ChainSegment
	err := j.bag.AddFunc(rel, func(w io.Writer) error {
		var err error
		p := Year(j.year)
		seg, err = writeSegment(j.st, p.Start(j.data.Loc), p.End(j.data.Loc), w)
		return err
	})
	if err != nil {
		return err
	}
	j.info = append(j.info, seg.info(payloadDir+rel)...)
	j.seg = seg
	return nil
})

// originalFile is one original file of the year (a dossier's document, a recording) for
// a bundle with originals.
type originalFile struct {
	Path   string // under data/原始文件/, e.g. 青市监处罚〔2025〕12号/03 现场笔录.pdf
	SHA256 string // the blob
}

// originalSources list the year's original files; each capability that keeps originals
// (archived dossiers, recordings) adds one.
var originalSources []func(j *bundleJob) ([]originalFile, error)

// The originals part: the full original files of the year, when asked for.
var _ = addBundlePart(80, "原始文件", func(j *bundleJob) error {
	if !j.opts.WithOriginals {
		return nil
	}
	n := 0
	for _, source := range originalSources {
		files, err := source(j)
		if err != nil {
			return err
		}
		for _, f := range files {
			if err := j.ctx.Err(); err != nil {
				return err
			}
			r, err := j.st.Blobs().Open(f.SHA256)
			if err != nil {
				return err
			}
			err = j.bag.Add("原始文件/"+f.Path, r)
			r.Close()
			if err != nil {
				return err
			}
			n++
		}
	}
	j.info = append(j.info, InfoField{"LawDesk-Count-originals", strconv.Itoa(n)})
	return nil
})

// csvBytes writes rows as CSV with a byte-order mark, so Excel on a Chinese Windows opens
// it as UTF-8 instead of garbling it.
func csvBytes(rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.WriteAll(rows)
	return b.Bytes()
}

// StatsCSV is the statistics as one CSV row per figure.
func StatsCSV(s Stats) []byte {
	rows := [][]string{{"统计期间", "表", "指标", "数值", "单位", "记录数", "提示"}}
	for _, t := range s.Tables {
		for _, f := range t.Figures {
			rows = append(rows, []string{s.Label, t.Title, strings.Repeat("  ", f.Level) + f.Label,
				strconv.FormatFloat(f.Value, 'f', -1, 64), f.Unit, strconv.Itoa(len(f.Refs)), f.Warn})
		}
	}
	return csvBytes(rows)
}

// RefsCSV lists every record behind every figure.
func RefsCSV(s Stats) []byte {
	rows := [][]string{{"表", "指标", "记录类型", "编号", "名称", "日期", "说明"}}
	for _, t := range s.Tables {
		for _, f := range t.Figures {
			rows = append(rows, refRows(t.Title, f)...)
		}
	}
	return csvBytes(rows)
}

// FigureCSV lists the records behind one figure (the “导出明细” of the statistics screen).
func FigureCSV(table string, f Figure) []byte {
	return csvBytes(append([][]string{{"表", "指标", "记录类型", "编号", "名称", "日期", "说明"}}, refRows(table, f)...))
}

func refRows(table string, f Figure) [][]string {
	var rows [][]string
	for _, r := range f.Refs {
		rows = append(rows, []string{table, f.Label, RefKindLabel(r.Kind), strconv.FormatUint(r.ID, 10), r.Label, r.Date.String(), r.Note})
	}
	return rows
}

var refKinds = map[string]string{
	"case": "案件", "officer": "执法人员", "review": "法制审核", "publication": "公开信息",
	"recording": "音像记录", "dossier": "案卷", "matter": "执法事项", "inspection": "双随机抽查",
}

// RefKindLabel names a kind of record in Chinese.
func RefKindLabel(kind string) string {
	if l, ok := refKinds[kind]; ok {
		return l
	}
	return kind
}
