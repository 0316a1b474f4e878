package bench

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"lawdesk/internal/domain"
)

// The vocabulary the generator draws from: the people, businesses, places and enforcement
// matters of a county market-regulation bureau, so searches, lists and statistics meet the
// same kind of text as in a real office.

var surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")

var givenChars = []rune("建国华明军平志强伟芳娟敏静丽磊洋艳勇杰涛超秀霞刚桂英玉兰飞鹏辉斌宇浩凯健俊帆琳雪梅晶欣婷慧颖蕾云莉丹红春海波林文斌德成福贵荣祥顺利民生义才")

// towns are the county's townships; each has a market-regulation office (市场监管所).
var towns = []string{"城关", "红桥", "青松", "白云", "龙场", "新华", "石门", "大河", "花溪", "水口", "黄泥", "双井"}

var villages = []string{"和平村", "向阳村", "新民村", "团结村", "光明村", "红星村", "五一村", "坪上村", "河坝村", "大寨村"}

var streets = []string{"人民路", "中山路", "钟山西路", "建设路", "解放路", "北京路", "新华街", "文化路", "滨河路", "迎宾大道", "民主路", "胜利路"}

var tradeNames = []string{"惠民", "鑫源", "永兴", "金鼎", "福满", "兴旺", "宏达", "顺发", "佳美", "康达", "万家", "百佳",
	"华联", "利民", "聚福", "金盛", "天和", "众鑫", "盛世", "恒通", "安康", "绿源", "祥和", "隆兴"}

var businesses = []struct{ kind, suffix string }{
	{"超市", "超市有限公司"}, {"餐饮", "餐饮管理有限公司"}, {"食品", "食品有限公司"}, {"药房", "大药房有限公司"},
	{"加油站", "加油站有限公司"}, {"商贸", "商贸有限公司"}, {"建材", "建材经营部"}, {"农资", "农资经营部"},
	{"酒店", "酒店有限责任公司"}, {"电器", "电器商行"}, {"汽修", "汽车维修有限公司"}, {"烟酒", "烟酒商行"},
}

var goods = []string{"纯牛奶", "面包", "火腿肠", "方便面", "白酒", "食用油", "大米", "调味品", "儿童玩具", "电热水壶",
	"插线板", "化肥", "农药", "感冒药", "口罩", "饮料", "月饼", "粽子", "冷冻肉", "蔬菜"}

// matterSpec is an enforcement matter of the office's 执法事项清单 and how its cases read.
type matterSpec struct {
	t       domain.ActType
	code    string
	name    string
	basis   string
	unit    string
	facts   string // template: {party} {place} {goods} {n} {amount} {date}
	summary string // decision summary for non-penalty decisions
	kinds   []domain.PenaltyKind
	major   bool
}

