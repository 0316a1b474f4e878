package demo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/pdf"
	"lawdesk/internal/publication"
	"lawdesk/internal/record"
	"lawdesk/internal/store"
)

// The demo office's cases (全过程记录): thirty cases of every type, at every stage — newly
// registered, under investigation, decided, closed and waiting to be archived (one due this
// week, one overdue), archived with their dossier — each with generated scans and PDFs, so
// the case list, search, previews, the timeline, the dossier and the dashboard all have
// something to show.

// recordOfficers are the people of the office who hold enforcement certificates and work cases.
var recordOfficers = []struct {
	login, name, unit, post, cert string
}{
	{"liuyang", "刘洋", "青山县市场监督管理局城关市场监管所", "所长", "52020319001"},
	{"chenjing", "陈静", "青山县市场监督管理局城关市场监管所", "科员", "52020319002"},
	{"yangfan", "杨帆", "青山县市场监督管理局执法大队", "副大队长", "52020319003"},
	{"huangwei", "黄伟", "青山县市场监督管理局执法大队", "科员", "52020319004"},
	{"zhoulei", "周磊", "青山县市场监督管理局行政审批科", "科长", "52020319005"},
	{"wutao", "吴涛", "青山县市场监督管理局行政审批科", "科员", "52020319006"},
	{"majun", "马骏", "青山县市场监督管理局法制股", "股长", "52020319007"},
}

// caseSpec describes one demo case: who it is about, and how far it has come.
type caseSpec struct {
	typ       domain.ActType
	simple    bool
	matter    string
	source    domain.CaseSource
	party     domain.Party
	facts     string
	by        string // login of the registering officer
	with      string // login of the second officer
	unit      string // handling unit
	amount    domain.Money
	opened    int          // days ago
	span      int          // days from opening to the last stage completed
	until     domain.Stage // the stage the case stands at ("" with archived: archived)
	archived  bool
	onsite    bool // go through the optional 现场检查
	hearing   bool
	goBack    bool   // sent back from 案件审核 to 调查取证 once
	noDecide  string // closed without a decision, with this reason
	decision  domain.Decision
	secrecy   domain.Secrecy
	number    string // an older case typed in with its original number
	newVer    bool   // one document gets a corrected second version
	viewedBy  string // someone opened the case (access log)
	printedBy string // someone printed its dossier
}

func org(name, code, rep, phone, addr string) domain.Party {
	return domain.Party{Kind: domain.PartyOrganisation, Name: name, IDNumber: creditCode(code), LegalRep: rep, Contact: phone, Address: addr}
}

func person(name, id, phone, addr string) domain.Party {
	return domain.Party{Kind: domain.PartyPerson, Name: name, IDNumber: idNumber(id), Contact: phone, Address: addr}
}

// creditCode completes a 17-character unified social credit code with its check character.
func creditCode(base string) string {
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	base = strings.NewReplacer("I", "1", "O", "0", "S", "5", "V", "U", "Z", "2").Replace(base)
	weights := [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(chars, base[i]) * weights[i]
	}
	return base + string(chars[(31-sum%31)%31])
}

// idNumber completes a 17-digit identity number with its check character.
func idNumber(base string) string {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(base[i]-'0') * weights[i]
	}
	return base + string("10X98765432"[sum%11])
}

const (
	unitTeam   = "青山县市场监督管理局执法大队"
	unitTown   = "青山县市场监督管理局城关市场监管所"
	unitPermit = "青山县市场监督管理局行政审批科"
)

func fine(yuan int64, kinds ...domain.PenaltyKind) domain.Decision {
	return domain.Decision{Kinds: append([]domain.PenaltyKind{domain.PenaltyFine}, kinds...), Fine: domain.Money(yuan * 100)}
}

