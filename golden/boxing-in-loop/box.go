// Package box passes values to `any` parameters in loops.
package box

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"
)

// User is a row to print.
type User struct {
	Name   string
	Points int
}

// Point has two fields: boxing it copies 16 bytes to the heap.
type Point struct{ X, Y int }

// Handle has one pointer field: it fits the interface word.
type Handle struct{ p *int }

// Empty has no fields.
type Empty struct{}

const limit = 1000

// printUsers boxes a string and an int per user.
// allocfix: finding
func printUsers(w io.Writer, users []User) {
	for _, u := range users {
		fmt.Fprintln(w, u.Name, u.Points)
	}
}

// logIDs boxes each id: slog's key-value pairs are `...any`.
// allocfix: finding
func logIDs(l *slog.Logger, ids []int64) {
	for _, id := range ids {
		l.Info("seen", "id", id)
	}
}

// printPoints boxes a two-field struct.
// allocfix: finding
func printPoints(w io.Writer, ps []Point) {
	for i := range ps {
		fmt.Fprint(w, ps[i])
	}
}

// printWaits boxes a named integer of the standard library and a float.
// allocfix: finding
func printWaits(w io.Writer, waits []time.Duration) {
	for _, d := range waits {
		fmt.Fprintln(w, d, d.Seconds())
	}
}

var recorded []any

// record keeps its argument: boxing escapes.
// allocfix: keep
func record(v any) { recorded = append(recorded, v) }

// recordAll calls a package function that keeps the value.
// allocfix: finding
func recordAll(ns []int) {
	for _, n := range ns {
		record(n + limit)
	}
}

// emit passes every argument on to fmt.
// allocfix: keep
func emit(w io.Writer, args ...any) {
	for _, a := range args {
		fmt.Fprint(w, a, " ")
	}
}

// emitAll calls a variadic `...any` function of the package.
// allocfix: finding
func emitAll(w io.Writer, names []string) {
	for _, s := range names {
		emit(w, "name", s)
	}
}

// isNil only compares its argument: the compiler boxes on the caller's stack.
// allocfix: keep
func isNil(v any) bool { return v == nil }

// countNil calls a package function whose `any` parameter does not escape.
// allocfix: keep
func countNil(ns []int) int {
	c := 0
	for _, n := range ns {
		if isNil(n + limit) {
			c++
		}
	}
	return c
}

// printConsts passes only constants.
// allocfix: keep
func printConsts(w io.Writer, n int) {
	for i := 0; i < n; i++ {
		fmt.Fprintln(w, "row", 42, limit, 2.5)
	}
}

// printPointers passes pointers, a one-pointer struct and an empty struct.
// allocfix: keep
func printPointers(w io.Writer, users []User, h Handle) {
	for i := range users {
		fmt.Fprintf(w, "%p %v %v\n", &users[i], h, Empty{})
	}
}

// printBytes passes single-byte values and evidently small integers.
// allocfix: keep
func printBytes(w io.Writer, data []byte, n int) {
	for _, c := range data {
		fmt.Fprintln(w, c, c > 'a', int(c), n&0x7f)
	}
}

// printErrors passes values that are interfaces already.
// allocfix: keep
func printErrors(w io.Writer, errs []error) {
	for _, err := range errs {
		fmt.Fprintln(w, err)
	}
}

// labels builds strings with Sprintf: its result allocates anyway (sprintf-strconv's site).
// allocfix: keep
func labels(ns []int) []string {
	out := make([]string, 0, len(ns))
	for _, n := range ns {
		out = append(out, fmt.Sprintf("n=%d", n))
	}
	return out
}

// parseAll reports only on its error path.
// allocfix: keep
func parseAll(w io.Writer, ns []int, check func(int) error) int {
	ok := 0
	for _, n := range ns {
		if err := check(n); err != nil {
			fmt.Fprintln(w, "skipping", n, err)
			continue
		}
		ok++
	}
	return ok
}

// firstBig prints once, on the way out of the loop.
// allocfix: keep
func firstBig(w io.Writer, ns []int) int {
	for _, n := range ns {
		if n > limit {
			fmt.Fprintln(w, "first big value", n)
			return n
		}
	}
	return -1
}

// printOnce is not in a loop.
// allocfix: keep
func printOnce(w io.Writer, n int) {
	fmt.Fprintln(w, "total", n)
}

// later builds closures in a loop: their calls are not repeated by it.
// allocfix: keep
func later(w io.Writer, ns []int) []func() {
	var fns []func()
	for _, n := range ns {
		fns = append(fns, func() { fmt.Fprintln(w, n) })
	}
	return fns
}

// spread passes a slice of interfaces as it is.
// allocfix: keep
func spread(w io.Writer, rows [][]any) {
	for _, r := range rows {
		fmt.Fprintln(w, r...)
	}
}

// logTyped uses slog's typed attributes: nothing is boxed.
// allocfix: keep
func logTyped(ctx context.Context, l *slog.Logger, ids []int64) {
	for _, id := range ids {
		l.LogAttrs(ctx, slog.LevelInfo, "seen", slog.Int64("id", id))
	}
}

// show is generic: its parameter keeps its type.
// allocfix: keep
func show[T any](w io.Writer, v T) { fmt.Fprint(w, v) }

// showAll calls a generic function.
// allocfix: keep
func showAll(w io.Writer, ns []int) {
	for _, n := range ns {
		show(w, n)
	}
}

// classify prints in a case that ends in the switch's own break: still once per iteration.
// allocfix: finding
func classify(w io.Writer, ns []int) {
	for _, n := range ns {
		switch {
		case n > limit:
			fmt.Fprintln(w, "big", n)
			break
		default:
		}
	}
}

// reject logs at error level: an error path, even outside `if err != nil`.
// allocfix: keep
func reject(l *slog.Logger, ns []int) int {
	bad := 0
	for _, n := range ns {
		if n < 0 {
			l.Error("negative value", "n", n)
			bad++
		}
	}
	return bad
}
