package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/publicity"
)

// The demo office's published lists, as a county market-regulation bureau keeps them: the
// lists were first published four months ago, the matter list was adjusted once since,
// the officer list has changes waiting longer than a month (the dashboard warns), the
// service guides have a fresh change, two certificates expire or expired, two officers
// are short of training, and four service windows have posting-board cards.

// demoOfficer is one entry of the demo officer list; login links a demo account.
type demoOfficer struct {
	name, unit, post, cert, until string
	hours                         string
	login                         string
	reviewer                      bool
}

func publicityDemo(b *Builder) error {
	svc := publicity.New(b.Store)
	admin := b.As("admin")
	realNow := b.Store.Now
	defer func() { b.Store.Now = realNow }()
	start := realNow()
	// daysAgo sets the store's clock back, so versions and pending changes have a history.
	daysAgo := func(n int) domain.Date {
		t := start.AddDate(0, 0, -n)
		b.Store.Now = func() time.Time { return t }
		return domain.DateOf(t)
	}
	today := domain.DateOf(start)
	save := func(kind domain.ListKind, rows ...publicity.Row) error {
		for _, r := range rows {
			if _, err := svc.Save(admin, kind, 0, r); err != nil {
				return fmt.Errorf("%s %v: %w", kind.Title(), r, err)
			}
		}
		return nil
	}
	publish := func(kind domain.ListKind, date domain.Date, reason string) error {
		d, err := svc.NewDraft(admin, kind)
		if err != nil {
			return err
		}
		_, err = svc.Publish(admin, d, date, reason)
		return err
	}

	first := daysAgo(120)
	steps := []struct {
		kind domain.ListKind
		rows []publicity.Row
	}{
		{domain.ListBodies, demoBodies},
		{domain.ListOfficers, demoOfficerRows(today)},
		{domain.ListBenchmarks, demoBenchmarks},
		{domain.ListMatters, demoMatters},
		{domain.ListInspections, demoInspections},
		{domain.ListGuides, demoGuides},
		{domain.ListSupervision, demoChannels},
		{domain.ListRemedies, demoRemedies},
	}
	for _, s := range steps {
		if err := save(s.kind, s.rows...); err != nil {
			return err
		}
		if err := publish(s.kind, first, "首次编制公布（依据《青山县全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度实施方案》）"); err != nil {
			return err
		}
	}
	if err := linkAccounts(b, svc); err != nil {
		return err
	}

	// 75 days ago: the matter list follows new duties and an amended law
	second := daysAgo(75)
	if err := save(domain.ListMatters, demoLaterMatters...); err != nil {
		return err
	}
	if err := editItem(svc, admin, domain.ListMatters, "对经营超过保质期食品的处罚", publicity.Row{"time_limit": "自立案之日起90日（可延长30日）"}); err != nil {
		return err
	}
	if err := publish(domain.ListMatters, second, "县委编办调整职责，增加电子商务和知识产权执法事项；按《市场监督管理行政处罚程序规定》调整办理时限"); err != nil {
		return err
	}

	// 40 days ago: a new officer, a retirement and a renewed certificate, not yet published
	daysAgo(40)
	if err := save(domain.ListOfficers, officerRow(demoOfficer{"罗成", "青山县市场监督管理局城关市场监管所", "科员", "52020326014", "2031-03-31", "12", "", false})); err != nil {
		return err
	}
	if err := removeItem(svc, admin, domain.ListOfficers, "陈国强", "退休"); err != nil {
		return err
	}
	if err := editItem(svc, admin, domain.ListOfficers, "李娜", publicity.Row{"cert_no": "52020326011", "valid_until": "2031-10-31"}); err != nil {
		return err
	}
	// 3 days ago: a service guide's promised time limit is shortened
	daysAgo(3)
	if err := editItem(svc, admin, domain.ListGuides, "食品经营许可（新办）", publicity.Row{"time_limit": "法定20个工作日，承诺5个工作日"}); err != nil {
		return err
	}
	b.Store.Now = realNow
	return demoWindows(b, svc)
}

// findItem returns the entry of kind whose name (or body) is name.
func findItem(svc *publicity.Service, sess office.Session, kind domain.ListKind, name string) (publicity.Item, error) {
	items, err := svc.Items(sess, kind)
	if err != nil {
		return publicity.Item{}, err
	}
	for _, it := range items {
		if it.Row["name"] == name || it.Row["body"] == name {
			return it, nil
		}
	}
	return publicity.Item{}, domain.Errorf(domain.ENOTFOUND, "演示数据中找不到“%s”", name)
}

func editItem(svc *publicity.Service, sess office.Session, kind domain.ListKind, name string, change publicity.Row) error {
	it, err := findItem(svc, sess, kind, name)
	if err != nil {
		return err
	}
	for k, v := range change {
		it.Row[k] = v
	}
	_, err = svc.Save(sess, kind, it.ID, it.Row)
	return err
}

func removeItem(svc *publicity.Service, sess office.Session, kind domain.ListKind, name, reason string) error {
	it, err := findItem(svc, sess, kind, name)
	if err != nil {
		return err
	}
	return svc.Remove(sess, kind, it.ID, reason)
}

