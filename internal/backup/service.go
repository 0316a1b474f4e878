package backup

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// PermBackup guards making backups and changing their schedule (the administrator's job,
// DOMAIN.md §6).
var PermBackup = domain.NewPermission("backup.run", domain.RoleAdmin)

// Schedule is where and how often the office backs up; the dashboard reminds when a
// backup is due.
type Schedule struct {
	Folder    string `json:"folder"`     // e.g. a folder on an external disk
	EveryDays int    `json:"every_days"` // remind after this many days without a backup
}

// DefaultEveryDays is the reminder interval until the administrator sets one.
const DefaultEveryDays = 7

const settingSchedule = "backup.schedule"

// Service is the backup capability inside the running LawDesk.
type Service struct {
	st *store.Store
}

// New returns the backup service over st.
func New(st *store.Store) *Service { return &Service{st: st} }

// Schedule returns the office's backup schedule (DefaultEveryDays when never set).
func (s *Service) Schedule() (Schedule, error) {
	sc := Schedule{EveryDays: DefaultEveryDays}
	_, err := s.st.Setting(settingSchedule, &sc)
	return sc, err
}

// SaveSchedule checks and stores the schedule.
func (s *Service) SaveSchedule(sess office.Session, sc Schedule) error {
	if err := domain.Require(sess.User, PermBackup, "设置数据备份"); err != nil {
		return err
	}
	sc.Folder = strings.TrimSpace(sc.Folder)
	if sc.Folder == "" {
		return domain.Errorf(domain.EINVALID, "“备份位置”不能为空：请选择移动硬盘或其他磁盘上的一个文件夹。")
	}
	if !filepath.IsAbs(sc.Folder) {
		return domain.Errorf(domain.EINVALID, "“备份位置”请填完整的路径（例如 E:\\LawDesk备份），现在是“%s”。", sc.Folder)
	}
	data, _ := filepath.Abs(s.st.Dir())
	if inside(sc.Folder, data) {
		return domain.Errorf(domain.EINVALID, "“备份位置”不能在数据目录 %s 里面：电脑坏了备份也会一起丢失。请选择移动硬盘或其他磁盘。", data)
	}
	if sc.EveryDays < 1 || sc.EveryDays > 90 {
		return domain.Errorf(domain.EINVALID, "“提醒间隔”应在 1 到 90 天之间，现在是 %d。", sc.EveryDays)
	}
	return s.st.SaveSetting(sess.Actor(), settingSchedule, sc,
		fmt.Sprintf("备份位置设为 %s，每 %d 天提醒", sc.Folder, sc.EveryDays))
}

// Run backs up into the schedule's folder (or file, when not empty) while LawDesk stays
// in use, and records the backup.
func (s *Service) Run(ctx context.Context, sess office.Session, file string, progress Progress) (Result, error) {
	if err := domain.Require(sess.User, PermBackup, "备份数据"); err != nil {
		return Result{}, err
	}
	if file == "" {
		sc, err := s.Schedule()
		if err != nil {
			return Result{}, err
		}
		if sc.Folder == "" {
			return Result{}, domain.Errorf(domain.EINVALID, "还没有设置“备份位置”。请先选择移动硬盘或其他磁盘上的一个文件夹。")
		}
		if _, err := os.Stat(sc.Folder); err != nil {
			return Result{}, domain.Errorf(domain.ENOTFOUND, "找不到备份位置 %s。如果备份在移动硬盘上，请先插好移动硬盘再备份。", sc.Folder)
		}
		file = filepath.Join(sc.Folder, DefaultName(s.st.Now()))
	}
	res, err := Backup(ctx, s.st, file, progress)
	if err != nil {
		return res, err
	}
	return res, Record(s.st, sess.Actor(), res)
}

// Found is one backup file seen in a folder.
type Found struct {
	File     string
	Manifest Manifest
}

// List returns the backups in folder, newest first; files that are not backups are skipped.
func List(folder string) ([]Found, error) {
	entries, err := os.ReadDir(folder)
	if err != nil {
		return nil, domain.Wrap(err, domain.ENOTFOUND, "无法打开备份位置 %s。如果备份在移动硬盘上，请先插好移动硬盘。", folder)
	}
	var out []Found
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".zip") {
			continue
		}
		path := filepath.Join(folder, e.Name())
		zr, m, err := Open(path)
		if err != nil {
			continue
		}
		zr.Close()
		out = append(out, Found{File: path, Manifest: m})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Manifest.Created.After(out[j].Manifest.Created) })
	return out, nil
}

// Last is the most recent backup of this data directory: the one recorded in the store
// or, when newer, one found in the schedule's folder (made by `lawdesk backup` while the
// window was open, which cannot write to the store). ok is false when there is none.
func (s *Service) Last() (last Last, ok bool, err error) {
	ok, err = s.st.Setting(settingLast, &last)
	if err != nil {
		return last, ok, err
	}
	sc, err := s.Schedule()
	if err != nil || sc.Folder == "" {
		return last, ok, err
	}
	found, _ := List(sc.Folder)
	data, _ := filepath.Abs(s.st.Dir())
	for _, f := range found {
		if src, _ := filepath.Abs(f.Manifest.Source); src != data {
			continue
		}
		if f.Manifest.Created.After(last.Time) {
			last = Last{Time: f.Manifest.Created, File: f.File, Blobs: len(f.Manifest.Blobs),
				Bytes: f.Manifest.DB.Size + f.Manifest.TotalBlobBytes()}
			ok = true
		}
		break
	}
	return last, ok, nil
}

// Todos reminds administrators to set up backups and to back up when one is due.
func (s *Service) Todos(sess office.Session) ([]domain.Todo, error) {
	if !domain.Allowed(sess.User.Roles, PermBackup) {
		return nil, nil
	}
	sc, err := s.Schedule()
	if err != nil {
		return nil, err
	}
	last, ok, err := s.Last()
	if err != nil {
		return nil, err
	}
	todo := domain.Todo{Kind: "备份", Target: "settings:backup"}
	now := s.st.Now()
	switch {
	case sc.Folder == "" && !ok:
		todo.Title = "设置数据备份"
		todo.Detail = "硬盘损坏时，没有备份的数据无法找回。请准备移动硬盘，在“系统设置 → 数据备份”中设置。"
		todo.Severity = domain.SeverityInfo
	case !ok:
		todo.Title = "还没有备份过数据"
		todo.Detail = fmt.Sprintf("请插好移动硬盘，备份到 %s。", sc.Folder)
		todo.Severity = domain.SeverityDueSoon
	default:
		due := last.Time.Add(time.Duration(sc.EveryDays) * 24 * time.Hour)
		if now.Before(due) {
			return nil, nil
		}
		days := int(now.Sub(last.Time).Hours() / 24)
		todo.Title = "该备份数据了"
		todo.Detail = fmt.Sprintf("上次备份在 %d 天前（%s，%s）。按设置每 %d 天备份一次。",
			days, last.Time.Local().Format("2006-01-02 15:04"), filepath.Base(last.File), sc.EveryDays)
		todo.Due = due
		todo.Severity = domain.SeverityDueSoon
		if now.After(due.Add(time.Duration(sc.EveryDays) * 24 * time.Hour)) {
			todo.Severity = domain.SeverityOverdue
		}
	}
	return []domain.Todo{todo}, nil
}
