package prealloc

import "strings"

// FilterPositive keeps the positive values; nil when none qualifies.
//
// allocfix: unsafe — the append is inside an if: len(in) is only an upper
// bound, and the guarded make (the --unsafe fix) turns nil into [] when no
// element is positive.
func FilterPositive(in []int) []int {
	var out []int
	for _, x := range in {
		if x > 0 {
			out = append(out, x)
		}
	}
	return out
}

// NonEmpty drops the empty strings; nil when all are empty.
//
// allocfix: unsafe — a continue before the append: same upper-bound guarded make
// under --unsafe only.
func NonEmpty(in []string) []string {
	var out []string
	for _, s := range in {
		if s == "" {
			continue
		}
		out = append(out, s)
	}
	return out
}

// PositiveOrNone keeps the positive values, after an early return for no
// input (gin's errorMsgs.ByType).
//
// allocfix: unsafe — the append is inside an if, and the early return proves
// the loop runs: under --unsafe the declaration itself becomes
// `out := make([]int, 0, len(in))`, not `var out []int` followed by an
// assignment.
func PositiveOrNone(in []int) []int {
	if len(in) == 0 {
		return nil
	}
	var out []int
	for _, x := range in {
		if x > 0 {
			out = append(out, x)
		}
	}
	return out
}

// Flatten concatenates the rows; nil when every row is empty.
//
// allocfix: keep — nested loops: the loop after the declaration does not
// append at its top level, and the inner loop is not in out's block.
func Flatten(rows [][]int) []int {
	var out []int
	for _, row := range rows {
		for _, v := range row {
			out = append(out, v)
		}
	}
	return out
}

// LastWithBase returns base plus the last element of in.
//
// allocfix: keep — out is assigned an append to a different slice, not accumulated.
func LastWithBase(base, in []int) []int {
	var out []int
	for _, x := range in {
		out = append(base, x)
	}
	return out
}

// Interleave emits x, -x for every x.
//
// allocfix: keep — two appends per iteration: len(in) is not the final length.
func Interleave(in []int) []int {
	var out []int
	for _, x := range in {
		out = append(out, x)
		out = append(out, -x)
	}
	return out
}

// Concat joins the parts; nil when every part is empty.
//
// allocfix: keep — a spread append adds zero or more elements, not exactly one:
// a guarded make would turn nil into [] for [][]string{{}}.
func Concat(parts [][]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// GrowthTrace returns the values and cap(out) after each append.
//
// allocfix: keep — out is read (cap) inside the loop: pre-sizing changes what
// the loop observes. (caps already has its capacity.)
func GrowthTrace(in []int) (vals, caps []int) {
	var out []int
	caps = make([]int, 0, len(in))
	for _, x := range in {
		out = append(out, x)
		caps = append(caps, cap(out))
	}
	return out, caps
}

// FromChannel drains ch; nil when ch is closed empty.
//
// allocfix: keep — range over a channel: no length known up front.
func FromChannel(ch <-chan int) []int {
	var out []int
	for v := range ch {
		out = append(out, v)
	}
	return out
}

// Tokenize is the seed shape of exercise 16.
//
// allocfix: keep — the range expression is a call: its length is unknown
// without evaluating strings.Fields twice.
func Tokenize(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		out = append(out, f)
	}
	return out
}

// FromOne returns 1 … n-1; nil for n <= 1.
//
// allocfix: keep — the counted loop starts at 1: `n > 0` is not "the loop
// runs" (n == 1 runs zero times), so a guard would turn nil into [].
func FromOne(n int) []int {
	var out []int
	for i := 1; i < n; i++ {
		out = append(out, i)
	}
	return out
}

// BreadthFirst lists the nodes reachable from root, level by level.
//
// allocfix: keep — the bound len(queue) has an operand assigned in the loop.
func BreadthFirst(children map[int][]int, root int) []int {
	var order []int
	queue := []int{root}
	for i := 0; i < len(queue); i++ {
		n := queue[i]
		order = append(order, n)
		queue = append(queue, children[n]...)
	}
	return order
}

// DrainKeys returns the keys of m and empties it.
//
// allocfix: keep — the ranged map is modified (delete) in the loop.
func DrainKeys(m map[string]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
		delete(m, k)
	}
	return keys
}

// WithHeader returns header followed by the rows.
//
// allocfix: keep — out is appended to between its declaration and the loop.
func WithHeader(header string, rows []string) []string {
	var out []string
	out = append(out, header)
	for _, r := range rows {
		out = append(out, r)
	}
	return out
}

// LeadingZeros means to copy in but starts from len(in) zero values
// (open-telemetry/opentelemetry-collector-contrib#24956).
//
// allocfix: finding — make([]int, len(in)) followed by append: reported, never rewritten.
func LeadingZeros(in []int) []int {
	out := make([]int, len(in))
	for _, x := range in {
		out = append(out, x)
	}
	return out
}
