package domain

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	mrand "math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The draw is a pure function of its input and a 32-byte seed, so anyone holding the
// record can re-run it and get the same result:
//
//  1. The seed (32 bytes from crypto/rand, drawn by the service) keys a ChaCha8 stream (the C2SP
//     chacha8rand generator of math/rand/v2); only its raw Uint64 outputs are used, and
//     numbers below n are taken by rejection sampling, so nothing depends on library
//     helpers whose algorithm could change.
//  2. Objects: Count objects are drawn one after another without replacement, each with
//     probability proportional to its weight among those not yet drawn (every weight is 1
//     unless the task is risk-weighted).
//  3. Officers: for each drawn object in draw order, the candidate officers not related to
//     it are shuffled and the PerObject least loaded so far are taken (ties stay in
//     shuffled order), preferring officers who did not inspect it last time.
//
// The candidate lists are hashed in a canonical text form; the result hash binds those
// hashes, the parameters, the seed and the assignments together.

// DrawAlgorithm names the draw procedure recorded with every draw, so a later release that
// changes it can still re-run old draws with the procedure they used.
const DrawAlgorithm = "lawdesk-draw-v1 (ChaCha8, weighted sampling without replacement, least-loaded officers)"

// Draw is one draw of a task: its inputs exactly as they were, the seed and the result, so
// anyone can re-run it and get the same result.
type Draw struct {
	No        int       // 1 for the first draw, 2… for re-draws
	At        time.Time // when it was made
	By        string    // login name
	Reason    string    // why it was re-drawn (required from the second draw on)
	Algorithm string
	Seed      string // 64 hex digits from crypto/rand
	Input     DrawInput
	// Hashes of the canonical candidate lists and of the result, as recorded in the audit
	// chain when the draw was made.
	ObjectsHash  string
	OfficersHash string
	ResultHash   string
	Assignments  []Assignment
	AuditSeq     uint64 // the audit event that recorded the draw
}

// DrawInput is everything the draw depends on besides the seed.
type DrawInput struct {
	Count     int  // objects to draw
	PerObject int  // officers per object
	Weighted  bool // use each object's Weight (else every weight is 1)
	Objects   []DrawObject
	Officers  []DrawOfficer
}

// DrawObject is a candidate object as the draw saw it.
type DrawObject struct {
	ID         uint64
	Name       string
	CreditCode string
	Weight     int      // the risk-grade weight at the time
	Related    []uint64 // officers never sent here (conflict of interest)
	Previous   []uint64 // officers who inspected it last time: avoided when possible
}

// DrawOfficer is a candidate officer as the draw saw them (valid certificate for the
// task's category through its end date).
type DrawOfficer struct {
	ID     uint64
	Name   string
	CertNo string
}

// Assignment is one drawn object and the officers sent to it, in the order drawn.
type Assignment struct {
	ObjectID uint64
	Officers []uint64
	// Repeated is true when an officer who inspected the object last time had to be sent
	// again because there were not enough others.
	Repeated bool
}

// stream is the draw's source of random numbers.
type stream struct{ c *mrand.ChaCha8 }

func newStream(seedHex string) (*stream, error) {
	b, err := hex.DecodeString(seedHex)
	if err != nil || len(b) != 32 {
		return nil, Errorf(EINVALID, "抽取种子应为 64 位十六进制数字，现在是“%s”。", seedHex)
	}
	var seed [32]byte
	copy(seed[:], b)
	return &stream{c: mrand.NewChaCha8(seed)}, nil
}

// below returns a uniform number in [0, n) for n > 0: outputs under 2^64 mod n are
// rejected so every residue is equally likely.
func (s *stream) below(n uint64) uint64 {
	threshold := -n % n
	for {
		if x := s.c.Uint64(); x >= threshold {
			return x % n
		}
	}
}

// shuffle permutes ids in place (Fisher–Yates).
func (s *stream) shuffle(ids []uint64) {
	for i := len(ids) - 1; i > 0; i-- {
		j := s.below(uint64(i + 1))
		ids[i], ids[j] = ids[j], ids[i]
	}
}

