package goroutineargs

import (
	"sort"
	"testing"
)

func drainNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = <-names
	}
	sort.Strings(out)
	return out
}

func drainNumbers(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = <-numbers
	}
	sort.Ints(out)
	return out
}

func TestEachGoroutineSeesItsIteration(t *testing.T) {
	for round := 0; round < 20; round++ {
		notifyAll([]string{"c", "a", "b"})
		if got := drainNames(3); len(got) != 3 || got[0] != "a" || got[1] != "b" || got[2] != "c" {
			t.Fatalf("notifyAll: %q", got)
		}
		countTo(4)
		if got := drainNumbers(4); len(got) != 4 || got[0] != 0 || got[1] != 1 || got[2] != 4 || got[3] != 9 {
			t.Fatalf("countTo: %v", got)
		}
		pairs(map[string]int{"k": 1, "l": 2})
		if got := drainNames(2); len(got) != 2 || got[0] != "k=1" || got[1] != "l=2" {
			t.Fatalf("pairs: %q", got)
		}
		waitAll([]string{"y", "x"})
		if got := drainNames(2); len(got) != 2 || got[0] != "x" || got[1] != "y" {
			t.Fatalf("waitAll: %q", got)
		}
	}
}

var benchUsers = []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}

func BenchmarkKept_NotifyAll(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		notifyAll(benchUsers)
		drainNames(len(benchUsers))
	}
}

func BenchmarkKept_WaitAll(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		waitAll(benchUsers)
		drainNames(len(benchUsers))
	}
}
