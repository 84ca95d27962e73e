// Package prealloc holds the golden cases of the prealloc-slice transform:
// a slice built by one unconditional append per loop iteration gets its
// capacity reserved up front, without ever turning a nil result into an
// empty one (pulumi/pulumi#13311, vitessio/vitess#20092).
package prealloc

import (
	"strings"
	"unicode"
)

// Item is the element type of Order.
type Item struct {
	Name string
	Qty  int
}

// Order is ranged over through a field selector.
type Order struct {
	Items []*Item
}

// mapInts is the seed shape of exercise 5 (append without a capacity hint).
//
// allocfix: rewrite — `var out` + range over a slice: a guarded
// make([]int, 0, len(in)) right before the loop, so out stays nil for empty input.
func mapInts(in []int, f func(int) int) []int {
	var out []int
	for _, x := range in {
		out = append(out, f(x))
	}
	return out
}

// BuildSliceBad is the seed shape of go-memory-management.txt.
//
// allocfix: rewrite — positive constant bound: the loop always runs, so
// `var result []int` becomes `result := make([]int, 0, 1000)`.
func BuildSliceBad() []int {
	var result []int
	for i := 0; i < 1000; i++ {
		result = append(result, i)
	}
	return result
}

// Squares returns the first n squares; nil for n <= 0.
//
// allocfix: rewrite — counted loop with a variable bound: `if n > 0 { out = make([]int, 0, n) }`
// (nil kept for n <= 0, and no make panic for a negative n).
func Squares(n int) []int {
	var out []int
	for i := 0; i < n; i++ {
		out = append(out, i*i)
	}
	return out
}

// Countdown returns n, n-1, ..., 1; nil for n <= 0.
//
// allocfix: rewrite — `for i := range n` (go 1.22): same guarded make as a counted loop.
func Countdown(n int) []int {
	var out []int
	for i := range n {
		out = append(out, n-i)
	}
	return out
}

// UpperAll upper-cases every word; the result is never nil.
//
// allocfix: rewrite — `out := []string{}` is already non-nil: the initialiser
// becomes make([]string, 0, len(words)).
func UpperAll(words []string) []string {
	out := []string{}
	for _, w := range words {
		out = append(out, strings.ToUpper(w))
	}
	return out
}

// Lengths returns the byte length of every word; the result is never nil.
//
// allocfix: rewrite — `make([]int, 0)` becomes make([]int, 0, len(words)).
func Lengths(words []string) []int {
	out := make([]int, 0)
	for _, w := range words {
		out = append(out, len(w))
	}
	return out
}

// Reversed returns in backwards; nil for empty input.
//
// allocfix: rewrite — counted loop bounded by len(in) (in not assigned in the
// loop): guarded make with len(in).
func Reversed(in []string) []string {
	var out []string
	for i := 0; i < len(in); i++ {
		out = append(out, in[len(in)-1-i])
	}
	return out
}

// Alphabet returns "a" … "z"; never nil.
//
// allocfix: rewrite — non-nil form with a constant bound: `out := make([]string, 0, 26)`.
func Alphabet() []string {
	out := []string{}
	for i := 0; i < 26; i++ {
		out = append(out, string(rune('a'+i)))
	}
	return out
}

// Cubes returns the first n cubes; never nil, even for a negative n.
//
// allocfix: rewrite — non-nil form but a variable bound that may be negative:
// the initialiser stays, `if n > 0 { out = make([]int, 0, n) }` goes right before the loop.
func Cubes(n int) []int {
	out := []int{}
	for i := 0; i < n; i++ {
		out = append(out, i*i*i)
	}
	return out
}

// UpperRunes upper-cases every rune of s; nil for "".
//
// allocfix: rewrite — range over a string: len(s) counts bytes, an upper bound
// on the runes; nil-ness is identical (a non-empty string has at least one rune).
func UpperRunes(s string) []rune {
	var out []rune
	for _, r := range s {
		out = append(out, unicode.ToUpper(r))
	}
	return out
}

// Keys returns the keys of m in map order; nil for an empty map.
//
// allocfix: rewrite — range over a map, not modified in the loop: guarded make with len(m).
func Keys(m map[string]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// HexDigest spells a 16-byte digest as two-digit hex strings.
//
// allocfix: rewrite — range over an array: guarded make with len(sum), same form as a slice.
func HexDigest(sum [16]byte) []string {
	const digits = "0123456789abcdef"
	var out []string
	for _, b := range sum {
		out = append(out, digits[b>>4:b>>4+1]+digits[b&15:b&15+1])
	}
	return out
}

// Indent prefixes every line with depth tabs; nil for no lines.
//
// allocfix: rewrite — a statement that does not mention out sits between the
// declaration and the loop: the guard goes immediately before the loop.
func Indent(lines []string, depth int) []string {
	var out []string
	pad := strings.Repeat("\t", depth)
	for _, l := range lines {
		out = append(out, pad+l)
	}
	return out
}

// TakeThroughNegative copies in up to and including its first negative value.
//
// allocfix: rewrite — the break comes after the append, so every iteration
// that starts appends; the guard goes before the label, not between label and loop.
func TakeThroughNegative(in []int) []int {
	var out []int
scan:
	for _, x := range in {
		out = append(out, x)
		if x < 0 {
			break scan
		}
	}
	return out
}

// ItemNames returns the trimmed names of o's items; nil for no items.
//
// allocfix: rewrite — range over a field selector (no call, evaluated once more
// by len), with a plain statement before the append: guarded make with len(o.Items).
func ItemNames(o *Order) []string {
	var out []string
	for _, it := range o.Items {
		name := strings.TrimSpace(it.Name)
		out = append(out, name)
	}
	return out
}
