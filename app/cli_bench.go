package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// A whole-workload benchmark: `lawdesk bench NAME [flags]`. Each capability registers
// its workloads with registerBench; the results go in README's Performance section.
type benchmark struct {
	name    string
	usage   string
	summary string
	run     func(args []string, out io.Writer) error
}

var benchmarks = map[string]benchmark{}

func registerBench(b benchmark) { benchmarks[b.name] = b }

func init() {
	register(command{name: "bench", usage: "NAME [参数 / flags]",
		summary: "测量整体性能（结果写入 README）/ measure whole workloads", run: runBench})
}

func runBench(args []string, out io.Writer) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		names := make([]string, 0, len(benchmarks))
		for n := range benchmarks {
			names = append(names, n)
		}
		sort.Strings(names)
		fmt.Fprintln(out, "用法 / Usage: lawdesk bench NAME [flags]\n\n可测项目 / workloads:")
		for _, n := range names {
			b := benchmarks[n]
			fmt.Fprintf(out, "  %-10s %s\n             lawdesk bench %s %s\n", n, b.summary, n, b.usage)
		}
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			return nil
		}
		return errUsage
	}
	b, ok := benchmarks[args[0]]
	if !ok {
		fmt.Fprintf(out, "没有名为“%s”的测量项目。/ No workload %q.\n", args[0], args[0])
		return errUsage
	}
	return b.run(args[1:], out)
}
