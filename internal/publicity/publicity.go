// Package publicity is the 行政执法公示 capability before and during enforcement: the
// lists an office publishes (执法主体, 执法人员, 执法事项, 随机抽查事项, 服务指南, 裁量基准,
// 投诉举报与监督方式, 救济渠道) with their published versions, spreadsheet import and export,
// printing, and the posting-board cards (岗位信息公示牌) of the service windows.
//
// Clerks edit a list's entries freely; each edit is saved at once and the list counts as
// changed. Publishing a new version (发布新版本) with a date and a reason keeps the list
// exactly as published; the dashboard warns when changes have waited longer than the
// office's limit (one month unless set otherwise).
package publicity

import (
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/store"
)

// Permissions of this capability.
var (
	// PermEditLists: add, edit, remove and import entries of the published lists.
	PermEditLists = domain.NewPermission("publicity.lists.edit", domain.RoleAdmin, domain.RoleReviewer, domain.RoleClerk)
	// PermPublishLists: publish a new version of a list (the office vouches for it).
	PermPublishLists = domain.NewPermission("publicity.lists.publish", domain.RoleAdmin, domain.RoleHead)
	// PermExportLists: export entries to spreadsheets, including fields that are not public.
	PermExportLists = domain.NewPermission("publicity.lists.export", domain.RoleAdmin, domain.RoleHead, domain.RoleReviewer, domain.RoleClerk)
	// PermEditCards: the service windows and their posting-board cards.
	PermEditCards = domain.NewPermission("publicity.cards.edit", domain.RoleAdmin, domain.RoleClerk)
)

// Service is the publicity capability over one store.
type Service struct {
	st *store.Store
}

// New returns the publicity service.
func New(st *store.Store) *Service { return &Service{st: st} }

// Item is one entry of a list as shown on screen.
type Item struct {
	ID     uint64
	Row    Row
	Active bool   // in the published list
	Status string // computed, e.g. 证件即将到期（还有 30 天）
	Level  int    // how the status reads: LevelPlain, LevelGood, LevelSoon or LevelBad
}

// Levels of an item's status.
const (
	LevelPlain = 0 // information, e.g. a matter's flags
	LevelGood  = 1 // all is well, e.g. 可执法
	LevelSoon  = 2 // needs attention soon, e.g. a certificate expiring within 60 days
	LevelBad   = 3 // not allowed or overdue, e.g. an expired certificate
)

// Text is the item's value of field key.
func (it Item) Text(key string) string { return it.Row[key] }

// lister is a list behind an untyped interface: the service and the screens work with
// Rows, each list converts them to and from its typed entries.
type lister interface {
	spec() *Spec
	items(st *store.Store, c *listCtx) ([]Item, error)
	save(st *store.Store, ch store.Change, id uint64, row Row, c *listCtx) (Item, error)
	remove(st *store.Store, ch store.Change, id uint64) (string, error)
	snapshot(st *store.Store, c *listCtx) (domain.ListSnapshot, error)
	preview(st *store.Store, c *listCtx, sh *sheet, progress func(done, total int)) (*ImportPlan, error)
}

func (o *ops[T]) spec() *Spec { return o.def }

func (o *ops[T]) item(t T, c *listCtx) Item {
	it := Item{ID: o.id(t), Row: o.toRow(t, c), Active: o.active(t)}
	if o.status != nil {
		it.Status, it.Level = o.status(t, c)
	}
	return it
}

func (o *ops[T]) items(st *store.Store, c *listCtx) ([]Item, error) {
	all, err := o.all(st)
	if err != nil {
		return nil, err
	}
	out := make([]Item, len(all))
	for i, t := range all {
		out[i] = o.item(t, c)
	}
	return out, nil
}

// describe names an entry in messages by its first required field, e.g. its name.
func (o *ops[T]) describe(t T, c *listCtx) string {
	row := o.toRow(t, c)
	for _, f := range o.def.Fields {
		if f.Key == "name" || f.Key == "body" || f.Key == "violation" {
			return row[f.Key]
		}
	}
	return row[o.def.Fields[0].Key]
}

func (o *ops[T]) save(st *store.Store, ch store.Change, id uint64, row Row, c *listCtx) (Item, error) {
	all, err := o.all(st)
	if err != nil {
		return Item{}, err
	}
	var base T
	found := id == 0
	for _, t := range all {
		if o.id(t) == id && id != 0 {
			base, found = t, true
		}
	}
	if !found {
		return Item{}, domain.Errorf(domain.ENOTFOUND, "要修改的%s条目不存在，可能已被删除。请刷新后重试。", o.def.Title())
	}
	t, err := o.fromRow(base, row, c)
	if err == nil {
		err = o.validate(t, c)
	}
	if err != nil {
		return Item{}, err
	}
	if id != 0 && sameRow(o.toRow(base, c), o.toRow(t, c)) {
		return o.item(base, c), nil // nothing changed: no audit event, nothing to publish
	}
	key := o.key(t)
	for _, other := range all {
		if o.id(other) != id && o.key(other) == key {
			return Item{}, domain.FieldErrorf(o.keyField(t), "与已有的“%s”重复（%s相同）。同一条目只能登记一次，请修改已有的那一条。",
				o.describe(other, c), o.keyHeader)
		}
	}
	saved, err := o.write(st, ch, t)
	if err != nil {
		return Item{}, err
	}
	return o.item(saved, c), nil
}

