package store

import "testing"

func TestFactsMemoDecodesAgainWhenTheBytesChange(t *testing.T) {
	var m factsMemo
	a, _ := encode(caseFacts{N: "青市监处罚〔2026〕1号", S: "accept"})
	b, _ := encode(caseFacts{N: "青市监处罚〔2026〕1号", S: "decide"})
	for i, c := range []struct {
		data  []byte
		stage string
	}{{a, "accept"}, {a, "accept"}, {b, "decide"}, {a, "accept"}} {
		f, err := m.decode(1, c.data)
		if err != nil || string(f.S) != c.stage {
			t.Fatalf("read %d: stage %q (%v), want %q", i, f.S, err, c.stage)
		}
	}
	if _, err := m.decode(2, []byte("{not json")); err == nil {
		t.Fatal("a damaged record decoded")
	}
	for id := uint64(10); id < 10+factsMemoMax+5; id++ {
		m.decode(id, a)
	}
	if len(m.m) > factsMemoMax {
		t.Fatalf("the memo holds %d records, more than %d", len(m.m), factsMemoMax)
	}
}
