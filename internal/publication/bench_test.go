package publication_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"lawdesk/internal/domain"
	"lawdesk/internal/publication"
)

// An office with 300 decided cases, half of them published: the publication list (every
// deadline on the calendar) and a full export with the notice board.
func BenchmarkEntriesAndExport(b *testing.B) {
	f := newFixture(b)
	for i := range 300 {
		day := domain.NewDate(2025, 3, 1).AddDays(i % 200)
		c := f.decide(day.String(), domain.ActPenalty)
		if i%2 == 0 {
			f.at(day.AddDays(3).String())
			p, err := f.svc.Prepare(f.as("liuyang"), c.ID)
			if err != nil {
				b.Fatal(err)
			}
			p.Draft.Basis = "《中华人民共和国食品安全法》第一百二十四条"
			if _, err := f.svc.Confirm(f.as("liuyang"), c.ID, publication.PublishForm{Draft: p.Draft,
				PublishedOn: day.AddDays(3), Channel: domain.ChannelWebsite}); err != nil {
				b.Fatal(err)
			}
		}
	}
	f.at("2025-10-09")
	b.Run("Entries", func(b *testing.B) {
		for b.Loop() {
			if es, err := f.svc.Entries(f.as("admin")); err != nil || len(es) != 300 {
				b.Fatal(len(es), err)
			}
		}
	})
	b.Run("Export", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			dir := filepath.Join(b.TempDir(), fmt.Sprint(i))
			if _, err := f.svc.Export(context.Background(), f.as("admin"), dir, publication.ExportOptions{NoticeBoard: true}, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}
