package timerreuse

import (
	"testing"
	"time"
)

// TestTimerSemantics pins the timer semantics this module runs with: the go
// line of go.mod is 1.21, so even a newer toolchain keeps the pre-1.23
// buffered timer channels (GODEBUG asynctimerchan=1): a timer that fired
// unobserved keeps its value in C across Reset unless it is drained.
func TestTimerSemantics(t *testing.T) {
	timer := time.NewTimer(time.Millisecond)
	defer timer.Stop()
	if c := cap(timer.C); c != 1 {
		t.Fatalf("cap(timer.C) = %d, want 1 (pre-1.23 buffered timer channels)", c)
	}
	time.Sleep(5 * time.Millisecond)
	timer.Reset(time.Hour)
	select {
	case <-timer.C:
	default:
		t.Fatal("Reset without drain lost the stale value; want pre-1.23 semantics")
	}
}
