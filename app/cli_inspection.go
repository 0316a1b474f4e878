package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/flowchart"
	"lawdesk/internal/inspection"
	"lawdesk/internal/store"
)

func init() {
	register(command{name: "draw", usage: "list|verify --data DIR [--task ID]",
		summary: "双随机抽查任务：列出、复核抽取 / random-inspection draws: list, verify", run: runDraw})
	// `lawdesk print flowchart` is a target of the shared print dispatcher (app/cli_print.go).
	registerPrint(target{name: "flowchart", usage: "NAME --data DIR --out FILE.pdf|png",
		summary: "打印执法流程图（NAME：" + strings.Join(domain.ProcedureChartNames(), "、") + "）/ a procedure flowchart", run: printFlowchart})
}

// printFlowchart writes one 执法流程图 as the office publishes it (with its adjustments) to
// --out: a one-page A4 PDF for printing, or a PNG for the website, by the file's extension.
// Usage: lawdesk print flowchart NAME --data DIR --out FILE.pdf|png.
func printFlowchart(args []string, out io.Writer) error {
	c := command{name: "print flowchart", usage: "NAME --data DIR --out FILE.pdf|png",
		summary: "打印执法流程图（NAME：" + strings.Join(domain.ProcedureChartNames(), "、") + "）/ print a procedure flowchart"}
	fs, data := newFlags(c, out)
	outFile := fs.String("out", "", "输出文件（.pdf 打印用，.png 网站用）/ output file (.pdf or .png)")
	name := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if name == "" && fs.NArg() > 0 {
		name = fs.Arg(0)
	}
	if name == "" || *outFile == "" {
		fmt.Fprintf(out, "用法 / Usage: lawdesk print flowchart NAME --data DIR --out FILE.pdf|png\nNAME：%s\n", strings.Join(domain.ProcedureChartNames(), "、"))
		return errUsage
	}
	ext := strings.ToLower(filepath.Ext(*outFile))
	if ext != ".pdf" && ext != ".png" {
		return domain.Errorf(domain.EINVALID, "输出文件“%s”应以 .pdf（打印）或 .png（网站）结尾。/ --out must end in .pdf or .png.", *outFile)
	}
	if _, err := domain.ProcedureChartByName(name); err != nil {
		return err
	}
	st, err := store.Open(*data, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	svc := flowchart.New(st)
	err = writeFileAtomic(*outFile, func(w io.Writer) error {
		if ext == ".png" {
			return svc.WritePNG(w, name)
		}
		return svc.WritePDF(w, name)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "已生成 / written: %s\n", *outFile)
	return nil
}

// writeFileAtomic writes a file through a temporary file in the same directory, so a
// failure never leaves half a file under the name asked for.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".lawdesk-*.tmp")
	if err != nil {
		return domain.Wrap(err, domain.EINVALID, "无法在“%s”中创建文件。请检查目录是否存在、是否有写入权限。", filepath.Dir(path))
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return domain.Wrap(err, domain.EINVALID, "写入“%s”失败（磁盘已满？）。", path)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return domain.Wrap(err, domain.EINVALID, "无法保存“%s”。", path)
	}
	return nil
}

// runDraw dispatches `lawdesk draw list` and `lawdesk draw verify`.
func runDraw(args []string, out io.Writer) error {
	c := commands["draw"]
	if len(args) == 0 || (args[0] != "list" && args[0] != "verify") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			fmt.Fprintf(out, "用法 / Usage:\n  lawdesk draw list --data DIR\n      列出抽查任务（制表符分隔：任务编号、抽查事项、状态、抽取时间）/ list tasks (tab-separated)\n  lawdesk draw verify --data DIR --task ID\n      用记录的种子重新运行抽取，核对结果与审计链 / re-run the recorded draw and compare\n")
			return flag.ErrHelp
		}
		fmt.Fprintf(out, "用法 / Usage: lawdesk draw list|verify --data DIR [--task ID]\n")
		return errUsage
	}
	sub := command{name: c.name + " " + args[0], usage: "--data DIR", summary: c.summary}
	if args[0] == "verify" {
		sub.usage = "--data DIR --task ID"
	}
	fs, data := newFlags(sub, out)
	task := fs.Uint64("task", 0, "抽查任务编号（见 lawdesk draw list）/ task ID (see lawdesk draw list)")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	st, err := store.Open(*data, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	if args[0] == "list" {
		return drawList(st, out)
	}
	if *task == 0 {
		fmt.Fprintln(out, "请用 --task 指定抽查任务编号（用 lawdesk draw list 查看）。/ --task is required.")
		return errUsage
	}
	return drawVerify(st, *task, out)
}

