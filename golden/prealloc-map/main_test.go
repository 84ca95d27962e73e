package preallocmap

import (
	"os"
	"runtime/debug"
	"testing"
)

// TestMain turns the automatic collector off; the explicit runtime.GC the
// benchmark framework runs before each benchmark still frees memory. A GC
// cycle in the middle of a 200-iteration benchmark adds or hides a few
// allocations, and allocs/op is truncated: 2399/200 prints 11, 2400/200
// prints 12. Without the collector the counts are exact and repeatable.
func TestMain(m *testing.M) {
	debug.SetGCPercent(-1)
	os.Exit(m.Run())
}