var matterSpecs = []matterSpec{
	{domain.ActPenalty, "CF-001", "对销售超过保质期食品的行政处罚", "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项", "执法稽查大队",
		"{date}，执法人员对{party}位于{place}的经营场所进行检查，发现其货架上陈列销售超过保质期的{goods} {n} 件，货值金额 {amount} 元。", "",
		[]domain.PenaltyKind{domain.PenaltyWarning, domain.PenaltyFine, domain.PenaltyConfiscateGains}, false},
	{domain.ActPenalty, "CF-002", "对未取得食品经营许可从事食品经营的行政处罚", "《中华人民共和国食品安全法》第一百二十二条第一款", "执法稽查大队",
		"{date}，接群众举报，执法人员在{place}发现{party}未取得食品经营许可从事{goods}经营活动，已经营约 {n} 天，违法所得 {amount} 元。", "",
		[]domain.PenaltyKind{domain.PenaltyFine, domain.PenaltyConfiscateGains}, false},
	{domain.ActPenalty, "CF-003", "对使用未经检定计量器具的行政处罚", "《中华人民共和国计量法》第二十六条", "执法稽查大队",
		"{date}，执法人员对{party}进行计量监督检查，发现其在{place}使用的 {n} 台电子计价秤未经检定即投入使用。", "",
		[]domain.PenaltyKind{domain.PenaltyWarning, domain.PenaltyFine}, false},
	{domain.ActPenalty, "CF-004", "对销售不合格产品的行政处罚", "《中华人民共和国产品质量法》第四十九条", "执法稽查大队",
		"{date}，经监督抽检，{party}在{place}销售的{goods}检验结论为不合格，共销售 {n} 件，货值金额 {amount} 元。", "",
		[]domain.PenaltyKind{domain.PenaltyFine, domain.PenaltyConfiscateProperty, domain.PenaltyConfiscateGains}, true},
	{domain.ActPenalty, "CF-005", "对发布虚假广告的行政处罚", "《中华人民共和国广告法》第五十五条第一款", "执法稽查大队",
		"{date}，执法人员发现{party}在{place}门店及微信公众号发布{goods}广告，宣称“治愈率 100%”，广告费用 {amount} 元。", "",
		[]domain.PenaltyKind{domain.PenaltyFine}, true},
	{domain.ActPenalty, "CF-006", "对不明码标价的行政处罚", "《明码标价和禁止价格欺诈规定》第二十一条", "执法稽查大队",
		"{date}，执法人员检查发现{party}在{place}销售的{goods}等 {n} 种商品未明码标价。", "",
		[]domain.PenaltyKind{domain.PenaltyWarning}, false},
	{domain.ActPenalty, "CF-007", "对销售侵犯注册商标专用权商品的行政处罚", "《中华人民共和国商标法》第六十条第二款", "执法稽查大队",
		"{date}，根据权利人投诉，执法人员在{party}位于{place}的店铺查获侵犯注册商标专用权的{goods} {n} 件，货值金额 {amount} 元。", "",
		[]domain.PenaltyKind{domain.PenaltyConfiscateProperty, domain.PenaltyFine}, true},
	{domain.ActPenalty, "CF-008", "对特种设备未经定期检验继续使用的行政处罚", "《中华人民共和国特种设备安全法》第八十四条第（一）项", "特种设备安全监察股",
		"{date}，执法人员检查发现{party}在{place}使用的 {n} 台电梯超过定期检验有效期仍继续使用。", "",
		[]domain.PenaltyKind{domain.PenaltyFine}, true},
	{domain.ActPenalty, "CF-009", "对未凭处方销售处方药的行政处罚", "《药品流通监督管理办法》第三十八条第一款", "执法稽查大队",
		"{date}，执法人员检查发现{party}在{place}未凭处方销售处方药{goods} {n} 盒。", "",
		[]domain.PenaltyKind{domain.PenaltyWarning, domain.PenaltyFine}, false},
	{domain.ActPenalty, "CF-010", "对未按规定进行食品进货查验记录的行政处罚", "《中华人民共和国食品安全法》第一百二十六条第一款第（三）项", "执法稽查大队",
		"{date}，执法人员检查发现{party}在{place}经营的{goods}未建立进货查验记录，涉及 {n} 个批次。", "",
		[]domain.PenaltyKind{domain.PenaltyWarning}, false},
	{domain.ActLicensing, "XK-001", "食品经营许可", "《中华人民共和国食品安全法》第三十五条", "行政审批股",
		"{party}申请在{place}从事{goods}等预包装食品销售，经营面积 {n} 平方米。", "准予食品经营许可", nil, false},
	{domain.ActLicensing, "XK-002", "食品生产许可", "《中华人民共和国食品安全法》第三十五条", "行政审批股",
		"{party}申请在{place}生产{goods}，设计年产量 {n} 吨。", "准予食品生产许可", nil, false},
	{domain.ActLicensing, "XK-003", "药品零售企业许可", "《中华人民共和国药品管理法》第五十二条", "行政审批股",
		"{party}申请在{place}开办药品零售企业，营业面积 {n} 平方米。", "准予药品经营许可", nil, false},
	{domain.ActLicensing, "XK-004", "食品小作坊登记", "《贵州省食品生产加工小作坊和食品摊贩管理条例》第九条", "行政审批股",
		"{party}申请在{place}从事{goods}小作坊生产加工。", "准予登记", nil, false},
	{domain.ActInspection, "JC-001", "食品经营者日常监督检查", "《食品生产经营监督检查管理办法》第十条", "食品安全监管股",
		"{date}，执法人员对{party}位于{place}的经营场所开展日常监督检查，检查项目 {n} 项。", "检查结果：符合", nil, false},
	{domain.ActInspection, "JC-002", "特种设备使用单位监督检查", "《中华人民共和国特种设备安全法》第五十七条", "特种设备安全监察股",
		"{date}，执法人员对{party}在{place}使用的 {n} 台特种设备开展安全监督检查。", "检查结果：基本符合，责令整改", nil, false},
	{domain.ActInspection, "JC-003", "企业公示信息抽查", "《企业信息公示暂行条例》第十四条", "信用监管股",
		"{date}，按照“双随机、一公开”抽查计划，对{party}公示的年度报告信息进行检查，核查项目 {n} 项。", "检查结果：公示信息未发现问题", nil, false},
	{domain.ActInspection, "JC-004", "计量器具监督检查", "《中华人民共和国计量法》第十八条", "执法稽查大队",
		"{date}，执法人员对{party}在{place}使用的 {n} 台强制检定计量器具进行监督检查。", "检查结果：符合", nil, false},
	{domain.ActCoercion, "QZ-001", "查封、扣押涉嫌违法的食品", "《中华人民共和国食品安全法》第一百一十条第（四）项", "执法稽查大队",
		"{date}，执法人员在{party}位于{place}的仓库发现涉嫌不符合食品安全标准的{goods} {n} 箱，依法予以扣押。", "扣押{goods} {n} 箱，期限三十日", nil, true},
	{domain.ActCoercion, "QZ-002", "查封、扣押不符合安全技术规范的特种设备", "《中华人民共和国特种设备安全法》第六十一条第（三）项", "特种设备安全监察股",
		"{date}，执法人员发现{party}在{place}使用的 {n} 台叉车未经检验，依法予以查封。", "查封叉车 {n} 台", nil, true},
	{domain.ActConfirm, "QR-001", "特种设备使用登记", "《中华人民共和国特种设备安全法》第三十三条", "特种设备安全监察股",
		"{party}申请对其在{place}使用的 {n} 台电梯办理使用登记。", "准予使用登记", nil, false},
	{domain.ActBenefit, "GF-001", "举报奖励发放", "《市场监管领域重大违法行为举报奖励暂行办法》第四条", "投诉举报中心",
		"举报人举报{party}在{place}销售假冒{goods}，经查属实，拟给予奖励 {amount} 元。", "发放举报奖励", nil, false},
	{domain.ActCharge, "SF-001", "特种设备检验检测收费", "《特种设备安全监察条例》第五十条", "特种设备安全监察股",
		"{party}在{place}的 {n} 台锅炉定期检验，收取检验费 {amount} 元。", "收取检验费", nil, false},
	{domain.ActLevy, "ZS-001", "国有土地上广告设施占用费征收", "《青山县户外广告设置管理办法》第十二条", "广告监管股",
		"{party}在{place}设置户外广告牌 {n} 块，应缴纳占用费 {amount} 元。", "征收占用费", nil, false},
	{domain.ActRequisition, "ZY-001", "应急物资征用", "《中华人民共和国突发事件应对法》第十二条", "办公室",
		"因防汛抢险需要，征用{party}位于{place}的{goods} {n} 件。", "征用物资，事后予以补偿", nil, true},
	{domain.ActAdjudicate, "CJ-001", "商标使用许可纠纷裁决", "《中华人民共和国商标法》第六十条", "知识产权股",
		"{party}与他人就{goods}商标使用许可发生纠纷，申请裁决，涉及金额 {amount} 元。", "裁决驳回申请", nil, false},
	{domain.ActOther, "QT-001", "消费纠纷行政调解", "《市场监督管理投诉举报处理暂行办法》第二十一条", "投诉举报中心",
		"消费者投诉{party}在{place}销售的{goods}存在质量问题，涉及金额 {amount} 元，经组织调解。", "调解达成协议", nil, false},
}