var demoCases = []caseSpec{
	// 行政处罚 · 普通程序
	{typ: domain.ActPenalty, matter: "对经营超过保质期食品的处罚", source: domain.SourceComplaint,
		party: org("青山县惠民超市有限公司", "91520221MA6DQ8K3X", "李建华", "0858-6612345", "青山县人民路 12 号"),
		facts: "群众举报该超市销售超过保质期的纯牛奶。执法人员现场检查发现货架上陈列超过保质期的纯牛奶 24 盒。", by: "liuyang", with: "chenjing",
		unit: unitTown, amount: 150000, opened: 150, span: 70, archived: true, onsite: true, decision: fine(5000, domain.PenaltyConfiscateProperty),
		newVer: true, viewedBy: "sunli", printedBy: "admin"},
	{typ: domain.ActPenalty, matter: "对未取得食品经营许可从事食品经营活动的处罚", source: domain.SourceInspection,
		party: person("王小兵", "52022119850312151", "13885801234", "青山县城关镇新华街 8 号"),
		facts: "日常检查发现当事人在新华街 8 号无证经营卤菜，货值 3,200 元。", by: "yangfan", with: "huangwei",
		unit: unitTeam, amount: 320000, opened: 140, span: 80, archived: true, hearing: true, decision: fine(20000, domain.PenaltyConfiscateGains),
		secrecy: domain.SecrecyPrivacy, viewedBy: "admin"},
	{typ: domain.ActPenalty, matter: "对销售不符合食品安全标准食品的处罚", source: domain.SourceTransfer,
		party: org("青山县福源食品有限公司", "91520221MA6E2P7R1", "陈福源", "0858-6623456", "青山县工业园区 3 号"),
		facts: "县疾控中心移送抽检报告：该公司生产的辣椒酱苯甲酸超标。", by: "huangwei", with: "yangfan",
		unit: unitTeam, amount: 860000, opened: 56, span: 36, until: domain.StageArchive, decision: fine(50000, domain.PenaltyConfiscateGains, domain.PenaltyConfiscateProperty)},
	{typ: domain.ActPenalty, matter: "对虚假广告的处罚", source: domain.SourceComplaint,
		party: org("青山县康乐药房连锁有限公司", "91520221MA6F3Q2W5", "赵康乐", "0858-6634567", "青山县健康路 21 号"),
		facts: "举报该药房门店宣传保健食品“治疗高血压”，属虚假宣传。", by: "liuyang", with: "chenjing",
		unit: unitTown, amount: 0, opened: 66, span: 40, until: domain.StageArchive, decision: fine(30000), goBack: true},
	{typ: domain.ActPenalty, matter: "对经营超过保质期食品的处罚", source: domain.SourceInspection,
		party: org("青山县好又多便利店", "92520221MA6G4R3E2", "孙丽丽", "13908586543", "青山县车站路 5 号"),
		facts: "检查发现冷柜内 6 袋速冻水饺超过保质期。", by: "chenjing", with: "liuyang",
		unit: unitTown, amount: 18000, opened: 40, span: 30, until: domain.StageDecide, onsite: true},
	{typ: domain.ActPenalty, matter: "对计量器具不合格的处罚", source: domain.SourceComplaint,
		party: person("刘大勇", "52022119780605173", "13985802345", "青山县农贸市场 B 区 12 号摊位"),
		facts: "消费者投诉该摊位电子秤短斤少两，经检定电子秤不合格。", by: "huangwei", with: "yangfan",
		unit: unitTeam, amount: 0, opened: 110, span: 5, until: domain.StageExamine},
	{typ: domain.ActPenalty, matter: "对侵犯注册商标专用权的处罚", source: domain.SourceAssigned,
		party: org("青山县鑫达商贸有限公司", "91520221MA6H5S4T8", "周鑫", "0858-6645678", "青山县商贸城 2 栋"),
		facts: "上级交办：该公司销售假冒某品牌运动鞋 48 双。", by: "yangfan", with: "huangwei",
		unit: unitTeam, amount: 1152000, opened: 25, span: 15, until: domain.StageNotify, secrecy: domain.SecrecyTrade},
	{typ: domain.ActPenalty, matter: "对无照经营的处罚", source: domain.SourceComplaint,
		party: person("陈二妹", "52022119900911282", "13608581234", "青山县城关镇和平巷 3 号"),
		facts: "举报和平巷 3 号无照经营小吃店，经调查当事人已于立案前办理营业执照，违法事实轻微并及时改正。", by: "chenjing", with: "liuyang",
		unit: unitTown, opened: 30, span: 10, until: domain.StageArchive, noDecide: "违法行为轻微并及时改正，没有造成危害后果，依法不予行政处罚，撤销立案"},
	{typ: domain.ActPenalty, matter: "对经营超过保质期食品的处罚", source: domain.SourceComplaint,
		party: org("青山县阳光食品店", "92520221MA6J6T5Y6", "杨光", "13908587654", "青山县阳光小区 1 号"),
		facts: "举报称该店销售过期饮料，现场检查未发现过期食品。", by: "liuyang", with: "chenjing",
		unit: unitTown, opened: 12, span: 3, until: domain.StageInvestigate},
	{typ: domain.ActPenalty, matter: "对经营超过保质期食品的处罚", source: domain.SourceOther,
		party: org("青山县绿源农资经营部", "92520221MA6K7U6U4", "吴绿源", "13908588765", "青山县农贸市场 C 区"),
		facts: "补录 2025 年已办结的案件。", by: "liuyang", with: "chenjing", number: "青市监处罚（2025）0087号",
		unit: unitTown, amount: 40000, opened: 330, span: 60, archived: true, decision: fine(2000)},
	// 行政处罚 · 简易程序
	{typ: domain.ActPenalty, simple: true, matter: "对未按规定公示营业执照的处罚", source: domain.SourceInspection,
		party: org("青山县川味小吃店", "92520221MA6L8V7I3", "蒋川", "13908589876", "青山县美食街 6 号"),
		facts: "检查发现该店未在经营场所醒目位置悬挂营业执照，当场责令改正并予以警告。", by: "liuyang", with: "chenjing",
		unit: unitTown, opened: 60, span: 4, archived: true, decision: domain.Decision{Kinds: []domain.PenaltyKind{domain.PenaltyWarning}}},
	{typ: domain.ActPenalty, simple: true, matter: "对未按规定公示营业执照的处罚", source: domain.SourceInspection,
		party: person("李小红", "52022119920227244", "13908581122", "青山县美食街 9 号"),
		facts: "流动摊点未公示营业执照，当场罚款 100 元。", by: "chenjing", with: "liuyang",
		unit: unitTown, opened: 20, span: 2, until: domain.StageArchive, decision: fine(100)},
	{typ: domain.ActPenalty, simple: true, matter: "对未按规定公示营业执照的处罚", source: domain.SourceInspection,
		party: org("青山县兴旺五金店", "92520221MA6M9W8O1", "熊旺", "13908582233", "青山县建设路 40 号"),
		facts: "检查发现未公示营业执照。", by: "huangwei", with: "yangfan", unit: unitTeam, opened: 1, span: 1, until: domain.StageDecide},
	// 行政许可
	{typ: domain.ActLicensing, matter: "食品经营许可（新办）", source: domain.SourceOther,
		party: org("青山县美味餐饮管理有限公司", "91520221MA6N1X9P7", "梅维", "0858-6656789", "青山县滨河路 18 号"),
		facts: "申请食品经营许可（餐饮服务，大型餐馆）。", by: "zhoulei", with: "wutao",
		unit: unitPermit, opened: 100, span: 14, archived: true, onsite: true, decision: domain.Decision{Summary: "准予行政许可，发放食品经营许可证"}},
	{typ: domain.ActLicensing, matter: "食品经营许可（新办）", source: domain.SourceOther,
		party: org("青山县晨光面包坊", "92520221MA6P2Y1A8", "程光", "13908583344", "青山县光明路 7 号"),
		facts: "申请食品经营许可（食品销售，含现制现售）。", by: "wutao", with: "zhoulei",
		unit: unitPermit, opened: 24, span: 9, until: domain.StageArchive, decision: domain.Decision{Summary: "准予行政许可"}},
	{typ: domain.ActLicensing, matter: "食品经营许可（变更）", source: domain.SourceOther,
		party: org("青山县惠民超市有限公司", "91520221MA6DQ8K3X", "李建华", "0858-6612345", "青山县人民路 12 号"),
		facts: "申请变更经营项目，增加冷藏冷冻食品销售。", by: "zhoulei", with: "wutao",
		unit: unitPermit, opened: 6, span: 3, until: domain.StageExamine},
	{typ: domain.ActLicensing, matter: "食品经营许可（新办）", source: domain.SourceOther,
		party: person("杨秀英", "52022119650718262", "13908584455", "青山县石桥村 2 组"),
		facts: "申请小餐饮登记；经审查，经营场所与生活区未分隔，不符合条件。", by: "wutao", with: "zhoulei",
		unit: unitPermit, opened: 55, span: 10, archived: true, decision: domain.Decision{Summary: "不予行政许可，告知申请人整改后可重新申请"}},
	{typ: domain.ActLicensing, matter: "特种设备使用登记", source: domain.SourceOther,
		party: org("青山县第一中学", "12520221MB1C2D3E4", "韩明", "0858-6667890", "青山县学府路 1 号"),
		facts: "申请电梯使用登记 2 台。", by: "zhoulei", with: "wutao", unit: unitPermit, opened: 2, span: 1, until: domain.StageAccept},
	{typ: domain.ActLicensing, matter: "食品经营许可（延续）", source: domain.SourceOther,
		party: org("青山县老字号粉馆", "92520221MA6Q3Z2S5", "郭老", "13908585566", "青山县老街 15 号"),
		facts: "申请延续食品经营许可。", by: "wutao", with: "zhoulei", unit: unitPermit, opened: 15, span: 8, until: domain.StageServe,
		decision: domain.Decision{Summary: "准予延续"}},
	// 行政检查
	{typ: domain.ActInspection, matter: "食品销售者日常监督检查（双随机）", source: domain.SourceInspection,
		party: org("青山县惠民超市有限公司", "91520221MA6DQ8K3X", "李建华", "0858-6612345", "青山县人民路 12 号"),
		facts: "双随机抽查：检查进货查验记录、贮存条件和标签。发现 1 项问题，责令整改。", by: "chenjing", with: "liuyang",
		unit: unitTown, opened: 90, span: 10, archived: true, decision: domain.Decision{Summary: "基本符合，责令 7 日内整改进货查验记录"}},
	{typ: domain.ActInspection, matter: "特种设备安全监督检查", source: domain.SourceInspection,
		party: org("青山县商贸城物业管理有限公司", "91520221MA6R4A3D2", "冯物", "0858-6678901", "青山县商贸城"),
		facts: "检查商贸城 6 台电梯的维保记录和使用登记。", by: "yangfan", with: "huangwei", unit: unitTeam, opened: 8, span: 2, until: domain.StageDecide},
	{typ: domain.ActInspection, matter: "食品生产者日常监督检查", source: domain.SourceInspection,
		party: org("青山县福源食品有限公司", "91520221MA6E2P7R1", "陈福源", "0858-6623456", "青山县工业园区 3 号"),
		facts: "对辣椒酱生产线进行检查，抽样 2 批次。", by: "huangwei", with: "yangfan", unit: unitTeam, opened: 22, span: 4, until: domain.StageArchive,
		decision: domain.Decision{Summary: "未发现问题"}},
	{typ: domain.ActInspection, matter: "价格监督检查", source: domain.SourceAssigned,
		party: org("青山县加油站", "91520221MA6S5B4F0", "钱加", "0858-6689012", "青山县环城路"), facts: "节前价格检查。",
		by: "liuyang", with: "chenjing", unit: unitTown, opened: 3, span: 1, until: domain.StageOnSite},
	{typ: domain.ActInspection, matter: "食品销售者日常监督检查（双随机）", source: domain.SourceInspection,
		party: org("青山县好又多便利店", "92520221MA6G4R3E2", "孙丽丽", "13908586543", "青山县车站路 5 号"),
		facts: "双随机抽查，发现过期速冻水饺，转立案调查。", by: "chenjing", with: "liuyang", unit: unitTown, opened: 42, span: 2, until: domain.StageArchive,
		decision: domain.Decision{Summary: "发现违法线索，移交立案"}},
	// 行政强制
	{typ: domain.ActCoercion, matter: "查封、扣押不符合食品安全标准的食品", source: domain.SourceTransfer,
		party: org("青山县福源食品有限公司", "91520221MA6E2P7R1", "陈福源", "0858-6623456", "青山县工业园区 3 号"),
		facts: "对苯甲酸超标的辣椒酱 320 瓶予以扣押。", by: "yangfan", with: "huangwei", unit: unitTeam, amount: 640000, opened: 68, span: 30,
		archived: true, decision: domain.Decision{Summary: "扣押辣椒酱 320 瓶，期限 30 日"}},
	{typ: domain.ActCoercion, matter: "查封、扣押侵犯注册商标专用权的商品", source: domain.SourceAssigned,
		party: org("青山县鑫达商贸有限公司", "91520221MA6H5S4T8", "周鑫", "0858-6645678", "青山县商贸城 2 栋"),
		facts: "扣押涉嫌假冒的运动鞋 48 双。", by: "huangwei", with: "yangfan", unit: unitTeam, amount: 1152000, opened: 24, span: 6, until: domain.StageExecute,
		decision: domain.Decision{Summary: "扣押运动鞋 48 双"}, secrecy: domain.SecrecyTrade},
	{typ: domain.ActCoercion, matter: "查封违法生产经营场所", source: domain.SourceInspection,
		party: person("赵老四", "52022119700101133", "13908587788", "青山县河坝村 5 组"),
		facts: "当事人在自建房内私设黑作坊生产豆腐，拟查封生产场所。", by: "yangfan", with: "huangwei", unit: unitTeam, opened: 4, span: 1, until: domain.StageOnSite},
	// 其他类别
	{typ: domain.ActLevy, matter: "征收行政事业性收费（特种设备检验）", source: domain.SourceOther,
		party: org("青山县第一中学", "12520221MB1C2D3E4", "韩明", "0858-6667890", "青山县学府路 1 号"),
		facts: "依法征收电梯定期检验费用。", by: "zhoulei", with: "wutao", unit: unitPermit, amount: 120000, opened: 30, span: 6, until: domain.StageExecute,
		decision: domain.Decision{Summary: "征收检验费 1,200 元"}},
	{typ: domain.ActConfirm, matter: "计量器具强制检定确认", source: domain.SourceOther,
		party: org("青山县农贸市场管理有限公司", "91520221MA6T6C5G9", "褚农", "0858-6690123", "青山县农贸市场"),
		facts: "确认农贸市场公平秤 4 台检定合格。", by: "wutao", with: "zhoulei", unit: unitPermit, opened: 18, span: 5, until: domain.StageDecide},
	{typ: domain.ActAdjudicate, matter: "消费纠纷行政调解", source: domain.SourceComplaint,
		party: person("郑小花", "52022119880808208", "13908589900", "青山县幸福小区 3 栋"),
		facts: "消费者与装修公司因退款发生纠纷，申请调解。", by: "chenjing", with: "liuyang", unit: unitTown, opened: 9, span: 2, until: domain.StageExamine},
}

