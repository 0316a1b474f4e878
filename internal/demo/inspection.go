package demo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/flowchart"
	"lawdesk/internal/inspection"
	"lawdesk/internal/record"
	"lawdesk/internal/recording"
	"lawdesk/internal/store"
)

// 双随机、一公开 in the demo office: a directory of 42 businesses in four townships, a task
// done and published two months ago (one object 立案查处, one 责令改正, one unreachable),
// a task under way with some results in, and a task planned for next week. The draws use
// fixed seeds so the demo is the same every time; one officer is related to one shop; the
// licence flowchart carries the bureau's own promised time limit.

type demoObject struct {
	name, prefix, typ, region, industry, address string
	grade                                        domain.RiskGrade
}

// demoObjects are the directory. Credit codes are made from prefix (the first 17
// characters less the serial) and the object's position, with their check character.
var demoObjects = []demoObject{
	{"青山县城关镇惠民超市", "92520221MA6C", "个体工商户", "城关镇", "食品销售", "城关镇人民路 18 号", domain.GradeB},
	{"青山县城关镇好又多便利店", "92520221MA6C", "个体工商户", "城关镇", "食品销售", "城关镇解放路 42 号", domain.GradeA},
	{"青山县城关镇陈记粮油店", "92520221MA6C", "个体工商户", "城关镇", "食品销售", "城关镇农贸市场 B12 号", domain.GradeC},
	{"青山县鑫源商贸有限公司", "91520221MA6D", "企业", "城关镇", "食品销售", "城关镇钟山大道 201 号", domain.GradeB},
	{"青山县城关镇老杨家常菜馆", "92520221MA6C", "个体工商户", "城关镇", "餐饮服务", "城关镇文化路 7 号", domain.GradeC},
	{"青山县味之源餐饮管理有限公司", "91520221MA6D", "企业", "城关镇", "餐饮服务", "城关镇钟山大道 88 号", domain.GradeA},
	{"青山县城关镇阿香米粉店", "92520221MA6C", "个体工商户", "城关镇", "餐饮服务", "城关镇人民路 66 号", domain.GradeD},
	{"贵州青山康泰大药房有限公司", "91520221MA6D", "企业", "城关镇", "药品零售", "城关镇解放路 9 号", domain.GradeA},
	{"青山县城关镇仁心药店", "92520221MA6C", "个体工商户", "城关镇", "药品零售", "城关镇民族路 31 号", domain.GradeB},
	{"青山县城关镇甜蜜蜜蛋糕坊", "92520221MA6C", "个体工商户", "城关镇", "食品生产", "城关镇新华路 5 号", domain.GradeC},
	{"青山县永安电梯维保有限公司", "91520221MA6D", "企业", "城关镇", "特种设备", "城关镇工业园区 3 栋", domain.GradeB},
	{"青山县城关镇小林水果店", "92520221MA6C", "个体工商户", "城关镇", "食品销售", "城关镇农贸市场 A03 号", domain.GradeNone},
	{"青山县河西乡万家福超市", "92520221MA6C", "个体工商户", "河西乡", "食品销售", "河西乡河西街 12 号", domain.GradeB},
	{"青山县河西乡张氏副食店", "92520221MA6C", "个体工商户", "河西乡", "食品销售", "河西乡场坝 3 号", domain.GradeC},
	{"青山县河西乡农家乐饭庄", "92520221MA6C", "个体工商户", "河西乡", "餐饮服务", "河西乡杨柳村 2 组", domain.GradeD},
	{"青山县河西乡绿源茶叶专业合作社", "93520221MA6E", "农民专业合作社", "河西乡", "食品生产", "河西乡茶园村", domain.GradeA},
	{"青山县河西乡平价药店", "92520221MA6C", "个体工商户", "河西乡", "药品零售", "河西乡河西街 30 号", domain.GradeB},
	{"青山县河西乡李记豆腐坊", "92520221MA6C", "个体工商户", "河西乡", "食品生产", "河西乡场坝 11 号", domain.GradeC},
	{"青山县河西乡便民超市", "92520221MA6C", "个体工商户", "河西乡", "食品销售", "河西乡新街 4 号", domain.GradeA},
	{"青山县河西乡老王羊肉粉馆", "92520221MA6C", "个体工商户", "河西乡", "餐饮服务", "河西乡河西街 21 号", domain.GradeB},
	{"青山县龙场镇龙兴超市", "92520221MA6C", "个体工商户", "龙场镇", "食品销售", "龙场镇龙场街 56 号", domain.GradeB},
	{"青山县龙场镇黔味小吃店", "92520221MA6C", "个体工商户", "龙场镇", "餐饮服务", "龙场镇龙场街 23 号", domain.GradeC},
	{"青山县龙场矿泉水有限公司", "91520221MA6D", "企业", "龙场镇", "食品生产", "龙场镇工业集中区", domain.GradeB},
	{"青山县龙场镇济民药店", "92520221MA6C", "个体工商户", "龙场镇", "药品零售", "龙场镇新街 8 号", domain.GradeA},
	{"青山县龙场镇顺心副食店", "92520221MA6C", "个体工商户", "龙场镇", "食品销售", "龙场镇老街 17 号", domain.GradeD},
	{"青山县龙场镇中心学校食堂", "12520221MB1F", "事业单位", "龙场镇", "餐饮服务", "龙场镇教育路 1 号", domain.GradeA},
	{"青山县龙场镇天天鲜生鲜超市", "92520221MA6C", "个体工商户", "龙场镇", "食品销售", "龙场镇龙场街 90 号", domain.GradeB},
	{"青山县龙源燃气有限公司", "91520221MA6D", "企业", "龙场镇", "特种设备", "龙场镇工业集中区 6 号", domain.GradeC},
	{"青山县龙场镇刘家烧烤", "92520221MA6C", "个体工商户", "龙场镇", "餐饮服务", "龙场镇河滨路 12 号", domain.GradeC},
	{"青山县龙场镇食为天饭店", "92520221MA6C", "个体工商户", "龙场镇", "餐饮服务", "龙场镇龙场街 3 号", domain.GradeB},
	{"青山县新民镇新民百货超市", "92520221MA6C", "个体工商户", "新民镇", "食品销售", "新民镇新民街 22 号", domain.GradeB},
	{"青山县新民镇乡味腊肉店", "92520221MA6C", "个体工商户", "新民镇", "食品销售", "新民镇农贸市场 5 号", domain.GradeD},
	{"青山县新民镇幸福饭店", "92520221MA6C", "个体工商户", "新民镇", "餐饮服务", "新民镇新民街 40 号", domain.GradeB},
	{"青山县新民生态农业专业合作社", "93520221MA6E", "农民专业合作社", "新民镇", "食品生产", "新民镇坪上村", domain.GradeA},
	{"青山县新民镇健康药房", "92520221MA6C", "个体工商户", "新民镇", "药品零售", "新民镇新民街 3 号", domain.GradeB},
	{"青山县新民镇好邻居便利店", "92520221MA6C", "个体工商户", "新民镇", "食品销售", "新民镇中学路 2 号", domain.GradeC},
	{"青山县新民镇小李包子铺", "92520221MA6C", "个体工商户", "新民镇", "餐饮服务", "新民镇新民街 15 号", domain.GradeC},
	{"青山县鸿运酒业有限公司", "91520221MA6D", "企业", "新民镇", "食品生产", "新民镇酒厂路 1 号", domain.GradeB},
	{"青山县新民镇百姓粮油店", "92520221MA6C", "个体工商户", "新民镇", "食品销售", "新民镇农贸市场 9 号", domain.GradeA},
	{"青山县新民镇喜洋洋网吧", "92520221MA6C", "个体工商户", "新民镇", "其他", "新民镇新民街 51 号", domain.GradeNone},
	{"青山县城关镇兴旺茶馆", "92520221MA6C", "个体工商户", "城关镇", "餐饮服务", "城关镇滨河路 10 号", domain.GradeB},
	{"青山县城关镇金色年华歌舞厅", "92520221MA6C", "个体工商户", "城关镇", "其他", "城关镇滨河路 26 号", domain.GradeC},
}

