package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"lawdesk/internal/domain"
)

// `lawdesk print <target>` and `lawdesk export <target>` are one subcommand each that
// dispatch on their first argument. Each capability adds its targets in its own file with
// registerPrint or registerExport (print card, print list, print dossier, export list, …).

// target is one thing print or export can produce.
type target struct {
	name    string // card, list, …
	usage   string // arguments after "lawdesk print card"
	summary string // Chinese / English one-liner
	run     func(args []string, out io.Writer) error
}

var printTargets = map[string]target{}

// registerPrint adds a target to `lawdesk print` (app/cli_export.go: registerExport).
func registerPrint(t target) {
	if _, dup := printTargets[t.name]; dup {
		panic("print target registered twice: " + t.name)
	}
	printTargets[t.name] = t
}

func init() {
	register(command{name: "print", usage: "<对象> [参数]",
		summary: "打印为 PDF 文件（lawdesk print -h 列出可打印的对象）/ print to a PDF file",
		run:     func(args []string, out io.Writer) error { return dispatch("print", printTargets, args, out) }})
}

// dispatch runs the target named by args[0], or lists the targets.
func dispatch(verb string, targets map[string]target, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" || args[0] == "help" {
		listTargets(verb, targets, out)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	t, ok := targets[args[0]]
	if !ok {
		fmt.Fprintf(out, "“%s”不是可以%s的对象。/ Unknown target %q.\n\n", args[0], map[string]string{"print": "打印", "export": "导出"}[verb], args[0])
		listTargets(verb, targets, out)
		return errUsage
	}
	return t.run(args[1:], out)
}

func listTargets(verb string, targets map[string]target, out io.Writer) {
	fmt.Fprintf(out, "用法 / Usage: lawdesk %s <对象> [参数]\n\n对象 / Targets:\n", verb)
	names := make([]string, 0, len(targets))
	for n := range targets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t := targets[n]
		fmt.Fprintf(out, "  lawdesk %s %s %s\n      %s\n", verb, n, t.usage, t.summary)
	}
	fmt.Fprintf(out, "\n每个对象都支持 -h 查看参数。/ Each target takes -h.\n")
}

// targetCommand makes a command value for newFlags, so a target's -h reads
// "lawdesk print card …".
func targetCommand(verb string, t target) command {
	return command{name: verb + " " + t.name, usage: t.usage, summary: t.summary}
}

// parseInterleaved parses flags that may come before or after positional arguments
// (lawdesk print list matters --out x.pdf, or --out x.pdf matters).
func parseInterleaved(fs interface {
	Parse([]string) error
	Args() []string
}, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos, args = append(pos, args[0]), args[1:]
	}
}

// writeOutput writes a produced file atomically: into a temporary file beside path,
// renamed when complete, so a failure never leaves half a file or overwrites a good one.
func writeOutput(path string, produce func(w io.Writer) error) error {
	if strings.TrimSpace(path) == "" {
		return domain.Errorf(domain.EINVALID, "请用 --out 指定要保存的文件。/ --out is required.")
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".lawdesk-*"+filepath.Ext(path))
	if err != nil {
		return domain.Wrap(err, domain.EINVALID, "无法在 %s 中创建文件：请检查目录是否存在、是否有写入权限。", dir)
	}
	defer os.Remove(tmp.Name())
	if err := produce(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return domain.Wrap(err, domain.EINVALID, "无法写入 %s：磁盘可能已满。", path)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return domain.Wrap(err, domain.EINVALID, "无法保存 %s：文件可能正被其他程序打开。", path)
	}
	return nil
}