// linkAccounts links the demo accounts to their officer entries.
func linkAccounts(b *Builder, svc *publicity.Service) error {
	officers, err := svc.Officers()
	if err != nil {
		return err
	}
	byName := map[string]uint64{}
	for _, o := range officers {
		byName[o.Name] = o.ID
	}
	off := office.New(b.Store)
	admin := b.As("admin")
	for _, o := range publicityOfficers {
		if o.login == "" {
			continue
		}
		u := b.As(o.login).User
		saved, err := off.SaveUser(admin, office.UserForm{ID: u.ID, Name: u.Name, FullName: u.FullName, Roles: u.Roles,
			Phone: u.Phone, OfficerID: byName[o.name]})
		if err != nil {
			return err
		}
		b.Sessions[o.login] = office.Session{User: saved}
	}
	return nil
}

var publicityOfficers = []demoOfficer{
	{"王建国", "青山县市场监督管理局", "党组书记、局长", "52020319001", "2028-12-31", "46", "admin", false},
	{"赵敏", "青山县市场监督管理局", "副局长", "52020319002", "2028-12-31", "44", "zhaomin", false},
	{"孙丽", "青山县市场监督管理局法规股", "股长（法制审核）", "52020319003", "2029-06-30", "52", "sunli", true},
	{"马骏", "青山县市场监督管理局法规股", "法制审核员", "52020319004", "2027-09-30", "48", "majun", true},
	{"杨帆", "青山县市场监督管理局食品安全监督管理股", "股长", "52020319007", "2027-12-31", "44", "yangfan", false},
	{"李娜", "青山县市场监督管理局药品医疗器械监督管理股", "股长", "52020319011", "2027-06-30", "40", "", false},
	{"黄伟", "青山县市场监督管理局特种设备安全监察股", "科员", "52020319008", "2029-03-31", "41", "huangwei", false},
	{"邓丽", "青山县市场监督管理局价格监督检查和反不正当竞争股", "科员", "52020319013", "2029-01-31", "45", "", false},
	{"刘洋", "青山县市场监督管理局城关市场监管所", "所长", "52020319005", "2028-06-30", "42", "liuyang", false},
	{"陈静", "青山县市场监督管理局城关市场监管所", "科员", "52020319006", "2028-06-30", "40", "chenjing", false},
	{"周磊", "青山县市场监督管理局青山镇市场监管所", "所长", "52020319009", "+25", "36", "zhoulei", false},
	{"吴涛", "青山县市场监督管理局河西市场监管所", "科员", "52020319010", "2028-06-30", "28", "wutao", false},
	{"张强", "青山县市场监督管理局河西市场监管所", "所长", "52020319012", "-12", "40", "", false},
	{"陈国强", "青山县市场监督管理局青山镇市场监管所", "四级主任科员", "52020316015", "2026-12-31", "40", "", false},
}

func officerRow(o demoOfficer) publicity.Row {
	region := "青山县"
	if strings.HasSuffix(o.unit, "市场监管所") { // a local office enforces in its own area
		region = "青山县" + strings.TrimSuffix(strings.TrimPrefix(o.unit, agencyName), "市场监管所") + "片区"
	}
	return publicity.Row{"name": o.name, "unit": o.unit, "post": o.post, "cert_no": o.cert, "cert_issuer": "贵州省人民政府",
		"category": "市场监管综合执法", "region": region, "valid_until": o.until, "training": o.hours,
		"reviewer": map[bool]string{true: "是", false: "否"}[o.reviewer]}
}

// demoOfficerRows turns relative validity dates (+25: in 25 days) into dates, so some
// certificates always expire soon or have just expired, whenever the demo is made.
func demoOfficerRows(today domain.Date) []publicity.Row {
	var rows []publicity.Row
	for _, o := range publicityOfficers {
		r := officerRow(o)
		if o.until[0] == '+' || o.until[0] == '-' {
			n := 0
			fmt.Sscanf(o.until[1:], "%d", &n)
			if o.until[0] == '-' {
				n = -n
			}
			r["valid_until"] = today.AddDays(n).String()
		}
		rows = append(rows, r)
	}
	return rows
}

const (
	foodLaw    = "《中华人民共和国食品安全法》"
	deviceLaw  = "《中华人民共和国特种设备安全法》"
	drugLaw    = "《中华人民共和国药品管理法》"
	qualityLaw = "《中华人民共和国产品质量法》"
	unitFood   = "青山县市场监督管理局食品安全监督管理股"
	unitDevice = "青山县市场监督管理局特种设备安全监察股"
	unitDrug   = "青山县市场监督管理局药品医疗器械监督管理股"
	unitPrice  = "青山县市场监督管理局价格监督检查和反不正当竞争股"
	unitReg    = "青山县市场监督管理局登记注册股"
	unitLaw    = "青山县市场监督管理局法规股"
	agencyName = "青山县市场监督管理局"
)

