package prealloc

import (
	"errors"
	"sort"
	"strconv"
)

// Member is a cluster member.
type Member struct {
	ID   uint64
	Name string
}

// MembersByID is a named slice type declared in this package.
type MembersByID []*Member

// Less orders members by id.
//
// allocfix: keep — support code, no pattern.
func (ms MembersByID) Less(i, j int) bool { return ms[i].ID < ms[j].ID }

// Len is the number of members.
//
// allocfix: keep — support code, no pattern.
func (ms MembersByID) Len() int { return len(ms) }

// Swap swaps two members.
//
// allocfix: keep — support code, no pattern.
func (ms MembersByID) Swap(i, j int) { ms[i], ms[j] = ms[j], ms[i] }

// SortedMembers returns the members sorted by id; nil for none.
//
// allocfix: rewrite — out has the named slice type MembersByID: a guarded
// make(MembersByID, 0, len(members)) keeps nil for no members.
func SortedMembers(members map[uint64]*Member) MembersByID {
	var out MembersByID
	for _, m := range members {
		out = append(out, m)
	}
	sort.Sort(out)
	return out
}

// MemberList copies members into a MembersByID that starts empty.
//
// allocfix: rewrite — MembersByID{} becomes make(MembersByID, 0, len(ms)).
func MemberList(ms []*Member) MembersByID {
	out := MembersByID{}
	for _, m := range ms {
		out = append(out, m)
	}
	return out
}

// JoinErrors returns first followed by the rest.
//
// allocfix: rewrite — a non-empty literal start: the capacity is
// len(rest)+1, and first goes into the made slice with append.
func JoinErrors(first error, rest []error) []error {
	errs := []error{first}
	for _, e := range rest {
		errs = append(errs, e)
	}
	return errs
}

// Framed returns a header, 100 numbered lines and no footer.
//
// allocfix: rewrite — two literal elements and a constant bound: capacity 102.
func Framed(title, sub string) []string {
	lines := []string{title, sub}
	for i := 0; i < 100; i++ {
		lines = append(lines, strconv.Itoa(i))
	}
	return lines
}

// ConcatMarked returns the words of a then those of b, marked; nil when both are
// empty.
//
// allocfix: rewrite — two loops, each appending once per iteration: the
// capacity is len(a)+len(b), guarded so that nil stays nil.
func ConcatMarked(a, b []string) []string {
	var out []string
	for _, x := range a {
		out = append(out, x)
	}
	for _, y := range b {
		out = append(out, y+"!")
	}
	return out
}

// KeysAndValues returns the sorted keys then the values of m, and a trailer.
//
// allocfix: rewrite — a literal start and two loops: len(keys)+len(m)+1.
func KeysAndValues(keys []string, m map[string]string) []string {
	out := []string{"kv"}
	for _, k := range keys {
		out = append(out, k)
	}
	for _, k := range keys {
		out = append(out, m[k])
	}
	return out
}

// FilteredSecond reserves for the first loop only.
//
// allocfix: rewrite — the second loop appends conditionally, so only len(a)
// is reserved.
func FilteredSecond(a, b []string) []string {
	var out []string
	for _, x := range a {
		out = append(out, x)
	}
	for _, y := range b {
		if y != "" {
			out = append(out, y)
		}
	}
	return out
}

// errCheck is called while the literal is built.
var errCheck = errors.New("check")

// check may have side effects.
//
// allocfix: keep — support code, no pattern.
func check(n int) error {
	if n > 0 {
		return errCheck
	}
	return nil
}

// CheckAll starts from the result of a call.
//
// allocfix: keep — the literal's element is a call: it would be evaluated after
// len(rest) instead of before.
func CheckAll(n int, rest []error) []error {
	errs := []error{check(n)}
	for _, e := range rest {
		errs = append(errs, e)
	}
	return errs
}

// Point is a pair of coordinates.
type Point struct{ X, Y int }

// Path starts at the origin.
//
// allocfix: keep — {0, 0} has its type elided: it cannot be passed to append
// as written.
func Path(ps []Point) []Point {
	out := []Point{{0, 0}}
	for _, p := range ps {
		out = append(out, p)
	}
	return out
}

// Countdown2 starts with a marker and counts n down.
//
// allocfix: keep — a literal start with an integer variable bound: a negative
// n would make make panic.
func Countdown2(n int) []int {
	out := []int{-1}
	for i := 0; i < n; i++ {
		out = append(out, n-i)
	}
	return out
}

// Sorted copies into sort.StringSlice.
//
// allocfix: keep — sort.StringSlice is a slice type of another package: only
// named types declared here are read.
func Sorted(in []string) sort.StringSlice {
	var out sort.StringSlice
	for _, s := range in {
		out = append(out, s)
	}
	out.Sort()
	return out
}

// List is a generic slice type.
type List[T any] []T

// Listed copies into a List[int].
//
// allocfix: keep — a generic named type: its underlying type is not read.
func Listed(in []int) List[int] {
	var out List[int]
	for _, x := range in {
		out = append(out, x)
	}
	return out
}