// demoInspectors stand in when the officer list has no certified market-regulation officers
// yet (the lists' own demo normally provides them).
var demoInspectors = []struct{ name, unit, cert string }{
	{"刘洋", "青山县市场监督管理局城关市场监管所", "52020326001"},
	{"陈静", "青山县市场监督管理局城关市场监管所", "52020326002"},
	{"杨帆", "青山县市场监督管理局河西市场监管所", "52020326003"},
	{"黄伟", "青山县市场监督管理局河西市场监管所", "52020326004"},
	{"周磊", "青山县市场监督管理局龙场市场监管所", "52020326005"},
	{"吴涛", "青山县市场监督管理局龙场市场监管所", "52020326006"},
	{"马骏", "青山县市场监督管理局法规股", "52020326007"},
}

const demoCategory = "市场监管"

func inspectionDemo(b *Builder) error {
	st := b.Store
	realNow := st.Now
	defer func() { st.Now = realNow }()
	start := realNow()
	at := func(daysAgo, hour int) domain.Date { // set the clock to a working hour days ago
		t := time.Date(start.Year(), start.Month(), start.Day(), hour, 0, 0, 0, time.Local).AddDate(0, 0, -daysAgo)
		st.Now = func() time.Time { return t }
		return domain.DateOf(t)
	}
	at(90, 9)
	admin, officer, head := b.As("admin"), b.As("liuyang"), b.As("zhaomin")
	svc := inspection.New(st)
	svc.Cases = inspection.RecordCases{Record: record.New(st)}
	svc.Seeds = func() (string, error) { return "", nil } // replaced per task below
	seedFor := func(name string) {
		h := sha256.Sum256([]byte("青山县市场监督管理局 演示抽取 " + name))
		svc.Seeds = func() (string, error) { return hex.EncodeToString(h[:]), nil }
	}

	officers, category, err := inspectionOfficers(st, domain.DateOf(start))
	if err != nil {
		return err
	}
	food, business, err := demoRandomMatters(st)
	if err != nil {
		return err
	}

	// the directory, entered 90 days ago; one shop is run by a relative of an officer
	ids := map[string]uint64{}
	serial := map[string]int{}
	for i, d := range demoObjects {
		serial[d.prefix]++
		code := domain.CompleteCreditCode(fmt.Sprintf("%s%05d", d.prefix, 30000+serial[d.prefix]*137))
		o := domain.InspectionObject{Name: d.name, CreditCode: code, Type: d.typ, Region: d.region, Industry: d.industry,
			Address: "青山县" + d.address, Grade: d.grade}
		if i%3 == 0 { // inspected last year under the old paper procedure
			o.LastInspected = domain.DateOf(start).AddDays(-(200 + i*5))
		}
		if d.name == "青山县城关镇陈记粮油店" {
			o.RelatedOfficers = []uint64{officers[1]} // run by an officer's brother
		}
		saved, err := svc.SaveObject(admin, o, "")
		if err != nil {
			return fmt.Errorf("%s: %w", d.name, err)
		}
		ids[d.name] = saved.ID
	}

	// 1. a task done and published: food retailers, 40% (the demo directory is small), risk-weighted
	planned := at(80, 10)
	y, q := planned.Year, (int(planned.Month)+2)/3
	first := domain.InspectionTask{Name: fmt.Sprintf("%d年第%s季度食品销售者双随机抽查", y, []string{"一", "二", "三", "四"}[q-1]),
		MatterID: food.ID, Percent: 40, OfficersPerObject: 2, OfficerCategory: category, RiskWeighted: true,
		Filter: domain.ObjectFilter{Industries: []string{"食品销售"}}, Start: planned.AddDays(2), End: planned.AddDays(30)}
	first, err = svc.SavePlan(admin, first)
	if err != nil {
		return err
	}
	at(79, 9)
	seedFor(first.Name)
	if first, err = svc.Draw(admin, first.ID, ""); err != nil {
		return err
	}
	d, _ := first.CurrentDraw()
	findings := []struct {
		finding domain.Finding
		details string
	}{
		{domain.FindingNone, "检查经营许可、进货查验记录、食品贮存条件和标签，未发现问题。"},
		{domain.FindingCorrected, "部分散装食品未标明生产日期和保质期，已当场责令改正，经营者已整改。"},
		{domain.FindingNone, "检查进货查验记录和临期食品管理，未发现问题。"},
		{domain.FindingCase, "货架上发现 6 袋超过保质期的饼干（保质期至上月 12 日），涉嫌经营超过保质期的食品，已先行登记保存，报请立案。"},
		{domain.FindingUnreachable, "按登记住所两次实地核查，店铺已关闭，电话无法接通。"},
		{domain.FindingNone, "检查食品经营许可证、从业人员健康证明，未发现问题。"},
		{domain.FindingNone, "未发现问题。"},
	}
	photo, err := demoPhoto()
	if err != nil {
		return err
	}
	defer os.RemoveAll(filepath.Dir(photo))
	for i, a := range d.Assignments {
		f := findings[i%len(findings)]
		day := at(74-i, 15)
		form := inspection.ResultForm{ObjectID: a.ObjectID, Date: day, Officers: a.Officers, Finding: f.finding, Details: f.details}
		sess := officer
		if f.finding == domain.FindingCase {
			sess = head // the head approves 立案
			form.Files = []string{photo}
		}
		if first, err = svc.RecordResult(context.Background(), sess, first.ID, form); err != nil {
			return fmt.Errorf("登记检查结果：%w", err)
		}
		if r, ok := first.Result(a.ObjectID); ok && r.CaseID != 0 {
			at(74-i, 17) // back at the office, the camera's footage goes to the new case
			if err := inspectionFootage(b, r, objectName(d, a.ObjectID)); err != nil {
				return fmt.Errorf("导入现场检查音像：%w", err)
			}
		}
	}
	doneAgo := first.Done.DaysUntil(domain.DateOf(start))
	published := at(doneAgo-8, 10) // eight days after the last inspection
	if _, err := svc.Publish(b.As("hexiao"), first.ID, published, "国家企业信用信息公示系统、青山县人民政府门户网站"); err != nil {
		return err
	}

	// 2. a task under way: enterprise information, 6 companies and cooperatives, drawn 9 days ago
	at(10, 10)
	second := domain.InspectionTask{Name: fmt.Sprintf("%d年企业公示信息双随机抽查", start.Year()), MatterID: business.ID, Count: 6,
		OfficersPerObject: 2, OfficerCategory: category, Filter: domain.ObjectFilter{Types: []string{"企业", "农民专业合作社"}},
		Start: domain.DateOf(start).AddDays(-8), End: domain.DateOf(start).AddDays(20)}
	if second, err = svc.SavePlan(admin, second); err != nil {
		return err
	}
	at(9, 9)
	seedFor(second.Name)
	if second, err = svc.Draw(admin, second.ID, ""); err != nil {
		return err
	}
	d, _ = second.CurrentDraw()
	for i, a := range d.Assignments[:2] {
		day := at(5-i*2, 16)
		if second, err = svc.RecordResult(context.Background(), officer, second.ID, inspection.ResultForm{ObjectID: a.ObjectID, Date: day,
			Officers: a.Officers, Finding: domain.FindingNone, Details: "核查年度报告公示的经营、资产和股东出资信息，与实际一致。"}); err != nil {
			return err
		}
	}

	// 3. a task planned for next week: restaurants in the townships, 10%, risk-weighted
	at(1, 11)
	third := domain.InspectionTask{Name: fmt.Sprintf("%d年乡镇餐饮服务单位双随机抽查", start.Year()), MatterID: food.ID, Percent: 10,
		OfficersPerObject: 2, OfficerCategory: category, RiskWeighted: true,
		Filter: domain.ObjectFilter{Industries: []string{"餐饮服务"}, Regions: []string{"河西乡", "龙场镇", "新民镇"}},
		Start:  domain.DateOf(start).AddDays(7), End: domain.DateOf(start).AddDays(45)}
	if _, err := svc.SavePlan(admin, third); err != nil {
		return err
	}

	// the bureau promises licences faster than the law requires: its flowchart says so
	at(30, 14)
	return flowchart.New(st).SaveChange(admin, "license", "decide", domain.FlowStepChange{
		TimeLimit: "法定自受理之日起 20 日内；本局承诺 10 个工作日内"})
}

