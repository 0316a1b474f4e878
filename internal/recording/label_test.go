package recording_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/media"
	"lawdesk/internal/media/mediatest"
	"lawdesk/internal/office"
	"lawdesk/internal/recording"
	"lawdesk/internal/store"
)

// smallImport imports a few tiny recordings: one photo per given capture time.
func smallImport(t *testing.T, svc *recording.Service, captured ...time.Time) []domain.Recording {
	t.Helper()
	dir := t.TempDir()
	for i, at := range captured {
		name := "IMG_" + at.Format("20060102_150405") + ".JPG"
		mediatest.WriteFile(t, filepath.Join(dir, name), mediatest.JPEG(t, 16, 12, i, nil))
		os.Chtimes(filepath.Join(dir, name), time.Now().Add(-time.Minute), time.Now().Add(-time.Minute))
	}
	sum := importFolder(t, svc, officer, dir)
	if len(sum.Imported) != len(captured) {
		t.Fatalf("imported %d of %d:\n%s", len(sum.Imported), len(captured), sum.Text())
	}
	return sum.Imported
}

func ids(rs []domain.Recording) []uint64 {
	var out []uint64
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func TestAssignManyAtOnce(t *testing.T) {
	svc, st, _ := newService(t)
	recs := smallImport(t, svc, importNow.Add(-3*time.Hour), importNow.Add(-2*time.Hour), importNow.Add(-time.Hour))
	c5, c6 := newCase(t, st, 5), newCase(t, st, 6)
	// the first two (a morning's work) go to case 5, stage 现场检查
	morning, err := svc.List(officer, store.RecordingFilter{From: importNow.Add(-4 * time.Hour), To: importNow.Add(-90 * time.Minute)})
	if err != nil || len(morning) != 2 {
		t.Fatalf("time range: %d recordings, %v", len(morning), err)
	}
	got, err := svc.Assign(officer, ids(morning), domain.RecordingLabels{CaseID: c5.ID, Stage: domain.StageOnSite,
		Place: "城关镇人民路 12 号", Collector: "刘洋", Proves: "现场存放过期食品", Evidence: true})
	if err != nil || len(got) != 2 {
		t.Fatal(err)
	}
	for _, r := range got {
		if r.CaseID != c5.ID || r.Stage != domain.StageOnSite || r.Place == "" || !r.Evidence || !r.Permanent {
			t.Errorf("assigned %+v", r)
		}
	}
	inCase, _ := st.Recordings(store.RecordingFilter{CaseID: c5.ID})
	if len(inCase) != 2 {
		t.Errorf("case index has %d", len(inCase))
	}
	unassigned, _ := st.Recordings(store.RecordingFilter{Unassigned: true})
	if len(unassigned) != 1 || unassigned[0].ID != recs[2].ID {
		t.Errorf("unassigned %+v", unassigned)
	}
	// an empty field keeps each recording's own value
	got, err = svc.Assign(officer, ids(morning), domain.RecordingLabels{CaseID: c5.ID, Stage: domain.StageInvestigate})
	if err != nil || got[0].Place != "城关镇人民路 12 号" || !got[0].Evidence || got[0].Stage != domain.StageInvestigate {
		t.Fatalf("partial relabel: %+v %v", got, err)
	}
	// labelling many without touching their cases: the case's recordings stay in it
	got, err = svc.LabelKeepingCases(officer, []uint64{recs[0].ID, recs[2].ID}, domain.RecordingLabels{Proves: "营业执照悬挂情况"})
	if err != nil || got[0].CaseID != c5.ID || !got[0].Evidence || got[1].CaseID != 0 || got[1].Proves != "营业执照悬挂情况" {
		t.Fatalf("keeping cases: %+v %v", got, err)
	}
	// all or none: one bad ID changes nothing
	if _, err := svc.Assign(officer, []uint64{recs[2].ID, 999}, domain.RecordingLabels{CaseID: c6.ID, Stage: domain.StageOnSite}); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("unknown id: %v", err)
	}
	if r, _ := st.Recording(recs[2].ID); r.CaseID != 0 {
		t.Fatal("a failed batch changed a recording")
	}
	if _, err := svc.Assign(clerk, ids(recs), domain.RecordingLabels{}); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("clerk labelled: %v", err)
	}
	verifyStore(t, st)
	events, _ := st.Events(store.EventFilter{ActionPrefix: "recording.label"})
	if len(events) != 6 || !strings.Contains(events[0].Summary, "现场检查") {
		t.Errorf("label events: %+v", events)
	}
}

