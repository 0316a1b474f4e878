package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/publicity"
	"lawdesk/internal/store"
)

func init() {
	registerPrint(target{name: "card", usage: "--data DIR (--all | --window 名称) [--size A4|A5] --out FILE.pdf",
		summary: "打印岗位信息公示牌，每个窗口一页 / posting-board cards, one window per page", run: runPrintCard})
	registerPrint(target{name: "list", usage: "NAME --data DIR --out FILE.pdf [--version N | --draft --user NAME]",
		summary: "打印公示清单（NAME：" + listNames() + "）/ a published list", run: runPrintList})
	registerExport(target{name: "list", usage: "NAME --data DIR --format xlsx|csv --out FILE --user NAME",
		summary: "导出公示清单的全部条目，可修改后再导入 / every entry of a list, to edit and import again", run: runExportList})
	registerExport(target{name: "template", usage: "NAME --format xlsx|csv --out FILE",
		summary: "导出公示清单的导入模板 / the import template of a list", run: runExportTemplate})
}

func listNames() string {
	var names []string
	for _, k := range domain.AllListKinds {
		names = append(names, string(k))
	}
	return strings.Join(names, "、")
}

// publicSession prints what is public without signing in; the audit chain records the
// print as made from the command line.
var publicSession = office.Session{User: domain.User{Name: "(命令行)", FullName: "命令行（未登录）"}}

// openForPublicity opens the store and signs in when user is given.
func openForPublicity(data, user string, needUser bool) (*store.Store, office.Session, error) {
	if needUser && strings.TrimSpace(user) == "" {
		return nil, office.Session{}, domain.Errorf(domain.EINVALID, "这个命令会导出未公开的内容，请用 --user 指定您的用户名（密码来自 LAWDESK_PASSWORD 或提示输入）。/ --user is required.")
	}
	st, err := store.Open(data, store.Options{})
	if err != nil {
		return nil, office.Session{}, err
	}
	sess := publicSession
	if strings.TrimSpace(user) != "" {
		if sess, err = authenticate(st, user); err != nil {
			st.Close()
			return nil, office.Session{}, err
		}
	}
	return st, sess, nil
}

func runPrintCard(args []string, out io.Writer) error {
	c := targetCommand("print", printTargets["card"])
	fs, data := newFlags(c, out)
	all := fs.Bool("all", false, "打印全部窗口 / every window")
	window := fs.String("window", "", "只打印名称或姓名包含这段文字的窗口 / only windows whose name or staff contains this")
	size := fs.String("size", "A4", "纸张：A4（纵向）或 A5（横向）/ paper: A4 portrait or A5 landscape")
	outPath := fs.String("out", "", "保存的 PDF 文件 / the PDF file to write")
	user := fs.String("user", "", "用户名（可不填）/ user name (optional)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !*all && strings.TrimSpace(*window) == "" {
		return domain.Errorf(domain.EINVALID, "请用 --all 打印全部窗口，或用 --window 指定窗口（名称或姓名中的文字）。/ Give --all or --window.")
	}
	paper, err := publicity.CardSize(*size)
	if err != nil {
		return err
	}
	st, sess, err := openForPublicity(*data, *user, false)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := publicity.New(st)
	windows, err := st.Windows()
	if err != nil {
		return err
	}
	var ids []uint64
	var names []string
	for _, w := range windows {
		if *all || strings.Contains(w.Name, *window) || strings.Contains(w.Staff, *window) {
			ids = append(ids, w.ID)
			names = append(names, w.Name+"（"+w.Staff+"）")
		}
	}
	if len(ids) == 0 {
		if len(windows) == 0 {
			return domain.Errorf(domain.EINVALID, "还没有服务窗口。请先在“公示 → 岗位信息公示牌”中添加窗口。/ No windows yet.")
		}
		return domain.Errorf(domain.EINVALID, "没有名称或姓名包含“%s”的窗口。/ No window matches.", *window)
	}
	if err := writeOutput(*outPath, func(w io.Writer) error { return svc.PrintCards(sess, w, ids, paper, nil) }); err != nil {
		return err
	}
	fmt.Fprintf(out, "已生成 %d 张岗位信息公示牌（%s）：%s\n", len(ids), strings.ToUpper(*size), *outPath)
	for _, n := range names {
		fmt.Fprintf(out, "  %s\n", n)
	}
	fmt.Fprintf(out, "Wrote %d card(s) to %s\n", len(ids), *outPath)
	return nil
}

