// Command lawdesk is LawDesk (行政执法三项制度工作台): with no argument it opens the desktop
// window; with a subcommand it does one job for administrators and scripts. This package
// only parses flags, opens the store, builds the services and hands over to them.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"

	"lawdesk/internal/domain"
)

// version is set by packaging/build.sh from FyneApp.toml (-ldflags -X main.version=…).
var version = ""

// Version is the release, or a development marker for `go run` builds.
func Version() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// command is one subcommand.
type command struct {
	name    string
	usage   string // arguments after the name
	summary string // Chinese / English one-liner
	run     func(args []string, out io.Writer) error
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

func main() {
	attachConsole()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches and turns errors into an exit code and a message people can act on.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help" && args[0] != "-help" {
		return exitCode(runGUI(args), stderr)
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "-help" || name == "help" {
		usage(stdout)
		return 0
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "未知的子命令“%s”。/ Unknown subcommand %q.\n\n", name, name)
		usage(stderr)
		return 2
	}
	return exitCode(c.run(args[1:], stdout), stderr)
}

// errUsage marks a bad command line; flag has already printed the details.
var errUsage = errors.New("usage")

// errFailed marks a check that ran but did not pass; the report has been printed.
var errFailed = errors.New("failed")

func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errFailed):
		return 1
	}
	fmt.Fprintln(stderr, "错误 / Error: "+domain.ErrorMessage(err))
	if domain.ErrorCode(err) == domain.EINTERNAL {
		fmt.Fprintln(stderr, "详细信息 / Details: "+err.Error())
	}
	return 1
}

func usage(w io.Writer) {
	fmt.Fprintf(w, `LawDesk %s — 行政执法三项制度工作台 / administrative law enforcement desk

用法 / Usage:
  lawdesk [--data DIR]            打开桌面程序 / open the desktop window
  lawdesk <子命令> [参数]          运行子命令 / run a subcommand

子命令 / Subcommands:
`, Version())
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  %-16s %s\n", n, c.summary)
	}
	fmt.Fprintf(w, "\n每个子命令都支持 -h 查看帮助。/ Every subcommand takes -h for help.\n数据目录 / data directory: %s\n", dataDir())
}

// newFlags makes a flag set whose -h help is bilingual and shows the data directory flag.
func newFlags(c command, out io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("lawdesk "+c.name, flag.ContinueOnError)
	fs.SetOutput(out)
	data := fs.String("data", dataDir(), "数据目录 / data directory")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "用法 / Usage: lawdesk %s %s\n  %s\n\n参数 / Flags:\n", c.name, c.usage, c.summary)
		fs.PrintDefaults()
	}
	return fs, data
}

// parse parses flags, mapping a bad command line to errUsage.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

// defaultDataDir is the standard place of LawDesk's data (see dataDir for the one in use):
// %APPDATA%\LawDesk on Windows, ~/Library/Application Support/LawDesk on macOS,
// $XDG_DATA_HOME/lawdesk (~/.local/share/lawdesk) elsewhere.
func defaultDataDir() string {
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("APPDATA"); d != "" {
			return filepath.Join(d, "LawDesk")
		}
	case "darwin":
		if d, err := os.UserConfigDir(); err == nil {
			return filepath.Join(d, "LawDesk")
		}
	default:
		if d := os.Getenv("XDG_DATA_HOME"); d != "" {
			return filepath.Join(d, "lawdesk")
		}
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, ".local", "share", "lawdesk")
		}
	}
	return "lawdesk-data"
}
