package publication

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Redaction finds the personal data that must never leave LawDesk in a published decision
// (DOMAIN.md §1.3: a natural person's ID number, phone, home address, bank account, health
// data, and the names of people other than the party) and masks it, in structured fields
// and in free text alike. It is deliberately eager: hiding a harmless number costs a
// reader little, publishing an ID number cannot be undone. Numbers, phones and addresses
// are always hidden; a detected name or health phrase can be kept by hand when it is a
// false alarm, and any other text can be hidden by hand.

// Kind is what sort of personal data a redaction hides.
type Kind string

const (
	KindID       Kind = "身份证号"
	KindMobile   Kind = "手机号码"
	KindLandline Kind = "固定电话"
	KindBank     Kind = "银行账号"
	KindAddress  Kind = "住址"
	KindName     Kind = "他人姓名"
	KindHealth   Kind = "健康信息"
	KindManual   Kind = "手动隐去"
)

// Undoable reports whether a detected redaction of this kind may be kept visible by hand.
// ID numbers, phones, bank accounts and addresses may not: LawDesk guarantees they never
// appear in anything it exports.
func (k Kind) Undoable() bool { return k == KindName || k == KindHealth || k == KindManual }

// Redaction is one piece of text hidden from publication.
type Redaction struct {
	Start, End int // byte offsets of the original in the text
	Kind       Kind
	Original   string
	Mask       string // what is published instead
}

// Rules say what, beyond the patterns, to hide or keep in one decision's texts.
type Rules struct {
	// Keep lists public text never hidden, even when it looks like personal data: the
	// office's own name, address and phone, an organisation party's name, address and
	// credit code, the officers' names.
	Keep []string
	// Names are names of people other than the party known from the case (witnesses,
	// complainants, employees); they are hidden wherever they appear.
	Names []string
	// Manual are texts a person chose to hide.
	Manual []string
	// Undone are originals of detected names or health phrases a person chose to keep.
	Undone []string
}

// Redact returns text with every redaction applied.
func Redact(text string, r Rules) string { return Apply(text, Detect(text, r)) }

// Apply replaces each redaction (sorted and non-overlapping, as Detect returns them) by
// its mask.
func Apply(text string, rs []Redaction) string {
	var b strings.Builder
	last := 0
	for _, r := range rs {
		b.WriteString(text[last:r.Start])
		b.WriteString(r.Mask)
		last = r.End
	}
	b.WriteString(text[last:])
	return b.String()
}

// Detect finds everything to hide in text, sorted by position, without overlaps.
func Detect(text string, r Rules) []Redaction {
	var found []Redaction
	found = append(found, detectNumbers(text)...)
	found = append(found, detectAddresses(text)...)
	found = append(found, detectNames(text, r.Names)...)
	found = append(found, detectHealth(text)...)
	found = append(found, literal(text, r.Manual, KindManual, starMask)...)

	keep := occurrences(text, r.Keep)
	undone := map[string]bool{}
	for _, u := range r.Undone {
		undone[strings.TrimSpace(u)] = true
	}
	kept := found[:0]
	for _, f := range found {
		if f.Kind != KindManual && covered(keep, f.Start, f.End) {
			continue
		}
		if f.Kind.Undoable() && f.Kind != KindManual && undone[f.Original] {
			continue
		}
		kept = append(kept, f)
	}
	return merge(text, kept)
}

