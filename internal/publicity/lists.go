package publicity

import (
	"fmt"
	"sort"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

// listCtx is what converting entries needs beyond the entry: the day (for the training
// year and certificate status) and the benchmark codes matters may link to.
type listCtx struct {
	today      domain.Date
	benchmarks map[string]string // 编号 → 违法行为
}

// ops is the typed side of one list: how its entries are read, written, converted to and
// from Rows, and identified on re-import.
type ops[T any] struct {
	def       *Spec
	all       func(st *store.Store) ([]T, error)
	id        func(T) uint64
	active    func(T) bool // in the published list (officers who left and retired matters are not)
	toRow     func(T, *listCtx) Row
	fromRow   func(T, Row, *listCtx) (T, error) // sets the fields present in the row
	validate  func(T, *listCtx) error
	key       func(T) string
	keyHeader string // what the key is called in duplicate messages, e.g. 执法证号
	write     func(st *store.Store, ch store.Change, t T) (T, error)
	discard   func(st *store.Store, ch store.Change, t T) error
	importAll func(st *store.Store, ch store.Change, rev uint64, items []T, summary string) error
	status    func(T, *listCtx) (string, int) // computed status and its Level
}

func actLabels() []string { return labels(domain.AllActTypes, domain.ActType.Label) }

func stageLabels() []string { return labels(domain.AllStages, domain.Stage.Label) }

// ---- 执法人员清单 ----

var officerSpec = &Spec{
	Kind:  domain.ListOfficers,
	Intro: "执法人员凭有效执法证件执法；证件到期前 60 天提醒，每年培训不少于 40 学时。调离的人员保留记录，不再列入公示清单。",
	Fields: []Field{
		{Key: "name", Header: "姓名", Kind: Text, Required: true, Print: 1.0, Table: 80},
		{Key: "unit", Header: "所在单位", Kind: Suggest, Required: true, Print: 2.2, Table: 195, Aliases: []string{"单位", "工作单位"}},
		{Key: "post", Header: "职务", Kind: Text, Print: 1.1, Table: 85, Aliases: []string{"岗位", "职务或岗位"}},
		{Key: "cert_no", Header: "执法证号", Kind: Text, Print: 1.5, Table: 110, Aliases: []string{"执法证件号", "执法证件号码"}},
		{Key: "cert_issuer", Header: "发证机关", Kind: Suggest, Print: 1.4, Hint: "省级人民政府或国务院部门，例如“贵州省人民政府”"},
		{Key: "category", Header: "执法类别", Kind: Suggest, Print: 1.5, Aliases: []string{"执法门类"}},
		{Key: "region", Header: "执法区域", Kind: Suggest, Print: 1.5, Aliases: []string{"执法地域"}},
		{Key: "valid_until", Header: "有效期至", Kind: Date, Print: 1.3, Table: 90, Hint: "例如 2028-06-30", Aliases: []string{"证件有效期", "有效期"}},
		{Key: "phone", Header: "联系电话", Kind: Text},
		{Key: "training", Header: "本年培训学时", Kind: Number, Table: 95, Hint: "今年已完成的执法培训学时，每年不少于 40 学时", Aliases: []string{"本年度培训学时", "培训学时"}},
		{Key: "reviewer", Header: "法制审核人员", Kind: Bool, Hint: "在法制机构从事法制审核工作"},
		{Key: "left", Header: "已调离", Kind: Bool, Hint: "调离或退休的人员不再列入公示清单，记录保留"},
		{Key: "note", Header: "备注", Kind: LongText},
	},
	StatusHeader: "状态",
	RemoveWord:   "标记调离",
}

var officerOps = &ops[domain.Officer]{
	def:    officerSpec,
	all:    (*store.Store).Officers,
	id:     func(o domain.Officer) uint64 { return o.ID },
	active: func(o domain.Officer) bool { return !o.Left },
	toRow: func(o domain.Officer, c *listCtx) Row {
		r := Row{"name": o.Name, "unit": o.Unit, "post": o.Post, "cert_no": o.CertNo, "cert_issuer": o.CertIssuer,
			"category": o.Category, "region": o.Region, "valid_until": o.ValidUntil.String(), "phone": o.Phone,
			"reviewer": boolText(o.Reviewer), "left": boolText(o.Left), "note": o.Note, "training": ""}
		if h, ok := o.TrainingHours[c.today.Year]; ok {
			r["training"] = numberText(h)
		}
		return r
	},
	fromRow: func(o domain.Officer, row Row, c *listCtx) (domain.Officer, error) {
		r := &rowReader{spec: officerSpec, row: row}
		r.text("name", &o.Name)
		r.text("unit", &o.Unit)
		r.text("post", &o.Post)
		r.text("cert_no", &o.CertNo)
		o.CertNo = strings.ToUpper(o.CertNo)
		r.text("cert_issuer", &o.CertIssuer)
		r.text("category", &o.Category)
		r.text("region", &o.Region)
		r.date("valid_until", &o.ValidUntil)
		r.text("phone", &o.Phone)
		r.boolean("reviewer", &o.Reviewer)
		r.boolean("left", &o.Left)
		r.text("note", &o.Note)
		if f, v, ok := r.field("training"); ok {
			h, set, err := parseNumber(f, v)
			if err != nil {
				return o, err
			}
			hours := make(map[int]float64, len(o.TrainingHours)+1)
			for y, x := range o.TrainingHours {
				hours[y] = x
			}
			if set {
				hours[c.today.Year] = h
			} else {
				delete(hours, c.today.Year)
			}
			o.TrainingHours = hours
			if len(hours) == 0 {
				o.TrainingHours = nil
			}
		}
		return o, r.err
	},
	validate:  func(o domain.Officer, _ *listCtx) error { return o.Validate() },
	key:       domain.Officer.Key,
	keyHeader: "执法证号（无证号时为姓名和单位）",
	write:     (*store.Store).SaveOfficer,
	discard: func(st *store.Store, ch store.Change, o domain.Officer) error {
		o.Left = true
		_, err := st.SaveOfficer(ch, o)
		return err
	},
	importAll: (*store.Store).ImportOfficers,
	status: func(o domain.Officer, c *listCtx) (string, int) {
		s := o.CertStatus(c.today)
		level := LevelGood
		switch s {
		case "证件即将到期":
			level = LevelSoon
			s += fmt.Sprintf("（还有 %d 天）", c.today.DaysUntil(o.ValidUntil))
		case "证件已过期", "无执法证":
			level = LevelBad
		}
		if !o.Left {
			if short := o.TrainingShort(c.today.Year); short > 0 {
				s += fmt.Sprintf("；培训差 %s 学时", numberText(short))
				if level == LevelGood {
					level = LevelSoon
				}
			}
		}
		return s, level
	},
}

// ---- 执法事项清单 ----

var matterSpec = &Spec{
	Kind:  domain.ListMatters,
	Intro: "每个执法事项写明类别、实施依据、裁量基准和承办机构；标记为随机抽查事项、需要音像记录的环节和必经法制审核的事项，案件办理时会自动使用。",
	Fields: []Field{
		{Key: "type", Header: "事项类别", Kind: Choice, Required: true, Choices: actLabels(), Print: 0.9, Table: 80, Aliases: []string{"执法类别", "类别"}},
		{Key: "code", Header: "事项编码", Kind: Text, Print: 1.2, Table: 118, Aliases: []string{"编码"}},
		{Key: "name", Header: "事项名称", Kind: Text, Required: true, Print: 2.2, Table: 215},
		{Key: "basis", Header: "实施依据", Kind: LongText, Required: true, Print: 3.2, Table: 175, Hint: "法律法规名称和条款，例如《中华人民共和国食品安全法》第一百二十四条", Aliases: []string{"设定依据", "法律依据"}},
		{Key: "benchmark", Header: "裁量基准", Kind: LongText, Hint: "裁量基准的说明；也可以在下面勾选裁量基准清单中的条目"},
		{Key: "benchmark_codes", Header: "裁量基准编号", Kind: Multi, Hint: "对应裁量基准清单中的编号，多个用“、”分隔"},
		{Key: "benchmark_ref", Header: "裁量基准", Print: 2.0, Computed: true},
		{Key: "unit", Header: "承办机构", Kind: Suggest, Print: 1.2, Table: 150, Aliases: []string{"实施机构", "责任科室"}},
		{Key: "time_limit", Header: "办理时限", Kind: Text, Print: 0.9},
		{Key: "random", Header: "随机抽查事项", Kind: Bool, Print: 0.8, Hint: "同时列入随机抽查事项清单"},
		{Key: "recording", Header: "音像记录环节", Kind: Multi, Choices: stageLabels(), Hint: "这些环节必须全程音像记录（音像记录事项清单）"},
		{Key: "major", Header: "必经法制审核", Kind: Bool, Hint: "这个事项的每个决定都要经过法制审核"},
		{Key: "retired", Header: "已停用", Kind: Bool, Hint: "不再实施的事项不列入公示清单，记录保留（案件可能引用它）"},
		{Key: "note", Header: "备注", Kind: LongText},
	},
	StatusHeader: "标记",
	StatusAfter:  "name",
	RemoveWord:   "停用",
}

var matterOps = &ops[domain.Matter]{
	def:    matterSpec,
	all:    (*store.Store).Matters,
	id:     func(m domain.Matter) uint64 { return m.ID },
	active: func(m domain.Matter) bool { return !m.Retired },
	toRow: func(m domain.Matter, c *listCtx) Row {
		ref := m.Benchmark
		if ref == "" && len(m.BenchmarkCodes) > 0 {
			var parts []string
			for _, code := range m.BenchmarkCodes {
				parts = append(parts, strings.TrimSpace(code+" "+c.benchmarks[code]))
			}
			ref = "见裁量基准 " + strings.Join(parts, "；")
		}
		return Row{"type": m.Type.Label(), "code": m.Code, "name": m.Name, "basis": m.LegalBasis, "benchmark": m.Benchmark,
			"benchmark_codes": strings.Join(m.BenchmarkCodes, "、"), "benchmark_ref": ref, "unit": m.HandlingUnit,
			"time_limit": m.TimeLimit, "random": boolText(m.RandomInspection), "recording": domain.StageLabels(m.RecordingStages),
			"major": boolText(m.AlwaysMajor), "retired": boolText(m.Retired), "note": m.Note}
	},
	fromRow: func(m domain.Matter, row Row, c *listCtx) (domain.Matter, error) {
		r := &rowReader{spec: matterSpec, row: row}
		if f, v, ok := r.field("type"); ok {
			t, err := domain.ParseActType(v)
			if err != nil {
				return m, fieldErr(f, "%s", domain.ErrorMessage(err))
			}
			m.Type = t
		}
		r.text("code", &m.Code)
		r.text("name", &m.Name)
		r.text("basis", &m.LegalBasis)
		r.text("benchmark", &m.Benchmark)
		if _, v, ok := r.field("benchmark_codes"); ok {
			m.BenchmarkCodes = splitList(v)
		}
		r.text("unit", &m.HandlingUnit)
		r.text("time_limit", &m.TimeLimit)
		r.boolean("random", &m.RandomInspection)
		if f, v, ok := r.field("recording"); ok {
			m.RecordingStages = nil
			for _, s := range splitList(v) {
				st, err := domain.ParseStage(s)
				if err != nil {
					return m, fieldErr(f, "%s", domain.ErrorMessage(err))
				}
				m.RecordingStages = append(m.RecordingStages, st)
			}
		}
		r.boolean("major", &m.AlwaysMajor)
		r.boolean("retired", &m.Retired)
		r.text("note", &m.Note)
		return m, r.err
	},
	validate: func(m domain.Matter, c *listCtx) error {
		if err := m.Validate(); err != nil {
			return err
		}
		for _, code := range m.BenchmarkCodes {
			if _, ok := c.benchmarks[code]; !ok {
				return domain.FieldErrorf("benchmark_codes", "裁量基准编号“%s”不在裁量基准清单中。请先在“裁量基准”中添加（或导入）它，或者改正编号。", code)
			}
		}
		return nil
	},
	key:       domain.Matter.Key,
	keyHeader: "事项编码（无编码时为类别和名称）",
	write:     (*store.Store).SaveMatter,
	discard: func(st *store.Store, ch store.Change, m domain.Matter) error {
		m.Retired = true
		_, err := st.SaveMatter(ch, m)
		return err
	},
	importAll: (*store.Store).ImportMatters,
	status: func(m domain.Matter, _ *listCtx) (string, int) {
		if m.Retired {
			return "已停用", 0
		}
		var flags []string
		if m.RandomInspection {
			flags = append(flags, "随机抽查")
		}
		if len(m.RecordingStages) > 0 {
			flags = append(flags, "音像记录")
		}
		if m.AlwaysMajor {
			flags = append(flags, "必经法审")
		}
		return strings.Join(flags, "、"), 0
	},
}

// ---- 执法主体 ----

var bodySpec = &Spec{
	Kind:  domain.ListBodies,
	Intro: "本机关、法律法规授权组织、受委托组织及各承办机构（内设科室、所队）的职责分工。",
	Fields: []Field{
		{Key: "kind", Header: "主体类型", Kind: Choice, Required: true, Choices: labels(domain.AllBodyKinds, domain.BodyKind.Label), Print: 1.0, Table: 95, Aliases: []string{"类型"}},
		{Key: "name", Header: "名称", Kind: Text, Required: true, Print: 1.8, Table: 250, Aliases: []string{"主体名称", "机构名称"}},
		{Key: "parent", Header: "所属主体/委托机关", Kind: Suggest, Print: 1.4, Hint: "承办机构填所属执法主体；受委托组织填委托机关", Aliases: []string{"所属执法主体", "委托机关"}},
		{Key: "credit_code", Header: "统一社会信用代码", Kind: Text, Print: 1.7, Table: 170},
		{Key: "legal_rep", Header: "法定代表人/负责人", Kind: Text, Print: 0.9, Table: 100, Aliases: []string{"法定代表人", "负责人"}},
		{Key: "duties", Header: "职责及分工", Kind: LongText, Print: 3.0, Table: 185, Aliases: []string{"主要职责", "职责"}},
		{Key: "jurisdiction", Header: "管辖范围", Kind: Text, Print: 1.2},
		{Key: "entrustment", Header: "委托依据及委托协议", Kind: LongText, Print: 1.5, Hint: "受委托组织必填：委托的法律依据、委托协议名称和期限"},
		{Key: "address", Header: "地址", Kind: Text, Print: 1.4},
		{Key: "phone", Header: "联系电话", Kind: Text, Print: 1.1, Table: 110, Aliases: []string{"投诉电话"}},
		{Key: "note", Header: "备注", Kind: LongText},
	},
	RemoveWord: "删除",
}

var bodyKinds = domain.AllBodyKinds

var bodyOps = &ops[domain.Body]{
	def:    bodySpec,
	all:    (*store.Store).Bodies,
	id:     func(b domain.Body) uint64 { return b.ID },
	active: func(domain.Body) bool { return true },
	toRow: func(b domain.Body, _ *listCtx) Row {
		return Row{"kind": b.Kind.Label(), "name": b.Name, "parent": b.Parent, "credit_code": b.CreditCode, "legal_rep": b.LegalRep,
			"duties": b.Duties, "jurisdiction": b.Jurisdiction, "entrustment": b.Entrustment, "address": b.Address,
			"phone": b.Phone, "note": b.Note}
	},
	fromRow: func(b domain.Body, row Row, _ *listCtx) (domain.Body, error) {
		r := &rowReader{spec: bodySpec, row: row}
		pick(r, "kind", bodyKinds, &b.Kind)
		r.text("name", &b.Name)
		r.text("parent", &b.Parent)
		r.text("credit_code", &b.CreditCode)
		b.CreditCode = strings.ToUpper(b.CreditCode)
		r.text("legal_rep", &b.LegalRep)
		r.text("duties", &b.Duties)
		r.text("jurisdiction", &b.Jurisdiction)
		r.text("entrustment", &b.Entrustment)
		r.text("address", &b.Address)
		r.text("phone", &b.Phone)
		r.text("note", &b.Note)
		return b, r.err
	},
	validate:  func(b domain.Body, _ *listCtx) error { return b.Validate() },
	key:       domain.Body.Key,
	keyHeader: "名称",
	write:     (*store.Store).SaveBody,
	discard:   func(st *store.Store, ch store.Change, b domain.Body) error { return st.DeleteBody(ch, b.ID) },
	importAll: (*store.Store).ImportBodies,
}

// ---- 随机抽查事项清单 ----

var inspectionSpec = &Spec{
	Kind:  domain.ListInspections,
	Intro: "“双随机、一公开”抽查事项：抽查类别、对象、依据、内容、方式、比例和频次。",
	Fields: []Field{
		{Key: "category", Header: "抽查类别", Kind: Choice, Required: true, Choices: labels(domain.AllInspectionCategories, domain.InspectionCategory.Label), Print: 0.9, Table: 100, Aliases: []string{"类别", "检查类别"}},
		{Key: "code", Header: "事项编码", Kind: Text, Print: 1.0, Aliases: []string{"编码"}},
		{Key: "name", Header: "抽查事项", Kind: Text, Required: true, Print: 1.8, Table: 210, Aliases: []string{"抽查事项名称", "检查事项"}},
		{Key: "object", Header: "检查对象", Kind: Text, Required: true, Print: 1.4, Table: 150, Aliases: []string{"抽查对象"}},
		{Key: "basis", Header: "检查依据", Kind: LongText, Required: true, Print: 2.4, Table: 160, Aliases: []string{"抽查依据"}},
		{Key: "content", Header: "检查内容", Kind: LongText, Print: 1.8, Aliases: []string{"抽查内容"}},
		{Key: "method", Header: "检查方式", Kind: Suggest, Print: 1.0, Aliases: []string{"抽查方式"}},
		{Key: "proportion", Header: "抽查比例", Kind: Text, Print: 0.7, Table: 80, Hint: "百分比，例如 5% 或 不低于3%"},
		{Key: "frequency", Header: "抽查频次", Kind: Text, Print: 0.8, Table: 90, Aliases: []string{"频次"}},
		{Key: "unit", Header: "实施机构", Kind: Suggest, Print: 1.0, Table: 110, Aliases: []string{"承办机构"}},
		{Key: "note", Header: "备注", Kind: LongText},
	},
	RemoveWord: "删除",
}

var inspectionCategories = domain.AllInspectionCategories

var inspectionOps = &ops[domain.Inspection]{
	def:    inspectionSpec,
	all:    (*store.Store).Inspections,
	id:     func(i domain.Inspection) uint64 { return i.ID },
	active: func(domain.Inspection) bool { return true },
	toRow: func(i domain.Inspection, _ *listCtx) Row {
		return Row{"category": i.Category.Label(), "code": i.Code, "name": i.Name, "object": i.Object, "basis": i.Basis,
			"content": i.Content, "method": i.Method, "proportion": i.Proportion, "frequency": i.Frequency,
			"unit": i.HandlingUnit, "note": i.Note}
	},
	fromRow: func(i domain.Inspection, row Row, _ *listCtx) (domain.Inspection, error) {
		r := &rowReader{spec: inspectionSpec, row: row}
		pick(r, "category", inspectionCategories, &i.Category)
		r.text("code", &i.Code)
		r.text("name", &i.Name)
		r.text("object", &i.Object)
		r.text("basis", &i.Basis)
		r.text("content", &i.Content)
		r.text("method", &i.Method)
		r.text("proportion", &i.Proportion)
		r.text("frequency", &i.Frequency)
		r.text("unit", &i.HandlingUnit)
		r.text("note", &i.Note)
		return i, r.err
	},
	validate:  func(i domain.Inspection, _ *listCtx) error { return i.Validate() },
	key:       domain.Inspection.Key,
	keyHeader: "事项编码（无编码时为抽查事项和检查对象）",
	write:     (*store.Store).SaveInspection,
	discard: func(st *store.Store, ch store.Change, i domain.Inspection) error {
		return st.DeleteInspection(ch, i.ID)
	},
	importAll: (*store.Store).ImportInspections,
}

// ---- 服务指南 ----

var guideSpec = &Spec{
	Kind:  domain.ListGuides,
	Intro: "群众办事的服务指南：依据、受理和决定机构、条件、材料、流程、时限、收费、监督和救济途径。",
	Fields: []Field{
		{Key: "name", Header: "事项名称", Kind: Text, Required: true, Print: 1.6, Table: 220},
		{Key: "code", Header: "事项编码", Kind: Text},
		{Key: "type", Header: "事项类型", Kind: Choice, Choices: actLabels(), Table: 80},
		{Key: "basis", Header: "设定依据", Kind: LongText, Required: true, Print: 2.2, Aliases: []string{"法律依据", "实施依据"}},
		{Key: "accepting", Header: "受理机构", Kind: Suggest, Required: true, Print: 1.0, Table: 130},
		{Key: "deciding", Header: "决定机构", Kind: Suggest},
		{Key: "conditions", Header: "申请条件", Kind: LongText},
		{Key: "materials", Header: "申请材料", Kind: LongText, Required: true, Print: 2.6, Table: 240, Hint: "每行一项"},
		{Key: "procedure", Header: "办理流程", Kind: LongText},
		{Key: "time_limit", Header: "办理时限", Kind: Text, Required: true, Print: 0.9, Table: 110, Hint: "例如：法定20个工作日，承诺10个工作日"},
		{Key: "fees", Header: "收费标准", Kind: Text, Print: 0.7, Hint: "不收费的写“不收费”"},
		{Key: "supervision", Header: "监督投诉", Kind: LongText},
		{Key: "remedies", Header: "救济途径", Kind: LongText},
		{Key: "hours", Header: "办公时间", Kind: Text},
		{Key: "address", Header: "办理地点", Kind: Text},
		{Key: "phone", Header: "咨询电话", Kind: Text, Print: 1.0, Table: 130},
		{Key: "url", Header: "网上办理地址", Kind: Text},
	},
	RemoveWord: "删除",
}

var guideOps = &ops[domain.Guide]{
	def:    guideSpec,
	all:    (*store.Store).Guides,
	id:     func(g domain.Guide) uint64 { return g.ID },
	active: func(domain.Guide) bool { return true },
	toRow: func(g domain.Guide, _ *listCtx) Row {
		typ := ""
		if g.Type != "" {
			typ = g.Type.Label()
		}
		return Row{"name": g.Name, "code": g.Code, "type": typ, "basis": g.Basis, "accepting": g.AcceptingBody,
			"deciding": g.DecidingBody, "conditions": g.Conditions, "materials": g.Materials, "procedure": g.Procedure,
			"time_limit": g.TimeLimit, "fees": g.Fees, "supervision": g.Supervision, "remedies": g.Remedies,
			"hours": g.Hours, "address": g.Address, "phone": g.Phone, "url": g.URL}
	},
	fromRow: func(g domain.Guide, row Row, _ *listCtx) (domain.Guide, error) {
		r := &rowReader{spec: guideSpec, row: row}
		r.text("name", &g.Name)
		r.text("code", &g.Code)
		if f, v, ok := r.field("type"); ok {
			g.Type = ""
			if clean(v) != "" {
				t, err := domain.ParseActType(v)
				if err != nil {
					return g, fieldErr(f, "%s", domain.ErrorMessage(err))
				}
				g.Type = t
			}
		}
		r.text("basis", &g.Basis)
		r.text("accepting", &g.AcceptingBody)
		r.text("deciding", &g.DecidingBody)
		r.text("conditions", &g.Conditions)
		r.text("materials", &g.Materials)
		r.text("procedure", &g.Procedure)
		r.text("time_limit", &g.TimeLimit)
		r.text("fees", &g.Fees)
		r.text("supervision", &g.Supervision)
		r.text("remedies", &g.Remedies)
		r.text("hours", &g.Hours)
		r.text("address", &g.Address)
		r.text("phone", &g.Phone)
		r.text("url", &g.URL)
		return g, r.err
	},
	validate:  func(g domain.Guide, _ *listCtx) error { return g.Validate() },
	key:       domain.Guide.Key,
	keyHeader: "事项编码（无编码时为事项名称）",
	write:     (*store.Store).SaveGuide,
	discard:   func(st *store.Store, ch store.Change, g domain.Guide) error { return st.DeleteGuide(ch, g.ID) },
	importAll: (*store.Store).ImportGuides,
}

// ---- 裁量基准 ----

var benchmarkSpec = &Spec{
	Kind:  domain.ListBenchmarks,
	Intro: "每个违法行为按情节分档：违法情节 → 裁量阶次 → 处罚标准。同一违法行为的各档使用同一个编号，执法事项按编号引用。",
	Fields: []Field{
		{Key: "code", Header: "编号", Kind: Text, Required: true, Print: 0.8, Table: 75, Hint: "同一违法行为的各档填同一编号，例如 SP-012", Aliases: []string{"序号", "基准编号"}},
		{Key: "violation", Header: "违法行为", Kind: Text, Required: true, Print: 1.6, Table: 170},
		{Key: "basis", Header: "违法依据", Kind: LongText, Print: 1.8},
		{Key: "penalty_basis", Header: "处罚依据", Kind: LongText, Required: true, Print: 1.8, Table: 150},
		{Key: "circumstance", Header: "违法情节", Kind: LongText, Required: true, Print: 2.2, Table: 200, Aliases: []string{"情节", "违法程度"}},
		{Key: "grade", Header: "裁量阶次", Kind: Choice, Required: true, Choices: labels(domain.AllBenchmarkGrades, domain.BenchmarkGrade.Label), Print: 0.8, Table: 85, Aliases: []string{"裁量等级", "处罚阶次"}},
		{Key: "penalty", Header: "处罚标准", Kind: LongText, Required: true, Print: 2.2, Table: 220, Aliases: []string{"裁量幅度", "处罚幅度"}},
		{Key: "note", Header: "备注", Kind: LongText},
	},
	GroupBy:     "code",
	GroupFields: []string{"code", "violation", "basis", "penalty_basis"},
	RemoveWord:  "删除",
}

var benchmarkGrades = domain.AllBenchmarkGrades

var benchmarkOps = &ops[domain.Benchmark]{
	def:    benchmarkSpec,
	all:    (*store.Store).Benchmarks,
	id:     func(b domain.Benchmark) uint64 { return b.ID },
	active: func(domain.Benchmark) bool { return true },
	toRow: func(b domain.Benchmark, _ *listCtx) Row {
		return Row{"code": b.Code, "violation": b.Violation, "basis": b.Basis, "penalty_basis": b.PenaltyBasis,
			"circumstance": b.Circumstance, "grade": b.Grade.Label(), "penalty": b.Penalty, "note": b.Note}
	},
	fromRow: func(b domain.Benchmark, row Row, _ *listCtx) (domain.Benchmark, error) {
		r := &rowReader{spec: benchmarkSpec, row: row}
		r.text("code", &b.Code)
		b.Code = strings.ToUpper(b.Code)
		r.text("violation", &b.Violation)
		r.text("basis", &b.Basis)
		r.text("penalty_basis", &b.PenaltyBasis)
		r.text("circumstance", &b.Circumstance)
		pick(r, "grade", benchmarkGrades, &b.Grade)
		r.text("penalty", &b.Penalty)
		r.text("note", &b.Note)
		return b, r.err
	},
	validate:  func(b domain.Benchmark, _ *listCtx) error { return b.Validate() },
	key:       domain.Benchmark.Key,
	keyHeader: "编号和违法情节",
	write:     (*store.Store).SaveBenchmark,
	discard:   func(st *store.Store, ch store.Change, b domain.Benchmark) error { return st.DeleteBenchmark(ch, b.ID) },
	importAll: (*store.Store).ImportBenchmarks,
}

// ---- 投诉举报与监督方式 ----

var channelSpec = &Spec{
	Kind:  domain.ListSupervision,
	Intro: "群众投诉、举报和监督执法的渠道：受理范围、地址、邮编、电话、邮箱和处理反馈程序。",
	Fields: []Field{
		{Key: "name", Header: "渠道", Kind: Text, Required: true, Print: 1.2, Table: 150, Aliases: []string{"渠道名称", "监督方式"}},
		{Key: "scope", Header: "受理范围", Kind: LongText, Required: true, Print: 2.2, Table: 260},
		{Key: "address", Header: "地址", Kind: Text, Print: 1.6, Table: 200, Aliases: []string{"来信地址"}},
		{Key: "postcode", Header: "邮政编码", Kind: Text, Print: 0.7, Aliases: []string{"邮编"}},
		{Key: "phone", Header: "电话", Kind: Text, Print: 1.1, Table: 140, Aliases: []string{"联系电话", "举报电话"}},
		{Key: "email", Header: "电子邮箱", Kind: Text, Print: 1.2, Aliases: []string{"邮箱"}},
		{Key: "url", Header: "网址", Kind: Text, Print: 1.4, Table: 150, Aliases: []string{"网上投诉"}},
		{Key: "hours", Header: "受理时间", Kind: Text, Print: 1.0},
		{Key: "procedure", Header: "处理及反馈程序", Kind: LongText, Print: 2.2, Aliases: []string{"反馈程序", "处理程序"}},
	},
	RemoveWord: "删除",
}

var channelOps = &ops[domain.Channel]{
	def:    channelSpec,
	all:    (*store.Store).Channels,
	id:     func(c domain.Channel) uint64 { return c.ID },
	active: func(domain.Channel) bool { return true },
	toRow: func(c domain.Channel, _ *listCtx) Row {
		return Row{"name": c.Name, "scope": c.Scope, "address": c.Address, "postcode": c.Postcode, "phone": c.Phone,
			"email": c.Email, "url": c.URL, "hours": c.Hours, "procedure": c.Procedure}
	},
	fromRow: func(c domain.Channel, row Row, _ *listCtx) (domain.Channel, error) {
		r := &rowReader{spec: channelSpec, row: row}
		r.text("name", &c.Name)
		r.text("scope", &c.Scope)
		r.text("address", &c.Address)
		r.text("postcode", &c.Postcode)
		r.text("phone", &c.Phone)
		r.text("email", &c.Email)
		r.text("url", &c.URL)
		r.text("hours", &c.Hours)
		r.text("procedure", &c.Procedure)
		return c, r.err
	},
	validate:  func(c domain.Channel, _ *listCtx) error { return c.Validate() },
	key:       domain.Channel.Key,
	keyHeader: "渠道",
	write:     (*store.Store).SaveChannel,
	discard:   func(st *store.Store, ch store.Change, c domain.Channel) error { return st.DeleteChannel(ch, c.ID) },
	importAll: (*store.Store).ImportChannels,
}

// ---- 救济渠道 ----

var remedySpec = &Spec{
	Kind:  domain.ListRemedies,
	Intro: "当事人不服行政执法决定时申请行政复议、提起行政诉讼或请求国家赔偿的机关和期限。",
	Fields: []Field{
		{Key: "kind", Header: "救济方式", Kind: Choice, Required: true, Choices: labels(domain.AllRemedyKinds, domain.RemedyKind.Label), Print: 0.8, Table: 100, Aliases: []string{"救济途径", "方式"}},
		{Key: "body", Header: "受理机关", Kind: Text, Required: true, Print: 1.5, Table: 220},
		{Key: "address", Header: "地址", Kind: Text, Print: 1.6, Table: 200},
		{Key: "phone", Header: "联系电话", Kind: Text, Print: 1.0, Table: 130, Aliases: []string{"电话"}},
		{Key: "time_limit", Header: "申请期限", Kind: LongText, Required: true, Print: 2.0, Table: 260, Aliases: []string{"期限"}},
		{Key: "basis", Header: "法律依据", Kind: LongText, Print: 2.0, Aliases: []string{"依据"}},
		{Key: "note", Header: "备注", Kind: LongText},
	},
	RemoveWord: "删除",
}

var remedyKinds = domain.AllRemedyKinds

var remedyOps = &ops[domain.Remedy]{
	def:    remedySpec,
	all:    (*store.Store).Remedies,
	id:     func(r domain.Remedy) uint64 { return r.ID },
	active: func(domain.Remedy) bool { return true },
	toRow: func(x domain.Remedy, _ *listCtx) Row {
		return Row{"kind": x.Kind.Label(), "body": x.Body, "address": x.Address, "phone": x.Phone,
			"time_limit": x.TimeLimit, "basis": x.Basis, "note": x.Note}
	},
	fromRow: func(x domain.Remedy, row Row, _ *listCtx) (domain.Remedy, error) {
		r := &rowReader{spec: remedySpec, row: row}
		pick(r, "kind", remedyKinds, &x.Kind)
		r.text("body", &x.Body)
		r.text("address", &x.Address)
		r.text("phone", &x.Phone)
		r.text("time_limit", &x.TimeLimit)
		r.text("basis", &x.Basis)
		r.text("note", &x.Note)
		return x, r.err
	},
	validate:  func(x domain.Remedy, _ *listCtx) error { return x.Validate() },
	key:       domain.Remedy.Key,
	keyHeader: "救济方式和受理机关",
	write:     (*store.Store).SaveRemedy,
	discard:   func(st *store.Store, ch store.Change, x domain.Remedy) error { return st.DeleteRemedy(ch, x.ID) },
	importAll: (*store.Store).ImportRemedies,
}

// Specs lists every published list's spec in screen order.
func Specs() []*Spec {
	out := make([]*Spec, 0, len(domain.AllListKinds))
	for _, k := range domain.AllListKinds {
		out = append(out, listers[k].spec())
	}
	return out
}

// SpecOf returns the spec of kind.
func SpecOf(kind domain.ListKind) (*Spec, error) {
	l, err := listerOf(kind)
	if err != nil {
		return nil, err
	}
	return l.spec(), nil
}

// listers are the lists by kind, behind the untyped interface the service works with.
var listers = map[domain.ListKind]lister{
	domain.ListOfficers:    officerOps,
	domain.ListMatters:     matterOps,
	domain.ListBodies:      bodyOps,
	domain.ListInspections: inspectionOps,
	domain.ListGuides:      guideOps,
	domain.ListBenchmarks:  benchmarkOps,
	domain.ListSupervision: channelOps,
	domain.ListRemedies:    remedyOps,
}

func listerOf(kind domain.ListKind) (lister, error) {
	l, ok := listers[kind]
	if !ok {
		_, err := domain.ParseListKind(string(kind))
		return nil, err
	}
	return l, nil
}

// sortedKeys returns a map's keys in order, for messages that list them.
func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