func TestDeleteOnlyUnattachedPastRetention(t *testing.T) {
	svc, st, clk := newService(t)
	recs := smallImport(t, svc, importNow.Add(-time.Hour), importNow.Add(-50*time.Minute), importNow.Add(-40*time.Minute))
	c2, c3 := newCase(t, st, 2), newCase(t, st, 3)
	loose, evidence, important := recs[0], recs[1], recs[2]
	if _, err := svc.Assign(officer, []uint64{evidence.ID}, domain.RecordingLabels{CaseID: c2.ID, Stage: domain.StageOnSite, Evidence: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Relabel(officer, important.ID, domain.RecordingLabels{Important: true}); err != nil {
		t.Fatal(err)
	}
	if err := svc.Delete(admin, loose.ID, "清理"); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("deleted within retention: %v", err)
	}
	clk.t = importNow.AddDate(0, 7, 0) // past the six months
	if err := svc.Delete(officer, loose.ID, "清理"); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("an officer deleted: %v", err)
	}
	if err := svc.Delete(admin, loose.ID, ""); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("deleted without a reason: %v", err)
	}
	// evidence cannot be detached from its case (it may move to another case)
	if _, err := svc.Relabel(officer, evidence.ID, domain.RecordingLabels{}); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("evidence detached: %v", err)
	}
	if _, err := svc.Assign(officer, []uint64{evidence.ID}, domain.RecordingLabels{CaseID: c3.ID, Stage: domain.StageOnSite}); err != nil {
		t.Fatal(err)
	}
	if r, _ := st.Recording(evidence.ID); r.CaseID != c3.ID || !r.Evidence {
		t.Fatalf("moved evidence %+v", r)
	}
	for _, r := range []domain.Recording{evidence, important} {
		if err := svc.Delete(admin, r.ID, "清理"); domain.ErrorCode(err) != domain.EFORBIDDEN {
			t.Fatalf("deleted %s: %v", r.FileName, err)
		}
	}
	deletable, err := svc.Deletable(admin)
	if err != nil || len(deletable) != 1 || deletable[0].ID != loose.ID {
		t.Fatalf("deletable %+v %v", deletable, err)
	}
	if err := svc.Delete(admin, loose.ID, "磁盘空间不足，清理过期且未关联案件的记录"); err != nil {
		t.Fatal(err)
	}
	if st.Blobs().Has(loose.SHA256) {
		t.Error("the file of the deleted recording is still stored")
	}
	gone, _ := st.Recording(loose.ID)
	if !gone.Deleted || gone.DeletedBy != "admin" {
		t.Errorf("tombstone %+v", gone)
	}
	if list, _ := st.Recordings(store.RecordingFilter{}); len(list) != 2 {
		t.Errorf("%d recordings listed after delete, want 2", len(list))
	}
	verifyStore(t, st)
	events, _ := st.Events(store.EventFilter{ActionPrefix: "recording.delete"})
	if len(events) != 1 || !strings.Contains(events[0].Summary, "磁盘空间不足") {
		t.Errorf("delete events %+v", events)
	}
	// the content is free again: importing the same file later makes a new recording
	if _, ok, err := st.RecordingBySHA(loose.SHA256); err != nil || ok {
		t.Fatalf("deleted content still indexed: %v %v", ok, err)
	}
}

