package publication

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// Realistic passages of decisions, as officers write them, and what may be published.
func TestRedactRealisticTexts(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
		rules            Rules
	}{
		{
			name: "natural person party",
			text: "当事人刘某某，男，身份证号码52020119850312461X，住贵州省六盘水市青山县人民路88号2栋3单元401室，联系电话13908581234。",
			want: "当事人刘某某，男，身份证号码520201********461X，住贵州省六盘水市青山县***，联系电话139****1234。",
		},
		{
			name: "witness and complainant with phones",
			text: "经查，2025年9月12日，消费者李明反映在当事人经营的超市购买的牛奶已过期。证人张华称当日在场。李明的电话为138 1234 5678，张华手机：+86-139-0858-1003。",
			want: "经查，2025年9月12日，消费者李*反映在当事人经营的超市购买的牛奶已过期。证人张*称当日在场。李*的电话为138****5678，张*手机：139****1003。",
		},
		{
			name: "bank account, old ID, landlines",
			text: "当事人银行账号6222 0212 3456 7890 123，开户行青山县支行。身份证：110101800312123。座机（0858）8123456，办公电话0858-8234567转801，另一号码010-12345678。",
			want: "当事人银行账号6222***********0123，开户行青山县支行。身份证：110101*****2123。座机0858-***3456，办公电话0858-***4567转801，另一号码010-****5678。",
		},
		{
			name: "village address and health of a relative",
			text: "当事人住址：城关镇和平村3组。其妻王芳患有糖尿病，长期服药。法定代表人：陈建国。",
			want: "当事人住址：***。其妻王*患有（健康信息不予公开），长期服药。法定代表人：陈建国。",
		},
		{
			name: "village names with characters that also lead into addresses",
			text: "当事人住青山县城关镇和平村3组，其父住向阳村5组，经营地在经开区创业路8号。",
			want: "当事人住青山县***，其父住***，经营地在经开区***。", // a district is kept like a county
		},
		{
			name: "nothing personal in the legal part",
			text: "依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项，决定罚款人民币5000元，没收违法所得1200元。决定书文号青市监处罚〔2026〕193号，2026年3月5日作出。统一社会信用代码91520200MA6DJ12345。投诉举报电话0858-12315，12315。日期20250926。",
			want: "依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项，决定罚款人民币5000元，没收违法所得1200元。决定书文号青市监处罚〔2026〕193号，2026年3月5日作出。统一社会信用代码91520200MA6DJ12345。投诉举报电话0858-12315，12315。日期20250926。",
		},
		{
			name: "labelled local number, compound surname, anonymised party",
			text: "举报人：欧阳明华，电话 8123456。当事人为张某某。",
			want: "举报人：欧阳**，电话 ***3456。当事人为张某某。",
		},
		{
			name:  "known names from the case, public text kept",
			text:  "当事人青山县老王副食店（经营者王大山）雇用的店员赵小红于2026年2月3日销售过期饮料。执法人员刘洋、陈静到场检查。经营场所青山县人民路12号。",
			want:  "当事人青山县老王副食店（经营者王大山）雇用的店员赵**于2026年2月3日销售过期饮料。执法人员刘洋、陈静到场检查。经营场所青山县人民路12号。",
			rules: Rules{Keep: []string{"青山县人民路12号", "王大山", "刘洋", "陈静"}, Names: []string{"赵小红"}},
		},
		{
			name:  "by hand: hide more, keep a false alarm",
			text:  "当事人在青山县第三小学门口摆摊。员工何必要求顾客扫码付款。",
			want:  "当事人在*******门口摆摊。员工何必要求顾客扫码付款。",
			rules: Rules{Manual: []string{"青山县第三小学"}, Undone: []string{"何必"}},
		},
		{
			name: "full-width digits and a lower-case x",
			text: "身份证号５２０２０１１９８５０３１２４６１x，手机１３９０８５８１２３４。",
			want: "身份证号520201********461X，手机139****1234。",
		},
	} {
		if got := Redact(tc.text, tc.rules); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

func TestDetectKinds(t *testing.T) {
	for _, tc := range []struct {
		text string
		kind Kind
		mask string
	}{
		{"52020119850312461X", KindID, "520201********461X"},
		{"110101199003071234", KindID, "110101********1234"},
		{"520201 19850312 461X", KindID, "520201********461X"},
		{"110101800312123", KindID, "110101*****2123"},
		{"13812345678", KindMobile, "138****5678"},
		{"138-1234-5678", KindMobile, "138****5678"},
		{"+8613812345678", KindMobile, "138****5678"},
		{"+86 138 1234 5678", KindMobile, "138****5678"},
		{"19912345678", KindMobile, "199****5678"},
		{"0858-8123456", KindLandline, "0858-***3456"},
		{"0858 8123456", KindLandline, "0858-***3456"},
		{"(0858)8123456", KindLandline, "0858-***3456"},
		{"（0858）8123456", KindLandline, "0858-***3456"},
		{"0858—81234567", KindLandline, "0858-****4567"},
		{"08588123456", KindLandline, "0858-***3456"},
		{"01012345678", KindLandline, "010-****5678"},
		{"010-12345678-801", KindLandline, "010-****5678"},
		{"6222021234567890123", KindBank, "6222***********0123"},
		{"6222 0212 3456 7890", KindBank, "6222********7890"},
		{"6217002340001234567", KindBank, "6217***********4567"},
	} {
		text := "号码：" + tc.text + "。"
		rs := Detect(text, Rules{})
		if len(rs) != 1 || rs[0].Kind != tc.kind || rs[0].Mask != tc.mask || rs[0].Original != tc.text {
			t.Errorf("%q: got %+v, want one %s masked %q", tc.text, rs, tc.kind, tc.mask)
		}
	}
}

func TestNotPersonalData(t *testing.T) {
	for _, text := range []string{
		"20250926", "2025-09-26", "罚款5000元", "青市监处罚〔2026〕193号", "91520200MA6DJ12345",
		"第一百二十四条", "12315", "0858-12315", "执法证号52000123456", "人民路", "和平村村民",
		"第3组执法人员", "123456789012345", // 15 digits that are no ID (month 90)
		"2026年第12号公告", "案件编号：青市监立〔2026〕45号",
	} {
		if rs := Detect(text, Rules{}); len(rs) != 0 {
			t.Errorf("%q: %+v should not be hidden", text, rs)
		}
	}
}

func TestUndoOnlyNamesAndHealth(t *testing.T) {
	text := "证人张华，身份证110101199003071234，住青山县人民路8号，患有高血压。"
	rules := Rules{Undone: []string{"张华", "110101199003071234", "青山县人民路8号", "高血压"}}
	got := Redact(text, rules)
	want := "证人张华，身份证110101********1234，住青山县***，患有高血压。"
	if got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	for _, k := range []Kind{KindID, KindMobile, KindLandline, KindBank, KindAddress} {
		if k.Undoable() {
			t.Errorf("%s must not be undoable", k)
		}
	}
}

func TestApplyKeepsEverythingElse(t *testing.T) {
	text := "甲13812345678乙"
	rs := Detect(text, Rules{})
	if len(rs) != 1 || text[:rs[0].Start] != "甲" || text[rs[0].End:] != "乙" {
		t.Fatalf("offsets: %+v", rs)
	}
	if got := Apply(text, nil); got != text {
		t.Errorf("Apply without redactions changed the text: %s", got)
	}
}

// ---- property test: generated personal data never survives ----

// personal is one piece of generated personal data and the parts of it that must not
// appear after redaction.
type personal struct {
	text      string
	forbidden []string // digits-only forms for numbers, literal parts for addresses and names
}

func idNumber(r *rand.Rand) string {
	regions := []string{"520201", "110101", "440305", "510107", "522601"}
	y, m, d := 1950+r.IntN(60), 1+r.IntN(12), 1+r.IntN(28)
	body := fmt.Sprintf("%s%04d%02d%02d%03d", regions[r.IntN(len(regions))], y, m, d, r.IntN(1000))
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(body[i]-'0') * w
	}
	return body + string("10X98765432"[sum%11])
}

