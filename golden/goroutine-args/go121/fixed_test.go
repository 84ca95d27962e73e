//go:build allocfix_fixed

package goroutineargs

import "testing"

// After the fix every goroutine sends the value of its own iteration.
func TestEachGoroutineSeesItsIteration(t *testing.T) {
	for round := 0; round < 20; round++ {
		notifyAll([]string{"c", "a", "b"})
		if got := drainNames(t, 3); !equal(got, []string{"a", "b", "c"}) {
			t.Fatalf("notifyAll: %q", got)
		}
		labelAll([]string{"x", "y"})
		if got := drainNames(t, 2); !equal(got, []string{"0:x", "1:y"}) {
			t.Fatalf("labelAll: %q", got)
		}
		countTo(4)
		if got := drainNumbers(t, 4); !equal(got, []int{0, 1, 4, 9}) {
			t.Fatalf("countTo: %v", got)
		}
		pairs(map[string]int{"k": 1, "l": 2})
		if got := drainNames(t, 2); !equal(got, []string{"k=1", "l=2"}) {
			t.Fatalf("pairs: %q", got)
		}
		letters("héj")
		if got := drainNames(t, 3); !equal(got, []string{"h", "j", "é"}) {
			t.Fatalf("letters: %q", got)
		}
		product([]string{"a", "b"}, []string{"1", "2"})
		if got := drainNames(t, 4); !equal(got, []string{"a1", "a2", "b1", "b2"}) {
			t.Fatalf("product: %q", got)
		}
		jobNames([]job{{1, "x"}, {2, "y"}})
		if got := drainNames(t, 2); !equal(got, []string{"x", "y"}) {
			t.Fatalf("jobNames: %q", got)
		}
	}
}
