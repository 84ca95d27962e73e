package prealloc

import "strings"

// UpperIfAny upper-cases the words, or returns nil for none.
//
// allocfix: rewrite — the enclosing `if len(words) != 0` already proves the
// loop runs: make([]string, 0, len(words)) directly, without a second guard.
func UpperIfAny(words []string) []string {
	if len(words) != 0 {
		var out []string
		for _, w := range words {
			out = append(out, strings.ToUpper(w))
		}
		return out
	}
	return nil
}

// PairsOnly doubles xs when it has at least two elements and enabled is set.
//
// allocfix: rewrite — `len(xs) > 1 && enabled` requires len(xs) > 0: no guard.
func PairsOnly(xs []int, enabled bool) []int {
	if len(xs) > 1 && enabled {
		var out []int
		for _, x := range xs {
			out = append(out, 2*x)
		}
		return out
	}
	return xs
}

// Negated returns -x for every x, or nil for none.
//
// allocfix: rewrite — an earlier `if len(xs) == 0 { return nil }` in the same
// block proves the loop runs: the declaration becomes the make.
func Negated(xs []int) []int {
	if len(xs) == 0 {
		return nil
	}
	var out []int
	for _, x := range xs {
		out = append(out, -x)
	}
	return out
}

// Halved returns x/2 for every x, or nil for none.
//
// allocfix: rewrite — the early return comes after the declaration: the make
// goes right before the loop, without a guard.
func Halved(xs []int) []int {
	var out []int
	if xs == nil || len(xs) == 0 {
		return nil
	}
	for _, x := range xs {
		out = append(out, x/2)
	}
	return out
}

// Shifts returns, for every k, xs plus k; no rows when xs is empty.
//
// allocfix: rewrite — `if len(xs) == 0 { continue }` proves the inner loop
// runs: `out` gets its capacity without a guard.
func Shifts(xs, ks []int) [][]int {
	res := make([][]int, 0, len(ks))
	for _, k := range ks {
		if len(xs) == 0 {
			continue
		}
		var out []int
		for _, x := range xs {
			out = append(out, x+k)
		}
		res = append(res, out)
	}
	return res
}

// OtherGuard squares xs when ys is non-empty.
//
// allocfix: rewrite — the check is on ys, not on the ranged xs: the guard
// len(xs) > 0 stays, so that an empty xs still gives nil.
func OtherGuard(xs, ys []int) []int {
	if len(ys) > 0 {
		var out []int
		for _, x := range xs {
			out = append(out, x*x)
		}
		return out
	}
	return nil
}

// AfterFirst returns the elements after the first one, plus one.
//
// allocfix: rewrite — xs is reassigned between the check and the loop (it may
// be empty again): the guard stays.
func AfterFirst(xs []int) []int {
	if len(xs) == 0 {
		return nil
	}
	xs = xs[1:]
	var out []int
	for _, x := range xs {
		out = append(out, x+1)
	}
	return out
}

// Logged returns xs plus one, noting an empty input in *note.
//
// allocfix: rewrite — the `len(xs) == 0` branch falls through to the loop: the
// guard stays.
func Logged(xs []int, note *string) []int {
	if len(xs) == 0 {
		*note = "empty"
	}
	var out []int
	for _, x := range xs {
		out = append(out, x+1)
	}
	return out
}

// ElseBranch returns xs plus two when the flag is off.
//
// allocfix: rewrite — the loop is in the else branch of `len(xs) > 0`: the
// check proves nothing there, the guard stays.
func ElseBranch(xs []int, flag bool) []int {
	if len(xs) > 0 && flag {
		return nil
	} else {
		var out []int
		for _, x := range xs {
			out = append(out, x+2)
		}
		return out
	}
}

// Stats counts published messages per topic.
type Stats struct {
	Counts []int
	Names  []string
}

// CountLabels renders one label per count when there are any (nsq's ClientStats.String).
//
// allocfix: rewrite — the enclosing `if len(s.Counts) > 0` checks the same field of
// the same variable, and nothing between the check and the loop can change it: the
// declaration becomes the make, without a second guard.
func CountLabels(s *Stats) []string {
	if len(s.Counts) > 0 {
		var total int
		var out []string
		for _, c := range s.Counts {
			total += c
			out = append(out, "n"+string(rune('0'+c%10)))
		}
		return append(out, string(rune('0'+total%10)))
	}
	return nil
}

// CountLabelsAfterReset is CountLabels with a call between the check and the loop.
//
// allocfix: rewrite — reset may empty s.Counts through the pointer, so the check
// proves nothing at the loop: the guard stays.
func CountLabelsAfterReset(s *Stats, reset func(*Stats)) []string {
	if len(s.Counts) > 0 {
		reset(s)
		var out []string
		for _, c := range s.Counts {
			out = append(out, "n"+string(rune('0'+c%10)))
		}
		return out
	}
	return nil
}

// NamesOfOther checks one value's field and ranges over another's.
//
// allocfix: rewrite — the check is on a.Names, the loop on b.Names: the guard stays.
func NamesOfOther(a, b *Stats) []string {
	if len(a.Names) > 0 {
		var out []string
		for _, n := range b.Names {
			out = append(out, n+"!")
		}
		return out
	}
	return nil
}