func TestRetentionOnlyLengthened(t *testing.T) {
	svc, st, _ := newService(t)
	r := smallImport(t, svc, importNow.Add(-time.Hour))[0]
	if err := svc.ExtendRetention(officer, []uint64{r.ID}, domain.NewDate(2027, 1, 1), ""); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("shortened: %v", err)
	}
	if err := svc.ExtendRetention(officer, []uint64{r.ID}, domain.NewDate(2028, 1, 1), "投诉未结"); err != nil {
		t.Fatal(err)
	}
	if err := svc.MakePermanent(officer, []uint64{r.ID}, ""); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("permanent without reason: %v", err)
	}
	if err := svc.MakePermanent(officer, []uint64{r.ID}, "执法受阻"); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Recording(r.ID)
	if !got.Permanent || got.RetainUntil != domain.NewDate(2028, 1, 1) || got.RetentionLabel() != "永久" {
		t.Fatalf("%+v", got)
	}
}

func TestLateRuleOnDashboardAndStats(t *testing.T) {
	svc, _, clk := newService(t)
	recs := smallImport(t, svc, importNow.Add(-30*time.Hour), importNow.Add(-50*time.Hour), importNow.Add(-time.Hour),
		importNow.Add(26*time.Hour)) // the last camera's clock runs a day ahead
	todos, err := svc.Todos(officer)
	if err != nil {
		t.Fatal(err)
	}
	find := func(todos []domain.Todo, target string) *domain.Todo {
		for i := range todos {
			if todos[i].Target == target {
				return &todos[i]
			}
		}
		return nil
	}
	late := find(todos, "media:late")
	if late == nil || !strings.HasPrefix(late.Title, "2 段") || late.Severity != domain.SeverityOverdue || late.Owner != "liuyang" {
		t.Fatalf("late todo %+v in %+v", late, todos)
	}
	if find(todos, "media:unassigned") != nil {
		t.Error("asked to assign recordings imported minutes ago")
	}
	// the head sees the office: late recordings and the device with a wrong clock
	todos, _ = svc.Todos(admin)
	if find(todos, "media:late") == nil || find(todos, "settings:media") == nil {
		t.Errorf("admin todos %+v", todos)
	}
	if todos, _ := svc.Todos(clerk); len(todos) != 0 {
		t.Errorf("clerk todos %+v", todos)
	}
	if err := svc.SetLateReason(officer, []uint64{recs[2].ID}, "外出"); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("reason for a recording in time: %v", err)
	}
	if err := svc.SetLateReason(officer, []uint64{recs[0].ID, recs[1].ID}, "在乡镇连续执法两天，无法返回单位"); err != nil {
		t.Fatal(err)
	}
	todos, _ = svc.Todos(officer)
	if find(todos, "media:late") != nil {
		t.Error("late todo remains after the reason was given")
	}
	clk.t = importNow.Add(4 * 24 * time.Hour)
	todos, _ = svc.Todos(officer)
	if u := find(todos, "media:unassigned"); u == nil || !strings.HasPrefix(u.Title, "4 段") {
		t.Errorf("unassigned todo %+v", todos)
	}
	stats, err := svc.Stats(admin, importNow.Add(-time.Hour), importNow.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if stats.Total != 4 || stats.Photos != 4 || stats.Late != 2 || stats.LateExplained != 2 || stats.Unassigned != 4 {
		t.Errorf("stats %+v", stats)
	}
}