var demoBodies = []publicity.Row{
	{"kind": "行政机关", "name": agencyName, "credit_code": "11520200MB1234567W", "legal_rep": "王建国",
		"duties":       "负责全县市场综合监督管理，统一登记市场主体，组织市场监管综合执法，承担食品、药品、特种设备安全监督管理，负责价格监督检查、计量、标准化、质量和知识产权执法等。",
		"jurisdiction": "青山县行政区域", "address": "贵州省六盘水市青山县人民路 88 号", "phone": "0858-12315"},
	{"kind": "承办机构", "name": unitLaw, "parent": agencyName, "legal_rep": "孙丽", "duties": "负责重大执法决定法制审核、行政复议应诉、执法监督和公示清单的编制调整。", "phone": "0858-8321106"},
	{"kind": "承办机构", "name": unitFood, "parent": agencyName, "legal_rep": "杨帆", "duties": "负责食品生产经营许可和监督检查，查处食品安全违法案件。", "phone": "0858-8321108"},
	{"kind": "承办机构", "name": unitDrug, "parent": agencyName, "legal_rep": "李娜", "duties": "负责药品零售、医疗器械和化妆品经营使用环节的监督检查和案件查处。", "phone": "0858-8321109"},
	{"kind": "承办机构", "name": unitDevice, "parent": agencyName, "legal_rep": "黄伟", "duties": "负责特种设备安全监察、使用登记和计量监督管理。", "phone": "0858-8321110"},
	{"kind": "承办机构", "name": unitPrice, "parent": agencyName, "legal_rep": "邓丽", "duties": "负责价格监督检查、反不正当竞争、广告监测和消费者权益保护执法。", "phone": "0858-8321112"},
	{"kind": "承办机构", "name": unitReg, "parent": agencyName, "legal_rep": "赵敏", "duties": "负责市场主体登记注册和企业信息公示抽查。", "phone": "0858-8321113"},
	{"kind": "承办机构", "name": "青山县市场监督管理局城关市场监管所", "parent": agencyName, "legal_rep": "刘洋", "duties": "负责城关镇辖区日常监管和一般程序案件的调查取证。", "jurisdiction": "城关镇", "phone": "0858-8322201"},
	{"kind": "承办机构", "name": "青山县市场监督管理局青山镇市场监管所", "parent": agencyName, "legal_rep": "周磊", "duties": "负责青山镇、龙场乡辖区日常监管和案件调查。", "jurisdiction": "青山镇、龙场乡", "phone": "0858-8322301"},
	{"kind": "承办机构", "name": "青山县市场监督管理局河西市场监管所", "parent": agencyName, "legal_rep": "张强", "duties": "负责河西街道、坪地乡辖区日常监管和案件调查。", "jurisdiction": "河西街道、坪地乡", "phone": "0858-8322401"},
	{"kind": "受委托组织", "name": "青山县河西街道综合行政执法办公室", "parent": agencyName, "credit_code": "11520200MB2345678E", "legal_rep": "罗明",
		"duties":       "以青山县市场监督管理局名义，在河西街道辖区内实施对食品摊贩、小作坊违法行为的行政处罚（简易程序）。",
		"entrustment":  "依据《中华人民共和国行政处罚法》第二十条；委托协议：青市监委〔2025〕1号，委托期限2025年1月1日至2027年12月31日",
		"jurisdiction": "河西街道", "address": "青山县河西街道办事处二楼", "phone": "0858-8325001"},
}

