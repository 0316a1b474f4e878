package main

import "io"

// `lawdesk export <target>`: one subcommand that dispatches on its first argument (see
// app/cli_print.go). Each capability registers its targets in its own file.

var exportTargets = map[string]target{}

// registerExport adds a target to `lawdesk export`.
func registerExport(t target) {
	if _, dup := exportTargets[t.name]; dup {
		panic("export target registered twice: " + t.name)
	}
	exportTargets[t.name] = t
}

func init() {
	register(command{name: "export", usage: "<对象> [参数]",
		summary: "导出数据（lawdesk export -h 列出可导出的对象）/ export data",
		run:     func(args []string, out io.Writer) error { return dispatch("export", exportTargets, args, out) }})
}
