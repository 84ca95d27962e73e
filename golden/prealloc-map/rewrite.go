// Package preallocmap holds the golden cases of the prealloc-map transform:
// a map filled with one key per loop iteration over a collection of known
// length gets a size hint. Maps built by make or a literal are never nil, so
// the hint is always exact semantically.
package preallocmap

import (
	"fmt"
	"math/bits"
	"strings"
)

// Item is indexed by IndexByName.
type Item struct {
	Name string
	Qty  int
}

// BuildMapBad is the seed shape of go-memory-management.txt ("Maps also
// benefit from pre-allocation"), before the hint.
//
// allocfix: rewrite — constant bound: make(map[int]string, 1000).
func BuildMapBad() map[int]string {
	result := make(map[int]string)
	for i := 0; i < 1000; i++ {
		result[i] = fmt.Sprintf("value%d", i)
	}
	return result
}

// IndexWords maps every word to its last position.
//
// allocfix: rewrite — `map[string]int{}` + range over a slice: make(map[string]int, len(words)).
func IndexWords(words []string) map[string]int {
	m := map[string]int{}
	for i, w := range words {
		m[w] = i
	}
	return m
}

// Invert swaps keys and values.
//
// allocfix: rewrite — range over a map: make(map[int]string, len(src)).
func Invert(src map[string]int) map[int]string {
	dst := make(map[int]string)
	for k, v := range src {
		dst[v] = k
	}
	return dst
}

// RunePositions maps every rune of s to the byte offset of its last occurrence.
//
// allocfix: rewrite — range over a string: len(s) (bytes) bounds the rune count.
func RunePositions(s string) map[rune]int {
	pos := make(map[rune]int)
	for i, r := range s {
		pos[r] = i
	}
	return pos
}

// Zip pairs keys[i] with vals[i].
//
// allocfix: rewrite — counted loop bounded by len(keys) (never negative, keys
// not assigned in the loop): make(map[string]int, len(keys)).
func Zip(keys []string, vals []int) map[string]int {
	m := map[string]int{}
	for i := 0; i < len(keys); i++ {
		m[keys[i]] = vals[i]
	}
	return m
}

// PopCounts maps every byte to its number of set bits.
//
// allocfix: rewrite — `for i := range 256` (go 1.22), a constant bound: make(map[byte]int, 256).
func PopCounts() map[byte]int {
	pc := make(map[byte]int)
	for i := range 256 {
		pc[byte(i)] = bits.OnesCount8(uint8(i))
	}
	return pc
}

// IndexByName indexes items by lower-cased name, pointing into items.
//
// allocfix: rewrite — a statement not mentioning idx between the declaration and
// the loop, a plain statement before the assignment: make(map[string]*Item, len(items)).
func IndexByName(items []Item) map[string]*Item {
	idx := make(map[string]*Item)
	fold := strings.ToLower
	for i := range items {
		key := fold(items[i].Name)
		idx[key] = &items[i]
	}
	return idx
}

// Identity maps 0 … n-1 to themselves.
//
// allocfix: rewrite — variable bound of a counted loop, keyed by the loop
// variable with no early exit: the map ends with exactly max(n, 0) keys, so
// make(map[int]int, n) is exact (a negative hint does not panic for maps: the
// spec panics only for slices and channels, the runtime treats it as 0).
func Identity(n int) map[int]int {
	m := make(map[int]int)
	for i := 0; i < n; i++ {
		m[i] = i
	}
	return m
}
