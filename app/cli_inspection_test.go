package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
	"lawdesk/internal/inspection"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// drawnTask makes a data directory with one drawn and one planned task and returns it
// with the drawn task's ID.
func drawnTask(t *testing.T) (string, uint64) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ch := store.Change{Actor: "admin"}
	sess := office.Session{User: domain.User{Name: "admin", Roles: []domain.Role{domain.RoleAdmin}}}
	m, err := st.SaveMatter(ch, domain.Matter{Name: "对食品销售者的监督检查", Type: domain.ActInspection, LegalBasis: "《食品安全法》第一百一十条", RandomInspection: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 4; i++ {
		if _, err := st.SaveOfficer(ch, domain.Officer{Name: fmt.Sprintf("人员%d", i), Unit: "青山县市场监督管理局",
			CertNo: fmt.Sprintf("52020010%02d", i), CertIssuer: "贵州省人民政府", ValidUntil: domain.NewDate(2099, 1, 1)}); err != nil {
			t.Fatal(err)
		}
	}
	svc := inspection.New(st)
	for i := 1; i <= 6; i++ {
		if _, err := svc.SaveObject(sess, domain.InspectionObject{Name: fmt.Sprintf("商店%d", i),
			CreditCode: domain.CompleteCreditCode(fmt.Sprintf("92520221MA6DK%04d", i))}, ""); err != nil {
			t.Fatal(err)
		}
	}
	today := domain.DateOf(st.Now())
	plan := domain.InspectionTask{Name: "食品销售抽查", MatterID: m.ID, Count: 3, OfficersPerObject: 2, Start: today, End: today.AddDays(20)}
	drawn, err := svc.SavePlan(sess, plan)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Draw(sess, drawn.ID, ""); err != nil {
		t.Fatal(err)
	}
	plan.Name = "下季度抽查"
	if _, err := svc.SavePlan(sess, plan); err != nil {
		t.Fatal(err)
	}
	return dir, drawn.ID
}

func TestDrawListAndVerify(t *testing.T) {
	dir, id := drawnTask(t)
	code, out := lawdesk(t, "draw", "list", "--data", dir)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 {
		t.Fatalf("draw list: exit %d:\n%s", code, out)
	}
	for _, l := range lines {
		if f := strings.Split(l, "\t"); len(f) != 4 || f[1] != "对食品销售者的监督检查" {
			t.Fatalf("line %q is not ID, matter, status, drawn at", l)
		}
	}
	if !strings.HasPrefix(lines[1], fmt.Sprintf("%d\t", id)) || !strings.Contains(lines[1], "已抽取") || strings.HasSuffix(lines[1], "\t-") {
		t.Fatalf("drawn task line: %q", lines[1])
	}
	if !strings.Contains(lines[0], "待抽取") || !strings.HasSuffix(lines[0], "\t-") {
		t.Fatalf("planned task line: %q", lines[0])
	}

	code, out = lawdesk(t, "draw", "verify", "--data", dir, "--task", fmt.Sprint(id))
	if code != 0 || !strings.Contains(out, "复核通过") || !strings.Contains(out, "商店") {
		t.Fatalf("draw verify: exit %d:\n%s", code, out)
	}
	if code, out := lawdesk(t, "draw", "verify", "--data", dir, "--task", "99"); code != 1 || !strings.Contains(out, "不存在") {
		t.Fatalf("unknown task: exit %d: %s", code, out)
	}
	if code, _ := lawdesk(t, "draw", "verify", "--data", dir); code != 2 {
		t.Fatalf("missing --task: exit %d", code)
	}
	if code, _ := lawdesk(t, "draw", "shuffle"); code != 2 {
		t.Fatalf("unknown draw subcommand: exit %d", code)
	}

	// swap two officers in the stored result: verify must fail
	db, err := bbolt.Open(filepath.Join(dir, store.DBFile), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bbolt.Tx) error {
		b := tx.Bucket([]byte("inspection_tasks"))
		key := make([]byte, 8)
		key[7] = byte(id)
		v := b.Get(key)
		var m map[string]any
		json.Unmarshal(v[1:], &m)
		a := m["draws"].([]any)[0].(map[string]any)["assignments"].([]any)
		a0, a1 := a[0].(map[string]any), a[1].(map[string]any)
		a0["officers"], a1["officers"] = a1["officers"], a0["officers"]
		data, _ := json.Marshal(m)
		return b.Put(key, append([]byte{v[0]}, data...))
	})
	db.Close()
	code, out = lawdesk(t, "draw", "verify", "--data", dir, "--task", fmt.Sprint(id))
	if code != 1 || !strings.Contains(out, "不一致") {
		t.Fatalf("draw verify of a changed record: exit %d:\n%s", code, out)
	}
}

func TestPrintFlowchart(t *testing.T) {
	dir := newDemo(t)
	outDir := t.TempDir()
	for _, name := range domain.ProcedureChartNames() {
		for _, ext := range []string{".pdf", ".png"} {
			file := filepath.Join(outDir, name+ext)
			code, out := lawdesk(t, "print", "flowchart", name, "--data", dir, "--out", file)
			if code != 0 {
				t.Fatalf("print flowchart %s%s: exit %d: %s", name, ext, code, out)
			}
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			magic := map[string]string{".pdf": "%PDF-", ".png": "\x89PNG"}[ext]
			if !strings.HasPrefix(string(data), magic) {
				t.Fatalf("%s is not a %s file", file, ext)
			}
		}
	}
	bad := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"print", "flowchart", "penalties", "--data", dir, "--out", filepath.Join(outDir, "x.pdf")}, 1, "penalty-simple"},
		{[]string{"print", "flowchart", "penalty", "--data", dir, "--out", filepath.Join(outDir, "x.docx")}, 1, ".pdf"},
		{[]string{"print", "flowchart", "penalty", "--data", dir, "--out", filepath.Join(outDir, "nosuchdir", "x.pdf")}, 1, "nosuchdir"},
		{[]string{"print", "flowchart", "--data", dir}, 2, "Usage"},
	}
	for _, b := range bad {
		code, out := lawdesk(t, b.args...)
		if code != b.code || !strings.Contains(out, b.want) {
			t.Errorf("%v: exit %d, output %q; want exit %d mentioning %q", b.args, code, out, b.code, b.want)
		}
	}
	if entries, _ := os.ReadDir(outDir); len(entries) != 12 {
		t.Errorf("%d files in the output directory, want the 12 charts and no leftovers", len(entries))
	}
}
