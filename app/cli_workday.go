package main

import (
	"flag"
	"fmt"
	"io"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
	"lawdesk/internal/workday"
)

func init() {
	register(command{name: "workday", usage: "add --from DATE --days N [--explain] [--data DIR]",
		summary: "按工作日推算期限 / count working days from a date", run: runWorkday})
}

// runWorkday answers "which day is N working days after this one", so a clerk can check
// LawDesk against their own count. Without --data it uses the built-in schedules; with
// --data, the office's calendar including the schedules entered there.
func runWorkday(args []string, out io.Writer) error {
	c := commands["workday"]
	fs, data := newFlags(c, out)
	from := fs.String("from", "", "起算日期（决定作出之日），如 2025-09-26 / the date counted from, e.g. the decision date")
	days := fs.Int("days", 0, "工作日数，如 7 / number of working days, e.g. 7")
	explain := fs.Bool("explain", false, "逐日列出计算过程 / list every day counted")
	if len(args) == 0 || args[0] != "add" {
		if err := parse(fs, args); err != nil { // -h prints the help
			return err
		}
		fmt.Fprintf(out, "用法 / Usage: lawdesk workday %s\n  例如 / e.g.: lawdesk workday add --from 2025-09-26 --days 7 --explain\n", c.usage)
		return errUsage
	}
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	dataGiven := false
	fs.Visit(func(f *flag.Flag) { dataGiven = dataGiven || f.Name == "data" })

	start, err := domain.ParseDate(*from)
	if err != nil {
		return domain.Errorf(domain.EINVALID, "--from：%s", domain.ErrorMessage(err))
	}
	if *days < 1 || *days > 1000 {
		return domain.Errorf(domain.EINVALID, "--days 应为 1 到 1000 之间的整数（现在是 %d）。/ --days must be 1…1000.", *days)
	}
	cal := workday.Builtin()
	source := "内置节假日安排 / built-in schedules"
	if dataGiven {
		st, err := store.Open(*data, store.Options{ReadOnly: true})
		if err != nil {
			return err
		}
		defer st.Close()
		if cal, err = st.Calendar(); err != nil {
			return err
		}
		source = "本单位工作日历 / the office's calendar in " + *data
	}
	due := cal.AddWorkingDays(start, *days)
	if *explain {
		fmt.Fprintf(out, "从 %s 的次日起计算 %d 个工作日（%s）：\n", start, *days, source)
		for _, day := range cal.Explain(start, *days) {
			fmt.Fprintln(out, "  "+day.String())
		}
		fmt.Fprintln(out)
	}
	fmt.Fprintf(out, "%s 起 %d 个工作日：%s（%s）\n", start, *days, due.Date, weekdayName(due.Date))
	if !due.Confirmed {
		fmt.Fprintf(out, "注意：计算经过尚未录入节假日安排的年份，暂按周一至周五计算（日历尚未确认）。/ Not confirmed: a year without a holiday schedule was counted as Monday to Friday.\n")
	}
	return nil
}

func weekdayName(d domain.Date) string {
	return [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}[d.Weekday()]
}