func TestPlayLogsAccessAndThumbnails(t *testing.T) {
	svc, st, _ := newService(t)
	r := smallImport(t, svc, importNow.Add(-time.Hour))[0]
	path, err := svc.Play(officer, r.ID, "复核证据")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(path) != r.FileName {
		t.Errorf("play path %s lacks the original name", path)
	}
	a, _ := os.ReadFile(path)
	b, _ := os.ReadFile(st.Blobs().Path(r.SHA256))
	if len(a) == 0 || string(a) != string(b) {
		t.Error("play file differs from the stored copy")
	}
	events, _ := st.Events(store.EventFilter{ActionPrefix: "record."})
	if len(events) != 1 || events[0].Actor != "liuyang" || !strings.Contains(events[0].Summary, "复核证据") {
		t.Fatalf("access log %+v", events)
	}
	if _, err := svc.Play(clerk, r.ID, ""); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("clerk played: %v", err)
	}
	verifyStore(t, st) // the play link under tmp/ is not a stray file

	img, err := svc.Thumbnail(context.Background(), r, 8)
	if err != nil || img.Bounds().Dx() != 8 {
		t.Fatalf("photo thumbnail %v %v", img, err)
	}
	if _, err := svc.Thumbnail(context.Background(), domain.Recording{Kind: domain.RecordingAudio}, 8); err == nil {
		t.Fatal("sound has a thumbnail")
	}
}

func TestVideoThumbnailWithAndWithoutFFmpeg(t *testing.T) {
	mediatest.NeedFFmpeg(t)
	svc, _, _ := newService(t)
	dir := t.TempDir()
	mediatest.Video(t, filepath.Join(dir, "DCAM_CAM001_000001_20260805_100000.MP4"), "2", "", 1)
	items, _ := svc.Scan(context.Background(), dir, nil)
	img, err := recording.CandidateThumbnail(context.Background(), items[0], 64)
	if err != nil || img.Bounds().Dx() != 64 {
		t.Fatalf("video thumbnail %v", err)
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := recording.CandidateThumbnail(context.Background(), items[0], 64); !errors.Is(err, media.ErrNoFFmpeg) {
		t.Fatalf("without ffmpeg: %v", err)
	}
}

func TestMustRecordRuleOnTheCase(t *testing.T) {
	svc, st, _ := newService(t)
	seize := newCase(t, st, 11, func(c *domain.Case) {
		c.Type, c.MatterName, c.Stage = domain.ActCoercion, "查封、扣押不符合安全标准的食品", domain.StageDecide
		c.History = []domain.StageRecord{{Stage: domain.StageAccept}, {Stage: domain.StageOnSite}}
	})
	m, err := st.SaveMatter(store.Change{Actor: "admin"}, domain.Matter{Name: "销售过期食品", Type: domain.ActPenalty,
		LegalBasis: "《食品安全法》第一百二十四条", RecordingStages: []domain.Stage{domain.StageOnSite}})
	if err != nil {
		t.Fatal(err)
	}
	listed := newCase(t, st, 12, func(c *domain.Case) { c.MatterID = m.ID }) // in 现场检查 now
	plain := newCase(t, st, 13)                                              // a penalty case without hearing: nothing required

	for _, c := range []struct {
		id       uint64
		required string
		missing  string
	}{{seize.ID, "现场检查、执行", "现场检查"}, {listed.ID, "现场检查", "现场检查"}, {plain.ID, "听证", ""}} {
		cr, err := svc.ForCase(officer, c.id)
		if err != nil {
			t.Fatal(err)
		}
		if domain.StageLabels(cr.Required) != c.required || domain.StageLabels(cr.Missing) != c.missing {
			t.Errorf("case %d: required %s missing %s, want %s / %s", c.id,
				domain.StageLabels(cr.Required), domain.StageLabels(cr.Missing), c.required, c.missing)
		}
	}
	find := func(todos []domain.Todo, target string) bool {
		for _, td := range todos {
			if td.Target == target && strings.Contains(td.Title, "现场检查") {
				return true
			}
		}
		return false
	}
	target := fmt.Sprintf("cases:%d", seize.ID)
	if todos, _ := svc.Todos(officer); !find(todos, target) {
		t.Errorf("the assigned officer is not told: %+v", todos)
	}
	if todos, _ := svc.Todos(admin); !find(todos, target) {
		t.Errorf("the head is not told: %+v", todos)
	}
	stranger := session("chenjing", domain.RoleOfficer)
	stranger.User.OfficerID = 9
	if todos, _ := svc.Todos(stranger); find(todos, target) {
		t.Error("an officer of other cases is told")
	}
	if _, err := svc.ForCase(stranger, seize.ID); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("a stranger sees the case's recordings: %v", err)
	}

	// attaching a (late) recording of the on-site measure satisfies the rule
	r := smallImport(t, svc, importNow.Add(-30*time.Hour))[0]
	if _, err := svc.Assign(officer, []uint64{r.ID}, domain.RecordingLabels{CaseID: seize.ID, Stage: domain.StageOnSite, Evidence: true}); err != nil {
		t.Fatal(err)
	}
	missing, err := svc.MissingStages(seize.ID)
	if err != nil || len(missing) != 0 {
		t.Fatalf("still missing %v %v", missing, err)
	}
	cr, _ := svc.ForCase(officer, seize.ID)
	if len(cr.Recordings) != 1 || cr.Late != 1 {
		t.Errorf("case recordings %d, late %d", len(cr.Recordings), cr.Late)
	}
	if todos, _ := svc.Todos(officer); find(todos, target) {
		t.Error("the todo remains after the recording was attached")
	}
	choices, err := svc.CaseChoices(officer)
	if err != nil || len(choices) != 3 {
		t.Errorf("case choices %+v %v", choices, err)
	}
}