// demoPhoto writes a small on-site photo (a JPEG of a shelf) to a temporary file.
func demoPhoto() (string, error) {
	img := image.NewRGBA(image.Rect(0, 0, 320, 240))
	for y := 0; y < 240; y++ {
		for x := 0; x < 320; x++ {
			c := color.RGBA{R: 0xe8, G: 0xe2, B: 0xd4, A: 0xff} // wall
			if y%60 > 48 {
				c = color.RGBA{R: 0x8a, G: 0x6a, B: 0x45, A: 0xff} // shelf boards
			} else if (x/40+y/60)%3 == 0 && x%40 > 6 && y%60 > 12 {
				c = color.RGBA{R: 0xd9, G: 0x8b, B: 0x2b, A: 0xff} // biscuit packets
			}
			img.Set(x, y, c)
		}
	}
	dir, err := os.MkdirTemp("", "lawdesk-demo-")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "现场照片-过期饼干.jpg")
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 80}); err != nil {
		f.Close()
		return "", err
	}
	return path, f.Close()
}

// inspectionOfficers returns the IDs of the officers certified (for the next months) in the
// officer list's most common enforcement category, and that category. When the list has
// fewer than four, the demo inspectors are added.
func inspectionOfficers(st *store.Store, today domain.Date) ([]uint64, string, error) {
	all, err := st.Officers()
	if err != nil {
		return nil, "", err
	}
	count := map[string]int{}
	category := ""
	for _, o := range all {
		if !o.CertValid(today.AddDays(60)) {
			continue
		}
		for _, c := range strings.FieldsFunc(o.Category, func(r rune) bool { return strings.ContainsRune("、,，;； ", r) }) {
			count[c]++
			if count[c] > count[category] || count[c] == count[category] && c < category {
				category = c
			}
		}
	}
	var ids []uint64
	for _, o := range all {
		if o.CertValid(today.AddDays(60)) && category != "" && strings.Contains(o.Category, category) {
			ids = append(ids, o.ID)
		}
	}
	if len(ids) >= 4 {
		return ids, category, nil
	}
	ids = nil
	for _, p := range demoInspectors {
		o, err := st.SaveOfficer(store.Change{Actor: domain.SystemActor}, domain.Officer{Name: p.name, Unit: p.unit, Post: "科员",
			CertNo: p.cert, CertIssuer: "贵州省人民政府", Category: demoCategory, Region: "青山县",
			ValidUntil: domain.NewDate(today.Year+3, 12, 31)})
		if err != nil {
			return nil, "", err
		}
		ids = append(ids, o.ID)
	}
	return ids, demoCategory, nil
}

