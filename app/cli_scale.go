package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"lawdesk/internal/bench"
	"lawdesk/internal/domain"
)

// The county-sized store: `lawdesk bench generate` makes it, `lawdesk bench run` measures
// what people wait for on it (README, Performance).
func init() {
	registerBench(benchmark{name: "generate", usage: "--data DIR --cases N [--seed S] [--until DATE] [--per-year N]",
		summary: "生成县级规模的测试数据 / generate a county-sized test store", run: runBenchGenerate})
}

func runBenchGenerate(args []string, out io.Writer) error {
	c := command{name: "bench generate", usage: benchmarks["generate"].usage, summary: benchmarks["generate"].summary}
	fs, data := newFlags(c, out)
	cases := fs.Int("cases", 10_000, "案件数 / number of cases")
	seed := fs.Uint64("seed", 1, "随机种子：相同的种子生成相同的数据 / seed: the same seed gives the same store")
	until := fs.String("until", bench.DefaultUntil.String(), "数据截止日期（生成单位的“今天”）/ the generated office's today")
	perYear := fs.Int("per-year", bench.DefaultPerYear, "每年案件数 / cases a year")
	password := fs.String("password", bench.DefaultPassword, "所有账户的密码 / every account's password")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError(fs, "多余的参数 / unexpected arguments: %v", fs.Args())
	}
	day, err := domain.ParseDate(*until)
	if err != nil {
		return err
	}
	if *cases < 1 || *cases > 10_000_000 {
		return domain.Errorf(domain.EINVALID, "--cases 应在 1 到 10000000 之间。")
	}
	last := time.Now()
	sum, err := bench.Generate(*data, bench.Options{Cases: *cases, Seed: *seed, Until: day, PerYear: *perYear, Password: *password,
		Progress: func(done, total int) {
			if time.Since(last) > 5*time.Second || done == total {
				last = time.Now()
				fmt.Fprintf(out, "  已登记 %d / %d 件 / registered\n", done, total)
			}
		}})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "已生成测试数据 / generated %s in %s:\n  案件 cases %d · 审计事件 events %d · 公开 publications %d · 文书 documents %d · 音像记录 recordings %d · 法制审核 reviews: 送审 %d 次、意见 %d 份 · 执法人员 officers %d · 事项 matters %d\n  数据库 database %.1f MB\n  所有账户密码 / every account's password: %s\n",
		*data, sum.Elapsed.Round(time.Second), sum.Cases, sum.Events, sum.Publications, sum.Documents, sum.Recordings, sum.Submissions, sum.Opinions, sum.Officers, sum.Matters,
		float64(sum.DBBytes)/1e6, *password)
	return nil
}

// usageError prints a command-line mistake with the usage and returns errUsage.
func usageError(fs *flag.FlagSet, format string, args ...any) error {
	fmt.Fprintf(fs.Output(), format+"\n", args...)
	fs.Usage()
	return errUsage
}

func init() {
	registerBench(benchmark{name: "run", usage: "--data DIR [--data DIR2 …] [--repeat N] [--full] [--no-window]",
		summary: "在测试数据上测量启动、查询、校验和内存 / measure start-up, queries, verification and memory", run: runBenchRun})
}

// dirList is a repeatable --data flag.
type dirList []string

func (d *dirList) String() string     { return strings.Join(*d, ",") }
func (d *dirList) Set(v string) error { *d = append(*d, v); return nil }

func runBenchRun(args []string, out io.Writer) error {
	c := command{name: "bench run", usage: benchmarks["run"].usage, summary: benchmarks["run"].summary}
	fs := flag.NewFlagSet("lawdesk bench run", flag.ContinueOnError)
	fs.SetOutput(out)
	var dirs dirList
	fs.Var(&dirs, "data", "测试数据目录，可重复以比较两个规模 / a generated store; repeat to compare sizes")
	repeat := fs.Int("repeat", 7, "每项查询测量的次数（取中位数）/ runs of each query (the median is shown)")
	full := fs.Bool("full", false, "同时完整校验（重新计算每个文件的哈希）/ also re-hash every stored file")
	noWindow := fs.Bool("no-window", false, "不测量启动窗口 / skip the start-up window")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "用法 / Usage: lawdesk %s %s\n  %s\n\n参数 / Flags:\n", c.name, c.usage, c.summary)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if len(dirs) == 0 || fs.NArg() > 0 {
		return usageError(fs, "请用 --data 指定由 lawdesk bench generate 生成的数据目录。/ --data is required.")
	}
	var results []bench.Result
	for _, dir := range dirs {
		fmt.Fprintf(out, "测量 / measuring %s …\n", dir)
		opts := bench.RunOptions{Repeat: *repeat, Full: *full, Log: func(line string) { fmt.Fprintln(out, "  "+line) }}
		if !*noWindow {
			opts.Startup = measureStartup
		}
		res, err := bench.Run(dir, opts)
		if err != nil {
			return err
		}
		results = append(results, res)
	}
	fmt.Fprintln(out)
	bench.WriteTable(out, results, machine())
	return nil
}

