package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/pdf"
	"lawdesk/internal/record"
	"lawdesk/internal/store"
)

func init() {
	register(command{name: "cases", usage: "--data DIR [--status S] [--year Y]",
		summary: "列出案件台账（制表符分隔，当事人已遮盖）/ list cases, tab-separated, parties masked", run: runCases})
	registerPrint(target{name: "dossier", usage: "--data DIR --case NO --out FILE.pdf --user NAME [--part whole|cover|catalogue|note]",
		summary: "案卷（封面、卷内目录、全部文书、备考表）/ the dossier of a case as one PDF", run: printDossier})
}

func runCases(args []string, out io.Writer) error {
	c := commands["cases"]
	fs, data := newFlags(c, out)
	status := fs.String("status", "", "办理中、已结案、已归档（或 open、closed、archived）/ status")
	year := fs.Int("year", 0, "年度，例如 2026 / year of the case number")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "用法 / Usage: lawdesk cases %s\n  %s\n\n每行一件案件，字段以制表符分隔 / one case per line, tab-separated:\n"+
			"  案件编号 number, 执法类别 type, 当前环节 stage, 状态 status, 受理日期 opened, 结案日期 closed, 归档日期 archived, 档号 archive no, 当事人（遮盖）party (masked)\n\n参数 / Flags:\n",
			c.usage, c.summary)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	var f record.CaseFilter
	if *status != "" {
		s, err := domain.ParseCaseStatus(*status)
		if err != nil {
			return err
		}
		f.Status = s
	}
	f.Year = *year
	st, err := store.Open(*data, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	return record.New(st).Ledger(f, func(c domain.Case) error {
		_, err := fmt.Fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Number, c.Type.Label(), c.Stage.Label(), c.Status.Label(),
			c.Opened, c.Closed, c.Archived, c.ArchiveNo, tabless(c.Party.Name))
		return err
	})
}

// tabless keeps a field on its line and in its column.
func tabless(s string) string { return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s) }

// runPrint prints documents; its first argument says which (only dossier so far).
func runPrint(args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "dossier" {
		fmt.Fprintln(out, "用法 / Usage: lawdesk print dossier --data DIR --case NO --out FILE.pdf --user NAME")
		if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
			return nil
		}
		return errUsage
	}
	return printDossier(args[1:], out)
}

// printDossier is `lawdesk print dossier`: the whole dossier (or one part) of a case as one
// PDF, logged as a print of the signed-in user.
func printDossier(args []string, out io.Writer) error {
	c := command{name: "print dossier", usage: "--data DIR --case NO --out FILE.pdf --user NAME [--part whole|cover|catalogue|note]",
		summary: "打印案卷（封面、卷内目录、全部文书、备考表）为一个 PDF / print a dossier as one PDF"}
	fs, data := newFlags(c, out)
	number := fs.String("case", "", "案件编号，例如 青市监处罚〔2026〕12号（[2026]、（2026）也可）/ case number")
	outPath := fs.String("out", "", "输出的 PDF 文件 / output PDF file")
	user := fs.String("user", "", "您的用户名（密码取自 LAWDESK_PASSWORD）/ your user name")
	partName := fs.String("part", "whole", "whole 整卷、cover 封面、catalogue 卷内目录、note 备考表 / which part")
	if err := parse(fs, args); err != nil {
		return err
	}
	part, ok := map[string]pdf.DossierPart{"whole": pdf.DossierWhole, "cover": pdf.DossierCover,
		"catalogue": pdf.DossierCatalogue, "note": pdf.DossierClosingNote}[*partName]
	if !ok {
		return domain.Errorf(domain.EINVALID, "--part 只能是 whole、cover、catalogue 或 note。/ --part must be whole, cover, catalogue or note.")
	}
	if strings.TrimSpace(*number) == "" || strings.TrimSpace(*outPath) == "" {
		return domain.Errorf(domain.EINVALID, "请用 --case 指定案件编号，用 --out 指定输出文件。/ --case and --out are required.")
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
	svc := record.New(st)
	cs, err := svc.CaseByNumber(sess, *number)
	if record.NeedsReason(err) {
		return domain.Errorf(domain.EFORBIDDEN, "%s 命令行不能调阅涉密或个人隐私案件，请在 LawDesk 窗口中填写理由后打印。/ Secret cases print from the window only.", domain.ErrorMessage(err))
	}
	if err != nil {
		return err
	}
	// write next to the target and rename, so a failure never leaves half a PDF
	tmp, err := os.CreateTemp(filepath.Dir(*outPath), ".lawdesk-print-*.pdf")
	if err != nil {
		return domain.Wrap(err, domain.EINVALID, "无法在 %s 中创建文件，请检查路径和权限。", filepath.Dir(*outPath))
	}
	defer os.Remove(tmp.Name())
	if err := svc.PrintDossier(context.Background(), sess, cs.ID, part, tmp, nil); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return domain.Wrap(err, domain.EINVALID, "写入 %s 失败，请检查磁盘空间。", *outPath)
	}
	if err := os.Rename(tmp.Name(), *outPath); err != nil {
		return domain.Wrap(err, domain.EINVALID, "无法保存 %s。", *outPath)
	}
	fmt.Fprintf(out, "已生成 %s 的%s：%s / dossier written\n", cs.Number, record.DossierPartLabel(part), *outPath)
	return nil
}