func TestOfficersSeeTheirOwnCasesRecordings(t *testing.T) {
	svc, st, _ := newService(t)
	recs := smallImport(t, svc, importNow.Add(-3*time.Hour), importNow.Add(-2*time.Hour), importNow.Add(-time.Hour))
	mine, theirs := newCase(t, st, 21), newCase(t, st, 22, func(c *domain.Case) { c.OfficerIDs = []uint64{3, 4} })
	if _, err := svc.Assign(admin, []uint64{recs[0].ID}, domain.RecordingLabels{CaseID: mine.ID, Stage: domain.StageOnSite}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Assign(admin, []uint64{recs[1].ID}, domain.RecordingLabels{CaseID: theirs.ID, Stage: domain.StageOnSite}); err != nil {
		t.Fatal(err)
	}
	other := session("zhoulei", domain.RoleOfficer) // did not import them, assigned to no case
	other.User.OfficerID = 7
	for _, c := range []struct {
		sess office.Session
		want int
	}{{admin, 3}, {officer, 3}, {other, 1}} { // officer imported all three
		list, err := svc.List(c.sess, store.RecordingFilter{})
		if err != nil || len(list) != c.want {
			t.Errorf("%s sees %d, want %d (%v)", c.sess.User.Name, len(list), c.want, err)
		}
	}
	if _, err := svc.Play(other, recs[1].ID, ""); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("an officer of other cases played a case's recording: %v", err)
	}
}

// A photo imported from a camera and also used elsewhere (here as an officer's photo on the
// posting board) is one blob; deleting the expired recording must not remove the file the
// officer still shows.
func TestDeleteKeepsAFileStillUsedElsewhere(t *testing.T) {
	svc, st, clk := newService(t)
	r := smallImport(t, svc, importNow.Add(-time.Hour))[0]
	o, err := st.SaveOfficer(store.Change{Actor: "admin"}, domain.Officer{Name: "何晓", Unit: "政务服务窗口", PhotoSHA: r.SHA256})
	if err != nil {
		t.Fatal(err)
	}
	clk.t = importNow.AddDate(0, 7, 0)
	if err := svc.Delete(admin, r.ID, "清理过期记录"); err != nil {
		t.Fatal(err)
	}
	if !st.Blobs().Has(r.SHA256) {
		t.Fatalf("deleting the recording removed the photo of officer %d", o.ID)
	}
	verifyStore(t, st)
}