// machine describes the computer the figures come from.
func machine() string {
	cpu := ""
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if name, ok := strings.CutPrefix(line, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
				break
			}
		}
	}
	return fmt.Sprintf("%s/%s, %d CPU %s, %s", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cpu, runtime.Version())
}

// measureStartup starts this very program on dir, as a person double-clicking it would, and
// times it until the login window is on the screen (found with xdotool). Without a display
// it starts a virtual one (Xvfb) for the measurement. The median of three starts is kept,
// with the resident memory of the last one once the window shows.
func measureStartup(dir string) (bench.StartupResult, error) {
	var res bench.StartupResult
	if _, err := exec.LookPath("xdotool"); err != nil {
		return res, domain.Errorf(domain.EINVALID, "测量启动时间需要 xdotool（apt-get install xdotool），或加 --no-window 跳过。")
	}
	env := os.Environ()
	res.How = "real window on DISPLAY " + os.Getenv("DISPLAY")
	if os.Getenv("DISPLAY") == "" {
		display, stop, err := startXvfb()
		if err != nil {
			return res, err
		}
		defer stop()
		env = append(env, "DISPLAY="+display, "LIBGL_ALWAYS_SOFTWARE=1")
		res.How = "real window, Xvfb " + display + ", software OpenGL"
	}
	exe, err := os.Executable()
	if err != nil {
		return res, err
	}
	var times []time.Duration
	for range 3 {
		d, rss, private, err := startOnce(exe, dir, env)
		if err != nil {
			return res, err
		}
		times, res.RSS, res.Private = append(times, d), rss, private
	}
	slices.Sort(times)
	res.Time = times[1]
	res.How += ", median of 3"
	return res, nil
}

func startOnce(exe, dir string, env []string) (time.Duration, float64, float64, error) {
	cmd := exec.Command(exe, "--data", dir)
	cmd.Env = env
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, 0, err
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}()
	for time.Since(start) < time.Minute {
		search := exec.Command("xdotool", "search", "--onlyvisible", "--pid", strconv.Itoa(cmd.Process.Pid), "--name", "LawDesk")
		search.Env = env
		if out, err := search.Output(); err == nil && len(strings.TrimSpace(string(out))) > 0 {
			d := time.Since(start)
			time.Sleep(2 * time.Second) // let the start-up verification run before reading memory
			rss, private := processMemory(cmd.Process.Pid)
			return d, rss, private, nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return 0, 0, 0, fmt.Errorf("一分钟内没有出现 LawDesk 窗口")
}

// processMemory reads the resident memory of a process in MB (Linux): in all (VmRSS) and
// its private part (RssAnon); 0 when unknown.
func processMemory(pid int) (rss, private float64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "VmRSS:":
			rss = kb / 1024
		case "RssAnon:":
			private = kb / 1024
		}
	}
	return rss, private
}

// startXvfb starts a virtual display on a free number and returns it with its stop function.
func startXvfb() (string, func(), error) {
	if _, err := exec.LookPath("Xvfb"); err != nil {
		return "", nil, domain.Errorf(domain.EINVALID, "没有显示器，也没有 Xvfb（apt-get install xvfb），无法测量启动时间；可加 --no-window 跳过。")
	}
	n := 120
	for ; n < 200; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err != nil {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err != nil {
				break
			}
		}
	}
	display := fmt.Sprintf(":%d", n)
	x := exec.Command("Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp")
	if err := x.Start(); err != nil {
		return "", nil, err
	}
	for range 50 {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	return display, func() { x.Process.Kill(); x.Wait() }, nil
}
