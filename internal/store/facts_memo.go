package store

import (
	"bytes"
	"sync"
)

// factsMemo keeps decoded case_facts records with the bytes they were decoded from. The
// home screen's to-do sources walk the same few thousand cases in hand at every refresh,
// side by side; comparing a record's bytes is far cheaper than decoding its JSON again, and
// a changed record has changed bytes, so nothing stale is ever returned.
type factsMemo struct {
	mu sync.Mutex
	m  map[uint64]memoFacts
}

type memoFacts struct {
	raw []byte
	f   caseFacts
}

// factsMemoMax bounds the memo (a few MB); when full it starts again.
const factsMemoMax = 20000

// decode returns the facts data holds, for case id. The slices of the result are shared:
// callers copy before changing them (slimCase does).
func (m *factsMemo) decode(id uint64, data []byte) (caseFacts, error) {
	m.mu.Lock()
	e, ok := m.m[id]
	m.mu.Unlock()
	if ok && bytes.Equal(e.raw, data) {
		return e.f, nil
	}
	var f caseFacts
	if err := decode(data, &f); err != nil {
		return f, err
	}
	m.mu.Lock()
	if m.m == nil || len(m.m) >= factsMemoMax {
		m.m = make(map[uint64]memoFacts)
	}
	m.m[id] = memoFacts{bytes.Clone(data), f}
	m.mu.Unlock()
	return f, nil
}
