package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"golang.org/x/term"

	"lawdesk/internal/demo"
	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

func init() {
	register(command{name: "version", summary: "显示版本 / print the version", run: runVersion})
	register(command{name: "demo", usage: "--data DIR [--password PW]",
		summary: "在空目录中建立演示单位 / create the demo office in an empty directory", run: runDemo})
	register(command{name: "verify", usage: "--data DIR",
		summary: "校验文件存储和审计链 / verify stored files and the audit chain", run: runVerify})
}

func runVersion(args []string, out io.Writer) error {
	c := commands["version"]
	fs, _ := newFlags(c, out)
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(out, "LawDesk %s（行政执法三项制度工作台）\n数据版本 / schema %d · %s %s/%s\n",
		Version(), store.SchemaVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}

func runDemo(args []string, out io.Writer) error {
	c := commands["demo"]
	fs, data := newFlags(c, out)
	password := fs.String("password", "", "所有演示账户的密码（不填则随机生成并显示）/ password for every demo account (generated when empty)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireEmptyDir(*data); err != nil {
		return err
	}
	st, err := store.Open(*data, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := demo.Create(st, *password)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "已建立演示单位“%s”。/ Demo office created in %s\n\n账户 / accounts:\n", demo.Agency.Name, *data)
	for _, u := range res.Users {
		fmt.Fprintf(out, "  %-10s %-6s %s\n", u.Name, u.FullName, domain.RoleLabels(u.Roles))
	}
	fmt.Fprintf(out, "\n所有演示账户的密码 / password of every demo account: %s\n", res.Password)
	return nil
}

// requireEmptyDir refuses to put a demo office over existing files.
func requireEmptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		return domain.Wrap(err, domain.EINVALID, "无法读取目录 %s。", dir)
	}
	if len(entries) > 0 {
		return domain.Errorf(domain.EINVALID, "目录 %s 不是空的。演示单位只能建在新的空目录里，以免覆盖已有数据。/ The directory is not empty.", dir)
	}
	return nil
}

func runVerify(args []string, out io.Writer) error {
	c := commands["verify"]
	fs, data := newFlags(c, out)
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := store.Open(*data, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := st.Verify(context.Background(), nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "LawDesk 数据校验 / verification: %s\n\n", *data)
	printReport(out, rep)
	if !rep.OK() {
		fmt.Fprintln(out, "\n校验未通过。请不要继续修改数据，联系管理员从备份恢复。/ Verification FAILED.")
		return errFailed
	}
	fmt.Fprintln(out, "\n全部校验通过。/ All checks passed.")
	return nil
}

// printReport writes the checks of a verification, one line each with its problems.
func printReport(out io.Writer, rep store.Report) {
	for _, ch := range rep.Checks {
		mark := "通过 / OK"
		if len(ch.Problems) > 0 {
			mark = fmt.Sprintf("发现 %d 个问题 / %d problem(s)", len(ch.Problems), len(ch.Problems))
		}
		fmt.Fprintf(out, "[%s] %s（%s）\n", mark, ch.Name, ch.Summary)
		for _, p := range ch.Problems {
			fmt.Fprintf(out, "    - %s\n", p)
		}
	}
}

// authenticate signs in the user named by --user with the password from LAWDESK_PASSWORD
// or a prompt, so that commands that change or export data record who ran them.
func authenticate(st *store.Store, user string) (office.Session, error) {
	if strings.TrimSpace(user) == "" {
		return office.Session{}, domain.Errorf(domain.EINVALID, "这个命令会修改或导出数据，请用 --user 指定您的用户名。/ --user is required.")
	}
	pw, ok := os.LookupEnv("LAWDESK_PASSWORD")
	if !ok {
		var err error
		if pw, err = promptPassword(user); err != nil {
			return office.Session{}, err
		}
	}
	return office.New(st).Login(user, pw)
}

func promptPassword(user string) (string, error) {
	fmt.Fprintf(os.Stderr, "请输入 %s 的密码 / password for %s: ", user, user)
	if term.IsTerminal(int(os.Stdin.Fd())) {
		b, err := term.ReadPassword(int(os.Stdin.Fd()))
		fmt.Fprintln(os.Stderr)
		return string(b), err
	}
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", domain.Errorf(domain.EINVALID, "没有读到密码。请设置环境变量 LAWDESK_PASSWORD 或在终端中运行。")
	}
	return strings.TrimRight(line, "\r\n"), nil
}
