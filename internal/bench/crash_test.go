package bench_test

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"lawdesk/internal/bench"
	"lawdesk/internal/demo"
	"lawdesk/internal/store"
)

// TestPowerCut kills a LawDesk that is busy writing (registering and working cases,
// deciding, publishing, importing photos, opening cases) with SIGKILL at random moments,
// again and again on the same data, as a power cut would. After every kill the data must
// open, verify, and still hold every change that was acknowledged before it. 20 kills by
// default; LAWDESK_LONG=1 makes it 300.
func TestPowerCut(t *testing.T) {
	if testing.Short() {
		t.Skip("power-cut harness skipped in -short mode")
	}
	kills := 20
	if os.Getenv("LAWDESK_LONG") != "" {
		kills = 300
	}
	dir := filepath.Join(t.TempDir(), "data")
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Create(st, bench.DefaultPassword); err != nil {
		t.Fatal(err)
	}
	st.Close()

	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 10))
	var acks []bench.Ack
	kinds := map[string]int{}
	totalStrays := 0
	for i := 0; i < kills; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestPowerCutChild$")
		cmd.Env = append(os.Environ(), "LAWDESK_CRASH_CHILD="+dir, "LAWDESK_CRASH_SEED="+strconv.Itoa(i))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		ch := make(chan bench.Ack, 64)
		go bench.ReadAcks(out, ch, os.Stderr)
		// let it acknowledge a few changes, then cut the power somewhere in the next ones
		wantAcks := 1 + r.IntN(12)
		got := 0
		deadline := time.After(2 * time.Minute)
	wait:
		for got < wantAcks {
			select {
			case a, ok := <-ch:
				if !ok {
					break wait
				}
				acks, got = append(acks, a), got+1
				kinds[a.Kind]++
			case <-deadline:
				break wait
			}
		}
		time.Sleep(time.Duration(r.IntN(30_000)) * time.Microsecond)
		cmd.Process.Signal(syscall.SIGKILL)
		for a := range ch { // acknowledged before the kill landed
			acks = append(acks, a)
			kinds[a.Kind]++
		}
		cmd.Wait()
		if got == 0 {
			t.Fatalf("kill %d: the writer acknowledged nothing (see its error above)", i+1)
		}
		strays, err := bench.CheckAfterCrash(dir, acks)
		if err != nil {
			t.Fatalf("after kill %d (%d changes acknowledged so far): %v", i+1, len(acks), err)
		}
		totalStrays += strays
	}
	t.Logf("%d kills, %d acknowledged changes all present (%v); stray files left by cut imports at the end: %d",
		kills, len(acks), kinds, totalStrays)
}

// TestPowerCutChild is the LawDesk TestPowerCut kills: it writes until it is killed.
func TestPowerCutChild(t *testing.T) {
	dir := os.Getenv("LAWDESK_CRASH_CHILD")
	if dir == "" {
		t.Skip("run by TestPowerCut")
	}
	seed, _ := strconv.Atoi(os.Getenv("LAWDESK_CRASH_SEED"))
	if err := bench.Writer(dir, uint64(seed), 0, os.Stdout); err != nil {
		t.Fatal(err)
	}
}

// The checker itself must catch a lost change: a case that is not there, a history shorter
// than acknowledged, a chain shorter than acknowledged.
func TestCheckAfterCrashFindsLostChanges(t *testing.T) {
	countyScale(t)
	dir := filepath.Join(t.TempDir(), "data")
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Create(st, bench.DefaultPassword); err != nil {
		t.Fatal(err)
	}
	chain, _ := st.VerifyChain()
	st.Close()
	if _, err := bench.CheckAfterCrash(dir, []bench.Ack{{Kind: "view", N: int(chain.Events)}}); err != nil {
		t.Fatalf("a consistent store fails the check: %v", err)
	}
	for _, lost := range []bench.Ack{
		{Kind: "case", ID: 9999},
		{Kind: "case", ID: 1, N: 99},
		{Kind: "view", N: int(chain.Events) + 5},
		{Kind: "recording", ID: 9999, SHA: "ab"},
		{Kind: "publication", ID: 9999},
	} {
		if _, err := bench.CheckAfterCrash(dir, []bench.Ack{lost}); err == nil || !strings.Contains(err.Error(), "lost") {
			t.Errorf("%v: %v, want a lost change", lost, err)
		}
	}
}
