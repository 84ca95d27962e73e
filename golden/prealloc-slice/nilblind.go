package prealloc

import (
	"sort"
	"strings"
)

// ErrList is several errors reported as one (nsq's clusterinfo.ErrList).
type ErrList []error

// Error joins the messages.
//
// allocfix: rewrite — es is only handed to strings.Join, which treats nil and
// empty alike: the declaration becomes the make, without a guard.
func (l ErrList) Error() string {
	var es []string
	for _, e := range l {
		es = append(es, e.Error())
	}
	return strings.Join(es, "; ")
}

// DoubledSum sums twice each value, reading the doubled list by range and len.
//
// allocfix: rewrite — out is only ranged over and measured: no guard.
func DoubledSum(in []int) int {
	var out []int
	for _, x := range in {
		out = append(out, 2*x)
	}
	n := len(out)
	for _, y := range out {
		n += y
	}
	return n
}

// SortedKeys returns the keys in order, or nil for none.
//
// allocfix: rewrite — keys is returned after sorting, so nil stays observable:
// the guard stays.
func SortedKeys(m map[string]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Swapped swaps the case of every ASCII letter of s.
//
// allocfix: rewrite — out is only converted with string(out), which is ""
// for a nil and an empty slice alike: the declaration becomes the make,
// without a guard.
func Swapped(s string) string {
	var out []byte
	for i := 0; i < len(s); i++ {
		out = append(out, s[i]^0x20)
	}
	return string(out)
}

// Spaces keeps the whitespace of s (gjson's cleanWS).
//
// allocfix: unsafe — the append is conditional, so len(s) is only an upper
// bound; string(out) cannot tell nil from empty, so under --unsafe the
// declaration itself becomes the make, without a guard.
func Spaces(s string) string {
	var out []byte
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			out = append(out, s[i])
		}
	}
	return string(out)
}