// demoRandomMatters returns the random-inspection matters for food retail and enterprise
// information, creating them when the matters list has none.
func demoRandomMatters(st *store.Store) (food, business domain.Matter, err error) {
	all, err := st.Matters()
	if err != nil {
		return food, business, err
	}
	find := func(words ...string) (domain.Matter, bool) {
		i := slices.IndexFunc(all, func(m domain.Matter) bool {
			if !m.RandomInspection || m.Retired {
				return false
			}
			for _, w := range words {
				if strings.Contains(m.Name, w) {
					return true
				}
			}
			return false
		})
		if i < 0 {
			return domain.Matter{}, false
		}
		return all[i], true
	}
	ch := store.Change{Actor: domain.SystemActor}
	var ok bool
	if food, ok = find("食品销售", "食品经营"); !ok {
		if food, err = st.SaveMatter(ch, domain.Matter{Code: "520221-JC-001", Name: "对食品销售者、餐饮服务提供者的监督检查", Type: domain.ActInspection,
			LegalBasis: "《中华人民共和国食品安全法》第一百一十条", HandlingUnit: "食品安全监督管理股", RandomInspection: true}); err != nil {
			return food, business, err
		}
	}
	if business, ok = find("公示信息", "年度报告"); !ok {
		if business, err = st.SaveMatter(ch, domain.Matter{Code: "520221-JC-002", Name: "对企业公示信息的抽查", Type: domain.ActInspection,
			LegalBasis: "《企业信息公示暂行条例》第十四条", HandlingUnit: "信用监督管理股", RandomInspection: true}); err != nil {
			return food, business, err
		}
	}
	return food, business, nil
}