// Run performs the draw of in with seed and returns the assignments in draw order.
func (in DrawInput) Run(seed string) ([]Assignment, error) {
	if err := checkInput(in); err != nil {
		return nil, err
	}
	rs, err := newStream(seed)
	if err != nil {
		return nil, err
	}
	picked := drawObjects(rs, in)
	load := map[uint64]int{}
	out := make([]Assignment, 0, len(picked))
	for _, oi := range picked {
		obj := in.Objects[oi]
		var preferred, again []uint64
		for _, off := range in.Officers {
			switch {
			case slices.Contains(obj.Related, off.ID):
			case slices.Contains(obj.Previous, off.ID):
				again = append(again, off.ID)
			default:
				preferred = append(preferred, off.ID)
			}
		}
		if len(preferred)+len(again) < in.PerObject {
			return nil, Errorf(EINVALID, "检查对象“%s”可派的执法人员只有 %d 名（其余人员与其有利害关系需回避），少于每户 %d 名。请增加执法人员或调整回避设置。",
				obj.Name, len(preferred)+len(again), in.PerObject)
		}
		a := Assignment{ObjectID: obj.ID}
		a.Officers = leastLoaded(rs, preferred, load, in.PerObject)
		if missing := in.PerObject - len(a.Officers); missing > 0 {
			a.Officers = append(a.Officers, leastLoaded(rs, again, load, missing)...)
			a.Repeated = true
		}
		for _, id := range a.Officers {
			load[id]++
		}
		out = append(out, a)
	}
	return out, nil
}

// leastLoaded shuffles ids and returns up to n of them with the fewest assignments so far.
func leastLoaded(rs *stream, ids []uint64, load map[uint64]int, n int) []uint64 {
	ids = slices.Clone(ids)
	rs.shuffle(ids)
	slices.SortStableFunc(ids, func(a, b uint64) int { return cmp.Compare(load[a], load[b]) })
	return ids[:min(n, len(ids))]
}

// drawObjects draws in.Count object indexes without replacement, each with probability
// proportional to its weight among the remaining ones. A Fenwick tree over the weights
// finds the drawn index in O(log n).
func drawObjects(rs *stream, in DrawInput) []int {
	n := len(in.Objects)
	tree := make([]uint64, n+1)
	var total uint64
	for i, o := range in.Objects {
		w := uint64(1)
		if in.Weighted {
			w = uint64(o.Weight)
		}
		total += w
		for j := i + 1; j <= n; j += j & -j {
			tree[j] += w
		}
	}
	weight := func(i int) uint64 { // the current weight of index i
		if in.Weighted {
			return uint64(in.Objects[i].Weight)
		}
		return 1
	}
	top := 1
	for top*2 <= n {
		top *= 2
	}
	out := make([]int, 0, in.Count)
	for len(out) < in.Count {
		r := rs.below(total)
		// find the smallest index whose cumulative weight exceeds r
		pos := 0
		for step := top; step > 0; step /= 2 {
			if next := pos + step; next <= n && tree[next] <= r {
				pos = next
				r -= tree[next]
			}
		}
		w := weight(pos)
		for j := pos + 1; j <= n; j += j & -j {
			tree[j] -= w
		}
		total -= w
		out = append(out, pos)
	}
	return out
}

// checkInput refuses an input the draw cannot honour, with a message saying what to change.
func checkInput(in DrawInput) error {
	if in.PerObject < MinOfficersPerObject {
		return Errorf(EINVALID, "每户至少派 %d 名执法人员。", MinOfficersPerObject)
	}
	if in.Count <= 0 {
		return Errorf(EINVALID, "抽取数量至少为 1 户。")
	}
	if len(in.Objects) == 0 {
		return Errorf(EINVALID, "没有符合筛选条件的检查对象。请检查检查对象名录库和任务的筛选条件。")
	}
	if in.Count > len(in.Objects) {
		return Errorf(EINVALID, "符合筛选条件的检查对象只有 %d 户，少于计划抽取的 %d 户。请减少抽取数量，或放宽筛选条件。", len(in.Objects), in.Count)
	}
	if len(in.Officers) < in.PerObject {
		return Errorf(EINVALID, "持有效执法证、符合执法类别的执法人员只有 %d 名，少于每户 %d 名。请检查执法人员清单（证件有效期、执法类别）。", len(in.Officers), in.PerObject)
	}
	seen := map[uint64]bool{}
	for _, o := range in.Objects {
		if seen[o.ID] {
			return Errorf(EINVALID, "候选检查对象重复（编号 %d）。", o.ID)
		}
		seen[o.ID] = true
		if in.Weighted && (o.Weight < 1 || o.Weight > 1000) {
			return Errorf(EINVALID, "检查对象“%s”的抽取权重 %d 无效。", o.Name, o.Weight)
		}
	}
	clear(seen)
	for _, o := range in.Officers {
		if seen[o.ID] {
			return Errorf(EINVALID, "候选执法人员重复（编号 %d）。", o.ID)
		}
		seen[o.ID] = true
	}
	return nil
}

