package domain_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"lawdesk/internal/domain"
)

func TestNumberRuleFormatsStrictly(t *testing.T) {
	r := domain.DefaultNumberRule()
	for _, tc := range []struct {
		typ  domain.ActType
		year int
		seq  int
		want string
	}{
		{domain.ActPenalty, 2026, 12, "青市监处罚〔2026〕12号"},
		{domain.ActLicensing, 2026, 1, "青市监许可〔2026〕1号"},
		{domain.ActInspection, 2025, 193, "青市监检查〔2025〕193号"},
	} {
		if got := r.Format("青市监", tc.typ, tc.year, tc.seq); got != tc.want {
			t.Errorf("Format(%s, %d, %d) = %q, want %q", tc.typ, tc.year, tc.seq, got, tc.want)
		}
	}
	custom := domain.NumberRule{Template: "{机关代字}{类别字}字〔{年}〕第{序号}号", TypeChars: map[domain.ActType]string{domain.ActPenalty: "罚"}}
	if err := custom.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := custom.Format("马市监", domain.ActPenalty, 2026, 7); got != "马市监罚字〔2026〕第7号" {
		t.Errorf("custom rule: %q", got)
	}
	if got := custom.Prefix("马市监", domain.ActPenalty); got != "马市监罚字" {
		t.Errorf("custom prefix: %q", got)
	}
	if !custom.PerType() || (domain.NumberRule{Template: "青市监〔{年}〕{序号}号"}).PerType() {
		t.Error("PerType")
	}
}

func TestNumberRuleValidate(t *testing.T) {
	for _, tc := range []struct{ tmpl, msg string }{
		{"", "请填写"},
		{"{机关代字}〔{年}〕号", "{序号}"},
		{"{机关代字}{序号}号", "{年}"},
		{"{机关代字}〔{年}〕{序号}{序号}号", "{序号}"},
		{"{机关}〔{年}〕{序号}号", "{机关} 不认识"},
		{"{机关代字}{年}{序号}号", "无法识别"},
		// found by FuzzNumberRule: a 类别字 after the 序号 reads as part of it
		{"字〔{年}〕{序号}{类别字}", "类别字不能放在序号之后"},
		{"字（{年}）00000{序号}", "序号前不要加 0"},
	} {
		err := domain.NumberRule{Template: tc.tmpl}.Validate()
		if err == nil || !strings.Contains(domain.ErrorMessage(err), tc.msg) {
			t.Errorf("Validate(%q) = %v, want message with %q", tc.tmpl, err, tc.msg)
		}
	}
	for _, c := range []string{"\t", "处 罚", "〔罚〕"} {
		r := domain.NumberRule{Template: domain.DefaultNumberTemplate, TypeChars: map[domain.ActType]string{domain.ActPenalty: c}}
		if err := r.Validate(); err == nil || !strings.Contains(domain.ErrorMessage(err), "不能包含括号或空格") {
			t.Errorf("类别字 %q: %v", c, err)
		}
	}
}

func TestParseCaseNumberLeniently(t *testing.T) {
	want := domain.CaseNumber{Prefix: "青市监处罚", Year: 2026, Seq: 12}
	for _, in := range []string{
		"青市监处罚〔2026〕12号",
		"青市监处罚[2026]12号",
		"青市监处罚［2026］12号",
		"青市监处罚（2026）12号",
		"青市监处罚(2026)12号",
		"青市监处罚【2026】12号",
		"青市监处罚﹝2026﹞12号",
		"青市监处罚〔2026〕012号",
		"青市监处罚〔2026〕0000012号",
		"青市监处罚〔2026〕第12号",
		"青市监处罚〔2026〕12",
		" 青市监处罚 〔 2026 〕 12 号 ",
		"青市监处罚〔２０２６〕１２号",
		"青市监处罚\u3000[2026]\u300012号",
	} {
		got, err := domain.ParseCaseNumber(in)
		if err != nil {
			t.Errorf("ParseCaseNumber(%q): %v", in, err)
			continue
		}
		if got != want {
			t.Errorf("ParseCaseNumber(%q) = %+v", in, got)
		}
		if got.String() != "青市监处罚〔2026〕12号" {
			t.Errorf("canonical of %q = %q", in, got.String())
		}
	}
	if n, err := domain.ParseCaseNumber("马市监处罚〔2021〕0876号"); err != nil || n.Seq != 876 || n.String() != "马市监处罚〔2021〕876号" {
		t.Errorf("〔2021〕0876号 → %+v %v", n, err)
	}
}