var demoBenchmarks = []publicity.Row{
	bm("SP-001", "经营超过保质期的食品", foodLaw+"第三十四条第（十）项", foodLaw+"第一百二十四条第一款第（五）项",
		"货值金额不足一万元，初次违法，积极配合调查并主动消除危害后果", "从轻处罚", "没收违法所得和违法经营的食品，并处五万元以上七万元以下罚款"),
	bm("SP-001", "经营超过保质期的食品", foodLaw+"第三十四条第（十）项", foodLaw+"第一百二十四条第一款第（五）项",
		"货值金额不足一万元，无从轻、从重情节", "一般处罚", "没收违法所得和违法经营的食品，并处七万元以上九万元以下罚款"),
	bm("SP-001", "经营超过保质期的食品", foodLaw+"第三十四条第（十）项", foodLaw+"第一百二十四条第一款第（五）项",
		"货值金额一万元以上，或两年内因同类违法行为受过处罚", "从重处罚", "没收违法所得和违法经营的食品，并处货值金额十五倍以上二十倍以下罚款；情节严重的，吊销许可证"),
	bm("SP-002", "未取得食品经营许可从事食品经营活动", foodLaw+"第三十五条第一款", foodLaw+"第一百二十二条第一款",
		"货值金额不足一万元，经营时间短且主动申请办理许可", "从轻处罚", "没收违法所得和违法经营的食品，并处五万元以上七万元以下罚款"),
	bm("SP-002", "未取得食品经营许可从事食品经营活动", foodLaw+"第三十五条第一款", foodLaw+"第一百二十二条第一款",
		"货值金额一万元以上", "一般处罚", "没收违法所得和违法经营的食品，并处货值金额十倍以上二十倍以下罚款"),
	bm("SP-003", "食品经营者未按规定查验进货", foodLaw+"第五十三条第一款", foodLaw+"第一百二十六条第一款第（三）项",
		"首次违法，危害后果轻微并及时改正", "不予处罚", "责令改正，不予行政处罚，同时对当事人进行教育"),
	bm("SP-003", "食品经营者未按规定查验进货", foodLaw+"第五十三条第一款", foodLaw+"第一百二十六条第一款第（三）项",
		"拒不改正的", "一般处罚", "处五千元以上二万元以下罚款"),
	bm("SP-003", "食品经营者未按规定查验进货", foodLaw+"第五十三条第一款", foodLaw+"第一百二十六条第一款第（三）项",
		"拒不改正且造成不良社会影响的", "从重处罚", "处二万元以上五万元以下罚款；情节严重的，责令停产停业"),
	bm("WZ-001", "从事无照经营", "《无证无照经营查处办法》第二条", "《无证无照经营查处办法》第十三条",
		"初次违法，经营规模小，及时办理营业执照", "不予处罚", "责令改正，不予行政处罚"),
	bm("WZ-001", "从事无照经营", "《无证无照经营查处办法》第二条", "《无证无照经营查处办法》第十三条",
		"拒不改正的", "一般处罚", "没收违法所得，并处五千元以上一万元以下罚款"),
	bm("TS-001", "使用未经定期检验或者检验不合格的特种设备", deviceLaw+"第四十条第三款", deviceLaw+"第八十四条第（一）项",
		"检验逾期不足三个月，未发生事故", "从轻处罚", "责令停止使用有关特种设备，处三万元以上五万元以下罚款"),
	bm("TS-001", "使用未经定期检验或者检验不合格的特种设备", deviceLaw+"第四十条第三款", deviceLaw+"第八十四条第（一）项",
		"检验逾期三个月以上，或用于学校、医院、商场等公众聚集场所", "从重处罚", "责令停止使用有关特种设备，处七万元以上十万元以下罚款"),
	bm("JG-001", "经营者不按规定明码标价", "《中华人民共和国价格法》第十三条", "《中华人民共和国价格法》第四十二条",
		"首次违法并当场改正", "不予处罚", "责令改正，不予行政处罚"),
	bm("JG-001", "经营者不按规定明码标价", "《中华人民共和国价格法》第十三条", "《中华人民共和国价格法》第四十二条",
		"拒不改正或多次违法", "一般处罚", "责令改正，没收违法所得，可以并处五千元以下罚款"),
	bm("GG-001", "发布虚假广告", "《中华人民共和国广告法》第二十八条", "《中华人民共和国广告法》第五十五条第一款",
		"广告费用较低，未造成危害后果，主动停止发布", "从轻处罚", "责令停止发布广告，在相应范围内消除影响，处广告费用三倍以上四倍以下罚款"),
	bm("GG-001", "发布虚假广告", "《中华人民共和国广告法》第二十八条", "《中华人民共和国广告法》第五十五条第一款",
		"两年内有三次以上违法行为或者有其他严重情节", "从重处罚", "处广告费用五倍以上十倍以下罚款，可以吊销营业执照"),
}

func bm(code, violation, basis, penaltyBasis, circumstance, grade, penalty string) publicity.Row {
	return publicity.Row{"code": code, "violation": violation, "basis": basis, "penalty_basis": penaltyBasis,
		"circumstance": circumstance, "grade": grade, "penalty": penalty}
}

// mt is a matter: type, code, name, basis, unit, time limit, flags.
func mt(typ, code, name, basis, unit, limit string, random bool, recording, major, benchmarks string) publicity.Row {
	r := publicity.Row{"type": typ, "code": code, "name": name, "basis": basis, "unit": unit, "time_limit": limit,
		"random": map[bool]string{true: "是", false: "否"}[random], "recording": recording, "major": major, "benchmark_codes": benchmarks}
	return r
}

