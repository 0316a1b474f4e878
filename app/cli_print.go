package main

import (
	"fmt"
	"io"
	"sort"
)

// `lawdesk print KIND …` prints one kind of document as PDF. Each capability registers its
// kinds with registerPrint from its own cli_<area>.go (review-opinion, dossier, card, list…).

var printKinds = map[string]command{}

// registerPrint adds a kind of `lawdesk print`; c.name is the kind, e.g. review-opinion.
func registerPrint(c command) { printKinds[c.name] = c }

func init() {
	// This replaces the stand-in `print` of cli_inspection.go (whose init runs first).
	register(command{name: "print", usage: "KIND --data DIR … --out FILE.pdf",
		summary: "打印文书为 PDF / print a document as PDF (lawdesk print -h lists the kinds)", run: runPrint})
	registerPrint(command{name: "flowchart", usage: "NAME --data DIR --out FILE.pdf|png",
		summary: "执法流程图（PDF 打印用，PNG 网站用）/ a procedure flowchart", run: printFlowchart})
}

func runPrint(args []string, out io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		printUsage(out)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	k, ok := printKinds[args[0]]
	if !ok {
		fmt.Fprintf(out, "不认识的文书种类“%s”。/ Unknown kind %q.\n\n", args[0], args[0])
		printUsage(out)
		return errUsage
	}
	return k.run(args[1:], out)
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "用法 / Usage: lawdesk print KIND [参数 / flags]\n\n文书种类 / kinds:")
	names := make([]string, 0, len(printKinds))
	for n := range printKinds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-18s %s\n", n, printKinds[n].summary)
	}
	fmt.Fprintln(w, "\n每种文书都支持 -h 查看帮助。/ Every kind takes -h for help.")
}