func genPersonal(r *rand.Rand) personal {
	digits := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		return b.String()
	}
	group := func(s string, sizes []int, sep string) string {
		var parts []string
		for _, n := range sizes {
			parts = append(parts, s[:n])
			s = s[n:]
		}
		return strings.Join(append(parts, s), sep)
	}
	switch r.IntN(7) {
	case 0:
		id := idNumber(r)
		text := id
		if r.IntN(3) == 0 {
			text = group(id, []int{6, 8}, " ")
		}
		if r.IntN(4) == 0 {
			text = strings.ToLower(text)
		}
		return personal{text, []string{id[:17]}}
	case 1:
		old := fmt.Sprintf("%s%02d%02d%02d%03d", []string{"520201", "110101"}[r.IntN(2)], 50+r.IntN(49), 1+r.IntN(12), 1+r.IntN(28), r.IntN(1000))
		return personal{old, []string{old}}
	case 2:
		m := "1" + string("3456789"[r.IntN(7)]) + digits(9)
		text := []string{m, group(m, []int{3, 4}, " "), group(m, []int{3, 4}, "-"), "+86 " + m, "+86" + m}[r.IntN(5)]
		return personal{text, []string{m}}
	case 3:
		area := []string{"0858", "0851", "010", "021", "0755"}[r.IntN(5)]
		local := string("2345678"[r.IntN(7)]) + digits(6+r.IntN(2))
		text := []string{area + "-" + local, "（" + area + "）" + local, "(" + area + ")" + local, area + local, area + " " + local}[r.IntN(5)]
		return personal{text, []string{area + local, local}}
	case 4:
		acct := "62" + digits(14+r.IntN(4))
		text := acct
		if r.IntN(2) == 0 {
			text = group(acct, []int{4, 4, 4}, " ")
		}
		return personal{text, []string{acct}}
	case 5:
		road := []string{"人民路", "解放大道", "钟山西路", "和平街", "建设巷", "凤凰小区"}[r.IntN(6)]
		no := fmt.Sprintf("%d号", 1+r.IntN(300))
		if r.IntN(2) == 0 {
			no += fmt.Sprintf("%d栋%d单元%d室", 1+r.IntN(20), 1+r.IntN(5), 101+r.IntN(1500))
		}
		region := []string{"", "青山县", "贵州省六盘水市青山县", "六盘水市钟山区"}[r.IntN(4)]
		return personal{region + road + no, []string{road + no}}
	default:
		village := []string{"和平村", "新民村", "大坡村", "红旗村"}[r.IntN(4)]
		no := fmt.Sprintf("%d组", 1+r.IntN(12))
		return personal{[]string{"", "城关镇", "青山县城关镇"}[r.IntN(3)] + village + no, []string{village + no}}
	}
}

