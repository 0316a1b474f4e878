// Package bench proves LawDesk at the size of a county office: it generates a realistic
// store of any size deterministically from a seed (Generate) and measures what people wait
// for on it — start-up, the dashboard, lists, searches, opening a case, statistics,
// verification — and the memory it takes (Run). `lawdesk bench generate` and `lawdesk bench
// run` are its command line; README's Performance section holds its latest figures.
package bench