// typeWeights is how often each act type occurs among the office's cases (per mille).
var typeWeights = []struct {
	t domain.ActType
	w int
}{
	{domain.ActLicensing, 380}, {domain.ActPenalty, 260}, {domain.ActInspection, 230},
	{domain.ActCoercion, 30}, {domain.ActConfirm, 50}, {domain.ActBenefit, 10}, {domain.ActCharge, 10},
	{domain.ActLevy, 5}, {domain.ActRequisition, 3}, {domain.ActAdjudicate, 2}, {domain.ActOther, 20},
}

func pickType(r *rand.Rand) domain.ActType {
	n := r.IntN(1000)
	for _, tw := range typeWeights {
		if n < tw.w {
			return tw.t
		}
		n -= tw.w
	}
	return domain.ActOther
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func personName(r *rand.Rand) string {
	name := string(pick(r, surnames)) + string(pick(r, givenChars))
	if r.IntN(3) > 0 {
		name += string(pick(r, givenChars))
	}
	return name
}

func phone(r *rand.Rand) string {
	return fmt.Sprintf("1%d%09d", 3+r.IntN(7), r.IntN(1_000_000_000))
}

// creditCode makes a valid unified social credit code (GB 32100 check character).
func creditCode(r *rand.Rand) string {
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	weights := [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	var b strings.Builder
	b.WriteString("91520221")
	for b.Len() < 17 {
		b.WriteByte(chars[r.IntN(len(chars))])
	}
	code := b.String()
	sum := 0
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(chars, code[i]) * weights[i]
	}
	return code + string(chars[(31-sum%31)%31])
}

// idNumber makes a valid resident identity number of someone born in year (GB 11643).
func idNumber(r *rand.Rand, year int) string {
	id := fmt.Sprintf("520221%04d%02d%02d%03d", year, 1+r.IntN(12), 1+r.IntN(28), r.IntN(1000))
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(id[i]-'0') * weights[i]
	}
	return id + string("10X98765432"[sum%11])
}

