package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"lawdesk/internal/backup"
)

func init() {
	backup.Version = Version()
	register(command{name: "backup", usage: "--data DIR --out FILE",
		summary: "备份数据（可在窗口打开时进行）/ back up the data, also while the window is open", run: runBackup})
	register(command{name: "restore", usage: "FILE --data NEWDIR",
		summary: "把备份恢复到新的空目录并校验 / restore a backup into a new directory and verify it", run: runRestore})
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