var demoMatters = []publicity.Row{
	mt("行政许可", "520322001000", "食品经营许可（新办、变更、延续、注销）", foodLaw+"第三十五条；《食品经营许可和备案管理办法》第四条", unitFood, "20个工作日", false, "", "否", ""),
	mt("行政许可", "520322002000", "食品小作坊登记", foodLaw+"第三十六条；《贵州省食品安全条例》第二十二条", unitFood, "15个工作日", false, "", "否", ""),
	mt("行政许可", "520322003000", "药品零售企业许可", drugLaw+"第五十一条、第五十二条；《药品经营和使用质量监督管理办法》第十条", unitDrug, "20个工作日", false, "", "否", ""),
	mt("行政许可", "520322004000", "特种设备使用登记", deviceLaw+"第三十三条；《特种设备使用管理规则》", unitDevice, "15个工作日", false, "", "否", ""),
	mt("行政处罚", "520323001000", "对经营超过保质期食品的处罚", foodLaw+"第三十四条第（十）项、第一百二十四条第一款第（五）项", unitFood, "自立案之日起90日", false, "现场检查、调查取证", "否", "SP-001"),
	mt("行政处罚", "520323002000", "对未取得食品经营许可从事食品经营活动的处罚", foodLaw+"第三十五条第一款、第一百二十二条第一款", unitFood, "自立案之日起90日", false, "现场检查、调查取证", "是", "SP-002"),
	mt("行政处罚", "520323003000", "对食品经营者未按规定查验进货的处罚", foodLaw+"第五十三条第一款、第一百二十六条第一款第（三）项", unitFood, "自立案之日起90日", false, "现场检查", "否", "SP-003"),
	mt("行政处罚", "520323004000", "对无照经营的处罚", "《无证无照经营查处办法》第二条、第十三条", unitReg, "自立案之日起90日", false, "现场检查", "否", "WZ-001"),
	mt("行政处罚", "520323005000", "对使用未经定期检验特种设备的处罚", deviceLaw+"第四十条第三款、第八十四条第（一）项", unitDevice, "自立案之日起90日", false, "现场检查、调查取证、听证", "否", "TS-001"),
	mt("行政处罚", "520323006000", "对经营者不按规定明码标价的处罚", "《中华人民共和国价格法》第十三条、第四十二条；《明码标价和禁止价格欺诈规定》第二十一条", unitPrice, "自立案之日起90日", false, "现场检查", "否", "JG-001"),
	mt("行政处罚", "520323007000", "对发布虚假广告的处罚", "《中华人民共和国广告法》第二十八条、第五十五条第一款", unitPrice, "自立案之日起90日", false, "调查取证", "是", "GG-001"),
	mt("行政处罚", "520323008000", "对生产、销售不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品的处罚", qualityLaw+"第十三条、第四十九条", unitPrice, "自立案之日起90日", false, "现场检查、调查取证", "是", ""),
	mt("行政处罚", "520323009000", "对在产品中掺杂、掺假，以假充真、以次充好的处罚", qualityLaw+"第三十二条、第五十条", unitPrice, "自立案之日起90日", false, "现场检查、调查取证", "是", ""),
	mt("行政处罚", "520323010000", "对使用不合格计量器具的处罚", "《中华人民共和国计量法》第九条、第二十七条；《中华人民共和国计量法实施细则》第四十三条", unitDevice, "自立案之日起90日", false, "现场检查", "否", ""),
	mt("行政处罚", "520323011000", "对药品经营企业未遵守药品经营质量管理规范的处罚", drugLaw+"第五十三条、第一百二十六条", unitDrug, "自立案之日起90日", false, "现场检查、调查取证", "是", ""),
	mt("行政处罚", "520323012000", "对经营者侵害消费者权益的处罚", "《中华人民共和国消费者权益保护法》第五十六条", unitPrice, "自立案之日起90日", false, "调查取证", "否", ""),
	mt("行政处罚", "520323013000", "对销售侵犯注册商标专用权商品的处罚", "《中华人民共和国商标法》第五十七条、第六十条第二款", unitPrice, "自立案之日起90日", false, "现场检查、调查取证", "是", ""),
	mt("行政处罚", "520323014000", "对企业未按规定报送年度报告或公示信息隐瞒真实情况的处罚", "《企业信息公示暂行条例》第八条、第十八条", unitReg, "自立案之日起90日", false, "", "否", ""),
	mt("行政强制", "520324001000", "查封、扣押有证据证明不符合食品安全标准的食品", foodLaw+"第一百一十条第（四）项；《中华人民共和国行政强制法》第九条", unitFood, "30日（情况复杂的可延长30日）", false, "现场检查、决定、执行", "是", ""),
	mt("行政强制", "520324002000", "查封、扣押不符合安全技术规范要求的特种设备", deviceLaw+"第六十一条第（三）项", unitDevice, "30日（情况复杂的可延长30日）", false, "现场检查、决定、执行", "是", ""),
	mt("行政强制", "520324003000", "查封、扣押涉嫌违法的产品及原辅材料", qualityLaw+"第十八条第一款第（四）项", unitPrice, "30日（情况复杂的可延长30日）", false, "现场检查、决定、执行", "是", ""),
	mt("行政检查", "520325001000", "食品经营监督检查（食品销售、餐饮服务）", foodLaw+"第一百一十条；《食品生产经营监督检查管理办法》第三条", unitFood, "现场检查当日出具检查结果", true, "现场检查", "否", ""),
	mt("行政检查", "520325002000", "特种设备安全监督检查", deviceLaw+"第五十七条、第六十一条", unitDevice, "现场检查当日出具检查结果", true, "现场检查", "否", ""),
	mt("行政检查", "520325003000", "药品经营使用质量监督检查", drugLaw+"第九十九条", unitDrug, "现场检查当日出具检查结果", true, "现场检查", "否", ""),
	mt("行政检查", "520325004000", "产品质量监督抽查", qualityLaw+"第十五条", unitPrice, "抽样后按检验周期", true, "", "否", ""),
	mt("行政检查", "520325005000", "企业公示信息抽查", "《企业信息公示暂行条例》第十四条", unitReg, "抽查结果20个工作日内公示", true, "", "否", ""),
	mt("行政检查", "520325006000", "计量监督检查", "《中华人民共和国计量法》第十八条", unitDevice, "现场检查当日出具检查结果", true, "现场检查", "否", ""),
	mt("行政确认", "520326001000", "计量器具强制检定备案", "《中华人民共和国计量法》第九条", unitDevice, "5个工作日", false, "", "否", ""),
}