var fillers = []string{"经查，", "当事人", "于2026年3月5日", "在其经营场所", "销售过期食品，", "违法所得1200元。",
	"联系电话", "身份证号码：", "住", "住址：", "现住", "银行账号", "，", "。", "证人称", "（", "）", " ", "\n",
	"依据《食品安全法》第一百二十四条，", "罚款5000元", "号码", "电话：", "地址为", "位于"}

// A mask must not join the digits around it into a new number, or redacting the
// published text again would hide something else.
func TestRedactingTwiceChangesNothing(t *testing.T) {
	for _, c := range []struct{ text, once string }{
		// a bracket after digits: masking it with the number joined 000000 and 0000
		{"000000（000000 0000000000", "000000（0000********0000"},
		{"5+8613812345678", "5+138****5678"},
		// a labelled area code before a mobile: 0858 138 is not a landline
		{"电话：0858 13812345678", "电话：0858 138****5678"},
		{"（0858）13812345678", "（0858）138****5678"},
	} {
		once := Redact(c.text, Rules{})
		if once != c.once {
			t.Errorf("Redact(%q) = %q, want %q", c.text, once, c.once)
		}
		if twice := Redact(once, Rules{}); twice != once {
			t.Errorf("redacting %q again gives %q", once, twice)
		}
	}
}

func TestRedactedTextNeverHoldsTheOriginals(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 9))
	for i := range 5000 {
		var b strings.Builder
		var items []personal
		for range 1 + r.IntN(6) {
			b.WriteString(fillers[r.IntN(len(fillers))])
			b.WriteString(fillers[r.IntN(len(fillers))])
			p := genPersonal(r)
			items = append(items, p)
			b.WriteString(p.text)
			b.WriteString(fillers[r.IntN(len(fillers))])
		}
		text := b.String()
		out := Redact(text, Rules{})
		flat := asciiDigits(out)
		for _, p := range items {
			for _, f := range p.forbidden {
				if strings.Contains(out, f) || strings.Trim(f, "0123456789X") == "" && strings.Contains(flat, f) {
					t.Fatalf("case %d: %q survived redaction\n text: %s\n  out: %s", i, f, text, out)
				}
			}
		}
	}
}

func FuzzRedact(f *testing.F) {
	for _, s := range []string{
		"当事人刘某某，身份证号码52020119850312461X，住贵州省六盘水市青山县人民路88号2栋3单元401室，联系电话13908581234。",
		"证人张华称，电话（0858）8123456，银行账号6222 0212 3456 7890 123。",
		"+86-139-0858-1003", "(0", "（０８５８）", "住址：", "患有", "举报人：欧阳", "1381234567８x", "0858-8123456-801",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		rs := Detect(text, Rules{Names: []string{"张华"}})
		last := 0
		for _, r := range rs {
			if r.Start < last || r.End <= r.Start || r.End > len(text) || text[r.Start:r.End] != r.Original {
				t.Fatalf("bad redaction %+v (previous end %d) in %q", r, last, text)
			}
			last = r.End
		}
		out := Apply(text, rs)
		for _, r := range Detect(out, Rules{}) {
			switch r.Kind {
			case KindID, KindMobile, KindBank:
				t.Fatalf("%s %q is left in the redacted text %q (from %q)", r.Kind, r.Original, out, text)
			}
		}
		if again := Redact(out, Rules{Names: []string{"张华"}}); again != out {
			t.Fatalf("redacting twice changes the text:\n once %q\ntwice %q\n from %q", out, again, text)
		}
	})
}