// drawList prints one tab-separated line per task: ID, matter, status, drawn at.
func drawList(st *store.Store, out io.Writer) error {
	tasks, err := st.InspectionTasks()
	if err != nil {
		return err
	}
	for _, t := range tasks {
		at := "-"
		if d, ok := t.CurrentDraw(); ok {
			at = d.At.Local().Format("2006-01-02 15:04:05")
		}
		fmt.Fprintf(out, "%d\t%s\t%s\t%s\n", t.ID, t.MatterName, t.Status().Label(), at)
	}
	return nil
}

// drawVerify re-runs every recorded draw of a task and reports whether each gives the
// recorded result and matches its audit event; it fails unless all do.
func drawVerify(st *store.Store, id uint64, out io.Writer) error {
	v, err := inspection.New(st).Verify(id)
	if err != nil {
		return err
	}
	t := v.Task
	fmt.Fprintf(out, "抽查任务 / task %d：%s\n抽查事项 / matter：%s\n", t.ID, t.Name, t.MatterName)
	if len(t.Draws) == 0 {
		fmt.Fprintln(out, "\n这个任务还没有抽取，没有可复核的记录。/ Not drawn yet.")
		return errFailed
	}
	for i, d := range t.Draws {
		objects, officers := map[uint64]string{}, map[uint64]string{}
		for _, o := range d.Input.Objects {
			objects[o.ID] = o.Name
		}
		for _, o := range d.Input.Officers {
			officers[o.ID] = o.Name
		}
		state := "在用 / in force"
		if i < len(t.Draws)-1 {
			state = "已被重新抽取取代 / superseded"
		}
		fmt.Fprintf(out, "\n第 %d 次抽取 / draw %d（%s）\n", d.No, d.No, state)
		fmt.Fprintf(out, "  时间 / at：%s  操作人 / by：%s  审计记录 / audit event：第 %d 条\n", d.At.Local().Format("2006-01-02 15:04:05"), d.By, d.AuditSeq)
		if d.Reason != "" {
			fmt.Fprintf(out, "  重新抽取理由 / reason：%s\n", d.Reason)
		}
		fmt.Fprintf(out, "  算法 / algorithm：%s\n  种子 / seed：%s\n", d.Algorithm, d.Seed)
		fmt.Fprintf(out, "  候选对象 / objects：%d 户  sha256 %s\n", len(d.Input.Objects), d.ObjectsHash)
		fmt.Fprintf(out, "  候选人员 / officers：%d 名  sha256 %s\n", len(d.Input.Officers), d.OfficersHash)
		fmt.Fprintf(out, "  结果 / result：%d 户  sha256 %s\n", len(d.Assignments), d.ResultHash)
		for n, a := range v.Replay[i].Recomputed {
			line := fmt.Sprintf("    %2d. %s ← ", n+1, objects[a.ObjectID])
			for j, o := range a.Officers {
				if j > 0 {
					line += "、"
				}
				line += officers[o]
			}
			fmt.Fprintln(out, line)
		}
		if len(v.Draws[i]) == 0 {
			fmt.Fprintln(out, "  复核结果 / verdict：重新运行的结果与记录一致，与审计链一致。/ SAME as recorded.")
		} else {
			fmt.Fprintln(out, "  复核结果 / verdict：不一致！/ DIFFERENT:")
			for _, p := range v.Draws[i] {
				fmt.Fprintf(out, "    - %s\n", p)
			}
		}
	}
	if !v.Chain.OK {
		fmt.Fprintf(out, "\n审计链校验未通过 / audit chain broken：%s\n", v.Chain.Problem)
	}
	if !v.OK() {
		fmt.Fprintln(out, "\n复核未通过：抽取记录与重新运行的结果或审计链不一致。请不要修改数据，联系管理员。/ Verification FAILED.")
		return errFailed
	}
	fmt.Fprintf(out, "\n复核通过：%d 次抽取都可由记录的种子和候选名单重现。/ Verified: every draw re-runs to its recorded result.\n", len(t.Draws))
	return nil
}