var demoLaterMatters = []publicity.Row{
	mt("行政处罚", "520323015000", "对电子商务经营者未公示营业执照信息的处罚", "《中华人民共和国电子商务法》第十五条、第七十六条第一款第（一）项", unitPrice, "自立案之日起90日", false, "调查取证", "否", ""),
	mt("行政处罚", "520323016000", "对擅自使用与他人有一定影响的商品名称、包装、装潢相同或者近似标识的处罚", "《中华人民共和国反不正当竞争法》第六条、第十八条", unitPrice, "自立案之日起90日", false, "现场检查、调查取证", "否", ""),
}

func ins(category, code, name, object, basis, content, method, proportion, frequency, unit string) publicity.Row {
	return publicity.Row{"category": category, "code": code, "name": name, "object": object, "basis": basis, "content": content,
		"method": method, "proportion": proportion, "frequency": frequency, "unit": unit}
}

var demoInspections = []publicity.Row{
	ins("重点检查事项", "SJ-SP-001", "食品销售者监督检查", "食品销售者（含超市、便利店、农贸市场食品经营户）", foodLaw+"第一百一十条；《食品生产经营监督检查管理办法》第十条",
		"经营资质、进货查验记录、贮存条件、标签标识、过期和变质食品处置、从业人员健康管理", "现场检查", "不低于5%", "每年不少于1次", unitFood),
	ins("重点检查事项", "SJ-SP-002", "餐饮服务提供者监督检查", "餐饮服务提供者（含学校食堂、集体用餐配送单位）", foodLaw+"第一百一十条；《食品生产经营监督检查管理办法》第十一条",
		"许可资质、原料控制、加工制作过程、餐饮具清洗消毒、食品留样", "现场检查", "不低于10%", "每年不少于1次", unitFood),
	ins("重点检查事项", "SJ-TS-001", "特种设备使用单位监督检查", "电梯、锅炉、压力容器、起重机械使用单位", deviceLaw+"第五十七条",
		"使用登记、定期检验、作业人员持证、安全管理制度和应急预案", "现场检查", "5%", "每年1次", unitDevice),
	ins("重点检查事项", "SJ-YP-001", "药品零售企业监督检查", "药品零售企业、零售连锁门店", drugLaw+"第九十九条",
		"许可条件、执业药师在岗、处方药销售、药品储存养护、追溯信息", "现场检查", "不低于5%", "每年1次", unitDrug),
	ins("一般检查事项", "SJ-QY-001", "企业公示信息抽查", "辖区内各类企业", "《企业信息公示暂行条例》第十四条",
		"年度报告公示信息的真实性、即时信息公示情况", "书面检查、网络监测、实地核查", "3%", "每年1次", unitReg),
	ins("一般检查事项", "SJ-CP-001", "产品质量监督抽查", "生产、销售者", qualityLaw+"第十五条",
		"产品质量是否符合国家标准、行业标准及明示的质量状况", "抽样检验", "按省局抽查计划（不低于3%）", "每年1次", unitPrice),
	ins("一般检查事项", "SJ-JL-001", "计量监督检查", "集贸市场、加油站、医疗卫生机构等计量器具使用者", "《中华人民共和国计量法》第十八条",
		"强制检定计量器具的检定情况、计量器具的准确性", "现场检查", "3%", "每年1次", unitDevice),
	ins("一般检查事项", "SJ-GG-001", "广告发布监督检查", "广告主、广告经营者、广告发布者", "《中华人民共和国广告法》第四十九条",
		"广告内容的真实性、合法性，广告审查批准文号", "网络监测、现场检查", "2%", "每年1次", unitPrice),
}

var foodMaterials = "1. 食品经营许可申请书\n2. 营业执照或其他主体资格证明文件复印件\n3. 与食品经营相适应的主要设备设施、经营布局、操作流程等文件\n4. 食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等保证食品安全的规章制度目录"

func guide(name, code, typ, basis, accepting, materials, limit, phone string, extra publicity.Row) publicity.Row {
	r := publicity.Row{"name": name, "code": code, "type": typ, "basis": basis, "accepting": accepting, "deciding": agencyName,
		"materials": materials, "time_limit": limit, "fees": "不收费", "phone": phone,
		"supervision": "投诉举报电话：12315；行政执法监督电话：0858-8321106",
		"remedies":    "对决定不服的，可以自收到决定之日起六十日内向青山县人民政府申请行政复议，或者在六个月内向青山县人民法院提起行政诉讼。",
		"hours":       "周一至周五 9:00-12:00，13:30-17:30（法定节假日除外）",
		"address":     "青山县政务服务中心 A区 7—9号窗口", "url": "https://zwfw.guizhou.gov.cn",
		"procedure": "申请 → 受理（当场或5个工作日内） → 审查（必要时现场核查） → 决定 → 制证送达"}
	for k, v := range extra {
		r[k] = v
	}
	return r
}

