package prealloc

import "strings"

// Names is a named slice type declared in this package.
type Names []string

// Greetings greets every name; nil for no names.
//
// allocfix: rewrite — range over a parameter of a named slice type (the type's
// declaration says it is a slice): guarded make with len(names), inserted above
// the comment that introduces the loop.
func Greetings(names Names) []string {
	var out []string
	// One greeting per name.
	for _, n := range names {
		out = append(out, "hello "+n)
	}
	return out
}

// SquaresUntil returns the squares of 0 … n-1, stopping after the first one
// above limit.
//
// allocfix: keep — integer variable bound with a break: the loop may stop long
// before n, and make([]int, 0, n) would reserve (or panic on) a huge n the
// original never reached.
func SquaresUntil(n, limit int) []int {
	var out []int
	for i := 0; i < n; i++ {
		out = append(out, i*i)
		if i*i > limit {
			break
		}
	}
	return out
}

// Twice returns in repeated twice, built by jumping back over the loop.
//
// allocfix: keep — a label between the declaration and the loop can be the
// target of a backward goto: a guard before the loop would run again and drop
// the first pass.
func Twice(in []int) []int {
	var out []int
	pass := 0
again:
	pass++
	for _, x := range in {
		out = append(out, x)
	}
	if pass < 2 {
		goto again
	}
	return out
}

// Fields trims every comma-separated field of s; never nil (strings.Split
// returns at least one field).
//
// allocfix: rewrite — range over a local holding the result of strings.Split
// (resolved through the import: a slice): guarded make with len(parts).
func Fields(s string) []string {
	parts := strings.Split(s, ",")
	var out []string
	for _, p := range parts {
		out = append(out, strings.TrimSpace(p))
	}
	return out
}

// PairSums adds up the elements of in two by two; nil for fewer than two.
//
// allocfix: rewrite — counted loop bounded by a local whose type is not written
// (n := len(in) / 2): in `i < n` with `i := 0`, n can only be an int, so the
// guard `if n > 0` is exact.
func PairSums(in []int) []int {
	n := len(in) / 2
	var out []int
	for i := 0; i < n; i++ {
		out = append(out, in[2*i]+in[2*i+1])
	}
	return out
}
