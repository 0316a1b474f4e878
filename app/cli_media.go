package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"golang.org/x/term"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/recording"
	"lawdesk/internal/store"
)

func init() {
	register(command{name: "import-media", usage: "--data DIR --user NAME [--case NO --stage S] [--clear] SRC",
		summary: "导入执法记录仪等设备的音像记录 / import body-camera footage, photos and sound from a folder", run: runImportMedia})
}

func runImportMedia(args []string, out io.Writer) error {
	c := commands["import-media"]
	fs, data := newFlags(c, out)
	user := fs.String("user", "", "您的用户名（密码取自 LAWDESK_PASSWORD 或提示输入）/ your user name")
	caseNo := fs.String("case", "", "关联到的案件编号，如 青市监处罚〔2026〕12号 / case number to attach the new recordings to")
	stage := fs.String("stage", "", "案件环节，如 现场检查 / the case's stage (with --case)")
	clear := fs.Bool("clear", false, "核对库中副本无误后删除记录仪上的文件（默认不删除）/ delete each source file after its stored copy is verified (off by default)")
	src, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if src == "" {
		fmt.Fprintln(out, "请指定要导入的文件夹（例如记录仪的盘符或挂载目录）。/ Give the folder to import.")
		fs.Usage()
		return errUsage
	}
	if (*caseNo == "") != (*stage == "") {
		return domain.Errorf(domain.EINVALID, "--case 和 --stage 要一起使用：关联案件时必须指明环节（如 现场检查）。/ --case and --stage go together.")
	}
	st, err := store.Open(*data, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	sess, err := authenticate(st, *user)
	if err != nil {
		return err
	}
	svc := recording.New(st)
	req := recording.ImportRequest{Root: src, ClearSource: *clear}
	if *caseNo != "" {
		c, err := svc.CaseByNumber(sess, *caseNo)
		if err != nil {
			return err
		}
		s, err := domain.ParseStage(*stage)
		if err != nil {
			return err
		}
		req.Labels = &domain.RecordingLabels{CaseID: c.ID, Stage: s}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	progress := terminalProgress()
	fmt.Fprintf(out, "正在扫描 %s …\n", src)
	req.Items, err = svc.Scan(ctx, src, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "找到 %d 个音像文件，开始导入。\n", len(req.Items))
	sum, err := svc.Import(ctx, sess, req, progress)
	if progress != nil {
		fmt.Fprintln(os.Stderr)
	}
	fmt.Fprint(out, sum.Text())
	return err
}

// terminalProgress prints one updating progress line on a terminal (nil otherwise, so
// scripts get only the summary).
func terminalProgress() func(recording.Progress) {
	if !term.IsTerminal(int(os.Stderr.Fd())) {
		return nil
	}
	var last time.Time
	return func(p recording.Progress) {
		if time.Since(last) < time.Second && p.FilesDone < p.FilesTotal {
			return
		}
		last = time.Now()
		fmt.Fprintf(os.Stderr, "\r%s", ProgressLine(p))
	}
}

// ProgressLine is the progress of an import in one line of Chinese.
func ProgressLine(p recording.Progress) string {
	left := "估算中"
	if p.Remaining >= 0 {
		left = "约 " + p.Remaining.Round(time.Second).String()
	}
	return fmt.Sprintf("已完成 %d/%d 个文件，%.0f/%.0f MB，%.1f MB/秒，剩余 %s   ",
		p.FilesDone, p.FilesTotal, float64(p.BytesDone)/1e6, float64(p.BytesTotal)/1e6, p.Speed/1e6, left)
}

// parseInterspersed parses flags that may come before or after the one positional
// argument (lawdesk import-media E:\ --data D --user U works as well as the usual order).
func parseInterspersed(fs *flag.FlagSet, args []string) (string, error) {
	var pos []string
	for {
		if err := parse(fs, args); err != nil {
			return "", err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	switch len(pos) {
	case 0:
		return "", nil
	case 1:
		return pos[0], nil
	}
	return "", domain.Errorf(domain.EINVALID, "只能指定一个要导入的文件夹，现在有 %d 个：%s。路径中有空格时请加引号。", len(pos), strings.Join(pos, "、"))
}

func init() {
	registerBench(benchmark{name: "import", usage: "[--work DIR] [--rounds N] [--cold] SRC",
		summary: "导入 SRC 与 cp -r + sync、sha256sum 并排计时 / time importing SRC side by side with cp -r + sync and sha256sum",
		run:     runBenchImport})
}

// runBenchImport times, in one run and alternating their order, `cp -r SRC` + `sync`,
// `sha256sum` of every file, and LawDesk's import of SRC into a new data directory, and
// reports the ratios and the import's peak memory.
func runBenchImport(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("lawdesk bench import", flag.ContinueOnError)
	fs.SetOutput(out)
	work := fs.String("work", "", "放置副本的临时目录（默认在系统临时目录下；应与数据目录在同一磁盘）/ scratch directory")
	rounds := fs.Int("rounds", 3, "轮数 / rounds")
	cold := fs.Bool("cold", false, "每次计时前清空系统文件缓存（需要 root）/ drop the page cache before each timing (root)")
	src, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if src == "" || *rounds < 1 {
		fs.Usage()
		return errUsage
	}
	if *work == "" {
		if *work, err = os.MkdirTemp("", "lawdesk-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(*work)
	}
	var files []string
	var total int64
	err = filepath.WalkDir(src, func(p string, d iofs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err == nil && fi.Mode().IsRegular() {
			files = append(files, p)
			total += fi.Size()
		}
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "源文件夹 / source: %s — %d 个文件，%.2f GB；%d 轮；缓存 / page cache: %s\n",
		src, len(files), float64(total)/1e9, *rounds, map[bool]string{true: "每次清空 / dropped", false: "预热 / warm"}[*cold])
	settle := func() error {
		if err := exec.Command("sync").Run(); err != nil {
			return err
		}
		if *cold {
			return os.WriteFile("/proc/sys/vm/drop_caches", []byte("3\n"), 0)
		}
		return nil
	}
	if !*cold {
		for _, f := range files { // read everything once, so every timing starts from the same cache
			if fh, err := os.Open(f); err == nil {
				io.Copy(io.Discard, fh)
				fh.Close()
			}
		}
	}
	timeIt := func(f func() error) (time.Duration, error) {
		if err := settle(); err != nil {
			return 0, err
		}
		t := time.Now()
		err := f()
		return time.Since(t), err
	}
	sess := office.Session{User: domain.User{Name: "bench", Roles: []domain.Role{domain.RoleOfficer}}}
	var cps, sums, imports []time.Duration
	for r := 0; r < *rounds; r++ {
		cpDir, dataDir := filepath.Join(*work, fmt.Sprintf("cp-%d", r)), filepath.Join(*work, fmt.Sprintf("data-%d", r))
		cp := func() error {
			if out, err := exec.Command("cp", "-r", src, cpDir).CombinedOutput(); err != nil {
				return fmt.Errorf("cp: %v: %s", err, out)
			}
			return exec.Command("sync").Run()
		}
		imp := func() error {
			st, err := store.Open(dataDir, store.Options{})
			if err != nil {
				return err
			}
			defer st.Close()
			svc := recording.New(st)
			items, err := svc.Scan(context.Background(), src, nil)
			if err != nil {
				return err
			}
			sum, err := svc.Import(context.Background(), sess, recording.ImportRequest{Root: src, Items: items}, nil)
			if err == nil && len(sum.Imported) == 0 {
				err = fmt.Errorf("nothing imported:\n%s", sum.Text())
			}
			return err
		}
		hash := func() error {
			cmd := exec.Command("sha256sum", files...)
			cmd.Stdout = io.Discard
			return cmd.Run()
		}
		steps := []struct {
			name string
			f    func() error
			into *[]time.Duration
		}{{"cp -r + sync", cp, &cps}, {"lawdesk import", imp, &imports}}
		if r%2 == 1 {
			steps[0], steps[1] = steps[1], steps[0]
		}
		steps = append(steps, struct {
			name string
			f    func() error
			into *[]time.Duration
		}{"sha256sum", hash, &sums})
		for _, s := range steps {
			d, err := timeIt(s.f)
			if err != nil {
				return fmt.Errorf("%s: %w", s.name, err)
			}
			*s.into = append(*s.into, d)
			fmt.Fprintf(out, "  第 %d 轮 / round %d  %-15s %6.2f s  %6.0f MB/s\n", r+1, r+1, s.name, d.Seconds(), float64(total)/1e6/d.Seconds())
		}
		os.RemoveAll(cpDir)
		os.RemoveAll(dataDir)
	}
	cp, imp, hash := median(cps), median(imports), median(sums)
	fmt.Fprintf(out, "\n中位数 / median: cp -r + sync %.2f s, sha256sum %.2f s, import %.2f s\n", cp.Seconds(), hash.Seconds(), imp.Seconds())
	fmt.Fprintf(out, "import ÷ (cp -r + sync) = %.2f（要求 ≤ 1.3 / must be ≤ 1.3）\n", imp.Seconds()/cp.Seconds())
	fmt.Fprintf(out, "import ÷ (cp -r + sync + sha256sum) = %.2f\n", imp.Seconds()/(cp+hash).Seconds())
	if rss := peakRSS(); rss > 0 {
		fmt.Fprintf(out, "峰值内存 / peak resident memory of this process: %.0f MB（要求 < 150 MB）\n", float64(rss)/1e6)
	}
	return nil
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// peakRSS is this process's peak resident memory in bytes (Linux; 0 elsewhere).
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(rest), "%d", &kb)
			return kb * 1024
		}
	}
	return 0
}