// documentsFor are the documents the demo files for each stage of a case of type t.
func documentsFor(t domain.ActType, stage domain.Stage) []string {
	byType := map[domain.ActType]map[domain.Stage][]string{
		domain.ActPenalty: {
			domain.StageAccept: {"案件来源登记表"}, domain.StageOnSite: {"现场笔录"}, domain.StageFile: {"立案审批表"},
			domain.StageInvestigate: {"询问笔录", "调查终结报告"}, domain.StageNotify: {"行政处罚事先告知书"},
			domain.StageHearing: {"听证笔录"}, domain.StageDecide: {"行政处罚决定书"}, domain.StageServe: {"送达回证"},
			domain.StageExecute: {"罚没款票据"}, domain.StageClose: {"结案审批表"},
		},
		domain.ActLicensing: {
			domain.StageAccept: {"行政许可申请书", "受理通知书"}, domain.StageOnSite: {"现场检查笔录"},
			domain.StageExamine: {"行政许可审查意见"}, domain.StageDecide: {"准予行政许可决定书"}, domain.StageServe: {"送达回证"},
		},
		domain.ActInspection: {
			domain.StageAccept: {"检查任务通知书"}, domain.StageOnSite: {"现场检查笔录", "现场照片"},
			domain.StageDecide: {"检查结果告知书"},
		},
		domain.ActCoercion: {
			domain.StageAccept: {"案件来源登记表"}, domain.StageOnSite: {"查封扣押现场笔录", "现场照片"},
			domain.StageDecide: {"查封扣押决定书"}, domain.StageServe: {"送达回证"},
			domain.StageExecute: {"查封（扣押）物品清单", "解除查封扣押决定书"},
		},
	}
	if docs, ok := byType[t]; ok {
		return docs[stage]
	}
	if stage == domain.StageAccept {
		return []string{"案件来源登记表"}
	}
	return nil
}