var demoGuides = []publicity.Row{
	guide("食品经营许可（新办）", "520322001001", "行政许可", foodLaw+"第三十五条；《食品经营许可和备案管理办法》", "青山县政务服务中心市场监管窗口", foodMaterials, "法定20个工作日，承诺10个工作日", "0858-8321108",
		publicity.Row{"conditions": "具有与经营的食品品种、数量相适应的经营场所、设备设施；有专职或兼职的食品安全管理人员和保证食品安全的规章制度。"}),
	guide("食品经营许可（变更）", "520322001002", "行政许可", foodLaw+"第三十五条；《食品经营许可和备案管理办法》第二十八条", "青山县政务服务中心市场监管窗口", "1. 食品经营许可变更申请书\n2. 与变更事项有关的材料", "法定20个工作日，承诺5个工作日", "0858-8321108", nil),
	guide("食品经营许可（延续）", "520322001003", "行政许可", foodLaw+"第三十五条；《食品经营许可和备案管理办法》第三十一条", "青山县政务服务中心市场监管窗口", "1. 食品经营许可延续申请书\n2. 与延续食品经营许可事项有关的其他材料", "法定20个工作日，承诺5个工作日", "0858-8321108", nil),
	guide("食品小作坊登记", "520322002001", "行政许可", foodLaw+"第三十六条；《贵州省食品安全条例》第二十二条", "青山县政务服务中心市场监管窗口", "1. 食品小作坊登记申请表\n2. 营业执照复印件\n3. 从业人员健康证明\n4. 生产场所平面图", "法定15个工作日，承诺7个工作日", "0858-8321108", nil),
	guide("药品零售企业许可（新办）", "520322003001", "行政许可", drugLaw+"第五十一条、第五十二条", "青山县政务服务中心市场监管窗口", "1. 药品经营许可证申请表\n2. 执业药师注册证明\n3. 经营场所和仓库的平面布局图\n4. 质量管理文件目录", "法定20个工作日，承诺15个工作日", "0858-8321109", nil),
	guide("特种设备使用登记", "520322004001", "行政许可", deviceLaw+"第三十三条", "青山县政务服务中心市场监管窗口", "1. 特种设备使用登记表\n2. 产品合格证\n3. 监督检验证明\n4. 安装改造修理质量证明", "法定15个工作日，承诺当场办结", "0858-8321110", nil),
}

var demoChannels = []publicity.Row{
	{"name": "全国12315投诉举报热线", "scope": "消费者投诉、市场监管领域违法行为举报", "phone": "12315", "hours": "每日 8:30-17:30（节假日有值班）",
		"procedure": "自收到之日起7个工作日内决定是否受理；举报自收到之日起15个工作日内核查，并告知举报人处理结果。"},
	{"name": "全国12315平台", "scope": "网上投诉举报，可随时查询办理进度", "url": "https://www.12315.cn", "hours": "全天受理",
		"procedure": "平台自动分派至本局，处理时限同热线。"},
	{"name": "12345政务服务便民热线", "scope": "对政务服务和执法行为的咨询、投诉和建议", "phone": "12345", "hours": "全天受理",
		"procedure": "由县政务服务中心转办，本局自收到之日起5个工作日内答复。"},
	{"name": "来信来访", "scope": "投诉举报、对执法人员的监督和意见建议", "address": "贵州省六盘水市青山县人民路 88 号 青山县市场监督管理局法规股", "postcode": "553000",
		"phone": "0858-8321106", "hours": "周一至周五 9:00-12:00，13:30-17:30",
		"procedure": "登记后转承办机构办理，15个工作日内书面答复（复杂事项可延长15个工作日并告知）。"},
	{"name": "电子邮箱", "scope": "投诉举报和意见建议", "email": "qsscjgj@qingshan.gov.cn", "procedure": "每个工作日处理，按来信程序答复。"},
	{"name": "行政执法监督", "scope": "对本局行政执法行为的监督（不作为、乱作为、执法不公等）", "address": "青山县司法局行政执法协调监督股（青山县行政中心三楼）",
		"postcode": "553000", "phone": "0858-8312348", "procedure": "由县司法局受理，依照《贵州省行政执法监督办法》处理。"},
}

var demoRemedies = []publicity.Row{
	{"kind": "行政复议", "body": "青山县人民政府（由青山县司法局具体办理）", "address": "青山县行政中心三楼", "phone": "0858-8312348",
		"time_limit": "自知道或者应当知道该行政行为之日起六十日内提出行政复议申请", "basis": "《中华人民共和国行政复议法》第二十条、第二十四条"},
	{"kind": "行政诉讼", "body": "青山县人民法院", "address": "青山县文化路 16 号", "phone": "0858-8313000",
		"time_limit": "自知道或者应当知道作出行政行为之日起六个月内提起诉讼；经行政复议的，自收到复议决定书之日起十五日内", "basis": "《中华人民共和国行政诉讼法》第四十五条、第四十六条"},
	{"kind": "国家赔偿", "body": "青山县市场监督管理局（赔偿义务机关）", "address": "贵州省六盘水市青山县人民路 88 号", "phone": "0858-8321106",
		"time_limit": "自知道或者应当知道国家机关及其工作人员行使职权时的行为侵犯其人身权、财产权之日起两年内", "basis": "《中华人民共和国国家赔偿法》第九条、第三十九条"},
}