func place(r *rand.Rand) string {
	if r.IntN(3) == 0 {
		return fmt.Sprintf("青山县%s镇%s", pick(r, towns), pick(r, villages))
	}
	return fmt.Sprintf("青山县%s%d号", pick(r, streets), 1+r.IntN(300))
}

// party makes a 当事人: mostly businesses, some natural persons (a few of them minors, whose
// decisions are never published).
func party(r *rand.Rand, year int) domain.Party {
	if r.IntN(10) < 6 {
		b := pick(r, businesses)
		return domain.Party{Kind: domain.PartyOrganisation,
			Name:     "青山县" + pick(r, tradeNames) + pick(r, tradeNames) + b.suffix,
			IDNumber: creditCode(r), LegalRep: personName(r), Contact: phone(r), Address: place(r)}
	}
	born := year - 20 - r.IntN(50)
	if r.IntN(200) == 0 {
		born = year - 16
	}
	return domain.Party{Kind: domain.PartyPerson, Name: personName(r), IDNumber: idNumber(r, born),
		Contact: phone(r), Address: place(r)}
}

// fill expands a facts template.
func fill(r *rand.Rand, tmpl string, p domain.Party, d domain.Date) string {
	return strings.NewReplacer(
		"{party}", p.Name,
		"{place}", place(r),
		"{goods}", pick(r, goods),
		"{n}", fmt.Sprint(2+r.IntN(60)),
		"{amount}", fmt.Sprint(100+r.IntN(50000)),
		"{date}", fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day),
	).Replace(tmpl)
}
