package report

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
)

// ChainSegment summarises the audit-chain segment of a bundle: the year's events, the
// hash the first one links back to, and the first and last hash. Anyone holding the
// office's later bundles or its database can check that the segments join up.
type ChainSegment struct {
	Events    uint64 `json:"events"`
	FirstSeq  uint64 `json:"first_seq"`
	FirstHash string `json:"first_hash"`
	PrevHash  string `json:"prev_hash"` // hash of the event before the segment, "" at the chain's start
	LastSeq   uint64 `json:"last_seq"`
	LastHash  string `json:"last_hash"`
}

// bag-info labels of the segment.
const (
	infoAuditFile   = "LawDesk-Audit-File"
	infoAuditEvents = "LawDesk-Audit-Events"
	infoFirstSeq    = "LawDesk-Audit-First-Seq"
	infoFirstHash   = "LawDesk-Audit-First-Hash"
	infoPrevHash    = "LawDesk-Audit-Prev-Hash"
	infoLastSeq     = "LawDesk-Audit-Last-Seq"
	infoLastHash    = "LawDesk-Audit-Last-Hash"
)

// noHash stands in bag-info.txt for a hash that does not exist: the event before the
// first of the whole chain, or the ends of a year without events.
var noHash = strings.Repeat("0", 64)

func infoHash(h string) string {
	if h == "" {
		return noHash
	}
	return h
}

func (c ChainSegment) info(file string) []InfoField {
	return []InfoField{
		{infoAuditFile, file},
		{infoAuditEvents, strconv.FormatUint(c.Events, 10)},
		{infoFirstSeq, strconv.FormatUint(c.FirstSeq, 10)},
		{infoFirstHash, infoHash(c.FirstHash)},
		{infoPrevHash, infoHash(c.PrevHash)},
		{infoLastSeq, strconv.FormatUint(c.LastSeq, 10)},
		{infoLastHash, infoHash(c.LastHash)},
	}
}

// eventLine is one line of the segment file (JSON Lines), with every field the hash covers.
type eventLine struct {
	Seq      uint64    `json:"seq"`
	Time     time.Time `json:"time"`
	Actor    string    `json:"actor"`
	Action   string    `json:"action"`
	Target   string    `json:"target"`
	Summary  string    `json:"summary"`
	PrevHash string    `json:"prev_hash"`
	Hash     string    `json:"hash"`
}

func (l eventLine) event() domain.Event {
	return domain.Event{Seq: l.Seq, Time: l.Time, Actor: l.Actor, Action: l.Action, Target: l.Target,
		Summary: l.Summary, PrevHash: l.PrevHash, Hash: l.Hash}
}

// writeSegment writes the events of the period's span as JSON Lines and returns the summary.
func writeSegment(st *store.Store, from, to time.Time, w io.Writer) (ChainSegment, error) {
	var seg ChainSegment
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err := st.AuditSegment(from, to, func(e domain.Event) error {
		if seg.Events == 0 {
			seg.FirstSeq, seg.FirstHash, seg.PrevHash = e.Seq, e.Hash, e.PrevHash
		}
		seg.Events++
		seg.LastSeq, seg.LastHash = e.Seq, e.Hash
		return enc.Encode(eventLine{e.Seq, e.Time, e.Actor, e.Action, e.Target, e.Summary, e.PrevHash, e.Hash})
	})
	if err != nil {
		return seg, err
	}
	return seg, bw.Flush()
}

// checkChain re-computes every event of the bundle's segment: each hash, each link to the
// previous event, the sequence without gaps, and both ends against bag-info.txt. Every
// broken event is reported (the first maxChainProblem one by one).
func (v *verifier) checkChain(ctx context.Context) *ChainSegment {
	file := v.rep.InfoValue(infoAuditFile)
	if file == "" {
		return nil // not a LawDesk bundle: plain BagIt has no chain
	}
	f := v.entries[file]
	if f == nil {
		v.problem("无法核对审计链：找不到审计链文件 %s", file)
		return nil
	}
	r, err := f.Open()
	if err != nil {
		v.problem("无法核对审计链：%s 无法读取（%v）", file, err)
		return nil
	}
	defer r.Close()
	var seg ChainSegment
	var prev domain.Event
	broken := 0
	bad := func(format string, args ...any) {
		broken++
		if broken <= maxChainProblem {
			v.problem("审计链断裂：%s %s", file, fmt.Sprintf(format, args...))
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for line := 1; sc.Scan(); line++ {
		if line%4096 == 0 && ctx.Err() != nil {
			return nil
		}
		var l eventLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			bad("第 %d 行无法读取（%v）", line, err)
			continue
		}
		e := l.event()
		switch {
		case e.ComputeHash() != e.Hash:
			bad("第 %d 行（第 %d 条记录，%s %s）的内容与它的哈希不符：记录被改动", line, e.Seq, e.Actor, e.Action)
		case seg.Events > 0 && e.Seq != prev.Seq+1:
			bad("第 %d 行：第 %d 条记录之后是第 %d 条，中间有记录缺失", line, prev.Seq, e.Seq)
		case seg.Events > 0 && e.PrevHash != prev.Hash:
			bad("第 %d 行（第 %d 条记录）与前一条不衔接", line, e.Seq)
		}
		if seg.Events == 0 {
			seg.FirstSeq, seg.FirstHash, seg.PrevHash = e.Seq, e.Hash, e.PrevHash
		}
		seg.Events++
		seg.LastSeq, seg.LastHash = e.Seq, e.Hash
		prev = e
	}
	if err := sc.Err(); err != nil {
		bad("文件无法读完（%v）", err)
	}
	if broken > maxChainProblem {
		v.problem("审计链断裂：%s 另有 %d 处问题未逐条列出", file, broken-maxChainProblem)
	}
	want := map[string]string{
		infoAuditEvents: strconv.FormatUint(seg.Events, 10),
		infoFirstSeq:    strconv.FormatUint(seg.FirstSeq, 10),
		infoFirstHash:   infoHash(seg.FirstHash),
		infoPrevHash:    infoHash(seg.PrevHash),
		infoLastSeq:     strconv.FormatUint(seg.LastSeq, 10),
		infoLastHash:    infoHash(seg.LastHash),
	}
	for _, label := range []string{infoAuditEvents, infoFirstSeq, infoFirstHash, infoPrevHash, infoLastSeq, infoLastHash} {
		if got := v.rep.InfoValue(label); got != want[label] {
			v.problem("审计链与 %s 不符：%s 记为 %q，审计链文件中是 %q", bagInfoFile, label, got, want[label])
		}
	}
	return &seg
}