// recordBuilder holds what the record demo step shares between cases.
type recordBuilder struct {
	b        *Builder
	svc      *record.Service
	officers map[string]domain.Officer // by login
	dir      string                    // generated files
	scans    map[string][]byte         // scan images by sheet title, reused across cases
	start    time.Time
	files    int
}

func recordDemo(b *Builder) error {
	rb := &recordBuilder{b: b, svc: record.New(b.Store), officers: map[string]domain.Officer{}, scans: map[string][]byte{}}
	realNow := b.Store.Now
	rb.start = realNow()
	defer func() { b.Store.Now = realNow }()
	// A new demo office is rebuilt rather than recovered after a crash, so its hundreds of
	// small transactions need not each wait for the disk; one sync at the end makes it durable.
	db := b.Store.DB()
	db.NoSync = true
	defer func() {
		db.NoSync = false
		db.Sync()
	}()
	dir, err := os.MkdirTemp("", "lawdesk-demo-")
	if err != nil {
		return err
	}
	rb.dir = dir
	defer os.RemoveAll(dir)
	if err := rb.ensureOfficers(); err != nil {
		return err
	}
	for i, spec := range demoCases {
		if err := rb.build(spec); err != nil {
			return fmt.Errorf("案件 %d（%s）：%w", i+1, spec.party.Name, err)
		}
	}
	b.Store.Now = realNow
	return rb.scannerFolder()
}

