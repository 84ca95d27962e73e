// Package tokens returns fresh slices to loops.
package tokens

import (
	"errors"
	"strings"
)

// Tokenize returns the fields of s in a new slice.
// allocfix: finding
func Tokenize(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		out = append(out, f)
	}
	return out
}

// CountTokens uses each line's tokens within the iteration only.
// allocfix: keep
func CountTokens(lines []string) int {
	n := 0
	for _, l := range lines {
		tokens := Tokenize(l)
		n += analyze(tokens)
	}
	return n
}

// allocfix: keep
func analyze(tokens []string) int { return len(tokens) }

// digits returns the digits of s, or an error.
// allocfix: finding
func digits(s string) ([]int, error) {
	out := make([]int, 0, len(s))
	for _, r := range s {
		if r < '0' || r > '9' {
			return nil, errors.New("not a digit")
		}
		out = append(out, int(r-'0'))
	}
	return out, nil
}

// SumDigits ranges over each result in place.
// allocfix: keep
func SumDigits(words []string) (int, error) {
	sum := 0
	for _, w := range words {
		ds, err := digits(w)
		if err != nil {
			return 0, err
		}
		for _, d := range ds {
			sum += d
		}
	}
	return sum, nil
}

// upper returns the upper-cased words of s.
// allocfix: finding
func upper(s string) []string {
	out := []string{}
	for _, w := range strings.Fields(s) {
		out = append(out, strings.ToUpper(w))
	}
	return out
}

// Shout ranges over the call directly.
// allocfix: keep
func Shout(lines []string) int {
	n := 0
	for _, l := range lines {
		for _, w := range upper(l) {
			n += len(w)
		}
	}
	return n
}

// words is called by loops that keep its result.
// allocfix: keep
func words(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		out = append(out, w)
	}
	return out
}

// Index keeps every result: the result outlives the iteration.
// allocfix: keep
func Index(lines []string) map[string][]string {
	m := map[string][]string{}
	for _, l := range lines {
		ws := words(l)
		m[l] = ws
	}
	return m
}

// Collect appends each result to a slice of results.
// allocfix: keep
func Collect(lines []string) [][]string {
	var all [][]string
	for _, l := range lines {
		ws := words(l)
		all = append(all, ws)
	}
	return all
}

// fields returns a slice made elsewhere.
// allocfix: keep
func fields(s string) []string { return strings.Fields(s) }

// cache keeps the slice it builds as well as returning it.
type cache struct{ last []string }

// split stores its result in the cache too.
// allocfix: keep
func (c *cache) split(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		out = append(out, w)
	}
	c.last = out
	return out
}

// Lengths calls fields and split in a loop.
// allocfix: keep
func Lengths(lines []string) int {
	c := &cache{}
	n := 0
	for _, l := range lines {
		fs := fields(l)
		ss := c.split(l)
		n += len(fs) + len(ss)
	}
	return n
}

// pairs is only called outside loops.
// allocfix: keep
func pairs(s string) []string {
	var out []string
	for i := 0; i+1 < len(s); i += 2 {
		out = append(out, s[i:i+2])
	}
	return out
}

// FirstPair calls pairs once.
// allocfix: keep
func FirstPair(s string) string {
	ps := pairs(s)
	if len(ps) == 0 {
		return ""
	}
	return ps[0]
}

// reuse assigns each result to a variable declared before the loop.
// allocfix: keep
func reuse(lines []string) int {
	var last []string
	n := 0
	for _, l := range lines {
		last = pairs(l)
		n += len(last)
	}
	return n + len(last)
}

// Spawn hands each result to a goroutine.
// allocfix: keep
func Spawn(lines []string, done chan<- int) {
	for _, l := range lines {
		ps := pairs(l)
		go func() { done <- len(ps) }()
	}
}

// raw returns bytes made with make (buffer-per-call's pattern).
// allocfix: keep
func raw(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		out = append(out, s[i]|0x20)
	}
	return out
}

// Lower uses raw in a loop.
// allocfix: keep
func Lower(lines []string) int {
	n := 0
	for _, l := range lines {
		b := raw(l)
		n += len(b)
	}
	return n
}
