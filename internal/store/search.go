package store

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
)

// Full-text search over cases (number, party, matter, facts, decision number and the titles
// and text of their documents) uses a bigram inverted index: every pair of neighbouring
// letters, digits or Han characters is a term, and a case matches a query when it holds
// every term of the query. Chinese has no spaces between words, so bigrams find any
// substring of two or more characters without a dictionary; a one-character query matches
// every term that starts with it.
//
// Keys of bucketCaseTerms are term + 0xFF + case ID, so one term's cases are a contiguous
// range sorted by ID (newest last), and "does case N have term T" is a single Get. UTF-8
// never contains the byte 0xFF, so a term cannot run into the separator.

const termSep = 0xFF

// maxTermsPerText bounds the terms one document contributes (a 300-page text layer has
// far fewer distinct bigrams than this; the bound only protects against garbage).
const maxTermsPerText = 200_000

// foldRune maps a rune to the form it is indexed and searched under: full-width ASCII to
// half-width, letters to lower case. Runes that are not letters, digits or Han characters
// return -1 and separate terms.
func foldRune(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
		r -= 0xFEE0
	}
	if r == '\u3007' { // 〇, the Han zero in dates
		r = '0'
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return unicode.ToLower(r)
	}
	return -1
}

// segments splits text into runs of indexable runes.
func segments(text string) [][]rune {
	var out [][]rune
	var cur []rune
	for _, r := range text {
		if f := foldRune(r); f >= 0 {
			cur = append(cur, f)
			continue
		}
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// addTerms adds the terms of text to set: bigrams, and the rune itself for a run of one.
func addTerms(set map[string]struct{}, text string) {
	for _, seg := range segments(text) {
		if len(set) >= maxTermsPerText {
			return
		}
		if len(seg) == 1 {
			set[string(seg)] = struct{}{}
			continue
		}
		for i := 0; i+1 < len(seg); i++ {
			set[string(seg[i:i+2])] = struct{}{}
		}
	}
}

// queryTerms are the terms a query needs, and the single runes that stand alone in it
// (each must start some term of a matching case).
func queryTerms(q string) (bigrams []string, singles []string) {
	seen := map[string]bool{}
	for _, seg := range segments(q) {
		if len(seg) == 1 {
			if s := string(seg); !seen[s] {
				seen[s] = true
				singles = append(singles, s)
			}
			continue
		}
		for i := 0; i+1 < len(seg); i++ {
			if t := string(seg[i : i+2]); !seen[t] {
				seen[t] = true
				bigrams = append(bigrams, t)
			}
		}
	}
	return bigrams, singles
}

// encodeTerms stores a term set as one value: the sorted terms joined by 0xFF.
func encodeTerms(set map[string]struct{}) []byte {
	terms := make([]string, 0, len(set))
	for t := range set {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	return []byte(strings.Join(terms, "\xff"))
}

// decodeTerms reads what encodeTerms wrote.
func decodeTerms(b []byte, into map[string]struct{}) {
	if len(b) == 0 {
		return
	}
	start := 0
	for i := 0; i <= len(b); i++ {
		if i == len(b) || b[i] == termSep {
			if i > start && utf8.Valid(b[start:i]) {
				into[string(b[start:i])] = struct{}{}
			}
			start = i + 1
		}
	}
}

// normalizeQuery writes every word of a query that is a case or document number in its
// canonical form, so 青市监处罚[2021]0087号 finds 青市监处罚〔2021〕87号.
func normalizeQuery(q string) string {
	words := strings.Fields(q)
	for i, w := range words {
		if n, err := domain.CanonicalCaseNumber(w); err == nil {
			words[i] = n
		}
	}
	return strings.Join(words, " ")
}

// foldedKeywords splits a query at white space into keywords and folds each (its runs of
// indexable runes joined by one space), so 青市监处罚[2026]1号 becomes "青市监处罚 2026 1号".
func foldedKeywords(q string) []string {
	var out []string
	for _, word := range strings.Fields(q) {
		if f := foldText(word); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// foldText folds text for matching: runs of indexable runes joined by one space.
func foldText(text string) string {
	segs := segments(text)
	parts := make([]string, len(segs))
	for i, seg := range segs {
		parts[i] = string(seg)
	}
	return strings.Join(parts, " ")
}

// caseContains reports whether every keyword occurs in one of the case's fields or in the
// text of one of its documents. The bigram index only says every pair of characters occurs
// somewhere; this makes the result exact.
func (s *Store) caseContains(tx *bbolt.Tx, c domain.Case, keywords []string) bool {
	var fields []string
	for _, t := range caseFieldText(c) {
		if t != "" {
			fields = append(fields, foldText(t))
		}
	}
	var docs []string // read only when a keyword is not in the fields
	docsRead := false
	for _, k := range keywords {
		if containsAny(fields, k) {
			continue
		}
		if !docsRead {
			docs, docsRead = s.documentTexts(tx, c.ID), true
		}
		if !containsAny(docs, k) {
			return false
		}
	}
	return true
}

func containsAny(texts []string, k string) bool {
	for _, t := range texts {
		if strings.Contains(t, k) {
			return true
		}
	}
	return false
}