// ensureOfficers makes sure every demo officer is on the officer list with a valid
// certificate and that their account is linked to it.
func (rb *recordBuilder) ensureOfficers() error {
	st := rb.b.Store
	existing, err := st.Officers()
	if err != nil {
		return err
	}
	today := domain.DateOf(rb.start)
	byName := map[string]domain.Officer{}
	for _, o := range existing {
		byName[o.Name] = o
	}
	for _, d := range recordOfficers {
		o, ok := byName[d.name]
		if !ok || !o.CertValid(today.AddDays(-400)) || !o.CertValid(today) {
			if !ok {
				o = domain.Officer{Name: d.name, Unit: d.unit, Post: d.post, Category: "市场监管", Region: "青山县",
					TrainingHours: map[int]float64{rb.start.Year(): 44}}
			}
			if o.CertNo == "" {
				o.CertNo, o.CertIssuer = d.cert, "贵州省人民政府"
			}
			o.ValidUntil = today.AddDays(900)
			o.Reviewer = o.Reviewer || d.login == "majun"
			if o, err = st.SaveOfficer(store.Change{Actor: domain.SystemActor, Reason: "演示数据"}, o); err != nil {
				return err
			}
		}
		rb.officers[d.login] = o
		sess, ok := rb.b.Sessions[d.login]
		if !ok {
			continue
		}
		if sess.User.OfficerID == 0 {
			u := sess.User
			u.OfficerID = o.ID
			if u, err = st.SaveUser(u, store.UserChange{Actor: domain.SystemActor, Action: "user.update", Summary: "演示账户关联执法人员 " + o.Name}); err != nil {
				return err
			}
			rb.b.Sessions[d.login] = office.Session{User: u}
		}
	}
	return nil
}

