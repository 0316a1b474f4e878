package bench

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"lawdesk/internal/backup"
	"lawdesk/internal/calendar"
	"lawdesk/internal/domain"
	"lawdesk/internal/inspection"
	"lawdesk/internal/office"
	"lawdesk/internal/publication"
	"lawdesk/internal/publicity"
	"lawdesk/internal/record"
	"lawdesk/internal/recording"
	"lawdesk/internal/report"
	"lawdesk/internal/review"
	"lawdesk/internal/store"
)

// Kind says which target a measurement is held to.
type Kind int

const (
	Info        Kind = iota // no target: shown for the record
	Interactive             // something a person waits for on screen: < 100 ms
	Startup                 // start-up to the login window: < 2 s
	Check                   // verification of metadata and chain: < 30 s
	Memory                  // resident memory: < 300 MB
	Report                  // statistics of a year on the statistics screen: < 1 s (issue 8)
	Export                  // the annual data bundle without originals: < 30 s (issue 8)
)

// Targets of issue 10 at 100 000 cases and 1 000 000 audit events (and issue 8's for the
// statistics screen and the annual bundle).
var targets = map[Kind]float64{Interactive: 0.1, Startup: 2, Check: 30, Memory: 300, Report: 1, Export: 30}

// Row is one measurement: the median of its runs (seconds, or MB for memory).
type Row struct {
	Key   string // stable name, for comparing stores
	What  string // 中文 / English
	Kind  Kind
	Unit  string  // "s" or "MB"
	Value float64 // the median wall-clock time, or the memory
	CPU   float64 // the median processor time of the runs (0: unknown)
	Runs  int
	Note  string
}

// Met reports whether the row meets its target (always true without one).
func (r Row) Met() bool {
	t, ok := targets[r.Kind]
	return !ok || r.Value < t
}

// Target is the row's target as text, "—" without one.
func (r Row) Target() string {
	switch r.Kind {
	case Interactive:
		return "< 100 ms"
	case Startup:
		return "< 2 s"
	case Check:
		return "< 30 s"
	case Memory:
		return "< 300 MB"
	case Report:
		return "< 1 s"
	case Export:
		return "< 30 s"
	}
	return "—"
}

// Format writes the value in the unit people read it in.
func (r Row) Format() string {
	if r.Unit == "MB" {
		return fmt.Sprintf("%.0f MB", r.Value)
	}
	text := seconds(r.Value)
	if r.CPU > 0 && r.Value > 0.005 && r.CPU < r.Value*0.8 {
		text += "（CPU " + seconds(r.CPU) + "）" // the processor was shared: show the work itself too
	}
	return text
}

func seconds(v float64) string {
	switch {
	case v < 0.01:
		return fmt.Sprintf("%.2f ms", v*1000)
	case v < 1:
		return fmt.Sprintf("%.1f ms", v*1000)
	}
	return fmt.Sprintf("%.2f s", v)
}

// StartupResult is a measured start of the program: the time to its login window, and
// its memory a little later, while the start-up check runs (MB, 0 when unknown).
type StartupResult struct {
	Time         time.Duration
	RSS, Private float64
	How          string
}

// Result is what Run measured on one store.
type Result struct {
	Dir     string
	Cases   int
	Events  uint64
	DBBytes int64
	Rows    []Row
}

// RunOptions tune Run.
type RunOptions struct {
	Repeat int // runs of each interactive measurement (the median is kept); default 7
	// Startup measures start-up to the login window on dir (it needs the window toolkit, so
	// app/ provides it). Nil skips the rows.
	Startup func(dir string) (StartupResult, error)
	Full    bool // also re-hash every stored file (whole verify)
	// Log, when set, receives a line as each measurement finishes.
	Log func(string)
}

// generated is what Generate records about the store it made, so Run measures on the day
// the store was generated for.
type generated struct {
	Cases   int         `json:"cases"`
	Seed    uint64      `json:"seed"`
	Until   domain.Date `json:"until"`
	PerYear int         `json:"per_year"`
}