// demoWindows adds the service windows and their posting-board cards, with synthetic ID
// photos (no real person's photo ships with LawDesk).
func demoWindows(b *Builder, svc *publicity.Service) error {
	clerk := b.As("hexiao")
	officers, err := svc.Officers()
	if err != nil {
		return err
	}
	officerID := map[string]uint64{}
	for _, o := range officers {
		officerID[o.Name] = o.ID
	}
	if err := svc.SetOfficerPhoto(b.As("admin"), officerID["黄伟"], publicity.PhotoFile{Name: "黄伟.png", Data: avatar(2, 900, 1200)}); err != nil {
		return err
	}
	windows := []struct {
		w     domain.Window
		photo int // avatar variant, -1 none
	}{
		{domain.Window{Name: "政务服务中心 A区 7号窗口 · 食品经营许可", Staff: "何晓", Post: "综合受理岗",
			Duties:        "负责食品经营许可、食品小作坊登记申请的受理、材料初审、一次性告知和证照发放，解答办事群众咨询。",
			Services:      []string{"食品经营许可（新办、变更、延续、注销）", "食品小作坊登记", "食品经营备案"},
			Materials:     "1. 食品经营许可申请书（示范文本见窗口）\n2. 营业执照复印件\n3. 法定代表人（负责人）身份证明\n4. 经营场所平面布局图及设备布局、操作流程说明\n5. 食品安全管理制度文本",
			ProgressPhone: "0858-8321108", Consultation: "0858-8321108", ComplaintPhone: "12315 / 0858-8321106"}, 0},
		{domain.Window{Name: "政务服务中心 A区 8号窗口 · 企业登记注册", Staff: "罗倩", Post: "登记注册岗",
			Duties:        "负责企业、个体工商户、农民专业合作社的设立、变更、注销登记受理和营业执照发放。",
			Services:      []string{"企业设立、变更、注销登记", "个体工商户登记", "农民专业合作社登记", "营业执照补领"},
			Materials:     "1. 登记（备案）申请书\n2. 公司章程（个体工商户无需提交）\n3. 法定代表人、股东身份证明\n4. 住所使用证明",
			ProgressPhone: "0858-8321113", Consultation: "0858-8321113", ComplaintPhone: "12315 / 0858-8321106"}, 1},
		{domain.Window{Name: "政务服务中心 A区 9号窗口 · 特种设备与计量", OfficerID: officerID["黄伟"], Post: "特种设备安全监察员",
			Duties:        "负责特种设备使用登记、计量器具强制检定备案的受理和办理，接受特种设备安全咨询。",
			Services:      []string{"特种设备使用登记", "特种设备作业人员证书核发（受理）", "计量器具强制检定备案"},
			Materials:     "1. 特种设备使用登记表\n2. 产品合格证\n3. 监督检验证明\n4. 使用单位营业执照复印件",
			ProgressPhone: "0858-8321110", Consultation: "0858-8321110", ComplaintPhone: "12315 / 0858-8321106"}, -1},
		{domain.Window{Name: "局机关一楼 · 投诉举报受理窗口", Staff: "邓丽", Post: "投诉举报受理岗",
			Duties:        "受理消费者投诉、违法行为举报，登记转办并跟踪办理结果，答复投诉举报人。",
			Services:      []string{"消费者投诉受理", "违法行为举报受理", "消费纠纷调解"},
			Materials:     "1. 投诉书或举报材料（写明双方信息、事实和诉求）\n2. 购物凭证、合同等相关证据\n3. 投诉人身份证明",
			ProgressPhone: "0858-8321112", Consultation: "12315", ComplaintPhone: "0858-8312348"}, -2},
	}
	for _, x := range windows {
		var photo *publicity.PhotoFile
		if x.photo >= 0 {
			photo = &publicity.PhotoFile{Name: x.w.Staff + ".png", Data: avatar(x.photo, 600, 800)}
		}
		if _, err := svc.SaveWindow(clerk, x.w, photo); err != nil {
			return err
		}
	}
	return nil
}

// avatar draws a synthetic ID photo: a plain background, head and shoulders.
func avatar(variant, w, h int) []byte {
	backgrounds := []color.RGBA{{0x3A, 0x7B, 0xD5, 0xFF}, {0xE8, 0xEC, 0xF2, 0xFF}, {0xC8, 0x3A, 0x3A, 0xFF}}
	clothes := []color.RGBA{{0x22, 0x2A, 0x3A, 0xFF}, {0x33, 0x44, 0x66, 0xFF}, {0x1F, 0x2F, 0x4F, 0xFF}}
	hair := color.RGBA{0x1E, 0x1A, 0x18, 0xFF}
	skin := color.RGBA{0xF0, 0xC8, 0xA4, 0xFF}
	bg, cloth := backgrounds[variant%3], clothes[variant%3]
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	cx, cy := float64(w)/2, float64(h)*0.40
	r := float64(w) * 0.19
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			c := bg
			switch {
			case dx*dx+dy*dy*0.75 < r*r && dy < -r*0.45:
				c = hair
			case dx*dx+dy*dy*0.75 < r*r:
				c = skin
			case float64(y) > cy+r*1.05 && dx*dx < (float64(y)-cy)*(float64(y)-cy)*1.1:
				c = cloth
			}
			img.SetRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}