// at sets the store's clock to a working hour days ago, so records carry realistic times.
func (rb *recordBuilder) at(daysAgo, hour int) domain.Date {
	day := domain.DateOf(rb.start).AddDays(-daysAgo)
	t := time.Date(day.Year, day.Month, day.Day, hour, 17, 0, 0, rb.start.Location())
	if t.After(rb.start) {
		t = rb.start
	}
	rb.b.Store.Now = func() time.Time { return t }
	return day
}

func (rb *recordBuilder) build(spec caseSpec) error {
	sess := rb.b.As(spec.by)
	day := rb.at(spec.opened, 9)
	c := domain.Case{Type: spec.typ, MatterName: spec.matter, Procedure: domain.ProcedureGeneral, Source: spec.source, Party: spec.party,
		HandlingUnit: spec.unit, OfficerIDs: []uint64{rb.officers[spec.by].ID, rb.officers[spec.with].ID}, Amount: spec.amount,
		Facts: spec.facts, Secrecy: spec.secrecy, Opened: day, Number: spec.number}
	if spec.simple {
		c.Procedure = domain.ProcedureSimple
	}
	c, err := rb.svc.CreateCase(sess, c)
	if err != nil {
		return err
	}
	// a secret case needs a reason to be opened, each working day
	work := func(who office.Session) error {
		if !spec.secrecy.NeedsReason() {
			return nil
		}
		_, err := rb.svc.OpenCase(who, c.ID, "承办本案")
		return err
	}
	// the stages the case goes through, in order, up to where it stands
	var stages []domain.Stage
	for _, p := range c.Path() {
		if p.Stage == domain.StageOnSite && p.Optional && !spec.onsite ||
			p.Stage == domain.StageHearing && !spec.hearing ||
			p.Optional && p.Stage != domain.StageOnSite && p.Stage != domain.StageHearing {
			continue
		}
		if spec.noDecide != "" && p.Stage.Index() > domain.StageFile.Index() && p.Stage.Index() < domain.StageClose.Index() {
			continue
		}
		stages = append(stages, p.Stage)
		if p.Stage == spec.until && !spec.archived {
			break
		}
	}
	steps := len(stages)
	for i, stage := range stages {
		if stage == domain.StageArchive {
			if !spec.archived {
				break
			}
			day = rb.at(max(0, spec.opened-spec.span-3), 15) // formed a few days after closing
			if err := work(sess); err != nil {
				return err
			}
			if c, err = rb.svc.Archive(sess, c.ID, day); err != nil {
				return err
			}
			break
		}
		if i == steps-1 && stage == spec.until {
			// the stage it stands at: its documents may already be there
			if stage != domain.StageAccept && i%2 == 0 {
				break
			}
		}
		// spread the completed stages over span days: the last one (结案 of a closed case) on
		// day opened-span
		day = rb.at(spec.opened-spec.span*i/max(1, steps-2), 10)
		if err := work(sess); err != nil {
			return err
		}
		if err := work(rb.b.As(spec.with)); err != nil {
			return err
		}
		for _, typ := range documentsFor(spec.typ, stage) {
			if err := rb.addDocument(sess, c, typ, stage, day, spec); err != nil {
				return err
			}
		}
		if i == steps-1 {
			break // the case stands here
		}
		if stage == domain.StageDecide {
			d := spec.decision
			d.Date = day
			if !spec.simple && (spec.typ == domain.ActPenalty || spec.typ == domain.ActLicensing || spec.typ == domain.ActCoercion) {
				d.DocNumber = c.Number
			}
			d.HearingHeld = spec.hearing
			if _, err := rb.svc.SetDecision(sess, c.ID, d); err != nil {
				return err
			}
		}
		if spec.goBack && stage == domain.StageExamine {
			// the review finds the evidence short: back to 调查取证 and again
			if c, err = rb.svc.GoBack(rb.b.As(spec.with), c.ID, domain.StageInvestigate, "案件审核认为证据不足：缺少进货来源证明，补充调查"); err != nil {
				return err
			}
			if err := rb.addDocument(sess, c, "询问笔录", domain.StageInvestigate, day, spec); err != nil {
				return err
			}
			if c, err = rb.svc.CompleteStage(sess, record.StageStep{CaseID: c.ID, Date: day, OfficerID: rb.officers[spec.by].ID,
				Note: "补充调取进货台账和供货商证明", Next: domain.StageExamine}); err != nil {
				return err
			}
		}
		next := stages[i+1]
		step := record.StageStep{CaseID: c.ID, Date: day, OfficerID: rb.officers[spec.by].ID, Note: stageNote(stage, spec), Next: next}
		if spec.noDecide != "" && next == domain.StageClose {
			step.NotDecidedReason = spec.noDecide
		}
		if c, err = rb.svc.CompleteStage(sess, step); err != nil {
			return err
		}
	}
	if err := rb.publish(c.ID, spec); err != nil {
		return err
	}
	if spec.viewedBy != "" {
		rb.b.Store.Now = func() time.Time { return rb.start.Add(-2 * time.Hour) }
		reason := ""
		if spec.secrecy.NeedsReason() {
			reason = "案卷评查"
		}
		if _, err := rb.svc.OpenCase(rb.b.As(spec.viewedBy), c.ID, reason); err != nil {
			return err
		}
	}
	if spec.printedBy != "" {
		rb.b.Store.Now = func() time.Time { return rb.start.Add(-time.Hour) }
		if err := rb.svc.PrintDossier(context.Background(), rb.b.As(spec.printedBy), c.ID, pdf.DossierWhole, discard{}, nil); err != nil {
			return err
		}
	}
	return nil
}

