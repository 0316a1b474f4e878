package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/inspection"
	"lawdesk/internal/publication"
	"lawdesk/internal/store"
)

// `lawdesk export publications` writes the folder the office uploads to its website and
// prints for the notice board; it is a target of the shared `export` dispatcher
// (app/cli_export.go).
func init() {
	registerExport(target{name: "publications", usage: "--data DIR --out DIR --user NAME [--fulltext=false] [--board=false]",
		summary: "导出事后公开内容（网站页面、双公示 CSV、公示栏 PDF、双随机抽查结果）/ export decision publications and inspection results", run: exportPublications})
}

func exportPublications(args []string, out io.Writer) error {
	c := targetCommand("export", exportTargets["publications"])
	fs, data := newFlags(c, out)
	outDir := fs.String("out", "", "导出到的文件夹（新的或空的，或以前导出的文件夹）/ output folder (new, empty, or an earlier export)")
	user := fs.String("user", "", "您的用户名（密码取自 LAWDESK_PASSWORD 或提示输入）/ your user name")
	fullText := fs.Bool("fulltext", true, "包括已脱敏的决定书全文 PDF / include redacted full-text PDFs")
	board := fs.Bool("board", true, "包括公示栏 PDF / include the notice-board PDF")
	if err := parse(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*outDir) == "" {
		return domain.Errorf(domain.EINVALID, "请用 --out 指定导出到的文件夹。/ --out is required.")
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
	pub := publication.New(st)
	pub.Sections = append(pub.Sections, inspection.New(st).PublicationSection) // the inspection results join the export
	res, err := pub.Export(context.Background(), sess, *outDir,
		publication.ExportOptions{FullTextPDF: *fullText, NoticeBoard: *board}, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "已导出 %d 条行政执法决定的公开内容到 %s / exported %d decisions:\n", res.Decisions, res.Dir, res.Decisions)
	for _, sec := range res.Sections {
		fmt.Fprintf(out, "另含%s %d 项 / also published: %d item(s) of %s\n", sec.Title, sec.Count, sec.Count, sec.Title)
	}
	for _, f := range res.Files {
		fmt.Fprintln(out, "  "+f)
	}
	fmt.Fprintln(out, "所有内容已隐去个人信息。上传或张贴后，请在 LawDesk“事后公开”中登记公开日期和渠道。")
	return nil
}
