package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"lawdesk/internal/backup"
	"lawdesk/internal/domain"
	"lawdesk/internal/report"
	"lawdesk/internal/store"
)

func init() {
	backup.Version = Version()
	report.Version = Version()
	register(command{name: "backup", usage: "--data DIR --out FILE",
		summary: "备份数据（可在窗口打开时进行）/ back up the data, also while the window is open", run: runBackup})
	register(command{name: "restore", usage: "FILE --data NEWDIR",
		summary: "把备份恢复到新的空目录并校验 / restore a backup into a new directory and verify it", run: runRestore})
	register(command{name: "verify-bundle", usage: "FILE.zip",
		summary: "校验年度数据包：校验值、审计链、缺失和多余文件 / verify an annual data bundle", run: runVerifyBundle})
	registerExport(target{name: "annual", usage: "--data DIR --year 2025 --out FILE.zip [--with-originals] --user NAME",
		summary: "导出年度行政执法数据包（BagIt）/ export the annual data bundle (BagIt)", run: runExportAnnual})
}

// parseWithArgs parses flags that may come before or after positional arguments
// (`lawdesk restore FILE --data DIR`) and returns the positional ones.
func parseWithArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parse(fs, args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// progressPrinter prints a line every tenth of the work, for long copies in a terminal.
func progressPrinter(out io.Writer) backup.Progress {
	step := -1
	return func(done, total int64) {
		if total <= 0 {
			return
		}
		if s := int(done * 10 / total); s != step {
			step = s
			fmt.Fprintf(out, "  %3d%%  %s / %s\n", s*10, mb(done), mb(total))
		}
	}
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

func runBackup(args []string, out io.Writer) error {
	c := commands["backup"]
	fs, data := newFlags(c, out)
	file := fs.String("out", "", "备份文件（.zip），或保存备份的文件夹；存储的文件放在旁边的 lawdesk-blobs 文件夹，已有的不再复制 / backup file or folder; stored files go into lawdesk-blobs beside it, incrementally")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *file == "" {
		fmt.Fprintln(out, "请用 --out 指定备份文件或文件夹。/ --out is required.")
		return errUsage
	}
	fmt.Fprintf(out, "正在备份 %s …\n", *data)
	res, err := backup.BackupDir(context.Background(), *data, *file, progressPrinter(out))
	if err != nil {
		return err
	}
	m := res.Manifest
	fmt.Fprintf(out, "\n已写入备份 / backup written: %s\n", res.File)
	fmt.Fprintf(out, "  单位 / office: %s\n  数据库 / database: %s，审计记录 %d 条\n  存储的文件 / stored files: %d 个，共 %s；本次新复制 / copied now: %d 个，%s\n",
		m.Office, mb(m.DB.Size), m.Events, len(m.Blobs), mb(m.TotalBlobBytes()), res.BlobsCopied, mb(res.BytesCopied))
	if m.Method == "file" {
		fmt.Fprintln(out, "  （LawDesk 窗口正在使用这份数据：已在不打扰它的情况下复制了一致的副本；这次备份不会记入它的审计链。）")
	}
	if len(res.Problems) > 0 {
		fmt.Fprintf(out, "\n数据目录中有 %d 个文件缺失或已损坏，没有备份 / %d stored file(s) missing or damaged:\n", len(res.Problems), len(res.Problems))
		for _, p := range res.Problems {
			fmt.Fprintf(out, "    - %s\n", p)
		}
		fmt.Fprintln(out, "请运行 lawdesk verify 检查数据，并用较早的备份找回这些文件。")
		return errFailed
	}
	return nil
}

func runRestore(args []string, out io.Writer) error {
	c := commands["restore"]
	fs, data := newFlags(c, out)
	pos, err := parseWithArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fmt.Fprintln(out, "请指定一个备份文件：lawdesk restore FILE --data NEWDIR / give exactly one backup file.")
		return errUsage
	}
	file := pos[0]
	fmt.Fprintf(out, "正在把 %s 恢复到 %s …\n", file, *data)
	res, err := backup.Restore(context.Background(), file, *data, progressPrinter(out))
	if err != nil {
		return err
	}
	m := res.Manifest
	fmt.Fprintf(out, "\n已恢复 / restored: %s（%s，%s 制作）\n\n", m.Office, file, m.Created.Local().Format("2006-01-02 15:04"))
	for _, p := range res.Missing {
		fmt.Fprintf(out, "未能恢复 / not restored: %s\n", p)
	}
	fmt.Fprintf(out, "LawDesk 数据校验 / verification: %s\n\n", *data)
	printReport(out, res.Verify)
	if !res.OK() {
		fmt.Fprintln(out, "\n恢复的数据校验未通过：上面列出了缺失或损坏的内容。请换一个较早的备份，或把备份文件夹（含 lawdesk-blobs）完整复制后再试。/ Verification FAILED.")
		return errFailed
	}
	fmt.Fprintf(out, "\n恢复完成，全部校验通过。用 lawdesk --data %s 打开。/ Restored and verified.\n", *data)
	return nil
}

func runVerifyBundle(args []string, out io.Writer) error {
	c := commands["verify-bundle"]
	fs, _ := newFlags(c, out)
	pos, err := parseWithArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fmt.Fprintln(out, "请指定一个数据包文件：lawdesk verify-bundle FILE.zip / give exactly one bundle file.")
		return errUsage
	}
	rep, err := report.VerifyBundle(context.Background(), pos[0], nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "数据包校验 / bundle verification: %s\n", pos[0])
	if office := rep.InfoValue("Source-Organization"); office != "" {
		fmt.Fprintf(out, "  单位 / office: %s，年度 / year: %s，导出 / created: %s\n", office, rep.InfoValue("LawDesk-Year"), rep.InfoValue("LawDesk-Created"))
	}
	fmt.Fprintf(out, "  数据文件 / payload: %d 个，%s\n", rep.Files, mb(rep.Bytes))
	if ch := rep.Chain; ch != nil && ch.Events == 0 {
		fmt.Fprintln(out, "  审计链 / audit segment: 该年度没有记录 / no events in the year")
	} else if ch != nil {
		fmt.Fprintf(out, "  审计链 / audit segment: %d 条（第 %d–%d 条），首 %s…，末 %s…\n", ch.Events, ch.FirstSeq, ch.LastSeq, short(ch.FirstHash), short(ch.LastHash))
	}
	if !rep.OK() {
		fmt.Fprintf(out, "\n发现 %d 个问题 / %d problem(s):\n", len(rep.Problems), len(rep.Problems))
		for _, p := range rep.Problems {
			fmt.Fprintf(out, "  - %s\n", p)
		}
		fmt.Fprintln(out, "\n数据包不完整或已被改动。请重新导出，或向导出单位索取原件。/ Verification FAILED.")
		return errFailed
	}
	fmt.Fprintln(out, "\n全部校验通过：每个文件都在、未被改动，没有多余文件，审计链完整。/ All checks passed.")
	return nil
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// runExportAnnual is `lawdesk export annual --data DIR --year 2025 --out FILE.zip
// [--with-originals]`: the year's data bundle.
func runExportAnnual(args []string, out io.Writer) error {
	c := command{name: "export annual", usage: "--data DIR --year 2025 --out FILE.zip [--with-originals] --user NAME",
		summary: "导出年度行政执法数据包（BagIt）/ export the annual data bundle (BagIt)"}
	fs, data := newFlags(c, out)
	year := fs.Int("year", 0, "年度，例如 2025 / the year")
	file := fs.String("out", "", "数据包文件 .zip / bundle file")
	originals := fs.Bool("with-originals", false, "包含当年归档案卷的文书和音像记录原始文件（很大）/ include the original documents of archived dossiers and the recordings (large)")
	user := fs.String("user", "", "导出人的用户名（管理员）；密码取自 LAWDESK_PASSWORD 或提示输入 / who exports (an administrator)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *year == 0 || *file == "" {
		fmt.Fprintln(out, "请用 --year 指定年度，用 --out 指定数据包文件。/ --year and --out are required.")
		return errUsage
	}
	st, err := store.Open(*data, store.Options{})
	if store.IsBusy(err) {
		return domain.Errorf(domain.ECONFLICT, "LawDesk 窗口正在使用数据目录 %s。请在窗口中用“统计与报表 → 年度数据包”导出，或关闭窗口后再运行此命令。", *data)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	sess, err := authenticate(st, *user)
	if err != nil {
		return err
	}
	res, err := report.New(st).ExportBundle(context.Background(), sess, *year, *file, report.BundleOptions{WithOriginals: *originals},
		func(part string, done, total int) {
			if part != "" {
				fmt.Fprintf(out, "  [%d/%d] %s\n", done+1, total, part)
			}
		})
	if err != nil {
		return err
	}
	chain := "该年度没有审计记录"
	if res.Chain.Events > 0 {
		chain = fmt.Sprintf("审计链 %d 条，末条哈希 %s…", res.Chain.Events, short(res.Chain.LastHash))
	}
	fmt.Fprintf(out, "\n已导出 / exported: %s\n  %d 个数据文件，%s；%s\n用 lawdesk verify-bundle %s 可随时校验。\n",
		res.File, res.Files, mb(res.Bytes), chain, quoteArg(res.File))
	return nil
}

func quoteArg(s string) string {
	if strings.ContainsAny(s, " \t") {
		return "\"" + s + "\""
	}
	return s
}