// keyField is the field a duplicate message is shown beside.
func (o *ops[T]) keyField(t T) string {
	row := o.toRow(t, &listCtx{})
	for _, k := range []string{"cert_no", "code"} {
		if _, ok := o.def.Field(k); ok && row[k] != "" {
			return k
		}
	}
	for _, k := range []string{"name", "body", "circumstance"} {
		if _, ok := o.def.Field(k); ok {
			return k
		}
	}
	return o.def.Fields[0].Key
}

func (o *ops[T]) remove(st *store.Store, ch store.Change, id uint64) (string, error) {
	all, err := o.all(st)
	if err != nil {
		return "", err
	}
	for _, t := range all {
		if o.id(t) == id {
			return o.describe(t, &listCtx{}), o.discard(st, ch, t)
		}
	}
	return "", domain.Errorf(domain.ENOTFOUND, "要删除的%s条目不存在，可能已被删除。请刷新后重试。", o.def.Title())
}

// snapshot is the list as it would be published now: the active entries, printed columns.
func (o *ops[T]) snapshot(st *store.Store, c *listCtx) (domain.ListSnapshot, error) {
	all, err := o.all(st)
	if err != nil {
		return domain.ListSnapshot{}, err
	}
	fields := o.def.PrintFields()
	snap := domain.ListSnapshot{}
	for _, f := range fields {
		snap.Columns = append(snap.Columns, domain.SnapshotColumn{Key: f.Key, Header: f.Header})
	}
	for _, t := range all {
		if !o.active(t) {
			continue
		}
		row := o.toRow(t, c)
		values := make([]string, len(fields))
		for i, f := range fields {
			values[i] = row[f.Key]
		}
		snap.Items = append(snap.Items, domain.SnapshotItem{ID: o.id(t), Values: values})
	}
	return snap, nil
}

// ctx builds the conversion context: today and the benchmark codes.
func (s *Service) ctx() (*listCtx, error) {
	c := &listCtx{today: domain.DateOf(s.st.Now()), benchmarks: map[string]string{}}
	bs, err := s.st.Benchmarks()
	if err != nil {
		return nil, err
	}
	for _, b := range bs {
		if _, ok := c.benchmarks[b.Code]; !ok {
			c.benchmarks[b.Code] = b.Violation
		}
	}
	return c, nil
}

// Items lists the entries of kind as they stand (published or not), for the list screen.
// Everyone who can sign in may look at the lists: they are public.
func (s *Service) Items(sess office.Session, kind domain.ListKind) ([]Item, error) {
	if err := domain.Require(sess.User, domain.PermViewDashboard, "查看公示清单"); err != nil {
		return nil, err
	}
	l, err := listerOf(kind)
	if err != nil {
		return nil, err
	}
	c, err := s.ctx()
	if err != nil {
		return nil, err
	}
	return l.items(s.st, c)
}

// Save adds (id 0) or changes an entry from the text of a form. Validation errors name
// their field (domain.ErrorField). The change waits for the next published version.
func (s *Service) Save(sess office.Session, kind domain.ListKind, id uint64, row Row) (Item, error) {
	if err := domain.Require(sess.User, PermEditLists, "修改公示清单"); err != nil {
		return Item{}, err
	}
	l, err := listerOf(kind)
	if err != nil {
		return Item{}, err
	}
	c, err := s.ctx()
	if err != nil {
		return Item{}, err
	}
	return l.save(s.st, store.Change{Actor: sess.Actor()}, id, row, c)
}

// Remove deletes an entry, or for officers and matters marks it as left or retired (they
// stay on record because cases refer to them). Published versions are not affected.
func (s *Service) Remove(sess office.Session, kind domain.ListKind, id uint64, reason string) error {
	if err := domain.Require(sess.User, PermEditLists, "修改公示清单"); err != nil {
		return err
	}
	l, err := listerOf(kind)
	if err != nil {
		return err
	}
	_, err = l.remove(s.st, store.Change{Actor: sess.Actor(), Reason: strings.TrimSpace(reason)}, id)
	return err
}

// Suggestions are values already used for a Suggest field, for the form's drop-down: the
// handling units named in the 执法主体 list and values other entries use.
func (s *Service) Suggestions(sess office.Session, kind domain.ListKind, key string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(v string) {
		for _, p := range splitLines(v) {
			if p != "" && !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	if key == "unit" || key == "accepting" || key == "deciding" || key == "parent" {
		bodies, err := s.st.Bodies()
		if err != nil {
			return nil, err
		}
		for _, b := range bodies {
			if key != "parent" || b.Kind != domain.BodyUnit {
				add(b.Name)
			}
		}
	}
	items, err := s.Items(sess, kind)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		add(it.Row[key])
	}
	return out, nil
}

// BenchmarkChoices lists the benchmark violations matters can link to, as "编号 违法行为".
func (s *Service) BenchmarkChoices() ([]string, error) {
	c, err := s.ctx()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, code := range sortedKeys(c.benchmarks) {
		out = append(out, code+" "+c.benchmarks[code])
	}
	return out, nil
}

// Officers lists every officer (including those who left), for other capabilities and the
// user-account dialog.
func (s *Service) Officers() ([]domain.Officer, error) { return s.st.Officers() }

// Matters lists every enforcement matter (including retired ones).
func (s *Service) Matters() ([]domain.Matter, error) { return s.st.Matters() }

// OfficerAccounts maps officer IDs to the login names of the accounts linked to them.
func (s *Service) OfficerAccounts() (map[uint64]string, error) {
	users, err := s.st.Users()
	if err != nil {
		return nil, err
	}
	out := map[uint64]string{}
	for _, u := range users {
		if u.OfficerID != 0 {
			if out[u.OfficerID] != "" {
				out[u.OfficerID] += "、"
			}
			out[u.OfficerID] += u.Name
		}
	}
	return out, nil
}