const keyGenerated = "bench.generated"

// Run measures what people wait for on the store in dir: start-up, opening the data, the
// dashboard, the case list, searches, opening a case, the publication list, verification,
// and the memory all that takes. Opening cases and signing in append access events to the
// audit chain, as they do for a person.
func Run(dir string, opts RunOptions) (Result, error) {
	if opts.Repeat <= 0 {
		opts.Repeat = 7
	}
	res := Result{Dir: dir}
	if fi, err := os.Stat(filepath.Join(dir, store.DBFile)); err == nil {
		res.DBBytes = fi.Size()
	} else {
		return res, domain.Errorf(domain.ENOTFOUND, "数据目录 %s 中没有 LawDesk 数据。请先运行 lawdesk bench generate。", dir)
	}
	m := &meter{opts: opts, res: &res}
	if opts.Startup != nil {
		sr, err := opts.Startup(dir)
		if err != nil {
			return res, err
		}
		m.add(Row{Key: "startup", What: "启动到登录窗口 / start-up to the login window", Kind: Startup, Unit: "s", Value: sr.Time.Seconds(), Runs: 1, Note: sr.How})
		if sr.Private > 0 {
			m.add(Row{Key: "startup.private", What: "程序自身占用的内存（启动校验时）/ private memory during the start-up check", Kind: Memory, Unit: "MB", Value: sr.Private, Runs: 1,
				Note: "RssAnon：堆、栈和图形缓冲区，Windows 任务管理器“内存”一栏显示的就是这一部分 / heap, stacks and graphics buffers: what Windows Task Manager shows as memory"})
			m.add(Row{Key: "startup.rss", What: "驻留内存总量（启动校验时）/ resident memory in all during the start-up check", Kind: Info, Unit: "MB", Value: sr.RSS, Runs: 1,
				Note: "VmRSS：另含校验读过的数据库文件页（系统缓存，内存紧张时随时释放）/ also the database file pages the check read (page cache, freed whenever memory is needed)"})
		}
	}

	rss := startRSSSampler()
	var gen generated
	var st *store.Store
	m.time("open", "打开数据 / open the store", Info, "store.Open + Close", func() error {
		s, err := store.Open(dir, store.Options{})
		if err == nil {
			err = s.Close()
		}
		return err
	})
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		return res, err
	}
	defer st.Close()
	if ok, _ := st.Setting(keyGenerated, &gen); ok && !gen.Until.IsZero() {
		// measure on the store's own "today", so its deadlines are where Generate put them
		today := gen.Until.Time(time.Local).Add(16 * time.Hour)
		st.Now = func() time.Time { return today }
	}
	counts, err := st.CaseCounts()
	if err != nil {
		return res, err
	}
	res.Cases = counts["all"]

	svc := office.New(st)
	pw := DefaultPassword
	var admin, officer office.Session
	m.time("login", "登录（argon2id 口令校验）/ sign in (argon2id)", Info, "office.Login admin", func() error {
		admin, err = svc.Login("admin", pw)
		return err
	})
	if err != nil {
		return res, fmt.Errorf("登录 admin 失败（测试数据的密码应为 %s）：%w", pw, err)
	}
	if officer, err = svc.Login("liuyang", pw); err != nil {
		return res, err
	}
	rec := record.New(st)
	pub := publication.New(st)
	sources := todoSources(st)

	for _, who := range []struct {
		key, label string
		sess       office.Session
	}{{"admin", "管理员 / admin", admin}, {"officer", "执法人员 / officer", officer}} {
		m.time("dashboard."+who.key, "首页待办（"+who.label+"）/ dashboard", Interactive, "every service's Todos side by side, as the home screen asks them", func() error {
			errs := make([]error, len(sources))
			var wg sync.WaitGroup
			for i, src := range sources {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, errs[i] = src.Todos(who.sess)
				}()
			}
			wg.Wait()
			return errors.Join(errs...)
		})
		m.time("cases."+who.key, "案件列表第一页（"+who.label+"）/ case list, first page", Interactive, "record.Cases, 50 newest", func() error {
			_, err := rec.Cases(who.sess, record.CaseFilter{})
			return err
		})
	}
	m.time("cases.open", "案件列表：办理中 / case list: in progress", Interactive, "record.Cases status open", func() error {
		_, err := rec.Cases(admin, record.CaseFilter{Status: domain.StatusOpen})
		return err
	})
	m.time("cases.overdue", "案件列表：逾期 / case list: overdue", Interactive, "record.Cases overdue", func() error {
		_, err := rec.Cases(admin, record.CaseFilter{Overdue: true})
		return err
	})
	m.time("cases.page20", "案件列表第 20 页 / case list, page 20", Interactive, "paging 20 × 50 cases", func() error {
		f := record.CaseFilter{}
		for range 20 {
			page, err := rec.Cases(admin, f)
			if err != nil || page.Next == 0 {
				return err
			}
			f.Before = page.Next
		}
		return nil
	})

	// a case from the middle of the store, to search for and to open
	sample, err := sampleCase(st, res.Cases)
	if err != nil {
		return res, err
	}
	m.time("search.number", "搜索：案件编号 / search: case number", Interactive, sample.Number, func() error {
		_, err := rec.CaseByNumber(admin, sample.Number)
		return err
	})
	m.time("search.numbertext", "搜索框：案件编号 / search box: case number", Interactive, sample.Number, func() error {
		return expectHit(rec.Cases(admin, record.CaseFilter{Text: sample.Number}))
	})
	m.time("search.party", "搜索：当事人 / search: party", Interactive, sample.Party.Name, func() error {
		return expectHit(rec.Cases(admin, record.CaseFilter{Text: sample.Party.Name}))
	})
	for _, q := range []struct{ key, text string }{
		{"search.text", "超过保质期"},    // a phrase of many cases
		{"search.rare", "举报奖励 假冒"},  // two words of few cases
		{"search.single", "药"},      // one character
		{"search.none", "不存在的词语组合"}, // nothing matches
	} {
		m.time(q.key, "搜索：全文 “"+q.text+"” / search: full text", Interactive, q.text, func() error {
			_, err := rec.Cases(admin, record.CaseFilter{Text: q.text})
			return err
		})
	}
	rs := recording.New(st)
	m.time("case.open", "打开案件 / open a case", Interactive,
		"record.OpenCase (logs the view), its documents, timeline, dossier, recordings and publication, as the case screen", func() error {
			if _, err := rec.OpenCase(admin, sample.ID, "性能测试"); err != nil {
				return err
			}
			if _, err := rec.Documents(admin, sample.ID); err != nil {
				return err
			}
			if _, err := rec.Timeline(admin, sample.ID); err != nil {
				return err
			}
			if _, err := rec.Dossier(admin, sample.ID); err != nil {
				return err
			}
			if _, err := rs.ForCase(admin, sample.ID); err != nil {
				return err
			}
			_, err := pub.Entry(admin, sample.ID)
			return err
		})
	year := st.Now().Year()
	m.time("publication.list", fmt.Sprintf("事后公开列表（%d 年及各年待办）/ publication list, one year", year), Interactive,
		"publication.EntriesOfYear, as the screen opens", func() error {
			_, err := pub.EntriesOfYear(admin, year)
			return err
		})
	m.timeOnce("publication.all", "事后公开列表（全部年份）/ publication list, every year", Info, "publication.Entries, when 全部年份 is chosen", func() error {
		_, err := pub.Entries(admin)
		return err
	})

	rv := review.New(st, rec)
	m.time("review.list", "法制审核列表 / legal review list", Interactive, "review.Entries, as the review screen opens", func() error {
		_, err := rv.Entries(admin)
		return err
	})
	rep := report.New(st)
	last := year - 1 // the last whole year
	m.time("stats.year", fmt.Sprintf("统计：%d 年度 / statistics of a year", last), Report,
		"report.Statistics, every figure with the list of its cases, as the statistics screen opens", func() error {
			_, err := rep.Statistics(admin, report.Year(last))
			return err
		})
	bundleDir, err := os.MkdirTemp("", "lawdesk-bench-bundle-")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(bundleDir)
	bundle := filepath.Join(bundleDir, "bundle.zip")
	var made report.BundleResult
	m.timeOnce("bundle", fmt.Sprintf("年度数据包（%d 年，不含原始文件）/ annual bundle without originals", last), Export, "", func() error {
		made, err = rep.ExportBundle(context.Background(), admin, last, bundle, report.BundleOptions{}, nil)
		return err
	})
	if m.err == nil {
		m.res.Rows[len(m.res.Rows)-1].Note = fmt.Sprintf("report.ExportBundle: %d 个文件 / files, %.0f MB, 审计链 %d 条 / audit events",
			made.Files, float64(made.Bytes)/1e6, made.Chain.Events)
	}
	m.timeOnce("bundle.verify", "校验年度数据包 / verify the bundle", Info, "report.VerifyBundle (lawdesk verify-bundle)", func() error {
		vr, err := report.VerifyBundle(context.Background(), bundle, nil)
		if err == nil && !vr.OK() {
			err = fmt.Errorf("数据包校验未通过：%v", vr.Problems)
		}
		return err
	})

	m.add(rss.row("rss.work", "查询和导出时程序自身的内存峰值 / peak private memory while working", Memory))

	rssVerify := startRSSSampler()
	var chain store.ChainReport
	m.timeOnce("verify.chain", "审计链校验 / verify the audit chain", Check, "", func() error {
		chain, err = st.VerifyChain()
		if err == nil && !chain.OK {
			err = fmt.Errorf("审计链校验未通过：%s", chain.Problem)
		}
		return err
	})
	res.Events = chain.Events
	m.timeOnce("verify.quick", "快速校验（审计链、记录、文件大小）/ quick verify", Check, "store.VerifyQuick, as at start-up", func() error {
		rep, err := st.VerifyQuick(context.Background())
		if err == nil && !rep.OK() {
			err = fmt.Errorf("快速校验未通过")
		}
		return err
	})
	if opts.Full {
		m.timeOnce("verify.full", "完整校验（含重新计算每个文件的哈希）/ whole verify", Info, "store.Verify", func() error {
			rep, err := st.Verify(context.Background(), nil)
			if err == nil && !rep.OK() {
				err = fmt.Errorf("完整校验未通过")
			}
			return err
		})
	}
	m.add(rssVerify.row("rss.verify", "校验时程序自身的内存峰值 / peak private memory while verifying", Memory))
	return res, m.err
}

