package bench

import (
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"lawdesk/internal/office"
	"lawdesk/internal/record"
	"lawdesk/internal/review"
	"lawdesk/internal/store"
)

// BenchmarkHomeSources times, on a generated store opened read-only (LAWDESK_BENCH_DATA=DIR,
// made by `lawdesk bench generate`), each source of the administrator's home screen alone and
// the legal review list, to see which one a slow home screen waits for (home: all of them
// side by side):
//
//	LAWDESK_BENCH_DATA=/tmp/scale/r100k go test ./internal/bench -run XXX -bench HomeSources -benchtime 10x
func BenchmarkHomeSources(b *testing.B) {
	dir := os.Getenv("LAWDESK_BENCH_DATA")
	if dir == "" {
		b.Skip("LAWDESK_BENCH_DATA names no generated store")
	}
	st, err := store.Open(dir, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	var gen generated
	if _, err := st.Setting(keyGenerated, &gen); err != nil {
		b.Fatal(err)
	}
	today := gen.Until.Time(time.Local).Add(16 * time.Hour) // as bench run: the generator's last day
	st.Now = func() time.Time { return today }
	u, err := st.UserByName("admin")
	if err != nil {
		b.Fatal(err)
	}
	admin := office.Session{User: u}
	b.Run("review-list", func(b *testing.B) {
		rv := review.New(st, record.New(st))
		for b.Loop() {
			if _, err := rv.FirstPage(admin); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("home", func(b *testing.B) { // all side by side, as the home screen and bench run ask
		for b.Loop() {
			var wg sync.WaitGroup
			for _, src := range todoSources(st) {
				wg.Go(func() {
					if _, err := src.Todos(admin); err != nil {
						b.Error(err)
					}
				})
			}
			wg.Wait()
		}
	})
	for _, src := range todoSources(st) {
		b.Run(fmt.Sprintf("%T", src), func(b *testing.B) {
			for b.Loop() {
				if _, err := src.Todos(admin); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