func TestParseCaseNumberRejects(t *testing.T) {
	for _, tc := range []struct{ in, msg string }{
		{"", "请填写"},
		{"   ", "请填写"},
		{"〔2026〕12号", "无法识别"},
		{"青市监处罚2026年12号", "无法识别"},
		{"青市监处罚〔26〕12号", "无法识别"},
		{"青市监处罚〔2026〕号", "无法识别"},
		{"青市监处罚〔2026〕0号", "序号应从 1 开始"},
		{"青市监处罚〔1900〕3号", "年份 1900 不合理"},
		{"青市监处罚〔2026〕12号附件", "无法识别"},
		{"青市监〔处罚〕〔2026〕12号", "机关代字不对"},
		{strings.Repeat("很长", 80) + "〔2026〕1号", "过长"},
		{"青市监处罚\xff〔2026〕1号", "无法识别的字符"},
	} {
		_, err := domain.ParseCaseNumber(tc.in)
		if err == nil {
			t.Errorf("ParseCaseNumber(%q) accepted", tc.in)
			continue
		}
		if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(domain.ErrorMessage(err), tc.msg) {
			t.Errorf("ParseCaseNumber(%q) = %q, want %q", tc.in, domain.ErrorMessage(err), tc.msg)
		}
	}
}

// FuzzParseCaseNumber: parsing never panics; whatever parses has a canonical form that
// parses back to the same parts; every number the default rule generates parses back.
func FuzzParseCaseNumber(f *testing.F) {
	for _, s := range []string{"青市监处罚〔2026〕12号", "青市监处罚[2026]012号", "（2026）1号", "A(2026)1", "x〔2199〕9999999号",
		"青〔2026〕第0号", "青市监处罚（２０２６）１２号", "\u3000〔〕", "青[2026]1号号"} {
		f.Add(s, 2026, 12)
	}
	rule := domain.DefaultNumberRule()
	f.Fuzz(func(t *testing.T, s string, year, seq int) {
		n, err := domain.ParseCaseNumber(s)
		if err == nil {
			if n.Prefix == "" || n.Year < 1949 || n.Year > 2199 || n.Seq < 1 {
				t.Fatalf("ParseCaseNumber(%q) = %+v out of range", s, n)
			}
			back, err := domain.ParseCaseNumber(n.String())
			if err != nil || back != n {
				t.Fatalf("canonical %q of %q reparses as %+v, %v", n.String(), s, back, err)
			}
		} else if domain.ErrorCode(err) != domain.EINVALID || !utf8.ValidString(domain.ErrorMessage(err)) {
			t.Fatalf("ParseCaseNumber(%q): error %v", s, err)
		}
		if year >= 1949 && year <= 2199 && seq >= 1 && seq <= 9_999_999 {
			for _, typ := range domain.AllActTypes {
				num := rule.Format("青市监", typ, year, seq)
				got, err := domain.ParseCaseNumber(num)
				if err != nil || got.Year != year || got.Seq != seq || got.Prefix != rule.Prefix("青市监", typ) {
					t.Fatalf("generated %q parses as %+v, %v", num, got, err)
				}
			}
		}
	})
}

func TestParseMoney(t *testing.T) {
	for in, want := range map[string]domain.Money{
		"": 0, "5000": 500000, "5,000": 500000, "5000.5": 500050, "5000.50元": 500050, "￥12,345.67": 1234567,
		"０.５": 50, ".5": 50, "12.": 1200, "１２３４": 123400,
	} {
		got, err := domain.ParseMoney(in, "罚款金额")
		if err != nil || got != want {
			t.Errorf("ParseMoney(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"-5", "5.123", "abc", "5元5角", "1e5", ".", "99999999999999"} {
		if _, err := domain.ParseMoney(in, "罚款金额"); err == nil || !strings.Contains(domain.ErrorMessage(err), "罚款金额") {
			t.Errorf("ParseMoney(%q) = %v, want an error naming the field", in, err)
		}
	}
	if s := domain.Money(123456789).String(); s != "1,234,567.89" {
		t.Errorf("String = %q", s)
	}
	if s := domain.Money(5).String(); s != "0.05" {
		t.Errorf("String = %q", s)
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"5000", "1,234.56元", "￥.5", "-1", "1.234"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := domain.ParseMoney(s, "金额")
		if err != nil {
			return
		}
		if m < 0 {
			t.Fatalf("ParseMoney(%q) = %d, negative", s, m)
		}
		back, err := domain.ParseMoney(m.String(), "金额")
		if err != nil || back != m {
			t.Fatalf("%q → %v → %v, %v", s, m, back, err)
		}
	})
}