// todoSources are the services that feed the home screen, as ui.todoSources lists them.
func todoSources(st *store.Store) []interface {
	Todos(office.Session) ([]domain.Todo, error)
} {
	return []interface {
		Todos(office.Session) ([]domain.Todo, error)
	}{office.New(st), calendar.New(st), publication.New(st), inspection.New(st), recording.New(st), publicity.New(st), record.New(st),
		review.New(st, record.New(st)), backup.New(st), report.New(st)}
}

// sampleCase picks a decided case from the middle of the store.
func sampleCase(st *store.Store, n int) (domain.Case, error) {
	page, err := st.Cases(store.CaseQuery{Before: uint64(n/2 + 1), Limit: 200,
		Match: func(c domain.Case) bool { return c.Decision.Decided() && c.Secrecy == domain.SecrecyNone }})
	if err != nil {
		return domain.Case{}, err
	}
	if len(page.Cases) == 0 {
		return domain.Case{}, domain.Errorf(domain.ENOTFOUND, "测试数据中没有已作出决定的案件。")
	}
	return page.Cases[0], nil
}

func expectHit(page store.CasePage, err error) error {
	if err == nil && len(page.Cases) == 0 {
		err = fmt.Errorf("搜索没有找到应有的案件")
	}
	return err
}

// meter runs measurements and keeps the first error.
type meter struct {
	opts RunOptions
	res  *Result
	err  error
}