// ObjectsHash is the SHA-256 of the canonical text of the candidate objects, in their order.
func (in DrawInput) ObjectsHash() string {
	var b strings.Builder
	b.WriteString("lawdesk draw objects v1\n")
	for _, o := range in.Objects {
		fmt.Fprintf(&b, "%d\t%s\t%s\t%d\t%s\t%s\n", o.ID, strconv.Quote(o.CreditCode), strconv.Quote(o.Name),
			o.Weight, joinIDs(o.Related), joinIDs(o.Previous))
	}
	return sum(b.String())
}

// OfficersHash is the SHA-256 of the canonical text of the candidate officers, in their order.
func (in DrawInput) OfficersHash() string {
	var b strings.Builder
	b.WriteString("lawdesk draw officers v1\n")
	for _, o := range in.Officers {
		fmt.Fprintf(&b, "%d\t%s\t%s\n", o.ID, strconv.Quote(o.CertNo), strconv.Quote(o.Name))
	}
	return sum(b.String())
}

// ResultHash binds the candidate hashes, the parameters, the seed and the assignments.
func (in DrawInput) ResultHash(seed string, as []Assignment) string {
	var b strings.Builder
	fmt.Fprintf(&b, "lawdesk draw result v1\nobjects %s\nofficers %s\ncount %d per %d weighted %t\nseed %s\n",
		in.ObjectsHash(), in.OfficersHash(), in.Count, in.PerObject, in.Weighted, seed)
	for _, a := range as {
		fmt.Fprintf(&b, "%d:%s", a.ObjectID, joinIDs(a.Officers))
		if a.Repeated {
			b.WriteString(" repeated")
		}
		b.WriteString("\n")
	}
	return sum(b.String())
}

func joinIDs(ids []uint64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatUint(id, 10)
	}
	return strings.Join(s, ",")
}

func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// DrawReplay is the outcome of re-running a recorded draw.
type DrawReplay struct {
	InputOK    bool // the stored candidate lists hash to the recorded hashes
	ResultOK   bool // re-running gives the recorded assignments and result hash
	Recomputed []Assignment
	Problems   []string // in Chinese, empty when the draw is confirmed
}

// OK reports whether the draw is confirmed.
func (r DrawReplay) OK() bool { return r.InputOK && r.ResultOK && len(r.Problems) == 0 }

// Replay re-runs a recorded draw from its stored input and seed and compares the
// result with the record.
func (d Draw) Replay() DrawReplay {
	var r DrawReplay
	if d.Algorithm != DrawAlgorithm {
		r.Problems = append(r.Problems, fmt.Sprintf("抽取记录使用的算法“%s”不是本版本的算法，无法重新运行", d.Algorithm))
		return r
	}
	r.InputOK = d.Input.ObjectsHash() == d.ObjectsHash && d.Input.OfficersHash() == d.OfficersHash
	if d.Input.ObjectsHash() != d.ObjectsHash {
		r.Problems = append(r.Problems, "候选检查对象名单与记录的哈希不符（名单被改动）")
	}
	if d.Input.OfficersHash() != d.OfficersHash {
		r.Problems = append(r.Problems, "候选执法人员名单与记录的哈希不符（名单被改动）")
	}
	as, err := d.Input.Run(d.Seed)
	if err != nil {
		r.Problems = append(r.Problems, "无法重新运行抽取："+ErrorMessage(err))
		return r
	}
	r.Recomputed = as
	same := slices.EqualFunc(as, d.Assignments, func(a, b Assignment) bool {
		return a.ObjectID == b.ObjectID && a.Repeated == b.Repeated && slices.Equal(a.Officers, b.Officers)
	})
	if !same {
		r.Problems = append(r.Problems, "用记录的种子重新抽取，结果与记录的抽取结果不同")
	}
	if d.Input.ResultHash(d.Seed, as) != d.ResultHash {
		r.Problems = append(r.Problems, "重新抽取结果的哈希与记录的结果哈希不符")
	}
	r.ResultOK = same && d.Input.ResultHash(d.Seed, as) == d.ResultHash
	return r
}
