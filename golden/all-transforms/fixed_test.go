//go:build allocfix_fixed

package alltransforms

import "testing"

// These tests hold only after the fix: each iteration releases its item
// before the next one is acquired.

func TestOneHeldAtATime(t *testing.T) {
	reset("a", "b", "c")
	if err := visit([]string{"a", "b", "c"}); err != nil {
		t.Fatal(err)
	}
	if store.maxHeld != 1 {
		t.Fatalf("visit held %d items at once", store.maxHeld)
	}
}