func (m *meter) add(r Row) {
	m.res.Rows = append(m.res.Rows, r)
	if m.opts.Log != nil {
		m.opts.Log(fmt.Sprintf("%-40s %10s  %s", r.What, r.Format(), r.Note))
	}
}

// time runs fn Repeat times after one warm-up run and records the median.
func (m *meter) time(key, what string, kind Kind, note string, fn func() error) {
	m.run(key, what, kind, note, m.opts.Repeat, fn)
}

// timeOnce runs fn once (verification reads everything anyway).
func (m *meter) timeOnce(key, what string, kind Kind, note string, fn func() error) {
	m.run(key, what, kind, note, 1, fn)
}

func (m *meter) run(key, what string, kind Kind, note string, n int, fn func() error) {
	if m.err != nil {
		return
	}
	if n > 1 {
		if err := fn(); err != nil { // warm-up: the first look at the data after opening
			m.err = fmt.Errorf("%s：%w", what, err)
			return
		}
	}
	times, cpus := make([]float64, 0, n), make([]float64, 0, n)
	for range n {
		start, cpu := time.Now(), cpuSeconds()
		if err := fn(); err != nil {
			m.err = fmt.Errorf("%s：%w", what, err)
			return
		}
		times = append(times, time.Since(start).Seconds())
		cpus = append(cpus, cpuSeconds()-cpu)
	}
	slices.Sort(times)
	slices.Sort(cpus)
	m.add(Row{Key: key, What: what, Kind: kind, Unit: "s", Value: times[len(times)/2], CPU: cpus[len(cpus)/2], Runs: n, Note: note})
}