// merge sorts redactions and joins overlapping ones, so no part of an original survives
// between two masks. A joined redaction takes the kind of its first part and is masked
// with stars.
func merge(text string, rs []Redaction) []Redaction {
	slices.SortFunc(rs, func(a, b Redaction) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	var out []Redaction
	for _, r := range rs {
		if n := len(out); n > 0 && r.Start < out[n-1].End {
			prev := &out[n-1]
			if r.End > prev.End {
				prev.End = r.End
				prev.Original = text[prev.Start:prev.End]
				prev.Mask = starMask(prev.Original)
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

type span struct{ start, end int }

// occurrences lists where each non-empty string of list appears in text.
func occurrences(text string, list []string) []span {
	var out []span
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		for i := 0; ; {
			j := strings.Index(text[i:], s)
			if j < 0 {
				break
			}
			out = append(out, span{i + j, i + j + len(s)})
			i += j + len(s)
		}
	}
	return out
}

func covered(spans []span, start, end int) bool {
	for _, s := range spans {
		if s.start <= start && end <= s.end {
			return true
		}
	}
	return false
}

// literal hides every occurrence of each string of list.
func literal(text string, list []string, kind Kind, mask func(string) string) []Redaction {
	var out []Redaction
	for _, s := range occurrences(text, list) {
		orig := text[s.start:s.end]
		out = append(out, Redaction{Start: s.start, End: s.end, Kind: kind, Original: orig, Mask: mask(orig)})
	}
	return out
}

// starMask replaces every character by a star.
func starMask(s string) string { return strings.Repeat("*", utf8.RuneCountInString(s)) }

// ---- numbers: ID numbers, phones, bank accounts ----

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func digitValue(r rune) int {
	if r >= '０' {
		return int(r - '０')
	}
	return int(r - '0')
}

func isX(r rune) bool { return r == 'X' || r == 'x' || r == 'Ｘ' || r == 'ｘ' }

// isSep is what people put between groups of digits: "138 1234 5678", "0858-8123456".
func isSep(r rune) bool { return r == ' ' || r == '-' || r == '－' || r == '—' || r == '\u00a0' }

// numberRun is a run of digits, possibly grouped by single separators.
type numberRun struct {
	start, end int    // byte offsets of the whole run, brackets included
	groups     []span // byte offsets of each group of digits
	digits     string // the digits as ASCII without separators (and a final X of an ID number)
	paren      bool   // the first group was in brackets, as in （0858）8123456
}

// groupLen is the number of digits in group i.
func (r numberRun) groupLen(text string, i int) int {
	return utf8.RuneCountInString(text[r.groups[i].start:r.groups[i].end])
}

// phoneLabel precedes a phone number that may lack its area code.
var phoneLabel = regexp.MustCompile(`(电话|手机|座机|联系方式|号码|Tel|TEL|tel)[号码]?[：:\s]*$`)

func detectNumbers(text string) []Redaction {
	var out []Redaction
	for _, run := range numberRuns(text) {
		labelled := phoneLabel.MatchString(text[max(0, run.start-24):run.start])
		if r, ok := classify(text, run, labelled); ok {
			out = append(out, r)
			continue
		}
		// Grouped digits that mean nothing together may still hold, say, a mobile
		// number next to a year ("2025 13812345678"): look at each group alone.
		if len(run.groups) > 1 {
			for _, g := range run.groups {
				sub := numberRun{start: g.start, end: g.end, groups: []span{g}, digits: asciiDigits(text[g.start:g.end])}
				if r, ok := classify(text, sub, labelled); ok {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

func asciiDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case isDigit(r):
			b.WriteByte(byte('0' + digitValue(r)))
		case isX(r):
			b.WriteByte('X')
		}
	}
	return b.String()
}

// numberRuns finds the maximal runs of digits in text.
func numberRuns(text string) []numberRun {
	var runs []numberRun
	for i := 0; i < len(text); {
		c, size := utf8.DecodeRuneInString(text[i:])
		// A bracket or plus sign opens a number only where no digit comes before it:
		// were it masked with the number, the digits on both sides would join into a
		// new number ("000000（000000 0000000000").
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		next, _ := utf8.DecodeRuneInString(text[i+size:])
		opens := !isDigit(prev)
		paren := opens && (c == '(' || c == '（') && (next == '0' || next == '０')
		plus := opens && (c == '+' || c == '＋') && isDigit(next) // +86 138…
		if !isDigit(c) && !paren && !plus {
			i += size
			continue
		}
		run := numberRun{start: i, paren: paren}
		j := i
		if paren || plus {
			j += size
		}
		for {
			gs := j
			for j < len(text) {
				d, sz := utf8.DecodeRuneInString(text[j:])
				if !isDigit(d) {
					break
				}
				j += sz
			}
			if len(run.groups) > 0 && strings.HasPrefix(text[j:], "*") {
				// The visible head of a masked number (138****5678) is not read together
				// with the digits before it, so redacting the result again changes nothing.
				j = run.groups[len(run.groups)-1].end
				break
			}
			run.groups = append(run.groups, span{gs, j})
			run.digits += asciiDigits(text[gs:j])
			if j >= len(text) {
				break
			}
			d, sz := utf8.DecodeRuneInString(text[j:])
			if isX(d) && (len(run.digits) == 17 || len(run.digits) == 14) {
				// the check character of an ID number ends the run
				run.digits += "X"
				run.groups[len(run.groups)-1].end = j + sz
				j += sz
				break
			}
			closing := run.paren && len(run.groups) == 1 && (d == ')' || d == '）')
			if !closing && !isSep(d) {
				break
			}
			if n, _ := utf8.DecodeRuneInString(text[j+sz:]); !isDigit(n) {
				break
			}
			j += sz
		}
		run.end = j
		if run.paren && len(run.groups) < 2 || plus && !strings.HasPrefix(run.digits, "86") {
			// "(0" without a closing bracket and a number, or a "+" not before 86: only
			// the digits count
			run.start, run.paren = run.groups[0].start, false
		}
		runs = append(runs, run)
		i = j
	}
	return runs
}

// classify decides what a run of digits is and masks it.
func classify(text string, run numberRun, labelled bool) (Redaction, bool) {
	s := run.digits
	n := len(s)
	if n == 0 {
		return Redaction{}, false
	}
	mk := func(kind Kind, mask string) (Redaction, bool) {
		return Redaction{Start: run.start, End: run.end, Kind: kind, Original: text[run.start:run.end], Mask: mask}, true
	}
	hasX := strings.HasSuffix(s, "X")
	switch {
	case n == 18 && validBirth(s[6:14]):
		return mk(KindID, s[:6]+strings.Repeat("*", 8)+s[14:])
	case n == 15 && validBirth("19"+s[6:12]) && s[0] != '0':
		return mk(KindID, s[:6]+strings.Repeat("*", 5)+s[11:])
	case hasX:
		return Redaction{}, false
	case n == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9':
		return mk(KindMobile, s[:3]+"****"+s[7:])
	case n == 13 && strings.HasPrefix(s, "86") && s[2] == '1' && s[3] >= '3' && s[3] <= '9':
		return mk(KindMobile, s[2:5]+"****"+s[9:])
	case s[0] == '0':
		if area, ok := landlineArea(text, run); ok {
			local := s[area:min(n, area+8)] // digits beyond 8 are an extension
			return mk(KindLandline, s[:area]+"-"+strings.Repeat("*", max(0, len(local)-4))+local[max(0, len(local)-4):])
		}
	}
	switch {
	case n >= 16:
		// bank cards have 16 to 19 digits; any longer run is hidden whole as well, so no
		// piece of it can form a number again
		return mk(KindBank, s[:4]+strings.Repeat("*", n-8)+s[n-4:])
	case labelled && n >= 7 && n <= 8:
		return mk(KindLandline, strings.Repeat("*", n-4)+s[n-4:])
	}
	return Redaction{}, false
}

// landlineArea recognises 0858-8123456, （0858）8123456, 08588123456 and 010-12345678
// (with or without an extension) and returns the length of the area code.
func landlineArea(text string, run numberRun) (int, bool) {
	if len(run.groups) >= 2 {
		first, second := run.groupLen(text, 0), run.groupLen(text, 1)
		return first, first >= 3 && first <= 4 && second >= 7 && second <= 8
	}
	n := len(run.digits)
	if n < 10 || n > 12 {
		return 0, false
	}
	if run.digits[1] == '1' || run.digits[1] == '2' {
		return 3, true // 010 and 020…029 are the three-digit area codes
	}
	return 4, true
}

// validBirth reports whether s (YYYYMMDD) is a plausible date of birth.
func validBirth(s string) bool {
	if len(s) != 8 {
		return false
	}
	y, m, d := atoi(s[:4]), atoi(s[4:6]), atoi(s[6:])
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [...]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	return d <= days
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// ---- addresses ----

// addrHan is a Chinese character that may be part of a place name: the words that lead
// into an address (在, 位于, 住, 其, 的…) end it instead. Characters common in place names
// (和平村, 向阳村, 居委会, 经开区, 营盘村) are not among them.
const addrHan = `[^\P{Han}在于从到至其的位是为与及住址所某往即系销售对把被了着过]`

var (
	// a detailed address: regions, then a road or village, then a house number, e.g.
	// 贵州省六盘水市青山县人民路88号2栋3单元401室, 城关镇和平村3组.
	addressPattern = regexp.MustCompile(
		`(?:` + addrHan + `{1,8}?(?:省|自治区|市|州|盟|县|区|旗|镇|乡|街道))*` +
			addrHan + `{1,10}?(?:路|大道|大街|街|巷|胡同|弄|里|村|社区|小区|花园|苑|公寓|大厦|广场|新村|屯|寨)` +
			`\s*(?:[\d０-９]+(?:[-－—][\d０-９]+)*|[一二三四五六七八九十]{1,3})\s*(?:号院|号楼|号|栋|幢|座|单元|室|楼|层|组|户|弄)` +
			`(?:\s*[\d０-９A-Za-z]+(?:[-－—][\d０-９]+)*\s*(?:号楼|号|栋|幢|座|单元|室|楼|层|户))*`)
	// a labelled home address: 住址：…, 家庭住址…, 户籍地…; the value runs to the end of the clause.
	addressLabel = regexp.MustCompile(`(?:家庭住址|家庭地址|现住址|现住|现居住地|居住地址|居住地|住址|住所地|住所|户籍地址|户籍所在地|户籍地|暂住地|联系地址|通讯地址|送达地址)[：:\s]*([^，,。；;\n）)]{2,60})`)
	// the administrative regions at the head of an address, kept when it is masked.
	addressRegion = regexp.MustCompile(`^(?:` + addrHan + `{1,8}?(?:省|自治区))?(?:` + addrHan + `{1,8}?(?:市|州|盟|地区))?(?:` + addrHan + `{1,8}?(?:县|区|旗|市))?`)
)

func detectAddresses(text string) []Redaction {
	var out []Redaction
	add := func(start, end int) {
		orig := text[start:end]
		out = append(out, Redaction{Start: start, End: end, Kind: KindAddress, Original: orig, Mask: maskAddress(orig)})
	}
	for _, m := range addressPattern.FindAllStringIndex(text, -1) {
		add(m[0], m[1])
	}
	for _, m := range addressLabel.FindAllStringSubmatchIndex(text, -1) {
		v := strings.TrimSpace(text[m[2]:m[3]])
		if maskAddress(v) == v {
			continue // only regions (住址：青山县), or already masked
		}
		start := m[2] + strings.Index(text[m[2]:m[3]], v)
		add(start, start+len(v))
	}
	return out
}

// maskAddress keeps the province, city and county at the head of an address and hides
// the rest: 贵州省六盘水市青山县人民路88号 → 贵州省六盘水市青山县***.
func maskAddress(a string) string {
	region := addressRegion.FindString(a)
	if region == a {
		return a // only regions: nothing private
	}
	return region + "***"
}

// ---- names of other people ----

// nameLabel introduces a person other than the party: a witness, a complainant, a
// relative, an employee.
var nameLabel = regexp.MustCompile(`(?:投诉举报人|举报人|投诉人|证人|见证人|在场人|受害人|被害人|消费者|购买人|顾客|患者|监护人|委托代理人|代理人|其妻子?|其丈夫|其夫|其子|其女|其父亲?|其母亲?|妻子|丈夫|儿子|女儿|父亲|母亲|亲属|邻居|店员|员工|雇员|职工|营业员|收银员|工作人员|负责人|经办人)[：:\s]*`)

// nameStop are characters that end a name found after a label: the verbs and particles
// that follow a name in a statement (证人张三称…, 消费者李明反映…).
const nameStop = "称说反表证陈介于在向到的等和与及是系为已也并购投举将把被从对因所要就都又曾均亦同共以作买卖来去某患有今现当经后前即还则便"

// surnames are the common single-character surnames; a label followed by anything else is
// not taken as a name.
const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"

var compoundSurnames = []string{"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐"}

func detectNames(text string, known []string) []Redaction {
	names := map[string]bool{}
	for _, n := range known {
		if n = strings.TrimSpace(n); utf8.RuneCountInString(n) >= 2 {
			names[n] = true
		}
	}
	for _, m := range nameLabel.FindAllStringIndex(text, -1) {
		if n := nameAt(text[m[1]:]); n != "" {
			names[n] = true
		}
	}
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	slices.Sort(list) // deterministic
	return literal(text, list, KindName, maskName)
}

// nameAt reads a Chinese personal name at the start of s: a surname and one or two more
// characters, ending early at a word that follows names. Already anonymised names (张某,
// 张某某) and anything not starting with a surname give "".
func nameAt(s string) string {
	rs := []rune(s)
	sur := 0
	for _, c := range compoundSurnames {
		if strings.HasPrefix(s, c) {
			sur = 2
		}
	}
	if sur == 0 && len(rs) > 0 && strings.ContainsRune(surnames, rs[0]) {
		sur = 1
	}
	if sur == 0 {
		return ""
	}
	n := sur
	for n < len(rs) && n < sur+2 && isHan(rs[n]) && !strings.ContainsRune(nameStop, rs[n]) {
		n++
	}
	if n < len(rs) && rs[n] == '某' || n == sur && n < len(rs) && rs[n] == '某' {
		return "" // 张某, 张某某: already anonymised
	}
	if n == sur {
		// the character after the surname is a stop word: take it as a one-character
		// given name only when it is not 某 (张为民 → 张为)
		if n < len(rs) && isHan(rs[n]) && rs[n] != '某' {
			n++
		} else {
			return ""
		}
	}
	return string(rs[:n])
}

func isHan(r rune) bool { return r >= 0x4e00 && r <= 0x9fff || r >= 0x3400 && r <= 0x4dbf }

// maskName keeps the surname: 张三 → 张*, 欧阳明华 → 欧阳**.
func maskName(n string) string {
	rs := []rune(n)
	keep := 1
	for _, c := range compoundSurnames {
		if strings.HasPrefix(n, c) && len(rs) > 2 {
			keep = 2
		}
	}
	return string(rs[:keep]) + strings.Repeat("*", len(rs)-keep)
}

// ---- health ----

var (
	// a clause stating a diagnosis: 患有糖尿病, 经诊断为抑郁症, 有精神病史.
	healthClause = regexp.MustCompile(`(?:罹患|患有|身患|诊断为|确诊为|确诊|病史为|既往史)([^，,。；;\n]{1,30})`)
	// terms that are health data wherever they appear.
	healthTerm = regexp.MustCompile(`艾滋病|HIV|乙肝|乙型肝炎|梅毒|精神病史|精神病|精神障碍|精神疾病|抑郁症|癫痫|癌症|肿瘤|残疾人证|残疾证|残疾|怀孕|孕期|流产|病历|诊断证明`)
)

func detectHealth(text string) []Redaction {
	var out []Redaction
	for _, m := range healthClause.FindAllStringSubmatchIndex(text, -1) {
		orig := text[m[2]:m[3]]
		out = append(out, Redaction{Start: m[2], End: m[3], Kind: KindHealth, Original: orig, Mask: "（健康信息不予公开）"})
	}
	for _, m := range healthTerm.FindAllStringIndex(text, -1) {
		orig := text[m[0]:m[1]]
		out = append(out, Redaction{Start: m[0], End: m[1], Kind: KindHealth, Original: orig, Mask: "（健康信息不予公开）"})
	}
	return out
}