// listKindArg reads the list NAME given before or after the flags.
func listKindArg(fs *flag.FlagSet, args []string) (domain.ListKind, error) {
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return "", err
		}
		return "", errUsage
	}
	if len(pos) != 1 {
		return "", domain.Errorf(domain.EINVALID, "请指定一个清单：%s。/ Give one list name.", listNames())
	}
	return domain.ParseListKind(pos[0])
}

func runPrintList(args []string, out io.Writer) error {
	c := targetCommand("print", printTargets["list"])
	fs, data := newFlags(c, out)
	version := fs.Int("version", 0, "打印第几版（默认现行版本）/ version number (default: the latest)")
	draft := fs.Bool("draft", false, "打印当前内容（含未发布的调整，需 --user）/ the unpublished draft (needs --user)")
	outPath := fs.String("out", "", "保存的 PDF 文件 / the PDF file to write")
	user := fs.String("user", "", "用户名（打印草稿时必填）/ user name (required with --draft)")
	kind, err := listKindArg(fs, args)
	if err != nil {
		return err
	}
	if *draft && *version != 0 {
		return domain.Errorf(domain.EINVALID, "--draft 和 --version 只能用一个。/ Use --draft or --version, not both.")
	}
	st, sess, err := openForPublicity(*data, *user, *draft)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := publicity.New(st)
	req := publicity.PrintRequest{Kind: kind, Version: *version, Draft: *draft}
	if err := writeOutput(*outPath, func(w io.Writer) error { return svc.PrintList(sess, w, req) }); err != nil {
		return err
	}
	what := "现行版本"
	switch {
	case *draft:
		what = "草稿"
	case *version > 0:
		what = fmt.Sprintf("第 %d 版", *version)
	}
	fmt.Fprintf(out, "已打印%s（%s）：%s\nWrote %s to %s\n", kind.Title(), what, *outPath, kind, *outPath)
	return nil
}

func runExportList(args []string, out io.Writer) error {
	c := targetCommand("export", exportTargets["list"])
	fs, data := newFlags(c, out)
	format := fs.String("format", "xlsx", "格式：xlsx 或 csv / format: xlsx or csv")
	outPath := fs.String("out", "", "保存的文件 / the file to write")
	user := fs.String("user", "", "用户名（必填）/ user name (required)")
	kind, err := listKindArg(fs, args)
	if err != nil {
		return err
	}
	st, sess, err := openForPublicity(*data, *user, true)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := publicity.New(st)
	if err := writeOutput(*outPath, func(w io.Writer) error { return svc.Export(sess, w, kind, *format) }); err != nil {
		return err
	}
	fmt.Fprintf(out, "已导出%s：%s\nExported %s to %s\n", kind.Title(), *outPath, kind, *outPath)
	return nil
}

func runExportTemplate(args []string, out io.Writer) error {
	c := targetCommand("export", exportTargets["template"])
	fs, _ := newFlags(c, out)
	format := fs.String("format", "xlsx", "格式：xlsx 或 csv / format: xlsx or csv")
	outPath := fs.String("out", "", "保存的文件 / the file to write")
	kind, err := listKindArg(fs, args)
	if err != nil {
		return err
	}
	svc := publicity.New(nil)
	if err := writeOutput(*outPath, func(w io.Writer) error { return svc.Template(w, kind, *format) }); err != nil {
		return err
	}
	fmt.Fprintf(out, "已保存%s导入模板：%s\nWrote the %s template to %s\n", kind.Title(), *outPath, kind, *outPath)
	return nil
}