// publish records what the office did about a decided case's publication (事后公开): a
// secret case's decision is marked not public; the others were published on the website and
// notice board three working days after the decision, except those decided this week.
func (rb *recordBuilder) publish(caseID uint64, spec caseSpec) error {
	c, err := rb.b.Store.Case(caseID)
	if err != nil {
		return err
	}
	if _, done := c.Completed(domain.StageDecide); !done || !c.Decision.Decided() {
		return nil
	}
	pub := publication.New(rb.b.Store)
	admin := rb.b.As("admin")
	cal, err := rb.b.Store.Calendar()
	if err != nil {
		return err
	}
	on := cal.AddWorkingDays(c.Decision.Date, 3).Date
	if on.After(domain.DateOf(rb.start)) {
		return nil // still within the deadline: on the dashboard as a task
	}
	rb.at(on.DaysUntil(domain.DateOf(rb.start)), 16)
	if c.Secrecy != domain.SecrecyNone {
		_, err := pub.MarkNotPublic(admin, c.ID, "案件标记为“"+c.Secrecy.Label()+"”，依法不予公开")
		return err
	}
	p, err := pub.Prepare(admin, c.ID)
	if err != nil {
		return err
	}
	d := p.Draft
	d.Basis = map[domain.ActType]string{domain.ActPenalty: "《中华人民共和国食品安全法》第一百二十四条", domain.ActLicensing: "《中华人民共和国行政许可法》第三十八条",
		domain.ActCoercion: "《中华人民共和国行政强制法》第二十二条"}[c.Type]
	if d.Basis == "" {
		d.Basis = "《市场监督管理行政执法程序规定》"
	}
	_, err = pub.Confirm(admin, c.ID, publication.PublishForm{Draft: d, PublishedOn: on, Channel: domain.ChannelBoth})
	return err
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// stageNote is what the officer wrote about a stage.
func stageNote(s domain.Stage, spec caseSpec) string {
	switch s {
	case domain.StageAccept:
		return "登记案件来源：" + spec.source.Label()
	case domain.StageOnSite:
		return "执法人员二人到场检查，出示执法证件，制作现场笔录"
	case domain.StageFile:
		return "经负责人批准立案"
	case domain.StageInvestigate:
		return "询问当事人，调取进货台账，登记保存证据"
	case domain.StageExamine:
		return "案件审核通过"
	case domain.StageNotify:
		return "送达事先告知书，当事人未提出陈述申辩"
	case domain.StageHearing:
		return "当事人申请听证，依法举行听证"
	case domain.StageDecide:
		return "经负责人批准作出决定"
	case domain.StageServe:
		return "直接送达，当事人签收"
	case domain.StageExecute:
		return "当事人已履行"
	case domain.StageClose:
		return "经负责人批准结案"
	}
	return ""
}

// addDocument files a generated document: text PDFs for what is printed from a computer,
// scans (JPEG, or image-only PDF) for what was filled in by hand or signed.
func (rb *recordBuilder) addDocument(sess office.Session, c domain.Case, typ string, stage domain.Stage, day domain.Date, spec caseSpec) error {
	rb.files++
	sheet := Sheet{Office: Agency.Name, Title: typ, Number: fmt.Sprintf("%s〔%d〕%d号", "青市监", day.Year, 100+rb.files),
		Lines: []string{
			"当事人：" + spec.party.Name + "。",
			"案由：" + spec.matter + "。",
			spec.facts,
			"执法人员：" + rb.officers[spec.by].Name + "（执法证号 " + rb.officers[spec.by].CertNo + "）、" + rb.officers[spec.with].Name + "（执法证号 " + rb.officers[spec.with].CertNo + "）。",
		},
		Footer: fmt.Sprintf("%d年%d月%d日", day.Year, int(day.Month), day.Day)}
	var data []byte
	var err error
	name := fmt.Sprintf("%03d-%s", rb.files, typ)
	handwritten := map[string]bool{"现场笔录": true, "现场检查笔录": true, "询问笔录": true, "送达回证": true, "现场照片": true,
		"罚没款票据": true, "陈述申辩笔录": true, "听证笔录": true, "查封扣押现场笔录": true}
	switch {
	case typ == "现场照片" || typ == "送达回证" || typ == "罚没款票据":
		generic := Sheet{Office: Agency.Name, Title: typ, Lines: []string{"（扫描件）", "签收人：", "日期："}}
		if data, err = rb.scan(generic, func() ([]byte, error) { return ScanJPEG(generic, 700) }); err != nil {
			return err
		}
		name += ".jpg"
	case handwritten[typ]:
		generic := Sheet{Office: Agency.Name, Title: typ, Lines: Paragraphs(6)}
		if data, err = rb.scan(generic, func() ([]byte, error) { return ScannedPDF(generic, 2, 700) }); err != nil {
			return err
		}
		name += ".pdf"
	default:
		if data, err = TextPDF(sheet); err != nil {
			return err
		}
		name += ".pdf"
	}
	path := filepath.Join(rb.dir, name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return err
	}
	req := record.AddDocumentRequest{CaseID: c.ID, Stage: stage, Type: typ, Title: typ + "（" + spec.party.Name + "）",
		Date: day, Author: Agency.Name, Path: path}
	if handwritten[typ] {
		req.Author = rb.officers[spec.by].Name + "、" + rb.officers[spec.with].Name
	}
	if typ == "行政处罚决定书" || typ == "查封扣押决定书" || typ == "准予行政许可决定书" {
		req.DocNumber = c.Number
	}
	d, err := rb.svc.AddDocument(context.Background(), sess, req, nil)
	if err != nil {
		return err
	}
	if spec.newVer && typ == "调查终结报告" {
		req.Replaces, req.Title = d.ID, req.Title+"（更正金额）"
		if _, err := rb.svc.AddDocument(context.Background(), sess, req, nil); err != nil {
			return err
		}
	}
	return nil
}

// scan returns the cached scan of a generic sheet, making it once.
func (rb *recordBuilder) scan(s Sheet, generate func() ([]byte, error)) ([]byte, error) {
	key := s.Title
	if data, ok := rb.scans[key]; ok {
		return data, nil
	}
	data, err := generate()
	if err != nil {
		return nil, err
	}
	rb.scans[key] = data
	return data, nil
}

// scannerFolder leaves two fresh scans in a demo scanner folder inside the data directory's
// parent temp area and points the setting at it, so "从扫描文件夹添加" has something to show.
func (rb *recordBuilder) scannerFolder() error {
	dir := filepath.Join(rb.b.Store.Dir(), "demo-scanner")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	for i, title := range []string{"询问笔录", "证据登记保存清单"} {
		s := Sheet{Office: Agency.Name, Title: title, Lines: Paragraphs(5)}
		data, err := ScannedPDF(s, 1+i, 700)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("SCAN_%04d.pdf", 17+i)), data, 0o600); err != nil {
			return err
		}
	}
	return rb.svc.SaveScannerDir(rb.b.As("admin"), dir)
}
