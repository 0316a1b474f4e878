// Package publication is 事后公开: after a decision, the office publishes it within 7 or 20
// working days (DOMAIN.md §1.3) without personal data, and withdraws it within 3 working
// days when it is revoked. It derives the pending publications from decided cases, stores
// only what people do (published on a date through a channel, not published with a reason,
// withdrawn, replaced), redacts every text before anything leaves LawDesk, and writes the
// folder the office uploads to its website or prints for the notice board.
package publication