// rssSampler follows the resident memory of this process (VmRSS: heap and the pages of
// the database file mapped in) and keeps its peak.
type rssSampler struct {
	mu        sync.Mutex
	peak      float64
	peakAnon  float64
	stop      chan struct{}
	available bool
}

func startRSSSampler() *rssSampler {
	runtime.GC()
	debug.FreeOSMemory()
	s := &rssSampler{stop: make(chan struct{})}
	_, _, s.available = readRSS()
	go func() {
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			s.sample()
			select {
			case <-t.C:
			case <-s.stop:
				return
			}
		}
	}()
	return s
}

func (s *rssSampler) sample() {
	total, anon, ok := readRSS()
	if !ok {
		return
	}
	s.mu.Lock()
	s.peak, s.peakAnon = max(s.peak, total), max(s.peakAnon, anon)
	s.mu.Unlock()
}

func (s *rssSampler) row(key, what string, kind Kind) Row {
	close(s.stop)
	s.sample()
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.available {
		return Row{Key: key, What: what, Kind: Info, Unit: "MB", Note: "不支持 / not available on " + runtime.GOOS}
	}
	return Row{Key: key, What: what, Kind: kind, Unit: "MB", Value: s.peakAnon, Runs: 1,
		Note: fmt.Sprintf("程序自身（堆和栈，RssAnon）的峰值；连同读过的数据库文件页（系统缓存）共 %.0f MB / private memory (heap and stacks); %.0f MB with the database file pages read (page cache)", s.peak, s.peak)}
}

// readRSS reads VmRSS and RssAnon of this process in MB (Linux).
func readRSS() (total, anon float64, ok bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "VmRSS:":
			total, ok = kb/1024, true
		case "RssAnon:":
			anon = kb / 1024
		}
	}
	return total, anon, ok
}