func objectName(d domain.Draw, id uint64) string {
	for _, o := range d.Input.Objects {
		if o.ID == id {
			return o.Name
		}
	}
	return ""
}

// inspectionFootage imports the body-camera footage of the on-site check that opened a
// case (two photos taken that afternoon) and files it under the case's
// 现场检查, as the office does the same day (全过程记录).
func inspectionFootage(b *Builder, r domain.InspectionResult, place string) error {
	cam, err := os.MkdirTemp("", "lawdesk-demo-inspection-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(cam)
	shot := time.Date(r.Date.Year, time.Month(r.Date.Month), r.Date.Day, 14, 20, 0, 0, time.Local)
	type file struct {
		rel  string
		data func() ([]byte, error)
	}
	var files []file
	for i := 0; i < 2; i++ {
		at := shot.Add(time.Duration(3+i) * time.Minute)
		files = append(files, file{fmt.Sprintf("DCIM/100MEDIA/IMG_%s.JPG", at.Format("20060102_150405")),
			func() ([]byte, error) { return footagePhoto("CAM003", "000004", at, 10+i) }})
	}
	for _, f := range files {
		data, err := f.data()
		if err != nil {
			return err
		}
		p := filepath.Join(cam, filepath.FromSlash(f.rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
		old := time.Now().Add(-time.Hour) // settled, as on a camera
		os.Chtimes(p, old, old)
	}
	svc := recording.New(b.Store)
	items, err := svc.Scan(context.Background(), cam, nil)
	if err != nil {
		return err
	}
	labels := domain.RecordingLabels{CaseID: r.CaseID, Stage: domain.StageOnSite, Place: place, Evidence: true,
		Proves: "现场检查情况：货架上陈列超过保质期的饼干，先行登记保存"}
	sum, err := svc.Import(context.Background(), b.As("zhaomin"), recording.ImportRequest{Root: "可移动磁盘 CAM003", Items: items, Labels: &labels}, nil)
	if err != nil {
		return err
	}
	if len(sum.Skipped) > 0 {
		return fmt.Errorf("demo footage skipped: %s", sum.Text())
	}
	return nil
}
