package publication

import (
	"strings"
	"testing"
)

// A long decision text (about 4 000 characters, the longest 案情摘要 a case holds).
func BenchmarkRedactLongText(b *testing.B) {
	para := "经查，当事人刘某某（身份证号码52020119850312461X，住贵州省六盘水市青山县人民路88号2栋3单元401室，联系电话13908581234）于2026年3月5日在其经营场所销售过期食品，证人张华称当日在场。依据《中华人民共和国食品安全法》第一百二十四条第一款，决定罚款人民币5000元。"
	text := strings.Repeat(para, 4000/len([]rune(para))+1)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Redact(text, Rules{})
	}
}
