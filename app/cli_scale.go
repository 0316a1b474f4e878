package main

import (
	"flag"
	"fmt"
	"io"
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
	fmt.Fprintf(out, "已生成测试数据 / generated %s in %s:\n  案件 cases %d · 审计事件 events %d · 公开 publications %d · 执法人员 officers %d · 事项 matters %d\n  数据库 database %.1f MB\n  所有账户密码 / every account's password: %s\n",
		*data, sum.Elapsed.Round(time.Second), sum.Cases, sum.Events, sum.Publications, sum.Officers, sum.Matters,
		float64(sum.DBBytes)/1e6, *password)
	return nil
}

// usageError prints a command-line mistake with the usage and returns errUsage.
func usageError(fs *flag.FlagSet, format string, args ...any) error {
	fmt.Fprintf(fs.Output(), format+"\n", args...)
	fs.Usage()
	return errUsage
}
