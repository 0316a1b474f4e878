package bench

import (
	"fmt"
	"io"
	"strings"
)

// WriteTable writes the results as a Markdown table for README's Performance section: one
// column per store (smallest first), how the figure grew from the first store to the last,
// the target and whether the largest store meets it.
func WriteTable(w io.Writer, results []Result, machine string) {
	if len(results) == 0 {
		return
	}
	header := []string{"测量 / measurement"}
	for _, r := range results {
		header = append(header, fmt.Sprintf("%d 件 / %d events", r.Cases, r.Events))
	}
	if len(results) > 1 {
		header = append(header, "增长 / growth")
	}
	header = append(header, "目标 / target", "达标 / met")
	fmt.Fprintf(w, "| %s |\n|%s\n", strings.Join(header, " | "), strings.Repeat(" --- |", len(header)))
	last := results[len(results)-1]
	for _, row := range last.Rows {
		cells := []string{row.What}
		var first *Row
		for i, r := range results {
			found := r.row(row.Key)
			if found == nil {
				cells = append(cells, "—")
				continue
			}
			if i == 0 {
				first = found
			}
			cells = append(cells, found.Format())
		}
		if len(results) > 1 {
			growth := "—"
			if first != nil && first.Value > 0 && first.Runs > 0 && row.Runs > 0 {
				growth = fmt.Sprintf("×%.1f", row.Value/first.Value)
			}
			cells = append(cells, growth)
		}
		met := "—"
		if row.Target() != "—" {
			met = "✔"
			if !row.Met() {
				met = "✘"
			}
		}
		cells = append(cells, row.Target(), met)
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	var sizes []string
	for _, r := range results {
		sizes = append(sizes, fmt.Sprintf("%s: %d cases, %d events, lawdesk.db %.0f MB", r.Dir, r.Cases, r.Events, float64(r.DBBytes)/1e6))
	}
	fmt.Fprintf(w, "\n%s\n%s\n", strings.Join(sizes, "; "), machine)
	fmt.Fprintln(w, "\n说明 / notes:")
	for _, row := range last.Rows {
		if row.Note != "" {
			fmt.Fprintf(w, "- %s: %s\n", row.What, row.Note)
		}
	}
}

func (r Result) row(key string) *Row {
	for i := range r.Rows {
		if r.Rows[i].Key == key {
			return &r.Rows[i]
		}
	}
	return nil
}
