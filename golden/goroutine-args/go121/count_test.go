package goroutineargs

import (
	"sort"
	"testing"
)

func drainNames(t testing.TB, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = <-names
	}
	sort.Strings(out)
	return out
}

func drainNumbers(t testing.TB, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = <-numbers
	}
	sort.Ints(out)
	return out
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// One value per goroutine, before and after the fix (which values, the original leaves
// to the race: fixed_test.go pins them after the fix).
func TestOneValuePerGoroutine(t *testing.T) {
	notifyAll([]string{"a", "b", "c"})
	drainNames(t, 3)
	labelAll([]string{"x", "y"})
	drainNames(t, 2)
	countTo(4)
	drainNumbers(t, 4)
	pairs(map[string]int{"k": 1, "l": 2})
	drainNames(t, 2)
	letters("héj")
	drainNames(t, 3)
	product([]string{"a", "b"}, []string{"1", "2"})
	drainNames(t, 4)
	jobNames([]job{{1, "x"}, {2, "y"}})
	drainNames(t, 2)
}

// The functions allocfix leaves alone or only reports behave as they always did.
func TestKeptAndFound(t *testing.T) {
	users := []string{" a ", "b"}
	// waitAll and countAll keep the race (reported, not fixed): only the counts are sure.
	waitAll(users)
	drainNames(t, 2)
	trimmed(users)
	drainNames(t, 2)
	shout(users)
	drainNames(t, 2)
	twice(users)
	drainNames(t, 4)
	fromCall()
	drainNames(t, 2)
	prefixed(users)
	drainNames(t, 2)
	total := 0
	for _, n := range countAll(users) {
		total += n
	}
	if total != 2 {
		t.Fatalf("countAll: %d", total)
	}
	one("z")
	copied(users)
	direct(users)
	if got := drainNames(t, 5); !equal(got, []string{" a ", " a ", "b", "b", "z"}) {
		t.Fatalf("kept: %q", got)
	}
	ticks(users)
	if got := drainNumbers(t, 2); !equal(got, []int{1, 1}) {
		t.Fatalf("ticks: %v", got)
	}
	notifyUpgraded(users)
	if got := drainNames(t, 2); !equal(got, []string{" a ", "b"}) {
		t.Fatalf("upgraded: %q", got)
	}
	notifyGenerated(users)
	drainNames(t, 2)
	runAll([]job{{1, "x"}, {2, "y"}})
	drainNumbers(t, 2)
}
