package preallocmap

import "strings"

// Residues maps every residue mod 10 to the last i below n that has it.
//
// allocfix: keep — variable bound, but the key is not the loop variable: keys
// repeat, so the map holds at most 10 keys while a hint of n would reserve n.
func Residues(n int) map[int]int {
	m := make(map[int]int)
	for i := 0; i < n; i++ {
		m[i%10] = i
	}
	return m
}

// EarlyStop maps 0 … up to the first i with i*i > limit, for i below n.
//
// allocfix: keep — variable bound with a break: the loop may stop long before
// n, so a hint of n could reserve far more than is ever used.
func EarlyStop(n, limit int) map[int]int {
	m := make(map[int]int)
	for i := 0; i < n; i++ {
		m[i] = i * i
		if i*i > limit {
			break
		}
	}
	return m
}

// NilMapLengths returns a nil map for no words and panics otherwise
// (assignment to entry in nil map).
//
// allocfix: keep — `var m map[K]V` is a nil map, not this pattern.
func NilMapLengths(words []string) map[string]int {
	var m map[string]int
	for _, w := range words {
		m[w] = len(w)
	}
	return m
}

// NonEmptyValues keeps the pairs whose value is not empty.
//
// allocfix: keep — conditional assignment.
func NonEmptyValues(src map[string]string) map[string]string {
	out := make(map[string]string)
	for k, v := range src {
		if v != "" {
			out[k] = v
		}
	}
	return out
}

// LastWins records every word, then forgets the one before it.
//
// allocfix: keep — delete in the loop.
func LastWins(words []string) map[string]bool {
	m := make(map[string]bool)
	for i, w := range words {
		m[w] = true
		if i > 0 {
			delete(m, words[i-1])
		}
	}
	return m
}

// FromChannel collects the pairs sent on ch.
//
// allocfix: keep — range over a channel: no length known up front.
func FromChannel(ch <-chan [2]string) map[string]string {
	m := map[string]string{}
	for kv := range ch {
		m[kv[0]] = kv[1]
	}
	return m
}

// FieldSet returns the set of whitespace-separated fields of s.
//
// allocfix: keep — the range expression is a call: its length is unknown
// without evaluating strings.Fields twice.
func FieldSet(s string) map[string]bool {
	set := make(map[string]bool)
	for _, f := range strings.Fields(s) {
		set[f] = true
	}
	return set
}

// BothCases maps every word and its upper-case form to its length.
//
// allocfix: keep — two assignments per iteration: not exactly one key.
func BothCases(words []string) map[string]int {
	m := make(map[string]int)
	for _, w := range words {
		m[w] = len(w)
		m[strings.ToUpper(w)] = len(w)
	}
	return m
}

// WordCount counts the words.
//
// allocfix: keep — `m[w]++` is an accumulation, not the `m[k] = v` pattern: the
// number of distinct keys can be far below len(words).
func WordCount(words []string) map[string]int {
	counts := make(map[string]int)
	for _, w := range words {
		counts[w]++
	}
	return counts
}

// SmallHint already carries a size hint.
//
// allocfix: keep — make already has a hint; it is the author's choice.
func SmallHint(words []string) map[string]int {
	m := make(map[string]int, 4)
	for i, w := range words {
		m[w] = i
	}
	return m
}
